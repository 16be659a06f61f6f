//! Tables: the task table of a plan (who does what, by when) and any other
//! table, usable wherever a paragraph can stand.
//!
//! The model is HTML's: a row lists the cells that start in it; a cell
//! spanning columns (`colspan`) or rows (`rowspan`) covers the positions to
//! its right or below, which the rows there leave out. Validation checks that
//! every row fills the columns exactly.

use serde::{Deserialize, Serialize};

use crate::text::Text;

/// A table: columns, header rows (repeated on every page the table runs
/// on), an optional column-number row and body rows.
///
/// In TOML:
///
/// ```toml
/// [[sections.blocks]]
/// kind = "table"
/// columns = [1, 6, 3, { mm = 30 }]   # shares of the text width, or millimetres
/// header = [["TT", "Nội dung", "Cơ quan chủ trì", "Thời gian"]]
/// column_numbers = true              # the row (1) (2) (3) (4) under the header
/// size = 12                          # points; 13 by default, 11 at least
/// rows = [
///   { group = "I. NHIỆM VỤ CHUNG" },  # one cell across the whole row
///   ["", "Rà soát văn bản", "Sở Tư pháp", "Quý I/2026"],   # empty TT: numbered
///   [{ text = "", rowspan = 2 }, "Tuyên truyền", { text = "Sở VHTTDL", colspan = 2 }],
/// ]
/// ```
///
/// ```
/// use vanban::{Table, Cell};
/// let t = Table::new([1.0, 6.0, 3.0])
///     .header(["TT", "Nội dung", "Chủ trì"])
///     .column_numbers()
///     .group("I. NHIỆM VỤ CHUNG")
///     .row(["", "Rà soát văn bản", "Sở Tư pháp"])
///     .row([Cell::from(""), Cell::from("Tuyên truyền"), Cell::from("Sở VHTTDL")]);
/// assert_eq!(t.rows.len(), 3);
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Table {
    /// The columns, left to right.
    pub columns: Vec<Column>,
    /// Header rows, printed bold and centred and repeated at the top of
    /// every page the table continues on.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub header: Vec<Row>,
    /// The column-number row `(1)`, `(2)` … under the header, as agencies
    /// print it under task tables.
    #[serde(default, skip_serializing_if = "ColumnNumbers::is_none")]
    pub column_numbers: ColumnNumbers,
    /// Body rows.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rows: Vec<Row>,
    /// Font size of the table's text in points: 13 by default, 12 is usual
    /// in task tables, less than 11 is refused.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub size: Option<f32>,
}

impl Table {
    /// A table with these column widths, as shares of the text width.
    pub fn new(shares: impl IntoIterator<Item = f32>) -> Table {
        Table { columns: shares.into_iter().map(Column::share).collect(), ..Table::default() }
    }
    /// Adds a header row.
    pub fn header<I, C>(mut self, cells: I) -> Table
    where
        I: IntoIterator<Item = C>,
        C: Into<Cell>,
    {
        self.header.push(Row::cells(cells));
        self
    }
    /// Prints the column-number row `(1) (2) …` under the header.
    pub fn column_numbers(mut self) -> Table {
        self.column_numbers = ColumnNumbers::All;
        self
    }
    /// Adds a body row.
    pub fn row<I, C>(mut self, cells: I) -> Table
    where
        I: IntoIterator<Item = C>,
        C: Into<Cell>,
    {
        self.rows.push(Row::cells(cells));
        self
    }
    /// Adds a group row: one cell across the table (`I. NHIỆM VỤ CHUNG`).
    pub fn group(mut self, title: impl Into<Text>) -> Table {
        self.rows.push(Row::Group(title.into()));
        self
    }
    /// Sets the font size of the table's text, in points.
    pub fn size(mut self, pt: f32) -> Table {
        self.size = Some(pt);
        self
    }

    /// The index of the `TT` (thứ tự) column: the first column whose header
    /// cell reads `TT` or `STT`. Its empty body cells are numbered 1, 2 …
    ///
    /// ```
    /// let t = vanban::Table::new([1.0, 5.0]).header(["STT", "Nội dung"]);
    /// assert_eq!(t.number_column(), Some(0));
    /// ```
    pub fn number_column(&self) -> Option<usize> {
        let first = self.header.first()?;
        let Row::Cells(cells) = first else { return None };
        let mut col = 0;
        for c in cells {
            let t = c.plain_text();
            let t = t.trim().trim_end_matches('.');
            if t.eq_ignore_ascii_case("TT") || t.eq_ignore_ascii_case("STT") {
                return Some(col);
            }
            col += c.colspan.max(1) as usize;
        }
        None
    }
}

/// The column-number row under a table's header.
///
/// In serde: `true` (every column), `"skip-first"` (the `TT` column left
/// blank, the rest numbered from `(1)`), or `false`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "NumbersRepr", into = "NumbersRepr")]
pub enum ColumnNumbers {
    /// No column-number row.
    #[default]
    None,
    /// `(1) (2) (3) …` under every column.
    All,
    /// The first column blank, the others `(1) (2) …`.
    SkipFirst,
}

impl ColumnNumbers {
    fn is_none(&self) -> bool {
        *self == ColumnNumbers::None
    }
    /// The label of column `col` (0-based): `(1)` …, or empty.
    ///
    /// ```
    /// use vanban::ColumnNumbers;
    /// assert_eq!(ColumnNumbers::SkipFirst.label(0), "");
    /// assert_eq!(ColumnNumbers::SkipFirst.label(1), "(1)");
    /// assert_eq!(ColumnNumbers::All.label(1), "(2)");
    /// ```
    pub fn label(self, col: usize) -> String {
        match self {
            ColumnNumbers::None => String::new(),
            ColumnNumbers::All => format!("({})", col + 1),
            ColumnNumbers::SkipFirst if col == 0 => String::new(),
            ColumnNumbers::SkipFirst => format!("({col})"),
        }
    }
}

#[derive(Serialize, Deserialize)]
#[serde(untagged)]
enum NumbersRepr {
    Bool(bool),
    Named(NumbersName),
}

#[derive(Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
enum NumbersName {
    SkipFirst,
}

impl From<NumbersRepr> for ColumnNumbers {
    fn from(r: NumbersRepr) -> ColumnNumbers {
        match r {
            NumbersRepr::Bool(false) => ColumnNumbers::None,
            NumbersRepr::Bool(true) => ColumnNumbers::All,
            NumbersRepr::Named(NumbersName::SkipFirst) => ColumnNumbers::SkipFirst,
        }
    }
}

impl From<ColumnNumbers> for NumbersRepr {
    fn from(c: ColumnNumbers) -> NumbersRepr {
        match c {
            ColumnNumbers::None => NumbersRepr::Bool(false),
            ColumnNumbers::All => NumbersRepr::Bool(true),
            ColumnNumbers::SkipFirst => NumbersRepr::Named(NumbersName::SkipFirst),
        }
    }
}

/// A column's width and the alignment of its body cells.
///
/// In serde a bare number is a share (`3`), `{ mm = 30 }` a fixed width;
/// `align = "center"` centres the body cells.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(from = "ColumnRepr", into = "ColumnRepr")]
pub struct Column {
    /// The width.
    pub width: ColumnWidth,
    /// Alignment of the body cells; `None`: left for text, centred for the
    /// `TT` column.
    pub align: Option<CellAlign>,
}

impl Column {
    /// A column taking `share` parts of the width left by fixed columns.
    pub fn share(share: f32) -> Column {
        Column { width: ColumnWidth::Share(share), align: None }
    }
    /// A column of a fixed width in millimetres.
    pub fn mm(mm: f32) -> Column {
        Column { width: ColumnWidth::Mm(mm), align: None }
    }
    /// Sets the alignment of the body cells.
    pub fn align(mut self, a: CellAlign) -> Column {
        self.align = Some(a);
        self
    }
}

/// How wide a column is.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum ColumnWidth {
    /// A share of the width left after the fixed columns.
    Share(f32),
    /// Millimetres.
    Mm(f32),
}

/// Alignment of a cell's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum CellAlign {
    /// Flush left.
    Left,
    /// Centred.
    Center,
    /// Justified.
    Justify,
}

#[derive(Serialize, Deserialize)]
#[serde(untagged)]
enum ColumnRepr {
    Share(f32),
    Full {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        share: Option<f32>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        mm: Option<f32>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        align: Option<CellAlign>,
    },
}

impl From<ColumnRepr> for Column {
    fn from(r: ColumnRepr) -> Column {
        match r {
            ColumnRepr::Share(s) => Column::share(s),
            ColumnRepr::Full { share, mm, align } => Column {
                // both given: the fixed width wins (validation says so)
                width: match (mm, share) {
                    (Some(mm), _) => ColumnWidth::Mm(mm),
                    (None, s) => ColumnWidth::Share(s.unwrap_or(1.0)),
                },
                align,
            },
        }
    }
}

impl From<Column> for ColumnRepr {
    fn from(c: Column) -> ColumnRepr {
        match (c.width, c.align) {
            (ColumnWidth::Share(s), None) => ColumnRepr::Share(s),
            (ColumnWidth::Share(s), a) => ColumnRepr::Full { share: Some(s), mm: None, align: a },
            (ColumnWidth::Mm(m), a) => ColumnRepr::Full { share: None, mm: Some(m), align: a },
        }
    }
}

/// A row: cells, or a group row whose one cell spans the table.
///
/// In serde a row is an array of cells, `{ cells = […] }`, or
/// `{ group = "I. NHIỆM VỤ CHUNG" }`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "RowRepr", into = "RowRepr")]
pub enum Row {
    /// One cell across the whole table, bold (a group heading such as
    /// `I. NHIỆM VỤ CHUNG`).
    Group(Text),
    /// The cells that start in this row, left to right; positions covered
    /// by a row span from above are left out.
    Cells(Vec<Cell>),
}

impl Row {
    /// A row of cells.
    pub fn cells<I, C>(cells: I) -> Row
    where
        I: IntoIterator<Item = C>,
        C: Into<Cell>,
    {
        Row::Cells(cells.into_iter().map(Into::into).collect())
    }
    /// The row's cells (none for a group row).
    pub fn cell_list(&self) -> &[Cell] {
        match self {
            Row::Cells(cells) => cells,
            Row::Group(_) => &[],
        }
    }
}

#[derive(Serialize, Deserialize)]
#[serde(untagged)]
enum RowRepr {
    List(Vec<Cell>),
    Group { group: Text },
    Cells { cells: Vec<Cell> },
}

impl From<RowRepr> for Row {
    fn from(r: RowRepr) -> Row {
        match r {
            RowRepr::List(cells) | RowRepr::Cells { cells } => Row::Cells(cells),
            RowRepr::Group { group } => Row::Group(group),
        }
    }
}

impl From<Row> for RowRepr {
    fn from(r: Row) -> RowRepr {
        match r {
            Row::Cells(cells) => RowRepr::List(cells),
            Row::Group(group) => RowRepr::Group { group },
        }
    }
}

/// A cell: one or more paragraphs of inline text, and its spans.
///
/// In serde a cell is a string (paragraphs separated by `\n`) or
/// `{ text = "…", colspan = 2, rowspan = 3 }` (or `paragraphs = ["…", "…"]`
/// instead of `text`).
///
/// ```
/// let c = vanban::Cell::from("Sở Nội vụ\nSở Tài chính").colspan(2);
/// assert_eq!(c.paragraphs.len(), 2);
/// assert_eq!(c.colspan, 2);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "CellRepr", into = "CellRepr")]
pub struct Cell {
    /// The paragraphs, top to bottom (none: an empty cell).
    pub paragraphs: Vec<Text>,
    /// Columns the cell spans, at least 1.
    pub colspan: u16,
    /// Rows the cell spans, at least 1.
    pub rowspan: u16,
}

impl Default for Cell {
    fn default() -> Cell {
        Cell { paragraphs: Vec::new(), colspan: 1, rowspan: 1 }
    }
}

impl Cell {
    /// Spans `n` columns.
    pub fn colspan(mut self, n: u16) -> Cell {
        self.colspan = n;
        self
    }
    /// Spans `n` rows.
    pub fn rowspan(mut self, n: u16) -> Cell {
        self.rowspan = n;
        self
    }
    /// True when the cell holds no text.
    pub fn is_empty(&self) -> bool {
        self.paragraphs.iter().all(Text::is_empty)
    }
    /// The paragraphs' text, joined by `\n`, without emphasis.
    pub fn plain_text(&self) -> String {
        self.paragraphs.iter().map(Text::plain_text).collect::<Vec<_>>().join("\n")
    }
    fn markup(&self) -> String {
        self.paragraphs.iter().map(Text::to_markup).collect::<Vec<_>>().join("\n")
    }
}

impl From<&str> for Cell {
    fn from(s: &str) -> Cell {
        let paragraphs = s.split('\n').map(Text::markup).filter(|t| !t.is_empty()).collect();
        Cell { paragraphs, colspan: 1, rowspan: 1 }
    }
}

impl From<String> for Cell {
    fn from(s: String) -> Cell {
        Cell::from(s.as_str())
    }
}

impl From<Text> for Cell {
    fn from(t: Text) -> Cell {
        Cell { paragraphs: if t.is_empty() { Vec::new() } else { vec![t] }, colspan: 1, rowspan: 1 }
    }
}

#[derive(Serialize, Deserialize)]
#[serde(untagged)]
enum CellRepr {
    Text(String),
    Full {
        #[serde(default, skip_serializing_if = "String::is_empty")]
        text: String,
        /// The paragraphs one by one, where a string cannot say them (an
        /// empty paragraph in the list).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        paragraphs: Option<Vec<Text>>,
        #[serde(default = "one", skip_serializing_if = "is_one")]
        colspan: u16,
        #[serde(default = "one", skip_serializing_if = "is_one")]
        rowspan: u16,
    },
}

fn one() -> u16 {
    1
}
fn is_one(n: &u16) -> bool {
    *n == 1
}

impl From<CellRepr> for Cell {
    fn from(r: CellRepr) -> Cell {
        match r {
            CellRepr::Text(s) => Cell::from(s.as_str()),
            CellRepr::Full { text, paragraphs: Some(paragraphs), colspan, rowspan } if text.is_empty() => {
                Cell { paragraphs, colspan, rowspan }
            }
            CellRepr::Full { text, colspan, rowspan, .. } => Cell { colspan, rowspan, ..Cell::from(text.as_str()) },
        }
    }
}

impl From<Cell> for CellRepr {
    fn from(c: Cell) -> CellRepr {
        // a string holds the paragraphs only when none is empty
        if c.paragraphs.iter().any(Text::is_empty) {
            return CellRepr::Full {
                text: String::new(),
                paragraphs: Some(c.paragraphs),
                colspan: c.colspan,
                rowspan: c.rowspan,
            };
        }
        if c.colspan == 1 && c.rowspan == 1 {
            CellRepr::Text(c.markup())
        } else {
            CellRepr::Full { text: c.markup(), paragraphs: None, colspan: c.colspan, rowspan: c.rowspan }
        }
    }
}

/// Where each cell of a table sits: the grid positions every row covers,
/// rows spans included. Used by validation, resolve and both writers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlacedCell {
    /// Row index within its list (header rows and body rows are separate).
    pub row: usize,
    /// First column.
    pub col: usize,
    /// Columns spanned.
    pub colspan: usize,
    /// Rows spanned (clipped to the rows that exist).
    pub rowspan: usize,
    /// Index of the cell in its row's list.
    pub index: usize,
}

/// A problem placing cells on the grid.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GridError {
    /// Row `row` fills `filled` of `columns` positions.
    Ragged {
        /// The row.
        row: usize,
        /// Positions it fills (spans included).
        filled: usize,
        /// The table's columns.
        columns: usize,
    },
    /// A cell runs past the last column or the last row.
    Overflow {
        /// The row.
        row: usize,
        /// The cell's index in the row.
        cell: usize,
    },
}

/// Places the cells of `rows` on a grid of `columns` columns. Group rows
/// take the whole width. Returns every cell's place, or the first problem.
pub fn place_cells(rows: &[Row], columns: usize) -> Result<Vec<PlacedCell>, GridError> {
    let mut out = Vec::new();
    // rows still covered below, per column
    let mut covered = vec![0usize; columns];
    for (r, row) in rows.iter().enumerate() {
        if let Row::Group(_) = row {
            if covered.iter().any(|&c| c > 0) {
                return Err(GridError::Ragged { row: r, filled: columns + 1, columns });
            }
            out.push(PlacedCell { row: r, col: 0, colspan: columns, rowspan: 1, index: 0 });
            continue;
        }
        let mut col = 0;
        for (i, c) in row.cell_list().iter().enumerate() {
            while col < columns && covered[col] > 0 {
                col += 1;
            }
            let span = c.colspan.max(1) as usize;
            if col + span > columns {
                return Err(GridError::Overflow { row: r, cell: i });
            }
            let rowspan = c.rowspan.max(1) as usize;
            if r + rowspan > rows.len() {
                return Err(GridError::Overflow { row: r, cell: i });
            }
            if covered[col..col + span].iter().any(|&x| x > 0) {
                return Err(GridError::Overflow { row: r, cell: i });
            }
            out.push(PlacedCell { row: r, col, colspan: span, rowspan, index: i });
            // decremented below, after the row
            covered[col..col + span].fill(rowspan);
            col += span;
        }
        let filled = (0..columns).filter(|&k| covered[k] > 0).count();
        if filled != columns {
            return Err(GridError::Ragged { row: r, filled, columns });
        }
        for c in covered.iter_mut() {
            *c = c.saturating_sub(1);
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_are_placed() {
        let rows = vec![
            Row::cells([Cell::from("a").rowspan(2), Cell::from("b"), Cell::from("c")]),
            Row::cells([Cell::from("d").colspan(2)]),
            Row::Group(Text::plain("G")),
            Row::cells(["e", "f", "g"]),
        ];
        let p = place_cells(&rows, 3).unwrap();
        assert_eq!(p[0], PlacedCell { row: 0, col: 0, colspan: 1, rowspan: 2, index: 0 });
        assert_eq!(p[3], PlacedCell { row: 1, col: 1, colspan: 2, rowspan: 1, index: 0 });
        assert_eq!(p[4].colspan, 3);
        assert_eq!(p.len(), 8);
    }

    #[test]
    fn ragged_and_overflowing_rows_are_found() {
        let rows = vec![Row::cells(["a", "b"])];
        assert_eq!(place_cells(&rows, 3), Err(GridError::Ragged { row: 0, filled: 2, columns: 3 }));
        let rows = vec![Row::cells([Cell::from("a").colspan(4)])];
        assert_eq!(place_cells(&rows, 3), Err(GridError::Overflow { row: 0, cell: 0 }));
        let rows = vec![Row::cells([Cell::from("a").rowspan(3), Cell::from("b")])];
        assert_eq!(place_cells(&rows, 2), Err(GridError::Overflow { row: 0, cell: 0 }));
    }

    #[test]
    fn serde_shorthands() {
        let t: Table = toml::from_str(
            r#"
            columns = [1, { mm = 30 }, { share = 2, align = "center" }]
            header = [["TT", "A", "B"]]
            rows = [{ group = "I. CHUNG" }, ["", { text = "x", colspan = 2 }]]
            "#,
        )
        .unwrap();
        assert_eq!(t.columns[1].width, ColumnWidth::Mm(30.0));
        assert_eq!(t.columns[2].align, Some(CellAlign::Center));
        assert!(matches!(t.rows[0], Row::Group(_)));
        assert_eq!(t.rows[1].cell_list()[1].colspan, 2);
        assert_eq!(t.number_column(), Some(0));
        let back: Table = toml::from_str(&toml::to_string(&t).unwrap()).unwrap();
        assert_eq!(back.rows[1].cell_list(), t.rows[1].cell_list());
    }
}
