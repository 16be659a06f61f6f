//! Validation: every rule of Decree 30 the model can break, each tied to a
//! section of `nd30.md` through [`Rule`].

use chrono::NaiveDate;

use crate::error::{Report, Rule};
use crate::fonts::{FontSet, FontStyle};
use crate::model::{
    place_cells, Block, ColumnWidth, DocType, GridError, Margins, Part, Plan, Profile, Row, Section, Table,
};

mod party;
use crate::style::{self, Geometry, Role};
use crate::text::{self, EndFix, Text, ToneStyle};

/// Longest title before a warning (§2.2: the trích yếu is a short line or
/// two; more than three lines at 14 pt suggests a paragraph, not a title).
const TITLE_MAX_LINES: usize = 3;

/// Most signer title lines (§2.6: at most three lines above the name).
const SIGNER_MAX_TITLES: usize = 3;

struct Ctx<'a> {
    report: Report,
    fonts: &'a FontSet,
    old_tone: Option<(String, String)>,
    new_tone: Option<(String, String)>,
    /// Text width of the part being checked, points (for tables).
    width: f32,
    /// True inside an appendix that may turn landscape.
    landscape_note: bool,
}

impl Ctx<'_> {
    /// Checks one piece of text: control characters, glyphs, tone marks.
    /// True when every character of it is NFC whatever surrounds it
    /// (`text::nfc_alone`; no combining mark among them either).
    fn chars(&mut self, path: &str, s: &str, style: FontStyle) -> bool {
        // one pass over the text finds the first control character, the
        // first right-to-left one and the first the font lacks, and whether
        // the NFC check can stop there (this runs on every run of every
        // paragraph, before each render)
        let face = self.fonts.face(style);
        let (mut control, mut rtl, mut missing) = (None, None, None);
        let mut plain = true;
        for c in s.chars() {
            plain &= text::nfc_alone(c);
            if control.is_none() && text::is_control_char(c) {
                control = Some(c);
            }
            if !c.is_ascii() && rtl.is_none() && text::is_rtl_char(c) {
                rtl = Some(c);
            }
            if missing.is_none() && !face.has(c) {
                missing = Some(c);
            }
        }
        if let Some(c) = control {
            self.report.error(
                path,
                Rule::Encoding,
                format!(
                    "contains the control character U+{:04X}; remove it (only printable text is allowed)",
                    c as u32
                ),
            );
        }
        if let Some(c) = rtl {
            self.report.error(
                path,
                Rule::Encoding,
                format!(
                    "contains right-to-left text ({c:?}, U+{:04X}); vanban sets Vietnamese left to right and cannot print it in the right order: remove it",
                    c as u32
                ),
            );
        } else if let Some(c) = missing {
            if !c.is_control() {
                self.report.error(
                    path,
                    Rule::Encoding,
                    format!(
                        "the character {c:?} (U+{:04X}) is not in the document font (Times New Roman / Liberation Serif); replace it",
                        c as u32
                    ),
                );
            }
        }
        if !plain && !text::unicode_is_nfc(s) {
            self.report.error(
                path,
                Rule::Encoding,
                "text is not in Unicode NFC; load it through the builder or serde, which normalise it",
            );
        }
        for st in text::tone_styles(s) {
            let slot = match st {
                ToneStyle::Old => &mut self.old_tone,
                ToneStyle::New => &mut self.new_tone,
            };
            if slot.is_none() {
                let word = first_tone_word(s, st).unwrap_or_default();
                *slot = Some((path.to_owned(), word));
            }
        }
        plain
    }

    fn text(&mut self, path: &str, t: &Text, role: Role) {
        if t.unmatched_markers() > 0 {
            self.report.warn(
                path,
                Rule::Markup,
                "a `*` or `**` marker has no partner and is printed as a literal asterisk; close it, or write \\* for an asterisk",
            );
        }
        let st = role.style();
        let mut plain = true;
        for r in t.runs() {
            plain &= self.chars(path, &r.text, FontStyle::of(st.bold || r.bold, st.italic ^ r.italic));
        }
        // a combining mark is never among the plain characters
        if !plain {
            self.stray_mark(path, t.runs().iter().flat_map(|r| r.text.chars()));
        }
    }

    fn stray_mark(&mut self, path: &str, chars: impl Iterator<Item = char>) {
        if let Some(c) = text::stray_mark_in(chars) {
            self.report.warn(
                path,
                Rule::Encoding,
                format!(
                    "the combining mark U+{:04X} has no letter before it (it follows a space or starts the text) and prints over nothing; delete it, or type it right after its letter",
                    c as u32
                ),
            );
        }
    }

    fn required(&mut self, path: &str, t: &Text, role: Role, rule: Rule, what: &str) {
        if t.is_empty() {
            self.report.error(path, rule, format!("{what} is empty; write it"));
        } else {
            self.text(path, t, role);
        }
    }

    fn line(&mut self, path: &str, s: &str, role: Role) {
        let st = role.style();
        if !self.chars(path, s, FontStyle::of(st.bold, st.italic)) {
            self.stray_mark(path, s.chars());
        }
    }
}

fn first_tone_word(s: &str, st: ToneStyle) -> Option<String> {
    s.split(|c: char| !c.is_alphabetic()).find(|w| text::tone_styles(w) == [st]).map(str::to_owned)
}

impl Plan {
    /// Checks the plan against Decree 30 and returns every problem found.
    pub fn validate(&self) -> Report {
        validate(self)
    }
}

impl crate::model::PlanBuilder {
    /// Validates and returns the plan, or [`Error::Invalid`](crate::Error::Invalid)
    /// with every error found (warnings do not stop it: see
    /// [`Plan::validate`]).
    pub fn build(self) -> Result<Plan, crate::Error> {
        let plan = self.build_unchecked();
        let report = plan.validate();
        if report.has_errors() {
            return Err(crate::Error::Invalid(report));
        }
        Ok(plan)
    }
}

pub(crate) fn validate(plan: &Plan) -> Report {
    let mut cx = Ctx {
        report: Report::default(),
        fonts: FontSet::bundled(),
        old_tone: None,
        new_tone: None,
        width: 0.0,
        landscape_note: false,
    };
    let is_party = plan.profile == Profile::Party;
    if is_party {
        party::check(&mut cx, plan);
    } else {
        margins(&mut cx, &plan.margins);
    }
    issuer(&mut cx, plan);
    admin_map(&mut cx, plan);
    number(&mut cx, plan);
    date(&mut cx, plan);

    cx.required("title", &plan.title, Role::Title, Rule::Title, "the title (trích yếu)");
    if !plan.title.is_empty() && !is_party {
        let width = style::mm_to_pt(Geometry { margins: plan.margins }.text_width_mm());
        let st = Role::Title.style();
        let lines = cx.fonts.line_count(&plan.title.plain_text(), FontStyle::of(st.bold, st.italic), st.size, width);
        if lines > TITLE_MAX_LINES {
            cx.report.warn(
                "title",
                Rule::Title,
                format!("the title runs over {lines} lines; a trích yếu should be short (at most {TITLE_MAX_LINES} lines): move detail into the body"),
            );
        }
    }

    let title = plan.title.plain_text();
    let letters = title.chars().filter(|c| c.is_alphabetic()).count();
    if letters >= 12 && title.chars().all(|c| !c.is_lowercase()) && is_party {
        cx.report.warn(
            "title",
            Rule::PartyHeader,
            "the trích yếu is all in capitals; a Party document writes it in lower case (\"thực hiện …\", HD 05 I-5.2.1): retype it",
        );
    } else if letters >= 12 && title.chars().all(|c| !c.is_lowercase()) {
        cx.report.warn(
            "title",
            Rule::Title,
            "the title is all in capitals; Decree 30 sets the trích yếu in ordinary case, bold (Phụ lục I, II.5.b): retype it with capitals only where Vietnamese needs them (vanban does not re-case it, since names would suffer)",
        );
    }
    for (i, p) in plan.preamble.iter().enumerate() {
        cx.required(&format!("preamble[{i}]"), p, Role::Body, Rule::Numbering, "this preamble paragraph");
    }
    let portrait = style::mm_to_pt(Geometry { margins: plan.margins }.text_width_mm());
    cx.width = portrait;
    blocks(&mut cx, "", &plan.blocks, 0);
    sections(&mut cx, "sections", &plan.sections);
    parts(&mut cx, plan);
    if let Some(c) = &plan.closing {
        cx.required("closing", c, Role::Body, Rule::Numbering, "the closing paragraph");
    }
    if !is_party {
        end_mark(&mut cx, plan);
        recipients(&mut cx, plan);
    } else {
        // the entries as the State's are checked; the archive line is the Party's
        recipient_entries(&mut cx, plan);
    }
    signer(&mut cx, plan);
    if let Some(c) = &plan.contact {
        for line in c.split('\n') {
            cx.line("contact", line, Role::Contact);
        }
    }
    for (i, a) in plan.appendices.iter().enumerate() {
        let p = format!("appendices[{i}]");
        cx.required(&format!("{p}.title"), &a.title, Role::AppendixTitle, Rule::Appendix, "the appendix title");
        if let Some(r) = &a.reference {
            cx.line(&format!("{p}.reference"), r, Role::AppendixReference);
        }
        for (j, t) in a.preamble.iter().enumerate() {
            cx.required(&format!("{p}.preamble[{j}]"), t, Role::Body, Rule::Appendix, "this paragraph");
        }
        // an appendix may turn landscape for its tables (Phụ lục I, I.2)
        let turned = style::mm_to_pt(Geometry { margins: plan.margins }.landscape_text_width_mm());
        cx.width = if a.landscape == Some(false) { portrait } else { turned };
        cx.landscape_note = a.landscape != Some(false);
        blocks(&mut cx, &p, &a.blocks, 0);
        sections(&mut cx, &format!("{p}.sections"), &a.sections);
        cx.width = portrait;
        cx.landscape_note = false;
        if let Some(r) = &a.reference {
            reference(&mut cx, &format!("{p}.reference"), r, plan);
        }
        if a.preamble.is_empty() && a.sections.is_empty() && a.blocks.is_empty() {
            cx.report.error(
                p,
                Rule::Appendix,
                "the appendix has no content; add paragraphs, tables or sections, or remove it",
            );
        }
    }
    if !plan.appendices.is_empty() {
        let mut texts: Vec<(String, &Text)> = Vec::new();
        for t in &plan.preamble {
            texts.push((String::new(), t));
        }
        collect_block_texts("", &plan.blocks, &mut texts);
        collect_section_texts("sections", &plan.sections, &mut texts);
        for part in &plan.parts {
            collect_block_texts("", &part.blocks, &mut texts);
            collect_section_texts("", &part.sections, &mut texts);
        }
        if let Some(c) = &plan.closing {
            texts.push((String::new(), c));
        }
        let mentioned = texts.iter().any(|(_, t)| {
            let l = text::nfc(&t.plain_text().to_lowercase());
            l.contains("phụ lục") || l.contains("kèm theo")
        });
        if !mentioned {
            cx.report.warn(
                "appendices",
                Rule::Appendix,
                "the body never mentions its appendix; the main text must refer to each appendix (Phụ lục I, III.1.a): add e.g. \"(chi tiết tại Phụ lục kèm theo)\"",
            );
        }
    }
    signing(&mut cx, plan);
    form(&mut cx, plan);
    decision(&mut cx, plan);
    if let Some(d) = plan.marks.draft {
        if d.revision == Some(0) {
            cx.report.error("marks.draft.revision", Rule::Marks, "draft revisions count from 1");
        }
    }
    if let (Some((p_old, w_old)), Some((p_new, w_new))) = (cx.old_tone.take(), cx.new_tone.take()) {
        cx.report.warn(
            p_new,
            Rule::ToneMarks,
            format!(
                "mixed tone-mark styles: {w_old:?} (at {p_old}) puts the mark on the first vowel, {w_new:?} on the second; use one style throughout (the decree's headings use \"hòa\", \"Ủy\")"
            ),
        );
    }
    cx.report
}

fn margins(cx: &mut Ctx, m: &Margins) {
    let checks = [
        ("margins.top", m.top, style::MARGIN_TOP),
        ("margins.bottom", m.bottom, style::MARGIN_BOTTOM),
        ("margins.left", m.left, style::MARGIN_LEFT),
        ("margins.right", m.right, style::MARGIN_RIGHT),
    ];
    for (path, v, r) in checks {
        if !(v >= r.min && v <= r.max) {
            cx.report.error(path, Rule::Page, format!("{v} mm is outside the decree's range {}–{} mm", r.min, r.max));
        }
    }
}

fn issuer(cx: &mut Ctx, plan: &Plan) {
    let is = &plan.issuer;
    if is.name.trim().is_empty() {
        cx.report.error(
            "issuer.name",
            Rule::Agency,
            "the issuing agency's name is empty; write it as it appears on the seal",
        );
    } else {
        for line in is.name.split('\n') {
            cx.line("issuer.name", line, Role::Agency);
        }
    }
    if let Some(p) = &is.parent {
        if p.trim().is_empty() {
            cx.report.error("issuer.parent", Rule::Agency, "the parent agency is empty; leave the field out instead");
        }
        for line in p.split('\n') {
            cx.line("issuer.parent", line, Role::ParentAgency);
        }
    }
}

/// What each form needs (§12): a công văn's symbol is agency and unit with
/// no type, and it is addressed (Kính gửi); addressees' text is checked.
fn form(cx: &mut Ctx, plan: &Plan) {
    for (i, a) in plan.addressees.iter().enumerate() {
        if a.trim().is_empty() {
            cx.report.error(format!("addressees[{i}]"), Rule::Form, "the addressee is empty; write it or remove it");
        }
        cx.line(&format!("addressees[{i}]"), a, Role::Addressee);
    }
    if plan.form != crate::model::Form::CongVan || plan.profile == Profile::Party {
        return;
    }
    if !plan.issuer.compact_code().contains('-') {
        cx.report.warn(
            "issuer.code",
            Rule::Form,
            format!(
                "a công văn's symbol is the agency's and the drafting unit's abbreviations ({}-VP), with no type; add the unit",
                plan.issuer.compact_code()
            ),
        );
    }
    if plan.addressees.is_empty() {
        cx.report.warn("addressees", Rule::Form, "a công văn is addressed: add its Kính gửi (addressees)");
    }
    let lines = cx.fonts.line_count(
        &format!("V/v {}", plan.title.plain_text()),
        FontStyle::Regular,
        Role::Subject.style().size,
        style::mm_to_pt(Geometry { margins: plan.margins }.text_width_mm() * style::HEADER_LEFT_SHARE) - 10.0,
    );
    if lines > 4 {
        cx.report.warn(
            "title",
            Rule::Form,
            format!("the V/v subject runs over {lines} lines under the number; keep it to a few words (§12)"),
        );
    }
}

/// A decision (Mẫu 1.2 / 1.3): its type, authority, căn cứ punctuation,
/// articles and the article its `Như Điều …` recipient names; the
/// document it issues, checked as a document of its own (paths under
/// `attached.`).
fn decision(cx: &mut Ctx, plan: &Plan) {
    use crate::model::{DocType, Form};
    if plan.issued_with.is_some() && (plan.attached.is_none() || plan.form != Form::Decision) {
        cx.report.warn(
            "issued_with",
            Rule::Form,
            "issued_with is the line of a decision's attached document; without one it is not printed",
        );
    }
    if plan.form != Form::Decision {
        for (path, given) in [
            ("articles", !plan.articles.is_empty()),
            ("attached", plan.attached.is_some()),
            ("authority", plan.authority.is_some()),
        ] {
            if given {
                cx.report.warn(
                    path,
                    Rule::Form,
                    format!("only a decision has {path}; set form = \"quyet-dinh\" or remove them (not printed)"),
                );
            }
        }
        return;
    }
    if plan.doc_type != DocType::QuyetDinh {
        cx.report.error(
            "doc_type",
            Rule::Form,
            format!(
                "a decision's type is QĐ (its symbol is …/QĐ-{}), not {}",
                plan.issuer.compact_code(),
                plan.doc_type.abbreviation()
            ),
        );
    }
    match &plan.authority {
        None => cx.report.warn(
            "authority",
            Rule::Form,
            "a decision names the authority that issues it above the căn cứ, e.g. \"CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH LÀO CAI\" (§12)",
        ),
        Some(a) => cx.line("authority", a, Role::Authority),
    }
    let n = plan.preamble.len();
    for (i, p) in plan.preamble.iter().enumerate() {
        let t = p.plain_text();
        let t = t.trim_end();
        let want = if i + 1 == n { '.' } else { ';' };
        if !t.ends_with(want) {
            cx.report.warn(
                format!("preamble[{i}]"),
                Rule::Form,
                format!("a decision's căn cứ end with \";\", the last (Theo đề nghị của …) with \".\" (§12): end this one with \"{want}\""),
            );
        }
    }
    if plan.articles.is_empty() {
        cx.report.error("articles", Rule::Form, "a decision has articles (Điều 1., Điều 2. …): add them");
    }
    for (i, a) in plan.articles.iter().enumerate() {
        let p = format!("articles[{i}]");
        cx.required(&format!("{p}.text"), &a.text, Role::Body, Rule::Form, "the article's text");
        blocks(cx, &p, &a.blocks, 1);
    }
    if !plan.sections.is_empty() || !plan.parts.is_empty() || !plan.blocks.is_empty() {
        cx.report.warn(
            "sections",
            Rule::Form,
            "a decision's content is its articles; sections and free blocks print after them: move them into the articles or the attached document",
        );
    }
    // "Như Điều 3" names an article that exists
    for (i, r) in plan.recipients.to.iter().enumerate() {
        let Some(rest) = r.name.trim().strip_prefix("Như Điều") else { continue };
        for n in rest.split([',', ' ']).filter_map(|x| x.trim().parse::<usize>().ok()) {
            if n == 0 || n > plan.articles.len() {
                cx.report.error(
                    format!("recipients.to[{i}]"),
                    Rule::Form,
                    format!(
                        "\"{}\" names Điều {n}, but the decision has {} article(s)",
                        r.name.trim(),
                        plan.articles.len()
                    ),
                );
            }
        }
    }
    let Some(att) = &plan.attached else { return };
    if !plan.appendices.is_empty() {
        cx.report.error(
            "appendices",
            Rule::Form,
            "a decision that issues a document keeps the appendices in that document: move them to attached.appendices",
        );
    }
    for (path, given) in [
        ("attached.number", att.number.is_some()),
        ("attached.date", !att.date.is_blank()),
        ("attached.recipients", att.recipients != Default::default()),
        ("attached.form", att.form != Form::Named),
        ("attached.addressees", !att.addressees.is_empty()),
        ("attached.marks", att.marks != Default::default()),
    ] {
        if given {
            cx.report.warn(
                path,
                Rule::Form,
                "the attached document is a Mẫu 1.4 document under the decision's number, date, recipients and marks; this is not printed",
            );
        }
    }
    // the attached document as it prints: the decision's number, date and
    // recipients, its own body and signer
    let mut a = (**att).clone();
    a.form = Form::Named;
    if a.issuer.name.trim().is_empty() {
        a.issuer = plan.issuer.clone();
    }
    a.number = plan.number;
    a.date = plan.date;
    a.place = plan.place.clone();
    a.recipients = plan.recipients.clone();
    let unsigned = a.signer.name.trim().is_empty() && a.signer.titles.is_empty();
    for mut p in validate(&a).problems {
        let skip = ["number", "date", "place", "issuer", "recipients", "margins", "signing"]
            .iter()
            .any(|k| p.path == *k || p.path.starts_with(&format!("{k}.")))
            || (unsigned && p.path.starts_with("signer"));
        if skip {
            continue;
        }
        p.path = format!("attached.{}", p.path);
        cx.report.problems.push(p);
    }
}

/// Largest signing image vanban embeds, bytes and pixels a side.
const IMAGE_MAX_BYTES: usize = 8 << 20;
const IMAGE_MAX_PX: u32 = 6000;

/// The signature and seal images (spec §9): loaded, real PNGs of a sane
/// size, transparent where they overlap the text; the seal's size.
fn signing(cx: &mut Ctx, plan: &Plan) {
    let s = &plan.signing;
    for (path, img) in [("signing.signature", &s.signature), ("signing.seal", &s.seal)] {
        let Some(img) = img else { continue };
        let Some(bytes) = &img.bytes else {
            cx.report.error(
                path,
                Rule::Signing,
                format!("the image {:?} is not loaded: call Plan::load_signing_images with the plan's folder (the render command does)", img.path),
            );
            continue;
        };
        if bytes.len() > IMAGE_MAX_BYTES {
            cx.report.error(
                path,
                Rule::Signing,
                format!(
                    "the image is {} bytes; give one under {IMAGE_MAX_BYTES} (a scan at 300 dpi is far smaller)",
                    bytes.len()
                ),
            );
            continue;
        }
        match crate::places::png_info(bytes) {
            Err(e) => cx.report.error(path, Rule::Signing, format!("the image {e}; export it as PNG with a transparent background")),
            Ok(i) if i.width > IMAGE_MAX_PX || i.height > IMAGE_MAX_PX => cx.report.error(
                path,
                Rule::Signing,
                format!("the image is {} × {} pixels; scale it under {IMAGE_MAX_PX} a side", i.width, i.height),
            ),
            Ok(i) if !i.alpha => cx.report.warn(
                path,
                Rule::Signing,
                "the image has no transparency: its white background will cover the text under it; export it with a transparent background",
            ),
            Ok(_) => {}
        }
    }
    if let Some(t) = &s.signed_at {
        if chrono::DateTime::parse_from_rfc3339(t).is_err() {
            cx.report.error(
                "signing.signed_at",
                Rule::Signing,
                format!("{t:?} is not an ISO 8601 time with its zone; write it as 2021-10-22T09:15:30+07:00"),
            );
        }
    }
    if let Some(mm) = s.seal_mm {
        if !(20.0..=60.0).contains(&mm) {
            cx.report.error(
                "signing.seal_mm",
                Rule::Signing,
                format!("a seal of {mm} mm is not a seal's size: agency seals are 35–42 mm across (20–60 accepted)"),
            );
        }
    }
}

/// Names the 1 July 2025 map no longer has (§10): a warning on a plan dated
/// on or after that day, nothing before it.
fn admin_map(cx: &mut Ctx, plan: &Plan) {
    use crate::adminmap::{after_change, check_agency, check_place};
    let d = plan.date;
    if !after_change(d.year, d.month, d.day) {
        return;
    }
    let lines = [("issuer.name", Some(&plan.issuer.name)), ("issuer.parent", plan.issuer.parent.as_ref())];
    for (path, text) in lines {
        let Some(text) = text else { continue };
        // the name may be broken over lines: check it whole
        if let Some(o) = check_agency(&text.replace('\n', " ")) {
            cx.report.warn(path, Rule::AdminMap, o.to_string());
        }
    }
    if let Some(o) = check_place(&plan.place) {
        cx.report.warn("place", Rule::AdminMap, o.to_string().replace("the agency's name", "the place of issue"));
    }
}

/// Checks the agency code of the symbol (§2.3): letters, digits and hyphens,
/// upper case except the mixed-case abbreviations of the type table.
fn number(cx: &mut Ctx, plan: &Plan) {
    if plan.number == Some(0) {
        cx.report.error(
            "number",
            Rule::NumberSymbol,
            "the number 0 does not exist: the register starts at 01; leave the number out for a draft",
        );
    }
    let code = &plan.issuer.code;
    cx.line("issuer.code", code, Role::Number);
    let compact = plan.issuer.compact_code();
    if compact.is_empty() {
        cx.report.error(
            "issuer.code",
            Rule::NumberSymbol,
            format!(
                "the agency code of the symbol is empty; give the agency's abbreviation (e.g. {}-UBND)",
                plan.doc_type.abbreviation()
            ),
        );
        return;
    }
    if compact.len() != code.len() {
        cx.report.warn(
            "issuer.code",
            Rule::NumberSymbol,
            format!("spaces inside the symbol are not allowed; printed as {compact:?}"),
        );
    }
    if let Some(bad) = compact.chars().find(|c| !(c.is_alphanumeric() || *c == '-')) {
        cx.report.error(
            "issuer.code",
            Rule::NumberSymbol,
            format!("{bad:?} is not allowed in a symbol: only letters, digits and hyphens"),
        );
        return;
    }
    for group in compact.split('-') {
        if group.is_empty() {
            cx.report.error(
                "issuer.code",
                Rule::NumberSymbol,
                "the symbol has an empty group (a doubled or outer hyphen)",
            );
        } else if group.chars().any(char::is_lowercase) && !DocType::mixed_case_abbreviations().any(|a| a == group) {
            cx.report.error(
                "issuer.code",
                Rule::NumberSymbol,
                format!("{group:?} has lower-case letters; symbols are upper case (write {:?})", text::upper(group)),
            );
        }
    }
}

fn date(cx: &mut Ctx, plan: &Plan) {
    if plan.place.trim().is_empty() {
        cx.report.error(
            "place",
            Rule::PlaceDate,
            "the place of issue (địa danh) is empty; write the province or city, e.g. \"Hà Nội\"",
        );
    } else {
        cx.line("place", &plan.place, Role::PlaceDate);
        if plan.place.contains(',') {
            cx.report.warn(
                "place",
                Rule::PlaceDate,
                "the place name contains a comma; write only the name, the library adds \", ngày …\"",
            );
        }
    }
    let d = plan.date;
    if let Some(y) = d.year {
        if !(1000..=9999).contains(&y) {
            cx.report.error("date", Rule::PlaceDate, format!("the year {y} must have four digits"));
        }
    }
    if d.month.is_some() && d.year.is_none() {
        cx.report.error("date", Rule::PlaceDate, "a month without a year: blanks go from the day up");
    }
    if d.day.is_some() && d.month.is_none() {
        cx.report.error("date", Rule::PlaceDate, "a day without a month: blanks go from the day up");
    }
    if let Some(m) = d.month {
        if !(1..=12).contains(&m) {
            cx.report.error("date", Rule::PlaceDate, format!("month {m} does not exist"));
        }
    }
    if let (Some(y), Some(m), Some(day)) = (d.year, d.month, d.day) {
        if (1..=12).contains(&m) && NaiveDate::from_ymd_opt(y, m, day).is_none() {
            cx.report.error(
                "date",
                Rule::PlaceDate,
                format!("{day}/{m}/{y} is not a date (that month has no day {day})"),
            );
        }
    } else if d.day.is_some_and(|day| !(1..=31).contains(&day)) {
        cx.report.error("date", Rule::PlaceDate, "the day must be 1–31");
    }
    if plan.number.is_some() && !d.is_complete() {
        cx.report.warn(
            "date",
            Rule::PlaceDate,
            "the plan has a number but its date is incomplete; an issued document carries both (a draft has neither)",
        );
    }
}

/// Which blocks may stand where (§2.5): section → item → point → bullet (-)
/// → plus (+); each level may skip the ones below it, never go back up.
fn level(b: &Block) -> u8 {
    match b {
        Block::Paragraph(_) => 0,
        Block::Item(_) => 1,
        Block::Point(_) => 2,
        Block::Bullet(_) => 3,
        Block::Plus(_) => 4,
        Block::Table(_) => 0,
    }
}

fn kind_name(b: &Block) -> &'static str {
    match b {
        Block::Paragraph(_) => "a paragraph",
        Block::Item(_) => "an item (1., 2.)",
        Block::Point(_) => "a point (a), b))",
        Block::Bullet(_) => "a dash bullet (-)",
        Block::Plus(_) => "a plus bullet (+)",
        Block::Table(_) => "a table",
    }
}

fn parts(cx: &mut Ctx, plan: &Plan) {
    if plan.parts.is_empty() {
        return;
    }
    if !plan.sections.is_empty() || !plan.blocks.is_empty() {
        cx.report.error(
            "parts",
            Rule::Numbering,
            "the plan has parts and also sections or content outside them; put every section inside its part",
        );
    }
    for (i, part) in plan.parts.iter().enumerate() {
        let Part { title, blocks: content, sections: secs } = part;
        let p = format!("parts[{i}]");
        cx.required(&format!("{p}.title"), title, Role::PartTitle, Rule::Numbering, "the part's title");
        blocks(cx, &p, content, 0);
        sections(cx, &format!("{p}.sections"), secs);
        if content.is_empty() && secs.is_empty() {
            cx.report.error(p, Rule::Numbering, "the part has no content; add sections or items, or remove it");
        }
    }
}

/// A table's grid, size and width.
fn table(cx: &mut Ctx, p: &str, t: &Table) {
    let n = t.columns.len();
    if n == 0 {
        cx.report.error(p, Rule::Table, "the table has no columns; give `columns`, one width per column");
        return;
    }
    if t.rows.is_empty() {
        cx.report.error(
            p,
            Rule::Table,
            "the table has no body rows; add rows, or remove the table (an empty table prints as a bare header)",
        );
    }
    if t.header.iter().any(|r| matches!(r, Row::Group(_))) {
        cx.report.error(p, Rule::Table, "a group row cannot stand in the header; move it to the body rows");
    }
    for (list, name) in [(&t.header, "header"), (&t.rows, "rows")] {
        match place_cells(list, n) {
            Ok(_) => {}
            Err(GridError::Ragged { row, filled, columns }) => cx.report.error(
                format!("{p}.{name}[{row}]"),
                Rule::Table,
                format!(
                    "the row fills {filled} of the table's {columns} columns (row spans from above included); add or remove cells, or fix a colspan/rowspan"
                ),
            ),
            Err(GridError::Overflow { row, cell }) => cx.report.error(
                format!("{p}.{name}[{row}].cells[{cell}]"),
                Rule::Table,
                "the cell runs off the table (past the last column or row, or over a cell spanning from above); shorten its colspan/rowspan",
            ),
        }
        for (r, row) in list.iter().enumerate() {
            match row {
                Row::Group(g) => {
                    cx.required(&format!("{p}.{name}[{r}]"), g, Role::TableGroup, Rule::Table, "the group row")
                }
                Row::Cells(cells) => {
                    let role = if name == "header" { Role::TableHeader } else { Role::TableCell };
                    for (k, c) in cells.iter().enumerate() {
                        if c.colspan == 0 || c.rowspan == 0 {
                            cx.report.error(
                                format!("{p}.{name}[{r}].cells[{k}]"),
                                Rule::Table,
                                "a cell spans at least one column and one row",
                            );
                        }
                        for (j, para) in c.paragraphs.iter().enumerate() {
                            cx.text(&format!("{p}.{name}[{r}].cells[{k}].paragraphs[{j}]"), para, role);
                        }
                    }
                }
            }
        }
    }
    if let Some(size) = t.size {
        if !(style::TABLE_SIZE_MIN..=style::TABLE_SIZE_MAX).contains(&size) {
            cx.report.error(
                format!("{p}.size"),
                Rule::Table,
                format!(
                    "{size} pt is outside what a table may use ({}–{} pt; 12 or 13 is usual): text below {} pt is not legible in print",
                    style::TABLE_SIZE_MIN,
                    style::TABLE_SIZE_MAX,
                    style::TABLE_SIZE_MIN
                ),
            );
        }
    }
    let mut fixed = 0.0;
    for (i, c) in t.columns.iter().enumerate() {
        let v = match c.width {
            ColumnWidth::Share(s) => s,
            ColumnWidth::Mm(mm) => {
                fixed += style::mm_to_pt(mm);
                mm
            }
        };
        if !(v > 0.0 && v.is_finite()) {
            cx.report.error(format!("{p}.columns[{i}]"), Rule::Table, "a column's width must be a positive number");
        }
    }
    if fixed > cx.width + 0.5 {
        let hint = if cx.landscape_note {
            "even on a landscape page"
        } else {
            "in portrait; only an appendix may turn landscape (set `landscape = true` there), or narrow the columns"
        };
        cx.report.error(
            format!("{p}.columns"),
            Rule::Table,
            format!(
                "the fixed columns add up to {:.0} mm, wider than the text area ({:.0} mm) {hint}",
                style::pt_to_mm(fixed),
                style::pt_to_mm(cx.width)
            ),
        );
    }
}

fn sections(cx: &mut Ctx, path: &str, secs: &[Section]) {
    for (i, s) in secs.iter().enumerate() {
        let p = format!("{path}[{i}]");
        cx.required(&format!("{p}.title"), &s.title, Role::SectionHeading, Rule::Numbering, "the section heading");
        if let Some(t) = &s.text {
            cx.required(&format!("{p}.text"), t, Role::Body, Rule::Numbering, "the text after the heading");
        }
        blocks(cx, &p, &s.blocks, 0);
    }
}

fn blocks(cx: &mut Ctx, parent: &str, list: &[Block], parent_level: u8) {
    blocks_in(cx, parent, list, parent_level, false)
}

/// `in_sub`: the list is a sub-item's content (items may not nest deeper).
fn blocks_in(cx: &mut Ctx, parent: &str, list: &[Block], parent_level: u8, in_sub: bool) {
    let mut points = 0usize;
    for (i, b) in list.iter().enumerate() {
        let p = if parent.is_empty() { format!("blocks[{i}]") } else { format!("{parent}.blocks[{i}]") };
        let lv = level(b);
        // a paragraph or a table may stand anywhere; a plus needs a dash
        // bullet above it; an item inside an item is a sub-item (3.1.)
        let sub_item = lv == 1 && parent_level == 1 && !in_sub;
        if lv != 0 && !sub_item && (lv <= parent_level || (lv == 4 && parent_level != 3)) {
            let parent_kind = match parent_level {
                0 => "a section",
                1 => "an item",
                2 => "a point",
                3 => "a dash bullet",
                _ => "a plus bullet",
            };
            cx.report.error(
                &p,
                Rule::Numbering,
                format!(
                    "{} cannot stand inside {parent_kind}: the levels are I. → 1. → 1.1. → a) → - → +, and a + bullet goes under a - bullet",
                    kind_name(b)
                ),
            );
        }
        match b {
            Block::Paragraph(para) => {
                cx.required(&format!("{p}.text"), &para.text, Role::Body, Rule::Numbering, "the paragraph")
            }
            Block::Item(it) => {
                if it.title.is_none() && it.text.is_none() {
                    cx.report.error(&p, Rule::Numbering, "the item has neither a title nor text");
                }
                if let Some(t) = &it.title {
                    cx.required(&format!("{p}.title"), t, Role::ItemHeading, Rule::Numbering, "the item's title");
                }
                if let Some(t) = &it.text {
                    cx.required(&format!("{p}.text"), t, Role::Body, Rule::Numbering, "the item's text");
                }
                blocks_in(cx, &p, &it.blocks, lv.max(parent_level), sub_item || in_sub);
            }
            Block::Point(e) | Block::Bullet(e) | Block::Plus(e) => {
                if matches!(b, Block::Point(_)) {
                    points += 1;
                    if points == text::POINT_LETTERS.len() + 1 {
                        cx.report.error(
                            &p,
                            Rule::PointLetters,
                            format!(
                                "more than {} points in one list: the letters run a…y (no f, j, w, z); split the list or use items",
                                text::POINT_LETTERS.len()
                            ),
                        );
                    }
                }
                cx.required(&format!("{p}.text"), &e.text, Role::Body, Rule::Numbering, "the entry's text");
                blocks_in(cx, &p, &e.blocks, lv.max(parent_level), in_sub);
            }
            Block::Table(t) => table(cx, &p, t),
        }
    }
}

/// The last paragraph of the body gets `./.`; elsewhere the mark is a slip.
fn end_mark(cx: &mut Ctx, plan: &Plan) {
    let mut texts: Vec<(String, &Text)> = Vec::new();
    for (i, t) in plan.preamble.iter().enumerate() {
        texts.push((format!("preamble[{i}]"), t));
    }
    // a decision's articles follow its căn cứ
    if plan.form == crate::model::Form::Decision {
        for (i, a) in plan.articles.iter().enumerate() {
            texts.push((format!("articles[{i}].text"), &a.text));
            collect_block_texts(&format!("articles[{i}]"), &a.blocks, &mut texts);
        }
    }
    collect_block_texts("", &plan.blocks, &mut texts);
    collect_section_texts("sections", &plan.sections, &mut texts);
    for (i, part) in plan.parts.iter().enumerate() {
        let p = format!("parts[{i}]");
        collect_block_texts(&p, &part.blocks, &mut texts);
        collect_section_texts(&format!("{p}.sections"), &part.sections, &mut texts);
    }
    if let Some(c) = &plan.closing {
        texts.push(("closing".to_owned(), c));
    }
    let Some(((last_path, last), rest)) = texts.split_last() else { return };
    for (path, t) in rest {
        if t.plain_text().trim_end().ends_with(text::END_MARK) {
            cx.report.warn(
                path,
                Rule::EndMark,
                "the end mark ./. stands before the end of the body; it belongs only after the last paragraph",
            );
        }
    }
    let plain = last.plain_text();
    if let (fixed, EndFix::Repaired) = text::end_mark(&plain) {
        cx.report.warn(
            last_path,
            Rule::EndMark,
            format!("the body's end mark was malformed; printed as {:?}", tail(&fixed)),
        );
    }
}

/// The appendix's reference line names the plan's own number and date (a
/// draft's blanks match blanks).
fn reference(cx: &mut Ctx, path: &str, r: &str, plan: &Plan) {
    let compact: String = r.chars().filter(|c| !c.is_whitespace()).collect();
    let symbol = match plan.profile {
        Profile::State => format!("/{}-{}", plan.doc_type.abbreviation(), plan.issuer.compact_code()),
        Profile::Party => format!("-{}/{}", party::type_abbreviation(plan), plan.issuer.compact_code()),
    };
    let Some(at) = compact.find(&symbol) else {
        cx.report.warn(
            path,
            Rule::Appendix,
            format!("the reference line does not name the plan's symbol {symbol:?}; check it refers to this plan"),
        );
        return;
    };
    let before: String = compact[..at].chars().rev().take_while(char::is_ascii_digit).collect();
    let number: String = before.chars().rev().collect();
    match plan.number {
        Some(n) if number.is_empty() => cx.report.warn(
            path,
            Rule::Appendix,
            format!("the reference line leaves the number blank but the plan is number {}; fill it in", text::format_number(n)),
        ),
        Some(n) if number.parse::<u32>().ok() != Some(n) => cx.report.warn(
            path,
            Rule::Appendix,
            format!(
                "the reference line gives the number {:?} but the plan is number {}; make them agree",
                number,
                text::format_number(n)
            ),
        ),
        None if !number.is_empty() => cx.report.warn(
            path,
            Rule::Appendix,
            format!("the plan is a draft (no number) but its appendix refers to number {number}; leave the number blank there too"),
        ),
        _ => {}
    }
    if let Some(y) = plan.date.year {
        if !compact.contains(&y.to_string()) {
            cx.report.warn(
                path,
                Rule::Appendix,
                format!("the reference line does not give the plan's year {y}; check its date"),
            );
        }
    }
    if let (Some(d), Some(m)) = (plan.date.day, plan.date.month) {
        let after = &compact[at..];
        let day_ok = [d.to_string(), text::format_day(d)].iter().any(|s| after.contains(&format!("ngày{s}")));
        let month_ok = [m.to_string(), text::format_month(m), format!("{m:02}")]
            .iter()
            .any(|s| after.contains(&format!("/{s}/")) || after.contains(&format!("tháng{s}")));
        if !(day_ok && month_ok) {
            cx.report.warn(
                path,
                Rule::Appendix,
                format!(
                    "the reference line does not give the plan's date ({}); check it",
                    plan.date.line("").trim_start_matches(", ")
                ),
            );
        }
    }
}

/// The last 20 characters of `s`, for messages that show what is printed.
fn tail(s: &str) -> String {
    let n = s.chars().count();
    s.chars().skip(n.saturating_sub(20)).collect()
}

fn collect_section_texts<'a>(path: &str, secs: &'a [Section], out: &mut Vec<(String, &'a Text)>) {
    for (i, s) in secs.iter().enumerate() {
        let p = format!("{path}[{i}]");
        out.push((format!("{p}.title"), &s.title));
        if let Some(t) = &s.text {
            out.push((format!("{p}.text"), t));
        }
        collect_block_texts(&p, &s.blocks, out);
    }
}

fn collect_block_texts<'a>(parent: &str, list: &'a [Block], out: &mut Vec<(String, &'a Text)>) {
    for (i, b) in list.iter().enumerate() {
        let p = if parent.is_empty() { format!("blocks[{i}]") } else { format!("{parent}.blocks[{i}]") };
        match b {
            Block::Table(_) => {}
            Block::Paragraph(para) => out.push((format!("{p}.text"), &para.text)),
            Block::Item(it) => {
                if let Some(t) = &it.title {
                    out.push((format!("{p}.title"), t));
                }
                if let Some(t) = &it.text {
                    out.push((format!("{p}.text"), t));
                }
                collect_block_texts(&p, &it.blocks, out);
            }
            Block::Point(e) | Block::Bullet(e) | Block::Plus(e) => {
                out.push((format!("{p}.text"), &e.text));
                collect_block_texts(&p, &e.blocks, out);
            }
        }
    }
}

fn recipients(cx: &mut Ctx, plan: &Plan) {
    recipient_entries(cx, plan);
    state_archive(cx, plan);
}

fn recipient_entries(cx: &mut Ctx, plan: &Plan) {
    let r = &plan.recipients;
    for (i, to) in r.to.iter().enumerate() {
        let p = format!("recipients.to[{i}]");
        if to.name.is_empty() {
            cx.report.error(&p, Rule::Recipients, "the recipient's name is empty");
        }
        cx.line(&p, &to.label(), Role::Recipient);
        if let Some(orig) = &to.fixed_from {
            cx.report.warn(
                &p,
                Rule::Recipients,
                format!("doubled list punctuation in {orig:?}; the library writes \"- \" and \";\" itself, printed as \"- {};\"", to.label()),
            );
        }
        if to.name.starts_with("Lưu:") || to.name.starts_with("Lưu :") {
            cx.report.error(
                &p,
                Rule::Recipients,
                "the archive line is a recipient here; give it as `archive` (units after VT) so it is printed last",
            );
        }
    }
}

fn state_archive(cx: &mut Ctx, plan: &Plan) {
    let r = &plan.recipients;
    match &r.archive {
        None => cx.report.warn(
            "recipients.archive",
            Rule::Recipients,
            "no archive line: every document is filed by the Văn thư; printed as \"- Lưu: VT.\" (add the drafting unit)",
        ),
        Some(a) => {
            for (i, u) in a.units.iter().enumerate() {
                let p = format!("recipients.archive.units[{i}]");
                if u.trim().is_empty() {
                    cx.report.error(&p, Rule::Recipients, "an empty unit in the archive line");
                }
                if u.trim().eq_ignore_ascii_case("VT") {
                    cx.report.warn(&p, Rule::Recipients, "VT (Văn thư) is always printed first; it is not repeated");
                }
                cx.line(&p, u, Role::Recipient);
            }
            if a.copies == Some(0) {
                cx.report.error("recipients.archive.copies", Rule::Recipients, "0 copies: leave the count out or give at least 1");
            }
        }
    }
    if let Some(d) = &r.drafter {
        if d.initials.trim().is_empty() {
            cx.report.error("recipients.drafter.initials", Rule::Recipients, "the drafter's initials are empty");
        } else if d.initials.chars().any(|c| !c.is_alphabetic()) {
            cx.report.error("recipients.drafter.initials", Rule::Recipients, "initials are letters only, e.g. \"PL\"");
        }
        if d.copies == 0 {
            cx.report.error(
                "recipients.drafter.copies",
                Rule::Recipients,
                "the number of copies issued must be at least 1",
            );
        }
    }
}

fn signer(cx: &mut Ctx, plan: &Plan) {
    let s = &plan.signer;
    if s.name.trim().is_empty() {
        cx.report.error(
            "signer.name",
            Rule::Signer,
            "the signer has no name; write the full name, e.g. \"Nguyễn Văn A\"",
        );
    } else {
        cx.line("signer.name", &s.name, Role::SignerName);
    }
    if s.titles.is_empty() {
        cx.report.error(
            "signer.titles",
            Rule::Signer,
            "the signer has no title; write it, e.g. \"GIÁM ĐỐC\" or \"KT. GIÁM ĐỐC\" over \"PHÓ GIÁM ĐỐC\"",
        );
    }
    if s.titles.len() > SIGNER_MAX_TITLES {
        cx.report.error(
            "signer.titles",
            Rule::Signer,
            format!(
                "{} title lines; the block has at most {SIGNER_MAX_TITLES} (e.g. TM. … / KT. … / …)",
                s.titles.len()
            ),
        );
    }
    let n = s.titles.len();
    for (i, t) in s.titles.iter().enumerate() {
        let p = format!("signer.titles[{i}]");
        if t.title.trim().is_empty() {
            cx.report.error(&p, Rule::Signer, "an empty title line");
            continue;
        }
        cx.line(&p, &String::from(t.clone()), Role::SignerTitle);
        if let (Some(a), title) = t.authority_in(plan.profile) {
            use crate::model::Authority::*;
            if matches!(a, Tm | Kt | Tl | Tuq) && i + 1 == n {
                cx.report.error(
                    &p,
                    Rule::Signer,
                    format!(
                        "\"{} {}\" must be followed by the signer's own title (e.g. \"KT. GIÁM ĐỐC\" over \"PHÓ GIÁM ĐỐC\")",
                        a.marker_in(plan.profile),
                        title
                    ),
                );
            }
            if a == Tm && i != 0 {
                let m = a.marker_in(plan.profile);
                cx.report.warn(
                    &p,
                    Rule::Signer,
                    format!("{m} names the collective and normally stands on the first line"),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn level_order() {
        use crate::model::{Item, ListEntry, Paragraph};
        assert_eq!(level(&Block::Paragraph(Paragraph::default())), 0);
        assert_eq!(level(&Block::Item(Item::default())), 1);
        assert_eq!(level(&Block::Point(ListEntry::default())), 2);
        assert_eq!(level(&Block::Plus(ListEntry::default())), 4);
    }
}
