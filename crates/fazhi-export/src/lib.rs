//! DOCX and HTML export of a report, laid out per GB/T 9704-2012.
//!
//! Both formats walk the same flat list of blocks (`fazhi_layout::blocks`, which the
//! PDF typesetter walks too), so the two profiles (报送版 filing, 公开版 publication)
//! decide once what is shown and the formats only decide how. Numbering (一、（一）1.（1）) is derived from position
//! here, never read from the document.

mod docx;
// [print #19] the chosen font families named in the DOCX.
mod font_names;
mod html;
pub mod layout;
pub use font_names::{official_font, set_font_names, use_resolved_fonts};
mod order;
// [tracking #17] the 花脸稿 of two stored versions.
mod redline_versions;
pub use redline_versions::{load_version, redline_versions, version_label};

use serde::{Deserialize, Serialize};

pub use fazhi_core::profile::Profile;

pub use crate::docx::docx;
// [tracking #17] pending changes as Word tracked changes; the 花脸稿 as a DOCX.
pub use crate::docx::{
    changes_for_export, docx_with_changes, export_changes, redline_docx, ExportChange,
};
pub use crate::html::html;

/// A review comment anchored to a range of a paragraph or of a part/section
/// heading, as the review feature will hand it over.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportComment {
    /// Id of the paragraph, section or part the comment is anchored to.
    pub node_id: String,
    /// Start of the range in Unicode scalar values, in the node's own text
    /// (the paragraph text, or the heading without its number).
    pub start: usize,
    /// End of the range (exclusive), same unit.
    pub end: usize,
    pub author: String,
    /// ISO date or date-time (2020-03-01 or 2020-03-01T09:30:00Z).
    pub date: String,
    pub text: String,
    #[serde(default)]
    pub replies: Vec<CommentReply>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommentReply {
    pub author: String,
    pub date: String,
    pub text: String,
}

/// The open comment threads of a report as Word comments on their exact
/// ranges, replies included. Resolved threads stay out of the file, and so do
/// orphaned ones (原文已删除), whose text is no longer in the report. The CLI's
/// `--with-comments` and the app's 含批注 both go through here.
pub fn comments_for_export(
    store: &fazhi_core::Store,
    id: &str,
) -> fazhi_core::Result<Vec<ExportComment>> {
    use fazhi_core::review::{CommentFilter, CommentState};
    let filter = CommentFilter {
        state: CommentState::Open,
        ..CommentFilter::default()
    };
    Ok(store
        .list_comments(id, &filter)?
        .into_iter()
        .filter(|t| !t.orphaned)
        .filter_map(|t| {
            let a = t.anchor?;
            Some(ExportComment {
                node_id: a.node_id,
                start: a.start as usize,
                end: a.end as usize,
                author: t.author,
                date: t.created_at,
                text: t.text,
                replies: t
                    .replies
                    .into_iter()
                    .map(|r| CommentReply {
                        author: r.author,
                        date: r.created_at,
                        text: r.text,
                    })
                    .collect(),
            })
        })
        .collect())
}

/// What a DOCX export needs besides the document.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DocxOptions {
    pub profile: Profile,
    /// Written as Word comments in the filing profile; the publication profile
    /// never carries comments.
    pub comments: Vec<ExportComment>,
}

#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("生成 DOCX 文件失败：{0}")]
    Package(String),
    #[error("无法写入文件“{path}”：{reason}")]
    Write { path: String, reason: String },
}

impl ExportError {
    pub fn code(&self) -> &'static str {
        match self {
            ExportError::Package(_) => "export_failed",
            ExportError::Write { .. } => "io",
        }
    }
}

/// Writes an exported file so that a failure never leaves a half-written file
/// behind: the bytes go to a temporary file in the same folder, which then
/// replaces `path` in one rename.
pub fn write_file_atomic(path: &std::path::Path, bytes: &[u8]) -> Result<(), ExportError> {
    use std::io::Write;
    let fail = |e: &dyn std::fmt::Display| ExportError::Write {
        path: path.display().to_string(),
        reason: e.to_string(),
    };
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => std::path::Path::new("."),
    };
    let mut builder = tempfile::Builder::new();
    builder.prefix(".fazhi-export-").suffix(".tmp");
    // A temporary file is private (0600); an exported report is an ordinary file.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o644));
    }
    let mut tmp = builder.tempfile_in(dir).map_err(|e| fail(&io_reason(&e)))?;
    tmp.write_all(bytes).map_err(|e| fail(&io_reason(&e)))?;
    tmp.as_file().sync_all().map_err(|e| fail(&io_reason(&e)))?;
    tmp.persist(path).map_err(|e| fail(&io_reason(&e.error)))?;
    Ok(())
}

fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "文件夹不存在".into(),
        std::io::ErrorKind::PermissionDenied => "没有写入权限".into(),
        // A folder given as the file, a full or read-only disk: Chinese, the system's words only in （）.
        _ => fazhi_core::error::io_reason(e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn atomic_write_replaces_the_file_and_leaves_no_temp() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("报告.docx");
        std::fs::write(&p, b"old").unwrap();
        write_file_atomic(&p, b"new").unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), b"new");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&p).unwrap().permissions().mode();
            assert_eq!(mode & 0o044, 0o044, "readable by others like any document");
        }
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().flatten().collect();
        assert_eq!(names.len(), 1);
    }

    #[test]
    fn atomic_write_into_a_missing_folder_fails_in_chinese() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("无此文件夹").join("报告.docx");
        let e = write_file_atomic(&p, b"x").unwrap_err();
        let msg = e.to_string();
        assert!(
            msg.contains("无法写入") && msg.contains("报告.docx"),
            "{msg}"
        );
        assert!(!p.exists());
    }

    #[test]
    fn atomic_write_onto_a_folder_fails_in_chinese() {
        // `-o` naming a folder (or a full or read-only disk): no system English.
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("导出");
        std::fs::create_dir(&folder).unwrap();
        let msg = write_file_atomic(&folder, b"x").unwrap_err().to_string();
        let reason = msg.rsplit('：').next().unwrap_or("");
        assert!(
            reason.contains("文件夹") && !reason.chars().any(|c| c.is_ascii_alphabetic()),
            "{msg}"
        );
    }
}
