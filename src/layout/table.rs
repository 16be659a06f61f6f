//! Tables: every cell broken into lines with the body's line breaker, rows
//! measured, rows tied by a row span placed as one band, the header rows
//! repeated at the top of each page the table runs on, a row taller than a
//! page split between lines.

use std::ops::Range;

use crate::compose::TableDoc;
use crate::fonts::FontStyle;
use crate::style;
use crate::Error;

use super::shape::Shaper;
use super::{face_metrics, Engine, Item, TextRun};

/// A table with its cells broken into lines, before pagination.
pub(super) struct TableLaid {
    rows: Vec<RowLaid>,
    /// Rows repeated at the top of each page (header, column numbers).
    header_rows: usize,
    pub(super) space_before: f32,
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

impl TableLaid {
    fn header_height(&self) -> f32 {
        self.rows[..self.header_rows].iter().map(|r| r.height).sum()
    }
    /// Height of the band that starts at row `r`.
    fn band_height(&self, r: usize) -> f32 {
        self.rows[r..self.band_end[r]].iter().map(|r| r.height).sum()
    }
    /// What must fit below a heading: the header and the first band.
    pub(super) fn head_need(&self) -> f32 {
        let first = if self.header_rows < self.rows.len() { self.band_height(self.header_rows) } else { 0.0 };
        self.space_before + self.header_height() + first
    }
}

impl Engine<'_> {
    /// Breaks every cell of a table into lines and measures its rows.
    pub(super) fn table(&self, t: &TableDoc, width: f32) -> Result<TableLaid, Error> {
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
        // as the DOCX's spacer paragraph: the space, then a 1 pt line
        let space_before = style::TABLE_SPACE_BEFORE_PT + self.fonts.face(FontStyle::Regular).line_height(1.0);
        Ok(TableLaid { rows, header_rows, space_before, band_end })
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
    pub(super) fn place_table(&mut self, mut t: TableLaid) {
        let n = t.rows.len();
        // a header taller than half a page is not repeated: it would leave
        // too little room for the rows under it
        let page_h = self.page_size.1 - self.frame.margins[1] - self.top();
        let repeat = if t.header_height() <= page_h / 2.0 { t.header_rows } else { 0 };
        let header_h: f32 = t.rows[..repeat].iter().map(|r| r.height).sum();
        let before = if self.page_empty { 0.0 } else { t.space_before };
        // the header and the first band start together
        if !self.page_empty && self.y + t.head_need() > self.bottom + 0.01 {
            self.new_page();
        } else {
            self.y += before;
        }
        self.draw_rows(&t, 0..repeat);
        let mut r = repeat;
        while r < n {
            let mut end = t.band_end[r].max(r + 1);
            let mut h: f32 = t.rows[r..end].iter().map(|x| x.height).sum();
            if self.y + h > self.bottom + 0.01 {
                let at_top = self.page_empty || (self.y - header_h - self.top()).abs() < 0.01;
                if !at_top {
                    self.new_page();
                    self.draw_rows(&t, 0..repeat);
                    continue;
                }
                // too tall for a whole page: a band of rows tied by a row
                // span goes row by row, and a row splits between lines
                if end > r + 1 {
                    unspan(&mut t, r);
                    end = r + 1;
                    h = t.rows[r].height;
                }
                if self.y + h > self.bottom + 0.01 {
                    let rest = split_row(&mut t.rows[r], (self.bottom - self.y).max(0.0));
                    self.draw_rows(&t, r..r + 1);
                    t.rows[r] = rest;
                    self.new_page();
                    self.draw_rows(&t, 0..repeat);
                    continue;
                }
            }
            self.draw_rows(&t, r..end);
            r = end;
        }
    }
}

/// Frees row `r` from the rows below it, for a band too tall for a page: a
/// cell spanning down keeps its text in row `r` (which grows to hold it, and
/// may then split between lines) and leaves an empty bordered cell below.
fn unspan(t: &mut TableLaid, r: usize) {
    let padv = style::TABLE_CELL_PAD_V_PT;
    let mut below = Vec::new();
    for c in t.rows[r].cells.iter_mut().filter(|c| c.rowspan > 1) {
        let mut rest = c.clone();
        rest.lines.clear();
        rest.rowspan = c.rowspan - 1;
        rest.height = 2.0 * padv;
        below.push(rest);
        c.rowspan = 1;
    }
    let height = t.rows[r].cells.iter().map(|c| c.height).fold(t.rows[r].height, f32::max);
    t.rows[r].height = height;
    if let Some(next) = t.rows.get_mut(r + 1) {
        next.cells.extend(below);
        next.cells.sort_by(|a, b| a.x.total_cmp(&b.x));
    }
    // the rows below lose the height the span had added to them
    let end = t.band_end[r].min(t.rows.len());
    for k in r + 1..end {
        let row = &mut t.rows[k];
        row.height = row.cells.iter().filter(|c| c.rowspan == 1).map(|c| c.height).fold(2.0 * padv, f32::max);
    }
    for k in r + 1..end {
        for i in 0..t.rows[k].cells.len() {
            let (span, need) = (t.rows[k].cells[i].rowspan, t.rows[k].cells[i].height);
            let last = (k + span).min(end);
            let have: f32 = t.rows[k..last].iter().map(|x| x.height).sum();
            if span > 1 && need > have {
                t.rows[last - 1].height += need - have;
            }
        }
    }
}

/// Splits a row for a page with `avail` points left: the lines that fit
/// stay (the row becomes `avail` tall), the rest are returned as a row that
/// continues on the next page.
fn split_row(row: &mut RowLaid, avail: f32) -> RowLaid {
    let padv = style::TABLE_CELL_PAD_V_PT;
    let mut rest = row.clone();
    let fits = |c: &CellLaid| c.lines.iter().take_while(|(_, top)| top + c.line_height + padv <= avail + 0.01).count();
    // at least one line goes on this page, however little room there is:
    // the table always moves forward
    let progress = row.cells.iter().any(|c| fits(c) > 0);
    for (c, r) in row.cells.iter_mut().zip(rest.cells.iter_mut()) {
        let keep = if progress { fits(c) } else { c.lines.len().min(1) };
        let moved: Vec<(Vec<TextRun>, f32)> = c.lines.drain(keep..).collect();
        let shift = moved.first().map_or(0.0, |(_, top)| top - padv);
        r.lines = moved.into_iter().map(|(runs, top)| (runs, top - shift)).collect();
        r.height = r.lines.last().map_or(2.0 * padv, |(_, top)| top + r.line_height + padv);
    }
    let kept = row.cells.iter().map(|c| c.lines.last().map_or(0.0, |(_, top)| top + c.line_height + padv));
    row.height = kept.fold(avail, f32::max);
    rest.height = rest.cells.iter().map(|c| c.height).fold(0.0, f32::max);
    rest
}
