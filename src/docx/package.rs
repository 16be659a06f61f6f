//! The DOCX package: the parts docx-rs built (and `tidy` fixed) zipped the
//! way Word writes them — every part deflated, no directory entries — with
//! the parts that carry nothing left out.
//!
//! docx-rs stores every part uncompressed and always adds empty comments,
//! extended comments, footnotes and custom properties. Word and LibreOffice
//! need none of them: a part is only read when a relationship points at it,
//! so each dropped part loses its relationship and its content-type
//! override too. The zip's timestamps are the DOS epoch, so the same plan
//! gives the same bytes.

use std::io::{Cursor, Write};

use docx_rs::XMLDocx;
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

use super::xml::{Element, Node, Part};
use crate::Error;

/// How the parts of a DOCX are stored in its zip.
///
/// ```
/// let plan = vanban::Plan::from_toml(include_str!("../../fixtures/sample_000_b9e7d6f373767c93.toml"))?;
/// let small = plan.to_docx()?;
/// let stored = plan.to_docx_with(&vanban::DocxOptions::new().compression(vanban::DocxCompression::Stored))?;
/// assert!(small.len() * 2 < stored.len());
/// # Ok::<(), vanban::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum DocxCompression {
    /// Deflated at a fast level, as Word writes its files (the default): about
    /// a third of the stored size.
    #[default]
    Deflated,
    /// Stored uncompressed: larger, slightly faster to write, and readable
    /// with any zip tool that cannot inflate.
    Stored,
}

/// Options of [`Plan::to_docx_with`](crate::Plan::to_docx_with).
///
/// ```
/// let opts = vanban::DocxOptions::new().compression(vanban::DocxCompression::Stored);
/// assert_eq!(opts.compression_method(), vanban::DocxCompression::Stored);
/// ```
#[derive(Debug, Clone, Default)]
pub struct DocxOptions {
    compression: DocxCompression,
}

impl DocxOptions {
    /// The defaults: parts deflated.
    pub fn new() -> DocxOptions {
        DocxOptions::default()
    }
    /// How the parts are stored in the zip.
    pub fn compression(mut self, c: DocxCompression) -> DocxOptions {
        self.compression = c;
        self
    }
    /// The compression asked for.
    pub fn compression_method(&self) -> DocxCompression {
        self.compression
    }
}

/// zlib level 1 (zlib-rs's "quick" strategy): the sample plan's DOCX is
/// 13.5 KB against 10.7 KB at level 6, in about 60% of level 6's time
/// (measured with `examples/throughput`).
const DEFLATE_LEVEL: i64 = 1;

/// Parts docx-rs always writes that an office plan never fills.
const EMPTY_PARTS: [&str; 4] =
    ["/word/comments.xml", "/word/commentsExtended.xml", "/word/footnotes.xml", "/docProps/custom.xml"];

/// Zips the parts.
pub(super) fn pack(xml: &XMLDocx, opts: &DocxOptions) -> Result<Vec<u8>, Error> {
    let size: usize = xml.document.len() + xml.styles.len() + 8 * 1024;
    let mut zip = ZipWriter::new(Cursor::new(Vec::with_capacity(match opts.compression {
        DocxCompression::Deflated => size / 3,
        DocxCompression::Stored => size + 8 * 1024,
    })));
    let options = match opts.compression {
        DocxCompression::Deflated => SimpleFileOptions::default()
            .compression_method(CompressionMethod::Deflated)
            .compression_level(Some(DEFLATE_LEVEL)),
        DocxCompression::Stored => SimpleFileOptions::default().compression_method(CompressionMethod::Stored),
    }
    .last_modified_time(DateTime::default())
    .unix_permissions(0o644);
    let err = |e: zip::result::ZipError| Error::Docx(format!("writing the zip: {e}"));
    let mut put = |name: &str, bytes: &[u8]| -> Result<(), Error> {
        zip.start_file(name, options).map_err(err)?;
        zip.write_all(bytes).map_err(Error::Io)
    };
    // [Content_Types].xml first, as Word writes it
    put("[Content_Types].xml", &without(&xml.content_type, "PartName")?)?;
    put("_rels/.rels", &without(&xml.rels, "Target")?)?;
    put("docProps/app.xml", &xml.doc_props.app)?;
    put("docProps/core.xml", &xml.doc_props.core)?;
    put("word/_rels/document.xml.rels", &without(&xml.document_rels, "Target")?)?;
    put("word/document.xml", &xml.document)?;
    put("word/styles.xml", &xml.styles)?;
    put("word/settings.xml", &xml.settings)?;
    put("word/fontTable.xml", &xml.font_table)?;
    put("word/numbering.xml", &xml.numberings)?;
    for (i, h) in xml.headers.iter().enumerate() {
        put(&format!("word/header{}.xml", i + 1), h)?;
        if let Some(rels) = xml.header_rels.get(i) {
            put(&format!("word/_rels/header{}.xml.rels", i + 1), rels)?;
        }
    }
    for (i, f) in xml.footers.iter().enumerate() {
        put(&format!("word/footer{}.xml", i + 1), f)?;
        if let Some(rels) = xml.footer_rels.get(i) {
            put(&format!("word/_rels/footer{}.xml.rels", i + 1), rels)?;
        }
    }
    for (id, png) in &xml.media {
        put(&format!("word/media/{id}.png"), png)?;
    }
    Ok(zip.finish().map_err(err)?.into_inner())
}

/// The part without the children whose `attr` names one of the empty parts
/// (a relationship's `Target`, relative or absolute, or a content type's
/// `PartName`).
fn without(bytes: &[u8], attr: &str) -> Result<Vec<u8>, Error> {
    let mut part = Part::parse(bytes).map_err(|e| Error::Docx(format!("internal XML: {}", e.0)))?;
    part.root.children.retain(|c| match c {
        Node::Element(e) => !names_empty_part(e, attr),
        Node::Text(_) => true,
    });
    Ok(part.to_bytes(bytes.len()))
}

fn names_empty_part(e: &Element, attr: &str) -> bool {
    let Some(value) = attribute(&e.attrs, attr) else { return false };
    EMPTY_PARTS
        .iter()
        .any(|p| value == *p || value == &p[1..] || p.strip_prefix("/word/").is_some_and(|rel| value == rel))
}

/// The value of `name="…"` in an element's raw attribute text.
fn attribute<'a>(attrs: &'a str, name: &str) -> Option<&'a str> {
    let mut rest = attrs;
    while let Some(i) = rest.find(name) {
        let after = &rest[i + name.len()..];
        let before_ok = i == 0 || rest.as_bytes()[i - 1].is_ascii_whitespace();
        if before_ok {
            if let Some(v) = after.trim_start().strip_prefix('=') {
                let v = v.trim_start();
                let q = v.chars().next()?;
                if q == '"' || q == '\'' {
                    let end = v[1..].find(q)?;
                    return Some(&v[1..1 + end]);
                }
            }
        }
        rest = after;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attribute_values() {
        assert_eq!(attribute(r#" Id="rId5" Target="commentsExtended.xml" "#, "Target"), Some("commentsExtended.xml"));
        assert_eq!(attribute(r#" xTarget="a" Target='b'"#, "Target"), Some("b"));
        assert_eq!(attribute(r#" Id="rId5""#, "Target"), None);
    }

    #[test]
    fn drops_relationships_and_overrides_of_empty_parts() {
        let rels = br#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="x"><Relationship Id="rId1" Target="styles.xml" /><Relationship Id="rId5" Target="commentsExtended.xml" /><Relationship Id="rId4" Target="docProps/custom.xml" /></Relationships>"#;
        let out = String::from_utf8(without(rels, "Target").unwrap()).unwrap();
        assert!(out.contains("styles.xml"), "{out}");
        assert!(!out.contains("commentsExtended") && !out.contains("custom.xml"), "{out}");
        let types = br#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="x"><Override PartName="/word/comments.xml" ContentType="c" /><Override PartName="/word/document.xml" ContentType="d" /></Types>"#;
        let out = String::from_utf8(without(types, "PartName").unwrap()).unwrap();
        assert!(out.contains("/word/document.xml") && !out.contains("comments"), "{out}");
    }
}
