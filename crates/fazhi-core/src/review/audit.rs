//! The audit log: who did what to which report, when and why. The table and
//! its entry type are in [`crate::store::audit`].

pub use crate::store::audit::{action_label, AuditEntry};
use crate::{store, Result, Store};

impl Store {
    /// The report's audit log, oldest first.
    pub fn audit_log(&self, report_id: &str) -> Result<Vec<AuditEntry>> {
        self.get_report_status(report_id)?;
        store::audit::list(self.connection(), report_id)
    }
}
