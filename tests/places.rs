//! Signing places (spec §9) checked against the glyphs around them in our
//! PDF: the number's blank lies between `Số:` and `/KH-`, the day's and the
//! month's between `ngày`, `tháng` and `năm`, the signature between the
//! title's last line and the name, the seal (36 mm) over the signature's
//! left third. `render --places` writes them as JSON.

mod common;

use vanban::places::{PlaceRole, Rect};

fn word<'a>(words: &'a [common::Word], text: &str) -> &'a common::Word {
    words.iter().find(|w| w.text == text).unwrap_or_else(|| panic!("{text} is not in the PDF"))
}

#[test]
fn places_lie_where_the_pdf_leaves_room() {
    if !common::tool_or_skip("pdftotext", "-v") {
        return;
    }
    let plan = common::load(&common::root().join("fixtures/forms/draft_day_month_blank.toml"));
    let places = plan.places().unwrap();
    let words = common::pdf_words(&plan.to_pdf().unwrap());
    let at = |role: PlaceRole| -> Rect {
        places.iter().find(|p| p.role == role).unwrap_or_else(|| panic!("no {role:?} place")).rect_pt
    };
    let between = |r: Rect, left: &common::Word, right: &common::Word, what: &str| {
        assert!((r.x - left.x1).abs() < 0.6, "{what} starts at {} where {:?} ends at {}", r.x, left.text, left.x1);
        assert!(
            (r.x + r.w - right.x0).abs() < 0.6,
            "{what} ends at {} where {:?} starts at {}",
            r.x + r.w,
            right.text,
            right.x0
        );
        assert!(r.y <= left.y0 + 0.5 && r.y + r.h >= left.y1 - 0.5, "{what} spans the line's height");
    };
    let slash = words.iter().find(|w| w.text.starts_with("/KH-")).unwrap();
    between(at(PlaceRole::Number), word(&words, "Số:"), slash, "the number");
    let ngay = word(&words, "ngày");
    let thang = words.iter().find(|w| w.text == "tháng" && (w.y1 - ngay.y1).abs() < 1.0).unwrap();
    let nam = words.iter().find(|w| w.text == "năm" && (w.y1 - ngay.y1).abs() < 1.0).unwrap();
    between(at(PlaceRole::Day), ngay, thang, "the day");
    between(at(PlaceRole::Month), thang, nam, "the month");
    assert!(at(PlaceRole::Number).w * 25.4 / 72.0 >= 5.0 && at(PlaceRole::Day).w * 25.4 / 72.0 >= 4.0);

    // the signature: under the last title line, above the name
    let titles: Vec<&vanban::places::Place> = places.iter().filter(|p| p.role == PlaceRole::SignerTitle).collect();
    assert_eq!(
        titles.iter().map(|p| p.text.clone().unwrap()).collect::<Vec<_>>(),
        plan.signer.titles.iter().map(|t| String::from(t.clone())).collect::<Vec<_>>()
    );
    let sig = at(PlaceRole::Signature);
    let page = places.iter().find(|p| p.role == PlaceRole::Signature).unwrap().page;
    let name_first = plan.signer.name.split(' ').next().unwrap();
    let name = words.iter().find(|w| w.page == page && w.text == name_first).unwrap();
    let last_title_word = plan.signer.titles.last().unwrap().title.split(' ').next_back().unwrap().to_owned();
    let title = words.iter().rev().find(|w| w.page == page && w.text == last_title_word && w.y1 < name.y0).unwrap();
    assert!(sig.y >= title.y1 - 0.5, "the signature starts below the title ({} < {})", sig.y, title.y1);
    assert!(sig.y + sig.h <= name.y0 + 0.5, "the signature ends above the name ({} > {})", sig.y + sig.h, name.y0);
    assert!(sig.x <= name.x0 && sig.x + sig.w >= name.x1, "the signature spans the name's column");
    // the seal: 36 mm, its right edge a third into the signature, centred on it
    let seal = at(PlaceRole::Seal);
    assert!((seal.w * 25.4 / 72.0 - 36.0).abs() < 0.01 && (seal.h - seal.w).abs() < 0.01);
    assert!((seal.x + seal.w - (sig.x + sig.w / 3.0)).abs() < 0.01);
    assert!((seal.y + seal.h / 2.0 - (sig.y + sig.h / 2.0)).abs() < 0.01);
}

#[test]
fn a_numbered_plan_has_no_blank_places() {
    let plan = common::load(&common::samples()[0].1);
    let roles: Vec<PlaceRole> = plan.places().unwrap().iter().map(|p| p.role).collect();
    assert!(!roles.iter().any(|r| matches!(r, PlaceRole::Number | PlaceRole::Day | PlaceRole::Month)));
    assert!(roles.contains(&PlaceRole::Signature) && roles.contains(&PlaceRole::Seal));
}

/// An appendix issued as a file of its own (Mẫu 2.2): the plan's file
/// leaves it out; its file has the top-right line (the number and symbol and
/// a blank for the signing time, or the time when given), the reference line
/// unfilled, its pages numbered from 1, and its own place for that line.
#[test]
fn an_appendix_as_a_file_of_its_own() {
    if !common::tool_or_skip("pdftotext", "-v") {
        return;
    }
    let mut plan = common::load(&common::root().join("fixtures/forms/marks_and_appendix.toml"));
    let with = plan.layout().unwrap().pages.len();
    plan.signing.separate_appendices = true;
    let without = plan.layout().unwrap().pages.len();
    assert!(without < with, "the plan's file leaves its appendix out ({without} of {with} pages)");
    let pdf = plan.appendix_to_pdf(0, &vanban::PdfOptions::new()).unwrap();
    let words = common::pdf_words(&pdf);
    let first: Vec<&common::Word> = words.iter().filter(|w| w.page == 1).collect();
    // the top-right line, above the label, in the right half
    let top = first.iter().min_by(|a, b| a.y1.total_cmp(&b.y1)).unwrap();
    assert!(top.text.contains("/KH-") && top.text.ends_with(';'), "{:?}", top.text);
    assert!(top.x0 > 595.0 / 2.0, "the line is at the right ({})", top.x0);
    let label = first.iter().find(|w| w.text == "Phụ").unwrap();
    assert!(top.y1 < label.y0);
    // the reference line unfilled: no number before "/KH-"
    let kem = first.iter().find(|w| w.text == "(Kèm").expect("the reference line");
    let reference: Vec<&str> =
        first.iter().filter(|w| (w.y1 - kem.y1).abs() < 1.0).map(|w| w.text.as_str()).take(6).collect();
    assert!(reference.iter().any(|w| w.starts_with("/KH-")), "{reference:?}");
    assert!(!reference.iter().any(|w| w.chars().next().is_some_and(|c| c.is_ascii_digit())), "unfilled: {reference:?}");
    // its pages count from 1: the second page says 2
    if words.iter().any(|w| w.page == 2) {
        assert!(words.iter().any(|w| w.page == 2 && w.y1 < 20.0 * 72.0 / 25.4 && w.text == "2"));
    }
    // with the signing time known, it is printed
    plan.signing.signed_at = Some("2026-03-10T09:15:30+07:00".into());
    let words = common::pdf_words(&plan.appendix_to_pdf(0, &vanban::PdfOptions::new()).unwrap());
    assert!(words.iter().any(|w| w.page == 1 && w.text == "2026-03-10T09:15:30+07:00"));
    plan.signing.signed_at = Some("10/3/2026".into());
    assert!(plan.validate().has_errors(), "a time that is no ISO 8601 is refused");
    plan.signing.signed_at = None;
    // the DOCX has the line in its first page's header (the top margin, as
    // the PDF), not in the body
    let docx = plan.appendix_to_docx(0).unwrap();
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(docx)).unwrap();
    let part = |z: &mut zip::ZipArchive<std::io::Cursor<Vec<u8>>>, name: &str| {
        let mut s = String::new();
        std::io::Read::read_to_string(&mut z.by_name(name).unwrap(), &mut s).unwrap();
        s
    };
    let names: Vec<String> = z.file_names().filter(|n| n.starts_with("word/header")).map(str::to_owned).collect();
    let headers: Vec<String> = names.iter().map(|n| part(&mut z, n)).collect();
    assert!(headers.iter().any(|h| h.contains("PhuLucSoThoiGian") && h.contains("/KH-")), "{headers:?}");
    assert!(!part(&mut z, "word/document.xml").contains("PhuLucSoThoiGian"));
}
