//! Agreement of the two writers: converts our DOCX of each sample and each
//! real plan (`fixtures/real/`, and `../shared/real-plans/` when it is there) with
//! LibreOffice, extracts the text lines of that PDF and of ours with
//! `pdftotext -layout`, and reports the page counts and the share of
//! identical lines (whitespace folded; lines matched in order, LCS).
//!
//! ```text
//! cargo run --release --example agreement            # print the figures
//! cargo run --release --example agreement -- --check # and fail below fixtures/agreement.toml
//! cargo run --release --example agreement -- --update # raise the ratchet to today's figures
//! ```
//! Needs `soffice` (libreoffice-writer-nogui) and `pdftotext` (poppler-utils).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

const RATCHET: &str = "fixtures/agreement.toml";

fn lines(pdf: &Path) -> Result<Vec<Vec<String>>, String> {
    let out =
        Command::new("pdftotext").arg("-layout").arg(pdf).arg("-").output().map_err(|e| format!("pdftotext: {e}"))?;
    if !out.status.success() {
        return Err(format!("pdftotext failed on {}", pdf.display()));
    }
    let text = String::from_utf8_lossy(&out.stdout).to_string();
    let mut pages: Vec<Vec<String>> = text
        .split('\u{c}')
        .map(|p| {
            p.lines().map(|l| l.split_whitespace().collect::<Vec<_>>().join(" ")).filter(|l| !l.is_empty()).collect()
        })
        .collect();
    while pages.last().is_some_and(|p| p.is_empty()) {
        pages.pop();
    }
    Ok(pages)
}

fn lcs(a: &[String], b: &[String]) -> usize {
    let mut prev = vec![0usize; b.len() + 1];
    let mut cur = vec![0usize; b.len() + 1];
    for x in a {
        for (j, y) in b.iter().enumerate() {
            cur[j + 1] = if x == y { prev[j] + 1 } else { cur[j].max(prev[j + 1]) };
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

#[derive(Debug, Clone, Copy)]
struct Figures {
    ours: usize,
    libreoffice: usize,
    share: f64,
}

/// The best share so far and whether the page counts agreed then.
/// The ratchet; with `--check`, a missing or unreadable file is an error,
/// never a pass against nothing.
fn read_ratchet(required: bool) -> Result<BTreeMap<String, (f64, bool)>, String> {
    let mut out = BTreeMap::new();
    let s = match std::fs::read_to_string(RATCHET) {
        Ok(s) => s,
        Err(e) if required => return Err(format!("{RATCHET}: {e}; write it with --update")),
        Err(_) => return Ok(out),
    };
    let t: toml::Table = s.parse().map_err(|e| format!("{RATCHET} is not TOML: {e}"))?;
    for (k, v) in t {
        let share =
            v.get("share").and_then(|x| x.as_float()).ok_or_else(|| format!("{RATCHET}: [{k}] has no share"))?;
        let pages_equal = v.get("pages_ours") == v.get("pages_libreoffice");
        out.insert(k, (share, pages_equal));
    }
    if required && out.is_empty() {
        return Err(format!("{RATCHET} holds no figures; write it with --update"));
    }
    Ok(out)
}

/// Shares are kept to four decimals in the ratchet file.
fn permille(x: f64) -> i64 {
    (x * 10000.0).round() as i64
}

fn write_ratchet(best: &BTreeMap<String, (Figures, f64)>) -> std::io::Result<()> {
    let mut s = String::from(
        "# Best agreement reached between our PDF and LibreOffice's rendering of our DOCX, per sample.\n\
         # Written by `cargo run --release --example agreement -- --update`; CI fails below these.\n",
    );
    for (name, (f, share)) in best {
        s.push_str(&format!(
            "\n[\"{name}\"]\nshare = {share:.4}\npages_ours = {}\npages_libreoffice = {}\n",
            f.ours, f.libreoffice
        ));
    }
    std::fs::write(RATCHET, s)
}

fn run() -> Result<bool, String> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let check = args.iter().any(|a| a == "--check");
    let update = args.iter().any(|a| a == "--update");
    let dir: PathBuf = std::env::temp_dir().join(format!("vanban-agreement-{}", std::process::id()));
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    let mut samples: Vec<PathBuf> = std::fs::read_dir("fixtures")
        .map_err(|e| format!("fixtures/: {e} (run from the repository root)"))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.file_name().is_some_and(|n| n.to_string_lossy().starts_with("sample_"))
                && p.extension().is_some_and(|x| x == "toml")
        })
        .collect();
    samples.sort();
    // real plans, from their plain text: tables, appendices, landscape pages;
    // the Party's documents (Hướng dẫn 05-HD/VPTW)
    let mut real: Vec<PathBuf> = Vec::new();
    for d in ["fixtures/real", "fixtures/family", "fixtures/party", "../shared/real-plans"] {
        if let Ok(entries) = std::fs::read_dir(d) {
            real.extend(entries.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| {
                let n = p.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default();
                n.ends_with(".txt") && !n.ends_with(".issued.txt")
            }));
        }
    }
    real.sort();
    samples.extend(real);
    let mut docs = Vec::new();
    for s in &samples {
        let name = s.file_stem().unwrap().to_string_lossy().trim_start_matches("sample_").to_owned();
        let src = std::fs::read_to_string(s).map_err(|e| e.to_string())?;
        let plan = if s.extension().is_some_and(|x| x == "txt") {
            vanban::plaintext::parse(&src).map_err(|e| format!("{}: {e}", s.display()))?.plan
        } else {
            vanban::Plan::from_toml(&src).map_err(|e| e.to_string())?
        };
        let ours = dir.join(format!("{name}.ours.pdf"));
        std::fs::write(&ours, plan.to_pdf().map_err(|e| e.to_string())?).map_err(|e| e.to_string())?;
        let docx = dir.join(format!("{name}.docx"));
        std::fs::write(&docx, plan.to_docx().map_err(|e| e.to_string())?).map_err(|e| e.to_string())?;
        docs.push((name, ours, docx));
    }
    let status = Command::new("soffice")
        .args(["--headless", "--norestore", "--convert-to", "pdf", "--outdir"])
        .arg(&dir)
        .args(docs.iter().map(|d| &d.2))
        .env("HOME", &dir)
        .output()
        .map_err(|e| format!("soffice: {e} (install libreoffice-writer-nogui)"))?;
    if !status.status.success() {
        return Err(format!("soffice failed: {}", String::from_utf8_lossy(&status.stderr)));
    }
    let ratchet = read_ratchet(check)?;
    let mut ok = true;
    let mut best = BTreeMap::new();
    println!("{:<42} {:>6} {:>10} {:>10} {:>10}", "plan", "pages", "pages(LO)", "identical", "best");
    for (name, ours, docx) in &docs {
        let lo = docx.with_extension("pdf");
        let (a, b) = (lines(ours)?, lines(&lo)?);
        let (fa, fb): (Vec<String>, Vec<String>) = (a.concat(), b.concat());
        let same = lcs(&fa, &fb);
        let f =
            Figures { ours: a.len(), libreoffice: b.len(), share: same as f64 / fa.len().max(fb.len()).max(1) as f64 };
        let Some(&(prev, pages_were_equal)) = ratchet.get(name).or(if check { None } else { Some(&(0.0, false)) })
        else {
            eprintln!("agreement: {name} has no figures in {RATCHET}; add them with --update");
            ok = false;
            continue;
        };
        println!("{name:<42} {:>6} {:>10} {:>9.1}% {:>9.1}%", f.ours, f.libreoffice, f.share * 100.0, prev * 100.0);
        if permille(f.share) < permille(prev) {
            eprintln!("agreement: {name} fell below its best ({:.2}% < {:.2}%)", f.share * 100.0, prev * 100.0);
            ok = false;
        }
        if pages_were_equal && f.ours != f.libreoffice {
            eprintln!(
                "agreement: {name}: page counts differ ({} vs {}) where they agreed before",
                f.ours, f.libreoffice
            );
            ok = false;
        }
        best.insert(name.clone(), (f, prev.max(f.share)));
    }
    let total: f64 = best.values().map(|v| v.0.share).sum::<f64>() / best.len().max(1) as f64;
    println!("mean identical lines: {:.1}% (target 95%)", total * 100.0);
    if update {
        write_ratchet(&best).map_err(|e| format!("{RATCHET}: {e}"))?;
        println!("updated {RATCHET}");
    }
    let _ = std::fs::remove_dir_all(&dir);
    Ok(!check || ok)
}

fn main() -> ExitCode {
    match run() {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        Err(e) => {
            eprintln!("agreement: {e}");
            ExitCode::FAILURE
        }
    }
}
