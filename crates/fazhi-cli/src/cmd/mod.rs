//! One module per group of subcommands.

pub mod backup;
// [tracking-core #17] 修订 (tracked changes).
pub mod changes;
pub mod check;
pub mod export;
pub mod fonts;
pub mod ignore;
pub mod import;
pub mod lexicon;
pub mod print;
// [tracking #17] the 花脸稿.
pub mod redline;
// [tracking #17] changes import-docx (a variant of `changes`).
pub mod changes_docx;
pub mod report;
pub mod review;
pub mod serve;

/// Reads a file the user named, with a Chinese message naming it on failure.
pub fn read_file(path: &std::path::Path) -> Result<Vec<u8>, crate::CliError> {
    std::fs::read(path).map_err(|e| {
        crate::CliError::new(
            "io",
            format!("无法读取文件“{}”：{}", path.display(), io_reason(&e)),
        )
    })
}

/// Why a file the user named could not be read, in Chinese (the core's wording for the
/// kinds beyond a missing file).
pub fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "文件不存在".into(),
        _ => fazhi_core::error::io_reason(e),
    }
}

/// The file a command is to write (`-o`, `--csv`), checked before any work is done: a
/// folder given for a file, or a folder that does not exist, is said in Chinese at once
/// — not after a long render, nor as the system's English text.
pub fn output_file(path: &std::path::Path) -> Result<(), crate::CliError> {
    let fail = |why: String| {
        crate::CliError::new("io", format!("无法写入文件“{}”：{why}", path.display()))
    };
    if path.as_os_str().is_empty() {
        return Err(crate::CliError::new("io", "没有给出要写入的文件名"));
    }
    if path.is_dir() {
        return Err(fail("这是一个文件夹，请给出文件名".into()));
    }
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => return Ok(()),
    };
    match std::fs::metadata(dir) {
        Ok(m) if m.is_dir() => Ok(()),
        Ok(_) => Err(fail(format!("“{}”不是文件夹", dir.display()))),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            Err(fail(format!("文件夹“{}”不存在", dir.display())))
        }
        Err(e) => Err(fail(fazhi_core::error::io_reason(&e))),
    }
}
