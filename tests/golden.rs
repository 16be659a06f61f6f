//! Golden files: the DOCX (and PDF) of each sample plan and of one document
//! of each form (a báo cáo with Kính gửi, a công văn, a quyết định with its
//! attached plan and one that decides directly), byte for
//! byte.
//!
//! When the output changes on purpose, regenerate them with
//! `VANBAN_UPDATE_GOLDEN=1 cargo test --test golden` and review the diff.

mod common;

use std::io::Read;
use std::path::Path;

fn update() -> bool {
    std::env::var_os("VANBAN_UPDATE_GOLDEN").is_some_and(|v| v != "0")
}

fn docx_part(bytes: &[u8], name: &str) -> String {
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut s = String::new();
    z.by_name(name).unwrap().read_to_string(&mut s).unwrap();
    s
}

/// A readable diff of two XML parts: one element per line, the first
/// differing lines with some context.
fn xml_diff(old: &str, new: &str) -> String {
    let split = |s: &str| s.replace("><", ">\n<").lines().map(str::to_owned).collect::<Vec<_>>();
    let (a, b) = (split(old), split(new));
    let first = a.iter().zip(&b).position(|(x, y)| x != y).unwrap_or(a.len().min(b.len()));
    let mut out = format!("first difference at element {first} (golden has {}, new has {}):\n", a.len(), b.len());
    for k in first.saturating_sub(3)..(first + 8).min(a.len().max(b.len())) {
        match (a.get(k), b.get(k)) {
            (Some(x), Some(y)) if x == y => out.push_str(&format!("  {x}\n")),
            (x, y) => {
                if let Some(x) = x {
                    out.push_str(&format!("- {x}\n"));
                }
                if let Some(y) = y {
                    out.push_str(&format!("+ {y}\n"));
                }
            }
        }
    }
    out
}

fn check(golden: &Path, new: &[u8], describe: impl Fn(&[u8], &[u8]) -> String) {
    if update() {
        std::fs::write(golden, new).unwrap();
        eprintln!("updated {}", golden.display());
        return;
    }
    let old = std::fs::read(golden).unwrap_or_else(|_| {
        panic!("{} is missing: run VANBAN_UPDATE_GOLDEN=1 cargo test --test golden", golden.display())
    });
    if old != new {
        panic!(
            "{} differs from the new output ({} vs {} bytes).\n{}\nIf the change is intended: VANBAN_UPDATE_GOLDEN=1 cargo test --test golden",
            golden.display(),
            old.len(),
            new.len(),
            describe(&old, new)
        );
    }
}

/// The samples, and one document of each form of the family (spec §12):
/// (golden file stem, plan file).
fn goldens() -> Vec<(String, std::path::PathBuf)> {
    let mut out: Vec<(String, std::path::PathBuf)> = common::samples().into_iter().map(|(n, p, _)| (n, p)).collect();
    for form in ["bao_cao", "cong_van", "quyet_dinh", "quyet_dinh_truc_tiep"] {
        out.push((format!("forms/{form}"), common::root().join("fixtures/forms").join(format!("{form}.toml"))));
    }
    out
}

#[test]
fn docx_goldens() {
    for (name, path) in goldens() {
        let bytes = common::load(&path).to_docx().unwrap();
        let golden = common::root().join("fixtures/golden").join(format!("{name}.docx"));
        check(&golden, &bytes, |old, new| {
            for part in ["word/document.xml", "word/styles.xml", "word/settings.xml", "docProps/core.xml"] {
                let (a, b) = (docx_part(old, part), docx_part(new, part));
                if a != b {
                    return format!("{part}: {}", xml_diff(&a, &b));
                }
            }
            "the XML parts are equal; the zip container differs".to_owned()
        });
    }
}

#[test]
fn pdf_goldens() {
    for (name, path) in goldens() {
        let bytes = common::load(&path).to_pdf().unwrap();
        let golden = common::root().join("fixtures/golden").join(format!("{name}.pdf"));
        check(&golden, &bytes, |old, new| {
            let first = old.iter().zip(new).position(|(a, b)| a != b).unwrap_or(old.len().min(new.len()));
            format!(
                "first differing byte at offset {first}; render both with `pdftoppm -r 80 -png` and compare, or diff `pdftotext -layout` of each"
            )
        });
    }
}
