//! The layout engine: measure → break lines → justify → paginate →
//! positioned glyph runs. Used by the PDF writer; the geometry it follows
//! (columns, rules, spacing) is the DOCX writer's, from [`Frame`] and the
//! style table.
//!
//! Coordinates are PDF points from the top-left corner of the page, y down;
//! text is positioned at its baseline.

use std::cell::Cell;
use std::collections::VecDeque;
use std::ops::Range;

use crate::compose::{Document, Para, Piece, ADDRESSEES_LABEL, RECIPIENTS_LABEL};
use crate::fonts::{FontSet, FontStyle};
use crate::geometry::{rule_height, short_rule, wrap, Frame};
use crate::places::{fit, seal_for, Place, PlaceRole, Rect};

mod shape;
mod table;

use crate::style::{self, mm_to_pt, Align, Role};
use crate::text::Run;
use crate::Error;
use shape::Shaper;
use table::TableLaid;

/// One glyph: id, advance in points (justification included) and the bytes
/// of the run's text it stands for.
#[derive(Debug, Clone, PartialEq)]
pub struct Glyph {
    /// Glyph id in the face.
    pub id: u16,
    /// Advance in points.
    pub advance: f32,
    /// Byte range of [`TextRun::text`] (u32 keeps a glyph at 16 bytes:
    /// a 1,000-page plan holds a few million of them).
    pub range: Range<u32>,
}

/// A run of glyphs in one face and size, on one baseline.
#[derive(Debug, Clone, PartialEq)]
pub struct TextRun {
    /// Left edge, points.
    pub x: f32,
    /// Baseline, points from the top.
    pub y: f32,
    /// Face.
    pub style: FontStyle,
    /// Size, points.
    pub size: f32,
    /// The text the glyphs show.
    pub text: String,
    /// The glyphs.
    pub glyphs: Vec<Glyph>,
}

impl TextRun {
    /// Width of the run, points.
    pub fn width(&self) -> f32 {
        self.glyphs.iter().map(|g| g.advance).sum()
    }
}

/// Something drawn on a page.
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    /// Text.
    Text(TextRun),
    /// A horizontal rule from `x0` to `x1` at `y`.
    Rule {
        /// Start.
        x0: f32,
        /// End.
        x1: f32,
        /// Height, points from the top.
        y: f32,
    },
    /// A table cell's borders: a rectangle of thin lines.
    Border {
        /// Left.
        x: f32,
        /// Top.
        y: f32,
        /// Width.
        w: f32,
        /// Height.
        h: f32,
    },
    /// A signing image (the signature or the seal) in its rectangle.
    Image {
        /// Which one.
        role: PlaceRole,
        /// Left.
        x: f32,
        /// Top.
        y: f32,
        /// Width.
        w: f32,
        /// Height.
        h: f32,
    },
    /// A rectangle (mark boxes).
    Frame {
        /// Left.
        x: f32,
        /// Top.
        y: f32,
        /// Width.
        w: f32,
        /// Height.
        h: f32,
    },
}

/// A laid-out page.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Page {
    /// Width and height, points (A4 portrait, or landscape for an appendix
    /// whose tables need it).
    pub size: (f32, f32),
    /// What is drawn.
    pub items: Vec<Item>,
    /// The signing places on this page (spec §9).
    pub places: Vec<crate::places::Place>,
}

impl Page {
    /// Moves everything on the page `dx` points to the right.
    fn shift_x(&mut self, dx: f32) {
        for item in &mut self.items {
            match item {
                Item::Text(t) => t.x += dx,
                Item::Rule { x0, x1, .. } => {
                    *x0 += dx;
                    *x1 += dx;
                }
                Item::Border { x, .. } | Item::Image { x, .. } | Item::Frame { x, .. } => *x += dx,
            }
        }
        for p in &mut self.places {
            p.rect_pt.x += dx;
            p.rect_mm.x += crate::style::pt_to_mm(dx);
        }
    }
}

/// The laid-out document.
#[derive(Debug, Clone, PartialEq)]
pub struct Layout {
    /// Width and height of the plan's pages, points (each [`Page`] has its
    /// own: appendices may be landscape).
    pub size: (f32, f32),
    /// The pages.
    pub pages: Vec<Page>,
}

// ---------------------------------------------------------------- blocks

/// A paragraph broken into lines, before pagination. Placing a line moves
/// its runs out (`Cell::take`), so no line exists twice.
struct Block {
    lines: Vec<Cell<Vec<TextRun>>>, // runs positioned at x; y is set when placed
    line_height: f32,
    ascent: f32,
    space_before: f32,
    keep_with_next: bool,
}

/// The page being filled; a finished page goes to the sink at once, so a
/// plan of any length holds one page (and a few paragraphs) at a time.
struct Engine<'a> {
    fonts: &'a FontSet,
    frame: &'a Frame,
    page: Page,
    /// Pages handed to the sink so far.
    done: usize,
    /// Index of the first page of the current part (the plan, an appendix):
    /// numbering restarts there and that page has no number.
    part_start: usize,
    sink: &'a mut dyn FnMut(Page),
    /// An error met while finishing a page (the sink cannot fail).
    error: Option<Error>,
    y: f32,
    bottom: f32,
    page_empty: bool,
    /// Size of the pages of the current part.
    page_size: (f32, f32),
    /// Text width of the current part.
    text_width: f32,
}

/// What the window holds: a paragraph's lines or a table's rows.
enum Laid {
    Lines(Block),
    Table(TableLaid),
}

/// Paragraphs broken into lines just before they are placed: the current
/// one and up to [`LOOKAHEAD`] after it.
struct Window<'p, I: Iterator<Item = &'p Piece>> {
    paras: I,
    blocks: VecDeque<Laid>,
    width: f32,
    /// Points added before the first block (the space after the title).
    first_extra: f32,
}

/// The last paragraph moves whole with the signature block up to this many
/// lines (as LibreOffice does with keep-with-next); a longer one sends only
/// its last two lines.
const KEEP_WHOLE_MAX_LINES: usize = 8;

/// How far pagination looks ahead: a heading keeps with up to three
/// following headings and the start of the text after them.
const LOOKAHEAD: usize = 3;

fn face_metrics(fonts: &FontSet, style: FontStyle, size: f32) -> (f32, f32) {
    let f = fonts.face(style);
    (f.line_height(size), f.ascender(size))
}

fn style_face(frame: &Frame, role: Role) -> (FontStyle, f32) {
    let st = frame.style(role);
    (FontStyle::of(st.bold, st.italic), st.size)
}

impl<'a> Engine<'a> {
    fn left(&self) -> f32 {
        self.frame.margins[2]
    }
    /// Records a signing place on the page being filled.
    fn place_at(&mut self, role: PlaceRole, rect: Rect) {
        let p = Place::new(role, self.done + 1, rect);
        self.page.places.push(p);
    }

    /// The blanks (runs of en spaces) in the text drawn since item `from`,
    /// left to right, as rectangles of the line at `top`, `height` tall.
    fn blanks(&self, from: usize, top: f32, height: f32) -> Vec<Rect> {
        let mut out = Vec::new();
        for item in &self.page.items[from..] {
            let Item::Text(run) = item else { continue };
            let mut x = run.x;
            let mut open: Option<f32> = None;
            for g in &run.glyphs {
                let blank = run.text[g.range.start as usize..g.range.end as usize] == *"\u{2002}";
                match (blank, open) {
                    (true, None) => open = Some(x),
                    (false, Some(x0)) => {
                        out.push(Rect { x: x0, y: top, w: x - x0, h: height });
                        open = None;
                    }
                    _ => {}
                }
                x += g.advance;
            }
            if let Some(x0) = open {
                out.push(Rect { x: x0, y: top, w: x - x0, h: height });
            }
        }
        out
    }

    /// Starts a page of this size and text width from the next part on.
    fn set_page(&mut self, size: (f32, f32), text_width: f32) {
        self.page_size = size;
        self.text_width = text_width;
        self.page.size = size;
        self.bottom = size.1 - self.frame.margins[1];
    }
    fn top(&self) -> f32 {
        self.frame.margins[0]
    }
    fn page(&mut self) -> &mut Page {
        &mut self.page
    }
    /// Index of the page being filled.
    fn page_index(&self) -> usize {
        self.done
    }
    /// Adds the page number and hands the page to the sink.
    fn finish_page(&mut self) {
        let k = self.done - self.part_start;
        if k > 0 {
            // from the second page of each part (§3.5)
            match self.page_number(k + 1) {
                Ok(items) => self.page.items.extend(items),
                Err(e) => {
                    self.error.get_or_insert(e);
                }
            }
        }
        // duplex: the back of each sheet (even pages) swaps the left and
        // right margins, so everything moves by their difference; even by
        // the page's number, which restarts with each appendix, as Word and
        // LibreOffice read `w:mirrorMargins`
        if self.frame.mirror && (k + 1) % 2 == 0 {
            self.page.shift_x(self.frame.margins[3] - self.frame.margins[2]);
        }
        let size = self.page_size;
        (self.sink)(std::mem::replace(&mut self.page, Page { size, ..Page::default() }));
        self.done += 1;
    }
    fn new_page(&mut self) {
        self.finish_page();
        self.y = self.top();
        self.bottom = self.page_size.1 - self.frame.margins[1];
        self.page_empty = true;
    }
    /// A new page that starts a part (an appendix) of this page size and
    /// text width: numbering restarts.
    fn new_part(&mut self, size: (f32, f32), text_width: f32) {
        self.finish_page();
        self.set_page(size, text_width);
        self.y = self.top();
        self.page_empty = true;
        self.part_start = self.done;
    }
    fn page_number(&self, n: usize) -> Result<impl Iterator<Item = Item>, Error> {
        let label = n.to_string();
        let (style, size) = style_face(self.frame, Role::PageNumber);
        let asc = self.fonts.face(style).ascender(size);
        let shaper = Shaper { fonts: self.fonts, size };
        let runs = vec![Run::plain(label.as_str())];
        let lines = shaper.lines(&runs, self.text_width, 0.0);
        let y = mm_to_pt(style::HEADER_DISTANCE_MM) + asc;
        let items = shaper.draw(&lines[0], self.left(), self.text_width, y, Align::Center)?;
        Ok(items.into_iter().map(Item::Text))
    }

    fn text_line(
        &mut self,
        role: Role,
        text: &str,
        size: f32,
        left: f32,
        width: f32,
        y_top: f32,
    ) -> Result<f32, Error> {
        let st = self.frame.style(role);
        let style = FontStyle::of(st.bold, st.italic);
        let shaper = Shaper { fonts: self.fonts, size };
        let (lh, asc) = face_metrics(self.fonts, style, size);
        let runs = vec![Run { text: text.to_owned(), bold: st.bold, italic: st.italic }];
        let mut y = y_top;
        for line in shaper.lines(&runs, width, 0.0) {
            let items = shaper.draw(&line, left, width, y + asc, st.align)?;
            if st.underline {
                // a line under the text's width (a Party document's Nơi nhận:)
                if let (Some(first), Some(last)) = (items.first(), items.last()) {
                    let (x0, x1) = (first.x, last.x + last.width());
                    let uy = y + asc + self.fonts.face(style).underline_offset(size);
                    self.page().items.push(Item::Rule { x0, x1, y: uy });
                }
            }
            self.page().items.extend(items.into_iter().map(Item::Text));
            y += lh;
        }
        Ok(y - y_top)
    }

    /// Breaks a paragraph into lines.
    fn block(&self, p: &Para, width: f32) -> Result<Block, Error> {
        let st = self.frame.style(p.role);
        let shaper = Shaper { fonts: self.fonts, size: st.size };
        let indent = mm_to_pt(st.first_line_indent_mm);
        let (lh, asc) = face_metrics(self.fonts, FontStyle::of(st.bold, st.italic), st.size);
        // an exact pitch (a Party body): the extra white above the text, as
        // Word and LibreOffice set an "exactly" line
        let (lh, asc) = match st.line_pitch {
            Some(pitch) => (pitch, asc + pitch - lh),
            None => (lh, asc),
        };
        let mut lines = Vec::new();
        for line in shaper.lines(&p.runs, width, indent) {
            lines.push(Cell::new(shaper.draw(&line, 0.0, width, 0.0, st.align)?));
        }
        Ok(Block {
            lines,
            line_height: lh,
            ascent: asc,
            space_before: st.space_before,
            keep_with_next: p.keep_with_next(),
        })
    }

    /// Places lines `from..to` of a block at the cursor.
    fn place(&mut self, b: &Block, range: Range<usize>) {
        let left = self.left();
        let mut y = self.y;
        let mut items = Vec::new();
        for line in &b.lines[range] {
            for mut r in line.take() {
                r.x += left;
                r.y = y + b.ascent;
                items.push(Item::Text(r));
            }
            y += b.line_height;
        }
        self.page().items.extend(items);
        self.y = y;
        self.page_empty = false;
    }

    /// Lines of `b` that fit below the cursor after `before` points.
    fn fits(&self, b: &Block, before: f32) -> usize {
        let room = self.bottom - self.y - before;
        if room <= 0.0 {
            return 0;
        }
        ((room + 0.01) / b.line_height).floor() as usize
    }

    /// Breaks paragraphs into blocks until the window holds the current one
    /// and [`LOOKAHEAD`] more (or the paragraphs run out).
    fn fill<'p, I: Iterator<Item = &'p Piece>>(&self, win: &mut Window<'p, I>) -> Result<(), Error> {
        while win.blocks.len() <= LOOKAHEAD {
            let Some(p) = win.paras.next() else { break };
            let extra = std::mem::take(&mut win.first_extra);
            match p {
                Piece::Para(p) => {
                    let mut b = self.block(p, win.width)?;
                    b.space_before += extra;
                    win.blocks.push_back(Laid::Lines(b));
                }
                Piece::Table(t) => {
                    let mut t = self.table(t, win.width)?;
                    t.space_before += extra;
                    win.blocks.push_back(Laid::Table(t));
                }
            }
        }
        Ok(())
    }

    /// The space before a paragraph that starts a page: kept (up to the
    /// room left) in a State document, as vanban always has; dropped in a
    /// Party document, as Word and LibreOffice lay out the DOCX
    /// ([`style::party::SPACE_BEFORE_AT_PAGE_TOP`]).
    fn top_space(&self, space_before: f32) -> f32 {
        if self.frame.profile == crate::model::Profile::Party && !style::party::SPACE_BEFORE_AT_PAGE_TOP {
            0.0
        } else {
            space_before.min(self.bottom - self.y)
        }
    }

    /// Pagination: keep-with-next for headings, no widows or orphans; the
    /// last block keeps at least its last two lines with `tail` points of
    /// what follows (the signature block), which then fits below them.
    fn flow<'p, I: Iterator<Item = &'p Piece>>(&mut self, win: &mut Window<'p, I>, tail: f32) -> Result<(), Error> {
        loop {
            self.fill(win)?;
            let Some(front) = win.blocks.front() else { break };
            let b = match front {
                Laid::Lines(b) => b,
                Laid::Table(_) => {
                    if let Some(Laid::Table(t)) = win.blocks.pop_front() {
                        self.place_table(t);
                    }
                    continue;
                }
            };
            let n = b.lines.len();
            let last = win.blocks.len() == 1; // `fill` stops early only at the end
            let before = if self.page_empty { self.top_space(b.space_before) } else { b.space_before };
            if last && tail > 0.0 && !self.page_empty {
                let fit = self.fits(b, before);
                let end = self.y + before + n as f32 * b.line_height;
                if fit >= n && end + tail > self.bottom + 0.01 {
                    if n > KEEP_WHOLE_MAX_LINES {
                        // the last two lines go over with the signature block
                        self.y += before;
                        self.place(b, 0..n - 2);
                        self.new_page();
                        self.place(b, n - 2..n);
                    } else {
                        self.new_page();
                        let top_before = self.top_space(b.space_before);
                        self.y += top_before;
                        self.place(b, 0..n);
                    }
                    win.blocks.pop_front();
                    continue;
                }
            }
            // a heading needs room for itself and the start of what follows
            if b.keep_with_next && !self.page_empty {
                let mut need = b.space_before + n as f32 * b.line_height;
                let mut k = 1;
                while let Some(next) = win.blocks.get(k) {
                    let next = match next {
                        Laid::Table(t) => {
                            need += t.head_need();
                            break;
                        }
                        Laid::Lines(next) => next,
                    };
                    // the least of it that may stand at a page foot: two
                    // lines, or all of a paragraph of three or fewer (two
                    // and one would leave a widow)
                    let take = if next.lines.len() < 4 { next.lines.len() } else { 2 };
                    need += next.space_before + take as f32 * next.line_height;
                    if !next.keep_with_next || k >= LOOKAHEAD {
                        break;
                    }
                    need += (next.lines.len() - take) as f32 * next.line_height;
                    k += 1;
                }
                if self.y + need > self.bottom + 0.01 {
                    self.new_page();
                    continue;
                }
            }
            let fit = self.fits(b, before);
            if fit >= n {
                self.y += before;
                self.place(b, 0..n);
                win.blocks.pop_front();
                continue;
            }
            // not all of it fits
            let mut take = fit;
            if !self.page_empty {
                if take < 2 || n < 3 {
                    // an orphan (one first line alone) or a two-line paragraph split
                    self.new_page();
                    continue;
                }
                if n - take == 1 {
                    take -= 1; // leave two lines for the next page: no widow
                }
                if take < 2 {
                    // leaving two for the next page would leave one here
                    self.new_page();
                    continue;
                }
            }
            let take = take.max(1); // an empty page always takes a line
            self.y += before;
            self.place(b, 0..take);
            let mut start = take;
            while start < n {
                self.new_page();
                let fit = self.fits(b, 0.0).max(1);
                let mut take = fit.min(n - start);
                if start + take < n && n - (start + take) == 1 && take > 2 {
                    take -= 1;
                }
                self.place(b, start..start + take);
                start += take;
            }
            win.blocks.pop_front();
        }
        Ok(())
    }
}

fn rule_item(x_center: f32, len: f32, y: f32) -> Item {
    Item::Rule { x0: x_center - len / 2.0, x1: x_center + len / 2.0, y }
}

/// Lays out a resolved document, all pages at once.
pub fn layout(doc: &Document, frame: &Frame, fonts: &FontSet) -> Result<Layout, Error> {
    let mut pages = Vec::new();
    layout_pages(doc, frame, fonts, &mut |p| pages.push(p))?;
    Ok(Layout { size: frame.page, pages })
}

/// Lays out a resolved document and hands each page to `sink` as soon as it
/// is finished, in order; returns the number of pages. Memory stays that of
/// one page and a few paragraphs, whatever the length of the plan.
///
/// On an error the pages already handed over are incomplete output.
pub fn layout_pages(
    doc: &Document,
    frame: &Frame,
    fonts: &FontSet,
    sink: &mut dyn FnMut(Page),
) -> Result<usize, Error> {
    let mut e = Engine {
        fonts,
        frame,
        page: Page::default(),
        done: 0,
        part_start: 0,
        sink,
        error: None,
        y: frame.margins[0],
        bottom: frame.page.1 - frame.margins[1],
        page_empty: true,
        page_size: frame.page,
        text_width: frame.text_width,
    };
    e.set_page(frame.page, frame.text_width);

    if !doc.appendix_only {
        first_part(&mut e, doc)?;
    }
    appendices(&mut e, doc)?;
    // the document a decision issues, on the pages after it (Mẫu 1.3);
    // its pages number on from the decision's
    if let (Some(d), Some(f)) = (&doc.attached, &frame.attached) {
        e.frame = f;
        e.new_page();
        first_part(&mut e, d)?;
        appendices(&mut e, d)?;
    }
    e.finish_page();
    match e.error {
        Some(err) => Err(err),
        None => Ok(e.done),
    }
}

/// Page 1 of a document: the header, the title block, Kính gửi, the body
/// and the closing table.
fn first_part(e: &mut Engine, doc: &Document) -> Result<(), Error> {
    let frame = e.frame;
    let fonts = e.fonts;
    let left = e.left();
    let pad = frame.cell_padding;
    let (lw, rw) = frame.header_cols;
    let rule_h = rule_height(fonts);
    // ô 11 marks above the header, centred over the right column
    for m in &frame.marks_above {
        let y = e.y;
        let h = mark_box(e, m, left + lw, rw, y)?;
        e.y += h + style::MARK_GAP_PT;
    }

    // header table, row 1
    let top = e.y;
    let mut yl = top;
    for l in &frame.agency_lines {
        yl += e.text_line(l.role, &l.text, l.size, left + pad, lw - 2.0 * pad, yl)?;
    }
    if frame.agency_rule > 0.0 {
        yl += rule_h;
        e.page().items.push(rule_item(left + lw / 2.0, frame.agency_rule, yl));
    }
    let mut yr = top;
    let inner_r = rw - 2.0 * pad;
    for l in &frame.right_lines {
        yr += e.text_line(l.role, &l.text, l.size, left + lw + pad, inner_r, yr)?;
    }
    yr += rule_h;
    e.page().items.push(rule_item(left + lw + rw / 2.0, frame.tieu_ngu_rule, yr));
    // row 2: Số and the date; a decision's attached document has neither
    if doc.header.number.is_empty() {
        e.y = yl.max(yr);
    } else {
        // row 2
        let row2 = yl.max(yr) + frame.row2_gap;
        let from = e.page.items.len();
        let number_h = e.text_line(
            Role::Number,
            &doc.header.number,
            frame.style(Role::Number).size,
            left + pad,
            lw - 2.0 * pad,
            row2,
        )?;
        for (rect, role) in e.blanks(from, row2, number_h).into_iter().zip([PlaceRole::Number]) {
            e.place_at(role, rect);
        }
        let mut yl = row2 + number_h;
        // a công văn's V/v subject under its number (Mẫu 1.5)
        if !frame.subject_lines.is_empty() {
            yl += style::SUBJECT_GAP_PT;
            let (_, size) = style_face(e.frame, Role::Subject);
            for l in &frame.subject_lines {
                yl += e.text_line(Role::Subject, l, size, left + pad, lw - 2.0 * pad, yl)?;
            }
        }
        for m in &frame.marks_below {
            yl += style::MARK_GAP_PT;
            yl += mark_box(e, m, left, lw, yl)?;
        }
        let from = e.page.items.len();
        let date_h = e.text_line(
            Role::PlaceDate,
            &doc.header.place_date,
            frame.place_date_size,
            left + lw + pad,
            inner_r,
            row2,
        )?;
        for (rect, role) in e.blanks(from, row2, date_h).into_iter().zip(doc.header.date_blanks.iter().copied()) {
            e.place_at(role, rect);
        }
        let yr = row2 + date_h;
        e.y = yl.max(yr);
    }

    // title block (a công văn has none: its subject is in the header)
    e.y += style::AFTER_HEADER_PT;
    if doc.subject.is_none() {
        let (_, dt_size) = style_face(e.frame, Role::DocType);
        let y0 = e.y;
        e.y += e.text_line(Role::DocType, &doc.doc_type, dt_size, left, frame.text_width, y0)?;
        let title = Para { role: Role::Title, runs: doc.title.clone() };
        let tb = e.block(&title, frame.text_width)?;
        e.place(&tb, 0..tb.lines.len());
        // the attached document's (Ban hành kèm theo Quyết định số …)
        if let Some(line) = &doc.issued_with {
            let p = Para { role: Role::IssuedWith, runs: vec![Run { text: line.clone(), bold: false, italic: true }] };
            let b = e.block(&p, frame.text_width)?;
            e.place(&b, 0..b.lines.len());
        }
        if frame.title_rule > 0.0 {
            e.y += rule_h;
            let y = e.y;
            e.page().items.push(rule_item(left + frame.text_width / 2.0, frame.title_rule, y));
        } else if frame.profile == crate::model::Profile::Party {
            // `-----` under the trích yếu, no rule (HD 05 I-5.2.1)
            let size = frame.style(Role::Separator).size;
            let y = e.y;
            e.y += e.text_line(Role::Separator, style::party::DASHES, size, left, frame.text_width, y)?;
        }
    }
    // page 1 footer (ô 13) takes room from the bottom when it reaches up
    if !doc.contact.is_empty() {
        let footer_top = contact_footer(e, doc)?;
        e.bottom = e.bottom.min(footer_top - 2.0);
    }

    // Kính gửi (ô 9a): one line centred, or the label and a line per
    // addressee from a quarter of the width; lines wrap as the DOCX's
    // paragraphs do, and a list too long for page 1 goes on to page 2
    if !doc.addressees.is_empty() {
        e.y += style::AFTER_TITLE_PT;
        let (s, size) = style_face(e.frame, Role::Addressee);
        let (lh, _) = face_metrics(fonts, s, size);
        // (text, x, width) of each printed line
        let mut lines: Vec<(String, f32, f32)> = Vec::new();
        if let [one] = doc.addressees.as_slice() {
            for line in wrap(fonts, one, s, size, frame.text_width) {
                let w = fonts.measure(&line, s, size).min(frame.text_width);
                lines.push((line, left + (frame.text_width - w) / 2.0, w + 1.0));
            }
        } else {
            let x = left + frame.text_width * style::ADDRESSEES_INDENT_SHARE;
            let hang = fonts.measure(&format!("{ADDRESSEES_LABEL} "), s, size);
            for (i, l) in doc.addressees.iter().enumerate() {
                let lx = if i == 0 { x } else { x + hang };
                let lw_ = left + frame.text_width - lx;
                lines.extend(wrap(fonts, l, s, size, lw_).into_iter().map(|t| (t, lx, lw_)));
            }
        }
        for (t, x, w) in &lines {
            if e.y + lh > e.bottom + 0.01 {
                e.new_page();
            }
            let y = e.y;
            e.y += e.text_line(Role::Addressee, t, size, *x, *w, y)?;
        }
    }

    // body
    e.page_empty = false;
    let closing_block = measure_closing(e, doc);
    let page_h = frame.page.1 - frame.margins[0] - frame.margins[1];
    let tail = if closing_block.need <= page_h / 2.0 && !doc.closing.is_empty() { closing_block.need } else { 0.0 };
    let mut body = Window {
        paras: doc.body.iter(),
        blocks: VecDeque::new(),
        width: frame.text_width,
        first_extra: style::AFTER_TITLE_PT,
    };
    e.flow(&mut body, tail)?;

    if !doc.closing.is_empty() {
        closing(e, doc, &closing_block)?;
    }
    Ok(())
}

/// A document's appendices, each from a new page.
fn appendices(e: &mut Engine, doc: &Document) -> Result<(), Error> {
    let frame = e.frame;
    let fonts = e.fonts;
    let left = e.left();
    let rule_h = rule_height(fonts);
    for (i, a) in doc.appendices.iter().enumerate() {
        let (size, width) = frame.appendix_page(i);
        if doc.appendix_only {
            // a file of its own: its first page is the document's first
            e.set_page(size, width);
        } else {
            e.new_part(size, width);
        }
        let y0 = e.y;
        let mut y = y0;
        if let Some(line) = &doc.top_line {
            // Mẫu 2.2: the plan's number and the signing time, top right,
            // in the top margin, where the DOCX's first-page header puts it
            // (at the header distance, as the page numbers)
            let (_, size) = style_face(e.frame, Role::AppendixStamp);
            let top = mm_to_pt(style::HEADER_DISTANCE_MM);
            let h = e.text_line(Role::AppendixStamp, line, size, left, width, top)?;
            e.place_at(PlaceRole::AppendixLine, Rect { x: left, y: top, w: width, h });
        }
        y += e.text_line(Role::AppendixLabel, &a.label, frame.style(Role::AppendixLabel).size, left, width, y)?;
        y += e.text_line(Role::AppendixTitle, &a.title, frame.style(Role::AppendixTitle).size, left, width, y)?;
        y += e.text_line(
            Role::AppendixReference,
            &a.reference,
            frame.style(Role::AppendixReference).size,
            left,
            width,
            y,
        )?;
        // a Party appendix has `-----` (its body's first line) instead
        if frame.profile == crate::model::Profile::State {
            y += rule_h;
            let (ts, tsize) = style_face(e.frame, Role::AppendixTitle);
            let widest =
                wrap(fonts, &a.title, ts, tsize, width).iter().map(|l| fonts.measure(l, ts, tsize)).fold(0.0, f32::max);
            e.page().items.push(rule_item(left + width / 2.0, short_rule(widest), y));
        }
        e.y = y;
        e.page_empty = false;
        let mut body = Window { paras: a.body.iter(), blocks: VecDeque::new(), width, first_extra: 0.0 };
        e.flow(&mut body, 0.0)?;
    }
    Ok(())
}

/// A mark box of the page-1 composition, centred in the cell; returns its
/// height.
fn mark_box(e: &mut Engine, m: &crate::geometry::MarkBox, cell_left: f32, cell_w: f32, y: f32) -> Result<f32, Error> {
    let (_, size) = style_face(e.frame, Role::Mark);
    let x = cell_left + (cell_w - m.width) / 2.0;
    let inset = style::MARK_PAD_PT + style::MARK_BORDER_PT;
    e.text_line(Role::Mark, &m.label, size, x, m.width, y + inset)?;
    // the stroke is centred on the path: half the border inside the box
    let b = style::MARK_BORDER_PT / 2.0;
    e.page().items.push(Item::Frame { x: x + b, y: y + b, w: m.width - 2.0 * b, h: m.height - 2.0 * b });
    Ok(m.height)
}

/// Draws ô 13 at the bottom of page 1 and returns the top of its rule.
fn contact_footer(e: &mut Engine, doc: &Document) -> Result<f32, Error> {
    let (s, size) = style_face(e.frame, Role::Contact);
    let (lh, _) = face_metrics(e.fonts, s, size);
    let left = e.left();
    let width = e.frame.text_width;
    let lines: Vec<String> = doc.contact.iter().flat_map(|l| wrap(e.fonts, l, s, size, width)).collect();
    let height = lines.len() as f32 * lh;
    let bottom = e.frame.page.1 - mm_to_pt(style::FOOTER_DISTANCE_MM);
    let top = bottom - height;
    let mut y = top;
    for l in &lines {
        y += e.text_line(Role::Contact, l, size, left, width, y)?;
    }
    e.page().items.push(Item::Rule { x0: left, x1: left + width, y: top - 1.0 });
    Ok(top - 2.0)
}

/// The closing table measured: its lines and the height it needs.
struct ClosingBlock {
    left_lines: Vec<(String, f32)>, // text, indent
    title_lines: Vec<String>,
    right_h: f32,
    label_lh: f32,
    before: f32,
    need: f32,
}

fn measure_closing(e: &Engine, doc: &Document) -> ClosingBlock {
    let frame = e.frame;
    let pad = frame.cell_padding;
    let (lw, rw) = frame.signature_cols;
    let fonts = e.fonts;
    let (ls, lsize) = style_face(e.frame, Role::RecipientsLabel);
    let (rs, rsize) = style_face(e.frame, Role::Recipient);
    let (label_lh, _) = face_metrics(fonts, ls, lsize);
    let (rec_lh, _) = face_metrics(fonts, rs, rsize);
    let inner_l = lw - 2.0 * pad;
    let mut left_lines: Vec<(String, f32)> = Vec::new();
    for r in &doc.closing.recipients {
        let first = wrap(fonts, r, rs, rsize, inner_l);
        // continuation lines hang under the text after the dash
        let mut it = first.into_iter();
        if let Some(l) = it.next() {
            left_lines.push((l, 0.0));
        }
        let rest: Vec<String> = it.collect();
        if !rest.is_empty() {
            let rest = wrap(fonts, &rest.join(" "), rs, rsize, inner_l - frame.recipient_hang);
            left_lines.extend(rest.into_iter().map(|l| (l, frame.recipient_hang)));
        }
    }
    let (ts, tsize) = style_face(e.frame, Role::SignerTitle);
    let (ns, nsize) = style_face(e.frame, Role::SignerName);
    let (title_lh, _) = face_metrics(fonts, ts, tsize);
    let (name_lh, _) = face_metrics(fonts, ns, nsize);
    let inner_r = rw - 2.0 * pad;
    let title_lines: Vec<String> = frame.signer_title_lines.clone();
    let (bs, bsize) = style_face(e.frame, Role::SignerNote);
    let (below_lh, _) = face_metrics(fonts, bs, bsize);
    let below: usize = doc.closing.below_name.iter().map(|t| wrap(fonts, t, bs, bsize, inner_r).len()).sum();
    let right_h =
        title_lines.len() as f32 * title_lh + mm_to_pt(style::SIGNATURE_SPACE_MM) + name_lh + below as f32 * below_lh;
    let label_lh = if doc.closing.recipients.is_empty() { 0.0 } else { label_lh };
    let left_h = label_lh + left_lines.len() as f32 * rec_lh;
    let before = style::BEFORE_SIGNATURE_PT + fonts.face(FontStyle::Regular).line_height(1.0);
    ClosingBlock { need: before + left_h.max(right_h), left_lines, title_lines, right_h, label_lh, before }
}

/// The closing table: recipients (left) and signature (right), kept
/// together; a list too long for a page continues on the next.
fn closing(e: &mut Engine, doc: &Document, c: &ClosingBlock) -> Result<(), Error> {
    let frame = e.frame;
    let pad = frame.cell_padding;
    let (lw, rw) = frame.signature_cols;
    let (_, lsize) = style_face(e.frame, Role::RecipientsLabel);
    let (rs, rsize) = style_face(e.frame, Role::Recipient);
    let (rec_lh, _) = face_metrics(e.fonts, rs, rsize);
    let (_, tsize) = style_face(e.frame, Role::SignerTitle);
    let (_, nsize) = style_face(e.frame, Role::SignerName);
    let inner_l = lw - 2.0 * pad;
    let inner_r = rw - 2.0 * pad;
    let page_h = e.frame.page.1 - e.frame.margins[0] - e.frame.margins[1];
    if e.y + c.need > e.bottom + 0.01 && (c.need <= page_h || e.y + c.before + c.right_h + c.label_lh > e.bottom) {
        e.new_page();
    }
    e.y += c.before;
    let top = e.y;
    let left = e.left();
    // right column
    let mut y = top;
    for (i, t) in c.title_lines.iter().enumerate() {
        let role = frame.signer_title_roles.get(i).copied().unwrap_or(Role::SignerTitle);
        let h = e.text_line(role, t, tsize, left + lw + pad, inner_r, y)?;
        let mut p = Place::new(PlaceRole::SignerTitle, e.done + 1, Rect { x: left + lw + pad, y, w: inner_r, h });
        p.text = Some(t.clone());
        e.page.places.push(p);
        y += h;
    }
    // the signature image between the titles and the name, the seal over
    // its left third (spec §9)
    let signature = Rect { x: left + lw + pad, y, w: inner_r, h: mm_to_pt(style::SIGNATURE_SPACE_MM) };
    let seal = seal_for(signature, doc.closing.seal_pt);
    e.place_at(PlaceRole::Signature, signature);
    e.place_at(PlaceRole::Seal, seal);
    y += mm_to_pt(style::SIGNATURE_SPACE_MM);
    y += e.text_line(Role::SignerName, &doc.closing.name, nsize, left + lw + pad, inner_r, y)?;
    let (_, bsize) = style_face(e.frame, Role::SignerNote);
    for l in &doc.closing.below_name {
        y += e.text_line(Role::SignerNote, l, bsize, left + lw + pad, inner_r, y)?;
    }
    // the images over the text, as the DOCX's floating pictures lie in front
    // of it and a seal lies over what it touches (ô 8): the signature, then
    // the seal over it
    if let Some(img) = &doc.closing.signature_image {
        let r = fit(signature, img.px);
        e.page.items.push(Item::Image { role: PlaceRole::Signature, x: r.x, y: r.y, w: r.w, h: r.h });
    }
    if let Some(img) = &doc.closing.seal_image {
        let r = fit(seal, img.px);
        e.page.items.push(Item::Image { role: PlaceRole::Seal, x: r.x, y: r.y, w: r.w, h: r.h });
    }
    let right_bottom = y;
    // left column, continuing on new pages when it must
    let start_page = e.page_index();
    let mut y = top;
    // an attached document's signature block has no Nơi nhận (Mẫu 1.3)
    if !doc.closing.recipients.is_empty() {
        y += e.text_line(Role::RecipientsLabel, RECIPIENTS_LABEL, lsize, left + pad, inner_l, y)?;
    }
    for (text, indent) in &c.left_lines {
        if y + rec_lh > e.bottom + 0.01 {
            e.new_page();
            y = e.y;
        }
        y += e.text_line(Role::Recipient, text, rsize, left + pad + indent, inner_l - indent, y)?;
    }
    e.y = if e.page_index() > start_page { y } else { y.max(right_bottom) };
    e.page_empty = false;
    Ok(())
}
