//! Strategies for generated plans (proptest), shared by the text and DOCX
//! round-trip properties.

use proptest::prelude::*;
use vanban::{Issuer, Plan, Signer};

/// Words plans use, with the ones that read as labels and markers at the
/// start of a line.
const WORDS: &[&str] = &[
    "Kế",
    "hoạch",
    "thi",
    "đua",
    "năm",
    "2021",
    "Ủy",
    "ban",
    "nhân",
    "dân",
    "tỉnh",
    "Đắk",
    "Nông",
    "COVID-19",
    "(b/c)",
    "đ)",
    "-",
    "+",
    "1.",
    "IV.",
    "a)",
    "“mục",
    "tiêu”",
    ";",
    ":",
    "./.",
    "**đậm**",
    "*nghiêng*",
    "v.v.",
    "10/10/2023",
    "Trên",
    "đây",
    "Nơi",
    "nhận:",
    "\\*",
    "%",
];

/// Words that read as a label or a marker at the start of a line.
const MARKERS: &[&str] = &["-", "+", "1.", "IV.", "a)", "đ)", "./.", "Trên", "Nơi", "nhận:", "\\*"];

fn phrase(words: Vec<&'static str>) -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(words), 1..12).prop_map(|w| w.join(" "))
}

pub fn words() -> impl Strategy<Value = String> {
    phrase(WORDS.to_vec())
}

pub fn upper_words() -> impl Strategy<Value = String> {
    prop::sample::select(vec!["MỤC ĐÍCH, YÊU CẦU", "NỘI DUNG", "TỔ CHỨC THỰC HIỆN", "GIẢI PHÁP", "KINH PHÍ"])
        .prop_map(str::to_owned)
}

#[derive(Debug, Clone)]
pub enum B {
    Para(String),
    Item(String, Vec<B>),
    Titled(String, Vec<B>),
    Point(String, Vec<B>),
    Bullet(String, Vec<B>),
    Plus(String),
}

pub fn blocks(depth: u32) -> BoxedStrategy<Vec<B>> {
    let leaf = prop_oneof![words().prop_map(B::Para), words().prop_map(B::Plus)];
    if depth == 0 {
        return prop::collection::vec(leaf, 0..3).boxed();
    }
    let inner = blocks(depth - 1);
    let node = prop_oneof![
        words().prop_map(B::Para),
        (words(), inner.clone()).prop_map(|(t, b)| B::Item(t, b)),
        (words(), inner.clone()).prop_map(|(t, b)| B::Titled(t, b)),
        (words(), inner.clone()).prop_map(|(t, b)| B::Point(t, b)),
        (words(), inner).prop_map(|(t, b)| B::Bullet(t, b)),
        words().prop_map(B::Plus),
    ];
    prop::collection::vec(node, 0..4).boxed()
}

pub fn build(b: vanban::Blocks, list: &[B]) -> vanban::Blocks {
    list.iter().fold(b, |b, x| match x {
        B::Para(t) => b.paragraph(t.as_str()),
        B::Item(t, kids) => b.item_with(t.as_str(), |i| build(i, kids)),
        B::Titled(t, kids) => b.titled_item(t.as_str(), |i| build(i, kids)),
        B::Point(t, kids) => b.point_with(t.as_str(), |i| build(i, kids)),
        B::Bullet(t, kids) => b.bullet_with(t.as_str(), |i| build(i, kids)),
        B::Plus(t) => b.plus(t.as_str()),
    })
}

/// A plan the builder makes: number or none, a date, a title, preamble,
/// sections with nested blocks, closing, recipients and one of three signer
/// forms.
pub fn plan() -> impl Strategy<Value = Plan> {
    (
        prop::option::of(1u32..5000),
        (1u32..29, 1u32..13, 2000i32..2100),
        words(),
        prop::collection::vec(words(), 0..3),
        prop::collection::vec((upper_words(), prop::option::of(words()), blocks(2)), 0..4),
        prop::option::of(words()),
        prop::collection::vec(words(), 0..4),
        prop::sample::select(vec![
            vec!["GIÁM ĐỐC"],
            vec!["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"],
            vec!["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"],
        ]),
    )
        .prop_map(|(number, (day, month, year), title, preamble, sections, closing, recipients, titles)| {
            let mut b = Plan::builder()
                .issuer(Issuer::new("SỞ NỘI VỤ", "SNV").parent("UBND TỈNH BÌNH ĐỊNH"))
                .place("Bình Định")
                .date(year, month, day)
                .title(title.as_str());
            if let Some(n) = number {
                b = b.number(n);
            }
            for p in &preamble {
                b = b.preamble(p.as_str());
            }
            for (t, text, list) in &sections {
                b = match text {
                    Some(x) => b.section_with_text(t.as_str(), x.as_str(), |s| build(s, list)),
                    None => b.section(t.as_str(), |s| build(s, list)),
                };
            }
            if let Some(c) = &closing {
                b = b.closing(c.as_str());
            }
            for r in &recipients {
                b = b.recipient(r.as_str());
            }
            let signer = titles.iter().fold(Signer::new("Lê Minh Tuấn"), |s, t| s.title(t));
            b.archive(["VP"]).signer(signer).build_unchecked()
        })
}

/// Words as plans use them, without the ones that read as a label or a
/// marker at the start of a line (`-`, `1.`, `a)`, `./.`, `Nơi nhận:`):
/// in a DOCX such a paragraph cannot be told from a labelled one, and the
/// text form escapes them with `\\` which a Word draft does not have.
pub fn prose() -> impl Strategy<Value = String> {
    phrase(WORDS.iter().copied().filter(|w| !MARKERS.contains(w)).collect())
}

/// Blocks in the order Decree 30 nests them (`1.` → `a)` → `-` → `+`),
/// from `level` down: 0 items, 1 points, 2 dash bullets, 3 plus bullets.
pub fn ordered_blocks(level: u32) -> BoxedStrategy<Vec<B>> {
    let kids = if level >= 3 { Just(Vec::new()).boxed() } else { ordered_blocks(level + 1) };
    let node = match level {
        // as the text form tells them apart (and clerks write them): an
        // item's text ends a sentence, a title does not
        0 => prop_oneof![
            (prose(), kids.clone()).prop_map(|(t, b)| B::Item(format!("{t} việc."), b)),
            // a title prints bold whole: emphasis inside it does not show
            (prose(), kids).prop_map(|(t, b)| B::Titled(format!("{} việc", t.replace('*', "")), b)),
        ]
        .boxed(),
        1 => (prose(), kids).prop_map(|(t, b)| B::Point(t, b)).boxed(),
        2 => (prose(), kids).prop_map(|(t, b)| B::Bullet(t, b)).boxed(),
        _ => prose().prop_map(B::Plus).boxed(),
    };
    prop::collection::vec(node, 0..3).boxed()
}

/// A plan that validates: sections hold items nested in order; otherwise as
/// [`plan`].
pub fn valid_plan() -> impl Strategy<Value = Plan> {
    (
        prop::option::of(1u32..5000),
        (1u32..29, 1u32..13, 2026i32..2100),
        prose(),
        prop::collection::vec(prose(), 0..3),
        prop::collection::vec((upper_words(), ordered_blocks(0)), 1..4),
        prose(),
        prop::collection::vec(prose(), 1..4),
    )
        .prop_map(|(number, (day, month, year), title, preamble, sections, closing, recipients)| {
            let mut b = Plan::builder()
                .issuer(Issuer::new("SỞ NỘI VỤ", "SNV").parent("UBND TỈNH GIA LAI"))
                .place("Gia Lai")
                .date(year, month, day)
                .title(title.replace("**", "").as_str()); // bold whole: bold inside does not show
            if let Some(n) = number {
                b = b.number(n);
            }
            for p in &preamble {
                b = b.preamble(p.as_str());
            }
            for (t, list) in &sections {
                b = b.section(t.as_str(), |s| build(s, list));
            }
            // plans end with their closing paragraph ("Trên đây là …")
            b = b.closing(format!("Trên đây là {closing}"));
            for r in &recipients {
                b = b.recipient(format!("Sở {r}"));
            }
            b.archive(["VP"]).signer(Signer::new("Lê Minh Tuấn").title("GIÁM ĐỐC")).build_unchecked()
        })
}
