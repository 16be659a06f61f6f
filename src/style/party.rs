//! The Party's style table: Hướng dẫn 05-HD/VPTW (27/5/2026) under Quy định
//! 399-QĐ/TW, as `../spec/party.md` sets it out. References are HD 05's:
//! Phần II mục I (mandatory components, `I-3.2` …), II (supplementary), IV
//! (font, paper, margins, page numbers); `PL2-n` is row n of its Phụ lục 2
//! size table. Hướng dẫn 36-HD/VPTW (2018), which it replaced, sets the
//! same sizes for everything a plan prints.
//!
//! Where HD 05 gives a range, the value picked is the one that keeps the
//! most text room, as the Decree 30 table does (nd30.md §7), unless practice
//! in the real documents of `fixtures/party` says otherwise.

use super::{st, Align, Role, Style};
use crate::model::Margins;

/// The right header (I-1.2).
pub const PARTY_NAME: &str = "ĐẢNG CỘNG SẢN VIỆT NAM";
/// Under the issuing body's name: a centred star, no rule (I-2.2).
pub const STAR: &str = "*";
/// Under the trích yếu (and an appendix's reference line): five hyphens,
/// no rule (I-5.2.1, II-1).
pub const DASHES: &str = "-----";

/// Body size, 14 pt (PL2-6 "14–15").
pub const BODY_SIZE: f32 = 14.0;
/// Line pitch of the body, exactly 18 pt (I-6.2.2 "exactly 18–22 pt").
pub const BODY_LINE_PITCH_PT: f32 = 18.0;
/// Header names stay at 14 pt (PL2-2 gives no range, unlike Decree 30's
/// 12–13): a long name breaks onto a second line instead of shrinking.
pub const AGENCY_FALLBACK_SIZE: f32 = 14.0;
/// Whether a paragraph that starts a page keeps its space before: no, as
/// Word and LibreOffice lay out a DOCX, so that both files break pages
/// alike (not regulated).
pub const SPACE_BEFORE_AT_PAGE_TOP: bool = false;
/// Recipients' entries, 12 pt (PL2-9).
pub const RECIPIENT_SIZE: f32 = 12.0;

/// Fixed margins (IV-4): top 20, bottom 20, left 30, right 15 mm, and no
/// range around them.
pub const MARGINS: Margins = Margins { top: 20.0, bottom: 20.0, left: 30.0, right: 15.0 };

/// The header's right column holds `ĐẢNG CỘNG SẢN VIỆT NAM` at 15 pt bold
/// on one line (≈ 73 mm) and is at least this share of the text width (not
/// regulated: the practice of the real documents, two near-equal columns).
pub const HEADER_RIGHT_SHARE: f32 = 0.45;

/// The most the header's right column takes, so that the date of a long
/// place name stays on one line at 14 pt; past it the date drops to 13 pt
/// (vanban's choice: HD 05 gives no range, a wrapped date is worse).
pub const HEADER_RIGHT_MAX_SHARE: f32 = 0.6;

/// The right header's rule: solid, as long as `ĐẢNG CỘNG SẢN VIỆT NAM`
/// (I-1.2); this share of the text's width.
pub const PARTY_NAME_RULE_SHARE: f32 = 1.0;

/// A body paragraph of a Party document: the State's body paragraph
/// (≈ 10 mm first-line indent, ≥ 6 pt before: I-6.2.2 sets the same) at
/// the Party's size and exact pitch.
const fn body(bold: bool, upper: bool) -> Style {
    Style { size: BODY_SIZE, line_pitch: Some(BODY_LINE_PITCH_PT), ..super::body(bold, upper) }
}

/// A role's style in a Party document (sizes PL2; the chosen value inside
/// each range is commented). Roles a Party document does not use keep the
/// Decree 30 style.
///
/// ```
/// use vanban::style::{party, Role};
/// assert_eq!(party::style(Role::PartyName).size, 15.0);
/// assert!(!party::style(Role::SignerPosition).bold);
/// assert!(party::style(Role::RecipientsLabel).underline);
/// assert_eq!(party::style(Role::Body).line_pitch, Some(18.0));
/// ```
pub const fn style(role: Role) -> Style {
    use Align::*;
    match role {
        Role::PartyName => st(15.0, true, false, true, Center), // PL2-1: 15 caps bold
        Role::ParentAgency => st(14.0, false, false, true, Center), // PL2-2: 14 regular
        Role::Agency => st(14.0, true, false, true, Center),    // PL2-2: 14 bold
        Role::Separator => st(14.0, false, false, false, Center), // `*`, `-----`: 14 regular (practice)
        Role::Number => st(14.0, false, false, false, Center),  // PL2-3: 14 regular
        Role::PlaceDate => st(14.0, false, true, false, Center), // PL2-4: 14 italic
        Role::DocType => st(16.0, true, false, true, Center),   // PL2-5: 15–16 → 16 (practice)
        Role::Title => st(14.0, true, false, false, Center),    // PL2-5: 14–15 → 14, as written
        Role::Subject => st(12.0, false, true, false, Center),  // a công văn's trích yếu: 12 italic
        Role::Body => body(false, false),
        Role::SectionHeading | Role::PartHeading => body(true, true), // not regulated: practice
        Role::ItemHeading => body(true, false),
        Role::Basis => body(false, false), // I-6.2.3: căn cứ upright, as the body
        Role::RecipientsLabel => Style { underline: true, ..st(14.0, false, false, false, Left) }, // PL2-9
        Role::Recipient => st(RECIPIENT_SIZE, false, false, false, Left), // PL2-9: 12
        Role::SignerTitle => st(14.0, true, false, true, Center), // I-7.1.2: authority line bold
        Role::SignerPosition => st(14.0, false, false, true, Center), // I-7.1.2: position not bold
        Role::SignerName => st(14.0, true, false, false, Center), // PL2-7: name bold 14
        Role::SignerNote => st(14.0, false, false, true, Center),
        Role::PageNumber => st(14.0, false, false, false, Center), // IV-5: 14, centred
        Role::Mark => st(14.0, true, false, true, Center),         // II-3: KHẨN 14 caps bold
        Role::AppendixLabel => st(14.0, true, false, true, Center), // II-1: PHỤ LỤC n
        Role::AppendixTitle => st(14.0, true, false, true, Center), // II-1: title caps
        Role::AppendixReference => st(14.0, false, true, false, Center), // II-1
        Role::Addressee => st(14.0, false, false, false, Left),
        _ => role.style(),
    }
}
