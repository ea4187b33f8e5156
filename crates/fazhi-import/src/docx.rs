//! DOCX through docx-rs's reader, behind a guard.
//!
//! docx-rs trusts its input (it unwraps read errors and decompresses without
//! bound), so it never sees the user's bytes: the guard inspects the zip
//! central directory (entry count, declared sizes, compression ratio),
//! decompresses only the XML parts itself with a hard cap per part, checks
//! their nesting depth, and hands docx-rs a fresh uncompressed package of
//! those parts (pictures and fonts are left out: we import text). A panic
//! inside docx-rs on a malformed part is caught and reported as a damaged file.
//!
//! Comments of a reviewed document ([`crate::ImportResult::comments`]) are anchored
//! on the original text (kept and deleted, not inserted: the report holds the
//! original), in the first paragraph of their range that has text; a comment marked
//! by its reference alone takes the sentence it follows; a quote that repeats in the
//! document grows until it is unique. Author and date are read as written.

use std::collections::HashMap;
use std::io::{Cursor, Read, Write};

use docx_rs::{
    DeleteChild, DocumentChild, Docx, InsertChild, MoveFromChild, MoveToChild,
    Paragraph as DxParagraph, ParagraphChild, RunChild, StructuredDataTagChild, TableCellContent,
    TableChild, TableRowChild,
};

use fazhi_core::model::Table;

use crate::structure::{Block, Input, RawComment};
use crate::tables::{RawCell, RawTable};
use crate::{ImportError, Removed};

/// More entries than any real document has.
pub const MAX_ENTRIES: usize = 5_000;
/// Total declared uncompressed size of all entries.
pub const MAX_TOTAL_UNCOMPRESSED: u64 = 512 * 1024 * 1024;
/// Largest XML part we decompress.
pub const MAX_XML_PART: u64 = 64 * 1024 * 1024;
/// Compression ratio above which a large entry is a bomb (real XML: 5–50;
/// deflate cannot exceed ~1030).
const MAX_RATIO: u64 = 500;
/// Deepest element nesting accepted in an XML part (Word writes ~15).
pub const MAX_XML_DEPTH: usize = 256;

pub fn extract(file: &str, bytes: &[u8]) -> Result<Input, ImportError> {
    let (docx, parts) = read_with_xml(file, bytes)?;
    Ok(walk(
        &docx,
        header_rows(&parts.document),
        reference_anchors(&parts.document),
        comment_attributes(&parts.comments),
    ))
}

/// The XML parts read here besides docx-rs, as the guard read them.
#[derive(Default)]
struct Parts {
    /// `word/document.xml`.
    document: Vec<u8>,
    /// `word/comments.xml` (empty when absent).
    comments: Vec<u8>,
}

/// The main part (`word/document.xml`) behind the guard, for [`crate::changes`],
/// which reads the revisions from the XML itself: docx-rs's reader drops moves,
/// block-level `w:sdt`/`w:customXml` paragraphs, `w:sym` and `w:noBreakHyphen`,
/// and dates a revision without `w:date` 1970.
pub(crate) fn document_xml(file: &str, bytes: &[u8]) -> Result<Vec<u8>, ImportError> {
    guard(file, bytes).map(|(_, parts)| parts.document)
}

/// The package as docx-rs reads it, and the parts as the guard read them: what
/// docx-rs drops (`w:tblHeader`, a comment's missing date) is read from them.
fn read_with_xml(file: &str, bytes: &[u8]) -> Result<(Docx, Parts), ImportError> {
    let (package, parts) = guard(file, bytes)?;
    let parsed = std::panic::catch_unwind(|| docx_rs::read_docx(&package));
    match parsed {
        Ok(Ok(d)) => Ok((d, parts)),
        Ok(Err(e)) => Err(corrupt(file, reader_reason(&e).into())),
        Err(_) => Err(corrupt(file, "文档内部结构异常".into())),
    }
}

/// Per table of the body, in order: which of its rows repeat as a header
/// (`w:trPr/w:tblHeader`), which docx-rs's reader does not keep.
fn header_rows(document_xml: &[u8]) -> Vec<Vec<bool>> {
    let Ok(text) = std::str::from_utf8(document_xml) else {
        return Vec::new();
    };
    // roxmltree refuses a DTD by default: no entity expansion.
    let Ok(doc) = roxmltree::Document::parse(text) else {
        return Vec::new();
    };
    let on = |n: roxmltree::Node| {
        let val = n
            .attributes()
            .find(|a| a.name() == "val")
            .map(|a| a.value());
        !matches!(val, Some("0" | "false" | "off"))
    };
    let Some(body) = doc
        .root_element()
        .children()
        .find(|n| n.tag_name().name() == "body")
    else {
        return Vec::new();
    };
    body.children()
        .filter(|n| n.tag_name().name() == "tbl")
        .map(|tbl| {
            tbl.children()
                .filter(|n| n.tag_name().name() == "tr")
                .map(|tr| {
                    tr.children()
                        .filter(|n| n.tag_name().name() == "trPr")
                        .flat_map(|p| p.children())
                        .any(|n| n.tag_name().name() == "tblHeader" && on(n))
                })
                .collect()
        })
        .collect()
}

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
/// The same vocabulary in a “Strict Open XML” document.
const W_STRICT: &str = "http://purl.oclc.org/ooxml/wordprocessingml/main";

/// Whether `n` is WordprocessingML's element `name` (transitional or Strict).
fn is_w(n: &roxmltree::Node, name: &str) -> bool {
    n.is_element()
        && n.tag_name().name() == name
        && matches!(n.tag_name().namespace(), Some(W | W_STRICT))
}

/// Per comment id, the text a comment marked by its `w:commentReference` alone
/// (no `w:commentRangeStart`/`End`: WPS, LibreOffice's point comments, Word's
/// comment on an insertion point) is anchored to: the sentence its reference
/// follows in its paragraph (original text: deleted text counts, inserted text
/// does not), else the one it precedes.
fn reference_anchors(document_xml: &[u8]) -> HashMap<usize, String> {
    let Ok(text) = std::str::from_utf8(document_xml) else {
        return HashMap::new();
    };
    let Ok(doc) = roxmltree::Document::parse(text) else {
        return HashMap::new();
    };
    // References grouped by their paragraph, in document order: each paragraph's
    // text is read once (read again for each of its references, a paragraph of
    // 5,000 point comments took 165 s).
    let mut groups: Vec<(roxmltree::Node, Vec<(roxmltree::Node, usize)>)> = Vec::new();
    for r in doc.descendants().filter(|n| is_w(n, "commentReference")) {
        let Some(id) = r
            .attributes()
            .find(|a| a.name() == "id")
            .and_then(|a| a.value().parse::<usize>().ok())
        else {
            continue;
        };
        let Some(p) = r.ancestors().find(|n| is_w(n, "p")) else {
            continue;
        };
        match groups.last_mut() {
            Some((q, refs)) if *q == p => refs.push((r, id)),
            _ => groups.push((p, vec![(r, id)])),
        }
    }
    let mut out = HashMap::new();
    for (p, refs) in groups {
        let (text, at) = original_text_with_marks(p, &refs);
        for ((_, id), b) in refs.iter().zip(at) {
            let anchor = sentence_before(&text[..b]).unwrap_or_else(|| sentence_after(&text[b..]));
            if !anchor.is_empty() {
                out.insert(*id, anchor);
            }
        }
    }
    out
}

/// Paragraph `p`'s original text (kept and deleted, not inserted) and the byte
/// offset in it of each of `refs` (nodes inside `p`, in document order).
fn original_text_with_marks(
    p: roxmltree::Node,
    refs: &[(roxmltree::Node, usize)],
) -> (String, Vec<usize>) {
    let (mut text, mut at) = (String::new(), Vec::with_capacity(refs.len()));
    for n in p.descendants() {
        if at.len() < refs.len() && n == refs[at.len()].0 {
            at.push(text.len());
        }
        let original = !n
            .ancestors()
            .any(|a| is_w(&a, "ins") || is_w(&a, "moveTo") || is_w(&a, "instrText"));
        if (is_w(&n, "t") || is_w(&n, "delText")) && original {
            text.push_str(n.text().unwrap_or_default());
        }
    }
    // A reference not met (never: each is inside `p`) stands at the end.
    at.resize(refs.len(), text.len());
    (text, at)
}

/// Each comment's `w:author` and `w:date` as written: docx-rs gives a comment
/// without them "unnamed" and 1970-01-01.
fn comment_attributes(comments_xml: &[u8]) -> HashMap<usize, (Option<String>, Option<String>)> {
    let Some(doc) = std::str::from_utf8(comments_xml)
        .ok()
        .and_then(|t| roxmltree::Document::parse(t).ok())
    else {
        return HashMap::new();
    };
    doc.descendants()
        .filter(|n| {
            n.tag_name().name() == "comment"
                && matches!(n.tag_name().namespace(), Some(W | W_STRICT))
        })
        .filter_map(|n| {
            let get = |name: &str| {
                n.attributes()
                    .find(|a| a.name() == name)
                    .map(|a| a.value().trim().to_string())
                    .filter(|v| !v.is_empty())
            };
            Some((get("id")?.parse().ok()?, (get("author"), get("date"))))
        })
        .collect()
}

const SENTENCE_END: &[char] = &['。', '！', '？', '；', '!', '?', ';'];
/// Longest quote a reference-only comment takes.
const REFERENCE_QUOTE: usize = 30;

fn sentence_before(before: &str) -> Option<String> {
    let before = before.trim_end();
    // Only the last REFERENCE_QUOTE + 1 characters can make the quote: all of a
    // long paragraph's text collected for each of its references was quadratic.
    let from = before
        .char_indices()
        .rev()
        .nth(REFERENCE_QUOTE)
        .map_or(0, |(i, _)| i);
    let chars: Vec<char> = before[from..].chars().collect();
    let last = chars.len().checked_sub(1)?;
    let start = chars[..last]
        .iter()
        .rposition(|c| SENTENCE_END.contains(c))
        .map_or(0, |i| i + 1)
        .max(chars.len().saturating_sub(REFERENCE_QUOTE));
    let s: String = chars[start..].iter().collect::<String>().trim().to_string();
    (!s.is_empty()).then_some(s)
}

fn sentence_after(after: &str) -> String {
    let mut s = String::new();
    for c in after.trim_start().chars().take(REFERENCE_QUOTE) {
        s.push(c);
        if SENTENCE_END.contains(&c) {
            break;
        }
    }
    s.trim().to_string()
}

/// docx-rs's reasons are English sentences; the user reads Chinese.
fn reader_reason(e: &docx_rs::ReaderError) -> &'static str {
    use docx_rs::ReaderError as E;
    match e {
        // docx-rs looks parts up by name: a missing one is the usual cause.
        E::ZipError(zip::result::ZipError::FileNotFound) => {
            "文档缺少必需的组成部分（关系表、样式表等）"
        }
        E::ZipError(_) => "文档压缩包无法读取",
        E::NumError(_) | E::FloatError(_) | E::TypeError(_) => "文档中有格式不正确的数值或属性",
        E::XMLReadError => "文档的 XML 内容已损坏",
        E::DocumentNotFoundError => "找不到文档正文",
        E::DocumentRelsNotFoundError => "找不到文档的关系表（word/_rels/document.xml.rels）",
        E::DocumentStylesNotFoundError => "找不到文档的样式表",
        E::DocumentNumberingsNotFoundError => "找不到文档的编号定义",
        E::HeaderOrFooterRelsNotFoundError => "找不到页眉或页脚的关系表",
        E::Unknown => "文档内容无法解析",
    }
}

fn corrupt(file: &str, reason: String) -> ImportError {
    ImportError::CorruptDocx {
        file: file.to_string(),
        reason,
    }
}

fn bomb(file: &str, reason: String) -> ImportError {
    ImportError::ZipBomb {
        file: file.to_string(),
        reason,
    }
}

/// Checks the archive and returns a clean package of its XML parts, and the
/// main part (`word/document.xml`) as read.
fn guard(file: &str, bytes: &[u8]) -> Result<(Vec<u8>, Parts), ImportError> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|_| corrupt(file, "不是完整的 ZIP 压缩包，文件可能被截断或已损坏".into()))?;
    if archive.len() > MAX_ENTRIES {
        return Err(bomb(
            file,
            format!("包含 {} 个文件，超过上限 {MAX_ENTRIES}", archive.len()),
        ));
    }
    let mut total = 0u64;
    let mut wanted: Vec<(usize, String, u64)> = Vec::new();
    let mut names: Vec<String> = Vec::new();
    for i in 0..archive.len() {
        let entry = archive
            .by_index_raw(i)
            .map_err(|_| corrupt(file, "压缩包目录已损坏".into()))?;
        let name = entry.name().to_string();
        let size = entry.size();
        let packed = entry.compressed_size().max(1);
        total = total.saturating_add(size);
        if total > MAX_TOTAL_UNCOMPRESSED {
            return Err(bomb(
                file,
                format!("解压后超过 {} MB", MAX_TOTAL_UNCOMPRESSED / 1024 / 1024),
            ));
        }
        if size > 1024 * 1024 && size / packed > MAX_RATIO {
            return Err(bomb(
                file,
                format!("“{name}”的压缩比异常（{}:1）", size / packed),
            ));
        }
        let lower = name.to_ascii_lowercase();
        if (lower.ends_with(".xml") || lower.ends_with(".rels")) && !entry.is_dir() {
            if size > MAX_XML_PART {
                return Err(bomb(file, format!("“{name}”解压后过大")));
            }
            if entry.encrypted() {
                return Err(corrupt(file, "文档已加密，请先在 Word 中取消密码".into()));
            }
            wanted.push((i, name.clone(), size));
        }
        names.push(name);
    }
    if !names.iter().any(|n| n == "word/document.xml") {
        if names.iter().any(|n| n == "content.xml") && names.iter().any(|n| n == "mimetype") {
            return Err(ImportError::Unsupported {
                file: file.to_string(),
                what: "OpenDocument 文档（.odt）".into(),
            });
        }
        return Err(corrupt(
            file,
            "压缩包里没有 Word 正文（word/document.xml），可能不是 Word 文档".into(),
        ));
    }
    let mut parts = Parts::default();
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (i, name, size) in wanted {
        let entry = archive
            .by_index(i)
            .map_err(|_| corrupt(file, format!("无法读取“{name}”")))?;
        let mut data = Vec::with_capacity(size.min(MAX_XML_PART) as usize);
        // The declared size may lie: read one byte past it to find out.
        entry
            .take(size.saturating_add(1).min(MAX_XML_PART + 1))
            .read_to_end(&mut data)
            .map_err(|_| corrupt(file, format!("“{name}”已损坏（解压失败）")))?;
        if data.len() as u64 > size {
            return Err(bomb(file, format!("“{name}”解压后的大小与声明不符")));
        }
        if let Some(depth) = too_deep(&data) {
            return Err(corrupt(file, format!("“{name}”的 XML 嵌套超过 {depth} 层")));
        }
        if name.to_ascii_lowercase().ends_with("commentsextended.xml") {
            data = without_unnamed_comment_ex(data);
        }
        out.start_file(name.as_str(), options)
            .and_then(|_| out.write_all(&data).map_err(zip::result::ZipError::from))
            .map_err(|_| corrupt(file, format!("无法处理“{name}”")))?;
        match name.as_str() {
            "word/document.xml" => parts.document = data,
            "word/comments.xml" => parts.comments = data,
            _ => {}
        }
    }
    let cursor = out
        .finish()
        .map_err(|_| corrupt(file, "无法重新打包文档".into()))?;
    Ok((cursor.into_inner(), parts))
}

/// commentsExtended.xml without its `w15:commentEx` entries that lack `w15:paraId`
/// (docx-rs panics on one, and the whole file would be refused); the replies the
/// others name are kept.
fn without_unnamed_comment_ex(data: Vec<u8>) -> Vec<u8> {
    let Ok(text) = std::str::from_utf8(&data) else {
        return data;
    };
    let Ok(doc) = roxmltree::Document::parse(text) else {
        return data;
    };
    let bad: Vec<std::ops::Range<usize>> = doc
        .descendants()
        .filter(|n| n.tag_name().name() == "commentEx")
        .filter(|n| !n.attributes().any(|a| a.name() == "paraId"))
        .map(|n| n.range())
        .collect();
    if bad.is_empty() {
        return data;
    }
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for r in bad {
        out.push_str(&text[at..r.start]);
        at = r.end;
    }
    out.push_str(&text[at..]);
    out.into_bytes()
}

/// The nesting depth limit when an XML part goes deeper than it. A byte
/// scan: `<x>` opens, `</x>` and `<x/>` close, comments, CDATA, declarations
/// and processing instructions do not count.
fn too_deep(xml: &[u8]) -> Option<usize> {
    let mut depth = 0usize;
    let mut i = 0;
    while i < xml.len() {
        if xml[i] != b'<' {
            i += 1;
            continue;
        }
        let rest = &xml[i + 1..];
        if rest.starts_with(b"!--") {
            i = find(xml, i, b"-->").unwrap_or(xml.len());
            continue;
        }
        if rest.starts_with(b"![CDATA[") {
            i = find(xml, i, b"]]>").unwrap_or(xml.len());
            continue;
        }
        let end = xml[i..].iter().position(|b| *b == b'>').map(|p| i + p);
        let Some(end) = end else { break };
        if rest.starts_with(b"?") || rest.starts_with(b"!") {
        } else if rest.starts_with(b"/") {
            depth = depth.saturating_sub(1);
        } else if end > 0 && xml[end - 1] != b'/' {
            depth += 1;
            if depth > MAX_XML_DEPTH {
                return Some(MAX_XML_DEPTH);
            }
        }
        i = end + 1;
    }
    None
}

fn find(hay: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    hay[from..]
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| from + p + needle.len())
}

/// Most characters a repeated quote grows by on each side ([`unique_in`]).
const QUOTE_GROWTH: usize = 20;

/// `quote` (found at byte `at` of the document's original text), grown by the
/// characters around it in its paragraph until it occurs once in the document:
/// the report places an imported comment at the first occurrence of its quote,
/// so a comment on the third 2019年 would stand on the first.
fn unique_in(original: &str, quote: &str, at: usize) -> String {
    let once = |s: &str| original.matches(s).nth(1).is_none();
    if quote.trim().is_empty() || original.get(at..at + quote.len()) != Some(quote) || once(quote) {
        return quote.to_string();
    }
    let (mut s, mut e) = (at, at + quote.len());
    for _ in 0..QUOTE_GROWTH {
        let mut moved = false;
        if let Some(c) = original[e..].chars().next().filter(|c| *c != '\n') {
            e += c.len_utf8();
            moved = true;
            if once(&original[s..e]) {
                break;
            }
        }
        if let Some(c) = original[..s].chars().next_back().filter(|c| *c != '\n') {
            s -= c.len_utf8();
            moved = true;
            if once(&original[s..e]) {
                break;
            }
        }
        if !moved {
            break;
        }
    }
    original[s..e].to_string()
}

/// docx-rs keeps deleted text private; its serde form has it.
fn deleted_text(rc: &RunChild) -> String {
    let RunChild::DeleteText(t) = rc else {
        return String::new();
    };
    serde_json::to_value(t)
        .ok()
        .and_then(|v| v.get("text")?.as_str().map(str::to_string))
        .unwrap_or_default()
}

/// docx-rs keeps the id of a comment's end private; its serde form has it.
fn end_id(e: &docx_rs::CommentRangeEnd) -> Option<usize> {
    serde_json::to_value(e)
        .ok()?
        .get("id")?
        .as_u64()
        .map(|v| v as usize)
}

struct StyleInfo {
    outline: Option<u8>,
    title: bool,
    numbering: Option<(usize, usize)>,
}

/// Which counters a numbered paragraph advances. Numbering instances (`w:num`)
/// of one abstract numbering share its counters, as in Word: a list split over
/// several instances keeps counting. An instance with a `w:startOverride` is a
/// restarted list with counters of its own (Word's "重新开始于…").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum ListKey {
    Abstract(usize),
    Restarted(usize),
}

/// Numbering counters per list, and the formats to render them.
struct Numbers<'a> {
    docx: &'a Docx,
    counters: HashMap<ListKey, Vec<u32>>,
}

fn level_start(l: &docx_rs::Level) -> u32 {
    serde_json::to_value(&l.start)
        .ok()
        .and_then(|v| v.as_u64())
        .map(|v| u32::try_from(v).unwrap_or(1))
        .unwrap_or(1)
}

impl Numbers<'_> {
    /// The label Word shows for the next paragraph of (num id, level).
    fn next(&mut self, num_id: usize, level: usize) -> Option<String> {
        let nums = &self.docx.numberings;
        let num = nums.numberings.iter().find(|n| n.id == num_id)?;
        let abs = nums
            .abstract_nums
            .iter()
            .find(|a| a.id == num.abstract_num_id)?;
        let overrides = &num.level_overrides;
        // A level redefined in the instance (w:lvlOverride/w:lvl) wins over the abstract one.
        let def = |k: usize| {
            overrides
                .iter()
                .find(|o| o.level == k)
                .and_then(|o| o.override_level.as_ref())
                .or_else(|| abs.levels.iter().find(|l| l.level == k))
        };
        let start_of = |k: usize| {
            overrides
                .iter()
                .find(|o| o.level == k)
                .and_then(|o| o.override_start)
                .map(|v| u32::try_from(v).unwrap_or(1))
                .or_else(|| def(k).map(level_start))
                .unwrap_or(1)
        };
        let lvl = def(level)?;
        let key = if overrides.iter().any(|o| o.override_start.is_some()) {
            ListKey::Restarted(num_id)
        } else {
            ListKey::Abstract(abs.id)
        };
        let counters = self.counters.entry(key).or_default();
        if counters.len() <= level {
            counters.resize(level + 1, 0);
        }
        counters[level] = if counters[level] == 0 {
            start_of(level)
        } else {
            counters[level].saturating_add(1)
        };
        // A deeper level restarts after a shallower one.
        for c in counters.iter_mut().skip(level + 1) {
            *c = 0;
        }
        let text = serde_json::to_value(&lvl.text)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))?;
        let mut label = text;
        for (k, value) in counters.iter().enumerate().take(level + 1) {
            let fmt = def(k).map(|l| l.format.val.as_str()).unwrap_or("decimal");
            let shown = if *value == 0 { start_of(k) } else { *value };
            label = label.replace(&format!("%{}", k + 1), &format_number(shown, fmt));
        }
        (!label.is_empty()).then_some(label)
    }
}

fn format_number(n: u32, fmt: &str) -> String {
    match fmt {
        "chineseCounting"
        | "chineseCountingThousand"
        | "chineseLegalSimplified"
        | "ideographTraditional"
        | "taiwaneseCounting"
        | "japaneseCounting" => fazhi_core::numbering::chinese_numeral(n as usize),
        "decimalEnclosedCircle" | "decimalEnclosedCircleChinese" if (1..=20).contains(&n) => {
            char::from_u32(0x2460 + n - 1)
                .map(String::from)
                .unwrap_or_default()
        }
        "decimalEnclosedParen" if (1..=20).contains(&n) => char::from_u32(0x2474 + n - 1)
            .map(String::from)
            .unwrap_or_default(),
        "none" | "bullet" => String::new(),
        _ => n.to_string(),
    }
}

fn styles(docx: &Docx) -> HashMap<String, StyleInfo> {
    docx.styles
        .styles
        .iter()
        .map(|s| {
            let name = serde_json::to_value(&s.name)
                .ok()
                .and_then(|v| v.as_str().map(str::to_lowercase))
                .unwrap_or_default();
            let heading_n = ["heading ", "标题 ", "heading"]
                .iter()
                .find_map(|p| name.strip_prefix(p))
                .and_then(|n| n.trim().parse::<u8>().ok())
                .filter(|n| (1..=9).contains(n));
            let outline = s
                .paragraph_property
                .outline_lvl
                .as_ref()
                .map(|o| o.v.min(9) as u8)
                .or(heading_n.map(|n| n - 1));
            let numbering = s
                .paragraph_property
                .numbering_property
                .as_ref()
                .and_then(|np| {
                    Some((
                        np.id.as_ref()?.id,
                        np.level.as_ref().map(|l| l.val).unwrap_or(0),
                    ))
                });
            (
                s.style_id.clone(),
                StyleInfo {
                    outline,
                    title: name == "title" || name == "标题",
                    numbering,
                },
            )
        })
        .collect()
}

/// A comment's range while it is read: the original text it marks (kept and
/// deleted, not inserted: the report holds the original), in the paragraph it
/// starts in — a range over several paragraphs is anchored in its first one
/// with text, where the report's comment can stand —, and that block.
#[derive(Clone)]
struct OpenComment {
    text: String,
    /// Where `text` starts in [`Walker::original`] (bytes).
    at: usize,
    block: usize,
    /// The first paragraph with text is over: nothing more is added.
    done: bool,
}

impl OpenComment {
    fn new(block: usize) -> Self {
        OpenComment {
            text: String::new(),
            at: 0,
            block,
            done: false,
        }
    }
}

/// How a run's text counts: in the document imported (kept, inserted) and in a
/// comment's anchor (kept, deleted).
#[derive(Clone, Copy, PartialEq)]
enum Kind {
    Kept,
    Inserted,
    Deleted,
}

struct Walker<'a> {
    styles: HashMap<String, StyleInfo>,
    numbers: Numbers<'a>,
    blocks: Vec<Block>,
    removed: Vec<Removed>,
    /// Open comment ranges: comment id → the anchor so far.
    open: HashMap<usize, OpenComment>,
    /// Closed ranges: comment id → (anchor text, block, where it starts in `original`).
    anchors: HashMap<usize, (String, usize, usize)>,
    /// The document's original text so far (kept and deleted, paragraphs ended by
    /// "\n"): where a comment's quote repeats, it is made unique in it.
    original: String,
    /// Anchors of comments marked by their reference alone ([`reference_anchors`]).
    references: HashMap<usize, String>,
    /// Header rows of the body's tables ([`header_rows`]), and how many
    /// body tables were met so far.
    headers: Vec<Vec<bool>>,
    tables: usize,
    /// The last paragraph's mark is a tracked deletion (`w:pPr/w:rPr/w:del`):
    /// the next paragraph joins it, as Word shows the document.
    join_next: bool,
}

fn walk(
    docx: &Docx,
    headers: Vec<Vec<bool>>,
    references: HashMap<usize, String>,
    attributes: HashMap<usize, (Option<String>, Option<String>)>,
) -> Input {
    let mut w = Walker {
        styles: styles(docx),
        numbers: Numbers {
            docx,
            counters: HashMap::new(),
        },
        blocks: Vec::new(),
        removed: Vec::new(),
        open: HashMap::new(),
        anchors: HashMap::new(),
        original: String::new(),
        references,
        headers,
        tables: 0,
        join_next: false,
    };
    for child in &docx.document.children {
        w.document_child(child);
    }
    let ids: Vec<usize> = docx.comments.inner().iter().map(|c| c.id).collect();
    let comments = docx
        .comments
        .inner()
        .iter()
        .map(|c| {
            let text = c
                .children
                .iter()
                .filter_map(|ch| match ch {
                    docx_rs::CommentChild::Paragraph(p) => Some(p.raw_text()),
                    _ => None,
                })
                .collect::<Vec<_>>()
                .join("\n");
            let ranged = w
                .anchors
                .get(&c.id)
                .cloned()
                .or_else(|| w.open.get(&c.id).map(|o| (o.text.clone(), o.block, o.at)))
                .filter(|(t, _, _)| !t.trim().is_empty());
            // No range, or one over inserted text only: the sentence at its reference.
            let (anchor_text, block) = match ranged {
                Some((t, b, at)) => (unique_in(&w.original, &t, at), Some(b)),
                None => (w.references.get(&c.id).cloned().unwrap_or_default(), None),
            };
            // As written when comments.xml was read (no author, no date: none).
            let (author, date) = match attributes.get(&c.id) {
                Some((a, d)) => (a.clone().unwrap_or_default(), d.clone()),
                None => (
                    c.author.clone(),
                    (!c.date.is_empty()).then(|| c.date.clone()),
                ),
            };
            RawComment {
                author,
                date,
                text,
                anchor_text,
                block,
                reply_to: c
                    .parent_comment_id
                    .and_then(|p| ids.iter().position(|i| *i == p))
                    .map(|p| p as u32),
            }
        })
        .collect();
    Input {
        blocks: w.blocks,
        removed: w.removed,
        comments,
    }
}

impl Walker<'_> {
    fn document_child(&mut self, child: &DocumentChild) {
        match child {
            DocumentChild::Paragraph(p) => self.paragraph(p),
            DocumentChild::Table(t) => {
                let headers = self.headers.get(self.tables).cloned().unwrap_or_default();
                self.tables += 1;
                self.table(t, &headers);
            }
            DocumentChild::TableOfContents(_) => self.removed.push(Removed {
                text: "目录".into(),
                reason: "Word 自动目录（由标题生成，不作为正文导入）".into(),
            }),
            DocumentChild::CommentStart(c) => {
                self.open.insert(c.id, OpenComment::new(self.blocks.len()));
            }
            DocumentChild::CommentEnd(c) => self.close(end_id(c)),
            DocumentChild::StructuredDataTag(sdt) => self.block_sdt(sdt),
            _ => {}
        }
    }

    /// A block-level content control (`w:sdt`, WPS and Word templates wrap
    /// paragraphs and tables in them): its content read as the body's.
    fn block_sdt(&mut self, sdt: &docx_rs::StructuredDataTag) {
        for c in &sdt.children {
            match c {
                StructuredDataTagChild::Paragraph(p) => {
                    self.document_child(&DocumentChild::Paragraph(p.clone()))
                }
                StructuredDataTagChild::Table(t) => {
                    self.document_child(&DocumentChild::Table(t.clone()))
                }
                StructuredDataTagChild::CommentStart(c) => {
                    self.open.insert(c.id, OpenComment::new(self.blocks.len()));
                }
                StructuredDataTagChild::CommentEnd(c) => self.close(end_id(c)),
                StructuredDataTagChild::StructuredDataTag(inner) => self.block_sdt(inner),
                _ => {}
            }
        }
    }

    fn close(&mut self, id: Option<usize>) {
        if let Some(id) = id {
            if let Some(a) = self.open.remove(&id) {
                self.anchors.insert(id, (a.text, a.block, a.at));
            }
        }
    }

    /// A table of the body: kept as a table when it holds data, else (a
    /// table laying out the page, one cell or one column, tables inside)
    /// its paragraphs read as the text's, as before tables were imported.
    fn table(&mut self, t: &docx_rs::Table, headers: &[bool]) {
        // A paragraph mark deleted before a table joins nothing.
        self.join_next = false;
        // Comments inside the cells anchor to the table's block, the one to come.
        let block = self.blocks.len();
        // Reading the cells moves list counters and comment ranges: a
        // layout table is read again as paragraphs from the same state.
        let before = (
            self.numbers.counters.clone(),
            self.open.clone(),
            self.anchors.clone(),
        );
        let read_to = self.original.len();
        let raw = self.raw_table(t, headers, block);
        if raw.is_layout() {
            (self.numbers.counters, self.open, self.anchors) = before;
            self.original.truncate(read_to);
            self.unwrap_table(t);
            return;
        }
        self.blocks.push(Block {
            table: Some(raw),
            ..Block::default()
        });
    }

    fn unwrap_table(&mut self, t: &docx_rs::Table) {
        for row in &t.rows {
            let TableChild::TableRow(row) = row;
            // A tracked deletion of the whole row (`w:trPr/w:del`): gone.
            if row.property.del.is_some() {
                continue;
            }
            for cell in &row.cells {
                let TableRowChild::TableCell(cell) = cell;
                for c in &cell.children {
                    match c {
                        TableCellContent::Paragraph(p) => {
                            self.paragraph(p);
                            // A cell's paragraph mark never joins another cell.
                            self.join_next = false;
                        }
                        // A data table in a layout cell (a page's article in a layout
                        // table, pasted into Word) is a table; no w:tblHeader is read for it.
                        TableCellContent::Table(inner) => self.table(inner, &[]),
                        _ => {}
                    }
                }
            }
        }
    }

    /// The table's cells: `w:gridSpan` as colspan, a `w:vMerge` restart with
    /// the continuing cells below it as one cell with a rowspan, the
    /// `w:tblHeader` rows at the top as header rows, `w:gridBefore`/`gridAfter`
    /// as empty cells.
    fn raw_table(&mut self, t: &docx_rs::Table, headers: &[bool], block: usize) -> RawTable {
        let mut raw = RawTable {
            header_rows: headers.iter().take_while(|h| **h).count() as u32,
            ..RawTable::default()
        };
        // Open vertical merges: grid column → (row, index in row) of the restart cell.
        let mut open: HashMap<usize, (usize, usize)> = HashMap::new();
        for row in &t.rows {
            let TableChild::TableRow(row) = row;
            // A tracked deletion of the whole row (`w:trPr/w:del`): gone.
            if row.property.del.is_some() {
                continue;
            }
            let r = raw.rows.len();
            let props = serde_json::to_value(&row.property).unwrap_or_default();
            let grid = |key: &str| props.get(key).and_then(|v| v.as_u64()).unwrap_or(0) as usize;
            let mut cells: Vec<RawCell> = Vec::new();
            let mut col = 0usize;
            for _ in 0..grid("gridBefore").min(Table::MAX_COLUMNS) {
                cells.push(RawCell::new(Vec::new()));
                col += 1;
            }
            for cell in &row.cells {
                let TableRowChild::TableCell(cell) = cell;
                let p = serde_json::to_value(&cell.property).unwrap_or_default();
                let span = p
                    .get("gridSpan")
                    .and_then(|v| v.as_u64())
                    .unwrap_or(1)
                    .clamp(1, Table::MAX_COLUMNS as u64) as usize;
                let merge = p.get("verticalMerge").and_then(|v| v.as_str());
                let mut lines = Vec::new();
                for c in &cell.children {
                    match c {
                        TableCellContent::Paragraph(p) => {
                            let text = self.paragraph_text(p, block);
                            lines.extend(text.split('\n').map(str::to_string));
                        }
                        TableCellContent::Table(inner) => {
                            raw.nested = true;
                            lines.extend(self.raw_table(inner, &[], block).lines());
                        }
                        _ => {}
                    }
                }
                if merge == Some("continue") {
                    if let Some(&(rr, ri)) = open.get(&col) {
                        // The cell above grows by this row; its text (Word keeps
                        // it empty) is kept rather than lost.
                        if let Some(above) = raw.rows.get_mut(rr).and_then(|x| x.get_mut(ri)) {
                            above.rowspan = (r - rr + 1) as u32;
                            above
                                .lines
                                .extend(lines.into_iter().filter(|l| !l.trim().is_empty()));
                        }
                        col += span;
                        continue;
                    }
                }
                for c in col..col + span {
                    open.remove(&c);
                }
                if merge == Some("restart") {
                    open.insert(col, (r, cells.len()));
                }
                let mut rc = RawCell::new(lines);
                rc.colspan = span as u32;
                cells.push(rc);
                col += span;
            }
            for _ in 0..grid("gridAfter").min(Table::MAX_COLUMNS) {
                cells.push(RawCell::new(Vec::new()));
            }
            raw.rows.push(cells);
        }
        raw
    }

    fn paragraph(&mut self, p: &DxParagraph) {
        let joining = self.join_next && self.blocks.last().is_some_and(|b| b.table.is_none());
        let block = self.blocks.len() - usize::from(joining);
        let text = self.paragraph_text(p, block);
        self.join_next = p.property.run_property.del.is_some();
        if joining {
            self.blocks[block].text.push_str(&text);
            return;
        }
        let style = p
            .property
            .style
            .as_ref()
            .and_then(|s| self.styles.get(&s.val));
        let outline = p
            .property
            .outline_lvl
            .as_ref()
            .map(|o| o.v.min(9) as u8)
            .or(style.and_then(|s| s.outline))
            .filter(|o| *o < 9);
        let title_style = style.is_some_and(|s| s.title);
        self.blocks.push(Block {
            text,
            outline,
            title_style,
            table: None,
        });
        // A range that starts at this paragraph's end marks the next one.
        if !self.join_next {
            for o in self.open.values_mut() {
                if o.block == block && !o.done {
                    o.block = block + 1;
                }
            }
        }
    }

    /// A paragraph's text with its list label; comments in it anchor to `block`.
    fn paragraph_text(&mut self, p: &DxParagraph, block: usize) -> String {
        let mut text = String::new();
        for c in &p.children {
            self.paragraph_child(c, block, &mut text);
        }
        // A range over several paragraphs keeps its first paragraph's text.
        for o in self.open.values_mut() {
            if !o.text.trim().is_empty() {
                o.done = true;
            }
        }
        self.original.push('\n');
        let style = p
            .property
            .style
            .as_ref()
            .and_then(|s| self.styles.get(&s.val));
        let numbering = p
            .property
            .numbering_property
            .as_ref()
            .and_then(|np| {
                Some((
                    np.id.as_ref()?.id,
                    np.level.as_ref().map(|l| l.val).unwrap_or(0),
                ))
            })
            .or(style.and_then(|s| s.numbering));
        // numId 0 means "no numbering" in WordprocessingML.
        if let Some((num_id, level)) = numbering.filter(|(id, _)| *id != 0) {
            if !text.trim().is_empty() {
                if let Some(label) = self.numbers.next(num_id, level) {
                    text = format!("{label}{}", text.trim_start());
                }
            }
        }
        text
    }

    /// A paragraph's content: the document takes kept and inserted (moved-to)
    /// text, a comment's anchor kept and deleted (moved-from) text.
    fn paragraph_child(&mut self, c: &ParagraphChild, block: usize, text: &mut String) {
        match c {
            ParagraphChild::Run(r) => self.run(&r.children, text, Kind::Kept),
            ParagraphChild::Insert(ins) => {
                for ic in &ins.children {
                    match ic {
                        InsertChild::Run(r) => self.run(&r.children, text, Kind::Inserted),
                        InsertChild::CommentStart(cs) => {
                            self.open.insert(cs.id, OpenComment::new(block));
                        }
                        InsertChild::CommentEnd(ce) => self.close(end_id(ce)),
                        // Inserted, then deleted: never there.
                        InsertChild::Delete(_) => {}
                    }
                }
            }
            ParagraphChild::MoveTo(mt) => {
                for mc in &mt.children {
                    match mc {
                        MoveToChild::Run(r) => self.run(&r.children, text, Kind::Inserted),
                        MoveToChild::CommentStart(cs) => {
                            self.open.insert(cs.id, OpenComment::new(block));
                        }
                        MoveToChild::CommentEnd(ce) => self.close(end_id(ce)),
                        MoveToChild::Delete(_) => {}
                    }
                }
            }
            ParagraphChild::Delete(del) => {
                for dc in &del.children {
                    match dc {
                        DeleteChild::Run(r) => self.run(&r.children, text, Kind::Deleted),
                        DeleteChild::CommentStart(cs) => {
                            self.open.insert(cs.id, OpenComment::new(block));
                        }
                        DeleteChild::CommentEnd(ce) => self.close(end_id(ce)),
                    }
                }
            }
            ParagraphChild::MoveFrom(mf) => {
                for mc in &mf.children {
                    match mc {
                        MoveFromChild::Run(r) => self.run(&r.children, text, Kind::Deleted),
                        MoveFromChild::CommentStart(cs) => {
                            self.open.insert(cs.id, OpenComment::new(block));
                        }
                        MoveFromChild::CommentEnd(ce) => self.close(end_id(ce)),
                    }
                }
            }
            ParagraphChild::Hyperlink(h) => {
                for hc in &h.children {
                    self.paragraph_child(hc, block, text);
                }
            }
            ParagraphChild::CommentStart(cs) => {
                self.open.insert(cs.id, OpenComment::new(block));
            }
            ParagraphChild::CommentEnd(ce) => self.close(end_id(ce)),
            _ => {}
        }
    }

    fn run(&mut self, children: &[RunChild], text: &mut String, kind: Kind) {
        for rc in children {
            let sym;
            let piece: &str = match rc {
                RunChild::Text(t) => &t.text,
                RunChild::DeleteText(_) if kind == Kind::Deleted => {
                    sym = deleted_text(rc);
                    &sym
                }
                RunChild::Tab(_) | RunChild::PTab(_) => "\t",
                RunChild::Break(_) | RunChild::CarriageReturn(_) => "\n",
                RunChild::Sym(s) => {
                    sym = u32::from_str_radix(&s.char, 16)
                        .ok()
                        .and_then(char::from_u32)
                        .filter(|c| !c.is_control())
                        .map(String::from)
                        .unwrap_or_default();
                    &sym
                }
                _ => "",
            };
            if piece.is_empty() {
                continue;
            }
            if kind != Kind::Deleted {
                text.push_str(piece);
            }
            if kind != Kind::Inserted {
                let at = self.original.len();
                for o in self.open.values_mut().filter(|o| !o.done) {
                    if o.text.is_empty() {
                        o.at = at;
                    }
                    if o.text.chars().count() < 500 {
                        o.text.push_str(piece);
                    }
                }
                self.original.push_str(piece);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nesting_guard() {
        assert_eq!(too_deep(b"<a><b/><c>x</c></a>"), None);
        let deep = "<a>".repeat(MAX_XML_DEPTH + 1);
        assert_eq!(too_deep(deep.as_bytes()), Some(MAX_XML_DEPTH));
        let ok = "<a>".repeat(100) + &"</a>".repeat(100);
        assert_eq!(too_deep((ok.repeat(10)).as_bytes()), None);
        assert_eq!(
            too_deep(b"<?xml version=\"1.0\"?><!-- <a><a><a> --><r/>"),
            None
        );
    }

    #[test]
    fn number_formats() {
        assert_eq!(format_number(3, "chineseCounting"), "三");
        assert_eq!(format_number(12, "decimal"), "12");
        assert_eq!(format_number(2, "decimalEnclosedParen"), "⑵");
    }

    /// Point comments (a `w:commentReference` alone) take the sentence before
    /// them; many in one paragraph read its text once (each read the whole
    /// paragraph again: 5,000 took 165 s in a debug build).
    #[test]
    fn many_point_comments_in_one_paragraph_cost_linear_time() {
        let mut xml = format!(r#"<w:document xmlns:w="{W}"><w:body><w:p>"#);
        xml.push_str(
            r#"<w:r><w:t>开头没有句号</w:t></w:r><w:r><w:commentReference w:id="0"/></w:r>"#,
        );
        for i in 1..=5_000 {
            xml.push_str(&format!(
                r#"<w:r><w:t>第{i}句。</w:t></w:r><w:r><w:commentReference w:id="{i}"/></w:r>"#
            ));
        }
        xml.push_str("</w:p></w:body></w:document>");
        let t = std::time::Instant::now();
        let a = reference_anchors(xml.as_bytes());
        let took = t.elapsed();
        assert!(took.as_secs() < 5, "{took:?}");
        assert_eq!(a.len(), 5_001);
        assert_eq!(a[&0], "开头没有句号");
        assert_eq!(a[&1], "开头没有句号第1句。");
        assert_eq!(a[&4321], "第4321句。");
        // A long stretch without a sentence's end: its last 30 characters.
        assert_eq!(sentence_before(&"法".repeat(100)), Some("法".repeat(30)));
        assert_eq!(sentence_before("上一句。这一句  "), Some("这一句".into()));
    }
}
