//! The `vanban` command as a user runs it (the real binary Cargo built):
//! files written, bytes equal to the library's, exit statuses, reports.
#![cfg(feature = "cli")]

mod common;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use common::scratch;

fn vanban() -> Command {
    Command::new(env!("CARGO_BIN_EXE_vanban"))
}

fn run(args: &[&str], dir: &Path) -> Output {
    vanban().args(args).current_dir(dir).output().unwrap()
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

fn fixture(name: &str) -> PathBuf {
    common::root().join(name)
}

const SAMPLE_TXT: &str = "fixtures/text/000_b9e7d6f373767c93.txt";

#[test]
fn help_lists_every_subcommand_with_an_example() {
    let out = run(&["--help"], Path::new("."));
    assert!(out.status.success());
    let help = text(&out.stdout);
    for sub in ["render", "check", "import", "sample", "completions"] {
        assert!(help.contains(&format!("  {sub} ")), "no {sub} in\n{help}");
        assert!(help.contains(&format!("vanban {sub}")), "no example of {sub} in\n{help}");
    }
    let v = run(&["--version"], Path::new("."));
    assert_eq!(text(&v.stdout).trim(), format!("vanban {}", env!("CARGO_PKG_VERSION")));
}

#[test]
fn render_writes_both_files_beside_the_input_with_the_library_bytes() {
    let d = scratch("cli-render");
    std::fs::copy(fixture(SAMPLE_TXT), d.join("ke-hoach.txt")).unwrap();
    let out = run(&["render", "ke-hoach.txt"], &d);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stderr).contains("line 9"), "the parser's warning is shown: {}", text(&out.stderr));
    let plan = vanban::Plan::from_text(&std::fs::read_to_string(fixture(SAMPLE_TXT)).unwrap()).unwrap();
    assert_eq!(std::fs::read(d.join("ke-hoach.pdf")).unwrap(), plan.to_pdf().unwrap());
    assert_eq!(std::fs::read(d.join("ke-hoach.docx")).unwrap(), plan.to_docx().unwrap());
    assert!(text(&out.stdout).contains("wrote ke-hoach.pdf"), "{}", text(&out.stdout));
}

#[test]
fn many_inputs_into_a_folder_quiet_when_piped() {
    let d = scratch("cli-many");
    let texts = ["000_b9e7d6f373767c93", "001_b6f583479c62c9da", "003_c6a7a4c1d1099303"];
    let inputs: Vec<String> =
        texts.iter().map(|t| fixture(&format!("fixtures/text/{t}.txt")).to_string_lossy().into_owned()).collect();
    let mut args = vec!["render".to_owned()];
    args.extend(inputs.iter().cloned());
    args.extend(["--out-dir".into(), "out".into(), "--only".into(), "pdf".into()]);
    let out = vanban().args(&args).current_dir(&d).stderr(Stdio::piped()).output().unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    for stem in texts {
        assert!(d.join("out").join(format!("{stem}.pdf")).exists(), "{stem}.pdf");
        assert!(!d.join("out").join(format!("{stem}.docx")).exists(), "--only pdf wrote {stem}.docx");
    }
    // no progress bar on a pipe: no carriage returns, no bar characters
    let err = text(&out.stderr);
    assert!(!err.contains('\r') && !err.contains('█'), "{err:?}");
    // --docx names one file: with several inputs it is a usage error
    let out = run(&["render", &inputs[0], &inputs[1], "--docx", "a.docx"], &d);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stderr));
}

#[test]
fn standard_input_and_output() {
    let d = scratch("cli-stdio");
    let toml = std::fs::read(fixture("fixtures/sample_003_c6a7a4c1d1099303.toml")).unwrap();
    let mut child = vanban()
        .args(["render", "-", "--pdf", "-"])
        .current_dir(&d)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(&toml).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    let plan = vanban::Plan::from_toml(std::str::from_utf8(&toml).unwrap()).unwrap();
    assert_eq!(out.stdout, plan.to_pdf().unwrap());
}

#[test]
fn utf16_text_renders_the_same_bytes_as_utf8() {
    let d = scratch("cli-utf16");
    let s = std::fs::read_to_string(fixture(SAMPLE_TXT)).unwrap();
    let le: Vec<u8> = [0xFF, 0xFE].into_iter().chain(s.encode_utf16().flat_map(u16::to_le_bytes)).collect();
    let be: Vec<u8> = [0xFE, 0xFF].into_iter().chain(s.encode_utf16().flat_map(u16::to_be_bytes)).collect();
    std::fs::write(d.join("utf8.txt"), &s).unwrap();
    std::fs::write(d.join("le.txt"), le).unwrap();
    std::fs::write(d.join("be.txt"), be).unwrap();
    let out = run(&["render", "utf8.txt", "le.txt", "be.txt", "--out-dir", "o"], &d);
    assert!(out.status.success(), "{}", text(&out.stderr));
    for ext in ["pdf", "docx"] {
        let a = std::fs::read(d.join(format!("o/utf8.{ext}"))).unwrap();
        assert_eq!(a, std::fs::read(d.join(format!("o/le.{ext}"))).unwrap(), "{ext}");
        assert_eq!(a, std::fs::read(d.join(format!("o/be.{ext}"))).unwrap(), "{ext}");
    }
}

#[test]
fn check_reports_rule_ids_and_fields_as_json_and_fails_on_errors() {
    let d = scratch("cli-check");
    let good = fixture("fixtures/forms/signer_kt.toml");
    let bad = std::fs::read_to_string(&good).unwrap().replace("place = \"Quảng Ninh\"", "place = \"\"");
    std::fs::write(d.join("bad.toml"), bad).unwrap();
    let out = run(&["check", good.to_str().unwrap(), "bad.toml", "--format", "json"], &d);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let reports = v["reports"].as_array().unwrap();
    assert_eq!(reports[0]["ok"], true);
    assert_eq!(reports[1]["ok"], false);
    let p = reports[1]["problems"].as_array().unwrap();
    assert!(p.iter().any(|p| p["rule"] == "place-date" && p["field"] == "place" && p["severity"] == "error"), "{p:?}");
    // the text form says the same to a person
    let out = run(&["check", "bad.toml"], &d);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stdout).contains("bad.toml: not valid"));
    assert!(text(&out.stderr).contains("place"), "{}", text(&out.stderr));
    // an invalid plan is not rendered: exit 1, nothing written
    let out = run(&["render", "bad.toml"], &d);
    assert_eq!(out.status.code(), Some(1));
    assert!(!d.join("bad.pdf").exists());
}

#[test]
fn exit_statuses_and_messages_for_bad_command_lines_and_files() {
    let d = scratch("cli-bad");
    let out = run(&["render"], &d);
    assert_eq!(out.status.code(), Some(2));
    let out = run(&["render", "a.txt", "--frobnicate"], &d);
    assert_eq!(out.status.code(), Some(2));
    let out = run(&["render", "missing.txt"], &d);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("missing.txt"), "{}", text(&out.stderr));
    std::fs::write(d.join("draft.docx"), b"PK").unwrap();
    let out = run(&["render", "draft.docx"], &d);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("not a readable DOCX"), "{}", text(&out.stderr));
    std::fs::write(d.join("draft.doc"), b"\xd0\xcf\x11\xe0").unwrap();
    let out = run(&["render", "draft.doc"], &d);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains(".txt, .toml, .json and .docx"), "{}", text(&out.stderr));
    std::fs::write(d.join("legacy.txt"), b"K\xd5 HO\xb9CH\n").unwrap();
    let out = run(&["check", "legacy.txt"], &d);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("not UTF-8"), "{}", text(&out.stderr));
    // too short to tell: --encoding says it; the plan is then read (and is
    // not a plan: its error names the converted text's line)
    let out = run(&["check", "legacy.txt", "--encoding", "tcvn3"], &d);
    assert_eq!(out.status.code(), Some(1));
    assert!(!text(&out.stderr).contains("not UTF-8"), "{}", text(&out.stderr));
}

#[test]
fn samples_are_valid_plans_and_completions_are_scripts() {
    let d = scratch("cli-sample");
    for kind in ["ke-hoach", "cong-van", "quyet-dinh", "bao-cao", "party", "party-cong-van"] {
        let file = format!("{kind}.txt");
        let out = run(&["sample", "--kind", kind, "-o", &file], &d);
        assert!(out.status.success(), "{kind}: {}", text(&out.stderr));
        let out = run(&["check", &file], &d);
        assert!(out.status.success(), "{kind}: {}", text(&out.stderr));
    }
    let out = run(&["completions", "bash"], &d);
    assert!(out.status.success());
    let script = text(&out.stdout);
    assert!(script.contains("_vanban") && script.contains("render"), "{script}");
}

#[test]
fn dump_shows_the_title_and_diff_exits_1_on_a_changed_word() {
    let d = scratch("cli-dump");
    let s = std::fs::read_to_string(fixture(SAMPLE_TXT)).unwrap();
    std::fs::write(d.join("a.txt"), &s).unwrap();
    std::fs::write(d.join("b.txt"), s.replacen("Phát huy tinh thần", "Phát huy mạnh mẽ tinh thần", 1)).unwrap();
    assert!(run(&["render", "a.txt", "b.txt", "-q"], &d).status.success());
    let out = run(&["dump", "a.pdf"], &d);
    assert!(out.status.success());
    let dump = text(&out.stdout);
    let title = dump.lines().find(|l| l.ends_with("| KẾ HOẠCH")).unwrap_or_else(|| panic!("{dump}"));
    assert!(title.contains("LiberationSerif-Bold 14"), "{title}");
    assert!(run(&["dump", "a.docx"], &d).status.success());
    // same file: 0; a changed word: 1, with the word and its page and line
    assert_eq!(run(&["diff", "a.pdf", "a.pdf"], &d).status.code(), Some(0));
    let out = run(&["diff", "a.pdf", "b.pdf"], &d);
    assert_eq!(out.status.code(), Some(1));
    let diff = text(&out.stdout);
    assert!(diff.contains("page 1 line") && diff.contains("mạnh mẽ tinh thần"), "{diff}");
    let out = run(&["diff", "a.docx", "b.docx"], &d);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stdout).contains("mạnh mẽ tinh thần"));
    let out = run(&["dump", "a.txt"], &d);
    assert_eq!(out.status.code(), Some(1));
}

/// A Word draft: `vanban import` writes the text a clerk reviews, which
/// parses to the plan the library imports; `vanban render` takes the .docx
/// itself, from a file or standard input, with the library's bytes.
#[test]
fn import_and_render_a_word_draft() {
    let d = scratch("cli-import");
    let draft = fixture("fixtures/drafts/000-svhttdl-daknong.libreoffice.docx");
    std::fs::copy(&draft, d.join("du-thao.docx")).unwrap();
    let out = run(&["import", "du-thao.docx", "-o", "ke-hoach.txt"], &d);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let plan = vanban::Plan::from_docx(&std::fs::read(&draft).unwrap()).unwrap();
    let txt = std::fs::read_to_string(d.join("ke-hoach.txt")).unwrap();
    assert!(txt.contains("Số:        /KH-SVHTTDL"), "{txt}");
    assert_eq!(vanban::Plan::from_text(&txt).unwrap(), plan);

    let out = run(&["render", "du-thao.docx", "--out-dir", "out"], &d);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(std::fs::read(d.join("out/du-thao.pdf")).unwrap(), plan.to_pdf().unwrap());

    let mut child = vanban()
        .args(["render", "-", "--pdf", "-"])
        .current_dir(&d)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(&std::fs::read(&draft).unwrap()).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(out.stdout, plan.to_pdf().unwrap());

    // not a DOCX: exit 1 with the reason
    std::fs::write(d.join("fake.docx"), "not a zip").unwrap();
    let out = run(&["import", "fake.docx"], &d);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("not a DOCX file"), "{}", text(&out.stderr));
}
