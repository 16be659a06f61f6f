//! Word drafts in (issue 15): `Plan::from_docx` of our own DOCX gives the
//! plan back (every fixture, and generated plans); drafts made by other tools
//! (python-docx, LibreOffice: `scripts/make_drafts.py`) import to the plan as
//! issued; bad files are clear errors, never a panic.

mod common;

use std::io::Write;
use std::path::{Path, PathBuf};

use proptest::prelude::*;
use vanban::{Error, Plan};

/// Every plan we keep as a fixture: TOML samples and forms, the samples'
/// text, the real plans', the family's and the Party documents' text.
fn fixtures() -> Vec<(String, Plan)> {
    let mut out: Vec<(String, Plan)> =
        common::all_fixtures().into_iter().map(|p| (p.display().to_string(), common::load(&p))).collect();
    // a real plan kept beside the checkout (CI lays ../shared there) whose
    // signer has two titles and no authority (TRƯỞNG BAN / PHÓ THỦ TƯỚNG)
    let shared = common::root().join("../shared/real-plans/bcdqg1237-2013.txt");
    match std::fs::read_to_string(&shared) {
        Ok(s) => out.push((shared.display().to_string(), Plan::from_text(&s).unwrap())),
        Err(e) => assert!(std::env::var_os("CI").is_none(), "{}: {e}", shared.display()),
    }
    for dir in ["fixtures/text", "fixtures/real", "fixtures/family", "fixtures/party"] {
        let mut paths: Vec<PathBuf> = std::fs::read_dir(common::root().join(dir))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|x| x == "txt") && !p.to_string_lossy().ends_with(".issued.txt"))
            .collect();
        paths.sort();
        for p in paths {
            let plan = Plan::from_text(&std::fs::read_to_string(&p).unwrap()).unwrap();
            out.push((p.display().to_string(), plan));
        }
    }
    out
}

/// The plan as its printed page tells it. A DOCX holds what prints, so a
/// few things two plans can say differently and print the same are brought
/// to one form here, each for a reason:
/// - the end of the last paragraph: the writers end it with `./.` (after a
///   final `.`, in place of a `;`), so `…năm 2025.`, `…năm 2025;` and `…năm 2025./.`
///   print alike;
/// - where an agency's name breaks: a DOCX shows the lines, not whether the
///   plan or vanban (§11) broke them;
/// - an appendix's title: printed in capitals whatever the plan's case;
/// - a recipient's `fixed_from` (what the builder repaired, not printed);
/// - a document without sections (a công văn): its closing paragraph is its
///   last paragraph, which the text form reads as the last of the preamble.
fn as_printed(p: &Plan) -> String {
    let mut p = p.clone();
    let flat = |s: &mut String| *s = s.replace('\n', " ");
    flat(&mut p.issuer.name);
    if let Some(x) = p.issuer.parent.as_mut() {
        flat(x);
    }
    if let Some(a) = p.attached.as_mut() {
        flat(&mut a.issuer.name);
        if let Some(x) = a.issuer.parent.as_mut() {
            flat(x);
        }
    }
    for r in &mut p.recipients.to {
        *r = vanban::Recipient::new(&r.name, r.note.as_deref());
    }
    let upper = |list: &mut Vec<vanban::Appendix>| {
        for a in list {
            a.title = vanban::text::Text::plain(&a.title.plain_text().to_uppercase());
        }
    };
    upper(&mut p.appendices);
    if let Some(a) = p.attached.as_mut() {
        upper(&mut a.appendices);
    }
    if p.sections.is_empty() && p.parts.is_empty() && p.blocks.is_empty() && p.articles.is_empty() {
        if let Some(c) = p.closing.take() {
            p.preamble.push(c);
        }
    }
    let unmark = |p: &mut Plan| {
        let strip = |last: &mut vanban::text::Text| {
            let plain = last.plain_text();
            *last = vanban::text::Text::plain(
                plain.trim_end().trim_end_matches("./.").trim_end_matches(['.', ';', ':', ',', ' ']),
            );
        };
        if let Some(last) = last_paragraph(p) {
            strip(last);
        }
        // an appendix's body ends with the mark too
        for a in &mut p.appendices {
            let mut as_plan = Plan {
                preamble: a.preamble.clone(),
                blocks: a.blocks.clone(),
                sections: a.sections.clone(),
                ..Plan::default()
            };
            if let Some(last) = last_paragraph(&mut as_plan) {
                strip(last);
            }
            (a.preamble, a.blocks, a.sections) = (as_plan.preamble, as_plan.blocks, as_plan.sections);
        }
    };
    unmark(&mut p);
    if let Some(a) = p.attached.as_mut() {
        unmark(a);
    }
    format!("{p:#?}")
}

/// The body's last paragraph, where the end mark goes.
fn last_paragraph(p: &mut Plan) -> Option<&mut vanban::text::Text> {
    fn in_blocks(list: &mut [vanban::Block]) -> Option<&mut vanban::text::Text> {
        use vanban::Block;
        match list.last_mut()? {
            Block::Paragraph(x) => Some(&mut x.text),
            Block::Item(i) => {
                if i.blocks.is_empty() {
                    i.text.as_mut().or(i.title.as_mut())
                } else {
                    in_blocks(&mut i.blocks)
                }
            }
            Block::Point(e) | Block::Bullet(e) | Block::Plus(e) => {
                if e.blocks.is_empty() {
                    Some(&mut e.text)
                } else {
                    in_blocks(&mut e.blocks)
                }
            }
            Block::Table(_) => None,
        }
    }
    if p.closing.is_some() {
        return p.closing.as_mut();
    }
    if !p.parts.is_empty() || !p.sections.is_empty() || !p.blocks.is_empty() {
        let s = match p.parts.last_mut() {
            Some(part) if !part.sections.is_empty() => part.sections.last_mut(),
            Some(part) => return in_blocks(&mut part.blocks),
            None if !p.sections.is_empty() => p.sections.last_mut(),
            None => return in_blocks(&mut p.blocks),
        }?;
        return match (s.blocks.is_empty(), s.text.is_some()) {
            (false, _) => in_blocks(&mut s.blocks),
            (true, true) => s.text.as_mut(),
            // an empty section: the mark ends its heading
            (true, false) => Some(&mut s.title),
        };
    }
    if let Some(a) = p.articles.last_mut() {
        return if a.blocks.is_empty() { Some(&mut a.text) } else { in_blocks(&mut a.blocks) };
    }
    p.preamble.last_mut()
}

fn first_difference(a: &str, b: &str) -> String {
    let (x, y): (Vec<&str>, Vec<&str>) = (a.lines().collect(), b.lines().collect());
    let k = x.iter().zip(&y).position(|(p, q)| p != q).unwrap_or(x.len().min(y.len()));
    let around = |v: &[&str]| v[k.saturating_sub(6)..(k + 4).min(v.len())].join("\n    ");
    format!("  at line {k}:\n  - {}\n  + {}", around(&x), around(&y))
}

#[test]
fn every_fixture_round_trips_through_its_docx() {
    let mut failed = Vec::new();
    let all = fixtures();
    assert!(all.len() >= 30, "only {} fixtures found", all.len());
    for (name, plan) in &all {
        match Plan::from_docx(&plan.to_docx().unwrap()) {
            Ok(back) => {
                let (a, b) = (as_printed(plan), as_printed(&back));
                if a != b {
                    failed.push(format!("{name}: differs\n{}", first_difference(&a, &b)));
                }
            }
            Err(e) => failed.push(format!("{name}: {e}")),
        }
    }
    assert!(failed.is_empty(), "{} of {} fixtures:\n{}", failed.len(), all.len(), failed.join("\n"));
}

/// The same, by what prints: the PDF of the plan read back from its DOCX is
/// the PDF of the plan, text run for text run, at the same places.
#[cfg(feature = "golden")]
#[test]
fn every_fixture_prints_the_same_after_a_docx_round_trip() {
    let mut failed = Vec::new();
    for (name, plan) in fixtures() {
        let back = Plan::from_docx(&plan.to_docx().unwrap()).unwrap_or_else(|e| panic!("{name}: {e}"));
        let (a, b) =
            (vanban::dump::pdf(&plan.to_pdf().unwrap()).unwrap(), vanban::dump::pdf(&back.to_pdf().unwrap()).unwrap());
        if a != b {
            failed.push(format!("{name}:\n{}", first_difference(&a, &b)));
        }
    }
    assert!(failed.is_empty(), "{}", failed.join("\n"));
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]
    #[test]
    fn builder_plans_round_trip_through_docx(plan in common::arb::valid_plan()) {
        // the strategy nests blocks as the decree does; a rare word mix that
        // still breaks a rule (a recipient that is only `;`) is not a case
        prop_assume!(!plan.validate().has_errors());
        let docx = plan.to_docx().unwrap();
        let back = vanban::import::docx(&docx);
        prop_assert!(back.is_ok(), "{:?}", back.err());
        let back = back.unwrap();
        let (a, b) = (as_printed(&plan), as_printed(&back.parsed.plan));
        prop_assert!(a == b, "{}\n--- the DOCX as text:\n{}", first_difference(&a, &b), back.text);
    }
}

// ---- drafts made by other tools (scripts/make_drafts.py) ----

fn draft(name: &str) -> vanban::import::Imported {
    let path = common::root().join("fixtures/drafts").join(name);
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}; run scripts/make_drafts.py", path.display()));
    vanban::import::docx(&bytes).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// The draft, given the number and date the plan was issued with, is the
/// plan as issued; as a draft it validates and prints with the blanks.
fn check_draft(name: &str, issued: &Path) {
    let issued = Plan::from_text(&std::fs::read_to_string(common::root().join(issued)).unwrap()).unwrap();
    let imported = draft(name);
    let mut plan = imported.parsed.plan.clone();
    assert!(plan.number.is_none(), "{name}: the draft's number is blank");
    assert!(plan.is_draft(), "{name}: a draft");
    let report = plan.validate();
    assert!(!report.has_errors(), "{name}:\n{report}\n{}", imported.text);
    let pdf = plan.to_pdf().unwrap();
    assert!(pdf.len() > 10_000);
    plan.number = issued.number;
    plan.date = issued.date;
    let (a, b) = (as_printed(&issued), as_printed(&plan));
    assert!(a == b, "{name}:\n{}\n--- the draft as text:\n{}", first_difference(&a, &b), imported.text);
}

#[test]
fn a_python_docx_draft_of_a_real_plan_imports_to_the_plan_as_issued() {
    check_draft("000-svhttdl-daknong.python-docx.docx", Path::new("fixtures/text/000_b9e7d6f373767c93.txt"));
    check_draft(
        "dongthap-thpt-sinhhoat.python-docx.docx",
        Path::new("fixtures/real/dongthap-thpt-docbinhkieu-sinhhoat-2026.txt"),
    );
}

#[test]
fn the_same_drafts_saved_by_libreoffice_import_alike() {
    check_draft("000-svhttdl-daknong.libreoffice.docx", Path::new("fixtures/text/000_b9e7d6f373767c93.txt"));
    check_draft(
        "dongthap-thpt-sinhhoat.libreoffice.docx",
        Path::new("fixtures/real/dongthap-thpt-docbinhkieu-sinhhoat-2026.txt"),
    );
}

#[test]
fn word_numbering_and_bullets_in_a_draft_become_the_texts_numbers() {
    let t = draft("000-svhttdl-daknong.python-docx.docx").text;
    // section II's items are Word's "List Number" paragraphs, its dashes
    // "List Bullet": both print as the numbers and dashes of the text form
    for want in ["\n1. Thi đua triển khai toàn diện", "\n7. “Thi đua hăng hái", "\n- Phát huy tinh thần thi đua"]
    {
        assert!(t.contains(want), "{want:?} not in\n{t}");
    }
    // the header table: the agency and its parent, and no Quốc hiệu in the body
    assert!(
        t.starts_with(
            "+++\n[issuer]\nparent = \"UBND TỈNH ĐẮK NÔNG\"\nname = \"SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH\"\n+++\n"
        ),
        "{t}"
    );
    assert!(!t.contains("CỘNG HÒA"), "{t}");
}

// ---- bad files ----

fn zip_with(parts: &[(&str, &[u8])]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for (name, bytes) in parts {
        w.start_file(*name, opts).unwrap();
        w.write_all(bytes).unwrap();
    }
    w.finish().unwrap().into_inner()
}

fn message(bytes: &[u8]) -> String {
    match Plan::from_docx(bytes) {
        Err(e @ Error::Docx(_)) => e.to_string(),
        other => panic!("expected a DOCX error, got {other:?}"),
    }
}

#[test]
fn bad_docx_files_are_clear_errors() {
    let m = message(b"Ke hoach so 46\n");
    assert!(m.contains("not a DOCX file"), "{m}");
    let m = message(b"PK\x03\x04 but not really a zip");
    assert!(m.contains("not a readable DOCX"), "{m}");
    let m = message(&zip_with(&[("hello.txt", b"hi")]));
    assert!(m.contains("no word/document.xml"), "{m}");
    let m = message(&zip_with(&[("word/document.xml", b"<w:document><w:body><w:p>")]));
    assert!(m.contains("not well-formed XML"), "{m}");
    let m = message(&zip_with(&[("word/document.xml", &[0xff, 0xfe, 0x00])]));
    assert!(m.contains("not UTF-8"), "{m}");
}

/// A zip bomb: a document.xml of 200 MB of spaces, 200 KB compressed. It is
/// refused after 64 MB are inflated, within a memory bound.
#[test]
fn a_zip_bomb_is_refused_without_filling_memory() {
    let huge = vec![b' '; 200 << 20];
    let bomb = zip_with(&[("word/document.xml", &huge)]);
    drop(huge);
    assert!(bomb.len() < 1 << 20, "{} bytes", bomb.len());
    let m = message(&bomb);
    assert!(m.contains("inflates to more than 64 MB"), "{m}");
}

/// A 200 MB file that is not a DOCX is refused, without a copy of it.
#[test]
fn a_200_mb_file_is_refused() {
    let mut big = vec![0u8; 200 << 20];
    big[..2].copy_from_slice(b"PK");
    let m = message(&big);
    assert!(m.contains("not a readable DOCX"), "{m}");
}

/// Runs in the legacy fonts: Word shows a `.VnTime` (TCVN3) or `VNI-Times`
/// (VNI) run's bytes as Windows-1252 characters; the import reads them back
/// as the Vietnamese letters they draw, every letter with every tone, and
/// says so in a warning.
#[test]
fn runs_in_legacy_fonts_are_converted() {
    const CP1252_80: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8D}', 'Ž', '\u{8F}', '\u{90}', '‘',
        '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9D}', 'ž', 'Ÿ',
    ];
    let shown = |bytes: Vec<u8>| -> String {
        let s: String = bytes
            .into_iter()
            .map(|b| if (0x80..0xA0).contains(&b) { CP1252_80[(b - 0x80) as usize] } else { b as char })
            .collect();
        s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
    };
    let alphabet = common::legacy::alphabet();
    let run = |font: &str, text: String| {
        format!(
            "<w:p><w:r><w:rPr><w:rFonts w:ascii=\"{font}\" w:hAnsi=\"{font}\"/></w:rPr><w:t xml:space=\"preserve\">{text}</w:t></w:r></w:p>"
        )
    };
    let body = [
        run(".VnTime", shown(common::legacy::to_tcvn3(&alphabet))),
        run("VNI-Times", shown(common::legacy::to_vni(&alphabet))),
        run("VNI-Times", shown(common::legacy::to_vni(&alphabet.to_uppercase()))),
    ]
    .concat();
    let xml = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>{body}</w:body></w:document>"
    );
    let docx = zip_with(&[("word/document.xml", xml.as_bytes())]);
    let (text, warnings) = vanban::import::docx_to_text(&docx).unwrap();
    let lines: Vec<&str> = text.lines().filter(|l| !l.is_empty()).collect();
    assert_eq!(lines, [alphabet.as_str(), alphabet.as_str(), alphabet.to_uppercase().as_str()]);
    assert!(warnings.iter().any(|w| w.contains("3 run(s) in the legacy fonts")), "{warnings:?}");
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]
    /// A damaged draft is an answer, never a panic: our own document.xml
    /// (with its styles and numbering) cut short or with a stretch
    /// overwritten by markup-ish bytes.
    #[test]
    fn damaged_drafts_never_panic(cut in prop::option::of(0.0f64..1.0), at in 0.0f64..1.0, junk in "[<>/=\"a-z: \\x{1EA0}-\\x{1EF9}]{0,40}") {
        let docx = common::load(&common::root().join("fixtures/forms/marks_and_appendix.toml")).to_docx().unwrap();
        let mut z = zip::ZipArchive::new(std::io::Cursor::new(docx)).unwrap();
        let mut parts: Vec<(String, Vec<u8>)> = Vec::new();
        for k in 0..z.len() {
            let mut f = z.by_index(k).unwrap();
            let mut b = Vec::new();
            std::io::Read::read_to_end(&mut f, &mut b).unwrap();
            parts.push((f.name().to_owned(), b));
        }
        for (name, b) in &mut parts {
            if name == "word/document.xml" || name == "word/numbering.xml" {
                let n = b.len();
                let i = ((n as f64) * at) as usize;
                b.splice(i..(i + junk.len()).min(n), junk.bytes());
                if let Some(cut) = cut {
                    b.truncate(((b.len() as f64) * (0.5 + cut / 2.0)) as usize);
                }
            }
        }
        let refs: Vec<(&str, &[u8])> = parts.iter().map(|(n, b)| (n.as_str(), b.as_slice())).collect();
        let _ = Plan::from_docx(&zip_with(&refs));
    }
}

/// What Word templates wrap text in: a content control (`w:sdt`) around
/// paragraphs is read through; a text box (drawn twice: DrawingML and its
/// VML fallback) is left out of its anchor paragraph, with a warning.
#[test]
fn content_controls_are_read_and_text_boxes_left_out() {
    let box_text = "<w:txbxContent><w:p><w:r><w:t>TRONG HỘP</w:t></w:r></w:p></w:txbxContent>";
    let body = format!(
        "<w:sdt><w:sdtPr/><w:sdtContent><w:p><w:r><w:t>Trong điều khiển nội dung.</w:t></w:r></w:p></w:sdtContent></w:sdt>\
         <w:p><w:r><w:t>Đoạn neo.</w:t></w:r><w:r><mc:AlternateContent><mc:Choice Requires=\"wps\"><w:drawing><wps:txbx>{box_text}</wps:txbx></w:drawing></mc:Choice>\
         <mc:Fallback><w:pict><v:textbox>{box_text}</v:textbox></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>"
    );
    let xml = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" \
         xmlns:mc=\"http://schemas.openxmlformats.org/markup-compatibility/2006\" xmlns:wps=\"http://schemas.microsoft.com/office/word/2010/wordprocessingShape\" \
         xmlns:v=\"urn:schemas-microsoft-com:vml\"><w:body>{body}</w:body></w:document>"
    );
    let (text, warnings) = vanban::import::docx_to_text(&zip_with(&[("word/document.xml", xml.as_bytes())])).unwrap();
    let lines: Vec<&str> = text.lines().filter(|l| !l.is_empty()).collect();
    assert_eq!(lines, ["Trong điều khiển nội dung.", "Đoạn neo."]);
    assert!(warnings.iter().any(|w| w.starts_with("1 text box(es) were left out")), "{warnings:?}");
}
