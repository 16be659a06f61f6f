//! The plain-text format: the samples as clerks wrote them, each construct,
//! the round trip, and the error messages.

mod common;

use proptest::prelude::*;
use vanban::plaintext::parse;
use vanban::{Block, Error, Issuer, Plan, PlanDate, Signer};

fn text_sample(stem: &str) -> String {
    std::fs::read_to_string(common::root().join("fixtures/text").join(format!("{stem}.txt"))).unwrap()
}

#[test]
fn samples_parse_to_their_fixtures() {
    for (stem, toml_path, txt) in common::samples() {
        let src = text_sample(&stem);
        // the text file is the sample as issued, plus a front matter block
        let original = std::fs::read_to_string(txt).unwrap();
        assert!(src.ends_with(&original), "{stem}: the body must be the sample unchanged");
        let parsed = parse(&src).unwrap_or_else(|e| panic!("{stem}: {e}"));
        let fixture = common::load(&toml_path);
        assert_eq!(parsed.plan, fixture, "{stem}");
        assert!(!parsed.plan.validate().has_errors(), "{stem}");
    }
}

#[test]
fn the_issuers_slips_are_fixed_with_a_warning() {
    let parsed = parse(&text_sample("000_b9e7d6f373767c93")).unwrap();
    assert_eq!(parsed.plan.issuer.code, "SVHTTDL");
    assert_eq!(parsed.warnings.len(), 1, "{:?}", parsed.warnings);
    let w = &parsed.warnings[0];
    assert_eq!(w.line, 9, "the Số line counts from the top of the file, front matter included");
    assert!(w.to_string().starts_with("line 9: ") && w.message.contains("46 /KH- SVHTTDL"), "{w}");
}

#[test]
fn rendered_outputs_keep_every_word_of_the_body() {
    use std::io::Read;
    for (stem, _, txt) in common::samples() {
        let plan = parse(&text_sample(&stem)).unwrap().plan;
        let docx = plan.to_docx().unwrap();
        let mut z = zip::ZipArchive::new(std::io::Cursor::new(docx)).unwrap();
        let mut xml = String::new();
        z.by_name("word/document.xml").unwrap().read_to_string(&mut xml).unwrap();
        let doc = roxmltree::Document::parse(&xml).unwrap();
        let w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
        let paras: Vec<String> = doc
            .descendants()
            .filter(|n| n.has_tag_name((w, "p")))
            .map(|p| p.descendants().filter(|n| n.has_tag_name((w, "t"))).filter_map(|n| n.text()).collect::<String>())
            .collect();
        let got: Vec<String> = paras.iter().flat_map(|p| common::words(p)).collect();
        let want = common::sample_body_words(&std::fs::read_to_string(txt).unwrap());
        let r = common::in_order(&got, &want, |a, b| a == b);
        assert!(r.is_ok(), "{stem}: DOCX: {r:?}");
        // the PDF's text layer holds the same glyph runs the layout made
        let layout = plan.layout().unwrap();
        // runs that touch on one baseline belong to one word sequence
        let mut joined = String::new();
        let mut end: Option<(f32, f32)> = None;
        for item in layout.pages.iter().flat_map(|p| p.items.iter()) {
            if let vanban::layout::Item::Text(r) = item {
                let touching = end.is_some_and(|(x, y)| (y - r.y).abs() < 0.01 && (x - r.x).abs() < 0.01);
                if !touching {
                    joined.push(' ');
                }
                joined.push_str(&r.text);
                end = Some((r.x + r.width(), r.y));
            }
        }
        let pdf_words: Vec<String> = joined.split_whitespace().map(str::to_owned).collect();
        let r = common::in_order(&pdf_words, &want, |a, b| a == b);
        assert!(r.is_ok(), "{stem}: PDF: {r:?}");
        assert!(!plan.to_pdf().unwrap().is_empty());
    }
}

#[test]
fn every_fixture_round_trips_through_the_text_format() {
    for path in common::all_fixtures() {
        let plan = common::load(&path);
        let text = plan.to_text();
        let back = parse(&text).unwrap_or_else(|e| panic!("{}: {e}\n{text}", path.display()));
        assert_eq!(back.plan, plan, "{}\n{text}", path.display());
        // the body is written as text, not hidden in the front matter
        let front = text.split("+++").nth(1).unwrap_or("");
        assert!(!front.contains("[[sections"), "{}: sections in front matter\n{text}", path.display());
        assert!(back.warnings.is_empty(), "{}: {:?}", path.display(), back.warnings);
    }
}

fn minimal(body: &str) -> String {
    format!(
        "+++\n[issuer]\nname = \"SỞ NỘI VỤ\"\ncode = \"SNV\"\n+++\nSố: 12/KH-SNV\n\nBình Định, ngày 05 tháng 3 năm 2021\n\n\
         KẾ HOẠCH\n\nThi đua năm 2021\n\n{body}\n\nNơi nhận:\n- Sở Nội vụ;\n- Lưu: VT, VP.\n\nGIÁM ĐỐC\n\nLê Minh Tuấn\n"
    )
}

#[test]
fn headings_with_text_points_after_dashes_and_plus_bullets() {
    let p = parse(&minimal(
        "I. MỤC ĐÍCH\n\n1. Tiêu chí\n\n- a) Thứ nhất;\n- b) Thứ hai.\n\nII. THỜI GIAN THỰC HIỆN: Từ nay đến ngày 10/10/2023.\n\n\
         - Các đơn vị:\n+ báo cáo hằng quý;\n+ tổng kết cuối năm.\n\nTrên đây là Kế hoạch.",
    ))
    .unwrap();
    let s = &p.plan.sections;
    let Block::Item(item) = &s[0].blocks[0] else { panic!("{:?}", s[0]) };
    assert_eq!(item.title.as_ref().unwrap().plain_text(), "Tiêu chí");
    assert!(matches!(&item.blocks[..], [Block::Point(_), Block::Point(_)]));
    assert_eq!(s[1].title.plain_text(), "THỜI GIAN THỰC HIỆN");
    assert_eq!(s[1].text.as_ref().unwrap().plain_text(), "Từ nay đến ngày 10/10/2023.");
    let Block::Bullet(b) = &s[1].blocks[0] else { panic!() };
    assert_eq!(b.blocks.len(), 2, "the + lines hang under the - line");
    assert_eq!(p.plan.closing.as_ref().unwrap().plain_text(), "Trên đây là Kế hoạch.");
    assert!(p.warnings.is_empty(), "{:?}", p.warnings);
}

#[test]
fn titled_items_and_items_with_text() {
    let p = parse(&minimal("I. NỘI DUNG\n\n1. Hoàn thành nhiệm vụ chính trị\n\nHoàn thành xuất sắc nhiệm vụ.\n\n2. Thi đua thực hiện tốt các chủ trương.")).unwrap();
    let b = &p.plan.sections[0].blocks;
    let Block::Item(i1) = &b[0] else { panic!() };
    assert!(i1.title.is_some() && i1.text.is_none());
    assert!(matches!(&i1.blocks[..], [Block::Paragraph(_)]), "a paragraph under a titled item is its content");
    let Block::Item(i2) = &b[1] else { panic!() };
    assert!(i2.title.is_none() && i2.text.is_some());
}

#[test]
fn page_break_artefacts_are_joined() {
    let p = parse(&minimal("I. NỘI DUNG\n\n- Thực hiện tốt quy chế làm việc (xét nâng lương trước\n\nhạn, bố trí bồi dưỡng).\n\n- Chấp hành nghiêm chế độ báo cáo.")).unwrap();
    let b = &p.plan.sections[0].blocks;
    assert_eq!(b.len(), 2);
    let Block::Bullet(e) = &b[0] else { panic!() };
    assert_eq!(e.text.plain_text(), "Thực hiện tốt quy chế làm việc (xét nâng lương trước hạn, bố trí bồi dưỡng).");
    // a wrapped line without a blank line continues its paragraph too
    let p = parse(&minimal("I. NỘI DUNG\n\nĐoạn văn bị ngắt\ndòng ở giữa câu.")).unwrap();
    let Block::Paragraph(x) = &p.plan.sections[0].blocks[0] else { panic!() };
    assert_eq!(x.text.plain_text(), "Đoạn văn bị ngắt dòng ở giữa câu.");
}

#[test]
fn drafts_and_missing_parts() {
    // no Số line, blank day and month, no signer title (front matter has it)
    let src = "+++\nnumber = 3\n[issuer]\nname = \"SỞ NỘI VỤ\"\ncode = \"SNV\"\n[signer]\ntitles = [\"KT. GIÁM ĐỐC\", \"PHÓ GIÁM ĐỐC\"]\n+++\n\
               Bình Định, ngày    tháng    năm 2021\n\nKẾ HOẠCH\n\nThi đua\n\nI. NỘI DUNG\n\n1. Làm tốt./.\n\nNơi nhận:\n- Lưu: VT.\n\nLê Minh Tuấn\n";
    let p = parse(src).unwrap().plan;
    assert_eq!(p.number, Some(3));
    assert_eq!(p.date, PlanDate::year(2021));
    assert_eq!(p.signer.titles.len(), 2);
    assert_eq!(p.signer.name, "Lê Minh Tuấn");
    assert!(!p.validate().has_errors(), "{}", p.validate());
    // a draft number
    let p = parse(&minimal("I. A\n\n1. B.").replace("Số: 12/KH-SNV", "Số: /KH-SNV")).unwrap().plan;
    assert!(p.is_draft());
    // no Nơi nhận: the signer block still closes the text
    let src = "+++\n[issuer]\nname = \"SỞ NỘI VỤ\"\ncode = \"SNV\"\n+++\nSố: 1/KH-SNV\n\nHà Nội, ngày 01 tháng 01 năm 2024\n\nKẾ HOẠCH\n\nA\n\nI. B\n\n1. C./.\n\nGIÁM ĐỐC\n\nNguyễn Văn An\n";
    let p = parse(src).unwrap().plan;
    assert_eq!(p.signer.name, "Nguyễn Văn An");
    assert_eq!(p.sections[0].blocks.len(), 1);
}

#[test]
fn numbering_slips_are_warnings_with_line_numbers() {
    let src = minimal("I. NỘI DUNG\n\n1. Một.\n\n3. Ba.\n\nIII. KHÁC\n\na) một;\n\nc) ba.");
    let p = parse(&src).unwrap();
    let msgs: Vec<String> = p.warnings.iter().map(|w| w.to_string()).collect();
    let line_of = |needle: &str| src.lines().position(|l| l.starts_with(needle)).unwrap() + 1;
    assert!(
        msgs.iter().any(|m| m
            == &format!(
                "line {}: \"3.\" follows \"1.\" in section I; items are numbered by position",
                line_of("3. Ba")
            )),
        "{msgs:?}"
    );
    assert!(
        msgs.iter().any(|m| m.starts_with(&format!("line {}: \"III.\" follows \"I.\"", line_of("III.")))),
        "{msgs:?}"
    );
    assert!(msgs.iter().any(|m| m.starts_with(&format!("line {}: \"c)\" where \"b)\"", line_of("c) ba")))), "{msgs:?}");
}

#[test]
fn conflicts_and_bad_front_matter_are_errors_with_lines() {
    let src = minimal("I. A\n\n1. B.").replace("code = \"SNV\"", "code = \"SNV\"\n[signer]\nname = \"Trần Văn B\"");
    let e = parse(&src).unwrap_err();
    let Error::Text { line, message } = &e else { panic!("{e}") };
    assert!(message.contains("signer's name") && message.contains("Lê Minh Tuấn"), "{e}");
    assert_eq!(src.lines().nth(line - 1).unwrap(), "Lê Minh Tuấn");
    let src = minimal("I. A").replace("code = \"SNV\"", "code = SNV");
    let e = parse(&src).unwrap_err();
    assert!(matches!(e, Error::Text { line: 4, .. }), "{e}");
    assert!(e.to_string().contains("not valid TOML"), "{e}");
    let e = parse("+++\n[issuer]\nname = \"A\"\n").unwrap_err();
    assert!(e.to_string().contains("never closed"), "{e}");
    let e = parse(&minimal("I. A").replace("code = \"SNV\"", "code = \"SNV\"\ncolour = 1")).unwrap_err();
    assert!(e.to_string().contains("colour"), "{e}");
    // the number in both places, different
    let src = "+++\nnumber = 13\n[issuer]\nname = \"A\"\ncode = \"SNV\"\n+++\nSố: 12/KH-SNV\n";
    let e = parse(src).unwrap_err();
    assert!(matches!(&e, Error::Text { line: 7, message } if message.contains("number")), "{e}");
}

#[test]
fn marker_like_paragraphs_survive_the_round_trip() {
    let plan = Plan::builder()
        .issuer(Issuer::new("SỞ NỘI VỤ", "SNV"))
        .number(1)
        .place("Hà Nội")
        .date(2024, 1, 2)
        .title("Kế hoạch thử")
        .preamble("- 5 % không phải gạch đầu dòng")
        .preamble("chữ thường ở đầu đoạn")
        .section("NỘI DUNG", |s| {
            s.titled_item("Mục tiêu", |i| {
                i.paragraph("a) không phải điểm").paragraph("Trên đây không phải kết luận")
            })
            .item("Một khoản có nội dung.")
            .paragraph("Đoạn văn ở cấp mục, sau khoản.")
        })
        .closing("Trên đây là Kế hoạch.")
        .recipient("Sở Nội vụ")
        .archive(["VP"])
        .signer(Signer::new("Lê Minh Tuấn").title("GIÁM ĐỐC"))
        .build()
        .unwrap();
    let text = plan.to_text();
    assert_eq!(Plan::from_text(&text).unwrap(), plan, "\n{text}");
    assert!(text.contains("\\- 5 %"), "{text}");
}

// ---- property: any plan the builder makes round-trips ----

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]
    #[test]
    fn builder_plans_round_trip_through_text(plan in common::arb::plan()) {
        let text = plan.to_text();
        let back = Plan::from_text(&text);
        prop_assert!(back.is_ok(), "{:?}\n{}", back.err(), text);
        prop_assert_eq!(back.unwrap(), plan, "{}", text);
    }
}

/// Parts (`Phần I` and `A.`), a plan numbered from `1.` with sub-items and
/// `a.`/`a/.` points, a table with a column-number row, a group row and merged
/// cells, two appendices and a line under the signer's name: read as the
/// model says, and written back with no front matter beyond `[issuer]`.
#[test]
fn every_numbering_scheme_tables_and_appendices_round_trip_in_the_text_form() {
    let head = "+++\n[issuer]\nname = \"ỦY BAN NHÂN DÂN XÃ AN BÌNH\"\ncode = \"UBND\"\n+++\nSố: 12/KH-UBND\n\n\
                An Bình, ngày 05 tháng 3 năm 2026\n\nKẾ HOẠCH\n\nThực hiện nhiệm vụ năm 2026\n\n";
    let tail = "\n\nTrên đây là Kế hoạch (chi tiết tại Phụ lục kèm theo)./.\n\nNơi nhận:\n- UBND tỉnh;\n- Lưu: VT, VP.\n\n\
                TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n\nNguyễn Văn An\nBÍ THƯ ĐẢNG ỦY XÃ\n\n\
                PHỤ LỤC I\n\nNHIỆM VỤ CỤ THỂ\n\n(Kèm theo Kế hoạch số 12/KH-UBND ngày 05/3/2026 của UBND xã An Bình)\n\n\
                | TT | Nhiệm vụ | Chủ trì | Phối hợp |\n|  | (1) | (2) | (3) |\n| I. NHIỆM VỤ CHUNG |\n\
                | | Rà soát văn bản | Văn phòng | < |\n| | Tuyên truyền | Văn hóa - Xã hội | Các thôn <br> Trường học |\n\
                | | ^ | ^ | Đài truyền thanh |\n\n(*) Ghi chú dưới bảng.\n\n\
                PHỤ LỤC II\n\nĐỀ CƯƠNG BÁO CÁO\n\n1. Thông tin chung\n\na/. Tên đơn vị:\n\nb/. Địa chỉ:\n";
    let phan = "Phần I\n\nĐÁNH GIÁ KẾT QUẢ\n\nI. KẾT QUẢ\n\n1. Kinh tế\n\nTăng trưởng khá.\n\n\
                Phần II\n\nNHIỆM VỤ NĂM 2026\n\n1. Mục tiêu\n\n1.1. Về kinh tế\n\na. Tăng thu ngân sách;\n\nb. Giảm nghèo.";
    let letters = "A. MỤC ĐÍCH, YÊU CẦU\n\n1. Mục đích\n\nNhằm thực hiện tốt.\n\nB. NỘI DUNG\n\nI. CÔNG TÁC CHUNG\n\n\
                   1. Quán triệt\n\n- Tổ chức hội nghị.\n\nC. TỔ CHỨC THỰC HIỆN\n\n1. Văn phòng chủ trì.";
    let flat = "Căn cứ Luật Tổ chức chính quyền địa phương;\n\n1. Mục tiêu\n\n- Đánh giá toàn diện.\n\n\
                3. Nội dung:\n\n3.1. Đối tượng: các thôn.\n\n3.2 Thời gian: tháng 3.";
    for (name, body) in [("phần", phan), ("A. B. C.", letters), ("1. without sections", flat)] {
        let src = format!("{head}{body}{tail}");
        let parsed = parse(&src).unwrap_or_else(|e| panic!("{name}: {e}"));
        let plan = parsed.plan;
        assert!(!plan.validate().has_errors(), "{name}:\n{}", plan.validate());
        // what the text said is in the model
        assert_eq!(plan.signer.below_name, ["BÍ THƯ ĐẢNG ỦY XÃ"]);
        assert_eq!(plan.appendices.len(), 2);
        let Block::Table(t) = &plan.appendices[0].blocks[0] else { panic!("{name}: no table") };
        assert_eq!(t.column_numbers, vanban::ColumnNumbers::SkipFirst);
        assert!(matches!(&t.rows[0], vanban::Row::Group(_)));
        assert_eq!(t.rows[1].cell_list()[2].colspan, 2, "{name}: `<` joins the cell on its left");
        assert_eq!(t.rows[2].cell_list()[1].rowspan, 2, "{name}: `^` joins the cell above");
        assert_eq!(t.rows[2].cell_list()[3].paragraphs.len(), 2, "{name}: <br> splits a cell's paragraphs");
        match name {
            "phần" => {
                assert_eq!(plan.part_style, vanban::PartStyle::Phan);
                assert_eq!(plan.parts.len(), 2);
                assert_eq!(plan.parts[0].sections.len(), 1);
                let Block::Item(i) = &plan.parts[1].blocks[0] else { panic!() };
                let Block::Item(sub) = &i.blocks[0] else { panic!("1.1. is a sub-item") };
                assert_eq!(sub.blocks.len(), 2, "a. and b. are its points");
                assert_eq!(parsed.warnings.len(), 2 + 2, "{:?}", parsed.warnings);
                // a. b. a/. b/.
            }
            "A. B. C." => {
                assert_eq!(plan.part_style, vanban::PartStyle::Letter);
                assert_eq!(plan.parts.len(), 3, "C. is a part, not the Roman numeral 100");
                assert_eq!(plan.parts[1].sections.len(), 1);
            }
            _ => {
                assert!(plan.sections.is_empty() && plan.parts.is_empty());
                assert_eq!(plan.preamble.len(), 1, "only the Căn cứ line is preamble");
                assert_eq!(plan.blocks.len(), 2);
                assert!(parsed.warnings.iter().any(|w| w.message.contains("\"3.\" follows \"1.\"")));
                assert!(parsed.warnings.iter().any(|w| w.message.contains("3.2")));
            }
        }
        let text = plan.to_text();
        let front: toml::Table = text.split("+++").nth(1).unwrap().parse().unwrap();
        assert_eq!(front.keys().collect::<Vec<_>>(), ["issuer"], "{name}:\n{text}");
        let back = parse(&text).unwrap();
        assert_eq!(back.plan, plan, "{name}:\n{text}");
        assert!(back.warnings.iter().all(|w| !w.message.contains("written for")), "{:?}", back.warnings);
        assert!(plan.to_pdf().is_ok() && plan.to_docx().is_ok());
    }
}

/// Sentences that only look like numbering stay paragraphs (found in review).
#[test]
fn sentences_that_look_like_numbering_stay_paragraphs() {
    let body = "I. MỤC ĐÍCH\n\n1. Học tập tư tưởng\n\nC. Mác và V. I. Lê-nin đã chỉ rõ điều này.\n\n\
                1.500 người tham gia hội nghị.\n\nPhần I của Kế hoạch này áp dụng cho các thôn.\n\n\
                - Thời gian:\t7h30\n\n| một dòng | không phải bảng |";
    let parsed = parse(&minimal(body)).unwrap();
    let plan = parsed.plan;
    assert_eq!(plan.sections.len(), 1, "C. and V. are no sections here");
    assert!(plan.parts.is_empty(), "no part");
    let Block::Item(item) = &plan.sections[0].blocks[0] else { panic!() };
    assert_eq!(plan.sections[0].blocks.len(), 1, "{:#?}", plan.sections[0].blocks);
    let texts: Vec<String> = item
        .blocks
        .iter()
        .map(|b| match b {
            Block::Paragraph(p) => p.text.plain_text(),
            Block::Bullet(e) => format!("- {}", e.text.plain_text()),
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(
        texts,
        [
            "C. Mác và V. I. Lê-nin đã chỉ rõ điều này.",
            "1.500 người tham gia hội nghị.",
            "Phần I của Kế hoạch này áp dụng cho các thôn.",
            "- Thời gian: 7h30",
            "| một dòng | không phải bảng |",
        ]
    );
    assert!(!plan.validate().has_errors());
    // and they come back from the text form as paragraphs
    assert_eq!(Plan::from_text(&plan.to_text()).unwrap(), plan);
}

/// An appendix that is only its label and title has no content: an error,
/// not its title copied into its body.
#[test]
fn an_appendix_with_only_a_title_is_empty() {
    let src = minimal("I. MỤC ĐÍCH\n\n1. Nội dung theo Phụ lục.") + "\nPHỤ LỤC\n\nDanh sách\n";
    let plan = parse(&src).unwrap().plan;
    assert_eq!(plan.appendices.len(), 1);
    assert_eq!(plan.appendices[0].title.plain_text(), "Danh sách");
    assert!(plan.appendices[0].preamble.is_empty() && plan.appendices[0].blocks.is_empty());
    let r = plan.validate();
    assert!(r.errors().any(|e| e.path == "appendices[0]"), "{r}");
}
