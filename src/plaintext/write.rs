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

use crate::model::{Block, Plan, Section};
use crate::text::{self, Text};

use super::parse::{classify, ends_sentence, parse, Kind};

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

fn blocks(out: &mut Out, list: &[Block]) {
    let (mut items, mut points) = (0u32, 0usize);
    for b in list {
        match b {
            Block::Paragraph(p) => out.free(&p.text),
            Block::Item(it) => {
                items += 1;
                match (&it.title, &it.text) {
                    (Some(t), None) => out.para(format!("{items}. {}", t.to_markup())),
                    (None, Some(t)) => out.para(format!("{items}. {}", t.to_markup())),
                    (Some(t), Some(x)) => {
                        out.para(format!("{items}. {}", t.to_markup()));
                        out.free(x);
                    }
                    (None, None) => out.para(format!("{items}. ")),
                }
                blocks(out, &it.blocks);
            }
            Block::Point(e) => {
                let letter = text::point_letter(points).unwrap_or('y');
                points += 1;
                out.para(format!("{letter}) {}", e.text.to_markup()));
                blocks(out, &e.blocks);
            }
            Block::Bullet(e) => {
                out.para(format!("- {}", e.text.to_markup()));
                blocks(out, &e.blocks);
            }
            Block::Plus(e) => {
                out.para(format!("+ {}", e.text.to_markup()));
                blocks(out, &e.blocks);
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
        blocks(out, &s.blocks);
    }
}

/// The body as a clerk writes it, without front matter.
fn body_text(plan: &Plan, with_body: bool) -> Vec<String> {
    let mut out = Out { lines: Vec::new(), last: None };
    let number = plan.number.map(text::format_number).unwrap_or_default();
    let code = plan.issuer.compact_code();
    out.lines.push(format!("Số: {number}/{}-{code}", plan.doc_type.abbreviation()));
    out.lines.push(String::new());
    out.lines.push(plan.date.line(&plan.place));
    out.lines.push(String::new());
    out.lines.push(plan.doc_type.heading());
    out.lines.push(String::new());
    out.lines.push(plan.title.to_markup());
    out.last = Some(plan.title.to_markup());
    if with_body {
        for p in &plan.preamble {
            out.free(p);
        }
        sections(&mut out, &plan.sections);
        if let Some(c) = &plan.closing {
            out.para(c.to_markup());
        }
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
    if r.archive.is_some() {
        out.lines.push(r.archive_line());
    } else if let Some(d) = r.drafter_mark() {
        out.lines.push(d);
    }
    for t in &plan.signer.titles {
        out.lines.push(String::new());
        out.lines.push(String::from(t.clone()));
    }
    out.lines.push(String::new());
    out.lines.push(plan.signer.name.clone());
    out.lines
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
    let in_text = ["number", "place", "date", "title", "preamble", "sections", "closing", "signer", "recipients"];
    let attempt = |with_body: bool| -> String {
        let mut fm = full.clone();
        for k in in_text {
            if with_body || !matches!(k, "preamble" | "sections" | "closing") {
                fm.remove(k);
            }
        }
        if let Some(toml::Value::Table(issuer)) = fm.get_mut("issuer") {
            issuer.remove("code");
            if issuer.is_empty() {
                fm.remove("issuer");
            }
        }
        if plan.doc_type == crate::model::DocType::KeHoach {
            fm.remove("doc_type");
        }
        let mut s = front_matter(fm);
        s.push_str(&body_text(plan, with_body).join("\n"));
        s.push('\n');
        s
    };
    let faithful = |s: &str| parse(s).map(|p| p.plan == *plan).unwrap_or(false);
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
