//! Plans from files: the bytes decoded (UTF-8, or UTF-16 with its byte-order
//! mark, as Windows Notepad saves it), the kind told from the file name or
//! the content, then parsed by the plain-text parser or serde.
//!
//! ```
//! use vanban::input::{load, InputKind};
//! // read, but not a plan: validation says what is missing
//! let loaded = load("ÔNG BÀ\n".as_bytes(), InputKind::Text)?;
//! assert!(loaded.plan.validate().has_errors());
//!
//! let bytes = include_bytes!("../fixtures/text/000_b9e7d6f373767c93.txt");
//! let loaded = load(bytes, InputKind::Text)?;
//! assert_eq!(loaded.plan.number, Some(46));
//! # Ok::<(), vanban::Error>(())
//! ```

use std::path::Path;

use crate::{Error, Plan};

/// The text encodings vanban reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Encoding {
    /// UTF-8, with or without a byte-order mark.
    Utf8,
    /// UTF-16 little-endian with its byte-order mark (`FF FE`): Windows
    /// Notepad's "Unicode".
    Utf16Le,
    /// UTF-16 big-endian with its byte-order mark (`FE FF`).
    Utf16Be,
    /// TCVN3 (ABC), the 8-bit encoding of the `.VnTime` fonts.
    Tcvn3,
    /// VNI-Windows, the 8-bit encoding of the `VNI-Times` fonts.
    Vni,
}

impl Encoding {
    /// True for TCVN3 and VNI, which a file is converted from (with a warning).
    pub fn is_legacy(self) -> bool {
        matches!(self, Encoding::Tcvn3 | Encoding::Vni)
    }
}

impl std::fmt::Display for Encoding {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Encoding::Utf8 => "UTF-8",
            Encoding::Utf16Le => "UTF-16 LE",
            Encoding::Utf16Be => "UTF-16 BE",
            Encoding::Tcvn3 => "TCVN3 (ABC)",
            Encoding::Vni => "VNI",
        })
    }
}

/// Decodes a text file: UTF-8 (a leading byte-order mark dropped), or
/// UTF-16 when it starts with a byte-order mark. Bytes that are not UTF-8
/// are tried as the legacy Vietnamese encodings TCVN3 (ABC) and VNI: when
/// nearly all their non-ASCII bytes read as Vietnamese letters of one of
/// them, the text is converted (to NFC). Anything else is an error that
/// says which byte is wrong and what to do.
///
/// ```
/// use vanban::input::{decode, Encoding};
/// let utf16: Vec<u8> = [0xFF, 0xFE].into_iter()
///     .chain("Kế hoạch".encode_utf16().flat_map(|u| u.to_le_bytes()))
///     .collect();
/// assert_eq!(decode(&utf16)?, ("Kế hoạch".to_owned(), Encoding::Utf16Le));
/// assert_eq!(decode("Kế hoạch".as_bytes())?.1, Encoding::Utf8);
/// assert!(decode(&[0x4B, 0xD5, 0x20]).is_err());
/// # Ok::<(), vanban::Error>(())
/// ```
pub fn decode(bytes: &[u8]) -> Result<(String, Encoding), Error> {
    let utf16 = |body: &[u8], enc: Encoding| -> Result<(String, Encoding), Error> {
        if body.len() % 2 != 0 {
            return Err(Error::Text {
                line: 0,
                message: format!("the file starts as {enc} but has an odd number of bytes: it is cut short or not {enc}; save it again as UTF-8"),
            });
        }
        let units = body.chunks_exact(2).map(|b| match enc {
            Encoding::Utf16Le => u16::from_le_bytes([b[0], b[1]]),
            _ => u16::from_be_bytes([b[0], b[1]]),
        });
        let s: Result<String, _> = char::decode_utf16(units).collect();
        s.map(|s| (s, enc)).map_err(|e| Error::Text {
            line: 0,
            message: format!(
                "the {enc} text has an unpaired surrogate (0x{:04X}): the file is damaged; save it again as UTF-8",
                e.unpaired_surrogate()
            ),
        })
    };
    match bytes {
        [0xFF, 0xFE, rest @ ..] => utf16(rest, Encoding::Utf16Le),
        [0xFE, 0xFF, rest @ ..] => utf16(rest, Encoding::Utf16Be),
        _ => {
            let body = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
            match std::str::from_utf8(body) {
                Ok(s) => Ok((s.to_owned(), Encoding::Utf8)),
                Err(_) if crate::legacy::detect(body).is_some() => {
                    let enc = crate::legacy::detect(body).unwrap_or(crate::legacy::Legacy::Vni);
                    Ok((crate::legacy::decode(body, enc), legacy_encoding(enc)))
                }
                Err(e) => {
                    let at = e.valid_up_to();
                    let line = body[..at].iter().filter(|b| **b == b'\n').count() + 1;
                    Err(Error::Text {
                        line,
                        message: format!(
                            "byte 0x{:02X} at offset {at} is not UTF-8: the file is in another encoding (a legacy Vietnamese one such as TCVN3 or VNI, or Windows-1258); save it as UTF-8 (or UTF-16 with a byte-order mark)",
                            body[at]
                        ),
                    })
                }
            }
        }
    }
}

fn legacy_encoding(l: crate::legacy::Legacy) -> Encoding {
    match l {
        crate::legacy::Legacy::Tcvn3 => Encoding::Tcvn3,
        crate::legacy::Legacy::Vni => Encoding::Vni,
    }
}

/// Decodes bytes known to be in `encoding` (a command's `--encoding`), for
/// when detection cannot tell or should not guess.
///
/// ```
/// use vanban::input::{decode_as, Encoding};
/// assert_eq!(decode_as(b"K\xd5 ho\xb9ch", Encoding::Tcvn3)?, "Kế hoạch");
/// assert_eq!(decode_as(b"Ke\xe1 hoa\xefch", Encoding::Vni)?, "Kế hoạch");
/// # Ok::<(), vanban::Error>(())
/// ```
pub fn decode_as(bytes: &[u8], encoding: Encoding) -> Result<String, Error> {
    match encoding {
        Encoding::Tcvn3 => Ok(crate::legacy::decode(bytes, crate::legacy::Legacy::Tcvn3)),
        Encoding::Vni => Ok(crate::legacy::decode(bytes, crate::legacy::Legacy::Vni)),
        Encoding::Utf16Le | Encoding::Utf16Be => {
            let bom: [u8; 2] = if encoding == Encoding::Utf16Le { [0xFF, 0xFE] } else { [0xFE, 0xFF] };
            let body = bytes.strip_prefix(&bom).unwrap_or(bytes);
            let with_bom: Vec<u8> = bom.iter().chain(body).copied().collect();
            decode(&with_bom).map(|(s, _)| s)
        }
        Encoding::Utf8 => match decode(bytes)? {
            (s, Encoding::Utf8) => Ok(s),
            (_, other) => Err(Error::Text {
                line: 0,
                message: format!("the file was asked for as UTF-8 but is not (it reads as {other}); leave the encoding out to let vanban detect it"),
            }),
        },
    }
}

/// What a plan file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum InputKind {
    /// The plain-text format ([`crate::plaintext`]).
    Text,
    /// The model as TOML.
    Toml,
    /// The model as JSON.
    Json,
    /// A Word draft (DOCX), read by [`crate::import`].
    Docx,
}

impl InputKind {
    /// The kind a file name says (`.txt`/`.text`, `.toml`, `.json`,
    /// `.docx`, any case), if any.
    ///
    /// ```
    /// use vanban::input::InputKind;
    /// assert_eq!(InputKind::from_path("plans/KH-46.TXT".as_ref()), Some(InputKind::Text));
    /// assert_eq!(InputKind::from_path("du-thao.docx".as_ref()), Some(InputKind::Docx));
    /// assert_eq!(InputKind::from_path("plan.doc".as_ref()), None);
    /// ```
    pub fn from_path(path: &Path) -> Option<InputKind> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "txt" | "text" => Some(InputKind::Text),
            "toml" => Some(InputKind::Toml),
            "json" => Some(InputKind::Json),
            "docx" => Some(InputKind::Docx),
            _ => None,
        }
    }

    /// The kind the content looks like, for input with no file name
    /// (standard input): a DOCX is a zip (`PK\x03\x04`); JSON starts with `{`; TOML has `key = value`
    /// lines before any plain-text heading; the rest is plain text (whose
    /// front matter starts with `+++`).
    ///
    /// ```
    /// use vanban::input::InputKind;
    /// assert_eq!(InputKind::sniff("{\"place\": \"Hà Nội\"}"), InputKind::Json);
    /// assert_eq!(InputKind::sniff("place = \"Hà Nội\"\n"), InputKind::Toml);
    /// assert_eq!(InputKind::sniff("UBND TỈNH ĐẮK NÔNG\nSỞ VĂN HÓA\n"), InputKind::Text);
    /// ```
    pub fn sniff(content: &str) -> InputKind {
        if content.starts_with("PK\u{3}\u{4}") {
            return InputKind::Docx;
        }
        let head = content.trim_start_matches('\u{feff}').trim_start();
        if head.starts_with('{') {
            InputKind::Json
        } else if head.starts_with("+++") {
            InputKind::Text
        } else if head.lines().next().is_some_and(is_toml_line) {
            InputKind::Toml
        } else {
            InputKind::Text
        }
    }
}

/// `key = …` or `[table]`: the first line of a TOML model.
fn is_toml_line(line: &str) -> bool {
    let l = line.trim();
    if l.starts_with('[') && l.ends_with(']') {
        return l[1..l.len() - 1]
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.' | '[' | ']'));
    }
    match l.split_once('=') {
        Some((k, _)) => {
            let k = k.trim();
            !k.is_empty() && k.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'))
        }
        None => false,
    }
}

/// A plan read from a file, with what was noticed on the way.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Loaded {
    /// The plan.
    pub plan: Plan,
    /// The encoding the bytes were in.
    pub encoding: Encoding,
    /// What the plain-text parser fixed or could not place (none for TOML
    /// and JSON).
    pub warnings: Vec<crate::plaintext::ParseWarning>,
}

/// Decodes and parses a plan file's bytes. Text converted from TCVN3 or
/// VNI gets a warning naming the encoding.
pub fn load(bytes: &[u8], kind: InputKind) -> Result<Loaded, Error> {
    if kind == InputKind::Docx {
        return load_docx(bytes);
    }
    let (text, encoding) = decode(bytes)?;
    load_decoded(&text, encoding, kind)
}

/// [`load`] with the encoding given instead of detected.
///
/// A DOCX's encoding is its XML's (UTF-8); runs in legacy fonts are
/// converted by the import, which warns.
pub fn load_as(bytes: &[u8], encoding: Encoding, kind: InputKind) -> Result<Loaded, Error> {
    if kind == InputKind::Docx {
        return load_docx(bytes);
    }
    let text = decode_as(bytes, encoding)?;
    load_decoded(&text, encoding, kind)
}

fn load_docx(bytes: &[u8]) -> Result<Loaded, Error> {
    let imported = crate::import::docx(bytes)?;
    Ok(Loaded { plan: imported.parsed.plan, encoding: Encoding::Utf8, warnings: imported.parsed.warnings })
}

fn load_decoded(text: &str, encoding: Encoding, kind: InputKind) -> Result<Loaded, Error> {
    let (plan, mut warnings) = match kind {
        InputKind::Json => (Plan::from_json(text)?, Vec::new()),
        InputKind::Toml => (Plan::from_toml(text)?, Vec::new()),
        InputKind::Text => {
            let parsed = crate::plaintext::parse(text)?;
            (parsed.plan, parsed.warnings)
        }
        InputKind::Docx => return load_docx(text.as_bytes()),
    };
    if encoding.is_legacy() {
        warnings.insert(
            0,
            crate::plaintext::ParseWarning {
                line: 1,
                message: format!(
                    "the file is in {encoding}, not Unicode: it was converted; check its Vietnamese letters and save it as UTF-8"
                ),
            },
        );
    }
    Ok(Loaded { plan, encoding, warnings })
}

/// Reads and parses a plan file; the kind comes from its extension, else
/// from its content. Signature and seal images the plan names by path are
/// read from beside the file.
///
/// ```no_run
/// let loaded = vanban::input::load_file("plans/KH-46.txt".as_ref())?;
/// let pdf = loaded.plan.to_pdf()?;
/// # Ok::<(), vanban::Error>(())
/// ```
pub fn load_file(path: &Path) -> Result<Loaded, Error> {
    load_file_as(path, None)
}

/// [`load_file`], with the encoding forced when `encoding` is given.
pub fn load_file_as(path: &Path, encoding: Option<Encoding>) -> Result<Loaded, Error> {
    let bytes = std::fs::read(path)?;
    let kind = match InputKind::from_path(path) {
        Some(k) => k,
        None => InputKind::sniff(&String::from_utf8_lossy(&bytes[..bytes.len().min(4096)])),
    };
    let mut loaded = match encoding {
        Some(e) => load_as(&bytes, e, kind)?,
        None => load(&bytes, kind)?,
    };
    loaded.plan.load_signing_images(path.parent().unwrap_or(Path::new(".")))?;
    Ok(loaded)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf16(s: &str, le: bool) -> Vec<u8> {
        let bom: [u8; 2] = if le { [0xFF, 0xFE] } else { [0xFE, 0xFF] };
        bom.into_iter()
            .chain(s.encode_utf16().flat_map(|u| if le { u.to_le_bytes() } else { u.to_be_bytes() }))
            .collect()
    }

    #[test]
    fn the_same_plan_in_utf8_and_utf16_parses_the_same() {
        let text = include_str!("../fixtures/text/000_b9e7d6f373767c93.txt");
        let a = load(text.as_bytes(), InputKind::Text).unwrap();
        let bom: Vec<u8> = [0xEF, 0xBB, 0xBF].iter().chain(text.as_bytes()).copied().collect();
        for (bytes, enc) in
            [(utf16(text, true), Encoding::Utf16Le), (utf16(text, false), Encoding::Utf16Be), (bom, Encoding::Utf8)]
        {
            let b = load(&bytes, InputKind::Text).unwrap();
            assert_eq!(b.encoding, enc);
            assert_eq!(b.plan, a.plan);
        }
    }

    #[test]
    fn damaged_utf16_and_non_utf8_are_errors_that_say_what_to_do() {
        let mut odd = utf16("Kế hoạch", true);
        odd.push(0);
        let e = decode(&odd).unwrap_err().to_string();
        assert!(e.contains("odd number of bytes") && e.contains("UTF-8"), "{e}");
        let lone = [0xFF, 0xFE, 0x00, 0xD8, 0x41, 0x00];
        assert!(decode(&lone).unwrap_err().to_string().contains("unpaired surrogate"));
        let e = decode(b"line one\nK\xd5 ho\xb9ch").unwrap_err();
        assert!(matches!(e, Error::Text { line: 2, .. }), "{e}");
        assert!(e.to_string().contains("TCVN3"), "{e}");
    }

    #[test]
    fn kinds_from_names_and_content() {
        assert_eq!(InputKind::sniff("[issuer]\nname = \"SỞ\"\n"), InputKind::Toml);
        assert_eq!(InputKind::sniff("+++\n[issuer]\n+++\nUBND\n"), InputKind::Text);
        assert_eq!(InputKind::sniff("I. MỤC ĐÍCH = YÊU CẦU\n"), InputKind::Text);
        assert_eq!(InputKind::from_path(Path::new("a.Json")), Some(InputKind::Json));
    }
}
