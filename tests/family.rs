//! The forms a plan travels with (spec §12): a công văn (Mẫu 1.5) — no type
//! name, `V/v …` under its number in the header's left column, a symbol
//! without a type, Kính gửi, `- Như trên;` — and a Mẫu 1.4 document with a
//! Kính gửi block. Read back from the DOCX's XML and the PDF's text, and
//! through the plain text.

mod common;

use std::io::Read;

use vanban::{Form, Issuer, Plan, Signer};

fn cong_van() -> Plan {
    Plan::builder()
        .issuer(Issuer::new("SỞ CÔNG THƯƠNG", "SCT-QLCN").parent("UBND TỈNH LÀO CAI"))
        .form(Form::CongVan)
        .number(215)
        .place("Lào Cai")
        .date(2026, 3, 12)
        .title("triển khai kiểm tra an toàn vật liệu nổ công nghiệp năm 2026")
        .addressee("Các doanh nghiệp hoạt động vật liệu nổ công nghiệp trên địa bàn tỉnh")
        .preamble("Thực hiện Kế hoạch số 1105/KH-ĐKT ngày 10/3/2026 của Đoàn kiểm tra, Sở Công Thương đề nghị các doanh nghiệp chuẩn bị hồ sơ theo danh mục kèm theo.")
        .closing("Đề nghị các doanh nghiệp phối hợp thực hiện.")
        .recipient("Giám đốc Sở (b/c)")
        .archive(["QLCN"])
        .signer(Signer::new("Đỗ Mạnh Cường").title("KT. GIÁM ĐỐC").title("PHÓ GIÁM ĐỐC"))
        .build()
        .unwrap()
}

fn document_xml(docx: &[u8]) -> String {
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(docx)).unwrap();
    let mut s = String::new();
    z.by_name("word/document.xml").unwrap().read_to_string(&mut s).unwrap();
    s
}

/// (style, text) of every paragraph.
fn paragraphs(xml: &str) -> Vec<(String, String)> {
    let doc = roxmltree::Document::parse(xml).unwrap();
    let w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
    doc.descendants()
        .filter(|n| n.has_tag_name((w, "p")))
        .map(|p| {
            let style = p
                .descendants()
                .find(|n| n.has_tag_name((w, "pStyle")))
                .and_then(|n| n.attribute((w, "val")))
                .unwrap_or("")
                .to_owned();
            let text = p.descendants().filter(|n| n.has_tag_name((w, "t"))).filter_map(|n| n.text()).collect();
            (style, text)
        })
        .collect()
}

#[test]
fn a_cong_van_has_its_subject_under_the_number_and_no_type_name() {
    let plan = cong_van();
    assert!(plan.validate().problems.iter().all(|p| p.rule != vanban::Rule::Form), "{}", plan.validate());
    let paras = paragraphs(&document_xml(&plan.to_docx().unwrap()));
    let find = |style: &str| paras.iter().filter(|p| p.0 == style).map(|p| p.1.clone()).collect::<Vec<_>>();
    assert_eq!(find("SoKyHieu"), ["Số: 215/SCT-QLCN"], "the symbol has no type");
    let subject = find("TrichYeuCongVan").join(" ");
    assert_eq!(subject, "V/v triển khai kiểm tra an toàn vật liệu nổ công nghiệp năm 2026");
    assert!(find("TenLoai").is_empty() && find("TrichYeu").is_empty(), "no type name, no title block");
    assert_eq!(find("KinhGui"), ["Kính gửi: Các doanh nghiệp hoạt động vật liệu nổ công nghiệp trên địa bàn tỉnh"]);
    let recipients = find("NoiNhanMuc");
    assert_eq!(recipients.first().map(String::as_str), Some("- Như trên;"));
    // the subject sits in the number's cell: after Số, before the date
    let at = |t: &str| paras.iter().position(|p| p.1.starts_with(t)).unwrap();
    assert!(at("Số:") < at("V/v") && at("V/v") < at("Lào Cai, ngày"));

    if !common::tool_or_skip("pdftotext", "-v") {
        return;
    }
    let words = common::pdf_words(&plan.to_pdf().unwrap());
    let so = words.iter().find(|w| w.text == "Số:").unwrap();
    let vv = words.iter().find(|w| w.text == "V/v").unwrap();
    let frame_left_col = 30.0 * 72.0 / 25.4 + 0.4 * 165.0 * 72.0 / 25.4;
    assert!(vv.y0 > so.y1, "V/v under Số:");
    let subject_words: Vec<&common::Word> = words
        .iter()
        .filter(|w| w.page == 1 && w.y0 >= vv.y0 - 1.0 && w.y1 < vv.y1 + 40.0 && w.x0 < frame_left_col)
        .collect();
    assert!(subject_words.iter().all(|w| w.x1 <= frame_left_col + 1.0), "V/v stays in the left column");
    assert!(!words.iter().any(|w| w.text == "KẾ"), "no type name");
}

#[test]
fn a_report_with_kinh_gui_lists_its_addressees() {
    let plan = Plan::builder()
        .issuer(Issuer::new("SỞ NỘI VỤ", "SNV").parent("UBND TỈNH LÀO CAI"))
        .doc_type(vanban::DocType::BaoCao)
        .number(12)
        .place("Lào Cai")
        .date(2026, 3, 12)
        .title("Kết quả thực hiện công tác cải cách hành chính quý I năm 2026")
        .addressee("Bộ Nội vụ")
        .addressee("Ủy ban nhân dân tỉnh Lào Cai")
        .section("KẾT QUẢ", |s| s.item("Hoàn thành các nhiệm vụ."))
        .recipient("Như trên")
        .recipient("Lưu hồ sơ")
        .archive(["VP"])
        .signer(Signer::new("Nguyễn Văn An").title("GIÁM ĐỐC"))
        .build()
        .unwrap();
    let paras = paragraphs(&document_xml(&plan.to_docx().unwrap()));
    let kinh_gui: Vec<&str> = paras.iter().filter(|p| p.0 == "KinhGui").map(|p| p.1.as_str()).collect();
    assert_eq!(kinh_gui, ["Kính gửi:", "- Bộ Nội vụ;", "- Ủy ban nhân dân tỉnh Lào Cai."]);
    let recipients: Vec<&str> = paras.iter().filter(|p| p.0 == "NoiNhanMuc").map(|p| p.1.as_str()).collect();
    assert_eq!(recipients.iter().filter(|r| r.contains("Như trên")).count(), 1, "not doubled: {recipients:?}");
    assert!(paras.iter().any(|p| p.0 == "TenLoai" && p.1 == "BÁO CÁO"));
}

#[test]
fn the_forms_round_trip_through_the_plain_text() {
    let src = "+++\n[issuer]\nparent = \"UBND TỈNH LÀO CAI\"\nname = \"SỞ CÔNG THƯƠNG\"\n+++\nSố: 215/SCT-QLCN\n\n\
               V/v triển khai kiểm tra an toàn năm 2026\n\nLào Cai, ngày 12 tháng 3 năm 2026\n\n\
               Kính gửi: Các doanh nghiệp trên địa bàn tỉnh\n\n\
               Sở Công Thương đề nghị các doanh nghiệp chuẩn bị hồ sơ.\n\n\
               Nơi nhận:\n- Như trên;\n- Giám đốc Sở (b/c);\n- Lưu: VT, QLCN.\n\nKT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC\n\nĐỗ Mạnh Cường\n";
    let parsed = vanban::plaintext::parse(src).unwrap();
    let plan = parsed.plan;
    assert_eq!(plan.form, Form::CongVan);
    assert_eq!(plan.issuer.code, "SCT-QLCN");
    assert_eq!(plan.title.plain_text(), "triển khai kiểm tra an toàn năm 2026");
    assert_eq!(plan.addressees, ["Các doanh nghiệp trên địa bàn tỉnh"]);
    assert!(parsed.warnings.is_empty(), "{:?}", parsed.warnings);
    assert!(!plan.validate().has_errors(), "{}", plan.validate());
    let text = plan.to_text();
    let front: toml::Table = text.split("+++").nth(1).unwrap().parse().unwrap();
    assert_eq!(front.keys().collect::<Vec<_>>(), ["issuer"], "{text}");
    assert_eq!(Plan::from_text(&text).unwrap(), plan);
    // JSON and TOML too
    assert_eq!(Plan::from_json(&plan.to_json()).unwrap(), plan);
    assert_eq!(Plan::from_toml(&plan.to_toml()).unwrap(), plan);
    // a symbol without a type and no V/v is still an error that says why
    let bad = src.replace("V/v triển khai kiểm tra an toàn năm 2026\n\n", "");
    let e = vanban::plaintext::parse(&bad).unwrap_err().to_string();
    assert!(e.contains("V/v"), "{e}");
}

#[test]
fn the_cong_van_opens_in_libreoffice_with_its_subject_in_the_left_column() {
    if !(common::tool_or_skip("soffice", "--version") && common::tool_or_skip("pdftotext", "-v")) {
        return;
    }
    let dir = common::scratch("family");
    common::both_pdfs(&dir, [("cv", &cong_van())]);
    let words = common::pdf_words(&std::fs::read(dir.join("lo").join("cv.pdf")).unwrap());
    let so = words.iter().find(|w| w.text == "Số:").unwrap();
    let vv = words.iter().find(|w| w.text == "V/v").unwrap();
    assert!(
        vv.y0 > so.y1 && vv.x1 < 30.0 * 72.0 / 25.4 + 0.4 * 165.0 * 72.0 / 25.4,
        "V/v under Số: in the left column"
    );
    let _ = std::fs::remove_dir_all(&dir);
}
