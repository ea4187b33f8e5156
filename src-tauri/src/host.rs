//! The real window behind `fazhi_app::Host`: native dialogs (tauri-plugin-dialog),
//! the file manager, closing the window.

use std::path::{Path, PathBuf};

use fazhi_app::{DialogKind, FileDialog, Host};
use tauri::{AppHandle, Manager};
use tauri_plugin_dialog::DialogExt;

pub struct TauriHost(pub AppHandle);

/// In debug builds an end-to-end test answers a dialog through
/// `FAZHI_E2E_<NAME>` (WebDriver cannot drive native dialogs).
fn test_answer(dialog: &FileDialog) -> Option<PathBuf> {
    if cfg!(debug_assertions) {
        std::env::var_os(format!("FAZHI_E2E_{}", dialog.purpose.name())).map(PathBuf::from)
    } else {
        None
    }
}

impl Host for TauriHost {
    fn choose_file(&self, kind: DialogKind, dialog: &FileDialog) -> Option<PathBuf> {
        if let Some(p) = test_answer(dialog) {
            return Some(p);
        }
        let mut d = self
            .0
            .dialog()
            .file()
            .set_title(dialog.title)
            .add_filter(&dialog.filter_name, &dialog.extensions);
        if let Some(name) = &dialog.suggested_name {
            d = d.set_file_name(name);
        }
        let chosen = match kind {
            DialogKind::Open => d.blocking_pick_file(),
            DialogKind::Save => d.blocking_save_file(),
        };
        chosen.and_then(|f| f.into_path().ok())
    }

    fn reveal(&self, dir: &Path) -> Result<(), String> {
        let opener = if cfg!(windows) {
            "explorer"
        } else {
            "xdg-open"
        };
        std::process::Command::new(opener)
            .arg(dir)
            .spawn()
            .map(|_| ())
            .map_err(|e| e.to_string())
    }

    fn close_window(&self) -> Result<(), String> {
        match self.0.get_webview_window("main") {
            Some(w) => w.destroy().map_err(|e| e.to_string()),
            None => Ok(()),
        }
    }
}
