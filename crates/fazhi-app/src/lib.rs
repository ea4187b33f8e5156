//! The application layer of Fazhi Studio: one [`App`] method per IPC command,
//! with its argument checks, and the command table that declares them once.
//! No Tauri, no GTK, no window: the Tauri shell (`src-tauri`) serves these
//! commands to the webview after opening the native dialogs a [`Host`] asks
//! for, and the CLI's `serve-ipc` serves the same commands over loopback HTTP
//! to the browser tests.

mod app;
pub mod backup;
// [tracking-core #17] 修订 (tracked changes) commands.
pub mod changes;
pub mod checks;
pub mod error;
pub mod files;
pub mod fonts;
pub mod host;
pub mod lexicon;
/// [official] the metadata panel's per-field checks and the Chinese date field.
pub mod metadata;
pub mod preview;
pub mod print;
pub mod reports;
pub mod review;
pub mod startup;
mod table;
pub mod typescript;
// [tracking-word #17] 修订 to and from Word/WPS, the 花脸稿.
pub mod word;

pub use app::App;
pub use error::{AppError, CmdResult};
pub use host::{DialogKind, FileDialog, Host, NoWindow, Purpose};
pub use table::{dispatch, signatures, COMMANDS};
