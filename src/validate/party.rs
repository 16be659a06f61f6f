//! The rules of a Party document (Hướng dẫn 05-HD/VPTW under Quy định
//! 399-QĐ/TW; `../spec/party.md`), each message saying what to write
//! instead. The checks every document shares (text, numbering, tables,
//! dates) run in `validate` as for State documents.

use super::Ctx;
use crate::error::Rule;
use crate::model::{Authority, Form, Plan};
use crate::style::party::MARGINS;
use crate::text::{self, EndFix};

/// The type's abbreviation in a Party symbol: `CV` for a công văn.
pub(super) fn type_abbreviation(plan: &Plan) -> &'static str {
    if plan.form == Form::CongVan {
        "CV"
    } else {
        plan.doc_type.abbreviation()
    }
}

/// Bodies' abbreviations from before the 2025 reorganisation (huyện ủy,
/// ban tuyên giáo, ban dân vận): right in documents dated before 2026,
/// a slip after.
const OLD_BODIES: [(&str, &str); 5] = [
    ("HU", "huyện ủy (district Party committees ended with the district level on 1/7/2025)"),
    ("QU", "quận ủy (ended with the district level on 1/7/2025)"),
    ("BTG", "ban tuyên giáo (merged into the ban tuyên giáo và dân vận, BTGDV, in 2025)"),
    ("BDV", "ban dân vận (merged into the ban tuyên giáo và dân vận, BTGDV, in 2025)"),
    ("BDVTW", "Ban Dân vận Trung ương (merged in 2025)"),
];

/// Words that name a cấp ủy (a collective that signs `T/M`, never `K/T`).
fn is_cap_uy(title: &str) -> bool {
    let t = text::upper(title);
    // and its head: `K/T BÍ THƯ` is the slip for `T/M … / PHÓ BÍ THƯ`
    [
        "BAN THƯỜNG VỤ",
        "BAN CHẤP HÀNH",
        "TỈNH ỦY",
        "THÀNH ỦY",
        "ĐẢNG ỦY",
        "CHI BỘ",
        "TỈNH UỶ",
        "THÀNH UỶ",
        "ĐẢNG UỶ",
        "BÍ THƯ",
    ]
    .iter()
    .any(|w| t.starts_with(w))
}

pub(super) fn check(cx: &mut Ctx, plan: &Plan) {
    // IV-4: fixed margins
    let m = plan.margins;
    if m != MARGINS {
        cx.report.error(
            "margins",
            Rule::PartyPage,
            format!(
                "a Party document's margins are fixed at top {} mm, bottom {} mm, left {} mm, right {} mm (HD 05 IV-4): leave `margins` out",
                MARGINS.top, MARGINS.bottom, MARGINS.left, MARGINS.right
            ),
        );
    }
    // I-2.2: the header names bodies, not the standing committee
    let name = text::upper(&plan.issuer.name);
    for (path, line) in [("issuer.parent", plan.issuer.parent.as_deref().unwrap_or("")), ("issuer.name", &name)] {
        if text::upper(line).contains("BAN THƯỜNG VỤ") {
            cx.report.warn(
                path,
                Rule::PartyHeader,
                "BAN THƯỜNG VỤ does not stand in the header: write the body (ĐẢNG ỦY XÃ …) there and sign \"T/M BAN THƯỜNG VỤ\" (HD 05 I-2.2)",
            );
        }
    }
    if name.contains("CỘNG HÒA XÃ HỘI") || name.contains("CỘNG HOÀ XÃ HỘI") {
        cx.report.error(
            "issuer.name",
            Rule::PartyHeader,
            "a Party document's right header is ĐẢNG CỘNG SẢN VIỆT NAM, printed by vanban; the Quốc hiệu belongs to State documents",
        );
    }
    // I-3.2: the bodies' abbreviations
    let code = plan.issuer.compact_code();
    if plan.date.year.is_some_and(|y| y >= 2026) {
        for group in code.split('-') {
            if let Some((abbr, what)) = OLD_BODIES.iter().find(|(a, _)| *a == group) {
                cx.report.warn(
                    "issuer.code",
                    Rule::PartySymbol,
                    format!("{abbr:?} is the symbol of a {what}; a 2026 document is issued by a body that exists now: check the symbol (e.g. ĐU, TU, BTGDVTU)"),
                );
            }
        }
    }
    if plan.form == Form::Named && plan.doc_type == crate::DocType::QuyDinh {
        cx.report.warn(
            "doc_type",
            Rule::PartySymbol,
            "the Party writes a Quy định's symbol QĐ, as a Quyết định's (HD 05 I-3.2); vanban prints QyĐ for doc_type = \"QyĐ\": use \"QĐ\" with type_name = \"QUY ĐỊNH\"",
        );
    }
    if let Some(name) = &plan.type_name {
        let heading = plan.doc_type.heading();
        if !text::upper(name).starts_with(&heading) {
            cx.report.error(
                "type_name",
                Rule::PartySymbol,
                format!("the type name {name:?} does not match the type {} ({heading}): a name may only say more, e.g. \"CHƯƠNG TRÌNH HÀNH ĐỘNG\" for CTr", plan.doc_type.abbreviation()),
            );
        }
    }
    // forms vanban prints for the Party: named documents and công văn
    if plan.form == Form::Decision {
        cx.report.error(
            "form",
            Rule::PartyForm,
            "vanban prints the Party's kế hoạch, chương trình, báo cáo, công văn and other named documents; a Party quyết định with articles is not supported: issue it as a named document",
        );
    }
    if !plan.marks.is_empty() {
        cx.report.error(
            "marks",
            Rule::PartyForm,
            "urgency, confidentiality and draft marks of Party documents (HD 05 II-3, II-4: words under the number, not boxes) are not printed by vanban yet: leave `marks` out and add them by hand",
        );
    }
    if plan.contact.is_some() {
        cx.report.error(
            "contact",
            Rule::PartyForm,
            "a Party document has no address footer (ô 13 is Decree 30's): leave `contact` out",
        );
    }
    end_mark(cx, plan);
    basis(cx, plan);
    archive(cx, plan);
    signer(cx, plan);
}

/// I-6.2.3: the căn cứ at the head of the content, one a line: `- ` before
/// each, `;` after each, `.` after the last.
fn basis(cx: &mut Ctx, plan: &Plan) {
    let list: Vec<(usize, String)> = plan
        .blocks
        .iter()
        .enumerate()
        .map_while(|(i, b)| match b {
            crate::model::Block::Bullet(e) if e.text.plain_text().trim_start().starts_with("Căn cứ") => {
                Some((i, e.text.plain_text()))
            }
            _ => None,
        })
        .collect();
    for (k, (i, t)) in list.iter().enumerate() {
        let last = k + 1 == list.len();
        let want = if last { '.' } else { ';' };
        let t = t.trim_end();
        if !t.ends_with(want) {
            let core = t.trim_end_matches(['.', ';', ',', ':']);
            let tail = super::tail(core);
            cx.report.warn(
                format!("blocks[{i}].text"),
                Rule::PartyBasis,
                format!("each căn cứ ends with \";\" and the last with \".\" (HD 05 I-6.2.3): write \"…{tail}{want}\""),
            );
        }
    }
}

/// I-6.2.2: the content ends with `.`; a `./.` is the State's.
fn end_mark(cx: &mut Ctx, plan: &Plan) {
    let last = plan
        .closing
        .as_ref()
        .map(|c| ("closing".to_owned(), c.plain_text()))
        .or_else(|| last_text(plan).map(|t| ("sections".to_owned(), t)));
    let Some((path, t)) = last else { return };
    match text::party_end_mark(&t) {
        (fixed, EndFix::Repaired) if t.trim_end().ends_with(text::END_MARK) => cx.report.warn(
            path,
            Rule::PartyEndMark,
            format!(
                "a Party document ends with \".\", not \"./.\" (HD 05 I-6.2.2); printed as {:?}",
                super::tail(&fixed)
            ),
        ),
        _ => {}
    }
}

/// The plain text of the body's last paragraph-like text, if any.
fn last_text(plan: &Plan) -> Option<String> {
    let mut texts = Vec::new();
    super::collect_block_texts("", &plan.blocks, &mut texts);
    super::collect_section_texts("sections", &plan.sections, &mut texts);
    for part in &plan.parts {
        super::collect_block_texts("", &part.blocks, &mut texts);
        super::collect_section_texts("", &part.sections, &mut texts);
    }
    texts.last().map(|(_, t)| t.plain_text())
}

/// I-9.2.5: `- Lưu Văn phòng …`, no colon, no VT.
fn archive(cx: &mut Ctx, plan: &Plan) {
    let r = &plan.recipients;
    match &r.archive {
        None => cx.report.error(
            "recipients.archive",
            Rule::PartyRecipients,
            "no archive line: a Party document's Nơi nhận ends with the office that keeps it, e.g. \"- Lưu Văn phòng Đảng ủy.\" (HD 05 I-9.2.5): give archive = [\"Văn phòng Đảng ủy\"]",
        ),
        Some(a) => {
            if a.units.iter().all(|u| u.trim().is_empty() || u.trim().eq_ignore_ascii_case("VT")) {
                cx.report.error(
                    "recipients.archive.units",
                    Rule::PartyRecipients,
                    "the archive line names the office that keeps the document, e.g. \"Văn phòng Tỉnh ủy\" (HD 05 I-9.2.5)",
                );
            }
            for (i, u) in a.units.iter().enumerate() {
                let p = format!("recipients.archive.units[{i}]");
                if u.trim().eq_ignore_ascii_case("VT") {
                    cx.report.warn(&p, Rule::PartyRecipients, "VT is the State's archive line (\"Lưu: VT, …\"); a Party document writes \"- Lưu Văn phòng …\": VT is not printed");
                }
                cx.line(&p, u, crate::style::Role::Recipient);
            }
        }
    }
    if r.drafter.is_some() {
        cx.report.warn(
            "recipients.drafter",
            Rule::PartyRecipients,
            "the drafter's initials and copies (ô 12) are Decree 30's; a Party document does not print them",
        );
    }
}

/// I-7.1: T/M, K/T, T/L, Q.; no TUQ.; a cấp ủy signs T/M.
fn signer(cx: &mut Ctx, plan: &Plan) {
    for (i, t) in plan.signer.titles.iter().enumerate() {
        let p = format!("signer.titles[{i}]");
        let (authority, title) = t.authority_in(plan.profile);
        match authority {
            Some(Authority::Tuq) => cx.report.error(
                &p,
                Rule::PartySigner,
                "a Party document has no TUQ. (thừa ủy quyền): sign T/M, K/T, T/L or Q. (HD 05 I-7.1)",
            ),
            Some(Authority::Kt) if is_cap_uy(title) => cx.report.warn(
                &p,
                Rule::PartySigner,
                format!(
                    "a cấp ủy is collective: its deputy signs \"T/M {}\" over the position (PHÓ BÍ THƯ), never K/T (HD 05 I-7.1)",
                    if title.contains("BÍ THƯ") { "BAN THƯỜNG VỤ" } else { title }
                ),
            ),
            _ => {}
        }
    }
}
