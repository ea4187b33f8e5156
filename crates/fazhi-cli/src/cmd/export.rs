//! export: DOCX and HTML through fazhi-export, PDF through fazhi-pdf. The file
//! is written only once the export succeeded, through a temporary file in the
//! same folder, so a failure never leaves a half-written file.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;
use fazhi_core::profile::Profile;
use fazhi_core::Store;
use fazhi_export::{DocxOptions, ExportComment, ExportError};

use crate::ctx::Ctx;
use crate::{CliError, CliResult};

#[derive(Args)]
pub struct ExportArgs {
    /// 报告编号
    pub id: String,
    /// docx、html 或 pdf
    #[arg(long)]
    pub format: String,
    /// filing（报送版，默认）或 publication（公开版）
    #[arg(long, default_value = "filing")]
    pub profile: String,
    /// 将批注导出为 Word 批注（仅 docx）
    #[arg(long)]
    pub with_comments: bool,
    /// 将待处理的修订导出为 Word 修订（w:ins/w:del，仅 docx 报送版）
    #[arg(long)]
    pub with_changes: bool,
    /// 输出文件
    #[arg(short = 'o', long)]
    pub output: PathBuf,
    /// 不做校对计数（批量导出时更快；默认会提示报告中的错误数）
    #[arg(long)]
    pub no_check: bool,
}

/// The comments `--with-comments` puts in the DOCX (see
/// [`fazhi_export::comments_for_export`]).
pub fn export_comments(store: &Store, id: &str) -> Result<Vec<ExportComment>, CliError> {
    Ok(fazhi_export::comments_for_export(store, id)?)
}

/// The library opened for reading only (an export or a print writes nothing to it, and
/// skips the migration and backup checks of a full open); a library that needs
/// migrating first, or does not exist yet, is opened normally.
pub fn open_for_reading(ctx: &Ctx) -> Result<Store, CliError> {
    match Store::open_read_only(&ctx.db)? {
        Some(store) => Ok(store),
        None => ctx.store(),
    }
}

fn export_error(e: ExportError) -> CliError {
    CliError::new(e.code(), e.to_string())
}

/// The error count an export tells: not asked (`--no-check`), made, or not made (the
/// library's settings or the report's ignores unreadable, the counting thread failed)
/// — the export goes ahead whichever, and says which.
#[derive(Debug, PartialEq, Eq)]
enum ErrorCount {
    NotAsked,
    Made(usize),
    Failed(String),
}

/// Runs `work` (the render) while another thread counts the report's errors as `fazhi
/// check` lists them — [`fazhi_checks::proofing::count_errors`], the count `fazhi status
/// --to final` and the app give — when `count`: found by the rules that can give an
/// error, their patterns compiled on first use, beside the render rather than before it.
fn beside_error_count<T>(
    store: &Store,
    report_id: &str,
    doc: &fazhi_core::Document,
    count: bool,
    work: impl FnOnce() -> T,
) -> (ErrorCount, T) {
    if !count {
        return (ErrorCount::NotAsked, work());
    }
    let (config, ignores) = match fazhi_checks::proofing::error_inputs(store, report_id) {
        Ok(inputs) => inputs,
        Err(e) => return (ErrorCount::Failed(e.to_string()), work()),
    };
    beside(
        || fazhi_checks::proofing::count_errors(doc, &config, &ignores),
        work,
    )
}

/// `count` on another thread while `work` runs; a count that panicked is a count not
/// made, never "0 errors".
fn beside<T>(count: impl FnOnce() -> usize + Send, work: impl FnOnce() -> T) -> (ErrorCount, T) {
    std::thread::scope(|s| {
        let check = s.spawn(count);
        let out = work();
        let n = check.join().map_or_else(
            |_| ErrorCount::Failed("校对程序内部出错".into()),
            ErrorCount::Made,
        );
        (n, out)
    })
}

/// glibc's allocator set for one short export: the render's threads (a font subset
/// each) and the error count share the main heap, grown 16 MB at a time and never
/// trimmed, instead of an arena each grown page by page (an `mprotect` per growth, a
/// `madvise` per trim, every page faulted in afresh): a tenth of the process's CPU time.
/// Memory is returned when the process exits a few tens of milliseconds later.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
#[allow(
    unsafe_code,
    reason = "mallopt only sets glibc's allocator parameters; it is called before the \
              export's threads start, with constant arguments"
)]
fn tune_allocator() {
    use std::os::raw::c_int;
    // <malloc.h>
    const M_TRIM_THRESHOLD: c_int = -1;
    const M_TOP_PAD: c_int = -2;
    const M_MMAP_THRESHOLD: c_int = -3;
    const M_ARENA_MAX: c_int = -8;
    extern "C" {
        fn mallopt(param: c_int, value: c_int) -> c_int;
    }
    for (param, value) in [
        (M_ARENA_MAX, 1),
        (M_TOP_PAD, 16 << 20),
        (M_TRIM_THRESHOLD, 256 << 20),
        (M_MMAP_THRESHOLD, 32 << 20),
    ] {
        // SAFETY: a documented glibc function taking two ints; a refused value (it
        // returns 0) leaves the default in place.
        unsafe {
            mallopt(param, value);
        }
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn tune_allocator() {}

/// What the DOCX carries besides the text.
#[derive(Clone, Copy)]
struct With {
    comments: bool,
    changes: bool,
}

/// The bytes of the export in `format`.
fn render(
    store: &Store,
    doc: &fazhi_core::Document,
    id: &str,
    format: &str,
    profile: Profile,
    with: With,
) -> Result<Vec<u8>, CliError> {
    Ok(match format {
        "docx" => {
            name_chosen_fonts(store);
            let comments = if with.comments && profile == Profile::Filing {
                export_comments(store, id)?
            } else {
                Vec::new()
            };
            let changes = if with.changes && profile == Profile::Filing {
                fazhi_export::changes_for_export(store, id)?
            } else {
                Vec::new()
            };
            let opts = DocxOptions { profile, comments };
            fazhi_export::docx_with_changes(doc, &opts, &changes).map_err(export_error)?
        }
        "html" => fazhi_export::html(doc, profile).into_bytes(),
        _ => {
            let rendered = render_pdf(store, doc, profile)?;
            for line in &rendered.notices {
                eprintln!("提示：{line}");
            }
            rendered.pdf.bytes
        }
    })
}

/// The DOCX names the families chosen in 设置 → 字体 (those installed here) and is paginated
/// with their files, as in the app; a chosen font gone from this machine is said, as the
/// app's 导出 says it.
fn name_chosen_fonts(store: &Store) {
    if let Ok(r) = fazhi_pdf::choice::resolve_store(store) {
        for line in fazhi_export::use_resolved_fonts(&r) {
            eprintln!("提示：{line}");
        }
    }
}

/// A PDF in the library's chosen fonts (设置 → 字体), with what the user should hear
/// about them: a chosen font gone from this machine, characters that fell back.
pub type PdfWithNotices = fazhi_pdf::choice::ChosenPdf;

pub fn render_pdf(
    store: &Store,
    doc: &fazhi_core::Document,
    profile: Profile,
) -> Result<PdfWithNotices, CliError> {
    fazhi_pdf::choice::render_chosen(store, doc, profile)
        .map_err(|e| CliError::new("pdf_failed", e.to_string()))
}

pub fn export(ctx: &Ctx, a: ExportArgs) -> CliResult {
    let format = a.format.trim().to_ascii_lowercase();
    if !matches!(format.as_str(), "docx" | "html" | "pdf") {
        return Err(CliError::new(
            "bad_format",
            format!("不支持的导出格式“{}”：请用 docx、html 或 pdf", a.format),
        ));
    }
    let profile = Profile::parse(a.profile.trim()).ok_or_else(|| {
        CliError::new(
            "bad_profile",
            format!(
                "不支持的导出版本“{}”：请用 filing（报送版）或 publication（公开版）",
                a.profile
            ),
        )
    })?;
    if a.with_comments && format != "docx" {
        return Err(CliError::new(
            "bad_option",
            "--with-comments 只适用于 docx 格式",
        ));
    }
    if a.with_comments && profile == Profile::Publication {
        eprintln!("提示：公开版不含批注，--with-comments 已忽略。");
    }
    if a.with_changes && format != "docx" {
        return Err(CliError::new(
            "bad_option",
            "--with-changes 只适用于 docx 格式",
        ));
    }
    if a.with_changes && profile == Profile::Publication {
        eprintln!("提示：公开版不含修订，--with-changes 已忽略。");
    }
    let with = With {
        comments: a.with_comments,
        changes: a.with_changes,
    };
    crate::cmd::output_file(&a.output)?;
    tune_allocator();
    let store = open_for_reading(ctx)?;
    let report = store.get_report(&a.id)?;
    let doc = &report.document;
    // The export goes ahead, but nobody should file a report with errors unawares.
    let (errors, bytes) = beside_error_count(&store, &report.id, doc, !a.no_check, || {
        render(&store, doc, &report.id, &format, profile, with)
    });
    let bytes = bytes?;
    fazhi_export::write_file_atomic(&a.output, &bytes).map_err(export_error)?;
    // Said once the file is written: "仍已按要求导出" before a failed write was untrue.
    match &errors {
        ErrorCount::Made(n) if *n > 0 => eprintln!(
            "提示：报告中有 {n} 处错误（运行 fazhi check {} 查看），仍已按要求导出。",
            report.id
        ),
        ErrorCount::Failed(why) => eprintln!(
            "提示：未能统计报告中的错误（{why}），仍已按要求导出；请运行 fazhi check {} 查看。",
            report.id
        ),
        _ => {}
    }
    let out = serde_json::json!({
        "id": report.id,
        "format": format,
        "profile": profile,
        "output": a.output.display().to_string(),
        "bytes": bytes.len(),
    });
    let mut out = out;
    out["check_errors"] = match &errors {
        ErrorCount::Made(n) => serde_json::json!(n),
        ErrorCount::NotAsked | ErrorCount::Failed(_) => serde_json::Value::Null,
    };
    if let ErrorCount::Failed(why) = &errors {
        out["check_failed"] = serde_json::json!(why);
    }
    ctx.emit(&out, || {
        format!(
            "已导出{}（{}）：{}",
            profile.label(),
            format.to_uppercase(),
            a.output.display()
        )
    });
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch(name: &str) -> PathBuf {
        let d =
            std::env::temp_dir().join(format!("fazhi-export-cli-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        std::fs::create_dir_all(&d).expect("scratch dir");
        d
    }

    fn args(id: &str, format: &str, output: PathBuf) -> ExportArgs {
        ExportArgs {
            id: id.into(),
            format: format.into(),
            profile: "filing".into(),
            with_comments: false,
            with_changes: false,
            output,
            no_check: false,
        }
    }

    fn setup(dir: &std::path::Path) -> (Ctx, String) {
        let ctx = Ctx {
            db: dir.join("lib.sqlite3"),
            json: true,
        };
        let mut store = ctx.store().expect("store");
        let created = store
            .create_report(&fazhi_core::store::NewReport {
                issuer: "某县人民政府".into(),
                year: 2019,
                template_id: None,
                include_optional: false,
            })
            .expect("report");
        (ctx, created.report.id)
    }

    #[test]
    fn docx_and_html_are_written_and_nothing_else_is_left() {
        let dir = scratch("ok");
        let (ctx, id) = setup(&dir);
        let docx = dir.join("报告.docx");
        export(&ctx, args(&id, "docx", docx.clone())).expect("docx export");
        let bytes = std::fs::read(&docx).expect("docx written");
        assert!(bytes.starts_with(b"PK"), "a zip package");
        let html = dir.join("报告.html");
        export(&ctx, args(&id, "HTML", html.clone())).expect("html export");
        let page = std::fs::read_to_string(&html).expect("html written");
        assert!(page.contains("某县人民政府关于2019年法治政府建设情况的报告"));
        let leftovers: Vec<_> = std::fs::read_dir(&dir)
            .expect("dir")
            .flatten()
            .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
            .collect();
        assert!(leftovers.is_empty(), "temporary files left: {leftovers:?}");
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn with_comments_exports_open_anchored_threads_with_replies() {
        let dir = scratch("comments");
        let (ctx, id) = setup(&dir);
        let mut store = ctx.store().expect("store");
        store
            .set_identity("张三", fazhi_core::review::ReviewRole::Reviewer)
            .expect("identity");
        let part = store.get_report(&id).expect("report").document.parts[0].clone();
        let target = fazhi_core::review::CommentTarget::Range {
            node_id: part.id.clone(),
            start: 0,
            end: 2,
        };
        let open = store.add_comment(&id, &target, "请核实").expect("comment");
        store.reply_comment(&id, &open.id, "已核实").expect("reply");
        let done = store.add_comment(&id, &target, "已处理").expect("comment");
        store.resolve_comment(&done.id).expect("resolve");
        let list = export_comments(&store, &id).expect("comments");
        assert_eq!(list.len(), 1);
        assert_eq!(list[0].node_id, part.id);
        assert_eq!((list[0].start, list[0].end), (0, 2));
        assert_eq!(list[0].author, "张三");
        assert_eq!(list[0].replies.len(), 1);
        drop(store);
        let out = dir.join("批注.docx");
        let mut a = args(&id, "docx", out.clone());
        a.with_comments = true;
        export(&ctx, a).expect("export");
        let bytes = std::fs::read(&out).expect("written");
        let needle = "comments.xml".as_bytes();
        assert!(
            bytes.windows(needle.len()).any(|w| w == needle),
            "a comments part in the package"
        );
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn an_export_opens_the_library_read_only_and_writes_nothing() {
        let dir = scratch("readonly");
        let (ctx, id) = setup(&dir);
        // A checkpoint folds the WAL into the file, so any later write would show.
        ctx.store()
            .expect("store")
            .connection()
            .execute_batch("PRAGMA wal_checkpoint(TRUNCATE)")
            .expect("checkpoint");
        let before = std::fs::read(&ctx.db).expect("library");
        let mut store = open_for_reading(&ctx).expect("read-only store");
        assert!(store.set_setting("x", "y").is_err(), "writes are refused");
        drop(store);
        export(&ctx, args(&id, "html", dir.join("r.html"))).expect("export");
        let mut quick = args(&id, "html", dir.join("q.html"));
        quick.no_check = true;
        export(&ctx, quick).expect("export without the check");
        assert_eq!(std::fs::read(&ctx.db).expect("library"), before);
        let wal = std::fs::metadata(dir.join("lib.sqlite3-wal")).map_or(0, |m| m.len());
        assert_eq!(wal, 0, "nothing appended to the write-ahead log");
        let _ = std::fs::remove_dir_all(&dir);
    }

    /// The number an export tells is the one `fazhi check` gives: ignored errors, once
    /// or remembered, are not counted (they were before).
    #[test]
    fn the_error_count_is_the_checks_with_its_ignores() {
        use fazhi_checks::proofing;
        use fazhi_checks::Severity;
        use fazhi_core::store::ignored::IgnoreScope;

        let dir = scratch("count");
        let (ctx, id) = setup(&dir);
        let mut store = ctx.store().expect("store");
        let mut doc = store.get_report(&id).expect("report").document;
        doc.preface = vec![fazhi_core::Paragraph::new(
            "我县认真部署,加强领导;全面推进依法行政,成效明显。",
        )];
        store.save_report(&id, doc, None).expect("save");
        let doc = store.get_report(&id).expect("report").document;
        let checks_count = |store: &Store| {
            proofing::check_with_ignores(store, &id, &doc)
                .expect("check")
                .findings
                .iter()
                .filter(|f| f.severity == Severity::Error)
                .count()
        };
        let counted = |store: &Store| match beside_error_count(store, &id, &doc, true, || ()).0 {
            ErrorCount::Made(n) => n,
            other => panic!("{other:?}"),
        };
        let before = checks_count(&store);
        assert!(before >= 3, "{before}");
        assert_eq!(counted(&store), before);
        let all = proofing::check_with_ignores(&store, &id, &doc).expect("check");
        let errors: Vec<_> = all
            .findings
            .iter()
            .filter(|f| f.severity == Severity::Error)
            .collect();
        proofing::ignore(&mut store, &id, &errors[0].id, IgnoreScope::Once).expect("ignore");
        let comma = errors
            .iter()
            .find(|f| f.text == "," && f.id != errors[0].id)
            .expect("another half-width comma");
        proofing::ignore(&mut store, &id, &comma.id, IgnoreScope::Library).expect("remember");
        let after = checks_count(&store);
        assert!(after < before, "{after} < {before}");
        assert_eq!(counted(&store), after);
        assert_eq!(
            beside_error_count(&store, &id, &doc, false, || ()).0,
            ErrorCount::NotAsked
        );
        let _ = std::fs::remove_dir_all(&dir);
    }

    /// A count that could not be made is said, not told as "0 errors": the counting
    /// thread's panic, and a library whose rule settings do not read; the work is done.
    #[test]
    fn a_count_not_made_is_not_zero() {
        let (count, out) = beside(|| panic!("a rule failed"), || 7);
        assert_eq!(out, 7, "the render's result");
        assert!(matches!(count, ErrorCount::Failed(_)), "{count:?}");

        let dir = scratch("count-failed");
        let (ctx, id) = setup(&dir);
        let mut store = ctx.store().expect("store");
        store
            .set_setting(fazhi_checks::config::SETTINGS_KEY, "{not json")
            .expect("spoil");
        let doc = store.get_report(&id).expect("report").document;
        let (count, ()) = beside_error_count(&store, &id, &doc, true, || ());
        assert!(matches!(count, ErrorCount::Failed(_)), "{count:?}");
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_failed_export_leaves_the_old_file_alone() {
        let dir = scratch("fail");
        let (ctx, id) = setup(&dir);
        let out = dir.join("报告.docx");
        std::fs::write(&out, b"previous export").expect("seed");
        let e = export(&ctx, args("no-such-report", "docx", out.clone())).unwrap_err();
        assert_eq!(e.exit, 2);
        let e = export(&ctx, args(&id, "odt", out.clone())).unwrap_err();
        assert!(e.message.contains("odt"), "{}", e.message);
        let mut bad = args(&id, "docx", out.clone());
        bad.profile = "internal".into();
        assert!(export(&ctx, bad).unwrap_err().message.contains("internal"));
        let mut html_comments = args(&id, "html", out.clone());
        html_comments.with_comments = true;
        assert!(export(&ctx, html_comments).is_err());
        assert_eq!(
            std::fs::read(&out).expect("still there"),
            b"previous export"
        );
        let _ = std::fs::remove_dir_all(&dir);
    }
}
