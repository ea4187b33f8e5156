//! 法治报告编写器: the Tauri shell. It lists the commands and opens the window;
//! everything a command does is a call into `fazhi-core` (and its sibling crates).

pub mod backup;
pub mod checks;
mod command_list;
pub mod commands;
pub mod error;
pub mod files;
pub mod fonts;
pub mod preview;
pub mod review;
pub mod startup;
pub mod window;

#[cfg(test)]
mod ipc_surface_tests;

pub use command_list::COMMANDS;

use std::sync::Mutex;

use commands::AppState;

pub fn run() {
    // A library that cannot be opened leads to the recovery screen, not an exit.
    let opened = startup::open_or_recover();
    let recovery = backup::RecoveryState::new(opened.path.clone(), opened.problem);
    let (mut store, db_path) = (opened.store, opened.path.display().to_string());
    let mut notices = opened.notices;
    if !recovery.active() {
        notices.extend(startup::seed_first_run(&mut store).unwrap_or_else(|e| vec![e.to_string()]));
    }
    let rule_config = fazhi_checks::RuleConfig::load(&store).unwrap_or_default();
    let state = AppState {
        store: Mutex::new(store),
        db_path,
        notices,
    };
    let result = fonts::register(tauri::Builder::default())
        // First: a second launch on the same library focuses this window and exits.
        .plugin(startup::single_instance(&recovery.path))
        .plugin(tauri_plugin_dialog::init())
        .manage(state)
        .manage(recovery)
        .manage(files::FileState::default())
        .manage(checks::CheckState::new(rule_config))
        .manage(window::CloseState::default())
        .manage(review::LaunchPackage(Mutex::new(review::package_arg(
            std::env::args(),
        ))))
        .on_window_event(window::on_window_event)
        .invoke_handler(tauri::generate_handler![
            commands::app_info,
            commands::list_templates,
            commands::list_reports,
            commands::create_report,
            commands::get_report,
            commands::save_report,
            commands::delete_report,
            commands::save_version,
            commands::list_revisions,
            commands::get_revision,
            commands::restore_revision,
            commands::compare_revisions,
            files::pick_import,
            files::confirm_import,
            files::next_year_report,
            files::export_report,
            files::reveal_export,
            files::reference_report,
            preview::preview_pdf,
            checks::check_document,
            checks::list_rules,
            checks::get_rule_config,
            checks::set_rule_config,
            window::close_window,
            backup::library_health,
            backup::list_backups,
            backup::create_backup,
            backup::restore_backup,
            backup::new_library,
            review::get_identity,
            review::set_identity,
            review::list_comments,
            review::comment_counts,
            review::add_comment,
            review::reply_comment,
            review::edit_comment,
            review::delete_comment,
            review::resolve_comment,
            review::reopen_comment,
            review::save_report_with_anchors,
            review::workflow_info,
            review::transition_report,
            review::audit_log,
            review::list_deadlines,
            review::export_review_package,
            review::open_review_package,
            review::open_launch_package,
            review::merge_review_package,
            review::import_docx_comments,
        ])
        .run(tauri::generate_context!());
    if let Err(e) = result {
        eprintln!("错误：应用启动失败：{e}");
        std::process::exit(1);
    }
}
