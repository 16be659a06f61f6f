//! The body's structure read from the text: every numbering ladder agencies
//! use, inferred from the lines as written, and tables written as rows.
//!
//! Levels, from the top: parts (`A.` or `Phần I`), sections (`I.`), items
//! (`1.`), sub-items (`1.1.`), points (`a)`, also `a.` and `a/.`), dash and
//! plus bullets. A plan may start at any of them: a plan whose first
//! numbered line is `1.` keeps its items outside any section, and never
//! turns them into preamble.

use crate::model::{Block, Cell, ColumnNumbers, Item, ListEntry, Paragraph, Part, PartStyle, Row, Section, Table};
use crate::text::{self, Text};

use super::parse::ParseWarning;

/// What a body line is.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Kind {
    /// `A. MỤC ĐÍCH` or `Phần I` (`rest` may be empty: the title follows).
    Part {
        label: String,
        phan: bool,
        rest: String,
    },
    Section {
        numeral: String,
        rest: String,
    },
    Item {
        number: u32,
        rest: String,
    },
    /// `3.1.` (or `3.1` without the final period: `dot` false).
    SubItem {
        parent: u32,
        number: u32,
        rest: String,
        dot: bool,
    },
    /// `a)`; `slip` holds the form written when it was `a.` or `a/.`.
    Point {
        letter: char,
        rest: String,
        slip: Option<String>,
    },
    Bullet(String),
    Plus(String),
    /// A table row: `| a | b |` or tab-separated cells.
    Row(Vec<String>),
    Paragraph(String),
}

pub(crate) fn roman_value(s: &str) -> Option<usize> {
    if s.is_empty() || !s.chars().all(|c| "IVXLC".contains(c)) {
        return None;
    }
    (1..=200).find(|&n| text::roman(n) == s)
}

/// True when a line starts with the escape `\` (not the markup escapes
/// `\\` and `\*`): it is a plain paragraph, whatever follows.
pub(crate) fn escaped(line: &str) -> bool {
    line.strip_prefix('\\').is_some_and(|r| !r.is_empty() && !r.starts_with(['\\', '*']))
}

pub(crate) fn is_upper_line(s: &str) -> bool {
    let letters: Vec<char> = s.chars().filter(|c| c.is_alphabetic()).collect();
    !letters.is_empty() && letters.iter().all(|c| !c.is_lowercase())
}

/// Classifies a body line. An escaped line is a paragraph.
pub(crate) fn classify(line: &str) -> Kind {
    if escaped(line) {
        return Kind::Paragraph(line[1..].to_owned());
    }
    classify_raw(line)
}

fn digits(s: &str) -> Option<u32> {
    (!s.is_empty() && s.len() <= 3 && s.bytes().all(|b| b.is_ascii_digit())).then(|| s.parse().ok()).flatten()
}

/// `Phần I`, `PHẦN II.`, `Phần thứ nhất` is not read (rare).
fn phan(line: &str) -> Option<(String, String)> {
    let rest = line.strip_prefix("Phần ").or_else(|| line.strip_prefix("PHẦN "))?;
    let (num, tail) = match rest.find([' ', '.', ':']) {
        Some(k) => (&rest[..k], &rest[k..]),
        None => (rest, ""),
    };
    roman_value(num)?;
    // "Phần I của Kế hoạch …" is a sentence: a part's line is the label
    // alone, or the label, a mark and its title in capitals
    let marked = tail.trim_start().starts_with(['.', ':', '-', '–']);
    let tail = tail.trim_start_matches(['.', ':', ' ', '-', '–']).trim();
    (tail.is_empty() || marked || is_upper_line(tail)).then(|| (num.to_owned(), tail.to_owned()))
}

fn classify_raw(line: &str) -> Kind {
    if let Some(cells) = table_row(line) {
        return Kind::Row(cells);
    }
    if let Some((num, rest)) = phan(line) {
        return Kind::Part { label: num, phan: true, rest };
    }
    if let Some((head, rest)) = line.split_once(' ') {
        let rest_t = rest.trim().to_owned();
        if let Some(h) = head.strip_suffix('.') {
            // I. HEADING; a one-letter numeral other than I (C., D., L.,
            // V., X.) only before a heading in capitals: "C. Mác" is a name
            if roman_value(h).is_some() && (h.len() > 1 || h == "I" || is_upper_line(rest)) {
                return Kind::Section { numeral: h.to_owned(), rest: rest_t };
            }
            // A. PART (a capital letter, a heading in capitals)
            let mut cs = h.chars();
            if let (Some(c), None) = (cs.next(), cs.next()) {
                if c.is_uppercase() && is_upper_line(rest) && !rest_t.is_empty() {
                    return Kind::Part { label: c.to_string(), phan: false, rest: rest_t };
                }
            }
            if let Some(n) = digits(h) {
                return Kind::Item { number: n, rest: rest_t };
            }
            // 3.1.
            if let Some((a, b)) = h.split_once('.') {
                if let (Some(a), Some(b)) = (digits(a), digits(b)) {
                    return Kind::SubItem { parent: a, number: b, rest: rest_t, dot: true };
                }
            }
        } else if let Some((a, b)) = head.split_once('.') {
            // 6.2 without its final period, before a capital ("1.500 người"
            // and "30.4 tỷ" are numbers)
            let capital = rest_t.chars().next().is_some_and(char::is_uppercase);
            if let (Some(a), Some(n)) = (digits(a), digits(b).filter(|_| b.len() <= 2)) {
                if capital {
                    return Kind::SubItem { parent: a, number: n, rest: rest_t, dot: false };
                }
            }
        }
    }
    // a) / a. / a/. / - a)
    let point = |s: &str| -> Option<(char, String, Option<String>)> {
        let mut it = s.chars();
        let c = it.next()?;
        if !text::POINT_LETTERS.contains(&c) {
            return None;
        }
        let after = it.as_str();
        for (mark, slip) in [(") ", false), ("/. ", true), (". ", true), ("/ ", true)] {
            if let Some(rest) = after.strip_prefix(mark) {
                let slip = slip.then(|| format!("{c}{}", mark.trim_end()));
                return Some((c, rest.trim().to_owned(), slip));
            }
        }
        None
    };
    if let Some((c, rest, slip)) = point(line) {
        return Kind::Point { letter: c, rest, slip };
    }
    for dash in ["- ", "– ", "• "] {
        if let Some(rest) = line.strip_prefix(dash) {
            let rest = rest.trim_start();
            if let Some((c, r, None)) = point(rest) {
                return Kind::Point { letter: c, rest: r, slip: None };
            }
            return Kind::Bullet(rest.to_owned());
        }
    }
    if let Some(rest) = line.strip_prefix("+ ") {
        return Kind::Plus(rest.trim_start().to_owned());
    }
    Kind::Paragraph(line.to_owned())
}

/// A table row: `| a | b |` (the outer bars optional on one side), or two
/// or more tab-separated cells.
pub(crate) fn table_row(line: &str) -> Option<Vec<String>> {
    let t = line.trim();
    if t.starts_with('|') && t.len() > 1 && t.ends_with('|') {
        let inner = &t[1..t.len() - 1];
        return Some(inner.split('|').map(|c| text::fold_whitespace(c.trim())).collect());
    }
    // tab-separated: three cells at least (one tab is a clerk's spacing,
    // "- Thời gian:\t7h30")
    if t.contains('\t') {
        let cells: Vec<String> = t.split('\t').map(|c| text::fold_whitespace(c.trim())).collect();
        if cells.len() >= 3 {
            return Some(cells);
        }
    }
    None
}

/// A Markdown separator row `|---|:--:|`.
fn separator(cells: &[String]) -> bool {
    !cells.is_empty()
        && cells.iter().all(|c| !c.is_empty() && c.chars().all(|ch| matches!(ch, '-' | ':' | ' ')) && c.contains('-'))
}

/// The column-number row `(1) (2) (3)`, or `| | (1) | (2) |` with the TT
/// column blank.
fn column_numbers(cells: &[String]) -> ColumnNumbers {
    for style in [ColumnNumbers::All, ColumnNumbers::SkipFirst] {
        if cells.len() >= 2 && cells.iter().enumerate().all(|(i, c)| *c == style.label(i)) {
            return style;
        }
    }
    ColumnNumbers::None
}

/// True when a paragraph's text ends a sentence (or a list entry).
pub(crate) fn ends_sentence(s: &str) -> bool {
    let s = s.trim_end().trim_end_matches(['*']);
    s.ends_with(['.', ';', ':', '!', '?', '…'])
        || s.ends_with(['"', '”', ')', '»', '’']) && {
            let inner = s.trim_end_matches(['"', '”', ')', '»', '’']);
            inner.ends_with(['.', ';', ':', '!', '?', '…'])
        }
}

/// A titled item: a short line without final punctuation.
const TITLE_MAX_CHARS: usize = 120;

pub(crate) fn is_title(rest: &str) -> bool {
    let plain = rest.trim_end_matches('*');
    !plain.ends_with(['.', ';', ':', ',', '!', '?', '…']) && rest.chars().count() <= TITLE_MAX_CHARS
}

/// What a run of body paragraphs holds, level by level.
#[derive(Debug, Default)]
pub(crate) struct Structure {
    pub preamble: Vec<Text>,
    pub blocks: Vec<Block>,
    pub sections: Vec<Section>,
    pub parts: Vec<Part>,
    pub part_style: Option<PartStyle>,
}

/// A block and its depth below its container; the tree is assembled at the end.
struct Node {
    depth: usize,
    block: Block,
}

fn assemble(nodes: &mut std::iter::Peekable<std::vec::IntoIter<Node>>, depth: usize) -> Vec<Block> {
    let mut out = Vec::new();
    while let Some(node) = nodes.next_if(|n| n.depth >= depth) {
        let mut block = node.block;
        let kids = assemble(nodes, node.depth + 1);
        match &mut block {
            Block::Item(it) => it.blocks = kids,
            Block::Point(e) | Block::Bullet(e) | Block::Plus(e) => e.blocks = kids,
            Block::Paragraph(_) | Block::Table(_) => {
                out.push(block);
                out.extend(kids);
                continue;
            }
        }
        out.push(block);
    }
    out
}

/// Where the parser is inside the current container (the plan, a part or a
/// section): the open item and sub-item, point and bullet, if any.
#[derive(Default)]
struct Cursor {
    item: bool,
    item_titled: bool,
    sub: bool,
    sub_titled: bool,
    point: Option<usize>,
    bullet: Option<usize>,
}

/// Depths: points under the open (sub-)item; bullets under the open point,
/// else the (sub-)item; `+` under the open bullet; paragraphs and tables
/// under a titled (sub-)item (its content), else at the container's level.
impl Cursor {
    fn base(&self) -> usize {
        usize::from(self.item) + usize::from(self.sub)
    }
    fn bullet_depth(&self) -> usize {
        self.point.map_or(self.base(), |d| d + 1)
    }
    fn paragraph_depth(&self) -> usize {
        if self.sub && self.sub_titled {
            2
        } else {
            usize::from(self.item && self.item_titled)
        }
    }
}

/// Which container the blocks being read go to.
#[derive(Clone, Copy, PartialEq)]
enum Into_ {
    Top,
    PartBlocks,
    Section,
}

struct Builder<'w> {
    out: Structure,
    nodes: Vec<Node>,
    into: Into_,
    cur: Cursor,
    warnings: &'w mut Vec<ParseWarning>,
    last_numeral: usize,
    last_item: u32,
    last_sub: u32,
    last_letter: Option<char>,
    /// True once a numbered or bulleted line, a part or a section was read:
    /// paragraphs after it are content, not preamble.
    started: bool,
    /// A `Phần I` line without its title: the next paragraph is the title.
    part_needs_title: bool,
}

impl Builder<'_> {
    fn warn(&mut self, line: usize, message: impl Into<String>) {
        self.warnings.push(ParseWarning { line, message: message.into() });
    }

    fn flush(&mut self) {
        let mut it = std::mem::take(&mut self.nodes).into_iter().peekable();
        let blocks = assemble(&mut it, 0);
        if blocks.is_empty() {
            return;
        }
        let target = match self.into {
            Into_::Top => &mut self.out.blocks,
            Into_::PartBlocks => match self.out.parts.last_mut() {
                Some(p) => &mut p.blocks,
                None => &mut self.out.blocks,
            },
            Into_::Section => {
                let secs = match self.out.parts.last_mut() {
                    Some(p) => &mut p.sections,
                    None => &mut self.out.sections,
                };
                match secs.last_mut() {
                    Some(s) => &mut s.blocks,
                    None => &mut self.out.blocks,
                }
            }
        };
        target.extend(blocks);
    }

    fn push(&mut self, depth: usize, block: Block) {
        self.nodes.push(Node { depth, block });
    }

    fn where_(&self) -> String {
        match self.into {
            Into_::Section => {
                let n = match self.out.parts.last() {
                    Some(p) => p.sections.len(),
                    None => self.out.sections.len(),
                };
                format!(" in section {}", text::roman(n))
            }
            Into_::PartBlocks => format!(" in part {}", self.out.parts.len()),
            Into_::Top => String::new(),
        }
    }

    fn line(&mut self, no: usize, t: &str) {
        let mut kind = classify(t);
        // "C." and "D." are Roman numerals too: in a plan lettered by parts,
        // the next part's letter is a part
        if let Kind::Section { numeral, rest } = &kind {
            let next = text::part_letter(self.out.parts.len());
            if self.out.part_style == Some(PartStyle::Letter) && next == *numeral {
                kind = Kind::Part { label: numeral.clone(), phan: false, rest: rest.clone() };
            }
        }
        if self.part_needs_title {
            self.part_needs_title = false;
            if let Kind::Paragraph(x) = &kind {
                if let Some(p) = self.out.parts.last_mut() {
                    p.title = Text::markup(x);
                    return;
                }
            }
            self.warn(no, "\"Phần\" has no title line after it");
        }
        if !self.started {
            match &kind {
                Kind::Paragraph(x) => {
                    self.out.preamble.push(Text::markup(x));
                    return;
                }
                _ => self.started = true,
            }
        }
        match kind {
            Kind::Part { label, phan, rest } => {
                self.flush();
                let style = if phan { PartStyle::Phan } else { PartStyle::Letter };
                match self.out.part_style {
                    Some(s) if s != style => self.warn(
                        no,
                        format!("\"{label}\" mixes part styles (\"A.\" and \"Phần I\"); the first one is used"),
                    ),
                    _ => self.out.part_style = Some(style),
                }
                let n = self.out.parts.len();
                let expected = if phan { text::roman(n + 1) } else { text::part_letter(n) };
                if label != expected {
                    self.warn(
                        no,
                        format!("part \"{label}\" where \"{expected}\" comes next; parts are lettered by position"),
                    );
                }
                if !self.out.blocks.is_empty() || !self.out.sections.is_empty() {
                    self.warn(no, "content before the first part is kept before it, outside any part");
                }
                self.out.parts.push(Part { title: Text::markup(&rest), blocks: Vec::new(), sections: Vec::new() });
                self.part_needs_title = rest.is_empty();
                self.into = Into_::PartBlocks;
                self.cur = Cursor::default();
                self.last_numeral = 0;
                self.last_item = 0;
                self.last_letter = None;
            }
            Kind::Section { numeral, rest } => {
                self.flush();
                let n = roman_value(&numeral).unwrap_or(0);
                if n != self.last_numeral + 1 {
                    let prev = if self.last_numeral == 0 {
                        "the start of the body".to_owned()
                    } else {
                        format!("\"{}.\"", text::roman(self.last_numeral))
                    };
                    self.warn(no, format!("\"{numeral}.\" follows {prev}; sections are numbered by position"));
                }
                self.last_numeral = n;
                self.last_item = 0;
                self.last_letter = None;
                // "III. THỜI GIAN THỰC HIỆN: Từ nay …": heading and text on one line
                let (title, text) = match rest.split_once(": ") {
                    Some((h, tail)) if is_upper_line(h) && !tail.trim().is_empty() => {
                        (h.to_owned(), Some(Text::markup(tail)))
                    }
                    _ => (rest, None),
                };
                let s = Section { title: Text::markup(&title), text, blocks: Vec::new() };
                match self.out.parts.last_mut() {
                    Some(p) => p.sections.push(s),
                    None => self.out.sections.push(s),
                }
                self.into = Into_::Section;
                self.cur = Cursor::default();
            }
            Kind::Item { number, rest } => {
                if number != self.last_item + 1 {
                    let prev =
                        if self.last_item == 0 { "the heading".to_owned() } else { format!("\"{}.\"", self.last_item) };
                    let w = self.where_();
                    self.warn(no, format!("\"{number}.\" follows {prev}{w}; items are numbered by position"));
                }
                self.last_item = number;
                self.last_sub = 0;
                self.last_letter = None;
                let titled = is_title(&rest);
                self.push(0, Block::Item(item(&rest, titled)));
                self.cur = Cursor { item: true, item_titled: titled, ..Cursor::default() };
            }
            Kind::SubItem { parent, number, rest, dot } => {
                if !dot {
                    self.warn(
                        no,
                        format!("\"{parent}.{number}\" has no final period; printed as \"{parent}.{number}.\""),
                    );
                }
                let titled = is_title(&rest);
                if !self.cur.item {
                    self.warn(
                        no,
                        format!("\"{parent}.{number}.\" stands under no item \"{parent}.\"; it is kept as an item"),
                    );
                    self.last_item += 1;
                    self.push(0, Block::Item(item(&rest, titled)));
                    self.cur = Cursor { item: true, item_titled: titled, ..Cursor::default() };
                    return;
                }
                if parent != self.last_item || number != self.last_sub + 1 {
                    let want = format!("{}.{}.", self.last_item, self.last_sub + 1);
                    self.warn(
                        no,
                        format!(
                            "\"{parent}.{number}.\" where \"{want}\" comes next; sub-items are numbered by position"
                        ),
                    );
                }
                self.last_sub = number;
                self.last_letter = None;
                self.push(1, Block::Item(item(&rest, titled)));
                self.cur.sub = true;
                self.cur.sub_titled = titled;
                self.cur.point = None;
                self.cur.bullet = None;
            }
            Kind::Point { letter, rest, slip } => {
                if let Some(written) = slip {
                    self.warn(no, format!("\"{written}\" is written for a point; printed as \"{letter})\" (§2.5)"));
                }
                let expected = match self.last_letter {
                    None => Some('a'),
                    Some(l) => text::POINT_LETTERS.iter().position(|c| *c == l).and_then(|i| text::point_letter(i + 1)),
                };
                if Some(letter) != expected {
                    let want = expected.map_or("no further letter".to_owned(), |c| format!("\"{c})\""));
                    self.warn(no, format!("\"{letter})\" where {want} comes next; points are lettered by position"));
                }
                self.last_letter = Some(letter);
                let depth = self.cur.base();
                self.push(depth, Block::Point(ListEntry { text: Text::markup(&rest), blocks: Vec::new() }));
                self.cur.point = Some(depth);
                self.cur.bullet = None;
            }
            Kind::Bullet(rest) => {
                let depth = self.cur.bullet_depth();
                self.push(depth, Block::Bullet(ListEntry { text: Text::markup(&rest), blocks: Vec::new() }));
                self.cur.bullet = Some(depth);
            }
            Kind::Plus(rest) => match self.cur.bullet {
                Some(d) => self.push(d + 1, Block::Plus(ListEntry { text: Text::markup(&rest), blocks: Vec::new() })),
                None => {
                    self.warn(no, "a \"+\" line without a \"-\" line above it is kept as a \"-\" line");
                    let depth = self.cur.bullet_depth();
                    self.push(depth, Block::Bullet(ListEntry { text: Text::markup(&rest), blocks: Vec::new() }));
                    self.cur.bullet = Some(depth);
                }
            },
            Kind::Paragraph(x) => {
                let depth = self.cur.paragraph_depth();
                self.push(depth, Block::Paragraph(Paragraph { text: Text::markup(&x) }));
                self.cur.point = None;
                self.cur.bullet = None;
            }
            // a lone row is no table: keep the line as written
            Kind::Row(_) => {
                let depth = self.cur.paragraph_depth();
                self.push(depth, Block::Paragraph(Paragraph { text: Text::markup(t) }));
            }
        }
    }

    fn table(&mut self, t: Table) {
        self.started = true;
        let depth = self.cur.paragraph_depth();
        self.push(depth, Block::Table(t));
    }
}

fn item(rest: &str, titled: bool) -> Item {
    if titled {
        Item { title: Some(Text::markup(rest)), text: None, blocks: Vec::new() }
    } else {
        Item { title: None, text: Some(Text::markup(rest)), blocks: Vec::new() }
    }
}

/// Reads the structure of body paragraphs (first line number, text).
pub(crate) fn structure(paras: Vec<(usize, String)>, warnings: &mut Vec<ParseWarning>) -> Structure {
    let mut b = Builder {
        out: Structure::default(),
        nodes: Vec::new(),
        into: Into_::Top,
        cur: Cursor::default(),
        warnings,
        last_numeral: 0,
        last_item: 0,
        last_sub: 0,
        last_letter: None,
        started: false,
        part_needs_title: false,
    };
    let rows: Vec<Option<Vec<String>>> =
        paras.iter().map(|(_, t)| if escaped(t) { None } else { table_row(t) }).collect();
    let mut i = 0;
    while i < paras.len() {
        let (no, t) = &paras[i];
        let run = rows[i..].iter().take_while(|r| r.is_some()).count();
        // rows of a table: two at least (a header and a row)
        if run >= 2 {
            let list: Vec<(usize, Vec<String>)> =
                (i..i + run).map(|k| (paras[k].0, rows[k].clone().unwrap_or_default())).collect();
            let t = table(&list, b.warnings);
            b.table(t);
            i += run;
            continue;
        }
        b.line(*no, t);
        i += 1;
    }
    b.flush();
    b.out
}

/// Builds a table from its rows as written: the header is the rows before
/// a `|---|` line, else the first row; a `(1) (2) …` row after it is the
/// column-number row; `<` merges a cell into its left neighbour, `^` into
/// the cell above; a row of one cell is a group row; ` <br> ` separates
/// paragraphs in a cell. Column widths follow the text they hold.
pub(crate) fn table(rows: &[(usize, Vec<String>)], warnings: &mut Vec<ParseWarning>) -> Table {
    let mut rows: Vec<(usize, Vec<String>)> = rows.to_vec();
    let ncols = rows.iter().map(|r| r.1.len()).filter(|&n| n > 1).max().unwrap_or(1);
    let header_n = match rows.iter().position(|r| separator(&r.1)) {
        Some(k) => {
            rows.remove(k);
            k
        }
        None => 1,
    }
    .min(rows.len());
    let mut numbers = ColumnNumbers::None;
    if let Some(r) = rows.get(header_n).filter(|r| r.1.len() == ncols) {
        numbers = column_numbers(&r.1);
        if numbers != ColumnNumbers::None {
            rows.remove(header_n);
        }
    }
    // grid of owners: (row index, cell index) for every position
    let mut out_rows: Vec<Row> = Vec::with_capacity(rows.len());
    let mut owner: Vec<Vec<Option<(usize, usize)>>> = Vec::with_capacity(rows.len());
    for (r, (no, cells)) in rows.iter().enumerate() {
        let group = cells.len() == 1 && ncols > 1 || cells.len() > 1 && cells[1..].iter().all(|c| c == "<");
        if group {
            out_rows.push(Row::Group(Text::markup(&cells[0])));
            owner.push(vec![None; ncols]);
            continue;
        }
        let mut cells = cells.clone();
        if cells.len() != ncols {
            warnings.push(ParseWarning {
                line: *no,
                message: format!(
                    "the table row has {} cells where the table has {ncols}; empty cells are added at its end",
                    cells.len()
                ),
            });
            cells.resize(ncols, String::new());
        }
        let mut list: Vec<Cell> = Vec::new();
        let mut own = vec![None; ncols];
        for (c, raw) in cells.iter().enumerate() {
            if raw == "^" && r > 0 {
                if let Some(Some((orow, oidx))) = owner.get(r - 1).map(|o| o[c]) {
                    if let Row::Cells(above) = &mut out_rows[orow] {
                        let cell = &mut above[oidx];
                        // extend once per row, however many columns it spans
                        if orow + cell.rowspan as usize == r {
                            cell.rowspan = cell.rowspan.saturating_add(1);
                        }
                    }
                    own[c] = Some((orow, oidx));
                    continue;
                }
            }
            if raw == "<" && c > 0 {
                if let Some((orow, oidx)) = own[c - 1] {
                    if orow == r {
                        list[oidx].colspan = list[oidx].colspan.saturating_add(1);
                    }
                    own[c] = Some((orow, oidx));
                    continue;
                }
            }
            own[c] = Some((r, list.len()));
            list.push(cell_from(raw));
        }
        out_rows.push(Row::Cells(list));
        owner.push(own);
    }
    let body = out_rows.split_off(header_n.min(out_rows.len()));
    let columns = widths(&rows, ncols).into_iter().map(crate::model::Column::share).collect();
    Table { columns, header: out_rows, column_numbers: numbers, rows: body, size: None }
}

fn cell_from(raw: &str) -> Cell {
    let paragraphs =
        raw.split("<br>").map(|p| Text::markup(p.trim())).filter(|t: &Text| !t.is_empty()).collect::<Vec<_>>();
    Cell { paragraphs, colspan: 1, rowspan: 1 }
}

/// Column shares from the text, as a browser sizes an automatic table: a
/// column needs at least its longest word and would like its longest cell
/// on one line; the room of a portrait page (about
/// [`LINE_CHARS`] characters) is shared out in proportion to what each
/// column would like beyond its least. Units are characters.
pub(crate) fn widths(rows: &[(usize, Vec<String>)], ncols: usize) -> Vec<f32> {
    let mut least = vec![3.0f32; ncols];
    let mut most = vec![3.0f32; ncols];
    for (_, cells) in rows {
        if cells.len() != ncols {
            continue;
        }
        for (c, raw) in cells.iter().enumerate() {
            if raw == "<" || raw == "^" || separator(std::slice::from_ref(raw)) {
                continue;
            }
            let plain = raw.replace('*', "");
            for para in plain.split("<br>") {
                let word = para.split_whitespace().map(|w| w.chars().count()).max().unwrap_or(0);
                least[c] = least[c].max(word as f32 + 2.0);
                most[c] = most[c].max(para.trim().chars().count() as f32 + 2.0);
            }
        }
    }
    let (sum_least, sum_most) = (least.iter().sum::<f32>(), most.iter().sum::<f32>());
    if sum_most <= LINE_CHARS {
        return most.iter().map(|m| m.round()).collect();
    }
    let spare = (LINE_CHARS - sum_least).max(0.0);
    let want = (sum_most - sum_least).max(1.0);
    least.iter().zip(&most).map(|(l, m)| (l + spare * (m - l) / want).round().max(1.0)).collect()
}

/// Characters of table text on a line of the portrait text area at the
/// default margins (165 mm of 13 pt text, half an em a character: ≈ 72).
const LINE_CHARS: f32 = {
    let m = crate::style::DEFAULT_MARGINS;
    let width_pt = crate::style::mm_to_pt(crate::style::PAGE_WIDTH_MM - m.left - m.right);
    width_pt / (crate::style::TABLE_SIZE * 0.5)
};

/// `PHỤ LỤC`, `Phụ lục I`, `PHỤ LỤC 02`, `Phụ lục số 1`: the line that opens
/// an appendix after the signature.
pub(crate) fn is_appendix_label(line: &str) -> bool {
    let t = line.trim().trim_end_matches(['.', ':']);
    let Some(rest) = t.strip_prefix("PHỤ LỤC").or_else(|| t.strip_prefix("Phụ lục")) else { return false };
    let rest = rest.trim();
    let rest = rest.strip_prefix("số ").unwrap_or(rest).trim();
    rest.is_empty()
        || roman_value(rest).is_some()
        || rest.len() <= 3 && rest.bytes().all(|b| b.is_ascii_digit())
        || rest.chars().count() == 1 && rest.chars().all(|c| c.is_ascii_uppercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ladders() {
        assert!(matches!(classify("A. MỤC ĐÍCH, YÊU CẦU"), Kind::Part { phan: false, .. }));
        assert!(matches!(classify("Phần II"), Kind::Part { phan: true, .. }));
        assert!(matches!(classify("PHẦN I. NHỮNG KẾT QUẢ"), Kind::Part { phan: true, .. }));
        assert!(matches!(classify("3.1. Đối tượng"), Kind::SubItem { parent: 3, number: 1, dot: true, .. }));
        assert!(matches!(classify("6.2 Đối với"), Kind::SubItem { parent: 6, number: 2, dot: false, .. }));
        assert!(matches!(classify("a/. Tên Công ty:"), Kind::Point { letter: 'a', slip: Some(_), .. }));
        assert!(matches!(classify("b. Kiểm tra"), Kind::Point { letter: 'b', slip: Some(_), .. }));
        assert!(matches!(classify("A. Nguyễn Văn"), Kind::Paragraph(_)));
        assert!(matches!(classify("| 1 | a |"), Kind::Row(_)));
        assert!(is_appendix_label("PHỤ LỤC I"));
        assert!(is_appendix_label("Phụ lục 02"));
        assert!(is_appendix_label("Phụ lục"));
        assert!(!is_appendix_label("Phụ lục kèm theo"));
    }

    #[test]
    fn tables_from_rows() {
        let rows: Vec<(usize, Vec<String>)> = [
            "| TT | Nội dung | Chủ trì | Phối hợp |",
            "|---|---|---|---|",
            "| (1) | (2) | (3) | (4) |",
            "| I. NHIỆM VỤ CHUNG |",
            "| | Rà soát | Sở Tư pháp | < |",
            "| | Tuyên truyền | Sở VHTTDL | Các sở <br> UBND xã |",
            "| | ^ | ^ | Báo Lào Cai |",
        ]
        .iter()
        .enumerate()
        .map(|(i, l)| (i + 1, table_row(l).unwrap()))
        .collect();
        let mut w = Vec::new();
        let t = table(&rows, &mut w);
        assert!(w.is_empty(), "{w:?}");
        assert_eq!(t.column_numbers, ColumnNumbers::All);
        assert_eq!(t.header.len(), 1);
        assert!(matches!(t.rows[0], Row::Group(_)));
        assert_eq!(t.rows[1].cell_list()[2].colspan, 2);
        assert_eq!(t.rows[2].cell_list()[1].rowspan, 2);
        assert_eq!(t.rows[2].cell_list()[3].paragraphs.len(), 2);
        assert_eq!(t.rows[3].cell_list().len(), 2);
        assert!(crate::model::place_cells(&t.rows, 4).is_ok());
        assert_eq!(t.number_column(), Some(0));
    }
}
