//! The DOCX read back: unzip, parse the XML, assert what Decree 30 requires.

mod common;

use std::collections::HashMap;
use std::io::Read;

use roxmltree::{Document, Node};
use vanban::fonts::{FontSet, FontStyle};
use vanban::Plan;

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

struct Docx {
    parts: HashMap<String, String>,
}

impl Docx {
    fn open(bytes: &[u8]) -> Docx {
        let mut z = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip file");
        let mut parts = HashMap::new();
        for i in 0..z.len() {
            let mut f = z.by_index(i).unwrap();
            let mut s = String::new();
            if f.read_to_string(&mut s).is_ok() {
                parts.insert(f.name().to_owned(), s);
            }
        }
        Docx { parts }
    }
    fn part(&self, name: &str) -> &str {
        self.parts.get(name).unwrap_or_else(|| panic!("no part {name}"))
    }
}

fn w<'a>(n: Node<'a, 'a>, name: &str) -> Option<Node<'a, 'a>> {
    n.children().find(|c| c.has_tag_name((W, name)))
}
fn attr<'a>(n: Node<'a, 'a>, name: &str) -> Option<&'a str> {
    n.attribute((W, name))
}
fn para_text(p: Node) -> String {
    p.descendants().filter(|n| n.has_tag_name((W, "t"))).filter_map(|n| n.text()).collect()
}
fn pstyle<'a>(p: Node<'a, 'a>) -> Option<&'a str> {
    w(p, "pPr").and_then(|ppr| w(ppr, "pStyle")).and_then(|s| attr(s, "val"))
}

/// Style id → (size in half-points, bold, italic, jc, firstLine, before, line, lineRule).
#[derive(Debug, Default, Clone)]
struct StyleInfo {
    sz: Option<u32>,
    bold: bool,
    italic: bool,
    jc: Option<String>,
    first_line: Option<i32>,
    before: Option<i32>,
    line_rule: Option<String>,
}

fn styles(docx: &Docx) -> HashMap<String, StyleInfo> {
    let xml = docx.part("word/styles.xml");
    let doc = Document::parse(xml).unwrap();
    let mut out = HashMap::new();
    for s in doc.descendants().filter(|n| n.has_tag_name((W, "style"))) {
        let id = attr(s, "styleId").unwrap().to_owned();
        let mut info = StyleInfo::default();
        if let Some(rpr) = w(s, "rPr") {
            info.sz = w(rpr, "sz").and_then(|n| attr(n, "val")).map(|v| v.parse().unwrap());
            info.bold = w(rpr, "b").is_some_and(|b| attr(b, "val") != Some("false"));
            info.italic = w(rpr, "i").is_some_and(|b| attr(b, "val") != Some("false"));
        }
        if let Some(ppr) = w(s, "pPr") {
            info.jc = w(ppr, "jc").and_then(|n| attr(n, "val")).map(str::to_owned);
            info.first_line = w(ppr, "ind").and_then(|n| attr(n, "firstLine")).map(|v| v.parse().unwrap());
            if let Some(sp) = w(ppr, "spacing") {
                info.before = attr(sp, "before").map(|v| v.parse().unwrap());
                info.line_rule = attr(sp, "lineRule").map(str::to_owned);
            }
        }
        out.insert(id, info);
    }
    out
}

fn sample_docx(i: usize) -> (Plan, Vec<u8>) {
    let s = common::samples();
    let plan = common::load(&s[i].1);
    let bytes = plan.to_docx().unwrap();
    (plan, bytes)
}

#[test]
fn page_size_margins_and_title_page() {
    for i in 0..3 {
        let (_, bytes) = sample_docx(i);
        let d = Docx::open(&bytes);
        let doc = Document::parse(d.part("word/document.xml")).unwrap();
        let sect = doc.descendants().rfind(|n| n.has_tag_name((W, "sectPr"))).unwrap();
        let pgsz = w(sect, "pgSz").unwrap();
        assert_eq!((attr(pgsz, "w"), attr(pgsz, "h")), (Some("11906"), Some("16838")), "A4 portrait");
        let m = w(sect, "pgMar").unwrap();
        let get = |k| attr(m, k).unwrap().parse::<i32>().unwrap();
        assert_eq!((get("top"), get("bottom"), get("left"), get("right")), (1134, 1134, 1701, 850));
        assert!(get("header") < get("top"), "the page number sits in the top margin");
        assert!(w(sect, "titlePg").is_some(), "titlePg: no number on page 1");
        // first-page header is empty, the default one holds a centred PAGE field
        let rels = d.part("word/_rels/document.xml.rels");
        let target = |rid: &str| -> String {
            let r = Document::parse(rels).unwrap();
            let t = r
                .descendants()
                .find(|n| n.attribute("Id") == Some(rid))
                .unwrap()
                .attribute("Target")
                .unwrap()
                .to_owned();
            t
        };
        let mut kinds = HashMap::new();
        for h in sect.children().filter(|n| n.has_tag_name((W, "headerReference"))) {
            let rid =
                h.attribute(("http://schemas.openxmlformats.org/officeDocument/2006/relationships", "id")).unwrap();
            kinds.insert(attr(h, "type").unwrap().to_owned(), target(rid));
        }
        let first = Document::parse(d.part(&format!("word/{}", kinds["first"]))).unwrap().input_text().to_owned();
        assert!(!first.contains("<w:t"), "first-page header must be empty: {first}");
        let default = d.part(&format!("word/{}", kinds["default"]));
        assert!(default.contains("PAGE"), "{default}");
        let hdoc = Document::parse(default).unwrap();
        let p = hdoc.descendants().find(|n| n.has_tag_name((W, "p"))).unwrap();
        let st = styles(&d);
        let info = &st[pstyle(p).unwrap()];
        assert_eq!(info.jc.as_deref(), Some("center"));
        assert_eq!(info.sz, Some(28), "page numbers 14 pt");
    }
}

#[test]
fn fonts_on_every_run_and_language() {
    for i in 0..3 {
        let (_, bytes) = sample_docx(i);
        let d = Docx::open(&bytes);
        for part in ["word/document.xml", "word/header1.xml", "word/header2.xml"] {
            let Some(xml) = d.parts.get(part) else { continue };
            let doc = Document::parse(xml).unwrap();
            for r in doc.descendants().filter(|n| n.has_tag_name((W, "r"))) {
                let f =
                    w(r, "rPr").and_then(|p| w(p, "rFonts")).unwrap_or_else(|| panic!("run without rFonts in {part}"));
                for slot in ["ascii", "hAnsi", "eastAsia", "cs"] {
                    assert_eq!(attr(f, slot), Some("Times New Roman"), "{slot} in {part}");
                }
            }
        }
        let styles = d.part("word/styles.xml");
        assert!(styles.contains(r#"<w:lang w:val="vi-VN""#), "language vi-VN");
        let settings = d.part("word/settings.xml");
        assert!(
            !settings.contains("balanceSingleByteDoubleByteWidth") && !settings.contains("useFELayout"),
            "{settings}"
        );
        let core = d.part("docProps/core.xml");
        assert!(core.contains("<dc:creator>SỞ VĂN HÓA") || core.contains("<dc:creator>SỞ NỘI VỤ"), "{core}");
        assert!(!core.contains("unknown"), "{core}");
    }
}

#[test]
fn component_sizes_and_weights() {
    let (_, bytes) = sample_docx(0);
    let st = styles(&Docx::open(&bytes));
    // (style, half-points, bold, italic) from nd30.md §2.2 and the defaults of §7
    let want = [
        ("QuocHieu", 26, true, false),
        ("TieuNgu", 28, true, false),
        ("CoQuanChuQuan", 26, false, false),
        ("CoQuanBanHanh", 26, true, false),
        ("SoKyHieu", 26, false, false),
        ("DiaDanhNgay", 28, false, true),
        ("TenLoai", 28, true, false),
        ("TrichYeu", 28, true, false),
        ("NoiDung", 28, false, false),
        ("Muc", 28, true, false),
        ("Khoan", 28, true, false),
        ("ChucVu", 28, true, false),
        ("HoTen", 28, true, false),
        ("NoiNhan", 24, true, true),
        ("NoiNhanMuc", 22, false, false),
        ("SoTrang", 28, false, false),
    ];
    for (id, sz, b, i) in want {
        let s = &st[id];
        assert_eq!((s.sz, s.bold, s.italic), (Some(sz), b, i), "{id}");
    }
    let body = &st["NoiDung"];
    assert_eq!(body.jc.as_deref(), Some("both"), "body justified");
    assert_eq!(body.first_line, Some(567), "first-line indent 1 cm");
    assert_eq!(body.before, Some(120), "6 pt before");
    assert_eq!(body.line_rule.as_deref(), Some("auto"));
    for (id, s) in &st {
        assert_ne!(s.line_rule.as_deref(), Some("exact"), "{id} uses exact line spacing");
    }
}

#[test]
fn body_paragraphs_use_their_styles() {
    let (_, bytes) = sample_docx(0);
    let d = Docx::open(&bytes);
    let doc = Document::parse(d.part("word/document.xml")).unwrap();
    assert!(!d.part("word/document.xml").contains(r#"w:lineRule="exact""#));
    let body: Vec<(String, String)> = doc
        .descendants()
        .filter(|n| n.has_tag_name((W, "p")))
        .filter(|p| !p.ancestors().any(|a| a.has_tag_name((W, "tbl"))))
        .filter_map(|p| Some((pstyle(p)?.to_owned(), para_text(p))))
        .collect();
    let find = |t: &str| body.iter().find(|(_, x)| x.starts_with(t)).unwrap_or_else(|| panic!("{t}")).0.clone();
    assert_eq!(find("KẾ HOẠCH"), "TenLoai");
    assert_eq!(find("Hưởng ứng phong trào"), "TrichYeu");
    assert_eq!(find("I. MỤC ĐÍCH, YÊU CẦU"), "Muc");
    assert_eq!(find("1. Mục đích"), "Khoan");
    assert_eq!(find("- Phát huy tinh thần"), "NoiDung");
    assert_eq!(find("1. Thi đua triển khai"), "NoiDung");
    // inline italic kept as a run
    let xml = d.part("word/document.xml");
    let i = xml.find("sau đây gọi tắt là Phong trào thi đua").unwrap();
    let run_start = xml[..i].rfind("<w:r>").unwrap();
    assert!(xml[run_start..i].contains("<w:i/>"), "{}", &xml[run_start..i]);
    // the body ends with ./. once
    let last = body.iter().rev().find(|(s, _)| s == "NoiDung").unwrap();
    assert!(last.1.ends_with("Đắk Nông./.") && !last.1.ends_with("./../."), "{}", last.1);
}

/// A cell: its paragraphs as (style, text).
type Cell = Vec<(Option<String>, String)>;

fn tables(xml: &str) -> Vec<Vec<Vec<Cell>>> {
    // table → row → cell → paragraphs (style, text)
    let doc = Document::parse(xml).unwrap();
    doc.descendants()
        .filter(|n| n.has_tag_name((W, "tbl")))
        .map(|t| {
            t.children()
                .filter(|n| n.has_tag_name((W, "tr")))
                .map(|tr| {
                    tr.children()
                        .filter(|n| n.has_tag_name((W, "tc")))
                        .map(|tc| {
                            tc.children()
                                .filter(|n| n.has_tag_name((W, "p")))
                                .map(|p| (pstyle(p).map(str::to_owned), para_text(p)))
                                .collect()
                        })
                        .collect()
                })
                .collect()
        })
        .collect()
}

#[test]
fn header_strings_and_closing_block() {
    let cases = [
        (0, "Số: 46/KH-SVHTTDL", "Đắk Nông, ngày 22 tháng 10 năm 2021", vec!["UBND TỈNH ĐẮK NÔNG"]),
        // too wide at 13 pt: broken before the territory (spec §11), not shrunk
        (1, "Số: 3887/KH-SVHTTDL", "Cần Thơ, ngày 25 tháng 12 năm 2020", vec!["UBND", "THÀNH PHỐ CẦN THƠ"]),
        // a draft's blanks in fixed-width en spaces (spec §9)
        (
            2,
            "Số:\u{2002}\u{2002}\u{2002}/KH-SNV",
            "Bình Định, ngày\u{2002}\u{2002}tháng\u{2002}\u{2002}năm 2021",
            vec!["UBND TỈNH BÌNH ĐỊNH", "SỞ NỘI VỤ"],
        ),
    ];
    for (i, number, date, agency) in cases {
        let (plan, bytes) = sample_docx(i);
        let d = Docx::open(&bytes);
        let t = tables(d.part("word/document.xml"));
        assert_eq!(t.len(), 2, "header and closing tables");
        let header = &t[0];
        let left: Vec<&str> = header[0][0].iter().map(|p| p.1.as_str()).filter(|s| !s.is_empty()).collect();
        assert_eq!(&left[..agency.len()], &agency[..]);
        let right: Vec<&str> = header[0][1].iter().map(|p| p.1.as_str()).filter(|s| !s.is_empty()).collect();
        assert_eq!(right, ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]);
        // Số and the date share a row
        assert_eq!(header[1][0][0].1, number);
        assert_eq!(header[1][1][0].1, date);
        assert_eq!(header[1][1][0].0.as_deref(), Some("DiaDanhNgay"));
        // closing: Nơi nhận level with the first title line
        let closing = &t[1][0];
        assert_eq!(closing[0][0].1, "Nơi nhận:");
        assert_eq!(closing[1][0].1, "GIÁM ĐỐC");
        assert_eq!(closing[1].last().unwrap().1, plan.signer.name);
        let rec: Vec<&str> = closing[0][1..].iter().map(|p| p.1.as_str()).collect();
        let n = rec.len();
        for (k, r) in rec.iter().enumerate() {
            assert!(r.starts_with("- "), "{r}");
            if k + 1 < n {
                assert!(r.ends_with(';') && !r.ends_with(";;"), "{r}");
            } else {
                assert!(r.starts_with("- Lưu: VT, ") && r.ends_with('.'), "{r}");
            }
        }
    }
}

#[test]
fn tables_are_borderless_and_fit_the_quoc_hieu() {
    let (_, bytes) = sample_docx(0);
    let xml = Docx::open(&bytes).part("word/document.xml").to_owned();
    let doc = Document::parse(&xml).unwrap();
    for tbl in doc.descendants().filter(|n| n.has_tag_name((W, "tbl"))) {
        let tblpr = w(tbl, "tblPr").unwrap();
        if let Some(b) = w(tblpr, "tblBorders") {
            for side in b.children().filter(|n| n.is_element()) {
                assert!(matches!(attr(side, "val"), Some("nil" | "none")), "table border {:?}", side.tag_name());
            }
        }
        for tc in tbl.descendants().filter(|n| n.has_tag_name((W, "tcBorders"))) {
            for side in tc.children().filter(|n| n.is_element()) {
                assert!(matches!(attr(side, "val"), Some("nil" | "none")), "cell border");
            }
        }
    }
    // the right header column holds the Quốc hiệu on one line
    let grid = header_grid(&doc);
    let qh = FontSet::bundled().measure("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", FontStyle::Bold, 13.0);
    let padding = 2.0 * 108.0 / 20.0; // Word's default cell margins
    assert!(grid[1] - padding >= qh, "right column {} pt < Quốc hiệu {qh} pt", grid[1]);
    assert!((grid[0] + grid[1] - 467.7).abs() < 1.0, "tables span the text width");
}

/// The header table's column widths in points.
fn header_grid(doc: &Document) -> Vec<f32> {
    let first = doc.descendants().find(|n| n.has_tag_name((W, "tbl"))).unwrap();
    first
        .descendants()
        .filter(|n| n.has_tag_name((W, "gridCol")))
        .map(|g| attr(g, "w").unwrap().parse::<f32>().unwrap() / 20.0)
        .collect()
}

#[test]
fn rule_lengths_match_measured_text() {
    let (_, bytes) = sample_docx(0);
    let xml = Docx::open(&bytes).part("word/document.xml").to_owned();
    let doc = Document::parse(&xml).unwrap();
    let fonts = FontSet::bundled();
    let grid = header_grid(&doc);
    let rules: Vec<(f32, Node)> = doc
        .descendants()
        .filter(|p| p.has_tag_name((W, "p")))
        .filter(|p| {
            w(*p, "pPr")
                .and_then(|x| w(x, "pBdr"))
                .and_then(|b| w(b, "bottom"))
                .is_some_and(|b| attr(b, "val") == Some("single"))
        })
        .map(|p| {
            let ind = w(w(p, "pPr").unwrap(), "ind").unwrap();
            let side = attr(ind, "left").unwrap().parse::<f32>().unwrap() / 20.0;
            (side, p)
        })
        .collect();
    assert_eq!(rules.len(), 3, "agency, Tiêu ngữ and title rules");
    let pad = 5.4;
    // agency rule: inside the left cell, 1/3–1/2 of "SỞ VĂN HÓA, THỂ THAO"
    let agency = fonts.measure("SỞ VĂN HÓA, THỂ THAO", FontStyle::Bold, 13.0);
    let len = grid[0] - 2.0 * pad - 2.0 * rules[0].0;
    assert!(len >= agency / 3.0 - 0.5 && len <= agency / 2.0 + 0.5, "agency rule {len} of {agency}");
    // Tiêu ngữ rule: as long as the text
    let tn = fonts.measure("Độc lập - Tự do - Hạnh phúc", FontStyle::Bold, 14.0);
    let len = grid[1] - 2.0 * pad - 2.0 * rules[1].0;
    assert!((len - tn).abs() < 0.5, "Tiêu ngữ rule {len} vs text {tn}");
    // title rule: 1/3–1/2 of the widest title line, centred on the text width
    let len = 467.7 - 2.0 * rules[2].0;
    let widest = vanban::geometry::wrap(
        fonts,
        &common::load(&common::samples()[0].1).title.plain_text(),
        FontStyle::Bold,
        14.0,
        467.7,
    )
    .iter()
    .map(|l| fonts.measure(l, FontStyle::Bold, 14.0))
    .fold(0.0, f32::max);
    assert!(len >= widest / 3.0 - 0.5 && len <= widest / 2.0 + 0.5, "title rule {len} of {widest}");
}

/// The schema order of the children of pPr and rPr (ECMA-376 Part 1,
/// CT_PPrBase and EG_RPrBase), written out independently of the library.
const PPR: &str = "pStyle keepNext keepLines pageBreakBefore framePr widowControl numPr suppressLineNumbers pBdr shd tabs suppressAutoHyphens kinsoku wordWrap overflowPunct topLinePunct autoSpaceDE autoSpaceDN bidi adjustRightInd snapToGrid spacing ind contextualSpacing mirrorIndents suppressOverlap jc textDirection textAlignment textboxTightWrap outlineLvl divId cnfStyle rPr sectPr pPrChange";
const RPR: &str = "rStyle rFonts b bCs i iCs caps smallCaps strike dstrike outline shadow emboss imprint noProof snapToGrid vanish webHidden color spacing w kern position sz szCs highlight u effect bdr shd fitText vertAlign rtl cs em lang eastAsianLayout specVanish oMath";

#[test]
fn property_children_are_in_schema_order() {
    let order = |list: &str, name: &str| list.split(' ').position(|x| x == name);
    for path in common::all_fixtures() {
        let bytes = common::load(&path).to_docx().unwrap();
        let d = Docx::open(&bytes);
        for (part, xml) in &d.parts {
            if !part.ends_with(".xml") || !part.starts_with("word/") {
                continue;
            }
            let doc = Document::parse(xml).unwrap();
            for n in doc.descendants().filter(|n| n.has_tag_name((W, "pPr")) || n.has_tag_name((W, "rPr"))) {
                let list = if n.tag_name().name() == "pPr" { PPR } else { RPR };
                let names: Vec<&str> = n.children().filter(|c| c.is_element()).map(|c| c.tag_name().name()).collect();
                let ranks: Vec<usize> = names
                    .iter()
                    .map(|c| {
                        order(list, c)
                            .unwrap_or_else(|| panic!("{c} is not a child of {} ({part})", n.tag_name().name()))
                    })
                    .collect();
                assert!(
                    ranks.windows(2).all(|w| w[0] < w[1]),
                    "{part}: {} children out of order: {names:?}",
                    n.tag_name().name()
                );
            }
        }
    }
}

#[test]
fn xml_special_text_is_escaped_and_kept() {
    let mut plan = common::load(&common::samples()[0].1);
    plan.closing = Some(vanban::text::Text::plain("A & B < C > D \"E\" 'F' ]]> G."));
    let bytes = plan.to_docx().unwrap();
    let d = Docx::open(&bytes);
    let doc = Document::parse(d.part("word/document.xml")).expect("well-formed");
    let texts: Vec<String> = doc.descendants().filter(|n| n.has_tag_name((W, "p"))).map(para_text).collect();
    assert!(texts.iter().any(|t| t == "A & B < C > D \"E\" 'F' ]]> G./."), "{texts:?}");
}

#[test]
fn same_bytes_every_run_and_every_thread() {
    let plan = common::load(&common::samples()[1].1);
    let first = plan.to_docx().unwrap();
    assert_eq!(first, plan.to_docx().unwrap());
    let handles: Vec<_> = (0..8)
        .map(|_| {
            let p = plan.clone();
            std::thread::spawn(move || p.to_docx().unwrap())
        })
        .collect();
    for h in handles {
        assert!(h.join().unwrap() == first, "a thread produced different bytes");
    }
    // the core.xml dates come from the plan
    let core = Docx::open(&first).part("docProps/core.xml").to_owned();
    assert!(core.contains("2020-12-25T00:00:00Z"), "{core}");
}

#[test]
fn invalid_plans_are_refused() {
    let e = Plan::default().to_docx().unwrap_err();
    assert!(matches!(e, vanban::Error::Invalid(_)), "{e}");
}

#[test]
fn marks_appendix_and_contact() {
    let plan = common::load(&common::root().join("fixtures/forms/marks_and_appendix.toml"));
    let bytes = plan.to_docx().unwrap();
    let d = Docx::open(&bytes);
    let xml = d.part("word/document.xml");
    for s in [
        "HỎA TỐC",
        "MẬT",
        "LƯU HÀNH NỘI BỘ",
        "DỰ THẢO LẦN 2",
        "Phụ lục",
        "DANH MỤC NHIỆM VỤ CHUYỂN ĐỔI SỐ NĂM 2025",
        "(Kèm theo Kế hoạch số 46/KH-UBND ngày 20 tháng 5 năm 2025)",
    ] {
        assert!(xml.contains(s), "{s}");
    }
    let doc = Document::parse(xml).unwrap();
    let sects: Vec<Node> = doc.descendants().filter(|n| n.has_tag_name((W, "sectPr"))).collect();
    assert_eq!(sects.len(), 2, "the appendix is its own section");
    let pg = w(sects[1], "pgNumType").expect("appendix restarts numbering");
    assert_eq!(attr(pg, "start"), Some("1"));
    assert!(w(sects[1], "titlePg").is_some());
    let footers: String =
        d.parts.iter().filter(|(k, _)| k.starts_with("word/footer")).map(|(_, v)| v.as_str()).collect();
    assert!(footers.contains("vanphong@quangninh.gov.vn"), "ô 13 footer");
}

/// The package as Word writes it: every part deflated, no directory
/// entries, none of the empty parts docx-rs adds, and every relationship and
/// content-type override pointing at a part that exists (issue 14).
#[test]
fn package_is_deflated_and_has_no_empty_parts() {
    let plan = common::load(&common::samples()[0].1);
    let bytes = plan.to_docx().unwrap();
    assert!(bytes.len() <= 20 * 1024, "the sample's DOCX is {} bytes, over 20 KB", bytes.len());
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(&bytes[..])).unwrap();
    let names: Vec<String> = (0..z.len()).map(|i| z.by_index(i).unwrap().name().to_owned()).collect();
    for i in 0..z.len() {
        let f = z.by_index(i).unwrap();
        assert!(!f.is_dir(), "directory entry {}", f.name());
        assert_eq!(f.compression(), zip::CompressionMethod::Deflated, "{} is not deflated", f.name());
        assert_eq!(f.last_modified().map(|t| t.year()), Some(1980), "{}: the timestamp is not fixed", f.name());
    }
    for gone in ["word/comments.xml", "word/commentsExtended.xml", "word/footnotes.xml", "docProps/custom.xml"] {
        assert!(!names.iter().any(|n| n == gone), "{gone} is written");
    }
    let d = Docx::open(&bytes);
    let types = Document::parse(d.part("[Content_Types].xml")).unwrap();
    for o in types.descendants().filter(|n| n.has_tag_name("Override")) {
        let part = o.attribute("PartName").unwrap().trim_start_matches('/');
        assert!(names.iter().any(|n| n == part), "content type for a missing part {part}");
    }
    for (rels, base) in [("_rels/.rels", ""), ("word/_rels/document.xml.rels", "word/")] {
        let doc = Document::parse(d.part(rels)).unwrap();
        for r in doc.descendants().filter(|n| n.has_tag_name("Relationship")) {
            let target = r.attribute("Target").unwrap();
            let part = if target.starts_with("docProps/") || target.starts_with("word/") {
                target.to_owned()
            } else {
                format!("{base}{target}")
            };
            assert!(names.contains(&part), "{rels} points at the missing part {part}");
        }
    }
    // stored stays available and holds the same parts
    let stored = plan.to_docx_with(&vanban::DocxOptions::new().compression(vanban::DocxCompression::Stored)).unwrap();
    let s = Docx::open(&stored);
    assert_eq!(s.parts, d.parts);
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(&stored[..])).unwrap();
    assert_eq!(z.by_name("word/document.xml").unwrap().compression(), zip::CompressionMethod::Stored);
}
