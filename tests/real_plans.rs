//! Real plans, as agencies issued them (`../shared/real-plans/` and
//! `fixtures/real/`): each renders from its plain text with no edits, and
//! every paragraph and table cell of the issued text is found in the text of
//! our PDF and of LibreOffice's PDF of our DOCX — the body in order.
//!
//! Needs `pdftotext` (poppler-utils) and `soffice` (libreoffice-writer-nogui);
//! without them the test is skipped locally and fails in CI.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

/// Plain-text plans and their issued text: `(name, NAME.txt, NAME.issued.txt)`.
fn real_plans() -> Vec<(String, PathBuf, PathBuf)> {
    let mut out = Vec::new();
    for dir in [common::root().join("../shared/real-plans"), common::root().join("fixtures/real")] {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            assert!(!dir.ends_with("fixtures/real"), "fixtures/real is missing");
            // ../shared is laid beside the checkout by CI and for sessions
            assert!(std::env::var_os("CI").is_none(), "{} is missing", dir.display());
            continue;
        };
        for e in entries {
            let p = e.unwrap().path();
            let name = p.file_name().unwrap().to_string_lossy().to_string();
            if let Some(stem) = name.strip_suffix(".issued.txt") {
                let txt = dir.join(format!("{stem}.txt"));
                assert!(txt.exists(), "{} has no plain-text form", p.display());
                out.push((stem.to_owned(), txt, p));
            }
        }
    }
    out.sort();
    out
}

/// Words for matching: lower case, letters and digits only; one-letter words
/// (list labels such as `a)`, `a/.`, `-`) dropped, since the library writes
/// labels itself.
/// The issued text may carry decomposed letters (NFD) and either tone-mark
/// style in "hòa"; our output is NFC with the decree's "HÒA".
fn tokens(s: &str) -> Vec<String> {
    // split at every mark, not only at spaces: LibreOffice breaks
    // "146/2025/NĐ-CP" after the hyphen, our layout does not
    vanban::text::nfc(s)
        .split(|c: char| !c.is_alphanumeric())
        .map(|w| w.chars().flat_map(char::to_lowercase).collect::<String>())
        .map(|w| if w == "hoà" { "hòa".to_owned() } else { w })
        .filter(|w| w.chars().count() > 1)
        .collect()
}

/// A unit without its list label (`II.`, `3.1.`, `6.2`, `a/.`): the
/// library numbers by position and may correct it.
fn without_label(s: &str) -> &str {
    let Some((head, rest)) = s.split_once(' ') else { return s };
    let label = head.chars().all(|c| c.is_ascii_digit() || "IVXLC./)".contains(c))
        || head.chars().count() <= 4
            && head.ends_with([')', '.'])
            && head.chars().next().is_some_and(char::is_lowercase);
    if label {
        rest
    } else {
        s
    }
}

/// Where `needle` occurs in `hay` as a subsequence starting at or after
/// `from`, spread over no more than `slack` extra words (a page number, a
/// neighbouring cell's line); returns the position of its first word.
fn find(hay: &[String], needle: &[String], from: usize) -> Option<usize> {
    let first = needle.first()?;
    let slack = needle.len() * 2 + 40;
    (from..hay.len()).filter(|&i| &hay[i] == first).find(|&i| {
        let mut k = 1;
        let mut j = i + 1;
        while k < needle.len() && j < hay.len() && j - i <= needle.len() + slack {
            if hay[j] == needle[k] {
                k += 1;
            }
            j += 1;
        }
        k == needle.len()
    })
}

/// The issued text's lines as units to find: table rows split into cells.
/// Returns (unit, in_body) where body units must come in order.
fn units(issued: &str) -> Vec<(String, bool)> {
    let lines: Vec<&str> = issued.lines().filter(|l| !l.starts_with("#source")).map(str::trim).collect();
    let title_at = lines.iter().position(|l| *l == "KẾ HOẠCH").expect("a KẾ HOẠCH line");
    let body_end = lines.iter().position(|l| l.starts_with("Nơi nhận")).unwrap_or(lines.len());
    let mut out = Vec::new();
    for (i, l) in lines.iter().enumerate() {
        if l.is_empty() || l.starts_with("V/v ") {
            continue; // a công văn's subject line, reported and not printed
        }
        let in_body = i > title_at + 1 && i < body_end;
        if l.starts_with('|') {
            for cell in l.trim_matches('|').split('|') {
                let cell = cell.trim();
                if !cell.is_empty() && cell != "<" && cell != "^" && !cell.chars().all(|c| c == '-' || c == ':') {
                    for part in cell.split("<br>") {
                        out.push((part.trim().to_owned(), false));
                    }
                }
            }
        } else {
            out.push((l.to_string(), in_body));
        }
    }
    out
}

fn check(name: &str, what: &str, pdf_text: &str, issued: &str) -> Result<(), String> {
    let hay = tokens(pdf_text);
    let mut cursor = 0;
    let mut missing = Vec::new();
    for (unit, in_body) in units(issued) {
        let needle = tokens(without_label(&unit));
        if needle.is_empty() {
            continue;
        }
        let at = if in_body { find(&hay, &needle, cursor) } else { find(&hay, &needle, 0) };
        match at {
            Some(start) if in_body => cursor = start + 1,
            Some(_) => {}
            None => missing.push(unit),
        }
    }
    if missing.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "{name}: {} unit(s) of the issued text not found in {what}:\n  {}",
            missing.len(),
            missing.join("\n  ")
        ))
    }
}

fn pdftotext(pdf: &Path) -> String {
    // -raw: the content stream's order, the order both writers draw in
    let out = Command::new("pdftotext").arg("-raw").arg(pdf).arg("-").output().expect("pdftotext runs");
    assert!(out.status.success());
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn real_plans_render_and_keep_every_paragraph_and_cell() {
    if !(common::tool_or_skip("pdftotext", "-v") && common::tool_or_skip("soffice", "--version")) {
        return;
    }
    let plans = real_plans();
    assert!(plans.len() >= 4, "the real plans are missing: {plans:?}");
    let dir = common::scratch("real");
    let mut docx_paths = Vec::new();
    let mut failures = Vec::new();
    for (name, txt, issued) in &plans {
        let src = std::fs::read_to_string(txt).unwrap();
        let parsed = vanban::plaintext::parse(&src).unwrap_or_else(|e| panic!("{name}: {e}"));
        let plan = parsed.plan;
        let report = plan.validate();
        assert!(!report.has_errors(), "{name}:\n{report}");
        let pdf = plan.to_pdf().unwrap_or_else(|e| panic!("{name}: {e}"));
        let docx = plan.to_docx().unwrap_or_else(|e| panic!("{name}: {e}"));
        let pdf_path = dir.join(format!("{name}.pdf"));
        std::fs::write(&pdf_path, pdf).unwrap();
        let docx_path = dir.join(format!("{name}.docx"));
        std::fs::write(&docx_path, docx).unwrap();
        docx_paths.push(docx_path);
        let issued = std::fs::read_to_string(issued).unwrap();
        if let Err(e) = check(name, "our PDF", &pdftotext(&pdf_path), &issued) {
            failures.push(e);
        }
    }
    let lo = dir.join("lo");
    common::libreoffice_to_pdf(&lo, &docx_paths);
    for (name, _, issued) in &plans {
        let issued = std::fs::read_to_string(issued).unwrap();
        let pdf = lo.join(format!("{name}.pdf"));
        assert!(pdf.exists(), "LibreOffice did not convert {name}");
        if let Err(e) = check(name, "LibreOffice's PDF of our DOCX", &pdftotext(&pdf), &issued) {
            failures.push(e);
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn the_matcher_can_fail() {
    let issued = "#source: x\nKẾ HOẠCH\nTiêu đề\nMột đoạn văn bản đầu tiên.\nII. ĐOẠN THỨ HAI Ở ĐÂY\nNơi nhận:\n";
    let ours = "KẾ HOẠCH Tiêu đề Một đoạn văn bản đầu tiên. I. ĐOẠN THỨ HAI Ở ĐÂY Nơi nhận:";
    assert_eq!(check("t", "pdf", ours, issued), Ok(()));
    // a paragraph lost
    assert!(check("t", "pdf", "KẾ HOẠCH Tiêu đề Một đoạn văn bản đầu tiên. Nơi nhận:", issued).is_err());
    // two paragraphs of the body swapped
    let swapped = "KẾ HOẠCH Tiêu đề I. ĐOẠN THỨ HAI Ở ĐÂY Một đoạn văn bản đầu tiên. Nơi nhận:";
    assert!(check("t", "pdf", swapped, issued).is_err());
}

/// The text form says everything these plans hold — tables, appendices,
/// parts, sub-items, lines under the name — so writing them back needs no
/// front matter beyond `[issuer]`, and reading that gives the same plan.
#[test]
fn real_plans_round_trip_through_the_text_form_without_front_matter() {
    let plans = real_plans();
    assert!(plans.len() >= 4);
    for (name, txt, _) in plans {
        let plan = vanban::plaintext::parse(&std::fs::read_to_string(&txt).unwrap()).unwrap().plan;
        let text = plan.to_text();
        let front: toml::Table = text.split("+++").nth(1).unwrap_or("").parse().unwrap();
        let keys: Vec<&String> = front.keys().collect();
        assert_eq!(keys, ["issuer"], "{name}: the text form could not say everything:\n{text}");
        let back = vanban::plaintext::parse(&text).unwrap_or_else(|e| panic!("{name}: {e}\n{text}"));
        assert_eq!(back.plan, plan, "{name}\n{text}");
        assert!(back.warnings.is_empty(), "{name}: the written text needs no fixing: {:?}", back.warnings);
    }
}
