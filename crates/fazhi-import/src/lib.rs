//! Importers: plain text in any Chinese encoding, DOCX and saved web pages become a
//! report [`Document`] that follows a template.
//!
//! Import only parses: nothing is written to the library. The caller shows the
//! [`ImportResult`] (what was recognised, removed and uncertain), lets the user
//! confirm issuer and year, and stores `result.document` with
//! `Store::create_from_document`, which validates it against the template.
//!
//! Every format is first turned into a list of text blocks (one per paragraph,
//! with the hints the format gives, such as a DOCX outline level); one recogniser
//! ([`structure`]) then finds chrome, title, addressee, preface, parts, sections
//! and closing in those blocks, so that the three formats behave alike.

// [tracking #17] tracked changes (w:ins/w:del) of a reviewed DOCX.
mod changes;
mod chrome;
mod decode;
mod docx;
mod error;
mod html;
// [tables #21] an HTML <table> as read.
mod html_table;
mod infer;
mod next_year;
mod structure;
// [tables #21] tables as read → the report's tables.
mod tables;

use std::path::Path;

use fazhi_core::{Document, Role};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub use changes::{docx_changes, docx_changes_file, fit_context, DocxChange};
pub use error::ImportError;
pub use next_year::next_year;

/// Text and web pages larger than this are not reports (a long report is
/// ~50 000 characters, i.e. ~150 KB): refuse them before decoding.
pub const MAX_TEXT_BYTES: usize = 8 * 1024 * 1024;
/// A DOCX may carry pictures, so its bound is higher; the zip guard in
/// [`docx`] bounds what it expands to.
pub const MAX_DOCX_BYTES: usize = 64 * 1024 * 1024;

/// What the user may fix before the import: everything else is inferred.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ImportOptions {
    /// 发文机关; overrides the inferred one.
    #[serde(default)]
    pub issuer: Option<String>,
    /// 报告年度; overrides the inferred one.
    #[serde(default)]
    pub year: Option<i32>,
    /// Template id (`statutory`, `leadership-first`); detected from the part
    /// order when not given.
    #[serde(default)]
    pub template_id: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
#[ts(export)]
pub enum ImportFormat {
    Text,
    Html,
    Docx,
}

impl ImportFormat {
    pub fn label(self) -> &'static str {
        match self {
            ImportFormat::Text => "纯文本",
            ImportFormat::Html => "网页",
            ImportFormat::Docx => "Word 文档（DOCX）",
        }
    }
}

/// Where a value of the result came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
#[ts(export)]
pub enum ValueSource {
    /// Given by the user in [`ImportOptions`].
    Given,
    /// Read from the file (title, headings, signature or text).
    Inferred,
    /// Not found: a placeholder the user must confirm (year: the previous
    /// calendar year; issuer: empty).
    Missing,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum RecognisedKind {
    Title,
    Addressee,
    DocNumber,
    Signer,
    Preface,
    Part,
    Section,
    Closing,
    Signature,
    Date,
    Note,
}

/// One structural element found in the file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Recognised {
    pub kind: RecognisedKind,
    /// The element's text as found (for parts and sections: the heading
    /// without its number).
    pub text: String,
    /// The node that holds it in the document, when it became one.
    pub node_id: Option<String>,
    /// Heading level (1 = part) for parts and sections.
    pub level: Option<u8>,
    /// The statutory role a part was mapped to.
    pub role: Option<Role>,
}

/// A line taken out because it is page chrome, not report text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Removed {
    pub text: String,
    /// Why, in Chinese (e.g. 网站导航).
    pub reason: String,
}

/// Something the user should look at before saving.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Uncertain {
    /// The node concerned, when there is one.
    pub node_id: Option<String>,
    /// What is uncertain and what the importer did, in Chinese.
    pub message: String,
    /// The first characters of the text concerned.
    pub excerpt: String,
}

/// A comment found in a DOCX, kept aside for the review work.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ImportedComment {
    pub author: String,
    /// As written in the file (usually ISO 8601).
    pub date: Option<String>,
    pub text: String,
    /// The commented text.
    pub anchor_text: String,
    /// The node holding the start of the commented text.
    pub node_id: Option<String>,
    /// Index (in this list) of the comment this one replies to.
    pub reply_to: Option<u32>,
}

/// The review module takes a DOCX comment as an [`ExternalComment`]; the CLI's
/// `comment import-docx` and the app's 导入批注 both convert through here.
///
/// [`ExternalComment`]: fazhi_core::review::ExternalComment
impl From<ImportedComment> for fazhi_core::review::ExternalComment {
    fn from(c: ImportedComment) -> Self {
        Self {
            author: c.author,
            date: c.date,
            text: c.text,
            anchor_text: c.anchor_text,
            node_id: c.node_id,
            reply_to: c.reply_to,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ImportResult {
    pub document: Document,
    pub format: ImportFormat,
    /// The text encoding found (UTF-8, GB18030, UTF-16LE…); DOCX is always UTF-8.
    pub encoding: String,
    pub issuer: String,
    pub issuer_source: ValueSource,
    pub year: i32,
    pub year_source: ValueSource,
    pub recognised: Vec<Recognised>,
    pub removed: Vec<Removed>,
    pub uncertain: Vec<Uncertain>,
    pub comments: Vec<ImportedComment>,
}

/// Reads and parses a file. Nothing is written anywhere.
pub fn import_file(path: &Path, opts: &ImportOptions) -> Result<ImportResult, ImportError> {
    let (name, bytes) = read_bounded(path)?;
    import_bytes(&name, &bytes, opts)
}

/// A file's name and bytes, refused by size before it is read (also for
/// [`changes::docx_changes_file`]).
pub(crate) fn read_bounded(path: &Path) -> Result<(String, Vec<u8>), ImportError> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string());
    let io = |e: std::io::Error| ImportError::Io {
        file: name.clone(),
        reason: io_reason(&e),
    };
    let meta = std::fs::metadata(path).map_err(io)?;
    if meta.is_dir() {
        return Err(ImportError::IsDirectory { file: name });
    }
    // Refuse by size before reading, so a huge file costs nothing.
    let limit = size_limit(&name) as u64;
    if meta.len() > limit {
        return Err(ImportError::TooLarge {
            file: name,
            size: meta.len(),
            limit,
        });
    }
    let bytes = std::fs::read(path).map_err(io)?;
    Ok((name, bytes))
}

fn io_reason(e: &std::io::Error) -> String {
    use std::io::ErrorKind as K;
    match e.kind() {
        K::NotFound => "文件不存在".into(),
        K::PermissionDenied => "没有读取权限".into(),
        // A folder named *.txt, a file on a vanished share: Chinese, the system's words only in （）.
        _ => fazhi_core::error::io_reason(e),
    }
}

fn extension(file_name: &str) -> String {
    Path::new(file_name)
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default()
}

fn size_limit(file_name: &str) -> usize {
    if extension(file_name) == "docx" {
        MAX_DOCX_BYTES
    } else {
        MAX_TEXT_BYTES
    }
}

/// Parses the bytes of a file named `file_name` (the name serves for messages
/// and as a hint: the content decides the format).
pub fn import_bytes(
    file_name: &str,
    bytes: &[u8],
    opts: &ImportOptions,
) -> Result<ImportResult, ImportError> {
    let file = file_name.to_string();
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(ImportError::Empty { file });
    }
    let ext = extension(file_name);
    let (format, encoding, input) = if bytes.starts_with(b"PK\x03\x04")
        || bytes.starts_with(b"PK\x05\x06")
    {
        if bytes.len() > MAX_DOCX_BYTES {
            return Err(too_large(file, bytes.len(), MAX_DOCX_BYTES));
        }
        let input = docx::extract(&file, bytes)?;
        (ImportFormat::Docx, "UTF-8".to_string(), input)
    } else {
        if let Some(what) = foreign_format(bytes) {
            return Err(ImportError::Unsupported { file, what });
        }
        if ext == "docx" {
            return Err(ImportError::CorruptDocx {
                file,
                reason: "文件内容不是 ZIP 格式，可能已损坏、被截断或并非 Word 文档".into(),
            });
        }
        if bytes.len() > MAX_TEXT_BYTES {
            return Err(too_large(file, bytes.len(), MAX_TEXT_BYTES));
        }
        let decoded = decode::decode(&file, bytes)?;
        if html::looks_like_html(&decoded.text, &ext) {
            let input = html::extract(&decoded.text).map_err(|reason| ImportError::Malformed {
                file: file.clone(),
                reason,
            })?;
            (ImportFormat::Html, decoded.encoding, input)
        } else {
            let input = structure::Input::from_text(&decoded.text);
            (ImportFormat::Text, decoded.encoding, input)
        }
    };
    let mut result = structure::build(&file, input, opts, format, encoding)?;
    let expected = match ext.as_str() {
        "docx" => Some(ImportFormat::Docx),
        "html" | "htm" | "xhtml" | "shtml" => Some(ImportFormat::Html),
        "txt" | "text" => Some(ImportFormat::Text),
        _ => None,
    };
    if let Some(e) = expected.filter(|e| *e != format) {
        result.uncertain.insert(
            0,
            Uncertain {
                node_id: None,
                message: format!(
                    "文件扩展名是 .{ext}（{}），但内容是{}，已按{}导入。",
                    e.label(),
                    format.label(),
                    format.label()
                ),
                excerpt: String::new(),
            },
        );
    }
    Ok(result)
}

fn too_large(file: String, size: usize, limit: usize) -> ImportError {
    ImportError::TooLarge {
        file,
        size: size as u64,
        limit: limit as u64,
    }
}

/// Formats recognised by their first bytes that we cannot import, named for
/// the message.
fn foreign_format(bytes: &[u8]) -> Option<String> {
    let table: [(&[u8], &str); 9] = [
        (
            b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1",
            "旧版 Word（.doc）或 WPS 文档",
        ),
        (b"%PDF", "PDF 文件"),
        (b"{\\rtf", "RTF 文档"),
        (b"\x89PNG", "PNG 图片"),
        (b"\xFF\xD8\xFF", "JPEG 图片"),
        (b"GIF8", "GIF 图片"),
        (b"\x7FELF", "可执行程序"),
        (b"MZ", "Windows 可执行程序"),
        (b"Rar!", "RAR 压缩包"),
    ];
    table
        .iter()
        .find(|(magic, _)| bytes.starts_with(magic))
        .map(|(_, what)| what.to_string())
        .or_else(|| {
            (bytes.starts_with(b"\x1F\x8B") || bytes.starts_with(b"7z\xBC\xAF"))
                .then(|| "压缩包".to_string())
        })
}
