//! The app's IPC commands by name. The build script turns each into a permission,
//! the capability file allows exactly these, and a test checks the three agree.

pub const COMMANDS: &[&str] = &[
    "app_info",
    "list_templates",
    "list_reports",
    "create_report",
    "get_report",
    "save_report",
    "delete_report",
    "save_version",
    "list_revisions",
    "get_revision",
    "restore_revision",
];
