//! HTML for the government website: one self-contained UTF-8 page, a small
//! print-friendly stylesheet inline, no scripts, no comments, no ids or other
//! internal metadata.

use std::fmt::Write;

use fazhi_core::Document;

use crate::Profile;
use fazhi_layout::{blocks, Block, TableBlock};

const STYLE: &str = "\
body{margin:0 auto;max-width:40em;padding:2em 1.5em;color:#000;background:#fff;\
font-family:\"仿宋_GB2312\",\"仿宋\",FangSong,\"STFangsong\",serif;font-size:16pt;line-height:1.8}\
h1{font-family:\"方正小标宋简体\",\"小标宋\",\"华文中宋\",\"宋体\",SimSun,serif;font-size:22pt;\
font-weight:normal;text-align:center;line-height:1.5;margin:0 0 1em}\
h2,h3,h4,h5{font-size:16pt;font-weight:normal;margin:0;text-indent:2em}\
h2{font-family:\"黑体\",SimHei,sans-serif}\
h3,.k{font-family:\"楷体_GB2312\",\"楷体\",KaiTi,\"STKaiti\",serif}\
p{margin:0;text-indent:2em;text-align:justify}\
strong{font-weight:normal}.n{text-indent:0}.s{text-align:right;text-indent:0;margin-right:4em}\
.a{margin-top:1.8em}.h{font-family:\"黑体\",SimHei,sans-serif}\
.m{font-family:\"方正小标宋简体\",\"小标宋\",serif;color:#f33;text-align:center;font-size:36pt;margin:1em 0}\
.m.j{display:flex;justify-content:center;align-items:center;gap:1em;text-align:justify;text-align-last:justify}\
hr.r{border:0;border-top:1px solid #f33;margin:.5em 0 2em}\
table{border-collapse:collapse;width:100%;margin:.5em 0;line-height:1.5}\
caption{font-family:\"黑体\",SimHei,sans-serif;padding-bottom:.3em}\
th,td{border:1px solid #000;padding:.1em .3em;vertical-align:middle}\
th{font-weight:normal;font-family:\"黑体\",SimHei,sans-serif;text-align:center}\
td p,th p{text-indent:0;text-align:inherit}table.s4{font-size:14pt}table.s5{font-size:12pt}\
@media print{body{max-width:none;padding:0}@page{size:A4;margin:37mm 26mm 35mm 28mm}}";

fn esc(s: &str, out: &mut String) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            // control characters other than tab/newline are not allowed in HTML text
            c if c.is_control() && c != '\t' && c != '\n' => {}
            c => out.push(c),
        }
    }
}

/// A table (GB/T 9704 §8): its 表题 as the caption, the header rows in `<thead>` as
/// `<th>` (browsers repeat a `<thead>` on every printed page), merges as
/// colspan/rowspan, the column widths as the layout gives them.
fn table(t: &TableBlock, o: &mut String) {
    o.push_str(match t.cell_pt as u32 {
        14 => "<table class=\"s4\">",
        12 => "<table class=\"s5\">",
        _ => "<table>",
    });
    if let Some(title) = &t.title {
        o.push_str("<caption>");
        esc(title, o);
        o.push_str("</caption>");
    }
    o.push_str("<colgroup>");
    let total = t.width_mm();
    for w in &t.widths_mm {
        let _ = write!(o, "<col style=\"width:{:.1}%\">", w / total * 100.0);
    }
    o.push_str("</colgroup>\n");
    for r in 0..t.rows {
        if r == 0 && t.header_rows > 0 {
            o.push_str("<thead>\n");
        }
        if r == t.header_rows {
            o.push_str("<tbody>\n");
        }
        o.push_str("<tr>");
        for c in t.row_cells(r) {
            let tag = if c.header { "th" } else { "td" };
            let _ = write!(o, "<{tag}");
            if c.colspan > 1 {
                let _ = write!(o, " colspan=\"{}\"", c.colspan);
            }
            if c.rowspan > 1 {
                let _ = write!(o, " rowspan=\"{}\"", c.rowspan);
            }
            o.push('>');
            let lines = c.lines();
            match lines.as_slice() {
                [one] => esc(one, o),
                many => {
                    for l in many {
                        o.push_str("<p>");
                        esc(l, o);
                        o.push_str("</p>");
                    }
                }
            }
            let _ = write!(o, "</{tag}>");
        }
        o.push_str("</tr>\n");
        if r + 1 == t.header_rows {
            o.push_str("</thead>\n");
        }
    }
    if t.rows > t.header_rows {
        o.push_str("</tbody>\n");
    }
    o.push_str("</table>\n");
}

/// The report as a standalone HTML page for `profile`.
pub fn html(doc: &Document, profile: Profile) -> String {
    let bs = blocks(doc, profile);
    let mut o = String::with_capacity(doc.plain_text().len() * 2 + 2048);
    let title = doc.title();
    o.push_str("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n");
    o.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>");
    esc(title.trim(), &mut o);
    let _ = write!(o, "</title>\n<style>{STYLE}</style>\n</head>\n<body>\n");
    let mut after_blank = false;
    let p = |o: &mut String, class: &str, text: &str| {
        let _ = write!(o, "<p class=\"{class}\">");
        esc(text, o);
        o.push_str("</p>\n");
    };
    for b in &bs {
        match b {
            Block::CopyNumber { text } | Block::Secrecy { text } | Block::Urgency { text } => {
                p(&mut o, "n", text)
            }
            Block::IssuerMark(m) => {
                // A joint mark: the names stacked, its 文件 once to their right.
                o.push_str(if m.suffix.is_some() {
                    "<div class=\"m j\"><span>"
                } else {
                    "<div class=\"m\">"
                });
                for (i, l) in m.lines.iter().enumerate() {
                    if i > 0 {
                        o.push_str("<br>");
                    }
                    esc(l, &mut o);
                }
                if let Some(s) = &m.suffix {
                    o.push_str("</span><span>");
                    esc(s, &mut o);
                    o.push_str("</span>");
                }
                o.push_str("</div>\n");
            }
            Block::DocNumber(r) => {
                o.push_str("<p class=\"n\">");
                if let Some(n) = &r.number {
                    esc(n, &mut o);
                }
                for (i, l) in r.signer_lines.iter().enumerate() {
                    o.push_str(if i == 0 {
                        "\u{3000}\u{3000}签发人："
                    } else {
                        "<br>"
                    });
                    o.push_str("<span class=\"k\">");
                    esc(l, &mut o);
                    o.push_str("</span>");
                }
                o.push_str("</p>\n");
            }
            Block::RedRule => o.push_str("<hr class=\"r\">\n"),
            Block::Title { lines } => {
                o.push_str("<h1>");
                for (i, l) in lines.iter().enumerate() {
                    if i > 0 {
                        o.push_str("<br>");
                    }
                    esc(l, &mut o);
                }
                o.push_str("</h1>\n");
            }
            Block::Blank => {
                after_blank = true;
                continue;
            }
            Block::Addressee { text } => p(&mut o, "n", text),
            Block::Heading {
                level,
                number,
                text,
                ..
            } => {
                let h = (level + 1).min(5);
                let _ = write!(o, "<h{h}>");
                esc(number, &mut o);
                esc(text, &mut o);
                let _ = writeln!(o, "</h{h}>");
            }
            Block::Para { lead, text, .. } => {
                o.push_str("<p>");
                if let Some(l) = lead {
                    // the run-in heading keeps its face (楷体 for （一）) and stays
                    // a heading for screen readers
                    let class = if l.level == 2 { " class=\"k\"" } else { "" };
                    let _ = write!(o, "<strong{class}>");
                    esc(&l.text, &mut o);
                    o.push_str("</strong>");
                }
                esc(text, &mut o);
                o.push_str("</p>\n");
            }
            Block::AttachmentNote(n) => {
                for (i, (num, title)) in n.items.iter().enumerate() {
                    let lead = if i == 0 {
                        "附件："
                    } else {
                        "\u{3000}\u{3000}\u{3000}"
                    };
                    p(&mut o, "", &format!("{lead}{num}{title}"));
                }
            }
            Block::Closing(c) => {
                let class = if after_blank { "s a" } else { "s" };
                // Joint issuers sign one a line, as in the PDF and the DOCX.
                for (i, (line, _)) in c.issuer_lines.iter().enumerate() {
                    p(&mut o, if i == 0 { class } else { "s" }, line);
                }
                if c.issuer_lines.is_empty() {
                    p(&mut o, class, &c.issuer);
                }
                if let Some(d) = &c.date {
                    p(&mut o, "s", d);
                }
                if let Some(n) = &c.note {
                    p(&mut o, "", n);
                }
            }
            Block::Attachment(a) => {
                p(&mut o, "n h", &a.label);
                o.push_str("<h1>");
                esc(&a.title, &mut o);
                o.push_str("</h1>\n");
                for b in &a.body {
                    match b {
                        Block::Para { text, .. } => p(&mut o, "", text),
                        Block::Table(t) => table(t, &mut o),
                        _ => {}
                    }
                }
            }
            Block::Table(t) => table(t, &mut o),
            // 版记 is internal distribution data: never on the website.
            Block::Imprint { .. } => continue,
        }
        after_blank = false;
    }
    o.push_str("</body>\n</html>\n");
    o
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_in_text_is_escaped() {
        let mut s = String::new();
        esc("关于贯彻<法治政府建设实施纲要>&\"x\"\u{1}", &mut s);
        assert_eq!(s, "关于贯彻&lt;法治政府建设实施纲要&gt;&amp;&quot;x&quot;");
    }
}
