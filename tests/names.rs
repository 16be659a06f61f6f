//! Header names broken where agencies break them (spec §11), checked on the
//! real names of `tests/data/agency_names.tsv` (each with the lines its
//! agency printed and its source) in both writers: the DOCX's lines read
//! back from `document.xml`, the PDF's from its text layer.
//!
//! A printed breaking is compared exactly when our column can hold it (every
//! printed line fits at 13 pt, or 12 pt for a name) and it keeps the spec's
//! rules; otherwise (an agency's wider column printed it on one line, or it
//! left `VÀ` at a line end) our lines must keep the rules: each fits, none
//! ends with `VÀ`, `CỦA`, `VỀ`, `VỚI`, `CHO`, `TẠI`, and a territory stays
//! with its name.

mod common;

use std::io::Read;

use vanban::fonts::{FontSet, FontStyle};
use vanban::{Issuer, Plan, Signer};

struct Row {
    parent: bool,
    lines: Vec<String>,
    source: String,
}

fn rows() -> Vec<Row> {
    let data = std::fs::read_to_string(common::root().join("tests/data/agency_names.tsv")).unwrap();
    data.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            assert_eq!(f.len(), 3, "{l}");
            Row {
                parent: f[0] == "parent",
                lines: f[1].split(" | ").map(|s| vanban::text::nfc(s.trim())).collect(),
                source: f[2].to_owned(),
            }
        })
        .collect()
}

fn plan(row: &Row) -> Plan {
    let name = row.lines.join(" ");
    // an agency whose words no parent in the table uses
    let issuer = if row.parent {
        Issuer::new("CHI CỤC THỦY SẢN", "CCTS").parent(&name)
    } else {
        Issuer::new(&name, "SNV")
    };
    Plan::builder()
        .issuer(issuer)
        .number(3)
        .place("Hà Nội")
        .date(2024, 5, 6)
        .title("Triển khai nhiệm vụ")
        .section("MỤC ĐÍCH", |s| s.item("Bảo đảm tiến độ."))
        .recipient("Các đơn vị")
        .archive(["VP"])
        .signer(Signer::new("Nguyễn Văn An").title("GIÁM ĐỐC"))
        .build_unchecked()
}

/// The header's left-column lines of the role, from the DOCX.
fn docx_lines(plan: &Plan, parent: bool) -> Vec<String> {
    let bytes = plan.to_docx().unwrap();
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut xml = String::new();
    z.by_name("word/document.xml").unwrap().read_to_string(&mut xml).unwrap();
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
    let style = if parent { "CoQuanChuQuan" } else { "CoQuanBanHanh" };
    doc.descendants()
        .filter(|n| n.has_tag_name((w, "p")))
        .filter(|p| p.descendants().any(|n| n.has_tag_name((w, "pStyle")) && n.attribute((w, "val")) == Some(style)))
        .map(|p| p.descendants().filter(|n| n.has_tag_name((w, "t"))).filter_map(|n| n.text()).collect::<String>())
        .collect()
}

/// The same lines from our PDF: words of the left column grouped by baseline.
fn pdf_lines(plan: &Plan, words: &[String]) -> Vec<String> {
    let all = common::pdf_words(&plan.to_pdf().unwrap());
    let header: Vec<&common::Word> =
        all.iter().filter(|w| w.page == 1 && w.x1 < 280.0 && w.y1 < 160.0 && words.contains(&w.text)).collect();
    let mut lines: Vec<(f32, Vec<&str>)> = Vec::new();
    for w in header {
        match lines.iter_mut().find(|l| (l.0 - w.y1).abs() < 2.0) {
            Some(l) => l.1.push(&w.text),
            None => lines.push((w.y1, vec![&w.text])),
        }
    }
    lines.sort_by(|a, b| a.0.total_cmp(&b.0));
    lines.into_iter().map(|l| l.1.join(" ")).collect()
}

const NEVER_LAST: [&str; 6] = ["VÀ", "CỦA", "VỀ", "VỚI", "CHO", "TẠI"];

#[test]
fn agency_names_break_as_agencies_print_them_in_both_writers() {
    let rows = rows();
    assert!(rows.len() >= 40, "the name table holds {} names", rows.len());
    let fonts = FontSet::bundled();
    // the left header column of the default page (the writers' own figure)
    let inner = {
        let p = plan(&rows[0]);
        let doc = vanban::compose::Document::new(&p);
        let f = vanban::geometry::Frame::new(&doc, &p.margins, fonts);
        f.header_cols.0 - 2.0 * f.cell_padding
    };
    let poppler = common::tool_or_skip("pdftotext", "-v");
    let (mut exact, mut ruled) = (0, 0);
    let mut failures = Vec::new();
    for row in &rows {
        let style = if row.parent { FontStyle::Regular } else { FontStyle::Bold };
        let fits = |l: &str| fonts.measure(l, style, 12.0) <= inner + 0.01;
        let comparable = row.lines.iter().all(|l| fits(l))
            && row.lines.iter().all(|l| !NEVER_LAST.iter().any(|w| l.ends_with(&format!(" {w}"))));
        let p = plan(row);
        let words: Vec<String> = row.lines.iter().flat_map(|l| l.split(' ').map(str::to_owned)).collect();
        let mut outputs = vec![("DOCX", docx_lines(&p, row.parent))];
        if poppler {
            outputs.push(("PDF", pdf_lines(&p, &words)));
        }
        for (who, got) in outputs {
            if comparable {
                if got != row.lines {
                    failures.push(format!("{who}: {:?} printed as {:?} ({})", got, row.lines, row.source));
                }
            } else {
                let bad = got.iter().find(|l| {
                    !fits(l)
                        || NEVER_LAST.iter().any(|w| l.ends_with(&format!(" {w}")))
                        || ["TỈNH", "XÃ", "PHƯỜNG", "HUYỆN"].iter().any(|u| l.ends_with(&format!(" {u}")))
                });
                if let Some(l) = bad {
                    failures.push(format!("{who}: {got:?} breaks a rule at {l:?} (printed {:?})", row.lines));
                }
                if got.join(" ") != row.lines.join(" ") {
                    failures.push(format!("{who}: {got:?} lost words of {:?}", row.lines));
                }
            }
        }
        if comparable {
            exact += 1;
        } else {
            ruled += 1;
        }
    }
    assert!(failures.is_empty(), "{} of {} names:\n{}", failures.len(), rows.len(), failures.join("\n"));
    eprintln!("{exact} names compared exactly, {ruled} by the rules");
    // most of the table is compared line for line
    assert!(exact >= 30, "only {exact} names compared exactly ({ruled} by the rules)");
}
