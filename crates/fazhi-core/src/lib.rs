//! The GUI-free core of Fazhi Studio (法治报告编写器).
//!
//! `model` is the report document; `template` the statutory structure it must
//! follow; `validate` the check every write passes; `store` the SQLite library.
//! Nothing here knows about Tauri, windows or the terminal.

pub mod anchor;
pub mod backup;
pub mod change;
pub mod dates;
pub mod diff;
pub mod error;
pub mod identity;
pub mod ids;
pub mod json;
pub mod model;
pub mod numbering;
pub mod profile;
pub mod review;
pub mod status;
pub mod store;
pub mod template;
pub mod validate;

pub use error::{Error, ValidationError};
pub use model::{Document, Paragraph, Part, Role, Section};
pub use status::Status;
pub use store::Store;

pub type Result<T, E = Error> = std::result::Result<T, E>;
