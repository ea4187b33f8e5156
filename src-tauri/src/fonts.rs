//! The `fazhi-font:` URI scheme: serves the freely licensed fonts of
//! `assets/fonts` (the same files the PDF export embeds) to the webview, so the
//! page shows 仿宋/黑体/楷体 without network and without 40 MB inside the binary.
//!
//! Only the file names of [`FONTS`] are served, read from
//! `fazhi_pdf::default_font_dir()`: nothing of the request's path is used as a
//! path. WebKitGTK addresses it as `fazhi-font://localhost/FandolFang-Regular.otf`.

use std::borrow::Cow;

use tauri::http::{header, Request, Response, StatusCode};

pub const SCHEME: &str = "fazhi-font";

/// The files the webview may load: (name in the URL and on disk, MIME type).
pub const FONTS: &[&str] = &[
    "FandolFang-Regular.otf",
    "FandolHei-Regular.otf",
    "FandolKai-Regular.otf",
    "FandolSong-Regular.otf",
    "NotoSerifSC-Regular.otf",
    "NotoSerifSC-Bold.otf",
];

/// The allow-listed file a request names, whatever the host or query.
pub fn font_of(path: &str) -> Option<&'static str> {
    let name = path.trim_start_matches('/');
    FONTS.iter().copied().find(|f| *f == name)
}

fn plain(status: StatusCode, text: &'static str) -> Response<Cow<'static, [u8]>> {
    Response::builder()
        .status(status)
        .header(header::CONTENT_TYPE, "text/plain; charset=utf-8")
        .header(header::ACCESS_CONTROL_ALLOW_ORIGIN, "*")
        .body(Cow::Borrowed(text.as_bytes()))
        .unwrap_or_default()
}

/// Answers one request: the font's bytes, or 404/405/500 with a Chinese reason.
pub fn respond(request: &Request<Vec<u8>>) -> Response<Cow<'static, [u8]>> {
    if request.method() != tauri::http::Method::GET {
        return plain(StatusCode::METHOD_NOT_ALLOWED, "只能读取字体");
    }
    let Some(name) = font_of(request.uri().path()) else {
        return plain(StatusCode::NOT_FOUND, "没有这个字体");
    };
    let Some(dir) = fazhi_pdf::default_font_dir() else {
        return plain(StatusCode::NOT_FOUND, "找不到字体目录");
    };
    match std::fs::read(dir.join(name)) {
        Ok(bytes) => Response::builder()
            .header(header::CONTENT_TYPE, "font/otf")
            // The page (tauri://localhost) is another origin than this scheme.
            .header(header::ACCESS_CONTROL_ALLOW_ORIGIN, "*")
            .header(header::CACHE_CONTROL, "max-age=31536000, immutable")
            .body(Cow::Owned(bytes))
            .unwrap_or_default(),
        Err(_) => plain(StatusCode::NOT_FOUND, "字体文件无法读取"),
    }
}

/// Registers the scheme; each font is read on a worker thread, off the UI thread.
pub fn register<R: tauri::Runtime>(builder: tauri::Builder<R>) -> tauri::Builder<R> {
    builder.register_asynchronous_uri_scheme_protocol(SCHEME, |_ctx, request, responder| {
        std::thread::spawn(move || responder.respond(respond(&request)));
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn get(uri: &str) -> Response<Cow<'static, [u8]>> {
        respond(&Request::builder().uri(uri).body(Vec::new()).unwrap())
    }

    #[test]
    fn serves_only_the_allow_listed_fonts() {
        let r = get("fazhi-font://localhost/FandolFang-Regular.otf");
        assert_eq!(r.status(), StatusCode::OK);
        assert_eq!(r.headers()[header::CONTENT_TYPE], "font/otf");
        assert_eq!(r.headers()[header::ACCESS_CONTROL_ALLOW_ORIGIN], "*");
        // An OpenType file with CFF outlines starts with "OTTO".
        assert_eq!(&r.body()[..4], b"OTTO");
        for bad in [
            "fazhi-font://localhost/../Cargo.toml",
            "fazhi-font://localhost/%2e%2e/Cargo.toml",
            "fazhi-font://localhost/README.md",
            "fazhi-font://localhost/LICENSE-Fandol-GPL3.txt",
            "fazhi-font://localhost//etc/passwd",
            "fazhi-font://localhost/fonts/FandolFang-Regular.otf",
            "fazhi-font://localhost/",
        ] {
            assert_eq!(get(bad).status(), StatusCode::NOT_FOUND, "{bad}");
        }
        let post = Request::builder()
            .method("POST")
            .uri("fazhi-font://localhost/FandolFang-Regular.otf")
            .body(Vec::new())
            .unwrap();
        assert_eq!(respond(&post).status(), StatusCode::METHOD_NOT_ALLOWED);
    }

    #[test]
    fn windows_style_host_works_too() {
        let r = get("http://fazhi-font.localhost/FandolKai-Regular.otf");
        assert_eq!(r.status(), StatusCode::OK);
    }
}
