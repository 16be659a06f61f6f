//! Agency names broken where agencies break them (spec §11), for the agency
//! line, the parent agency line and signer titles that wrap. One function for
//! both writers: the DOCX gets the lines as explicit breaks, so Word and
//! LibreOffice cannot re-break them.
//!
//! The rules: a `\n` the user wrote always wins. Otherwise a line that fits
//! stays whole; one that does not is broken, never inside a proper name (a
//! territorial unit word and the name after it, a province, `HỒ CHÍ MINH`, a
//! school's name) or a fixed phrase (`PHÒNG, CHỐNG`), never after `VÀ`,
//! `CỦA`, `VỀ`, `VỚI`, `CHO`, `TẠI`. Among the rest, in order: breaks agencies
//! make (after the kind of body, `ỦY BAN NHÂN DÂN` | `TỈNH …`; before a
//! territory or scope, `TỈNH`, `XÃ`, `QUỐC HỘI`, `VIỆT NAM`, a province's
//! name; before a last field joined by `VÀ`, before `THEO` or `SỐ`; after a
//! comma) over any other; lines at the full size over the 12 pt fallback;
//! fewer lines; field breaks over comma breaks, territory breaks over both;
//! then the most balanced lines.

use crate::text;

/// Words a line never ends with.
const NEVER_LAST: [&str; 6] = ["VÀ", "CỦA", "VỀ", "VỚI", "CHO", "TẠI"];

/// Territorial unit words, longest first; the name after one is a proper
/// name and stays with it.
const UNITS: [&str; 12] =
    ["THÀNH PHỐ", "THỊ TRẤN", "THỊ XÃ", "ĐẶC KHU", "TỈNH", "HUYỆN", "QUẬN", "XÃ", "PHƯỜNG", "TP.", "THÔN", "BẢN"];

/// Phrases that name the scope of a body, at the end of its name: a break
/// before them is the agencies' break (`ỦY BAN THƯỜNG VỤ` | `QUỐC HỘI`).
const SCOPES: [&str; 5] = ["QUỐC HỘI", "QUỐC GIA", "VIỆT NAM", "NHÂN DÂN TỐI CAO", "CHÍNH PHỦ"];

/// Kinds of body that agencies put on a line of their own when the name
/// wraps (`ỦY BAN NHÂN DÂN` | `TỈNH ĐỒNG NAI`, `BAN CHỈ ĐẠO` | `PHÒNG, CHỐNG …`).
const BODIES: [&str; 14] = [
    "ỦY BAN NHÂN DÂN",
    "UỶ BAN NHÂN DÂN",
    "HỘI ĐỒNG NHÂN DÂN",
    "ỦY BAN THƯỜNG VỤ",
    "HỘI ĐỒNG BẦU CỬ",
    "ỦY BAN BẦU CỬ",
    "VIỆN KIỂM SÁT",
    "TÒA ÁN",
    "BAN CHỈ ĐẠO",
    "ỦY BAN MTTQ VIỆT NAM",
    "UỶ BAN MTTQ VIỆT NAM",
    "ỦY BAN MẶT TRẬN TỔ QUỐC VIỆT NAM",
    "BỘ CHỈ HUY QUÂN SỰ",
    "ĐOÀN KIỂM TRA",
];

/// Fixed phrases never broken.
const FIXED: [&str; 4] = ["PHÒNG, CHỐNG", "PHÒNG CHỐNG", "HỒ CHÍ MINH", "BÀ RỊA - VŨNG TÀU"];

/// Schools: the name after the level is a person's or a place's name.
const SCHOOLS: [&str; 8] =
    ["THPT", "THCS", "TH", "MN", "TIỂU HỌC", "MẦM NON", "TRUNG HỌC CƠ SỞ", "TRUNG HỌC PHỔ THÔNG"];

/// How many words of `phrase` the upper-cased words from `i` match: all
/// of them, or 0. No allocation: it runs for every word and every phrase.
fn starts_with_words(upper: &[String], i: usize, phrase: &str) -> usize {
    let mut k = 0;
    for p in phrase.split(' ') {
        match upper.get(i + k) {
            Some(w) if w == p => k += 1,
            _ => return 0,
        }
    }
    k
}

/// The provinces' names, new and former, upper case (built once).
fn provinces() -> &'static [String] {
    static P: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    P.get_or_init(|| {
        crate::adminmap::PROVINCES
            .iter()
            .flat_map(|(p, old)| std::iter::once(*p).chain(old.iter().copied()))
            .map(text::upper)
            .collect()
    })
}

/// What may happen before word `i` of a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Gap {
    Never,
    /// Between the kind of body and its territory or scope.
    Preferred,
    /// Before a last field joined by `VÀ`, before `THEO` / `SỐ`.
    Field,
    /// After a comma between the fields of a name: preferred, but less
    /// than the above (`SỞ VĂN HÓA, THỂ THAO` | `VÀ DU LỊCH`).
    Comma,
    Allowed,
}

fn gaps(words: &[&str]) -> Vec<Gap> {
    let n = words.len();
    let mut g = vec![Gap::Allowed; n]; // g[i]: a break before word i (g[0] unused)
    let upper: Vec<String> = words.iter().map(|w| text::upper(w)).collect();
    // a proper name from word `i` to the end of the line or a comma
    let protect = |g: &mut Vec<Gap>, from: usize| {
        let mut k = from;
        while k < n {
            g[k] = Gap::Never;
            if upper[k].ends_with(',') {
                break;
            }
            k += 1;
        }
    };
    for i in 0..n {
        if i > 0 && NEVER_LAST.contains(&upper[i - 1].as_str()) {
            g[i] = Gap::Never;
        }
    }
    for i in 0..n {
        // the kind of body, then a break
        for b in BODIES {
            let len = starts_with_words(&upper, i, b);
            if i == 0 && len > 0 && len < n && g[len] != Gap::Never {
                g[len] = Gap::Preferred;
            }
        }
        for s in SCOPES {
            let len = starts_with_words(&upper, i, s);
            if len > 0 && i > 0 && i + len == n && g[i] != Gap::Never {
                g[i] = Gap::Preferred;
            }
        }
        if i > 0 && upper[i - 1].ends_with(',') && g[i] == Gap::Allowed {
            g[i] = Gap::Comma;
        }
        if i > 0 && matches!(upper[i].as_str(), "VÀ" | "THEO" | "SỐ") && g[i] == Gap::Allowed {
            g[i] = Gap::Field;
        }
    }
    // protections last: they override preferences
    for i in 0..n {
        for u in UNITS {
            let len = starts_with_words(&upper, i, u);
            if len > 0 && i + len < n {
                if i > 0 && g[i] != Gap::Never {
                    g[i] = Gap::Preferred;
                }
                protect(&mut g, i + 1);
            }
        }
        for f in FIXED {
            let len = starts_with_words(&upper, i, f);
            g.iter_mut().take(i + len).skip(i + 1).for_each(|x| *x = Gap::Never);
        }
        for p in provinces() {
            let len = starts_with_words(&upper, i, p);
            if len > 0 && i + len == n {
                // a bare province name ends the line: the break goes before it
                if i > 0 && g[i] != Gap::Never {
                    g[i] = Gap::Preferred;
                }
                g.iter_mut().take(i + len).skip(i + 1).for_each(|x| *x = Gap::Never);
            }
        }
        for s in SCHOOLS {
            if starts_with_words(&upper, i, s) > 0 && i > 0 && upper[0] == "TRƯỜNG" {
                protect(&mut g, i + s.split(' ').count());
            }
        }
        if upper[i] == "SỐ" && i + 1 < n {
            g[i + 1] = Gap::Never;
        }
    }
    g
}

/// How a candidate breaking scores; smaller is better.
type Score = (usize, usize, usize, usize, usize, u32);

/// Breaks one line of a name. `fits(line, small)` says whether a line fits
/// the column at the normal size (`small` false) or at the smaller
/// fallback size; `width(line)` measures it at the normal size.
///
/// Every breaking of up to 16 words is scored; each run of words is
/// measured once, so a candidate costs a few integer operations.
fn break_line(line: &str, fits: &dyn Fn(&str, bool) -> bool, width: &dyn Fn(&str) -> f32) -> Vec<String> {
    let words: Vec<&str> = line.split(' ').filter(|w| !w.is_empty()).collect();
    let n = words.len();
    if n <= 1 || fits(line, false) {
        return vec![line.to_owned()];
    }
    let g = gaps(&words);
    // at most 2^15 candidates: longer lines fall back to greedy breaking
    if n > 16 {
        return greedy(&words, &g, fits);
    }
    // each run words[i..j], measured once: (fits small, fits normal, width)
    let mut seg = vec![(false, false, 0u32); (n + 1) * (n + 1)];
    for i in 0..n {
        for j in i + 1..=n {
            let t = words[i..j].join(" ");
            let small = fits(&t, true);
            seg[i * (n + 1) + j] = (small, small && fits(&t, false), (width(&t) * 100.0) as u32);
        }
    }
    // breaks are bits 0..n-1 for the gaps before words 1..n
    let mut never = 0u32;
    for (i, gap) in g.iter().enumerate().take(n).skip(1) {
        if *gap == Gap::Never {
            never |= 1 << (i - 1);
        }
    }
    let mut best: Option<(Score, u32)> = None;
    'masks: for mask in 0u32..(1 << (n - 1)) {
        if mask & never != 0 {
            continue;
        }
        let (mut allowed, mut comma, mut field, mut small, mut lines, mut longest) = (0, 0, 0, 0, 0, 0u32);
        let mut start = 0;
        for end in 1..=n {
            if end < n && mask & (1 << (end - 1)) == 0 {
                continue;
            }
            let (fits_small, fits_normal, w) = seg[start * (n + 1) + end];
            if !fits_small {
                continue 'masks;
            }
            small += usize::from(!fits_normal);
            lines += 1;
            longest = longest.max(w);
            if end < n {
                match g[end] {
                    Gap::Allowed => allowed += 1,
                    Gap::Comma => comma += 1,
                    Gap::Field => field += 1,
                    _ => {}
                }
            }
            start = end;
        }
        // a break agencies would not make, a line in the smaller size, a
        // line more, a comma break, a field break, then balance
        let score = (allowed, small, lines, comma, field, longest);
        if best.is_none_or(|(s, _)| score < s) {
            best = Some((score, mask));
        }
    }
    let Some((_, mask)) = best else { return greedy(&words, &g, fits) };
    let mut out = Vec::new();
    let mut start = 0;
    for end in 1..=n {
        if end == n || mask & (1 << (end - 1)) != 0 {
            out.push(words[start..end].join(" "));
            start = end;
        }
    }
    out
}

/// Greedy breaking for names too long to search, or that no allowed
/// breaking fits: a word that does not fit opens a new line; where the
/// gap before it is one agencies never break, the line breaks at the last
/// gap they do break, if the moved words fit.
fn greedy(words: &[&str], g: &[Gap], fits: &dyn Fn(&str, bool) -> bool) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut start = 0;
    for i in 1..words.len() {
        if fits(&words[start..=i].join(" "), true) {
            continue;
        }
        let mut cut = i;
        if g[i] == Gap::Never {
            if let Some(k) = (start + 1..i).rev().find(|&k| g[k] != Gap::Never) {
                if fits(&words[k..=i].join(" "), true) {
                    cut = k;
                }
            }
        }
        lines.push(words[start..cut].join(" "));
        start = cut;
    }
    if start < words.len() {
        lines.push(words[start..].join(" "));
    }
    lines
}

/// Breaks a name into the lines an agency prints: the user's `\n` first,
/// then `break_line` on each line that does not fit.
///
/// `fits(line, small)`: does the line fit at the normal size, or at the
/// smaller fallback (12 pt for agency names); `width(line)` at the normal
/// size, points.
///
/// ```
/// use vanban::compose::names::break_name;
/// // a column that holds 20 characters (12 pt: 22)
/// let fits = |l: &str, small: bool| l.chars().count() <= if small { 22 } else { 20 };
/// let width = |l: &str| l.chars().count() as f32;
/// assert_eq!(break_name("ỦY BAN NHÂN DÂN TỈNH ĐỒNG NAI", &fits, &width), ["ỦY BAN NHÂN DÂN", "TỈNH ĐỒNG NAI"]);
/// assert_eq!(break_name("SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH", &fits, &width), ["SỞ VĂN HÓA, THỂ THAO", "VÀ DU LỊCH"]);
/// assert_eq!(break_name("SỞ NỘI VỤ", &fits, &width), ["SỞ NỘI VỤ"]);
/// assert_eq!(break_name("ỦY BAN NHÂN DÂN\nXÃ AN BÌNH", &fits, &width), ["ỦY BAN NHÂN DÂN", "XÃ AN BÌNH"]);
/// ```
pub fn break_name(name: &str, fits: &dyn Fn(&str, bool) -> bool, width: &dyn Fn(&str) -> f32) -> Vec<String> {
    name.split('\n').map(str::trim).filter(|l| !l.is_empty()).flat_map(|l| break_line(l, fits, width)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(name: &str, chars: usize) -> Vec<String> {
        let fits = move |l: &str, small: bool| l.chars().count() <= if small { chars + 2 } else { chars };
        break_name(name, &fits, &|l: &str| l.chars().count() as f32)
    }

    #[test]
    fn long_names_break_greedily_but_not_inside_a_number() {
        // 21 words: past the exhaustive search; "SỐ 12" stays together
        let name = "TRUNG TÂM DỊCH VỤ CÔNG ÍCH VÀ PHÁT TRIỂN QUỸ ĐẤT KHU VỰC SỐ 12 THUỘC BAN QUẢN LÝ DỰ ÁN";
        for chars in 12..60 {
            let lines = run(name, chars);
            assert_eq!(lines.join(" "), name, "{chars}");
            assert!(lines.iter().all(|l| !l.ends_with(" SỐ") && l != "SỐ"), "{chars}: {lines:?}");
        }
    }

    #[test]
    fn spec_examples() {
        assert_eq!(run("ỦY BAN NHÂN DÂN TỈNH ĐỒNG NAI", 22), ["ỦY BAN NHÂN DÂN", "TỈNH ĐỒNG NAI"]);
        assert_eq!(run("ỦY BAN NHÂN DÂN XÃ AN BÌNH", 22), ["ỦY BAN NHÂN DÂN", "XÃ AN BÌNH"]);
        assert_eq!(run("HỘI ĐỒNG NHÂN DÂN THÀNH PHỐ HÀ NỘI", 22), ["HỘI ĐỒNG NHÂN DÂN", "THÀNH PHỐ HÀ NỘI"]);
        assert_eq!(run("BAN CHỈ ĐẠO PHÒNG, CHỐNG DỊCH COVID-19", 28), ["BAN CHỈ ĐẠO", "PHÒNG, CHỐNG DỊCH COVID-19"]);
        assert_eq!(run("UBND THÀNH PHỐ HỒ CHÍ MINH", 22), ["UBND", "THÀNH PHỐ HỒ CHÍ MINH"]);
        assert_eq!(run("SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH", 22), ["SỞ VĂN HÓA, THỂ THAO", "VÀ DU LỊCH"]);
    }
}
