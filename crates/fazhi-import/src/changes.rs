//! Tracked changes (修订) of a reviewed DOCX: every `w:ins` / `w:del` with its author
//! and date, and the original text around it, so that the core can anchor it on our
//! report by that text (`Store::add_changes`). Parses only; nothing is written.
//!
//! The body is read as one stream of original text: paragraphs joined by "\n" (the
//! node breaks of the core's flat text), a deleted paragraph mark a deleted "\n", an
//! inserted one an inserted "\n", a line break inside an insertion "\n" too (our
//! export writes a new paragraph of a suggestion that way). Adjacent deletions and
//! insertions by one author make one change (a replacement); text inserted and then
//! deleted again (`w:del` inside `w:ins`) was never there and is left out.
//!
//! `word/document.xml` is read here with roxmltree (behind the guard of
//! [`crate::docx`]), not through docx-rs's model, which drops moves, block-level
//! content controls, `w:sym` and dates an undated revision 1970: Word, WPS and
//! LibreOffice wrap runs in `w:sdt`, `w:customXml`, `w:smartTag`, `w:hyperlink`,
//! `w:fldSimple`, all read through; a move (`w:moveFrom`/`w:moveTo`) is a deletion
//! and an insertion; formatting-only revisions (`w:rPrChange`, `w:pPrChange`…) live
//! in property elements, which are never read; an inserted table row or cell, which
//! the report's 修订 cannot make, is one change without context — listed, not placed.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::ImportError;

/// Characters of original text kept either side of a change.
const CONTEXT_CHARS: usize = 24;

/// A tracked change found in a DOCX, with the original text around it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct DocxChange {
    pub author: String,
    /// As written in the file (ISO 8601), if at all.
    pub date: Option<String>,
    /// The original text it deletes ("" for an insertion; "\n" = a paragraph break).
    pub old: String,
    /// The text it inserts ("" for a deletion).
    pub new: String,
    /// Original text just before it, in the same paragraph.
    pub prefix: String,
    /// Original text just after it, in the same paragraph.
    pub suffix: String,
    /// The original text of the DOCX paragraph it stands in ("" for a listed
    /// row or cell, and for a paragraph too long to be outside the report's
    /// text): [`fit_context`] checks that paragraph is one of the report's.
    #[serde(skip)]
    #[ts(skip)]
    pub paragraph: String,
}

impl From<DocxChange> for fazhi_core::review::NewChange {
    fn from(c: DocxChange) -> Self {
        Self {
            id: None,
            author: c.author,
            role: None,
            created_at: c.date,
            old: c.old,
            new: c.new,
            prefix: c.prefix,
            suffix: c.suffix,
            start: None,
            end: None,
        }
    }
}

/// One stretch of the body: original text, or a tracked deletion or insertion.
#[derive(Debug, Clone, PartialEq)]
enum Seg {
    Same(String),
    Del {
        text: String,
        author: String,
        date: String,
    },
    Ins {
        text: String,
        author: String,
        date: String,
    },
    /// A change the report's 修订 cannot make (a whole inserted table row: cells
    /// joined by tabs): given without context, so that it is stored orphaned and
    /// listed, never placed in the wrong paragraph nor dropped.
    Listed {
        text: String,
        author: String,
        date: String,
    },
}

/// What the walker is inside: original text, or a tracked change's.
#[derive(Debug, Clone, PartialEq)]
enum Mode {
    Same,
    Del(String, String),
    Ins(String, String),
}

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
/// The same vocabulary as Word writes it in a “Strict Open XML” document.
const W_STRICT: &str = "http://purl.oclc.org/ooxml/wordprocessingml/main";

/// Whether a namespace is WordprocessingML's (transitional or strict).
fn is_w_ns(ns: Option<&str>) -> bool {
    matches!(ns, Some(W | W_STRICT))
}

/// Elements that hold properties, formatting-only revisions (`w:rPrChange`,
/// `w:pPrChange`, `w:sectPrChange`, `w:tblPrChange`… all live in them), drawings,
/// text boxes (not part of the report's text) or notes: never read as text.
const SKIPPED: &[&str] = &[
    "pPr",
    "rPr",
    "sectPr",
    "tblPr",
    "tblPrEx",
    "tblGrid",
    "trPr",
    "tcPr",
    "sdtPr",
    "sdtEndPr",
    "customXmlPr",
    "smartTagPr",
    "fldData",
    "drawing",
    "pict",
    "object",
    "AlternateContent",
    "footnoteReference",
    "endnoteReference",
    "commentReference",
    "oMath",
    "oMathPara",
];

fn attr<'a>(n: roxmltree::Node<'a, '_>, name: &str) -> Option<&'a str> {
    n.attributes()
        .find(|a| a.name() == name && (a.namespace().is_none() || is_w_ns(a.namespace())))
        .map(|a| a.value())
}

fn is_w(n: roxmltree::Node, name: &str) -> bool {
    n.is_element() && n.tag_name().name() == name && is_w_ns(n.tag_name().namespace())
}

/// The author and date of a revision element (`w:date` may be absent).
fn revision(n: roxmltree::Node) -> (String, String) {
    (
        attr(n, "author").unwrap_or_default().trim().to_string(),
        attr(n, "date").unwrap_or_default().trim().to_string(),
    )
}

/// The tracked change of a paragraph mark or table row (`w:pPr/w:rPr` or
/// `w:trPr`): a deletion (`w:del`, `w:moveFrom`) or an insertion (`w:ins`, `w:moveTo`).
fn mark_change(props: Option<roxmltree::Node>) -> Mode {
    for c in props.into_iter().flat_map(|p| p.children()) {
        if is_w(c, "del") || is_w(c, "moveFrom") {
            let (a, d) = revision(c);
            return Mode::Del(a, d);
        }
        if is_w(c, "ins") || is_w(c, "moveTo") {
            let (a, d) = revision(c);
            return Mode::Ins(a, d);
        }
    }
    Mode::Same
}

fn child<'a, 'i>(n: roxmltree::Node<'a, 'i>, name: &str) -> Option<roxmltree::Node<'a, 'i>> {
    n.children().find(|c| is_w(*c, name))
}

struct Walker {
    segs: Vec<Seg>,
    /// Open complex fields (`w:fldChar`): true once past their `separate`, where
    /// the field's shown result begins; the instruction before it is not text.
    fields: Vec<bool>,
}

impl Walker {
    fn push(&mut self, mode: &Mode, text: &str) {
        if text.is_empty() {
            return;
        }
        let seg = match mode {
            Mode::Same => Seg::Same(text.to_string()),
            Mode::Del(a, d) => Seg::Del {
                text: text.to_string(),
                author: a.clone(),
                date: d.clone(),
            },
            Mode::Ins(a, d) => Seg::Ins {
                text: text.to_string(),
                author: a.clone(),
                date: d.clone(),
            },
        };
        // Runs split anywhere (fonts, spelling marks, bookmarks, one revision id
        // per run): join stretches of one kind and author.
        match (self.segs.last_mut(), seg) {
            (Some(Seg::Same(a)), Seg::Same(b)) => a.push_str(&b),
            (
                Some(Seg::Del {
                    text: a, author: x, ..
                }),
                Seg::Del {
                    text: b, author: y, ..
                },
            ) if *x == y => a.push_str(&b),
            (
                Some(Seg::Ins {
                    text: a, author: x, ..
                }),
                Seg::Ins {
                    text: b, author: y, ..
                },
            ) if *x == y => a.push_str(&b),
            (_, seg) => self.segs.push(seg),
        }
    }

    fn in_instruction(&self) -> bool {
        self.fields.iter().any(|past_separate| !past_separate)
    }

    /// Any element of the body: paragraphs, tables, runs, and the wrappers Word,
    /// WPS and LibreOffice put around them (w:sdt, w:customXml, w:smartTag,
    /// w:hyperlink, w:fldSimple…), read through.
    fn node(&mut self, n: roxmltree::Node, mode: &Mode) {
        if !n.is_element() || !is_w_ns(n.tag_name().namespace()) {
            return;
        }
        let name = n.tag_name().name();
        match name {
            _ if SKIPPED.contains(&name) => {}
            "p" => self.paragraph(n, mode),
            "tr" => self.row(n, mode),
            "tc" => self.cell(n, mode),
            "r" => self.run(n, mode),
            "ins" | "moveTo" => {
                // Inserted inside a deletion: a reviewer's own text, never original.
                if !matches!(mode, Mode::Del(..)) {
                    let (a, d) = revision(n);
                    let m = Mode::Ins(a, d);
                    n.children().for_each(|c| self.node(c, &m));
                }
            }
            "del" | "moveFrom" => {
                // Deleted inside an insertion: inserted, then deleted — never there.
                if !matches!(mode, Mode::Ins(..)) {
                    let (a, d) = revision(n);
                    let m = Mode::Del(a, d);
                    n.children().for_each(|c| self.node(c, &m));
                }
            }
            _ => n.children().for_each(|c| self.node(c, mode)),
        }
    }

    fn paragraph(&mut self, p: roxmltree::Node, mode: &Mode) {
        self.fields.clear();
        p.children().for_each(|c| self.node(c, mode));
        // The paragraph mark: deleted (the next paragraph joins this one) or
        // inserted (this paragraph was split off), else as around it.
        let mark = mark_change(child(p, "pPr").and_then(|pr| child(pr, "rPr")));
        let mark = match (mark, mode) {
            (Mode::Same, m) => m.clone(),
            (m, _) => m,
        };
        self.push(&mark, "\n");
    }

    /// A table row. An inserted one (`w:trPr/w:ins`) cannot be a 修订 of the
    /// report's table: it is listed whole. A deleted one (`w:trPr/w:del`) comes
    /// back as the deletion of its cells' text (the row itself stays).
    fn row(&mut self, tr: roxmltree::Node, mode: &Mode) {
        match mark_change(child(tr, "trPr")) {
            Mode::Ins(author, date) if !matches!(mode, Mode::Ins(..)) => {
                let cells: Vec<String> = tr
                    .descendants()
                    .filter(|c| is_w(*c, "tc"))
                    .filter(|tc| tc.ancestors().find(|a| is_w(*a, "tr")) == Some(tr))
                    .map(|tc| inserted_text(tc, &author, &date))
                    .collect();
                self.segs.push(Seg::Listed {
                    text: cells.join("\t"),
                    author,
                    date,
                });
            }
            _ => tr.children().for_each(|c| self.node(c, mode)),
        }
    }

    /// A table cell; an inserted one (`w:tcPr/w:cellIns`) is listed, as a row.
    fn cell(&mut self, tc: roxmltree::Node, mode: &Mode) {
        let inserted = child(tc, "tcPr").and_then(|pr| child(pr, "cellIns"));
        match inserted {
            Some(ins) if !matches!(mode, Mode::Ins(..)) => {
                let (author, date) = revision(ins);
                self.segs.push(Seg::Listed {
                    text: inserted_text(tc, &author, &date),
                    author,
                    date,
                });
            }
            _ => tc.children().for_each(|c| self.node(c, mode)),
        }
    }

    fn run(&mut self, r: roxmltree::Node, mode: &Mode) {
        for c in r.children() {
            if !c.is_element() || !is_w_ns(c.tag_name().namespace()) {
                continue;
            }
            match c.tag_name().name() {
                "fldChar" => match attr(c, "fldCharType") {
                    Some("begin") => self.fields.push(false),
                    Some("separate") => {
                        if let Some(f) = self.fields.last_mut() {
                            *f = true;
                        }
                    }
                    Some("end") => {
                        self.fields.pop();
                    }
                    _ => {}
                },
                _ if self.in_instruction() => {}
                // Deleted text is w:delText; some writers leave w:t in a deletion.
                "t" | "delText" => self.push(mode, c.text().unwrap_or_default()),
                "tab" | "ptab" => self.push(mode, "\t"),
                "br" | "cr" => self.push(mode, "\n"),
                "noBreakHyphen" => self.push(mode, "-"),
                // 拼音指南: the base text; the pinyin above it (w:rt) is not text.
                "ruby" => {
                    if let Some(base) = child(c, "rubyBase") {
                        base.children().for_each(|x| self.node(x, mode));
                    }
                }
                "sym" => {
                    let ch = attr(c, "char")
                        .and_then(|h| u32::from_str_radix(h, 16).ok())
                        .and_then(char::from_u32)
                        .filter(|c| !c.is_control());
                    if let Some(ch) = ch {
                        self.push(mode, ch.encode_utf8(&mut [0; 4]));
                    }
                }
                // w:instrText/w:delInstrText (field codes), w:softHyphen (an
                // optional hyphen, not shown), w:lastRenderedPageBreak…: not text.
                _ => {}
            }
        }
    }
}

/// The text a reviewer inserted in an inserted table cell (`tc`), on one line.
fn inserted_text(tc: roxmltree::Node, author: &str, date: &str) -> String {
    let mut inner = Walker {
        segs: Vec::new(),
        fields: Vec::new(),
    };
    let m = Mode::Ins(author.to_string(), date.to_string());
    tc.children().for_each(|c| inner.node(c, &m));
    let text: String = inner
        .segs
        .iter()
        .map(|s| match s {
            Seg::Ins { text, .. } | Seg::Same(text) | Seg::Listed { text, .. } => text.as_str(),
            Seg::Del { .. } => "",
        })
        .collect();
    text.trim_end_matches('\n').replace('\n', " ")
}

/// The body as stretches of original, deleted and inserted text.
fn segments(document_xml: &str) -> Option<Vec<Seg>> {
    // roxmltree refuses a DTD by default: no entity expansion.
    let doc = roxmltree::Document::parse(document_xml).ok()?;
    let body = doc.root_element().children().find(|n| is_w(*n, "body"))?;
    let mut w = Walker {
        segs: Vec::new(),
        fields: Vec::new(),
    };
    body.children().for_each(|c| w.node(c, &Mode::Same));
    Some(w.segs)
}

/// Up to [`CONTEXT_CHARS`] characters at the end of `before`, reaching back over
/// `breaks` paragraph breaks at most.
fn tail_in_paragraph(before: &[char], breaks: usize) -> String {
    // Only the last CONTEXT_CHARS are looked at: `before` is all the text before
    // the change, and a scan back to a break from every change of a long
    // paragraph was quadratic.
    let window = before.len().saturating_sub(CONTEXT_CHARS);
    let from = before[window..]
        .iter()
        .enumerate()
        .rev()
        .filter(|(_, c)| **c == '\n')
        .nth(breaks)
        .map_or(window, |(i, _)| window + i + 1);
    before[from..].iter().collect()
}

fn head_in_paragraph(after: &[char], breaks: usize) -> String {
    let mut seen = 0;
    after
        .iter()
        .take(CONTEXT_CHARS)
        .take_while(|c| {
            if **c == '\n' {
                seen += 1;
            }
            seen <= breaks
        })
        .collect()
}

/// Longest original paragraph (in characters) a change keeps for
/// [`fit_context`], which only asks whether a short one is the report's: a long
/// one is kept as "" (never outside). Each change of a long paragraph holding a
/// copy of it took memory quadratic in the paragraph (20,000 changes in one of
/// 100,000 characters: 6 GB).
const PARAGRAPH_KEPT: usize = 4 * SHORT_PARAGRAPH;

/// The original paragraph a change at `start` starts in (or ends, for an
/// insertion at a paragraph's end), found among the `breaks` ("\n" positions)
/// by bisection; "" when longer than [`PARAGRAPH_KEPT`].
fn paragraph_at(original: &[char], breaks: &[usize], start: usize) -> String {
    let k = breaks.partition_point(|&b| b < start);
    let from = k.checked_sub(1).map_or(0, |p| breaks[p] + 1);
    let to = breaks.get(k).copied().unwrap_or(original.len());
    if to - from > PARAGRAPH_KEPT {
        return String::new();
    }
    original[from..to].iter().collect()
}

/// The changes of the stretches, with their context in the original text.
fn changes_of(segs: &[Seg]) -> Vec<DocxChange> {
    // The original text (kept and deleted) and where each stretch starts in it.
    let mut original: Vec<char> = Vec::new();
    let mut at = Vec::with_capacity(segs.len());
    for s in segs {
        at.push(original.len());
        match s {
            Seg::Same(t) | Seg::Del { text: t, .. } => original.extend(t.chars()),
            Seg::Ins { .. } | Seg::Listed { .. } => {}
        }
    }
    let breaks: Vec<usize> = (0..original.len())
        .filter(|&k| original[k] == '\n')
        .collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < segs.len() {
        let author = match &segs[i] {
            Seg::Same(_) => {
                i += 1;
                continue;
            }
            Seg::Listed { text, author, date } => {
                out.push(DocxChange {
                    author: author.clone(),
                    date: (!date.is_empty()).then(|| date.clone()),
                    old: String::new(),
                    new: text.clone(),
                    prefix: String::new(),
                    suffix: String::new(),
                    paragraph: String::new(),
                });
                i += 1;
                continue;
            }
            Seg::Del { author, .. } | Seg::Ins { author, .. } => author.clone(),
        };
        let start = at[i];
        let (mut old, mut new, mut date) = (String::new(), String::new(), String::new());
        while let Some(s) = segs.get(i) {
            match s {
                Seg::Del {
                    text,
                    author: a,
                    date: d,
                } if *a == author => {
                    old.push_str(text);
                    if date.is_empty() {
                        date = d.clone();
                    }
                }
                Seg::Ins {
                    text,
                    author: a,
                    date: d,
                } if *a == author => {
                    new.push_str(text);
                    if date.is_empty() {
                        date = d.clone();
                    }
                }
                _ => break,
            }
            i += 1;
        }
        let end = start + old.chars().count();
        let (before, after) = (&original[..start], &original[end..]);
        let (mut prefix, mut suffix) = (tail_in_paragraph(before, 0), head_in_paragraph(after, 0));
        if prefix.is_empty() && suffix.is_empty() {
            // A whole paragraph's or cell's text: its neighbours place it.
            (prefix, suffix) = (tail_in_paragraph(before, 1), head_in_paragraph(after, 1));
        }
        out.push(DocxChange {
            author,
            date: (!date.is_empty()).then_some(date),
            prefix,
            suffix,
            old,
            new,
            paragraph: paragraph_at(&original, &breaks, start),
        });
    }
    out
}

/// The tracked changes of a DOCX file (its bytes, `file` naming it in messages).
pub fn docx_changes(file: &str, bytes: &[u8]) -> Result<Vec<DocxChange>, ImportError> {
    if !(bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06")) {
        return Err(ImportError::CorruptDocx {
            file: file.to_string(),
            reason: "不是 Word 文档（.docx）".into(),
        });
    }
    let xml = crate::docx::document_xml(file, bytes)?;
    let segs = std::str::from_utf8(&xml)
        .ok()
        .and_then(segments)
        .ok_or_else(|| ImportError::CorruptDocx {
            file: file.to_string(),
            reason: "文档正文（word/document.xml）的 XML 内容已损坏".into(),
        })?;
    Ok(changes_of(&segs))
}

/// [`docx_changes`] of the file at `path`, refused by size before it is read.
pub fn docx_changes_file(path: &std::path::Path) -> Result<Vec<DocxChange>, ImportError> {
    let (name, bytes) = crate::read_bounded(path)?;
    docx_changes(&name, &bytes)
}

/// Longest normalized paragraph of the DOCX that is taken as outside the report when
/// no run of the report's nodes makes it: a title, 署名, 成文日期, 主送, 版记 line.
const SHORT_PARAGRAPH: usize = 60;

/// A paragraph's text as compared with the report's nodes: without spaces and 。
/// (our export ends a run-in heading with 。, the report's heading has none).
fn normalized(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace() && *c != '。')
        .collect()
}

/// `p` without the heading number our export and Word write before a heading:
/// 一、（一）1. 1．（1）⑴①.
fn without_number(p: &str) -> &str {
    let t = p.trim_start();
    let chinese = |c: char| "一二三四五六七八九十百零〇".contains(c);
    let digits_or_chinese = |s: &str| {
        !s.is_empty() && (s.chars().all(|c| c.is_ascii_digit()) || s.chars().all(chinese))
    };
    // （一） (1) （1）
    for (open, close) in [('（', '）'), ('(', ')')] {
        if let Some(rest) = t.strip_prefix(open) {
            if let Some(end) = rest.find(close) {
                if digits_or_chinese(&rest[..end]) {
                    return &rest[end + close.len_utf8()..];
                }
            }
        }
    }
    // 一、 1. 1、 1．
    let head: String = t
        .chars()
        .take_while(|c| c.is_ascii_digit() || chinese(*c))
        .collect();
    if digits_or_chinese(&head) {
        let rest = &t[head.len()..];
        for sep in ['、', '.', '．'] {
            if let Some(r) = rest.strip_prefix(sep) {
                return r;
            }
        }
    }
    // ⑴ ①
    match t.chars().next() {
        Some(c) if ('\u{2460}'..='\u{2487}').contains(&c) => &t[c.len_utf8()..],
        _ => t,
    }
}

/// Whether `paragraph` (normalized) is one of the report's nodes, or consecutive
/// nodes run together (a run-in heading and its text).
fn is_run_of_nodes(paragraph: &str, nodes: &[String]) -> bool {
    (0..nodes.len()).any(|i| {
        let mut rest = paragraph;
        for n in &nodes[i..] {
            if n.is_empty() {
                continue;
            }
            match rest.strip_prefix(n.as_str()) {
                Some(r) => rest = r,
                None => return false,
            }
            if rest.is_empty() {
                return true;
            }
        }
        false
    })
}

/// Character pairs of a normalized text.
fn bigrams(s: &str) -> std::collections::HashSet<(char, char)> {
    let chars: Vec<char> = s.chars().collect();
    chars.windows(2).map(|w| (w[0], w[1])).collect()
}

/// Least likeness (Dice coefficient of character pairs) between a short DOCX
/// paragraph and a report node (or a run-in heading and its text) for the paragraph
/// to be that node, edited since the export: a 署名 that is a few characters of a long
/// body paragraph is far below, a preface edited by the drafter far above.
const SAME_PARAGRAPH: f64 = 0.6;

/// Whether the normalized paragraph `p` is one of the report's nodes (normalized
/// `nodes`), maybe edited since, or two consecutive ones (a run-in heading and its
/// text).
fn is_a_node(
    p: &str,
    nodes: &[String],
    node_pairs: &[std::collections::HashSet<(char, char)>],
) -> bool {
    if is_run_of_nodes(p, nodes) {
        return true;
    }
    let mine = bigrams(p);
    if mine.is_empty() {
        return false;
    }
    node_pairs.iter().enumerate().any(|(i, theirs)| {
        let dice = |other: &dyn Fn(&(char, char)) -> bool, len: usize| {
            let common = mine.iter().filter(|b| other(b)).count();
            2.0 * common as f64 / (mine.len() + len) as f64 >= SAME_PARAGRAPH
        };
        dice(&|b| theirs.contains(b), theirs.len())
            || node_pairs.get(i + 1).is_some_and(|next| {
                dice(
                    &|b| theirs.contains(b) || next.contains(b),
                    theirs.len() + next.len(),
                )
            })
    })
}

/// Fits each change to the report's text `text` (its nodes joined by "\n").
///
/// A change in a short DOCX paragraph that is none of the report's nodes, nor like
/// one (the title, the 署名 or 成文日期, the 版头 or 版记 our export adds, or a paragraph
/// since rewritten beyond recognition) loses its context: it is not placed by a few characters that happen to stand in
/// the body too (“办公室” after the 署名 梅河口市人民政府 went into the body's
/// 《梅河口市人民政府…》), it is stored orphaned and listed.
///
/// The others' context is shortened to what the report has: the longest end of
/// `prefix` and start of `suffix` found in it, so that a context reaching into a
/// heading's number or another paragraph of the DOCX still finds the place.
pub fn fit_context(changes: &mut [DocxChange], text: &str) {
    let nodes: Vec<String> = text.split('\n').map(normalized).collect();
    let node_pairs: Vec<_> = nodes.iter().map(|n| bigrams(n)).collect();
    let outside = |p: &str| {
        let n = normalized(without_number(p));
        !n.is_empty() && n.chars().count() <= SHORT_PARAGRAPH && !is_a_node(&n, &nodes, &node_pairs)
    };
    let fit = |s: &str, from_end: bool| -> String {
        let chars: Vec<char> = s.chars().collect();
        for n in (1..=chars.len()).rev() {
            let part: String = if from_end {
                chars[chars.len() - n..].iter().collect()
            } else {
                chars[..n].iter().collect()
            };
            if text.contains(&part) {
                return part;
            }
        }
        String::new()
    };
    for c in changes {
        if outside(&c.paragraph) {
            c.prefix.clear();
            c.suffix.clear();
            continue;
        }
        c.prefix = fit(&c.prefix, true);
        c.suffix = fit(&c.suffix, false);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn del(t: &str, a: &str) -> Seg {
        Seg::Del {
            text: t.into(),
            author: a.into(),
            date: "2026-12-01T08:00:00Z".into(),
        }
    }

    fn ins(t: &str, a: &str) -> Seg {
        Seg::Ins {
            text: t.into(),
            author: a.into(),
            date: "2026-12-01T09:00:00Z".into(),
        }
    }

    #[test]
    fn a_deletion_and_insertion_by_one_author_are_one_replacement() {
        let segs = vec![
            Seg::Same("上一段。\n全年办理行政复议案件1".into()),
            del("20", "李审核"),
            ins("35", "李审核"),
            Seg::Same("件，纠错15件。\n".into()),
        ];
        let c = changes_of(&segs);
        assert_eq!(c.len(), 1);
        assert_eq!((c[0].old.as_str(), c[0].new.as_str()), ("20", "35"));
        assert_eq!(c[0].author, "李审核");
        assert_eq!(c[0].date.as_deref(), Some("2026-12-01T08:00:00Z"));
        assert_eq!(
            c[0].prefix, "全年办理行政复议案件1",
            "not over the paragraph break"
        );
        assert_eq!(c[0].suffix, "件，纠错15件。");
    }

    #[test]
    fn two_authors_make_two_changes_and_marks_are_breaks() {
        let segs = vec![
            Seg::Same("甲段".into()),
            del("\n", "张三"),
            Seg::Same("乙段".into()),
            ins("补充", "李四"),
            Seg::Same("\n".into()),
        ];
        let c = changes_of(&segs);
        assert_eq!(c.len(), 2);
        assert_eq!((c[0].old.as_str(), c[0].new.as_str()), ("\n", ""));
        assert_eq!(
            (c[0].prefix.as_str(), c[0].suffix.as_str()),
            ("甲段", "乙段")
        );
        assert_eq!((c[1].old.as_str(), c[1].new.as_str()), ("", "补充"));
        assert_eq!(c[1].prefix, "乙段");
        assert_eq!(c[1].suffix, "");
    }

    #[test]
    fn ruby_base_text_is_read_not_its_pinyin() {
        let xml = format!(
            r#"<w:document xmlns:w="{W}"><w:body><w:p><w:r><w:t>依</w:t></w:r><w:ins w:author="李审核"><w:r><w:ruby><w:rubyPr/><w:rt><w:r><w:t>fǎ</w:t></w:r></w:rt><w:rubyBase><w:r><w:t>法</w:t></w:r></w:rubyBase></w:ruby></w:r></w:ins><w:r><w:t>行政</w:t></w:r></w:p></w:body></w:document>"#
        );
        let c = changes_of(&segments(&xml).unwrap());
        assert_eq!(c.len(), 1);
        assert_eq!(
            (
                c[0].new.as_str(),
                c[0].prefix.as_str(),
                c[0].suffix.as_str()
            ),
            ("法", "依", "行政")
        );
    }

    #[test]
    fn heading_numbers_are_taken_off() {
        for (p, want) in [
            ("一、总体情况", "总体情况"),
            ("（一）依法行政。", "依法行政。"),
            ("(12)执法", "执法"),
            ("3．制度", "制度"),
            ("10.制度", "制度"),
            ("①要点", "要点"),
            ("一是加强领导", "一是加强领导"),
            ("2025年工作", "2025年工作"),
            ("（此件公开发布）", "（此件公开发布）"),
        ] {
            assert_eq!(without_number(p), want, "{p}");
        }
    }

    #[test]
    fn a_paragraph_is_a_node_or_a_run_in_heading_with_its_text() {
        let nodes: Vec<String> = "标题\n依法全面履行政府职能\n推进依法行政。\n\n120"
            .split('\n')
            .map(normalized)
            .collect();
        for (p, yes) in [
            ("推进依法行政。", true),
            ("依法全面履行政府职能。推进依法行政。", true),
            ("120", true),
            ("依法全面", false),
            ("某县人民政府", false),
        ] {
            assert_eq!(is_run_of_nodes(&normalized(p), &nodes), yes, "{p}");
        }
        // Edited since the export, it is still the node; a few of a node's characters are not.
        let nodes: Vec<String> =
            "2019年，在市委的坚强领导下，我市深入贯彻落实习近平法治思想。有关情况报告如下：\n\
                                  梅河口市人民政府召开常务会议2次，研究部署法治政府建设工作。"
                .split('\n')
                .map(normalized)
                .collect();
        let pairs: Vec<_> = nodes.iter().map(|n| bigrams(n)).collect();
        for (p, yes) in [
            ("2019年，在市委的坚强领导下，我市深入贯彻落实习近平法治思想。现将有关情况报告如下：", true),
            ("梅河口市人民政府", false),
            ("梅河口市人民政府关于2019年法治政府建设情况的报告", false),
            ("2020年3月13日", false),
        ] {
            assert_eq!(is_a_node(&normalized(p), &nodes, &pairs), yes, "{p}");
        }
    }

    #[test]
    fn context_is_fitted_to_the_report() {
        let mut c = vec![DocxChange {
            author: "李审核".into(),
            date: None,
            old: String::new(),
            new: "全面".into(),
            prefix: "（一）依法全面履行政府职能。推进".into(),
            suffix: "依法行政".into(),
            paragraph: "（一）依法全面履行政府职能。推进依法行政。".into(),
        }];
        fit_context(&mut c, "依法全面履行政府职能\n推进依法行政。");
        assert_eq!(c[0].prefix, "推进");
        assert_eq!(c[0].suffix, "依法行政");
    }

    /// Many changes in one long paragraph: each kept a copy of the paragraph and
    /// scanned it (20,000 changes in 100,000 characters: 391 s and 6 GB in a
    /// debug build); a short paragraph is still kept whole for `fit_context`.
    #[test]
    fn many_changes_in_one_long_paragraph_cost_linear_time() {
        let mut segs = vec![
            Seg::Same("甲段\n乙".into()),
            del("丙", "李"),
            Seg::Same("丁\n".into()),
        ];
        for _ in 0..8_000 {
            segs.push(Seg::Same("依法行政".into()));
            segs.push(del("甲", "李"));
        }
        segs.push(Seg::Same("\n".into()));
        let t = std::time::Instant::now();
        let c = changes_of(&segs);
        let took = t.elapsed();
        assert!(took.as_secs() < 5, "{took:?}");
        assert_eq!(c.len(), 8_001);
        assert_eq!(c[0].paragraph, "乙丙丁");
        assert_eq!((c[0].prefix.as_str(), c[0].suffix.as_str()), ("乙", "丁"));
        assert_eq!(c[100].paragraph, "");
        assert_eq!(c[100].prefix, "依法行政甲".repeat(4) + "依法行政");
        assert_eq!(c[1].prefix, "依法行政");
    }
}
