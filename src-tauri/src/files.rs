//! Files dragged onto the window. Tauri hands drops to Rust (the webview holds
//! no event permission): the UI is told about hovering, and a dropped file is
//! parsed off the event loop by `fazhi_app` and handed to
//! `window.__fazhiImportDropped`.

use tauri::Manager;

pub fn on_drag_drop(window: &tauri::Window, event: &tauri::DragDropEvent) {
    let Some(webview) = window.app_handle().get_webview_window(window.label()) else {
        return;
    };
    match event {
        tauri::DragDropEvent::Enter { .. } => {
            let _ = webview.eval("window.__fazhiDragHover && window.__fazhiDragHover(true)");
        }
        tauri::DragDropEvent::Leave => {
            let _ = webview.eval("window.__fazhiDragHover && window.__fazhiDragHover(false)");
        }
        tauri::DragDropEvent::Drop { paths, .. } => {
            let _ = webview.eval("window.__fazhiDragHover && window.__fazhiDragHover(false)");
            let paths = paths.clone();
            let app = window.app_handle().clone();
            std::thread::spawn(move || {
                let outcome = app.state::<fazhi_app::App>().preview_dropped(&paths);
                let _ = webview.eval(fazhi_app::files::dropped_script(&outcome));
            });
        }
        _ => {}
    }
}
