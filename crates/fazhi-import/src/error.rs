use thiserror::Error;

/// Why a file could not be imported. Every message names the file and says
/// what to do, in Chinese; nothing has been written when one is returned.
#[derive(Debug, Error, Clone, PartialEq, Eq)]
pub enum ImportError {
    #[error("无法读取文件“{file}”：{reason}。")]
    Io { file: String, reason: String },
    #[error("“{file}”是一个文件夹，请选择要导入的报告文件。")]
    IsDirectory { file: String },
    #[error("文件“{file}”是空的，没有可导入的内容。")]
    Empty { file: String },
    #[error("文件“{file}”过大（{} MB），超过导入上限 {} MB；一份年度报告通常不超过 1 MB，请确认选择的文件是否正确。", mb(*.size), mb(*.limit))]
    TooLarge { file: String, size: u64, limit: u64 },
    #[error("文件“{file}”是{what}，暂不支持导入。请在 Word 或 WPS 中另存为 .docx，或另存为 .txt 后再导入。")]
    Unsupported { file: String, what: String },
    #[error("文件“{file}”看起来不是文本文件（含有二进制数据），无法导入。请确认文件类型，或另存为 .docx / .txt 后再导入。")]
    Binary { file: String },
    #[error(
        "无法识别文件“{file}”的文字编码：{reason}。请在记事本或 WPS 中另存为 UTF-8 编码后再导入。"
    )]
    Encoding { file: String, reason: String },
    #[error(
        "Word 文档“{file}”已损坏，无法读取：{reason}。请在 Word 或 WPS 中打开并重新保存后再导入。"
    )]
    CorruptDocx { file: String, reason: String },
    #[error("文件“{file}”可能是恶意构造的压缩文件（{reason}），已拒绝导入。")]
    ZipBomb { file: String, reason: String },
    #[error("文件“{file}”结构异常（{reason}），已拒绝导入。")]
    Malformed { file: String, reason: String },
    #[error("文件“{file}”中没有找到报告正文（{reason}）。")]
    NoText { file: String, reason: String },
    #[error("模板“{template}”不存在，无法导入文件“{file}”。")]
    UnknownTemplate { file: String, template: String },
}

fn mb(bytes: u64) -> String {
    format!("{:.1}", bytes as f64 / (1024.0 * 1024.0))
}

impl ImportError {
    /// A stable machine code for the CLI's `--json` errors and the app.
    pub fn code(&self) -> &'static str {
        match self {
            ImportError::Io { .. } => "io",
            ImportError::IsDirectory { .. } => "is_directory",
            ImportError::Empty { .. } => "empty_file",
            ImportError::TooLarge { .. } => "too_large",
            ImportError::Unsupported { .. } => "unsupported_format",
            ImportError::Binary { .. } => "binary_file",
            ImportError::Encoding { .. } => "bad_encoding",
            ImportError::CorruptDocx { .. } => "corrupt_docx",
            ImportError::ZipBomb { .. } => "zip_bomb",
            ImportError::Malformed { .. } => "malformed",
            ImportError::NoText { .. } => "no_text",
            ImportError::UnknownTemplate { .. } => "unknown_template",
        }
    }
}
