//! Saved web pages. Parsed with scraper (html5ever, the browser-grade parser
//! of the Servo project, so malformed pages parse as a browser would); the
//! article is the deepest element holding most of the page's Chinese text,
//! and what lies outside it (navigation, widgets, footer) is listed as removed.
//! Walks are iterative so that deeply nested pages cannot overflow the stack.

use std::collections::HashMap;

use ego_tree::iter::Edge;
use ego_tree::{NodeId, NodeRef};
use scraper::{Html, Node};

use crate::structure::{is_cjk, Block, Input};
use crate::Removed;

/// Share of the page's Chinese text the article element must hold.
const ARTICLE_SHARE: f64 = 0.7;

pub fn looks_like_html(text: &str, ext: &str) -> bool {
    let head: String = text
        .chars()
        .take(4096)
        .collect::<String>()
        .to_ascii_lowercase();
    let t = head.trim_start();
    t.starts_with("<!doctype html")
        || t.starts_with("<html")
        || head.contains("<html")
        || head.contains("<body")
        || (matches!(ext, "html" | "htm" | "xhtml" | "shtml") && head.contains('<'))
        || (head.matches("<p").count() + head.matches("<div").count() >= 3 && head.contains("</"))
}

pub(crate) fn skipped(name: &str) -> bool {
    matches!(
        name,
        "script"
            | "style"
            | "noscript"
            | "template"
            | "head"
            | "iframe"
            | "svg"
            | "select"
            | "object"
            | "canvas"
    )
}

pub(crate) fn is_block(name: &str) -> bool {
    matches!(
        name,
        "p" | "div"
            | "br"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "li"
            | "ul"
            | "ol"
            | "tr"
            | "table"
            | "section"
            | "article"
            | "header"
            | "footer"
            | "nav"
            | "aside"
            | "blockquote"
            | "pre"
            | "dd"
            | "dt"
            | "dl"
            | "form"
            | "center"
            | "hr"
            | "main"
            | "td"
            | "th"
            | "title"
    )
}

/// Deepest element nesting accepted. Real pages stay under 100; the HTML
/// tree builder checks scopes by walking the open elements, so a page nested
/// a hundred thousand deep would take minutes.
pub const MAX_HTML_DEPTH: usize = 1000;

/// The nesting depth limit when the page goes deeper than it. Counts elements
/// whose end tag is required; void elements and those HTML closes by itself
/// (p, li, td…) do not count, and script/style content is skipped.
fn too_deep(text: &str) -> bool {
    const LOOSE: [&str; 34] = [
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
        "source", "track", "wbr", "p", "li", "dt", "dd", "tr", "td", "th", "option", "optgroup",
        "thead", "tbody", "tfoot", "colgroup", "caption", "rt", "rp", "html", "head", "body",
        "frame",
    ];
    let b = text.as_bytes();
    let mut depth = 0usize;
    let mut i = 0;
    while let Some(off) = b[i..].iter().position(|c| *c == b'<') {
        i += off + 1;
        if b[i..].starts_with(b"!--") {
            match text[i..].find("-->") {
                Some(e) => i += e + 3,
                None => break,
            }
            continue;
        }
        let closing = b.get(i) == Some(&b'/');
        let start = if closing { i + 1 } else { i };
        // As the HTML tokenizer reads it: a tag starts with an ASCII letter
        // and its name runs to whitespace, '/' or '>' (so `<script,x>` is not
        // a script element, and must not make the scan skip to `</script>`).
        if !b.get(start).is_some_and(u8::is_ascii_alphabetic) {
            continue;
        }
        let end = b[start..]
            .iter()
            .position(|c| c.is_ascii_whitespace() || *c == b'/' || *c == b'>')
            .map_or(b.len(), |p| start + p);
        let name = text[start..end].to_ascii_lowercase();
        let Some(close) = b[end..].iter().position(|c| *c == b'>').map(|p| end + p) else {
            break;
        };
        let self_closing = close > 0 && b[close - 1] == b'/';
        i = close + 1;
        if LOOSE.contains(&name.as_str()) || self_closing {
            continue;
        }
        if closing {
            depth = depth.saturating_sub(1);
            continue;
        }
        if name == "script" || name == "style" {
            let endtag = format!("</{name}");
            // Case-insensitive, without copying the rest of the page per script.
            match b[i..]
                .windows(endtag.len())
                .position(|w| w.eq_ignore_ascii_case(endtag.as_bytes()))
            {
                Some(e) => i += e,
                None => break,
            }
            continue;
        }
        depth += 1;
        if depth > MAX_HTML_DEPTH {
            return true;
        }
    }
    false
}

pub fn extract(text: &str) -> Result<Input, String> {
    if too_deep(text) {
        return Err(format!("网页元素嵌套超过 {MAX_HTML_DEPTH} 层"));
    }
    let html = Html::parse_document(text);
    let root = html.tree.root();
    let counts = cjk_counts(root);
    let total = counts.get(&root.id()).copied().unwrap_or(0);
    let article = find_article(root, &counts, total);

    let mut inside = Vec::new();
    let mut outside = Vec::new();
    lines(root, article, &mut inside, &mut outside);

    let mut removed: Vec<Removed> = Vec::new();
    let mut blocks: Vec<Block> = Vec::new();
    // The page title often stands outside the article container.
    let has_title = inside
        .iter()
        .take(5)
        .any(|b| crate::structure::title_like(&b.text));
    let page_title = if has_title {
        None
    } else {
        outside.iter().position(|l| crate::structure::title_like(l))
    };
    for (i, l) in outside.iter().enumerate() {
        if Some(i) == page_title {
            blocks.push(Block {
                text: l.clone(),
                ..Block::default()
            });
        } else {
            removed.push(Removed {
                text: l.clone(),
                reason: "网页正文以外的内容（导航、栏目、页脚等）".into(),
            });
        }
    }
    blocks.extend(inside);
    Ok(Input {
        blocks,
        removed,
        comments: Vec::new(),
    })
}

/// Chinese characters below each node (skipped elements excluded).
fn cjk_counts(root: NodeRef<Node>) -> HashMap<NodeId, usize> {
    let mut counts: HashMap<NodeId, usize> = HashMap::new();
    let mut stack: Vec<usize> = Vec::new();
    let mut skip_depth = 0usize;
    for edge in root.traverse() {
        match edge {
            Edge::Open(n) => {
                if skip_depth > 0 || matches!(n.value(), Node::Element(e) if skipped(e.name())) {
                    skip_depth += 1;
                    continue;
                }
                let own = match n.value() {
                    Node::Text(t) => t.chars().filter(|c| is_cjk(*c)).count(),
                    _ => 0,
                };
                stack.push(own);
            }
            Edge::Close(n) => {
                if skip_depth > 0 {
                    skip_depth -= 1;
                    continue;
                }
                let c = stack.pop().unwrap_or(0);
                if let Some(parent) = stack.last_mut() {
                    *parent += c;
                }
                counts.insert(n.id(), c);
            }
        }
    }
    counts
}

/// A paragraph or an inline element: it holds part of an article, never the
/// article itself (a long last paragraph of a WeChat copy may hold most of
/// the text; the lines above it are the article too).
fn paragraph_level(name: &str) -> bool {
    matches!(
        name,
        "p" | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "li"
            | "dd"
            | "dt"
            | "pre"
            | "span"
            | "strong"
            | "b"
            | "em"
            | "i"
            | "a"
            | "label"
    )
}

/// The deepest container element that still holds [`ARTICLE_SHARE`] of the text.
fn find_article(root: NodeRef<Node>, counts: &HashMap<NodeId, usize>, total: usize) -> NodeId {
    let need = (total as f64 * ARTICLE_SHARE).ceil() as usize;
    let mut cur = root;
    loop {
        let next = cur.children().find(|c| {
            matches!(c.value(), Node::Element(e) if !paragraph_level(e.name()))
                && counts.get(&c.id()).copied().unwrap_or(0) >= need.max(1)
        });
        match next {
            Some(n) => cur = n,
            None => return cur.id(),
        }
    }
}

/// Text lines of the page, split at block elements, inside and outside the
/// article; a table of data inside the article is one block holding the
/// table (a table laying out the page is read through, as text).
fn lines(root: NodeRef<Node>, article: NodeId, inside: &mut Vec<Block>, outside: &mut Vec<String>) {
    let mut cur = String::new();
    let mut in_article = 0usize;
    let mut skip_depth = 0usize;
    let mut figcaptions: Vec<NodeId> = Vec::new();
    let bold = crate::html_table::bold_classes(root);
    let mut flush = |cur: &mut String, in_article: bool, inside: &mut Vec<Block>| {
        let t = collapse(cur);
        if !t.is_empty() {
            if in_article {
                inside.push(Block {
                    text: t,
                    ..Block::default()
                });
            } else {
                outside.push(t);
            }
        }
        cur.clear();
    };
    for edge in root.traverse() {
        match edge {
            Edge::Open(n) => {
                if skip_depth > 0 || matches!(n.value(), Node::Element(e) if skipped(e.name())) {
                    skip_depth += 1;
                    continue;
                }
                if n.id() == article {
                    flush(&mut cur, in_article > 0, inside);
                    in_article += 1;
                }
                let table = matches!(n.value(), Node::Element(e) if e.name() == "table");
                if figcaptions.contains(&n.id()) {
                    // Already the title of the table in its <figure>.
                    skip_depth += 1;
                    continue;
                }
                if in_article > 0 && table && n.id() != article {
                    let mut raw = crate::html_table::read(n, &bold);
                    if !raw.is_layout() {
                        // <figure><table>…</table><figcaption>表题</figcaption></figure>
                        // (WordPress's table block): the caption names the table.
                        if let Some(fc) = figcaption(n) {
                            if raw.caption.is_none() {
                                let text = collapse(&fc.text().collect::<String>());
                                raw.caption = Some(text).filter(|t| !t.is_empty());
                            }
                            figcaptions.push(fc.id());
                        }
                        flush(&mut cur, true, inside);
                        inside.push(Block {
                            table: Some(raw),
                            ..Block::default()
                        });
                        // The table's content is read: skip it to its end.
                        skip_depth += 1;
                        continue;
                    }
                }
                match n.value() {
                    Node::Element(e) if is_block(e.name()) => {
                        flush(&mut cur, in_article > 0, inside)
                    }
                    Node::Text(t) => cur.push_str(t),
                    _ => {}
                }
            }
            Edge::Close(n) => {
                if skip_depth > 0 {
                    skip_depth -= 1;
                    continue;
                }
                if let Node::Element(e) = n.value() {
                    if is_block(e.name()) || n.id() == article {
                        flush(&mut cur, in_article > 0, inside);
                    }
                }
                if n.id() == article {
                    in_article = in_article.saturating_sub(1);
                }
            }
        }
    }
    flush(&mut cur, in_article > 0, inside);
}

/// The `<figcaption>` after a table in its `<figure>`, if any (one before it
/// is read as the line above the table, as any 表题).
fn figcaption(table: NodeRef<'_, Node>) -> Option<scraper::ElementRef<'_>> {
    table
        .parent()
        .filter(|p| matches!(p.value(), Node::Element(e) if e.name() == "figure"))?;
    table
        .next_siblings()
        .filter(|c| matches!(c.value(), Node::Element(e) if e.name() == "figcaption"))
        .find_map(scraper::ElementRef::wrap)
}

/// HTML whitespace as a browser shows it: runs collapse to one space, and a
/// line break between two Chinese characters (source wrapping) disappears.
pub(crate) fn collapse(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_ascii_whitespace() {
            let start = i;
            let mut newline = false;
            while i < chars.len() && chars[i].is_ascii_whitespace() {
                newline |= chars[i] == '\n';
                i += 1;
            }
            let before = start.checked_sub(1).map(|j| chars[j]);
            let after = chars.get(i).copied();
            let cjk_both = before.is_some_and(is_wide) && after.is_some_and(is_wide);
            if !(newline && cjk_both) {
                out.push(' ');
            }
        } else {
            out.push(c);
            i += 1;
        }
    }
    out.trim().to_string()
}

fn is_wide(c: char) -> bool {
    is_cjk(c) || ('\u{3000}'..='\u{303F}').contains(&c) || ('\u{FF00}'..='\u{FFEF}').contains(&c)
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = r#"<!DOCTYPE html><html><head><title>梅河口市人民政府关于2019年法治政府建设情况的报告_梅河口市人民政府</title>
<script>var x = "脚本里的中文不算正文";</script><style>.a{}</style></head>
<body><div class="nav"><a href="/">首页</a><a>政务公开</a><a>站群导航</a></div>
<div class="aqi">AQI <ul><li>轻度污染</li><li>中度污染</li></ul></div>
<div class="main"><h1>梅河口市人民政府关于2019年法治政府建设情况的报告</h1>
<div class="info">2020-03-13 14:57:00来源:</div>
<div class="content"><p>现将我市2019年法治政府建设情况报告如下：</p>
<p>一、2019年法治政府建设的主要举措和成效</p>
<p>（一）依法全面履行政府职能。全面推行行政审批制度改革，录入政务服务事项890项。</p>
<p>二、存在的不足和原因</p><p>法治理念有待进一步
增强。</p></div></div>
<div class="footer">版权所有：梅河口市人民政府 吉ICP备12345号</div></body></html>"#;

    #[test]
    fn article_text_without_the_page_around_it() {
        let input = extract(PAGE).unwrap();
        let texts: Vec<&str> = input.blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(texts[0], "梅河口市人民政府关于2019年法治政府建设情况的报告");
        assert!(texts.contains(&"一、2019年法治政府建设的主要举措和成效"));
        assert!(texts.contains(&"法治理念有待进一步增强。"), "{texts:?}");
        let all = texts.join("\n");
        for gone in ["首页", "政务公开", "版权所有", "脚本", "中度污染"] {
            assert!(!all.contains(gone), "{gone} left in {all}");
        }
        let removed: Vec<&str> = input.removed.iter().map(|r| r.text.as_str()).collect();
        assert!(
            removed.iter().any(|r| r.contains("版权所有")),
            "{removed:?}"
        );
    }

    #[test]
    fn whitespace_collapses_like_a_browser() {
        assert_eq!(collapse("  法治\n  政府  建设 "), "法治政府 建设");
        assert_eq!(collapse("2019 年"), "2019 年");
    }

    #[test]
    fn a_tag_that_only_starts_like_script_does_not_hide_deep_nesting() {
        // Found by cargo-fuzz (import_html): `<script,x>` is no script element
        // for the parser, so the nesting after it must be counted.
        let page = format!(
            "<html><head><script,alescript></head><body>{}</script></body></html>",
            "<div>".repeat(5000)
        );
        let t = std::time::Instant::now();
        let err = extract(&page).unwrap_err();
        assert!(err.contains("嵌套"), "{err}");
        assert!(t.elapsed() < std::time::Duration::from_secs(1));
    }

    #[test]
    fn many_scripts_are_skipped_in_linear_time() {
        let page = format!(
            "<html><body>{}<p>正文</p></body></html>",
            "<SCRIPT>var a = 1;</Script>".repeat(20_000)
        );
        let t = std::time::Instant::now();
        assert!(!too_deep(&page));
        assert!(t.elapsed() < std::time::Duration::from_secs(2));
    }

    #[test]
    fn deep_nesting_is_refused_before_parsing() {
        let page = |n: usize| {
            format!(
                "<html><body>{}<p>法治政府建设情况</p>{}</body></html>",
                "<div>".repeat(n),
                "</div>".repeat(n)
            )
        };
        let input = extract(&page(500)).unwrap();
        assert!(input.blocks.iter().any(|b| b.text.contains("法治政府")));
        let t = std::time::Instant::now();
        assert!(extract(&page(200_000)).unwrap_err().contains("嵌套"));
        assert!(t.elapsed() < std::time::Duration::from_secs(2));
        // unclosed paragraphs and line breaks are not nesting
        let flat = format!(
            "<html><body>{}</body></html>",
            "<p>法治<br>政府".repeat(5000)
        );
        assert!(extract(&flat).is_ok());
    }
}
