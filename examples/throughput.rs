//! Speed check without criterion: parses INPUT once, renders it N times in
//! one process, prints the median time per plan for each format. Each
//! iteration renders a different variant of the plan (its number and one
//! paragraph changed), so no cache can serve a repeated input.
//!
//! ```text
//! cargo run --release --example throughput -- INPUT [N]     # N defaults to 200
//! ```
//! INPUT is anything `render` takes: a .txt plan, a .toml or .json model.
//! Standard output gets the lines `docx: <µs> µs/plan`,
//! `pdf: <µs> µs/plan` and `both: <µs> µs/plan` (`Plan::to_docx_and_pdf`),
//! then on a machine with several cores how much faster
//! a batch runs on all of them than on one (`batch docx: 1.9x one thread on
//! 2 threads`); standard error gets each format's peak heap for one
//! plan (counted by this program's allocator) and the process's peak
//! resident memory.

use std::process::ExitCode;
use std::time::Instant;

use vanban::Plan;

fn load(path: &str) -> Result<Plan, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("{path}: {e}"))?;
    let s = String::from_utf8(bytes).map_err(|e| format!("{path} is not UTF-8 text: {e}"))?;
    let r = if path.ends_with(".json") {
        Plan::from_json(&s)
    } else if path.ends_with(".toml") {
        Plan::from_toml(&s)
    } else {
        Plan::from_text(&s)
    };
    r.map_err(|e| format!("{path}: {e}"))
}

fn median_us(n: usize, mut f: impl FnMut() -> Result<Vec<u8>, vanban::Error>) -> Result<f64, String> {
    let mut times = Vec::with_capacity(n);
    for _ in 0..n {
        let t = Instant::now();
        std::hint::black_box(f().map_err(|e| e.to_string())?);
        times.push(t.elapsed().as_secs_f64() * 1e6);
    }
    Ok(median(&mut times))
}

/// The middle value of `v` (sorted in place).
fn median(v: &mut [f64]) -> f64 {
    v.sort_by(|a, b| a.total_cmp(b));
    v[v.len() / 2]
}

/// Seconds to render `plans` split over `threads` threads.
fn batch_secs(plans: &[&Plan], threads: usize, f: fn(&Plan) -> Result<Vec<u8>, vanban::Error>) -> Result<f64, String> {
    let t = Instant::now();
    let chunk = plans.len().div_ceil(threads);
    std::thread::scope(|s| {
        let handles: Vec<_> = plans
            .chunks(chunk)
            .map(|part| s.spawn(move || part.iter().try_for_each(|p| f(p).map(drop).map_err(|e| e.to_string()))))
            .collect();
        handles.into_iter().try_for_each(|h| h.join().map_err(|_| "a thread panicked".to_owned())?)
    })?;
    Ok(t.elapsed().as_secs_f64())
}

#[path = "support/counting_alloc.rs"]
mod counting_alloc;
#[path = "support/vary.rs"]
mod vary;

/// Peak heap of `f` above what was live before it, in MB.
fn peak_heap_mb(f: impl FnOnce() -> Result<Vec<u8>, String>) -> Result<f64, String> {
    let (out, bytes) = counting_alloc::peak(f);
    drop(out?);
    Ok(bytes as f64 / (1024.0 * 1024.0))
}

/// Peak resident memory of this process (Linux: VmHWM), in MB.
fn peak_rss_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    Some(line.split_whitespace().nth(1)?.parse::<f64>().ok()? / 1024.0)
}

fn run() -> Result<(), String> {
    let mut args = std::env::args().skip(1);
    let input = args.next().ok_or("usage: throughput INPUT [N]")?;
    let n: usize = match args.next() {
        Some(s) => s.parse().map_err(|_| format!("N must be a positive number, not {s:?}"))?,
        None => 200,
    };
    if n == 0 {
        return Err("N must be at least 1".into());
    }
    let plan = load(&input)?;
    // warm up: fonts are parsed once per process
    plan.to_docx().map_err(|e| e.to_string())?;
    plan.to_pdf().map_err(|e| e.to_string())?;
    let plans = vary::variants(&plan, 64);
    let mut cycle = vary::Cycle::new(&plans);
    println!("docx: {:.0} µs/plan", median_us(n, || cycle.next_plan().to_docx())?);
    println!("pdf: {:.0} µs/plan", median_us(n, || cycle.next_plan().to_pdf())?);
    // both formats of one plan, checked and composed once
    println!(
        "both: {:.0} µs/plan",
        median_us(n, || {
            cycle.next_plan().to_docx_and_pdf().map(|(d, p)| {
                std::hint::black_box(p);
                d
            })
        })?
    );
    // batch: the same variants on one thread, then split over every core
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    if threads > 1 {
        for (name, f) in [("docx", Plan::to_docx as fn(&Plan) -> _), ("pdf", Plan::to_pdf as fn(&Plan) -> _)] {
            let batch: Vec<&Plan> = (0..(n.max(threads * 20))).map(|i| &plans[i % plans.len()]).collect();
            // one thread and all of them taken in turn, five times: the
            // medians, so that a burst of load elsewhere on the machine
            // does not decide the ratio
            let (mut one, mut all) = (Vec::new(), Vec::new());
            for _ in 0..5 {
                one.push(batch_secs(&batch, 1, f)?);
                all.push(batch_secs(&batch, threads, f)?);
            }
            println!("batch {name}: {:.2}x one thread on {threads} threads", median(&mut one) / median(&mut all));
        }
    }
    // memory on stderr, so stdout stays the lines scripts read
    let docx = peak_heap_mb(|| plan.to_docx().map_err(|e| e.to_string()))?;
    let pdf = peak_heap_mb(|| plan.to_pdf().map_err(|e| e.to_string()))?;
    eprintln!("peak heap per plan: docx {docx:.1} MB, pdf {pdf:.1} MB");
    if let Some(rss) = peak_rss_mb() {
        eprintln!("peak resident memory of the process: {rss:.1} MB");
    }
    Ok(())
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("throughput: {e}");
            ExitCode::FAILURE
        }
    }
}
