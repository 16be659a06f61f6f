//! Bad input gets a typed error naming the field or line; big input renders
//! inside the page. Nothing here may panic.

mod common;

use proptest::prelude::*;
use vanban::layout::Item;
use vanban::{Block, Error, Plan, Recipient, Rule};

fn sample() -> Plan {
    common::load(&common::samples()[0].1)
}

/// The errors of an `Error::Invalid`, as (path, rule, message).
fn invalid(e: Error) -> Vec<(String, Rule, String)> {
    match e {
        Error::Invalid(r) => r.errors().map(|p| (p.path.clone(), p.rule, p.message.clone())).collect(),
        other => panic!("expected Error::Invalid, got {other}"),
    }
}

fn assert_invalid(plan: &Plan, path: &str, rule: Rule, needle: &str) {
    for e in [plan.to_docx().unwrap_err(), plan.to_pdf().unwrap_err()] {
        let errs = invalid(e);
        assert!(
            errs.iter().any(|(p, r, m)| p == path && *r == rule && m.contains(needle)),
            "expected {rule:?} at {path} mentioning {needle:?}; got {errs:?}"
        );
    }
}

#[test]
fn empty_and_whitespace_only_fields() {
    let mut p = sample();
    p.title = "   ".into();
    assert_invalid(&p, "title", Rule::Title, "empty");
    let mut p = sample();
    p.signer.name = " \t ".into();
    assert_invalid(&p, "signer.name", Rule::Signer, "no name");
    let mut p = sample();
    let k = p.recipients.to.len();
    p.recipients.to.push(Recipient::from("   "));
    assert_invalid(&p, &format!("recipients.to[{k}]"), Rule::Recipients, "empty");
    let mut p = sample();
    p.place = String::new();
    assert_invalid(&p, "place", Rule::PlaceDate, "empty");
}

#[test]
fn control_characters_and_nul() {
    let json = sample().to_json().replacen("\"title\": \"", "\"title\": \"\\u0000", 1);
    let p = Plan::from_json(&json).unwrap();
    assert_invalid(&p, "title", Rule::Encoding, "U+0000");
    let mut p = sample();
    p.issuer.name = "SỞ\u{1b}NỘI VỤ".into();
    assert_invalid(&p, "issuer.name", Rule::Encoding, "U+001B");
}

#[test]
fn lone_surrogates_in_json_escapes() {
    let e = Plan::from_json(r#"{"title": "a\ud800b"}"#).unwrap_err();
    assert!(matches!(e, Error::Json(_)), "{e}");
    assert!(e.to_string().contains("surrogate") || e.to_string().contains("escape"), "{e}");
}

#[test]
fn characters_the_font_lacks_are_named() {
    for (ch, code) in [('😀', "U+1F600"), ('中', "U+4E2D")] {
        let mut p = sample();
        p.closing = Some(format!("Trên đây là Kế hoạch {ch}.").as_str().into());
        assert_invalid(&p, "closing", Rule::Encoding, code);
    }
}

#[test]
fn right_to_left_text_is_refused() {
    let mut p = sample();
    p.preamble[0] = "Căn cứ שלום.".into();
    assert_invalid(&p, "preamble[0]", Rule::Encoding, "right-to-left");
    let mut p = sample();
    p.signer.name = "Lê\u{202E}Quang".into();
    assert_invalid(&p, "signer.name", Rule::Encoding, "U+202E");
}

#[test]
fn a_combining_mark_with_no_letter_is_a_warning() {
    let mut p = sample();
    p.preamble[0] = "Căn cứ phong trào thi \u{311}ua.".into();
    p.signer.name = "\u{301}Lê Ngọc Quang".into();
    let r = p.validate();
    for path in ["preamble[0]", "signer.name"] {
        let w = r.warnings().find(|w| w.path == path && w.rule == Rule::Encoding);
        assert!(w.is_some_and(|w| w.message.contains("no letter before it")), "{path}: {r}");
    }
    // after its letter the mark composes (NFC) and nothing is said
    let mut p = sample();
    p.preamble[0] = "Căn cứ tha\u{301}ng.".into();
    assert!(!p.validate().warnings().any(|w| w.rule == Rule::Encoding), "{}", p.validate());
    // a mark right after a bold letter belongs to it
    p.preamble[0] = "Căn cứ **thi**\u{311}ua.".into();
    assert!(!p.validate().warnings().any(|w| w.rule == Rule::Encoding), "{}", p.validate());
}

#[test]
fn xml_special_text_in_the_pdf() {
    let mut p = sample();
    p.closing = Some(vanban::text::Text::plain("A & B < C > D \"E\" 'F' ]]> G."));
    let layout = p.layout().unwrap();
    let all: String = layout
        .pages
        .iter()
        .flat_map(|pg| pg.items.iter())
        .filter_map(|i| match i {
            Item::Text(r) => Some(r.text.as_str()),
            _ => None,
        })
        .collect::<Vec<_>>()
        .join(" ");
    assert!(all.contains("]]>") && all.contains("&") && all.contains("\"E\""), "{all}");
    assert!(!p.to_pdf().unwrap().is_empty());
}

/// Every glyph run lies inside the page's text area (page numbers in the top margin).
fn inside_the_page(p: &Plan) {
    let layout = p.layout().unwrap();
    let mm = 72.0 / 25.4;
    let (left, right) = (p.margins.left * mm, (210.0 - p.margins.right) * mm);
    let bottom = (297.0 - p.margins.bottom) * mm;
    for (n, page) in layout.pages.iter().enumerate() {
        for item in &page.items {
            if let Item::Text(r) = item {
                assert!(
                    r.x >= left - 0.5 && r.x + r.width() <= right + 0.5,
                    "page {}: {:?} runs outside the margins",
                    n + 1,
                    r.text
                );
                assert!(r.y <= bottom + 0.5, "page {}: {:?} below the bottom margin", n + 1, r.text);
            }
        }
    }
}

#[test]
fn a_ten_thousand_character_word_is_broken_not_overflowing() {
    let mut p = sample();
    p.closing = Some("x".repeat(10_000).as_str().into());
    inside_the_page(&p);
    assert!(p.to_docx().is_ok());
    let mut p = sample();
    p.title = "Đ".repeat(300).as_str().into();
    inside_the_page(&p);
}

#[test]
fn long_titles_agency_names_and_recipients_wrap_inside_their_boxes() {
    let mut p = sample();
    p.title = "Hưởng ứng phong trào thi đua ".repeat(12).as_str().into();
    p.issuer.name = "BAN CHỈ ĐẠO PHÒNG, CHỐNG DỊCH BỆNH VÀ PHÁT TRIỂN KINH TẾ - XÃ HỘI CỦA TỈNH".into();
    p.issuer.parent = Some("ỦY BAN NHÂN DÂN TỈNH ĐẮK NÔNG VÀ CÁC CƠ QUAN LIÊN QUAN".into());
    p.recipients.to.push(Recipient::from(
        "Ủy ban nhân dân các huyện, thành phố và các cơ quan, đơn vị có liên quan trên địa bàn tỉnh",
    ));
    let report = p.validate();
    assert!(!report.has_errors(), "{report}");
    assert!(report.warnings().any(|w| w.path == "title"), "a long title is a warning");
    inside_the_page(&p);
    // the agency lines stay inside the left header column
    let layout = p.layout().unwrap();
    let mm = 72.0 / 25.4;
    let left_col_end = (30.0 + 165.0 * 0.4) * mm;
    for item in &layout.pages[0].items {
        if let Item::Text(r) = item {
            if r.text.contains("CHỈ ĐẠO") || r.text.contains("LIÊN QUAN") {
                assert!(r.x + r.width() <= left_col_end + 0.5, "{:?} leaves its column", r.text);
            }
        }
    }
    assert!(p.to_docx().is_ok());
}

#[test]
fn ten_thousand_recipients() {
    let mut p = sample();
    p.recipients.to = (0..10_000).map(|i| Recipient::from(format!("Đơn vị số {i}").as_str())).collect();
    inside_the_page(&p);
    let layout = p.layout().unwrap();
    assert!(layout.pages.len() > 50, "{} pages", layout.pages.len());
    let docx = p.to_docx().unwrap();
    assert!(docx.len() > 100_000);
}

#[test]
fn a_hundred_thousand_paragraphs() {
    let mut p = sample();
    let para = Block::Paragraph(vanban::Paragraph { text: "Đoạn văn ngắn.".into() });
    p.sections[1].blocks = vec![para; 100_000];
    assert!(!p.validate().has_errors());
    let layout = p.layout().unwrap();
    assert!(layout.pages.len() > 2000, "{} pages", layout.pages.len());
    assert!(p.to_pdf().unwrap().len() > 1_000_000);
    assert!(p.to_docx().unwrap().len() > 100_000);
}

#[test]
fn numbers_and_dates_out_of_range() {
    let e = Plan::from_toml("number = 4294967296").unwrap_err();
    assert!(matches!(e, Error::Toml(_)) && e.to_string().contains("number"), "{e}");
    let e = Plan::from_json(r#"{"number": -1}"#).unwrap_err();
    assert!(matches!(e, Error::Json(_)), "{e}");
    let e = Plan::from_toml("date = \"2021-13-45\"").map(|p| p.validate());
    let report = e.unwrap();
    assert!(report.errors().any(|p| p.path == "date" && p.message.contains("month 13")), "{report}");
    let r = Plan::from_toml("date = \"99999\"").unwrap().validate();
    assert!(r.errors().any(|p| p.path == "date" && p.message.contains("four digits")), "{r}");
    let e = Plan::from_toml("date = \"20x1\"").unwrap_err();
    assert!(e.to_string().contains("YYYY"), "{e}");
    let e = Plan::from_toml("date = \"2021-02-30\"").unwrap().validate();
    assert!(e.errors().any(|p| p.path == "date" && p.message.contains("30/2/2021")), "{e}");
}

#[test]
fn mismatched_markers_are_kept_with_a_warning() {
    let p = vanban::plaintext::parse(
        &std::fs::read_to_string(common::root().join("fixtures/text/003_c6a7a4c1d1099303.txt"))
            .unwrap()
            .replace("(sau đây gọi tắt", "(**sau đây gọi tắt"),
    )
    .unwrap()
    .plan;
    let r = p.validate();
    assert!(r.warnings().any(|w| w.rule == Rule::Markup && w.path == "preamble[1]"), "{r}");
    assert!(p.preamble[1].plain_text().contains("(**sau đây"));
}

// ---- nothing panics, whatever the input ----

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn parse_never_panics(s in "\\PC{0,400}") {
        let _ = vanban::plaintext::parse(&s);
        let _ = Plan::from_toml(&s);
        let _ = Plan::from_json(&s);
    }

    #[test]
    fn parse_never_panics_on_plan_like_text(lines in prop::collection::vec(prop::sample::select(vec![
        "+++", "[issuer]", "name = \"A\"", "code = \"B\"", "Số: 1/KH-X", "Số: /KH-", "Số: x/KH-Y", "Hà Nội, ngày 1 tháng 2 năm 2020",
        "KẾ HOẠCH", "Tiêu đề", "", "I. A", "II. B: c", "1. Mục", "2. x.", "a) y;", "đ) z", "- a) t", "- u", "+ v", "\\- w",
        "Trên đây là x./.", "Nơi nhận:", "- Lưu: VT, A (2). PL.(3)", "- Lưu:", "GIÁM ĐỐC", "KT. GIÁM ĐỐC", "Nguyễn Văn A", "**", "*",
        // tables, parts, sub-items, appendices and slips
        "| TT | A | B |", "| | x | y |", "| 1 | < | ^ |", "| ^ | z | < |", "|---|---|---|", "| (1) | (2) | (3) |",
        "| | (1) | (2) |", "| I. NHÓM |", "| a <br> b | c |", "a\tb\tc", "A. PHẦN MỘT", "B. PHẦN HAI", "C. PHẦN BA",
        "Phần I", "Phần II. TÊN", "3.1. Mục con", "3.2 Mục con", "a/. p", "b. q", "PHỤ LỤC", "Phụ lục II",
        "(Kèm theo Kế hoạch số 1/KH-X ngày 1/2/2020)", "T/M. BAN", "- Lưu VT, A.", "BÍ THƯ", "V/v việc", "(*) ghi chú",
        // the family: decisions and their attached plans, công văn, Kính gửi
        "Số: 1/QĐ-UBND", "QUYẾT ĐỊNH", "QUYẾT ĐỊNH:", "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH X", "Căn cứ Luật A;",
        "Theo đề nghị của B.", "Điều 1. Ban hành kèm theo Quyết định này Kế hoạch.", "Điều 2. Hiệu lực.", "Điều 3.",
        "Điều 9. Sai số.", "- Như Điều 3;", "- Như Điều 7;", "(Ban hành kèm theo Quyết định số 1/QĐ-UBND)",
        "(Kèm theo Quyết định số: 1/QĐ-X", "Số: 1/UBND", "Số: 2 /TTr-NV3", "V/v a", "b tiếp", "Kính gửi:",
        "Kính gửi: A.", "- A;", "- B.", "BÁO CÁO", "TỜ TRÌNH", "- Như trên;", "NHƯ TRÊN",
    ]), 0..40)) {
        let src = lines.join("\n");
        if let Ok(parsed) = vanban::plaintext::parse(&src) {
            let plan = parsed.plan;
            // what parses renders or is refused with a typed error
            let _ = plan.validate();
            let _ = plan.to_docx();
            let _ = plan.to_pdf();
            let back = Plan::from_text(&plan.to_text());
            prop_assert!(back.is_ok());
            prop_assert_eq!(back.unwrap(), plan);
        }
    }
}

/// Every input a fuzzer ever crashed on (fuzz/regressions/TARGET/) passes
/// the same checks as the fuzz target.
#[test]
fn fuzz_regressions() {
    let dir = common::root().join("fuzz/regressions");
    let mut n = 0;
    for target in std::fs::read_dir(&dir).unwrap() {
        let target = target.unwrap().path();
        let name = target.file_name().unwrap().to_string_lossy().to_string();
        for f in std::fs::read_dir(&target).unwrap() {
            let f = f.unwrap().path();
            let bytes = std::fs::read(&f).unwrap();
            let Ok(s) = std::str::from_utf8(&bytes) else { continue };
            n += 1;
            match name.as_str() {
                "parse_text" | "render" => {
                    if let Ok(parsed) = vanban::plaintext::parse(s) {
                        let back = Plan::from_text(&parsed.plan.to_text()).unwrap();
                        assert_eq!(back, parsed.plan, "{}", f.display());
                        let valid = !parsed.plan.validate().has_errors();
                        assert_eq!(parsed.plan.to_docx().is_ok(), valid, "{}", f.display());
                        assert_eq!(parsed.plan.to_pdf().is_ok(), valid, "{}", f.display());
                    }
                }
                "load_toml" => {
                    if let Ok(p) = Plan::from_toml(s) {
                        assert_eq!(Plan::from_toml(&p.to_toml()).unwrap(), p, "{}", f.display());
                    }
                }
                "load_json" => {
                    if let Ok(p) = Plan::from_json(s) {
                        assert_eq!(Plan::from_json(&p.to_json()).unwrap(), p, "{}", f.display());
                    }
                }
                other => panic!("unknown fuzz target {other}"),
            }
        }
    }
    assert!(n >= 1, "the regression corpus is empty");
}
