//! A small XML tree for tidying the parts docx-rs writes: child elements are
//! put into the order the ECMA-376 schema requires (docx-rs writes `pPr`
//! with `rPr` first, `jc` before `spacing`, …; Word is strict about it) and
//! a few elements are added or removed.
//!
//! The input is docx-rs's own output: well-formed, no comments, no CDATA.
//! Text and attribute values are kept exactly as written (still escaped).

use std::borrow::Cow;

/// A node; names, attributes and text borrow from the parsed part.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Node<'a> {
    Element(Element<'a>),
    /// Raw text, already escaped.
    Text(Cow<'a, str>),
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Element<'a> {
    pub name: Cow<'a, str>,
    /// The attributes as written, with their leading space.
    pub attrs: Cow<'a, str>,
    pub children: Vec<Node<'a>>,
}

impl<'a> Element<'a> {
    pub fn new(name: &'a str, attrs: &'a str) -> Element<'a> {
        Element { name: Cow::Borrowed(name), attrs: Cow::Borrowed(attrs), children: Vec::new() }
    }
    pub fn elements_mut(&mut self) -> impl Iterator<Item = &mut Element<'a>> {
        self.children.iter_mut().filter_map(|n| match n {
            Node::Element(e) => Some(e),
            Node::Text(_) => None,
        })
    }
    pub fn child_mut(&mut self, name: &str) -> Option<&mut Element<'a>> {
        self.elements_mut().find(|e| e.name == name)
    }
    /// Visits this element and every descendant.
    pub fn walk_mut(&mut self, f: &mut dyn FnMut(&mut Element<'a>)) {
        f(self);
        for c in self.elements_mut() {
            c.walk_mut(f);
        }
    }
}

/// A parsed part: the XML declaration and the root element.
#[derive(Debug, Clone)]
pub(crate) struct Part<'a> {
    pub prolog: &'a str,
    pub root: Element<'a>,
}

#[derive(Debug)]
pub(crate) struct ParseError(pub String);

impl<'a> Part<'a> {
    pub fn parse(xml: &'a [u8]) -> Result<Part<'a>, ParseError> {
        let s = std::str::from_utf8(xml).map_err(|e| ParseError(e.to_string()))?;
        let mut prolog = "";
        let mut stack: Vec<Element> = vec![Element::new("#document", "")];
        let mut i = 0;
        let b = s.as_bytes();
        while i < b.len() {
            if b[i] == b'<' {
                if s[i..].starts_with("<?") {
                    let end = s[i..].find("?>").ok_or_else(|| ParseError("unclosed <?".into()))? + i + 2;
                    prolog = &s[..end];
                    i = end;
                    continue;
                }
                if s[i..].starts_with("<!") {
                    return Err(ParseError("comments, CDATA and DTDs are not expected".into()));
                }
                // find the end of the tag, respecting quoted attribute values
                let mut j = i + 1;
                let mut quote = 0u8;
                while j < b.len() {
                    match b[j] {
                        q @ (b'"' | b'\'') if quote == 0 => quote = q,
                        q if q == quote => quote = 0,
                        b'>' if quote == 0 => break,
                        _ => {}
                    }
                    j += 1;
                }
                if j >= b.len() {
                    return Err(ParseError("unclosed tag".into()));
                }
                let inner = &s[i + 1..j];
                i = j + 1;
                if let Some(name) = inner.strip_prefix('/') {
                    let e = stack.pop().ok_or_else(|| ParseError("unbalanced".into()))?;
                    if e.name != name.trim() {
                        return Err(ParseError(format!("</{name}> closes <{}>", e.name)));
                    }
                    stack.last_mut().ok_or_else(|| ParseError("unbalanced".into()))?.children.push(Node::Element(e));
                } else {
                    let self_closing = inner.ends_with('/');
                    let inner = inner.trim_end_matches('/').trim_end();
                    let (name, attrs) = match inner.find(|c: char| c.is_whitespace()) {
                        Some(k) => (&inner[..k], &inner[k..]),
                        None => (inner, ""),
                    };
                    let e = Element::new(name, attrs);
                    if self_closing {
                        stack
                            .last_mut()
                            .ok_or_else(|| ParseError("unbalanced".into()))?
                            .children
                            .push(Node::Element(e));
                    } else {
                        stack.push(e);
                    }
                }
            } else {
                let end = s[i..].find('<').map_or(s.len(), |k| k + i);
                let t = &s[i..end];
                if !t.is_empty() {
                    stack
                        .last_mut()
                        .ok_or_else(|| ParseError("unbalanced".into()))?
                        .children
                        .push(Node::Text(Cow::Borrowed(t)));
                }
                i = end;
            }
        }
        let doc = match (stack.pop(), stack.is_empty()) {
            (Some(d), true) => d,
            _ => return Err(ParseError("unclosed element".into())),
        };
        let root = doc
            .children
            .into_iter()
            .find_map(|n| match n {
                Node::Element(e) => Some(e),
                Node::Text(_) => None,
            })
            .ok_or_else(|| ParseError("no root element".into()))?;
        Ok(Part { prolog, root })
    }

    pub fn to_bytes(&self, size_hint: usize) -> Vec<u8> {
        let mut out = String::with_capacity(size_hint + 1024);
        out.push_str(self.prolog);
        write_element(&mut out, &self.root);
        out.into_bytes()
    }
}

fn write_element(out: &mut String, e: &Element) {
    out.push('<');
    out.push_str(&e.name);
    out.push_str(&e.attrs);
    if e.children.is_empty() {
        out.push_str("/>");
        return;
    }
    out.push('>');
    for c in &e.children {
        match c {
            Node::Element(c) => write_element(out, c),
            Node::Text(t) => out.push_str(t),
        }
    }
    out.push_str("</");
    out.push_str(&e.name);
    out.push('>');
}

/// ECMA-376 Part 1 sequence of `CT_PPrBase` + `CT_PPr`.
pub(crate) const PPR_ORDER: &[&str] = &[
    "w:pStyle",
    "w:keepNext",
    "w:keepLines",
    "w:pageBreakBefore",
    "w:framePr",
    "w:widowControl",
    "w:numPr",
    "w:suppressLineNumbers",
    "w:pBdr",
    "w:shd",
    "w:tabs",
    "w:suppressAutoHyphens",
    "w:kinsoku",
    "w:wordWrap",
    "w:overflowPunct",
    "w:topLinePunct",
    "w:autoSpaceDE",
    "w:autoSpaceDN",
    "w:bidi",
    "w:adjustRightInd",
    "w:snapToGrid",
    "w:spacing",
    "w:ind",
    "w:contextualSpacing",
    "w:mirrorIndents",
    "w:suppressOverlap",
    "w:jc",
    "w:textDirection",
    "w:textAlignment",
    "w:textboxTightWrap",
    "w:outlineLvl",
    "w:divId",
    "w:cnfStyle",
    "w:rPr",
    "w:sectPr",
    "w:pPrChange",
];

/// ECMA-376 sequence of `EG_RPrBase` (+ `rPrChange`).
pub(crate) const RPR_ORDER: &[&str] = &[
    "w:rStyle",
    "w:rFonts",
    "w:b",
    "w:bCs",
    "w:i",
    "w:iCs",
    "w:caps",
    "w:smallCaps",
    "w:strike",
    "w:dstrike",
    "w:outline",
    "w:shadow",
    "w:emboss",
    "w:imprint",
    "w:noProof",
    "w:snapToGrid",
    "w:vanish",
    "w:webHidden",
    "w:color",
    "w:spacing",
    "w:w",
    "w:kern",
    "w:position",
    "w:sz",
    "w:szCs",
    "w:highlight",
    "w:u",
    "w:effect",
    "w:bdr",
    "w:shd",
    "w:fitText",
    "w:vertAlign",
    "w:rtl",
    "w:cs",
    "w:em",
    "w:lang",
    "w:eastAsianLayout",
    "w:specVanish",
    "w:oMath",
    "w:ins",
    "w:del",
    "w:rPrChange",
];

const SECTPR_ORDER: &[&str] = &[
    "w:headerReference",
    "w:footerReference",
    "w:footnotePr",
    "w:endnotePr",
    "w:type",
    "w:pgSz",
    "w:pgMar",
    "w:paperSrc",
    "w:pgBorders",
    "w:lnNumType",
    "w:pgNumType",
    "w:cols",
    "w:formProt",
    "w:vAlign",
    "w:noEndnote",
    "w:titlePg",
    "w:textDirection",
    "w:bidi",
    "w:rtlGutter",
    "w:docGrid",
    "w:printerSettings",
    "w:sectPrChange",
];

const TBLPR_ORDER: &[&str] = &[
    "w:tblStyle",
    "w:tblpPr",
    "w:tblOverlap",
    "w:bidiVisual",
    "w:tblStyleRowBandSize",
    "w:tblStyleColBandSize",
    "w:tblW",
    "w:jc",
    "w:tblCellSpacing",
    "w:tblInd",
    "w:tblBorders",
    "w:shd",
    "w:tblLayout",
    "w:tblCellMar",
    "w:tblLook",
    "w:tblCaption",
    "w:tblDescription",
    "w:tblPrChange",
];

const TCPR_ORDER: &[&str] = &[
    "w:cnfStyle",
    "w:tcW",
    "w:gridSpan",
    "w:hMerge",
    "w:vMerge",
    "w:tcBorders",
    "w:shd",
    "w:noWrap",
    "w:tcMar",
    "w:textDirection",
    "w:tcFitText",
    "w:vAlign",
    "w:hideMark",
];

const BORDER_ORDER: &[&str] =
    &["w:top", "w:left", "w:start", "w:bottom", "w:right", "w:end", "w:between", "w:bar", "w:insideH", "w:insideV"];

const MAR_ORDER: &[&str] = &["w:top", "w:left", "w:start", "w:bottom", "w:right", "w:end"];

const STYLE_ORDER: &[&str] = &[
    "w:name",
    "w:aliases",
    "w:basedOn",
    "w:next",
    "w:link",
    "w:autoRedefine",
    "w:hidden",
    "w:uiPriority",
    "w:semiHidden",
    "w:unhideWhenUsed",
    "w:qFormat",
    "w:locked",
    "w:personal",
    "w:personalCompose",
    "w:personalReply",
    "w:rsid",
    "w:pPr",
    "w:rPr",
    "w:tblPr",
    "w:trPr",
    "w:tcPr",
    "w:tblStylePr",
];

/// CT_TrPr: the row properties (ECMA-376 Part 1, 17.4.82).
const TRPR_ORDER: &[&str] = &[
    "w:cnfStyle",
    "w:divId",
    "w:gridBefore",
    "w:gridAfter",
    "w:wBefore",
    "w:wAfter",
    "w:cantSplit",
    "w:trHeight",
    "w:tblHeader",
    "w:tblCellSpacing",
    "w:jc",
    "w:hidden",
    "w:ins",
    "w:del",
    "w:trPrChange",
];

/// The schema sequence of an element's children, where we know it.
pub(crate) fn order_of(name: &str) -> Option<&'static [&'static str]> {
    Some(match name {
        "w:pPr" => PPR_ORDER,
        "w:rPr" => RPR_ORDER,
        "w:sectPr" => SECTPR_ORDER,
        "w:tblPr" => TBLPR_ORDER,
        "w:tcPr" => TCPR_ORDER,
        "w:trPr" => TRPR_ORDER,
        "w:pBdr" | "w:tblBorders" | "w:tcBorders" => BORDER_ORDER,
        "w:tblCellMar" | "w:tcMar" => MAR_ORDER,
        "w:style" => STYLE_ORDER,
        _ => return None,
    })
}

/// Sorts children into schema order (stable; unknown names go last, in the
/// order they had) and drops empty `w:rPr` inside `w:pPr`.
pub(crate) fn reorder(root: &mut Element<'_>) {
    root.walk_mut(&mut |e| {
        if e.name == "w:pPr" {
            e.children.retain(|c| !matches!(c, Node::Element(x) if x.name == "w:rPr" && x.children.is_empty()));
        }
        if let Some(order) = order_of(&e.name) {
            let rank = |n: &Node| match n {
                Node::Element(x) => order.iter().position(|o| *o == x.name).unwrap_or(order.len()),
                Node::Text(_) => order.len(),
            };
            e.children.sort_by_key(rank);
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_reorders() {
        let src = r#"<?xml version="1.0" encoding="UTF-8"?><w:document a="x&gt;y"><w:p><w:pPr><w:rPr /><w:jc w:val="both" /><w:spacing w:before="120" /><w:pStyle w:val="Body" /></w:pPr><w:r><w:rPr><w:b /><w:rFonts w:ascii="T" /></w:rPr><w:t xml:space="preserve">a &amp; b</w:t></w:r></w:p></w:document>"#;
        let mut p = Part::parse(src.as_bytes()).unwrap();
        reorder(&mut p.root);
        let out = String::from_utf8(p.to_bytes(0)).unwrap();
        assert_eq!(
            out,
            r#"<?xml version="1.0" encoding="UTF-8"?><w:document a="x&gt;y"><w:p><w:pPr><w:pStyle w:val="Body"/><w:spacing w:before="120"/><w:jc w:val="both"/></w:pPr><w:r><w:rPr><w:rFonts w:ascii="T"/><w:b/></w:rPr><w:t xml:space="preserve">a &amp; b</w:t></w:r></w:p></w:document>"#
        );
    }

    #[test]
    fn rejects_broken_xml() {
        assert!(Part::parse(b"<a><b></a>").is_err());
        assert!(Part::parse(b"<a>").is_err());
        assert!(Part::parse(b"<a attr=\"x>").is_err());
    }
}
