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

use crate::fonts::{FontSet, FontStyle};
use crate::geometry::{wrap, Frame};
use crate::resolve::{Document, Para, Piece, TableDoc, QUOC_HIEU, RECIPIENTS_LABEL, TIEU_NGU};
use crate::style::{self, mm_to_pt, Align, Role};
use crate::text::Run;
use crate::Error;

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

// ---------------------------------------------------------------- lines

#[derive(Debug, Clone)]
struct Frag {
    style: FontStyle,
    text: String,
    width: f32,
}

#[derive(Debug, Clone)]
struct Word {
    pieces: Vec<Frag>,
    width: f32,
    /// The space before the word (its face and natural width).
    space: Option<(FontStyle, f32)>,
}

/// A line ready to be drawn: words and how the line is aligned.
#[derive(Debug, Clone)]
struct Line {
    words: Vec<Word>,
    natural: f32,
    indent: f32,
    last: bool,
}

/// The last paragraph moves whole with the signature block up to this many
/// lines (as LibreOffice does with keep-with-next); a longer one sends only
/// its last two lines.
const KEEP_WHOLE_MAX_LINES: usize = 8;

/// Rounding tolerance when a word fills a line exactly (points). A fixed
/// early break (0.3 pt) was tried to match LibreOffice's rendering of the
/// DOCX on a line that fits by 0.07 pt: it fixed that line and broke another
/// that LibreOffice fits, so exact arithmetic stays (see the agreement example).
const LINE_SLACK: f32 = -0.01;

/// Characters before which a line never breaks (UAX #14 classes CL, CP,
/// IS, EX): the space before them is glue.
fn no_break_before(word: &str) -> bool {
    word.starts_with([';', ':', ')', ']', '}', '!', '?', ',', '.', '”', '’', '»']) || word == "./."
}

struct Shaper<'a> {
    fonts: &'a FontSet,
    size: f32,
}

impl Shaper<'_> {
    fn width(&self, style: FontStyle, s: &str) -> f32 {
        self.fonts.measure(s, style, self.size)
    }

    /// Splits runs into words; glue spaces join their neighbours.
    fn words(&self, runs: &[Run]) -> Vec<Word> {
        let mut words: Vec<Word> = Vec::new();
        let mut cur: Option<Word> = None;
        let mut pending_space: Option<FontStyle> = None;
        for r in runs {
            let style = FontStyle::of(r.bold, r.italic);
            for (i, part) in r.text.split(' ').enumerate() {
                if i > 0 {
                    if let Some(w) = cur.take() {
                        words.push(w);
                    }
                    pending_space = Some(style);
                }
                if part.is_empty() {
                    continue;
                }
                let piece = Frag { style, text: part.to_owned(), width: self.width(style, part) };
                match cur.as_mut() {
                    Some(w) => {
                        w.width += piece.width;
                        w.pieces.push(piece);
                    }
                    None => {
                        let space = pending_space.take().map(|s| (s, self.width(s, " ")));
                        cur = Some(Word { width: piece.width, pieces: vec![piece], space });
                    }
                }
            }
        }
        if let Some(w) = cur {
            words.push(w);
        }
        // glue: a word that may not start a line joins the previous one
        let mut out: Vec<Word> = Vec::with_capacity(words.len());
        for w in words {
            let starts = w.pieces.first().is_some_and(|p| no_break_before(&p.text));
            match out.last_mut() {
                Some(prev) if starts => {
                    if let Some((s, sw)) = w.space {
                        prev.pieces.push(Frag { style: s, text: " ".into(), width: sw });
                        prev.width += sw;
                    }
                    prev.width += w.width;
                    prev.pieces.extend(w.pieces);
                }
                _ => out.push(w),
            }
        }
        out
    }

    /// Cuts a word wider than `width` into pieces that fit.
    fn split_word(&self, w: Word, width: f32) -> Vec<Word> {
        let mut out = Vec::new();
        let mut cur = Word { pieces: Vec::new(), width: 0.0, space: w.space };
        for p in w.pieces {
            let mut buf = String::new();
            let mut bw = 0.0;
            for c in p.text.chars() {
                let cw = self.fonts.face(p.style).width(c.encode_utf8(&mut [0; 4]), self.size);
                if cur.width + bw + cw > width && (cur.width + bw) > 0.0 {
                    if !buf.is_empty() {
                        cur.pieces.push(Frag { style: p.style, text: std::mem::take(&mut buf), width: bw });
                        cur.width += bw;
                        bw = 0.0;
                    }
                    out.push(std::mem::replace(&mut cur, Word { pieces: Vec::new(), width: 0.0, space: None }));
                }
                buf.push(c);
                bw += cw;
            }
            if !buf.is_empty() {
                cur.pieces.push(Frag { style: p.style, text: buf, width: bw });
                cur.width += bw;
            }
        }
        if !cur.pieces.is_empty() {
            out.push(cur);
        }
        out
    }

    /// Greedy line breaking at spaces.
    fn lines(&self, runs: &[Run], width: f32, first_indent: f32) -> Vec<Line> {
        let mut lines: Vec<Line> = Vec::new();
        let mut cur: Vec<Word> = Vec::new();
        let mut x = 0.0;
        let avail = |n: usize| if n == 0 { width - first_indent } else { width };
        for w in self.words(runs) {
            let limit = avail(lines.len());
            let space = if cur.is_empty() { 0.0 } else { w.space.map_or(0.0, |s| s.1) };
            if !cur.is_empty() && x + space + w.width <= limit - LINE_SLACK {
                x += space + w.width;
                cur.push(w);
                continue;
            }
            if !cur.is_empty() {
                let indent = if lines.is_empty() { first_indent } else { 0.0 };
                lines.push(Line { words: std::mem::take(&mut cur), natural: x, indent, last: false });
            }
            let limit = avail(lines.len());
            if w.width > limit + 0.01 {
                let mut parts = self.split_word(w, limit.max(1.0));
                let tail = parts.pop();
                for p in parts {
                    let indent = if lines.is_empty() { first_indent } else { 0.0 };
                    lines.push(Line { natural: p.width, words: vec![p], indent, last: false });
                }
                if let Some(t) = tail {
                    x = t.width;
                    cur.push(t);
                }
            } else {
                x = w.width;
                cur.push(w);
            }
        }
        if !cur.is_empty() || lines.is_empty() {
            let indent = if lines.is_empty() { first_indent } else { 0.0 };
            lines.push(Line { words: cur, natural: x, indent, last: true });
        }
        if let Some(l) = lines.last_mut() {
            l.last = true;
        }
        lines
    }

    /// Positions a line's glyphs: `left` is the line box's left edge.
    fn draw(&self, line: &Line, left: f32, width: f32, baseline: f32, align: Align) -> Result<Vec<TextRun>, Error> {
        let gaps = line.words.len().saturating_sub(1);
        let (mut x, extra) = match align {
            Align::Justify if !line.last && gaps > 0 => {
                (left + line.indent, ((width - line.indent - line.natural) / gaps as f32).max(0.0))
            }
            Align::Center => (left + line.indent + ((width - line.indent - line.natural) / 2.0), 0.0),
            _ => (left + line.indent, 0.0),
        };
        let mut runs: Vec<TextRun> = Vec::new();
        let mut push = |style: FontStyle, text: &str, stretch: f32, x: &mut f32| -> Result<(), Error> {
            let face = self.fonts.face(style);
            let same = runs.last().is_some_and(|r: &TextRun| r.style == style);
            if !same {
                runs.push(TextRun {
                    x: *x,
                    y: baseline,
                    style,
                    size: self.size,
                    text: String::new(),
                    glyphs: Vec::new(),
                });
            }
            let run = runs.last_mut().expect("pushed above");
            for c in text.chars() {
                let (gid, adv) = face.glyph(c).ok_or_else(|| Error::MissingGlyph {
                    ch: c,
                    code: c as u32,
                    field: format!("text {:?}", text),
                    font: face.name().to_owned(),
                })?;
                let start = run.text.len();
                run.text.push(c);
                let mut advance = face.advance(adv, self.size);
                if c == ' ' {
                    advance += stretch;
                }
                *x += advance;
                run.glyphs.push(Glyph { id: gid, advance, range: start as u32..run.text.len() as u32 });
            }
            Ok(())
        };
        for (i, w) in line.words.iter().enumerate() {
            if i > 0 {
                let s = w.space.map_or(FontStyle::Regular, |s| s.0);
                push(s, " ", extra, &mut x)?;
            }
            for p in &w.pieces {
                push(p.style, &p.text, 0.0, &mut x)?;
            }
        }
        Ok(runs)
    }
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

/// A table with its cells broken into lines, before pagination.
struct TableLaid {
    rows: Vec<RowLaid>,
    /// Rows repeated at the top of each page (header, column numbers).
    header_rows: usize,
    space_before: f32,
    /// The row each row's band ends at (exclusive): rows tied by a row
    /// span are placed together.
    band_end: Vec<usize>,
}

#[derive(Clone)]
struct RowLaid {
    cells: Vec<CellLaid>,
    height: f32,
}

#[derive(Clone)]
struct CellLaid {
    x: f32,
    w: f32,
    rowspan: usize,
    /// Lines: runs positioned at x relative to the cell's text box, and
    /// the line's top relative to the cell's top.
    lines: Vec<(Vec<TextRun>, f32)>,
    ascent: f32,
    line_height: f32,
    /// Text height plus the vertical padding.
    height: f32,
}

/// What the window holds: a paragraph's lines or a table's rows.
enum Laid {
    Lines(Block),
    Table(TableLaid),
}

impl TableLaid {
    fn header_height(&self) -> f32 {
        self.rows[..self.header_rows].iter().map(|r| r.height).sum()
    }
    /// Height of the band that starts at row `r`.
    fn band_height(&self, r: usize) -> f32 {
        self.rows[r..self.band_end[r]].iter().map(|r| r.height).sum()
    }
    /// What must fit below a heading: the header and the first band.
    fn head_need(&self) -> f32 {
        let first = if self.header_rows < self.rows.len() { self.band_height(self.header_rows) } else { 0.0 };
        self.space_before + self.header_height() + first
    }
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

/// How far pagination looks ahead: a heading keeps with up to three
/// following headings and the start of the text after them.
const LOOKAHEAD: usize = 3;

fn face_metrics(fonts: &FontSet, style: FontStyle, size: f32) -> (f32, f32) {
    let f = fonts.face(style);
    (f.line_height(size), f.ascender(size))
}

fn style_face(role: Role) -> (FontStyle, f32) {
    let st = role.style();
    (FontStyle::of(st.bold, st.italic), st.size)
}

/// Height of the DOCX rule paragraph: its space before and a 1 pt line.
fn rule_height(fonts: &FontSet) -> f32 {
    style::RULE_GAP_PT + fonts.face(FontStyle::Regular).line_height(1.0)
}

impl<'a> Engine<'a> {
    fn left(&self) -> f32 {
        self.frame.margins[2]
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
        let size = self.page_size;
        (self.sink)(std::mem::replace(&mut self.page, Page { size, items: Vec::new() }));
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
        let (style, size) = style_face(Role::PageNumber);
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
        let (style, _) = style_face(role);
        let shaper = Shaper { fonts: self.fonts, size };
        let (lh, asc) = face_metrics(self.fonts, style, size);
        let runs = vec![Run { text: text.to_owned(), bold: role.style().bold, italic: role.style().italic }];
        let mut y = y_top;
        for line in shaper.lines(&runs, width, 0.0) {
            let items = shaper.draw(&line, left, width, y + asc, role.style().align)?;
            self.page().items.extend(items.into_iter().map(Item::Text));
            y += lh;
        }
        Ok(y - y_top)
    }

    /// Breaks a paragraph into lines.
    fn block(&self, p: &Para, width: f32) -> Result<Block, Error> {
        let st = p.role.style();
        let shaper = Shaper { fonts: self.fonts, size: st.size };
        let indent = mm_to_pt(st.first_line_indent_mm);
        let (lh, asc) = face_metrics(self.fonts, FontStyle::of(st.bold, st.italic), st.size);
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

    /// Breaks every cell of a table into lines and measures its rows.
    fn table(&self, t: &TableDoc, width: f32) -> Result<TableLaid, Error> {
        let widths = t.widths(width);
        let mut xs = Vec::with_capacity(widths.len() + 1);
        let mut x = 0.0;
        for w in &widths {
            xs.push(x);
            x += w;
        }
        xs.push(x);
        let pad = self.frame.cell_padding;
        let padv = style::TABLE_CELL_PAD_V_PT;
        let shaper = Shaper { fonts: self.fonts, size: t.size };
        let mut rows = Vec::with_capacity(t.rows.len());
        for row in &t.rows {
            let mut cells = Vec::with_capacity(row.cells.len());
            for c in &row.cells {
                let end = (c.col + c.colspan).min(widths.len());
                let (cx, cw) = (xs[c.col.min(widths.len())], xs[end] - xs[c.col.min(widths.len())]);
                let inner = (cw - 2.0 * pad).max(1.0);
                let mut lines = Vec::new();
                let mut y = padv;
                let (mut lh, mut asc) = face_metrics(self.fonts, FontStyle::Regular, t.size);
                for p in &c.paras {
                    let st = p.role.style();
                    (lh, asc) = face_metrics(self.fonts, FontStyle::of(st.bold, st.italic), t.size);
                    for line in shaper.lines(&p.runs, inner, 0.0) {
                        lines.push((shaper.draw(&line, 0.0, inner, 0.0, c.align)?, y));
                        y += lh;
                    }
                }
                cells.push(CellLaid {
                    x: cx,
                    w: cw,
                    rowspan: c.rowspan.max(1),
                    lines,
                    ascent: asc,
                    line_height: lh,
                    height: y + padv,
                });
            }
            let height = cells.iter().filter(|c| c.rowspan == 1).map(|c| c.height).fold(0.0, f32::max);
            rows.push(RowLaid { cells, height });
        }
        // a cell spanning rows grows the last of them when it needs to;
        // rows tied by a span form a band, placed as a unit
        let n = rows.len();
        let mut band_end: Vec<usize> = (1..=n).collect();
        for r in 0..n {
            for k in 0..rows[r].cells.len() {
                let span = rows[r].cells[k].rowspan;
                if span <= 1 {
                    continue;
                }
                let last = (r + span).min(n);
                let have: f32 = rows[r..last].iter().map(|x| x.height).sum();
                let need = rows[r].cells[k].height;
                if need > have {
                    rows[last - 1].height += need - have;
                }
                band_end[r] = band_end[r].max(last);
            }
        }
        // extend each band to cover the bands it overlaps
        for r in (0..n).rev() {
            let mut e = band_end[r];
            let mut k = r + 1;
            while k < e {
                e = e.max(band_end[k]);
                k += 1;
            }
            band_end[r] = e;
        }
        let header_rows = t.header_rows.min(n);
        // a band never crosses from the header into the body
        for e in band_end.iter_mut().take(header_rows) {
            *e = (*e).min(header_rows);
        }
        Ok(TableLaid { rows, header_rows, space_before: style::TABLE_SPACE_BEFORE_PT, band_end })
    }

    /// Draws rows `range` of a table with their top at the cursor; a cell
    /// is as tall as the rows it spans (within `range`).
    fn draw_rows(&mut self, t: &TableLaid, range: Range<usize>) {
        let left = self.left();
        let pad = self.frame.cell_padding;
        let mut y = self.y;
        let mut items = Vec::new();
        for r in range.clone() {
            for c in &t.rows[r].cells {
                let end = (r + c.rowspan).min(range.end);
                let h: f32 = t.rows[r..end].iter().map(|x| x.height).sum();
                items.push(Item::Border { x: left + c.x, y, w: c.w, h });
                for (runs, top) in &c.lines {
                    for mut run in runs.iter().cloned() {
                        run.x += left + c.x + pad;
                        run.y = y + top + c.ascent;
                        items.push(Item::Text(run));
                    }
                }
            }
            y += t.rows[r].height;
        }
        self.page().items.extend(items);
        self.y = y;
        self.page_empty = false;
    }

    /// Places a table: bands of rows as units, the header rows repeated at
    /// the top of every page it continues on; a row taller than a page is
    /// split between lines.
    fn place_table(&mut self, mut t: TableLaid) {
        let before = if self.page_empty { 0.0 } else { t.space_before };
        let header_h = t.header_height();
        let n = t.rows.len();
        // the header and the first band start together
        if !self.page_empty && self.y + t.head_need() > self.bottom + 0.01 {
            self.new_page();
        } else {
            self.y += before;
        }
        self.draw_rows(&t, 0..t.header_rows);
        let mut r = t.header_rows;
        while r < n {
            let end = t.band_end[r].max(r + 1);
            let h = t.band_height(r);
            if self.y + h > self.bottom + 0.01 {
                let fresh = self.bottom - self.top() - header_h;
                let at_top = self.page_empty || (self.y - header_h - self.top()).abs() < 0.01;
                if h > fresh + 0.01 && end == r + 1 {
                    // too tall for any page: split the row between lines
                    let avail = self.bottom - self.y;
                    let min_line = t.rows[r].cells.iter().map(|c| c.line_height).fold(0.0, f32::max);
                    if avail < min_line + 2.0 * style::TABLE_CELL_PAD_V_PT && !at_top {
                        self.new_page();
                        self.draw_rows(&t, 0..t.header_rows);
                        continue;
                    }
                    let rest = split_row(&mut t.rows[r], avail);
                    self.draw_rows(&t, r..r + 1);
                    t.rows[r] = rest;
                    self.new_page();
                    self.draw_rows(&t, 0..t.header_rows);
                    continue;
                }
                if !at_top {
                    self.new_page();
                    self.draw_rows(&t, 0..t.header_rows);
                    continue;
                }
            }
            self.draw_rows(&t, r..end);
            r = end;
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
            let before = if self.page_empty { b.space_before.min(self.bottom - self.y) } else { b.space_before };
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
                        let top_before = b.space_before.min(self.bottom - self.y);
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

/// Splits a row for a page with `avail` points left: the lines that fit
/// stay (the row becomes `avail` tall), the rest are returned as a row that
/// continues on the next page.
fn split_row(row: &mut RowLaid, avail: f32) -> RowLaid {
    let padv = style::TABLE_CELL_PAD_V_PT;
    let mut rest = row.clone();
    for (c, r) in row.cells.iter_mut().zip(rest.cells.iter_mut()) {
        let keep = c.lines.iter().take_while(|(_, top)| top + c.line_height + padv <= avail + 0.01).count();
        let moved: Vec<(Vec<TextRun>, f32)> = c.lines.drain(keep..).collect();
        let shift = moved.first().map_or(0.0, |(_, top)| top - padv);
        r.lines = moved.into_iter().map(|(runs, top)| (runs, top - shift)).collect();
        r.height = r.lines.last().map_or(2.0 * padv, |(_, top)| top + r.line_height + padv);
    }
    row.height = avail;
    rest.height = rest.cells.iter().map(|c| c.height).fold(0.0, f32::max);
    rest
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
    let left = e.left();
    let pad = frame.cell_padding;
    let (lw, rw) = frame.header_cols;
    let rule_h = rule_height(fonts);

    // ô 11 marks above the header, centred over the right column
    for label in doc.header.circulation.iter().chain(doc.header.draft.iter()) {
        let y = e.y;
        let h = mark_box(&mut e, label, left + lw, rw, y)?;
        e.y += h + 6.0;
    }

    // header table, row 1
    let top = e.y;
    let mut yl = top;
    for l in &frame.agency_lines {
        yl += e.text_line(l.role, &l.text, l.size, left + pad, lw - 2.0 * pad, yl)?;
    }
    yl += rule_h;
    e.page().items.push(rule_item(left + lw / 2.0, frame.agency_rule, yl));
    let mut yr = top;
    let inner_r = rw - 2.0 * pad;
    yr += e.text_line(Role::QuocHieu, QUOC_HIEU, Role::QuocHieu.style().size, left + lw + pad, inner_r, yr)?;
    yr += e.text_line(Role::TieuNgu, TIEU_NGU, Role::TieuNgu.style().size, left + lw + pad, inner_r, yr)?;
    yr += rule_h;
    e.page().items.push(rule_item(left + lw + rw / 2.0, frame.tieu_ngu_rule, yr));
    // row 2
    let row2 = yl.max(yr);
    let mut yl = row2
        + e.text_line(Role::Number, &doc.header.number, Role::Number.style().size, left + pad, lw - 2.0 * pad, row2)?;
    for label in doc.header.confidentiality.iter() {
        yl += 6.0;
        yl += mark_box(&mut e, label, left, lw, yl)?;
    }
    if let Some((label, (w_mm, _))) = &doc.header.urgency {
        yl += 6.0;
        let w = mm_to_pt(*w_mm);
        yl += mark_box_w(&mut e, label, left, lw, yl, w)?;
    }
    let yr = row2
        + e.text_line(Role::PlaceDate, &doc.header.place_date, frame.place_date_size, left + lw + pad, inner_r, row2)?;
    e.y = yl.max(yr);

    // title block
    e.y += style::AFTER_HEADER_PT;
    let (_, dt_size) = style_face(Role::DocType);
    let y0 = e.y;
    e.y += e.text_line(Role::DocType, &doc.doc_type, dt_size, left, frame.text_width, y0)?;
    let title = Para { role: Role::Title, runs: doc.title.clone() };
    let tb = e.block(&title, frame.text_width)?;
    e.place(&tb, 0..tb.lines.len());
    e.y += rule_h;
    let y = e.y;
    e.page().items.push(rule_item(left + frame.text_width / 2.0, frame.title_rule, y));

    // page 1 footer (ô 13) takes room from the bottom when it reaches up
    if !doc.contact.is_empty() {
        let footer_top = contact_footer(&mut e, doc)?;
        e.bottom = e.bottom.min(footer_top - 2.0);
    }

    // body
    e.page_empty = false;
    let closing_block = measure_closing(&e, doc);
    let page_h = frame.page.1 - frame.margins[0] - frame.margins[1];
    let tail = if closing_block.need <= page_h / 2.0 { closing_block.need } else { 0.0 };
    let mut body = Window {
        paras: doc.body.iter(),
        blocks: VecDeque::new(),
        width: frame.text_width,
        first_extra: style::AFTER_TITLE_PT,
    };
    e.flow(&mut body, tail)?;

    closing(&mut e, doc, &closing_block)?;

    // appendices: each from a new page
    for (i, a) in doc.appendices.iter().enumerate() {
        let (size, width) = frame.appendix_page(i);
        e.new_part(size, width);
        let y0 = e.y;
        let mut y = y0;
        y += e.text_line(Role::AppendixLabel, &a.label, Role::AppendixLabel.style().size, left, width, y)?;
        y += e.text_line(Role::AppendixTitle, &a.title, Role::AppendixTitle.style().size, left, width, y)?;
        y +=
            e.text_line(Role::AppendixReference, &a.reference, Role::AppendixReference.style().size, left, width, y)?;
        y += rule_h;
        let (ts, tsize) = style_face(Role::AppendixTitle);
        let tw = fonts.measure(&a.title, ts, tsize).min(width);
        let len = (tw * style::SHORT_RULE_SHARE).max(mm_to_pt(style::SHORT_RULE_MIN_MM));
        e.page().items.push(rule_item(left + width / 2.0, len, y));
        e.y = y;
        e.page_empty = false;
        let mut body = Window { paras: a.body.iter(), blocks: VecDeque::new(), width, first_extra: 0.0 };
        e.flow(&mut body, 0.0)?;
    }
    e.finish_page();
    match e.error {
        Some(err) => Err(err),
        None => Ok(e.done),
    }
}

fn mark_box(e: &mut Engine, label: &str, cell_left: f32, cell_w: f32, y: f32) -> Result<f32, Error> {
    let (s, size) = style_face(Role::Mark);
    let w = e.fonts.measure(label, s, size) + mm_to_pt(6.0);
    mark_box_w(e, label, cell_left, cell_w, y, w)
}

/// A single-line box `w` wide, centred in the cell; returns its height.
fn mark_box_w(e: &mut Engine, label: &str, cell_left: f32, cell_w: f32, y: f32, w: f32) -> Result<f32, Error> {
    let (s, size) = style_face(Role::Mark);
    let w = w.max(e.fonts.measure(label, s, size) + mm_to_pt(4.0));
    let h = mm_to_pt(8.0);
    let x = cell_left + (cell_w - w) / 2.0;
    let (lh, _) = face_metrics(e.fonts, s, size);
    e.text_line(Role::Mark, label, size, x, w, y + (h - lh) / 2.0)?;
    e.page().items.push(Item::Frame { x, y, w, h });
    Ok(h)
}

/// Draws ô 13 at the bottom of page 1 and returns the top of its rule.
fn contact_footer(e: &mut Engine, doc: &Document) -> Result<f32, Error> {
    let (s, size) = style_face(Role::Contact);
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
    let (ls, lsize) = style_face(Role::RecipientsLabel);
    let (rs, rsize) = style_face(Role::Recipient);
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
    let (ts, tsize) = style_face(Role::SignerTitle);
    let (ns, nsize) = style_face(Role::SignerName);
    let (title_lh, _) = face_metrics(fonts, ts, tsize);
    let (name_lh, _) = face_metrics(fonts, ns, nsize);
    let inner_r = rw - 2.0 * pad;
    let title_lines: Vec<String> = doc.closing.titles.iter().flat_map(|t| wrap(fonts, t, ts, tsize, inner_r)).collect();
    let (bs, bsize) = style_face(Role::SignerNote);
    let (below_lh, _) = face_metrics(fonts, bs, bsize);
    let below: usize = doc.closing.below_name.iter().map(|t| wrap(fonts, t, bs, bsize, inner_r).len()).sum();
    let right_h =
        title_lines.len() as f32 * title_lh + mm_to_pt(style::SIGNATURE_SPACE_MM) + name_lh + below as f32 * below_lh;
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
    let (_, lsize) = style_face(Role::RecipientsLabel);
    let (rs, rsize) = style_face(Role::Recipient);
    let (rec_lh, _) = face_metrics(e.fonts, rs, rsize);
    let (_, tsize) = style_face(Role::SignerTitle);
    let (_, nsize) = style_face(Role::SignerName);
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
    for t in &c.title_lines {
        y += e.text_line(Role::SignerTitle, t, tsize, left + lw + pad, inner_r, y)?;
    }
    y += mm_to_pt(style::SIGNATURE_SPACE_MM);
    y += e.text_line(Role::SignerName, &doc.closing.name, nsize, left + lw + pad, inner_r, y)?;
    let (_, bsize) = style_face(Role::SignerNote);
    for l in &doc.closing.below_name {
        y += e.text_line(Role::SignerNote, l, bsize, left + lw + pad, inner_r, y)?;
    }
    let right_bottom = y;
    // left column, continuing on new pages when it must
    let start_page = e.page_index();
    let mut y = top;
    y += e.text_line(Role::RecipientsLabel, RECIPIENTS_LABEL, lsize, left + pad, inner_l, y)?;
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
