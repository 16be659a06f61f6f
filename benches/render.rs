//! Speed of each step on the three sample plans (targets: DOCX < 0.5 ms,
//! PDF < 2 ms per plan on this project's 2-core machine).
//!
//! `cargo bench --bench render`

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use vanban::Plan;

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
        c.bench_function(&format!("to_docx/{name}"), |b| b.iter(|| black_box(&plan).to_docx().unwrap()));
        c.bench_function(&format!("to_pdf/{name}"), |b| b.iter(|| black_box(&plan).to_pdf().unwrap()));
        c.bench_function(&format!("parse_text/{name}"), |b| {
            b.iter(|| vanban::plaintext::parse(black_box(text)).unwrap())
        });
        c.bench_function(&format!("validate/{name}"), |b| b.iter(|| black_box(&plan).validate()));
    }
}

criterion_group!(render, benches);
criterion_main!(render);
