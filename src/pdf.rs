//! The PDF writer (krilla): draws the pages the layout engine positioned,
//! with embedded subset fonts, and writes metadata from the plan (no wall
//! clock anywhere). Optional PDF/A-2b through krilla's archival validator.

use std::sync::Arc;

use krilla::configure::{Archival, ConfigurationBuilder};
use krilla::geom::{PathBuilder, Point};
use krilla::metadata::{DateTime, Metadata};
use krilla::page::PageSettings;
use krilla::paint::Stroke;
use krilla::text::{Font, GlyphId, KrillaGlyph};
use krilla::{Document as PdfDocument, SerializeSettings};

use crate::compose::Document;
use crate::fonts::{FontData, FontSet, FontStyle};
use crate::geometry::Frame;
use crate::layout::{layout, layout_pages, Item, Layout, Page};
use crate::model::Plan;
use crate::style;
use crate::Error;

/// Options of [`Plan::to_pdf_with`](crate::Plan::to_pdf_with).
///
/// ```
/// let opts = vanban::PdfOptions::new().archival(true);
/// assert!(opts.is_archival());
/// ```
#[derive(Debug, Clone, Default)]
pub struct PdfOptions {
    archival: bool,
    fonts: Option<FontSet>,
    signature_fields: bool,
    raw_pages: bool,
}

impl PdfOptions {
    /// Plain PDF 1.7 with the bundled fonts.
    pub fn new() -> PdfOptions {
        PdfOptions::default()
    }
    /// PDF/A-2b (ISO 19005-2, level B; Vietnam's TCVN 14159-2 for long-term
    /// preservation) instead of plain PDF 1.7.
    pub fn archival(mut self, on: bool) -> PdfOptions {
        self.archival = on;
        self
    }
    /// Adds empty signature fields (`/FT /Sig`) at the signer's and the
    /// agency's places, for PAdES tools to sign in place (spec §9). The
    /// plan's `[signing] fields = true` asks for the same.
    ///
    /// ```
    /// let plan = vanban::Plan::from_toml(include_str!("../fixtures/forms/signer_kt.toml"))?;
    /// let pdf = plan.to_pdf_with(&vanban::PdfOptions::new().signature_fields(true))?;
    /// let text = String::from_utf8_lossy(&pdf);
    /// assert!(text.contains("/FT/Sig/T(SignerSignature)") && text.contains("/AcroForm"));
    /// # Ok::<(), vanban::Error>(())
    /// ```
    pub fn signature_fields(mut self, on: bool) -> PdfOptions {
        self.signature_fields = on;
        self
    }
    /// Leaves the pages' content streams and ToUnicode maps uncompressed
    /// (fonts and images stay compressed): on the three-page sample plan
    /// about 0.5 ms less, for a file of 94 KB instead of 42 KB. For programs
    /// that compress or discard what they render (previews, a zipped
    /// archive); the default compresses everything.
    ///
    /// ```
    /// let plan = vanban::Plan::from_toml(include_str!("../fixtures/sample_003_c6a7a4c1d1099303.toml"))?;
    /// let raw = plan.to_pdf_with(&vanban::PdfOptions::new().compress_pages(false))?;
    /// assert!(raw.len() > plan.to_pdf()?.len());
    /// # Ok::<(), vanban::Error>(())
    /// ```
    pub fn compress_pages(mut self, on: bool) -> PdfOptions {
        self.raw_pages = !on;
        self
    }
    /// True when PDF/A-2b is asked for.
    pub fn is_archival(&self) -> bool {
        self.archival
    }
    /// Typesets with these fonts (e.g. the user's own Times New Roman)
    /// instead of the bundled Liberation Serif. Line breaks then follow
    /// their metrics.
    pub fn fonts(mut self, fonts: FontSet) -> PdfOptions {
        self.fonts = Some(fonts);
        self
    }
}

/// The longest plan, in pages, whose content streams [`crate::pdfpack`]
/// deflates: one held page of layout is about 75 KB, and krilla holds a raw
/// page's content (about 20 KB) with room to grow, so a plan of this length
/// peaks at a few MB more than a streamed one. Nearly every plan is shorter.
const PACKED_PAGES_MAX: usize = 16;

/// krilla's handles of the bundled faces, made once per thread (over the
/// font bytes the threads share). krilla clones a font's handle, an `Arc`,
/// for each glyph it draws: threads sharing one handle would each write its
/// reference count, and that cache line would go back and forth between
/// their cores.
fn bundled_krilla_fonts() -> Result<[Font; 4], Error> {
    thread_local! {
        static FONTS: std::cell::OnceCell<Option<[Font; 4]>> = const { std::cell::OnceCell::new() };
    }
    FONTS.with(|f| f.get_or_init(|| krilla_fonts(FontSet::bundled())).clone()).ok_or_else(|| Error::Font {
        name: "Liberation Serif".into(),
        reason: "krilla could not read the bundled font".into(),
    })
}

/// krilla's handles of a set's faces: the copies without TrueType hinting
/// (`crate::dehint`, made once per face) where there are such copies.
fn krilla_fonts(set: &FontSet) -> Option<[Font; 4]> {
    let one = |s: FontStyle| -> Option<Font> {
        let face = set.face(s);
        let data: krilla::Data = match (face.embedded(), face.data()) {
            (Some(d), _) => krilla::Data::from(Arc::clone(d)),
            (None, FontData::Static(b)) => krilla::Data::from(*b),
            (None, FontData::Shared(b)) => krilla::Data::from(Arc::clone(b)),
        };
        Font::new(data, 0)
    };
    Some([one(FontStyle::Regular)?, one(FontStyle::Bold)?, one(FontStyle::Italic)?, one(FontStyle::BoldItalic)?])
}

fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf29ce484222325;
    for b in bytes {
        h ^= *b as u64;
        h = h.wrapping_mul(0x100000001b3);
    }
    h
}

fn metadata(plan: &Plan, doc: &Document) -> Metadata {
    let mut m = Metadata::new()
        .title(doc.meta_title.clone())
        .authors(vec![doc.meta_author.clone()])
        .language("vi".to_owned())
        .creator("vanban".to_owned())
        .document_id(format!("{:016x}", fnv1a(plan.to_json().as_bytes())));
    let d = plan.date;
    if let Some(y) = d.year.and_then(|y| u16::try_from(y).ok()) {
        let mut dt = DateTime::new(y);
        if let Some(mo) = d.month.filter(|m| (1..=12).contains(m)) {
            dt = dt.month(mo as u8);
            if d.to_naive().is_some() {
                dt = dt.day(d.day.unwrap_or(1) as u8);
            }
        }
        m = m.creation_date(dt);
    }
    m
}

/// Strokes a rectangle `(x, y, w, h)` with a line `width` points wide.
fn rectangle(sf: &mut krilla::surface::Surface, (x, y, w, h): (f32, f32, f32, f32), width: f32) {
    let mut pb = PathBuilder::new();
    pb.move_to(x, y);
    pb.line_to(x + w, y);
    pb.line_to(x + w, y + h);
    pb.line_to(x, y + h);
    pb.close();
    if let Some(path) = pb.finish() {
        sf.set_fill(None);
        sf.set_stroke(Some(Stroke { width, ..Default::default() }));
        sf.draw_path(&path);
        sf.set_stroke(None);
    }
}

/// The signing images as krilla holds them, made once per document.
#[derive(Default)]
struct Images {
    #[cfg(feature = "images")]
    signature: Option<krilla::image::Image>,
    #[cfg(feature = "images")]
    seal: Option<krilla::image::Image>,
}

impl Images {
    /// `smooth`: ask viewers to interpolate the images when they scale them
    /// (PDF/A forbids it: ISO 19005-2, 6.2.8).
    fn new(doc: &Document, smooth: bool) -> Result<Images, Error> {
        let wanted = doc.closing.signature_image.is_some() || doc.closing.seal_image.is_some();
        #[cfg(feature = "images")]
        {
            let load = |i: &Option<crate::compose::SignImage>| -> Result<Option<krilla::image::Image>, Error> {
                i.as_ref()
                    .map(|i| {
                        krilla::image::Image::from_png(krilla::Data::from(i.png.as_ref().clone()), smooth)
                            .map_err(|e| Error::Image(format!("the PNG cannot be decoded: {e}")))
                    })
                    .transpose()
            };
            let _ = wanted;
            Ok(Images { signature: load(&doc.closing.signature_image)?, seal: load(&doc.closing.seal_image)? })
        }
        #[cfg(not(feature = "images"))]
        {
            let _ = smooth;
            if wanted {
                return Err(Error::Image(
                    "vanban was built without the `images` feature: enable it to print signature and seal images"
                        .into(),
                ));
            }
            Ok(Images::default())
        }
    }
}

/// Draws one laid-out page into the document.
fn draw_page(pdf: &mut PdfDocument, page: &Page, fonts: &[Font; 4], images: &Images) -> Result<(), Error> {
    let settings = PageSettings::from_wh(page.size.0, page.size.1).ok_or_else(|| Error::Pdf("bad page size".into()))?;
    let face = |s: FontStyle| match s {
        FontStyle::Regular => &fonts[0],
        FontStyle::Bold => &fonts[1],
        FontStyle::Italic => &fonts[2],
        FontStyle::BoldItalic => &fonts[3],
    };
    let mut p = pdf.start_page_with(settings);
    let mut sf = p.surface();
    for item in &page.items {
        match item {
            Item::Text(run) => {
                let glyphs: Vec<KrillaGlyph> = run
                    .glyphs
                    .iter()
                    .map(|g| KrillaGlyph {
                        glyph_id: GlyphId::new(g.id as u32),
                        text_range: g.range.start as usize..g.range.end as usize,
                        x_advance: g.advance / run.size,
                        x_offset: 0.0,
                        y_offset: 0.0,
                        y_advance: 0.0,
                        location: None,
                    })
                    .collect();
                sf.set_fill(Some(Default::default()));
                sf.draw_glyphs(
                    Point::from_xy(run.x, run.y),
                    &glyphs,
                    face(run.style).clone(),
                    &run.text,
                    run.size,
                    false,
                );
            }
            Item::Rule { x0, x1, y } => {
                let mut pb = PathBuilder::new();
                pb.move_to(*x0, *y);
                pb.line_to(*x1, *y);
                if let Some(path) = pb.finish() {
                    sf.set_fill(None);
                    sf.set_stroke(Some(Stroke { width: style::RULE_WIDTH_PT, ..Default::default() }));
                    sf.draw_path(&path);
                    sf.set_stroke(None);
                }
            }
            Item::Border { x, y, w, h } => rectangle(&mut sf, (*x, *y, *w, *h), style::TABLE_BORDER_PT),
            #[cfg(feature = "images")]
            Item::Image { role, x, y, w, h } => {
                let img = match role {
                    crate::places::PlaceRole::Seal => images.seal.clone(),
                    _ => images.signature.clone(),
                };
                if let (Some(img), Some(size)) = (img, krilla::geom::Size::from_wh(*w, *h)) {
                    sf.push_transform(&krilla::geom::Transform::from_translate(*x, *y));
                    sf.draw_image(img, size);
                    sf.pop();
                }
            }
            #[cfg(not(feature = "images"))]
            Item::Image { .. } => {
                let _ = images;
            }
            Item::Frame { x, y, w, h } => rectangle(&mut sf, (*x, *y, *w, *h), style::MARK_BORDER_PT),
        }
    }
    sf.finish();
    p.finish();
    Ok(())
}

/// Lays out and writes the plan as PDF.
pub(crate) fn to_pdf(plan: &Plan, opts: &PdfOptions) -> Result<Vec<u8>, Error> {
    render(plan, &Document::new(plan), opts)
}

/// Appendix `index` as a PDF of its own (Mẫu 2.2, spec §9).
pub(crate) fn appendix_to_pdf(plan: &Plan, index: usize, opts: &PdfOptions) -> Result<Vec<u8>, Error> {
    let doc = Document::appendix_file(plan, index)
        .ok_or_else(|| Error::Pdf(format!("the plan has no appendix {}", index + 1)))?;
    render(plan, &doc, opts)
}

fn render(plan: &Plan, doc: &Document, opts: &PdfOptions) -> Result<Vec<u8>, Error> {
    let report = plan.validate();
    if report.has_errors() {
        return Err(Error::Invalid(report));
    }
    render_valid(plan, doc, opts)
}

/// [`render`] of a plan already validated without errors.
pub(crate) fn render_valid(plan: &Plan, doc: &Document, opts: &PdfOptions) -> Result<Vec<u8>, Error> {
    let fonts = opts.fonts.as_ref().unwrap_or_else(|| FontSet::bundled());
    let frame = Frame::new(doc, &plan.margins, fonts);
    let kfonts = match &opts.fonts {
        None => bundled_krilla_fonts()?,
        Some(set) => krilla_fonts(set)
            .ok_or_else(|| Error::Font { name: "user font".into(), reason: "krilla could not read it".into() })?,
    };
    let kfonts = &kfonts;
    let new_doc = |raw: bool| -> Result<PdfDocument, Error> {
        let mut settings = SerializeSettings { compress_content_streams: !raw, ..Default::default() };
        if opts.archival {
            settings.configuration = ConfigurationBuilder::new()
                .with_archival_validator(Archival::A2_B)
                .finish()
                .map_err(|e| Error::Pdf(format!("{e:?}")))?;
        }
        let mut pdf = PdfDocument::new_with(settings);
        pdf.set_metadata(metadata(plan, doc));
        Ok(pdf)
    };
    // Each page goes to krilla as soon as it is laid out, and krilla keeps
    // it compressed, so memory does not grow with the laid-out plan. But
    // krilla deflates slowly (crate::pdfpack), so a plan of at most
    // PACKED_PAGES_MAX pages is held until its end and handed to krilla with
    // raw content streams, which crate::pdfpack deflates faster. The first
    // page past that starts a document krilla compresses as it goes.
    let mut pdf: Option<PdfDocument> = if opts.raw_pages { Some(new_doc(true)?) } else { None };
    let mut held: Vec<Page> = Vec::new();
    let images = Images::new(doc, !opts.archival)?;
    let mut failed = None;
    // what signature fields need: each page's size, the two places
    let mut sizes = Vec::new();
    let mut fields = Vec::new();
    layout_pages(doc, &frame, fonts, &mut |page| {
        for p in &page.places {
            // a decision's attached plan has a signer block of its own: its
            // fields get names of their own (one name, one field)
            let attached = fields.iter().any(|f: &crate::sigfield::Field| f.role == p.role);
            let name = match (p.role, attached) {
                (crate::places::PlaceRole::Signature, false) => "SignerSignature",
                (crate::places::PlaceRole::Seal, false) => "AgencySeal",
                (crate::places::PlaceRole::Signature, true) => "AttachedSignerSignature",
                (crate::places::PlaceRole::Seal, true) => "AttachedAgencySeal",
                _ => continue,
            };
            fields.push(crate::sigfield::Field { name, role: p.role, page: sizes.len(), rect: p.rect_pt });
        }
        sizes.push(page.size);
        if pdf.is_none() && held.len() < PACKED_PAGES_MAX {
            held.push(page);
            return;
        }
        let pdf = match &mut pdf {
            Some(pdf) => pdf,
            None => match new_doc(false) {
                Ok(d) => pdf.insert(d),
                Err(e) => {
                    failed.get_or_insert(e);
                    return;
                }
            },
        };
        for page in held.drain(..).chain(std::iter::once(page)) {
            if let Err(e) = draw_page(pdf, &page, kfonts, &images) {
                failed.get_or_insert(e);
            }
        }
    })?;
    if let Some(e) = failed {
        return Err(e);
    }
    let packed = pdf.is_none();
    let pdf = match pdf {
        Some(pdf) => pdf,
        None => {
            let mut pdf = new_doc(true)?;
            // each held page is freed once drawn, before the file is written
            for page in std::mem::take(&mut held) {
                draw_page(&mut pdf, &page, kfonts, &images)?;
            }
            pdf
        }
    };
    let mut bytes = pdf.finish().map_err(|e| Error::Pdf(format!("{e:?}")))?;
    if packed {
        bytes = crate::pdfpack::deflate_streams(bytes)?;
    }
    if opts.signature_fields || plan.signing.fields {
        return crate::sigfield::add(bytes, &fields, &sizes);
    }
    Ok(bytes)
}

/// Runs `f` on what the layout engine needs for `plan`, with the bundled fonts.
fn with_layout_input<R>(plan: &Plan, f: impl FnOnce(&Document, &Frame, &FontSet) -> R) -> R {
    let doc = Document::new(plan);
    let fonts = FontSet::bundled();
    let frame = Frame::new(&doc, &plan.margins, fonts);
    f(&doc, &frame, fonts)
}

/// The layout of a plan, for inspection (tests, previews).
pub(crate) fn layout_of(plan: &Plan) -> Result<Layout, Error> {
    with_layout_input(plan, layout)
}

/// The layout of a plan, one page at a time.
pub(crate) fn layout_each(plan: &Plan, sink: &mut dyn FnMut(Page)) -> Result<usize, Error> {
    with_layout_input(plan, |doc, frame, fonts| layout_pages(doc, frame, fonts, sink))
}
