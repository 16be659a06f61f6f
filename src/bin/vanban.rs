//! `vanban`: Vietnamese administrative plans to DOCX and PDF per Decree 30.
//!
//! Built with the default `cli` feature: `cargo install --path .`

use std::io::{IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{CommandFactory, Parser, Subcommand, ValueEnum};
use rayon::prelude::*;
use vanban::input::{self, InputKind, Loaded};
use vanban::{Plan, Severity};

const EXAMPLES: &str = "\
Examples:
  vanban sample -o ke-hoach.txt               write a sample plan to start from
  vanban check ke-hoach.txt                   what Decree 30 says about it
  vanban import du-thao.docx -o ke-hoach.txt  a Word draft as plain text, to review
  vanban render du-thao.docx                  a Word draft straight to DOCX and PDF
  vanban render ke-hoach.txt                  ke-hoach.docx and ke-hoach.pdf beside it
  vanban render ke-hoach.toml --pdf out.pdf   only the PDF, where you say
  vanban render plans/*.txt --out-dir out/    many plans at once, on every core
  cat plan.json | vanban render - --pdf - > plan.pdf
  vanban dump ke-hoach.pdf                    each line of text with its place, font and size
  vanban diff old/ke-hoach.pdf ke-hoach.pdf   what moved; exit 1 when anything did
  vanban completions bash > /etc/bash_completion.d/vanban";

/// Vietnamese administrative plans (KẾ HOẠCH) to DOCX and PDF, formatted as
/// Decree 30/2020/NĐ-CP requires.
///
/// A plan is a .txt file in the plain-text format (as a clerk types it), the
/// model as .toml or .json, or a Word draft (.docx). Exit status: 0 done, 1 a plan is invalid or
/// a file cannot be read or written, 2 the command line is wrong.
#[derive(Parser, Debug)]
#[command(name = "vanban", version, about, long_about, after_help = EXAMPLES)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Render plans to DOCX and PDF.
    ///
    /// With one INPUT and no --docx/--pdf, writes INPUT.docx and INPUT.pdf
    /// beside it (or in --out-dir). Warnings are printed and do not stop the
    /// render unless --strict is given.
    #[command(after_help = "Examples:
  vanban render ke-hoach.txt
  vanban render ke-hoach.txt --pdf ke-hoach.pdf --places noi-ky.json
  vanban render plans/*.txt --out-dir out/ --only pdf")]
    Render {
        /// Plan files (.txt, .toml, .json, .docx); `-` for standard input.
        #[arg(required = true, value_name = "INPUT")]
        inputs: Vec<String>,
        /// Write the DOCX here (`-`: standard output). One INPUT only.
        #[arg(long, value_name = "OUT.docx")]
        docx: Option<String>,
        /// Write the PDF here (`-`: standard output). One INPUT only.
        #[arg(long, value_name = "OUT.pdf")]
        pdf: Option<String>,
        /// Also write where the number, date, signature and seal go (spec §9),
        /// as JSON. One INPUT only.
        #[arg(long, value_name = "OUT.json")]
        places: Option<PathBuf>,
        /// Write outputs into this folder instead of beside each input.
        #[arg(long, value_name = "DIR")]
        out_dir: Option<PathBuf>,
        /// Write only one format.
        #[arg(long, value_enum)]
        only: Option<Format>,
        /// Treat warnings as errors: nothing is written for a plan with any.
        #[arg(long)]
        strict: bool,
        /// Print nothing but errors (no progress bar, no "wrote" lines).
        #[arg(short, long)]
        quiet: bool,
        /// The text files' encoding, when detection should not guess
        /// (UTF-8, UTF-16 with a byte-order mark, TCVN3 and VNI are detected).
        #[arg(long, value_enum)]
        encoding: Option<Enc>,
    },
    /// Validate plans without rendering them.
    #[command(after_help = "Examples:
  vanban check ke-hoach.txt
  vanban check plans/*.txt --format json > report.json")]
    Check {
        /// Plan files (.txt, .toml, .json); `-` for standard input.
        #[arg(required = true, value_name = "INPUT")]
        inputs: Vec<String>,
        /// The report's form: lines for people, JSON (rule ids, lines, fields)
        /// for editors and CI.
        #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
        format: ReportFormat,
        /// Fail on warnings too.
        #[arg(long)]
        strict: bool,
        /// The text files' encoding, when detection should not guess.
        #[arg(long, value_enum)]
        encoding: Option<Enc>,
    },
    /// Read a Word draft (DOCX) into the plain-text format, for a clerk to
    /// review before rendering: the header table gives the agency (front
    /// matter), Word's numbering becomes the text's numbers, bold and italic
    /// runs `**…**` and `*…*`, tables `| … |` rows.
    #[command(after_help = "Examples:
  vanban import du-thao.docx -o ke-hoach.txt
  vanban import du-thao.docx | vanban check -")]
    Import {
        /// The .docx draft; `-` for standard input.
        #[arg(value_name = "DRAFT.docx")]
        input: String,
        /// Write the text here instead of standard output.
        #[arg(short, long, value_name = "PLAN.txt")]
        output: Option<PathBuf>,
    },
    /// Write a sample plan in the plain-text format, to start from.
    #[command(after_help = "Examples:
  vanban sample > ke-hoach.txt
  vanban sample --kind cong-van -o cong-van.txt")]
    Sample {
        /// Which document.
        #[arg(long, value_enum, default_value_t = Kind::KeHoach)]
        kind: Kind,
        /// Write here instead of standard output.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Print a readable dump of a PDF or DOCX vanban wrote: per page each text
    /// line with its position (mm from the top-left corner), font and size,
    /// the rules and boxes; for a DOCX each paragraph's style and runs and the
    /// XML parts pretty-printed.
    #[command(after_help = "Example:
  vanban dump ke-hoach.pdf | grep 'KẾ HOẠCH'")]
    Dump {
        /// A .pdf or .docx file.
        file: PathBuf,
    },
    /// What changed between two PDFs or two DOCX files, line by line with page
    /// and line; exit status 0 when they are the same, 1 when not.
    #[command(after_help = "Example:
  vanban diff golden/ke-hoach.pdf out/ke-hoach.pdf")]
    Diff {
        /// The old file.
        old: PathBuf,
        /// The new file.
        new: PathBuf,
        /// Show at most this many changes.
        #[arg(long, default_value_t = 200)]
        limit: usize,
    },
    /// Print a shell completion script.
    #[command(after_help = "Example:
  vanban completions bash > ~/.local/share/bash-completion/completions/vanban")]
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
enum Format {
    Docx,
    Pdf,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
enum Enc {
    Utf8,
    Utf16le,
    Utf16be,
    /// TCVN3 (ABC), the .VnTime fonts.
    Tcvn3,
    /// VNI-Windows, the VNI-Times fonts.
    Vni,
}

impl Enc {
    fn encoding(self) -> input::Encoding {
        match self {
            Enc::Utf8 => input::Encoding::Utf8,
            Enc::Utf16le => input::Encoding::Utf16Le,
            Enc::Utf16be => input::Encoding::Utf16Be,
            Enc::Tcvn3 => input::Encoding::Tcvn3,
            Enc::Vni => input::Encoding::Vni,
        }
    }
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
enum ReportFormat {
    Text,
    Json,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    /// Kế hoạch (a real plan of a provincial department).
    KeHoach,
    /// Công văn with Kính gửi.
    CongVan,
    /// Quyết định issuing a plan.
    QuyetDinh,
    /// Báo cáo.
    BaoCao,
    /// A Party body's kế hoạch (Hướng dẫn 05-HD/VPTW: a real plan of a đảng ủy xã).
    Party,
    /// A Party body's công văn (Hướng dẫn 05-HD/VPTW).
    PartyCongVan,
}

/// A failure and the exit status it gives.
struct Failure {
    code: u8,
    message: String,
}

fn invalid(message: impl Into<String>) -> Failure {
    Failure { code: 1, message: message.into() }
}

fn usage(message: impl Into<String>) -> Failure {
    Failure { code: 2, message: message.into() }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Render { inputs, docx, pdf, places, out_dir, only, strict, quiet, encoding } => {
            let enc = encoding.map(Enc::encoding);
            render(&inputs, Outputs { docx, pdf, places, out_dir, only, encoding: enc }, strict, quiet)
        }
        Command::Check { inputs, format, strict, encoding } => {
            check(&inputs, format, strict, encoding.map(Enc::encoding))
        }
        Command::Import { input, output } => import(&input, output.as_deref()),
        Command::Sample { kind, output } => sample(kind, output.as_deref()),
        Command::Dump { file } => dump(&file),
        Command::Diff { old, new, limit } => diff(&old, &new, limit),
        Command::Completions { shell } => {
            clap_complete::generate(shell, &mut Cli::command(), "vanban", &mut std::io::stdout());
            Ok(())
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(f) => {
            if !f.message.is_empty() {
                eprintln!("vanban: {}", f.message);
            }
            ExitCode::from(f.code)
        }
    }
}

/// Reads one input: a file, or standard input for `-`.
fn load(input: &str, encoding: Option<input::Encoding>) -> Result<Loaded, String> {
    if input == "-" {
        let mut bytes = Vec::new();
        std::io::stdin().read_to_end(&mut bytes).map_err(|e| format!("standard input: {e}"))?;
        let kind = InputKind::sniff(&String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]));
        let r = match encoding {
            Some(e) => input::load_as(&bytes, e, kind),
            None => input::load(&bytes, kind),
        };
        return r.map_err(|e| format!("standard input: {e}"));
    }
    let path = Path::new(input);
    if InputKind::from_path(path).is_none() && path.extension().is_some() {
        return Err(format!("{input}: vanban reads .txt, .toml, .json and .docx plans, not .{}", ext(path)));
    }
    input::load_file_as(path, encoding).map_err(|e| format!("{input}: {e}"))
}

fn ext(p: &Path) -> String {
    p.extension().map(|e| e.to_string_lossy().into_owned()).unwrap_or_default()
}

struct Outputs {
    docx: Option<String>,
    pdf: Option<String>,
    places: Option<PathBuf>,
    out_dir: Option<PathBuf>,
    only: Option<Format>,
    encoding: Option<input::Encoding>,
}

/// What one plan's render printed and whether it failed.
struct Done {
    messages: Vec<String>,
    wrote: Vec<String>,
    failed: bool,
}

fn render(inputs: &[String], out: Outputs, strict: bool, quiet: bool) -> Result<(), Failure> {
    let many = inputs.len() > 1;
    if many && (out.docx.is_some() || out.pdf.is_some() || out.places.is_some()) {
        return Err(usage("--docx, --pdf and --places name one file: with several inputs use --out-dir"));
    }
    if inputs.iter().filter(|i| *i == "-").count() > 1 {
        return Err(usage("standard input (-) can be read once"));
    }
    if out.docx.as_deref() == Some("-") && out.pdf.as_deref() == Some("-") {
        return Err(usage("only one output can go to standard output"));
    }
    if inputs.iter().any(|i| i == "-") && out.docx.is_none() && out.pdf.is_none() && out.out_dir.is_none() {
        return Err(usage("a plan from standard input needs --docx, --pdf or --out-dir to say where to write"));
    }
    if let Some(d) = &out.out_dir {
        std::fs::create_dir_all(d).map_err(|e| invalid(format!("{}: {e}", d.display())))?;
    }
    let bar = (many && !quiet && std::io::stderr().is_terminal()).then(|| {
        let bar = indicatif::ProgressBar::new(inputs.len() as u64);
        bar.set_style(
            indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} {wide_msg}")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        bar
    });
    let results: Vec<Done> = inputs
        .par_iter()
        .map(|input| {
            let done = render_one(input, &out, strict);
            if let Some(b) = &bar {
                b.set_message(input.clone());
                b.inc(1);
            }
            done
        })
        .collect();
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    let mut failed = 0;
    for d in &results {
        for m in &d.messages {
            eprintln!("{m}");
        }
        if !quiet {
            for w in &d.wrote {
                println!("wrote {w}");
            }
        }
        failed += d.failed as usize;
    }
    match failed {
        0 => Ok(()),
        n if many => Err(invalid(format!("{n} of {} plans not rendered", results.len()))),
        _ => Err(invalid(String::new())),
    }
}

fn render_one(input: &str, out: &Outputs, strict: bool) -> Done {
    let mut done = Done { messages: Vec::new(), wrote: Vec::new(), failed: false };
    let fail = |done: &mut Done, m: String| {
        done.messages.push(format!("error: {m}"));
        done.failed = true;
    };
    let loaded = match load(input, out.encoding) {
        Ok(l) => l,
        Err(e) => {
            fail(&mut done, e);
            return done;
        }
    };
    let name = if input == "-" { "standard input" } else { input };
    for w in &loaded.warnings {
        done.messages.push(format!("warning: {name}: {w}"));
    }
    let report = loaded.plan.validate();
    for p in &report.problems {
        done.messages.push(format!("{name}: {p}"));
    }
    let (errors, warnings) = (report.errors().count(), report.warnings().count() + loaded.warnings.len());
    if errors > 0 || (strict && warnings > 0) {
        let why =
            if errors > 0 { format!("{errors} error(s)") } else { format!("{warnings} warning(s) under --strict") };
        fail(&mut done, format!("{name}: {why}: nothing written"));
        return done;
    }
    // where each output goes: named, or beside the input / in --out-dir
    let (mut docx, mut pdf) = (out.docx.clone(), out.pdf.clone());
    if docx.is_none() && pdf.is_none() {
        let stem = Path::new(input).file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or("plan".into());
        let dir = match &out.out_dir {
            Some(d) => d.clone(),
            None => Path::new(input).parent().map(Path::to_path_buf).unwrap_or_default(),
        };
        let at = |e: &str| dir.join(format!("{stem}.{e}")).to_string_lossy().into_owned();
        if out.only != Some(Format::Pdf) {
            docx = Some(at("docx"));
        }
        if out.only != Some(Format::Docx) {
            pdf = Some(at("pdf"));
        }
    }
    let plan = &loaded.plan;
    // both formats: the plan is checked and composed once (on an error,
    // each format again, to say which failed and write the other)
    let mut both = match (&docx, &pdf) {
        (Some(_), Some(_)) => plan.to_docx_and_pdf().ok(),
        _ => None,
    };
    let jobs: [(Option<String>, Writer, usize); 2] = [(docx, Plan::to_docx, 0), (pdf, Plan::to_pdf, 1)];
    for (target, f, k) in jobs {
        let Some(target) = target else { continue };
        let bytes = match both.as_mut() {
            Some(pair) => Ok(std::mem::take(if k == 0 { &mut pair.0 } else { &mut pair.1 })),
            None => f(plan).map_err(|e| e.to_string()),
        };
        match bytes.and_then(|bytes| write(&target, &bytes)) {
            Ok(()) if target != "-" => done.wrote.push(target),
            Ok(()) => {}
            Err(e) => fail(&mut done, format!("{name}: {e}")),
        }
    }
    if let Some(p) = &out.places {
        let r = plan
            .places()
            .map_err(|e| e.to_string())
            .and_then(|places| serde_json::to_string_pretty(&places).map_err(|e| e.to_string()))
            .and_then(|json| write(&p.to_string_lossy(), (json + "\n").as_bytes()));
        match r {
            Ok(()) => done.wrote.push(p.display().to_string()),
            Err(e) => fail(&mut done, format!("{name}: {e}")),
        }
    }
    done
}

/// One of the library's writers.
type Writer = fn(&Plan) -> Result<Vec<u8>, vanban::Error>;

fn write(target: &str, bytes: &[u8]) -> Result<(), String> {
    if target == "-" {
        let mut o = std::io::stdout().lock();
        return o.write_all(bytes).and_then(|_| o.flush()).map_err(|e| format!("standard output: {e}"));
    }
    std::fs::write(target, bytes).map_err(|e| format!("{target}: {e}"))
}

fn check(
    inputs: &[String],
    format: ReportFormat,
    strict: bool,
    encoding: Option<input::Encoding>,
) -> Result<(), Failure> {
    let mut reports = Vec::new();
    let mut failed = 0;
    for input in inputs {
        let name = if input == "-" { "standard input".to_owned() } else { input.clone() };
        let mut problems = Vec::new();
        let mut ok = true;
        match load(input, encoding) {
            Err(e) => {
                ok = false;
                let line = e.split("line ").nth(1).and_then(|s| s.split(':').next()?.trim().parse::<usize>().ok());
                problems.push(serde_json::json!({"severity": "error", "rule": "input", "line": line, "message": e}));
                if format == ReportFormat::Text {
                    eprintln!("error: {e}");
                }
            }
            Ok(loaded) => {
                for w in &loaded.warnings {
                    ok &= !strict;
                    problems.push(serde_json::json!({"severity": "warning", "rule": "text", "line": w.line, "message": w.message}));
                    if format == ReportFormat::Text {
                        eprintln!("warning: {name}: {w}");
                    }
                }
                for p in &loaded.plan.validate().problems {
                    let error = p.severity == Severity::Error;
                    ok &= !error && !strict;
                    problems.push(serde_json::json!({
                        "severity": if error { "error" } else { "warning" },
                        "rule": p.rule.id(),
                        "section": p.rule.section(),
                        "field": p.path,
                        "message": p.message,
                    }));
                    if format == ReportFormat::Text {
                        eprintln!("{name}: {p}");
                    }
                }
            }
        }
        failed += !ok as usize;
        if format == ReportFormat::Text {
            println!("{name}: {}", if ok { "ok" } else { "not valid" });
        }
        reports.push(serde_json::json!({"input": name, "ok": ok, "problems": problems}));
    }
    if format == ReportFormat::Json {
        let doc = serde_json::json!({"reports": reports});
        println!("{}", serde_json::to_string_pretty(&doc).unwrap_or_default());
    }
    if failed > 0 {
        Err(invalid(String::new()))
    } else {
        Ok(())
    }
}

fn read(p: &Path) -> Result<Vec<u8>, Failure> {
    std::fs::read(p).map_err(|e| invalid(format!("{}: {e}", p.display())))
}

fn dump(file: &Path) -> Result<(), Failure> {
    let d = vanban::dump::any(&read(file)?).map_err(|e| invalid(format!("{}: {e}", file.display())))?;
    write("-", d.as_bytes()).map_err(invalid)
}

fn diff(old: &Path, new: &Path, limit: usize) -> Result<(), Failure> {
    let (a, b) = (read(old)?, read(new)?);
    if a == b {
        return Ok(());
    }
    let d = vanban::golden::diff_files(&a, &b).map_err(|e| invalid(e.to_string()))?;
    if d.is_empty() {
        println!("the files differ only in bytes the dumps do not show (compression, metadata, the zip container)");
    } else {
        print!("{}", d.render(limit));
    }
    Err(invalid(String::new()))
}

fn import(input: &str, output: Option<&Path>) -> Result<(), Failure> {
    let bytes = if input == "-" {
        let mut b = Vec::new();
        std::io::stdin().read_to_end(&mut b).map_err(|e| invalid(format!("standard input: {e}")))?;
        b
    } else {
        std::fs::read(input).map_err(|e| invalid(format!("{input}: {e}")))?
    };
    let imported = vanban::import::docx(&bytes).map_err(|e| invalid(format!("{input}: {e}")))?;
    for w in &imported.parsed.warnings {
        if w.line == 0 {
            eprintln!("{input}: warning: {}", w.message);
        } else {
            eprintln!("{input}: warning: line {} of the text: {}", w.line, w.message);
        }
    }
    match output {
        Some(p) => {
            std::fs::write(p, &imported.text).map_err(|e| invalid(format!("{}: {e}", p.display())))?;
            eprintln!("wrote {}", p.display());
            Ok(())
        }
        None => write("-", imported.text.as_bytes()).map_err(invalid),
    }
}

fn sample(kind: Kind, output: Option<&Path>) -> Result<(), Failure> {
    let text = match kind {
        Kind::KeHoach => include_str!("../../fixtures/text/000_b9e7d6f373767c93.txt").to_owned(),
        Kind::Party => include_str!("../../fixtures/party/khanhhoa-conghai-kh45-2026.txt").to_owned(),
        Kind::PartyCongVan => include_str!("../../fixtures/party/laocai-dubnd-cv2449-2026.txt").to_owned(),
        other => {
            let toml = match other {
                Kind::CongVan => include_str!("../../fixtures/forms/cong_van.toml"),
                Kind::QuyetDinh => include_str!("../../fixtures/forms/quyet_dinh.toml"),
                _ => include_str!("../../fixtures/forms/bao_cao.toml"),
            };
            Plan::from_toml(toml).map_err(|e| invalid(format!("the built-in sample: {e}")))?.to_text()
        }
    };
    match output {
        Some(p) => {
            std::fs::write(p, text).map_err(|e| invalid(format!("{}: {e}", p.display())))?;
            eprintln!("wrote {}", p.display());
            Ok(())
        }
        None => write("-", text.as_bytes()).map_err(invalid),
    }
}
