//! Any text as document JSON (`fazhi put`, the app's save): parse, then the
//! template check; Ok or a typed error, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(s) = std::str::from_utf8(data) {
        if let Ok(mut doc) = fazhi_core::json::parse_document(s) {
            fazhi_core::validate::assign_missing_ids(&mut doc);
            let _ = fazhi_core::validate::validate(&doc);
        }
    }
});
