//! LibreOffice opens every fixture's DOCX and lays the Quốc hiệu out on one
//! line. Needs `soffice` (Debian: libreoffice-writer-nogui) and `pdftotext`
//! (poppler-utils); `.ci/run` installs both. Without them the test is
//! skipped locally and fails in CI (`CI` set).

mod common;

use std::process::Command;

#[test]
fn libreoffice_converts_every_fixture() {
    if !(common::tool_or_skip("soffice", "--version") && common::tool_or_skip("pdftotext", "-v")) {
        return;
    }
    let dir = common::scratch("lo");
    let mut inputs = Vec::new();
    for path in common::all_fixtures() {
        let name = path.file_stem().unwrap().to_string_lossy().to_string();
        let out = dir.join(format!("{name}.docx"));
        std::fs::write(&out, common::load(&path).to_docx().unwrap()).unwrap();
        inputs.push((name, out));
    }
    let files: Vec<&std::path::PathBuf> = inputs.iter().map(|i| &i.1).collect();
    common::libreoffice_to_pdf(&dir, &files);
    for (name, _) in &inputs {
        let pdf = dir.join(format!("{name}.pdf"));
        assert!(pdf.exists(), "LibreOffice did not convert {name}");
        let text =
            Command::new("pdftotext").args(["-layout", "-f", "1", "-l", "1"]).arg(&pdf).arg("-").output().unwrap();
        let text = String::from_utf8(text.stdout).unwrap();
        assert!(
            text.lines().any(|l| l.contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")),
            "{name}: the Quốc hiệu wrapped:\n{text}"
        );
        assert!(text.contains("Độc lập - Tự do - Hạnh phúc"), "{name}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}
