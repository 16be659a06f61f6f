//! Plans in the encodings offices still have files in (issue 15): UTF-16
//! with a byte-order mark, and the legacy TCVN3 (ABC) and VNI. The same plan
//! in each renders to the same bytes; the legacy ones say so in a warning;
//! every Vietnamese letter with every tone mark, in both cases, survives.
//!
//! The encoders here are written from the letters' decompositions, apart
//! from the library's decoding tables.

use unicode_normalization::UnicodeNormalization;
use vanban::input::{decode, load, Encoding, InputKind};

/// Every Vietnamese vowel with every tone, and đ, lower case.
fn alphabet() -> String {
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
fn to_vni(s: &str) -> Vec<u8> {
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
fn to_tcvn3(s: &str) -> Vec<u8> {
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

#[test]
fn every_letter_and_tone_in_both_cases_through_vni() {
    for text in [alphabet(), alphabet().to_uppercase()] {
        let bytes = to_vni(&text);
        let (back, enc) = decode(&bytes).unwrap();
        assert_eq!(enc, Encoding::Vni);
        assert_eq!(back, text);
    }
}

#[test]
fn every_letter_and_tone_through_tcvn3_capitals_on_lines_in_capitals() {
    let lower = alphabet();
    let upper = lower.to_uppercase();
    let text = format!("{lower}\n{upper}\n");
    let (back, enc) = decode(&to_tcvn3(&text)).unwrap();
    assert_eq!(enc, Encoding::Tcvn3);
    assert_eq!(back, text);
}

/// A plan whose capitals with marks are all on lines in capitals (as a
/// TCVN3 file can hold it).
const PLAN: &str = "+++
[issuer]
parent = \"UBND TỈNH LÀO CAI\"
name = \"SỞ CÔNG THƯƠNG\"
code = \"SCT\"
+++
Số: 125/KH-SCT

Lào Cai, ngày 12 tháng 3 năm 2026

KẾ HOẠCH

Kiểm tra hoạt động kinh doanh xăng dầu trên địa bàn tỉnh năm 2026

I. MỤC ĐÍCH, YÊU CẦU
1. Mục đích
Nâng cao hiệu lực, hiệu quả quản lý nhà nước đối với hoạt động kinh doanh xăng dầu; phát hiện, xử lý kịp thời các hành vi vi phạm.
2. Yêu cầu
Việc kiểm tra bảo đảm đúng quy định, khách quan, không gây phiền hà cho doanh nghiệp.
II. TỔ CHỨC THỰC HIỆN
Giao phòng Quản lý thương mại chủ trì, phối hợp với các đơn vị liên quan triển khai thực hiện Kế hoạch này.

Nơi nhận:
- UBND tỉnh (để b/c);
- Lưu: VT, QLTM.

GIÁM ĐỐC

Nguyễn Văn An
";

#[test]
fn the_same_plan_in_every_encoding_renders_the_same_bytes() {
    let utf8 = load(PLAN.as_bytes(), InputKind::Text).unwrap();
    assert!(utf8.warnings.is_empty(), "{:?}", utf8.warnings);
    let (pdf, docx) = (utf8.plan.to_pdf().unwrap(), utf8.plan.to_docx().unwrap());
    let le: Vec<u8> = [0xFF, 0xFE].into_iter().chain(PLAN.encode_utf16().flat_map(u16::to_le_bytes)).collect();
    let be: Vec<u8> = [0xFE, 0xFF].into_iter().chain(PLAN.encode_utf16().flat_map(u16::to_be_bytes)).collect();
    for (bytes, enc) in [
        (le, Encoding::Utf16Le),
        (be, Encoding::Utf16Be),
        (to_tcvn3(PLAN), Encoding::Tcvn3),
        (to_vni(PLAN), Encoding::Vni),
    ] {
        let l = load(&bytes, InputKind::Text).unwrap_or_else(|e| panic!("{enc}: {e}"));
        assert_eq!(l.encoding, enc);
        assert_eq!(l.plan, utf8.plan, "{enc}");
        assert_eq!(l.plan.to_pdf().unwrap(), pdf, "{enc}");
        assert_eq!(l.plan.to_docx().unwrap(), docx, "{enc}");
        let warned = l.warnings.iter().any(|w| w.message.contains(&enc.to_string()));
        assert_eq!(warned, enc.is_legacy(), "{enc}: {:?}", l.warnings);
    }
}

#[test]
fn real_utf8_is_never_read_as_a_legacy_encoding() {
    // UTF-8 whose bytes are all in TCVN3's and VNI's letter ranges
    for s in [PLAN.to_owned(), alphabet(), alphabet().to_uppercase(), "Café crème brûlée".to_owned()] {
        assert_eq!(decode(s.as_bytes()).unwrap(), (s.clone(), Encoding::Utf8));
    }
}
