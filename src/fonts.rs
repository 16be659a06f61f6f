//! Fonts: the bundled Liberation Serif (Times New Roman's metrics, SIL OFL
//! 1.1) and text measurement.
//!
//! Widths are the fonts' advance widths without kerning, which is how Word
//! lays out Times New Roman by default; the PDF writer places glyphs with
//! exactly these advances, so what is measured is what is drawn.

use std::collections::HashMap;
use std::sync::atomic::{AtomicI32, Ordering};
use std::sync::{Arc, OnceLock};

use crate::Error;

static REGULAR: &[u8] = include_bytes!("../fonts/LiberationSerif-Regular.ttf");
static BOLD: &[u8] = include_bytes!("../fonts/LiberationSerif-Bold.ttf");
static ITALIC: &[u8] = include_bytes!("../fonts/LiberationSerif-Italic.ttf");
static BOLD_ITALIC: &[u8] = include_bytes!("../fonts/LiberationSerif-BoldItalic.ttf");

/// One of the four faces of a family.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FontStyle {
    /// Upright, regular weight.
    Regular,
    /// Bold.
    Bold,
    /// Italic.
    Italic,
    /// Bold italic.
    BoldItalic,
}

impl FontStyle {
    /// The face for a bold / italic combination.
    ///
    /// ```
    /// assert_eq!(vanban::fonts::FontStyle::of(true, true), vanban::fonts::FontStyle::BoldItalic);
    /// ```
    pub fn of(bold: bool, italic: bool) -> FontStyle {
        match (bold, italic) {
            (false, false) => FontStyle::Regular,
            (true, false) => FontStyle::Bold,
            (false, true) => FontStyle::Italic,
            (true, true) => FontStyle::BoldItalic,
        }
    }
    fn index(self) -> usize {
        self as usize
    }
}

/// Font bytes: the bundled ones are static, a user's are shared.
#[derive(Debug, Clone)]
pub enum FontData {
    /// Compiled into the crate.
    Static(&'static [u8]),
    /// Supplied at run time.
    Shared(Arc<Vec<u8>>),
}

impl FontData {
    /// The bytes.
    pub fn bytes(&self) -> &[u8] {
        match self {
            FontData::Static(b) => b,
            FontData::Shared(b) => b,
        }
    }
}

const DENSE: usize = 0x2070; // Latin, Vietnamese (U+1EA0–1EF9), general punctuation

/// A parsed face: metrics and a character → (glyph, advance) table.
#[derive(Debug)]
pub struct Face {
    data: FontData,
    name: String,
    units_per_em: f32,
    ascender: f32,
    descender: f32,
    line_gap: f32,
    underline: f32,
    dense: Vec<(u16, u16)>,
    sparse: HashMap<char, (u16, u16)>,
    /// The copy the PDF embeds: without TrueType hinting, made on first use.
    embedded: OnceLock<Option<Arc<Vec<u8>>>>,
    /// Each glyph's ink top (`y_max` of its outline box, font units), filled
    /// in as glyphs are asked for: finding it means walking the outline,
    /// which every page 1 did for its header lines (issue 14).
    ink_tops: Box<[AtomicI32]>,
}

/// An `ink_tops` entry not worked out yet.
const INK_UNKNOWN: i32 = i32::MIN;
/// An `ink_tops` entry of a glyph with no outline (a space).
const INK_NONE: i32 = i32::MIN + 1;

impl Face {
    /// Parses a TrueType / OpenType face.
    pub fn parse(data: FontData, label: &str) -> Result<Face, Error> {
        let face = ttf_parser::Face::parse(data.bytes(), 0)
            .map_err(|e| Error::Font { name: label.to_owned(), reason: e.to_string() })?;
        let name = face
            .names()
            .into_iter()
            .find(|n| n.name_id == ttf_parser::name_id::FULL_NAME && n.is_unicode())
            .and_then(|n| n.to_string())
            .unwrap_or_else(|| label.to_owned());
        let mut dense = vec![(0u16, 0u16); DENSE];
        let mut sparse = HashMap::new();
        if let Some(cmap) = face.tables().cmap {
            for sub in cmap.subtables {
                if !sub.is_unicode() {
                    continue;
                }
                sub.codepoints(|cp| {
                    let Some(ch) = char::from_u32(cp) else { return };
                    let Some(gid) = sub.glyph_index(cp) else { return };
                    if gid.0 == 0 {
                        return;
                    }
                    let adv = face.glyph_hor_advance(gid).unwrap_or(0);
                    if (cp as usize) < DENSE {
                        if dense[cp as usize].0 == 0 {
                            dense[cp as usize] = (gid.0, adv);
                        }
                    } else {
                        sparse.entry(ch).or_insert((gid.0, adv));
                    }
                });
            }
        }
        Ok(Face {
            name,
            units_per_em: face.units_per_em() as f32,
            ascender: face.ascender() as f32,
            descender: face.descender() as f32,
            line_gap: face.line_gap() as f32,
            // post table: underline position (negative: below the baseline)
            underline: face.underline_metrics().map_or(-0.1 * face.units_per_em() as f32, |m| m.position as f32),
            dense,
            sparse,
            ink_tops: (0..face.number_of_glyphs()).map(|_| AtomicI32::new(INK_UNKNOWN)).collect(),
            data,
            embedded: OnceLock::new(),
        })
    }

    /// The font's full name.
    pub fn name(&self) -> &str {
        &self.name
    }
    /// The font file.
    pub fn data(&self) -> &FontData {
        &self.data
    }
    /// The bytes the PDF embeds (as a subset): the font without TrueType
    /// hinting, made once per face (`None`: embed [`data`](Face::data) as it
    /// is — a CFF font, or one the dehinter cannot read).
    pub(crate) fn embedded(&self) -> Option<&Arc<Vec<u8>>> {
        self.embedded.get_or_init(|| crate::dehint::dehint(self.data.bytes()).map(Arc::new)).as_ref()
    }
    /// Glyph id and advance (font units) of a character, if the font has it.
    pub fn glyph(&self, c: char) -> Option<(u16, u16)> {
        let cp = c as usize;
        let g = if cp < DENSE { Some(self.dense[cp]) } else { self.sparse.get(&c).copied() };
        g.filter(|g| g.0 != 0)
    }
    /// True when the font has a glyph for `c`.
    pub fn has(&self, c: char) -> bool {
        self.glyph(c).is_some()
    }
    /// Width of `text` at `size` points, in points; characters the font lacks
    /// count as zero (check with [`Face::first_missing`]).
    pub fn width(&self, text: &str, size: f32) -> f32 {
        let units: u32 = text.chars().map(|c| self.glyph(c).map_or(0, |g| g.1 as u32)).sum();
        units as f32 * size / self.units_per_em
    }
    /// Advance of one glyph at `size`, in points.
    pub fn advance(&self, advance_units: u16, size: f32) -> f32 {
        advance_units as f32 * size / self.units_per_em
    }
    /// The first character of `text` the font has no glyph for.
    pub fn first_missing(&self, text: &str) -> Option<char> {
        text.chars().find(|&c| !self.has(c))
    }
    /// Ascender at `size`, points.
    pub fn ascender(&self, size: f32) -> f32 {
        self.ascender * size / self.units_per_em
    }
    /// How far below the baseline an underline lies at `size`, points
    /// (positive: down), from the font's `post` table.
    pub fn underline_offset(&self, size: f32) -> f32 {
        -self.underline * size / self.units_per_em
    }
    /// Descender at `size`, points (negative).
    pub fn descender(&self, size: f32) -> f32 {
        self.descender * size / self.units_per_em
    }
    /// How far the ink of `text` rises above the baseline at `size`, points:
    /// the highest glyph box, stacked diacritics (`Ồ`, `Ẫ`) included.
    pub fn ink_top(&self, text: &str, size: f32) -> f32 {
        let mut parsed = None;
        let mut top = None;
        for (gid, _) in text.chars().filter_map(|c| self.glyph(c)) {
            let Some(slot) = self.ink_tops.get(gid as usize) else { continue };
            let mut v = slot.load(Ordering::Relaxed);
            if v == INK_UNKNOWN {
                if parsed.is_none() {
                    match ttf_parser::Face::parse(self.data.bytes(), 0) {
                        Ok(f) => parsed = Some(f),
                        Err(_) => return self.ascender(size),
                    }
                }
                let face = parsed.as_ref().expect("parsed above");
                v = face.glyph_bounding_box(ttf_parser::GlyphId(gid)).map_or(INK_NONE, |b| b.y_max as i32);
                slot.store(v, Ordering::Relaxed);
            }
            if v != INK_NONE {
                top = top.max(Some(v));
            }
        }
        top.unwrap_or(0) as f32 * size / self.units_per_em
    }
    /// Single line height at `size`: ascender − descender + line gap (hhea),
    /// 1.15 em for Times New Roman and Liberation Serif.
    pub fn line_height(&self, size: f32) -> f32 {
        (self.ascender - self.descender + self.line_gap) * size / self.units_per_em
    }
}

/// A family of four faces: the document's font.
#[derive(Debug, Clone)]
pub struct FontSet {
    faces: Arc<[Face; 4]>,
}

impl FontSet {
    /// The bundled Liberation Serif, parsed once per process.
    ///
    /// ```
    /// use vanban::fonts::{FontSet, FontStyle};
    /// let f = FontSet::bundled();
    /// let w = f.face(FontStyle::Bold).width("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 13.0);
    /// assert!((w / 72.0 * 25.4 - 96.0).abs() < 2.0); // ≈ 96 mm (nd30.md §3.1)
    /// ```
    pub fn bundled() -> &'static FontSet {
        static SET: OnceLock<FontSet> = OnceLock::new();
        SET.get_or_init(|| {
            let parse = |b: &'static [u8], n: &str| {
                Face::parse(FontData::Static(b), n).expect("the bundled fonts are valid TrueType files")
            };
            FontSet {
                faces: Arc::new([
                    parse(REGULAR, "Liberation Serif"),
                    parse(BOLD, "Liberation Serif Bold"),
                    parse(ITALIC, "Liberation Serif Italic"),
                    parse(BOLD_ITALIC, "Liberation Serif Bold Italic"),
                ]),
            }
        })
    }

    /// A family from four font files (regular, bold, italic, bold italic),
    /// for example the user's own Times New Roman.
    pub fn from_files(
        regular: Vec<u8>,
        bold: Vec<u8>,
        italic: Vec<u8>,
        bold_italic: Vec<u8>,
    ) -> Result<FontSet, Error> {
        let f = |b: Vec<u8>, n: &str| Face::parse(FontData::Shared(Arc::new(b)), n);
        Ok(FontSet {
            faces: Arc::new([
                f(regular, "regular")?,
                f(bold, "bold")?,
                f(italic, "italic")?,
                f(bold_italic, "bold italic")?,
            ]),
        })
    }

    /// One face.
    pub fn face(&self, style: FontStyle) -> &Face {
        &self.faces[style.index()]
    }

    /// Width in points of `text` set in `style` at `size` points.
    ///
    /// ```
    /// use vanban::fonts::{FontSet, FontStyle};
    /// let w = FontSet::bundled().measure("Độc lập - Tự do - Hạnh phúc", FontStyle::Bold, 14.0);
    /// assert!((w * 25.4 / 72.0 - 60.5).abs() < 1.0); // ≈ 60.5 mm (nd30.md §2.2)
    /// ```
    pub fn measure(&self, text: &str, style: FontStyle, size: f32) -> f32 {
        self.face(style).width(text, size)
    }

    /// How many lines `text` takes when wrapped greedily at spaces into
    /// `width` points (a word wider than the line counts as its own line).
    ///
    /// ```
    /// use vanban::fonts::{FontSet, FontStyle};
    /// let f = FontSet::bundled();
    /// assert_eq!(f.line_count("một hai ba", FontStyle::Regular, 14.0, 1000.0), 1);
    /// assert_eq!(f.line_count("một hai ba", FontStyle::Regular, 14.0, 25.0), 3);
    /// ```
    pub fn line_count(&self, text: &str, style: FontStyle, size: f32, width: f32) -> usize {
        let face = self.face(style);
        let space = face.width(" ", size);
        let mut lines = 0;
        let mut x = f32::INFINITY;
        for word in text.split(' ').filter(|w| !w.is_empty()) {
            let w = face.width(word, size);
            if x.is_finite() && x + space + w <= width {
                x += space + w;
            } else {
                lines += 1;
                x = w;
            }
        }
        lines
    }

    /// Checks that every character of `text` has a glyph in `style`;
    /// the error names the character and `field`.
    pub fn check(&self, text: &str, style: FontStyle, field: &str) -> Result<(), Error> {
        let face = self.face(style);
        match face.first_missing(text) {
            None => Ok(()),
            Some(ch) => {
                Err(Error::MissingGlyph { ch, code: ch as u32, field: field.to_owned(), font: face.name().to_owned() })
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn covers_every_vietnamese_letter_in_every_style() {
        let base = "AĂÂBCDĐEÊGHIKLMNOÔƠPQRSTUƯVXY";
        let mut letters: String = base.chars().chain(base.to_lowercase().chars()).collect();
        letters.extend((0x1EA0u32..=0x1EF9).filter_map(char::from_u32));
        letters.push_str("ÀÁÃÈÉÌÍÒÓÕÙÚÝĨŨàáãèéìíòóõùúýĩũ“”‘’–—…");
        for style in [FontStyle::Regular, FontStyle::Bold, FontStyle::Italic, FontStyle::BoldItalic] {
            let face = FontSet::bundled().face(style);
            assert_eq!(face.first_missing(&letters), None, "{style:?}");
        }
    }

    #[test]
    fn lacks_emoji_and_cjk() {
        let f = FontSet::bundled();
        assert!(!f.face(FontStyle::Regular).has('😀'));
        assert!(!f.face(FontStyle::Regular).has('中'));
        let err = f.check("a中", FontStyle::Regular, "title").unwrap_err();
        assert!(err.to_string().contains("U+4E2D"), "{err}");
        assert!(err.to_string().contains("title"), "{err}");
    }

    #[test]
    fn times_metrics() {
        let f = FontSet::bundled().face(FontStyle::Regular);
        // Times: space 250, 'a' 444 per 1000 em
        assert!((f.width(" ", 1000.0) - 250.0).abs() < 0.5);
        assert!((f.width("a", 1000.0) - 444.0).abs() < 0.5);
        assert!((f.line_height(14.0) - 16.1).abs() < 0.05);
    }
}
