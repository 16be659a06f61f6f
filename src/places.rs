//! Signing places (spec §9): where the e-office system stamps the number and
//! the date at issue, where the signer's signature image and the agency's
//! seal go, and the signer's title line that text-searching tools look for.
//! The layout engine records each place as it lays the page out, so nothing
//! is measured twice; [`Plan::places`](crate::Plan::places) collects them.
//!
//! Rectangles are in PDF points and in millimetres, from the page's top-left
//! corner, y down (as the layout engine and most signing tools count).

use serde::Serialize;

/// What a place is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum PlaceRole {
    /// The number's blank between `Số:` and `/KH-…` (a draft).
    Number,
    /// The day's blank after `ngày`.
    Day,
    /// The month's blank after `tháng`.
    Month,
    /// The year's blank after `năm`.
    Year,
    /// The signature image: the space between the signer's title lines and
    /// the name (ô 7c).
    Signature,
    /// The agency's seal image: its size, covering about a third of the
    /// signature on its left (ô 8).
    Seal,
    /// A line of the signer's title (tools that search the text for it).
    SignerTitle,
    /// The top-right line of a separate appendix: the plan's number and
    /// symbol and the signing time (Mẫu 2.2).
    AppendixLine,
}

/// A rectangle from the page's top-left corner, y down.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Rect {
    /// Left.
    pub x: f32,
    /// Top.
    pub y: f32,
    /// Width.
    pub w: f32,
    /// Height.
    pub h: f32,
}

impl Rect {
    fn to_mm(self) -> Rect {
        use crate::style::pt_to_mm;
        Rect { x: pt_to_mm(self.x), y: pt_to_mm(self.y), w: pt_to_mm(self.w), h: pt_to_mm(self.h) }
    }
}

/// A place on a page.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Place {
    /// What it is for.
    pub role: PlaceRole,
    /// The page, from 1.
    pub page: usize,
    /// The rectangle in PDF points.
    pub rect_pt: Rect,
    /// The same in millimetres.
    pub rect_mm: Rect,
    /// The text there, for text places (a title line).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
}

impl Place {
    /// A place from a rectangle in points.
    pub fn new(role: PlaceRole, page: usize, rect_pt: Rect) -> Place {
        Place { role, page, rect_pt, rect_mm: rect_pt.to_mm(), text: None }
    }
}

/// The largest rectangle of an image's proportions (`w` × `h` pixels)
/// inside `r`, centred.
///
/// ```
/// use vanban::places::{fit, Rect};
/// let r = fit(Rect { x: 0.0, y: 0.0, w: 100.0, h: 50.0 }, (200, 200));
/// assert_eq!((r.x, r.w, r.h), (25.0, 50.0, 50.0));
/// ```
pub fn fit(r: Rect, (w, h): (u32, u32)) -> Rect {
    let scale = (r.w / w.max(1) as f32).min(r.h / h.max(1) as f32);
    let (iw, ih) = (w as f32 * scale, h as f32 * scale);
    Rect { x: r.x + (r.w - iw) / 2.0, y: r.y + (r.h - ih) / 2.0, w: iw, h: ih }
}

/// The seal's diameter when none is given: 36 mm (round agency seals are
/// 35–42 mm across; spec §9).
pub const SEAL_DIAMETER_MM: f32 = 36.0;

/// The seal's square for a signature rectangle: centred on the signature's
/// height, its right edge a third of the way into the signature.
pub fn seal_for(signature: Rect, diameter_pt: f32) -> Rect {
    let right = signature.x + signature.w / 3.0;
    let cy = signature.y + signature.h / 2.0;
    Rect { x: right - diameter_pt, y: cy - diameter_pt / 2.0, w: diameter_pt, h: diameter_pt }
}

/// Images for issuing electronically (spec §9): the signer's signature
/// (blue, PNG with a transparent background) between the title lines and
/// the name, and the agency's seal (red, PNG, its real size) over the
/// signature's left third. In TOML/JSON the images are file paths
/// (`[signing]` in the front matter); [`Plan::load_signing_images`]
/// reads them, or give the bytes with [`SigningImage::png`].
///
/// ```toml
/// [signing]
/// signature = "chu-ky.png"
/// seal = "con-dau.png"
/// seal_mm = 36
/// ```
///
/// [`Plan::load_signing_images`]: crate::Plan::load_signing_images
#[derive(Debug, Clone, Default, PartialEq, serde::Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Signing {
    /// The signature image.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signature: Option<SigningImage>,
    /// The seal image.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seal: Option<SigningImage>,
    /// The seal's diameter, mm (default [`SEAL_DIAMETER_MM`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seal_mm: Option<f32>,
    /// Empty signature fields at the signer's and the agency's places in
    /// the PDF, for PAdES tools to sign in place.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub fields: bool,
    /// Appendices issued as files of their own (Mẫu 2.2): the plan's file
    /// leaves them out; [`Plan::appendix_to_pdf`] and
    /// [`Plan::appendix_to_docx`] make each.
    ///
    /// [`Plan::appendix_to_pdf`]: crate::Plan::appendix_to_pdf
    /// [`Plan::appendix_to_docx`]: crate::Plan::appendix_to_docx
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub separate_appendices: bool,
    /// The signing time, ISO 8601 with the time zone
    /// (`2021-10-22T09:15:30+07:00`), when the system has it: printed on a
    /// separate appendix's first page; left blank otherwise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signed_at: Option<String>,
}

impl Signing {
    /// True when nothing is asked for.
    pub fn is_empty(&self) -> bool {
        *self == Signing::default()
    }
    /// The seal's diameter in points.
    pub fn seal_pt(&self) -> f32 {
        crate::style::mm_to_pt(self.seal_mm.unwrap_or(SEAL_DIAMETER_MM))
    }
}

/// A PNG image: where it was given (a path, in serde) and its bytes once
/// loaded.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Deserialize, Serialize)]
#[serde(from = "String", into = "String")]
pub struct SigningImage {
    /// The path as written in the plan, if any.
    pub path: String,
    /// The PNG file's bytes.
    pub bytes: Option<std::sync::Arc<Vec<u8>>>,
}

impl SigningImage {
    /// An image from PNG bytes.
    ///
    /// ```
    /// let img = vanban::places::SigningImage::png(vec![0x89, b'P', b'N', b'G']);
    /// assert!(img.bytes.is_some());
    /// ```
    pub fn png(bytes: Vec<u8>) -> SigningImage {
        SigningImage { path: String::new(), bytes: Some(std::sync::Arc::new(bytes)) }
    }
}

impl From<String> for SigningImage {
    fn from(path: String) -> SigningImage {
        SigningImage { path, bytes: None }
    }
}

impl From<SigningImage> for String {
    fn from(i: SigningImage) -> String {
        i.path
    }
}

/// What a PNG's header says: its size in pixels and whether it has alpha.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PngInfo {
    /// Width, pixels.
    pub width: u32,
    /// Height, pixels.
    pub height: u32,
    /// An alpha channel or a transparency chunk.
    pub alpha: bool,
}

/// Reads a PNG's header (IHDR) and looks for transparency; `Err` says why
/// the bytes are no PNG vanban can place.
///
/// ```
/// assert!(vanban::places::png_info(b"GIF89a").is_err());
/// ```
pub fn png_info(bytes: &[u8]) -> Result<PngInfo, String> {
    const MAGIC: [u8; 8] = [0x89, b'P', b'N', b'G', 0x0d, 0x0a, 0x1a, 0x0a];
    if bytes.len() < 33 || bytes[..8] != MAGIC || &bytes[12..16] != b"IHDR" {
        return Err("is not a PNG file (it must start with the PNG signature and an IHDR chunk)".into());
    }
    let be = |b: &[u8]| u32::from_be_bytes([b[0], b[1], b[2], b[3]]);
    let (width, height) = (be(&bytes[16..20]), be(&bytes[20..24]));
    let color = bytes[25];
    let mut alpha = matches!(color, 4 | 6);
    // walk the chunks for tRNS (transparency of palette or grey/RGB images)
    let mut at = 8;
    while at + 8 <= bytes.len() {
        let len = be(&bytes[at..at + 4]) as usize;
        let kind = &bytes[at + 4..at + 8];
        if kind == b"tRNS" {
            alpha = true;
        }
        if kind == b"IDAT" || kind == b"IEND" {
            break;
        }
        at = at.saturating_add(12).saturating_add(len);
    }
    if width == 0 || height == 0 {
        return Err("has no pixels".into());
    }
    Ok(PngInfo { width, height, alpha })
}
