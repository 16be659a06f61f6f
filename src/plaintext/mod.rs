//! The plain-text plan format: plans as clerks already write them.
//!
//! ```text
//! +++
//! [issuer]
//! parent = "UBND TỈNH ĐẮK NÔNG"
//! name = "SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH"
//! code = "SVHTTDL"
//! +++
//! Số: 46/KH-SVHTTDL
//!
//! Đắk Nông, ngày 22 tháng 10 năm 2021
//!
//! KẾ HOẠCH
//!
//! Hưởng ứng phong trào thi đua …
//!
//! Nhằm tổ chức thực hiện tốt … như sau:
//!
//! I. MỤC ĐÍCH, YÊU CẦU
//!
//! 1. Mục đích
//!
//! - Phát huy tinh thần thi đua …
//!
//! Trên đây là Kế hoạch …./.
//!
//! Nơi nhận:
//! - Sở Nội vụ (b/c);
//! - Lưu: VT, VP.
//!
//! GIÁM ĐỐC
//!
//! Lê Ngọc Quang
//! ```
//!
//! - The front matter (optional, between two lines that are exactly `+++`)
//!   is TOML with the model's field names ([`Plan`](crate::Plan)); it carries what the
//!   text lacks (the agency) and may carry any other field. A value given in
//!   both places must agree.
//! - Each part is recognised from its own line: `Số: …`, `<Place>, ngày …
//!   tháng … năm …`, the document type (`KẾ HOẠCH`) followed by the title
//!   (up to the first blank line), preamble paragraphs, `I.` sections, `1.`
//!   items (a short line without final punctuation is a titled item), `a)`
//!   points (also `- a)`), `-` and `+` bullets, free paragraphs, the closing
//!   paragraph (`Trên đây …`), `Nơi nhận:` with its lines, and the signer's
//!   title lines and name at the end.
//! - A paragraph cut in two by a blank line (the first half does not end a
//!   sentence, the second starts in lower case) is joined.
//! - A line starting with `\` is a plain paragraph even when it looks like a
//!   marker (the writer uses this to keep paragraphs such as "- 5 %" as
//!   written).

mod parse;
pub(crate) mod structure;
pub(crate) mod write;

pub use parse::{parse, ParseWarning, Parsed};
