//! Rendering many plans at once on every core (rayon). Fonts are parsed
//! once per process and shared by all threads; each plan's output is the
//! same bytes as rendering it alone.

use rayon::prelude::*;

use crate::{Error, Plan};

/// An output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// Word document.
    Docx,
    /// PDF 1.7.
    Pdf,
}

/// Renders every plan in `format`, in parallel; the results are in the
/// order of the input, one per plan (a bad plan does not stop the others).
///
/// ```
/// use vanban::batch::{render_all, Format};
/// let plan = vanban::Plan::from_toml(include_str!("../fixtures/sample_003_c6a7a4c1d1099303.toml"))?;
/// let plans = vec![plan.clone(), vanban::Plan::default(), plan];
/// let out = render_all(&plans, Format::Pdf);
/// assert!(out[0].is_ok() && out[1].is_err() && out[2].is_ok());
/// assert_eq!(out[0].as_ref().unwrap(), out[2].as_ref().unwrap());
/// # Ok::<(), vanban::Error>(())
/// ```
pub fn render_all(plans: &[Plan], format: Format) -> Vec<Result<Vec<u8>, Error>> {
    plans
        .par_iter()
        .map(|p| match format {
            Format::Docx => p.to_docx(),
            Format::Pdf => p.to_pdf(),
        })
        .collect()
}

/// Both outputs of one plan.
#[derive(Debug)]
pub struct Rendered {
    /// The DOCX file, or why it could not be made.
    pub docx: Result<Vec<u8>, Error>,
    /// The PDF file, or why it could not be made.
    pub pdf: Result<Vec<u8>, Error>,
}

/// Renders every plan in both formats, in parallel, in input order; each
/// plan is checked and composed once for both formats.
///
/// ```
/// let plan = vanban::Plan::from_toml(include_str!("../fixtures/sample_003_c6a7a4c1d1099303.toml"))?;
/// let out = vanban::batch::render_all_both(&[plan]);
/// assert!(out[0].docx.is_ok() && out[0].pdf.is_ok());
/// # Ok::<(), vanban::Error>(())
/// ```
pub fn render_all_both(plans: &[Plan]) -> Vec<Rendered> {
    plans
        .par_iter()
        .map(|p| {
            let (docx, pdf) = p.render_pair();
            Rendered { docx, pdf }
        })
        .collect()
}
