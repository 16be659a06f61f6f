//! Party documents (Hướng dẫn 05-HD/VPTW, `../shared/spec/party.md`): the
//! three real documents of `fixtures/party` render with no edits, and their
//! PDFs, ours and LibreOffice's of our DOCX, read back row by row of
//! party.md's table as far as a text layer shows it (sizes, bold/italic,
//! positions, `*`, `-----`, no colon, no `./.`, the archive line, the
//! position line not bold, page numbers, margins).
//!
//! LibreOffice's half needs `soffice` (Debian: libreoffice-writer-nogui);
//! skipped without it outside CI, failing in CI.

mod common;

use std::path::PathBuf;

use vanban::{Authority, Plan, Profile, Rule, Severity};

const MM: f32 = 25.4 / 72.0;

fn party_fixtures() -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(common::root().join("fixtures/party"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    v.sort();
    assert!(v.len() >= 3, "the three real Party documents are kept in fixtures/party");
    v
}

fn load(p: &std::path::Path) -> Plan {
    let src = std::fs::read_to_string(p).unwrap();
    vanban::plaintext::parse(&src).unwrap_or_else(|e| panic!("{}: {e}", p.display())).plan
}

/// One text line or rule of a PDF, from `vanban::dump::pdf` (mm from the
/// top-left corner; a text's y is its baseline).
#[derive(Debug, Clone)]
struct Text {
    page: usize,
    x: f32,
    y: f32,
    font: String,
    size: f32,
    text: String,
}

impl Text {
    fn bold(&self) -> bool {
        self.font.contains("Bold")
    }
    fn italic(&self) -> bool {
        self.font.contains("Italic")
    }
    /// The width of the text as the bundled font measures it, mm.
    fn width(&self) -> f32 {
        let style = vanban::fonts::FontStyle::of(self.bold(), self.italic());
        vanban::fonts::FontSet::bundled().measure(&self.text, style, self.size) * MM
    }
    fn center(&self) -> f32 {
        self.x + self.width() / 2.0
    }
}

#[derive(Debug, Clone)]
struct Rule_ {
    page: usize,
    x0: f32,
    x1: f32,
    y: f32,
}

fn read(pdf: &[u8]) -> (Vec<Text>, Vec<Rule_>) {
    let dump = vanban::dump::pdf(pdf).unwrap();
    let (mut texts, mut rules) = (Vec::new(), Vec::new());
    let mut page = 0;
    for line in dump.lines() {
        let l = line.trim();
        if l.starts_with("page ") {
            page += 1;
        } else if let Some(rest) = l.strip_prefix("text ") {
            let (head, text) = rest.split_once(" | ").unwrap_or((rest.trim_end_matches(" |"), ""));
            let f: Vec<&str> = head.split_whitespace().collect();
            texts.push(Text {
                page,
                x: f[0].parse().unwrap(),
                y: f[1].parse().unwrap(),
                font: f[2].to_owned(),
                size: f[3].parse().unwrap(),
                text: text.trim_end().to_owned(),
            });
        } else if let Some(rest) = l.strip_prefix("rule ") {
            let f: Vec<f32> = rest.split_whitespace().filter(|w| *w != "->").map(|w| w.parse().unwrap()).collect();
            rules.push(Rule_ { page, x0: f[0].min(f[2]), x1: f[0].max(f[2]), y: (f[1] + f[3]) / 2.0 });
        }
    }
    (texts, rules)
}

fn find<'a>(texts: &'a [Text], what: &str, pred: impl Fn(&Text) -> bool) -> &'a Text {
    texts.iter().find(|t| pred(t)).unwrap_or_else(|| panic!("{what} not found in {texts:#?}"))
}

/// Checks one PDF of `plan` against party.md, row by row. `who` names the
/// PDF in messages.
fn check_hd05(who: &str, plan: &Plan, pdf: &[u8]) {
    let (texts, rules) = read(pdf);
    let p1: Vec<Text> = texts.iter().filter(|t| t.page == 1).cloned().collect();
    let doc = vanban::compose::Document::new(plan);

    // right header: ĐẢNG CỘNG SẢN VIỆT NAM 15 caps bold, a solid rule as long as it; no Tiêu ngữ (I-1.2)
    let name = find(&p1, "ĐẢNG CỘNG SẢN VIỆT NAM", |t| t.text == "ĐẢNG CỘNG SẢN VIỆT NAM");
    assert!(name.bold() && (name.size - 15.0).abs() < 0.1, "{who}: {name:?}");
    let rule = rules
        .iter()
        .find(|r| r.page == 1 && r.y > name.y && r.y < name.y + 4.0)
        .unwrap_or_else(|| panic!("{who}: no rule under ĐẢNG CỘNG SẢN VIỆT NAM: {rules:?}"));
    assert!(
        (rule.x0 - name.x).abs() < 1.0 && (rule.x1 - (name.x + name.width())).abs() < 1.0,
        "{who}: the rule is as long as the name: {rule:?} vs {name:?} ({} mm)",
        name.width()
    );
    assert!(!texts.iter().any(|t| t.text.contains("CỘNG HÒA") || t.text.contains("Độc lập")), "{who}: no Quốc hiệu");

    // left header: bodies 14 (superior regular, issuing bold), then a centred `*`, no rule (I-2.2)
    let star = find(&p1, "the star", |t| t.text == "*");
    assert!(!star.bold() && (star.size - 14.0).abs() < 0.1, "{who}: {star:?}");
    let left: Vec<&Text> = p1.iter().filter(|t| t.y < star.y && t.center() < 105.0).collect();
    assert!(!left.is_empty(), "{who}: the bodies stand above the star");
    for t in &left {
        assert!((t.size - 14.0).abs() < 0.1, "{who}: header names are 14 pt: {t:?}");
    }
    let issuing = left.last().unwrap();
    assert!(issuing.bold(), "{who}: the issuing body is bold: {issuing:?}");
    if plan.issuer.parent.is_some() {
        assert!(!left[0].bold(), "{who}: the superior body is regular: {:?}", left[0]);
    }
    assert!((star.center() - issuing.center()).abs() < 1.5, "{who}: the star is centred under the body");
    assert!(
        !rules.iter().any(|r| r.page == 1 && r.x1 < 105.0 && r.y < star.y + 2.0),
        "{who}: no rule in the left header"
    );

    // number: `Số 12-KH/ĐU`, no colon, 14 regular, centred under the left block (I-3.2)
    let number = find(&p1, "the number", |t| t.text.starts_with("Số"));
    let spaces = |s: &str| s.replace('\u{2002}', " ");
    assert_eq!(spaces(&number.text), spaces(&doc.header.number), "{who}");
    assert!(!number.text.starts_with("Số:"), "{who}: no colon after Số");
    assert!(!number.bold() && !number.italic() && (number.size - 14.0).abs() < 0.1, "{who}: {number:?}");
    assert!((number.center() - issuing.center()).abs() < 2.0, "{who}: the number is centred under the left block");
    assert!(number.y > star.y, "{who}: the number is under the star");

    // place and date: 14 italic, centred under the header title (I-4.2)
    let date = find(&p1, "the date", |t| t.text.contains(", ngày"));
    assert!(date.italic() && (date.size - 14.0).abs() < 0.1, "{who}: {date:?}");
    assert!((date.center() - name.center()).abs() < 1.5, "{who}: the date is centred under ĐẢNG CỘNG SẢN VIỆT NAM");

    // type name 16 caps bold, trích yếu 14 bold, `-----` under it, no rule (I-5.2, I-5.2.1)
    if plan.form == vanban::Form::CongVan {
        // a công văn's trích yếu under its number, 12 italic
        let under: Vec<&Text> =
            p1.iter().filter(|t| t.y > number.y && t.y < number.y + 30.0 && t.center() < 105.0).collect();
        assert!(!under.is_empty(), "{who}: the trích yếu stands under the number");
        for t in under {
            assert!(t.italic() && (t.size - 12.0).abs() < 0.1, "{who}: {t:?}");
        }
    } else {
        let ty = find(&p1, "the type name", |t| t.text == doc.doc_type);
        assert!(ty.bold() && (ty.size - 16.0).abs() < 0.1, "{who}: {ty:?}");
        let dashes = find(&p1, "-----", |t| t.text == "-----");
        assert!(!dashes.bold() && (dashes.size - 14.0).abs() < 0.1, "{who}: {dashes:?}");
        assert!((dashes.center() - 112.5).abs() < 1.0, "{who}: ----- is centred: {dashes:?}");
        let title: Vec<&Text> = p1.iter().filter(|t| t.y > ty.y && t.y < dashes.y).collect();
        assert!(!title.is_empty(), "{who}: the trích yếu between the type name and -----");
        for t in &title {
            assert!(t.bold() && (t.size - 14.0).abs() < 0.1, "{who}: {t:?}");
        }
        assert!(title[0].text.starts_with(char::is_lowercase), "{who}: the trích yếu in lower case");
        assert!(
            !rules.iter().any(|r| r.page == 1 && r.y > ty.y && r.y < dashes.y + 5.0),
            "{who}: no rule under the trích yếu"
        );
    }

    // body: 14, ~10 mm first-line indent, exactly 18 pt between lines, fixed margins (I-6.2.2, IV-4)
    let body: Vec<&Text> = texts.iter().filter(|t| t.size == 14.0 && !t.bold() && !t.italic() && t.x < 45.0).collect();
    let left_edge = body.iter().map(|t| t.x).fold(f32::MAX, f32::min);
    assert!((left_edge - 30.0).abs() < 0.3, "{who}: the left margin is 30 mm: {left_edge}");
    assert!(body.iter().any(|t| (t.x - 40.0).abs() < 0.3), "{who}: first lines indented 10 mm");
    let mut pitches: Vec<f32> = body
        .windows(2)
        .filter(|w| w[0].page == w[1].page && (w[1].x - 30.0).abs() < 0.3)
        .map(|w| w[1].y - w[0].y)
        .filter(|d| *d > 0.0)
        .collect();
    pitches.sort_by(f32::total_cmp);
    let pitch = pitches[0];
    assert!((pitch - 18.0 * MM).abs() < 0.15, "{who}: lines of a paragraph are exactly 18 pt apart: {pitch} mm");
    for t in &texts {
        assert!(!t.text.contains("./."), "{who}: a Party document ends with \".\": {t:?}");
        assert!(t.x + 0.1 >= 30.0 || t.page > 1 && t.size < 14.0 || t.x >= 29.9, "{who}: inside the margin: {t:?}");
    }

    // signer: authority line bold, position line not bold, name bold, all 14 (I-7.1.2)
    let authority = find(&texts, "the authority line", |t| t.text.starts_with("T/M ") || t.text.starts_with("K/T "));
    assert!(authority.bold() && (authority.size - 14.0).abs() < 0.1, "{who}: {authority:?}");
    let position =
        find(&texts, "the position line", |t| t.page == authority.page && t.y > authority.y + 1.0 && t.x > 100.0);
    assert!(
        !position.bold() && (position.size - 14.0).abs() < 0.1,
        "{who}: the position line is not bold: {position:?}"
    );
    let signer_name = find(&texts, "the signer's name", |t| t.text == plan.signer.name);
    assert!(signer_name.bold() && (signer_name.size - 14.0).abs() < 0.1, "{who}: {signer_name:?}");

    // Nơi nhận: 14 upright, underlined; entries 12; `- Lưu Văn phòng ….` no colon (I-9.2.5)
    let label = find(&texts, "Nơi nhận:", |t| t.text == "Nơi nhận:");
    assert!(!label.bold() && !label.italic() && (label.size - 14.0).abs() < 0.1, "{who}: {label:?}");
    let under = rules
        .iter()
        .find(|r| r.page == label.page && r.y > label.y - 0.1 && r.y < label.y + 1.5)
        .unwrap_or_else(|| panic!("{who}: Nơi nhận: is underlined: {label:?} {rules:?}"));
    assert!((under.x0 - label.x).abs() < 0.5 && (under.x1 - under.x0 - label.width()).abs() < 1.0, "{who}: {under:?}");
    let entries: Vec<&Text> =
        texts.iter().filter(|t| t.page == label.page && t.y > label.y && t.x < 60.0 && t.y < label.y + 80.0).collect();
    for e in &entries {
        assert!((e.size - 12.0).abs() < 0.1, "{who}: recipients are 12 pt: {e:?}");
    }
    let archive = doc.closing.recipients.last().unwrap();
    assert!(archive.starts_with("- Lưu ") && !archive.contains(':') && !archive.contains("VT"), "{archive}");
    assert!(entries.iter().any(|e| e.text == *archive), "{who}: the archive line {archive:?} is printed");

    // page numbers: none on page 1; 14, centred, 10 mm from the top edge (IV-5)
    assert!(!p1.iter().any(|t| t.y < 18.0), "{who}: no page number on page 1");
    if texts.iter().any(|t| t.page == 2) {
        let n = find(&texts, "page 2's number", |t| t.page == 2 && t.text == "2");
        assert!((n.size - 14.0).abs() < 0.1 && n.y > 12.0 && n.y < 16.0, "{who}: {n:?}");
        assert!((n.center() - 112.5).abs() < 1.0, "{who}: the page number is centred: {n:?}");
    }
}

#[test]
fn real_party_documents_render_with_no_edits() {
    for path in party_fixtures() {
        let plan = load(&path);
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        assert_eq!(plan.profile, Profile::Party, "{name}: recognised by its header");
        let report = plan.validate();
        assert!(!report.has_errors(), "{name}: {report}");
        let pdf = plan.to_pdf().unwrap_or_else(|e| panic!("{name}: {e}"));
        plan.to_docx().unwrap_or_else(|e| panic!("{name}: {e}"));
        check_hd05(&name, &plan, &pdf);
    }
}

#[test]
fn libreoffice_prints_our_party_docx_per_hd05() {
    if !common::tool_or_skip("soffice", "--version") {
        return;
    }
    let dir = common::scratch("party-lo");
    let plans: Vec<(String, Plan)> =
        party_fixtures().iter().map(|p| (p.file_stem().unwrap().to_string_lossy().to_string(), load(p))).collect();
    common::both_pdfs(&dir, plans.iter().map(|(n, p)| (n.as_str(), p)));
    for (name, plan) in &plans {
        let ours = std::fs::read(dir.join(format!("{name}.pdf"))).unwrap();
        let lo = std::fs::read(dir.join("lo").join(format!("{name}.pdf"))).unwrap();
        check_hd05(&format!("{name} (LibreOffice)"), plan, &lo);
        // and line for line as ours: the same lines on the same pages
        let lines = |pdf: &[u8]| {
            let (t, _) = read(pdf);
            let mut v: Vec<(usize, String)> = t.into_iter().map(|t| (t.page, t.text.trim_end().to_owned())).collect();
            v.sort();
            v
        };
        let (a, b) = (lines(&ours), lines(&lo));
        let only_ours: Vec<_> = a.iter().filter(|l| !b.contains(l)).collect();
        let only_lo: Vec<_> = b.iter().filter(|l| !a.contains(l)).collect();
        assert!(
            only_ours.is_empty() && only_lo.is_empty(),
            "{name}: our PDF and LibreOffice's of our DOCX agree line for line:\nonly ours: {only_ours:#?}\nonly LibreOffice's: {only_lo:#?}"
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn party_docx_styles_follow_hd05() {
    let plan = load(&common::root().join("fixtures/party/laocai-dubnd-cv2449-2026.txt"));
    let dump = vanban::dump::docx(&plan.to_docx().unwrap()).unwrap();
    let style = |id: &str| -> String {
        let start = dump.find(&format!("w:styleId=\"{id}\"")).unwrap_or_else(|| panic!("style {id}"));
        let rest = &dump[start..];
        rest[..rest[20..].find("<w:style ").map_or(rest.len(), |e| e + 20)].to_owned()
    };
    assert!(style("TenDang").contains("<w:sz w:val=\"30\">") && style("TenDang").contains("<w:b>"));
    assert!(style("NoiDung").contains("w:line=\"360\" w:lineRule=\"exact\""), "{}", style("NoiDung"));
    assert!(style("NoiNhan").contains("<w:u w:val=\"single\">") && !style("NoiNhan").contains("<w:b>"));
    assert!(style("NoiNhanMuc").contains("<w:sz w:val=\"24\">"));
    assert!(!style("ChucVuNguoiKy").contains("<w:b>"), "the position line is not bold");
    assert!(style("ChucVu").contains("<w:b>"), "the authority line is bold");
    assert!(!dump.contains("w:styleId=\"QuocHieu\""), "no Quốc hiệu style in a Party document");
    assert!(dump.contains("¶ [style=DauPhanCach] *"));
}

#[test]
fn party_plain_text_round_trips_as_a_clerk_types_it() {
    for path in party_fixtures() {
        let plan = load(&path);
        let text = plan.to_text();
        assert!(!text.starts_with("+++"), "{}: written without front matter:\n{text}", path.display());
        assert!(text.contains("ĐẢNG CỘNG SẢN VIỆT NAM\n") && text.contains("\n*\n"));
        let back = vanban::plaintext::parse(&text).unwrap().plan;
        assert_eq!(back, plan, "{}", path.display());
        // and through JSON and TOML
        assert_eq!(Plan::from_json(&plan.to_json()).unwrap(), plan);
        assert_eq!(Plan::from_toml(&plan.to_toml()).unwrap(), plan);
    }
}

#[test]
fn what_a_party_clerk_types_is_read_and_fixed() {
    let src = "ĐẢNG BỘ TỈNH LÂM ĐỒNG\nĐẢNG ỦY ĐẶC KHU PHÚ QUÝ\n*\nSố: 07 -KH/ĐU\n\nĐẢNG CỘNG SẢN VIỆT NAM\n\n\
               Phú Quý, ngày 05 tháng 6 năm 2026\n\nKẾ HOẠCH\n\ntổ chức Tháng hành động vì môi trường\n-----\n\n\
               I. MỤC ĐÍCH\n\n1. Nâng cao nhận thức./.\n\nTM. BAN THƯỜNG VỤ\n\nPHÓ BÍ THƯ\n\nNguyễn Văn An\n\n\
               Nơi nhận:\n- Ban Thường vụ Tỉnh ủy (b/c),\n- Lưu: VT, Văn phòng Đảng ủy.\n";
    let parsed = vanban::plaintext::parse(src).unwrap();
    let plan = &parsed.plan;
    let warned = |s: &str| parsed.warnings.iter().any(|w| w.message.contains(s));
    assert_eq!(plan.profile, Profile::Party);
    assert_eq!(plan.issuer.parent.as_deref(), Some("ĐẢNG BỘ TỈNH LÂM ĐỒNG"));
    assert_eq!(plan.issuer.name, "ĐẢNG ỦY ĐẶC KHU PHÚ QUÝ");
    assert_eq!((plan.number, plan.issuer.code.as_str()), (Some(7), "ĐU"));
    assert!(warned("no colon after \"Số\""), "{:?}", parsed.warnings);
    assert_eq!(plan.signer.titles[0].authority, Some(Authority::Tm));
    assert!(warned("writes \"T/M\""), "{:?}", parsed.warnings);
    assert!(warned("State's archive line"), "{:?}", parsed.warnings);
    assert_eq!(plan.recipients.party_archive_line(), "- Lưu Văn phòng Đảng ủy.");
    let report = plan.validate();
    assert!(!report.has_errors(), "{report}");
    assert!(report.warnings().any(|p| p.rule == Rule::PartyEndMark), "{report}");
    let doc = vanban::compose::Document::new(plan);
    assert_eq!(doc.header.number, "Số 07-KH/ĐU");
    assert_eq!(doc.closing.titles, ["T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ"]);
    let last = doc.body.last().and_then(|p| p.para()).unwrap().text();
    assert_eq!(last, "1. Nâng cao nhận thức.");
    // a draft keeps its blank number
    let draft = vanban::plaintext::parse(&src.replace("Số: 07 -KH/ĐU", "Số      -KH/ĐU")).unwrap().plan;
    assert_eq!(draft.number, None);
    assert!(vanban::compose::Document::new(&draft).header.number.ends_with("-KH/ĐU"));
}

#[test]
fn party_rules_say_what_to_write_instead() {
    let base = load(&common::root().join("fixtures/party/laocai-tinhuy-ctr104-2026.txt"));
    let has = |p: &Plan, rule: Rule, sev: Severity, words: &str| {
        let r = p.validate();
        assert!(
            r.problems.iter().any(|x| x.rule == rule && x.severity == sev && x.message.contains(words)),
            "{rule:?} {sev:?} {words:?} not in\n{r}"
        );
    };
    // K/T under a cấp ủy
    let mut p = base.clone();
    p.signer.titles[0] = "K/T TỈNH ỦY".into();
    has(&p, Rule::PartySigner, Severity::Warning, "T/M TỈNH ỦY");
    // TUQ. does not exist
    p.signer.titles[0] = "TUQ. BÍ THƯ".into();
    has(&p, Rule::PartySigner, Severity::Error, "no TUQ.");
    // BAN THƯỜNG VỤ in the header
    let mut p = base.clone();
    p.issuer.name = "BAN THƯỜNG VỤ TỈNH ỦY LÀO CAI".into();
    has(&p, Rule::PartyHeader, Severity::Warning, "T/M BAN THƯỜNG VỤ");
    // a body of before the 2025 reorganisation in a 2026 document
    let mut p = base.clone();
    p.issuer.code = "HU".into();
    has(&p, Rule::PartySymbol, Severity::Warning, "huyện ủy");
    p.date.year = Some(2024);
    assert!(!p.validate().problems.iter().any(|x| x.rule == Rule::PartySymbol));
    // fixed margins
    let mut p = base.clone();
    p.margins.left = 35.0;
    has(&p, Rule::PartyPage, Severity::Error, "fixed");
    // no archive line
    let mut p = base.clone();
    p.recipients.archive = None;
    has(&p, Rule::PartyRecipients, Severity::Error, "Lưu Văn phòng");
    // the rule's source is HD 05
    assert_eq!(Rule::PartySigner.source(), "HD05");
    assert!(Rule::PartySigner.to_string().starts_with("HD05 I-7.1"));
}

#[test]
fn a_state_plan_is_untouched_by_the_party_profile() {
    // the State's forms stay the State's: `T/M` read in a State plan prints TM.
    let src = std::fs::read_to_string(common::root().join("fixtures/text/000_b9e7d6f373767c93.txt")).unwrap();
    let plan = vanban::plaintext::parse(&src).unwrap().plan;
    assert_eq!(plan.profile, Profile::State);
    let doc = vanban::compose::Document::new(&plan);
    assert!(doc.header.number.starts_with("Số: "));
    assert!(doc.closing.recipients.last().unwrap().starts_with("- Lưu: VT"));
    let (texts, _) = read(&plan.to_pdf().unwrap());
    assert!(texts.iter().any(|t| t.text == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"));
    assert!(!texts.iter().any(|t| t.text == "ĐẢNG CỘNG SẢN VIỆT NAM" || t.text == "*"));
}

#[test]
fn duplex_printing_mirrors_the_margins_in_both_writers() {
    // HD 05 IV-4: the back of a sheet has left 15, right 30 mm
    let mut plan = load(&common::root().join("fixtures/party/laocai-tinhuy-ctr104-2026.txt"));
    plan.mirror_margins = true;
    assert!(!plan.validate().has_errors());
    let left_edges = |pdf: &[u8]| {
        let (texts, _) = read(pdf);
        let pages = texts.iter().map(|t| t.page).max().unwrap();
        (1..=pages)
            .map(|p| texts.iter().filter(|t| t.page == p && t.size >= 12.0).map(|t| t.x).fold(f32::MAX, f32::min))
            .collect::<Vec<f32>>()
    };
    let check = |who: &str, pdf: &[u8]| {
        let edges = left_edges(pdf);
        // the body pages (1–11): odd pages from 30 mm, even from 15 mm;
        // the appendices (numbered from 1 again) by their own numbers
        for (i, x) in edges.iter().enumerate().take(11) {
            let want = if i % 2 == 0 { 30.0 } else { 15.0 };
            assert!((x - want).abs() < 0.3, "{who}: page {} starts at {x} mm, not {want}", i + 1);
        }
        let appendix: Vec<f32> = edges[11..].to_vec();
        assert!(appendix.len() >= 2 && appendix[0] > appendix[1] + 10.0, "{who}: {appendix:?}");
    };
    check("ours", &plan.to_pdf().unwrap());
    let dump = vanban::dump::docx(&plan.to_docx().unwrap()).unwrap();
    assert!(dump.contains("<w:mirrorMargins>"), "the DOCX says mirrorMargins");
    plan.mirror_margins = false;
    assert!(!vanban::dump::docx(&plan.to_docx().unwrap()).unwrap().contains("mirrorMargins"));
    plan.mirror_margins = true;
    if !common::tool_or_skip("soffice", "--version") {
        return;
    }
    let dir = common::scratch("party-duplex");
    common::both_pdfs(&dir, [("duplex", &plan)]);
    check("LibreOffice", &std::fs::read(dir.join("lo/duplex.pdf")).unwrap());
    let _ = std::fs::remove_dir_all(&dir);
}

/// A generated valid plan, issued by a Party body.
fn party_plan() -> impl proptest::strategy::Strategy<Value = Plan> {
    use proptest::strategy::Strategy;
    common::arb::valid_plan().prop_map(|mut p| {
        p.profile = Profile::Party;
        p.issuer = vanban::Issuer::new("ĐẢNG ỦY XÃ IA GRAI", "ĐU").parent("ĐẢNG BỘ TỈNH GIA LAI");
        p.recipients.archive = Some(vanban::Archive { units: vec!["Văn phòng Đảng ủy".into()], copies: None });
        p.signer = vanban::Signer::new("Rơ Châm Hiếu").title("T/M BAN THƯỜNG VỤ").title("PHÓ BÍ THƯ");
        p
    })
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig { cases: 64, ..Default::default() })]
    #[test]
    fn generated_party_plans_round_trip_and_print_per_hd05(plan in party_plan()) {
        proptest::prop_assume!(!plan.validate().has_errors());
        // the plain text, as a Party clerk types it, gives the plan back
        let text = plan.to_text();
        proptest::prop_assert!(text.contains("ĐẢNG CỘNG SẢN VIỆT NAM"), "{}", text);
        let back = Plan::from_text(&text).unwrap();
        proptest::prop_assert_eq!(&back, &plan);
        // both files are written; the PDF says what HD 05 says
        let pdf = plan.to_pdf().unwrap();
        let (texts, _) = read(&pdf);
        proptest::prop_assert!(!texts.iter().any(|t| t.text.contains("./.")));
        proptest::prop_assert!(texts.iter().any(|t| t.text == "- Lưu Văn phòng Đảng ủy."));
        let number = vanban::compose::Document::new(&plan).header.number;
        proptest::prop_assert!(number.starts_with("Số") && number.ends_with("-KH/ĐU") && !number.contains(':'));
        // the DOCX reads back as the same Party plan's header and signer
        let imported = vanban::import::docx(&plan.to_docx().unwrap()).unwrap().parsed.plan;
        proptest::prop_assert_eq!(imported.profile, Profile::Party);
        proptest::prop_assert_eq!(imported.number, plan.number);
        proptest::prop_assert_eq!(&imported.signer.titles, &plan.signer.titles);
        proptest::prop_assert_eq!(&imported.recipients.archive, &plan.recipients.archive);
    }
}

#[test]
fn the_party_family_kh_ctr_bc_cv_from_toml() {
    let base = r#"
        profile = "party"
        number = 5
        place = "Tân Lập"
        date = "2026-06-02"
        title = "kết quả thực hiện Nghị quyết Đại hội Đảng bộ xã 6 tháng đầu năm 2026"
        [issuer]
        parent = "ĐẢNG BỘ TỈNH ĐỒNG NAI"
        name = "ĐẢNG ỦY XÃ TÂN LẬP"
        code = "ĐU"
        [recipients]
        to = ["Ban Thường vụ Tỉnh ủy (b/c)"]
        archive = { units = ["Văn phòng Đảng ủy"] }
        [signer]
        name = "Nguyễn Văn An"
        titles = ["T/M BAN THƯỜNG VỤ", "BÍ THƯ"]
        [[sections]]
        title = "kết quả"
        [[sections.blocks]]
        kind = "paragraph"
        text = "Đảng bộ xã đã lãnh đạo hoàn thành các chỉ tiêu"
    "#;
    for (extra, number, heading) in [
        ("doc_type = \"KH\"", "Số 05-KH/ĐU", Some("KẾ HOẠCH")),
        ("doc_type = \"BC\"", "Số 05-BC/ĐU", Some("BÁO CÁO")),
        ("doc_type = \"CTr\"\ntype_name = \"Chương trình hành động\"", "Số 05-CTr/ĐU", Some("CHƯƠNG TRÌNH HÀNH ĐỘNG")),
        ("form = \"cong-van\"\naddressees = [\"Các chi bộ trực thuộc\"]", "Số 05-CV/ĐU", None),
    ] {
        let plan = Plan::from_toml(&format!("{extra}\n{base}")).unwrap();
        let report = plan.validate();
        assert!(!report.has_errors(), "{extra}: {report}");
        let doc = vanban::compose::Document::new(&plan);
        assert_eq!(doc.header.number, number);
        let (texts, _) = read(&plan.to_pdf().unwrap());
        match heading {
            Some(h) => {
                let t = find(&texts, h, |t| t.text == h);
                assert!(t.bold() && (t.size - 16.0).abs() < 0.1, "{t:?}");
            }
            None => {
                // a công văn: no type name, the trích yếu under the number, 12 italic
                let t = find(&texts, "the trích yếu", |t| t.text.starts_with("kết quả thực hiện"));
                assert!(t.italic() && (t.size - 12.0).abs() < 0.1, "{t:?}");
                assert!(texts.iter().any(|t| t.text == "- Như trên;"));
            }
        }
        // the content ends with ".", not "./."
        assert!(texts.iter().any(|t| t.text.ends_with("hoàn thành các chỉ tiêu.")), "{extra}");
        assert_eq!(Plan::from_text(&plan.to_text()).unwrap(), plan, "{extra}");
    }
}

#[test]
fn review_findings_stay_fixed() {
    // a State plan's `K/T …` line prints as typed, as before the Party profile
    let state = Plan::from_toml(
        r#"
        number = 3
        place = "Gia Lai"
        date = "2026-03-02"
        title = "Kế hoạch"
        [issuer]
        name = "SỞ NỘI VỤ"
        code = "SNV"
        [signer]
        name = "Lê Minh Tuấn"
        titles = ["K/T GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"]
        "#,
    )
    .unwrap();
    assert_eq!(vanban::compose::Document::new(&state).closing.titles, ["K/T GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"]);
    // a State Kính gửi line starting "- " is one addressee, as before
    let src = "+++\n[issuer]\nname = \"SỞ NỘI VỤ\"\ncode = \"SNV\"\n+++\nSố: 04/BC-SNV\n\nGia Lai, ngày 02 tháng 3 năm 2026\n\n\
               BÁO CÁO\n\nKết quả\n\nKính gửi: - Sở Tài chính;\n\n- Nội dung một;\n\n- Nội dung hai.\n\nNơi nhận:\n- Lưu: VT.\n\nGIÁM ĐỐC\n\nLê Minh Tuấn\n";
    let plan = vanban::plaintext::parse(src).unwrap().plan;
    assert_eq!(plan.addressees, ["- Sở Tài chính"]);
    assert_eq!(plan.blocks.len(), 2, "the bullets stay in the body");

    let base = load(&common::root().join("fixtures/party/laocai-dubnd-cv2449-2026.txt"));
    // a Party báo cáo with Kính gửi: ----- right under the trích yếu
    let mut bc = base.clone();
    bc.form = vanban::Form::Named;
    bc.doc_type = vanban::DocType::BaoCao;
    let (texts, _) = read(&bc.to_pdf().unwrap());
    let dashes = find(&texts, "-----", |t| t.text == "-----");
    let kinh_gui = find(&texts, "Kính gửi", |t| t.text.starts_with("Kính gửi"));
    assert!(dashes.y < kinh_gui.y, "----- stands under the trích yếu, above Kính gửi");
    // the composed appendix line names the body and the date as the Party writes it
    let mut with_appendix = load(&common::root().join("fixtures/party/laocai-tinhuy-ctr104-2026.txt"));
    with_appendix.appendices.truncate(1);
    with_appendix.appendices[0].reference = None;
    let doc = vanban::compose::Document::new(&with_appendix);
    assert_eq!(
        doc.appendices[0].reference,
        "(Kèm theo Chương trình hành động số 104-CTr/TU ngày 30/8/2026 của Tỉnh uỷ Lào Cai)"
    );
    // a công văn's trích yếu typed with a capital: read, with a warning
    let src = std::fs::read_to_string(common::root().join("fixtures/party/laocai-dubnd-cv2449-2026.txt")).unwrap();
    let parsed = vanban::plaintext::parse(&src.replace("về việc triển khai", "Về việc triển khai")).unwrap();
    assert!(parsed.plan.title.plain_text().starts_with("Về việc"));
    assert!(parsed.warnings.iter().any(|w| w.message.contains("lower case")));
    assert!(!parsed.plan.validate().has_errors());
    // căn cứ lines: ";" after each, "." after the last (I-6.2.3)
    let mut cc = base.clone();
    cc.blocks.insert(
        0,
        vanban::Block::Bullet(vanban::ListEntry { text: "Căn cứ Điều lệ Đảng;".into(), blocks: Vec::new() }),
    );
    cc.blocks.insert(
        1,
        vanban::Block::Bullet(vanban::ListEntry {
            text: "Căn cứ Quy định số 24-QĐ/TW,".into(), blocks: Vec::new()
        }),
    );
    let r = cc.validate();
    let basis: Vec<_> = r.problems.iter().filter(|p| p.rule == Rule::PartyBasis).collect();
    assert_eq!(basis.len(), 1, "{r}");
    assert!(basis[0].path == "blocks[1].text" && basis[0].message.contains("24-QĐ/TW."), "{r}");
    // the State's symbol in a Party document: one error that says what to write
    let e = vanban::plaintext::parse(&src.replace("Số 2449 -CV/ĐU", "Số: 2449/CV-ĐU")).unwrap_err();
    assert!(e.to_string().contains("Số 05-KH/ĐU"), "{e}");
}
