//! Word drafts in: a DOCX read into the plain-text format, which the
//! plain-text parser then reads — one set of rules for both (issue 15).
//!
//! What is read, in reading order: paragraphs (their text, bold and italic
//! runs as `**…**` / `*…*`, line breaks, Word's automatic numbering turned
//! into the numbers it prints) and tables. The header table (the one with
//! the Quốc hiệu) gives the agency lines — plain lines the parent agency,
//! bold ones the issuing agency — the `Số:` line and the place and date;
//! the signature table (the one with `Nơi nhận:`) gives the recipients,
//! the signer's titles and name. Any other table is written as a text table
//! (`| a | b |`, `<` and `^` for merged cells). Runs in the legacy fonts
//! `.VnTime…` (TCVN3) and `VNI-…` (VNI) are converted to Unicode, with a
//! warning.
//!
//! ```
//! use vanban::{Issuer, Plan, Signer};
//!
//! let plan = Plan::builder()
//!     .issuer(Issuer::new("SỞ NỘI VỤ", "SNV").parent("UBND TỈNH GIA LAI"))
//!     .number(12)
//!     .place("Gia Lai")
//!     .date(2026, 3, 5)
//!     .title("Thực hiện công tác cải cách hành chính năm 2026")
//!     .section("MỤC ĐÍCH, YÊU CẦU", |s| s.item("Nâng cao chất lượng phục vụ người dân."))
//!     .section("TỔ CHỨC THỰC HIỆN", |s| s.bullet("Văn phòng Sở theo dõi, đôn đốc."))
//!     .closing("Trên đây là Kế hoạch cải cách hành chính năm 2026 của Sở Nội vụ./.")
//!     .recipient("UBND tỉnh (b/c)")
//!     .archive(["VP"])
//!     .signer(Signer::new("Lê Minh Tuấn").title("GIÁM ĐỐC"))
//!     .build()?;
//! let back = Plan::from_docx(&plan.to_docx()?)?;
//! assert_eq!(back, plan);
//! # Ok::<(), vanban::Error>(())
//! ```

use std::collections::HashMap;
use std::io::Read;

use roxmltree::{Document as Xml, Node};

use crate::plaintext::{ParseWarning, Parsed};
use crate::{Error, Plan};

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

/// The most a part may inflate to: a real document.xml is a few MB; a zip
/// bomb is refused here instead of filling memory.
const PART_LIMIT: u64 = 64 << 20;

fn bad(message: impl Into<String>) -> Error {
    Error::Docx(message.into())
}

/// A DOCX draft read: the plain text it became, and the plan parsed from it.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Imported {
    /// The plain-text form (with front matter for the agency), for a clerk
    /// to review (`vanban import`).
    pub text: String,
    /// The plan and the warnings of the import and of the parser.
    pub parsed: Parsed,
}

/// Reads a DOCX draft into the plain-text format and parses it.
pub fn docx(bytes: &[u8]) -> Result<Imported, Error> {
    let (text, warnings) = docx_to_text(bytes)?;
    let mut parsed = crate::plaintext::parse(&text)?;
    let mut all: Vec<ParseWarning> = warnings.into_iter().map(|message| ParseWarning { line: 0, message }).collect();
    all.append(&mut parsed.warnings);
    parsed.warnings = all;
    Ok(Imported { text, parsed })
}

fn read_part(z: &mut zip::ZipArchive<std::io::Cursor<&[u8]>>, name: &str) -> Result<Option<String>, Error> {
    let mut f = match z.by_name(name) {
        Ok(f) => f,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => return Err(bad(format!("{name} cannot be read from the DOCX: {e}"))),
    };
    let mut buf = Vec::new();
    (&mut f)
        .take(PART_LIMIT + 1)
        .read_to_end(&mut buf)
        .map_err(|e| bad(format!("{name} cannot be inflated: {e}; the file is damaged")))?;
    if buf.len() as u64 > PART_LIMIT {
        return Err(bad(format!(
            "{name} inflates to more than {} MB: not a document vanban reads (a damaged file or a zip bomb)",
            PART_LIMIT >> 20
        )));
    }
    String::from_utf8(buf).map(Some).map_err(|e| bad(format!("{name} is not UTF-8 XML: {e}")))
}

/// What a paragraph style gives: bold, italic, and Word's numbering
/// (numId, level) — a "List Number" or "List Bullet" style numbers its
/// paragraphs without a `numPr` of their own.
#[derive(Clone, Default)]
struct StyleInfo {
    bold: bool,
    italic: bool,
    numbering: Option<(String, usize)>,
}

/// Style id → what it gives, from `styles.xml` (following `basedOn`).
fn style_info(styles: Option<&str>) -> HashMap<String, StyleInfo> {
    type Own = (Option<String>, Option<bool>, Option<bool>, Option<(String, usize)>);
    let mut out = HashMap::new();
    let Some(xml) = styles.and_then(|s| Xml::parse(s).ok()) else { return out };
    let mut own: HashMap<String, Own> = HashMap::new();
    for s in xml.descendants().filter(|n| n.has_tag_name((W, "style"))) {
        let Some(id) = s.attribute((W, "styleId")) else { continue };
        let based = child(s, "basedOn").and_then(|b| b.attribute((W, "val"))).map(str::to_owned);
        let rpr = child(s, "rPr");
        let flag = |name: &str| rpr.and_then(|r| child(r, name)).map(on);
        let num = child(s, "pPr").and_then(|p| child(p, "numPr")).and_then(|n| {
            let id = child(n, "numId")?.attribute((W, "val"))?.to_owned();
            let ilvl = child(n, "ilvl").and_then(|l| l.attribute((W, "val"))).and_then(|v| v.parse().ok()).unwrap_or(0);
            Some((id, ilvl))
        });
        own.insert(id.to_owned(), (based, flag("b"), flag("i"), num));
    }
    for id in own.keys() {
        let (mut b, mut i, mut n) = (None, None, None);
        let mut cur = Some(id.clone());
        let mut guard = 0;
        while let Some(c) = cur {
            let Some((based, sb, si, sn)) = own.get(&c) else { break };
            b = b.or(*sb);
            i = i.or(*si);
            n = n.or_else(|| sn.clone());
            cur = based.clone();
            guard += 1;
            if guard > 20 {
                break;
            }
        }
        out.insert(id.clone(), StyleInfo { bold: b.unwrap_or(false), italic: i.unwrap_or(false), numbering: n });
    }
    out
}

fn child<'a>(n: Node<'a, 'a>, name: &str) -> Option<Node<'a, 'a>> {
    n.children().find(|c| c.has_tag_name((W, name)))
}

/// `<w:b/>`, `<w:b w:val="true"/>` are on; `w:val="0"`/`"false"` off.
fn on(n: Node) -> bool {
    !matches!(n.attribute((W, "val")), Some("0" | "false" | "off"))
}

/// One numbering level: its format and text pattern.
#[derive(Clone)]
struct Level {
    format: String,
    text: String,
    start: u32,
}

/// numId → levels, from `numbering.xml`.
fn numbering(xml: Option<&str>) -> HashMap<String, Vec<Level>> {
    let mut out = HashMap::new();
    let Some(doc) = xml.and_then(|s| Xml::parse(s).ok()) else { return out };
    let mut abstracts: HashMap<String, Vec<Level>> = HashMap::new();
    for a in doc.descendants().filter(|n| n.has_tag_name((W, "abstractNum"))) {
        let Some(id) = a.attribute((W, "abstractNumId")) else { continue };
        let mut levels = vec![Level { format: "decimal".into(), text: String::new(), start: 1 }; 9];
        for l in a.children().filter(|c| c.has_tag_name((W, "lvl"))) {
            let Some(k) = l.attribute((W, "ilvl")).and_then(|v| v.parse::<usize>().ok()).filter(|k| *k < 9) else {
                continue;
            };
            let val = |name: &str| child(l, name).and_then(|c| c.attribute((W, "val")));
            levels[k] = Level {
                format: val("numFmt").unwrap_or("decimal").to_owned(),
                text: val("lvlText").unwrap_or("").to_owned(),
                start: val("start").and_then(|v| v.parse().ok()).unwrap_or(1),
            };
        }
        abstracts.insert(id.to_owned(), levels);
    }
    for n in doc.descendants().filter(|n| n.has_tag_name((W, "num"))) {
        let (Some(id), Some(a)) =
            (n.attribute((W, "numId")), child(n, "abstractNumId").and_then(|a| a.attribute((W, "val"))))
        else {
            continue;
        };
        if let Some(levels) = abstracts.get(a) {
            out.insert(id.to_owned(), levels.clone());
        }
    }
    out
}

/// Word's `lowerLetter`/`upperLetter` as Word prints them: the English
/// alphabet, then `aa`, `bb` … (not the Vietnamese point letters: a draft
/// shows `e)` after `d)`, and the parser says so when it renumbers).
fn letter(n: u32, upper: bool) -> String {
    let n = n.max(1) - 1;
    let c = char::from(b'a' + (n % 26) as u8);
    let s = c.to_string().repeat(n as usize / 26 + 1);
    if upper {
        s.to_uppercase()
    } else {
        s
    }
}

/// Counters of Word's automatic numbering as the document runs.
#[derive(Default, Clone)]
struct Counters {
    by_num: HashMap<String, [u32; 9]>,
}

impl Counters {
    fn label(&mut self, levels: &[Level], num: &str, ilvl: usize) -> String {
        let counts = self.by_num.entry(num.to_owned()).or_insert([0; 9]);
        let ilvl = ilvl.min(8);
        counts[ilvl] = if counts[ilvl] == 0 { levels[ilvl].start } else { counts[ilvl] + 1 };
        for c in counts.iter_mut().skip(ilvl + 1) {
            *c = 0;
        }
        let mut text = levels[ilvl].text.clone();
        for k in 0..=ilvl {
            let value = counts[k].max(levels[k].start);
            let shown = match levels[k].format.as_str() {
                "upperRoman" => crate::text::roman(value as usize),
                "lowerRoman" => crate::text::roman(value as usize).to_lowercase(),
                "lowerLetter" => letter(value, false),
                "upperLetter" => letter(value, true),
                "bullet" => String::new(),
                _ => value.to_string(),
            };
            text = text.replace(&format!("%{}", k + 1), &shown);
        }
        if levels[ilvl].format == "bullet" {
            // Word's bullet glyphs (Symbol/Wingdings codes) print as a dash here
            return "-".to_owned();
        }
        text
    }
}

/// Which legacy encoding a run's font implies.
fn legacy_font(name: &str) -> Option<crate::legacy::Legacy> {
    let n = name.trim().to_ascii_lowercase();
    if n.starts_with(".vn") {
        Some(crate::legacy::Legacy::Tcvn3)
    } else if n.starts_with("vni-") || n.starts_with("vni ") {
        Some(crate::legacy::Legacy::Vni)
    } else {
        None
    }
}

/// A run's text back to the bytes a legacy font drew (the characters Word
/// shows are Windows-1252's for those bytes), then decoded.
fn legacy_text(s: &str, enc: crate::legacy::Legacy, caps: bool) -> String {
    const CP1252_80: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8D}', 'Ž', '\u{8F}', '\u{90}', '‘',
        '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9D}', 'ž', 'Ÿ',
    ];
    let bytes: Vec<u8> = s
        .chars()
        .map(|c| match CP1252_80.iter().position(|x| *x == c) {
            Some(k) => 0x80 + k as u8,
            None if (c as u32) < 0x100 => c as u32 as u8,
            None => b'?',
        })
        .collect();
    let out = crate::legacy::decode(&bytes, enc);
    if caps {
        out.to_uppercase()
    } else {
        out
    }
}

struct Reader {
    styles: HashMap<String, StyleInfo>,
    numbering: HashMap<String, Vec<Level>>,
    counters: Counters,
    legacy_runs: usize,
    text_boxes: usize,
}

/// A paragraph read: its text with markup, with italic markup only, and
/// plain; and whether all of it is bold.
struct Line {
    text: String,
    italic: String,
    plain: String,
    bold: bool,
}

impl Reader {
    fn paragraph(&mut self, p: Node, markup: bool) -> Line {
        let ppr = child(p, "pPr");
        let style = ppr.and_then(|x| child(x, "pStyle")).and_then(|s| s.attribute((W, "val")));
        let info = style.and_then(|s| self.styles.get(s)).cloned().unwrap_or_default();
        let (style_b, style_i) = (info.bold, info.italic);
        let mut label = String::new();
        // the paragraph's own numbering, else its style's; numId 0 is "none"
        let own = ppr.and_then(|x| child(x, "numPr")).map(|num| {
            let id = child(num, "numId").and_then(|n| n.attribute((W, "val")));
            let ilvl = child(num, "ilvl").and_then(|n| n.attribute((W, "val"))).and_then(|v| v.parse().ok());
            (id.map(str::to_owned), ilvl)
        });
        let (id, ilvl) = match (own, info.numbering) {
            (Some((Some(id), ilvl)), style) => (Some(id), ilvl.or(style.map(|s| s.1)).unwrap_or(0)),
            (Some((None, Some(ilvl))), Some((id, _))) => (Some(id), ilvl),
            (_, Some((id, ilvl))) => (Some(id), ilvl),
            _ => (None, 0),
        };
        if let Some(id) = id.filter(|id| id != "0") {
            if let Some(levels) = self.numbering.get(&id).cloned() {
                label = self.counters.label(&levels, &id, ilvl);
            }
        }
        let mut text = String::new();
        let mut italic = String::new();
        let mut plain = String::new();
        let mut all_bold = true;
        let mut any = false;
        // a text box's paragraphs hang inside a run of this one (twice: the
        // drawing and its VML fallback); they are not this paragraph's text
        let in_box = |n: &Node| n.ancestors().take_while(|a| a != &p).any(|a| a.has_tag_name((W, "txbxContent")));
        self.text_boxes += p
            .descendants()
            .filter(|n| {
                n.has_tag_name((W, "txbxContent"))
                    && !n.ancestors().any(|a| a.tag_name().name() == "Fallback")
                    && !n.ancestors().skip(1).any(|a| a.has_tag_name((W, "txbxContent")))
            })
            .count();
        for r in p.descendants().filter(|n| n.has_tag_name((W, "r")) && !in_box(n)) {
            let rpr = child(r, "rPr");
            let flag = |name: &str, base: bool| rpr.and_then(|x| child(x, name)).map_or(base, on);
            let (b, i) = (flag("b", style_b), flag("i", style_i));
            let font = rpr
                .and_then(|x| child(x, "rFonts"))
                .and_then(|f| f.attribute((W, "ascii")).or(f.attribute((W, "hAnsi"))));
            let legacy = font.and_then(legacy_font);
            let caps = font.is_some_and(|f| f.trim().to_ascii_lowercase().ends_with('h'))
                || rpr.and_then(|x| child(x, "caps")).is_some_and(on);
            let mut t = String::new();
            for c in r.children() {
                if c.has_tag_name((W, "t")) {
                    t.push_str(c.text().unwrap_or(""));
                } else if c.has_tag_name((W, "tab")) || c.has_tag_name((W, "br")) || c.has_tag_name((W, "cr")) {
                    t.push(' ');
                }
            }
            if t.is_empty() {
                continue;
            }
            if let Some(enc) = legacy {
                t = legacy_text(&t, enc, caps && enc == crate::legacy::Legacy::Tcvn3);
                self.legacy_runs += 1;
            } else if caps {
                t = t.to_uppercase();
            }
            any |= !t.trim().is_empty();
            if !t.trim().is_empty() {
                all_bold &= b;
            }
            plain.push_str(&t);
            // emphasis the paragraph's style does not give is markup
            let (mb, mi) = (markup && b && !style_b, markup && i && !style_i);
            let marked = |mb: bool, mi: bool| {
                if (mb || mi) && !t.trim().is_empty() {
                    let lead = &t[..t.len() - t.trim_start().len()];
                    let trail = &t[t.trim_end().len()..];
                    let mark = match (mb, mi) {
                        (true, true) => "***",
                        (true, false) => "**",
                        _ => "*",
                    };
                    format!("{lead}{mark}{}{mark}{trail}", t.trim())
                } else {
                    t.clone()
                }
            };
            text.push_str(&marked(mb, mi));
            italic.push_str(&marked(false, mi));
        }
        let join = |l: &str, t: &str| if l.is_empty() { t.to_owned() } else { format!("{l} {}", t.trim_start()) };
        Line {
            text: join(&label, &text),
            italic: join(&label, &italic),
            plain: join(&label, &plain),
            bold: any && all_bold,
        }
    }

    fn cell_lines(&mut self, cell: Node) -> Vec<Line> {
        cell.children()
            .filter(|c| c.has_tag_name((W, "p")))
            .map(|p| self.paragraph(p, false))
            .filter(|l| !l.plain.trim().is_empty())
            .collect()
    }

    /// A table's cells by row: (column index, cell).
    fn grid<'a>(t: Node<'a, 'a>) -> Vec<Vec<(usize, Node<'a, 'a>)>> {
        t.children()
            .filter(|r| r.has_tag_name((W, "tr")))
            .map(|r| {
                let mut col = 0;
                r.children()
                    .filter(|c| c.has_tag_name((W, "tc")))
                    .map(|c| {
                        let at = col;
                        let span = child(c, "tcPr")
                            .and_then(|p| child(p, "gridSpan"))
                            .and_then(|g| g.attribute((W, "val")))
                            .and_then(|v| v.parse::<usize>().ok())
                            .unwrap_or(1);
                        col += span.max(1);
                        (at, c)
                    })
                    .collect()
            })
            .collect()
    }

    /// The lines of column `k` of a two-column layout table.
    fn column(&mut self, t: Node, k: usize) -> Vec<Line> {
        let mut out = Vec::new();
        for row in Self::grid(t) {
            for (col, cell) in row {
                let col = col.min(1);
                if col == k {
                    out.extend(self.cell_lines(cell));
                }
            }
        }
        out
    }

    /// A data table as text-format rows.
    fn data_table(&mut self, t: Node, out: &mut Vec<String>) {
        let rows = Self::grid(t);
        let header_rows = t
            .children()
            .filter(|r| r.has_tag_name((W, "tr")))
            .take_while(|r| child(*r, "trPr").and_then(|p| child(p, "tblHeader")).is_some())
            .count();
        for (k, row) in rows.iter().enumerate() {
            let mut cells = Vec::new();
            for (_, cell) in row {
                let pr = child(*cell, "tcPr");
                let merged = pr
                    .and_then(|p| child(p, "vMerge"))
                    .is_some_and(|v| v.attribute((W, "val")).is_none_or(|v| v == "continue"));
                let span = pr
                    .and_then(|p| child(p, "gridSpan"))
                    .and_then(|g| g.attribute((W, "val")))
                    .and_then(|v| v.parse::<usize>().ok())
                    .unwrap_or(1);
                let text = if merged {
                    "^".to_owned()
                } else {
                    let lines: Vec<String> =
                        self.cell_lines(*cell).into_iter().map(|l| l.text.replace('|', "\\|")).collect();
                    lines.join(" <br> ")
                };
                cells.push(text);
                for _ in 1..span {
                    cells.push("<".to_owned());
                }
            }
            // empty cells at the end of a row are the padding of a short
            // row, as a clerk writes it (`| I | GIAI ĐOẠN 1 |`)
            let width = cells.len();
            while cells.len() > 1 && cells.last().is_some_and(|c| c.is_empty()) {
                cells.pop();
            }
            if cells.len() > 1 && cells[1..].iter().all(|c| c == "<") {
                // a row across the table (a group heading): one cell, as a
                // clerk writes it
                out.push(format!("| {} |", cells[0]));
            } else {
                out.push(format!("| {} |", cells.join(" | ")));
            }
            if header_rows > 0 && k + 1 == header_rows {
                out.push(format!("|{}", "---|".repeat(width)));
            }
        }
    }
}

/// A layout table of two columns (not a data table with one row of two).
fn is_two_columns(t: Node) -> bool {
    let rows = Reader::grid(t);
    rows.len() <= 3 && rows.iter().all(|r| r.len() == 2)
}

fn is_header_table<'a>(mut lines: impl Iterator<Item = &'a Line>) -> bool {
    lines.any(|l| {
        l.plain.to_uppercase().contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA")
            || l.plain.to_uppercase().contains("CỘNG HOÀ XÃ HỘI CHỦ NGHĨA")
            || is_party_name(&l.plain)
    })
}

/// A Party document's right header (Hướng dẫn 05-HD/VPTW).
fn is_party_name(s: &str) -> bool {
    s.trim().to_uppercase() == crate::style::party::PARTY_NAME
}

fn toml_string(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\"").replace('\n', "\\n"))
}

/// The DOCX as the plain-text format, and what the import noticed.
pub fn docx_to_text(bytes: &[u8]) -> Result<(String, Vec<String>), Error> {
    if !bytes.starts_with(b"PK") {
        return Err(bad(
            "not a DOCX file: a DOCX is a zip archive (it starts with \"PK\"); save the draft from Word as .docx",
        ));
    }
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|e| bad(format!("not a readable DOCX (zip) file: {e}")))?;
    let document = read_part(&mut z, "word/document.xml")?
        .ok_or_else(|| bad("the zip has no word/document.xml: it is not a Word document"))?;
    let styles = read_part(&mut z, "word/styles.xml")?;
    let numbering_xml = read_part(&mut z, "word/numbering.xml")?;
    let xml = Xml::parse(&document).map_err(|e| bad(format!("word/document.xml is not well-formed XML: {e}")))?;
    let body = xml
        .root_element()
        .children()
        .find(|c| c.has_tag_name((W, "body")))
        .ok_or_else(|| bad("word/document.xml has no w:body"))?;
    let mut r = Reader {
        styles: style_info(styles.as_deref()),
        numbering: numbering(numbering_xml.as_deref()),
        counters: Counters::default(),
        legacy_runs: 0,
        text_boxes: 0,
    };
    let mut warnings = Vec::new();
    let (mut parent, mut agency): (Vec<String>, Vec<String>) = (Vec::new(), Vec::new());
    let mut lines: Vec<String> = Vec::new();
    let mut seen_header = false;
    let mut body_from = usize::MAX;
    for node in blocks(body) {
        if node.has_tag_name((W, "p")) {
            let l = r.paragraph(node, true);
            if !l.plain.trim().is_empty() {
                // a heading or the title the clerk set in bold by hand: the
                // format gives them their bold; markup would make it the
                // clerk's emphasis
                let after_type = lines.last().is_some_and(|p| is_upper(p) && p.split_whitespace().count() <= 4);
                let t = if l.bold && (is_heading(&l.plain) || after_type) { &l.italic } else { &l.text };
                let t = plain_article_label(t.trim());
                // a Word paragraph is a paragraph: one the text form would
                // join to the one above (a lowercase start after no full
                // stop) is marked as its own
                use crate::plaintext::structure::{classify, ends_sentence, Kind};
                let paragraph = |s: &str| matches!(classify(s), Kind::Paragraph(_));
                let joins = lines.len() > body_from
                    && lines.last().is_some_and(|p| paragraph(p) && !ends_sentence(p))
                    && paragraph(&t)
                    && t.chars().next().is_some_and(char::is_lowercase);
                if after_type && body_from == usize::MAX {
                    // the title is this line; the body starts after it
                    body_from = lines.len() + 1;
                }
                lines.push(if joins { format!("\\{t}") } else { t });
            }
        } else if node.has_tag_name((W, "tbl")) {
            // reading the columns counts Word's numbering in the cells: a data
            // table is read again from the same counts
            let counts = r.counters.clone();
            let (left, right) = (r.column(node, 0), r.column(node, 1));
            let any_header = is_header_table(right.iter().chain(left.iter()));
            let header = any_header && !seen_header;
            // the signer block: Nơi nhận on the left, or (an attached plan's)
            // nothing on the left and the titles and name on the right
            let closing = left.first().is_some_and(|l| l.plain.trim_start().starts_with("Nơi nhận"))
                || (left.is_empty() && right.len() >= 2 && is_two_columns(node));
            if any_header && seen_header {
                // an attached plan's own header: the text form derives it
                continue;
            }
            if header {
                seen_header = true;
                // a Party header: `*` under the body, the trích yếu of a
                // công văn under the number, in lines the cell wrapped
                let party = right.iter().any(|l| is_party_name(&l.plain));
                let mut rest: Vec<String> = Vec::new();
                for l in &left {
                    let t = l.plain.trim();
                    if party && t == crate::style::party::STAR {
                        continue;
                    }
                    if party && rest.len() >= 2 {
                        if let Some(last) = rest.last_mut() {
                            last.push(' ');
                            last.push_str(t);
                            continue;
                        }
                    }
                    if t.starts_with("Số") || t.starts_with("V/v") {
                        rest.push(t.to_owned());
                    } else if let Some(last) = rest.last_mut().filter(|l| l.starts_with("V/v")) {
                        // the subject wrapped in its cell
                        last.push(' ');
                        last.push_str(t);
                    } else if !rest.is_empty() {
                        rest.push(t.to_owned());
                    } else if l.bold {
                        agency.push(t.to_owned());
                    } else if agency.is_empty() {
                        parent.push(t.to_owned());
                    } else {
                        agency.push(t.to_owned());
                    }
                }
                // no line in bold: the last is the agency, the ones above its parent
                if agency.is_empty() && !parent.is_empty() {
                    agency.push(parent.pop().unwrap_or_default());
                }
                lines.extend(rest);
                for l in &right {
                    let u = l.plain.to_uppercase();
                    if u.contains("CỘNG HÒA XÃ HỘI") || u.contains("CỘNG HOÀ XÃ HỘI") || l.plain.contains("Độc lập")
                    {
                        continue;
                    }
                    lines.push(l.plain.trim().to_owned());
                }
            } else if closing {
                lines.extend(left.iter().map(|l| l.plain.trim().to_owned()));
                lines.extend(signer_lines(right.iter().map(|l| l.plain.trim())));
            } else {
                r.counters = counts;
                r.data_table(node, &mut lines);
            }
        }
    }
    if !seen_header {
        warnings.push("no header table with the Quốc hiệu was found: the agency is not known; add it to the front matter ([issuer] name, parent)".to_owned());
    }
    if r.text_boxes > 0 {
        warnings.push(format!(
            "{} text box(es) were left out: a plan's text belongs in its paragraphs and tables; copy anything the boxes held into the text",
            r.text_boxes
        ));
    }
    if r.legacy_runs > 0 {
        warnings.push(format!(
            "{} run(s) in the legacy fonts .VnTime (TCVN3) or VNI-Times (VNI) were converted to Unicode; check their Vietnamese letters",
            r.legacy_runs
        ));
    }
    let marks = take_marks(&mut lines);
    let contact = first_page_footer(&mut z, &xml, &mut r)?;
    let mut text = String::new();
    if !agency.is_empty() || !parent.is_empty() || !marks.is_empty() || contact.is_some() {
        text.push_str("+++\n");
        if let Some(c) = &contact {
            text.push_str(&format!("contact = {}\n", toml_string(c)));
        }
        if !marks.is_empty() {
            text.push_str("[marks]\n");
            for (key, value) in &marks {
                text.push_str(&format!("{key} = {value}\n"));
            }
        }
    }
    if !agency.is_empty() || !parent.is_empty() {
        text.push_str("[issuer]\n");
        if !parent.is_empty() {
            text.push_str(&format!("parent = {}\n", toml_string(&parent.join("\n"))));
        }
        // the lines as the draft prints them: a line break in the name is
        // where the agency breaks it
        text.push_str(&format!("name = {}\n", toml_string(&agency.join("\n"))));
    }
    if text.starts_with("+++") {
        text.push_str("+++\n");
    }
    // a line per paragraph, a blank line between (the plain-text format)
    for l in lines {
        text.push_str(&l);
        text.push_str("\n\n");
    }
    Ok((text, warnings))
}

/// The paragraphs and tables of the body in reading order, inside content
/// controls (`w:sdt`, which Word templates wrap fields in) and custom XML
/// too.
fn blocks<'a>(body: Node<'a, 'a>) -> Vec<Node<'a, 'a>> {
    let mut out = Vec::new();
    let mut stack: Vec<Node> = body.children().filter(|n| n.is_element()).collect();
    stack.reverse();
    while let Some(n) = stack.pop() {
        if n.has_tag_name((W, "p")) || n.has_tag_name((W, "tbl")) {
            out.push(n);
        } else if n.has_tag_name((W, "sdt")) || n.has_tag_name((W, "sdtContent")) || n.has_tag_name((W, "customXml")) {
            let mut inner: Vec<Node> = n.children().filter(|c| c.is_element()).collect();
            inner.reverse();
            stack.extend(inner);
        }
    }
    out
}

/// No lowercase letter, and at least one letter.
fn is_upper(t: &str) -> bool {
    t.chars().any(char::is_alphabetic) && !t.chars().any(char::is_lowercase)
}

/// A line the format reads as a heading: in capitals, or opened by a
/// numbering label (`I.`, `1.`, `1.1.`, `a)`, `A.`).
fn is_heading(t: &str) -> bool {
    let t = t.trim();
    if is_upper(t) {
        return true;
    }
    let label = t.split_whitespace().next().unwrap_or("");
    let core = label.trim_end_matches(['.', ')', '/']);
    label.len() > core.len()
        && !core.is_empty()
        && (core.split('.').all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
            || core.bytes().all(|b| b"IVXLC".contains(&b))
            || core.chars().count() == 1 && core.chars().all(char::is_alphabetic))
}

/// `**Điều 1.** Ban hành …` → `Điều 1. Ban hành …`: a decision's article
/// label is bold by its style, not by the clerk's emphasis.
fn plain_article_label(t: &str) -> String {
    if let Some(rest) = t.strip_prefix("**Điều ") {
        if let Some(end) = rest.find("**") {
            let label = &rest[..end];
            let number = label.trim_end_matches(['.', ':']).trim();
            if !number.is_empty() && number.chars().all(|c| c.is_ascii_digit()) {
                return format!("Điều {label}{}", &rest[end + 2..]);
            }
        }
    }
    t.to_owned()
}

/// The signer's lines as the text format wants them. A title vanban broke
/// over two lines of its cell (`GIÁM ĐỐC SỞ THÔNG TIN` / `VÀ TRUYỀN
/// THÔNG`) is one title again: lines are joined when breaking the joined
/// title to the signature column gives exactly those lines, and the line
/// neither opens with an authority nor follows a `KT.`/`TL.`/`TUQ.`/`Q.`
/// line (whose next line is the signer's own position). Any other line is
/// a title of its own (`TRƯỞNG BAN` / `PHÓ THỦ TƯỚNG` are two); either way
/// the lines print as they were.
fn signer_lines<'s>(right: impl Iterator<Item = &'s str>) -> Vec<String> {
    let all: Vec<&str> = right.filter(|l| !l.is_empty()).collect();
    let Some((name, titles)) = all.split_last() else { return Vec::new() };
    let fonts = crate::fonts::FontSet::bundled();
    let margins = crate::model::Margins::default();
    // each title with the lines it was read from
    let mut out: Vec<(String, Vec<&str>)> = Vec::new();
    // KT., TL., TUQ. and Q. name the office signed for; the line after them
    // is the signer's own position, never their continuation
    let names_office = |t: &str| {
        ["KT.", "TL.", "TUQ.", "Q.", "K/T.", "T/L.", "T/UQ.", "K/T ", "T/L "].iter().any(|a| t.starts_with(a))
    };
    let authority = |t: &str| names_office(t) || t.starts_with("TM.") || t.starts_with("T/M");
    for l in titles {
        if let Some((title, lines)) = out.last_mut().filter(|(t, _)| !names_office(t) && !authority(l)) {
            let joined = format!("{title} {l}");
            let broken = crate::geometry::signer_title_lines(fonts, &joined, &margins);
            if broken.len() == lines.len() + 1 && broken.iter().zip(lines.iter().chain([l])).all(|(a, b)| a == b) {
                *title = joined;
                lines.push(l);
                continue;
            }
        }
        out.push(((*l).to_owned(), vec![*l]));
    }
    out.into_iter().map(|(t, _)| t).chain([(*name).to_owned()]).collect()
}

/// Lines that are marks (§2.8: urgency, confidentiality, circulation, the
/// draft label) before the body's first heading, taken out for the front
/// matter as `key = value` pairs.
fn take_marks(lines: &mut Vec<String>) -> Vec<(&'static str, String)> {
    let mut marks = Vec::new();
    let mut end = lines
        .iter()
        .position(|l| l.starts_with("Kính gửi") || l.starts_with("Nơi nhận"))
        .unwrap_or(lines.len())
        .min(12);
    let mut k = 0;
    while k < end {
        let l = lines[k].trim().to_owned();
        let mark: Option<(&'static str, String)> = match l.as_str() {
            "KHẨN" => Some(("urgency", "\"khan\"".into())),
            "THƯỢNG KHẨN" => Some(("urgency", "\"thuong-khan\"".into())),
            "HỎA TỐC" | "HOẢ TỐC" => Some(("urgency", "\"hoa-toc\"".into())),
            "MẬT" => Some(("confidentiality", "\"mat\"".into())),
            "TỐI MẬT" => Some(("confidentiality", "\"toi-mat\"".into())),
            "TUYỆT MẬT" => Some(("confidentiality", "\"tuyet-mat\"".into())),
            "LƯU HÀNH NỘI BỘ" => Some(("circulation", "\"luu-hanh-noi-bo\"".into())),
            "DỰ THẢO" => Some(("draft", "{}".into())),
            _ => l
                .strip_prefix("DỰ THẢO LẦN ")
                .and_then(|n| n.trim().parse::<u32>().ok())
                .map(|n| ("draft", format!("{{ revision = {n} }}"))),
        };
        match mark {
            Some(m) if !marks.iter().any(|(key, _)| *key == m.0) => {
                marks.push(m);
                lines.remove(k);
                end -= 1;
            }
            _ => k += 1,
        }
    }
    marks
}

/// The text of the footer Word shows on page 1 only (`w:titlePg` and a
/// footer of type `first`): a công văn's contact lines (ô 13).
fn first_page_footer(
    z: &mut zip::ZipArchive<std::io::Cursor<&[u8]>>,
    document: &Xml,
    r: &mut Reader,
) -> Result<Option<String>, Error> {
    const R: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    let Some(id) = document
        .descendants()
        .filter(|n| n.has_tag_name((W, "footerReference")) && n.attribute((W, "type")) == Some("first"))
        .find_map(|n| n.attribute((R, "id")))
    else {
        return Ok(None);
    };
    let Some(rels) = read_part(z, "word/_rels/document.xml.rels")? else { return Ok(None) };
    let Ok(rels) = Xml::parse(&rels) else { return Ok(None) };
    let Some(target) = rels.descendants().find(|n| n.attribute("Id") == Some(id)).and_then(|n| n.attribute("Target"))
    else {
        return Ok(None);
    };
    let name = format!("word/{}", target.trim_start_matches('/').trim_start_matches("word/"));
    let Some(footer) = read_part(z, &name)? else { return Ok(None) };
    let footer = Xml::parse(&footer).map_err(|e| bad(format!("{name} is not well-formed XML: {e}")))?;
    let lines: Vec<String> = footer
        .descendants()
        .filter(|n| n.has_tag_name((W, "p")))
        .map(|p| r.paragraph(p, false).plain.trim().to_owned())
        .filter(|t| !t.is_empty() && !t.chars().all(|c| c.is_ascii_digit()))
        .collect();
    Ok((!lines.is_empty()).then(|| lines.join("\n")))
}

impl Plan {
    /// Reads a Word draft (DOCX): see [`crate::import`]. The import's and the
    /// parser's warnings are dropped; use [`crate::import::docx`] to see them
    /// and the text the draft became.
    pub fn from_docx(bytes: &[u8]) -> Result<Plan, Error> {
        docx(bytes).map(|i| i.parsed.plan)
    }
}

#[cfg(test)]
mod tests {
    use super::letter;

    #[test]
    fn word_letters() {
        let got: Vec<String> = [1, 4, 5, 26, 27, 28].iter().map(|n| letter(*n, false)).collect();
        assert_eq!(got, ["a", "d", "e", "z", "aa", "bb"]);
        assert_eq!(letter(2, true), "B");
    }
}
