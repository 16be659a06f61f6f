//! Memory stays flat as a plan grows: the PDF writer streams pages to krilla
//! as they are laid out, so its peak heap is a small amount per page (the
//! compressed page krilla keeps and the output), not the whole layout.
//!
//! Heap bytes are counted by a global allocator, so the figures are exact and
//! do not depend on timing or on the machine. One test only: the counter is
//! process-wide.

mod common;
#[path = "../examples/support/counting_alloc.rs"]
mod counting_alloc;

use counting_alloc::peak;

/// Sample 000 with its content section repeated `copies` times.
fn long_plan(copies: usize) -> vanban::Plan {
    let path = common::root().join("fixtures/sample_000_b9e7d6f373767c93.toml");
    let mut p = vanban::Plan::from_toml(&std::fs::read_to_string(path).unwrap()).unwrap();
    let unit = p.sections[1].clone();
    for _ in 0..copies {
        p.sections.insert(2, unit.clone());
    }
    p
}

#[test]
fn peak_memory_grows_by_a_few_kilobytes_per_page() {
    const KB: usize = 1024;
    let plan = long_plan(180);
    let (layout, held) = peak(|| plan.layout().unwrap());
    let pages = layout.pages.len();
    drop(layout);
    assert!(pages > 150, "{pages} pages");

    let (pdf, pdf_peak) = peak(|| plan.to_pdf().unwrap());
    let (docx, docx_peak) = peak(|| plan.to_docx().unwrap());
    let per_page = |bytes: usize| bytes / pages / KB;
    eprintln!(
        "{pages} pages: whole layout {} KB/page; to_pdf peak {} KB/page (output {} KB/page); \
         to_docx peak {} KB/page (output {} KB/page)",
        per_page(held),
        per_page(pdf_peak),
        per_page(pdf.len()),
        per_page(docx_peak),
        per_page(docx.len()),
    );
    // Holding every page (what to_pdf did before it streamed) costs ~75 KB
    // a page (~90 KB before the glyph runs were allocated at their line's
    // size); streaming keeps ~26 KB, most of it krilla's compressed page,
    // its font bookkeeping and the output. 1,000 pages must stay far under
    // 100 MB.
    assert!(pdf_peak < held / 2, "to_pdf peak {pdf_peak} B vs whole layout {held} B");
    assert!(pdf_peak < 2 * 1024 * KB + pages * 25 * KB, "to_pdf peak {} KB/page", per_page(pdf_peak));
    assert!(docx_peak < 2 * 1024 * KB + pages * 80 * KB, "to_docx peak {} KB/page", per_page(docx_peak));

    // A plan of up to 16 pages is held until its end, and its content
    // streams are deflated after krilla wrote them raw (src/pdfpack.rs):
    // its peak is about 95 KB a page (1.4 MB for 15 pages), bounded
    // because longer plans stream.
    let short = (0..12).map(long_plan).take_while(|p| p.layout().unwrap().pages.len() <= 16).last().unwrap();
    let short_pages = short.layout().unwrap().pages.len();
    let (_, short_peak) = peak(|| short.to_pdf().unwrap());
    eprintln!("{short_pages} pages (deflated by vanban): to_pdf peak {} KB", short_peak / KB);
    assert!(short_pages >= 12, "{short_pages} pages");
    assert!(short_peak < 512 * KB + short_pages * 80 * KB, "to_pdf peak {} KB", short_peak / KB);

    // the streamed pages are the pages
    let mut streamed = Vec::new();
    let n = plan.for_each_page(|p| streamed.push(p)).unwrap();
    assert_eq!(n, pages);
    assert_eq!(streamed, plan.layout().unwrap().pages);
}
