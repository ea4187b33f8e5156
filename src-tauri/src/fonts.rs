//! The `fazhi-font:` URI scheme: serves the freely licensed fonts of
//! `assets/fonts` (the same files the PDF export embeds) to the webview, so the
//! page shows 仿宋/黑体/楷体 without network and without 40 MB inside the binary.
//!
//! Only the file names of [`FONTS`] are served, read from
//! `fazhi_pdf::default_font_dir()`: nothing of the request's path is used as a
//! path. WebKitGTK addresses it as `fazhi-font://localhost/FandolFang-Regular.otf`.
//!
//! [print #19] 打印预览 draws with the fonts chosen in 设置 → 字体: `/role/<role>`
//! (`title`, `body`, `heading1`, `heading2`, `page_number`) serves the face the
//! process's resolved choice gives that role ([`fazhi_pdf::choice::preview_face`]: one
//! face of a .ttc copied out as a font of its own, the bundled file when the chosen one
//! has gone). Only those five addresses: the role is matched against the fixed keys,
//! never used as a path. These answers are not cached (the choice changes).

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

/// The role a `/role/<key>` address names, if the path is one.
pub fn role_of(path: &str) -> Option<fazhi_pdf::choice::Slot> {
    let key = path.trim_start_matches('/').strip_prefix("role/")?;
    fazhi_pdf::choice::Slot::ALL
        .into_iter()
        .find(|s| s.key() == key)
}

/// The MIME type of a font file by its first bytes.
fn font_type(bytes: &[u8]) -> &'static str {
    if bytes.starts_with(b"OTTO") {
        "font/otf"
    } else {
        "font/ttf"
    }
}

/// Answers one request: the font's bytes, or 404/405/500 with a Chinese reason.
pub fn respond(request: &Request<Vec<u8>>) -> Response<Cow<'static, [u8]>> {
    if request.method() != tauri::http::Method::GET {
        return plain(StatusCode::METHOD_NOT_ALLOWED, "只能读取字体");
    }
    if let Some(slot) = role_of(request.uri().path()) {
        return match fazhi_pdf::choice::preview_face(slot) {
            Ok(bytes) => Response::builder()
                .header(header::CONTENT_TYPE, font_type(&bytes))
                .header(header::ACCESS_CONTROL_ALLOW_ORIGIN, "*")
                .header(header::CACHE_CONTROL, "no-store")
                .body(Cow::Owned(bytes))
                .unwrap_or_default(),
            Err(_) => plain(StatusCode::NOT_FOUND, "字体文件无法读取"),
        };
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

    /// The role addresses follow the process's chosen fonts; one test, as it sets them.
    #[test]
    fn role_addresses_serve_the_chosen_files_only() {
        let dir = fazhi_pdf::default_font_dir().expect("bundled fonts");
        let read = |name: &str| std::fs::read(dir.join(name)).unwrap();
        // 内置: the bundled file of each role.
        fazhi_pdf::set_chosen_fonts(None);
        let r = get("fazhi-font://localhost/role/body");
        assert_eq!(r.status(), StatusCode::OK);
        assert_eq!(r.headers()[header::CONTENT_TYPE], "font/otf");
        assert_eq!(r.headers()[header::CACHE_CONTROL], "no-store");
        assert_eq!(r.headers()[header::ACCESS_CONTROL_ALLOW_ORIGIN], "*");
        assert!(r.body().as_ref() == read("FandolFang-Regular.otf").as_slice());
        let r = get("http://fazhi-font.localhost/role/heading1");
        assert!(r.body().as_ref() == read("FandolHei-Regular.otf").as_slice());

        // A chosen font: 正文 drawn with 楷体's file (a copy outside the font folder).
        let tmp = std::env::temp_dir().join(format!("fazhi-role-{}.otf", std::process::id()));
        std::fs::copy(dir.join("FandolKai-Regular.otf"), &tmp).unwrap();
        let mut config = fazhi_pdf::FontConfig::in_dir(&dir);
        config.fang = fazhi_pdf::FontFile::new(&tmp);
        fazhi_pdf::set_chosen_fonts(Some(config));
        let r = get("fazhi-font://localhost/role/body");
        assert_eq!(r.status(), StatusCode::OK);
        assert!(r.body().as_ref() == read("FandolKai-Regular.otf").as_slice());
        let r = get("fazhi-font://localhost/role/heading2");
        assert!(r.body().as_ref() == read("FandolKai-Regular.otf").as_slice());
        // Gone since it was chosen: the bundled 仿宋.
        std::fs::remove_file(&tmp).unwrap();
        let r = get("fazhi-font://localhost/role/body");
        assert_eq!(r.status(), StatusCode::OK);
        assert!(r.body().as_ref() == read("FandolFang-Regular.otf").as_slice());
        fazhi_pdf::set_chosen_fonts(None);

        for bad in [
            "fazhi-font://localhost/role/footer",
            "fazhi-font://localhost/role/",
            "fazhi-font://localhost/role",
            "fazhi-font://localhost/role/../Cargo.toml",
            "fazhi-font://localhost/role/%2e%2e/Cargo.toml",
            "fazhi-font://localhost/role/body/../../Cargo.toml",
            "fazhi-font://localhost/role//etc/passwd",
            "fazhi-font://localhost/role/正文",
            "fazhi-font://localhost/role/%E6%AD%A3%E6%96%87",
            "fazhi-font://localhost/role/fang",
            "fazhi-font://localhost/roles/body",
            "fazhi-font://localhost/x/role/body",
        ] {
            assert_eq!(get(bad).status(), StatusCode::NOT_FOUND, "{bad}");
        }
    }

    #[test]
    fn windows_style_host_works_too() {
        let r = get("http://fazhi-font.localhost/FandolKai-Regular.otf");
        assert_eq!(r.status(), StatusCode::OK);
    }
}
