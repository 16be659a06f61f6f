//! Tables read back from both outputs: a task table in a landscape
//! appendix that runs over several pages repeats its header on each page,
//! never splits a row, numbers its TT column 1…n; the DOCX marks the same
//! rows (`w:tblHeader`, `w:cantSplit`) and turns the same section; bad
//! tables are refused with the table and row named.

mod common;

use std::io::Read;

use vanban::{Appendix, Block, Cell, Issuer, Plan, Row, Rule, Signer, Table};

const MM: f32 = 72.0 / 25.4;
const ROWS: usize = 40;

fn task_table() -> Table {
    let mut t = Table::new([1.0, 8.0, 4.0, 4.0, 3.0])
        .header(["TT", "Nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian"])
        .column_numbers();
    for k in 1..=ROWS {
        if k == 21 {
            t = t.group("II. NHIỆM VỤ CỤ THỂ");
        }
        let task = format!(
            "đầu{k} Rà soát, cập nhật và hoàn thiện các văn bản quy phạm pháp luật về quản lý nhà nước trong lĩnh vực được giao, bảo đảm đồng bộ cuối{k}"
        );
        t = t.row([String::new(), task, "Sở Nội vụ".into(), "Các sở, ban, ngành".into(), "Quý II/2026".into()]);
    }
    t.size(12.0)
}

fn plan(landscape: Option<bool>) -> Plan {
    Plan::builder()
        .issuer(Issuer::new("SỞ NỘI VỤ", "SNV").parent("UBND TỈNH LÀO CAI"))
        .number(12)
        .place("Lào Cai")
        .date(2026, 3, 10)
        .title("Triển khai nhiệm vụ năm 2026")
        .section("NHIỆM VỤ", |s| {
            s.item("Các nhiệm vụ cụ thể tại Phụ lục kèm theo.")
                .table(Table::new([1.0, 5.0]).header(["TT", "Đơn vị"]).row(["", "Sở Nội vụ"]).row(["", "Sở Tài chính"]))
        })
        .closing("Trên đây là Kế hoạch.")
        .recipient("UBND tỉnh (b/c)")
        .archive(["VP"])
        .signer(Signer::new("Nguyễn Văn An").title("GIÁM ĐỐC"))
        .appendix(Appendix {
            title: "Danh mục nhiệm vụ".into(),
            blocks: vec![Block::Table(task_table())],
            landscape,
            ..Appendix::default()
        })
        .build()
        .unwrap()
}

fn media_boxes(pdf: &[u8]) -> Vec<(f32, f32)> {
    let doc = lopdf::Document::load_mem(pdf).unwrap();
    doc.get_pages()
        .values()
        .map(|id| {
            let page = doc.get_dictionary(*id).unwrap();
            let mb = page.get(b"MediaBox").unwrap().as_array().unwrap();
            let n = |o: &lopdf::Object| o.as_float().or_else(|_| o.as_i64().map(|v| v as f32)).unwrap();
            (n(&mb[2]) - n(&mb[0]), n(&mb[3]) - n(&mb[1]))
        })
        .collect()
}

#[test]
fn a_task_table_in_a_landscape_appendix_repeats_its_header_and_keeps_rows_whole() {
    if !common::tool_or_skip("pdftotext", "-v") {
        return;
    }
    let plan = plan(None);
    let pdf = plan.to_pdf().unwrap();
    let boxes = media_boxes(&pdf);
    let words = common::pdf_words(&pdf);
    // the appendix starts after the signature page
    let first = words.iter().find(|w| w.text == "đầu1").expect("the table is printed").page;
    let last = words.iter().find(|w| w.text == format!("cuối{ROWS}")).unwrap().page;
    assert!(last > first, "the table runs over several pages ({first}..{last})");
    for p in 1..first {
        assert!((boxes[p - 1].0 - 210.0 * MM).abs() < 1.0, "plan page {p} is portrait");
    }
    for p in first..=last {
        let (w, h) = boxes[p - 1];
        assert!((w - 297.0 * MM).abs() < 1.0 && (h - 210.0 * MM).abs() < 1.0, "page {p} is A4 landscape: {w} × {h}");
        // the header row is the first thing under the top margin
        let top: Vec<&common::Word> = words.iter().filter(|w| w.page == p && w.y1 > 20.0 * MM).collect();
        let y_top = top.iter().map(|w| w.y1).fold(f32::MAX, f32::min);
        let first_line: Vec<&str> =
            top.iter().filter(|w| (w.y1 - y_top).abs() < 2.0).map(|w| w.text.as_str()).collect();
        if p == first {
            assert_eq!(first_line, ["Phụ", "lục"], "the appendix opens with its label");
        } else {
            assert!(first_line.contains(&"TT") && first_line.contains(&"Nhiệm"), "page {p} starts with {first_line:?}");
        }
        if p > first {
            assert!(words.iter().any(|w| w.page == p && w.text == "(2)"), "page {p}: the column-number row repeats");
        }
        // the appendix numbers its own pages: its second page is 2
        if p > first {
            let number = (p - first + 1).to_string();
            assert!(
                words.iter().any(|w| w.page == p && w.y1 < 20.0 * MM && w.text == number),
                "page {p} is numbered {number}"
            );
        }
    }
    // no row is split: each row's first and last words share a page
    for k in 1..=ROWS {
        let page = |t: String| words.iter().find(|w| w.text == t).unwrap_or_else(|| panic!("{t} missing")).page;
        assert_eq!(page(format!("đầu{k}")), page(format!("cuối{k}")), "row {k} is split across pages");
    }
    // the TT column counts 1…n, restarting under the group row
    let tt_right = words.iter().find(|w| w.text == "TT" && w.page == first).unwrap().x1 + 15.0;
    let numbers: Vec<u32> = words
        .iter()
        .filter(|w| w.page >= first && w.y1 > 20.0 * MM && w.x1 < tt_right)
        .filter_map(|w| w.text.parse().ok())
        .collect();
    let expected: Vec<u32> = (1..=20).chain(1..=20).collect();
    assert_eq!(numbers, expected);
}

#[test]
fn landscape_is_chosen_for_wide_tables_and_can_be_refused() {
    let narrow = plan(Some(false)).to_pdf().unwrap();
    assert!(media_boxes(&narrow).iter().all(|(w, _)| (w - 210.0 * MM).abs() < 1.0), "forced portrait");
    // a table whose columns cannot fit portrait turns the appendix
    let mut wide = plan(None);
    let mut t = Table::new([1.0; 9]);
    t = t.header([
        "TT",
        "Khoáng sản",
        "Phương thức",
        "Trách nhiệm",
        "Kiểm tra",
        "Đánh giá",
        "Tổng hợp",
        "Báo cáo",
        "Ghi chú",
    ]);
    t = t.row(["", "Khoáng sản", "Phương thức", "Trách nhiệm", "Kiểm tra", "Đánh giá", "Tổng hợp", "Báo cáo", ""]);
    wide.appendices[0].blocks = vec![Block::Table(t)];
    let boxes = media_boxes(&wide.to_pdf().unwrap());
    assert!((boxes.last().unwrap().0 - 297.0 * MM).abs() < 1.0, "nine columns of long words turn the page");
    // the short task table of the body stays in the portrait plan
    let body_only = media_boxes(&plan(Some(false)).to_pdf().unwrap());
    assert!((body_only[0].1 - 297.0 * MM).abs() < 1.0);
}

fn document_xml(docx: &[u8]) -> String {
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(docx)).unwrap();
    let mut s = String::new();
    z.by_name("word/document.xml").unwrap().read_to_string(&mut s).unwrap();
    s
}

#[test]
fn docx_tables_mark_header_rows_keep_rows_whole_and_turn_the_appendix() {
    const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
    let xml = document_xml(&plan(None).to_docx().unwrap());
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let tables: Vec<roxmltree::Node> = doc.descendants().filter(|n| n.has_tag_name((W, "tbl"))).collect();
    // header table, the body's table, the closing table, the task table
    assert_eq!(tables.len(), 4);
    let task = tables[3];
    let rows: Vec<roxmltree::Node> = task.children().filter(|n| n.has_tag_name((W, "tr"))).collect();
    assert_eq!(rows.len(), 2 + ROWS + 1, "header, column numbers, rows and the group row");
    let has = |row: &roxmltree::Node, tag: &str| row.descendants().any(|n| n.has_tag_name((W, tag)));
    assert!(has(&rows[0], "tblHeader") && has(&rows[1], "tblHeader"), "header rows repeat");
    assert!(rows[2..].iter().all(|r| !has(r, "tblHeader")), "body rows do not");
    assert!(rows.iter().all(|r| has(r, "cantSplit")), "no row splits across pages");
    // the group row spans the five columns
    let group = rows.iter().find(|r| r.descendants().any(|n| n.text() == Some("II. NHIỆM VỤ CỤ THỂ"))).unwrap();
    let span = group.descendants().find(|n| n.has_tag_name((W, "gridSpan"))).unwrap();
    assert_eq!(span.attribute((W, "val")), Some("5"));
    // fixed widths summing to the landscape text width (297 − 30 − 15 mm)
    let grid: i64 = task
        .descendants()
        .filter(|n| n.has_tag_name((W, "gridCol")))
        .map(|n| n.attribute((W, "w")).unwrap().parse::<i64>().unwrap())
        .sum();
    assert!((grid - 14287).abs() <= 5, "grid {grid} twips");
    let body_grid: i64 = tables[1]
        .descendants()
        .filter(|n| n.has_tag_name((W, "gridCol")))
        .map(|n| n.attribute((W, "w")).unwrap().parse::<i64>().unwrap())
        .sum();
    assert!((body_grid - 9354).abs() <= 5, "the body's table spans the portrait text width: {body_grid}");
    // the appendix's section (the body's last sectPr) is landscape, the plan's is not
    let sects: Vec<roxmltree::Node> = doc.descendants().filter(|n| n.has_tag_name((W, "sectPr"))).collect();
    let orient = |s: &roxmltree::Node| {
        s.children().find(|n| n.has_tag_name((W, "pgSz"))).and_then(|n| n.attribute((W, "orient"))).map(str::to_owned)
    };
    assert_eq!(orient(&sects[0]), None);
    assert_eq!(orient(sects.last().unwrap()).as_deref(), Some("landscape"));
}

#[test]
fn docx_tables_open_in_libreoffice_with_the_header_on_each_page() {
    if !(common::tool_or_skip("soffice", "--version") && common::tool_or_skip("pdftotext", "-v")) {
        return;
    }
    let dir = common::scratch("tables-lo");
    let docx = dir.join("t.docx");
    std::fs::write(&docx, plan(None).to_docx().unwrap()).unwrap();
    common::libreoffice_to_pdf(&dir, &[&docx]);
    let pdf = std::fs::read(dir.join("t.pdf")).unwrap();
    let words = common::pdf_words(&pdf);
    let first = words.iter().find(|w| w.text == "đầu1").unwrap().page;
    let last = words.iter().find(|w| w.text == format!("cuối{ROWS}")).unwrap().page;
    assert!(last > first);
    for p in first..=last {
        assert!(words.iter().any(|w| w.page == p && w.text == "Nhiệm"), "LibreOffice page {p} repeats the header");
    }
    for k in 1..=ROWS {
        let page = |t: String| words.iter().find(|w| w.text == t).unwrap().page;
        assert_eq!(page(format!("đầu{k}")), page(format!("cuối{k}")), "LibreOffice split row {k}");
    }
    let boxes = media_boxes(&pdf);
    assert!((boxes[last - 1].0 - 297.0 * MM).abs() < 1.0, "LibreOffice's appendix page is landscape");
    let _ = std::fs::remove_dir_all(&dir);
}

fn errors_at(plan: &Plan) -> Vec<String> {
    plan.validate().errors().filter(|p| p.rule == Rule::Table).map(|p| p.path.clone()).collect()
}

#[test]
fn bad_tables_are_refused_naming_the_table_and_row() {
    let with = |t: Table| {
        let mut p = plan(Some(false));
        p.appendices[0].blocks = vec![Block::Table(t)];
        p
    };
    let ragged = Table::new([1.0, 2.0, 3.0]).header(["a", "b", "c"]).row(["x", "y", "z"]).row(["only", "two"]);
    assert_eq!(errors_at(&with(ragged)), ["appendices[0].blocks[0].rows[1]"]);
    let overflow = Table::new([1.0, 2.0]).header(["a", "b"]).row([Cell::from("x"), Cell::from("y").colspan(2)]);
    assert_eq!(errors_at(&with(overflow)), ["appendices[0].blocks[0].rows[0].cells[1]"]);
    let down = Table::new([1.0, 2.0]).header(["a", "b"]).row([Cell::from("x").rowspan(3), Cell::from("y")]);
    assert_eq!(errors_at(&with(down)), ["appendices[0].blocks[0].rows[0].cells[0]"]);
    let empty = Table::new([1.0, 2.0]).header(["a", "b"]);
    assert_eq!(errors_at(&with(empty)), ["appendices[0].blocks[0]"]);
    let no_columns = Table { rows: vec![Row::cells(["x"])], ..Table::default() };
    assert_eq!(errors_at(&with(no_columns)), ["appendices[0].blocks[0]"]);
    let tiny = Table::new([1.0]).header(["a"]).row(["x"]).size(10.0);
    assert_eq!(errors_at(&with(tiny)), ["appendices[0].blocks[0].size"]);
    // fixed columns wider than the portrait page: refused in the body,
    // fine in an appendix that may turn landscape
    let wide = Table { columns: vec![vanban::Column::mm(120.0), vanban::Column::mm(100.0)], ..Table::default() }
        .header(["a", "b"])
        .row(["x", "y"]);
    let mut p = plan(Some(false));
    p.sections[0].blocks.push(Block::Table(wide.clone()));
    let errs: Vec<String> =
        p.validate().errors().filter(|e| e.rule == Rule::Table).map(|e| e.message.clone()).collect();
    assert!(errs.iter().any(|m| m.contains("wider than the text area")), "{errs:?}");
    let mut p = plan(None);
    p.appendices[0].blocks = vec![Block::Table(wide)];
    assert!(errors_at(&p).is_empty());
    assert!(p.to_pdf().is_ok());
}

#[test]
fn tables_load_from_toml_and_json() {
    let toml = r#"
        columns = [1, 6, { mm = 35 }]
        header = [["TT", "Nội dung", "Thời gian"]]
        column_numbers = "skip-first"
        size = 12
        rows = [
          { group = "I. NHIỆM VỤ CHUNG" },
          ["", "Rà soát văn bản", "Quý I"],
          [{ text = "", rowspan = 2 }, "Tuyên truyền", "Quý II"],
          ["Hội nghị", "Quý III"],
        ]
    "#;
    let t: Table = toml::from_str(toml).unwrap();
    assert_eq!(t.column_numbers, vanban::ColumnNumbers::SkipFirst);
    let mut p = plan(Some(false));
    p.appendices[0].blocks = vec![Block::Table(t)];
    assert!(p.validate().errors().next().is_none(), "{}", p.validate());
    let back = Plan::from_json(&p.to_json()).unwrap();
    assert_eq!(back, p);
    let back = Plan::from_toml(&p.to_toml()).unwrap();
    assert_eq!(back, p);
}

#[test]
fn a_row_taller_than_a_page_is_split_between_lines_with_the_header_repeated() {
    if !common::tool_or_skip("pdftotext", "-v") {
        return;
    }
    let long: Vec<String> = (1..=900).map(|k| format!("từ{k}")).collect();
    let t = Table::new([1.0, 6.0, 2.0])
        .header(["TT", "Nhiệm vụ", "Chủ trì"])
        .row(["", long.join(" ").as_str(), "Sở Nội vụ"])
        .row(["", "Nhiệm vụ cuối cùng", "Sở Tài chính"]);
    let mut p = plan(Some(false));
    p.appendices[0].blocks = vec![Block::Table(t)];
    let words = common::pdf_words(&p.to_pdf().unwrap());
    let pages: Vec<usize> =
        long.iter().map(|w| words.iter().find(|x| &x.text == w).expect("no word lost").page).collect();
    assert!(pages.windows(2).all(|w| w[0] <= w[1]), "the row's lines stay in order");
    let (first, last) = (pages[0], *pages.last().unwrap());
    assert!(last > first, "the row runs over {first}..{last}");
    for page in first + 1..=last {
        assert!(words.iter().any(|w| w.page == page && w.text == "Nhiệm"), "page {page} repeats the header");
    }
    // each line of the row appears once: no line is drawn twice at the cut
    let count = words.iter().filter(|w| w.text.starts_with("từ")).count();
    assert_eq!(count, long.len());
}

/// Tables no page can hold whole still print every word, in order, and end:
/// a header taller than half a page (not repeated then) and a band of rows
/// tied by a row span taller than a page (placed row by row).
#[test]
fn headers_and_bands_taller_than_a_page_still_print_everything() {
    let many = |prefix: &str, n: usize| (1..=n).map(|k| format!("{prefix}{k}")).collect::<Vec<_>>().join("\n");
    let tall_header = Table::new([1.0, 1.0]).header([many("đầu", 60).as_str(), "B"]).row(["x", "y"]).row(["z", "w"]);
    let tall_band = Table::new([1.0, 1.0])
        .header(["A", "B"])
        .row([Cell::from(many("gộp", 80).as_str()).rowspan(2), Cell::from("một")])
        .row(["hai"])
        .row(["ba", "bốn"]);
    for (name, t, words) in [("header", tall_header, many("đầu", 60)), ("band", tall_band, many("gộp", 80))] {
        let mut p = plan(Some(false));
        p.appendices[0].blocks = vec![Block::Table(t)];
        let layout_pages = std::sync::atomic::AtomicUsize::new(0);
        p.for_each_page(|_| {
            // a runaway loop would never stop adding pages
            assert!(layout_pages.fetch_add(1, std::sync::atomic::Ordering::Relaxed) < 50, "{name}: endless pages");
        })
        .unwrap();
        if !common::tool_or_skip("pdftotext", "-v") {
            continue;
        }
        let got: Vec<String> = common::pdf_words(&p.to_pdf().unwrap()).into_iter().map(|w| w.text).collect();
        let want: Vec<String> = words.lines().map(str::to_owned).collect();
        common::in_order(&got, &want, |a, b| a == b).unwrap_or_else(|e| panic!("{name}: {e}"));
    }
}
