//! Empty signature fields (spec §9): the PDF carries `/FT /Sig` fields with
//! widgets at the signer's and the agency's places; qpdf finds the file
//! sound before and after signing; pyHanko signs the signer's field with a
//! self-signed certificate made in the test, and poppler's `pdfsig` reports
//! the signature valid and covering the whole document. Needs qpdf, pdfsig
//! (poppler-utils) and the Python package pyhanko (`.ci/run` installs them).

mod common;

use std::process::Command;

use vanban::places::PlaceRole;
use vanban::PdfOptions;

fn have_pyhanko() -> bool {
    let ok = Command::new("python3").args(["-c", "import pyhanko"]).output().is_ok_and(|o| o.status.success());
    if !ok && std::env::var_os("CI").is_some() {
        panic!("pyhanko is required in CI: .ci/run installs it with pip");
    }
    ok
}

fn qpdf_ok(path: &std::path::Path) -> bool {
    let out = Command::new("qpdf").arg("--check").arg(path).output().unwrap();
    out.status.success() && String::from_utf8_lossy(&out.stdout).contains("No syntax or stream encoding errors")
}

#[test]
fn signature_fields_sit_at_the_places() {
    let plan = common::load(&common::root().join("fixtures/forms/signer_tm_kt.toml"));
    let pdf = plan.to_pdf_with(&PdfOptions::new().signature_fields(true)).unwrap();
    let doc = lopdf::Document::load_mem(&pdf).unwrap();
    let catalog = doc.catalog().unwrap();
    let form = catalog.get(b"AcroForm").unwrap().as_dict().unwrap();
    assert_eq!(form.get(b"SigFlags").unwrap().as_i64().unwrap(), 3);
    let fields = form.get(b"Fields").unwrap().as_array().unwrap();
    assert_eq!(fields.len(), 2);
    let places = plan.places().unwrap();
    let pages: Vec<lopdf::ObjectId> = doc.get_pages().values().copied().collect();
    for (field, (name, role)) in
        fields.iter().zip([("SignerSignature", PlaceRole::Signature), ("AgencySeal", PlaceRole::Seal)])
    {
        let f = doc.get_dictionary(field.as_reference().unwrap()).unwrap();
        assert_eq!(f.get(b"FT").unwrap().as_name().unwrap(), b"Sig");
        assert_eq!(f.get(b"T").unwrap().as_str().unwrap(), name.as_bytes());
        assert_eq!(f.get(b"F").unwrap().as_i64().unwrap(), 4, "printed (PDF/A)");
        assert!(f.get(b"AP").is_ok(), "an appearance (PDF/A)");
        let place = places.iter().find(|p| p.role == role).unwrap();
        let page = pages[place.page - 1];
        assert_eq!(f.get(b"P").unwrap().as_reference().unwrap(), page);
        let annots = doc.get_dictionary(page).unwrap().get(b"Annots").unwrap().as_array().unwrap().clone();
        assert!(annots.contains(field));
        let r: Vec<f32> = f.get(b"Rect").unwrap().as_array().unwrap().iter().map(|v| v.as_float().unwrap()).collect();
        let h = 841.89;
        let p = place.rect_pt;
        let want = [p.x, h - p.y - p.h, p.x + p.w, h - p.y];
        assert!(r.iter().zip(want).all(|(a, b)| (a - b).abs() < 0.05), "{name}: {r:?} vs {want:?}");
    }
    // off: no form at all
    let plain = plan.to_pdf().unwrap();
    assert!(lopdf::Document::load_mem(&plain).unwrap().catalog().unwrap().get(b"AcroForm").is_err());
}

#[test]
fn pyhanko_signs_the_field_and_pdfsig_finds_it_valid() {
    if !(common::tool_or_skip("qpdf", "--version") && common::tool_or_skip("pdfsig", "-v") && have_pyhanko()) {
        return;
    }
    let dir = common::scratch("sigfield");
    let mut plan = common::load(&common::samples()[0].1);
    plan.signing.fields = true; // as [signing] fields = true asks
    for (name, opts) in [("plain", PdfOptions::new()), ("pdfa", PdfOptions::new().archival(true))] {
        let input = dir.join(format!("{name}.pdf"));
        std::fs::write(&input, plan.to_pdf_with(&opts).unwrap()).unwrap();
        assert!(qpdf_ok(&input), "{name}: qpdf before signing");
        let signed = dir.join(format!("{name}-signed.pdf"));
        let out = Command::new("python3")
            .arg(common::root().join("tests/support/pyhanko_sign.py"))
            .arg(&input)
            .arg(&signed)
            .arg("SignerSignature")
            .current_dir(&dir)
            .output()
            .unwrap();
        assert!(out.status.success(), "{name}: pyHanko: {}", String::from_utf8_lossy(&out.stderr));
        assert!(qpdf_ok(&signed), "{name}: qpdf after signing");
        let out = Command::new("pdfsig").arg(&signed).output().unwrap();
        let report = String::from_utf8_lossy(&out.stdout);
        assert!(report.contains("Signature Field Name: SignerSignature"), "{report}");
        assert!(report.contains("Signature Validation: Signature is Valid."), "{name}: {report}");
        assert!(report.contains("Total document signed"), "{name}: {report}");
        // the agency's field is still there, empty, for the seal
        assert!(report.contains("Signature Field Name: AgencySeal"), "{report}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}
