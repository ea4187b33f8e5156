//! The one IPC handler: every command of `fazhi_app`'s table, by name, with its
//! JSON arguments, run off the event loop. Tauri has already checked the
//! command against the capability (its permissions are generated from the
//! same table by build.rs) before this is called.

use tauri::ipc::{Invoke, InvokeBody};
use tauri::{Manager, Runtime};

pub fn handle<R: Runtime>(invoke: Invoke<R>) -> bool {
    let name = invoke.message.command().to_string();
    if !fazhi_app::COMMANDS.contains(&name.as_str()) {
        return false;
    }
    let args = match invoke.message.payload() {
        InvokeBody::Json(v) => v.clone(),
        InvokeBody::Raw(_) => serde_json::Value::Null,
    };
    let app = invoke.message.webview().app_handle().clone();
    let resolver = invoke.resolver;
    tauri::async_runtime::spawn_blocking(move || {
        match fazhi_app::dispatch(&app.state::<fazhi_app::App>(), &name, args) {
            Ok(value) => resolver.resolve(value),
            Err(e) => resolver.reject(e),
        }
    });
    true
}
