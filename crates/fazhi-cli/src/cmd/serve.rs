//! `fazhi serve-ipc`: the app's command table (`fazhi_app::dispatch`) over HTTP
//! on 127.0.0.1, for the UI's browser tests, which then run against the real
//! Rust instead of a stand-in. Every request carries the random token printed
//! at start; nothing listens beyond the loopback address.
//!
//! `POST /ipc/<command>` with the JSON arguments answers 200 with the result or
//! 400 with `{code, message}`. With `--test-hooks`, `POST /__test/reset` starts
//! over on a fresh library, `POST /__test/dialog` sets what the next dialog of a
//! purpose answers (a path, or null for cancel), `GET /__test/host` tells
//! whether the window was closed and which folders were revealed,
//! `POST /__test/drop` drops files on the window and `POST /__test/launch`
//! launches with a review package. The last two answer the JavaScript the
//! Tauri shell would evaluate in the page (`{ "script": … }`), built by the same
//! `fazhi_app` functions, for the test to run in its page.

use std::collections::HashMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::{Arc, Mutex, RwLock};

use fazhi_app::{App, AppError, DialogKind, FileDialog, Host, Purpose};
use serde_json::{json, Value};
use tiny_http::{Header, Method, Request, Response, Server};

use crate::ctx::{CliError, Ctx};
use crate::CliResult;

#[derive(clap::Args)]
pub struct ServeArgs {
    /// 端口（0 表示任选一个空闲端口）
    #[arg(long, default_value_t = 0)]
    port: u16,
    /// 允许测试钩子：重置资料库、预设对话框的回答、模拟拖入文件和启动参数
    #[arg(long)]
    test_hooks: bool,
}

/// What the browser tests' window would have done.
#[derive(Default)]
struct Answers {
    dialogs: HashMap<Purpose, Option<PathBuf>>,
    closed: bool,
    revealed: Vec<String>,
}

#[derive(Clone, Default)]
struct TestHost(Arc<Mutex<Answers>>);

impl TestHost {
    fn answers(&self) -> std::sync::MutexGuard<'_, Answers> {
        self.0.lock().unwrap_or_else(|p| p.into_inner())
    }
}

impl Host for TestHost {
    fn choose_file(&self, _: DialogKind, dialog: &FileDialog) -> Option<PathBuf> {
        self.answers()
            .dialogs
            .get(&dialog.purpose)
            .cloned()
            .flatten()
    }
    fn reveal(&self, dir: &Path) -> Result<(), String> {
        self.answers().revealed.push(dir.display().to_string());
        Ok(())
    }
    fn close_window(&self) -> Result<(), String> {
        self.answers().closed = true;
        Ok(())
    }
}

struct Served {
    app: RwLock<Arc<App>>,
    host: TestHost,
    token: String,
    hooks: bool,
    /// Fresh libraries for `reset`, removed when the server stops.
    scratch: PathBuf,
    resets: Mutex<u32>,
}

pub fn serve(ctx: &Ctx, args: ServeArgs) -> CliResult {
    let server = Server::http(("127.0.0.1", args.port))
        .map_err(|e| CliError::new("io", format!("无法在本机端口上监听：{e}")))?;
    let port = server
        .server_addr()
        .to_ip()
        .map(|a| a.port())
        .ok_or_else(|| CliError::new("io", "无法确定监听端口"))?;
    let host = TestHost::default();
    let scratch = std::env::temp_dir().join(format!(
        "fazhi-serve-{}-{}",
        std::process::id(),
        fazhi_core::ids::new_id()
    ));
    let served = Arc::new(Served {
        app: RwLock::new(Arc::new(App::start(ctx.db.clone(), Box::new(host.clone())))),
        host,
        token: fazhi_core::ids::new_id(),
        hooks: args.test_hooks,
        scratch,
        resets: Mutex::new(0),
    });
    println!(
        "{}",
        json!({ "url": format!("http://127.0.0.1:{port}"), "token": served.token })
    );
    // One thread per request, as the Tauri shell runs each command off its loop.
    for request in server.incoming_requests() {
        let served = served.clone();
        std::thread::spawn(move || answer(&served, request));
    }
    let _ = std::fs::remove_dir_all(&served.scratch);
    Ok(ExitCode::SUCCESS)
}

fn json_response(status: u16, body: &Value) -> Response<std::io::Cursor<Vec<u8>>> {
    let response = Response::from_data(body.to_string().into_bytes()).with_status_code(status);
    // A constant, valid header: from_bytes cannot fail on it.
    match Header::from_bytes("content-type", "application/json; charset=utf-8") {
        Ok(h) => response.with_header(h),
        Err(()) => response,
    }
}

fn error(status: u16, code: &str, message: &str) -> Response<std::io::Cursor<Vec<u8>>> {
    json_response(status, &json!({ "code": code, "message": message }))
}

fn answer(served: &Served, mut request: Request) {
    let authorised = request
        .headers()
        .iter()
        .any(|h| h.field.equiv("x-fazhi-token") && h.value.as_str() == served.token);
    let url = request.url().to_string();
    let method = request.method().clone();
    let mut body = String::new();
    let read = request
        .as_reader()
        .take(256 * 1024 * 1024)
        .read_to_string(&mut body);
    let response = if !authorised {
        error(403, "forbidden", "缺少或错误的令牌")
    } else if read.is_err() {
        error(400, "bad_request", "请求内容不是 UTF-8 文本")
    } else {
        route(served, &method, &url, &body)
    };
    let _ = request.respond(response);
}

fn route(
    served: &Served,
    method: &Method,
    url: &str,
    body: &str,
) -> Response<std::io::Cursor<Vec<u8>>> {
    let args: Value = if body.trim().is_empty() {
        Value::Null
    } else {
        match serde_json::from_str(body) {
            Ok(v) => v,
            Err(e) => return error(400, "bad_request", &format!("请求内容不是 JSON：{e}")),
        }
    };
    if let (Method::Post, Some(command)) = (method, url.strip_prefix("/ipc/")) {
        let app = served.app.read().unwrap_or_else(|p| p.into_inner()).clone();
        return match fazhi_app::dispatch(&app, command, args) {
            Ok(v) => json_response(200, &v),
            Err(AppError { code, message }) => error(400, &code, &message),
        };
    }
    if !served.hooks {
        return error(404, "not_found", "没有这个地址");
    }
    match (method, url) {
        (Method::Post, "/__test/reset") => reset(served, &args),
        (Method::Post, "/__test/dialog") => set_dialog(served, &args),
        (Method::Post, "/__test/drop") => drop_files(served, &args),
        (Method::Post, "/__test/launch") => launch_with(served, &args),
        (Method::Get, "/__test/host") => {
            let a = served.host.answers();
            json_response(
                200,
                &json!({ "closed": a.closed, "revealed": a.revealed, "library": served.app.read().unwrap_or_else(|p| p.into_inner()).library_path() }),
            )
        }
        _ => error(404, "not_found", "没有这个地址"),
    }
}

/// A fresh library: `{ "sample": true }` lets the first start import the
/// sample report, as the app does; `{ "bytes": [..] }` puts those bytes where
/// the library would be (a damaged file, for the recovery screen).
fn reset(served: &Served, args: &Value) -> Response<std::io::Cursor<Vec<u8>>> {
    let n = {
        let mut r = served.resets.lock().unwrap_or_else(|p| p.into_inner());
        *r += 1;
        *r
    };
    let dir = served.scratch.join(format!("lib{n}"));
    if let Err(e) = std::fs::create_dir_all(&dir) {
        return error(500, "io", &format!("无法创建资料库目录：{e}"));
    }
    let path = dir.join("library.sqlite3");
    let prepared = match args.get("bytes").and_then(Value::as_array) {
        Some(bytes) => {
            let bytes: Vec<u8> = bytes
                .iter()
                .filter_map(Value::as_u64)
                .map(|b| u8::try_from(b).unwrap_or(0))
                .collect();
            std::fs::write(&path, bytes).map_err(|e| e.to_string())
        }
        None if args.get("sample").and_then(Value::as_bool) != Some(true) => {
            fazhi_core::Store::open(&path)
                .and_then(|mut s| s.set_setting(fazhi_app::startup::FIRST_RUN_KEY, "1"))
                .map_err(|e| e.to_string())
        }
        None => Ok(()),
    };
    if let Err(e) = prepared {
        return error(500, "io", &e);
    }
    *served.host.answers() = Answers::default();
    let app = Arc::new(App::start(path, Box::new(served.host.clone())));
    *served.app.write().unwrap_or_else(|p| p.into_inner()) = app;
    json_response(200, &json!({ "ok": true }))
}

fn set_dialog(served: &Served, args: &Value) -> Response<std::io::Cursor<Vec<u8>>> {
    let Some(purpose) = args
        .get("purpose")
        .and_then(Value::as_str)
        .and_then(Purpose::from_name)
    else {
        return error(400, "bad_request", "未知的对话框用途");
    };
    let path = args.get("path").and_then(Value::as_str).map(PathBuf::from);
    served.host.answers().dialogs.insert(purpose, path);
    json_response(200, &json!({ "ok": true }))
}

/// `{ "paths": [..] }` dropped on the window: parsed by `App::preview_dropped`
/// as the Tauri shell's drop handler does (src-tauri `files.rs`); the answer is
/// the script that shell evaluates, `window.__fazhiImportDropped(outcome)`.
fn drop_files(served: &Served, args: &Value) -> Response<std::io::Cursor<Vec<u8>>> {
    let Some(paths) = args.get("paths").and_then(Value::as_array) else {
        return error(400, "bad_request", "缺少拖入的文件（paths）");
    };
    let paths: Vec<PathBuf> = paths
        .iter()
        .filter_map(Value::as_str)
        .map(PathBuf::from)
        .collect();
    let app = served.app.read().unwrap_or_else(|p| p.into_inner()).clone();
    let outcome = app.preview_dropped(&paths);
    json_response(
        200,
        &json!({ "script": fazhi_app::files::dropped_script(&outcome) }),
    )
}

/// `{ "args": [..] }`, the command line of a launch (a double-clicked `.fzbg`):
/// its package becomes the launch package, as the Tauri shell does at start and
/// for a second launch; the answer is the script that hands it to a running
/// window (`window.__fazhiOpenLaunchPackage()`); a page started afterwards
/// opens it by itself.
fn launch_with(served: &Served, args: &Value) -> Response<std::io::Cursor<Vec<u8>>> {
    let Some(argv) = args.get("args").and_then(Value::as_array) else {
        return error(400, "bad_request", "缺少启动参数（args）");
    };
    let argv = std::iter::once("fazhi".to_string())
        .chain(argv.iter().filter_map(Value::as_str).map(String::from));
    let Some(path) = fazhi_app::review::package_arg(argv) else {
        return error(400, "bad_request", "启动参数中没有审阅包（.fzbg）");
    };
    let app = served.app.read().unwrap_or_else(|p| p.into_inner()).clone();
    app.set_launch_package(path);
    json_response(
        200,
        &json!({ "script": fazhi_app::review::OPEN_LAUNCH_PACKAGE_SCRIPT }),
    )
}
