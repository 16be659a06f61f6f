//! Body paragraphs written straight to XML (issue 14).
//!
//! A body paragraph has one shape: its role's style, `w:widowControl`,
//! perhaps `w:keepNext` and a space before, and runs that carry the font
//! and the bold/italic that differ from the style. docx-rs would build a tree
//! of it (about 3 KB), write it, and the tidy pass would parse the XML back
//! to put the children in schema order: three passes over every paragraph of
//! the plan, a third of what `to_docx` cost. This module writes the finished
//! XML in one pass, byte for byte what that path gave (the test below holds
//! it to the docx-rs path for every role, both profiles and the fixtures).

use crate::compose::Para;
use crate::model::Profile;
use crate::text;

use super::{style_id, FONT_NAME};

/// Appends the XML of body paragraph `p` to `out`: `id` is its `w14:paraId`,
/// `before` its space before in twips (the first paragraph after the title
/// block), `keep_next` whether it stays with the paragraph after it.
pub(super) fn write(out: &mut String, id: &str, p: &Para, profile: Profile, before: Option<u32>, keep_next: bool) {
    out.push_str("<w:p w14:paraId=\"");
    out.push_str(id);
    out.push_str("\"><w:pPr><w:pStyle w:val=\"");
    out.push_str(style_id(p.role));
    out.push_str("\"/>");
    if keep_next {
        out.push_str("<w:keepNext/>");
    }
    out.push_str("<w:widowControl w:val=\"1\"/>");
    if let Some(b) = before {
        out.push_str("<w:spacing w:before=\"");
        out.push_str(&b.to_string());
        out.push_str("\"/>");
    }
    out.push_str("</w:pPr>");
    let st = p.role.style_in(profile);
    for r in &p.runs {
        run(out, r, st.bold, st.italic);
    }
    out.push_str("</w:p>");
}

/// One run: the font, then bold and italic where they differ from the
/// style (docx-rs turns bold off as `w:b w:val="false"` and leaves `w:bCs`).
fn run(out: &mut String, r: &text::Run, style_bold: bool, style_italic: bool) {
    out.push_str("<w:r><w:rPr><w:rFonts w:ascii=\"");
    out.push_str(FONT_NAME);
    out.push_str("\" w:hAnsi=\"");
    out.push_str(FONT_NAME);
    out.push_str("\" w:cs=\"");
    out.push_str(FONT_NAME);
    out.push_str("\" w:eastAsia=\"");
    out.push_str(FONT_NAME);
    out.push_str("\"/>");
    if r.bold != style_bold {
        out.push_str(if r.bold { "<w:b/><w:bCs/>" } else { "<w:b w:val=\"false\"/><w:bCs/>" });
    }
    if r.italic != style_italic {
        out.push_str(if r.italic { "<w:i/><w:iCs/>" } else { "<w:i w:val=\"false\"/><w:iCs/>" });
    }
    out.push_str("</w:rPr>");
    if r.text.is_empty() {
        out.push_str("<w:t xml:space=\"preserve\"/>");
    } else {
        out.push_str("<w:t xml:space=\"preserve\">");
        escape_into(out, &r.text);
        out.push_str("</w:t>");
    }
    out.push_str("</w:r>");
}

/// Run text escaped as the docx-rs path left it: the five XML entities; line
/// feeds and carriage returns dropped (validation refuses them before any
/// writer runs).
fn escape_into(out: &mut String, s: &str) {
    let mut rest = s;
    while let Some(i) = rest.find(['&', '<', '>', '"', '\'', '\n', '\r']) {
        out.push_str(&rest[..i]);
        let c = rest.as_bytes()[i];
        out.push_str(match c {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&apos;",
            _ => "",
        });
        rest = &rest[i + 1..];
    }
    out.push_str(rest);
}

#[cfg(test)]
mod tests {
    use super::super::{body_para, stream, Block, STYLES};
    use super::*;
    use docx_rs::LineSpacing;

    /// What the docx-rs path gives for the same paragraph (the oracle).
    fn via_docx_rs(p: &Para, profile: Profile, before: Option<u32>, keep_next: bool) -> String {
        let mut para = body_para(p, profile);
        if let Some(b) = before {
            para = para.line_spacing(LineSpacing::new().before(b));
        }
        if keep_next {
            para = para.keep_next(true);
        }
        let mut out = Vec::new();
        stream(&mut out, para);
        match out.pop() {
            Some(Block::Xml(s)) => s,
            _ => unreachable!("stream gives XML"),
        }
    }

    fn direct(p: &Para, profile: Profile, before: Option<u32>, keep_next: bool) -> String {
        let mut s = String::new();
        write(&mut s, "0000002a", p, profile, before, keep_next || p.keep_with_next());
        s
    }

    fn same_as_docx_rs(p: &Para) {
        for profile in [Profile::State, Profile::Party] {
            for before in [None, Some(0), Some(240), Some(1234)] {
                for keep in [false, true] {
                    let old = via_docx_rs(p, profile, before, keep);
                    // the paragraph id comes from docx-rs's counter
                    let id_at = old.find("paraId=\"").expect("an id") + 8;
                    let old = format!("{}0000002a{}", &old[..id_at], &old[id_at + 8..]);
                    assert_eq!(direct(p, profile, before, keep), old, "{:?} {profile:?} {before:?} {keep}", p.role);
                }
            }
        }
    }

    #[test]
    fn every_role_and_emphasis_as_docx_rs_writes_it() {
        let r = |t: &str, bold, italic| text::Run { text: t.into(), bold, italic };
        let runs = vec![
            r("Căn cứ a & b < c > d \"e\" 'f' \n g\rh ", false, false),
            r("đậm", true, false),
            r("nghiêng", false, true),
            r("cả hai", true, true),
            r("", false, false),
            r("", true, true),
        ];
        for (role, _, _) in STYLES {
            same_as_docx_rs(&Para { role: *role, runs: runs.clone() });
            same_as_docx_rs(&Para { role: *role, runs: vec![r("Mục tiêu", true, false)] });
            same_as_docx_rs(&Para { role: *role, runs: Vec::new() });
        }
    }

    #[test]
    fn every_fixture_paragraph_as_docx_rs_writes_it() {
        let mut seen = 0;
        let dirs = ["fixtures/text", "fixtures/real", "fixtures/party", "fixtures/family", "fixtures/drafts"];
        for dir in dirs {
            let Ok(entries) = std::fs::read_dir(dir) else { continue };
            for e in entries.flatten() {
                let path = e.path();
                if path.extension().is_none_or(|x| x != "txt") {
                    continue;
                }
                let s = std::fs::read_to_string(&path).expect("fixture");
                let Ok(plan) = crate::Plan::from_text(&s) else { continue };
                let doc = crate::compose::Document::new(&plan);
                let appendix = doc.appendices.iter().flat_map(|a| a.body.iter());
                for piece in doc.body.iter().chain(appendix) {
                    if let crate::compose::Piece::Para(p) = piece {
                        same_as_docx_rs(p);
                        seen += 1;
                    }
                }
            }
        }
        assert!(seen > 1000, "only {seen} paragraphs checked: are the fixtures there?");
    }
}
