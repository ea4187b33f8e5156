//! Bytes → text: BOM, UTF-16 without BOM, UTF-8, then the legacy Chinese
//! encodings as guessed by chardetng. Decoding is strict: a file that does not
//! decode cleanly in one encoding (e.g. UTF-8 and GBK pasted together) is
//! refused rather than imported with mojibake.

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8};

use crate::ImportError;

pub struct Decoded {
    pub text: String,
    /// Name of the encoding, as shown to the user.
    pub encoding: String,
}

pub fn decode(file: &str, bytes: &[u8]) -> Result<Decoded, ImportError> {
    let enc_err = |reason: String| ImportError::Encoding {
        file: file.to_string(),
        reason,
    };
    let (text, encoding) = if let Some((enc, bom)) = Encoding::for_bom(bytes) {
        let body = &bytes[bom..];
        let text = strict(enc, body).ok_or_else(|| {
            enc_err(format!(
                "文件以 {} 标记开头，但内容中有无法按 {} 解码的字节{}",
                enc.name(),
                enc.name(),
                first_bad_line(enc, body)
            ))
        })?;
        (text, format!("{}（带 BOM）", enc.name()))
    } else if let Some(enc) = utf16_without_bom(bytes) {
        let text = strict(enc, bytes).ok_or_else(|| {
            enc_err(format!(
                "内容像是 {}，但有无法解码的字节{}",
                enc.name(),
                first_bad_line(enc, bytes)
            ))
        })?;
        (text, enc.name().to_string())
    } else {
        if bytes.contains(&0) {
            return Err(ImportError::Binary {
                file: file.to_string(),
            });
        }
        if let Ok(s) = std::str::from_utf8(bytes) {
            (s.to_string(), "UTF-8".to_string())
        } else if let Some((enc, text)) =
            declared_charset(bytes).and_then(|enc| strict(enc, bytes).map(|t| (enc, t)))
        {
            // A saved web page names its encoding (<meta charset> or http-equiv);
            // trust it when the bytes decode cleanly with it: the guess below can
            // take a short GBK page for Big5 or a Western encoding.
            (text, format!("{}（网页声明）", enc.name()))
        } else {
            let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
            det.feed(bytes, true);
            let enc = det.guess(None, chardetng::Utf8Detection::Allow);
            if enc == UTF_8 || utf8_share(bytes) > 0.3 {
                return Err(enc_err(format!(
                    "文件中混有 UTF-8 和其他编码（如 GBK）的文字{}",
                    first_bad_line(UTF_8, bytes)
                )));
            }
            let text = strict(enc, bytes).ok_or_else(|| {
                enc_err(format!(
                    "按 {} 解码时遇到无效字节{}，文件可能混有多种编码或已损坏",
                    enc.name(),
                    first_bad_line(enc, bytes)
                ))
            })?;
            (text, enc.name().to_string())
        }
    };
    if looks_binary(&text) {
        return Err(ImportError::Binary {
            file: file.to_string(),
        });
    }
    Ok(Decoded { text, encoding })
}

/// The encoding a web page declares in its first 4 KB: `<meta charset="gbk">` or
/// `<meta http-equiv="Content-Type" content="text/html; charset=gb2312">` (the
/// HTML prescan, simplified). UTF-16 declarations are ignored, as browsers do
/// (a page that really is UTF-16 has a BOM or is caught above).
pub fn declared_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(4096)];
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    let mut from = 0;
    while let Some(at) = find_bytes(&lower[from..], b"<meta") {
        let tag_start = from + at + 5;
        let tag_end = lower[tag_start..]
            .iter()
            .position(|&b| b == b'>')
            .map_or(lower.len(), |e| tag_start + e);
        let tag = &lower[tag_start..tag_end];
        if let Some(c) = find_bytes(tag, b"charset") {
            let mut rest = &tag[c + 7..];
            rest = trim_ascii_start(rest);
            if let Some(r) = rest.strip_prefix(b"=") {
                let r = trim_ascii_start(r);
                let r = r
                    .strip_prefix(b"\"")
                    .or_else(|| r.strip_prefix(b"'"))
                    .unwrap_or(r);
                let label: Vec<u8> = r
                    .iter()
                    .copied()
                    .take_while(|b| {
                        !matches!(b, b'"' | b'\'' | b';' | b'/' | b'>') && !b.is_ascii_whitespace()
                    })
                    .collect();
                if let Some(enc) = Encoding::for_label(&label) {
                    if enc == UTF_16LE || enc == UTF_16BE {
                        return Some(UTF_8);
                    }
                    return Some(enc);
                }
            }
        }
        from = tag_end.min(lower.len());
    }
    None
}

fn find_bytes(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

fn trim_ascii_start(b: &[u8]) -> &[u8] {
    let n = b.iter().take_while(|c| c.is_ascii_whitespace()).count();
    &b[n..]
}

fn strict(enc: &'static Encoding, bytes: &[u8]) -> Option<String> {
    enc.decode_without_bom_handling_and_without_replacement(bytes)
        .map(|c| c.into_owned())
}

/// " (第 N 行)" for the first line that does not decode, to help the user find it.
fn first_bad_line(enc: &'static Encoding, bytes: &[u8]) -> String {
    let (text, _) = enc.decode_without_bom_handling(bytes);
    text.lines()
        .position(|l| l.contains('\u{FFFD}'))
        .map(|n| format!("（第 {} 行附近）", n + 1))
        .unwrap_or_default()
}

/// UTF-16 without a BOM shows as zero bytes in one byte position of ASCII
/// characters (digits, newlines); Chinese text has those too.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    if bytes.len() < 4 || !bytes.len().is_multiple_of(2) {
        return None;
    }
    let sample = &bytes[..bytes.len().min(64 * 1024)];
    let (mut even, mut odd) = (0usize, 0usize);
    for (i, b) in sample.iter().enumerate() {
        if *b == 0 {
            if i % 2 == 0 {
                even += 1;
            } else {
                odd += 1;
            }
        }
    }
    let pairs = sample.len() / 2;
    // Enough zeros, nearly all on one side: that is UTF-16, not a binary blob.
    let enough = |n: usize| n * 20 >= pairs;
    if enough(odd) && even * 10 <= odd {
        Some(UTF_16LE)
    } else if enough(even) && odd * 10 <= even {
        Some(UTF_16BE)
    } else {
        None
    }
}

/// Share of the bytes that form well-formed three-byte UTF-8 sequences. A
/// genuine GBK text rarely has any; a text with UTF-8 pasted in has many.
fn utf8_share(bytes: &[u8]) -> f64 {
    let mut n = 0usize;
    let mut i = 0;
    while i + 2 < bytes.len() {
        let (a, b, c) = (bytes[i], bytes[i + 1], bytes[i + 2]);
        if (0xE0..=0xEF).contains(&a) && (0x80..=0xBF).contains(&b) && (0x80..=0xBF).contains(&c) {
            n += 3;
            i += 3;
        } else {
            i += 1;
        }
    }
    let high = bytes.iter().filter(|b| **b >= 0x80).count().max(1);
    n as f64 / high as f64
}

/// Control characters (other than whitespace) mean the file is not text.
fn looks_binary(text: &str) -> bool {
    let mut total = 0usize;
    let mut bad = 0usize;
    for c in text.chars().take(1 << 20) {
        total += 1;
        if c == '\0' {
            return true;
        }
        if c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\x0C' | '\x0B') {
            bad += 1;
        }
    }
    bad * 100 > total.max(1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use encoding_rs::{GB18030, GBK};

    const TEXT: &str = "梅河口市人民政府关于2019年法治政府建设情况的报告\n一、2019年推进法治政府建设的主要举措和成效\n";

    #[test]
    fn utf8_with_and_without_bom() {
        let d = decode("a.txt", TEXT.as_bytes()).unwrap();
        assert_eq!(d.text, TEXT);
        assert_eq!(d.encoding, "UTF-8");
        let mut b = vec![0xEF, 0xBB, 0xBF];
        b.extend_from_slice(TEXT.as_bytes());
        let d = decode("a.txt", &b).unwrap();
        assert_eq!(d.text, TEXT);
        assert!(d.encoding.contains("BOM"));
    }

    #[test]
    fn gbk_and_gb18030_are_detected() {
        let long = TEXT.repeat(5);
        let (b, _, _) = GBK.encode(&long);
        let d = decode("a.txt", &b).unwrap();
        assert_eq!(d.text, long);
        assert!(
            d.encoding == "GBK" || d.encoding == "gb18030",
            "{}",
            d.encoding
        );
        // a character outside GBK forces the four-byte GB18030 form
        let rare = format!("{long}䶮");
        let (b, _, _) = GB18030.encode(&rare);
        let d = decode("a.txt", &b).unwrap();
        assert_eq!(d.text, rare);
    }

    #[test]
    fn utf16_with_and_without_bom() {
        let mut le: Vec<u8> = TEXT.encode_utf16().flat_map(|u| u.to_le_bytes()).collect();
        let d = decode("a.txt", &le).unwrap();
        assert_eq!(d.text, TEXT);
        assert_eq!(d.encoding, "UTF-16LE");
        let be: Vec<u8> = TEXT.encode_utf16().flat_map(|u| u.to_be_bytes()).collect();
        let d = decode("a.txt", &be).unwrap();
        assert_eq!(d.text, TEXT);
        assert_eq!(d.encoding, "UTF-16BE");
        le.splice(0..0, [0xFF, 0xFE]);
        let d = decode("a.txt", &le).unwrap();
        assert_eq!(d.text, TEXT);
        assert!(d.encoding.starts_with("UTF-16LE"));
    }

    #[test]
    fn mixed_utf8_and_gbk_is_refused_with_the_line() {
        let (gbk, _, _) = GBK.encode("第一行按国标编码写成的报告正文内容\n");
        let mut b = gbk.into_owned();
        b.extend_from_slice(
            "第二行却是UTF-8编码的报告正文内容，两种编码混在一起\n"
                .repeat(3)
                .as_bytes(),
        );
        let e = decode("混合.txt", &b).err().unwrap();
        assert!(matches!(e, ImportError::Encoding { .. }), "{e}");
        let msg = e.to_string();
        assert!(msg.contains("混合.txt") && msg.contains("编码"), "{msg}");
    }

    #[test]
    fn control_bytes_are_binary() {
        let b: Vec<u8> = (0u8..=255).cycle().take(4096).collect();
        assert!(matches!(
            decode("x.txt", &b),
            Err(ImportError::Binary { .. }) | Err(ImportError::Encoding { .. })
        ));
    }

    #[test]
    fn declared_charsets_are_found_in_meta_tags() {
        use encoding_rs::BIG5;
        let cases: [(&[u8], Option<&'static Encoding>); 7] = [
            (b"<html><head><meta charset=\"gbk\"></head>", Some(GBK)),
            (
                b"<META HTTP-EQUIV=\"Content-Type\" CONTENT=\"text/html; charset=gb2312\">",
                Some(GBK),
            ),
            (
                b"<meta content='text/html;charset=GB18030' http-equiv='content-type'/>",
                Some(GB18030),
            ),
            (b"<meta charset=big5>", Some(BIG5)),
            (
                b"<meta name=\"keywords\" content=\"x\"><meta charset = 'utf-16'>",
                Some(UTF_8),
            ),
            (b"<meta name=\"charset\" content=\"x\">", None),
            (b"plain text mentioning charset=gbk without a tag", None),
        ];
        for (html, want) in cases {
            assert_eq!(
                declared_charset(html).map(|e| e.name()),
                want.map(|e| e.name()),
                "{}",
                String::from_utf8_lossy(html)
            );
        }
    }

    #[test]
    fn a_short_page_is_decoded_as_it_declares() {
        use encoding_rs::BIG5;
        // A short GBK title: too little text for a reliable guess (chardetng
        // takes it for EUC-JP), but the page says gb2312.
        let body = "年度报告";
        let (gbk, _, _) = GBK.encode(body);
        let mut page = b"<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\"></head><body><p>".to_vec();
        page.extend_from_slice(&gbk);
        page.extend_from_slice(b"</p></body></html>");
        let d = decode("saved.htm", &page).unwrap();
        assert!(d.text.contains(body), "{}", d.text);
        assert_eq!(d.encoding, "GBK（网页声明）");
        let mut bare = b"<html><head></head><body><p>".to_vec();
        bare.extend_from_slice(&gbk);
        bare.extend_from_slice(b"</p></body></html>");
        let guessed = decode("saved.htm", &bare).is_ok_and(|d| d.text.contains(body));
        assert!(
            !guessed,
            "without the declaration the guess is wrong (else this proves nothing)"
        );
        // A Big5 page declared as such.
        let (big5, _, _) = BIG5.encode("依法行政");
        let mut page = b"<meta charset=\"big5\"><p>".to_vec();
        page.extend_from_slice(&big5);
        let d = decode("tw.html", &page).unwrap();
        assert!(d.text.contains("依法行政"), "{}", d.text);
        // A wrong declaration (bytes invalid in it) falls back to detection.
        let long = "全面推进依法行政，加快建设法治政府。".repeat(20);
        let (gbk_long, _, _) = GBK.encode(&long);
        let mut page = b"<meta charset=\"shift_jis\"><p>".to_vec();
        page.extend_from_slice(&gbk_long);
        let d = decode("x.html", &page).unwrap();
        assert!(d.text.contains("全面推进依法行政"), "{}", d.encoding);
        // A page saved as UTF-8 that still says gbk is read as UTF-8.
        let page = "<meta charset=\"gbk\"><p>全面推进依法行政</p>".as_bytes();
        let d = decode("u.html", page).unwrap();
        assert!(d.text.contains("全面推进依法行政"));
        assert_eq!(d.encoding, "UTF-8");
    }
}
