//! Vietnamese text rules of Decree 30: NFC, inline markup, Roman numerals, the
//! letters of points (điểm), number and date formatting, tone-mark styles.
//!
//! Everything here is a pure function of its input, so both writers and the
//! validator share one implementation of each rule.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use unicode_normalization::UnicodeNormalization;

/// Normalises `s` to Unicode NFC (Decree 30, Phụ lục I, I.4: TCVN 6909:2001
/// precomposed text).
///
/// ```
/// // "ệ" typed as e + combining circumflex + combining dot below:
/// assert_eq!(vanban::text::nfc("Vie\u{0302}\u{0323}t"), "Việt");
/// ```
pub fn nfc(s: &str) -> String {
    if unicode_normalization::is_nfc(s) {
        s.to_owned()
    } else {
        s.nfc().collect()
    }
}

/// `s` without its whitespace, in NFC: removing a space can bring a
/// combining mark next to a letter, which NFC then composes.
///
/// ```
/// assert_eq!(vanban::text::without_spaces(" SVH TTDL "), "SVHTTDL");
/// assert_eq!(vanban::text::without_spaces("thi \u{311}"), "th\u{20B}");
/// ```
pub fn without_spaces(s: &str) -> String {
    let joined: String = s.chars().filter(|c| !c.is_whitespace()).collect();
    if unicode_normalization::is_nfc(&joined) {
        joined
    } else {
        joined.nfc().collect()
    }
}

/// True when `s` is already in NFC.
pub(crate) fn unicode_is_nfc(s: &str) -> bool {
    unicode_normalization::is_nfc(s)
}

/// Characters that are NFC_Quick_Check=Yes with combining class 0: below
/// U+0300, the Vietnamese precomposed letters and the general punctuation
/// after the two singletons U+2000 and U+2001 (quotes, dashes, `…`). A
/// text made only of them is NFC without looking further (UAX #15 §9):
/// validation, which scans every run of every render once, asks for the
/// full check ([`unicode_is_nfc`]) only when another character is there.
pub(crate) fn nfc_alone(c: char) -> bool {
    c < '\u{300}' || ('\u{1EA0}'..='\u{1EF9}').contains(&c) || ('\u{2002}'..='\u{206F}').contains(&c)
}

/// NFC-normalises a paragraph's text and folds tabs and line breaks into
/// single spaces; runs of spaces collapse to one and the ends are trimmed.
///
/// ```
/// assert_eq!(vanban::text::fold_whitespace("  a\tb\r\n c  "), "a b c");
/// ```
pub fn fold_whitespace(s: &str) -> String {
    let s = nfc(s);
    let mut out = String::with_capacity(s.len());
    let mut pending_space = false;
    for c in s.chars() {
        if matches!(c, ' ' | '\t' | '\n' | '\r') {
            pending_space = !out.is_empty();
        } else {
            if pending_space {
                out.push(' ');
                pending_space = false;
            }
            out.push(c);
        }
    }
    out
}

/// NFC-normalises a one-line field (names, place, codes): like
/// [`fold_whitespace`] but explicit line breaks are kept, one per break, with
/// the spaces around them trimmed. Used for agency names, where the clerk may
/// choose where the name wraps.
///
/// ```
/// assert_eq!(vanban::text::fold_lines(" SỞ VĂN HÓA, THỂ THAO \r\n VÀ DU LỊCH "),
///            "SỞ VĂN HÓA, THỂ THAO\nVÀ DU LỊCH");
/// ```
pub fn fold_lines(s: &str) -> String {
    let s = nfc(s).replace("\r\n", "\n").replace('\r', "\n");
    s.split('\n').map(fold_whitespace).filter(|l| !l.is_empty()).collect::<Vec<_>>().join("\n")
}

/// One run of inline text with its emphasis.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Run {
    /// The run's text (NFC, no control characters once validated).
    pub text: String,
    /// Bold (`**…**` in markup).
    #[serde(default)]
    pub bold: bool,
    /// Italic (`*…*` in markup).
    #[serde(default)]
    pub italic: bool,
}

impl Run {
    /// A regular run.
    ///
    /// ```
    /// let r = vanban::text::Run::plain("Căn cứ");
    /// assert!(!r.bold && !r.italic);
    /// ```
    pub fn plain(text: impl Into<String>) -> Run {
        Run { text: text.into(), bold: false, italic: false }
    }
}

/// Inline text: a sequence of regular, **bold**, *italic* and bold italic runs.
///
/// In serde (JSON, TOML) and in the plain-text format a `Text` is a string with
/// Markdown-like markers: `**bold**`, `*italic*`, `***both***`; `\*` is a
/// literal asterisk and `\\` a literal backslash. A marker without its partner
/// is kept as a literal asterisk and reported by validation as a warning.
/// Whitespace (tabs, line breaks, runs of spaces) is folded to single spaces
/// and the text is normalised to NFC.
///
/// ```
/// use vanban::text::Text;
/// let t = Text::markup("theo chủ đề \"**Tăng cường**\" (*gọi tắt*)");
/// assert_eq!(t.runs().len(), 5);
/// assert!(t.runs()[1].bold);
/// assert_eq!(t.plain_text(), "theo chủ đề \"Tăng cường\" (gọi tắt)");
/// assert_eq!(t.to_markup(), "theo chủ đề \"**Tăng cường**\" (*gọi tắt*)");
/// ```
#[derive(Debug, Clone, Default)]
pub struct Text {
    runs: Vec<Run>,
    unmatched: usize,
}

impl PartialEq for Text {
    fn eq(&self, other: &Self) -> bool {
        self.runs == other.runs
    }
}
impl Eq for Text {}

impl Text {
    /// Text without markup: every character is literal.
    ///
    /// ```
    /// let t = vanban::text::Text::plain("3 * 4");
    /// assert_eq!(t.plain_text(), "3 * 4");
    /// assert_eq!(t.to_markup(), "3 \\* 4");
    /// ```
    pub fn plain(s: &str) -> Text {
        Text::from_runs(vec![Run::plain(s)])
    }

    /// Parses markup (see the type's documentation).
    pub fn markup(s: &str) -> Text {
        parse_markup(&fold_whitespace(s))
    }

    /// Builds a text from runs; whitespace is folded across run boundaries,
    /// empty runs are dropped and neighbours with the same style merged.
    ///
    /// ```
    /// use vanban::text::{Run, Text};
    /// let t = Text::from_runs(vec![Run::plain("Số "), Run { text: "46".into(), bold: true, italic: false }]);
    /// assert_eq!(t.to_markup(), "Số **46**");
    /// ```
    pub fn from_runs(runs: Vec<Run>) -> Text {
        let mut out: Vec<Run> = Vec::with_capacity(runs.len());
        let mut last_space = true; // trims the start
        for r in runs {
            let mut folded = String::with_capacity(r.text.len());
            for c in nfc(&r.text).chars() {
                if matches!(c, ' ' | '\t' | '\n' | '\r') {
                    if !last_space {
                        folded.push(' ');
                        last_space = true;
                    }
                } else {
                    folded.push(c);
                    last_space = false;
                }
            }
            push_run(&mut out, folded, r.bold, r.italic);
        }
        // pieces merged above may put a letter next to its combining mark:
        // normalise the merged runs, so the result is NFC whatever the input
        for r in &mut out {
            if !unicode_normalization::is_nfc(&r.text) {
                r.text = r.text.nfc().collect();
            }
        }
        // trim the end
        while let Some(last) = out.last_mut() {
            let trimmed_len = last.text.trim_end_matches(' ').len();
            last.text.truncate(trimmed_len);
            if last.text.is_empty() {
                out.pop();
            } else {
                break;
            }
        }
        Text { runs: out, unmatched: 0 }
    }

    /// The runs.
    pub fn runs(&self) -> &[Run] {
        &self.runs
    }

    /// The text without emphasis.
    pub fn plain_text(&self) -> String {
        self.runs.iter().map(|r| r.text.as_str()).collect()
    }

    /// True when there is no text.
    pub fn is_empty(&self) -> bool {
        self.runs.iter().all(|r| r.text.is_empty())
    }

    /// How many `*`/`**` markers had no partner when this text was parsed
    /// (they were kept as literal asterisks).
    pub fn unmatched_markers(&self) -> usize {
        self.unmatched
    }

    /// Writes the text back as markup; `Text::markup(&t.to_markup()) == t`.
    pub fn to_markup(&self) -> String {
        let mut out = String::new();
        let (mut b, mut i) = (false, false);
        for r in &self.runs {
            // close what ends, then open what starts: toggles commute
            if b && !r.bold {
                out.push_str("**");
                b = false;
            }
            if i && !r.italic {
                out.push('*');
                i = false;
            }
            if r.bold && !b {
                out.push_str("**");
                b = true;
            }
            if r.italic && !i {
                out.push('*');
                i = true;
            }
            for c in r.text.chars() {
                match c {
                    '*' => out.push_str("\\*"),
                    '\\' => out.push_str("\\\\"),
                    c => out.push(c),
                }
            }
        }
        if i {
            out.push('*');
        }
        if b {
            out.push_str("**");
        }
        out
    }
}

fn push_run(out: &mut Vec<Run>, text: String, bold: bool, italic: bool) {
    if text.is_empty() {
        return;
    }
    if let Some(last) = out.last_mut() {
        if last.bold == bold && last.italic == italic {
            last.text.push_str(&text);
            return;
        }
    }
    out.push(Run { text, bold, italic });
}

impl From<&str> for Text {
    /// Parses markup, like [`Text::markup`].
    fn from(s: &str) -> Text {
        Text::markup(s)
    }
}
impl From<String> for Text {
    fn from(s: String) -> Text {
        Text::markup(&s)
    }
}
impl From<&String> for Text {
    fn from(s: &String) -> Text {
        Text::markup(s)
    }
}

impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for r in &self.runs {
            f.write_str(&r.text)?;
        }
        Ok(())
    }
}

impl Serialize for Text {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_markup())
    }
}

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Text, D::Error> {
        let s = String::deserialize(d)?;
        Ok(Text::markup(&s))
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Tok<'a> {
    Lit(&'a str),
    Esc(char),
    Bold,
    Italic,
}

fn parse_markup(s: &str) -> Text {
    // tokenise
    let mut toks = Vec::new();
    let bytes = s.as_bytes();
    let mut i = 0;
    let mut lit_start = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' if i + 1 < bytes.len() && (bytes[i + 1] == b'*' || bytes[i + 1] == b'\\') => {
                if lit_start < i {
                    toks.push(Tok::Lit(&s[lit_start..i]));
                }
                toks.push(Tok::Esc(bytes[i + 1] as char));
                i += 2;
                lit_start = i;
            }
            // the note marks "(*)" and "(**)" that plans put under tables are
            // literal asterisks, never emphasis
            b'*' if i > 0 && bytes[i - 1] == b'(' && {
                let stars = bytes[i..].iter().take_while(|&&b| b == b'*').count();
                bytes.get(i + stars) == Some(&b')')
            } =>
            {
                while bytes[i] == b'*' {
                    if lit_start < i {
                        toks.push(Tok::Lit(&s[lit_start..i]));
                    }
                    toks.push(Tok::Esc('*'));
                    i += 1;
                    lit_start = i;
                }
            }
            b'*' => {
                if lit_start < i {
                    toks.push(Tok::Lit(&s[lit_start..i]));
                }
                if i + 1 < bytes.len() && bytes[i + 1] == b'*' {
                    toks.push(Tok::Bold);
                    i += 2;
                } else {
                    toks.push(Tok::Italic);
                    i += 1;
                }
                lit_start = i;
            }
            _ => i += 1,
        }
    }
    if lit_start < bytes.len() {
        toks.push(Tok::Lit(&s[lit_start..]));
    }
    // pair markers: a marker opens, the next marker of its kind closes
    let mut matched = vec![false; toks.len()];
    let (mut open_b, mut open_i): (Option<usize>, Option<usize>) = (None, None);
    for (k, t) in toks.iter().enumerate() {
        let open = match t {
            Tok::Bold => &mut open_b,
            Tok::Italic => &mut open_i,
            _ => continue,
        };
        match open.take() {
            Some(o) => {
                matched[o] = true;
                matched[k] = true;
            }
            None => *open = Some(k),
        }
    }
    let unmatched = open_b.is_some() as usize + open_i.is_some() as usize;
    let mut runs = Vec::new();
    let (mut b, mut it) = (false, false);
    for (k, t) in toks.iter().enumerate() {
        match *t {
            Tok::Lit(l) => runs.push(Run { text: l.to_owned(), bold: b, italic: it }),
            Tok::Esc(c) => runs.push(Run { text: c.to_string(), bold: b, italic: it }),
            Tok::Bold if matched[k] => b = !b,
            Tok::Italic if matched[k] => it = !it,
            Tok::Bold => runs.push(Run { text: "**".into(), bold: b, italic: it }),
            Tok::Italic => runs.push(Run { text: "*".into(), bold: b, italic: it }),
        }
    }
    let mut t = Text::from_runs(runs);
    t.unmatched = unmatched;
    t
}

/// Upper-cases Vietnamese text (all letters, including đ → Đ).
///
/// ```
/// assert_eq!(vanban::text::upper("Phó giám đốc"), "PHÓ GIÁM ĐỐC");
/// ```
pub fn upper(s: &str) -> String {
    nfc(&s.to_uppercase())
}

/// `w` with its first letter in upper case (`tỉnh` → `Tỉnh`), the rest as given.
pub(crate) fn upper_first(w: &str) -> String {
    let mut c = w.chars();
    c.next().map_or_else(String::new, |f| f.to_uppercase().chain(c).collect())
}

/// The letter of part `index` (0-based) in a plan lettered `A.`, `B.` …:
/// the Vietnamese capitals in the points' order (A B C D Đ E G …), then
/// numbers.
///
/// ```
/// assert_eq!(vanban::text::part_letter(4), "Đ");
/// assert_eq!(vanban::text::part_letter(99), "100");
/// ```
pub fn part_letter(index: usize) -> String {
    point_letter(index).map_or_else(|| (index + 1).to_string(), |c| upper(&c.to_string()))
}

/// Roman numeral of `n` (1 ≤ n ≤ 3999), for sections (I., II. …) and
/// appendices (Phụ lục I, II …).
///
/// ```
/// assert_eq!(vanban::text::roman(4), "IV");
/// assert_eq!(vanban::text::roman(19), "XIX");
/// ```
///
/// # Panics
/// Never: values outside the range are written in Arabic numerals.
pub fn roman(n: usize) -> String {
    if n == 0 || n > 3999 {
        return n.to_string();
    }
    const TABLE: [(usize, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut n = n;
    let mut out = String::new();
    for (v, s) in TABLE {
        while n >= v {
            out.push_str(s);
            n -= v;
        }
    }
    out
}

/// The letters of points (điểm) in Vietnamese order, nd30.md §2.5: 23 base
/// letters, đ after d, no f, j, w, z, no vowel letters with diacritics.
pub const POINT_LETTERS: [char; 23] =
    ['a', 'b', 'c', 'd', 'đ', 'e', 'g', 'h', 'i', 'k', 'l', 'm', 'n', 'o', 'p', 'q', 'r', 's', 't', 'u', 'v', 'x', 'y'];

/// The letter of the `index`-th point (0-based), or `None` past `y`.
///
/// ```
/// use vanban::text::point_letter;
/// assert_eq!(point_letter(4), Some('đ'));
/// assert_eq!(point_letter(6), Some('g'));
/// assert_eq!(point_letter(22), Some('y'));
/// assert_eq!(point_letter(23), None);
/// ```
pub fn point_letter(index: usize) -> Option<char> {
    POINT_LETTERS.get(index).copied()
}

/// A number of the register (ô 3) with its leading zero below 10.
///
/// ```
/// assert_eq!(vanban::text::format_number(7), "07");
/// assert_eq!(vanban::text::format_number(46), "46");
/// ```
pub fn format_number(n: u32) -> String {
    format!("{n:02}")
}

/// The day of a date line: zero before 1–9.
///
/// ```
/// assert_eq!(vanban::text::format_day(5), "05");
/// assert_eq!(vanban::text::format_day(22), "22");
/// ```
pub fn format_day(d: u32) -> String {
    format!("{d:02}")
}

/// The month of a date line: zero before months 1 and 2 only (nd30.md §2.4).
///
/// ```
/// use vanban::text::format_month;
/// assert_eq!(format_month(1), "01");
/// assert_eq!(format_month(2), "02");
/// assert_eq!(format_month(3), "3");
/// assert_eq!(format_month(12), "12");
/// ```
pub fn format_month(m: u32) -> String {
    if m <= 2 {
        format!("{m:02}")
    } else {
        m.to_string()
    }
}

/// The blank left for the clerk where a draft has no day, month or year
/// yet: it stands for the value and the spaces around it (`ngày    tháng`).
pub const DATE_BLANK: &str = "    ";
/// The blank left for the clerk where a draft has no number yet; it stands
/// for the space and the number (`Số:      /KH-SNV`).
pub const NUMBER_BLANK: &str = "      ";

/// Which convention a syllable's tone mark follows, for syllables ending in
/// `oa`, `oe` or `uy` (the only place the conventions differ).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ToneStyle {
    /// Mark on the first vowel: `hòa`, `khỏe`, `thủy` (the decree's headings).
    Old,
    /// Mark on the second vowel: `hoà`, `khoẻ`, `thuỷ`.
    New,
}

/// The base letter of a, e, o, u, y (any case, with or without a tone
/// mark: huyền, sắc, hỏi, ngã, nặng) and whether it carries a tone mark;
/// `q` for q; anything else as `('\0', false)`.
fn base_and_tone(c: char) -> (char, bool) {
    match c {
        'a' | 'A' => ('a', false),
        'e' | 'E' => ('e', false),
        'o' | 'O' => ('o', false),
        'u' | 'U' => ('u', false),
        'y' | 'Y' => ('y', false),
        'q' | 'Q' => ('q', false),
        'à' | 'á' | 'ả' | 'ã' | 'ạ' | 'À' | 'Á' | 'Ả' | 'Ã' | 'Ạ' => ('a', true),
        'è' | 'é' | 'ẻ' | 'ẽ' | 'ẹ' | 'È' | 'É' | 'Ẻ' | 'Ẽ' | 'Ẹ' => ('e', true),
        'ò' | 'ó' | 'ỏ' | 'õ' | 'ọ' | 'Ò' | 'Ó' | 'Ỏ' | 'Õ' | 'Ọ' => ('o', true),
        'ù' | 'ú' | 'ủ' | 'ũ' | 'ụ' | 'Ù' | 'Ú' | 'Ủ' | 'Ũ' | 'Ụ' => ('u', true),
        'ỳ' | 'ý' | 'ỷ' | 'ỹ' | 'ỵ' | 'Ỳ' | 'Ý' | 'Ỷ' | 'Ỹ' | 'Ỵ' => ('y', true),
        _ => ('\0', false),
    }
}

/// Letters for word splitting, fast for Vietnamese text.
fn is_letter(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphabetic()
    } else if ('\u{C0}'..='\u{1EFF}').contains(&c) {
        c != '×' && c != '÷'
    } else {
        c.is_alphabetic()
    }
}

/// Finds the tone-mark styles used in `s` (each syllable ending in oa, oe or
/// uy with a tone mark votes for one style).
///
/// ```
/// use vanban::text::{tone_styles, ToneStyle};
/// assert_eq!(tone_styles("Cộng hòa, thủy lợi"), vec![ToneStyle::Old, ToneStyle::Old]);
/// assert_eq!(tone_styles("Cộng hoà"), vec![ToneStyle::New]);
/// assert!(tone_styles("hoàng, quý, hoa").is_empty());
/// ```
pub fn tone_styles(s: &str) -> Vec<ToneStyle> {
    let mut out = Vec::new();
    for word in s.split(|c: char| !is_letter(c)) {
        let mut it = word.chars().rev();
        let (Some(last), Some(before)) = (it.next(), it.next()) else { continue };
        let (b2, t2) = base_and_tone(last);
        if !matches!(b2, 'a' | 'e' | 'y') {
            continue;
        }
        let (b1, t1) = base_and_tone(before);
        let pair = matches!((b1, b2), ('o', 'a') | ('o', 'e') | ('u', 'y'));
        if !pair {
            continue;
        }
        // "qu" + y: the u belongs to the consonant, the mark is always on y
        if b1 == 'u' && it.next().is_some_and(|c| base_and_tone(c).0 == 'q') {
            continue;
        }
        match (t1, t2) {
            (true, false) => out.push(ToneStyle::Old),
            (false, true) => out.push(ToneStyle::New),
            _ => {}
        }
    }
    out
}

/// The first right-to-left character of `s` (Hebrew, Arabic, Syriac,
/// Thaana, N'Ko and the bidirectional controls). vanban lays text out left to
/// right only, so such text would come out in the wrong order: it is an
/// error rather than a silently wrong document.
///
/// ```
/// assert_eq!(vanban::text::rtl_char("abc שלום"), Some('ש'));
/// assert_eq!(vanban::text::rtl_char("Đắk Nông"), None);
/// ```
pub fn rtl_char(s: &str) -> Option<char> {
    s.chars().find(|&c| is_rtl_char(c))
}

/// True for a character of a right-to-left script or a right-to-left mark.
pub(crate) fn is_rtl_char(c: char) -> bool {
    matches!(c as u32,
        0x0590..=0x08FF          // Hebrew, Arabic, Syriac, Thaana, N'Ko, Samaritan, Mandaic
        | 0xFB1D..=0xFDFF       // Hebrew and Arabic presentation forms
        | 0xFE70..=0xFEFF       // Arabic presentation forms B
        | 0x10800..=0x10FFF     // historic RTL scripts
        | 0x1E800..=0x1EFFF
        | 0x200F | 0x202B | 0x202E | 0x2067) // RLM, RLE, RLO, RLI (ALM is in the Arabic block)
        && c != '\u{FEFF}'
}

/// The first control character of `s` (other than the folded tab, CR and LF),
/// if any. Such characters are an error in any field (nd30.md §1, F8).
///
/// ```
/// assert_eq!(vanban::text::control_char("a\u{0}b"), Some('\u{0}'));
/// assert_eq!(vanban::text::control_char("a b"), None);
/// ```
pub fn control_char(s: &str) -> Option<char> {
    s.chars().find(|&c| is_control_char(c))
}

/// True for a character [`control_char`] reports.
pub(crate) fn is_control_char(c: char) -> bool {
    (c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
        || matches!(c, '\u{2028}' | '\u{2029}' | '\u{FEFF}' | '\u{FFFE}' | '\u{FFFF}')
}

/// A combining mark with no letter to sit on: at the start of `s` or after
/// whitespace (what is left when a letter typed with a separate tone mark
/// is deleted). NFC composes every mark that follows its letter, so the
/// Vietnamese tone marks never stay alone otherwise.
///
/// ```
/// assert_eq!(vanban::text::stray_mark("thi \u{311}ua"), Some('\u{311}'));
/// assert_eq!(vanban::text::stray_mark("\u{301}a"), Some('\u{301}'));
/// assert_eq!(vanban::text::stray_mark("tha\u{301}ng"), None);
/// ```
pub fn stray_mark(s: &str) -> Option<char> {
    stray_mark_in(s.chars())
}

/// [`stray_mark`] over text held in pieces (the runs of a paragraph): a
/// mark at the start of a piece belongs to the letter that ends the one before.
pub(crate) fn stray_mark_in(chars: impl Iterator<Item = char>) -> Option<char> {
    let mut after_space = true;
    for c in chars {
        if after_space && is_combining_mark(c) {
            return Some(c);
        }
        after_space = c.is_whitespace();
    }
    None
}

/// Combining marks (the blocks of general category Mn that Latin text uses).
fn is_combining_mark(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F)
}

/// The end mark of the body, `./.` (nd30.md §2.5, F6).
pub const END_MARK: &str = "./.";

/// What [`end_mark`] did to a paragraph.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EndFix {
    /// The text already ended with `./.`.
    Kept,
    /// `./.` was appended (after a final `.`, only `/.` is added).
    Appended,
    /// A malformed or doubled mark, or a final `;`, `,` or `:`, was replaced.
    Repaired,
}

/// Ends `s` with the end mark, once: `…này.` → `…này./.`; `…này./.` stays;
/// `…này./../.` → `…này./.`.
///
/// ```
/// use vanban::text::{end_mark, EndFix};
/// assert_eq!(end_mark("thi hành."), ("thi hành./.".to_string(), EndFix::Appended));
/// assert_eq!(end_mark("thi hành./."), ("thi hành./.".to_string(), EndFix::Kept));
/// assert_eq!(end_mark("thi hành./. /."), ("thi hành./.".to_string(), EndFix::Repaired));
/// assert_eq!(end_mark("thi hành"), ("thi hành./.".to_string(), EndFix::Appended));
/// ```
pub fn end_mark(s: &str) -> (String, EndFix) {
    end_with(s, END_MARK)
}

/// Ends `s` with `mark` once: a final `.` or nothing gets it (a final `;`
/// `,` `:` gives way to it), any other run of `.` `/` is replaced by it.
fn end_with(s: &str, mark: &str) -> (String, EndFix) {
    let t = s.trim_end();
    let core = t.trim_end_matches(['.', '/', ' ']);
    let tail = &t[core.len()..];
    if tail == mark {
        return (t.to_owned(), EndFix::Kept);
    }
    match tail {
        "" | "." => match core.strip_suffix([';', ',', ':']) {
            Some(stripped) => (format!("{}{mark}", stripped.trim_end()), EndFix::Repaired),
            None => (format!("{core}{mark}"), EndFix::Appended),
        },
        _ => (format!("{core}{mark}"), EndFix::Repaired),
    }
}

/// A Party document's content ends with `.`, not `./.` (Hướng dẫn
/// 05-HD/VPTW, I-6.2.2): the last paragraph's end as printed, and what was
/// done to it.
///
/// ```
/// use vanban::text::party_end_mark;
/// assert_eq!(party_end_mark("nghiêm túc thực hiện").0, "nghiêm túc thực hiện.");
/// assert_eq!(party_end_mark("nghiêm túc thực hiện./.").0, "nghiêm túc thực hiện.");
/// assert_eq!(party_end_mark("như sau:").0, "như sau.");
/// ```
pub fn party_end_mark(s: &str) -> (String, EndFix) {
    end_with(s, ".")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_nfc_fast_path_holds_for_every_character_it_takes() {
        use unicode_normalization::char::canonical_combining_class;
        use unicode_normalization::{is_nfc_quick, IsNormalized};
        let fast = (0..0x300u32).chain(0x1EA0..=0x1EF9).chain(0x2002..=0x206F).filter_map(char::from_u32);
        for c in fast {
            assert!(nfc_alone(c) && !is_combining_mark(c));
            assert_eq!(is_nfc_quick(std::iter::once(c)), IsNormalized::Yes, "U+{:04X}", c as u32);
            assert_eq!(canonical_combining_class(c), 0, "U+{:04X}", c as u32);
        }
        // outside those the full check decides
        assert!(!unicode_is_nfc("Ho\u{0300}a"));
        assert!(!unicode_is_nfc("\u{2000}") && !nfc_alone('\u{2000}') && !nfc_alone('\u{2001}'));
        assert!(unicode_is_nfc("Đắk Lắk “Hòa”"));
    }

    #[test]
    fn leading_zeros() {
        for n in 1..10 {
            assert_eq!(format_number(n), format!("0{n}"));
            assert_eq!(format_day(n), format!("0{n}"));
        }
        assert_eq!(format_number(10), "10");
        assert_eq!(format_number(3887), "3887");
        assert_eq!(format_day(31), "31");
        assert_eq!(format_month(1), "01");
        assert_eq!(format_month(2), "02");
        for m in 3..=12 {
            assert_eq!(format_month(m), m.to_string());
        }
    }

    #[test]
    fn every_point_letter() {
        let expected = "abcdđeghiklmnopqrstuvxy";
        let got: String = (0..23).map(|i| point_letter(i).unwrap()).collect();
        assert_eq!(got, expected);
        assert_eq!(point_letter(23), None);
        for banned in ['f', 'j', 'w', 'z', 'ă', 'â', 'ê', 'ô', 'ơ', 'ư'] {
            assert!(!POINT_LETTERS.contains(&banned), "{banned}");
        }
    }

    #[test]
    fn romans() {
        let got: Vec<String> = (1..=12).map(roman).collect();
        assert_eq!(got, ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]);
        assert_eq!(roman(40), "XL");
        assert_eq!(roman(0), "0");
    }

    #[test]
    fn markup_parses_and_round_trips() {
        let cases = [
            ("a **b** c", vec![("a ", false, false), ("b", true, false), (" c", false, false)]),
            ("*x*", vec![("x", false, true)]),
            ("***x***", vec![("x", true, true)]),
            ("**a *b* c**", vec![("a ", true, false), ("b", true, true), (" c", true, false)]),
            ("3 \\* 4", vec![("3 * 4", false, false)]),
            ("a ** b", vec![("a ** b", false, false)]),
            ("a * b", vec![("a * b", false, false)]),
            ("**a* b", vec![("**a* b", false, false)]),
        ];
        for (src, want) in cases {
            let t = Text::markup(src);
            let got: Vec<(&str, bool, bool)> = t.runs().iter().map(|r| (r.text.as_str(), r.bold, r.italic)).collect();
            assert_eq!(got, want, "{src}");
            assert_eq!(Text::markup(&t.to_markup()), t, "{src}");
        }
        assert_eq!(Text::markup("a ** b").unmatched_markers(), 1);
        assert_eq!(Text::markup("**a* b").unmatched_markers(), 2);
        assert_eq!(Text::markup("**a** b").unmatched_markers(), 0);
    }

    #[test]
    fn whitespace_folds() {
        assert_eq!(Text::markup(" a \t b\n\nc ").plain_text(), "a b c");
        assert_eq!(Text::markup("**a** \n *b*").to_markup(), "**a** *b*");
        assert_eq!(fold_lines("A\n\n B "), "A\nB");
    }

    #[test]
    fn nfc_across_markers() {
        // found by fuzzing: "k" and a combining dot below split by an unmatched marker
        let t = Text::markup("k\\\u{323}D");
        assert_eq!(Text::markup(&t.to_markup()), t);
        let t = Text::from_runs(vec![Run::plain("k"), Run::plain("\u{323}")]);
        assert_eq!(t.plain_text(), "ḳ");
        assert_eq!(Text::markup(&t.to_markup()), t);
    }

    #[test]
    fn nfc_at_the_boundary() {
        let decomposed = "Ho\u{0300}a";
        assert_eq!(Text::markup(decomposed), Text::markup("Hòa"));
        assert_eq!(nfc(decomposed), "Hòa");
    }

    #[test]
    fn tone_styles_detected() {
        assert_eq!(tone_styles("hòa hoà"), vec![ToneStyle::Old, ToneStyle::New]);
        assert_eq!(tone_styles("Ủy ban, uỷ ban"), vec![ToneStyle::Old, ToneStyle::New]);
        assert_eq!(tone_styles("thủy thuỷ"), vec![ToneStyle::Old, ToneStyle::New]);
        assert_eq!(tone_styles("khỏe khoẻ"), vec![ToneStyle::Old, ToneStyle::New]);
        assert!(tone_styles("quý quỳ").is_empty());
    }
}
