//! Speed check without criterion: parses INPUT once, renders it N times in
//! one process, prints the median time per plan for each format.
//!
//! ```text
//! cargo run --release --example throughput -- INPUT [N]     # N defaults to 200
//! ```
//! INPUT is anything `render` takes: a .txt plan, a .toml or .json model.
//! Standard output gets the two lines `docx: <µs> µs/plan` and
//! `pdf: <µs> µs/plan`; standard error gets each format's peak heap for one
//! plan (counted by this program's allocator) and the process's peak
//! resident memory.

use std::alloc::{GlobalAlloc, Layout, System};
use std::process::ExitCode;
use std::sync::atomic::{AtomicUsize, Ordering};
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
    times.sort_by(|a, b| a.total_cmp(b));
    Ok(times[times.len() / 2])
}

/// Counts live heap bytes and their peak, so each format's peak memory is
/// its own (the process's resident size keeps what malloc did not return).
struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = System.alloc(layout);
        if !p.is_null() {
            let now = LIVE.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
            PEAK.fetch_max(now, Ordering::Relaxed);
        }
        p
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        System.dealloc(ptr, layout);
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let p = System.realloc(ptr, layout, new_size);
        if !p.is_null() {
            if new_size >= layout.size() {
                let now = LIVE.fetch_add(new_size - layout.size(), Ordering::Relaxed) + new_size - layout.size();
                PEAK.fetch_max(now, Ordering::Relaxed);
            } else {
                LIVE.fetch_sub(layout.size() - new_size, Ordering::Relaxed);
            }
        }
        p
    }
}

#[global_allocator]
static ALLOC: Counting = Counting;

/// Peak heap of `f` above what was live before it, in MB.
fn peak_heap_mb(f: impl FnOnce() -> Result<Vec<u8>, String>) -> Result<f64, String> {
    let base = LIVE.load(Ordering::Relaxed);
    PEAK.store(base, Ordering::Relaxed);
    drop(f()?);
    Ok((PEAK.load(Ordering::Relaxed) - base) as f64 / (1024.0 * 1024.0))
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
    println!("docx: {:.0} µs/plan", median_us(n, || plan.to_docx())?);
    println!("pdf: {:.0} µs/plan", median_us(n, || plan.to_pdf())?);
    // memory on stderr, so stdout stays the two lines scripts read
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
