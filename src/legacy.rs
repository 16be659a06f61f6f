//! The legacy Vietnamese encodings offices still have files in: TCVN3
//! (ABC, the `.VnTime` fonts) and VNI (VNI-Windows, the `VNI-Times` fonts),
//! both 8-bit, read as Windows-1252 by anything that does not know them.
//!
//! - **TCVN3** gives each lower-case letter with its marks one byte in
//!   0xA1–0xFE; it has no upper-case letters with tone marks (the
//!   `.VnTimeH` font draws the lower-case codes as capitals), so a line
//!   whose plain letters are all capitals is turned to capitals whole.
//! - **VNI** writes a base letter followed by a byte for its marks (`a` +
//!   0xF9 = `á`, `a` + 0xE1 = `ấ`), and `ơ ư đ í ì ỉ ĩ ị ỵ` as single bytes.
//!
//! Detection looks only at bytes that are not UTF-8 (real UTF-8 is never
//! read as a legacy encoding) and needs nearly all of their non-ASCII
//! bytes to read as letters of one scheme.

use unicode_normalization::UnicodeNormalization;

/// A legacy encoding.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Legacy {
    Tcvn3,
    Vni,
}

/// Windows-1252's 0x80–0x9F (quotes, dashes), which both schemes leave as
/// they are; unassigned bytes map to themselves as C1 controls.
const CP1252_80: [char; 32] = [
    '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8D}', 'Ž', '\u{8F}', '\u{90}', '‘', '’',
    '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9D}', 'ž', 'Ÿ',
];

/// TCVN3 0xA1–0xFE (`None`: the byte keeps its Windows-1252 meaning).
fn tcvn3(b: u8) -> Option<char> {
    Some(match b {
        0xA1 => 'Ă',
        0xA2 => 'Â',
        0xA3 => 'Ê',
        0xA4 => 'Ô',
        0xA5 => 'Ơ',
        0xA6 => 'Ư',
        0xA7 => 'Đ',
        0xA8 => 'ă',
        0xA9 => 'â',
        0xAA => 'ê',
        0xAB => 'ô',
        0xAC => 'ơ',
        0xAD => 'ư',
        0xAE => 'đ',
        0xB5 => 'à',
        0xB6 => 'ả',
        0xB7 => 'ã',
        0xB8 => 'á',
        0xB9 => 'ạ',
        0xBB => 'ằ',
        0xBC => 'ẳ',
        0xBD => 'ẵ',
        0xBE => 'ắ',
        0xC6 => 'ặ',
        0xC7 => 'ầ',
        0xC8 => 'ẩ',
        0xC9 => 'ẫ',
        0xCA => 'ấ',
        0xCB => 'ậ',
        0xCC => 'è',
        0xCE => 'ẻ',
        0xCF => 'ẽ',
        0xD0 => 'é',
        0xD1 => 'ẹ',
        0xD2 => 'ề',
        0xD3 => 'ể',
        0xD4 => 'ễ',
        0xD5 => 'ế',
        0xD6 => 'ệ',
        0xD7 => 'ì',
        0xD8 => 'ỉ',
        0xDC => 'ĩ',
        0xDD => 'í',
        0xDE => 'ị',
        0xDF => 'ò',
        0xE1 => 'ỏ',
        0xE2 => 'õ',
        0xE3 => 'ó',
        0xE4 => 'ọ',
        0xE5 => 'ồ',
        0xE6 => 'ổ',
        0xE7 => 'ỗ',
        0xE8 => 'ố',
        0xE9 => 'ộ',
        0xEA => 'ờ',
        0xEB => 'ở',
        0xEC => 'ỡ',
        0xED => 'ớ',
        0xEE => 'ợ',
        0xEF => 'ù',
        0xF1 => 'ủ',
        0xF2 => 'ũ',
        0xF3 => 'ú',
        0xF4 => 'ụ',
        0xF5 => 'ừ',
        0xF6 => 'ử',
        0xF7 => 'ữ',
        0xF8 => 'ứ',
        0xF9 => 'ự',
        0xFA => 'ỳ',
        0xFB => 'ỷ',
        0xFC => 'ỹ',
        0xFD => 'ý',
        0xFE => 'ỵ',
        _ => return None,
    })
}

/// A VNI byte that stands for a letter of its own.
fn vni_letter(b: u8) -> Option<char> {
    Some(match b {
        0xD4 => 'Ơ',
        0xF4 => 'ơ',
        0xD6 => 'Ư',
        0xF6 => 'ư',
        0xD1 => 'Đ',
        0xF1 => 'đ',
        0xCD => 'Í',
        0xED => 'í',
        0xCC => 'Ì',
        0xEC => 'ì',
        0xC6 => 'Ỉ',
        0xE6 => 'ỉ',
        0xD3 => 'Ĩ',
        0xF3 => 'ĩ',
        0xD2 => 'Ị',
        0xF2 => 'ị',
        0xCE => 'Ỵ',
        0xEE => 'ỵ',
        _ => return None,
    })
}

/// A VNI byte that puts marks on the letter before it: the combining
/// marks it stands for (the upper-case byte is the lower-case one - 0x20).
fn vni_marks(b: u8) -> Option<&'static [char]> {
    const ACUTE: char = '\u{301}';
    const GRAVE: char = '\u{300}';
    const HOOK: char = '\u{309}';
    const TILDE: char = '\u{303}';
    const DOT: char = '\u{323}';
    const CIRC: char = '\u{302}';
    const BREVE: char = '\u{306}';
    let lower = if (0xC0..=0xDF).contains(&b) { b + 0x20 } else { b };
    Some(match lower {
        0xF9 => &[ACUTE],
        0xF8 => &[GRAVE],
        0xFB => &[HOOK],
        0xF5 => &[TILDE],
        0xEF => &[DOT],
        0xE2 => &[CIRC],
        0xE1 => &[CIRC, ACUTE],
        0xE0 => &[CIRC, GRAVE],
        0xE5 => &[CIRC, HOOK],
        0xE3 => &[CIRC, TILDE],
        0xE4 => &[CIRC, DOT],
        0xEA => &[BREVE],
        0xE9 => &[BREVE, ACUTE],
        0xE8 => &[BREVE, GRAVE],
        0xFA => &[BREVE, HOOK],
        0xFC => &[BREVE, TILDE],
        0xEB => &[BREVE, DOT],
        _ => return None,
    })
}

fn is_vowel(c: char) -> bool {
    matches!(c.to_ascii_lowercase(), 'a' | 'e' | 'i' | 'o' | 'u' | 'y') || matches!(c, 'ơ' | 'Ơ' | 'ư' | 'Ư')
}

fn cp1252(b: u8) -> char {
    if (0x80..0xA0).contains(&b) {
        CP1252_80[(b - 0x80) as usize]
    } else {
        b as char
    }
}

fn is_tcvn3_letter(b: u8) -> bool {
    b.is_ascii_alphabetic() || tcvn3(b).is_some()
}

/// One TCVN3 line. TCVN3 has no capitals with tone marks: `.VnTimeH` draws
/// the lower-case codes as capitals. So a word is set in capitals when its
/// plain letters say so: at least two capitals (`A`–`Z`, `Ă Â Ê Ô Ơ Ư Đ`)
/// and no lower-case letter; a word with one capital and only marked
/// letters (`KÕ`, `Ủ`+`Y`) is in capitals when a word in capitals, or
/// another such word, is next to it with only spaces between (`KẾ HOẠCH`,
/// `ẤP ỦY` but `Số: 125/KH`).
fn tcvn3_line(line: &[u8], out: &mut String) {
    #[derive(Clone, Copy, PartialEq)]
    enum Case {
        Lower,
        Caps,
        Unknown,
    }
    // words: (start, end, case)
    let mut words: Vec<(usize, usize, Case)> = Vec::new();
    let mut i = 0;
    while i < line.len() {
        if !is_tcvn3_letter(line[i]) {
            i += 1;
            continue;
        }
        let start = i;
        let (mut upper, mut lower) = (0, 0);
        while i < line.len() && is_tcvn3_letter(line[i]) {
            let b = line[i];
            if b.is_ascii_uppercase() || (0xA1..=0xA7).contains(&b) {
                upper += 1;
            } else if b.is_ascii_lowercase() || (0xA8..=0xAE).contains(&b) {
                lower += 1;
            }
            i += 1;
        }
        let case = if lower > 0 {
            Case::Lower
        } else if upper >= 2 {
            Case::Caps
        } else {
            Case::Unknown
        };
        words.push((start, i, case));
    }
    let spaced = |a: (usize, usize, Case), b: (usize, usize, Case)| line[a.1..b.0].iter().all(|c| *c == b' ');
    for _ in 0..2 {
        for k in 0..words.len() {
            if words[k].2 != Case::Unknown || words[k].0 == words[k].1 {
                continue;
            }
            // a lone capital with no marked letter is just a capital
            let marked = line[words[k].0..words[k].1].iter().any(|b| *b >= 0x80);
            let capital = |w: (usize, usize, Case)| {
                line[w.0..w.1].iter().any(|b| b.is_ascii_uppercase() || (0xA1..=0xA7).contains(b))
            };
            // next to a word in capitals, or two such words side by side
            let joins = |n: (usize, usize, Case)| {
                n.2 == Case::Caps || (n.2 == Case::Unknown && capital(n) && capital(words[k]))
            };
            let prev = k.checked_sub(1).map(|j| words[j]).filter(|p| joins(*p) && spaced(*p, words[k]));
            let next = words.get(k + 1).copied().filter(|n| joins(*n) && spaced(words[k], *n));
            if marked && (prev.is_some() || next.is_some()) {
                words[k].2 = Case::Caps;
            }
        }
    }
    let decode = |b: u8| if b < 0x80 { b as char } else { tcvn3(b).unwrap_or(cp1252(b)) };
    let mut pos = 0;
    for (start, end, case) in words {
        out.extend(line[pos..start].iter().map(|&b| decode(b)));
        let word: String = line[start..end].iter().map(|&b| decode(b)).collect();
        if case == Case::Caps {
            out.push_str(&word.to_uppercase());
        } else {
            out.push_str(&word);
        }
        pos = end;
    }
    out.extend(line[pos..].iter().map(|&b| decode(b)));
}

/// Decodes `bytes` from `enc`, in NFC.
pub(crate) fn decode(bytes: &[u8], enc: Legacy) -> String {
    match enc {
        Legacy::Tcvn3 => {
            let mut out = String::with_capacity(bytes.len() + bytes.len() / 2);
            for line in bytes.split_inclusive(|b| *b == b'\n') {
                tcvn3_line(line, &mut out);
            }
            out.nfc().collect()
        }
        Legacy::Vni => {
            let mut out = String::with_capacity(bytes.len() + bytes.len() / 2);
            let mut prev: Option<char> = None;
            for &b in bytes {
                let c = if b < 0x80 {
                    out.push(b as char);
                    Some(b as char)
                } else if let (Some(p), Some(marks)) = (prev.filter(|p| is_vowel(*p)), vni_marks(b)) {
                    out.extend(marks.iter());
                    Some(p)
                } else if let Some(l) = vni_letter(b) {
                    out.push(l);
                    Some(l)
                } else {
                    let c = cp1252(b);
                    out.push(c);
                    Some(c)
                };
                prev = c;
            }
            out.nfc().collect()
        }
    }
}

/// The legacy encoding `bytes` (not UTF-8) are in, if nearly every
/// non-ASCII byte reads as a Vietnamese letter of one scheme.
pub(crate) fn detect(bytes: &[u8]) -> Option<Legacy> {
    let non_ascii = bytes.iter().filter(|b| **b >= 0x80).count();
    if non_ascii < 3 {
        return None;
    }
    // TCVN3: letters in 0xA1–0xFE next to a letter or inside a word
    let letter_at = |i: usize| bytes.get(i).is_some_and(|b| b.is_ascii_alphabetic() || tcvn3(*b).is_some());
    let tcvn = (0..bytes.len())
        .filter(|&i| tcvn3(bytes[i]).is_some() && (i > 0 && letter_at(i - 1) || letter_at(i + 1)))
        .count();
    // VNI: a mark byte after a vowel, or a letter byte in a word
    let vni = (0..bytes.len())
        .filter(|&i| {
            let b = bytes[i];
            let after_vowel =
                i > 0 && (is_vowel(bytes[i - 1] as char) || vni_letter(bytes[i - 1]).is_some_and(is_vowel));
            (vni_marks(b).is_some() && after_vowel)
                || (vni_letter(b).is_some() && (i > 0 && bytes[i - 1].is_ascii_alphabetic() || letter_at(i + 1)))
        })
        .count();
    // quotes and dashes of Windows-1252 are explained by both
    let shared = bytes.iter().filter(|b| (0x80..0xA0).contains(*b)).count();
    let explained = |n: usize| (n + shared) as f64 / non_ascii as f64;
    let (t, v) = (explained(tcvn), explained(vni));
    const CONFIDENCE: f64 = 0.9;
    if t >= CONFIDENCE && tcvn > vni {
        Some(Legacy::Tcvn3)
    } else if v >= CONFIDENCE && vni >= tcvn {
        Some(Legacy::Vni)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn latin(s: &str) -> Vec<u8> {
        // the bytes as a Windows-1252 editor shows them (all below 0x100 here)
        s.chars().map(|c| c as u32 as u8).collect()
    }

    #[test]
    fn tcvn3_as_offices_wrote_it() {
        let b =
            latin("KÕ ho¹ch thùc hiÖn\nCéng hoµ x· héi chñ nghÜa ViÖt Nam\n§éc lËp - Tù do - H¹nh phóc\nKÕ HO¹CH\n");
        assert_eq!(detect(&b), Some(Legacy::Tcvn3));
        assert_eq!(
            decode(&b, Legacy::Tcvn3),
            "Kế hoạch thực hiện\nCộng hoà xã hội chủ nghĩa Việt Nam\nĐộc lập - Tự do - Hạnh phúc\nKẾ HOẠCH\n"
        );
        // ư is the soft hyphen's byte: invisible in a Windows-1252 editor
        assert_eq!(decode(b"M\xad\xeang Kh\xad\xacng", Legacy::Tcvn3), "Mường Khương");
    }

    #[test]
    fn vni_as_offices_wrote_it() {
        let b = latin(
            "Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam\nÑoäc laäp - Töï do - Haïnh phuùc\nKEÁ HOAÏCH\nMöôøng Khöông",
        );
        assert_eq!(detect(&b), Some(Legacy::Vni));
        assert_eq!(
            decode(&b, Legacy::Vni),
            "Cộng hòa xã hội chủ nghĩa Việt Nam\nĐộc lập - Tự do - Hạnh phúc\nKẾ HOẠCH\nMường Khương"
        );
    }

    #[test]
    fn windows_1252_text_and_few_bytes_are_not_taken_for_vietnamese() {
        assert_eq!(detect(&latin("Café crème brûlée, « déjà vu » — naïve façade.")), None);
        assert_eq!(detect(&latin("Straße")), None);
    }
}
