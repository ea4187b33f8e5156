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
}
