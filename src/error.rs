//! Errors and the validation report.

use std::fmt;

/// The rule of Decree 30 (as written down in the project's `nd30.md`) that a
/// [`Problem`] is about.
///
/// ```
/// use vanban::Rule;
/// assert_eq!(Rule::NumberSymbol.section(), "§2.3");
/// assert!(Rule::NumberSymbol.to_string().contains("Số, ký hiệu"));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Rule {
    /// §1: page size and margins (Phụ lục I, I.1–I.3).
    Page,
    /// §1, F8: Unicode NFC text, no control characters, glyphs the font has (Phụ lục I, I.4).
    Encoding,
    /// §2.2: the issuing agency and its parent (Phụ lục I, II.2).
    Agency,
    /// §2.3: number and symbol (Phụ lục I, II.3).
    NumberSymbol,
    /// §2.4: place and date (Phụ lục I, II.4).
    PlaceDate,
    /// §2.2: the document's title, trích yếu (Phụ lục I, II.5.b).
    Title,
    /// §2.5: body structure and numbering (Phụ lục I, II.6).
    Numbering,
    /// §2.5, F7: letters of points (a, b, c, d, đ, e, g …).
    PointLetters,
    /// §2.5, F6: the body ends with `./.`.
    EndMark,
    /// §2.6: the signature block (Phụ lục I, II.7).
    Signer,
    /// §2.7, F5: recipients (Nơi nhận) and the archive line (Phụ lục I, II.9).
    Recipients,
    /// §2.2: urgency, confidentiality, circulation and draft marks (Phụ lục I, III.2).
    Marks,
    /// §2.8: appendices (Phụ lục I, III.1).
    Appendix,
    /// F8: one tone-mark convention per document (hòa / hoà).
    ToneMarks,
    /// Inline `**bold**` / `*italic*` markers (vanban's input format, not the decree).
    Markup,
    /// §12: the forms a plan travels with (công văn, Kính gửi).
    Form,
    /// §9: issuing electronically (signature and seal images, places).
    Signing,
    /// §10: the administrative map from 1 July 2025 (34 provinces, no
    /// district level).
    AdminMap,
    /// Tables: a grid that closes, a size vanban can print, a width the page
    /// holds (landscape only for tables, Phụ lục I, I.2).
    Table,
    /// Party documents, HD 05 I-1.2 and I-2.2: the header (`ĐẢNG CỘNG SẢN
    /// VIỆT NAM`, the superior and issuing bodies, no `BAN THƯỜNG VỤ`).
    PartyHeader,
    /// Party documents, HD 05 I-3.2: the symbol `Số 12-KH/ĐU` and the
    /// bodies' abbreviations.
    PartySymbol,
    /// Party documents, HD 05 I-6.2.2: the content ends with `.`.
    PartyEndMark,
    /// Party documents, HD 05 I-6.2.3: căn cứ lines, `- ` before each, `;`
    /// after each, `.` after the last.
    PartyBasis,
    /// Party documents, HD 05 I-7.1: `T/M`, `K/T`, `T/L`, `Q.`; a cấp ủy
    /// signs `T/M`.
    PartySigner,
    /// Party documents, HD 05 I-9.2.5: Nơi nhận and `- Lưu Văn phòng …`.
    PartyRecipients,
    /// Party documents, HD 05 IV-4: fixed margins.
    PartyPage,
    /// Party documents: what vanban prints of the Party's forms (Quy định
    /// 399-QĐ/TW; HD 05 II for marks).
    PartyForm,
}

impl Rule {
    /// The section that states the rule: of `nd30.md`, or of Hướng dẫn
    /// 05-HD/VPTW for the Party rules (see [`Rule::source`]).
    pub fn section(self) -> &'static str {
        match self {
            Rule::Page | Rule::Encoding => "§1",
            Rule::Agency | Rule::Title | Rule::Marks => "§2.2",
            Rule::NumberSymbol => "§2.3",
            Rule::PlaceDate => "§2.4",
            Rule::Numbering | Rule::PointLetters | Rule::EndMark => "§2.5",
            Rule::Signer => "§2.6",
            Rule::Recipients => "§2.7",
            Rule::Appendix => "§2.8",
            Rule::ToneMarks => "§5 F8",
            Rule::Markup => "input format",
            Rule::Table => "§1",
            Rule::AdminMap => "§10",
            Rule::Signing => "§9",
            Rule::Form => "§12",
            Rule::PartyHeader => "I-1.2, I-2.2",
            Rule::PartySymbol => "I-3.2",
            Rule::PartyEndMark => "I-6.2.2",
            Rule::PartyBasis => "I-6.2.3",
            Rule::PartySigner => "I-7.1",
            Rule::PartyRecipients => "I-9.2.5",
            Rule::PartyPage => "IV-4",
            Rule::PartyForm => "II",
        }
    }

    /// The text that states the rule: `ND30` (Decree 30/2020/NĐ-CP, its
    /// sections as in `nd30.md`) or `HD05` (Hướng dẫn 05-HD/VPTW, for Party
    /// documents).
    ///
    /// ```
    /// assert_eq!(vanban::Rule::PartySigner.source(), "HD05");
    /// assert_eq!(vanban::Rule::Signer.source(), "ND30");
    /// ```
    pub fn source(self) -> &'static str {
        match self {
            Rule::PartyHeader
            | Rule::PartySymbol
            | Rule::PartyEndMark
            | Rule::PartyBasis
            | Rule::PartySigner
            | Rule::PartyRecipients
            | Rule::PartyPage
            | Rule::PartyForm => "HD05",
            _ => "ND30",
        }
    }

    /// A stable identifier for programs (editors, CI): kebab-case, e.g.
    /// `number-symbol`.
    ///
    /// ```
    /// assert_eq!(vanban::Rule::NumberSymbol.id(), "number-symbol");
    /// ```
    pub fn id(self) -> &'static str {
        match self {
            Rule::Page => "page",
            Rule::Encoding => "encoding",
            Rule::Agency => "agency",
            Rule::NumberSymbol => "number-symbol",
            Rule::PlaceDate => "place-date",
            Rule::Title => "title",
            Rule::Numbering => "numbering",
            Rule::PointLetters => "point-letters",
            Rule::EndMark => "end-mark",
            Rule::Signer => "signer",
            Rule::Recipients => "recipients",
            Rule::Marks => "marks",
            Rule::Appendix => "appendix",
            Rule::ToneMarks => "tone-marks",
            Rule::Markup => "markup",
            Rule::Table => "table",
            Rule::AdminMap => "admin-map",
            Rule::Signing => "signing",
            Rule::Form => "form",
            Rule::PartyHeader => "party-header",
            Rule::PartySymbol => "party-symbol",
            Rule::PartyEndMark => "party-end-mark",
            Rule::PartyBasis => "party-basis",
            Rule::PartySigner => "party-signer",
            Rule::PartyRecipients => "party-recipients",
            Rule::PartyPage => "party-page",
            Rule::PartyForm => "party-form",
        }
    }

    /// A short Vietnamese name of the component the rule governs.
    pub fn component(self) -> &'static str {
        match self {
            Rule::Page => "khổ giấy, lề trang",
            Rule::Encoding => "phông chữ, mã ký tự",
            Rule::Agency => "tên cơ quan ban hành",
            Rule::NumberSymbol => "Số, ký hiệu",
            Rule::PlaceDate => "địa danh và thời gian",
            Rule::Title => "tên loại và trích yếu",
            Rule::Numbering => "bố cục, đánh số",
            Rule::PointLetters => "thứ tự điểm a), b), c)",
            Rule::EndMark => "dấu kết thúc ./.",
            Rule::Signer => "quyền hạn, chức vụ, họ tên người ký",
            Rule::Recipients => "nơi nhận",
            Rule::Marks => "dấu mức độ khẩn, độ mật, phạm vi lưu hành",
            Rule::Appendix => "phụ lục",
            Rule::ToneMarks => "vị trí dấu thanh",
            Rule::Markup => "chữ đậm, chữ nghiêng",
            Rule::Table => "bảng",
            Rule::AdminMap => "đơn vị hành chính",
            Rule::Signing => "chữ ký số, con dấu",
            Rule::Form => "thể thức văn bản",
            Rule::PartyHeader => "tiêu đề, tên cơ quan ban hành (văn bản Đảng)",
            Rule::PartySymbol => "số, ký hiệu (văn bản Đảng)",
            Rule::PartyEndMark => "kết thúc nội dung (văn bản Đảng)",
            Rule::PartyBasis => "căn cứ ban hành (văn bản Đảng)",
            Rule::PartySigner => "thể thức đề ký (văn bản Đảng)",
            Rule::PartyRecipients => "nơi nhận (văn bản Đảng)",
            Rule::PartyPage => "lề trang (văn bản Đảng)",
            Rule::PartyForm => "thể loại, thành phần bổ sung (văn bản Đảng)",
        }
    }
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {} ({})", self.source(), self.section(), self.component())
    }
}

/// How serious a [`Problem`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Severity {
    /// The document would break the decree: rendering refuses it.
    Error,
    /// Suspicious or fixed by the library; rendering goes on.
    Warning,
}

/// One thing validation found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// Error or warning.
    pub severity: Severity,
    /// Where: the serde path of the field, e.g. `sections[1].blocks[0].text`.
    pub path: String,
    /// The rule it breaks.
    pub rule: Rule,
    /// What is wrong and what to do, in words a clerk understands.
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sev = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, "{sev}: {}: {} [{}]", self.path, self.message, self.rule)
    }
}

/// Every problem validation found, errors and warnings, in document order.
///
/// ```
/// let report = vanban::Plan::default().validate();
/// assert!(report.has_errors());
/// for p in report.errors() {
///     eprintln!("{p}"); // error: issuer.name: … [ND30 §2.2 (tên cơ quan ban hành)]
/// }
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    /// The problems.
    pub problems: Vec<Problem>,
}

impl Report {
    /// True when at least one problem is an error.
    pub fn has_errors(&self) -> bool {
        self.problems.iter().any(|p| p.severity == Severity::Error)
    }
    /// The errors.
    pub fn errors(&self) -> impl Iterator<Item = &Problem> {
        self.problems.iter().filter(|p| p.severity == Severity::Error)
    }
    /// The warnings.
    pub fn warnings(&self) -> impl Iterator<Item = &Problem> {
        self.problems.iter().filter(|p| p.severity == Severity::Warning)
    }
    /// True when there is nothing to report.
    pub fn is_empty(&self) -> bool {
        self.problems.is_empty()
    }
    pub(crate) fn push(&mut self, severity: Severity, path: impl Into<String>, rule: Rule, message: impl Into<String>) {
        self.problems.push(Problem { severity, path: path.into(), rule, message: message.into() });
    }
    pub(crate) fn error(&mut self, path: impl Into<String>, rule: Rule, message: impl Into<String>) {
        self.push(Severity::Error, path, rule, message);
    }
    pub(crate) fn warn(&mut self, path: impl Into<String>, rule: Rule, message: impl Into<String>) {
        self.push(Severity::Warning, path, rule, message);
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, p) in self.problems.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "  {p}")?;
        }
        Ok(())
    }
}

/// Everything that can go wrong in vanban.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The plan breaks rules of Decree 30; the report lists every problem.
    #[error("the plan cannot be rendered: fix these problems first\n{0}")]
    Invalid(Report),
    /// The JSON input is not a plan.
    #[error("JSON input is not a valid plan: {0} (see the schema in the crate docs)")]
    Json(#[from] serde_json::Error),
    /// The TOML input is not a plan.
    #[error("TOML input is not a valid plan: {0}(see the schema in the crate docs)")]
    Toml(#[from] toml::de::Error),
    /// The plain-text input cannot be read as a plan.
    #[error("line {line}: {message}")]
    Text {
        /// 1-based line number.
        line: usize,
        /// What is wrong and what to do.
        message: String,
    },
    /// The font has no glyph for a character.
    #[error("{field}: the font {font} has no glyph for {ch:?} (U+{code:04X}); remove the character or supply a font that has it")]
    MissingGlyph {
        /// The character.
        ch: char,
        /// Its code point.
        code: u32,
        /// Where it is (serde path of the field).
        field: String,
        /// The font's name.
        font: String,
    },
    /// A font file could not be read.
    #[error("font {name}: {reason}")]
    Font {
        /// Which font.
        name: String,
        /// What is wrong with it.
        reason: String,
    },
    /// Writing the output failed.
    #[error("writing the output failed: {0}")]
    Io(#[from] std::io::Error),
    /// The PDF library refused the document.
    #[error("PDF generation failed: {0}")]
    Pdf(String),
    /// The DOCX library refused the document.
    #[error("DOCX generation failed: {0}")]
    Docx(String),
    /// A signature or seal image could not be read.
    #[error("signing image: {0}")]
    Image(String),
}
