//! Reading the PDF krilla writes, for the passes that work on its bytes
//! afterwards ([`crate::pdfpack`] and [`crate::sigfield`]). The reader is
//! small on purpose: it knows a classic cross-reference table and objects
//! written as pdf-writer writes them (`N 0 obj\n<<…>>\nendobj\n`, a stream's
//! data between `>>\nstream\n` and `\nendstream`), and refuses anything else
//! with an error message for the caller to wrap.

/// The first position of `needle` in `hay`.
pub(crate) fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// The last position of `needle` in `hay`.
pub(crate) fn rfind(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).rposition(|w| w == needle)
}

/// The number after `key` in a dictionary's text (`/Size 38`, `/Root 37 0 R`).
pub(crate) fn number_after(dict: &str, key: &str) -> Option<u32> {
    let at = dict.find(key)? + key.len();
    let digits: String = dict[at..].trim_start().chars().take_while(char::is_ascii_digit).collect();
    digits.parse().ok()
}

/// The last cross-reference section of a file.
#[derive(Debug)]
pub(crate) struct Xref {
    /// Where the section (`xref`) starts.
    pub start: usize,
    /// Object number → byte offset, `None` for a free entry.
    pub offsets: Vec<Option<usize>>,
    /// Where each entry's 20-byte line starts, in the same order as
    /// `offsets`; an entry's offset is the line's first ten digits.
    pub entry_at: Vec<Option<usize>>,
    /// Where the table's entries end (`trailer` follows).
    pub end: usize,
}

/// The last cross-reference section of `pdf`.
pub(crate) fn xref(pdf: &[u8]) -> Result<Xref, &'static str> {
    let sx = rfind(pdf, b"startxref").ok_or("no startxref")?;
    let tail = std::str::from_utf8(&pdf[sx + 9..]).map_err(|_| "startxref is not text")?;
    let start: usize = tail.split_whitespace().next().and_then(|s| s.parse().ok()).ok_or("bad startxref")?;
    let table = pdf.get(start..).ok_or("startxref past the end")?;
    if !table.starts_with(b"xref") {
        return Err("the file has a cross-reference stream, not a table");
    }
    // line by line, keeping each line's position: "xref", then subsection
    // heads ("first count") each followed by count 20-byte entries
    let mut at = start + 4;
    let line = |at: &mut usize| -> Option<(usize, &[u8])> {
        while pdf.get(*at).is_some_and(|b| *b == b'\r' || *b == b'\n') {
            *at += 1;
        }
        let begin = *at;
        let len = pdf[begin..].iter().position(|b| *b == b'\r' || *b == b'\n')?;
        *at = begin + len;
        Some((begin, &pdf[begin..begin + len]))
    };
    let (mut offsets, mut entry_at) = (Vec::new(), Vec::new());
    loop {
        let before = at;
        let Some((_, head)) = line(&mut at) else { break };
        let head = std::str::from_utf8(head).map_err(|_| "the xref table is not text")?;
        let mut it = head.split_whitespace();
        let (Some(Ok(first)), Some(Ok(count))) = (it.next().map(str::parse::<usize>), it.next().map(str::parse)) else {
            at = before;
            break;
        };
        if it.next().is_some() {
            at = before;
            break;
        }
        // numbers past what the file could hold (an object takes more than
        // eight bytes) are a broken table, not a reason to allocate
        if first.checked_add(count).is_none_or(|n| n > pdf.len() / 8 + 1) {
            return Err("the xref table numbers more objects than the file could hold");
        }
        for k in 0..count {
            let (pos, entry) = line(&mut at).ok_or("short xref table")?;
            let off: usize = std::str::from_utf8(entry.get(..10).ok_or("bad xref entry")?)
                .ok()
                .and_then(|s| s.parse().ok())
                .ok_or("bad xref entry")?;
            let used = entry.get(17) == Some(&b'n');
            if offsets.len() <= first + k {
                offsets.resize(first + k + 1, None);
                entry_at.resize(first + k + 1, None);
            }
            offsets[first + k] = used.then_some(off);
            entry_at[first + k] = Some(pos);
        }
    }
    Ok(Xref { start, offsets, entry_at, end: at })
}
