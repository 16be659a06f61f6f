//! The golden-file helper as a user's test uses it (issue 17): bless, pass,
//! change one word, fail with a readable diff naming the line, bless again.
//! Also `vanban::dump` and `vanban::golden::diff` on real outputs. One test
//! sets `VANBAN_BLESS`, so this binary holds the helper's tests only.
#![cfg(feature = "golden")]

mod common;

use vanban::golden::{self, Change};
use vanban::Plan;

fn sample() -> Plan {
    common::load(&common::root().join("fixtures/sample_000_b9e7d6f373767c93.toml"))
}

#[test]
fn a_users_golden_test_fails_with_a_readable_diff_and_passes_after_bless() {
    let dir = common::scratch("golden-helper");
    let plan = sample();
    // nothing there yet: a mismatch that says so
    let m = golden::check(&plan, &dir, "ke-hoach").unwrap().expect("missing goldens are a mismatch");
    assert!(m.report.contains("does not exist"), "{m}");
    std::env::set_var("VANBAN_BLESS", "1");
    golden::assert_golden(&plan, &dir, "ke-hoach");
    std::env::remove_var("VANBAN_BLESS");
    for f in ["ke-hoach.pdf", "ke-hoach.docx", "ke-hoach.pdf.txt", "ke-hoach.docx.txt"] {
        assert!(dir.join(f).exists(), "{f} not written by bless");
    }
    golden::assert_golden(&plan, &dir, "ke-hoach");

    // one word changed in the first body paragraph
    let mut changed = plan.clone();
    let first = changed.preamble[0].to_markup().replacen("Nhằm tổ chức", "Để tổ chức", 1);
    changed.preamble[0] = vanban::text::Text::markup(&first);
    let m = golden::check(&changed, &dir, "ke-hoach").unwrap().expect("a changed plan must not pass");
    let text = m.to_string();
    assert!(text.contains("ke-hoach.pdf differs") && text.contains("ke-hoach.docx differs"), "{text}");
    assert!(text.contains("page 1 line") && text.contains("Để tổ chức"), "{text}");
    assert!(text.contains("VANBAN_BLESS=1"), "{text}");
    for p in &m.written {
        assert!(p.exists(), "{} named but not written", p.display());
    }
    assert!(m.written.iter().any(|p| p.to_string_lossy().ends_with("ke-hoach.pdf.new.txt")));
    // a panic with the same text from the one-call helper
    let r = std::panic::catch_unwind(|| golden::assert_golden(&changed, &dir, "ke-hoach"));
    assert!(r.is_err());

    std::env::set_var("VANBAN_BLESS", "1");
    golden::assert_golden(&changed, &dir, "ke-hoach");
    std::env::remove_var("VANBAN_BLESS");
    golden::assert_golden(&changed, &dir, "ke-hoach");
}

#[test]
fn dumps_are_the_same_every_run_and_on_another_thread() {
    let plan = sample();
    let here = vanban::dump::pdf(&plan.to_pdf().unwrap()).unwrap();
    let p2 = plan.clone();
    let there = std::thread::spawn(move || vanban::dump::pdf(&p2.to_pdf().unwrap()).unwrap()).join().unwrap();
    assert_eq!(here, there);
    assert_eq!(
        vanban::dump::docx(&plan.to_docx().unwrap()).unwrap(),
        vanban::dump::docx(&plan.to_docx().unwrap()).unwrap()
    );
    // the title with its place and font
    let title = here.lines().find(|l| l.ends_with("| KẾ HOẠCH")).expect("KẾ HOẠCH in the dump");
    assert!(title.contains("LiberationSerif-Bold 14"), "{title}");
    let y: f32 = title.split_whitespace().nth(2).unwrap().parse().unwrap();
    assert!((40.0..70.0).contains(&y), "{title}");
}

#[test]
fn a_longer_line_shows_as_the_change_and_the_lines_after_it_as_moves() {
    let plan = sample();
    let mut changed = plan.clone();
    // enough words to push the paragraph onto one more line
    let longer =
        format!("{} Mọi cơ quan, đơn vị trong ngành tổ chức quán triệt kế hoạch này.", changed.preamble[0].to_markup());
    changed.preamble[0] = vanban::text::Text::markup(&longer);
    let d = golden::diff_files(&plan.to_pdf().unwrap(), &changed.to_pdf().unwrap()).unwrap();
    assert!(!d.is_empty());
    assert!(
        d.changes.iter().any(|(_, _, c)| matches!(c, Change::Added(l) if l.contains("quán triệt kế hoạch"))),
        "{}",
        d.render(50)
    );
    let moved = d.changes.iter().filter(|(_, _, c)| matches!(c, Change::Moved { .. })).count();
    assert!(moved > 3, "headings and paragraphs below move down: {}", d.render(50));
    assert!(
        d.changes
            .iter()
            .any(|(_, _, c)| matches!(c, Change::Moved { to, .. } if to.ends_with("| I. MỤC ĐÍCH, YÊU CẦU"))),
        "{}",
        d.render(50)
    );
}
