//! Readable dumps of the files vanban writes (feature `golden`), for
//! reviewing what changed between two outputs (issue 17): read from the
//! files themselves, so a golden file from last year can be dumped too.
//!
//! - **PDF**: per page its number and size, then one line per drawn text
//!   run — position of its baseline start in mm from the page's top-left
//!   corner (rounded to 0.1), font, size and text — and the rules, boxes and
//!   images with their rectangles; then the signature fields.
//! - **DOCX**: a summary line per paragraph (style, alignment, indents,
//!   spacing, runs with bold/italic) and per table row, then each XML part
//!   (`document.xml`, headers, footers, `styles.xml`, `settings.xml`,
//!   `numbering.xml`) pretty-printed: one element per line, attributes in
//!   name order.
//!
//! The same file always gives the same dump, on every platform.
//!
//! ```
//! let plan = vanban::Plan::from_toml(include_str!("../fixtures/sample_000_b9e7d6f373767c93.toml"))?;
//! let dump = vanban::dump::pdf(&plan.to_pdf()?)?;
//! assert!(dump.lines().any(|l| l.contains("LiberationSerif-Bold 14") && l.ends_with("| KẾ HOẠCH")));
//! # Ok::<(), vanban::Error>(())
//! ```

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;
use std::io::Read;

use lopdf::content::Content;
use lopdf::{Dictionary, Document as Pdf, Object, ObjectId};

use crate::Error;

fn pdf_err(e: impl std::fmt::Display) -> Error {
    Error::Pdf(format!("reading the PDF: {e}"))
}

fn num(o: &Object) -> f32 {
    match o {
        Object::Integer(i) => *i as f32,
        Object::Real(r) => *r,
        _ => 0.0,
    }
}

const MM: f32 = 25.4 / 72.0;

/// An affine matrix `[a b c d e f]`.
#[derive(Clone, Copy)]
struct M([f32; 6]);

impl M {
    const ID: M = M([1.0, 0.0, 0.0, 1.0, 0.0, 0.0]);
    fn of(ops: &[Object]) -> M {
        let mut m = [0.0; 6];
        for (i, o) in ops.iter().take(6).enumerate() {
            m[i] = num(o);
        }
        M(m)
    }
    /// `self` then `then` (PDF's row-vector order: self × then).
    fn mul(self, then: M) -> M {
        let (a, b) = (self.0, then.0);
        M([
            a[0] * b[0] + a[1] * b[2],
            a[0] * b[1] + a[1] * b[3],
            a[2] * b[0] + a[3] * b[2],
            a[2] * b[1] + a[3] * b[3],
            a[4] * b[0] + a[5] * b[2] + b[4],
            a[4] * b[1] + a[5] * b[3] + b[5],
        ])
    }
    fn apply(self, x: f32, y: f32) -> (f32, f32) {
        let m = self.0;
        (x * m[0] + y * m[2] + m[4], x * m[1] + y * m[3] + m[5])
    }
}

/// A font's name (subset tag dropped) and its code → text map.
struct FontInfo {
    name: String,
    to_unicode: HashMap<u32, String>,
    two_byte: bool,
}

fn hex_value(s: &str) -> Option<u32> {
    u32::from_str_radix(s.trim_matches(|c| c == '<' || c == '>'), 16).ok()
}

fn hex_text(s: &str) -> String {
    let h = s.trim_matches(|c| c == '<' || c == '>');
    let units: Vec<u16> =
        (0..h.len() / 4).filter_map(|i| u16::from_str_radix(h.get(4 * i..4 * i + 4)?, 16).ok()).collect();
    String::from_utf16_lossy(&units)
}

/// `bfchar` and `bfrange` entries of a ToUnicode CMap.
fn parse_cmap(cmap: &str) -> HashMap<u32, String> {
    let mut map = HashMap::new();
    let tokens: Vec<&str> = cmap.split_whitespace().collect();
    let mut i = 0;
    while i < tokens.len() {
        match tokens[i] {
            "beginbfchar" => {
                i += 1;
                while i + 1 < tokens.len() && tokens[i] != "endbfchar" {
                    if let Some(code) = hex_value(tokens[i]) {
                        map.insert(code, hex_text(tokens[i + 1]));
                    }
                    i += 2;
                }
            }
            "beginbfrange" => {
                i += 1;
                while i + 2 < tokens.len() && tokens[i] != "endbfrange" {
                    if let (Some(lo), Some(hi)) = (hex_value(tokens[i]), hex_value(tokens[i + 1])) {
                        if let Some(start) = tokens[i + 2].strip_prefix('<') {
                            let base = hex_text(start);
                            let mut units: Vec<u16> = base.encode_utf16().collect();
                            for code in lo..=hi.min(lo + 0xFFFF) {
                                map.insert(code, String::from_utf16_lossy(&units));
                                if let Some(last) = units.last_mut() {
                                    *last = last.wrapping_add(1);
                                }
                            }
                            i += 3;
                            continue;
                        }
                    }
                    // an array destination: skip to its end
                    while i < tokens.len() && !tokens[i].ends_with(']') {
                        i += 1;
                    }
                    i += 1;
                }
            }
            _ => {}
        }
        i += 1;
    }
    map
}

fn font_info(doc: &Pdf, dict: &Dictionary) -> FontInfo {
    let name = dict
        .get(b"BaseFont")
        .ok()
        .and_then(|o| o.as_name().ok())
        .map(|n| String::from_utf8_lossy(n).into_owned())
        .unwrap_or_else(|| "?".into());
    let name = match name.split_once('+') {
        Some((tag, rest)) if tag.len() == 6 && tag.chars().all(|c| c.is_ascii_uppercase()) => rest.to_owned(),
        _ => name,
    };
    let two_byte = dict.get(b"Subtype").ok().and_then(|o| o.as_name().ok()) == Some(b"Type0".as_slice());
    let to_unicode = dict
        .get(b"ToUnicode")
        .ok()
        .and_then(|o| o.as_reference().ok())
        .and_then(|r| doc.get_object(r).ok())
        .and_then(|o| o.as_stream().ok())
        .and_then(|s| s.decompressed_content().ok().or_else(|| Some(s.content.clone())))
        .map(|b| parse_cmap(&String::from_utf8_lossy(&b)))
        .unwrap_or_default();
    FontInfo { name, to_unicode, two_byte }
}

fn decode_text(font: &FontInfo, bytes: &[u8]) -> String {
    let mut out = String::new();
    let mut push = |code: u32| match font.to_unicode.get(&code) {
        Some(s) => out.push_str(s),
        None => out.push(char::from_u32(code).filter(|_| !font.two_byte).unwrap_or('\u{FFFD}')),
    };
    if font.two_byte {
        for pair in bytes.chunks(2) {
            push(pair.iter().fold(0, |acc, b| acc << 8 | *b as u32));
        }
    } else {
        for b in bytes {
            push(*b as u32);
        }
    }
    out
}

fn mm(v: f32) -> String {
    let r = (v * MM * 10.0).round() / 10.0;
    // no "-0.0"
    format!("{:.1}", if r == 0.0 { 0.0 } else { r })
}

/// The readable dump of a PDF (see the module's documentation).
pub fn pdf(bytes: &[u8]) -> Result<String, Error> {
    let doc = Pdf::load_mem(bytes).map_err(pdf_err)?;
    let mut out = String::new();
    let mut fonts_by_id: HashMap<ObjectId, FontInfo> = HashMap::new();
    for (number, page_id) in doc.get_pages() {
        let page = doc.get_dictionary(page_id).map_err(pdf_err)?;
        let media: Vec<f32> = page
            .get(b"MediaBox")
            .ok()
            .and_then(|o| doc.dereference(o).ok())
            .and_then(|(_, o)| o.as_array().ok())
            .map(|a| a.iter().map(num).collect())
            .unwrap_or_else(|| vec![0.0, 0.0, 595.0, 842.0]);
        let (w, h) = (media.get(2).copied().unwrap_or(0.0), media.get(3).copied().unwrap_or(0.0));
        let _ = writeln!(out, "page {number}: {} x {} mm", mm(w), mm(h));
        // fonts of the page by resource name
        let mut fonts: BTreeMap<Vec<u8>, ObjectId> = BTreeMap::new();
        let deref = |o: &Object| doc.dereference(o).ok().map(|(_, o)| o.clone());
        let font_dict = page
            .get(b"Resources")
            .ok()
            .and_then(deref)
            .and_then(|r| r.as_dict().ok().and_then(|d| d.get(b"Font").ok()).cloned())
            .and_then(|f| deref(&f));
        if let Some(Object::Dictionary(map)) = font_dict {
            for (name, obj) in map.iter() {
                if let Ok(id) = obj.as_reference() {
                    if let Ok(dict) = doc.get_dictionary(id) {
                        fonts_by_id.entry(id).or_insert_with(|| font_info(&doc, dict));
                        fonts.insert(name.clone(), id);
                    }
                }
            }
        }
        let content = doc.get_page_content(page_id).map_err(pdf_err)?;
        let ops = Content::decode(&content).map_err(pdf_err)?.operations;
        let mut stack: Vec<M> = Vec::new();
        let mut ctm = M::ID;
        let mut tm = M::ID;
        let mut line_start = M::ID;
        let (mut font, mut size) = (None::<ObjectId>, 0.0f32);
        let mut path: Vec<(f32, f32)> = Vec::new();
        let mut rects: Vec<[f32; 4]> = Vec::new();
        // top-left millimetres of a point in user space
        let at = |m: M, x: f32, y: f32| {
            let (px, py) = m.apply(x, y);
            (px, h - py)
        };
        for op in &ops {
            let o = &op.operands;
            match op.operator.as_str() {
                "q" => stack.push(ctm),
                "Q" => ctm = stack.pop().unwrap_or(M::ID),
                "cm" => ctm = M::of(o).mul(ctm),
                "BT" => {
                    tm = M::ID;
                    line_start = M::ID;
                }
                "Tf" => {
                    font = o.first().and_then(|n| n.as_name().ok()).and_then(|n| fonts.get(n).copied());
                    size = o.get(1).map(num).unwrap_or(0.0);
                }
                "Tm" => {
                    tm = M::of(o);
                    line_start = tm;
                }
                "Td" | "TD" => {
                    line_start = M([1.0, 0.0, 0.0, 1.0, num(&o[0]), num(&o[1])]).mul(line_start);
                    tm = line_start;
                }
                "Tj" | "TJ" => {
                    let info = font.and_then(|f| fonts_by_id.get(&f));
                    let mut text = String::new();
                    let mut add = |b: &[u8]| match info {
                        Some(i) => text.push_str(&decode_text(i, b)),
                        None => text.push_str(&String::from_utf8_lossy(b)),
                    };
                    match o.first() {
                        Some(Object::String(b, _)) => add(b),
                        Some(Object::Array(items)) => {
                            for it in items {
                                if let Object::String(b, _) = it {
                                    add(b);
                                }
                            }
                        }
                        _ => {}
                    }
                    let (x, y) = at(tm.mul(ctm), 0.0, 0.0);
                    let name = info.map_or("?", |i| i.name.as_str());
                    let _ = writeln!(out, "  text {} {} {name} {} | {text}", mm(x), mm(y), trim_size(size));
                }
                "m" => path = vec![(num(&o[0]), num(&o[1]))],
                "l" => path.push((num(&o[0]), num(&o[1]))),
                "re" => rects.push([num(&o[0]), num(&o[1]), num(&o[2]), num(&o[3])]),
                "S" | "s" | "f" | "F" | "f*" | "B" | "b" => {
                    for pair in path.windows(2) {
                        let ((x0, y0), (x1, y1)) = (at(ctm, pair[0].0, pair[0].1), at(ctm, pair[1].0, pair[1].1));
                        let _ = writeln!(out, "  rule {} {} -> {} {}", mm(x0), mm(y0), mm(x1), mm(y1));
                    }
                    for r in rects.drain(..) {
                        let (x0, y0) = at(ctm, r[0], r[1]);
                        let (x1, y1) = at(ctm, r[0] + r[2], r[1] + r[3]);
                        let _ = writeln!(
                            out,
                            "  box {} {} {} x {} mm",
                            mm(x0.min(x1)),
                            mm(y0.min(y1)),
                            mm((x1 - x0).abs()),
                            mm((y1 - y0).abs())
                        );
                    }
                    path.clear();
                }
                "n" => {
                    path.clear();
                    rects.clear();
                }
                "Do" => {
                    let (x0, y0) = at(ctm, 0.0, 1.0);
                    let (x1, y1) = at(ctm, 1.0, 0.0);
                    let _ = writeln!(
                        out,
                        "  image {} {} {} x {} mm",
                        mm(x0.min(x1)),
                        mm(y0.min(y1)),
                        mm((x1 - x0).abs()),
                        mm((y1 - y0).abs())
                    );
                }
                _ => {}
            }
        }
        // signature fields and other annotations
        if let Ok(annots) = doc.get_page_annotations(page_id) {
            for a in annots {
                let name = a
                    .get(b"T")
                    .ok()
                    .and_then(|o| o.as_str().ok())
                    .map(|s| String::from_utf8_lossy(s).into_owned())
                    .unwrap_or_default();
                let rect: Vec<f32> =
                    a.get(b"Rect").ok().and_then(|o| o.as_array().ok()).map_or(vec![], |r| r.iter().map(num).collect());
                if rect.len() == 4 {
                    let _ = writeln!(
                        out,
                        "  field {name} {} {} {} x {} mm",
                        mm(rect[0].min(rect[2])),
                        mm(h - rect[1].max(rect[3])),
                        mm((rect[2] - rect[0]).abs()),
                        mm((rect[3] - rect[1]).abs())
                    );
                }
            }
        }
    }
    Ok(out)
}

fn trim_size(s: f32) -> String {
    let r = (s * 10.0).round() / 10.0;
    if r.fract() == 0.0 {
        format!("{}", r as i64)
    } else {
        format!("{r:.1}")
    }
}

/// The parts a DOCX dump shows, in this order (headers and footers in
/// name order after `document.xml`).
const DOCX_PARTS: [&str; 4] = ["word/styles.xml", "word/settings.xml", "word/numbering.xml", "docProps/core.xml"];

/// The readable dump of a DOCX (see the module's documentation).
pub fn docx(bytes: &[u8]) -> Result<String, Error> {
    let err = |e: &dyn std::fmt::Display| Error::Docx(format!("reading the DOCX: {e}"));
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|e| err(&e))?;
    let mut parts: BTreeMap<String, String> = BTreeMap::new();
    for i in 0..z.len() {
        let mut f = z.by_index(i).map_err(|e| err(&e))?;
        let name = f.name().to_owned();
        if !name.ends_with(".xml") {
            continue;
        }
        // a part is at most a few MB; refuse what a zip bomb would inflate to
        let mut s = String::new();
        (&mut f).take(256 << 20).read_to_string(&mut s).map_err(|e| err(&e))?;
        parts.insert(name, s);
    }
    let document = parts.get("word/document.xml").ok_or_else(|| err(&"there is no word/document.xml"))?;
    let mut out = String::new();
    out.push_str("== paragraphs and table rows of word/document.xml\n");
    let xml = roxmltree::Document::parse(document).map_err(|e| err(&e))?;
    summary(xml.root_element(), &mut out);
    let mut order: Vec<&str> = vec!["word/document.xml"];
    order.extend(
        parts.keys().map(String::as_str).filter(|n| n.starts_with("word/header") || n.starts_with("word/footer")),
    );
    order.extend(DOCX_PARTS.iter().copied().filter(|p| parts.contains_key(*p)));
    for name in order {
        let _ = writeln!(out, "== {name}");
        let x = roxmltree::Document::parse(&parts[name]).map_err(|e| err(&e))?;
        pretty(x.root_element(), 0, &mut out);
    }
    Ok(out)
}

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

fn wattr<'a>(n: roxmltree::Node<'a, 'a>, child: &str, attr: &str) -> Option<&'a str> {
    n.children().find(|c| c.has_tag_name((W, child)))?.attribute((W, attr))
}

fn summary(root: roxmltree::Node, out: &mut String) {
    let mut row = 0;
    for n in root.descendants() {
        if n.has_tag_name((W, "tr")) {
            row += 1;
            let cells: Vec<String> = n
                .children()
                .filter(|c| c.has_tag_name((W, "tc")))
                .map(|c| {
                    c.children()
                        .filter(|p| p.has_tag_name((W, "p")))
                        .map(|p| {
                            p.descendants()
                                .filter(|t| t.has_tag_name((W, "t")))
                                .filter_map(|t| t.text())
                                .collect::<String>()
                        })
                        .filter(|t| !t.is_empty())
                        .collect::<Vec<_>>()
                        .join(" / ")
                })
                .collect();
            let _ = writeln!(out, "row {row}: {}", cells.join(" | "));
        }
        if !n.has_tag_name((W, "p")) {
            continue;
        }
        let ppr = n.children().find(|c| c.has_tag_name((W, "pPr")));
        let mut props = Vec::new();
        if let Some(p) = ppr {
            if let Some(s) = wattr(p, "pStyle", "val") {
                props.push(format!("style={s}"));
            }
            if let Some(j) = wattr(p, "jc", "val") {
                props.push(format!("align={j}"));
            }
            for (el, attrs) in [
                ("ind", ["left", "right", "firstLine", "hanging"]),
                ("spacing", ["before", "after", "line", "lineRule"]),
            ] {
                for a in attrs {
                    if let Some(v) = wattr(p, el, a) {
                        props.push(format!("{el}.{a}={v}"));
                    }
                }
            }
            for flag in ["keepNext", "keepLines", "pageBreakBefore", "widowControl"] {
                if p.children().any(|c| c.has_tag_name((W, flag))) {
                    props.push(flag.to_owned());
                }
            }
        }
        let mut runs = String::new();
        for r in n.children().filter(|c| c.has_tag_name((W, "r"))) {
            let rpr = r.children().find(|c| c.has_tag_name((W, "rPr")));
            let on = |name: &str| {
                rpr.is_some_and(|p| {
                    p.children().any(|c| {
                        c.has_tag_name((W, name))
                            && c.attribute((W, "val")) != Some("false")
                            && c.attribute((W, "val")) != Some("0")
                    })
                })
            };
            let text: String = r
                .children()
                .map(|c| {
                    if c.has_tag_name((W, "t")) {
                        c.text().unwrap_or("").to_owned()
                    } else if c.has_tag_name((W, "br")) {
                        "⏎".to_owned()
                    } else if c.has_tag_name((W, "tab")) {
                        "⇥".to_owned()
                    } else {
                        String::new()
                    }
                })
                .collect();
            if text.is_empty() {
                continue;
            }
            let (b, i) = (on("b"), on("i"));
            let _ = write!(
                runs,
                "{}{}{text}{}{}",
                if b { "**" } else { "" },
                if i { "_" } else { "" },
                if i { "_" } else { "" },
                if b { "**" } else { "" }
            );
        }
        let _ = writeln!(out, "¶ [{}] {runs}", props.join(" "));
    }
}

fn pretty(n: roxmltree::Node, depth: usize, out: &mut String) {
    let pad = "  ".repeat(depth);
    let mut attrs: Vec<String> = n
        .attributes()
        .map(|a| {
            let prefix = a.namespace().and_then(|ns| n.lookup_prefix(ns)).map(|p| format!("{p}:")).unwrap_or_default();
            format!("{prefix}{}={:?}", a.name(), a.value())
        })
        .collect();
    attrs.sort();
    let name = match n.tag_name().namespace().and_then(|ns| n.lookup_prefix(ns)) {
        Some(p) => format!("{p}:{}", n.tag_name().name()),
        None => n.tag_name().name().to_owned(),
    };
    let attrs = if attrs.is_empty() { String::new() } else { format!(" {}", attrs.join(" ")) };
    let _ = writeln!(out, "{pad}<{name}{attrs}>");
    for c in n.children() {
        if c.is_element() {
            pretty(c, depth + 1, out);
        } else if let Some(t) = c.text().filter(|t| !t.trim().is_empty() || n.has_tag_name((W, "t"))) {
            let _ = writeln!(out, "{pad}  {t:?}");
        }
    }
}

/// The dump of a file vanban wrote, PDF or DOCX as its first bytes say.
pub fn any(bytes: &[u8]) -> Result<String, Error> {
    if bytes.starts_with(b"%PDF") {
        pdf(bytes)
    } else if bytes.starts_with(b"PK") {
        docx(bytes)
    } else {
        Err(Error::Pdf("neither a PDF (%PDF) nor a DOCX (a zip): nothing to dump".into()))
    }
}
