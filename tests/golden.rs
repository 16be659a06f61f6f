//! Golden files: the DOCX (and PDF) of each sample plan and of one document
//! of each form (a báo cáo with Kính gửi, a công văn, a quyết định with its
//! attached plan and one that decides directly) and of two Party documents,
//! byte for byte.
//!
//! Each golden file has its readable dump beside it (`NAME.pdf.txt`,
//! `NAME.docx.txt`, written by `vanban::golden`): review those in a pull
//! request. When the output changes on purpose, regenerate both with
//! `VANBAN_BLESS=1 cargo test --test golden` (or `VANBAN_UPDATE_GOLDEN=1`).

#![cfg(feature = "golden")]

mod common;

use std::path::Path;

fn update() -> bool {
    std::env::var_os("VANBAN_UPDATE_GOLDEN").is_some_and(|v| v != "0")
}

/// Compares with the golden file through the helper users call
/// (`vanban::golden`): bytes, and the dump kept beside it (`NAME.pdf.txt`),
/// so that a pull request shows a layout change in plain text. On a
/// mismatch the message is the readable diff of the dumps.
fn check(golden: &Path, new: &[u8]) {
    let bless = update() || vanban::golden::bless_requested();
    if let Some(m) = vanban::golden::check_file(golden, new, bless).unwrap() {
        panic!("{m}\n(here VANBAN_UPDATE_GOLDEN=1 does the same as VANBAN_BLESS=1)");
    }
    if bless {
        eprintln!("updated {}", golden.display());
    }
}

/// The samples, and one document of each form of the family (spec §12):
/// (golden file stem, plan file).
fn goldens() -> Vec<(String, std::path::PathBuf)> {
    let mut out: Vec<(String, std::path::PathBuf)> = common::samples().into_iter().map(|(n, p, _)| (n, p)).collect();
    for form in ["bao_cao", "cong_van", "quyet_dinh", "quyet_dinh_truc_tiep"] {
        out.push((format!("forms/{form}"), common::root().join("fixtures/forms").join(format!("{form}.toml"))));
    }
    // Party documents (Hướng dẫn 05-HD/VPTW): a công văn and a draft plan
    for name in ["laocai-dubnd-cv2449-2026", "khanhhoa-conghai-kh45-2026"] {
        out.push((format!("party/{name}"), common::root().join("fixtures/party").join(format!("{name}.txt"))));
    }
    out
}

fn load(path: &Path) -> vanban::Plan {
    if path.extension().is_some_and(|x| x == "txt") {
        vanban::Plan::from_text(&std::fs::read_to_string(path).unwrap()).unwrap()
    } else {
        common::load(path)
    }
}

#[test]
fn docx_goldens() {
    for (name, path) in goldens() {
        let bytes = load(&path).to_docx().unwrap();
        let golden = common::root().join("fixtures/golden").join(format!("{name}.docx"));
        check(&golden, &bytes);
    }
    // again, now that the process holds these plans' styles and shared
    // parts (the caches of issue 14): the same bytes
    for (name, path) in goldens() {
        let bytes = load(&path).to_docx().unwrap();
        let golden = common::root().join("fixtures/golden").join(format!("{name}.docx"));
        assert!(
            update() || std::fs::read(&golden).is_ok_and(|g| g == bytes),
            "{name}: a second rendering in the same process differs from the golden file"
        );
    }
}

#[test]
fn pdf_goldens() {
    for (name, path) in goldens() {
        let bytes = load(&path).to_pdf().unwrap();
        let golden = common::root().join("fixtures/golden").join(format!("{name}.pdf"));
        check(&golden, &bytes);
    }
}

#[test]
fn both_formats_at_once_give_the_golden_bytes() {
    for (name, path) in goldens() {
        let (docx, pdf) = load(&path).to_docx_and_pdf().unwrap();
        let golden = |ext: &str| std::fs::read(common::root().join("fixtures/golden").join(format!("{name}.{ext}")));
        assert!(update() || golden("docx").is_ok_and(|g| g == docx), "{name}.docx differs from the golden file");
        assert!(update() || golden("pdf").is_ok_and(|g| g == pdf), "{name}.pdf differs from the golden file");
    }
    // a plan with errors: both formats refuse it, with the same report
    let bad = vanban::Plan::default();
    let out = vanban::batch::render_all_both(std::slice::from_ref(&bad));
    let report = bad.validate();
    for r in [&out[0].docx, &out[0].pdf] {
        assert!(matches!(r, Err(vanban::Error::Invalid(rep)) if *rep == report), "{r:?}");
    }
    assert!(matches!(bad.to_docx_and_pdf(), Err(vanban::Error::Invalid(_))));
}
