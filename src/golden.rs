//! Golden files a reviewer can read (feature `golden`, issue 17): a diff
//! of two outputs built on their [`dump`]s, and a helper for
//! tests that keep a plan's DOCX and PDF as golden files.
//!
//! ```no_run
//! // tests/golden.rs of a program that issues plans
//! #[test]
//! fn plan_46_is_unchanged() {
//!     let plan = vanban::Plan::from_text(include_str!("plans/46.txt")).unwrap();
//!     vanban::golden::assert_golden(&plan, "tests/golden", "46");
//! }
//! // after an intended change: VANBAN_BLESS=1 cargo test
//! ```
//!
//! The helper compares bytes; on a mismatch it fails with the readable diff
//! of the two dumps (first differences, with page and line) and writes the
//! full dumps of both next to the golden files (`NAME.pdf.new.txt`, …).
//! `VANBAN_BLESS=1` writes the new files instead, with their dumps
//! (`NAME.pdf.txt`, `NAME.docx.txt`) so that a pull request shows the change
//! in plain text.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use crate::{dump, Error, Plan};

/// One line of a diff.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// Only in the old dump.
    Removed(String),
    /// Only in the new dump.
    Added(String),
    /// The same text at a new place (a PDF text line that moved).
    Moved {
        /// The old line.
        from: String,
        /// The new line.
        to: String,
    },
}

/// The differences of two dumps, with where they are.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Diff {
    /// (section — `page 2:` or `== word/document.xml` — and 1-based line
    /// within it, change), in order.
    pub changes: Vec<(String, usize, Change)>,
}

impl Diff {
    /// True when the dumps are the same.
    pub fn is_empty(&self) -> bool {
        self.changes.is_empty()
    }

    /// At most `limit` changes as text, then how many more there are.
    pub fn render(&self, limit: usize) -> String {
        let mut out = String::new();
        for (section, line, c) in self.changes.iter().take(limit) {
            let at = format!("{section} line {line}");
            let _ = match c {
                Change::Removed(l) => writeln!(out, "{at}\n  - {}", l.trim_start()),
                Change::Added(l) => writeln!(out, "{at}\n  + {}", l.trim_start()),
                Change::Moved { from, to } => {
                    writeln!(out, "{at} (moved)\n  - {}\n  + {}", from.trim_start(), to.trim_start())
                }
            };
        }
        if self.changes.len() > limit {
            let _ = writeln!(out, "… and {} more changes", self.changes.len() - limit);
        }
        out
    }
}

/// For each dump line, its section (`page 2`, `== word/document.xml`) and
/// its 1-based line within it.
fn sections(lines: &[&str]) -> Vec<(String, usize)> {
    let mut current = String::new();
    let mut k = 0;
    lines
        .iter()
        .map(|l| {
            if l.starts_with("page ") {
                current = l.split(':').next().unwrap_or(l).to_owned();
                k = 0;
            } else if l.starts_with("== ") {
                current = l.to_string();
                k = 0;
            } else {
                k += 1;
            }
            (current.clone(), k)
        })
        .collect()
}

/// A PDF text line's text, for pairing moved lines.
fn text_of(line: &str) -> Option<&str> {
    line.trim_start().starts_with("text ").then(|| line.split_once(" | ").map(|(_, t)| t)).flatten()
}

/// The differences between two dumps, line by line (a longest common
/// subsequence; the common start and end are matched first, so large
/// dumps with a local change stay fast). A removed and an added PDF text
/// line with the same text are reported as one move.
pub fn diff(old: &str, new: &str) -> Diff {
    let (a, b): (Vec<&str>, Vec<&str>) = (old.lines().collect(), new.lines().collect());
    let (sa, sb) = (sections(&a), sections(&b));
    let prefix = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let suffix = a[prefix..].iter().rev().zip(b[prefix..].iter().rev()).take_while(|(x, y)| x == y).count();
    let (ma, mb) = (&a[prefix..a.len() - suffix], &b[prefix..b.len() - suffix]);
    // edit script over the middle
    let mut script: Vec<(Option<usize>, Option<usize>)> = Vec::new();
    if ma.len().saturating_mul(mb.len()) <= 4_000_000 {
        let (n, m) = (ma.len(), mb.len());
        let mut lcs = vec![0u32; (n + 1) * (m + 1)];
        for i in (0..n).rev() {
            for j in (0..m).rev() {
                lcs[i * (m + 1) + j] = if ma[i] == mb[j] {
                    lcs[(i + 1) * (m + 1) + j + 1] + 1
                } else {
                    lcs[(i + 1) * (m + 1) + j].max(lcs[i * (m + 1) + j + 1])
                };
            }
        }
        let (mut i, mut j) = (0, 0);
        while i < n || j < m {
            if i < n && j < m && ma[i] == mb[j] {
                i += 1;
                j += 1;
            } else if i < n && (j == m || lcs[(i + 1) * (m + 1) + j] >= lcs[i * (m + 1) + j + 1]) {
                script.push((Some(i), None));
                i += 1;
            } else {
                script.push((None, Some(j)));
                j += 1;
            }
        }
    } else {
        script.extend((0..ma.len()).map(|i| (Some(i), None)));
        script.extend((0..mb.len()).map(|j| (None, Some(j))));
    }
    // pair removed and added text lines with the same text: moves
    let added: Vec<usize> = script.iter().filter_map(|(_, j)| *j).collect();
    let mut used = vec![false; mb.len()];
    let mut partner = vec![None; ma.len()];
    for (i, _) in script.iter().filter(|(i, _)| i.is_some()) {
        let i = i.unwrap_or_default();
        if let Some(t) = text_of(ma[i]) {
            if let Some(j) = added.iter().copied().find(|&j| !used[j] && text_of(mb[j]) == Some(t)) {
                used[j] = true;
                partner[i] = Some(j);
            }
        }
    }
    let mut changes: Vec<(String, usize, Change)> = Vec::new();
    for (i, j) in &script {
        match (i, j) {
            (Some(i), None) => {
                let (sec, line) = &sa[prefix + i];
                match partner[*i] {
                    Some(j) => {
                        let sec_b = &sb[prefix + j].0;
                        let at = if sec_b == sec { sec.clone() } else { format!("{sec} → {sec_b}") };
                        changes.push((at, *line, Change::Moved { from: ma[*i].to_owned(), to: mb[j].to_owned() }));
                    }
                    None => changes.push((sec.clone(), *line, Change::Removed(ma[*i].to_owned()))),
                }
            }
            (None, Some(j)) if !used[*j] => {
                let (sec, line) = &sb[prefix + j];
                changes.push((sec.clone(), *line, Change::Added(mb[*j].to_owned())));
            }
            _ => {}
        }
    }
    Diff { changes }
}

/// The diff of two files vanban wrote (both PDF or both DOCX).
///
/// ```
/// let plan = vanban::Plan::from_toml(include_str!("../fixtures/sample_003_c6a7a4c1d1099303.toml"))?;
/// let mut changed = plan.clone();
/// changed.signer.name = "Trần Văn Bình".into();
/// let d = vanban::golden::diff_files(&plan.to_pdf()?, &changed.to_pdf()?)?;
/// assert!(d.render(10).contains("Trần Văn Bình"));
/// assert!(vanban::golden::diff_files(&plan.to_pdf()?, &plan.to_pdf()?)?.is_empty());
/// # Ok::<(), vanban::Error>(())
/// ```
pub fn diff_files(old: &[u8], new: &[u8]) -> Result<Diff, Error> {
    Ok(diff(&dump::any(old)?, &dump::any(new)?))
}

/// How a golden comparison failed.
#[derive(Debug)]
pub struct Mismatch {
    /// What differs, readable (first changes of each file).
    pub report: String,
    /// The files written for the reviewer (new outputs' dumps and the
    /// golden ones').
    pub written: Vec<PathBuf>,
}

impl std::fmt::Display for Mismatch {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.report)?;
        if !self.written.is_empty() {
            writeln!(f, "full dumps:")?;
            for p in &self.written {
                writeln!(f, "  {}", p.display())?;
            }
        }
        write!(f, "If the change is intended, run the tests again with VANBAN_BLESS=1 to write the new golden files.")
    }
}

/// True when `VANBAN_BLESS` asks for new golden files.
pub fn bless_requested() -> bool {
    std::env::var_os("VANBAN_BLESS").is_some_and(|v| !v.is_empty() && v != "0")
}

/// Compares `bytes` with the golden file `path` (its dump beside it as
/// `PATH.txt`). With `bless`, writes both instead. `Ok(None)`: equal or
/// blessed.
pub fn check_file(path: &Path, bytes: &[u8], bless: bool) -> Result<Option<Mismatch>, Error> {
    let dump_path = PathBuf::from(format!("{}.txt", path.display()));
    let new_dump_path = PathBuf::from(format!("{}.new.txt", path.display()));
    let new_dump = dump::any(bytes)?;
    // a dump left by an earlier failure is stale once this run decides
    let _ = std::fs::remove_file(&new_dump_path);
    if bless {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        std::fs::write(path, bytes)?;
        std::fs::write(&dump_path, &new_dump)?;
        return Ok(None);
    }
    let old = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Ok(Some(Mismatch { report: format!("{} does not exist yet.\n", path.display()), written: vec![] }))
        }
        Err(e) => return Err(e.into()),
    };
    let stale_dump = std::fs::read_to_string(&dump_path).ok().is_some_and(|d| d != new_dump);
    if old == bytes && !stale_dump {
        return Ok(None);
    }
    let old_dump = dump::any(&old)?;
    let d = diff(&old_dump, &new_dump);
    let mut report = format!("{} differs from the new output ({} vs {} bytes)", path.display(), old.len(), bytes.len());
    if d.is_empty() {
        report.push_str(if old == bytes {
            ": its dump beside it is out of date.\n"
        } else {
            ": the dumps are the same, so only bytes the dump does not show changed (compression, metadata, the zip container).\n"
        });
    } else {
        report.push_str(":\n");
        report.push_str(&d.render(20));
    }
    std::fs::write(&new_dump_path, &new_dump)?;
    let mut written = vec![new_dump_path];
    if !dump_path.exists() {
        std::fs::write(&dump_path, &old_dump)?;
        written.push(dump_path);
    } else {
        written.push(dump_path);
    }
    Ok(Some(Mismatch { report, written }))
}

/// Renders `plan` as DOCX and PDF and compares them with `DIR/NAME.docx`
/// and `DIR/NAME.pdf`; with `VANBAN_BLESS=1` set, writes them (and their
/// dumps) instead.
pub fn check(plan: &Plan, dir: impl AsRef<Path>, name: &str) -> Result<Option<Mismatch>, Error> {
    let dir = dir.as_ref();
    let bless = bless_requested();
    let mut all: Option<Mismatch> = None;
    for (ext, bytes) in [("docx", plan.to_docx()?), ("pdf", plan.to_pdf()?)] {
        if let Some(m) = check_file(&dir.join(format!("{name}.{ext}")), &bytes, bless)? {
            match &mut all {
                None => all = Some(m),
                Some(a) => {
                    a.report.push_str(&m.report);
                    a.written.extend(m.written);
                }
            }
        }
    }
    Ok(all)
}

/// [`check`], panicking with the readable diff on a mismatch: the one call
/// a test makes.
#[track_caller]
pub fn assert_golden(plan: &Plan, dir: impl AsRef<Path>, name: &str) {
    match check(plan, dir, name) {
        Ok(None) => {}
        Ok(Some(m)) => panic!("golden files of {name:?} differ:\n{m}"),
        Err(e) => panic!("golden files of {name:?}: {e}"),
    }
}
