//! What a command needs from the window it serves: native file dialogs, the
//! file manager, closing the window. The Tauri shell implements [`Host`] with
//! real dialogs; the test server answers with paths a test queued. Paths reach
//! a command only through here, never from the webview.

use std::path::{Path, PathBuf};

/// Why a dialog is opened; also the name a test uses to answer it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Purpose {
    Import,
    Export,
    PackageExport,
    PackageOpen,
    PackageMerge,
    CommentsDocx,
}

impl Purpose {
    pub const ALL: [Purpose; 6] = [
        Purpose::Import,
        Purpose::Export,
        Purpose::PackageExport,
        Purpose::PackageOpen,
        Purpose::PackageMerge,
        Purpose::CommentsDocx,
    ];

    /// The upper-case name of `FAZHI_E2E_<NAME>` and of the test server's hook.
    pub fn name(self) -> &'static str {
        match self {
            Purpose::Import => "IMPORT",
            Purpose::Export => "EXPORT",
            Purpose::PackageExport => "PACKAGE_EXPORT",
            Purpose::PackageOpen => "PACKAGE_OPEN",
            Purpose::PackageMerge => "PACKAGE_MERGE",
            Purpose::CommentsDocx => "COMMENTS_DOCX",
        }
    }

    pub fn from_name(name: &str) -> Option<Purpose> {
        Purpose::ALL
            .into_iter()
            .find(|p| p.name().eq_ignore_ascii_case(name))
    }
}

/// A native open or save dialog, as the command describes it.
#[derive(Debug, Clone)]
pub struct FileDialog {
    pub purpose: Purpose,
    pub title: &'static str,
    pub filter_name: String,
    pub extensions: Vec<&'static str>,
    /// Save dialogs: the file name offered.
    pub suggested_name: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DialogKind {
    Open,
    Save,
}

pub trait Host: Send + Sync {
    /// The path the user chose; `None` when they cancelled.
    fn choose_file(&self, kind: DialogKind, dialog: &FileDialog) -> Option<PathBuf>;
    /// Shows `dir` in the file manager.
    fn reveal(&self, dir: &Path) -> Result<(), String>;
    /// Closes the window for good (the UI has saved).
    fn close_window(&self) -> Result<(), String>;
}

/// A host without a window (the CLI's library tools, unit tests): every dialog
/// is cancelled and nothing is shown.
#[derive(Debug, Default)]
pub struct NoWindow;

impl Host for NoWindow {
    fn choose_file(&self, _: DialogKind, _: &FileDialog) -> Option<PathBuf> {
        None
    }
    fn reveal(&self, _: &Path) -> Result<(), String> {
        Ok(())
    }
    fn close_window(&self) -> Result<(), String> {
        Ok(())
    }
}
