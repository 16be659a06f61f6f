//! `render`: a plan (plain text, TOML or JSON) to DOCX and PDF.
//!
//! ```text
//! cargo run --release --example render                      # the built-in sample into out/
//! cargo run --release --example render -- PLAN.toml --docx OUT.docx --pdf OUT.pdf
//! cargo run --release --example render -- check PLAN.json   # validate only
//! cargo run --release --example render -- PLAN.txt --pdf OUT.pdf --places OUT.json  # and the signing places
//! ```
//! `-` reads the plan from standard input. Warnings are printed and do not
//! stop the render unless `--strict` is given.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use vanban::Plan;

/// The built-in sample: a real plan as a clerk wrote it, with its header data.
const SAMPLE: &str = include_str!("../fixtures/text/000_b9e7d6f373767c93.txt");

struct Args {
    check: bool,
    input: Option<String>,
    docx: Option<PathBuf>,
    pdf: Option<PathBuf>,
    places: Option<PathBuf>,
    strict: bool,
}

fn usage() -> &'static str {
    "usage: render [INPUT] [--docx OUT.docx] [--pdf OUT.pdf] [--places OUT.json] [--strict]\n       render check INPUT [--strict]\n\
     INPUT: a .txt plan (the plain-text format), a .toml or .json model, or - for standard input.\n\
     With no INPUT, renders a built-in sample plan into out/."
}

fn parse_args() -> Result<Args, String> {
    let mut a = Args { check: false, input: None, docx: None, pdf: None, places: None, strict: false };
    let mut it = std::env::args().skip(1);
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--docx" => a.docx = Some(it.next().ok_or("--docx needs a file name")?.into()),
            "--pdf" => a.pdf = Some(it.next().ok_or("--pdf needs a file name")?.into()),
            "--places" => a.places = Some(it.next().ok_or("--places needs a file name")?.into()),
            "--strict" => a.strict = true,
            "-h" | "--help" => return Err(usage().into()),
            "check" if a.input.is_none() && !a.check => a.check = true,
            s if s.starts_with("--") => return Err(format!("unknown option {s}\n{}", usage())),
            s if a.input.is_none() => a.input = Some(s.to_owned()),
            s => return Err(format!("unexpected argument {s}\n{}", usage())),
        }
    }
    if a.check && a.input.is_none() {
        return Err(format!("check needs an INPUT\n{}", usage()));
    }
    Ok(a)
}

/// Loads a plan and prints the plain-text parser's warnings; returns how
/// many there were.
fn load(input: &str) -> Result<(Plan, usize), String> {
    let (text, ext) = if input == "-" {
        let mut buf = Vec::new();
        std::io::stdin().read_to_end(&mut buf).map_err(|e| format!("standard input: {e}"))?;
        let s = String::from_utf8(buf).map_err(|e| format!("standard input is not UTF-8 text: {e}"))?;
        let head = s.trim_start_matches('\u{feff}').trim_start();
        let ext = if head.starts_with('{') {
            "json"
        } else if head.starts_with("+++") || !head.contains(" = ") {
            "txt"
        } else {
            "toml"
        };
        (s, ext.to_owned())
    } else {
        let bytes = std::fs::read(input).map_err(|e| format!("{input}: {e}"))?;
        let s = String::from_utf8(bytes).map_err(|e| format!("{input} is not UTF-8 text: {e}"))?;
        let ext = Path::new(input).extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase();
        (s, ext)
    };
    let r = match ext.as_str() {
        "json" => Plan::from_json(&text).map(|p| (p, 0)),
        "toml" => Plan::from_toml(&text).map(|p| (p, 0)),
        "txt" | "text" => vanban::plaintext::parse(&text).map(|parsed| {
            for w in &parsed.warnings {
                eprintln!("warning: {input}: {w}");
            }
            (parsed.plan, parsed.warnings.len())
        }),
        other => return Err(format!("{input}: unknown input type {other:?}: use .txt, .toml or .json")),
    };
    let (mut plan, warnings) = r.map_err(|e| format!("{input}: {e}"))?;
    // signature and seal images named in [signing] sit beside the plan
    let base = Path::new(input).parent().filter(|_| input != "-").unwrap_or(Path::new("."));
    plan.load_signing_images(base).map_err(|e| format!("{input}: {e}"))?;
    Ok((plan, warnings))
}

fn run() -> Result<(), String> {
    let mut args = parse_args()?;
    let (plan, parse_warnings) = match &args.input {
        Some(i) => load(i)?,
        None => {
            std::fs::create_dir_all("out").map_err(|e| format!("out/: {e}"))?;
            args.docx = Some("out/sample.docx".into());
            args.pdf = Some("out/sample.pdf".into());
            let parsed = vanban::plaintext::parse(SAMPLE).map_err(|e| e.to_string())?;
            (parsed.plan, 0)
        }
    };
    let report = plan.validate();
    for p in &report.problems {
        eprintln!("{p}");
    }
    let errors = report.errors().count();
    let warnings = report.warnings().count() + parse_warnings;
    if errors > 0 || (args.strict && warnings > 0) {
        return Err(format!("{errors} error(s), {warnings} warning(s): nothing written"));
    }
    if args.check {
        println!("ok: {errors} error(s), {warnings} warning(s)");
        return Ok(());
    }
    if args.docx.is_none() && args.pdf.is_none() && args.places.is_none() {
        return Err(format!("nothing to write: give --docx, --pdf and/or --places\n{}", usage()));
    }
    if let Some(p) = &args.docx {
        let bytes = plan.to_docx().map_err(|e| e.to_string())?;
        std::fs::write(p, bytes).map_err(|e| format!("{}: {e}", p.display()))?;
        println!("wrote {}", p.display());
    }
    if let Some(p) = &args.pdf {
        let bytes = plan.to_pdf().map_err(|e| e.to_string())?;
        std::fs::write(p, bytes).map_err(|e| format!("{}: {e}", p.display()))?;
        println!("wrote {}", p.display());
    }
    // [signing] separate_appendices: each appendix a file of its own, beside
    // the plan's: OUT-phu-luc-1.pdf …
    if plan.signing.separate_appendices {
        for i in 0..plan.appendices.len() {
            let beside = |p: &PathBuf, ext: &str| {
                let stem = p.file_stem().map(|s| s.to_string_lossy().to_string()).unwrap_or_default();
                p.with_file_name(format!("{stem}-phu-luc-{}.{ext}", i + 1))
            };
            if let Some(p) = &args.pdf {
                let out = beside(p, "pdf");
                let bytes = plan.appendix_to_pdf(i, &vanban::PdfOptions::new()).map_err(|e| e.to_string())?;
                std::fs::write(&out, bytes).map_err(|e| format!("{}: {e}", out.display()))?;
                println!("wrote {}", out.display());
            }
            if let Some(p) = &args.docx {
                let out = beside(p, "docx");
                let bytes = plan.appendix_to_docx(i).map_err(|e| e.to_string())?;
                std::fs::write(&out, bytes).map_err(|e| format!("{}: {e}", out.display()))?;
                println!("wrote {}", out.display());
            }
        }
    }
    if let Some(p) = &args.places {
        // where the PDF's number, date, signature and seal go (spec §9)
        let places = plan.places().map_err(|e| e.to_string())?;
        let json = serde_json::to_string_pretty(&places).map_err(|e| e.to_string())?;
        std::fs::write(p, json + "\n").map_err(|e| format!("{}: {e}", p.display()))?;
        println!("wrote {}", p.display());
    }
    Ok(())
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("render: {e}");
            ExitCode::FAILURE
        }
    }
}
