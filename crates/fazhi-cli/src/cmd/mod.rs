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

pub fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "文件不存在".into(),
        std::io::ErrorKind::PermissionDenied => "没有权限".into(),
        _ => e.to_string(),
    }
}
