//! Page 1 measured in pixels (spec §11, §7): every rule (under the agency,
//! under the Tiêu ngữ, under the trích yếu) keeps ≥ 2 pt of white to the ink
//! above and below it, in our PDF and in LibreOffice's PDF of our DOCX, for the
//! samples and for names with the tallest Vietnamese capitals; the agency and
//! title rules are 1/3–1/2 of the widest line above them.
//!
//! Needs `pdftoppm` (poppler-utils) and `soffice`; skipped without them
//! outside CI, failing in CI.

mod common;

use std::path::Path;
use std::process::Command;

use vanban::{Issuer, Plan, PlanDate, Signer};

const DPI: f32 = 300.0;
const PT: f32 = DPI / 72.0;

/// A grey page: width, height, one byte a pixel (0 black, 255 white).
struct Gray {
    w: usize,
    h: usize,
    px: Vec<u8>,
}

impl Gray {
    fn dark(&self, x: usize, y: usize) -> bool {
        self.px[y * self.w + x] < 160
    }
    /// Reads a binary PGM (P5) as pdftoppm -gray writes it.
    fn read(path: &Path) -> Gray {
        let bytes = std::fs::read(path).unwrap();
        let mut fields = Vec::new();
        let mut i = 0;
        while fields.len() < 4 {
            while bytes[i].is_ascii_whitespace() {
                i += 1;
            }
            let start = i;
            while !bytes[i].is_ascii_whitespace() {
                i += 1;
            }
            fields.push(String::from_utf8_lossy(&bytes[start..i]).to_string());
        }
        assert_eq!(fields[0], "P5");
        let (w, h): (usize, usize) = (fields[1].parse().unwrap(), fields[2].parse().unwrap());
        let px = bytes[i + 1..i + 1 + w * h].to_vec();
        Gray { w, h, px }
    }
}

/// A horizontal rule: its first row, thickness and span, in pixels.
#[derive(Debug, Clone, Copy)]
struct RuleAt {
    y: usize,
    rows: usize,
    x0: usize,
    x1: usize,
}

/// Horizontal dark runs at least `min_len` long and at most 4 px thick.
fn rules(g: &Gray, min_len: usize) -> Vec<RuleAt> {
    let mut found: Vec<RuleAt> = Vec::new();
    for y in 0..g.h {
        let mut x = 0;
        while x < g.w {
            if !g.dark(x, y) {
                x += 1;
                continue;
            }
            let start = x;
            while x < g.w && g.dark(x, y) {
                x += 1;
            }
            if x - start >= min_len {
                match found.iter_mut().find(|r| r.y + r.rows == y && r.x0.abs_diff(start) < 4) {
                    Some(r) => r.rows += 1,
                    None => found.push(RuleAt { y, rows: 1, x0: start, x1: x }),
                }
            }
        }
    }
    found.retain(|r| r.rows <= 4);
    found
}

/// White rows above and below a rule, within its span.
fn white_around(g: &Gray, r: RuleAt) -> (usize, usize) {
    let clear = |y: usize| (r.x0..r.x1).all(|x| !g.dark(x, y));
    let above = (0..r.y).rev().take_while(|&y| clear(y)).count();
    let below = (r.y + r.rows..g.h).take_while(|&y| clear(y)).count();
    (above, below)
}

fn page_one(pdf: &Path, stem: &Path) -> Gray {
    let out = Command::new("pdftoppm")
        .args(["-r", "300", "-gray", "-f", "1", "-l", "1", "-singlefile"])
        .arg(pdf)
        .arg(stem)
        .output()
        .expect("pdftoppm runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    Gray::read(&stem.with_extension("pgm"))
}

/// The samples and plans whose header lines carry the tallest capitals.
fn plans() -> Vec<(String, Plan)> {
    let mut out: Vec<(String, Plan)> =
        common::samples().into_iter().map(|(name, toml, _)| (name, common::load(&toml))).collect();
    let names = [
        ("UBND TỈNH ĐỒNG THÁP", "SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH", "Đồng Tháp"),
        ("ỦY BAN NHÂN DÂN\nTỈNH QUẢNG NINH", "BAN CHỈ ĐẠO PHÒNG, CHỐNG\nDỊCH BỆNH TỈNH", "Quảng Ninh"),
        ("BỘ TƯ PHÁP", "CỤC HỘ TỊCH, QUỐC TỊCH,\nCHỨNG THỰC", "Hà Nội"),
        ("UBND THÀNH PHỐ HỒ CHÍ MINH", "SỞ NỘI VỤ", "Thành phố Hồ Chí Minh"),
        ("UBND TỈNH NGHỆ AN", "TRƯỜNG THPT ĐỖ LƯƠNG", "Nghệ An"),
    ];
    for (i, (parent, name, place)) in names.into_iter().enumerate() {
        let plan = Plan::builder()
            .issuer(Issuer::new(name, "ĐL").parent(parent))
            .number(7)
            .place(place)
            .partial_date(PlanDate::ymd(2026, 1, 5))
            .title("Triển khai nhiệm vụ trọng tâm năm 2026")
            .section("MỤC ĐÍCH, YÊU CẦU", |s| s.item("Bảo đảm đúng tiến độ."))
            .recipient("UBND tỉnh (b/c)")
            .archive(["VP"])
            .signer(Signer::new("Nguyễn Văn An").title("GIÁM ĐỐC"))
            .build()
            .unwrap();
        out.push((format!("names{i}"), plan));
    }
    out
}

#[test]
fn every_rule_on_page_one_keeps_two_points_of_white_in_both_pdfs() {
    if !(common::tool_or_skip("pdftoppm", "-v") && common::tool_or_skip("soffice", "--version")) {
        return;
    }
    let dir = common::scratch("page-one");
    let plans = plans();
    common::both_pdfs(&dir, plans.iter().map(|(n, p)| (n.as_str(), p)));
    let need = (2.0 * PT).floor() as usize; // 2 pt at 300 dpi
    let mut failures = Vec::new();
    for (name, _) in &plans {
        for (who, pdf) in
            [("ours", dir.join(format!("{name}.pdf"))), ("LibreOffice", dir.join("lo").join(format!("{name}.pdf")))]
        {
            let g = page_one(&pdf, &dir.join(format!("{name}-{who}")));
            // rules are ≥ 5 mm long; the header's two, the title's one
            let found = rules(&g, (5.0 * DPI / 25.4) as usize);
            if found.len() < 3 {
                failures.push(format!("{name} ({who}): {} rules found on page 1", found.len()));
            }
            for r in found.iter().take(3) {
                let (above, below) = white_around(&g, *r);
                if above < need || below < need {
                    failures.push(format!(
                        "{name} ({who}): rule at y={:.1} pt has {:.1} pt above, {:.1} pt below",
                        r.y as f32 / PT,
                        above as f32 / PT,
                        below as f32 / PT
                    ));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn the_agency_and_title_rules_are_a_third_to_half_of_their_widest_line() {
    for (name, plan) in plans() {
        let layout = plan.layout().unwrap();
        let page = &layout.pages[0];
        let rules: Vec<(f32, f32, f32)> = page
            .items
            .iter()
            .filter_map(|i| match i {
                vanban::layout::Item::Rule { x0, x1, y } => Some((*x0, *x1, *y)),
                _ => None,
            })
            .collect();
        // left rule (agency), right rule (Tiêu ngữ), title rule
        // the block of bold lines right above a rule, centred on it: lines
        // no more than a line and a half apart
        let text_lines_above = |rule: (f32, f32, f32), only_nearest: bool| -> f32 {
            let centre = (rule.0 + rule.1) / 2.0;
            let mut lines: Vec<&vanban::layout::TextRun> = page
                .items
                .iter()
                .filter_map(|i| match i {
                    vanban::layout::Item::Text(t) if t.y < rule.2 && t.style == vanban::fonts::FontStyle::Bold => {
                        Some(t)
                    }
                    _ => None,
                })
                .filter(|t| (t.x + t.width() / 2.0 - centre).abs() < 2.0)
                .collect();
            lines.sort_by(|a, b| b.y.total_cmp(&a.y));
            let mut widest: f32 = 0.0;
            let mut last = rule.2;
            for t in lines {
                if last - t.y > 1.5 * t.size + 6.0 {
                    break;
                }
                widest = widest.max(t.width());
                last = t.y;
                if only_nearest {
                    break;
                }
            }
            widest
        };
        for (k, what) in [(0, "agency"), (2, "title")] {
            let r = rules[k];
            let widest = text_lines_above(r, false);
            let ratio = (r.1 - r.0) / widest;
            assert!(
                (1.0 / 3.0 - 0.005..=0.5 + 0.005).contains(&ratio),
                "{name}: the {what} rule is {ratio:.2} of its widest line ({widest:.1} pt)"
            );
        }
        let tn = rules[1];
        let tieu_ngu = text_lines_above(tn, true);
        assert!(
            ((tn.1 - tn.0) - tieu_ngu).abs() < 0.5,
            "{name}: the Tiêu ngữ rule ({}) is as long as its line ({tieu_ngu}); rules {rules:?}",
            tn.1 - tn.0
        );
    }
}

/// Both writers' page 1 agree to the millimetre: the header lines, the marks
/// and their boxes, the Số/date row, the title and the rules, as our PDF and
/// LibreOffice's PDF of our DOCX print them.
#[test]
fn both_writers_place_page_one_alike_to_the_millimetre() {
    if !(common::tool_or_skip("pdftoppm", "-v") && common::tool_or_skip("soffice", "--version")) {
        return;
    }
    let plan = Plan::builder()
        .issuer(Issuer::new("SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH", "SVHTTDL").parent("UBND TỈNH QUẢNG NINH"))
        .number(46)
        .place("Quảng Ninh")
        .partial_date(PlanDate::ymd(2026, 1, 5))
        .title("Triển khai nhiệm vụ trọng tâm năm 2026 của ngành văn hóa")
        .section("MỤC ĐÍCH, YÊU CẦU", |s| s.item("Bảo đảm đúng tiến độ."))
        .recipient("UBND tỉnh (b/c)")
        .archive(["VP"])
        .signer(Signer::new("Nguyễn Văn An").title("GIÁM ĐỐC"))
        .urgency(vanban::Urgency::ThuongKhan)
        .confidentiality(vanban::Confidentiality::Mat)
        .circulation(vanban::Circulation::LuuHanhNoiBo)
        .build()
        .unwrap();
    let dir = common::scratch("page-one-alike");
    common::both_pdfs(&dir, [("p", &plan)]);
    let (ours, theirs) = (dir.join("p.pdf"), dir.join("lo").join("p.pdf"));
    let words = |p: &Path| common::pdf_words(&std::fs::read(p).unwrap());
    let (a, b) = (words(&ours), words(&theirs));
    let mm = 72.0 / 25.4;
    let mut off = Vec::new();
    // a word box's bottom depends on the descent each PDF's font records:
    // heights are compared relative to the Quốc hiệu, which both place at
    // the top margin
    let reference = |ws: &[common::Word]| ws.iter().find(|x| x.page == 1 && x.text == "CỘNG").map_or(0.0, |x| x.y1);
    let (ref_a, ref_b) = (reference(&a), reference(&b));
    let at = |ws: &[common::Word], r: f32, w: &str| {
        ws.iter().find(|x| x.page == 1 && x.text == w).map(|x| (x.x0, x.y1 - r + 50.0 * mm))
    };
    for w in ["UBND", "SỞ", "DU", "Độc", "LƯU", "Số:", "MẬT", "THƯỢNG", "Quảng", "KẾ", "Triển"] {
        let (Some(p), Some(q)) = (at(&a, ref_a, w), at(&b, ref_b, w)) else {
            off.push(format!("{w}: missing in one of the two PDFs"));
            continue;
        };
        if (p.0 - q.0).abs() > mm || (p.1 - q.1).abs() > mm {
            off.push(format!(
                "{w}: ours at ({:.1}, {:.1}) mm, LibreOffice at ({:.1}, {:.1}) mm",
                p.0 / mm,
                p.1 / mm,
                q.0 / mm,
                q.1 / mm
            ));
        }
    }
    // the rules and the mark boxes' edges: long dark runs at 300 dpi
    let ga = page_one(&ours, &dir.join("ours"));
    let gb = page_one(&theirs, &dir.join("theirs"));
    let long = (5.0 * DPI / 25.4) as usize;
    let (ra, rb) = (rules(&ga, long), rules(&gb, long));
    let px_mm = DPI / 25.4;
    for r in &ra {
        let near = rb.iter().any(|s| {
            (r.y as f32 - s.y as f32).abs() <= px_mm
                && (r.x0 as f32 - s.x0 as f32).abs() <= px_mm
                && (r.x1 as f32 - s.x1 as f32).abs() <= px_mm
        });
        if !near {
            off.push(format!(
                "a line at y={:.1} mm, x={:.1}–{:.1} mm has no match in LibreOffice's page",
                r.y as f32 / px_mm,
                r.x0 as f32 / px_mm,
                r.x1 as f32 / px_mm,
            ));
        }
    }
    let lines = |r: &[RuleAt]| -> Vec<String> {
        r.iter()
            .map(|s| format!("{:.1}:{:.1}–{:.1}", s.y as f32 / px_mm, s.x0 as f32 / px_mm, s.x1 as f32 / px_mm))
            .collect()
    };
    assert!(off.is_empty(), "{}\nours: {:?}\nLibreOffice: {:?}", off.join("\n"), lines(&ra), lines(&rb));
    let _ = std::fs::remove_dir_all(&dir);
}

/// A draft leaves room to stamp the number and the date at issue (spec §9):
/// ≥ 5 mm between `Số:` and `/KH-`, ≥ 4 mm for a blank day and month, in our
/// PDF and in LibreOffice's PDF of our DOCX (glyph positions read back); a
/// filled number prints no blank.
#[test]
fn draft_blanks_leave_room_to_stamp_in_both_pdfs() {
    if !(common::tool_or_skip("pdftotext", "-v") && common::tool_or_skip("soffice", "--version")) {
        return;
    }
    let mut plans: Vec<(String, Plan)> = common::all_fixtures()
        .into_iter()
        .map(|p| (p.file_stem().unwrap().to_string_lossy().to_string(), common::load(&p)))
        .filter(|(_, p)| p.is_draft() || p.date.day.is_none())
        .collect();
    assert!(plans.len() >= 3, "draft fixtures: {}", plans.len());
    plans.push(("filled".into(), common::load(&common::samples()[0].1)));
    let dir = common::scratch("blanks");
    common::both_pdfs(&dir, plans.iter().map(|(n, p)| (n.as_str(), p)));
    let mm = 72.0 / 25.4;
    let mut failures = Vec::new();
    for (name, plan) in &plans {
        for (who, pdf) in
            [("ours", dir.join(format!("{name}.pdf"))), ("LibreOffice", dir.join("lo").join(format!("{name}.pdf")))]
        {
            let words: Vec<common::Word> =
                common::pdf_words(&std::fs::read(&pdf).unwrap()).into_iter().filter(|w| w.page == 1).collect();
            // the white between the end of `before` and the nearest word to its
            // right on its line
            let gap_after = |before: &str| -> Option<f32> {
                let w = words.iter().find(|w| w.text == before)?;
                words
                    .iter()
                    .filter(|n| (n.y1 - w.y1).abs() < 2.0 && n.x0 >= w.x1 - 0.1)
                    .map(|n| (n.x0 - w.x1) / mm)
                    .min_by(f32::total_cmp)
            };
            let mut checks = Vec::new();
            if plan.is_draft() {
                checks.push(("number", gap_after("Số:"), 5.0));
            } else {
                let g = gap_after("Số:").unwrap_or(0.0);
                if g > 2.0 {
                    failures.push(format!("{name} ({who}): a filled number leaves {g:.1} mm after Số:"));
                }
            }
            if plan.date.day.is_none() {
                checks.push(("day", gap_after("ngày"), 4.0));
            }
            if plan.date.month.is_none() {
                checks.push(("month", gap_after("tháng"), 4.0));
            }
            for (what, gap, least) in checks {
                if !gap.is_some_and(|g| g + 0.05 >= least) {
                    failures.push(format!("{name} ({who}): {what} blank is {gap:?} mm, needs {least} mm"));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    let _ = std::fs::remove_dir_all(&dir);
}
