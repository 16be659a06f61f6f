//! TrueType hinting removed from the copy of a font the PDF embeds.
//!
//! Hinting (the `fpgm`, `prep` and `cvt ` programs and each glyph's
//! instructions) fits outlines to a screen's pixel grid. PDF viewers and
//! printers do not run it for embedded subsets of a document font, yet it is
//! about half of the bytes of Liberation Serif's subsets, and krilla
//! compresses every subset at deflate level 6 on every render (issue 14:
//! 0.47 ms of 3.15 ms on the sample plan). Outlines, metrics, `cmap` and
//! glyph ids are untouched, so the layout and the drawn shapes are the same.
//! The font files (`fonts/`, or a user's) are not changed: the copy is made
//! in memory, once per face, and only ever embedded as a subset in a
//! document, as every PDF producer subsets the fonts it embeds.
//!
//! Any font this reader does not understand (no `glyf`, a malformed table)
//! is returned as it is.

/// Tables that exist only for hinting (or for hinted rasterising).
const HINTING_TABLES: [&[u8; 4]; 6] = [b"fpgm", b"prep", b"cvt ", b"hdmx", b"LTSH", b"VDMX"];

fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_be_bytes(b.get(at..at + 2)?.try_into().ok()?))
}

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_be_bytes(b.get(at..at + 4)?.try_into().ok()?))
}

fn checksum(data: &[u8]) -> u32 {
    let mut sum = 0u32;
    for chunk in data.chunks(4) {
        let mut w = [0u8; 4];
        w[..chunk.len()].copy_from_slice(chunk);
        sum = sum.wrapping_add(u32::from_be_bytes(w));
    }
    sum
}

/// The font without hinting, or `None` when it has none to remove or
/// cannot be read.
pub(crate) fn dehint(font: &[u8]) -> Option<Vec<u8>> {
    let num_tables = u16_at(font, 4)? as usize;
    let mut tables: Vec<([u8; 4], &[u8])> = Vec::with_capacity(num_tables);
    for i in 0..num_tables {
        let rec = 12 + 16 * i;
        let tag: [u8; 4] = font.get(rec..rec + 4)?.try_into().ok()?;
        let (offset, length) = (u32_at(font, rec + 8)? as usize, u32_at(font, rec + 12)? as usize);
        tables.push((tag, font.get(offset..offset.checked_add(length)?)?));
    }
    let table = |tag: &[u8; 4]| tables.iter().find(|(t, _)| t == tag).map(|(_, d)| *d);
    let (glyf, loca, head, maxp) = (table(b"glyf")?, table(b"loca")?, table(b"head")?, table(b"maxp")?);
    let long = u16_at(head, 50)? == 1;
    let glyphs = u16_at(maxp, 4)? as usize;
    let offset = |i: usize| -> Option<usize> {
        if long {
            u32_at(loca, 4 * i).map(|o| o as usize)
        } else {
            u16_at(loca, 2 * i).map(|o| 2 * o as usize)
        }
    };
    let mut new_glyf = Vec::with_capacity(glyf.len());
    let mut new_loca = Vec::with_capacity(4 * (glyphs + 1));
    for i in 0..glyphs {
        new_loca.extend_from_slice(&(new_glyf.len() as u32).to_be_bytes());
        let (start, end) = (offset(i)?, offset(i + 1)?);
        if end <= start {
            continue;
        }
        let g = glyf.get(start..end)?;
        let contours = u16_at(g, 0)? as i16;
        if contours >= 0 {
            // header, end points, instruction length + instructions, the rest
            let n = contours as usize;
            let len_at = 10 + 2 * n;
            let instructions = u16_at(g, len_at)? as usize;
            let rest = g.get(len_at + 2 + instructions..)?;
            new_glyf.extend_from_slice(&g[..len_at]);
            new_glyf.extend_from_slice(&[0, 0]);
            new_glyf.extend_from_slice(rest);
        } else {
            // components; the last one's WE_HAVE_INSTRUCTIONS cleared and
            // the instructions after it dropped
            const ARG_WORDS: u16 = 0x0001;
            const SCALE: u16 = 0x0008;
            const MORE: u16 = 0x0020;
            const XY_SCALE: u16 = 0x0040;
            const TWO_BY_TWO: u16 = 0x0080;
            const INSTRUCTIONS: u16 = 0x0100;
            let base = new_glyf.len();
            new_glyf.extend_from_slice(g.get(..10)?);
            let mut at = 10;
            loop {
                let flags = u16_at(g, at)?;
                let mut size = 4 + if flags & ARG_WORDS != 0 { 4 } else { 2 };
                size += if flags & SCALE != 0 {
                    2
                } else if flags & XY_SCALE != 0 {
                    4
                } else if flags & TWO_BY_TWO != 0 {
                    8
                } else {
                    0
                };
                let component = g.get(at..at + size)?;
                new_glyf.extend_from_slice(&(flags & !INSTRUCTIONS).to_be_bytes());
                new_glyf.extend_from_slice(&component[2..]);
                at += size;
                if flags & MORE == 0 {
                    break;
                }
            }
            debug_assert!(new_glyf.len() > base);
        }
        while new_glyf.len() % 4 != 0 {
            new_glyf.push(0);
        }
    }
    new_loca.extend_from_slice(&(new_glyf.len() as u32).to_be_bytes());
    let mut new_head = head.to_vec();
    new_head.get_mut(50..52)?.copy_from_slice(&1u16.to_be_bytes());
    new_head.get_mut(8..12)?.copy_from_slice(&[0; 4]);

    let mut out_tables: Vec<([u8; 4], Vec<u8>)> = Vec::with_capacity(tables.len());
    for (tag, data) in &tables {
        if HINTING_TABLES.contains(&tag) {
            continue;
        }
        let data = match tag {
            b"glyf" => std::mem::take(&mut new_glyf),
            b"loca" => std::mem::take(&mut new_loca),
            b"head" => std::mem::take(&mut new_head),
            _ => data.to_vec(),
        };
        out_tables.push((*tag, data));
    }
    out_tables.sort_by_key(|t| t.0);
    let n = out_tables.len() as u16;
    let mut out = Vec::with_capacity(font.len());
    out.extend_from_slice(font.get(..4)?);
    let (mut power, mut log) = (1u16, 0u16);
    while power * 2 <= n {
        power *= 2;
        log += 1;
    }
    for v in [n, power * 16, log, n * 16 - power * 16] {
        out.extend_from_slice(&v.to_be_bytes());
    }
    let mut offset = 12 + 16 * out_tables.len();
    for (tag, data) in &out_tables {
        out.extend_from_slice(tag);
        out.extend_from_slice(&checksum(data).to_be_bytes());
        out.extend_from_slice(&(offset as u32).to_be_bytes());
        out.extend_from_slice(&(data.len() as u32).to_be_bytes());
        offset += data.len().div_ceil(4) * 4;
    }
    let mut head_at = 0;
    for (tag, data) in &out_tables {
        if tag == b"head" {
            head_at = out.len();
        }
        out.extend_from_slice(data);
        while out.len() % 4 != 0 {
            out.push(0);
        }
    }
    let adjust = 0xB1B0_AFBAu32.wrapping_sub(checksum(&out));
    out.get_mut(head_at + 8..head_at + 12)?.copy_from_slice(&adjust.to_be_bytes());
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    static REGULAR: &[u8] = include_bytes!("../fonts/LiberationSerif-Regular.ttf");
    static BOLD_ITALIC: &[u8] = include_bytes!("../fonts/LiberationSerif-BoldItalic.ttf");

    #[test]
    fn outlines_metrics_and_glyph_ids_are_kept_and_the_hinting_is_gone() {
        for font in [REGULAR, BOLD_ITALIC] {
            let out = dehint(font).expect("dehinted");
            assert!(out.len() < font.len() * 3 / 4, "{} -> {}", font.len(), out.len());
            let (a, b) = (ttf_parser::Face::parse(font, 0).unwrap(), ttf_parser::Face::parse(&out, 0).unwrap());
            assert_eq!(a.number_of_glyphs(), b.number_of_glyphs());
            for tag in HINTING_TABLES {
                let t = ttf_parser::Tag::from_bytes(tag);
                assert!(b.raw_face().table(t).is_none(), "{} kept", String::from_utf8_lossy(tag));
            }
            struct Path(Vec<(char, f32, f32)>);
            impl ttf_parser::OutlineBuilder for Path {
                fn move_to(&mut self, x: f32, y: f32) {
                    self.0.push(('M', x, y));
                }
                fn line_to(&mut self, x: f32, y: f32) {
                    self.0.push(('L', x, y));
                }
                fn quad_to(&mut self, x1: f32, y1: f32, x: f32, y: f32) {
                    self.0.push(('Q', x1, y1));
                    self.0.push(('q', x, y));
                }
                fn curve_to(&mut self, x1: f32, y1: f32, _: f32, _: f32, x: f32, y: f32) {
                    self.0.push(('C', x1, y1));
                    self.0.push(('c', x, y));
                }
                fn close(&mut self) {
                    self.0.push(('Z', 0.0, 0.0));
                }
            }
            for id in 0..a.number_of_glyphs() {
                let id = ttf_parser::GlyphId(id);
                let (mut pa, mut pb) = (Path(vec![]), Path(vec![]));
                let (ba, bb) = (a.outline_glyph(id, &mut pa), b.outline_glyph(id, &mut pb));
                assert_eq!(ba, bb, "glyph {id:?} box");
                assert_eq!(pa.0, pb.0, "glyph {id:?} outline");
                assert_eq!(a.glyph_hor_advance(id), b.glyph_hor_advance(id));
            }
            for c in "Kế hoạch Ẫ ỹ Đ".chars() {
                assert_eq!(a.glyph_index(c), b.glyph_index(c));
            }
        }
    }

    #[test]
    fn what_it_cannot_read_is_left_alone() {
        assert_eq!(dehint(b"not a font"), None);
        assert_eq!(dehint(&REGULAR[..2000]), None);
    }
}
