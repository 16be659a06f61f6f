//! Signature and seal images (spec §9) where the places say, in our PDF and
//! in LibreOffice's PDF of our DOCX: the page rendered to pixels shows blue
//! inside the signature's rectangle and red inside the seal's. Bad images
//! are refused or warned about, never a panic.

mod common;

use std::process::Command;

use vanban::places::PlaceRole;
use vanban::{Plan, Rule};

/// An RGBA PNG `w` × `h`, transparent but for the pixels `ink` marks.
fn png(w: u32, h: u32, rgb: [u8; 3], ink: impl Fn(u32, u32) -> bool) -> Vec<u8> {
    let mut data = Vec::with_capacity((w * h * 4) as usize);
    for y in 0..h {
        for x in 0..w {
            if ink(x, y) {
                data.extend_from_slice(&[rgb[0], rgb[1], rgb[2], 255]);
            } else {
                data.extend_from_slice(&[255, 255, 255, 0]);
            }
        }
    }
    let mut out = Vec::new();
    let mut enc = png::Encoder::new(&mut out, w, h);
    enc.set_color(png::ColorType::Rgba);
    enc.set_depth(png::BitDepth::Eight);
    enc.write_header().unwrap().write_image_data(&data).unwrap();
    out
}

/// A blue scrawl: a thick sine stroke.
fn signature() -> Vec<u8> {
    png(300, 120, [20, 40, 200], |x, y| {
        let c = 60.0 + 40.0 * (x as f32 / 25.0).sin();
        (y as f32 - c).abs() < 6.0
    })
}

/// A red ring.
fn seal() -> Vec<u8> {
    png(200, 200, [220, 20, 20], |x, y| {
        let d = ((x as f32 - 100.0).powi(2) + (y as f32 - 100.0).powi(2)).sqrt();
        (80.0..97.0).contains(&d)
    })
}

fn plan() -> Plan {
    let mut p = common::load(&common::samples()[0].1);
    p.signing.signature = Some(vanban::places::SigningImage::png(signature()));
    p.signing.seal = Some(vanban::places::SigningImage::png(seal()));
    p
}

/// A page as RGB pixels (pdftoppm -r 72: one pixel a point).
fn page_rgb(pdf: &std::path::Path, page: usize) -> (usize, usize, Vec<u8>) {
    let name = pdf.file_stem().unwrap().to_string_lossy().to_string();
    let stem = pdf.with_file_name(format!("{name}-page{page}"));
    let out = Command::new("pdftoppm")
        .args(["-r", "72", "-f", &page.to_string(), "-l", &page.to_string(), "-singlefile"])
        .arg(pdf)
        .arg(&stem)
        .output()
        .unwrap();
    assert!(out.status.success());
    let bytes = std::fs::read(pdf.with_file_name(format!("{name}-page{page}.ppm"))).unwrap();
    let text: Vec<&[u8]> = bytes.splitn(4, |b| b.is_ascii_whitespace()).collect();
    let (w, h): (usize, usize) = (
        std::str::from_utf8(text[1]).unwrap().parse().unwrap(),
        std::str::from_utf8(text[2]).unwrap().parse().unwrap(),
    );
    let px = text[3][text[3].len() - w * h * 3..].to_vec();
    (w, h, px)
}

/// Pixels of a colour inside a rectangle (points), grown by `slack`.
fn count(img: &(usize, usize, Vec<u8>), r: vanban::places::Rect, slack: f32, blue: bool) -> usize {
    let (w, h, px) = img;
    let mut n = 0;
    let (x0, x1) = ((r.x - slack).max(0.0) as usize, ((r.x + r.w + slack) as usize).min(*w));
    let (y0, y1) = ((r.y - slack).max(0.0) as usize, ((r.y + r.h + slack) as usize).min(*h));
    for y in y0..y1 {
        for x in x0..x1 {
            let i = (y * w + x) * 3;
            let (r, g, b) = (px[i] as i32, px[i + 1] as i32, px[i + 2] as i32);
            let hit = if blue { b > 120 && b - r > 60 && b - g > 60 } else { r > 120 && r - g > 60 && r - b > 60 };
            n += usize::from(hit);
        }
    }
    n
}

#[test]
fn the_images_print_where_the_places_say_in_both_pdfs() {
    if !(common::tool_or_skip("pdftoppm", "-v") && common::tool_or_skip("soffice", "--version")) {
        return;
    }
    let plan = plan();
    assert!(plan.validate().problems.iter().all(|p| p.rule != Rule::Signing), "{}", plan.validate());
    let places = plan.places().unwrap();
    let place = |role| places.iter().find(|p| p.role == role).unwrap().clone();
    let (sig, seal) = (place(PlaceRole::Signature), place(PlaceRole::Seal));
    let dir = common::scratch("signing");
    common::both_pdfs(&dir, [("p", &plan)]);
    let (ours, theirs) = (dir.join("p.pdf"), dir.join("lo").join("p.pdf"));
    for (who, pdf, slack) in [("ours", &ours, 0.0), ("LibreOffice", &theirs, 3.0 * 72.0 / 25.4)] {
        let img = page_rgb(pdf, sig.page);
        let blue_in = count(&img, sig.rect_pt, slack, true);
        let red_in = count(&img, seal.rect_pt, slack, false);
        let everywhere = vanban::places::Rect { x: 0.0, y: 0.0, w: img.0 as f32, h: img.1 as f32 };
        let (blue_all, red_all) = (count(&img, everywhere, 0.0, true), count(&img, everywhere, 0.0, false));
        assert!(blue_in > 200, "{who}: {blue_in} blue pixels in the signature's place");
        assert!(red_in > 200, "{who}: {red_in} red pixels in the seal's place");
        assert!(blue_in * 10 >= blue_all * 9, "{who}: blue outside the signature ({blue_in} of {blue_all})");
        assert!(red_in * 10 >= red_all * 9, "{who}: red outside the seal ({red_in} of {red_all})");
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// PDF/A-2 forbids asking viewers to interpolate an image (ISO 19005-2,
/// 6.2.8): an archival plan with a signature and a seal is written, and its
/// images carry no `/Interpolate true`; a plain PDF's do, for smooth scaling.
#[test]
fn archival_plans_print_their_images_without_interpolation() {
    let plan = plan();
    let archival = plan.to_pdf_with(&vanban::PdfOptions::new().archival(true)).unwrap();
    let plain = plan.to_pdf().unwrap();
    let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
    assert!(text(&archival).contains("/Subtype/Image") && text(&archival).contains("pdfaid:part"));
    assert!(!text(&archival).contains("/Interpolate true"));
    assert!(text(&plain).contains("/Interpolate true"));
}

#[test]
fn bad_images_are_refused_or_warned_about_never_a_panic() {
    let with = |sig: vanban::places::SigningImage| {
        let mut p = common::load(&common::samples()[0].1);
        p.signing.signature = Some(sig);
        p
    };
    let problems = |p: &Plan| -> Vec<(bool, String)> {
        p.validate()
            .problems
            .iter()
            .filter(|x| x.rule == Rule::Signing)
            .map(|x| (x.severity == vanban::Severity::Error, x.message.clone()))
            .collect()
    };
    let not_png = with(vanban::places::SigningImage::png(b"GIF89a not a png at all, really".to_vec()));
    let e = problems(&not_png);
    assert!(e.len() == 1 && e[0].0 && e[0].1.contains("is not a PNG"), "{e:?}");
    assert!(matches!(not_png.to_pdf(), Err(vanban::Error::Invalid(_))));
    let opaque = {
        let mut out = Vec::new();
        let mut enc = png::Encoder::new(&mut out, 10, 10);
        enc.set_color(png::ColorType::Rgb);
        enc.write_header().unwrap().write_image_data(&[0u8; 300]).unwrap();
        out
    };
    let w = problems(&with(vanban::places::SigningImage::png(opaque)));
    assert!(w.len() == 1 && !w[0].0 && w[0].1.contains("no transparency"), "{w:?}");
    let unloaded = with(vanban::places::SigningImage::from("chu-ky.png".to_owned()));
    assert!(problems(&unloaded)[0].1.contains("not loaded"));
    let mut huge_seal = plan();
    huge_seal.signing.seal_mm = Some(120.0);
    assert!(problems(&huge_seal).iter().any(|(err, m)| *err && m.contains("120 mm")));
    // a truncated PNG: refused by validation or by the PDF writer, no panic
    let mut cut = signature();
    cut.truncate(60);
    let p = with(vanban::places::SigningImage::png(cut));
    assert!(p.to_pdf().is_err() || p.validate().has_errors());
}

#[test]
fn images_load_from_the_front_matter_beside_the_plan() {
    let dir = common::scratch("signing-load");
    std::fs::write(dir.join("chu-ky.png"), signature()).unwrap();
    std::fs::write(dir.join("dau.png"), seal()).unwrap();
    let src = std::fs::read_to_string(common::root().join("fixtures/text/000_b9e7d6f373767c93.txt")).unwrap();
    let src =
        src.replacen("+++\n", "+++\n[signing]\nsignature = \"chu-ky.png\"\nseal = \"dau.png\"\nseal_mm = 38\n", 1);
    let mut plan = Plan::from_text(&src).unwrap();
    assert!(plan.validate().has_errors(), "not loaded yet");
    plan.load_signing_images(&dir).unwrap();
    assert!(!plan.validate().has_errors(), "{}", plan.validate());
    let seal = plan.places().unwrap().into_iter().find(|p| p.role == PlaceRole::Seal).unwrap();
    assert!((seal.rect_mm.w - 38.0).abs() < 0.01);
    assert!(plan.to_pdf().is_ok() && plan.to_docx().is_ok());
    // deterministic: the same bytes twice
    assert_eq!(plan.to_docx().unwrap(), plan.to_docx().unwrap());
    assert_eq!(plan.to_pdf().unwrap(), plan.to_pdf().unwrap());
    // loaded images still write as text: the front matter names the files,
    // the body stays text, and loading the text again gives the plan back
    let text = plan.to_text();
    assert!(text.contains("signature = \"chu-ky.png\"") && text.contains("\nI. "), "{text}");
    let mut back = Plan::from_text(&text).unwrap();
    back.load_signing_images(&dir).unwrap();
    assert_eq!(back, plan);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn the_seal_lies_over_the_signers_name_as_in_the_docx() {
    // the DOCX's floating pictures are in front of the text; the PDF draws
    // the signature and then the seal after the name, so they agree
    let plan = plan();
    let name = plan.signer.name.clone();
    let mut order: Vec<String> = Vec::new();
    plan.for_each_page(|page| {
        for item in &page.items {
            match item {
                vanban::layout::Item::Text(t) if t.text.contains(&name) => order.push("name".into()),
                vanban::layout::Item::Image { role, .. } => order.push(format!("{role:?}")),
                _ => {}
            }
        }
    })
    .unwrap();
    assert_eq!(order, ["name", "Signature", "Seal"]);
}
