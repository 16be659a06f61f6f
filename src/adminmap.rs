//! The administrative map from 1 July 2025 (spec §10): 34 provinces instead
//! of 63, and no district level (Nghị quyết 202/2025/QH15 of 12 June 2025 on
//! the arrangement of provincial units; the district level ended the same
//! day). A plan dated on or after that day that names a merged province or a
//! district-level unit was almost certainly typed on an old template: it gets
//! a warning, never an error.
//!
//! Names are matched with and without the unit word (TỈNH, THÀNH PHỐ, TP.),
//! in any case and in both tone-mark styles (Hòa / Hoà).

/// The day the new map took effect.
pub const EFFECTIVE: (i32, u32, u32) = (2025, 7, 1);

/// The resolution it comes from.
pub const RESOLUTION: &str = "Nghị quyết 202/2025/QH15";

/// The 34 provinces and centrally-run cities from 1 July 2025, each with the
/// former provinces merged into it (the first is the one whose name it kept,
/// when it kept one). Eleven were not merged.
pub const PROVINCES: [(&str, &[&str]); 34] = [
    ("Hà Nội", &[]),
    ("Huế", &[]),
    ("Lai Châu", &[]),
    ("Điện Biên", &[]),
    ("Sơn La", &[]),
    ("Lạng Sơn", &[]),
    ("Quảng Ninh", &[]),
    ("Thanh Hóa", &[]),
    ("Nghệ An", &[]),
    ("Hà Tĩnh", &[]),
    ("Cao Bằng", &[]),
    ("Tuyên Quang", &["Tuyên Quang", "Hà Giang"]),
    ("Lào Cai", &["Lào Cai", "Yên Bái"]),
    ("Thái Nguyên", &["Thái Nguyên", "Bắc Kạn"]),
    ("Phú Thọ", &["Phú Thọ", "Vĩnh Phúc", "Hòa Bình"]),
    ("Bắc Ninh", &["Bắc Ninh", "Bắc Giang"]),
    ("Hưng Yên", &["Hưng Yên", "Thái Bình"]),
    ("Hải Phòng", &["Hải Phòng", "Hải Dương"]),
    ("Ninh Bình", &["Ninh Bình", "Hà Nam", "Nam Định"]),
    ("Quảng Trị", &["Quảng Trị", "Quảng Bình"]),
    ("Đà Nẵng", &["Đà Nẵng", "Quảng Nam"]),
    ("Quảng Ngãi", &["Quảng Ngãi", "Kon Tum"]),
    ("Gia Lai", &["Gia Lai", "Bình Định"]),
    ("Khánh Hòa", &["Khánh Hòa", "Ninh Thuận"]),
    ("Lâm Đồng", &["Lâm Đồng", "Đắk Nông", "Bình Thuận"]),
    ("Đắk Lắk", &["Đắk Lắk", "Phú Yên"]),
    ("Hồ Chí Minh", &["Hồ Chí Minh", "Bình Dương", "Bà Rịa - Vũng Tàu"]),
    ("Đồng Nai", &["Đồng Nai", "Bình Phước"]),
    ("Tây Ninh", &["Tây Ninh", "Long An"]),
    ("Cần Thơ", &["Cần Thơ", "Sóc Trăng", "Hậu Giang"]),
    ("Vĩnh Long", &["Vĩnh Long", "Bến Tre", "Trà Vinh"]),
    ("Đồng Tháp", &["Đồng Tháp", "Tiền Giang"]),
    ("Cà Mau", &["Cà Mau", "Bạc Liêu"]),
    ("An Giang", &["An Giang", "Kiên Giang"]),
];

/// Former names that are not the name of a province any more, with what
/// happened to them (Thừa Thiên Huế was renamed, not merged).
pub fn abolished() -> impl Iterator<Item = (&'static str, &'static str)> {
    let merged = PROVINCES.iter().flat_map(|(new, old)| old.iter().filter(move |o| *o != new).map(move |o| (*o, *new)));
    std::iter::once(("Thừa Thiên Huế", "Huế")).chain(merged)
}

/// Lower case, NFC, one tone-mark style (the mark on the first vowel, as the
/// decree's headings write "hòa"), hyphens and dashes as spaces.
fn fold(s: &str) -> String {
    let lower = crate::text::nfc(&s.to_lowercase());
    let mut out = String::with_capacity(lower.len());
    let chars: Vec<char> = lower.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        // "oà" → "òa", "uỷ" → "ủy" … at the end of a word
        let end = chars.get(i + 2).is_none_or(|n| !n.is_alphabetic());
        if end && i + 1 < chars.len() {
            let pair = match (c, chars[i + 1]) {
                ('o', 'à') => Some("òa"),
                ('o', 'á') => Some("óa"),
                ('o', 'ả') => Some("ỏa"),
                ('o', 'ã') => Some("õa"),
                ('o', 'ạ') => Some("ọa"),
                ('o', 'è') => Some("òe"),
                ('o', 'é') => Some("óe"),
                ('o', 'ẻ') => Some("ỏe"),
                ('o', 'ẽ') => Some("õe"),
                ('o', 'ẹ') => Some("ọe"),
                ('u', 'ỳ') => Some("ùy"),
                ('u', 'ý') => Some("úy"),
                ('u', 'ỷ') => Some("ủy"),
                ('u', 'ỹ') => Some("ũy"),
                ('u', 'ỵ') => Some("ụy"),
                _ => None,
            };
            if let Some(p) = pair {
                out.push_str(p);
                i += 2;
                continue;
            }
        }
        out.push(if matches!(c, '-' | '–' | '—') { ' ' } else { c });
        i += 1;
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// True when `hay` (folded) holds `needle` (folded) as whole words.
fn has_words(hay: &str, needle: &str) -> bool {
    let (h, n): (Vec<&str>, Vec<&str>) = (hay.split(' ').collect(), needle.split(' ').collect());
    h.windows(n.len()).any(|w| w == n.as_slice())
}

/// What a name says that the 2025 map no longer has.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outdated {
    /// A province merged into another (or renamed): (former, now).
    Province(&'static str, &'static str),
    /// A district-level unit (huyện, quận, thị xã, thành phố thuộc tỉnh):
    /// the words found.
    District(String),
}

impl std::fmt::Display for Outdated {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Outdated::Province(old, new) if *old == "Thừa Thiên Huế" => write!(
                f,
                "Thừa Thiên Huế became thành phố Huế on 1 July 2025 ({RESOLUTION}); check the agency's name"
            ),
            Outdated::Province(old, new) => {
                write!(f, "{old} was merged into {new} on 1 July 2025 ({RESOLUTION}); check the agency's name")
            }
            Outdated::District(words) => write!(
                f,
                "\"{words}\" names a district-level unit, and there are none since 1 July 2025 (local government has two levels: province and commune); check the agency's name: an old template is the commonest cause"
            ),
        }
    }
}

/// The unit words before a province's name in an agency line.
const PROVINCE_WORDS: [&str; 3] = ["tỉnh", "thành phố", "tp."];

/// Checks one agency or parent line.
pub fn check_agency(line: &str) -> Option<Outdated> {
    let l = fold(&fold(line).replace("tp.", "tp. "));
    for (old, new) in abolished() {
        let o = fold(old);
        if PROVINCE_WORDS.iter().any(|w| has_words(&l, &format!("{w} {o}"))) {
            return Some(Outdated::Province(old, new));
        }
    }
    let words: Vec<&str> = l.split(' ').collect();
    let upper = |from: usize| crate::text::upper(&words[from..].join(" "));
    for (i, w) in words.iter().enumerate() {
        let unit = match *w {
            "huyện" | "quận" => 1,
            "thị" if words.get(i + 1) == Some(&"xã") => 2,
            _ => 0,
        };
        if unit > 0 && i + unit < words.len() {
            return Some(Outdated::District(upper(i)));
        }
    }
    // "THÀNH PHỐ X" where X is no province: a city under a province
    let starts = |name: &str, p: &str| name == p || name.starts_with(&format!("{p} "));
    for i in 0..words.len() {
        let unit = match words[i] {
            "thành" if words.get(i + 1) == Some(&"phố") => 2,
            "tp." | "tp" => 1,
            _ => 0,
        };
        if unit == 0 || i + unit >= words.len() {
            continue;
        }
        let name = words[i + unit..].join(" ");
        // the abbreviations of the two cities' names agencies print
        let known_abbreviation =
            ["hcm", "hồ chí minh", "hn", "hà nội"].iter().any(|a| starts(&name, a)) || name.starts_with("hcm");
        let province = known_abbreviation || PROVINCES.iter().any(|(p, _)| starts(&name, &fold(p)));
        let former = abolished().any(|(o, _)| starts(&name, &fold(o)));
        if !province && !former {
            return Some(Outdated::District(upper(i)));
        }
    }
    None
}

/// Checks the place of issue: a former province's name alone (or with its
/// unit word) is outdated.
pub fn check_place(place: &str) -> Option<Outdated> {
    let p = fold(place);
    let p = fold(&p.replace("tp.", "tp. "));
    let p =
        PROVINCE_WORDS.iter().chain(&["tp"]).find_map(|w| p.strip_prefix(&format!("{w} "))).unwrap_or(&p).to_owned();
    abolished().find(|(old, _)| fold(old) == p).map(|(old, new)| Outdated::Province(old, new))
}

/// True when a date with these parts is certainly on or after 1 July 2025.
pub fn after_change(year: Option<i32>, month: Option<u32>, day: Option<u32>) -> bool {
    let (y, m, d) = EFFECTIVE;
    let Some(year) = year else { return false };
    if year != y {
        return year > y;
    }
    let Some(month) = month.filter(|m| (1..=12).contains(m)) else { return false };
    // a blank day in July or later is after the change; in June, before
    (month, day.unwrap_or(1)) >= (m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_map_has_34_provinces_and_63_former_ones() {
        let former: std::collections::BTreeSet<&str> =
            PROVINCES.iter().flat_map(|(new, old)| if old.is_empty() { vec![*new] } else { old.to_vec() }).collect();
        assert_eq!(former.len(), 63, "the 63 provinces before (Huế stands for Thừa Thiên Huế)");
        assert_eq!(abolished().count(), 63 - 34 + 1);
    }

    #[test]
    fn names_are_matched_in_every_spelling() {
        let m = |s: &str| check_agency(s).map(|o| o.to_string());
        assert!(m("UBND TỈNH ĐẮK NÔNG").unwrap().starts_with("Đắk Nông was merged into Lâm Đồng"));
        assert!(m("SỞ NỘI VỤ TỈNH HOÀ BÌNH").unwrap().contains("Hòa Bình"));
        assert!(m("ỦY BAN NHÂN DÂN TỈNH BÀ RỊA – VŨNG TÀU").is_some());
        assert!(m("UBND TP. HỒ CHÍ MINH").is_none());
        assert!(m("ỦY BAN NHÂN DÂN THÀNH PHỐ CẦN THƠ").is_none());
        assert!(m("ỦY BAN NHÂN DÂN TỈNH LÀO CAI").is_none());
        // the abbreviations of Thành phố Hồ Chí Minh are no district
        for ok in ["UBND TP.HCM", "UBND TP HCM", "UBND TP. HỒ CHÍ MINH", "SỞ Y TẾ TP.HCM"] {
            assert_eq!(m(ok), None, "{ok}");
        }
        assert!(m("UBND HUYỆN BẢO THẮNG").unwrap().starts_with("\"HUYỆN BẢO THẮNG\" names a district-level unit"));
        assert!(matches!(check_agency("ỦY BAN NHÂN DÂN QUẬN 1"), Some(Outdated::District(_))));
        assert!(matches!(check_agency("UBND THỊ XÃ SA PA"), Some(Outdated::District(_))));
        assert!(matches!(check_agency("UBND THÀNH PHỐ QUY NHƠN"), Some(Outdated::District(_))));
        assert!(check_agency("ỦY BAN NHÂN DÂN XÃ AN BÌNH").is_none());
        assert!(check_agency("SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH").is_none());
        assert!(check_place("Đắk Nông").is_some());
        assert!(check_place("tỉnh Yên Bái").is_some());
        assert!(check_place("Lâm Đồng").is_none());
        assert!(check_place("Thừa Thiên Huế").is_some());
    }

    #[test]
    fn only_dates_on_or_after_the_change() {
        assert!(after_change(Some(2026), None, None));
        assert!(after_change(Some(2025), Some(7), Some(1)));
        assert!(!after_change(Some(2025), Some(6), Some(30)));
        assert!(!after_change(Some(2025), None, None));
        assert!(after_change(Some(2025), Some(8), None));
        assert!(!after_change(Some(2021), Some(10), Some(22)));
        assert!(!after_change(None, None, None));
    }
}
