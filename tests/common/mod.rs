//! Helpers shared by the integration tests.
#![allow(dead_code)]

pub mod arb;
pub mod legacy;

use std::path::{Path, PathBuf};
use std::process::Command;

use vanban::{Block, Plan, Section};

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The three sample plans: (name, TOML fixture path, plain-text sample path if present).
pub fn samples() -> Vec<(String, PathBuf, PathBuf)> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(root().join("fixtures")).unwrap() {
        let p = e.unwrap().path();
        let name = p.file_name().unwrap().to_string_lossy().to_string();
        if let Some(stem) = name.strip_prefix("sample_").and_then(|n| n.strip_suffix(".toml")) {
            let txt = root().join("fixtures").join("samples").join(format!("{stem}.txt"));
            out.push((stem.to_owned(), p, txt));
        }
    }
    out.sort();
    assert_eq!(out.len(), 3, "three sample fixtures");
    out
}

/// Every TOML fixture: samples and the small forms.
pub fn all_fixtures() -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = samples().into_iter().map(|s| s.1).collect();
    for e in std::fs::read_dir(root().join("fixtures/forms")).unwrap() {
        let p = e.unwrap().path();
        if p.extension().is_some_and(|x| x == "toml") {
            out.push(p);
        }
    }
    out.sort();
    out
}

pub fn load(p: &Path) -> Plan {
    Plan::from_toml(&std::fs::read_to_string(p).unwrap()).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

/// Words of a text, with markup markers removed.
pub fn words(s: &str) -> Vec<String> {
    s.replace("**", "").replace('*', "").split_whitespace().map(str::to_owned).collect()
}

/// Every word of the body the plan holds, in document order (no labels).
pub fn plan_body_words(p: &Plan) -> Vec<String> {
    let mut out = Vec::new();
    for t in &p.preamble {
        out.extend(words(&t.plain_text()));
    }
    fn blocks(list: &[Block], out: &mut Vec<String>) {
        for b in list {
            match b {
                Block::Paragraph(x) => out.extend(words(&x.text.plain_text())),
                Block::Item(i) => {
                    if let Some(t) = &i.title {
                        out.extend(words(&t.plain_text()));
                    }
                    if let Some(t) = &i.text {
                        out.extend(words(&t.plain_text()));
                    }
                    blocks(&i.blocks, out);
                }
                Block::Point(e) | Block::Bullet(e) | Block::Plus(e) => {
                    out.extend(words(&e.text.plain_text()));
                    blocks(&e.blocks, out);
                }
                Block::Table(t) => {
                    for row in t.header.iter().chain(&t.rows) {
                        match row {
                            vanban::Row::Group(g) => out.extend(words(&g.plain_text())),
                            vanban::Row::Cells(cells) => {
                                for c in cells {
                                    out.extend(words(&c.plain_text()));
                                }
                            }
                        }
                    }
                }
            }
        }
    }
    fn sections(list: &[Section], out: &mut Vec<String>) {
        for s in list {
            out.extend(words(&s.title.plain_text()));
            if let Some(t) = &s.text {
                out.extend(words(&t.plain_text()));
            }
            blocks(&s.blocks, out);
        }
    }
    blocks(&p.blocks, &mut out);
    sections(&p.sections, &mut out);
    for part in &p.parts {
        out.extend(words(&part.title.plain_text()));
        blocks(&part.blocks, &mut out);
        sections(&part.sections, &mut out);
    }
    if let Some(c) = &p.closing {
        out.extend(words(&c.plain_text()));
    }
    out
}

/// Every word of a sample's body as issued: the lines between the title and
/// "Nơi nhận:", with numbering labels (I., 1., a), -, +) removed.
pub fn sample_body_words(sample_text: &str) -> Vec<String> {
    let lines: Vec<&str> = sample_text.lines().collect();
    let kh = lines.iter().position(|l| l.trim() == "KẾ HOẠCH").unwrap();
    let mut i = kh + 1;
    while lines[i].trim().is_empty() {
        i += 1;
    }
    while !lines[i].trim().is_empty() {
        i += 1; // title
    }
    let end = lines.iter().position(|l| l.trim() == "Nơi nhận:").unwrap();
    let mut out = Vec::new();
    for l in &lines[i..end] {
        let mut ws = words(l);
        // drop list labels at the start of the line
        while let Some(first) = ws.first() {
            let is_label = first == "-"
                || first == "+"
                || (first.ends_with('.')
                    && first[..first.len() - 1].chars().all(|c| c.is_ascii_digit() || "IVXLC".contains(c))
                    && first.len() > 1)
                || (first.ends_with(')') && first.chars().count() == 2);
            if is_label {
                ws.remove(0);
            } else {
                break;
            }
        }
        out.extend(ws);
    }
    out
}

/// True when `tool` runs; without it a test is skipped locally and fails in
/// CI (`CI` set), where `.ci/run` installs it.
pub fn tool_or_skip(tool: &str, arg: &str) -> bool {
    if std::process::Command::new(tool).arg(arg).output().is_ok() {
        return true;
    }
    if std::env::var_os("CI").is_some() {
        panic!("{tool} is required in CI: .ci/run installs libreoffice-writer-nogui, poppler-utils and qpdf");
    }
    eprintln!("skipped: {tool} not installed");
    false
}

/// A fresh scratch directory for one test.
pub fn scratch(name: &str) -> PathBuf {
    let d =
        std::env::temp_dir().join(format!("vanban-{name}-{}-{:?}", std::process::id(), std::thread::current().id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// Checks that `needles` occur in `haystack` in order (each matching one
/// element, by `same`); the error names the first one missing.
pub fn in_order(haystack: &[String], needles: &[String], same: impl Fn(&str, &str) -> bool) -> Result<(), String> {
    let mut k = 0;
    for h in haystack {
        if k < needles.len() && same(h, &needles[k]) {
            k += 1;
        }
    }
    if k == needles.len() {
        Ok(())
    } else {
        Err(format!("word {k} ({:?}) missing", needles.get(k)))
    }
}

#[derive(Debug, Clone)]
pub struct Word {
    pub page: usize,
    pub x0: f32,
    pub x1: f32,
    pub y0: f32,
    pub y1: f32,
    pub text: String,
}

/// Every word with its box, page by page, from `pdftotext -bbox`.
pub fn pdf_words(pdf: &[u8]) -> Vec<Word> {
    let dir = std::env::temp_dir().join(format!("vanban-pdf-{}-{:?}", std::process::id(), std::thread::current().id()));
    std::fs::create_dir_all(&dir).unwrap();
    let f = dir.join("in.pdf");
    std::fs::write(&f, pdf).unwrap();
    let out = Command::new("pdftotext").arg("-bbox").arg(&f).arg("-").output().unwrap();
    let html = String::from_utf8(out.stdout).unwrap();
    let mut page = 0;
    let mut out = Vec::new();
    for line in html.lines() {
        let l = line.trim();
        if l.starts_with("<page ") {
            page += 1;
        }
        if let Some(rest) = l.strip_prefix("<word ") {
            let num = |k: &str| -> f32 {
                let i = rest.find(&format!("{k}=\"")).unwrap() + k.len() + 2;
                rest[i..].split('"').next().unwrap().parse().unwrap()
            };
            let text = rest.split('>').nth(1).unwrap().split('<').next().unwrap();
            let text = text.replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"");
            out.push(Word { page, x0: num("xMin"), x1: num("xMax"), y0: num("yMin"), y1: num("yMax"), text });
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
    out
}

/// Converts DOCX files to PDF with LibreOffice into `outdir` (a private
/// profile under it, so a running office does not interfere); panics with
/// LibreOffice's message when it fails.
pub fn libreoffice_to_pdf<P: AsRef<Path>>(outdir: &Path, docx: &[P]) {
    std::fs::create_dir_all(outdir).unwrap();
    let out = Command::new("soffice")
        .args(["--headless", "--norestore", "--convert-to", "pdf", "--outdir"])
        .arg(outdir)
        .args(docx.iter().map(|p| p.as_ref()))
        .env("HOME", outdir)
        .output()
        .expect("soffice runs");
    assert!(out.status.success(), "soffice failed: {}", String::from_utf8_lossy(&out.stderr));
}

/// Writes our PDF of each plan as `DIR/NAME.pdf` and LibreOffice's PDF of
/// our DOCX as `DIR/lo/NAME.pdf`, for tests that compare the two.
pub fn both_pdfs<'a>(dir: &Path, plans: impl IntoIterator<Item = (&'a str, &'a Plan)>) {
    let lo = dir.join("lo");
    std::fs::create_dir_all(&lo).unwrap();
    let mut docx = Vec::new();
    for (name, plan) in plans {
        std::fs::write(dir.join(format!("{name}.pdf")), plan.to_pdf().unwrap()).unwrap();
        let d = lo.join(format!("{name}.docx"));
        std::fs::write(&d, plan.to_docx().unwrap()).unwrap();
        docx.push(d);
    }
    libreoffice_to_pdf(&lo, &docx);
}
