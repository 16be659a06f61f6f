//! Shared geometry: column widths, header lines and rule lengths, computed
//! once from the bundled font's metrics and handed to both writers, so the
//! DOCX and the PDF agree.

use crate::compose::{AppendixDoc, Document, Piece, TableDoc, QUOC_HIEU, TIEU_NGU};
use crate::fonts::{FontSet, FontStyle};
use crate::model::{Margins, Profile};
use crate::style::{self, mm_to_pt, party, Role};

/// One line of a header cell, already wrapped.
#[derive(Debug, Clone, PartialEq)]
pub struct CellLine {
    /// The text.
    pub text: String,
    /// Role (for size and weight).
    pub role: Role,
    /// Font size in points (the role's size, or a fallback to fit).
    pub size: f32,
}

/// A boxed mark (ô 10, ô 11, the draft label), as both writers print it.
#[derive(Debug, Clone, PartialEq)]
pub struct MarkBox {
    /// The label.
    pub label: String,
    /// Outer width of the box, points.
    pub width: f32,
    /// Outer height of the box, points: the 13 pt line, the padding, the
    /// border.
    pub height: f32,
}

/// Everything measured about one document's page.
#[derive(Debug, Clone, PartialEq)]
pub struct Frame {
    /// Whose style table the document follows.
    pub profile: Profile,
    /// Even pages swap the left and right margins (duplex printing).
    pub mirror: bool,
    /// Margins in points: top, bottom, left, right.
    pub margins: [f32; 4],
    /// Page width and height in points.
    pub page: (f32, f32),
    /// Text area width in points.
    pub text_width: f32,
    /// Header table columns (left, right), points.
    pub header_cols: (f32, f32),
    /// Signature table columns (left, right), points.
    pub signature_cols: (f32, f32),
    /// Horizontal padding inside each table cell, points.
    pub cell_padding: f32,
    /// Left header cell lines: parent agency (regular), agency (bold); in
    /// a Party document the `*` under them.
    pub agency_lines: Vec<CellLine>,
    /// Length of the rule under the agency name, points; 0 for none (a
    /// Party document has the `*` instead).
    pub agency_rule: f32,
    /// Right header cell lines: Quốc hiệu and Tiêu ngữ, or `ĐẢNG CỘNG SẢN
    /// VIỆT NAM`.
    pub right_lines: Vec<CellLine>,
    /// Length of the rule under the right header's last line, points (=
    /// its text width: the Tiêu ngữ, or `ĐẢNG CỘNG SẢN VIỆT NAM`).
    pub tieu_ngu_rule: f32,
    /// Size of the place-and-date line (14, or 13 when 14 does not fit).
    pub place_date_size: f32,
    /// Title lines (wrapped at the text width).
    pub title_lines: usize,
    /// Length of the rule under the title, points; 0 for none (a Party
    /// document prints `-----` instead).
    pub title_rule: f32,
    /// Hanging indent of recipient entries: the width of "- " at 11 pt.
    pub recipient_hang: f32,
    /// Marks above the header, centred over its right column (ô 11:
    /// circulation; the draft label).
    pub marks_above: Vec<MarkBox>,
    /// Marks under the `Số` line, centred in the left column (ô 10a
    /// confidentiality, ô 10b urgency).
    pub marks_below: Vec<MarkBox>,
    /// A công văn's `V/v …` subject wrapped in the header's left column.
    pub subject_lines: Vec<String>,
    /// The signer's title lines, broken as agencies break them.
    pub signer_title_lines: Vec<String>,
    /// The role of each of [`Frame::signer_title_lines`].
    pub signer_title_roles: Vec<Role>,
    /// Space above the `Số` / date row, points: what keeps the ink of its
    /// lines (`Ồ` included) ≥ 2 pt below both header rules (§11).
    pub row2_gap: f32,
    /// For each appendix: set on landscape pages (Phụ lục I, I.2: tables
    /// may turn the page), either as the plan says or because a table's
    /// columns cannot fit the portrait text width.
    pub appendix_landscape: Vec<bool>,
    /// Text width of a landscape page, points (same margins, A4 turned).
    pub landscape_text_width: f32,
    /// The frame of the document a decision issues (Mẫu 1.3).
    pub attached: Option<Box<Frame>>,
}

impl Frame {
    /// A role's style in this document's profile.
    pub fn style(&self, role: Role) -> style::Style {
        role.style_in(self.profile)
    }
    /// Page size and text width of an appendix's pages.
    pub fn appendix_page(&self, i: usize) -> ((f32, f32), f32) {
        if self.appendix_landscape.get(i).copied().unwrap_or(false) {
            ((self.page.1, self.page.0), self.landscape_text_width)
        } else {
            (self.page, self.text_width)
        }
    }
}

/// The least width a column needs: its widest word (in cells that span
/// only it) plus the cell padding. Only the words of nearly the most
/// letters are measured: a word of 60 % of the longest's letters cannot be
/// wider than it in a Times-metric face (the widest glyph is under twice the
/// narrowest letter's … in practice under 1.6 × for Vietnamese text).
fn column_minimums(t: &TableDoc, fonts: &FontSet, pad: f32) -> Vec<f32> {
    let n = t.columns.len();
    let cells = || t.rows.iter().flat_map(|r| r.cells.iter()).filter(|c| c.colspan == 1 && c.col < n);
    let mut longest = vec![0usize; n];
    for c in cells() {
        for r in c.paras.iter().flat_map(|p| p.runs.iter()) {
            for w in r.text.split(' ') {
                longest[c.col] = longest[c.col].max(w.chars().count());
            }
        }
    }
    let mut mins = vec![0.0f32; n];
    for c in cells() {
        let floor = longest[c.col] * 3 / 5;
        for r in c.paras.iter().flat_map(|p| p.runs.iter()) {
            let style = FontStyle::of(r.bold, r.italic);
            for w in r.text.split(' ').filter(|w| w.chars().count() >= floor) {
                mins[c.col] = mins[c.col].max(fonts.measure(w, style, t.size) + 2.0 * pad);
            }
        }
    }
    mins
}

/// True when every column of `t` is at least as wide as its widest word at
/// a text width of `width` points.
pub fn table_fits(t: &TableDoc, width: f32, fonts: &FontSet) -> bool {
    let pad = mm_to_pt(style::CELL_PADDING_MM);
    let mins = column_minimums(t, fonts, pad);
    let widths = t.widths(width);
    // fixed columns wider than the text area do not fit either
    widths.iter().sum::<f32>() <= width + 0.5 && widths.iter().zip(&mins).all(|(w, m)| *w + 0.01 >= *m)
}

/// Whether an appendix is set landscape: as the plan says, or when one of
/// its tables does not fit the portrait width but fits the landscape one.
pub fn appendix_landscape(a: &AppendixDoc, portrait: f32, landscape: f32, fonts: &FontSet) -> bool {
    if let Some(l) = a.landscape {
        return l;
    }
    a.body.iter().any(|p| match p {
        Piece::Table(t) => !table_fits(t, portrait, fonts) && table_fits(t, landscape, fonts),
        Piece::Para(_) => false,
    })
}

/// Wraps `text` greedily at spaces into lines no wider than `width` points.
/// A word wider than the line stands on a line of its own.
pub fn wrap(fonts: &FontSet, text: &str, style: FontStyle, size: f32, width: f32) -> Vec<String> {
    let face = fonts.face(style);
    let space = face.width(" ", size);
    let mut lines: Vec<String> = Vec::new();
    let mut x = 0.0;
    for word in text.split(' ').filter(|w| !w.is_empty()) {
        let w = face.width(word, size);
        match lines.last_mut() {
            Some(line) if x + space + w <= width + 0.01 => {
                line.push(' ');
                line.push_str(word);
                x += space + w;
            }
            _ => {
                lines.push(word.to_owned());
                x = w;
            }
        }
    }
    lines
}

/// A header name (agency, parent agency) or a signer's title broken into the
/// lines agencies print ([`crate::compose::names::break_name`]) for a column
/// `inner` points wide, each line with its size: the role's, or the
/// fallback (12 pt) for a line that only fits so (§7).
pub fn name_lines(fonts: &FontSet, name: &str, role: Role, inner: f32) -> Vec<(String, f32)> {
    name_lines_in(Profile::State, fonts, name, role, inner)
}

/// [`name_lines`] in `profile`'s sizes.
pub fn name_lines_in(profile: Profile, fonts: &FontSet, name: &str, role: Role, inner: f32) -> Vec<(String, f32)> {
    let (s, size) = style_of(profile, role);
    // signer titles keep their size (§2.6 allows 13–14, the block's lines
    // stay alike); agency names may drop to 12
    let small = if matches!(role, Role::SignerTitle | Role::SignerPosition) {
        size
    } else if profile == Profile::Party {
        party::AGENCY_FALLBACK_SIZE.min(size)
    } else {
        style::AGENCY_FALLBACK_SIZE.min(size)
    };
    let fits = |l: &str, fallback: bool| fonts.measure(l, s, if fallback { small } else { size }) <= inner + 0.01;
    let width = |l: &str| fonts.measure(l, s, size);
    crate::compose::names::break_name(name, &fits, &width)
        .into_iter()
        .map(|l| {
            let sz = if fits(&l, false) || !fits(&l, true) { size } else { small };
            (l, sz)
        })
        .collect()
}

/// The lines a signer's title prints on: broken, as agency names are, to
/// the signature column (the text width less the recipients' share).
pub fn signer_title_lines(fonts: &FontSet, title: &str, margins: &Margins) -> Vec<String> {
    let text_width = mm_to_pt(style::PAGE_WIDTH_MM - margins.left - margins.right);
    let sig_inner = text_width * (1.0 - style::SIGNATURE_LEFT_SHARE) - 2.0 * mm_to_pt(style::CELL_PADDING_MM);
    name_lines(fonts, title, Role::SignerTitle, sig_inner).into_iter().map(|(l, _)| l).collect()
}

fn style_of(profile: Profile, role: Role) -> (FontStyle, f32) {
    let st = role.style_in(profile);
    (FontStyle::of(st.bold, st.italic), st.size)
}

/// A short rule under lines whose widest is `widest` points (§2.2, §7).
pub fn short_rule(widest: f32) -> f32 {
    widest * style::SHORT_RULE_SHARE
}

/// Height of the rule paragraph under a header line: its space before and a
/// 1 pt line (the DOCX's rule paragraph; the PDF reserves the same).
pub fn rule_height(fonts: &FontSet) -> f32 {
    style::RULE_GAP_PT + fonts.face(FontStyle::Regular).line_height(1.0)
}

impl Frame {
    /// Measures a resolved document.
    pub fn new(doc: &Document, margins: &Margins, fonts: &FontSet) -> Frame {
        let profile = doc.profile;
        let party = profile == Profile::Party;
        let style_of = |role: Role| style_of(profile, role);
        let text_width = mm_to_pt(style::PAGE_WIDTH_MM - margins.left - margins.right);
        let pad = mm_to_pt(style::CELL_PADDING_MM);
        let measure = |t: &str, role: Role| {
            let (s, size) = style_of(role);
            fonts.measure(t, s, size)
        };
        let right_texts: &[(Role, &str)] = if party {
            &[(Role::PartyName, party::PARTY_NAME)]
        } else {
            &[(Role::QuocHieu, QUOC_HIEU), (Role::TieuNgu, TIEU_NGU)]
        };
        // right column: its share, but at least the Quốc hiệu (the Party's
        // name) plus padding
        let first_right = measure(right_texts[0].1, right_texts[0].0);
        let right = if party {
            // the date stays at 14 pt on one line (PL2-4): the column widens
            // for it, up to the share the left column can spare
            let date = measure(&doc.header.place_date, Role::PlaceDate);
            (first_right.max(date) + 2.0 * pad + 2.0)
                .max(text_width * party::HEADER_RIGHT_SHARE)
                .min(text_width * party::HEADER_RIGHT_MAX_SHARE)
        } else {
            let right_min = (first_right + 2.0 * pad + 2.0).max(mm_to_pt(style::HEADER_RIGHT_MIN_MM));
            (text_width * (1.0 - style::HEADER_LEFT_SHARE)).max(right_min).min(text_width * 0.75)
        };
        let left = text_width - right;
        let inner_left = left - 2.0 * pad;

        let mut agency_lines = Vec::new();
        let mut widest_agency: f32 = 0.0;
        for (role, lines) in [(Role::ParentAgency, &doc.header.parent), (Role::Agency, &doc.header.agency)] {
            for (text, size) in name_lines_in(profile, fonts, &lines.join("\n"), role, inner_left) {
                if role == Role::Agency {
                    let (s, _) = style_of(role);
                    widest_agency = widest_agency.max(fonts.measure(&text, s, size).min(inner_left));
                }
                agency_lines.push(CellLine { text, role, size });
            }
        }
        let agency_rule = if party {
            // HD 05 I-2.2: a `*` under the body's name, no rule
            let size = style_of(Role::Separator).1;
            agency_lines.push(CellLine { text: party::STAR.to_owned(), role: Role::Separator, size });
            0.0
        } else {
            short_rule(widest_agency).min(inner_left)
        };
        let right_lines: Vec<CellLine> = right_texts
            .iter()
            .map(|(role, t)| CellLine { text: (*t).to_owned(), role: *role, size: style_of(*role).1 })
            .collect();
        let right_rule_len = right_texts.last().map_or(0.0, |(role, t)| measure(t, *role));

        let inner_right = right - 2.0 * pad;
        let pd_style = Role::PlaceDate.style_in(profile);
        let place_date_size = if fonts.measure(&doc.header.place_date, FontStyle::Italic, pd_style.size) <= inner_right
        {
            pd_style.size
        } else {
            style::PLACE_DATE_FALLBACK_SIZE
        };

        let (ts, tsize) = style_of(Role::Title);
        let title_text: String = doc.title.iter().map(|r| r.text.as_str()).collect();
        let title_wrapped = wrap(fonts, &title_text, ts, tsize, text_width);
        let widest_title = title_wrapped.iter().map(|l| fonts.measure(l, ts, tsize)).fold(0.0, f32::max);

        // the Số / date row: both header rules end where their cell's text
        // ends, the row starts below the lower one
        let line_h = |role: Role, size: f32| {
            let st = role.style_in(profile);
            fonts.face(FontStyle::of(st.bold, st.italic)).line_height(size)
        };
        let rule_h = rule_height(fonts);
        let left_rule: f32 = agency_lines.iter().map(|l| line_h(l.role, l.size)).sum::<f32>() + rule_h;
        let right_rule = right_lines.iter().map(|l| line_h(l.role, l.size)).sum::<f32>() + rule_h;
        let row2 = left_rule.max(right_rule);
        // white from a rule to the top of the ink of the line under it
        let white = |rule: f32, role: Role, text: &str, size: f32| {
            let st = role.style_in(profile);
            let face = fonts.face(FontStyle::of(st.bold, st.italic));
            row2 - rule + face.ascender(size) - face.ink_top(text, size) - style::RULE_WIDTH_PT / 2.0
        };
        let nsize = style_of(Role::Number).1;
        // a Party header's left column has no rule above the number
        let left_clear = if party { f32::INFINITY } else { white(left_rule, Role::Number, &doc.header.number, nsize) };
        let clear = left_clear.min(white(right_rule, Role::PlaceDate, &doc.header.place_date, place_date_size));
        let row2_gap = (style::RULE_CLEARANCE_PT - clear).max(0.0);
        let landscape_text_width = mm_to_pt(style::Geometry { margins: *margins }.landscape_text_width_mm());
        let appendix_landscape =
            doc.appendices.iter().map(|a| appendix_landscape(a, text_width, landscape_text_width, fonts)).collect();
        let mark = |label: &str, min_w: f32| {
            let (s, size) = style_of(Role::Mark);
            let lh = fonts.face(s).line_height(size);
            let text = fonts.measure(label, s, size);
            MarkBox {
                label: label.to_owned(),
                width: (text + mm_to_pt(style::MARK_EXTRA_MM)).max(min_w),
                height: lh + 2.0 * (style::MARK_PAD_PT + style::MARK_BORDER_PT),
            }
        };
        let marks_above = doc.header.circulation.iter().chain(doc.header.draft.iter()).map(|l| mark(l, 0.0)).collect();
        let marks_below = doc
            .header
            .confidentiality
            .iter()
            .map(|l| mark(l, 0.0))
            .chain(doc.header.urgency.iter().map(|(l, (w_mm, _))| mark(l, mm_to_pt(*w_mm))))
            .collect();
        let sig_left = text_width * style::SIGNATURE_LEFT_SHARE;
        let sig_inner = text_width * (1.0 - style::SIGNATURE_LEFT_SHARE) - 2.0 * mm_to_pt(style::CELL_PADDING_MM);
        let (mut signer_title_lines, mut signer_title_roles) = (Vec::new(), Vec::new());
        for (i, t) in doc.closing.titles.iter().enumerate() {
            let role = doc.closing.title_roles.get(i).copied().unwrap_or(Role::SignerTitle);
            for (l, _) in name_lines_in(profile, fonts, t, role, sig_inner) {
                signer_title_lines.push(l);
                signer_title_roles.push(role);
            }
        }
        let (rs, rsize) = style_of(Role::Recipient);
        let attached = doc.attached.as_deref().map(|d| Box::new(Frame::new(d, margins, fonts)));
        Frame {
            mirror: doc.mirror_margins,
            profile,
            right_lines,
            signer_title_roles,
            attached,
            margins: [mm_to_pt(margins.top), mm_to_pt(margins.bottom), mm_to_pt(margins.left), mm_to_pt(margins.right)],
            page: (mm_to_pt(style::PAGE_WIDTH_MM), mm_to_pt(style::PAGE_HEIGHT_MM)),
            text_width,
            header_cols: (left, right),
            signature_cols: (sig_left, text_width - sig_left),
            cell_padding: pad,
            agency_lines,
            agency_rule,
            tieu_ngu_rule: right_rule_len * if party { party::PARTY_NAME_RULE_SHARE } else { 1.0 },
            place_date_size,
            title_lines: title_wrapped.len(),
            title_rule: if party { 0.0 } else { short_rule(widest_title) },
            recipient_hang: fonts.measure("- ", rs, rsize),
            appendix_landscape,
            landscape_text_width,
            row2_gap,
            marks_above,
            marks_below,
            subject_lines: doc
                .subject
                .as_deref()
                .map(|s| {
                    let (st, size) = style_of(Role::Subject);
                    wrap(fonts, s, st, size, inner_left)
                })
                .unwrap_or_default(),
            signer_title_lines,
        }
    }
}
