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
        let k = 25.4 / 72.0;
        Rect { x: self.x * k, y: self.y * k, w: self.w * k, h: self.h * k }
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
