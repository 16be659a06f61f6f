//! Heap ≤ 100 MB for any plan shape up to 1,000 pages, in both formats
//! (issue 14): 50,000 one-line bullets (about 1,000 pages) and a 2,000-row
//! task table. Counted by a global allocator, so exact and independent of
//! the machine. One test in this binary: the counter is process-wide.

mod common;
#[path = "../examples/support/counting_alloc.rs"]
mod counting_alloc;

use counting_alloc::peak;
use vanban::{Appendix, Block, ListEntry, Plan, Table};

const LIMIT_MB: f64 = 100.0;

fn sample() -> Plan {
    let path = common::root().join("fixtures/sample_000_b9e7d6f373767c93.toml");
    Plan::from_toml(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// The sample with 50,000 one-line bullets in its content section.
fn bullets() -> Plan {
    let mut p = sample();
    p.sections[1].blocks = (0..50_000)
        .map(|i| {
            Block::Bullet(ListEntry { text: format!("Kiểm tra cơ sở số {i}.").as_str().into(), blocks: vec![] })
        })
        .collect();
    p
}

/// The sample with a Phụ lục holding a 2,000-row, 5-column task table.
fn task_table() -> Plan {
    let mut table = Table::new([1.0, 8.0, 4.0, 4.0, 3.0])
        .header(["TT", "Tên nhiệm vụ", "Cơ quan chủ trì", "Đơn vị phối hợp", "Thời gian thực hiện"])
        .column_numbers()
        .size(12.0);
    for k in 0..2_000 {
        table = table.row([
            String::new(),
            format!("Rà soát, cập nhật phương án quản lý khoáng sản nhóm {k} trên địa bàn tỉnh"),
            "Sở Nông nghiệp và Môi trường".to_owned(),
            "Các sở, ban, ngành liên quan".to_owned(),
            format!("Quý {}/2026", ["I", "II", "III", "IV"][k % 4]),
        ]);
    }
    let mut p = sample();
    p.appendices =
        vec![Appendix {
            title: "Nhiệm vụ trọng tâm".into(), blocks: vec![Block::Table(table)], ..Appendix::default()
        }];
    p
}

#[test]
fn heap_stays_under_100_mb_for_every_shape() {
    let mb = |b: usize| b as f64 / (1024.0 * 1024.0);
    let mut over = Vec::new();
    for (name, plan) in [("50,000 bullets", bullets()), ("2,000-row table", task_table())] {
        assert!(plan.validate().errors().next().is_none(), "{name}: {}", plan.validate());
        let pages = plan.layout().unwrap().pages.len();
        let (pdf, pdf_peak) = peak(|| plan.to_pdf().unwrap());
        let (docx, docx_peak) = peak(|| plan.to_docx().unwrap());
        eprintln!(
            "{name}: {pages} pages; to_pdf peak {:.1} MB (output {:.1} MB), to_docx peak {:.1} MB (output {:.1} MB)",
            mb(pdf_peak),
            mb(pdf.len()),
            mb(docx_peak),
            mb(docx.len())
        );
        assert!(pages > 20, "{name}: only {pages} pages");
        for (format, p) in [("PDF", pdf_peak), ("DOCX", docx_peak)] {
            if mb(p) > LIMIT_MB {
                over.push(format!("{name}, {format}: {:.1} MB", mb(p)));
            }
        }
    }
    assert!(over.is_empty(), "peak heap over {LIMIT_MB} MB: {}", over.join("; "));
}
