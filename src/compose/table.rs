//! Tables composed: header rows first (they repeat on each page), the
//! column-number row, group rows across the table, the `TT` column numbered
//! where its cells are empty (restarting under each group row), and each
//! cell's role and alignment.

use crate::model::{place_cells, CellAlign, ColumnWidth, Row, Table};
use crate::style::Role;
use crate::text::Run;

use super::{styled_in, Para};

/// What a table row is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowKind {
    /// A header row: repeated on every page the table runs on.
    Header,
    /// The column-number row `(1) (2) …` under the header (repeated too).
    ColumnNumbers,
    /// A group row: one bold cell across the table.
    Group,
    /// A body row.
    Body,
}

/// A table cell, resolved: its place on the grid and its paragraphs.
#[derive(Debug, Clone, PartialEq)]
pub struct CellDoc {
    /// First column.
    pub col: usize,
    /// Columns spanned.
    pub colspan: usize,
    /// Rows spanned.
    pub rowspan: usize,
    /// Paragraphs (role [`Role::TableHeader`], [`Role::TableCell`] …); at
    /// least one, possibly empty.
    pub paras: Vec<Para>,
    /// Alignment of the cell's paragraphs.
    pub align: crate::style::Align,
}

/// A table row, resolved.
#[derive(Debug, Clone, PartialEq)]
pub struct RowDoc {
    /// What the row is.
    pub kind: RowKind,
    /// The cells that start in this row.
    pub cells: Vec<CellDoc>,
}

/// A table, resolved: header rows first (they repeat on each page), then
/// the body; the `TT` column numbered.
#[derive(Debug, Clone, PartialEq)]
pub struct TableDoc {
    /// Column widths as given.
    pub columns: Vec<ColumnWidth>,
    /// Font size of the table's text, points.
    pub size: f32,
    /// How many of `rows` repeat at the top of each page (header rows and
    /// the column-number row).
    pub header_rows: usize,
    /// All rows.
    pub rows: Vec<RowDoc>,
}

impl TableDoc {
    /// Column widths in points for a text area `width` points wide: fixed
    /// columns take their millimetres, shares divide the rest.
    pub fn widths(&self, width: f32) -> Vec<f32> {
        let fixed: f32 = self
            .columns
            .iter()
            .map(|c| match c {
                ColumnWidth::Mm(mm) => crate::style::mm_to_pt(*mm),
                ColumnWidth::Share(_) => 0.0,
            })
            .sum();
        let shares: f32 = self
            .columns
            .iter()
            .map(|c| match c {
                ColumnWidth::Share(s) => s.max(0.0),
                ColumnWidth::Mm(_) => 0.0,
            })
            .sum();
        let rest = (width - fixed).max(0.0);
        self.columns
            .iter()
            .map(|c| match c {
                ColumnWidth::Mm(mm) => crate::style::mm_to_pt(*mm),
                ColumnWidth::Share(s) if shares > 0.0 => rest * s.max(0.0) / shares,
                ColumnWidth::Share(_) => 0.0,
            })
            .collect()
    }
}

pub(super) fn table_doc(t: &Table) -> TableDoc {
    use crate::style::Align;
    let size = t.size.unwrap_or(crate::style::TABLE_SIZE);
    let ncols = t.columns.len();
    let tt = t.number_column();
    let styled_cell =
        |role: Role, text: &crate::text::Text| Para::new(role, styled_in(crate::model::Profile::State, role, text));
    let mut rows = Vec::new();
    let add = |list: &[Row], kind: RowKind, rows: &mut Vec<RowDoc>| {
        // validation refuses what does not fit the grid; print what does
        let placed = place_cells(list, ncols).unwrap_or_default();
        let mut counter = 0usize;
        let start = rows.len();
        for (r, row) in list.iter().enumerate() {
            let kind = if matches!(row, Row::Group(_)) { RowKind::Group } else { kind };
            rows.push(RowDoc { kind, cells: Vec::new() });
            if let Row::Group(g) = row {
                rows[start + r].cells.push(CellDoc {
                    col: 0,
                    colspan: ncols.max(1),
                    rowspan: 1,
                    paras: vec![styled_cell(Role::TableGroup, g)],
                    align: Align::Left,
                });
            }
        }
        let mut last_row = 0;
        for pc in placed {
            // the TT numbers restart under each group row
            if list[last_row.min(pc.row)..pc.row].iter().any(|r| matches!(r, Row::Group(_))) {
                counter = 0;
            }
            last_row = pc.row;
            let Row::Cells(cells) = &list[pc.row] else { continue };
            let cell = &cells[pc.index];
            let role = if kind == RowKind::Header { Role::TableHeader } else { Role::TableCell };
            let mut paras: Vec<Para> = cell.paragraphs.iter().map(|t| styled_cell(role, t)).collect();
            let numbered = kind == RowKind::Body && Some(pc.col) == tt;
            if numbered && cell.is_empty() {
                counter += 1;
                paras = vec![Para::new(role, vec![Run::plain(counter.to_string())])];
            } else if numbered {
                counter = cell.plain_text().trim().trim_end_matches('.').parse().unwrap_or(counter + 1);
            }
            if paras.is_empty() {
                paras.push(Para::new(role, Vec::new()));
            }
            let align = match (kind, t.columns.get(pc.col).and_then(|c| c.align)) {
                (RowKind::Header, _) => Align::Center,
                (_, Some(CellAlign::Center)) => Align::Center,
                (_, Some(CellAlign::Justify)) => Align::Justify,
                (_, Some(CellAlign::Left)) => Align::Left,
                (_, None) if numbered || Some(pc.col) == tt => Align::Center,
                (_, None) => Align::Left,
            };
            rows[start + pc.row].cells.push(CellDoc {
                col: pc.col,
                colspan: pc.colspan,
                rowspan: pc.rowspan,
                paras,
                align,
            });
        }
    };
    add(&t.header, RowKind::Header, &mut rows);
    if t.column_numbers != crate::model::ColumnNumbers::None {
        rows.push(RowDoc {
            kind: RowKind::ColumnNumbers,
            cells: (0..ncols)
                .map(|c| {
                    let label = t.column_numbers.label(c);
                    let runs = if label.is_empty() { Vec::new() } else { vec![Run::plain(label)] };
                    CellDoc {
                        col: c,
                        colspan: 1,
                        rowspan: 1,
                        paras: vec![Para::new(Role::TableColumnNumber, runs)],
                        align: Align::Center,
                    }
                })
                .collect(),
        });
    }
    let header_rows = rows.len();
    add(&t.rows, RowKind::Body, &mut rows);
    TableDoc { columns: t.columns.iter().map(|c| c.width).collect(), size, header_rows, rows }
}
