//! The PDF read back: structure with lopdf, words and their positions with
//! poppler's `pdftotext -bbox` (installed by `.ci/run`; without it the
//! positional tests are skipped locally and fail in CI).

mod common;

use lopdf::{Document as Pdf, Object};
use vanban::fonts::{FontSet, FontStyle};
use vanban::layout::Item;
use vanban::{PdfOptions, Plan};

const MM: f32 = 72.0 / 25.4;

fn have_poppler() -> bool {
    common::tool_or_skip("pdftotext", "-v")
}

use common::{pdf_words as words, Word};

fn sample(i: usize) -> (Plan, Vec<u8>) {
    let plan = common::load(&common::samples()[i].1);
    let pdf = plan.to_pdf().unwrap();
    (plan, pdf)
}

#[test]
fn structure_a4_fonts_embedded_and_subset_metadata() {
    for i in 0..3 {
        let (plan, bytes) = sample(i);
        assert!(bytes.starts_with(b"%PDF-1.7"));
        let doc = Pdf::load_mem(&bytes).expect("lopdf reads our PDF");
        let pages = doc.get_pages();
        assert!(pages.len() >= 2, "{} pages", pages.len());
        for (_, id) in pages {
            let page = doc.get_object(id).unwrap().as_dict().unwrap();
            let mb = page.get(b"MediaBox").unwrap().as_array().unwrap();
            let v: Vec<f32> = mb.iter().map(|o| o.as_float().unwrap_or_else(|_| o.as_i64().unwrap() as f32)).collect();
            assert!((v[2] - v[0] - 595.28).abs() < 0.1 && (v[3] - v[1] - 841.89).abs() < 0.1, "A4: {v:?}");
        }
        let mut fonts = 0;
        for (_, obj) in doc.objects.iter() {
            let Ok(d) = obj.as_dict() else { continue };
            if d.get(b"Type").ok().and_then(|t| t.as_name().ok()) == Some(b"FontDescriptor") {
                fonts += 1;
                let name = String::from_utf8_lossy(d.get(b"FontName").unwrap().as_name().unwrap()).to_string();
                let (tag, family) = name.split_once('+').expect("subset tag");
                assert!(tag.len() == 6 && tag.chars().all(|c| c.is_ascii_uppercase()), "{name}");
                assert!(family.starts_with("LiberationSerif"), "{name}");
                assert!(d.has(b"FontFile2") || d.has(b"FontFile3"), "{name} is embedded");
            }
        }
        assert!(fonts >= 3, "regular, bold, italic at least: {fonts}");
        // metadata from the plan, no wall clock
        let info = doc
            .trailer
            .get(b"Info")
            .and_then(|o| o.as_reference())
            .map(|r| doc.get_object(r).unwrap().as_dict().unwrap().clone());
        let info = info.expect("an Info dictionary");
        let title = match info.get(b"Title").unwrap() {
            Object::String(s, _) => decode_pdf_string(s),
            o => panic!("{o:?}"),
        };
        assert_eq!(title, plan.title.plain_text());
        if let Some(y) = plan.date.year {
            let created = match info.get(b"CreationDate").unwrap() {
                Object::String(s, _) => String::from_utf8_lossy(s).to_string(),
                o => panic!("{o:?}"),
            };
            assert!(created.starts_with(&format!("D:{y}")), "{created}");
        }
    }
}

fn decode_pdf_string(s: &[u8]) -> String {
    if s.starts_with(&[0xFE, 0xFF]) {
        let u: Vec<u16> = s[2..].chunks(2).map(|c| u16::from_be_bytes([c[0], c[1]])).collect();
        String::from_utf16(&u).unwrap()
    } else {
        String::from_utf8_lossy(s).to_string()
    }
}

#[test]
fn every_word_of_the_body_in_reading_order() {
    if !have_poppler() {
        return;
    }
    for (i, (name, path, txt)) in common::samples().into_iter().enumerate() {
        let _ = path;
        let (_, pdf) = sample(i);
        let got: Vec<String> = words(&pdf).into_iter().map(|w| w.text).collect();
        let want = common::sample_body_words(&std::fs::read_to_string(txt).unwrap());
        // the body's words appear in order (header, labels and closing around them)
        let r = common::in_order(&got, &want, |a, b| a == b);
        assert!(r.is_ok(), "{name}: {r:?}");
    }
}

#[test]
fn page_geometry_indent_justification_and_page_numbers() {
    if !have_poppler() {
        return;
    }
    let (left, right) = (30.0 * MM, 210.0 * MM - 15.0 * MM);
    let (top, bottom) = (20.0 * MM, 297.0 * MM - 20.0 * MM);
    for i in 0..3 {
        let (plan, pdf) = sample(i);
        let ws = words(&pdf);
        let pages = ws.iter().map(|w| w.page).max().unwrap();
        for w in &ws {
            assert!(w.x0 >= left - 0.5 && w.x1 <= right + 0.5, "{:?} outside the margins", w);
            // page numbers live in the top margin; everything else inside the text area
            if w.y1 < top {
                assert!(w.text.chars().all(|c| c.is_ascii_digit()), "{:?} in the top margin", w);
            } else {
                assert!(w.y1 <= bottom + 0.5, "{:?} below the bottom margin", w);
            }
        }
        // page numbers: none on page 1, "n" centred in the top margin of page n
        assert!(!ws.iter().any(|w| w.page == 1 && w.y1 < top), "page 1 has no number");
        for p in 2..=pages {
            let num: Vec<&Word> = ws.iter().filter(|w| w.page == p && w.y1 < top).collect();
            assert_eq!(num.len(), 1, "page {p}");
            assert_eq!(num[0].text, p.to_string());
            let centre = (num[0].x0 + num[0].x1) / 2.0;
            assert!((centre - (left + right) / 2.0).abs() < 1.0, "page number centred: {centre}");
        }
        // body paragraphs: first line indented 1 cm, other lines justified to the right margin
        let layout = plan.layout().unwrap();
        let mut checked = 0;
        for page in &layout.pages {
            let mut lines: Vec<(f32, f32, f32, f32)> = Vec::new(); // y, x0, x1, size
            for item in &page.items {
                if let Item::Text(r) = item {
                    match lines.iter_mut().find(|l| (l.0 - r.y).abs() < 0.01) {
                        Some(l) => {
                            l.1 = l.1.min(r.x);
                            l.2 = l.2.max(r.x + r.width());
                        }
                        None => lines.push((r.y, r.x, r.x + r.width(), r.size)),
                    }
                }
            }
            lines.sort_by(|a, b| a.0.partial_cmp(&b.0).unwrap());
            for w in lines.windows(2) {
                let (a, b) = (w[0], w[1]);
                // a body line followed by another line of the same paragraph (16.1 pt below)
                if a.3 == 14.0 && (b.0 - a.0 - 16.1).abs() < 0.05 && b.1 - left < 0.5 && a.1 - left < 10.0 * MM + 0.5 {
                    assert!((a.2 - right).abs() < 0.5, "line at y={} ends at {} not {right}", a.0, a.2);
                    checked += 1;
                }
            }
        }
        assert!(checked > 20, "{checked} justified lines checked");
        // the first line of the preamble starts 1 cm in
        let first_body = &plan.preamble[0].plain_text();
        let first_word = first_body.split(' ').next().unwrap();
        // (the centred title may start with the same word: take the first indented one)
        let w = ws.iter().find(|w| w.text == first_word && w.page == 1 && w.x0 > left + 5.0 * MM).unwrap();
        assert!((w.x0 - (left + 10.0 * MM)).abs() < 0.6, "indent: {} vs {}", w.x0, left + 10.0 * MM);
    }
}

#[test]
fn quoc_hieu_on_one_line_and_rules_of_measured_length() {
    let fonts = FontSet::bundled();
    let (plan, _) = sample(0);
    let layout = plan.layout().unwrap();
    let p1 = &layout.pages[0];
    let qh = p1.items.iter().find_map(|i| match i {
        Item::Text(r) if r.text.starts_with("CỘNG HÒA") => Some(r.clone()),
        _ => None,
    });
    let qh = qh.expect("the Quốc hiệu");
    assert_eq!(qh.text, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "one run, one line");
    let rules: Vec<(f32, f32, f32)> = p1
        .items
        .iter()
        .filter_map(|i| match i {
            Item::Rule { x0, x1, y } => Some((*x0, *x1, *y)),
            _ => None,
        })
        .collect();
    assert_eq!(rules.len(), 3);
    let tn = fonts.measure("Độc lập - Tự do - Hạnh phúc", FontStyle::Bold, 14.0);
    let tn_rule = rules.iter().find(|r| r.0 > qh.x - 1.0).unwrap();
    assert!(((tn_rule.1 - tn_rule.0) - tn).abs() < 0.1, "Tiêu ngữ rule = its text width");
    let agency = fonts.measure("SỞ VĂN HÓA, THỂ THAO", FontStyle::Bold, 13.0);
    let ag_rule = rules[0];
    let len = ag_rule.1 - ag_rule.0;
    assert!(len >= agency / 3.0 && len <= agency / 2.0, "agency rule {len} of {agency}");
}

#[test]
fn pdf_and_docx_break_lines_the_same_way_in_the_header() {
    // both writers take the agency lines from one Frame
    let (plan, _) = sample(1);
    let layout = plan.layout().unwrap();
    let texts: Vec<String> = layout.pages[0]
        .items
        .iter()
        .filter_map(|i| match i {
            Item::Text(r) => Some(r.text.clone()),
            _ => None,
        })
        .take(4)
        .collect();
    // too wide at 13 pt: broken before the territory, as agencies do (§11)
    assert_eq!(texts, ["UBND", "THÀNH PHỐ CẦN THƠ", "SỞ VĂN HÓA, THỂ THAO", "VÀ DU LỊCH"]);
}

#[test]
fn same_bytes_every_run_and_on_8_threads() {
    let (plan, first) = sample(0);
    assert_eq!(first, plan.to_pdf().unwrap());
    let handles: Vec<_> = (0..8)
        .map(|_| {
            let p = plan.clone();
            std::thread::spawn(move || p.to_pdf().unwrap())
        })
        .collect();
    for h in handles {
        assert!(h.join().unwrap() == first, "a thread produced different bytes");
    }
}

#[test]
fn archival_pdf_a2b() {
    let (plan, _) = sample(2);
    let pdf = plan.to_pdf_with(&PdfOptions::new().archival(true)).unwrap();
    let s = String::from_utf8_lossy(&pdf);
    assert!(s.contains("pdfaid:part") && s.contains("GTS_PDFA1"), "PDF/A identification and output intent");
    // the XMP metadata stays unfiltered (ISO 19005-2, 6.6.2.1) while the
    // pages are deflated
    let doc = Pdf::load_mem(&pdf).unwrap();
    let catalog = doc.catalog().unwrap();
    let xmp = doc.get_object(catalog.get(b"Metadata").unwrap().as_reference().unwrap()).unwrap();
    let xmp = xmp.as_stream().unwrap();
    assert!(!xmp.dict.has(b"Filter") && xmp.content.starts_with(b"<?xpacket"));
    let (_, first) = doc.get_pages().into_iter().next().unwrap();
    let contents = doc.get_dictionary(first).unwrap().get(b"Contents").unwrap().as_reference().unwrap();
    assert!(doc.get_object(contents).unwrap().as_stream().unwrap().dict.has(b"Filter"));
}

#[test]
fn a_character_the_font_lacks_is_an_error() {
    let mut plan = common::load(&common::samples()[0].1);
    plan.closing = Some("Trên đây là Kế hoạch 中文.".into());
    let e = plan.to_pdf().unwrap_err();
    assert!(e.to_string().contains("closing") && e.to_string().contains("U+4E2D"), "{e}");
}

#[test]
fn long_and_short_plans_paginate() {
    // a long list: many pages, headings never last on a page
    let mut plan = common::load(&common::samples()[0].1);
    let section = plan.sections[1].clone();
    for _ in 0..6 {
        plan.sections.push(section.clone());
    }
    let layout = plan.layout().unwrap();
    assert!(layout.pages.len() >= 8, "{} pages", layout.pages.len());
    for (n, page) in layout.pages.iter().enumerate() {
        let last_text = page
            .items
            .iter()
            .filter_map(|i| match i {
                Item::Text(r) if r.y > 100.0 => Some(r),
                _ => None,
            })
            .max_by(|a, b| a.y.partial_cmp(&b.y).unwrap());
        if let Some(r) = last_text {
            let heading =
                r.style == FontStyle::Bold && r.size == 14.0 && (r.text.starts_with("II.") || r.text.starts_with("I."));
            assert!(!heading, "page {} ends with the heading {:?}", n + 1, r.text);
        }
    }
    let pdf = plan.to_pdf().unwrap();
    assert!(Pdf::load_mem(&pdf).unwrap().get_pages().len() == layout.pages.len());
}

#[test]
fn a_users_own_fonts_can_replace_the_bundled_ones() {
    // four font files given at run time (here the same Liberation files, as a user's TNR would be)
    let f = |n: &str| std::fs::read(common::root().join("fonts").join(n)).unwrap();
    let set = FontSet::from_files(
        f("LiberationSerif-Regular.ttf"),
        f("LiberationSerif-Bold.ttf"),
        f("LiberationSerif-Italic.ttf"),
        f("LiberationSerif-BoldItalic.ttf"),
    )
    .unwrap();
    let (plan, bundled) = sample(2);
    let pdf = plan.to_pdf_with(&PdfOptions::new().fonts(set)).unwrap();
    assert_eq!(pdf, bundled, "the same fonts give the same bytes");
    let e = FontSet::from_files(vec![1, 2, 3], vec![], vec![], vec![]).unwrap_err();
    assert!(e.to_string().contains("regular"), "{e}");
}

#[test]
fn the_signature_page_carries_the_end_of_the_body() {
    for i in 0..3 {
        let (plan, _) = sample(i);
        let layout = plan.layout().unwrap();
        let page = layout
            .pages
            .iter()
            .find(|p| p.items.iter().any(|it| matches!(it, Item::Text(r) if r.text == "Nơi nhận:")))
            .expect("a page with Nơi nhận");
        let ends_body = page.items.iter().any(|it| matches!(it, Item::Text(r) if r.text.ends_with("./.")));
        assert!(ends_body, "sample {i}: the signature block stands alone on its page");
    }
}

/// `compress_pages(false)` writes the same pages, their content streams
/// left uncompressed (issue 14's speed knob): the decoded page contents are
/// identical and only the compressed file has `/FlateDecode` page streams.
#[test]
fn uncompressed_pages_draw_the_same_content() {
    let (plan, packed) = sample(0);
    let raw = plan.to_pdf_with(&vanban::PdfOptions::new().compress_pages(false)).unwrap();
    assert!(raw.len() > packed.len());
    let (a, b) = (Pdf::load_mem(&packed).unwrap(), Pdf::load_mem(&raw).unwrap());
    let (pa, pb) = (a.get_pages(), b.get_pages());
    assert_eq!(pa.len(), pb.len());
    for ((_, ia), (_, ib)) in pa.iter().zip(&pb) {
        assert_eq!(a.get_page_content(*ia).unwrap(), b.get_page_content(*ib).unwrap());
        let content = |d: &Pdf, id: lopdf::ObjectId| {
            let page = d.get_dictionary(id).unwrap();
            let r = page.get(b"Contents").unwrap().as_reference().unwrap();
            d.get_object(r).unwrap().as_stream().unwrap().dict.has(b"Filter")
        };
        assert!(content(&a, *ia) && !content(&b, *ib));
    }
}

/// A plan of up to 16 pages has its content streams deflated by vanban
/// after krilla wrote them raw (zlib level 2: header `78 5E`); a longer one
/// by krilla as each page is drawn (level 6: `78 9C`), so that memory stays
/// flat. Either way each page decodes to what `compress_pages(false)`
/// writes, and the cross-reference table points at every object.
#[test]
fn short_plans_deflate_pages_fast_long_plans_as_they_go() {
    let base = common::load(&common::samples()[0].1);
    let unit = base.sections[1].clone();
    let (mut short, mut long) = (0, 0);
    for copies in 0..30 {
        let mut plan = base.clone();
        for _ in 0..copies {
            plan.sections.insert(2, unit.clone());
        }
        let pages = plan.layout().unwrap().pages.len();
        let packed = plan.to_pdf().unwrap();
        let raw = plan.to_pdf_with(&PdfOptions::new().compress_pages(false)).unwrap();
        let (a, b) = (Pdf::load_mem(&packed).unwrap(), Pdf::load_mem(&raw).unwrap());
        let (pa, pb) = (a.get_pages(), b.get_pages());
        assert_eq!((pa.len(), pb.len()), (pages, pages));
        let level = if pages <= 16 { 0x5E } else { 0x9C };
        for ((_, ia), (_, ib)) in pa.iter().zip(&pb) {
            assert_eq!(a.get_page_content(*ia).unwrap(), b.get_page_content(*ib).unwrap());
            let page = a.get_dictionary(*ia).unwrap();
            let r = page.get(b"Contents").unwrap().as_reference().unwrap();
            let stream = a.get_object(r).unwrap().as_stream().unwrap();
            assert_eq!(stream.content[..2], [0x78, level], "{pages} pages");
        }
        // lopdf found every object through the table (it reads offsets)
        assert_eq!(a.objects.len(), b.objects.len());
        if pages <= 16 {
            short += 1;
        } else {
            long += 1;
            break;
        }
    }
    assert!(short >= 2 && long == 1, "{short} short plans, {long} long");
}

/// The embedded subsets carry outlines, not TrueType hinting (issue 14:
/// half of their bytes): no `fpgm`, `prep`, `cvt `, no glyph instructions.
#[test]
fn embedded_subsets_have_no_hinting() {
    let (_, bytes) = sample(0);
    let doc = Pdf::load_mem(&bytes).unwrap();
    let mut fonts = 0;
    for (_, obj) in doc.objects.iter() {
        let Ok(dict) = obj.as_dict() else { continue };
        let Ok(file) = dict.get(b"FontFile2").and_then(|o| o.as_reference()) else { continue };
        let stream = doc.get_object(file).unwrap().as_stream().unwrap();
        let data = stream.decompressed_content().unwrap();
        let face = ttf_parser::Face::parse(&data, 0).expect("a TrueType subset");
        for tag in [b"fpgm", b"prep", b"cvt "] {
            assert!(face.raw_face().table(ttf_parser::Tag::from_bytes(tag)).is_none());
        }
        // every simple glyph's instruction length is 0
        let raw = face.raw_face();
        let table = |t: &[u8; 4]| raw.table(ttf_parser::Tag::from_bytes(t)).unwrap();
        let (glyf, loca, head) = (table(b"glyf"), table(b"loca"), table(b"head"));
        let long = head[50..52] == [0, 1];
        let offset = |i: usize| {
            if long {
                u32::from_be_bytes(loca[4 * i..4 * i + 4].try_into().unwrap()) as usize
            } else {
                2 * u16::from_be_bytes(loca[2 * i..2 * i + 2].try_into().unwrap()) as usize
            }
        };
        let mut simple = 0;
        for id in 0..face.number_of_glyphs() as usize {
            let (start, end) = (offset(id), offset(id + 1));
            if end <= start {
                continue;
            }
            let g = &glyf[start..end];
            let contours = i16::from_be_bytes([g[0], g[1]]);
            if contours > 0 {
                let at = 10 + 2 * contours as usize;
                let len = u16::from_be_bytes([g[at], g[at + 1]]);
                assert_eq!(len, 0, "glyph {id} keeps {len} bytes of instructions");
                simple += 1;
            }
        }
        assert!(simple > 5, "{simple} simple glyphs");
        fonts += 1;
    }
    assert_eq!(fonts, 4);
}
