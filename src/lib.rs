//! # vanban
//!
//! Vietnamese administrative plans (**KẾ HOẠCH**) as DOCX and PDF files laid
//! out exactly as Decree 30/2020/NĐ-CP (Nghị định 30, Phụ lục I) requires.
//!
//! The pipeline reads top-down, one module per step:
//! [`model`] (the typed plan, its builder and serde schema) →
//! [`validate`](Plan::validate) (every rule, with the decree section it comes
//! from) → [`style`] (the Decree 30 measurements) → the writers.
//!
//! ```
//! use vanban::{Issuer, Plan, Signer};
//!
//! let plan = Plan::builder()
//!     .issuer(Issuer::new("SỞ NỘI VỤ", "SNV").parent("UBND TỈNH BÌNH ĐỊNH"))
//!     .place("Bình Định")
//!     .partial_date(vanban::PlanDate::year(2021)) // a draft: no number, day and month blank
//!     .title("Thực hiện Phong trào thi đua đặc biệt")
//!     .section("MỤC ĐÍCH, YÊU CẦU", |s| s.item("Nâng cao ý thức, trách nhiệm của công chức."))
//!     .section("TỔ CHỨC THỰC HIỆN", |s| s.item("Giao Văn phòng Sở theo dõi, đôn đốc."))
//!     .recipient("Chủ tịch UBND tỉnh (để b/c)")
//!     .archive(["VP"])
//!     .signer(Signer::new("Lê Minh Tuấn").title("GIÁM ĐỐC"))
//!     .build()?;
//! assert!(plan.is_draft());
//! # Ok::<(), vanban::Error>(())
//! ```
#![deny(missing_docs)]
#![forbid(unsafe_code)]

pub mod adminmap;
#[cfg(feature = "parallel")]
pub mod batch;
pub mod compose;
mod deflate;
mod dehint;
mod docx;
#[cfg(feature = "golden")]
pub mod dump;
mod error;
// Internals the integration tests inspect (the fonts' metrics, the page
// geometry, the laid-out lines and their positions): public so that tests
// can check what the writers print against them, hidden because no user
// needs them and they change without notice.
#[doc(hidden)]
pub mod fonts;
#[doc(hidden)]
pub mod geometry;
#[cfg(feature = "golden")]
pub mod golden;
pub mod import;
pub mod input;
#[doc(hidden)]
pub mod layout;
mod legacy;
pub mod model;
mod pdf;
mod pdfpack;
mod pdfscan;
pub mod places;
pub mod plaintext;
mod sigfield;
pub mod style;
pub mod text;
mod validate;

pub use docx::{DocxCompression, DocxOptions, FONT_NAME};
pub use error::{Error, Problem, Report, Rule, Severity};
pub use model::{
    Appendix, Archive, Article, Authority, Block, Blocks, Cell, CellAlign, Circulation, Column, ColumnNumbers,
    ColumnWidth, Confidentiality, DocType, DraftLabel, Drafter, Form, Issuer, Item, ListEntry, Margins, Paragraph,
    Part, PartBuilder, PartStyle, Plan, PlanBuilder, PlanDate, Profile, Recipient, Recipients, Row, Section, Signer,
    SignerTitle, Table, Urgency,
};
pub use pdf::PdfOptions;

/// The README's examples, compiled and run as doctests.
#[doc = include_str!("../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;

impl Plan {
    /// Renders the plan as a DOCX file (Decree 30, Phụ lục I, Mẫu 1.4).
    ///
    /// Refuses a plan whose [`validate`](Plan::validate) report has errors
    /// ([`Error::Invalid`]). The same plan gives the same bytes every time.
    ///
    /// ```
    /// let plan = vanban::Plan::from_toml(include_str!("../fixtures/sample_000_b9e7d6f373767c93.toml"))?;
    /// let bytes = plan.to_docx()?;
    /// assert_eq!(&bytes[..2], b"PK");
    /// # Ok::<(), vanban::Error>(())
    /// ```
    pub fn to_docx(&self) -> Result<Vec<u8>, Error> {
        docx::to_docx(self, &DocxOptions::default())
    }

    /// Renders the plan as DOCX with options (the zip's compression).
    ///
    /// ```
    /// use vanban::{DocxCompression, DocxOptions};
    /// let plan = vanban::Plan::from_toml(include_str!("../fixtures/sample_000_b9e7d6f373767c93.toml"))?;
    /// let stored = plan.to_docx_with(&DocxOptions::new().compression(DocxCompression::Stored))?;
    /// assert!(stored.len() > plan.to_docx()?.len());
    /// # Ok::<(), vanban::Error>(())
    /// ```
    pub fn to_docx_with(&self, opts: &DocxOptions) -> Result<Vec<u8>, Error> {
        docx::to_docx(self, opts)
    }

    /// Renders the plan as DOCX and as PDF, checking and composing it once
    /// for both (rendering one after the other does that twice): the same
    /// bytes as [`to_docx`](Plan::to_docx) and [`to_pdf`](Plan::to_pdf).
    ///
    /// ```
    /// let plan = vanban::Plan::from_toml(include_str!("../fixtures/sample_003_c6a7a4c1d1099303.toml"))?;
    /// let (docx, pdf) = plan.to_docx_and_pdf()?;
    /// assert_eq!((docx, pdf), (plan.to_docx()?, plan.to_pdf()?));
    /// # Ok::<(), vanban::Error>(())
    /// ```
    pub fn to_docx_and_pdf(&self) -> Result<(Vec<u8>, Vec<u8>), Error> {
        let (docx, pdf) = self.render_pair();
        Ok((docx?, pdf?))
    }

    /// Both formats, each with its own result, from one validation and one
    /// composition.
    pub(crate) fn render_pair(&self) -> (Result<Vec<u8>, Error>, Result<Vec<u8>, Error>) {
        let report = self.validate();
        if report.has_errors() {
            return (Err(Error::Invalid(report.clone())), Err(Error::Invalid(report)));
        }
        let doc = compose::Document::new(self);
        (docx::render_valid(self, &doc, &DocxOptions::default()), pdf::render_valid(self, &doc, &PdfOptions::default()))
    }

    /// Renders the plan as DOCX into any writer (a file, a socket, a buffer).
    pub fn write_docx<W: std::io::Write>(&self, w: W) -> Result<(), Error> {
        docx::write_docx(self, w)
    }
}

impl Plan {
    /// Renders the plan as a PDF 1.7 file typeset by vanban's own layout
    /// engine, with the bundled fonts embedded as subsets.
    ///
    /// Refuses a plan whose report has errors. The same plan gives the same
    /// bytes every time.
    ///
    /// ```
    /// let plan = vanban::Plan::from_toml(include_str!("../fixtures/sample_003_c6a7a4c1d1099303.toml"))?;
    /// let pdf = plan.to_pdf()?;
    /// assert!(pdf.starts_with(b"%PDF-1.7"));
    /// # Ok::<(), vanban::Error>(())
    /// ```
    pub fn to_pdf(&self) -> Result<Vec<u8>, Error> {
        pdf::to_pdf(self, &PdfOptions::default())
    }

    /// Renders the plan as PDF with options (PDF/A-2b, the user's fonts).
    pub fn to_pdf_with(&self, opts: &PdfOptions) -> Result<Vec<u8>, Error> {
        pdf::to_pdf(self, opts)
    }

    /// Renders the plan as PDF into any writer.
    pub fn write_pdf<W: std::io::Write>(&self, mut w: W) -> Result<(), Error> {
        w.write_all(&self.to_pdf()?)?;
        Ok(())
    }

    /// Appendix `index` (from 0) as a PDF of its own, for issuing it as a
    /// separate signed file (Mẫu 2.2, spec §9): its pages numbered from 1,
    /// at the top right of its first page the plan's number and symbol and
    /// the signing time (`[signing] signed_at`, else a blank the system
    /// stamps), the reference line `(Kèm theo …)` left unfilled.
    ///
    /// ```
    /// let plan = vanban::Plan::from_toml(include_str!("../fixtures/forms/marks_and_appendix.toml"))?;
    /// let pdf = plan.appendix_to_pdf(0, &vanban::PdfOptions::new())?;
    /// assert!(pdf.starts_with(b"%PDF"));
    /// assert!(plan.appendix_to_pdf(9, &vanban::PdfOptions::new()).is_err());
    /// # Ok::<(), vanban::Error>(())
    /// ```
    pub fn appendix_to_pdf(&self, index: usize, opts: &PdfOptions) -> Result<Vec<u8>, Error> {
        pdf::appendix_to_pdf(self, index, opts)
    }

    /// Appendix `index` (from 0) as a DOCX of its own (see
    /// [`appendix_to_pdf`](Plan::appendix_to_pdf)).
    pub fn appendix_to_docx(&self, index: usize) -> Result<Vec<u8>, Error> {
        docx::appendix_to_docx(self, index, &DocxOptions::default())
    }

    /// The pages as the PDF writer draws them: every glyph run, rule and box
    /// with its position. Useful for previews and tests.
    pub fn layout(&self) -> Result<layout::Layout, Error> {
        let report = self.validate();
        if report.has_errors() {
            return Err(Error::Invalid(report));
        }
        pdf::layout_of(self)
    }

    /// Lays the plan out page by page: `f` gets each page as soon as it is
    /// finished, in order, so a plan of thousands of pages never sits in
    /// memory at once (this is how [`to_pdf`](Plan::to_pdf) works). Returns
    /// the number of pages.
    ///
    /// ```
    /// let plan = vanban::Plan::from_toml(include_str!("../fixtures/sample_000_b9e7d6f373767c93.toml"))?;
    /// let mut texts = 0;
    /// let pages = plan.for_each_page(|page| {
    ///     texts += page.items.iter().filter(|i| matches!(i, vanban::layout::Item::Text(_))).count();
    /// })?;
    /// assert_eq!(pages, plan.layout()?.pages.len());
    /// assert!(texts > 100);
    /// # Ok::<(), vanban::Error>(())
    /// ```
    pub fn for_each_page(&self, mut f: impl FnMut(layout::Page)) -> Result<usize, Error> {
        let report = self.validate();
        if report.has_errors() {
            return Err(Error::Invalid(report));
        }
        pdf::layout_each(self, &mut f)
    }
}

impl Plan {
    /// Reads the signature and seal images the plan names by path
    /// (`[signing]` in TOML, JSON or the text's front matter), relative to
    /// `base` (the plan file's folder). Images given as bytes are kept.
    ///
    /// ```no_run
    /// let mut plan = vanban::Plan::from_text(&std::fs::read_to_string("plan.txt")?)?;
    /// plan.load_signing_images(std::path::Path::new("."))?;
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn load_signing_images(&mut self, base: &std::path::Path) -> Result<(), Error> {
        for img in [&mut self.signing.signature, &mut self.signing.seal].into_iter().flatten() {
            if img.bytes.is_none() && !img.path.is_empty() {
                let p = base.join(&img.path);
                let bytes = std::fs::read(&p).map_err(|e| Error::Image(format!("{}: {e}", p.display())))?;
                img.bytes = Some(std::sync::Arc::new(bytes));
            }
        }
        Ok(())
    }

    /// The signing places of the PDF (spec §9): the number and date blanks
    /// of a draft, the signature and seal rectangles, the signer's title
    /// lines — for an e-office system to stamp and sign in place. The same
    /// layout as [`to_pdf`](Plan::to_pdf), so the places are where the PDF
    /// prints.
    ///
    /// ```
    /// use vanban::places::PlaceRole;
    /// let plan = vanban::Plan::from_toml(include_str!("../fixtures/forms/draft_day_month_blank.toml"))?;
    /// let places = plan.places()?;
    /// let number = places.iter().find(|p| p.role == PlaceRole::Number).unwrap();
    /// assert!(number.rect_mm.w >= 5.0);
    /// assert!(places.iter().any(|p| p.role == PlaceRole::Seal));
    /// # Ok::<(), vanban::Error>(())
    /// ```
    pub fn places(&self) -> Result<Vec<places::Place>, Error> {
        let mut out = Vec::new();
        self.for_each_page(|p| out.extend(p.places))?;
        Ok(out)
    }
}

impl Plan {
    /// Parses the plain-text format ([`plaintext`]); the parser's warnings
    /// are dropped: use [`plaintext::parse`] to see them.
    pub fn from_text(s: &str) -> Result<Plan, Error> {
        plaintext::parse(s).map(|p| p.plan)
    }

    /// Writes the plan in the plain-text format; [`Plan::from_text`] gives
    /// it back, for every plan.
    ///
    /// ```
    /// let plan = vanban::Plan::from_toml(include_str!("../fixtures/sample_000_b9e7d6f373767c93.toml"))?;
    /// let text = plan.to_text();
    /// assert!(text.contains("\nSố: 46/KH-SVHTTDL\n"));
    /// assert_eq!(vanban::Plan::from_text(&text)?, plan);
    /// # Ok::<(), vanban::Error>(())
    /// ```
    pub fn to_text(&self) -> String {
        plaintext::write::to_text(self)
    }
}
