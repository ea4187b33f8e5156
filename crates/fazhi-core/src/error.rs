//! Typed errors of the core. Their `Display` is the Chinese message the user sees
//! (the app and the CLI show it as is).

use thiserror::Error;

/// Why a document was refused by the template check.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ValidationError {
    #[error("缺少法定部分“{0}”")]
    MissingPart(&'static str),
    #[error("法定部分“{0}”重复出现")]
    DuplicatePart(&'static str),
    #[error("模板中没有“{0}”这一部分")]
    ExtraPart(&'static str),
    #[error("各部分顺序不符合模板：第{position}部分应为“{expected}”，实为“{found}”")]
    WrongOrder {
        position: usize,
        expected: &'static str,
        found: &'static str,
    },
    #[error("第{position}部分的标题“{heading}”已不再表明“{role}”，请保留“{keyword}”等字样")]
    HeadingLostItem {
        position: usize,
        heading: String,
        role: &'static str,
        keyword: String,
    },
    #[error("层级过深：“{heading}”位于第{level}级，公文标题最多四级：一、（一）1.（1）")]
    TooDeep { heading: String, level: usize },
    #[error("发文机关不能为空")]
    EmptyIssuer,
    #[error("年度{0}不在合理范围（2000—2100年）内")]
    YearOutOfRange(i32),
    #[error("编号重复：{0}")]
    DuplicateId(String),
    #[error("编号“{0}”含有不允许的字符")]
    BadId(String),
    #[error("{what}含有控制字符或换行，请删除后再保存")]
    ControlChars { what: String },
    #[error("{what}过长（{len}字，上限{max}字）")]
    TooLong {
        what: String,
        len: usize,
        max: usize,
    },
    #[error("成文日期“{0}”不是有效日期")]
    BadDate(String),
    #[error("文档格式版本{found}高于本程序支持的版本{supported}，请升级程序")]
    SchemaTooNew { found: u32, supported: u32 },
    #[error("部分的标题不能为空（第{0}部分）")]
    EmptyPartHeading(usize),
    /// A metadata field in the wrong form (发文字号, 份号, 紧急程度…): the field's
    /// name and why.
    #[error("{field}“{value}”格式不对：{reason}")]
    BadField {
        field: &'static str,
        value: String,
        reason: String,
    },
    /// A table that breaks the model's rules (#21): which table (1-based, in
    /// reading order), where in it (第3行第2列, or empty for the whole table), why.
    #[error("第{table}个表格{place}{reason}")]
    BadTable {
        table: usize,
        place: String,
        reason: String,
    },
}

#[derive(Debug, Error)]
pub enum Error {
    #[error("文档不符合报告模板：{0}")]
    Invalid(#[from] ValidationError),
    #[error("未知的模板：{0}")]
    UnknownTemplate(String),
    #[error("找不到报告：{0}")]
    ReportNotFound(String),
    #[error("找不到版本：报告{report}的第{revision}版")]
    RevisionNotFound { report: String, revision: i64 },
    #[error("文档不是有效的报告JSON：{0}")]
    BadJson(String),
    #[error("报告已被其他窗口或命令行修改（当前版本{current}，编辑时为{expected}），为避免覆盖，请重新打开后再保存")]
    Conflict { expected: i64, current: i64 },
    #[error("报告处于“{0}”状态，内容已锁定；如需修改，请由签发人撤销定稿")]
    Locked(&'static str),
    #[error("资料库由更新版本的程序创建（结构版本{found}，本程序支持到{supported}），为保护数据不做任何修改，请升级程序")]
    LibraryTooNew { found: i64, supported: i64 },
    #[error("文件“{0}”不是本程序的资料库，或已损坏")]
    NotALibrary(String),
    #[error("资料库正被其他程序占用，请稍后再试")]
    Busy,
    #[error("磁盘空间不足，保存失败；已保存的内容不受影响")]
    DiskFull,
    #[error("资料库文件只读，无法保存；已保存的内容不受影响")]
    ReadOnly,
    #[error("资料库错误：{0}")]
    Database(String),
    #[error("无法读写文件“{path}”：{reason}")]
    Io { path: String, reason: String },
    #[error("找不到备份：{0}")]
    BackupNotFound(String),
    #[error("找不到已忽略的问题：{0}（fazhi ignored 列出本报告已忽略的问题）")]
    IgnoredNotFound(i64),
    #[error("备份“{id}”无法使用：{reason}")]
    BackupDamaged { id: String, reason: String },
    #[error("无法打开资料库文件（文件或所在文件夹只读、没有权限或已被移走）")]
    CannotOpen,
    #[error("读写资料库时发生磁盘错误，本次保存未完成；已保存的内容不受影响")]
    DiskIo,
    #[error("{0}")]
    Review(#[from] ReviewError),
    /// Reviewers' 修订 (tracked changes), [`crate::change`].
    #[error("{0}")]
    Change(#[from] crate::change::ChangeError),
}

impl Error {
    /// A stable machine-readable code, for the UI and `--json` output.
    pub fn code(&self) -> &'static str {
        match self {
            Error::Invalid(_) => "invalid",
            Error::UnknownTemplate(_) => "unknown_template",
            Error::ReportNotFound(_) => "not_found",
            Error::RevisionNotFound { .. } => "revision_not_found",
            Error::BadJson(_) => "bad_json",
            Error::Conflict { .. } => "conflict",
            Error::Locked(_) => "locked",
            Error::LibraryTooNew { .. } => "library_too_new",
            Error::NotALibrary(_) => "not_a_library",
            Error::Busy => "busy",
            Error::DiskFull => "disk_full",
            Error::ReadOnly => "read_only",
            Error::Database(_) => "database",
            Error::Io { .. } => "io",
            Error::BackupNotFound(_) => "backup_not_found",
            Error::IgnoredNotFound(_) => "ignored_not_found",
            Error::BackupDamaged { .. } => "backup_damaged",
            Error::CannotOpen => "cannot_open",
            Error::DiskIo => "disk_io",
            Error::Review(e) => e.code(),
            Error::Change(e) => e.code(),
        }
    }
}

impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Self {
        use rusqlite::ErrorCode;
        if let rusqlite::Error::SqliteFailure(f, _) = &e {
            match f.code {
                ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked => return Error::Busy,
                ErrorCode::DiskFull => return Error::DiskFull,
                ErrorCode::ReadOnly => return Error::ReadOnly,
                ErrorCode::NotADatabase => return Error::NotALibrary(String::new()),
                ErrorCode::CannotOpen => return Error::CannotOpen,
                ErrorCode::SystemIoFailure => return Error::DiskIo,
                _ => {}
            }
        }
        Error::Database(e.to_string())
    }
}

/// Why a file could not be read or written, in Chinese: the operating system's own
/// text (English: "Is a directory (os error 21)") only inside a Chinese sentence, for
/// a kind no user should meet.
pub fn io_reason(e: &std::io::Error) -> String {
    use std::io::ErrorKind as K;
    match e.kind() {
        K::NotFound => "文件或所在文件夹不存在".into(),
        K::PermissionDenied => "没有权限".into(),
        K::IsADirectory => "这是一个文件夹，请给出文件名".into(),
        K::NotADirectory => "路径中有一部分不是文件夹".into(),
        K::StorageFull | K::QuotaExceeded => "磁盘空间不足".into(),
        K::ReadOnlyFilesystem => "磁盘或文件夹只读".into(),
        K::AlreadyExists => "文件已存在".into(),
        K::InvalidFilename => "文件名无效或过长".into(),
        K::CrossesDevices => "不能跨磁盘移动文件".into(),
        K::ResourceBusy | K::ExecutableFileBusy => "文件正被其他程序占用".into(),
        K::InvalidData => "文件内容无效".into(),
        _ => format!("系统错误（{e}）"),
    }
}

impl From<serde_json::Error> for Error {
    fn from(e: serde_json::Error) -> Self {
        Error::BadJson(crate::json::describe(&e))
    }
}

pub const MAX_NAME_CHARS: usize = 40;
pub const MAX_COMMENT_CHARS: usize = 5000;
pub const MAX_REASON_CHARS: usize = 1000;
/// Review packages larger than this are refused unread.
pub const MAX_PACKAGE_BYTES: u64 = 64 * 1024 * 1024;

/// Why a review action was refused. `Display` is the Chinese message.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ReviewError {
    #[error("请先设置您的姓名和角色（设置 → 身份；命令行：fazhi whoami --name 姓名 --role drafter|reviewer|approver）")]
    NoIdentity,
    #[error("姓名不能为空，且不超过{MAX_NAME_CHARS}字、不含控制字符")]
    BadName,
    #[error("未知的角色“{0}”，只能是 drafter（起草人）、reviewer（审核人）、approver（签发人）")]
    BadRole(String),
    #[error("找不到批注：{0}")]
    CommentNotFound(String),
    #[error("只能修改或删除自己的批注（此条由{0}添加）")]
    NotYourComment(String),
    #[error("此批注已有他人回复，不能删除；可将其标记为已解决")]
    HasReplies,
    #[error("只能对批注本身标记解决或重新打开，不能对回复操作")]
    NotAThread,
    #[error("批注内容不能为空")]
    EmptyComment,
    #[error("{what}过长（{len}字，上限{max}字）")]
    TooLong {
        what: &'static str,
        len: usize,
        max: usize,
    },
    #[error("报告中找不到批注的位置：{0}")]
    BadAnchor(String),
    #[error("报告中找不到“{quote}”{}", occurrence_note(*.occurrence))]
    QuoteNotFound { quote: String, occurrence: u32 },
    #[error("无法从“{from}”变为“{to}”：{hint}")]
    BadTransition {
        from: &'static str,
        to: &'static str,
        hint: &'static str,
    },
    #[error("“{action}”只能由{needed}执行（当前身份：{current}）")]
    Forbidden {
        action: &'static str,
        needed: &'static str,
        current: String,
    },
    #[error("“{0}”须填写理由")]
    NeedReason(&'static str),
    #[error("{0}")]
    NeedField(&'static str),
    #[error("定稿前须处理完：{errors}项检查错误、{open}条未解决批注；如确需定稿，请选择“仍然定稿”并填写理由")]
    FinalizeBlocked { errors: u32, open: i64 },
    #[error("这是审阅副本，正文只读；请添加批注后导出审阅包交回起草人")]
    ReviewCopy,
    #[error("文件“{0}”不是法治报告审阅包，或已损坏")]
    NotAPackage(String),
    #[error("审阅包由更新版本的程序创建（格式版本{found}，本程序支持到{supported}），请升级程序")]
    PackageTooNew { found: i64, supported: i64 },
    #[error("审阅包过大（{0} MB），上限{max} MB", max = MAX_PACKAGE_BYTES / 1024 / 1024)]
    PackageTooLarge(u64),
    #[error("审阅包属于另一份报告（{package_title}），本资料库中没有这份报告；如需查看，请用“打开审阅包”")]
    PackageOtherReport { package_title: String },
    #[error("本资料库中已有这份报告（{0}）的原稿，请用“导入审阅意见”合并批注，而不是打开审阅副本")]
    PackageIsOriginal(String),
    #[error("审阅包内容无效：{0}")]
    BadPackage(String),
}

fn occurrence_note(n: u32) -> String {
    if n > 1 {
        format!("（第{n}处）")
    } else {
        String::new()
    }
}

impl ReviewError {
    pub fn code(&self) -> &'static str {
        match self {
            ReviewError::NoIdentity => "no_identity",
            ReviewError::BadName => "bad_name",
            ReviewError::BadRole(_) => "bad_role",
            ReviewError::CommentNotFound(_) => "comment_not_found",
            ReviewError::NotYourComment(_) => "not_your_comment",
            ReviewError::HasReplies => "has_replies",
            ReviewError::NotAThread => "not_a_thread",
            ReviewError::EmptyComment => "empty_comment",
            ReviewError::TooLong { .. } => "too_long",
            ReviewError::BadAnchor(_) => "bad_anchor",
            ReviewError::QuoteNotFound { .. } => "quote_not_found",
            ReviewError::BadTransition { .. } => "bad_transition",
            ReviewError::Forbidden { .. } => "forbidden",
            ReviewError::NeedReason(_) => "need_reason",
            ReviewError::NeedField(_) => "need_field",
            ReviewError::FinalizeBlocked { .. } => "finalize_blocked",
            ReviewError::ReviewCopy => "review_copy",
            ReviewError::NotAPackage(_) => "not_a_package",
            ReviewError::PackageTooNew { .. } => "package_too_new",
            ReviewError::PackageTooLarge(_) => "package_too_large",
            ReviewError::PackageOtherReport { .. } => "package_other_report",
            ReviewError::PackageIsOriginal(_) => "package_is_original",
            ReviewError::BadPackage(_) => "bad_package",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::io_reason;
    use std::io::{Error, ErrorKind};

    /// A file the user named that cannot be written is said in Chinese: a folder given
    /// for a file was "Is a directory (os error 21)" in a package's and a backup's message.
    #[test]
    fn io_reasons_are_chinese() {
        let dir = tempfile::tempdir().unwrap();
        let real = std::fs::write(dir.path(), b"x").unwrap_err();
        assert_eq!(io_reason(&real), "这是一个文件夹，请给出文件名");
        for kind in [
            ErrorKind::NotFound,
            ErrorKind::PermissionDenied,
            ErrorKind::IsADirectory,
            ErrorKind::NotADirectory,
            ErrorKind::StorageFull,
            ErrorKind::ReadOnlyFilesystem,
        ] {
            let r = io_reason(&Error::from(kind));
            assert!(r.chars().all(|c| !c.is_ascii_alphabetic()), "{kind:?}: {r}");
        }
        // A kind nobody should meet keeps the system's words, inside a Chinese sentence.
        let r = io_reason(&Error::other("odd"));
        assert!(r.starts_with("系统错误"), "{r}");
    }
}
