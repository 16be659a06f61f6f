//! The `render` example as a user runs it: exit status, files, messages.
//! `cargo test` builds the examples next to the test binaries.

mod common;

use std::path::PathBuf;
use std::process::{Command, Stdio};

fn render() -> PathBuf {
    let exe = std::env::current_exe().unwrap();
    let dir = exe.parent().unwrap().parent().unwrap();
    let bin = dir.join("examples").join(format!("render{}", std::env::consts::EXE_SUFFIX));
    assert!(bin.exists(), "{} not built", bin.display());
    bin
}

use common::scratch;

#[test]
fn no_arguments_renders_the_built_in_sample_into_out() {
    let d = scratch("default");
    let out = Command::new(render()).current_dir(&d).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("out/sample.docx") && stdout.contains("out/sample.pdf"), "{stdout}");
    assert!(std::fs::read(d.join("out/sample.pdf")).unwrap().starts_with(b"%PDF"));
    assert!(std::fs::read(d.join("out/sample.docx")).unwrap().starts_with(b"PK"));
}

#[test]
fn text_toml_and_json_inputs() {
    let d = scratch("inputs");
    let txt = common::root().join("fixtures/text/003_c6a7a4c1d1099303.txt");
    let out = Command::new(render()).arg(&txt).arg("--pdf").arg(d.join("a.pdf")).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let toml = common::root().join("fixtures/sample_003_c6a7a4c1d1099303.toml");
    let out = Command::new(render()).arg(&toml).arg("--pdf").arg(d.join("b.pdf")).output().unwrap();
    assert!(out.status.success());
    assert_eq!(
        std::fs::read(d.join("a.pdf")).unwrap(),
        std::fs::read(d.join("b.pdf")).unwrap(),
        "same plan, same bytes"
    );
    let json = d.join("p.json");
    std::fs::write(&json, common::load(&toml).to_json()).unwrap();
    let out = Command::new(render()).arg(&json).arg("--docx").arg(d.join("c.docx")).output().unwrap();
    assert!(out.status.success());
    // standard input
    let mut child = Command::new(render())
        .args(["-", "--docx"])
        .arg(d.join("d.docx"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child.stdin.take().unwrap().write_all(&std::fs::read(&txt).unwrap()).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
}

#[test]
fn warnings_print_and_strict_makes_them_fatal() {
    let txt = common::root().join("fixtures/text/000_b9e7d6f373767c93.txt");
    let out = Command::new(render()).arg("check").arg(&txt).output().unwrap();
    assert!(out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("line 9") && err.contains("46 /KH- SVHTTDL"), "{err}");
    let out = Command::new(render()).args(["check", "--strict"]).arg(&txt).output().unwrap();
    assert!(!out.status.success());
}

#[test]
fn bad_input_exits_non_zero_with_a_message_not_a_panic() {
    let d = scratch("bad");
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("bad.toml", b"number = \"x\"".to_vec(), "number"),
        ("bad.json", b"{\"titel\": 1}".to_vec(), "titel"),
        ("bad.txt", b"+++\nnot toml\n+++\n".to_vec(), "line 2"),
        ("invalid.toml", b"place = \"A\"".to_vec(), "issuer.name"),
        ("latin1.txt", vec![0x53, 0xe1, 0x20, 0x0a], "UTF-8"),
        ("x.docx", b"PK".to_vec(), "unknown input type"),
    ];
    for (name, bytes, needle) in cases {
        let f = d.join(name);
        std::fs::write(&f, bytes).unwrap();
        let out = Command::new(render()).arg(&f).arg("--pdf").arg(d.join("o.pdf")).output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{name}: {err}");
        assert!(err.contains(needle), "{name}: {err}");
        assert!(!err.contains("panicked"), "{name}: {err}");
    }
    let out = Command::new(render()).arg("--nonsense").output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("usage"));
}

#[test]
fn places_are_written_as_json() {
    let d = common::scratch("cli-places");
    let plan = common::root().join("fixtures/forms/draft_day_month_blank.toml");
    let out = Command::new(render()).arg(&plan).arg("--places").arg(d.join("p.json")).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let json: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(d.join("p.json")).unwrap()).unwrap();
    let roles: Vec<&str> = json.as_array().unwrap().iter().map(|p| p["role"].as_str().unwrap()).collect();
    for r in ["number", "day", "month", "signature", "seal", "signer-title"] {
        assert!(roles.contains(&r), "{r} in {roles:?}");
    }
    let number = &json.as_array().unwrap()[0];
    assert_eq!(number["page"], 1);
    assert!(number["rect_mm"]["w"].as_f64().unwrap() >= 5.0);
    let _ = std::fs::remove_dir_all(&d);
}
