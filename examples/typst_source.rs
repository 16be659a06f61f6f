//! The same plan as a Typst document laid out per Decree 30, for timing
//! vanban against Typst (`scripts/compare.py`): same page, margins, font,
//! sizes, weights, alignment, indents and spacing as vanban's style table,
//! the header and the signature block as two-column grids.
//!
//! ```text
//! cargo run --release --example typst_source -- PLAN.txt > plan.typ
//! ```
//! The document reads `sys.inputs.n` (default 0): it goes into the number
//! and the first body paragraph, so each compile can be a different plan.

use std::process::ExitCode;

use vanban::compose::{Document, Piece};
use vanban::style::{Align, Role};
use vanban::Plan;

/// A Typst string literal.
fn lit(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

fn text(role: Role, s: &str, bold: bool, italic: bool) -> String {
    let st = role.style();
    let s = if st.upper { s.to_uppercase() } else { s.to_owned() };
    format!(
        "#text(size: {}pt, weight: {}, style: {}, {})",
        st.size,
        if st.bold || bold { "\"bold\"" } else { "\"regular\"" },
        if st.italic ^ italic { "\"italic\"" } else { "\"normal\"" },
        lit(&s)
    )
}

fn align(a: Align) -> &'static str {
    match a {
        Align::Left => "left",
        Align::Center => "center",
        Align::Right => "right",
        Align::Justify => "left",
    }
}

fn para(role: Role, runs: &[(String, bool, bool)], extra: &str) -> String {
    let st = role.style();
    let body: String = runs.iter().map(|(t, b, i)| text(role, t, *b, *i)).collect();
    format!(
        "\n#v({}pt)\n#align({})[#par(justify: {}, first-line-indent: (amount: {}mm, all: true))[{body}{extra}]]\n",
        st.space_before,
        align(st.align),
        matches!(st.align, Align::Justify),
        st.first_line_indent_mm
    )
}

fn lines(role: Role, ls: &[String]) -> String {
    ls.iter().map(|l| text(role, l, false, false)).collect::<Vec<_>>().join(" \\ ")
}

fn source(plan: &Plan) -> String {
    let doc = Document::new(plan);
    let m = &plan.margins;
    let mut out = String::new();
    out.push_str("#let n = sys.inputs.at(\"n\", default: \"0\")\n");
    out.push_str(&format!(
        "#set page(paper: \"a4\", margin: (top: {}mm, bottom: {}mm, left: {}mm, right: {}mm), header: context {{ if here().page() > 1 {{ align(center, text(13pt, str(here().page()))) }} }})\n",
        m.top, m.bottom, m.left, m.right
    ));
    out.push_str("#set text(font: \"Liberation Serif\", size: 14pt, lang: \"vi\")\n#set par(leading: 0.6em, spacing: 0pt)\n#set block(spacing: 0pt)\n#set align(top)\n");
    // page 1: agency | Quốc hiệu, number | place and date
    let h = &doc.header;
    // "Số: 46/KH-SVHTTDL": the number comes from sys.inputs
    let symbol = h.number.split_once('/').map_or(String::new(), |(_, s)| format!("/{s}"));
    out.push_str(&format!(
        "#grid(columns: (40%, 60%), align: center, [{} \\ {} #v(3pt) #align(center, line(length: 30%, stroke: 0.5pt)) #v(6pt) #text(13pt, \"Số: \" + n + {})], [{} \\ {} #v(3pt) #align(center, line(length: 60%, stroke: 0.5pt)) #v(6pt) {}])\n",
        lines(Role::ParentAgency, &h.parent),
        lines(Role::Agency, &h.agency),
        lit(&symbol),
        text(Role::QuocHieu, vanban::compose::QUOC_HIEU, false, false),
        text(Role::TieuNgu, vanban::compose::TIEU_NGU, false, false),
        text(Role::PlaceDate, &h.place_date, false, false),
    ));
    out.push_str(&para(Role::DocType, &[(doc.doc_type.clone(), false, false)], ""));
    let title: Vec<(String, bool, bool)> = doc.title.iter().map(|r| (r.text.clone(), r.bold, r.italic)).collect();
    out.push_str(&para(Role::Title, &title, ""));
    out.push_str("#align(center, line(length: 30%, stroke: 0.5pt))\n#v(6pt)\n");
    let mut first = true;
    for piece in &doc.body {
        let Piece::Para(p) = piece else { continue };
        let runs: Vec<(String, bool, bool)> = p.runs.iter().map(|r| (r.text.clone(), r.bold, r.italic)).collect();
        let extra = if first && p.role == Role::Body { " #text(\" (bản \" + n + \")\")" } else { "" };
        first &= !(p.role == Role::Body);
        out.push_str(&para(p.role, &runs, extra));
    }
    let c = &doc.closing;
    out.push_str(&format!(
        "#v(12pt)\n#grid(columns: (50%, 50%), [{} \\ {}], align(center)[{} #v(60pt) {}])\n",
        text(Role::RecipientsLabel, vanban::compose::RECIPIENTS_LABEL, false, false),
        lines(Role::Recipient, &c.recipients),
        lines(Role::SignerTitle, &c.titles),
        text(Role::SignerName, &c.name, false, false),
    ));
    out
}

fn main() -> ExitCode {
    let Some(input) = std::env::args().nth(1) else {
        eprintln!("usage: typst_source PLAN.txt|PLAN.toml|PLAN.json > plan.typ");
        return ExitCode::from(2);
    };
    match vanban::input::load_file(input.as_ref()) {
        Ok(l) => {
            print!("{}", source(&l.plan));
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("typst_source: {input}: {e}");
            ExitCode::FAILURE
        }
    }
}
