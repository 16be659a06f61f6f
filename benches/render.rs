//! Speed of each step on the three sample plans (issue 14's targets: DOCX
//! ≤ 0.45 ms, PDF ≤ 2 ms per plan on this project's 2-core machine).
//!
//! `cargo bench --bench render` (`-- task_table` for the table's cost alone)
//!
//! Every iteration renders a different plan (its number and one paragraph
//! changed; `examples/support/vary.rs`), so nothing cached serves it.

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use vanban::Plan;

#[path = "../examples/support/vary.rs"]
mod vary;

/// Variants per timed plan: more than any cache we know of keeps.
const VARIANTS: usize = 64;

const SAMPLES: [(&str, &str, &str); 3] = [
    (
        "000",
        include_str!("../fixtures/sample_000_b9e7d6f373767c93.toml"),
        include_str!("../fixtures/text/000_b9e7d6f373767c93.txt"),
    ),
    (
        "001",
        include_str!("../fixtures/sample_001_b6f583479c62c9da.toml"),
        include_str!("../fixtures/text/001_b6f583479c62c9da.txt"),
    ),
    (
        "003",
        include_str!("../fixtures/sample_003_c6a7a4c1d1099303.toml"),
        include_str!("../fixtures/text/003_c6a7a4c1d1099303.txt"),
    ),
];

fn benches(c: &mut Criterion) {
    // fonts are parsed once per process: do it before timing
    let warm = Plan::from_toml(SAMPLES[0].1).unwrap();
    warm.to_pdf().unwrap();
    for (name, toml, text) in SAMPLES {
        let plan = Plan::from_toml(toml).unwrap();
        let plans = vary::variants(&plan, VARIANTS);
        let mut cycle = vary::Cycle::new(&plans);
        c.bench_function(&format!("to_docx/{name}"), |b| b.iter(|| black_box(cycle.next_plan()).to_docx().unwrap()));
        c.bench_function(&format!("to_pdf/{name}"), |b| b.iter(|| black_box(cycle.next_plan()).to_pdf().unwrap()));
        c.bench_function(&format!("parse_text/{name}"), |b| {
            b.iter(|| vanban::plaintext::parse(black_box(text)).unwrap())
        });
        c.bench_function(&format!("validate/{name}"), |b| b.iter(|| black_box(cycle.next_plan()).validate()));
        // a Word draft read back: the plan's own DOCX through the import
        let docx = plan.to_docx().unwrap();
        c.bench_function(&format!("from_docx/{name}"), |b| b.iter(|| Plan::from_docx(black_box(&docx)).unwrap()));
    }
}

/// Sample 000 with a Phụ lục holding a 14-row task table (5 columns), and
/// the same plan with each row's text as a paragraph instead: the table's
/// own cost (target: at most 1.5× the time of the text without it).
fn task_table_plans() -> (Plan, Plan) {
    use vanban::{Appendix, Block, Paragraph, Table};
    let base = Plan::from_toml(SAMPLES[0].1).unwrap();
    let tasks = [
        "Tổ chức quán triệt sâu rộng chủ trương, chính sách, pháp luật của Nhà nước đến cán bộ, công chức, viên chức và Nhân dân",
        "Rà soát, điều chỉnh, cập nhật bổ sung phương án quản lý để tích hợp vào điều chỉnh Quy hoạch tỉnh thời kỳ 2021–2030",
        "Thực hiện rà soát các khó khăn, vướng mắc, bất cập về quy hoạch đối với khoáng sản nhóm I, II trên địa bàn tỉnh",
        "Tham mưu trình kế hoạch đấu giá quyền khai thác khoáng sản thuộc thẩm quyền cấp phép của Chủ tịch UBND tỉnh",
    ];
    let mut table = Table::new([1.0, 8.0, 4.0, 4.0, 3.0])
        .header(["TT", "Tên nhiệm vụ", "Cơ quan chủ trì", "Đơn vị phối hợp", "Thời gian thực hiện"])
        .column_numbers()
        .size(12.0);
    let mut paragraphs = Vec::new();
    for k in 0..14 {
        let row = [
            String::new(),
            tasks[k % tasks.len()].to_owned(),
            "Sở Nông nghiệp và Môi trường".to_owned(),
            "Các Sở, ban, ngành và các địa phương liên quan".to_owned(),
            format!("Quý {}/2026", ["I", "II", "III", "IV"][k % 4]),
        ];
        paragraphs
            .push(Block::Paragraph(Paragraph { text: format!("{}. {}", k + 1, row[1..].join("; ")).as_str().into() }));
        table = table.row(row);
    }
    let appendix = |blocks| Appendix { title: "Nhiệm vụ trọng tâm".into(), blocks, ..Appendix::default() };
    let mut with = base.clone();
    with.appendices = vec![appendix(vec![Block::Table(table)])];
    let mut without = base;
    without.appendices = vec![appendix(paragraphs)];
    (with, without)
}

fn tables(c: &mut Criterion) {
    let (with, without) = task_table_plans();
    assert!(with.validate().errors().next().is_none(), "{}", with.validate());
    let (with, without) = (vary::variants(&with, VARIANTS), vary::variants(&without, VARIANTS));
    let (mut w, mut wo) = (vary::Cycle::new(&with), vary::Cycle::new(&without));
    c.bench_function("task_table/to_pdf/with_table", |b| b.iter(|| black_box(w.next_plan()).to_pdf().unwrap()));
    c.bench_function("task_table/to_pdf/as_paragraphs", |b| b.iter(|| black_box(wo.next_plan()).to_pdf().unwrap()));
    c.bench_function("task_table/to_docx/with_table", |b| b.iter(|| black_box(w.next_plan()).to_docx().unwrap()));
    c.bench_function("task_table/to_docx/as_paragraphs", |b| b.iter(|| black_box(wo.next_plan()).to_docx().unwrap()));
}

criterion_group!(render, benches, tables);
criterion_main!(render);
