//! Closing the window without losing the last keystrokes: the close is held,
//! the UI is asked to save (`window.__fazhiRequestClose()`), and it answers with
//! `close_window` (`fazhi_app`, through the host) once the save went through. No core window or event
//! permission is granted to the webview for this.

use std::sync::Mutex;
use std::time::{Duration, Instant};

use tauri::{Manager, Window, WindowEvent};

/// When the UI does not answer (a broken page), a second close after this long
/// closes anyway rather than trapping the user.
const UNRESPONSIVE_AFTER: Duration = Duration::from_secs(8);

#[derive(Default)]
pub struct CloseState {
    asked_at: Mutex<Option<Instant>>,
}

pub fn on_window_event(window: &Window, event: &WindowEvent) {
    if let WindowEvent::DragDrop(drop) = event {
        crate::files::on_drag_drop(window, drop);
        return;
    }
    let WindowEvent::CloseRequested { api, .. } = event else {
        return;
    };
    let state = window.state::<CloseState>();
    let mut asked = state.asked_at.lock().unwrap_or_else(|p| p.into_inner());
    if asked.is_some_and(|t| t.elapsed() > UNRESPONSIVE_AFTER) {
        return;
    }
    api.prevent_close();
    *asked = Some(Instant::now());
    if let Some(webview) = window.app_handle().get_webview_window(window.label()) {
        let asked_ui = webview.eval(
            "window.__fazhiRequestClose ? window.__fazhiRequestClose() : window.__TAURI_INTERNALS__.invoke('close_window')",
        );
        if asked_ui.is_err() {
            *asked = None;
            let _ = window.destroy();
        }
    }
}
