//! The page content streams' compression.
//!
//! krilla deflates every stream at zlib level 6, with a new compressor for
//! each, and has no setting for the level. On a plan, deflate was a third of
//! `to_pdf`'s time, and two thirds of the bytes it deflated were the pages'
//! content streams and the ToUnicode maps (66 KB of 95 KB on sample 000). So
//! vanban asks krilla to leave those streams raw
//! (`SerializeSettings::compress_content_streams: false`) and deflates them
//! here, at [`LEVEL`], with one compressor per thread (`crate::deflate`). The fonts krilla
//! still deflates itself (it has no setting for them).
//!
//! Which streams: every stream without a `/Filter`, except XMP metadata
//! (PDF/A-2 forbids a filter on it, ISO 19005-2 6.6.2.1) and embedded files
//! (krilla leaves those raw on purpose; vanban embeds none). With
//! `compress_content_streams` off, the rest are the streams krilla would have
//! deflated with the setting on: page contents, ToUnicode maps, form
//! XObjects, patterns. The pass rewrites the objects in file order and the
//! cross-reference table's offsets; nothing else in the file refers to a
//! byte position.

use std::io::Write;

use crate::pdfscan::{find, xref};
use crate::Error;

/// zlib level for the content streams. Sample 000's content streams and
/// ToUnicode maps (66.3 KB) deflate to 18.5 KB at level 1, 14.1 KB at level
/// 2 and 11.1 KB at level 6. Level 2 (zlib-rs's "fast" strategy, which still
/// builds Huffman tables from the data; level 1 uses fixed ones) costs about
/// a third of level 6's time for a file 8% larger than level 6's.
pub(crate) const LEVEL: u32 = 2;

fn err(what: &str) -> Error {
    Error::Pdf(format!("compressing the content streams: {what}"))
}

/// A stream object's parts, as positions in its span: the dictionary
/// (`<<…>>`) and the data.
struct StreamObj {
    dict: std::ops::Range<usize>,
    /// Where the `/Length` value is, in the dictionary.
    length: std::ops::Range<usize>,
    data: std::ops::Range<usize>,
}

/// `span` (one object, `N 0 obj\n<<…>>…endobj\n`) as a stream, or `None`
/// when it is no stream.
fn stream_obj(span: &[u8]) -> Result<Option<StreamObj>, Error> {
    let Some(head) = find(span, b"obj\n") else { return Err(err("an object has no `obj` keyword")) };
    let dict_start = head + 4;
    if !span[dict_start..].starts_with(b"<<") {
        return Ok(None);
    }
    let Some(close) = find(&span[dict_start..], b">>\nstream\n") else { return Ok(None) };
    let dict = dict_start..dict_start + close + 2;
    let (len, length) = length(&span[dict.clone()])?;
    let begin = dict.end + 8;
    let data = begin..begin + len;
    if span.get(data.end..).is_none_or(|rest| !rest.starts_with(b"\nendstream")) {
        return Err(err("a stream's /Length does not end at `endstream`"));
    }
    Ok(Some(StreamObj { dict, length, data }))
}

/// A stream dictionary's `/Length` (a direct number, as pdf-writer writes
/// it) and where its value is in `dict`.
fn length(dict: &[u8]) -> Result<(usize, std::ops::Range<usize>), Error> {
    let spaces = |from: usize| from + dict[from..].iter().take_while(|b| b.is_ascii_whitespace()).count();
    let digits = |from: usize| from + dict[from..].iter().take_while(|b| b.is_ascii_digit()).count();
    let mut from = 0;
    loop {
        let key = from + find(&dict[from..], b"/Length").ok_or_else(|| err("a stream has no /Length"))? + 7;
        // another key that starts the same (`/Length1`, a font's)
        if dict.get(key).is_some_and(|b| b.is_ascii_alphanumeric()) {
            from = key;
            continue;
        }
        let start = spaces(key);
        let end = digits(start);
        // `5 0 R`: an indirect reference, which pdf-writer does not write
        let generation = spaces(end);
        let after = digits(generation);
        if after > generation && end > start && dict.get(spaces(after)) == Some(&b'R') {
            return Err(err("a stream's /Length is an indirect reference"));
        }
        let value = std::str::from_utf8(&dict[start..end]).ok().and_then(|v| v.parse().ok());
        return value.map(|v| (v, start..end)).ok_or_else(|| err("a stream has no direct /Length"));
    }
}

/// Whether `dict` has `key` with the name `value` (`/Type /Metadata`),
/// whatever whitespace is between them.
fn has_name(dict: &[u8], key: &[u8], value: &[u8]) -> bool {
    let mut from = 0;
    while let Some(at) = find(&dict[from..], key) {
        let after = from + at + key.len();
        let rest = &dict[after..];
        let rest = &rest[rest.iter().take_while(|b| b.is_ascii_whitespace()).count()..];
        if rest.starts_with(value) && rest.get(value.len()).is_none_or(|b| !b.is_ascii_alphanumeric()) {
            return true;
        }
        from = after;
    }
    false
}

/// `pdf` with its unfiltered streams (but metadata and embedded files)
/// deflated at [`LEVEL`].
pub(crate) fn deflate_streams(pdf: Vec<u8>) -> Result<Vec<u8>, Error> {
    let table = xref(&pdf).map_err(err)?;
    let mut objects: Vec<(usize, usize)> =
        table.offsets.iter().enumerate().filter_map(|(id, off)| off.map(|o| (o, id))).collect();
    objects.sort_unstable();
    let Some(&(first, _)) = objects.first() else { return Ok(pdf) };
    if objects.last().is_some_and(|(o, _)| *o >= table.start) {
        return Err(err("an object's offset is past the cross-reference table"));
    }
    let mut out = Vec::with_capacity(pdf.len() / 2 + 1024);
    out.extend_from_slice(&pdf[..first]);
    let mut moved = vec![0usize; table.offsets.len()];
    for (i, &(at, id)) in objects.iter().enumerate() {
        let end = objects.get(i + 1).map_or(table.start, |(o, _)| *o);
        let span = &pdf[at..end];
        moved[id] = out.len();
        let stream = stream_obj(span)?;
        let Some(s) = stream else {
            out.extend_from_slice(span);
            continue;
        };
        let dict = &span[s.dict.clone()];
        let keep = find(dict, b"/Filter").is_some()
            || has_name(dict, b"/Type", b"/Metadata")
            || has_name(dict, b"/Type", b"/EmbeddedFile")
            || s.data.is_empty();
        if keep {
            out.extend_from_slice(span);
            continue;
        }
        let packed = crate::deflate::deflate(&span[s.data.clone()], LEVEL, crate::deflate::Wrap::Zlib)
            .map_err(|e| err(&format!("deflate failed: {e}")))?;
        // the new length in place of the old, the filter after the dictionary's last entry
        let value = s.length;
        out.extend_from_slice(&span[..s.dict.start]);
        out.extend_from_slice(&dict[..value.start]);
        write!(out, "{}", packed.len()).map_err(|_| err("writing"))?;
        out.extend_from_slice(&dict[value.end..dict.len() - 2]);
        out.extend_from_slice(b"/Filter/FlateDecode>>");
        out.extend_from_slice(b"\nstream\n");
        out.extend_from_slice(&packed);
        out.extend_from_slice(&span[s.data.end..]);
    }
    // the table, each used entry's offset replaced
    let new_start = out.len();
    let table_at = out.len();
    out.extend_from_slice(&pdf[table.start..table.end]);
    for (id, entry) in table.entry_at.iter().enumerate() {
        if let (Some(pos), Some(_)) = (entry, table.offsets[id]) {
            let at = table_at + (pos - table.start);
            out[at..at + 10].copy_from_slice(format!("{:010}", moved[id]).as_bytes());
        }
    }
    // the trailer, with the table's new place after `startxref`
    let tail = &pdf[table.end..];
    let sx = crate::pdfscan::rfind(tail, b"startxref").ok_or_else(|| err("no startxref"))?;
    out.extend_from_slice(&tail[..sx]);
    let number_at = sx + 9 + tail[sx + 9..].iter().take_while(|b| b.is_ascii_whitespace()).count();
    let number_end = number_at + tail[number_at..].iter().take_while(|b| b.is_ascii_digit()).count();
    out.extend_from_slice(&tail[sx..number_at]);
    write!(out, "{new_start}").map_err(|_| err("writing"))?;
    out.extend_from_slice(&tail[number_end..]);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn inflate(data: &[u8]) -> Vec<u8> {
        let mut out = Vec::new();
        std::io::Read::read_to_end(&mut flate2::read::ZlibDecoder::new(data), &mut out).unwrap();
        out
    }

    /// Every stream of `pdf`: its dictionary's text and its decoded data.
    fn streams(pdf: &[u8]) -> Vec<(String, Vec<u8>)> {
        let table = xref(pdf).unwrap();
        let mut objects: Vec<usize> = table.offsets.iter().flatten().copied().collect();
        objects.sort_unstable();
        let mut found = Vec::new();
        for (i, at) in objects.iter().enumerate() {
            let end = objects.get(i + 1).copied().unwrap_or(table.start);
            let span = &pdf[*at..end];
            if let Some(s) = stream_obj(span).unwrap() {
                let dict = String::from_utf8_lossy(&span[s.dict.clone()]).into_owned();
                let data = &span[s.data.clone()];
                let data = if dict.contains("/FlateDecode") { inflate(data) } else { data.to_vec() };
                found.push((dict, data));
            }
        }
        found
    }

    #[test]
    fn the_streams_decode_to_what_krilla_wrote_raw_and_offsets_point_at_their_objects() {
        let plan = crate::Plan::from_text(include_str!("../fixtures/text/000_b9e7d6f373767c93.txt")).unwrap();
        let opts = crate::PdfOptions::new().compress_pages(false);
        let raw = plan.to_pdf_with(&opts).unwrap();
        let packed = deflate_streams(raw.clone()).unwrap();
        assert!(packed.len() * 2 < raw.len(), "{} against {}", packed.len(), raw.len());
        let (before, after) = (streams(&raw), streams(&packed));
        assert_eq!(before.len(), after.len());
        let mut deflated = 0;
        for ((d0, s0), (d1, s1)) in before.iter().zip(&after) {
            assert_eq!(s0, s1, "a stream's data changed: {d0} / {d1}");
            if !d0.contains("/Filter") && !d0.contains("/Type/Metadata") {
                assert!(d1.starts_with("<</Length ") && d1.ends_with("/Filter/FlateDecode>>"), "{d1}");
                assert_eq!(d0.replace(|c: char| c.is_ascii_digit(), ""), {
                    d1.replace("/Filter/FlateDecode", "").replace(|c: char| c.is_ascii_digit(), "")
                });
                deflated += 1;
            } else {
                assert_eq!(d0, d1);
            }
        }
        // three pages and four ToUnicode maps
        assert_eq!(deflated, 7);
        // every entry of the new table points at `N 0 obj`
        let table = xref(&packed).unwrap();
        for (id, off) in table.offsets.iter().enumerate() {
            if let Some(off) = off {
                assert!(packed[*off..].starts_with(format!("{id} 0 obj\n").as_bytes()), "object {id}");
            }
        }
        assert!(packed.ends_with(b"%%EOF\n") || packed.ends_with(b"%%EOF"));
    }

    #[test]
    fn length_and_names_are_read_as_pdf_reads_them() {
        assert_eq!(length(b"<</Length 930/Type/CMap>>").unwrap(), (930, 10..13));
        assert_eq!(length(b"<</Length1 5/Length  12 >>").unwrap(), (12, 21..23));
        assert!(length(b"<</Length 7 0 R>>").is_err());
        assert!(length(b"<</Length1 5>>").is_err());
        assert!(length(b"<</Length/X>>").is_err());
        assert!(has_name(b"<</Length 3/Type /Metadata/Subtype/XML>>", b"/Type", b"/Metadata"));
        assert!(has_name(b"<</Type/EmbeddedFile>>", b"/Type", b"/EmbeddedFile"));
        assert!(!has_name(b"<</Type/MetadataX>>", b"/Type", b"/Metadata"));
        assert!(!has_name(b"<</Subtype/Metadata>>", b"/Type", b"/Metadata"));
    }

    #[test]
    fn the_metadata_stays_raw_and_the_filter_ends_the_dictionary() {
        let plan = crate::Plan::from_text(include_str!("../fixtures/text/000_b9e7d6f373767c93.txt")).unwrap();
        let pdf = plan.to_pdf_with(&crate::PdfOptions::new().archival(true)).unwrap();
        let all = streams(&pdf);
        let xmp: Vec<_> = all.iter().filter(|(d, _)| d.contains("/Metadata")).collect();
        assert_eq!(xmp.len(), 1);
        assert!(!xmp[0].0.contains("/Filter") && xmp[0].1.starts_with(b"<?xpacket"));
        assert!(all.iter().any(|(d, _)| d.contains("/Type/CMap") && d.ends_with("/Filter/FlateDecode>>")));
    }

    #[test]
    fn broken_input_is_an_error_not_a_panic() {
        let plan = crate::Plan::from_text(include_str!("../fixtures/text/000_b9e7d6f373767c93.txt")).unwrap();
        let raw = plan.to_pdf_with(&crate::PdfOptions::new().compress_pages(false)).unwrap();
        // a stream one byte shorter than its /Length says
        let at = find(&raw, b"/Length ").unwrap() + 8;
        let mut bad = raw.clone();
        bad[at] = if bad[at] == b'9' { b'8' } else { bad[at] + 1 };
        let got = deflate_streams(bad);
        assert!(matches!(got, Err(Error::Pdf(_))), "{:?}", got.map(|b| b.len()));
        // no cross-reference table
        assert!(deflate_streams(raw[..raw.len() / 2].to_vec()).is_err());
        // a table that numbers more objects than the file could hold
        let table = find(&raw, b"xref\n0 ").unwrap();
        for first in ["18446744073709551615", "90000000"] {
            let mut bad = raw[..table].to_vec();
            bad.extend_from_slice(
                format!("xref\n{first} 1\n0000000000 65535 f\r\ntrailer\n<<>>\nstartxref\n{table}\n%%EOF").as_bytes(),
            );
            assert!(matches!(deflate_streams(bad), Err(Error::Pdf(_))), "{first}");
        }
        assert!(deflate_streams(Vec::new()).is_err());
    }
}
