//! [`App`]: one library opened for one window, and everything the commands
//! keep between calls (the checker's cache, a pending import, the files this
//! session exported, the package the app was launched with).

use std::path::PathBuf;
use std::sync::{Mutex, MutexGuard};

use fazhi_checks::{Checker, RuleConfig};
use fazhi_core::backup::LibraryHealth;
use fazhi_core::Store;

use crate::error::{AppError, CmdResult};
use crate::files::FileState;
use crate::host::Host;
use crate::startup;

pub struct App {
    store: Mutex<Store>,
    pub(crate) checker: Mutex<Checker>,
    /// The library file (also where a restore puts the backup back).
    pub(crate) library: PathBuf,
    pub(crate) notices: Vec<String>,
    /// `Some` while the app runs on a stand-in store because the library is
    /// unusable (the UI shows the recovery screen); cleared by a restore.
    pub(crate) problem: Mutex<Option<LibraryHealth>>,
    pub(crate) files: FileState,
    /// The `.fzbg` the app was started with or handed by a second launch.
    pub(crate) launch: Mutex<Option<PathBuf>>,
    pub(crate) host: Box<dyn Host>,
}

/// A poisoned lock means a command panicked while holding it; the data behind
/// it is still consistent (every store write is a transaction), so carry on.
pub(crate) fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

impl App {
    /// Opens the library at `library` (or finds out why it cannot be opened,
    /// without touching it), imports the sample on the very first launch, and
    /// backs the library up once a day.
    pub fn start(library: PathBuf, host: Box<dyn Host>) -> App {
        let opened = startup::open_or_recover_at(library);
        let mut store = opened.store;
        let mut notices = opened.notices;
        if opened.problem.is_none() {
            notices.extend(
                startup::seed_first_run(&mut store).unwrap_or_else(|e| vec![e.to_string()]),
            );
        }
        let rule_config = RuleConfig::load(&store).unwrap_or_default();
        // [print #19] the library's chosen fonts become the export's and 打印预览's.
        notices.extend(crate::fonts::apply(&store));
        App {
            store: Mutex::new(store),
            checker: Mutex::new(Checker::new(rule_config)),
            library: opened.path,
            notices,
            problem: Mutex::new(opened.problem),
            files: FileState::default(),
            launch: Mutex::new(None),
            host,
        }
    }

    /// Runs `f` on the store under its lock, turning core errors into messages.
    pub fn with_store<T>(
        &self,
        f: impl FnOnce(&mut Store) -> fazhi_core::Result<T>,
    ) -> CmdResult<T> {
        f(&mut lock(&self.store)).map_err(AppError::from)
    }

    pub(crate) fn store_guard(&self) -> MutexGuard<'_, Store> {
        lock(&self.store)
    }

    pub fn library_path(&self) -> &std::path::Path {
        &self.library
    }

    /// True while the library could not be opened (recovery screen).
    pub fn in_recovery(&self) -> bool {
        lock(&self.problem).is_some()
    }

    /// The review package to open at the UI's next `open_launch_package`.
    pub fn set_launch_package(&self, path: PathBuf) {
        *lock(&self.launch) = Some(path);
    }
}
