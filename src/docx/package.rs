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
//!
//! The deflated zip is written here (the zip crate's records, byte for
//! byte) so that the parts every plan shares — styles, settings, the font
//! table, headers, relationships — are deflated once per process, not once
//! per plan: a zlib-rs compressor clears about 200 KB of tables when it
//! starts, which cost more than deflating those small parts.

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
    let mut parts: Vec<(String, std::borrow::Cow<'_, [u8]>)> = Vec::with_capacity(16 + xml.media.len());
    // [Content_Types].xml first, as Word writes it
    parts.push(("[Content_Types].xml".into(), without(&xml.content_type, "PartName")?.into()));
    parts.push(("_rels/.rels".into(), without(&xml.rels, "Target")?.into()));
    parts.push(("docProps/app.xml".into(), xml.doc_props.app.as_slice().into()));
    parts.push(("docProps/core.xml".into(), xml.doc_props.core.as_slice().into()));
    parts.push(("word/_rels/document.xml.rels".into(), without(&xml.document_rels, "Target")?.into()));
    parts.push(("word/document.xml".into(), xml.document.as_slice().into()));
    parts.push(("word/styles.xml".into(), xml.styles.as_slice().into()));
    parts.push(("word/settings.xml".into(), xml.settings.as_slice().into()));
    parts.push(("word/fontTable.xml".into(), xml.font_table.as_slice().into()));
    parts.push(("word/numbering.xml".into(), xml.numberings.as_slice().into()));
    for (i, h) in xml.headers.iter().enumerate() {
        parts.push((format!("word/header{}.xml", i + 1), h.as_slice().into()));
        if let Some(rels) = xml.header_rels.get(i) {
            parts.push((format!("word/_rels/header{}.xml.rels", i + 1), rels.as_slice().into()));
        }
    }
    for (i, f) in xml.footers.iter().enumerate() {
        parts.push((format!("word/footer{}.xml", i + 1), f.as_slice().into()));
        if let Some(rels) = xml.footer_rels.get(i) {
            parts.push((format!("word/_rels/footer{}.xml.rels", i + 1), rels.as_slice().into()));
        }
    }
    for (id, png) in &xml.media {
        parts.push((format!("word/media/{id}.png"), png.as_slice().into()));
    }
    match opts.compression {
        DocxCompression::Deflated => deflated_zip(&parts),
        DocxCompression::Stored => stored_zip(xml, &parts),
    }
}

/// The zip with every part stored (the zip crate's writer).
fn stored_zip(xml: &XMLDocx, parts: &[(String, std::borrow::Cow<'_, [u8]>)]) -> Result<Vec<u8>, Error> {
    let size: usize = xml.document.len() + xml.styles.len() + 8 * 1024;
    let mut zip = ZipWriter::new(Cursor::new(Vec::with_capacity(size + 8 * 1024)));
    let options = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Stored)
        .last_modified_time(DateTime::default())
        .unix_permissions(0o644);
    let err = |e: zip::result::ZipError| Error::Docx(format!("writing the zip: {e}"));
    for (name, bytes) in parts {
        zip.start_file(name.as_str(), options).map_err(err)?;
        zip.write_all(bytes).map_err(Error::Io)?;
    }
    Ok(zip.finish().map_err(err)?.into_inner())
}

/// A part deflated: its CRC-32, its size and the deflated bytes.
struct Deflated {
    crc: u32,
    size: u32,
    data: std::sync::Arc<[u8]>,
}

/// Parts that come out the same for every plan (styles, settings, the font
/// table, headers, relationships …) are deflated once per process: their
/// bytes are the key. A new compressor costs more than deflating a small
/// part (zlib-rs clears its tables), so this is most of the package's time.
/// Bounded: cleared when it holds more than [`CACHE_BYTES`].
static CACHE: std::sync::Mutex<Option<(usize, PartCache)>> = std::sync::Mutex::new(None);
type PartCache = std::collections::HashMap<Vec<u8>, (u32, std::sync::Arc<[u8]>)>;
const CACHE_BYTES: usize = 4 << 20;
/// Larger parts are not cached.
const CACHE_PART_MAX: usize = 64 << 10;

/// `cacheable`: not the document's own text or its images, which differ
/// from plan to plan.
fn deflate(bytes: &[u8], cacheable: bool) -> Result<Deflated, Error> {
    let size = bytes.len() as u32;
    let cacheable = cacheable && bytes.len() <= CACHE_PART_MAX;
    if cacheable {
        if let Ok(guard) = CACHE.lock() {
            if let Some((crc, data)) = guard.as_ref().and_then(|(_, m)| m.get(bytes)) {
                return Ok(Deflated { crc: *crc, size, data: data.clone() });
            }
        }
    }
    let crc = crc32fast::hash(bytes);
    let data: std::sync::Arc<[u8]> = crate::deflate::deflate(bytes, DEFLATE_LEVEL as u32, crate::deflate::Wrap::Raw)
        .map_err(|e| Error::Docx(format!("deflating a part: {e}")))?
        .into();
    if cacheable {
        if let Ok(mut guard) = CACHE.lock() {
            let (held, m) = guard.get_or_insert_with(Default::default);
            if *held + bytes.len() + data.len() > CACHE_BYTES {
                m.clear();
                *held = 0;
            }
            *held += bytes.len() + data.len();
            m.insert(bytes.to_vec(), (crc, data.clone()));
        }
    }
    Ok(Deflated { crc, size, data })
}

/// The zip with every part deflated, written here rather than by the zip
/// crate so that a part's deflated bytes can be reused. The records are the
/// ones the zip crate writes for these options, byte for byte: version 2.0
/// made on Unix, no flags, no extra fields, the DOS epoch as time, mode
/// 0644, no comment.
fn deflated_zip(parts: &[(String, std::borrow::Cow<'_, [u8]>)]) -> Result<Vec<u8>, Error> {
    const MADE_BY: u16 = 0x0314; // Unix, zip 2.0
    const NEEDED: u16 = 20;
    const METHOD: u16 = 8;
    const DOS_DATE: u16 = 0x0021; // 1980-01-01
    const MODE: u32 = 0o100644 << 16;
    let deflated: Vec<Deflated> = parts
        .iter()
        .map(|(name, b)| deflate(b, name != "word/document.xml" && !name.starts_with("word/media/")))
        .collect::<Result<_, _>>()?;
    let total: usize = parts.iter().zip(&deflated).map(|((n, _), d)| 76 + 2 * n.len() + d.data.len()).sum();
    let mut out = Vec::with_capacity(total + 22);
    let u16le = |v: &mut Vec<u8>, x: u16| v.extend_from_slice(&x.to_le_bytes());
    let u32le = |v: &mut Vec<u8>, x: u32| v.extend_from_slice(&x.to_le_bytes());
    // the fields the local header and the directory entry share, from the
    // version needed to the name's length
    let common = |out: &mut Vec<u8>, name: &str, d: &Deflated| {
        u16le(out, NEEDED);
        u16le(out, 0);
        u16le(out, METHOD);
        u16le(out, 0);
        u16le(out, DOS_DATE);
        u32le(out, d.crc);
        u32le(out, d.data.len() as u32);
        u32le(out, d.size);
        u16le(out, name.len() as u16);
        u16le(out, 0);
    };
    let mut offsets = Vec::with_capacity(parts.len());
    for ((name, _), d) in parts.iter().zip(&deflated) {
        offsets.push(out.len() as u32);
        u32le(&mut out, 0x0403_4b50);
        common(&mut out, name, d);
        out.extend_from_slice(name.as_bytes());
        out.extend_from_slice(&d.data);
    }
    let directory = out.len() as u32;
    for (((name, _), d), offset) in parts.iter().zip(&deflated).zip(&offsets) {
        u32le(&mut out, 0x0201_4b50);
        u16le(&mut out, MADE_BY);
        common(&mut out, name, d);
        u16le(&mut out, 0); // comment length
        u16le(&mut out, 0); // disk
        u16le(&mut out, 0); // internal attributes
        u32le(&mut out, MODE);
        u32le(&mut out, *offset);
        out.extend_from_slice(name.as_bytes());
    }
    let size = out.len() as u32 - directory;
    u32le(&mut out, 0x0605_4b50);
    u16le(&mut out, 0);
    u16le(&mut out, 0);
    u16le(&mut out, parts.len() as u16);
    u16le(&mut out, parts.len() as u16);
    u32le(&mut out, size);
    u32le(&mut out, directory);
    u16le(&mut out, 0);
    Ok(out)
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
    /// Our deflated zip is the zip crate's, byte for byte, and a part read
    /// from the cache gives the same bytes as one deflated afresh.
    #[test]
    fn deflated_zip_matches_the_zip_crate() {
        let long: Vec<u8> = (0..5000).flat_map(|i| format!("<w:p>{i} Kế hoạch</w:p>").into_bytes()).collect();
        let parts: Vec<(String, std::borrow::Cow<'_, [u8]>)> = vec![
            ("[Content_Types].xml".into(), b"<Types/>".as_slice().into()),
            ("word/document.xml".into(), long.as_slice().into()),
            ("word/styles.xml".into(), long[..20_000].into()),
            ("word/empty.xml".into(), b"".as_slice().into()),
        ];
        let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
        let options = SimpleFileOptions::default()
            .compression_method(CompressionMethod::Deflated)
            .compression_level(Some(DEFLATE_LEVEL))
            .last_modified_time(DateTime::default())
            .unix_permissions(0o644);
        for (name, bytes) in &parts {
            zip.start_file(name.as_str(), options).unwrap();
            zip.write_all(bytes).unwrap();
        }
        let theirs = zip.finish().unwrap().into_inner();
        assert_eq!(deflated_zip(&parts).unwrap(), theirs);
        assert_eq!(deflated_zip(&parts).unwrap(), theirs, "from the cache");
    }

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
