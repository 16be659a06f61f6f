//! Encoders to the legacy Vietnamese encodings, written from the letters'
//! decompositions, apart from the library's decoding tables.

use unicode_normalization::UnicodeNormalization;

/// Every Vietnamese vowel with every tone, and đ, lower case.
pub fn alphabet() -> String {
    let mut s = String::new();
    for base in ["a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y"] {
        for tone in ["", "\u{300}", "\u{301}", "\u{309}", "\u{303}", "\u{323}"] {
            s.extend(format!("{base}{tone}").nfc());
        }
        s.push(' ');
    }
    s.push_str("đ bcdghklmnpqrstvx");
    s
}

/// VNI: base letter, then one byte for its marks (or a letter byte).
pub fn to_vni(s: &str) -> Vec<u8> {
    let mut out = Vec::new();
    for c in s.chars() {
        if c.is_ascii() {
            out.push(c as u8);
            continue;
        }
        let upper = c.is_uppercase();
        let d: Vec<char> = c.to_lowercase().collect::<String>().nfd().collect();
        let (base, marks) = (d[0], &d[1..]);
        let shift = |b: u8| if upper { b - 0x20 } else { b };
        let tone = marks.iter().find(|m| matches!(m, '\u{300}' | '\u{301}' | '\u{309}' | '\u{303}' | '\u{323}'));
        let horn = marks.contains(&'\u{31B}');
        let circ = marks.contains(&'\u{302}');
        let breve = marks.contains(&'\u{306}');
        if c == 'đ' || c == 'Đ' {
            out.push(shift(0xF1));
            continue;
        }
        // letters VNI writes as one byte
        let one = match (base, horn, tone) {
            ('i', _, Some('\u{301}')) => Some(0xED),
            ('i', _, Some('\u{300}')) => Some(0xEC),
            ('i', _, Some('\u{309}')) => Some(0xE6),
            ('i', _, Some('\u{303}')) => Some(0xF3),
            ('i', _, Some('\u{323}')) => Some(0xF2),
            ('y', _, Some('\u{323}')) => Some(0xEE),
            _ => None,
        };
        if let Some(b) = one {
            out.push(shift(b));
            continue;
        }
        // the base: o/u with a horn are letters of their own
        match (base, horn) {
            ('o', true) => out.push(shift(0xF4)),
            ('u', true) => out.push(shift(0xF6)),
            _ => out.push(if upper { base.to_ascii_uppercase() as u8 } else { base as u8 }),
        }
        let mark = match (circ, breve, tone) {
            (true, _, None) => Some(0xE2),
            (true, _, Some('\u{301}')) => Some(0xE1),
            (true, _, Some('\u{300}')) => Some(0xE0),
            (true, _, Some('\u{309}')) => Some(0xE5),
            (true, _, Some('\u{303}')) => Some(0xE3),
            (true, _, Some('\u{323}')) => Some(0xE4),
            (_, true, None) => Some(0xEA),
            (_, true, Some('\u{301}')) => Some(0xE9),
            (_, true, Some('\u{300}')) => Some(0xE8),
            (_, true, Some('\u{309}')) => Some(0xFA),
            (_, true, Some('\u{303}')) => Some(0xFC),
            (_, true, Some('\u{323}')) => Some(0xEB),
            (_, _, Some('\u{301}')) => Some(0xF9),
            (_, _, Some('\u{300}')) => Some(0xF8),
            (_, _, Some('\u{309}')) => Some(0xFB),
            (_, _, Some('\u{303}')) => Some(0xF5),
            (_, _, Some('\u{323}')) => Some(0xEF),
            _ => None,
        };
        if let Some(m) = mark {
            out.push(shift(m));
        }
    }
    out
}

/// TCVN3: the letter's position in the standard's table of lower-case
/// letters (upper case only on lines in capitals, drawn by `.VnTimeH`).
pub fn to_tcvn3(s: &str) -> Vec<u8> {
    // TCVN 5712:1993 VN3, row by row: base letters, then each vowel's five tones
    const ROWS: [(&str, &[u8]); 13] = [
        ("ĂÂÊÔƠƯĐăâêôơưđ", &[0xA1, 0xA2, 0xA3, 0xA4, 0xA5, 0xA6, 0xA7, 0xA8, 0xA9, 0xAA, 0xAB, 0xAC, 0xAD, 0xAE]),
        ("àảãáạ", &[0xB5, 0xB6, 0xB7, 0xB8, 0xB9]),
        ("ằẳẵắặ", &[0xBB, 0xBC, 0xBD, 0xBE, 0xC6]),
        ("ầẩẫấậ", &[0xC7, 0xC8, 0xC9, 0xCA, 0xCB]),
        ("èẻẽéẹ", &[0xCC, 0xCE, 0xCF, 0xD0, 0xD1]),
        ("ềểễếệ", &[0xD2, 0xD3, 0xD4, 0xD5, 0xD6]),
        ("ìỉĩíị", &[0xD7, 0xD8, 0xDC, 0xDD, 0xDE]),
        ("òỏõóọ", &[0xDF, 0xE1, 0xE2, 0xE3, 0xE4]),
        ("ồổỗốộ", &[0xE5, 0xE6, 0xE7, 0xE8, 0xE9]),
        ("ờởỡớợ", &[0xEA, 0xEB, 0xEC, 0xED, 0xEE]),
        ("ùủũúụ", &[0xEF, 0xF1, 0xF2, 0xF3, 0xF4]),
        ("ừửữứự", &[0xF5, 0xF6, 0xF7, 0xF8, 0xF9]),
        ("ỳỷỹýỵ", &[0xFA, 0xFB, 0xFC, 0xFD, 0xFE]),
    ];
    let mut out = Vec::new();
    for c in s.chars() {
        if c.is_ascii() {
            out.push(c as u8);
            continue;
        }
        let find =
            |c: char| ROWS.iter().find_map(|(letters, bytes)| letters.chars().position(|l| l == c).map(|i| bytes[i]));
        let b = find(c)
            .or_else(|| c.to_lowercase().next().and_then(find))
            .unwrap_or_else(|| panic!("{c:?} has no TCVN3 byte"));
        out.push(b);
    }
    out
}
