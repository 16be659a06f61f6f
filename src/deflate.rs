//! Deflate for the DOCX's zip entries (raw deflate) and the PDF's content
//! streams (zlib, what `/FlateDecode` reads), with one compressor per thread
//! for each kind, reset between streams. A new zlib-rs compressor allocates
//! and clears about 400 KB (5 % of `to_docx`'s instructions, and the page
//! faults of fresh memory); a reset one clears its hash table only, and
//! gives the bytes a new one gives. Each thread that has written a DOCX or
//! a PDF keeps its compressors (≈ 400 KB each) for its life.

use std::cell::RefCell;
use std::io::Write;

use flate2::write::{DeflateEncoder, ZlibEncoder};
use flate2::Compression;

/// The format around the deflated data.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Wrap {
    /// Raw deflate, as a zip entry holds it.
    Raw,
    /// The zlib header and checksum, as a PDF's `/FlateDecode` reads it.
    Zlib,
}

thread_local! {
    /// This thread's compressor of each format, with its level.
    static RAW: RefCell<Option<(u32, DeflateEncoder<Vec<u8>>)>> = const { RefCell::new(None) };
    static ZLIB: RefCell<Option<(u32, ZlibEncoder<Vec<u8>>)>> = const { RefCell::new(None) };
}

/// The body of [`deflate`] for one encoder type (flate2's writers share
/// their methods but no trait): reset the thread's encoder (a new one when
/// the level differs), write, finish, take the bytes.
macro_rules! reuse {
    ($slot:expr, $encoder:ident, $bytes:expr, $level:expr) => {
        $slot.with(|slot| {
            let mut slot = slot.borrow_mut();
            if slot.as_ref().is_none_or(|(l, _)| *l != $level) {
                *slot = Some(($level, $encoder::new(Vec::new(), Compression::new($level))));
            }
            let Some((_, e)) = slot.as_mut() else { unreachable!("set above") };
            // `reset` first ends the last stream, already ended, into the
            // emptied Vec: a reset encoder gives the bytes a new one gives
            let out = Vec::with_capacity($bytes.len() / 3 + 64);
            let result = e.reset(out).and_then(|_| e.write_all($bytes)).and_then(|()| e.try_finish());
            match result {
                Ok(()) => Ok(std::mem::take(e.get_mut())),
                Err(x) => {
                    // the next call starts with a new encoder
                    *slot = None;
                    Err(x)
                }
            }
        })
    };
}

/// `bytes` deflated at `level` in format `wrap`.
pub(crate) fn deflate(bytes: &[u8], level: u32, wrap: Wrap) -> std::io::Result<Vec<u8>> {
    match wrap {
        Wrap::Raw => reuse!(RAW, DeflateEncoder, bytes, level),
        Wrap::Zlib => reuse!(ZLIB, ZlibEncoder, bytes, level),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    #[test]
    fn the_bytes_of_a_new_encoder_in_both_formats_again_and_again() {
        let text: Vec<u8> =
            (0..40_000u32).flat_map(|i| format!("Kế hoạch {i} {} ", i * 7919 % 1000).into_bytes()).collect();
        for (level, wrap) in [(1, Wrap::Raw), (2, Wrap::Zlib), (1, Wrap::Raw), (6, Wrap::Zlib)] {
            for input in [&text[..], b"", &text[..100], &text[..]] {
                let mine = deflate(input, level, wrap).unwrap();
                let theirs = match wrap {
                    Wrap::Raw => {
                        let mut e = flate2::write::DeflateEncoder::new(Vec::new(), Compression::new(level));
                        e.write_all(input).unwrap();
                        e.finish().unwrap()
                    }
                    Wrap::Zlib => {
                        let mut e = flate2::write::ZlibEncoder::new(Vec::new(), Compression::new(level));
                        e.write_all(input).unwrap();
                        e.finish().unwrap()
                    }
                };
                assert_eq!(mine, theirs, "level {level} {wrap:?}, {} bytes", input.len());
                let mut back = Vec::new();
                match wrap {
                    Wrap::Raw => flate2::read::DeflateDecoder::new(&mine[..]).read_to_end(&mut back),
                    Wrap::Zlib => flate2::read::ZlibDecoder::new(&mine[..]).read_to_end(&mut back),
                }
                .unwrap();
                assert_eq!(back, input);
            }
        }
    }
}
