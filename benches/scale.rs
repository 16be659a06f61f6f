//! Scaling: the cost of a plan grows linearly with its length, and a batch
//! uses every core.
//!
//! `cargo bench --bench scale` prints, for plans of about 1, 10, 100 and
//! 1,000 pages, the time per plan and per page for DOCX and PDF, then the
//! batch throughput on 1,000 plans.

use std::time::{Duration, Instant};

use criterion::{black_box, criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use vanban::Plan;

const SAMPLE: &str = include_str!("../fixtures/sample_000_b9e7d6f373767c93.toml");

/// The sample plan with its content section repeated until the plan has
/// about `pages` pages.
fn plan_of_pages(pages: usize) -> (Plan, usize) {
    let base = Plan::from_toml(SAMPLE).unwrap();
    let mut plan = base.clone();
    let unit = base.sections[1].clone();
    let mut copies = 0;
    loop {
        let n = plan.layout().unwrap().pages.len();
        if n >= pages || copies > 4 * pages {
            return (plan, n);
        }
        // grow in steps proportional to what is missing
        let step = ((pages - n) / 2).max(1);
        for _ in 0..step {
            plan.sections.insert(plan.sections.len() - 1, unit.clone());
            copies += 1;
        }
    }
}

fn scaling(c: &mut Criterion) {
    let mut g = c.benchmark_group("scale");
    g.sample_size(10).warm_up_time(Duration::from_secs(1)).measurement_time(Duration::from_secs(5));
    for target in [1usize, 10, 100, 1000] {
        let (plan, pages) = if target == 1 {
            // the first section, shortened until the plan fits one page
            let mut p = Plan::from_toml(SAMPLE).unwrap();
            p.sections.truncate(1);
            while p.layout().unwrap().pages.len() > 1 && p.sections[0].blocks.len() > 1 {
                p.sections[0].blocks.pop();
            }
            let n = p.layout().unwrap().pages.len();
            (p, n)
        } else {
            plan_of_pages(target)
        };
        g.throughput(Throughput::Elements(pages as u64));
        g.bench_with_input(BenchmarkId::new("docx", format!("{pages}p")), &plan, |b, p| {
            b.iter(|| p.to_docx().unwrap())
        });
        g.bench_with_input(BenchmarkId::new("pdf", format!("{pages}p")), &plan, |b, p| b.iter(|| p.to_pdf().unwrap()));
        // a line a human can read: time per page
        type Render = fn(&Plan) -> Result<Vec<u8>, vanban::Error>;
        for (name, f) in [("docx", Plan::to_docx as Render), ("pdf", Plan::to_pdf as Render)] {
            let t = Instant::now();
            let runs = if pages >= 100 { 2 } else { 20 };
            for _ in 0..runs {
                black_box(f(&plan).unwrap());
            }
            let per_plan = t.elapsed() / runs;
            let unit = if pages == 1 { "page" } else { "pages" };
            println!("{name}: {pages} {unit}: {:?} per plan, {:?} per page", per_plan, per_plan / pages as u32);
        }
    }
    g.finish();
}

fn batch(c: &mut Criterion) {
    let plan = Plan::from_toml(SAMPLE).unwrap();
    let plans: Vec<Plan> = (0..1000).map(|_| plan.clone()).collect();
    let mut g = c.benchmark_group("batch");
    g.sample_size(10).measurement_time(Duration::from_secs(10));
    g.throughput(Throughput::Elements(plans.len() as u64));
    for (name, format) in [("docx", vanban::batch::Format::Docx), ("pdf", vanban::batch::Format::Pdf)] {
        g.bench_function(BenchmarkId::new(name, "1000 plans"), |b| {
            b.iter(|| vanban::batch::render_all(&plans, format))
        });
        let t = Instant::now();
        let out = vanban::batch::render_all(&plans, format);
        assert!(out.iter().all(|r| r.is_ok()));
        let s = t.elapsed().as_secs_f64();
        println!("batch {name}: 1000 plans in {s:.2} s = {:.0} plans/s on {} threads", 1000.0 / s, rayon_threads());
    }
    g.finish();
}

fn rayon_threads() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

criterion_group!(benches, scaling, batch);
criterion_main!(benches);
