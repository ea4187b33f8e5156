//! Any bytes named .html: the importer answers Ok or a typed error, never panics.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = fazhi_import::import_bytes("fuzz.html", data, &fazhi_import::ImportOptions::default());
});
