//! 法治报告编写器: the Tauri shell. It opens the window, answers the native
//! dialogs and window requests of `fazhi_app::Host`, and serves the command
//! table of `fazhi_app` through one IPC handler (`ipc.rs`).

pub mod files;
pub mod fonts;
pub mod host;
mod ipc;
pub mod startup;
pub mod window;

#[cfg(test)]
mod ipc_surface_tests;

use std::sync::Mutex;

use tauri::Manager;

pub fn run() {
    let library = fazhi_core::store::default_path();
    let launch_package = fazhi_app::review::package_arg(std::env::args());
    // Opened in `setup`, where the window's handle exists for the dialogs; a
    // library that cannot be opened leads to the recovery screen, not an exit.
    let start = Mutex::new(Some((library.clone(), launch_package)));
    let result = fonts::register(tauri::Builder::default())
        // First: a second launch on the same library focuses this window and exits.
        .plugin(startup::single_instance(&library))
        .plugin(tauri_plugin_dialog::init())
        .manage(window::CloseState::default())
        .setup(move |app| {
            let taken = start.lock().unwrap_or_else(|p| p.into_inner()).take();
            if let Some((library, launch)) = taken {
                let state =
                    fazhi_app::App::start(library, Box::new(host::TauriHost(app.handle().clone())));
                if let Some(path) = launch {
                    state.set_launch_package(path);
                }
                app.manage(state);
            }
            Ok(())
        })
        .on_window_event(window::on_window_event)
        .invoke_handler(ipc::handle)
        .run(tauri::generate_context!());
    if let Err(e) = result {
        eprintln!("错误：应用启动失败：{e}");
        std::process::exit(1);
    }
}
