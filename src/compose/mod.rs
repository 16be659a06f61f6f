//! Compose: the plan as writer-neutral blocks (paragraphs and tables, the
//! page-1 header, the closing, appendices) — where the Vietnamese rules
//! become concrete text, once, for both writers. Numbering (I. 1. a) - +), the `./.` end mark, recipients'
//! punctuation, upper-casing and the draft blanks are all decided here; the
//! DOCX and the PDF differ only in who breaks the lines.

use crate::model::{Block, Form, Part, PartStyle, Plan, PlanDate, Profile, Section};
use crate::style::party;

pub mod names;
mod table;

use crate::style::Role;
use crate::text::{self, Run, Text};
use table::table_doc;
pub use table::{CellDoc, RowDoc, RowKind, TableDoc};

/// Quốc hiệu (§2.2, F1; the decree's headings spell it "HÒA").
pub const QUOC_HIEU: &str = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM";
/// Tiêu ngữ (§2.2, F2: spaced ASCII hyphens).
pub const TIEU_NGU: &str = "Độc lập - Tự do - Hạnh phúc";
/// The label of the recipients block (§2.7).
pub const RECIPIENTS_LABEL: &str = "Nơi nhận:";
/// The label of the addressees (ô 9a, §12).
pub const ADDRESSEES_LABEL: &str = "Kính gửi:";
/// The first recipient of a document with a Kính gửi block (§12).
pub const AS_ABOVE: &str = "Như trên";

/// One paragraph with its role and its runs; each run's bold and italic are
/// final (the role's style merged with the user's emphasis).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Para {
    /// What the paragraph is.
    pub role: Role,
    /// Its text.
    pub runs: Vec<Run>,
}

impl Para {
    fn new(role: Role, runs: Vec<Run>) -> Para {
        Para { role, runs }
    }
    /// The paragraph's text without emphasis.
    pub fn text(&self) -> String {
        self.runs.iter().map(|r| r.text.as_str()).collect()
    }
    /// Headings stay on the page of the paragraph after them.
    pub fn keep_with_next(&self) -> bool {
        matches!(
            self.role,
            Role::SectionHeading
                | Role::ItemHeading
                | Role::PartHeading
                | Role::PartLabel
                | Role::PartTitle
                | Role::Authority
                | Role::Resolve
        ) && self.runs.iter().all(|r| r.bold || r.text.trim().is_empty())
    }
}

/// A block of the body as both writers read it: a paragraph or a table.
#[derive(Debug, Clone, PartialEq)]
pub enum Piece {
    /// A paragraph.
    Para(Para),
    /// A table.
    Table(TableDoc),
}

impl Piece {
    /// The paragraph, if this is one.
    pub fn para(&self) -> Option<&Para> {
        match self {
            Piece::Para(p) => Some(p),
            Piece::Table(_) => None,
        }
    }
    /// Every paragraph of the piece: itself, or a table's cells row by row.
    pub fn paras(&self) -> Box<dyn Iterator<Item = &Para> + '_> {
        match self {
            Piece::Para(p) => Box::new(std::iter::once(p)),
            Piece::Table(t) => Box::new(t.rows.iter().flat_map(|r| r.cells.iter().flat_map(|c| c.paras.iter()))),
        }
    }
}

/// The page-1 header (ô 1–4) and marks.
#[derive(Debug, Clone, PartialEq)]
pub struct Header {
    /// Cơ quan chủ quản, upper case, one entry per line the user gave.
    pub parent: Vec<String>,
    /// Cơ quan ban hành, upper case, one entry per line the user gave.
    pub agency: Vec<String>,
    /// `Số: 46/KH-SVHTTDL` or `Số:      /KH-SNV`; empty on a decision's
    /// attached document, whose header has no Số and date row (Mẫu 1.3).
    pub number: String,
    /// `Đắk Nông, ngày 22 tháng 10 năm 2021`.
    pub place_date: String,
    /// Confidentiality mark (ô 10a), if any.
    pub confidentiality: Option<String>,
    /// Urgency mark (ô 10b), if any, with its box size in mm.
    pub urgency: Option<(String, (f32, f32))>,
    /// Circulation mark (ô 11), if any.
    pub circulation: Option<String>,
    /// The "DỰ THẢO" label, if any.
    pub draft: Option<String>,
    /// The parts of the date left blank, in the order they are printed.
    pub date_blanks: Vec<crate::places::PlaceRole>,
}

/// The closing table: recipients (left) and signature (right).
#[derive(Debug, Clone, PartialEq)]
pub struct Closing {
    /// Recipient lines, punctuated: `- Sở Nội vụ (b/c);` … `- Lưu: VT, VP.`
    pub recipients: Vec<String>,
    /// Signer title lines, upper case: `KT. GIÁM ĐỐC`, `PHÓ GIÁM ĐỐC`.
    pub titles: Vec<String>,
    /// The role of each title line: [`Role::SignerTitle`], or in a Party
    /// document [`Role::SignerPosition`] for a position under the
    /// authority line (not bold, HD 05 I-7.1.2).
    pub title_roles: Vec<Role>,
    /// The signer's name.
    pub name: String,
    /// Lines under the name (the signer's own office).
    pub below_name: Vec<String>,
    /// The signature image (PNG) and its size in pixels, if any.
    pub signature_image: Option<SignImage>,
    /// The seal image (PNG) and its size in pixels, if any.
    pub seal_image: Option<SignImage>,
    /// The seal's diameter, points.
    pub seal_pt: f32,
}

impl Closing {
    /// Nothing to print: no recipients, no signer (an attached document
    /// issued without a signature block of its own).
    pub fn is_empty(&self) -> bool {
        self.recipients.is_empty() && self.titles.is_empty() && self.name.trim().is_empty()
    }
}

/// A signing image as the writers place it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignImage {
    /// The PNG file.
    pub png: std::sync::Arc<Vec<u8>>,
    /// Width and height, pixels.
    pub px: (u32, u32),
}

fn sign_image(img: &Option<crate::places::SigningImage>) -> Option<SignImage> {
    let bytes = img.as_ref()?.bytes.clone()?;
    // validation refuses what is no PNG
    let info = crate::places::png_info(&bytes).ok()?;
    Some(SignImage { png: bytes, px: (info.width, info.height) })
}

/// An appendix, resolved.
#[derive(Debug, Clone, PartialEq)]
pub struct AppendixDoc {
    /// `Phụ lục` or `Phụ lục II`.
    pub label: String,
    /// The title, upper case.
    pub title: String,
    /// `(Kèm theo Kế hoạch số … ngày …)`.
    pub reference: String,
    /// The appendix body, ending with `./.`.
    pub body: Vec<Piece>,
    /// Landscape pages: `None` lets the layout decide from the tables.
    pub landscape: Option<bool>,
}

/// A plan resolved into printable text, shared by the DOCX and PDF writers.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    /// Whose rules it follows: the writers take each role's style from
    /// that profile's table ([`Role::style_in`]).
    pub profile: Profile,
    /// Even pages swap the left and right margins ([`Plan::mirror_margins`]).
    pub mirror_margins: bool,
    /// Ô 1–4 and marks.
    pub header: Header,
    /// `KẾ HOẠCH`; empty for a công văn.
    pub doc_type: String,
    /// A công văn's `V/v …` subject, printed under its number (Mẫu 1.5).
    pub subject: Option<String>,
    /// The Kính gửi block: one line `Kính gửi: …`, or `Kính gửi:` and a line
    /// `- …;` per addressee, the last ending with `.`.
    pub addressees: Vec<String>,
    /// The trích yếu's runs (bold).
    pub title: Vec<Run>,
    /// Preamble, sections and closing paragraph, ending with `./.`.
    pub body: Vec<Piece>,
    /// Recipients and signature.
    pub closing: Closing,
    /// Ô 13 lines.
    pub contact: Vec<String>,
    /// Appendices.
    pub appendices: Vec<AppendixDoc>,
    /// Title for metadata: the trích yếu as plain text.
    pub meta_title: String,
    /// Author for metadata: the issuing agency on one line.
    pub meta_author: String,
    /// A file of one appendix (Mẫu 2.2, spec §9): no page 1 of the plan,
    /// the appendix alone, with the line of [`Document::top_line`].
    pub appendix_only: bool,
    /// The 10 pt line at the top right of a separate appendix's first page:
    /// the plan's number and symbol and the signing time (blanks where not
    /// known yet, for the system to stamp).
    pub top_line: Option<String>,
    /// The document a decision issues (Mẫu 1.3), on the pages after it.
    pub attached: Option<Box<Document>>,
    /// An attached document's `(Ban hành kèm theo Quyết định số …)` line,
    /// printed under its title; such a document has no `Số` and no date
    /// line, and no Nơi nhận.
    pub issued_with: Option<String>,
}

/// The `(Ban hành kèm theo Quyết định số … ngày … của …)` line a decision
/// gives the document it issues (§12, Mẫu 1.3), as composed from its
/// number, date and authority; blanks where a draft has none.
///
/// ```
/// let plan = vanban::Plan::from_toml(r#"
///     form = "quyet-dinh"
///     doc_type = "QĐ"
///     number = 7
///     date = "2026-03-02"
///     authority = "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH LÀO CAI"
///     [issuer]
///     name = "ỦY BAN NHÂN DÂN TỈNH LÀO CAI"
///     code = "UBND"
/// "#).unwrap();
/// assert_eq!(
///     vanban::compose::issued_with_line(&plan),
///     "(Ban hành kèm theo Quyết định số 07/QĐ-UBND ngày 02 tháng 3 năm 2026 của Chủ tịch Ủy ban nhân dân tỉnh Lào Cai)"
/// );
/// ```
pub fn issued_with_line(decision: &Plan) -> String {
    let (number_blank, date_blank) = printed_blanks();
    let symbol = symbol_with_blank(decision, &number_blank);
    let date = decision.date.line_with("", &date_blank);
    let date = date.trim_start_matches(", ").trim_end_matches(' ');
    let by = decision.authority.as_deref().map(|a| format!(" của {}", authority_phrase(a))).unwrap_or_default();
    format!("(Ban hành kèm theo Quyết định số{symbol} {date}{by})")
}

/// `QUYẾT ĐỊNH:` before a decision's articles (§12).
pub const RESOLVE: &str = "QUYẾT ĐỊNH:";

/// A decision's authority as the sentence names it: `CHỦ TỊCH ỦY BAN NHÂN
/// DÂN TỈNH LÀO CAI` → `Chủ tịch Ủy ban nhân dân tỉnh Lào Cai` (Phụ lục
/// II: the first word, an agency's name, and the name of a place are
/// capitalised).
pub fn authority_phrase(upper: &str) -> String {
    let words: Vec<String> = upper.split_whitespace().map(str::to_lowercase).collect();
    // Sở …, Bộ … name an agency; Bộ trưởng is a title
    let agency = |w: &str, next: &str| matches!(w, "sở" | "bộ") && next != "trưởng";
    let mut out = Vec::with_capacity(words.len());
    let (mut place, mut field) = (false, false);
    let mut cap_next = true;
    for (i, w) in words.iter().enumerate() {
        let prev = if i > 0 { words[i - 1].as_str() } else { "" };
        let next = words.get(i + 1).map_or("", String::as_str);
        let capital = cap_next || place || (w == "ủy" && next == "ban") || agency(w, next);
        out.push(if capital { text::upper_first(w) } else { w.clone() });
        cap_next = false;
        // a place's name follows its unit: tỉnh, thành phố, xã, phường …
        if matches!(w.as_str(), "tỉnh" | "xã" | "phường" | "huyện" | "quận" | "trấn")
            || (w == "phố" && prev == "thành")
            || (w == "khu" && prev == "đặc")
        {
            place = true;
        }
        // a Sở's or Bộ's field: each part of it capitalised
        if agency(w, next) {
            field = true;
            cap_next = true;
        } else if field && (w.ends_with(',') || w == "và") {
            cap_next = true;
        }
    }
    out.join(" ")
}

fn styled_in(profile: Profile, role: Role, t: &Text) -> Vec<Run> {
    let st = role.style_in(profile);
    t.runs()
        .iter()
        .map(|r| Run {
            text: if st.upper { text::upper(&r.text) } else { r.text.clone() },
            bold: st.bold || r.bold,
            italic: st.italic ^ r.italic,
        })
        .collect()
}

fn with_label(profile: Profile, role: Role, label: &str, t: &Text) -> Vec<Run> {
    let st = role.style_in(profile);
    let mut runs = vec![Run { text: format!("{label} "), bold: st.bold, italic: st.italic }];
    runs.extend(styled_in(profile, role, t));
    runs
}

/// A centred `*` or `-----` line of a Party document.
fn separator(s: &str) -> Piece {
    Piece::Para(Para::new(Role::Separator, vec![Run::plain(s)]))
}

fn parts(out: &mut Vec<Piece>, parts_: &[Part], style: PartStyle, profile: Profile) {
    let styled = |role: Role, t: &Text| styled_in(profile, role, t);
    let with_label = |role: Role, label: &str, t: &Text| with_label(profile, role, label, t);
    for (i, p) in parts_.iter().enumerate() {
        match style {
            PartStyle::Letter => {
                // A. B. C. D. Đ. E. … (the Vietnamese capitals, like points)
                let letter = text::part_letter(i);
                let runs = with_label(Role::PartHeading, &format!("{letter}."), &p.title);
                out.push(Piece::Para(Para::new(Role::PartHeading, runs)));
            }
            PartStyle::Phan => {
                out.push(Piece::Para(Para::new(
                    Role::PartLabel,
                    vec![Run { text: format!("Phần {}", text::roman(i + 1)), bold: true, italic: false }],
                )));
                out.push(Piece::Para(Para::new(Role::PartTitle, styled(Role::PartTitle, &p.title))));
            }
        }
        blocks(out, &p.blocks, "", profile);
        sections(out, &p.sections, profile);
    }
}

fn sections(out: &mut Vec<Piece>, secs: &[Section], profile: Profile) {
    let styled = |role: Role, t: &Text| styled_in(profile, role, t);
    let with_label = |role: Role, label: &str, t: &Text| with_label(profile, role, label, t);
    for (i, s) in secs.iter().enumerate() {
        let mut runs = with_label(Role::SectionHeading, &format!("{}.", text::roman(i + 1)), &s.title);
        if let Some(t) = &s.text {
            if let Some(last) = runs.last_mut() {
                last.text.push(':');
            }
            runs.push(Run::plain(" "));
            runs.extend(styled(Role::Body, t));
        }
        out.push(Piece::Para(Para::new(Role::SectionHeading, runs)));
        blocks(out, &s.blocks, "", profile);
    }
}

/// Resolves a list of blocks; `prefix` is the label of the item they sit
/// in (`3.`), so items inside it are numbered `3.1.`, `3.2.` …
fn blocks(out: &mut Vec<Piece>, list: &[Block], prefix: &str, profile: Profile) {
    let styled = |role: Role, t: &Text| styled_in(profile, role, t);
    let with_label = |role: Role, label: &str, t: &Text| with_label(profile, role, label, t);
    let blocks = |out: &mut Vec<Piece>, list: &[Block], prefix: &str| blocks(out, list, prefix, profile);
    let (mut items, mut points) = (0usize, 0usize);
    let para = |out: &mut Vec<Piece>, role: Role, runs: Vec<Run>| out.push(Piece::Para(Para::new(role, runs)));
    for b in list {
        match b {
            Block::Paragraph(p) => para(out, Role::Body, styled(Role::Body, &p.text)),
            Block::Item(it) => {
                items += 1;
                let label = format!("{prefix}{items}.");
                match (&it.title, &it.text) {
                    (Some(title), text) => {
                        para(out, Role::ItemHeading, with_label(Role::ItemHeading, &label, title));
                        if let Some(t) = text {
                            para(out, Role::Body, styled(Role::Body, t));
                        }
                    }
                    (None, Some(t)) => para(out, Role::Body, with_label(Role::Body, &label, t)),
                    (None, None) => para(out, Role::Body, vec![Run::plain(&label)]),
                }
                blocks(out, &it.blocks, &label);
            }
            Block::Point(e) => {
                // validation refuses more points than letters; never panic here
                let letter = text::point_letter(points).map_or_else(|| format!("{}", points + 1), |c| c.to_string());
                points += 1;
                para(out, Role::Body, with_label(Role::Body, &format!("{letter})"), &e.text));
                blocks(out, &e.blocks, "");
            }
            Block::Bullet(e) => {
                para(out, Role::Body, with_label(Role::Body, "-", &e.text));
                blocks(out, &e.blocks, "");
            }
            Block::Plus(e) => {
                para(out, Role::Body, with_label(Role::Body, "+", &e.text));
                blocks(out, &e.blocks, "");
            }
            Block::Table(t) => out.push(Piece::Table(table_doc(t))),
        }
    }
}

/// Ends the last paragraph with `./.`, once. A body that ends with a
/// table takes no mark: it stands after the table's notes, if any, or
/// nowhere (a table has no sentence to end).
fn end_mark(body: &mut [Piece], profile: Profile) {
    let Some(Piece::Para(last)) = body.last_mut() else { return };
    let plain = last.text();
    let (fixed, _) = match profile {
        Profile::State => text::end_mark(&plain),
        Profile::Party => text::party_end_mark(&plain),
    };
    // rewrite only the tail: keep runs up to the common prefix
    let common = plain.bytes().zip(fixed.bytes()).take_while(|(a, b)| a == b).count();
    let mut cut = plain.len() - common;
    while cut > 0 {
        let Some(r) = last.runs.last_mut() else { break };
        if r.text.len() <= cut {
            cut -= r.text.len();
            last.runs.pop();
        } else {
            let keep = r.text.len() - cut;
            r.text.truncate(keep);
            cut = 0;
        }
    }
    let suffix = &fixed[common..];
    if !suffix.is_empty() {
        match last.runs.last_mut() {
            Some(r) if !r.bold && !r.italic => r.text.push_str(suffix),
            _ => last.runs.push(Run::plain(suffix)),
        }
    }
}

/// What follows the word `Số:` (or `số`): ` 46/KH-SVHTTDL`, or for a draft
/// the blank `      /KH-SNV` that stands for the space and the number.
pub fn symbol_after_label(plan: &Plan) -> String {
    symbol_with_blank(plan, text::NUMBER_BLANK)
}

fn symbol_with_blank(plan: &Plan, blank: &str) -> String {
    let code = plan.issuer.compact_code();
    let number = plan.number.map_or_else(|| blank.to_owned(), |n| format!(" {}", text::format_number(n)));
    if plan.profile == Profile::Party {
        // HD 05 I-3.2: number, hyphen, type, slash, body (`12-KH/ĐU`); a
        // công văn's type is CV
        let ty = if plan.form == Form::CongVan { "CV" } else { plan.doc_type.abbreviation() };
        return format!("{number}-{ty}/{code}");
    }
    match plan.form {
        // a công văn's symbol has no type: agency and drafting unit (§12)
        Form::CongVan => format!("{number}/{code}"),
        Form::Named | Form::Decision => format!("{number}/{}-{code}", plan.doc_type.abbreviation()),
    }
}

/// How an appendix names the document it belongs to: `Kế hoạch`, or
/// `Công văn` for a công văn (which has no type name of its own).
fn reference_name(plan: &Plan) -> &'static str {
    match plan.form {
        Form::CongVan => "Công văn",
        Form::Named | Form::Decision => plan.doc_type.name(),
    }
}

/// The printed blanks of a draft (spec §9): the number's and the date's,
/// fixed-width and at least as wide as the style table says.
/// The line under an appendix's title that the writers compose when the
/// plan gives none: `(Kèm theo Kế hoạch số 46/KH-UBND ngày 20 tháng 5 năm 2025)`.
pub(crate) fn appendix_reference(plan: &Plan) -> String {
    let (number_blank, date_blank) = printed_blanks();
    if plan.profile == Profile::Party {
        return party_reference(plan, &number_blank, &date_blank);
    }
    format!(
        "(Kèm theo {} số{} {})",
        reference_name(plan),
        symbol_with_blank(plan, &number_blank),
        plan.date.line_with("", &date_blank).trim_start_matches(", ").trim_end_matches(' ')
    )
}

/// A Party appendix's line (HD 05 II-1): `(Kèm theo Chương trình hành động
/// số 104-CTr/TU ngày 30/8/2026 của Tỉnh ủy Lào Cai)`, the date as the
/// Party's documents write it in a sentence, and the issuing body.
fn party_reference(plan: &Plan, number_blank: &str, date_blank: &str) -> String {
    let name = match (&plan.type_name, plan.form) {
        (_, Form::CongVan) => "Công văn".to_owned(),
        (Some(t), _) => text::upper_first(&t.to_lowercase()),
        (None, _) => plan.doc_type.name().to_owned(),
    };
    let d = plan.date;
    let part = |v: Option<u32>, f: fn(u32) -> String| v.map_or_else(|| date_blank.to_owned(), f);
    let year = d.year.map_or_else(|| date_blank.to_owned(), |y| y.to_string());
    format!(
        "(Kèm theo {name} số{} ngày {}/{}/{year} của {})",
        symbol_with_blank(plan, number_blank),
        part(d.day, text::format_day),
        part(d.month, text::format_month),
        party_body_phrase(&plan.issuer.name.replace('\n', " "))
    )
}

/// A Party body's name as a sentence names it: `TỈNH ỦY LÀO CAI` → `Tỉnh ủy
/// Lào Cai`, `ĐẢNG ỦY XÃ CÔNG HẢI` → `Đảng ủy xã Công Hải`, `ĐẢNG ỦY ỦY BAN
/// NHÂN DÂN TỈNH` → `Đảng ủy Ủy ban nhân dân tỉnh`, `BAN TỔ CHỨC` → `Ban Tổ
/// chức`: the first word, `Đảng`, `Ủy ban`, a ban's field and the name of a
/// place are capitalised.
///
/// ```
/// use vanban::compose::party_body_phrase;
/// assert_eq!(party_body_phrase("TỈNH UỶ LÀO CAI"), "Tỉnh uỷ Lào Cai");
/// assert_eq!(party_body_phrase("ĐẢNG ỦY XÃ CÔNG HẢI"), "Đảng ủy xã Công Hải");
/// assert_eq!(party_body_phrase("ĐẢNG ỦY ỦY BAN NHÂN DÂN TỈNH"), "Đảng ủy Ủy ban nhân dân tỉnh");
/// assert_eq!(party_body_phrase("ĐẢNG ỦY ĐẶC KHU PHÚ QUÝ"), "Đảng ủy đặc khu Phú Quý");
/// ```
pub fn party_body_phrase(upper: &str) -> String {
    let words: Vec<String> = upper.split_whitespace().map(str::to_lowercase).collect();
    let is_uy = |w: &str| w == "ủy" || w == "uỷ";
    let mut out = Vec::with_capacity(words.len());
    let mut place = false;
    for (i, w) in words.iter().enumerate() {
        let prev = if i > 0 { words[i - 1].as_str() } else { "" };
        let next = words.get(i + 1).map_or("", String::as_str);
        let capital = i == 0
            || place
            || w == "đảng"
            || (is_uy(w) && next == "ban")
            || (prev == "ban" && i >= 1 && words[..i - 1].iter().all(|x| x != "ủy" && x != "uỷ") && !is_uy(w));
        out.push(if capital { text::upper_first(w) } else { w.clone() });
        // a place's name follows its unit, and follows a tỉnh ủy, thành ủy
        let unit = matches!(w.as_str(), "tỉnh" | "xã" | "phường" | "huyện" | "quận" | "trấn")
            || (w == "phố" && prev == "thành")
            || (w == "khu" && prev == "đặc");
        if unit && !is_uy(next) || (is_uy(w) && matches!(prev, "tỉnh" | "thành")) {
            place = true;
        }
    }
    out.join(" ")
}

/// The same line for an appendix of the plan a decision issues: `(Kèm theo
/// Kế hoạch ban hành tại Quyết định số 1234/QĐ-UBND ngày …)`.
pub(crate) fn attached_appendix_reference(decision: &Plan, attached: &Plan) -> String {
    let (number_blank, date_blank) = printed_blanks();
    let symbol = symbol_with_blank(decision, &number_blank);
    let date = decision.date.line_with("", &date_blank);
    let date = date.trim_start_matches(", ").trim_end_matches(' ');
    format!("(Kèm theo {} ban hành tại Quyết định số{symbol} {date})", attached.doc_type.name())
}

fn printed_blanks() -> (String, String) {
    use crate::style::{blank, DATE_BLANK_MM, NUMBER_BLANK_MM, PLACE_DATE_FALLBACK_SIZE};
    // the smaller size the line may take keeps the blank wide enough
    (blank(NUMBER_BLANK_MM, Role::Number.style().size), blank(DATE_BLANK_MM, PLACE_DATE_FALLBACK_SIZE))
}

fn recipients(plan: &Plan) -> Vec<String> {
    let r = &plan.recipients;
    let mut out: Vec<String> = Vec::new();
    // a document with a Kính gửi block sends its copies "as above" first
    let as_above = r.to.first().is_some_and(|t| t.name.trim().to_lowercase() == AS_ABOVE.to_lowercase());
    if !plan.addressees.is_empty() && !as_above {
        out.push(format!("- {AS_ABOVE};"));
    }
    out.extend(r.to.iter().map(|t| format!("- {};", t.label())));
    out.push(match plan.profile {
        Profile::State => r.archive_line(),
        Profile::Party => r.party_archive_line(),
    });
    out
}

/// The printed type name: the plan's own (`CHƯƠNG TRÌNH HÀNH ĐỘNG`) or its
/// type's, upper case.
fn type_heading(plan: &Plan) -> String {
    plan.type_name.as_deref().map_or_else(|| plan.doc_type.heading(), text::upper)
}

impl Document {
    /// Resolves a plan. The plan should be valid; an invalid one still
    /// resolves (nothing here panics) but may print oddly.
    pub fn new(plan: &Plan) -> Document {
        let profile = plan.profile;
        let styled = |role: Role, t: &Text| styled_in(profile, role, t);
        let (number_blank, date_blank) = printed_blanks();
        let lines = |s: &str| -> Vec<String> { s.split('\n').map(text::upper).filter(|l| !l.is_empty()).collect() };
        let header = Header {
            parent: plan.issuer.parent.as_deref().map(lines).unwrap_or_default(),
            agency: lines(&plan.issuer.name),
            number: match profile {
                Profile::State => format!("Số:{}", symbol_with_blank(plan, &number_blank)),
                // HD 05 I-3.2: no colon after Số
                Profile::Party => format!("Số{}", symbol_with_blank(plan, &number_blank)),
            },
            place_date: plan.date.line_with(&plan.place, &date_blank),
            confidentiality: plan.marks.confidentiality.map(|c| c.label().to_owned()),
            urgency: plan.marks.urgency.map(|u| (u.label().to_owned(), crate::style::urgency_box_mm(u))),
            circulation: plan.marks.circulation.map(|c| c.label().to_owned()),
            draft: plan.marks.draft.map(|d| d.label()),
            date_blanks: {
                use crate::places::PlaceRole::*;
                let d = plan.date;
                [(d.day.is_none(), Day), (d.month.is_none(), Month), (d.year.is_none(), Year)]
                    .into_iter()
                    .filter_map(|(blank, role)| blank.then_some(role))
                    .collect()
            },
        };
        let decision = plan.form == Form::Decision;
        let mut body: Vec<Piece> = Vec::new();
        if let Some(a) = plan.authority.as_deref().filter(|_| decision) {
            body.push(Piece::Para(Para::new(
                Role::Authority,
                vec![Run { text: text::upper(a), bold: true, italic: false }],
            )));
        }
        // a decision's căn cứ are italic (§12)
        let lead = if decision { Role::Basis } else { Role::Body };
        body.extend(plan.preamble.iter().map(|t| Piece::Para(Para::new(lead, styled(lead, t)))));
        if decision {
            body.push(Piece::Para(Para::new(
                Role::Resolve,
                vec![Run { text: RESOLVE.to_owned(), bold: true, italic: false }],
            )));
            for (i, a) in plan.articles.iter().enumerate() {
                let mut runs = vec![Run { text: format!("Điều {}.", i + 1), bold: true, italic: false }];
                if !a.text.plain_text().is_empty() {
                    runs.push(Run::plain(" "));
                    runs.extend(styled(Role::Body, &a.text));
                }
                body.push(Piece::Para(Para::new(Role::Body, runs)));
                blocks(&mut body, &a.blocks, "", profile);
            }
        }
        blocks(&mut body, &plan.blocks, "", profile);
        sections(&mut body, &plan.sections, profile);
        parts(&mut body, &plan.parts, plan.part_style, profile);
        if let Some(c) = &plan.closing {
            body.push(Piece::Para(Para::new(Role::Body, styled(Role::Body, c))));
        }
        end_mark(&mut body, profile);

        let n = plan.appendices.len();
        // appendices issued as files of their own are not in the plan's file
        let separate = plan.signing.separate_appendices;
        let appendices = plan
            .appendices
            .iter()
            .enumerate()
            .map(|(i, a)| {
                let mut body: Vec<Piece> =
                    a.preamble.iter().map(|t| Piece::Para(Para::new(Role::Body, styled(Role::Body, t)))).collect();
                blocks(&mut body, &a.blocks, "", profile);
                sections(&mut body, &a.sections, profile);
                end_mark(&mut body, profile);
                let reference = a.reference.clone().unwrap_or_else(|| appendix_reference(plan));
                let label = match profile {
                    Profile::State if n > 1 => format!("Phụ lục {}", text::roman(i + 1)),
                    Profile::State => "Phụ lục".to_owned(),
                    // HD 05 II-1: PHỤ LỤC, Arabic numbers when there are
                    // several, `-----` under the reference line
                    Profile::Party if n > 1 => format!("PHỤ LỤC {}", i + 1),
                    Profile::Party => "PHỤ LỤC".to_owned(),
                };
                if profile == Profile::Party {
                    body.insert(0, separator(party::DASHES));
                }
                AppendixDoc {
                    label,
                    title: text::upper(&a.title.plain_text()),
                    reference,
                    body,
                    landscape: a.landscape,
                }
            })
            .filter(|_| !separate)
            .collect();

        let titles: Vec<String> = plan
            .signer
            .titles
            .iter()
            .map(|t| match t.authority_in(profile) {
                (Some(a), title) => text::upper(&format!("{} {title}", a.marker_in(profile))),
                (None, title) => text::upper(title),
            })
            .collect();
        let title_roles = plan
            .signer
            .titles
            .iter()
            .map(|t| match profile {
                Profile::Party if t.authority_in(profile).0.is_none() => Role::SignerPosition,
                _ => Role::SignerTitle,
            })
            .collect();
        Document {
            profile,
            mirror_margins: plan.mirror_margins,
            doc_type: if plan.form == Form::CongVan { String::new() } else { type_heading(plan) },
            subject: (plan.form == Form::CongVan).then(|| match profile {
                Profile::State => format!("V/v {}", plan.title.plain_text()),
                // HD 05: a công văn's trích yếu as written, `về việc …`
                Profile::Party => plan.title.plain_text(),
            }),
            addressees: match plan.addressees.as_slice() {
                [] => Vec::new(),
                [one] => vec![format!("{ADDRESSEES_LABEL} {}", one.trim_end_matches(['.', ';']))],
                many => std::iter::once(ADDRESSEES_LABEL.to_owned())
                    .chain(many.iter().enumerate().map(|(i, a)| {
                        let a = a.trim_start_matches(['-', ' ']).trim_end_matches(['.', ';']);
                        format!("- {a}{}", if i + 1 == many.len() { "." } else { ";" })
                    }))
                    .collect(),
            },
            title: styled(Role::Title, &plan.title),
            body,
            closing: Closing {
                recipients: recipients(plan),
                titles,
                title_roles,
                name: plan.signer.name.clone(),
                below_name: plan.signer.below_name.iter().map(|l| text::upper(l)).collect(),
                signature_image: sign_image(&plan.signing.signature),
                seal_image: sign_image(&plan.signing.seal),
                seal_pt: plan.signing.seal_pt(),
            },
            contact: plan.contact.as_deref().map(|c| c.split('\n').map(str::to_owned).collect()).unwrap_or_default(),
            appendices,
            meta_title: plan.title.plain_text(),
            meta_author: plan.issuer.name.replace('\n', " "),
            appendix_only: false,
            top_line: None,
            attached: plan.attached.as_deref().filter(|_| decision).map(|a| Box::new(Document::attached(plan, a))),
            issued_with: None,
            header,
        }
    }

    /// The document a decision issues (Mẫu 1.3): its header without `Số`
    /// and date, the `(Ban hành kèm theo …)` line under its title, its
    /// signature block without Nơi nhận; its appendices refer to it as
    /// issued by the decision.
    fn attached(decision: &Plan, attached: &Plan) -> Document {
        let mut a = attached.clone();
        a.form = Form::Named;
        a.attached = None;
        a.addressees.clear();
        a.contact = None;
        a.marks = Default::default();
        if a.issuer.name.trim().is_empty() {
            a.issuer = decision.issuer.clone();
        }
        let mut d = Document::new(&a);
        d.mirror_margins = decision.mirror_margins;
        d.header.number.clear();
        d.header.place_date.clear();
        d.header.date_blanks.clear();
        d.closing.recipients.clear();
        for (ad, src) in d.appendices.iter_mut().zip(&attached.appendices) {
            if src.reference.is_none() {
                ad.reference = attached_appendix_reference(decision, attached);
            }
        }
        d.issued_with = Some(decision.issued_with.clone().unwrap_or_else(|| issued_with_line(decision)));
        d
    }

    /// Appendix `index` as a file of its own (Mẫu 2.2, spec §9): its pages
    /// numbered from 1, the top-right line with the plan's number and symbol
    /// and the signing time (blanks where not known), and the reference line
    /// left unfilled, as electronic documents leave it.
    pub fn appendix_file(plan: &Plan, index: usize) -> Option<Document> {
        let mut whole = plan.clone();
        whole.signing.separate_appendices = false;
        let mut d = Document::new(&whole);
        let mut a = d.appendices.get(index)?.clone();
        let (number_blank, date_blank) = printed_blanks();
        if plan.appendices[index].reference.is_none() {
            let blank = PlanDate::default().line_with("", &date_blank);
            let unnumbered = Plan { number: None, ..plan.clone() };
            a.reference = format!(
                "(Kèm theo {} số{} {})",
                reference_name(plan),
                symbol_with_blank(&unnumbered, &number_blank),
                blank.trim_start_matches(", ").trim_end_matches(' '),
            );
        }
        let symbol = symbol_with_blank(plan, &number_blank);
        let time = plan.signing.signed_at.clone().unwrap_or_else(|| crate::style::blank(30.0, 10.0));
        // only the ASCII space after "số" goes: the number's blank stays
        d.top_line = Some(format!("{}; {time}", symbol.trim_start_matches(' ')));
        d.appendices = vec![a];
        d.appendix_only = true;
        Some(d)
    }

    /// Every paragraph of the body and the appendices' bodies, table cells
    /// included.
    pub fn all_body(&self) -> Box<dyn Iterator<Item = &Para> + '_> {
        let own = self.body.iter().chain(self.appendices.iter().flat_map(|a| a.body.iter())).flat_map(Piece::paras);
        match &self.attached {
            Some(a) => Box::new(own.chain(a.all_body())),
            None => Box::new(own),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Issuer, Signer};

    fn plan() -> Plan {
        Plan::builder()
            .issuer(Issuer::new("SỞ NỘI VỤ", "SNV"))
            .number(5)
            .place("Bình Định")
            .date(2021, 2, 9)
            .title("Kế hoạch")
            .section("mục đích", |s| {
                s.titled_item("Mục đích", |i| {
                    i.point("một;").point("hai;").point("ba;").point("bốn;").point("năm;").point("sáu;").point("bảy")
                })
                .item("Nội dung **quan trọng**.")
            })
            .section_with_text("thời gian thực hiện", "Từ nay đến ngày 10/10/2023", |s| {
                s.bullet_with("gạch:", |b| b.plus("cộng"))
            })
            .recipient("Sở Nội vụ (b/c);")
            .archive(["VP"])
            .archive_copies(2)
            .drafter("pl", 300)
            .signer(Signer::new("Lê Minh Tuấn").title("kt. giám đốc").title("phó giám đốc"))
            .build_unchecked()
    }

    #[test]
    fn numbering_labels_and_end_mark() {
        let d = Document::new(&plan());
        let texts: Vec<String> = d.body.iter().filter_map(Piece::para).map(Para::text).collect();
        assert_eq!(texts[0], "I. MỤC ĐÍCH");
        assert_eq!(texts[1], "1. Mục đích");
        assert_eq!(texts[2], "a) một;");
        assert_eq!(texts[6], "đ) năm;");
        assert_eq!(texts[7], "e) sáu;");
        assert_eq!(texts[8], "g) bảy");
        assert_eq!(texts[9], "2. Nội dung quan trọng.");
        assert_eq!(texts[10], "II. THỜI GIAN THỰC HIỆN: Từ nay đến ngày 10/10/2023");
        assert_eq!(texts[11], "- gạch:");
        assert_eq!(texts[12], "+ cộng./.");
        let body: Vec<&Para> = d.body.iter().filter_map(Piece::para).collect();
        assert_eq!(body[0].role, Role::SectionHeading);
        assert!(body[0].keep_with_next());
        assert!(body[1].runs.iter().all(|r| r.bold));
        assert!(!body[10].keep_with_next(), "a heading with text is a paragraph");
        // inline bold kept, label regular
        assert!(!body[9].runs[0].bold && body[9].runs[1..].iter().any(|r| r.bold));
    }

    #[test]
    fn header_and_closing_strings() {
        let d = Document::new(&plan());
        assert_eq!(d.header.number, "Số: 05/KH-SNV");
        assert_eq!(d.header.place_date, "Bình Định, ngày 09 tháng 02 năm 2021");
        assert_eq!(d.closing.recipients, ["- Sở Nội vụ (b/c);", "- Lưu: VT, VP (2). PL.(300)"]);
        assert_eq!(d.closing.titles, ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"]);
        let mut p = plan();
        p.number = None;
        p.recipients.archive = None;
        p.recipients.drafter = None;
        let d = Document::new(&p);
        // fixed-width blanks, ≥ 5 mm at 13 pt: three en spaces (spec §9)
        assert_eq!(d.header.number, "Số:\u{2002}\u{2002}\u{2002}/KH-SNV");
        assert_eq!(d.closing.recipients.last().unwrap(), "- Lưu: VT.");
    }

    #[test]
    fn end_mark_is_never_doubled() {
        let mut p = plan();
        p.closing = Some("Trên đây là Kế hoạch./.".into());
        let d = Document::new(&p);
        let last = |d: &Document| d.body.last().and_then(Piece::para).cloned().unwrap();
        assert_eq!(last(&d).text(), "Trên đây là Kế hoạch./.");
        p.closing = Some("Trên đây là *Kế hoạch.*".into());
        let d = Document::new(&p);
        assert_eq!(last(&d).text(), "Trên đây là Kế hoạch./.");
        assert!(last(&d).runs.last().is_some_and(|r| !r.italic));
    }
}
