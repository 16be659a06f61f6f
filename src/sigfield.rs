//! Empty signature fields (spec §9): `/FT /Sig` fields with their widgets at
//! the signer's and the agency's places, so standard PAdES tools (pyHanko,
//! Acrobat, PDFBox) sign in place. krilla writes no form fields, so they are
//! added as an incremental update after the file: the catalog gains an
//! `/AcroForm`, the signature page its `/Annots`, and the new objects follow
//! with their own cross-reference section. The original bytes are kept as
//! they are, so a PDF/A file stays what it was (each widget has an appearance
//! stream and the print flag, as PDF/A-2 asks).
//!
//! The file is read with [`crate::pdfscan`], which knows what krilla writes
//! (a classic cross-reference table, uncompressed page and catalog
//! dictionaries) and refuses anything else with an error.

use crate::pdfscan::{find, number_after, rfind};
use crate::Error;

/// A field to add: its name, its page (0-based) and rectangle in points from
/// the page's top-left corner.
#[derive(Debug, Clone)]
pub(crate) struct Field {
    pub name: &'static str,
    /// The place it covers (a signature or a seal).
    pub role: crate::places::PlaceRole,
    pub page: usize,
    pub rect: crate::places::Rect,
}

fn err(what: &str) -> Error {
    Error::Pdf(format!("adding signature fields: {what}"))
}

/// The dictionary text of object `id` (`<<…>>`), which must not be a stream.
fn dict_of(pdf: &[u8], offsets: &[Option<usize>], id: usize) -> Result<String, Error> {
    let at = offsets.get(id).copied().flatten().ok_or_else(|| err("an object is missing"))?;
    let body = pdf.get(at..).ok_or_else(|| err("an object's offset is past the end"))?;
    let open = find(body, b"<<").ok_or_else(|| err("an object is no dictionary"))?;
    let end = find(body, b"endobj").ok_or_else(|| err("an object has no end"))?;
    let raw = body.get(open..end).ok_or_else(|| err("an object is no dictionary"))?;
    let text = std::str::from_utf8(raw).map_err(|_| err("an object is not text"))?;
    let close = text.rfind(">>").ok_or_else(|| err("an unclosed dictionary"))?;
    if text[close..].contains("stream") {
        return Err(err("the object is a stream"));
    }
    Ok(text[..close + 2].to_owned())
}

/// Adds `fields` to a PDF as an incremental update.
pub(crate) fn add(pdf: Vec<u8>, fields: &[Field], page_sizes: &[(f32, f32)]) -> Result<Vec<u8>, Error> {
    if fields.is_empty() {
        return Ok(pdf);
    }
    let crate::pdfscan::Xref { start: prev, offsets, .. } = crate::pdfscan::xref(&pdf).map_err(err)?;
    let trailer_at = rfind(&pdf, b"trailer").ok_or_else(|| err("no trailer"))?;
    let trailer = String::from_utf8_lossy(&pdf[trailer_at..prev.max(trailer_at)]).to_string();
    let trailer =
        if trailer.contains("/Root") { trailer } else { String::from_utf8_lossy(&pdf[trailer_at..]).to_string() };
    let size = number_after(&trailer, "/Size").ok_or_else(|| err("no /Size"))? as usize;
    let root = number_after(&trailer, "/Root").ok_or_else(|| err("no /Root"))? as usize;
    let info = number_after(&trailer, "/Info");
    let id = trailer.find("/ID").map(|i| {
        let rest = &trailer[i..];
        rest[..rest.find(']').map_or(rest.len(), |k| k + 1)].to_owned()
    });
    let catalog = dict_of(&pdf, &offsets, root)?;
    if catalog.contains("/AcroForm") {
        return Err(err("the file has a form already"));
    }
    let pages_id = number_after(&catalog, "/Pages").ok_or_else(|| err("no /Pages"))? as usize;
    let pages = dict_of(&pdf, &offsets, pages_id)?;
    let kids_at = pages.find("/Kids").ok_or_else(|| err("no /Kids"))?;
    let kids_text = &pages[kids_at..];
    let (open, close) = (kids_text.find('['), kids_text.find(']'));
    let kids_text = match (open, close) {
        (Some(o), Some(c)) if o < c => &kids_text[o + 1..c],
        _ => return Err(err("the page tree's /Kids is no array")),
    };
    let nums: Vec<usize> = kids_text.split_whitespace().filter_map(|t| t.parse().ok()).collect();
    let kids: Vec<usize> = nums.chunks(2).map(|c| c[0]).collect();

    let mut out = pdf;
    let mut written: Vec<(usize, usize)> = Vec::new(); // (object, offset)
    let mut next = size;
    let mut field_ids = Vec::new();
    let mut annots: std::collections::BTreeMap<usize, Vec<usize>> = std::collections::BTreeMap::new();
    out.push(b'\n');
    for f in fields {
        let page = *kids.get(f.page).ok_or_else(|| err("a field's page does not exist"))?;
        let (_, h) = page_sizes.get(f.page).copied().ok_or_else(|| err("a field's page has no size"))?;
        let (x0, y0, x1, y1) = (f.rect.x, h - f.rect.y - f.rect.h, f.rect.x + f.rect.w, h - f.rect.y);
        let (ap, widget) = (next, next + 1);
        next += 2;
        // an empty appearance, as PDF/A asks of every widget
        written.push((ap, out.len()));
        out.extend_from_slice(
            format!(
                "{ap} 0 obj\n<</Type/XObject/Subtype/Form/BBox[0 0 {:.2} {:.2}]/Resources<<>>/Length 0>>\nstream\n\nendstream\nendobj\n",
                f.rect.w, f.rect.h
            )
            .as_bytes(),
        );
        written.push((widget, out.len()));
        out.extend_from_slice(
            format!(
                "{widget} 0 obj\n<</Type/Annot/Subtype/Widget/FT/Sig/T({})/F 4/Rect[{x0:.2} {y0:.2} {x1:.2} {y1:.2}]/P {page} 0 R/AP<</N {ap} 0 R>>>>\nendobj\n",
                f.name
            )
            .as_bytes(),
        );
        field_ids.push(widget);
        annots.entry(page).or_default().push(widget);
    }
    for (page, list) in &annots {
        let dict = dict_of(&out, &offsets, *page)?;
        if dict.contains("/Annots") {
            return Err(err("a page has annotations already"));
        }
        let refs: Vec<String> = list.iter().map(|w| format!("{w} 0 R")).collect();
        written.push((*page, out.len()));
        let body = format!("{}/Annots[{}]>>", &dict[..dict.len() - 2], refs.join(" "));
        out.extend_from_slice(format!("{page} 0 obj\n{body}\nendobj\n").as_bytes());
    }
    let refs: Vec<String> = field_ids.iter().map(|w| format!("{w} 0 R")).collect();
    written.push((root, out.len()));
    let body = format!("{}/AcroForm<</Fields[{}]/SigFlags 3>>>>", &catalog[..catalog.len() - 2], refs.join(" "));
    out.extend_from_slice(format!("{root} 0 obj\n{body}\nendobj\n").as_bytes());

    // the cross-reference section of the update, one subsection a run of numbers
    written.sort();
    let start = out.len();
    let mut table = String::from("xref\n");
    let mut i = 0;
    while i < written.len() {
        let mut j = i + 1;
        while j < written.len() && written[j].0 == written[j - 1].0 + 1 {
            j += 1;
        }
        table.push_str(&format!("{} {}\n", written[i].0, j - i));
        for (_, off) in &written[i..j] {
            table.push_str(&format!("{off:010} 00000 n\r\n"));
        }
        i = j;
    }
    let info = info.map(|n| format!("/Info {n} 0 R")).unwrap_or_default();
    let id = id.unwrap_or_default();
    table.push_str(&format!(
        "trailer\n<</Size {next}/Root {root} 0 R{info}{id}/Prev {prev}>>\nstartxref\n{start}\n%%EOF\n"
    ));
    out.extend_from_slice(table.as_bytes());
    Ok(out)
}
