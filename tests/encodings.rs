//! Plans in the encodings offices still have files in (issue 15): UTF-16
//! with a byte-order mark, and the legacy TCVN3 (ABC) and VNI. The same plan
//! in each renders to the same bytes; the legacy ones say so in a warning;
//! every Vietnamese letter with every tone mark, in both cases, survives.
//!
//! The encoders here are written from the letters' decompositions, apart
//! from the library's decoding tables.

mod common;

use common::legacy::{alphabet, to_tcvn3, to_vni};
use vanban::input::{decode, load, Encoding, InputKind};

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
