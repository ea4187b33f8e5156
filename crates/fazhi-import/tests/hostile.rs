//! Hostile files: each must give a clear Chinese error naming the file, fast,
//! and never a panic. Big and bomb files are generated here at run time.

mod common;

use std::io::{Cursor, Write};
use std::time::{Duration, Instant};

use fazhi_import::{import_bytes, import_file, ImportError, ImportFormat, ImportOptions};

/// Debug build, shared 2-core machine: generous, but far below a hang.
const BOUND: Duration = Duration::from_secs(5);

fn refused(name: &str, bytes: &[u8]) -> ImportError {
    let t = Instant::now();
    let r = import_bytes(name, bytes, &ImportOptions::default());
    assert!(t.elapsed() < BOUND, "{name}: took {:?}", t.elapsed());
    let e = r.err().unwrap_or_else(|| panic!("{name} was accepted"));
    let msg = e.to_string();
    assert!(msg.contains(name), "message does not name the file: {msg}");
    assert!(
        msg.chars().any(|c| ('\u{4E00}'..='\u{9FFF}').contains(&c)),
        "not Chinese: {msg}"
    );
    e
}

fn zip_of(entries: &[(&str, &[u8])], method: zip::CompressionMethod) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default().compression_method(method);
    for (name, data) in entries {
        w.start_file(*name, opts).unwrap();
        w.write_all(data).unwrap();
    }
    w.finish().unwrap().into_inner()
}

/// Deterministic pseudo-random bytes (no RNG dependency needed).
fn noise(n: usize, seed: u64) -> Vec<u8> {
    let mut x = seed;
    (0..n)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x >> 24) as u8
        })
        .collect()
}

#[test]
fn empty_and_blank_files() {
    assert!(matches!(
        refused("空文件.txt", b""),
        ImportError::Empty { .. }
    ));
    assert!(matches!(
        refused("空白.txt", b"  \r\n\t\n"),
        ImportError::Empty { .. }
    ));
    assert!(matches!(refused("空.docx", b""), ImportError::Empty { .. }));
}

#[test]
fn binary_noise_in_every_format() {
    for (i, name) in ["噪声.txt", "噪声.html", "噪声.bin", "噪声"]
        .iter()
        .enumerate()
    {
        let e = refused(name, &noise(200_000, 7 + i as u64));
        assert!(
            matches!(
                e,
                ImportError::Binary { .. }
                    | ImportError::Encoding { .. }
                    | ImportError::NoText { .. }
            ),
            "{name}: {e}"
        );
    }
}

#[test]
fn foreign_formats_are_named() {
    let cases: [(&str, &[u8], &str); 5] = [
        (
            "旧版.doc",
            b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\0\0\0\0",
            ".doc",
        ),
        ("扫描件.pdf", b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj", "PDF"),
        ("图片.png", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", "PNG"),
        ("富文本.rtf", b"{\\rtf1\\ansi\\deff0 {\\fonttbl}", "RTF"),
        (
            "程序.exe",
            &[b'M', b'Z', 0x90, 0, 3, 0, 0, 0, 4, 0],
            "可执行",
        ),
    ];
    for (name, bytes, what) in cases {
        let e = refused(name, bytes);
        assert!(matches!(e, ImportError::Unsupported { .. }), "{name}: {e}");
        assert!(e.to_string().contains(what), "{e}");
    }
}

#[test]
fn fifty_megabyte_text_is_refused_before_reading() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("超大.txt");
    let f = std::fs::File::create(&path).unwrap();
    // a sparse 50 MB file: created instantly, never read by the importer
    f.set_len(50 * 1024 * 1024).unwrap();
    let t = Instant::now();
    let e = import_file(&path, &ImportOptions::default()).unwrap_err();
    assert!(t.elapsed() < Duration::from_secs(1));
    assert!(matches!(e, ImportError::TooLarge { .. }), "{e}");
    assert!(
        e.to_string().contains("超大.txt") && e.to_string().contains("50.0 MB"),
        "{e}"
    );
    // and the same bytes handed over in memory (the app's drag and drop)
    let big = "法治政府建设。".repeat(50 * 1024 * 1024 / 21 + 1);
    let e = refused("超大.txt", big.as_bytes());
    assert!(matches!(e, ImportError::TooLarge { .. }), "{e}");
}

#[test]
fn mixed_encodings_are_refused() {
    let (gbk, _, _) = encoding_rs::GBK
        .encode("一、2019年法治政府建设的主要举措和成效\n（一）依法全面履行政府职能。\n");
    let mut b = gbk.into_owned();
    b.extend_from_slice(
        "二、存在的不足和原因\n法治理念有待进一步增强，一些部门运用法治思维的能力不强。\n"
            .as_bytes(),
    );
    let e = refused("混合编码.txt", &b);
    assert!(matches!(e, ImportError::Encoding { .. }), "{e}");
    assert!(e.to_string().contains("编码"));
}

#[test]
fn truncated_docx_at_many_points() {
    let good = common::report_docx();
    for cut in [
        10,
        100,
        good.len() / 4,
        good.len() / 2,
        good.len() - 30,
        good.len() - 1,
    ] {
        let e = refused("截断.docx", &good[..cut]);
        assert!(
            matches!(e, ImportError::CorruptDocx { .. }),
            "cut {cut}: {e}"
        );
    }
}

#[test]
fn corrupt_docx_data() {
    let mut bad = common::report_docx();
    // Overwrite the middle of the compressed data: the inflate stream or its
    // CRC fails in the guard, before docx-rs sees anything.
    let mid = bad.len() / 3;
    for b in &mut bad[mid..mid + 64] {
        *b = !*b;
    }
    let e = refused("损坏.docx", &bad);
    assert!(
        matches!(
            e,
            ImportError::CorruptDocx { .. } | ImportError::ZipBomb { .. }
        ),
        "{e}"
    );
}

#[test]
fn zip_bomb_by_ratio() {
    let zeros = vec![0u8; 40 * 1024 * 1024];
    let bomb = zip_of(
        &[
            ("[Content_Types].xml", b"<Types/>"),
            ("word/document.xml", &zeros),
        ],
        zip::CompressionMethod::Deflated,
    );
    assert!(bomb.len() < 200 * 1024, "the bomb is small: {}", bomb.len());
    let e = refused("炸弹.docx", &bomb);
    assert!(matches!(e, ImportError::ZipBomb { .. }), "{e}");
    assert!(e.to_string().contains("压缩"), "{e}");
}

#[test]
fn zip_bomb_by_entry_count() {
    let names: Vec<String> = (0..6_000).map(|i| format!("word/x{i}.xml")).collect();
    let entries: Vec<(&str, &[u8])> = names.iter().map(|n| (n.as_str(), &b""[..])).collect();
    let many = zip_of(&entries, zip::CompressionMethod::Stored);
    let e = refused("万个文件.docx", &many);
    assert!(matches!(e, ImportError::ZipBomb { .. }), "{e}");
}

#[test]
fn deeply_nested_xml() {
    let body = format!(
        "<?xml version=\"1.0\"?><w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>{}{}</w:body></w:document>",
        "<w:p>".repeat(100_000),
        "</w:p>".repeat(100_000)
    );
    let mut good = Vec::new();
    {
        let mut archive = zip::ZipArchive::new(Cursor::new(common::report_docx())).unwrap();
        for i in 0..archive.len() {
            let mut f = archive.by_index(i).unwrap();
            let mut data = Vec::new();
            std::io::Read::read_to_end(&mut f, &mut data).unwrap();
            good.push((f.name().to_string(), data));
        }
    }
    let entries: Vec<(&str, &[u8])> = good
        .iter()
        .map(|(n, d)| {
            (
                n.as_str(),
                if n == "word/document.xml" {
                    body.as_bytes()
                } else {
                    d.as_slice()
                },
            )
        })
        .collect();
    // stored, so that the ratio guard does not answer first
    let nested = zip_of(&entries, zip::CompressionMethod::Stored);
    let e = refused("嵌套.docx", &nested);
    assert!(matches!(e, ImportError::CorruptDocx { .. }), "{e}");
    assert!(e.to_string().contains("嵌套"), "{e}");
}

#[test]
fn docx_parts_missing_or_broken_are_explained_in_chinese() {
    const RELS: &[u8] = br#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#;
    let cases: [&[(&str, &[u8])]; 3] = [
        // Only the body: no package relationships.
        &[("word/document.xml", b"<w:document/>")],
        // Relationships, but the body is not XML.
        &[
            ("_rels/.rels", RELS),
            ("word/document.xml", b"<w:document><w:body><w:p>\xff\xfe"),
        ],
        // Relationships and body, but no document relationships part.
        &[
            ("_rels/.rels", RELS),
            (
                "word/document.xml",
                br#"<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body/></w:document>"#,
            ),
        ],
    ];
    for entries in cases {
        let z = zip_of(entries, zip::CompressionMethod::Deflated);
        let e = refused("残缺.docx", &z);
        assert!(matches!(e, ImportError::CorruptDocx { .. }), "{e}");
        let msg = e.to_string();
        // docx-rs's own English reasons ("Failed to read xml.") stay out of it.
        assert!(!msg.contains("Failed") && !msg.contains("error"), "{msg}");
    }
}

#[test]
fn zip_that_is_not_word() {
    let z = zip_of(
        &[("readme.txt", "说明".as_bytes())],
        zip::CompressionMethod::Deflated,
    );
    let e = refused("压缩包.docx", &z);
    assert!(matches!(e, ImportError::CorruptDocx { .. }), "{e}");
    let odt = zip_of(
        &[
            ("mimetype", b"application/vnd.oasis.opendocument.text"),
            ("content.xml", b"<office:document-content/>"),
        ],
        zip::CompressionMethod::Stored,
    );
    let e = refused("文档.odt", &odt);
    assert!(matches!(e, ImportError::Unsupported { .. }), "{e}");
    assert!(e.to_string().contains("odt"));
}

#[test]
fn wrong_extensions() {
    // a DOCX named .txt is read as a DOCX, and the mismatch is listed
    let r = import_bytes(
        "其实是Word.txt",
        &common::report_docx(),
        &ImportOptions::default(),
    )
    .unwrap();
    assert_eq!(r.format, ImportFormat::Docx);
    assert!(
        r.uncertain[0].message.contains("扩展名"),
        "{:?}",
        r.uncertain
    );
    // a web page named .txt is read as a web page
    let html = "<html><body><div>站群导航</div><p>某县人民政府关于2020年法治政府建设情况的报告</p><p>一、2020年推进法治政府建设的主要举措和成效</p><p>推进改革。</p></body></html>";
    let r = import_bytes("网页.txt", html.as_bytes(), &ImportOptions::default()).unwrap();
    assert_eq!(r.format, ImportFormat::Html);
    // text named .docx is refused with a clear reason
    let e = refused("改了扩展名.docx", "一、2019年主要举措和成效".as_bytes());
    assert!(e.to_string().contains("不是 ZIP"), "{e}");
}

#[test]
fn text_without_chinese() {
    let e = refused(
        "english.txt",
        b"Annual report on the rule of law\n1. Measures\n",
    );
    assert!(matches!(e, ImportError::NoText { .. }), "{e}");
}

#[test]
fn directories_and_missing_files() {
    let dir = tempfile::tempdir().unwrap();
    let e = import_file(dir.path(), &ImportOptions::default()).unwrap_err();
    assert!(matches!(e, ImportError::IsDirectory { .. }), "{e}");
    let e = import_file(&dir.path().join("没有.txt"), &ImportOptions::default()).unwrap_err();
    assert!(
        e.to_string().contains("没有.txt") && e.to_string().contains("不存在"),
        "{e}"
    );
}

#[test]
fn other_read_errors_are_said_in_chinese() {
    // A path through a file (a share that changed, a mistyped folder): no system English.
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("报告.txt");
    std::fs::write(&file, "x").unwrap();
    let e = import_file(&file.join("报告.txt"), &ImportOptions::default()).unwrap_err();
    let msg = e.to_string();
    let reason = msg.rsplit('：').next().unwrap_or("");
    assert!(
        !reason.is_empty() && !reason.chars().any(|c| c.is_ascii_alphabetic()),
        "{msg}"
    );
}

#[test]
fn committed_hostile_corpus() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/hostile");
    let mut n = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "md") {
            continue;
        }
        n += 1;
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let bytes = std::fs::read(&path).unwrap();
        refused(&name, &bytes);
    }
    assert!(n >= 4, "corpus files: {n}");
}

#[test]
fn deeply_nested_web_page() {
    let page = format!(
        "<html><body>{}法治政府建设{}</body></html>",
        "<div><span>".repeat(100_000),
        "</span></div>".repeat(100_000)
    );
    let e = refused("嵌套.html", page.as_bytes());
    assert!(matches!(e, ImportError::Malformed { .. }), "{e}");
}

#[test]
fn huge_numbers_of_headings_and_parts_stay_fast() {
    // every line a heading, or every other line a part: a quadratic step
    // anywhere would take minutes here
    let sections = format!(
        "一、主要举措和成效\n{}",
        "（一）甲\n1.乙\n（1）丙\n".repeat(15_000)
    );
    let t = Instant::now();
    let r = import_bytes("多标题.txt", sections.as_bytes(), &ImportOptions::default()).unwrap();
    assert!(t.elapsed() < BOUND, "{:?}", t.elapsed());
    assert_eq!(r.document.parts[0].sections.len(), 15_000);
    let parts = "一、工作亮点\n某市人民政府某市人民政府\n".repeat(15_000);
    let t = Instant::now();
    let r = import_bytes("多部分.txt", parts.as_bytes(), &ImportOptions::default()).unwrap();
    assert!(t.elapsed() < BOUND, "{:?}", t.elapsed());
    assert_eq!(r.document.parts.len(), 4);
}

#[test]
fn zip_that_lies_about_sizes() {
    let mut z = common::report_docx();
    let name = b"word/document.xml";
    // central directory headers (PK\x01\x02): the name sits at offset 46, the
    // uncompressed size at 24; claim 10 bytes for document.xml
    let mut patched = 0;
    let mut i = 0;
    while i + 46 + name.len() <= z.len() {
        if z[i..i + 4] == *b"PK\x01\x02" && z[i + 46..i + 46 + name.len()] == *name {
            z[i + 24..i + 28].copy_from_slice(&10u32.to_le_bytes());
            patched += 1;
        }
        i += 1;
    }
    assert_eq!(patched, 1);
    let e = refused("谎报大小.docx", &z);
    assert!(
        matches!(
            e,
            ImportError::ZipBomb { .. } | ImportError::CorruptDocx { .. }
        ),
        "{e}"
    );
}
