//! `fazhi`: the command-line face of Fazhi Studio. Every command is a thin call
//! into the same library functions the app's IPC commands use.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

mod cmd;
mod ctx;
mod usage;

use ctx::{CliError, Ctx};

#[derive(Parser)]
#[command(
    name = "fazhi",
    version,
    about = "法治报告编写器命令行：新建、导入、检查、批注、导出法治政府建设年度报告",
    disable_help_subcommand = true
)]
struct Cli {
    /// 资料库文件（默认为平台数据目录中的 fazhi-studio/library.sqlite3，或环境变量 FAZHI_DB）
    #[arg(long, global = true, value_name = "PATH")]
    db: Option<PathBuf>,
    /// 以 JSON 输出（对象带 id 字段）
    #[arg(long, global = true)]
    json: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// 新建报告
    New(cmd::report::NewArgs),
    /// 列出资料库中的报告
    List(cmd::report::ListArgs),
    /// 显示一份报告
    Show(cmd::report::IdArgs),
    /// 用 JSON 文件替换报告内容（与应用保存同样校验）
    Put(cmd::report::PutArgs),
    /// 保存版本
    SaveVersion(cmd::report::SaveVersionArgs),
    /// 列出版本
    Revisions(cmd::report::IdArgs),
    /// 将某一版本恢复为新版本
    Restore(cmd::report::RestoreArgs),
    /// 比较两个版本（版本号或 current），列出增删改
    Diff(cmd::report::DiffArgs),
    /// 全文搜索
    Search(cmd::report::SearchArgs),
    /// 删除报告
    Delete(cmd::report::IdArgs),
    /// 列出报告模板
    Templates,
    /// 导入已有报告（TXT、DOCX、网页）
    Import(cmd::import::ImportArgs),
    /// 以一份报告为基础新建下一年度报告
    NextYear(cmd::import::NextYearArgs),
    /// 校对检查
    Check(cmd::check::CheckArgs),
    /// 自动修正可安全修正的问题
    Fix(cmd::check::FixArgs),
    /// 词库：列出、导出（CSV/XLSX）、导入并合并
    Lexicon(cmd::lexicon::LexiconArgs),
    /// 忽略一条问题（--remember 记住，以后同一文字不再提示）
    Ignore(cmd::ignore::IgnoreArgs),
    /// 列出报告已忽略的问题，--restore N 恢复
    Ignored(cmd::ignore::IgnoredArgs),
    /// 导出 DOCX、HTML 或 PDF
    Export(cmd::export::ExportArgs),
    /// 花脸稿：比较两个版本，导出 PDF 或 DOCX（删除红色删除线，新增蓝色下划线）
    Redline(cmd::redline::RedlineArgs),
    /// 备份资料库（SQLite 在线备份，保存在资料库旁的 backups 文件夹）
    Backup(cmd::backup::BackupArgs),
    /// 列出备份（时间、原因、报告数）
    Backups,
    /// 从备份恢复资料库（原资料库先另存，不会删除）
    RestoreBackup(cmd::backup::RestoreBackupArgs),
    /// 检查资料库是否完好（不修改文件）
    CheckLibrary(cmd::backup::CheckLibraryArgs),
    /// 设置或显示本资料库的身份（姓名、角色），批注和状态变更以此记名
    Whoami(cmd::review::WhoamiArgs),
    /// 批注：添加、列出、回复、解决、重新打开、删除、从 DOCX 导入
    Comment(cmd::review::CommentArgs),
    /// 修订：提出、列出、接受、拒绝（审阅中的审核人只能以修订方式修改）
    Changes(cmd::changes::ChangesArgs),
    /// 显示或变更报告状态（送审、退回修改、定稿、报送、公开、撤销定稿）
    Status(cmd::review::StatusArgs),
    /// 报告的审计日志（谁、何时、做了什么、理由）
    Log(cmd::review::LogArgs),
    /// 各报告的报送、公开截止日期
    Deadlines(cmd::review::DeadlinesArgs),
    /// 审阅包：导出、打开、导入审阅意见
    Package(cmd::review::PackageArgs),
    /// 打印报告（经 CUPS，默认双面，与导出的 PDF 完全相同）
    Print(cmd::print::PrintArgs),
    /// 列出本机打印机
    Printers,
    /// 显示或设置各用途的字体（标题、正文、一级标题、二级标题、页码）
    Fonts(cmd::fonts::FontsArgs),
    /// 在本机回环地址上以 HTTP 提供应用的全部命令（界面的浏览器测试用）
    #[command(hide = true)]
    ServeIpc(cmd::serve::ServeArgs),
    /// 连续保存一份报告（崩溃安全测试用）
    #[command(hide = true)]
    StressSave(cmd::backup::StressSaveArgs),
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) if usage::is_display(&e) => e.exit(),
        Err(e) => {
            eprintln!("{}", usage::message(&e));
            return ExitCode::from(2);
        }
    };
    let ctx = Ctx::new(cli.db, cli.json);
    let result = match cli.command {
        Command::New(a) => cmd::report::new(&ctx, a),
        Command::List(a) => cmd::report::list(&ctx, a),
        Command::Show(a) => cmd::report::show(&ctx, a),
        Command::Put(a) => cmd::report::put(&ctx, a),
        Command::SaveVersion(a) => cmd::report::save_version(&ctx, a),
        Command::Revisions(a) => cmd::report::revisions(&ctx, a),
        Command::Restore(a) => cmd::report::restore(&ctx, a),
        Command::Diff(a) => cmd::report::diff(&ctx, a),
        Command::Search(a) => cmd::report::search(&ctx, a),
        Command::Delete(a) => cmd::report::delete(&ctx, a),
        Command::Templates => cmd::report::templates(&ctx),
        Command::Import(a) => cmd::import::import(&ctx, a),
        Command::NextYear(a) => cmd::import::next_year(&ctx, a),
        Command::Check(a) => cmd::check::check(&ctx, a),
        Command::Fix(a) => cmd::check::fix(&ctx, a),
        Command::Lexicon(a) => cmd::lexicon::lexicon(&ctx, a),
        Command::Ignore(a) => cmd::ignore::ignore(&ctx, a),
        Command::Ignored(a) => cmd::ignore::ignored(&ctx, a),
        Command::Export(a) => cmd::export::export(&ctx, a),
        Command::Redline(a) => cmd::redline::redline(&ctx, a),
        Command::Backup(a) => cmd::backup::create(&ctx, a),
        Command::Backups => cmd::backup::list(&ctx),
        Command::RestoreBackup(a) => cmd::backup::restore(&ctx, a),
        Command::CheckLibrary(a) => cmd::backup::check_library(&ctx, a),
        Command::Print(a) => cmd::print::print(&ctx, a),
        Command::Printers => cmd::print::printers(&ctx),
        Command::Fonts(a) => cmd::fonts::fonts(&ctx, a),
        Command::ServeIpc(a) => cmd::serve::serve(&ctx, a),
        Command::StressSave(a) => cmd::backup::stress_save(&ctx, a),
        Command::Whoami(a) => cmd::review::whoami(&ctx, a),
        Command::Comment(a) => cmd::review::comment(&ctx, a),
        Command::Changes(a) => cmd::changes::changes(&ctx, a),
        Command::Status(a) => cmd::review::status(&ctx, a),
        Command::Log(a) => cmd::review::log(&ctx, a),
        Command::Deadlines(a) => cmd::review::deadlines(&ctx, a),
        Command::Package(a) => cmd::review::package(&ctx, a),
    };
    match result {
        Ok(code) => code,
        Err(e) => ctx.fail(&e),
    }
}

/// Lets a subcommand return early with a typed error.
pub type CliResult = Result<ExitCode, CliError>;
