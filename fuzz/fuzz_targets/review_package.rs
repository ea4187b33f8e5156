//! Any bytes as a review package (.fzbg): reading its summary answers Ok or a
//! typed error, never a panic. (SQLite parses the file; our checks run on top.)
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let dir = std::env::temp_dir().join(format!("fazhi-fuzz-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&dir);
    let path = dir.join("input.fzbg");
    if std::fs::write(&path, data).is_ok() {
        let _ = fazhi_core::review::package::read_package_info(&path);
    }
});
