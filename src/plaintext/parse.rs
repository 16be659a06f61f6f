//! The parser of the plain-text format.

use crate::model::{
    Appendix, Archive, Article, Authority, Block, DocType, Drafter, Form, Paragraph, Plan, PlanDate, Profile,
    Recipient, Recipients, Signer, SignerTitle,
};
use crate::style::party::{PARTY_NAME, STAR};

use super::structure::{
    classify, ends_sentence, escaped, is_appendix_label, is_upper_line, structure, table_row, Kind, Structure,
};
use crate::text::{self, Text};
use crate::Error;

/// Something the parser noticed and fixed or could not place, with its line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseWarning {
    /// 1-based line number in the input.
    pub line: usize,
    /// What happened, in words a clerk understands.
    pub message: String,
}

impl std::fmt::Display for ParseWarning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

/// A parsed plan and the parser's warnings. Validate the plan as usual.
#[derive(Debug, Clone)]
pub struct Parsed {
    /// The plan.
    pub plan: Plan,
    /// What the parser fixed or could not place.
    pub warnings: Vec<ParseWarning>,
}

fn err(line: usize, message: impl Into<String>) -> Error {
    Error::Text { line, message: message.into() }
}

/// One line of input with its number; `escaped` when it started with `\`.
#[derive(Debug, Clone)]
struct Line<'a> {
    no: usize,
    text: &'a str,
}

fn starts_lower(s: &str) -> bool {
    s.chars().next().is_some_and(|c| c.is_lowercase())
}

struct Parser<'a> {
    lines: Vec<Line<'a>>,
    pos: usize,
    warnings: Vec<ParseWarning>,
    /// A Party document (Hướng dẫn 05-HD/VPTW): its header lines, symbol,
    /// signer forms and archive line are read as the Party writes them.
    party: bool,
}

impl<'a> Parser<'a> {
    fn peek(&self) -> Option<&Line<'a>> {
        self.lines.get(self.pos)
    }
    fn skip_blank(&mut self) {
        while self.peek().is_some_and(|l| l.text.trim().is_empty()) {
            self.pos += 1;
        }
    }
    fn warn(&mut self, line: usize, message: impl Into<String>) {
        self.warnings.push(ParseWarning { line, message: message.into() });
    }
}

/// Nơi nhận as written: its line, the entries, the archive line, ô 12.
type RecipientsFromText = (usize, Vec<Recipient>, Option<Archive>, Option<Drafter>);

/// What the text gave, field by field (None: not in the text).
#[derive(Debug, Default)]
struct FromText {
    number: Option<(usize, Option<u32>)>,
    doc_type: Option<(usize, DocType)>,
    code: Option<(usize, String)>,
    place_date: Option<(usize, String, PlanDate)>,
    title: Option<(usize, Text)>,
    structure: Structure,
    closing: Option<(usize, Text)>,
    recipients: Option<RecipientsFromText>,
    signer_titles: Option<(usize, Vec<SignerTitle>)>,
    signer_name: Option<(usize, String)>,
    below_name: Option<(usize, Vec<String>)>,
    addressees: Option<(usize, Vec<String>)>,
    form: Option<(usize, Form)>,
    appendices: Option<(usize, Vec<Appendix>)>,
    body_line: Option<usize>,
    /// A decision's authority line.
    authority: Option<(usize, String)>,
    /// A decision's articles.
    articles: Option<(usize, Vec<Article>)>,
    /// The header's left column as typed (a Party document's): superior
    /// body, issuing body.
    issuer_lines: Vec<(usize, String)>,
    /// The type name when it says more than the type's (`CHƯƠNG TRÌNH HÀNH ĐỘNG`).
    type_name: Option<(usize, String)>,
}

/// `Điều 3. Text` → (3, "Text").
fn article_line(t: &str) -> Option<(u32, &str)> {
    let rest = t.strip_prefix("Điều ")?;
    let digits = rest.find(|c: char| !c.is_ascii_digit())?;
    let n: u32 = rest[..digits].parse().ok()?;
    let rest = rest[digits..].strip_prefix('.')?;
    Some((n, rest.trim_start()))
}

/// `QUYẾT ĐỊNH:` before the articles.
fn is_resolve_line(t: &str) -> bool {
    t.trim().strip_suffix(':').is_some_and(|h| h.trim() == "QUYẾT ĐỊNH")
}

/// The `(Ban hành kèm theo Quyết định …)` line of an attached document.
fn is_issued_with(t: &str) -> bool {
    let t = t.trim();
    t.starts_with("(Ban hành kèm theo") || t.starts_with("(Kèm theo Quyết định")
}

/// Where a decision's attached document starts: the first type-name line
/// (`KẾ HOẠCH`) after the decision's articles.
fn attached_start(lines: &[Line], from: usize) -> Option<usize> {
    // after the articles, or QUYẾT ĐỊNH:, or Nơi nhận (a decision whose
    // articles are missing still has its attached plan found)
    let anchor = (from..lines.len()).find(|&i| {
        let t = lines[i].text.trim();
        article_line(t).is_some() || is_resolve_line(t) || t.starts_with("Nơi nhận")
    })?;
    (anchor..lines.len()).find(|&i| {
        let t = lines[i].text.trim();
        DocType::ALL.iter().any(|d| *d != DocType::QuyetDinh && d.heading() == t)
    })
}

/// The document a decision issues, from its type-name line: its title, the
/// `(Ban hành kèm theo …)` line, body, signer and appendices.
type AttachedDoc = (Plan, Option<(usize, String)>);

fn attached_doc(lines: Vec<Line>, warnings: &mut Vec<ParseWarning>) -> Result<AttachedDoc, Error> {
    let mut lines = lines;
    let mut issued_with = None;
    if let Some(k) = lines.iter().take(12).position(|l| is_issued_with(l.text)) {
        let no = lines[k].no;
        let mut line = text::fold_whitespace(lines[k].text);
        lines[k].text = "";
        // a line the clerk broke: up to the closing parenthesis
        let mut j = k + 1;
        while !line.ends_with(')') && j < lines.len() && j < k + 3 && !lines[j].text.trim().is_empty() {
            line = format!("{line} {}", text::fold_whitespace(lines[j].text));
            lines[j].text = "";
            j += 1;
        }
        if !line.ends_with(')') {
            warnings.push(ParseWarning {
                line: no,
                message: "the (Ban hành kèm theo …) line has no closing parenthesis; one is added".into(),
            });
            line.push(')');
        }
        issued_with = Some((no, line));
    }
    let mut p = Parser { lines, pos: 0, warnings: Vec::new(), party: false };
    let mut got = FromText::default();
    header(&mut p, &mut got)?;
    body(&mut p, &mut got)?;
    closing_block(&mut p, &mut got)?;
    warnings.append(&mut p.warnings);
    let plan = merge(got, None, Plan::default())?;
    Ok((plan, issued_with))
}

/// A decision's body: the căn cứ before `QUYẾT ĐỊNH:`, then the articles
/// with what stands under each.
fn decision_body(paras: Vec<(usize, String)>, got: &mut FromText, warnings: &mut Vec<ParseWarning>) {
    let Some(k) = paras.iter().position(|(_, t)| is_resolve_line(t)) else {
        if let Some((no, _)) = paras.iter().find(|(_, t)| article_line(t).is_some()) {
            warnings.push(ParseWarning {
                line: *no,
                message: "articles (Điều 1. …) follow a line \"QUYẾT ĐỊNH:\"; without it they are read as paragraphs: add the line above Điều 1.".into(),
            });
        }
        got.structure = structure(paras, warnings);
        return;
    };
    let mut it = paras.into_iter();
    let preamble: Vec<(usize, String)> = it.by_ref().take(k).collect();
    let _resolve = it.next();
    got.structure.preamble = preamble.iter().map(|(_, t)| Text::markup(t)).collect();
    // (line, the article, the paragraphs under it)
    type Under = Vec<(usize, String)>;
    let mut articles: Vec<(usize, Article, Under)> = Vec::new();
    for (no, t) in it {
        match article_line(&t) {
            Some((n, rest)) => {
                if n as usize != articles.len() + 1 {
                    warnings.push(ParseWarning {
                        line: no,
                        message: format!(
                            "\"Điều {n}.\" follows Điều {}; articles are numbered by position",
                            articles.len()
                        ),
                    });
                }
                articles.push((no, Article::new(rest), Vec::new()));
            }
            None => match articles.last_mut() {
                Some(a) => a.2.push((no, t)),
                // between QUYẾT ĐỊNH: and Điều 1.: read with the căn cứ
                None => got.structure.preamble.push(Text::markup(&t)),
            },
        }
    }
    let first = articles.first().map(|a| a.0);
    let list = articles
        .into_iter()
        .map(|(_, mut a, paras)| {
            let st = structure(paras, warnings);
            a.blocks = st.preamble.into_iter().map(|t| Block::Paragraph(Paragraph { text: t })).collect();
            a.blocks.extend(st.blocks);
            a
        })
        .collect();
    if let Some(no) = first {
        got.articles = Some((no, list));
    }
}

/// The Party's symbol form `Số 12-KH/ĐU` (Hướng dẫn 05-HD/VPTW): number,
/// hyphen, type, slash, body; no colon after `Số`.
fn party_symbol(t: &str) -> bool {
    let Some(rest) = t.strip_prefix("Số") else { return false };
    let rest = rest.trim_start().trim_start_matches(':').trim_start();
    let Some((num, tail)) = rest.split_once('-') else { return false };
    let num = num.trim();
    !num.is_empty()
        && num.bytes().all(|b| b.is_ascii_digit())
        && tail.split_once('/').is_some_and(|(ty, body)| {
            !ty.trim().is_empty() && ty.trim().chars().all(char::is_uppercase) && !body.trim().is_empty()
        })
}

fn party_error(no: usize, t: &str) -> Error {
    err(
        no,
        format!(
            "{t:?} is a Party document's (\"Số 12-KH/ĐU\", \"ĐẢNG CỘNG SẢN VIỆT NAM\", Hướng dẫn 05-HD/VPTW), but the front matter says profile = \"state\": remove that line, or write the State's form (\"Số: 12/KH-UBND\")"
        ),
    )
}

/// A line of hyphens only (`-----`): printed by the writers themselves.
fn is_dashes(t: &str) -> bool {
    t.len() >= 3 && t.bytes().all(|b| b == b'-')
}

/// A Party document: the front matter says so, or its header has
/// `ĐẢNG CỘNG SẢN VIỆT NAM` or a Party symbol (`Số 12-KH/ĐU`). Never
/// guessed from the wording.
fn is_party(lines: &[Line], front: Option<&toml::Table>) -> bool {
    if let Some(v) = front.and_then(|t| t.get("profile")) {
        return v.as_str() == Some("party");
    }
    lines.iter().map(|l| l.text.trim()).filter(|t| !t.is_empty()).take(30).any(|t| t == PARTY_NAME || party_symbol(t))
}

/// A Party symbol line, `Số 104-CTr/TU` (HD 05 I-3.2): number (blank in
/// a draft), type, body. A colon after `Số` and spaces typed into the blank
/// (`Số 104 -CTr/TU`) are fixed with a warning.
fn parse_party_number(p: &mut Parser, l: &Line) -> Result<Option<(Option<u32>, String, String)>, Error> {
    let t = l.text.trim();
    let Some(rest) = t.strip_prefix("Số") else { return Ok(None) };
    if rest.starts_with(char::is_alphabetic) {
        return Ok(None);
    }
    let (rest, colon) = match rest.trim_start().strip_prefix(':') {
        Some(r) => (r, true),
        None => (rest, false),
    };
    let state_form = || {
        err(
            l.no,
            format!("{t:?} is the State's symbol (Số: number/type-agency); a Party document writes number-type/body without a colon, e.g. \"Số 05-KH/ĐU\" (HD 05 I-3.2)"),
        )
    };
    let Some((num, sym)) = rest.split_once('-') else {
        return if rest.contains('/') { Err(state_form()) } else { Ok(None) };
    };
    if num.contains('/') {
        return Err(state_form());
    }
    let Some((ty, code)) = sym.split_once('/') else { return Ok(None) };
    let num_t = num.trim().trim_matches(['.', '…', '_']).trim();
    let number = if num_t.is_empty() {
        None
    } else {
        Some(num_t.parse::<u32>().map_err(|_| err(l.no, format!("{num_t:?} is not a number (in {t:?})")))?)
    };
    let (ty_t, code_t) = (text::without_spaces(ty), text::without_spaces(code));
    if ty_t.is_empty() || code_t.is_empty() {
        return Err(err(
            l.no,
            format!("{t:?}: a Party symbol is number-type/body, e.g. \"Số 12-KH/ĐU\" (HD 05 I-3.2)"),
        ));
    }
    let canonical = format!("Số {}-{ty_t}/{code_t}", number.map(text::format_number).unwrap_or_default());
    let spaces = number.is_some() && num.ends_with(' ') || ty.trim() != ty || code.trim() != code || ty_t != ty.trim();
    if colon {
        p.warn(l.no, format!("a Party document writes no colon after \"Số\": printed as {canonical:?} (HD 05 I-3.2)"));
    } else if spaces {
        p.warn(l.no, format!("spaces inside the symbol removed: {t:?} → {canonical:?} (HD 05 I-3.2)"));
    }
    Ok(Some((number, ty_t, code_t)))
}

fn parse_number_line(p: &mut Parser, l: &Line) -> Result<Option<(Option<u32>, String, String)>, Error> {
    let t = l.text.trim();
    if p.party {
        return parse_party_number(p, l);
    }
    if party_symbol(t) {
        return Err(party_error(l.no, t));
    }
    let Some(rest) = t.strip_prefix("Số") else { return Ok(None) };
    let rest = rest.trim_start();
    let Some(rest) = rest.strip_prefix(':') else { return Ok(None) };
    let Some((num, sym)) = rest.split_once('/') else {
        return Err(err(l.no, format!("{t:?}: the symbol needs a \"/\" after the number, e.g. \"Số: 46/KH-SNV\"")));
    };
    let num_t = num.trim();
    let number = if num_t.is_empty() {
        None
    } else {
        Some(num_t.parse::<u32>().map_err(|_| err(l.no, format!("{num_t:?} is not a number (in {t:?})")))?)
    };
    let Some((ty, code)) = sym.split_once('-') else {
        // no type: a công văn's symbol if a V/v line follows (the header
        // decides), e.g. "Số: 123/UBND"
        return Ok(Some((number, String::new(), text::without_spaces(sym.trim()))));
    };
    let (ty_t, code_t) = (ty.trim(), code.trim());
    let compact = text::without_spaces(code_t);
    let canonical = format!("Số: {}/{ty_t}-{compact}", number.map(text::format_number).unwrap_or_default());
    let typed_spaces =
        num.ends_with(' ') && !num_t.is_empty() || ty != ty_t || code.trim_start() != code || compact != code_t;
    if typed_spaces {
        p.warn(
            l.no,
            format!("spaces inside the symbol removed: {t:?} → {:?}", canonical.replace("Số: /", "Số:      /")),
        );
    }
    Ok(Some((number, ty_t.to_owned(), compact)))
}

fn parse_date_line(l: &Line) -> Result<Option<(String, PlanDate)>, Error> {
    let t = l.text.trim();
    let Some((place, rest)) = t.split_once(',') else { return Ok(None) };
    let rest = rest.trim();
    let Some(rest) = rest.strip_prefix("ngày") else { return Ok(None) };
    let Some((day, rest)) = rest.split_once("tháng") else { return Ok(None) };
    let Some((month, year)) = rest.split_once("năm") else { return Ok(None) };
    let num = |s: &str, what: &str| -> Result<Option<u32>, Error> {
        let s = s.trim();
        if s.is_empty() || s.chars().all(|c| c == '.' || c == '…' || c == '_') {
            return Ok(None);
        }
        s.parse::<u32>().map(Some).map_err(|_| err(l.no, format!("the {what} {s:?} is not a number (in {t:?})")))
    };
    let date =
        PlanDate { day: num(day, "day")?, month: num(month, "month")?, year: num(year, "year")?.map(|y| y as i32) };
    Ok(Some((text::fold_whitespace(place), date)))
}

/// Recognises the archive line `- Lưu: VT, VP (2). PL.(300)`; also
/// `Lưu VT, VP.` without the colon (the flag says so).
fn parse_archive(s: &str) -> Option<(Archive, Option<Drafter>, bool)> {
    let after = s.strip_prefix("Lưu")?.trim_start();
    let (rest, slip) = match after.strip_prefix(':') {
        Some(r) => (r.trim(), false),
        None if after.get(..2).is_some_and(|v| v.eq_ignore_ascii_case("VT")) => (after, true),
        None => return None,
    };
    // ô 12 after the final period: "PL.(300)"
    let mut drafter = None;
    let mut body = rest;
    if let Some(open) = rest.rfind(".(") {
        let tail = &rest[open + 2..];
        if let Some(n) =
            tail.strip_suffix(')').or_else(|| tail.strip_suffix(").")).and_then(|n| n.trim().parse::<u32>().ok())
        {
            let before = rest[..open].trim_end();
            let (head, initials) = match before.rfind(['.', ',', ' ']) {
                Some(k) => (&before[..k + 1], before[k + 1..].trim()),
                None => ("", before),
            };
            if !initials.is_empty() && initials.chars().all(char::is_alphabetic) {
                drafter = Some(Drafter { initials: text::fold_whitespace(initials), copies: n });
                body = head.trim_end();
            }
        }
    }
    let body = body.trim_end_matches(['.', ';', ',']).trim();
    let mut units: Vec<String> = body.split(',').map(text::fold_whitespace).filter(|u| !u.is_empty()).collect();
    if units.first().is_some_and(|u| u.eq_ignore_ascii_case("VT")) {
        units.remove(0);
    }
    let mut copies = None;
    if let Some(last) = units.last_mut() {
        if let Some(open) = last.rfind(" (") {
            if let Some(n) = last[open + 2..].strip_suffix(')').and_then(|n| n.trim().parse::<u32>().ok()) {
                copies = Some(n);
                last.truncate(open);
            }
        }
    }
    Some((Archive { units, copies }, drafter, slip))
}

/// A Party archive line, `Lưu Văn phòng Tỉnh ủy.` (HD 05 I-9.2.5): the
/// unit after `Lưu`, no colon, no VT; the State's `Lưu: VT, …` is read
/// with a warning.
fn parse_party_archive(p: &mut Parser, no: usize, entry: &str) -> Option<Archive> {
    let after = entry.strip_prefix("Lưu")?;
    if after.starts_with(char::is_alphabetic) {
        return None;
    }
    let after = after.trim_start();
    let (rest, colon) = match after.strip_prefix(':') {
        Some(r) => (r.trim(), true),
        None => (after, false),
    };
    let body = rest.trim_end_matches(['.', ';', ',']).trim();
    let mut units: Vec<String> = body.split(',').map(text::fold_whitespace).filter(|u| !u.is_empty()).collect();
    let vt = units.first().is_some_and(|u| u.eq_ignore_ascii_case("VT"));
    if vt {
        units.remove(0);
    }
    if colon || vt {
        let fixed = Recipients { archive: Some(Archive { units: units.clone(), copies: None }), ..Default::default() };
        p.warn(
            no,
            format!(
                "{entry:?} is the State's archive line; a Party document writes {:?}, no colon, no VT (HD 05 I-9.2.5)",
                fixed.party_archive_line()
            ),
        );
    }
    Some(Archive { units, copies: None })
}

/// A person's name: two to seven words, each capitalised, no punctuation.
fn is_name_line(s: &str) -> bool {
    let words: Vec<&str> = s.split_whitespace().collect();
    (2..=7).contains(&words.len())
        && words.iter().all(|w| w.chars().next().is_some_and(char::is_uppercase) && w.chars().all(char::is_alphabetic))
        && !is_upper_line(s)
}

/// Parses the plain-text format (see the module docs).
///
/// ```
/// let src = "+++\n[issuer]\nname = \"SỞ NỘI VỤ\"\ncode = \"SNV\"\n+++\n\
///            Số: 46 /KH- SNV\n\nBình Định, ngày 05 tháng 3 năm 2021\n\nKẾ HOẠCH\n\nThi đua năm 2021\n\n\
///            I. MỤC ĐÍCH\n\n1. Nâng cao ý thức./.\n\nNơi nhận:\n- Sở Nội vụ;\n- Lưu: VT, VP.\n\nGIÁM ĐỐC\n\nLê Minh Tuấn\n";
/// let parsed = vanban::plaintext::parse(src)?;
/// assert_eq!(parsed.plan.number, Some(46));
/// assert_eq!(parsed.plan.issuer.code, "SNV");
/// assert_eq!(parsed.warnings.len(), 1); // the stray spaces in the symbol
/// assert!(!parsed.plan.validate().has_errors());
/// # Ok::<(), vanban::Error>(())
/// ```
pub fn parse(input: &str) -> Result<Parsed, Error> {
    // NFC applies to the text part only: in the front matter it could compose
    // the last digit of a TOML escape such as \u000E with a combining mark
    // after it; the front matter's values are normalised when they load
    let input = input.strip_prefix('\u{feff}').unwrap_or(input).replace("\r\n", "\n").replace('\r', "\n");
    let all: Vec<Line> = input.split('\n').enumerate().map(|(i, t)| Line { no: i + 1, text: t }).collect();

    // front matter
    let mut start = 0;
    let mut front: Option<(toml::Table, usize)> = None;
    if all.first().is_some_and(|l| l.text.trim_end() == "+++") {
        let end = all[1..]
            .iter()
            .position(|l| l.text.trim_end() == "+++")
            .ok_or_else(|| err(1, "the front matter opened with +++ is never closed: add a line +++ after it"))?
            + 1;
        let src: Vec<&str> = all[1..end].iter().map(|l| l.text).collect();
        let table: toml::Table = src.join("\n").parse().map_err(|e: toml::de::Error| {
            let line = e
                .span()
                .map(|s| 2 + src.join("\n")[..s.start.min(src.join("\n").len())].matches('\n').count())
                .unwrap_or(1);
            err(line, format!("the front matter is not valid TOML: {}", e.message()))
        })?;
        front = Some((table, end + 1));
        start = end + 1;
    }

    let body_src = text::nfc(&all[start.min(all.len())..].iter().map(|l| l.text).collect::<Vec<_>>().join("\n"));
    let body_lines: Vec<Line> =
        body_src.split('\n').enumerate().map(|(i, t)| Line { no: start + i + 1, text: t }).collect();
    let party = is_party(&body_lines, front.as_ref().map(|(t, _)| t));
    let mut p = Parser { lines: body_lines, pos: 0, warnings: Vec::new(), party };
    if party {
        // the `-----` under the title and an appendix's reference: the
        // writers print them
        for l in p.lines.iter_mut() {
            if is_dashes(l.text.trim()) {
                l.text = "";
            }
        }
    }
    let mut got = FromText::default();
    header(&mut p, &mut got)?;
    // a decision (Mẫu 1.2 / 1.3): its authority, and the document it issues
    let mut attached = None;
    if got.doc_type.is_some_and(|(_, t)| t == DocType::QuyetDinh) && got.form.is_none() {
        if let Some(k) = attached_start(&p.lines, p.pos) {
            let tail = p.lines.split_off(k);
            attached = Some((tail[0].no, attached_doc(tail, &mut p.warnings)?));
        }
        p.skip_blank();
        if let Some(l) = p.peek().cloned() {
            let t = l.text.trim();
            if is_upper_line(t) && !is_resolve_line(t) && article_line(t).is_none() {
                got.authority = Some((l.no, text::fold_whitespace(t)));
                p.pos += 1;
            }
        }
        got.form = Some((got.doc_type.map_or(1, |d| d.0), Form::Decision));
    }
    body(&mut p, &mut got)?;
    closing_block(&mut p, &mut got)?;

    // merge with the front matter
    let mut plan = match &front {
        Some((t, _)) => {
            let plan: Plan = toml::Value::Table(t.clone())
                .try_into()
                .map_err(|e: toml::de::Error| err(2, format!("the front matter is not a plan: {}", e.message())))?;
            plan
        }
        None => Plan::default(),
    };
    if party {
        plan.profile = Profile::Party;
    }
    let mut plan = merge(got, front.as_ref().map(|(t, _)| t), plan)?;
    if let Some((line, (doc, issued_with))) = attached {
        if front.as_ref().is_some_and(|(t, _)| t.contains_key("attached")) {
            return Err(err(line, "the attached document is both in the text and in the front matter; give it once"));
        }
        plan.attached = Some(Box::new(doc));
        // the line as composed is not kept: the writers compose it
        if let Some((_, l)) = issued_with {
            let same = |a: &str, b: &str| a.split_whitespace().eq(b.split_whitespace());
            if !same(&l.replace("số:", "số"), &crate::compose::issued_with_line(&plan)) {
                plan.issued_with = Some(l);
            }
        }
    }
    drop_as_above(&mut plan);
    drop_composed_references(&mut plan);
    Ok(Parsed { plan, warnings: p.warnings })
}

/// An appendix's `(Kèm theo …)` line that says what the writers compose
/// anyway is not kept: the plan then follows its own number and date.
fn drop_composed_references(plan: &mut Plan) {
    let same = |a: &str, b: &str| a.split_whitespace().eq(b.split_whitespace());
    let given = |list: &[crate::model::Appendix]| list.iter().any(|a| a.reference.is_some());
    if !given(&plan.appendices) && !plan.attached.as_ref().is_some_and(|a| given(&a.appendices)) {
        // most plans: nothing to compare, no line to compose
        return;
    }
    let composed = crate::compose::appendix_reference(plan);
    for a in &mut plan.appendices {
        if a.reference.as_deref().is_some_and(|r| same(r, &composed)) {
            a.reference = None;
        }
    }
    if let Some(mut attached) = plan.attached.take() {
        let composed = crate::compose::attached_appendix_reference(plan, &attached);
        for a in &mut attached.appendices {
            if a.reference.as_deref().is_some_and(|r| same(r, &composed)) {
                a.reference = None;
            }
        }
        plan.attached = Some(attached);
    }
}

/// A document with a Kính gửi block prints `- Như trên;` first in its Nơi
/// nhận by itself (§12); the plan does not hold it, so that a plan read
/// from its own text or DOCX is the plan written.
fn drop_as_above(plan: &mut Plan) {
    if !plan.addressees.is_empty()
        && plan.recipients.to.first().is_some_and(|t| {
            t.note.is_none() && t.name.trim().to_lowercase() == crate::compose::AS_ABOVE.to_lowercase()
        })
    {
        plan.recipients.to.remove(0);
    }
}

/// The plan from what the text says, over the front matter's plan; a value
/// given in both must agree.
fn merge(got: FromText, front: Option<&toml::Table>, mut plan: Plan) -> Result<Plan, Error> {
    let has = |k: &str| front.is_some_and(|t| t.contains_key(k));
    let has_in = |k: &str, sub: &str| {
        front.and_then(|t| t.get(k)).and_then(|v| v.as_table()).is_some_and(|t| t.contains_key(sub))
    };
    let conflict = |line: usize, what: &str, text: &str, fm: &str| {
        err(
            line,
            format!("{what} is {text} in the text but {fm} in the front matter; give it once, or make them agree"),
        )
    };
    if let Some((line, n)) = got.number {
        if has("number") && plan.number != n {
            return Err(conflict(line, "the number", &format!("{n:?}"), &format!("{:?}", plan.number)));
        }
        plan.number = n;
    }
    if let Some((line, first)) = got.issuer_lines.first().cloned() {
        let lines: Vec<String> = got.issuer_lines.iter().map(|(_, l)| l.clone()).collect();
        // superior body, then the issuing body (its lines as typed)
        let (parent, name) = match lines.split_first() {
            Some((p, rest)) if !rest.is_empty() => (Some(p.clone()), rest.join("\n")),
            _ => (None, first),
        };
        if has_in("issuer", "name") {
            if plan.issuer.name.replace('\n', " ") != name.replace('\n', " ") {
                return Err(conflict(
                    line,
                    "the issuing body",
                    &format!("{name:?}"),
                    &format!("{:?}", plan.issuer.name),
                ));
            }
        } else {
            plan.issuer.name = name;
            if !has_in("issuer", "parent") {
                plan.issuer.parent = parent;
            }
        }
    }
    if let Some((line, t)) = got.type_name {
        if has("type_name") && plan.type_name.as_deref() != Some(t.as_str()) {
            return Err(conflict(line, "the type name", &format!("{t:?}"), &format!("{:?}", plan.type_name)));
        }
        plan.type_name = Some(t);
    }
    if let Some((line, t)) = got.doc_type {
        if has("doc_type") && plan.doc_type != t {
            return Err(conflict(line, "the document type", t.abbreviation(), plan.doc_type.abbreviation()));
        }
        plan.doc_type = t;
    }
    if let Some((line, code)) = got.code {
        if has_in("issuer", "code") && plan.issuer.code != code {
            return Err(conflict(line, "the agency code", &format!("{code:?}"), &format!("{:?}", plan.issuer.code)));
        }
        plan.issuer.code = code;
    }
    if let Some((line, place, date)) = got.place_date {
        if has("place") && plan.place != place {
            return Err(conflict(line, "the place", &format!("{place:?}"), &format!("{:?}", plan.place)));
        }
        if has("date") && plan.date != date {
            return Err(conflict(line, "the date", &date.to_string(), &plan.date.to_string()));
        }
        plan.place = place;
        plan.date = date;
    }
    if let Some((line, title)) = got.title {
        if has("title") && plan.title != title {
            return Err(conflict(
                line,
                "the title",
                &format!("{:?}", title.to_markup()),
                &format!("{:?}", plan.title.to_markup()),
            ));
        }
        plan.title = title;
    }
    let body_line = got.body_line.unwrap_or(1);
    let st = got.structure;
    if !st.preamble.is_empty() {
        if has("preamble") && plan.preamble != st.preamble {
            return Err(conflict(body_line, "the preamble", "given", "different"));
        }
        plan.preamble = st.preamble;
    }
    if !st.blocks.is_empty() {
        if has("blocks") && plan.blocks != st.blocks {
            return Err(conflict(body_line, "the content outside sections", "given", "different"));
        }
        plan.blocks = st.blocks;
    }
    if !st.sections.is_empty() {
        if has("sections") && plan.sections != st.sections {
            return Err(conflict(body_line, "the sections", "given", "different"));
        }
        plan.sections = st.sections;
    }
    if !st.parts.is_empty() {
        if has("parts") && plan.parts != st.parts {
            return Err(conflict(body_line, "the parts", "given", "different"));
        }
        plan.parts = st.parts;
        if let Some(ps) = st.part_style {
            plan.part_style = ps;
        }
    }
    if let Some((line, c)) = got.closing {
        if has("closing") && plan.closing.as_ref() != Some(&c) {
            return Err(conflict(line, "the closing paragraph", "given", "different"));
        }
        plan.closing = Some(c);
    }
    if let Some((line, to, archive, drafter)) = got.recipients {
        if has("recipients") {
            let r = &plan.recipients;
            if r.to != to || (archive.is_some() && r.archive != archive) || (drafter.is_some() && r.drafter != drafter)
            {
                return Err(conflict(line, "the recipients", "given", "different"));
            }
        }
        plan.recipients.to = to;
        if archive.is_some() {
            plan.recipients.archive = archive;
        }
        if drafter.is_some() {
            plan.recipients.drafter = drafter;
        }
    }
    if let Some((line, titles)) = got.signer_titles {
        if has_in("signer", "titles") && plan.signer.titles != titles {
            return Err(conflict(line, "the signer's titles", "given", "different"));
        }
        plan.signer.titles = titles;
    }
    if let Some((line, form)) = got.form {
        if has("form") && plan.form != form {
            return Err(conflict(line, "the form", &format!("{form:?}"), &format!("{:?}", plan.form)));
        }
        plan.form = form;
    }
    if let Some((line, list)) = got.addressees {
        if has("addressees") && plan.addressees != list {
            return Err(conflict(line, "the Kính gửi block", "given", "different"));
        }
        plan.addressees = list;
    }
    if let Some((line, below)) = got.below_name {
        if has_in("signer", "below_name") && plan.signer.below_name != below {
            return Err(conflict(line, "the lines under the signer's name", "given", "different"));
        }
        plan.signer.below_name = below;
    }
    if let Some((line, appendices)) = got.appendices {
        if has("appendices") && plan.appendices != appendices {
            return Err(conflict(line, "the appendices", "given", "different"));
        }
        plan.appendices = appendices;
    }
    if let Some((line, name)) = got.signer_name {
        if has_in("signer", "name") && plan.signer.name != name {
            return Err(conflict(line, "the signer's name", &format!("{name:?}"), &format!("{:?}", plan.signer.name)));
        }
        plan.signer.name = name;
    }
    if let Some((line, a)) = got.authority {
        if has("authority") && plan.authority.as_deref() != Some(a.as_str()) {
            return Err(conflict(line, "the authority", &format!("{a:?}"), &format!("{:?}", plan.authority)));
        }
        plan.authority = Some(a);
    }
    if let Some((line, list)) = got.articles {
        if has("articles") && plan.articles != list {
            return Err(conflict(line, "the articles", "given", "different"));
        }
        plan.articles = list;
    }
    Ok(plan)
}

/// `Số:`, the date line, the document type and the title, in any order
/// before the body; each is optional.
fn header(p: &mut Parser, got: &mut FromText) -> Result<(), Error> {
    // a symbol whose first group is no type: a công văn's, if a V/v follows
    let mut untyped: Option<(usize, String)> = None;
    // the whole symbol after the number, in case a V/v shows that its first
    // group is the agency's, not a type (TTr-NV3: a Thanh tra's công văn)
    let mut symbol: Option<(usize, String)> = None;
    let mut subject: Option<(usize, String)> = None;
    let result = loop {
        p.skip_blank();
        let Some(l) = p.peek().cloned() else { break Ok(()) };
        if p.party {
            let t = l.text.trim();
            // printed by the writers: the right header, the `*`, the `-----`
            if t == PARTY_NAME || t == STAR || is_dashes(t) {
                p.pos += 1;
                continue;
            }
            if got.number.is_none() {
                if let Some((n, ty, code)) = parse_number_line(p, &l)? {
                    if ty == "CV" {
                        got.form = Some((l.no, Form::CongVan));
                    } else {
                        let dt = DocType::from_abbreviation(&ty).ok_or_else(|| {
                            err(l.no, format!("{ty:?} is not a document type vanban knows (KH, CTr, BC, CV, QĐ, CT, TTr, TB, HD …; HD 05 I-3.2)"))
                        })?;
                        got.doc_type = Some((l.no, dt));
                    }
                    got.code = Some((l.no, code));
                    got.number = Some((l.no, n));
                    p.pos += 1;
                    continue;
                }
                // the left column's names, above the number
                if got.title.is_none() && is_upper_line(t) && !t.starts_with("Số") {
                    got.issuer_lines.push((l.no, text::fold_whitespace(t)));
                    p.pos += 1;
                    continue;
                }
            }
            // a công văn's trích yếu under its number (lower case, HD 05)
            let own_line = t == PARTY_NAME
                || t.starts_with("Kính gửi")
                || parse_date_line(&l).ok().flatten().is_some()
                || DocType::ALL.iter().any(|d| t.starts_with(d.heading().as_str()));
            if got.form.is_some_and(|(_, f)| f == Form::CongVan) && got.title.is_none() && !own_line {
                if !starts_lower(t) {
                    p.warn(
                        l.no,
                        format!("{t:?}: a Party công văn's trích yếu is written in lower case (\"về việc …\", HD 05 I-5.2.1); printed as typed"),
                    );
                }
                let mut s = Vec::new();
                while let Some(x) = p.peek() {
                    let xt = x.text.trim();
                    if xt.is_empty() || xt == PARTY_NAME || parse_date_line(x).ok().flatten().is_some() {
                        break;
                    }
                    s.push(xt);
                    p.pos += 1;
                }
                got.title = Some((l.no, Text::markup(&s.join(" "))));
                continue;
            }
        }
        if got.number.is_none() {
            if let Some((n, ty, code)) = parse_number_line(p, &l)? {
                let whole = if ty.is_empty() { code.clone() } else { format!("{ty}-{code}") };
                symbol = Some((l.no, whole.clone()));
                match DocType::from_abbreviation(&ty) {
                    Some(dt) => {
                        got.doc_type = Some((l.no, dt));
                        got.code = Some((l.no, code));
                    }
                    None => untyped = Some((l.no, whole)),
                }
                got.number = Some((l.no, n));
                p.pos += 1;
                continue;
            }
        }
        if l.text.trim() == "ĐẢNG CỘNG SẢN VIỆT NAM" {
            break Err(party_error(l.no, l.text.trim()));
        }
        // "V/v …" under the number: a công văn's subject (Mẫu 1.5)
        if got.title.is_none() && subject.is_none() {
            if let Some(rest) = l.text.trim().strip_prefix("V/v ") {
                let mut s = rest.trim().to_owned();
                p.pos += 1;
                // a subject the clerk wrapped: the lines up to a blank one
                while let Some(next) = p.peek().cloned() {
                    let t = next.text.trim();
                    // not a line of its own: a header part, a type name, a marker
                    let own = t.is_empty()
                        || t.starts_with("Kính gửi")
                        || t.starts_with("Số")
                        || parse_date_line(&next).ok().flatten().is_some()
                        || DocType::ALL.iter().any(|d| d.heading() == t)
                        || !matches!(classify(t), Kind::Paragraph(_));
                    if own {
                        break;
                    }
                    s.push(' ');
                    s.push_str(t);
                    p.pos += 1;
                }
                subject = Some((l.no, s));
                continue;
            }
        }
        if got.place_date.is_none() {
            if let Some((place, date)) = parse_date_line(&l)? {
                got.place_date = Some((l.no, place, date));
                p.pos += 1;
                continue;
            }
        }
        // Kính gửi (ô 9a): "Kính gửi: X" or "Kính gửi:" and "- X;" lines
        if got.addressees.is_none() {
            let t = l.text.trim();
            if let Some(rest) = t.strip_prefix("Kính gửi").map(|r| r.trim_start().trim_start_matches(':').trim()) {
                let mut list = Vec::new();
                p.pos += 1;
                // a Party công văn's "Kính gửi: - X," with the other entries
                // under it, each ending "," or ";" and the last "."
                let first = rest.strip_prefix(['-', '–']).map(str::trim).filter(|_| p.party);
                if let Some(first) = first {
                    list.push(text::fold_whitespace(first.trim_end_matches([';', '.', ','])));
                }
                if first.is_some_and(|f| f.ends_with([',', ';'])) {
                    loop {
                        p.skip_blank();
                        let Some(x) = p.peek() else { break };
                        let Some(entry) = x.text.trim().strip_prefix(['-', '–']) else { break };
                        let entry = entry.trim();
                        list.push(text::fold_whitespace(entry.trim_end_matches([';', '.', ','])));
                        p.pos += 1;
                        if !entry.ends_with([',', ';']) {
                            break;
                        }
                    }
                } else if first.is_some() {
                } else if rest.is_empty() {
                    // "- …;" lines up to the one ending "."; blank lines only
                    // between entries that go on
                    loop {
                        if list.is_empty() || p.peek().is_some_and(|x| x.text.trim().is_empty()) {
                            p.skip_blank();
                        }
                        let Some(x) = p.peek() else { break };
                        let Some(entry) = x.text.trim().strip_prefix(['-', '–']) else { break };
                        let entry = entry.trim();
                        list.push(text::fold_whitespace(entry.trim_end_matches([';', '.'])));
                        p.pos += 1;
                        if entry.ends_with('.') {
                            break;
                        }
                    }
                } else {
                    list.push(text::fold_whitespace(rest.trim_end_matches([';', '.'])));
                }
                got.addressees = Some((l.no, list));
                continue;
            }
        }
        if got.title.is_none() {
            let heading = l.text.trim();
            // a Party type name may say more than its type's
            // (`CHƯƠNG TRÌNH HÀNH ĐỘNG`, a CTr): the symbol's type, or the
            // longest name it starts with
            let party_type = p.party.then(|| {
                let starts = |d: &&DocType| {
                    heading.strip_prefix(d.heading().as_str()).is_some_and(|r| r.is_empty() || r.starts_with(' '))
                };
                got.doc_type
                    .map(|(_, d)| d)
                    .filter(|d| starts(&d))
                    .or_else(|| DocType::ALL.iter().filter(starts).max_by_key(|d| d.heading().len()).copied())
            });
            let found = match party_type {
                Some(t) => t,
                None => DocType::ALL.iter().find(|d| d.heading() == heading).copied(),
            };
            if let Some(dt) = found.as_ref() {
                if heading != dt.heading() {
                    got.type_name = Some((l.no, text::fold_whitespace(heading)));
                }
                if let Some((line, t)) = got.doc_type {
                    if t != *dt {
                        break Err(err(
                            l.no,
                            format!("{heading:?} does not match the symbol's type {} (line {line})", t.abbreviation()),
                        ));
                    }
                }
                got.doc_type = Some((l.no, *dt));
                p.pos += 1;
                p.skip_blank();
                let mut title = Vec::new();
                let first = p.peek().map_or(l.no, |x| x.no);
                while let Some(t) = p.peek() {
                    if t.text.trim().is_empty() || is_dashes(t.text.trim()) {
                        break;
                    }
                    title.push(t.text.trim());
                    p.pos += 1;
                }
                if title.is_empty() {
                    break Err(err(l.no, format!("no title after {heading:?}: write the trích yếu on the next line")));
                }
                got.title = Some((first, Text::markup(&title.join(" "))));
                continue;
            }
        }
        break Ok(());
    };
    result?;
    match (subject, got.title.is_some()) {
        // a type name and a V/v: a plan typed on a công văn's template
        (Some((no, s)), true) => p.warn(
            no,
            format!("\"V/v {s}\" is a công văn's subject line; a document with a type name (Mẫu 1.4) has none, so it is not printed: its trích yếu says it"),
        ),
        (Some((no, s)), false) => {
            got.form = Some((no, Form::CongVan));
            got.title = Some((no, Text::markup(&s)));
            // the symbol has no type: all of it is the agency's and unit's
            if let Some((line, code)) = untyped.take().or(symbol) {
                got.code = Some((line, code));
                got.doc_type = None;
            }
        }
        _ => {}
    }
    if let Some((line, code)) = untyped {
        if !code.contains('-') {
            return Err(err(line, format!("\"{code}\": the symbol is type-agency, e.g. \"KH-SNV\" (a công văn's, agency-unit, has a \"V/v …\" line under its number)")));
        }
        let ty = code.split('-').next().unwrap_or_default().to_owned();
        return Err(err(line, format!("{ty:?} is not a document type of Phụ lục III (e.g. KH for a plan); a công văn has a \"V/v …\" line under its number")));
    }
    Ok(())
}

/// Joined paragraphs of the body: (first line number, text).
fn paragraphs(p: &mut Parser) -> Vec<(usize, String)> {
    let mut out: Vec<(usize, String)> = Vec::new();
    let mut blank_before = true;
    while let Some(l) = p.peek().cloned() {
        let t = l.text.trim();
        if t == "Nơi nhận:" || t == "Nơi nhận :" || is_appendix_label(t) {
            break;
        }
        p.pos += 1;
        if t.is_empty() {
            blank_before = true;
            continue;
        }
        let plain = matches!(classify(t), Kind::Paragraph(_)) && !escaped(t);
        if let Some(prev) = out.last_mut().filter(|prev| escaped(&prev.1) || table_row(&prev.1).is_none()) {
            // a wrapped line, or a paragraph cut by a page break
            let continues = plain && (!blank_before || (!ends_sentence(&prev.1) && starts_lower(t)));
            if continues {
                prev.1.push(' ');
                prev.1.push_str(t);
                blank_before = false;
                continue;
            }
        }
        out.push((l.no, t.to_owned()));
        blank_before = false;
    }
    out
}

/// The blocks of the body: preamble, content, sections, parts and the
/// closing paragraph.
fn body(p: &mut Parser, got: &mut FromText) -> Result<(), Error> {
    let mut paras = paragraphs(p);
    got.body_line = paras.first().map(|x| x.0);
    // without "Nơi nhận:", the signer closes the text: capitals, then a
    // name; a Party text (signer block to the right of Nơi nhận) may give
    // it before Nơi nhận
    let before_recipients = p.party && p.peek().is_some_and(|l| l.text.trim().starts_with("Nơi nhận"));
    if p.peek().is_none() || p.peek().is_some_and(|l| is_appendix_label(l.text)) || before_recipients {
        if let Some(k) = trailing_signer(&paras) {
            let tail = paras.split_off(k);
            if let Some(((no, name), titles)) = tail.split_last() {
                if !titles.is_empty() {
                    got.signer_titles =
                        Some((titles[0].0, signer_titles(p, titles.iter().map(|t| (t.0, t.1.as_str())))));
                }
                got.signer_name = Some((*no, text::fold_whitespace(name)));
            }
        }
    }
    // the closing paragraph
    if let Some(last) = paras.last() {
        if matches!(classify(&last.1), Kind::Paragraph(_)) && last.1.starts_with("Trên đây") {
            if let Some((no, t)) = paras.pop() {
                got.closing = Some((no, Text::markup(&t)));
            }
        }
    }
    if got.form.is_some_and(|(_, f)| f == Form::Decision) {
        decision_body(paras, got, &mut p.warnings);
        return Ok(());
    }
    got.structure = structure(paras, &mut p.warnings);
    Ok(())
}

/// Signer title lines; `T/M.` and `K/T.` are read as `TM.` and `KT.`, with
/// a warning.
fn signer_titles<'s>(p: &mut Parser, lines: impl Iterator<Item = (usize, &'s str)>) -> Vec<SignerTitle> {
    lines
        .map(|(no, t)| {
            let t = t.trim();
            if p.party {
                // HD 05 I-7.1: T/M, K/T, T/L without a period; the State's
                // TM. / KT. / TL. and a stray period are slips
                // (the line is kept as typed; the writers print the Party's form)
                let title = SignerTitle::from(t);
                if let (Some(a), rest) = title.authority_in(Profile::Party) {
                    let m = a.party_marker();
                    let typed_ok = t.strip_prefix(m).is_some_and(|r| r.starts_with(' '));
                    if !typed_ok && a != Authority::Tuq {
                        p.warn(
                            no,
                            format!("{t:?}: a Party document writes \"{m}\" (HD 05 I-7.1); printed as \"{m} {rest}\""),
                        );
                    }
                }
                return title;
            }
            for (slip, fixed) in
                [("T/M.", "TM."), ("K/T.", "KT."), ("T/L.", "TL."), ("T/UQ.", "TUQ."), ("TM/", "TM."), ("KT/", "KT.")]
            {
                if let Some(rest) = t.strip_prefix(slip) {
                    p.warn(no, format!("\"{slip}\" is written for \"{fixed}\"; printed as {fixed} (§2.6)"));
                    return SignerTitle::from(format!("{fixed} {}", rest.trim()).as_str());
                }
            }
            SignerTitle::from(t)
        })
        .collect()
}

/// The start of a signer block at the end of the paragraphs: one to three
/// lines in capitals, then a name.
fn trailing_signer(paras: &[(usize, String)]) -> Option<usize> {
    let (last, _) = paras.split_last()?;
    if !is_name_line(&last.1) {
        return None;
    }
    let mut k = paras.len() - 1;
    while k > 0 && paras.len() - k <= 3 {
        let t = &paras[k - 1].1;
        if is_upper_line(t) && matches!(classify(t), Kind::Paragraph(_)) && t.chars().count() <= 60 {
            k -= 1;
        } else {
            break;
        }
    }
    (k < paras.len() - 1).then_some(k)
}

/// `Nơi nhận:` with its lines, then the signer.
fn closing_block(p: &mut Parser, got: &mut FromText) -> Result<(), Error> {
    let mut rest: Vec<Line> = p.lines[p.pos..].to_vec();
    if let Some(k) = rest.iter().position(|l| is_appendix_label(l.text)) {
        let tail = rest.split_off(k);
        got.appendices = Some((tail[0].no, appendices(p, &tail)));
    }
    let nonblank: Vec<&Line> = rest.iter().filter(|l| !l.text.trim().is_empty()).collect();
    if nonblank.is_empty() {
        return Ok(());
    }
    let mut after_recipients = 0;
    if let Some(first) = nonblank.first() {
        let t = first.text.trim();
        if t == "Nơi nhận:" || t == "Nơi nhận :" {
            let mut i = 1;
            let mut to: Vec<(usize, String)> = Vec::new();
            let mut archive = None;
            let mut drafter = None;
            while i < nonblank.len() {
                let l = nonblank[i];
                let t = l.text.trim();
                if let Some(entry) = t.strip_prefix(['-', '–']).filter(|_| p.party) {
                    if let Some(a) = parse_party_archive(p, l.no, entry.trim()) {
                        archive = Some(a);
                        i += 1;
                        break;
                    }
                }
                if let Some(entry) = t.strip_prefix(['-', '–']) {
                    let entry = entry.trim();
                    if let Some((a, d, slip)) = parse_archive(entry) {
                        if slip {
                            p.warn(
                                l.no,
                                format!("{t:?} has no colon after \"Lưu\"; printed as {:?} (§2.7)", "- Lưu: VT, …"),
                            );
                        }
                        archive = Some(a);
                        drafter = d;
                        i += 1;
                        break;
                    }
                    to.push((l.no, entry.to_owned()));
                } else if let Some(last) = to.last_mut().filter(|x| !x.1.ends_with([';', '.']) && !is_upper_line(t)) {
                    last.1.push(' ');
                    last.1.push_str(t);
                } else if t.starts_with("Lưu") {
                    if let Some((a, d, _)) = parse_archive(t) {
                        archive = Some(a);
                        drafter = d;
                        i += 1;
                    }
                    break;
                } else {
                    break;
                }
                i += 1;
            }
            // ô 12 alone on the next line
            if let Some(l) = nonblank.get(i) {
                let t = l.text.trim();
                if let Some(open) = t.find(".(") {
                    if let Some(n) = t[open + 2..].strip_suffix(')').and_then(|n| n.parse::<u32>().ok()) {
                        if t[..open].chars().all(char::is_alphabetic) && !t[..open].is_empty() {
                            drafter = Some(Drafter { initials: text::fold_whitespace(&t[..open]), copies: n });
                            i += 1;
                        }
                    }
                }
            }
            if archive.is_none() && !p.party {
                p.warn(first.no, "no \"- Lưu: VT, …\" line in Nơi nhận; \"- Lưu: VT.\" is printed");
            }
            let recipients: Vec<Recipient> = to.iter().map(|(_, s)| Recipient::from(s.as_str())).collect();
            for (no, s) in &to {
                let (_, messy) = Recipient::strip_punctuation(&format!("- {s}"));
                if messy {
                    p.warn(*no, format!("doubled punctuation in {s:?} fixed"));
                }
            }
            got.recipients = Some((first.no, recipients, archive, drafter));
            after_recipients = i;
        }
    }
    let signer: Vec<&Line> = nonblank[after_recipients..].to_vec();
    if signer.is_empty() {
        return Ok(());
    }
    // titles in capitals, the name, then any lines in capitals under it
    let Some(k) = signer.iter().rposition(|l| !is_upper_line(l.text.trim())) else {
        let l = signer[signer.len() - 1];
        return Err(err(
            l.no,
            format!("{:?} looks like a title, not the signer's name: the name comes last", l.text.trim()),
        ));
    };
    let (name_line, titles, below) = (signer[k], &signer[..k], &signer[k + 1..]);
    let name = name_line.text.trim();
    if titles.len() > 3 || titles.iter().any(|t| !is_upper_line(t.text.trim())) {
        let l = titles.iter().find(|t| !is_upper_line(t.text.trim())).unwrap_or(&name_line);
        return Err(err(
            l.no,
            format!(
                "{:?} cannot be placed: after Nơi nhận come one to three title lines in capitals and the signer's name",
                l.text.trim()
            ),
        ));
    }
    if !titles.is_empty() {
        got.signer_titles = Some((titles[0].no, signer_titles(p, titles.iter().map(|t| (t.no, t.text)))));
    }
    got.signer_name = Some((name_line.no, text::fold_whitespace(name)));
    if !below.is_empty() {
        got.below_name = Some((below[0].no, below.iter().map(|l| text::fold_whitespace(l.text)).collect()));
    }
    Ok(())
}

/// The appendices after the signature: each opens with its label line
/// (`PHỤ LỤC I`), then its title (up to the reference line `(Kèm theo …)`,
/// or its first paragraph), then its content.
fn appendices(p: &mut Parser, lines: &[Line]) -> Vec<Appendix> {
    let starts: Vec<usize> = (0..lines.len()).filter(|&i| is_appendix_label(lines[i].text)).collect();
    let mut out = Vec::new();
    for (k, &s) in starts.iter().enumerate() {
        let end = starts.get(k + 1).copied().unwrap_or(lines.len());
        let part = &lines[s + 1..end];
        // paragraphs of the head: title lines and the reference
        let nonblank: Vec<&Line> = part.iter().filter(|l| !l.text.trim().is_empty()).collect();
        let reference_at = nonblank.iter().take(5).position(|l| {
            let t = l.text.trim();
            t.starts_with('(') && t.ends_with(')')
        });
        let (title_lines, reference, used) = match reference_at {
            Some(r) => (nonblank[..r].to_vec(), Some(text::fold_whitespace(nonblank[r].text)), r + 1),
            None => (nonblank.iter().take(1).copied().collect(), None, 1.min(nonblank.len())),
        };
        if title_lines.is_empty() {
            p.warn(lines[s].no, "the appendix has no title line after its label");
        }
        let title = Text::markup(&title_lines.iter().map(|l| l.text.trim()).collect::<Vec<_>>().join(" "));
        // the first line of the content (none: the appendix is only its head)
        let after = nonblank.get(used).map_or(usize::MAX, |l| l.no);
        let body: Vec<Line> = part.iter().filter(|l| l.no >= after).cloned().collect();
        let mut sub = Parser { lines: body, pos: 0, warnings: Vec::new(), party: p.party };
        let paras = paragraphs(&mut sub);
        let st = structure(paras, &mut sub.warnings);
        p.warnings.append(&mut sub.warnings);
        out.push(Appendix {
            title,
            reference,
            preamble: st.preamble,
            blocks: st.blocks,
            sections: st.sections,
            landscape: None,
        });
        if !st.parts.is_empty() {
            p.warn(lines[s].no, "parts (A., Phần I) inside an appendix are not supported; their content is dropped");
        }
    }
    out
}

impl Signer {
    /// Reads a signer block written as lines: titles, then the name.
    ///
    /// ```
    /// let s = vanban::Signer::from_lines(&["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Lê Ngọc Quang"]);
    /// assert_eq!(s.titles.len(), 2);
    /// assert_eq!(s.name, "Lê Ngọc Quang");
    /// ```
    pub fn from_lines(lines: &[&str]) -> Signer {
        let (name, titles) = lines.split_last().map_or(("", &[][..]), |(n, t)| (*n, t));
        Signer {
            titles: titles.iter().map(|t| SignerTitle::from(*t)).collect(),
            name: text::fold_whitespace(name),
            below_name: Vec::new(),
        }
    }
}
