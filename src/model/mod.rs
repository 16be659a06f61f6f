//! The typed model of a plan (kế hoạch) and its serde schema.
//!
//! Every field name is English; the Vietnamese term of Decree 30 is given in
//! each field's documentation. All text is normalised to NFC when it enters
//! the model (builder, JSON, TOML, the plain-text format).

mod builder;
mod date;
mod doctype;
mod table;

use serde::{Deserialize, Deserializer, Serialize};

pub use builder::{Blocks, PartBuilder, PlanBuilder};
pub use date::PlanDate;
pub use doctype::DocType;
pub use table::{place_cells, Cell, CellAlign, Column, ColumnNumbers, ColumnWidth, GridError, PlacedCell, Row, Table};

use crate::text::{self, Text};

pub(crate) mod nfc_de {
    //! `deserialize_with` helpers that normalise text at the boundary.
    use super::*;

    pub fn line<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
        Ok(text::fold_whitespace(&String::deserialize(d)?))
    }
    pub fn lines<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
        Ok(text::fold_lines(&String::deserialize(d)?))
    }
    pub fn opt_line<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
        Ok(Option::<String>::deserialize(d)?.map(|s| text::fold_whitespace(&s)))
    }
    pub fn opt_lines<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
        Ok(Option::<String>::deserialize(d)?.map(|s| text::fold_lines(&s)))
    }
    pub fn vec_line<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
        Ok(Vec::<String>::deserialize(d)?.iter().map(|s| text::fold_whitespace(s)).collect())
    }
}

/// A plan (kế hoạch) — or any other document of Mẫu 1.4, "văn bản có tên
/// loại" — with everything Decree 30 prints on it.
///
/// Build one with [`Plan::builder`], load one with [`Plan::from_toml`] /
/// [`Plan::from_json`], then [`validate`](Plan::validate) it. Rendering
/// refuses a plan whose report has errors.
///
/// # Schema (TOML shown; JSON has the same names)
///
/// ```toml
/// doc_type = "KH"            # tên loại (Phụ lục III abbreviation), default KH
/// number = 46                # số; leave out for a draft (Số:      /KH-…)
/// place = "Đắk Nông"         # địa danh
/// date = "2021-10-22"        # thời gian: "YYYY-MM-DD", "YYYY-MM" (day blank),
///                            # "YYYY" (day and month blank); leave out: all blank
/// title = "Hưởng ứng …"      # trích yếu (inline **bold** / *italic* allowed)
/// preamble = ["Căn cứ …;"]   # lead-in paragraphs before section I
/// closing = "Trên đây là …"  # closing paragraph; the body ends with ./.
///
/// [issuer]                   # ô 2
/// parent = "UBND TỈNH ĐẮK NÔNG"            # cơ quan chủ quản (regular)
/// name = "SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH" # cơ quan ban hành (bold); "\n" = line break
/// code = "SVHTTDL"           # agency abbreviation of the ký hiệu
///
/// [[sections]]               # I., II. … (numbered by position)
/// title = "MỤC ĐÍCH, YÊU CẦU"
/// [[sections.blocks]]        # kind: paragraph | item | point | bullet | plus
/// kind = "item"              # 1., 2. …
/// title = "Mục đích"         # a titled item (bold); or text = "…" (or both)
/// [[sections.blocks.blocks]]
/// kind = "bullet"            # "- …"; "plus" is "+ …"; "point" is a), b) …
/// text = "Phát huy …"
///
/// [recipients]               # Nơi nhận
/// to = ["Sở Nội vụ (b/c)", "Ban Giám đốc Sở"]
/// archive = { units = ["VP"], copies = 2 }  # - Lưu: VT, VP (2).
/// drafter = { initials = "PL", copies = 300 } # ô 12: PL.(300)
///
/// [signer]
/// titles = ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"]  # TM. / KT. / TL. / TUQ. / Q.
/// name = "Lê Ngọc Quang"
///
/// [marks]                    # all optional
/// urgency = "khan"           # khan | thuong-khan | hoa-toc
/// confidentiality = "mat"    # mat | toi-mat | tuyet-mat
/// circulation = "luu-hanh-noi-bo"  # or xem-xong-tra-lai
/// draft = { revision = 2 }   # DỰ THẢO LẦN 2; draft = {} for DỰ THẢO
///
/// contact = "Địa chỉ: …"     # ô 13 footer on page 1
/// [margins]                  # mm, inside the decree's ranges
/// top = 20.0
/// [[appendices]]             # Phụ lục, each on its own pages
/// title = "DANH SÁCH …"
/// ```
///
/// Other forms of the family (spec §12) use the same schema: `form =
/// "cong-van"` with `addressees` (Kính gửi) for a công văn; `form =
/// "quyet-dinh"`, `doc_type = "QĐ"`, `authority = "CHỦ TỊCH …"`,
/// `[[articles]]` (`text`, `blocks`) and `[attached]` (the plan it issues,
/// this same schema) for a decision.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Plan {
    /// Whose rules the document follows: the State's (Decree 30, the
    /// default) or the Party's (Hướng dẫn 05-HD/VPTW); see [`Profile`].
    #[serde(default, skip_serializing_if = "Profile::is_default")]
    pub profile: Profile,
    /// The issuing agency (ô 2).
    #[serde(default)]
    pub issuer: Issuer,
    /// Tên loại: the document type, `KH` for a plan (not printed on a công
    /// văn).
    #[serde(default)]
    pub doc_type: DocType,
    /// The type name as printed, when it says more than the type's own
    /// name: `CHƯƠNG TRÌNH HÀNH ĐỘNG` for a `CTr`. It must start with the
    /// type's name.
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "nfc_de::opt_line")]
    pub type_name: Option<String>,
    /// The form (Phụ lục III): a document with a type name (Mẫu 1.4, the
    /// default) or a công văn (Mẫu 1.5).
    #[serde(default, skip_serializing_if = "Form::is_default")]
    pub form: Form,
    /// Kính gửi (ô 9a): whom a báo cáo, tờ trình or công văn is addressed
    /// to; the recipients then start with `- Như trên;`.
    #[serde(default, skip_serializing_if = "Vec::is_empty", deserialize_with = "nfc_de::vec_line")]
    pub addressees: Vec<String>,
    /// Số: the register number; `None` for a draft (the clerk fills it in).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number: Option<u32>,
    /// Địa danh: the place of issue, e.g. `Đắk Nông`.
    #[serde(default, deserialize_with = "nfc_de::line")]
    pub place: String,
    /// Thời gian: the date of issue, possibly partly blank for a draft.
    #[serde(default, skip_serializing_if = "PlanDate::is_blank")]
    pub date: PlanDate,
    /// Trích yếu: the title under "KẾ HOẠCH".
    #[serde(default)]
    pub title: Text,
    /// Lead-in paragraphs ("Căn cứ …", "Thực hiện …") before section I.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub preamble: Vec<Text>,
    /// Content outside any section, after the preamble: a plan numbered
    /// from `1.` with no Roman sections keeps its items here.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub blocks: Vec<Block>,
    /// The body: sections I., II. …
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sections: Vec<Section>,
    /// Parts above the sections (`A.`, `B.` … or `Phần I`, `Phần II` …);
    /// a plan with parts keeps its sections inside them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub parts: Vec<Part>,
    /// How parts are labelled.
    #[serde(default, skip_serializing_if = "PartStyle::is_default")]
    pub part_style: PartStyle,
    /// The closing paragraph ("Trên đây là …").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub closing: Option<Text>,
    /// Nơi nhận.
    #[serde(default)]
    pub recipients: Recipients,
    /// The signature block.
    #[serde(default)]
    pub signer: Signer,
    /// Urgency, confidentiality, circulation and draft marks.
    #[serde(default, skip_serializing_if = "Marks::is_empty")]
    pub marks: Marks,
    /// Ô 13: the agency's address, phone, email, website (page 1 footer).
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "nfc_de::opt_lines")]
    pub contact: Option<String>,
    /// Phụ lục: appendices, each starting on a new page.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub appendices: Vec<Appendix>,
    /// Page margins in millimetres.
    #[serde(default, skip_serializing_if = "Margins::is_default")]
    pub margins: Margins,
    /// Printed on both sides of the sheet: the even pages (the backs) swap
    /// the left and right margins, so the wide margin stays on the binding
    /// side (Hướng dẫn 05-HD/VPTW IV-4: the back of a page left 15, right
    /// 30 mm). Both writers: the PDF's even pages are shifted, the DOCX
    /// says `w:mirrorMargins`.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub mirror_margins: bool,
    /// Signature and seal images for issuing electronically (spec §9).
    #[serde(default, skip_serializing_if = "crate::places::Signing::is_empty")]
    pub signing: crate::places::Signing,
    /// A decision's issuing authority, printed bold upper case above the
    /// căn cứ: `CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH LÀO CAI` (Mẫu 1.2 / 1.3).
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "nfc_de::opt_line")]
    pub authority: Option<String>,
    /// A decision's articles: `Điều 1.`, `Điều 2.` … (numbered by position).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub articles: Vec<Article>,
    /// The document a decision issues (Mẫu 1.3): usually the plan, printed
    /// after the decision on a new page, with the header but no `Số`, the
    /// `(Ban hành kèm theo Quyết định số …)` line and a signature block
    /// without Nơi nhận. Its number, date and recipients are the decision's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attached: Option<Box<Plan>>,
    /// The attached document's `(Ban hành kèm theo …)` line, when the
    /// composed one will not do (e.g. `của Ủy ban nhân dân tỉnh Lào Cai`
    /// spelled as the agency spells it). Without it the line is composed
    /// from the decision's number, date and authority.
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "nfc_de::opt_line")]
    pub issued_with: Option<String>,
}

/// An article of a decision: `Điều 1.` (bold) and its text on the same
/// line, then any clauses under it.
///
/// ```
/// let a = vanban::Article::new("Ban hành kèm theo Quyết định này Kế hoạch …");
/// assert_eq!(a.text.plain_text(), "Ban hành kèm theo Quyết định này Kế hoạch …");
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Article {
    /// The article's text, after `Điều N.` (inline **bold** / *italic*).
    #[serde(default)]
    pub text: Text,
    /// Clauses (`1.`, `a)`, `-` …) under the article.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub blocks: Vec<Block>,
}

impl Article {
    /// An article with its text.
    pub fn new(text: &str) -> Article {
        Article { text: Text::from(text), blocks: Vec::new() }
    }
}

impl Default for Plan {
    fn default() -> Plan {
        Plan {
            profile: Profile::State,
            issuer: Issuer::default(),
            doc_type: DocType::KeHoach,
            type_name: None,
            form: Form::default(),
            addressees: Vec::new(),
            number: None,
            place: String::new(),
            date: PlanDate::default(),
            title: Text::default(),
            preamble: Vec::new(),
            blocks: Vec::new(),
            sections: Vec::new(),
            parts: Vec::new(),
            part_style: PartStyle::default(),
            closing: None,
            recipients: Recipients::default(),
            signer: Signer::default(),
            marks: Marks::default(),
            contact: None,
            appendices: Vec::new(),
            margins: Margins::default(),
            mirror_margins: false,
            signing: crate::places::Signing::default(),
            authority: None,
            articles: Vec::new(),
            attached: None,
            issued_with: None,
        }
    }
}

impl Plan {
    /// Starts a builder. See [`PlanBuilder`] for a complete example.
    pub fn builder() -> PlanBuilder {
        PlanBuilder::default()
    }

    /// Loads a plan from TOML (schema: see [`Plan`]). Unknown fields are an
    /// error. The plan is not validated yet: call [`Plan::validate`].
    ///
    /// ```
    /// let plan = vanban::Plan::from_toml(r#"
    ///     place = "Hà Nội"
    ///     title = "Triển khai công tác năm 2025"
    ///     [issuer]
    ///     name = "SỞ NỘI VỤ"
    ///     code = "SNV"
    /// "#).unwrap();
    /// assert_eq!(plan.issuer.code, "SNV");
    /// assert!(vanban::Plan::from_toml("colour = 1").is_err());
    /// ```
    pub fn from_toml(s: &str) -> Result<Plan, crate::Error> {
        Ok(toml::from_str(s)?)
    }

    /// Loads a plan from JSON (same schema as TOML).
    ///
    /// ```
    /// let plan = vanban::Plan::from_json(r#"{"issuer": {"name": "SỞ NỘI VỤ", "code": "SNV"}, "number": 7}"#).unwrap();
    /// assert_eq!(plan.number, Some(7));
    /// ```
    pub fn from_json(s: &str) -> Result<Plan, crate::Error> {
        Ok(serde_json::from_str(s)?)
    }

    /// Writes the plan as TOML (the same schema [`Plan::from_toml`] reads).
    pub fn to_toml(&self) -> String {
        // Serialising our own model cannot fail: no maps with non-string
        // keys, no values TOML lacks.
        toml::to_string(self).unwrap_or_default()
    }

    /// Writes the plan as pretty-printed JSON.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// True for a draft: no number yet.
    pub fn is_draft(&self) -> bool {
        self.number.is_none()
    }
}

/// The issuing agency (ô 2) and the agency code used in the symbol (ô 3).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Issuer {
    /// Cơ quan chủ quản trực tiếp: the direct parent agency, printed regular
    /// above the issuer (e.g. `UBND TỈNH ĐẮK NÔNG`). May contain `\n`.
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "nfc_de::opt_lines")]
    pub parent: Option<String>,
    /// Tên cơ quan ban hành: the issuing agency, printed bold upper case.
    /// A `\n` marks where the clerk wants the name to wrap.
    #[serde(default, deserialize_with = "nfc_de::lines")]
    pub name: String,
    /// The agency's abbreviation in the symbol (`SVHTTDL` in `46/KH-SVHTTDL`);
    /// several groups are joined by hyphens (`UBND-VX`).
    #[serde(default, deserialize_with = "nfc_de::line")]
    pub code: String,
}

impl Issuer {
    /// An issuing agency with its name and code.
    ///
    /// ```
    /// let i = vanban::Issuer::new("SỞ NỘI VỤ", "SNV").parent("UBND TỈNH BÌNH ĐỊNH");
    /// assert_eq!(i.parent.as_deref(), Some("UBND TỈNH BÌNH ĐỊNH"));
    /// ```
    pub fn new(name: &str, code: &str) -> Issuer {
        Issuer { parent: None, name: text::fold_lines(name), code: text::fold_whitespace(code) }
    }
    /// Sets the direct parent agency.
    pub fn parent(mut self, parent: &str) -> Issuer {
        self.parent = Some(text::fold_lines(parent));
        self
    }

    /// The agency code as printed: stray spaces removed (§2.3, "no spaces
    /// anywhere"; validation warns when it removes any).
    ///
    /// ```
    /// assert_eq!(vanban::Issuer::new("SỞ", " SVH TTDL").compact_code(), "SVHTTDL");
    /// ```
    pub fn compact_code(&self) -> String {
        text::without_spaces(&self.code)
    }
}

/// A part above the sections: `A. MỤC ĐÍCH, YÊU CẦU` or `Phần I` with its
/// title (see [`PartStyle`]).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Part {
    /// The part's title, printed bold upper case.
    pub title: Text,
    /// Content directly under the part, before any section (items `1.`,
    /// `2.` of a part that has no Roman sections).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub blocks: Vec<Block>,
    /// Sections I., II. … of the part; numbering restarts in each part.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sections: Vec<Section>,
}

/// Whose rules a document follows.
///
/// State bodies (ministries, provinces, communes, their departments) issue
/// under Decree 30/2020/NĐ-CP; Party bodies (tỉnh ủy, đảng ủy, chi bộ and
/// their ban) under Quy định 399-QĐ/TW and Hướng dẫn 05-HD/VPTW (2026),
/// which set another page 1 (`ĐẢNG CỘNG SẢN VIỆT NAM`, `Số 12-KH/ĐU`, `*`,
/// `-----`), other sizes and signer forms (`T/M`, `K/T`). The profile is
/// the issuer's to choose (`profile = "party"`); the plain-text reader
/// recognises a Party document by its header or symbol, never by wording.
///
/// ```
/// let plan = vanban::Plan::from_toml(r#"
///     profile = "party"
///     number = 12
///     place = "Phú Quý"
///     date = "2026-06-05"
///     title = "thực hiện Chỉ thị số 05-CT/TU"
///     [issuer]
///     parent = "ĐẢNG BỘ TỈNH LÂM ĐỒNG"
///     name = "ĐẢNG ỦY ĐẶC KHU PHÚ QUÝ"
///     code = "ĐU"
/// "#).unwrap();
/// assert_eq!(plan.profile, vanban::Profile::Party);
/// assert_eq!(vanban::compose::Document::new(&plan).header.number, "Số 12-KH/ĐU");
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Profile {
    /// Decree 30/2020/NĐ-CP, Phụ lục I (`../spec/nd30.md`).
    #[default]
    State,
    /// Hướng dẫn 05-HD/VPTW (27/5/2026; Hướng dẫn 36-HD/VPTW before it),
    /// under Quy định 399-QĐ/TW (`../spec/party.md`).
    Party,
}

impl Profile {
    fn is_default(&self) -> bool {
        *self == Profile::State
    }
}

/// The form of the document (Phụ lục III).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Form {
    /// Mẫu 1.4, a document with a type name (KẾ HOẠCH, BÁO CÁO, TỜ TRÌNH …)
    /// above its trích yếu.
    #[default]
    Named,
    /// Mẫu 1.5, a công văn: no type name; the trích yếu is `V/v …` under the
    /// number in the header's left column; the symbol has no type
    /// (`Số: 215/SCT-QLCN`).
    CongVan,
    /// Mẫu 1.2 / 1.3, a quyết định: type name `QUYẾT ĐỊNH`, the issuing
    /// authority, italic căn cứ lines, `QUYẾT ĐỊNH:` and articles
    /// (`Điều 1.` …); with [`Plan::attached`] it issues that document
    /// (Mẫu 1.3), which follows on a new page.
    #[serde(rename = "quyet-dinh")]
    Decision,
}

impl Form {
    fn is_default(&self) -> bool {
        *self == Form::Named
    }
}

/// How the parts of a plan are labelled.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum PartStyle {
    /// `A. TITLE`, `B. TITLE` … on one line, like a section heading.
    #[default]
    Letter,
    /// `Phần I` centred on its own line, the title centred below it
    /// (Phụ lục I, II.6.đ).
    Phan,
}

impl PartStyle {
    fn is_default(&self) -> bool {
        *self == PartStyle::Letter
    }
}

/// A section of the body: `I. MỤC ĐÍCH, YÊU CẦU`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Section {
    /// The heading, printed bold upper case after its Roman numeral.
    pub title: Text,
    /// Text on the heading's own line, after a colon
    /// (`III. THỜI GIAN THỰC HIỆN: Từ nay đến ngày 10/10/2023.`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<Text>,
    /// The section's content.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub blocks: Vec<Block>,
}

/// A block of a section's content. Numbers and letters come from the
/// position: the user never types them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum Block {
    /// A free paragraph.
    Paragraph(Paragraph),
    /// Khoản: `1.`, `2.` … with a bold title, text, or both.
    Item(Item),
    /// Điểm: `a)`, `b)` … `đ)` …
    Point(ListEntry),
    /// A dash bullet `- …`.
    Bullet(ListEntry),
    /// A plus bullet `+ …` (under a dash bullet).
    Plus(ListEntry),
    /// A table.
    Table(Table),
}

/// A free paragraph.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Paragraph {
    /// Its text.
    pub text: Text,
}

/// Khoản: a numbered item. An item directly inside another item is a
/// sub-item, numbered decimally (`3.1.`, `3.2.`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Item {
    /// A title printed bold on the item's own line (`1. Mục đích`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<Text>,
    /// The item's text (`1. Thi đua triển khai …`), after the title if both.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<Text>,
    /// Points, bullets and paragraphs under the item.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub blocks: Vec<Block>,
}

/// A point or bullet with its text and what hangs under it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ListEntry {
    /// The text after the label.
    pub text: Text,
    /// Nested blocks (bullets under a point, `+` under a `-`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub blocks: Vec<Block>,
}

/// Nơi nhận: the recipients, the archive line and ô 12.
///
/// The library writes the punctuation: `- ` before each entry, `;` after each
/// but the last, `.` after the archive line. Names that already carry it are
/// accepted and not doubled.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Recipients {
    /// One recipient (or group) per entry, e.g. `Sở Nội vụ (b/c)`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub to: Vec<Recipient>,
    /// The archive line `Lưu: VT, <units> (<copies>)`; when absent the
    /// library prints `Lưu: VT.` and warns.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub archive: Option<Archive>,
    /// Ô 12: drafter's initials and number of issued copies, `PL.(300)`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub drafter: Option<Drafter>,
}

impl Recipients {
    /// The archive line as printed, with ô 12 after it: `- Lưu: VT, VP (2). PL.(300)`;
    /// `- Lưu: VT.` when there is no archive line (§2.7). `VT` among the
    /// units is not repeated.
    ///
    /// ```
    /// let r = vanban::Recipients {
    ///     archive: Some(vanban::Archive { units: vec!["VP".into()], copies: Some(2) }),
    ///     drafter: Some(vanban::Drafter { initials: "pl".into(), copies: 300 }),
    ///     ..Default::default()
    /// };
    /// assert_eq!(r.archive_line(), "- Lưu: VT, VP (2). PL.(300)");
    /// ```
    pub fn archive_line(&self) -> String {
        let mut line = String::from("- Lưu: VT");
        if let Some(a) = &self.archive {
            for u in a.units.iter().map(|u| u.trim()).filter(|u| !u.eq_ignore_ascii_case("VT")) {
                line.push_str(", ");
                line.push_str(u);
            }
            if let Some(c) = a.copies {
                line.push_str(&format!(" ({c})"));
            }
        }
        line.push('.');
        if let Some(d) = self.drafter_mark() {
            line.push(' ');
            line.push_str(&d);
        }
        line
    }

    /// A Party document's archive line (Hướng dẫn 05-HD/VPTW, I-9.2.5): `Lưu`
    /// and the unit, with no colon and no `VT`: `- Lưu Văn phòng Tỉnh ủy.`
    ///
    /// ```
    /// let r = vanban::Recipients {
    ///     archive: Some(vanban::Archive { units: vec!["Văn phòng Đảng ủy".into()], copies: None }),
    ///     ..Default::default()
    /// };
    /// assert_eq!(r.party_archive_line(), "- Lưu Văn phòng Đảng ủy.");
    /// ```
    pub fn party_archive_line(&self) -> String {
        let units: Vec<&str> = self
            .archive
            .iter()
            .flat_map(|a| a.units.iter())
            .map(|u| u.trim())
            .filter(|u| !u.is_empty() && !u.eq_ignore_ascii_case("VT"))
            .collect();
        let mut line = String::from("- Lưu");
        if !units.is_empty() {
            line.push(' ');
            line.push_str(&units.join(", "));
        }
        if let Some(c) = self.archive.as_ref().and_then(|a| a.copies) {
            line.push_str(&format!(" ({c})"));
        }
        line.push('.');
        line
    }

    /// Ô 12 as printed: `PL.(300)`.
    pub fn drafter_mark(&self) -> Option<String> {
        self.drafter.as_ref().map(|d| format!("{}.({})", text::upper(d.initials.trim()), d.copies))
    }
}

/// One recipient: a name and an optional note in parentheses (`b/c`, `để
/// b/c`, `t/hiện`).
///
/// In serde it is a string, `"Sở Nội vụ (b/c)"`; a final parenthesised group
/// becomes the note.
///
/// ```
/// let r = vanban::Recipient::from("- Sở Nội vụ (b/c);");
/// assert_eq!((r.name.as_str(), r.note.as_deref()), ("Sở Nội vụ", Some("b/c")));
/// ```
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(from = "String", into = "String")]
pub struct Recipient {
    /// The name, without the list punctuation.
    pub name: String,
    /// The note, without its parentheses.
    pub note: Option<String>,
    /// The user's text when its punctuation was doubled or wrong and fixed.
    pub(crate) fixed_from: Option<String>,
}

impl PartialEq for Recipient {
    fn eq(&self, other: &Self) -> bool {
        self.name == other.name && self.note == other.note
    }
}
impl Eq for Recipient {}

impl Recipient {
    /// The entry as printed, without list punctuation: `Sở Nội vụ (b/c)`.
    pub fn label(&self) -> String {
        match &self.note {
            Some(n) => format!("{} ({n})", self.name),
            None => self.name.clone(),
        }
    }

    /// A recipient with a name and an optional note.
    ///
    /// ```
    /// let r = vanban::Recipient::new("Sở Nội vụ", Some("b/c"));
    /// assert_eq!(r.label(), "Sở Nội vụ (b/c)");
    /// ```
    pub fn new(name: &str, note: Option<&str>) -> Recipient {
        Recipient { name: text::fold_whitespace(name), note: note.map(text::fold_whitespace), fixed_from: None }
    }

    /// Strips the list punctuation the user may have typed (`- ` before,
    /// `;` or `.` after). Returns the core and whether the punctuation was
    /// more than one clean dash and one final mark (doubled or wrong).
    pub(crate) fn strip_punctuation(s: &str) -> (String, bool) {
        let t = text::fold_whitespace(s);
        let mut core = t.as_str();
        let mut dashes = 0;
        while let Some(rest) = core.strip_prefix(['-', '–', '+']) {
            core = rest.trim_start();
            dashes += 1;
        }
        let mut marks = 0;
        while let Some(rest) = core.strip_suffix([';', '.', ',']) {
            core = rest.trim_end();
            marks += 1;
        }
        (core.to_owned(), dashes > 1 || marks > 1)
    }
}

impl From<String> for Recipient {
    fn from(s: String) -> Recipient {
        Recipient::from(s.as_str())
    }
}

impl From<&str> for Recipient {
    fn from(s: &str) -> Recipient {
        let (core, messy) = Recipient::strip_punctuation(s);
        let fixed_from = messy.then(|| text::fold_whitespace(s));
        if core.ends_with(')') {
            if let Some(open) = core.rfind(" (") {
                let note = &core[open + 2..core.len() - 1];
                if !note.is_empty() && !note.contains(['(', ')']) {
                    return Recipient {
                        name: core[..open].trim_end().to_owned(),
                        note: Some(note.to_owned()),
                        fixed_from,
                    };
                }
            }
        }
        Recipient { name: core, note: None, fixed_from }
    }
}

impl From<Recipient> for String {
    fn from(r: Recipient) -> String {
        r.label()
    }
}

/// The archive line: `Lưu: VT, VP.`; `Lưu: VT, HC (2).` with copies.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Archive {
    /// Units keeping a copy after the Văn thư (VT), e.g. `VP`, `TCPC`.
    #[serde(default, skip_serializing_if = "Vec::is_empty", deserialize_with = "nfc_de::vec_line")]
    pub units: Vec<String>,
    /// Number of copies filed, printed in parentheses.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub copies: Option<u32>,
}

/// Ô 12: the drafter's initials and the number of copies issued, `PL.(300)`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Drafter {
    /// Initials, upper case (`PL`).
    #[serde(deserialize_with = "nfc_de::line")]
    pub initials: String,
    /// Copies issued.
    pub copies: u32,
}

/// The signature block: one to three title lines and the name.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Signer {
    /// Title lines, top to bottom: `["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"]`.
    #[serde(default)]
    pub titles: Vec<SignerTitle>,
    /// Họ tên người ký.
    #[serde(default, deserialize_with = "nfc_de::line")]
    pub name: String,
    /// Lines printed under the name: the signer's own office when it differs
    /// from the title (a team leader who is `PHÓ GIÁM ĐỐC SỞ CÔNG THƯƠNG`).
    #[serde(default, skip_serializing_if = "Vec::is_empty", deserialize_with = "nfc_de::vec_line")]
    pub below_name: Vec<String>,
}

impl Signer {
    /// A signer with a name and no title yet.
    ///
    /// ```
    /// use vanban::{Signer, Authority};
    /// let s = Signer::new("Lê Ngọc Quang").title("KT. GIÁM ĐỐC").title("PHÓ GIÁM ĐỐC");
    /// assert_eq!(s.titles[0].authority, Some(Authority::Kt));
    /// assert_eq!(s.titles[0].title, "GIÁM ĐỐC");
    /// ```
    pub fn new(name: &str) -> Signer {
        Signer { titles: Vec::new(), name: text::fold_whitespace(name), below_name: Vec::new() }
    }
    /// Adds a title line; an authority marker (`KT.` …) at its start is recognised.
    pub fn title(mut self, line: &str) -> Signer {
        self.titles.push(SignerTitle::from(line));
        self
    }
}

/// Quyền hạn: the authority marker in front of a title line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Authority {
    /// `TM.` thay mặt: on behalf of a collective.
    Tm,
    /// `KT.` ký thay: a deputy signs for the head.
    Kt,
    /// `TL.` thừa lệnh: by order of the head.
    Tl,
    /// `TUQ.` thừa ủy quyền: by written authorisation.
    Tuq,
    /// `Q.` quyền: acting head.
    Q,
}

impl Authority {
    /// The marker as a Party document prints it (HD 05, I-7.1): `T/M`,
    /// `K/T`, `T/L` (slash, no period), `Q.`; a Party document has no `TUQ.`
    /// (validation refuses it), printed as the State's.
    ///
    /// ```
    /// assert_eq!(vanban::Authority::Tm.party_marker(), "T/M");
    /// ```
    pub fn party_marker(self) -> &'static str {
        match self {
            Authority::Tm => "T/M",
            Authority::Kt => "K/T",
            Authority::Tl => "T/L",
            Authority::Tuq => "TUQ.",
            Authority::Q => "Q.",
        }
    }
    /// The marker as `profile` prints it.
    pub fn marker_in(self, profile: Profile) -> &'static str {
        match profile {
            Profile::State => self.marker(),
            Profile::Party => self.party_marker(),
        }
    }
    /// The marker as printed, with its period.
    pub fn marker(self) -> &'static str {
        match self {
            Authority::Tm => "TM.",
            Authority::Kt => "KT.",
            Authority::Tl => "TL.",
            Authority::Tuq => "TUQ.",
            Authority::Q => "Q.",
        }
    }
    const ALL: [Authority; 5] = [Authority::Tm, Authority::Kt, Authority::Tl, Authority::Tuq, Authority::Q];
}

/// One title line of the signature block: an optional authority and a title.
/// In serde it is a string such as `"KT. GIÁM ĐỐC"`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "String", into = "String")]
pub struct SignerTitle {
    /// TM. / KT. / TL. / TUQ. / Q., if any.
    pub authority: Option<Authority>,
    /// The title or collective name, e.g. `GIÁM ĐỐC`, `ỦY BAN NHÂN DÂN`.
    pub title: String,
}

impl SignerTitle {
    /// The authority and title as `profile` reads them. A State document
    /// reads only the State's markers (`TM.` …; a line typed `T/M …` is
    /// printed as typed, as it always was); a Party document also reads
    /// the Party's `T/M`, `K/T`, `T/L` (with or without a period) at the
    /// start of a title given without a recognised marker.
    ///
    /// ```
    /// use vanban::{Authority, Profile, SignerTitle};
    /// let t = SignerTitle::from("T/M TỈNH ỦY");
    /// assert_eq!(t.authority_in(Profile::State), (None, "T/M TỈNH ỦY"));
    /// assert_eq!(t.authority_in(Profile::Party), (Some(Authority::Tm), "TỈNH ỦY"));
    /// ```
    pub fn authority_in(&self, profile: Profile) -> (Option<Authority>, &str) {
        if self.authority.is_some() || profile == Profile::State {
            return (self.authority, &self.title);
        }
        for a in Authority::ALL {
            let m = a.party_marker();
            if !m.contains('/') {
                continue;
            }
            if let (Some(head), Some(rest)) = (self.title.get(..m.len()), self.title.get(m.len()..)) {
                if head.eq_ignore_ascii_case(m) && rest.starts_with([' ', '.']) {
                    let rest = rest.trim_start_matches('.').trim_start();
                    if !rest.is_empty() {
                        return (Some(a), rest);
                    }
                }
            }
        }
        (None, &self.title)
    }
}

impl From<&str> for SignerTitle {
    fn from(s: &str) -> SignerTitle {
        let s = text::fold_whitespace(s);
        for a in Authority::ALL {
            let m = a.marker();
            if let (Some(head), Some(rest)) = (s.get(..m.len()), s.get(m.len()..)) {
                if head.eq_ignore_ascii_case(m) && !rest.trim().is_empty() {
                    return SignerTitle { authority: Some(a), title: rest.trim_start().to_owned() };
                }
            }
        }
        SignerTitle { authority: None, title: s }
    }
}
impl From<String> for SignerTitle {
    fn from(s: String) -> SignerTitle {
        SignerTitle::from(s.as_str())
    }
}
impl From<SignerTitle> for String {
    fn from(t: SignerTitle) -> String {
        match t.authority {
            Some(a) => format!("{} {}", a.marker(), t.title),
            None => t.title,
        }
    }
}

/// Optional marks: urgency (ô 10b), confidentiality (ô 10a), circulation
/// (ô 11) and a draft label.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Marks {
    /// Dấu mức độ khẩn.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub urgency: Option<Urgency>,
    /// Dấu độ mật.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confidentiality: Option<Confidentiality>,
    /// Chỉ dẫn phạm vi lưu hành.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub circulation: Option<Circulation>,
    /// "DỰ THẢO" label (not regulated by the decree; nd30.md §2.8).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub draft: Option<DraftLabel>,
}

impl Marks {
    pub(crate) fn is_empty(&self) -> bool {
        *self == Marks::default()
    }
}

/// Mức độ khẩn.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Urgency {
    /// KHẨN (box 20 × 8 mm).
    #[serde(alias = "KHẨN")]
    Khan,
    /// THƯỢNG KHẨN (box 40 × 8 mm).
    #[serde(alias = "THƯỢNG KHẨN")]
    ThuongKhan,
    /// HỎA TỐC (box 30 × 8 mm).
    #[serde(alias = "HỎA TỐC")]
    HoaToc,
}

impl Urgency {
    /// The printed text.
    pub fn label(self) -> &'static str {
        match self {
            Urgency::Khan => "KHẨN",
            Urgency::ThuongKhan => "THƯỢNG KHẨN",
            Urgency::HoaToc => "HỎA TỐC",
        }
    }
}

/// Độ mật.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Confidentiality {
    /// MẬT.
    #[serde(alias = "MẬT")]
    Mat,
    /// TỐI MẬT.
    #[serde(alias = "TỐI MẬT")]
    ToiMat,
    /// TUYỆT MẬT.
    #[serde(alias = "TUYỆT MẬT")]
    TuyetMat,
}

impl Confidentiality {
    /// The printed text.
    pub fn label(self) -> &'static str {
        match self {
            Confidentiality::Mat => "MẬT",
            Confidentiality::ToiMat => "TỐI MẬT",
            Confidentiality::TuyetMat => "TUYỆT MẬT",
        }
    }
}

/// Phạm vi lưu hành.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Circulation {
    /// LƯU HÀNH NỘI BỘ.
    #[serde(alias = "LƯU HÀNH NỘI BỘ")]
    LuuHanhNoiBo,
    /// XEM XONG TRẢ LẠI.
    #[serde(alias = "XEM XONG TRẢ LẠI")]
    XemXongTraLai,
}

impl Circulation {
    /// The printed text.
    pub fn label(self) -> &'static str {
        match self {
            Circulation::LuuHanhNoiBo => "LƯU HÀNH NỘI BỘ",
            Circulation::XemXongTraLai => "XEM XONG TRẢ LẠI",
        }
    }
}

/// The "DỰ THẢO" label, optionally with a revision (`DỰ THẢO LẦN 2`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DraftLabel {
    /// Which revision of the draft.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub revision: Option<u32>,
}

impl DraftLabel {
    /// The printed text.
    ///
    /// ```
    /// assert_eq!(vanban::DraftLabel { revision: Some(2) }.label(), "DỰ THẢO LẦN 2");
    /// ```
    pub fn label(self) -> String {
        match self.revision {
            Some(n) => format!("DỰ THẢO LẦN {n}"),
            None => "DỰ THẢO".to_owned(),
        }
    }
}

/// Phụ lục: an appendix, printed from a new page with its own page numbers.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Appendix {
    /// The appendix title, printed bold upper case under "Phụ lục I".
    pub title: Text,
    /// The italic reference line, e.g. `(Kèm theo Kế hoạch số 46/KH-SVHTTDL
    /// ngày 22 tháng 10 năm 2021 của Sở Văn hóa, Thể thao và Du lịch)`;
    /// when absent it is written from the plan's own number and date.
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "nfc_de::opt_line")]
    pub reference: Option<String>,
    /// Paragraphs before the appendix's sections.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub preamble: Vec<Text>,
    /// Content outside any section: tables, items, paragraphs.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub blocks: Vec<Block>,
    /// Sections I., II. … of the appendix.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sections: Vec<Section>,
    /// Page orientation: `None` chooses landscape when a table's columns
    /// cannot fit the portrait text width (Phụ lục I, I.2 allows landscape
    /// for tables); `Some(true)` / `Some(false)` force it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub landscape: Option<bool>,
}

/// Page margins in millimetres, each inside the decree's range
/// (Phụ lục I, I.3): top 20–25, bottom 20–25, left 30–35, right 15–20.
/// The default is the style table's (`vanban::style::DEFAULT_MARGINS`).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Margins {
    /// Top margin.
    pub top: f32,
    /// Bottom margin.
    pub bottom: f32,
    /// Left margin.
    pub left: f32,
    /// Right margin.
    pub right: f32,
}

impl Margins {
    fn is_default(&self) -> bool {
        *self == Margins::default()
    }
}
