//! Shared by the integration tests.
#![allow(dead_code)]

pub mod sample;

use std::io::Read;

/// The parts of a DOCX package by name.
pub fn unzip(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip package");
    (0..z.len())
        .map(|i| {
            let mut f = z.by_index(i).expect("entry");
            let mut buf = Vec::new();
            f.read_to_end(&mut buf).expect("entry bytes");
            (f.name().to_string(), buf)
        })
        .collect()
}

pub fn part(bytes: &[u8], name: &str) -> String {
    unzip(bytes)
        .into_iter()
        .find(|(n, _)| n == name)
        .map(|(_, b)| String::from_utf8(b).expect("utf-8 part"))
        .unwrap_or_else(|| panic!("package has no {name}"))
}
