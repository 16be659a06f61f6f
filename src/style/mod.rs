//! The Decree 30 style table: every measurement the two writers use, each
//! with the rule it comes from (sections of `nd30.md`). No other module holds
//! a Decree 30 number. The Party's table (Hướng dẫn 05-HD/VPTW) is
//! [`party`]; [`Role::style_in`] picks by [`Profile`].

use crate::model::{Margins, Profile};

pub mod party;

/// Millimetres to PDF points.
pub const fn mm_to_pt(mm: f32) -> f32 {
    mm * 72.0 / 25.4
}

/// PDF points to millimetres.
pub const fn pt_to_mm(pt: f32) -> f32 {
    pt * 25.4 / 72.0
}

/// Points to twentieths of a point (twips, the DOCX unit).
pub fn pt_to_twips(pt: f32) -> i32 {
    (pt * 20.0).round() as i32
}

/// Millimetres to twips.
pub fn mm_to_twips(mm: f32) -> i32 {
    pt_to_twips(mm_to_pt(mm))
}

/// A4 portrait, 210 × 297 mm (§1, Phụ lục I, I.1–I.2).
pub const PAGE_WIDTH_MM: f32 = 210.0;
/// A4 height.
pub const PAGE_HEIGHT_MM: f32 = 297.0;

/// An allowed range in millimetres.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RangeMm {
    /// Least allowed.
    pub min: f32,
    /// Most allowed.
    pub max: f32,
}

/// Margin ranges (§1, Phụ lục I, I.3): top 20–25, bottom 20–25, left 30–35,
/// right 15–20 mm.
pub const MARGIN_TOP: RangeMm = RangeMm { min: 20.0, max: 25.0 };
/// Bottom margin range.
pub const MARGIN_BOTTOM: RangeMm = RangeMm { min: 20.0, max: 25.0 };
/// Left margin range.
pub const MARGIN_LEFT: RangeMm = RangeMm { min: 30.0, max: 35.0 };
/// Right margin range.
pub const MARGIN_RIGHT: RangeMm = RangeMm { min: 15.0, max: 20.0 };

/// Default margins: the minima, for the most text room (§7).
pub const DEFAULT_MARGINS: Margins = Margins { top: 20.0, bottom: 20.0, left: 30.0, right: 15.0 };

impl Default for Margins {
    fn default() -> Margins {
        DEFAULT_MARGINS
    }
}

/// Distance of the header (page number) from the top edge: inside the top
/// margin (§1 "centred in the top margin"; the decree's own file uses 10 mm).
pub const HEADER_DISTANCE_MM: f32 = 10.0;
/// Distance of the footer from the bottom edge.
pub const FOOTER_DISTANCE_MM: f32 = 10.0;

/// Body first-line indent, 1 cm (§2.2 "1 cm or 1.27 cm"; §7 picks 1 cm).
pub const FIRST_LINE_INDENT_MM: f32 = 10.0;
/// Space before a body paragraph, 6 pt (§2.2 "at least 6 pt"; §7).
pub const PARAGRAPH_SPACE_BEFORE_PT: f32 = 6.0;
/// Space after a body paragraph (§7: 0).
pub const PARAGRAPH_SPACE_AFTER_PT: f32 = 0.0;
/// Line spacing, single (§2.2 "single to 1.5 lines"; §7 single).
pub const LINE_SPACING: f32 = 1.0;

/// Header table split: left column share of the text width (§3.1, §7 "≈ 40 %").
pub const HEADER_LEFT_SHARE: f32 = 0.40;
/// Least width of the header's right column, so the Quốc hiệu at 13 pt never
/// wraps (§3.1: ≈ 96 mm + cell padding). The real value is measured; this is
/// the floor.
pub const HEADER_RIGHT_MIN_MM: f32 = 100.0;
/// Signature table split: left (Nơi nhận) share (§3.4, §7 "≈ 40 %").
pub const SIGNATURE_LEFT_SHARE: f32 = 0.40;
/// Horizontal padding inside a table cell (Word's default 0.19 cm = 108 twips).
pub const CELL_PADDING_MM: f32 = 1.9;

/// Rule under the agency name, the title and an appendix's title: this share
/// of the widest line above it (§2.2 "1/3 to 1/2"; §7 picks 40 %, with no
/// minimum: the "min 15 mm" once in §7 is withdrawn, it broke the 1/2 bound
/// for names shorter than 30 mm).
pub const SHORT_RULE_SHARE: f32 = 0.40;
/// White between a rule and the ink of the line under it, points (§11
/// "≥ 2 pt", stacked diacritics included).
pub const RULE_CLEARANCE_PT: f32 = 2.0;
/// Rule thickness, 0.5 pt (a solid single line, §2.2).
pub const RULE_WIDTH_PT: f32 = 0.5;
/// Gap between the rule and the text above it.
pub const RULE_GAP_PT: f32 = 3.0;

/// Signature space between the last title line and the name: ≈ 30 mm
/// (§2.6 "3–5 empty single-spaced lines (≈ 25–35 mm)").
pub const SIGNATURE_SPACE_MM: f32 = 30.0;

/// Space between the header table and the document type heading (§3.1
/// "two blank lines follow the header table" in Mẫu 1.4: two 12 pt lines).
pub const AFTER_HEADER_PT: f32 = 24.0;
/// Space between the `Số` line and a công văn's `V/v` subject (§12: 6 pt).
pub const SUBJECT_GAP_PT: f32 = 6.0;
/// Where a Kính gửi block of several lines starts: this share of the text
/// width from the left (not regulated; the decree's samples start it about
/// a quarter in).
pub const ADDRESSEES_INDENT_SHARE: f32 = 0.25;

/// Space between the title's rule and the body (§3.2 "one blank line").
pub const AFTER_TITLE_PT: f32 = 6.0;
/// Space before the closing (signature) table.
pub const BEFORE_SIGNATURE_PT: f32 = 6.0;

/// A draft's number blank, at least this wide, mm (spec §9: room to stamp
/// the number at issue).
pub const NUMBER_BLANK_MM: f32 = 5.0;
/// A draft's day and month blanks, each at least this wide, mm (spec §9).
pub const DATE_BLANK_MM: f32 = 4.0;

/// A blank at least `mm` wide in text of `size` points, as printed: en
/// spaces (U+2002, half an em), which no layout shrinks or stretches (a
/// plain space is folded by the PDF layout and stretched by justification).
///
/// ```
/// assert_eq!(vanban::style::blank(5.0, 13.0).chars().count(), 3); // 3 × 6.5 pt = 6.9 mm
/// assert!(vanban::style::blank(4.0, 13.0).chars().all(|c| c == '\u{2002}'));
/// ```
pub fn blank(mm: f32, size: f32) -> String {
    let en = size / 2.0;
    let n = (mm_to_pt(mm) / en).ceil().max(1.0) as usize;
    "\u{2002}".repeat(n)
}

/// Mark boxes (urgency, confidentiality, circulation, draft): the white
/// between the text and the border, points. A whole number, as a DOCX
/// paragraph border's space is; with the 13 pt line it makes the box ≈ 8 mm
/// tall, the urgency boxes' height (Phụ lục I, III.2.b).
pub const MARK_PAD_PT: f32 = 4.0;
/// Mark boxes' border, points.
pub const MARK_BORDER_PT: f32 = 0.5;
/// Space between a mark box and what is above or below it, points.
pub const MARK_GAP_PT: f32 = 6.0;
/// A mark box is the label's width and this much, mm, unless the decree
/// sets its width (urgency).
pub const MARK_EXTRA_MM: f32 = 6.0;

/// Urgency boxes (§2.2, Phụ lục I, III.2.b): width × height in mm.
pub fn urgency_box_mm(u: crate::model::Urgency) -> (f32, f32) {
    use crate::model::Urgency::*;
    match u {
        HoaToc => (30.0, 8.0),
        ThuongKhan => (40.0, 8.0),
        Khan => (20.0, 8.0),
    }
}

/// Horizontal alignment of a paragraph.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    /// Flush left.
    Left,
    /// Flush right.
    Right,
    /// Centred.
    Center,
    /// Justified on both sides, last line flush left.
    Justify,
}

/// The part of the document a paragraph plays: each role has one style.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Role {
    /// Quốc hiệu.
    QuocHieu,
    /// Tiêu ngữ.
    TieuNgu,
    /// Cơ quan chủ quản.
    ParentAgency,
    /// Cơ quan ban hành.
    Agency,
    /// Số, ký hiệu.
    Number,
    /// Địa danh và thời gian.
    PlaceDate,
    /// Tên loại (KẾ HOẠCH).
    DocType,
    /// Trích yếu.
    Title,
    /// Body paragraph (preamble, free paragraphs, points, bullets, closing).
    Body,
    /// Section heading `I. …`.
    SectionHeading,
    /// Titled item `1. …` (bold).
    ItemHeading,
    /// `Nơi nhận:`.
    RecipientsLabel,
    /// A recipient line.
    Recipient,
    /// Signer title line.
    SignerTitle,
    /// Signer name.
    SignerName,
    /// Urgency / circulation / draft box text.
    Mark,
    /// Ô 13 footer.
    Contact,
    /// Page number.
    PageNumber,
    /// `Phụ lục I`.
    AppendixLabel,
    /// Appendix title.
    AppendixTitle,
    /// Appendix reference line `(Kèm theo …)`.
    AppendixReference,
    /// A part heading `A. MỤC ĐÍCH, YÊU CẦU` (like a section heading).
    PartHeading,
    /// `Phần I`, centred on its own line (Phụ lục I, II.6.đ).
    PartLabel,
    /// The title under `Phần I`, centred, bold upper case.
    PartTitle,
    /// A table header cell: bold, centred.
    TableHeader,
    /// A table body cell.
    TableCell,
    /// A group row's cell (`I. NHIỆM VỤ CHUNG`): bold.
    TableGroup,
    /// The column-number row `(1) (2) …`: italic, centred.
    TableColumnNumber,
    /// A line under the signer's name (their own office).
    SignerNote,
    /// The top-right line of a separate appendix (Mẫu 2.2): 10 pt, upright.
    AppendixStamp,
    /// A công văn's `V/v …` subject under its number (Mẫu 1.5).
    Subject,
    /// The Kính gửi block (ô 9a).
    Addressee,
    /// A decision's issuing authority (`CHỦ TỊCH ỦY BAN NHÂN DÂN …`).
    Authority,
    /// A decision's căn cứ lines: italic body paragraphs.
    Basis,
    /// `QUYẾT ĐỊNH:` before a decision's articles.
    Resolve,
    /// The attached document's `(Ban hành kèm theo Quyết định số …)` line.
    IssuedWith,
    /// A Party document's right header, `ĐẢNG CỘNG SẢN VIỆT NAM` (HD 05, I-1.2).
    PartyName,
    /// The `*` under a Party body's name and the `-----` under a Party
    /// document's trích yếu (HD 05, I-2.2, I-5.2.1).
    Separator,
    /// A Party signer's position line under `T/M …` (`PHÓ BÍ THƯ`): not
    /// bold (HD 05, I-7.1.2).
    SignerPosition,
}

/// How a role is typeset.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Style {
    /// Font size in points.
    pub size: f32,
    /// Bold.
    pub bold: bool,
    /// Italic.
    pub italic: bool,
    /// Printed in upper case.
    pub upper: bool,
    /// Alignment.
    pub align: Align,
    /// First-line indent in millimetres.
    pub first_line_indent_mm: f32,
    /// Space before, points.
    pub space_before: f32,
    /// Underlined (a Party document's `Nơi nhận:`).
    pub underline: bool,
    /// Exact line pitch in points, where the rules fix one (a Party
    /// document's body: "exactly 18–22 pt"); `None` is single spacing.
    pub line_pitch: Option<f32>,
}

const fn st(size: f32, bold: bool, italic: bool, upper: bool, align: Align) -> Style {
    Style {
        size,
        bold,
        italic,
        upper,
        align,
        first_line_indent_mm: 0.0,
        space_before: 0.0,
        underline: false,
        line_pitch: None,
    }
}

const fn body(bold: bool, upper: bool) -> Style {
    Style {
        size: BODY_SIZE,
        bold,
        italic: false,
        upper,
        align: Align::Justify,
        first_line_indent_mm: FIRST_LINE_INDENT_MM,
        space_before: PARAGRAPH_SPACE_BEFORE_PT,
        underline: false,
        line_pitch: None,
    }
}

/// Agency names may go down to 12 pt to stay on one line (§2.2 "12–13";
/// §7 "12 for long names").
pub const AGENCY_FALLBACK_SIZE: f32 = 12.0;
/// The place-and-date line drops to 13 pt when 14 does not fit the right
/// header cell (§2.2 "13–14"; §7 "fall back to 13").
pub const PLACE_DATE_FALLBACK_SIZE: f32 = 13.0;

/// Body size, 14 pt (§2.2 "13–14"; §7 picks 14).
pub const BODY_SIZE: f32 = 14.0;

/// Text in tables: 13 pt by default. The decree sets no size for tables;
/// body text is 13–14 (§2.2) and agencies' task tables use 12–13.
pub const TABLE_SIZE: f32 = 13.0;
/// The smallest table text vanban prints: 11 pt, the smallest size the
/// decree uses anywhere (Nơi nhận entries, ô 13).
pub const TABLE_SIZE_MIN: f32 = 11.0;
/// The largest table text: the body's largest size (§2.2 "13–14").
pub const TABLE_SIZE_MAX: f32 = 14.0;
/// Space above and below a cell's text, points (Word's default cell
/// margins are 0 top and bottom; 2 pt keeps accents off the borders).
pub const TABLE_CELL_PAD_V_PT: f32 = 2.0;
/// Table borders: single lines, 0.5 pt.
pub const TABLE_BORDER_PT: f32 = 0.5;
/// Space between a table and the paragraph before it.
pub const TABLE_SPACE_BEFORE_PT: f32 = 6.0;

impl Role {
    /// The role's style (§2.2 sizes; the chosen value inside each range is §7's).
    pub const fn style(self) -> Style {
        use Align::*;
        match self {
            Role::QuocHieu => st(13.0, true, false, true, Center), // 12–13 → 13
            Role::TieuNgu => st(14.0, true, false, false, Center), // 13–14 → 14
            Role::ParentAgency => st(13.0, false, false, true, Center), // 12–13 → 13, regular
            Role::Agency => st(13.0, true, false, true, Center),   // 12–13 → 13, bold
            Role::Number => st(13.0, false, false, false, Center), // fixed 13
            Role::PlaceDate => st(14.0, false, true, false, Center), // 13–14 → 14, italic
            Role::DocType => st(14.0, true, false, true, Center),  // 13–14 → 14
            Role::Title => st(14.0, true, false, false, Center),   // 13–14 → 14
            Role::Body => body(false, false),
            Role::SectionHeading => body(true, true),
            Role::ItemHeading => body(true, false),
            Role::RecipientsLabel => st(12.0, true, true, false, Left), // fixed 12
            Role::Recipient => st(11.0, false, false, false, Left),     // fixed 11
            Role::SignerTitle => st(14.0, true, false, true, Center),   // 13–14 → 14
            Role::SignerName => st(14.0, true, false, false, Center),   // 13–14 → 14
            Role::Mark => st(13.0, true, false, true, Center),          // 13–14 → 13
            Role::Contact => st(11.0, false, false, false, Center),     // 11–12 → 11
            Role::PageNumber => st(14.0, false, false, false, Center),  // 13–14 → 14
            Role::AppendixLabel => st(14.0, true, false, false, Center), // fixed 14
            Role::AppendixTitle => st(14.0, true, false, true, Center), // 13–14 → 14
            Role::AppendixReference => st(14.0, false, true, false, Center), // 13–14 → 14
            Role::PartHeading => body(true, true),
            Role::PartLabel => {
                Style { space_before: PARAGRAPH_SPACE_BEFORE_PT, ..st(14.0, true, false, false, Center) }
            }
            Role::PartTitle => st(14.0, true, false, true, Center),
            // tables: the size is the table's own (TABLE_SIZE by default)
            Role::TableHeader => st(TABLE_SIZE, true, false, false, Center),
            Role::TableCell => st(TABLE_SIZE, false, false, false, Left),
            Role::TableGroup => st(TABLE_SIZE, true, false, false, Left),
            Role::TableColumnNumber => st(TABLE_SIZE, false, true, false, Center),
            Role::SignerNote => st(14.0, true, false, true, Center), // as the title lines
            Role::AppendixStamp => st(10.0, false, false, false, Right), // §9: 10 pt, upright
            Role::Subject => st(12.0, false, false, false, Center),  // §12: 12–13, sample 12
            Role::Addressee => st(14.0, false, false, false, Left),  // §12: 14, upright
            Role::Authority => st(14.0, true, false, true, Center),  // §12: bold UC 14, centred
            Role::Basis => Style { italic: true, ..body(false, false) }, // §12: italic 14, 1 cm indent
            Role::Resolve => Style { space_before: PARAGRAPH_SPACE_BEFORE_PT, ..st(14.0, true, false, true, Center) },
            Role::IssuedWith => st(14.0, false, true, false, Center), // §12: italic, centred
            // Party roles: a State document has none; as the Party's table
            Role::PartyName | Role::Separator | Role::SignerPosition => party::style(self),
        }
    }

    /// The role's style under `profile`'s rules: [`Role::style`] for the
    /// State, [`party::style`] for the Party.
    ///
    /// ```
    /// use vanban::{style::Role, Profile};
    /// assert_eq!(Role::Number.style_in(Profile::State).size, 13.0);
    /// assert_eq!(Role::Number.style_in(Profile::Party).size, 14.0);
    /// ```
    pub fn style_in(self, profile: Profile) -> Style {
        match profile {
            Profile::State => self.style(),
            Profile::Party => party::style(self),
        }
    }
}

/// Page geometry derived from the margins.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Geometry {
    /// The margins in mm.
    pub margins: Margins,
}

impl Geometry {
    /// Width of the text area in mm.
    pub fn text_width_mm(&self) -> f32 {
        PAGE_WIDTH_MM - self.margins.left - self.margins.right
    }
    /// Width of the text area of a landscape page (A4 turned, same
    /// margins: Phụ lục I, I.2 allows it for tables), in mm.
    pub fn landscape_text_width_mm(&self) -> f32 {
        PAGE_HEIGHT_MM - self.margins.left - self.margins.right
    }
    /// Height of the text area in mm.
    pub fn text_height_mm(&self) -> f32 {
        PAGE_HEIGHT_MM - self.margins.top - self.margins.bottom
    }
}
