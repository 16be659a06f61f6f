//! The writer of the plain-text format: `parse(&plan.to_text())` gives the
//! plan back, for every plan.
//!
//! The body is written the way a clerk writes it. A line that would read as
//! something else (a paragraph starting "- ", a paragraph that would join
//! the one before it) gets a leading `\`. Where the text cannot say what the
//! model holds (a paragraph standing after an item at the section's level,
//! an item with both a title and text, an empty section), the writer checks
//! its own output and, failing the check, puts that part in the front matter
//! instead: the result is always faithful.

use crate::model::{place_cells, Appendix, Block, Form, Part, PartStyle, Plan, Profile, Row, Section, Table};
use crate::text::{self, Text};

use super::parse::parse;
use super::structure::{classify, ends_sentence, Kind};

fn line_for(markup: String, prev: Option<&str>) -> String {
    let forced = !matches!(classify(&markup), Kind::Paragraph(_));
    let would_join = prev.is_some_and(|p| !ends_sentence(p)) && markup.chars().next().is_some_and(|c| c.is_lowercase());
    let closing_like = markup.starts_with("Trên đây");
    let signer_like = markup == "Nơi nhận:" || markup == "Nơi nhận :";
    if forced || would_join || closing_like || signer_like {
        format!("\\{markup}")
    } else {
        markup
    }
}

struct Out {
    lines: Vec<String>,
    last: Option<String>,
}

impl Out {
    fn para(&mut self, s: String) {
        self.lines.push(String::new());
        self.last = Some(s.clone());
        self.lines.push(s);
    }
    fn free(&mut self, t: &Text) {
        let l = line_for(t.to_markup(), self.last.as_deref());
        self.para(l);
    }
}

/// A table as rows `| a | b |`: the header, `|---|` when it has several
/// rows, the column-number row, `<` and `^` for merged cells, ` <br> `
/// between a cell's paragraphs.
fn table(out: &mut Out, t: &Table) {
    let n = t.columns.len();
    // each row as written: a group row's text, or its cells
    let grid_of = |list: &[Row]| -> Vec<Result<String, Vec<String>>> {
        let Ok(placed) = place_cells(list, n) else { return Vec::new() };
        let mut grid: Vec<Vec<String>> = list.iter().map(|_| vec![String::new(); n]).collect();
        for pc in &placed {
            match &list[pc.row] {
                Row::Group(_) => {}
                Row::Cells(cells) => {
                    let c = &cells[pc.index];
                    for (r, line) in grid.iter_mut().enumerate().skip(pc.row).take(pc.rowspan) {
                        let mark = if r > pc.row { "^" } else { "<" };
                        for cell in line.iter_mut().skip(pc.col).take(pc.colspan) {
                            *cell = mark.to_owned();
                        }
                    }
                    grid[pc.row][pc.col] = c.paragraphs.iter().map(Text::to_markup).collect::<Vec<_>>().join(" <br> ");
                }
            }
        }
        list.iter()
            .zip(grid)
            .map(|(row, cells)| match row {
                Row::Group(g) => Ok(g.to_markup()),
                Row::Cells(_) => Err(cells),
            })
            .collect()
    };
    let (header, body) = (grid_of(&t.header), grid_of(&t.rows));
    // A row whose last cells are empty reads back the same written short
    // (`| II.1 | … |`, padded by the parser) or in full, but only rows of
    // every column size the columns: write the form that gives the table's
    // widths back.
    let trimmed = |rows: &[Result<String, Vec<String>>]| -> Vec<Result<String, Vec<String>>> {
        rows.iter()
            .map(|r| match r {
                Err(cells) => {
                    let keep = cells.iter().rposition(|c| !c.is_empty()).map_or(0, |k| k + 1).max(2);
                    Err(cells[..keep.min(cells.len())].to_vec())
                }
                Ok(g) => Ok(g.clone()),
            })
            .collect()
    };
    let widths_of = |h: &[Result<String, Vec<String>>], b: &[Result<String, Vec<String>>]| {
        let rows: Vec<(usize, Vec<String>)> = h
            .iter()
            .chain(b)
            .map(|r| match r {
                Ok(g) => (0, vec![g.clone()]),
                Err(cells) => (0, cells.clone()),
            })
            .collect();
        super::structure::widths(&rows, n)
    };
    let target: Option<Vec<f32>> = t
        .columns
        .iter()
        .map(|c| match c.width {
            crate::model::ColumnWidth::Share(s) => Some(s),
            _ => None,
        })
        .collect();
    let short_body = trimmed(&body);
    let body = match target {
        Some(w) if widths_of(&header, &body) != w && widths_of(&header, &short_body) == w => short_body,
        _ => body,
    };
    let write = |rows: &[Result<String, Vec<String>>], out: &mut Out| {
        for row in rows {
            let line = match row {
                Ok(g) => format!("| {g} |"),
                Err(cells) => {
                    let cells: Vec<String> =
                        cells.iter().map(|c| if c.is_empty() { " ".to_owned() } else { format!(" {c} ") }).collect();
                    format!("|{}|", cells.join("|")).replace("|  |", "| |")
                }
            };
            out.lines.push(line.clone());
            out.last = Some(line);
        }
    };
    out.lines.push(String::new());
    write(&header, out);
    if t.header.len() != 1 {
        out.lines.push(format!("|{}|", vec!["---"; n].join("|")));
    }
    if t.column_numbers != crate::model::ColumnNumbers::None {
        let nums: Vec<String> = (0..n).map(|i| t.column_numbers.label(i)).collect();
        out.lines.push(format!("| {} |", nums.join(" | ")).replace("|  |", "| |"));
    }
    write(&body, out);
}

fn blocks(out: &mut Out, list: &[Block], prefix: &str) {
    let (mut items, mut points) = (0u32, 0usize);
    for b in list {
        match b {
            Block::Paragraph(p) => out.free(&p.text),
            Block::Table(t) => table(out, t),
            Block::Item(it) => {
                items += 1;
                let label = format!("{prefix}{items}.");
                match (&it.title, &it.text) {
                    (Some(t), None) => out.para(format!("{label} {}", t.to_markup())),
                    (None, Some(t)) => out.para(format!("{label} {}", t.to_markup())),
                    (Some(t), Some(x)) => {
                        out.para(format!("{label} {}", t.to_markup()));
                        out.free(x);
                    }
                    (None, None) => out.para(format!("{label} ")),
                }
                // sub-items 1.1. one level down only
                blocks(out, &it.blocks, if prefix.is_empty() { &label } else { "" });
            }
            Block::Point(e) => {
                let letter = text::point_letter(points).unwrap_or('y');
                points += 1;
                out.para(format!("{letter}) {}", e.text.to_markup()));
                blocks(out, &e.blocks, "");
            }
            Block::Bullet(e) => {
                out.para(format!("- {}", e.text.to_markup()));
                blocks(out, &e.blocks, "");
            }
            Block::Plus(e) => {
                out.para(format!("+ {}", e.text.to_markup()));
                blocks(out, &e.blocks, "");
            }
        }
    }
}

fn sections(out: &mut Out, secs: &[Section]) {
    for (i, s) in secs.iter().enumerate() {
        let head = match &s.text {
            Some(t) => format!("{}. {}: {}", text::roman(i + 1), s.title.to_markup(), t.to_markup()),
            None => format!("{}. {}", text::roman(i + 1), s.title.to_markup()),
        };
        out.para(head);
        blocks(out, &s.blocks, "");
    }
}

fn parts(out: &mut Out, parts: &[Part], style: PartStyle) {
    for (i, p) in parts.iter().enumerate() {
        match style {
            PartStyle::Letter => {
                let letter = text::part_letter(i);
                out.para(format!("{letter}. {}", p.title.to_markup()));
            }
            PartStyle::Phan => {
                out.para(format!("Phần {}", text::roman(i + 1)));
                out.para(p.title.to_markup());
            }
        }
        blocks(out, &p.blocks, "");
        sections(out, &p.sections);
    }
}

fn appendices(out: &mut Out, list: &[Appendix]) {
    for (i, a) in list.iter().enumerate() {
        out.para(if list.len() > 1 { format!("PHỤ LỤC {}", text::roman(i + 1)) } else { "PHỤ LỤC".to_owned() });
        out.para(a.title.to_markup());
        if let Some(r) = &a.reference {
            out.para(r.clone());
        }
        out.last = None;
        for p in &a.preamble {
            out.free(p);
        }
        blocks(out, &a.blocks, "");
        sections(out, &a.sections);
    }
}

/// What follows the preamble: free blocks, sections, parts and the closing
/// paragraph.
fn content(out: &mut Out, plan: &Plan) {
    blocks(out, &plan.blocks, "");
    sections(out, &plan.sections);
    parts(out, &plan.parts, plan.part_style);
    if let Some(c) = &plan.closing {
        out.para(c.to_markup());
    }
}

/// The body as a clerk writes it, without front matter.
pub(crate) fn body_text(plan: &Plan, with_body: bool) -> Vec<String> {
    let mut out = Out { lines: Vec::new(), last: None };
    let number = plan.number.map(text::format_number).unwrap_or_default();
    let code = plan.issuer.compact_code();
    let party = plan.profile == Profile::Party;
    if party {
        // HD 05: the left column (when its lines say the issuer), `*`, the
        // number; the right column; the type name, the trích yếu, `-----`
        if let Some(lines) = party_issuer_lines(plan) {
            for l in lines {
                out.lines.push(l);
            }
            out.lines.push(crate::style::party::STAR.to_owned());
            out.lines.push(String::new());
        }
        let ty = if plan.form == Form::CongVan { "CV" } else { plan.doc_type.abbreviation() };
        out.lines.push(format!("Số {number}-{ty}/{code}"));
        out.lines.push(String::new());
        if plan.form == Form::CongVan {
            out.lines.push(plan.title.to_markup());
            out.lines.push(String::new());
        }
        out.lines.push(crate::style::party::PARTY_NAME.to_owned());
        out.lines.push(String::new());
        out.lines.push(plan.date.line(&plan.place));
        if plan.form != Form::CongVan {
            out.lines.push(String::new());
            out.lines.push(plan.type_name.as_deref().map_or_else(|| plan.doc_type.heading(), text::upper));
            out.lines.push(String::new());
            out.lines.push(plan.title.to_markup());
            out.lines.push(String::new());
            out.lines.push(crate::style::party::DASHES.to_owned());
        }
    } else if plan.form == Form::CongVan {
        // Mẫu 1.5: the symbol without a type, the subject under it
        out.lines.push(format!("Số: {number}/{code}"));
        out.lines.push(String::new());
        out.lines.push(format!("V/v {}", plan.title.to_markup()));
        out.lines.push(String::new());
        out.lines.push(plan.date.line(&plan.place));
    } else {
        out.lines.push(format!("Số: {number}/{}-{code}", plan.doc_type.abbreviation()));
        out.lines.push(String::new());
        out.lines.push(plan.date.line(&plan.place));
        out.lines.push(String::new());
        out.lines.push(plan.doc_type.heading());
        out.lines.push(String::new());
        out.lines.push(plan.title.to_markup());
    }
    match plan.addressees.as_slice() {
        [] => {}
        [one] => {
            out.lines.push(String::new());
            out.lines.push(format!("Kính gửi: {one}"));
        }
        many => {
            out.lines.push(String::new());
            out.lines.push("Kính gửi:".to_owned());
            for (i, a) in many.iter().enumerate() {
                out.lines.push(format!("- {a}{}", if i + 1 == many.len() { "." } else { ";" }));
            }
        }
    }
    out.last = Some(plan.title.to_markup());
    let decision = plan.form == Form::Decision;
    if with_body && decision {
        // Mẫu 1.2 / 1.3: the authority, the căn cứ, QUYẾT ĐỊNH: and the articles
        if let Some(a) = &plan.authority {
            out.para(a.clone());
        }
        for p in &plan.preamble {
            out.free(p);
        }
        out.para(crate::compose::RESOLVE.to_owned());
        for (i, a) in plan.articles.iter().enumerate() {
            out.para(format!("Điều {}. {}", i + 1, a.text.to_markup()));
            blocks(&mut out, &a.blocks, "");
        }
        content(&mut out, plan);
    } else if with_body {
        for p in &plan.preamble {
            out.free(p);
        }
        content(&mut out, plan);
    }
    let r = &plan.recipients;
    out.lines.push(String::new());
    out.lines.push("Nơi nhận:".to_owned());
    for t in &r.to {
        out.lines.push(format!("- {};", t.label()));
    }
    // the printed line; where it differs from the model (VT repeated,
    // lower-case initials) the faithfulness check moves recipients to the
    // front matter
    if party {
        if r.archive.is_some() {
            out.lines.push(r.party_archive_line());
        }
    } else if r.archive.is_some() {
        out.lines.push(r.archive_line());
    } else if let Some(d) = r.drafter_mark() {
        out.lines.push(d);
    }
    for t in &plan.signer.titles {
        out.lines.push(String::new());
        // as typed: a Party line `T/M …` is its title, a `TM. …` its marker
        out.lines.push(String::from(t.clone()));
    }
    out.lines.push(String::new());
    out.lines.push(plan.signer.name.clone());
    for l in &plan.signer.below_name {
        out.lines.push(l.clone());
    }
    if with_body {
        appendices(&mut out, &plan.appendices);
    }
    // the document the decision issues, after its signer (Mẫu 1.3)
    if let Some(a) = plan.attached.as_deref().filter(|_| with_body && decision) {
        out.para(a.doc_type.heading());
        out.para(a.title.to_markup());
        out.para(plan.issued_with.clone().unwrap_or_else(|| crate::compose::issued_with_line(plan)));
        out.last = None;
        for p in &a.preamble {
            out.free(p);
        }
        content(&mut out, a);
        for t in &a.signer.titles {
            out.para(String::from(t.clone()));
        }
        if !a.signer.name.is_empty() {
            out.para(a.signer.name.clone());
        }
        for l in &a.signer.below_name {
            out.lines.push(l.clone());
        }
        appendices(&mut out, &a.appendices);
    }
    out.lines
}

/// A Party document's header lines, when the parser reads them back as
/// the same issuer: the superior body on one line, then the issuing body's
/// lines; a body without a superior on one line.
fn party_issuer_lines(plan: &Plan) -> Option<Vec<String>> {
    let i = &plan.issuer;
    let name: Vec<String> = i.name.split('\n').map(str::to_owned).collect();
    let upper = |s: &str| !s.trim().is_empty() && s == text::upper(s) && s.trim() == s && !s.starts_with("Số");
    match &i.parent {
        Some(p) if !p.contains('\n') && upper(p) && name.iter().all(|l| upper(l)) => {
            Some(std::iter::once(p.clone()).chain(name).collect())
        }
        None if name.len() == 1 && upper(&name[0]) => Some(name),
        _ => None,
    }
}

fn front_matter(t: toml::Table) -> String {
    if t.is_empty() {
        return String::new();
    }
    format!("+++\n{}+++\n", toml::to_string(&t).unwrap_or_default())
}

/// The plan in the plain-text format; `parse(&plan.to_text())` gives it back.
pub(crate) fn to_text(plan: &Plan) -> String {
    let Ok(toml::Value::Table(full)) = toml::Value::try_from(plan) else { return String::new() };
    // what the text itself says; everything else goes in the front matter
    let head_keys = ["form", "addressees", "number", "place", "date", "title", "signer", "recipients"];
    let body_keys = [
        "preamble",
        "blocks",
        "sections",
        "parts",
        "part_style",
        "closing",
        "appendices",
        "authority",
        "articles",
        "attached",
        "issued_with",
    ];
    let in_text = head_keys.iter().chain(&body_keys).copied();
    let attempt = |with_body: bool| -> String {
        let mut fm = full.clone();
        for k in in_text.clone() {
            if with_body || !body_keys.contains(&k) {
                fm.remove(k);
            }
        }
        if let Some(toml::Value::Table(issuer)) = fm.get_mut("issuer") {
            issuer.remove("code");
            // a Party text says its issuer in its header lines
            if plan.profile == Profile::Party && party_issuer_lines(plan).is_some() {
                issuer.remove("name");
                issuer.remove("parent");
            }
            if issuer.is_empty() {
                fm.remove("issuer");
            }
        }
        if plan.profile == Profile::Party {
            // the header's ĐẢNG CỘNG SẢN VIỆT NAM says it, and the type name
            fm.remove("profile");
            fm.remove("type_name");
        }
        // the Số line and the type name say it, except on a công văn
        if plan.doc_type == crate::model::DocType::KeHoach || plan.form != Form::CongVan {
            fm.remove("doc_type");
        }
        let mut s = front_matter(fm);
        s.push_str(&body_text(plan, with_body).join("\n"));
        s.push('\n');
        s
    };
    // the text says where the signing images are, not their bytes (as TOML
    // and JSON do): what it must give back is the plan with them unloaded
    let mut unloaded = plan.clone();
    for img in [&mut unloaded.signing.signature, &mut unloaded.signing.seal].into_iter().flatten() {
        img.bytes = None;
    }
    let faithful = |s: &str| parse(s).map(|p| p.plan == unloaded).unwrap_or(false);
    let text = attempt(true);
    if faithful(&text) {
        return text;
    }
    let text = attempt(false);
    if faithful(&text) {
        return text;
    }
    // the whole plan in the front matter: always faithful
    front_matter(full)
}
