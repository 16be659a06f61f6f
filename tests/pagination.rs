//! The pagination promise, proved on generated plans read back from our
//! PDF: no page ends with the first line of a paragraph of two or more lines,
//! none starts with its last line, no heading is the last line of a page,
//! and no table row is split. Each paragraph carries unique first and last
//! words (`mở7` … `đóng7`), so its lines can be found with
//! `pdftotext -bbox` (poppler; installed by `.ci/run`).

mod common;

use vanban::{Appendix, Block, Issuer, Plan, Signer, Table};

const MM: f32 = 72.0 / 25.4;

struct Lcg(u64);
impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        self.0 >> 33
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

const FILL: &[&str] =
    &["thực", "hiện", "nhiệm", "vụ", "trọng", "tâm", "của", "các", "sở,", "ban,", "ngành;", "bảo", "đảm", "tiến", "độ"];

/// What the generator made, to look for in the PDF.
#[derive(Default)]
struct Made {
    /// Paragraph numbers (their words `mởK` and `đóngK`).
    paragraphs: Vec<usize>,
    /// Heading words (`tđK`) that must never end a page.
    headings: Vec<String>,
    /// Table rows (`hàngK` … `hếtK`).
    rows: Vec<usize>,
}

struct Gen {
    g: Lcg,
    n: usize,
    made: Made,
}

impl Gen {
    fn words(&mut self, min: u64, max: u64) -> String {
        let n = min + self.g.below(max - min + 1);
        (0..n).map(|_| FILL[self.g.below(FILL.len() as u64) as usize]).collect::<Vec<_>>().join(" ")
    }
    fn paragraph(&mut self) -> String {
        self.n += 1;
        let k = self.n;
        self.made.paragraphs.push(k);
        // from one line to about eight
        let body = self.words(1, 110);
        format!("mở{k} {body} đóng{k}.")
    }
    fn heading(&mut self) -> String {
        self.n += 1;
        let w = format!("tđ{}", self.n);
        self.made.headings.push(w.clone());
        format!("Tiêu đề {w}")
    }
    fn table(&mut self) -> Table {
        let mut t = Table::new([1.0, 6.0, 3.0]).header(["TT", "Nhiệm vụ", "Chủ trì"]);
        for _ in 0..1 + self.g.below(12) {
            self.n += 1;
            let k = self.n;
            self.made.rows.push(k);
            let task = format!("hàng{k} {} hết{k}", self.words(3, 60));
            t = t.row([String::new(), task, "Sở Nội vụ".into()]);
        }
        t
    }
    fn blocks(&mut self) -> Vec<Block> {
        let mut b = vanban::Blocks::new();
        for _ in 0..1 + self.g.below(6) {
            b = match self.g.below(5) {
                0 => {
                    let h = self.heading();
                    let kids: Vec<Block> = (0..1 + self.g.below(3))
                        .map(|_| Block::Paragraph(vanban::Paragraph { text: self.paragraph().as_str().into() }))
                        .collect();
                    b.titled_item(h.as_str(), |mut x| {
                        for k in kids {
                            x = match k {
                                Block::Paragraph(p) => x.paragraph(p.text),
                                _ => x,
                            };
                        }
                        x
                    })
                }
                1 if self.g.below(3) == 0 => b.table(self.table()),
                2 => b.bullet(self.paragraph().as_str()),
                _ => b.paragraph(self.paragraph().as_str()),
            };
        }
        b.into_vec()
    }
}

fn plan(seed: u64) -> (Plan, Made) {
    let mut g = Gen { g: Lcg(seed), n: 0, made: Made::default() };
    let mut b = Plan::builder()
        .issuer(Issuer::new("SỞ NỘI VỤ", "SNV").parent("UBND TỈNH LÀO CAI"))
        .number(7)
        .place("Lào Cai")
        .date(2026, 3, 10)
        .title("Kế hoạch thử phân trang");
    for _ in 0..2 + g.g.below(6) {
        let title = g.heading().to_uppercase();
        if let Some(h) = g.made.headings.last_mut() {
            *h = h.to_uppercase();
        }
        let blocks = g.blocks();
        b = b.section(title.as_str(), |mut s| {
            for x in blocks {
                s = match x {
                    Block::Paragraph(p) => s.paragraph(p.text),
                    Block::Item(i) => s.titled_item(i.title.unwrap_or_default(), |mut it| {
                        for k in i.blocks {
                            if let Block::Paragraph(p) = k {
                                it = it.paragraph(p.text);
                            }
                        }
                        it
                    }),
                    Block::Bullet(e) => s.bullet(e.text),
                    Block::Table(t) => s.table(t),
                    _ => s,
                };
            }
            s
        });
    }
    let closing = g.paragraph();
    b = b.closing(format!("Trên đây là kế hoạch {closing}").as_str());
    if g.g.below(2) == 0 {
        let blocks = g.blocks();
        b = b.appendix(Appendix { title: "Danh mục nhiệm vụ".into(), blocks, ..Appendix::default() });
    }
    let plan = b.recipient("UBND tỉnh (b/c)").archive(["VP"]).signer(Signer::new("Lê Minh Tuấn").title("GIÁM ĐỐC"));
    (plan.build().unwrap_or_else(|e| panic!("seed {seed}: {e}")), g.made)
}

/// Lines of the body area, page by page: (page, baseline) of each word.
struct Lines {
    words: Vec<common::Word>,
}

impl Lines {
    fn at(&self, text: &str) -> (usize, f32) {
        let w = self.words.iter().find(|w| w.text.trim_end_matches(['.', ',', ';', '/']) == text);
        let w = w.unwrap_or_else(|| panic!("{text} is not in the PDF"));
        (w.page, w.y1)
    }
    /// Distinct text lines of the body on `page` (below the top margin,
    /// where the page number stands), sorted top to bottom.
    fn on(&self, page: usize) -> Vec<f32> {
        let mut ys: Vec<f32> = self.words.iter().filter(|w| w.page == page && w.y1 > 20.0 * MM).map(|w| w.y1).collect();
        ys.sort_by(f32::total_cmp);
        ys.dedup_by(|a, b| (*a - *b).abs() < 2.0);
        ys
    }
}

#[test]
fn no_orphans_widows_or_stranded_headings_in_generated_plans() {
    if !common::tool_or_skip("pdftotext", "-v") {
        return;
    }
    let mut split_paragraphs = 0;
    for seed in 0..40u64 {
        let (plan, made) = plan(seed);
        let pdf = plan.to_pdf().unwrap();
        if std::env::var_os("VANBAN_DEBUG_PAGINATION").is_some() {
            std::fs::write(format!("/tmp/pagination-{seed}.pdf"), &pdf).unwrap();
            std::fs::write(format!("/tmp/pagination-{seed}.txt"), plan.to_text()).unwrap();
        }
        let lines = Lines { words: common::pdf_words(&pdf) };
        for k in &made.paragraphs {
            let (p0, y0) = lines.at(&format!("mở{k}"));
            let (p1, y1) = lines.at(&format!("đóng{k}"));
            if p0 == p1 {
                continue;
            }
            split_paragraphs += 1;
            let first = lines.on(p0).iter().filter(|y| **y >= y0 - 0.5).count();
            assert!(first >= 2, "seed {seed}: paragraph {k} leaves its first line alone at the foot of page {p0}");
            let last = lines.on(p1).iter().filter(|y| **y <= y1 + 0.5).count();
            assert!(last >= 2, "seed {seed}: paragraph {k} leaves its last line alone at the top of page {p1}");
        }
        for h in &made.headings {
            let (p, y) = lines.at(h);
            let below = lines.on(p).iter().filter(|l| **l > y + 0.5).count();
            assert!(below > 0, "seed {seed}: heading {h} is the last line of page {p}");
        }
        for k in &made.rows {
            assert_eq!(
                lines.at(&format!("hàng{k}")).0,
                lines.at(&format!("hết{k}")).0,
                "seed {seed}: table row {k} is split across pages"
            );
        }
    }
    // the property is only tested if paragraphs do cross pages
    assert!(split_paragraphs >= 20, "only {split_paragraphs} paragraphs crossed a page");
}
