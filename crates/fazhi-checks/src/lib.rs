//! Proofreading and compliance checks for the annual rule-of-law government
//! report, with safe one-click fixes. GUI-free: the Tauri app, the CLI and the
//! tests call the same functions.
//!
//! - [`rules`] lists every rule (id, category, default severity, description);
//!   [`ids`] names each rule id as a constant.
//! - [`check`] runs every enabled rule over a document ([`check_errors`] gives
//!   only its errors, cheaper: what an export counts); [`Checker`] does the same
//!   but keeps per-node results so that a re-check after editing one paragraph
//!   only re-reads that paragraph; [`check_paragraph`] checks one node.
//! - [`fix`] applies the fixes marked safe (punctuation, document numbers, year
//!   spans, date forms, placeholder years in headings).
//! - [`RuleConfig`] holds per-library settings (rules on/off, severities, word
//!   lists), stored as JSON under the settings key [`config::SETTINGS_KEY`].
//!
//! Positions are **Unicode scalar (char) offsets** into the node's text, never
//! bytes or UTF-16 units.

pub mod config;
mod engine;
mod finding_ids;
pub mod ids;
pub mod ignore;
pub mod lexicon;
mod model;
mod nodes;
pub mod proofing;
mod registry;
mod rules;
#[doc(hidden)]
pub mod testing;
mod text;

pub use config::{ConfigError, RuleConfig, RuleSetting, WordPair};
pub use engine::{check, check_errors, check_paragraph, fix, Checker};
pub use lexicon::{LexEntry, LexGroup, LexSource};
pub use model::{AppliedFix, Category, Finding, Fix, Location, RuleInfo, Severity};
pub use nodes::node_label;
pub use registry::rules;
