//! Before the window opens: one window per library.

/// One window per library: a second launch on the same library focuses the
/// running window and exits. Different libraries (`$FAZHI_DB`) may run side by
/// side, which the end-to-end tests rely on. On Linux this uses the D-Bus
/// session bus; without one the plugin lets the app start normally.
pub fn single_instance<R: tauri::Runtime>(
    library: &std::path::Path,
) -> tauri::plugin::TauriPlugin<R> {
    use std::hash::{Hash, Hasher};
    use tauri::Manager;
    let mut h = std::collections::hash_map::DefaultHasher::new();
    library.hash(&mut h);
    tauri_plugin_single_instance::Builder::new()
        .dbus_id(format!("cn.fazhi.studio.lib_{:016x}", h.finish()))
        .callback(|app, args, _cwd| {
            if let Some(path) = fazhi_app::review::package_arg(args) {
                if let Some(state) = app.try_state::<fazhi_app::App>() {
                    state.set_launch_package(path);
                }
            }
            if let Some(w) = app.get_webview_window("main") {
                let _ = w.eval(fazhi_app::review::OPEN_LAUNCH_PACKAGE_SCRIPT);
                let _ = w.unminimize();
                let _ = w.show();
                let _ = w.set_focus();
            }
        })
        .build()
}
