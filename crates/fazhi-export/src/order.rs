//! Puts the children of the property elements docx-rs writes out of order
//! (pPr, rPr, sectPr, style) into the order of the WordprocessingML schema.
//! LibreOffice reads any order; Word is stricter, and a document that opens
//! with "unreadable content" looks anything but official.

use quick_xml::events::{BytesStart, Event};
use quick_xml::{Reader, Writer};

/// Schema sequences (ECMA-376 Part 1, CT_PPrBase + CT_PPr, CT_RPr, CT_SectPr, CT_Style).
const PPR: &[&str] = &[
    "pStyle",
    "keepNext",
    "keepLines",
    "pageBreakBefore",
    "framePr",
    "widowControl",
    "numPr",
    "suppressLineNumbers",
    "pBdr",
    "shd",
    "tabs",
    "suppressAutoHyphens",
    "kinsoku",
    "wordWrap",
    "overflowPunct",
    "topLinePunct",
    "autoSpaceDE",
    "autoSpaceDN",
    "bidi",
    "adjustRightInd",
    "snapToGrid",
    "spacing",
    "ind",
    "contextualSpacing",
    "mirrorIndents",
    "suppressOverlap",
    "jc",
    "textDirection",
    "textAlignment",
    "textboxTightWrap",
    "outlineLvl",
    "divId",
    "cnfStyle",
    "rPr",
    "sectPr",
    "pPrChange",
];
const RPR: &[&str] = &[
    "ins",
    "del",
    "moveFrom",
    "moveTo",
    "rStyle",
    "rFonts",
    "b",
    "bCs",
    "i",
    "iCs",
    "caps",
    "smallCaps",
    "strike",
    "dstrike",
    "outline",
    "shadow",
    "emboss",
    "imprint",
    "noProof",
    "snapToGrid",
    "vanish",
    "webHidden",
    "color",
    "spacing",
    "w",
    "kern",
    "position",
    "sz",
    "szCs",
    "highlight",
    "u",
    "effect",
    "bdr",
    "shd",
    "fitText",
    "vertAlign",
    "rtl",
    "cs",
    "em",
    "lang",
    "eastAsianLayout",
    "specVanish",
    "oMath",
    "rPrChange",
];
const SECTPR: &[&str] = &[
    "headerReference",
    "footerReference",
    "footnotePr",
    "endnotePr",
    "type",
    "pgSz",
    "pgMar",
    "paperSrc",
    "pgBorders",
    "lnNumType",
    "pgNumType",
    "cols",
    "formProt",
    "vAlign",
    "noEndnote",
    "titlePg",
    "textDirection",
    "bidi",
    "rtlGutter",
    "docGrid",
    "printerSettings",
    "sectPrChange",
];
const STYLE: &[&str] = &[
    "name",
    "aliases",
    "basedOn",
    "next",
    "link",
    "autoRedefine",
    "hidden",
    "uiPriority",
    "semiHidden",
    "unhideWhenUsed",
    "qFormat",
    "locked",
    "personal",
    "personalCompose",
    "personalReply",
    "rsid",
    "pPr",
    "rPr",
    "tblPr",
    "trPr",
    "tcPr",
    "tblStylePr",
];

/// CT_TblPr (the 版记's floating table: docx-rs writes tblpPr last).
const TBLPR: &[&str] = &[
    "tblStyle",
    "tblpPr",
    "tblOverlap",
    "bidiVisual",
    "tblStyleRowBandSize",
    "tblStyleColBandSize",
    "tblW",
    "jc",
    "tblCellSpacing",
    "tblInd",
    "tblBorders",
    "shd",
    "tblLayout",
    "tblCellMar",
    "tblLook",
    "tblCaption",
    "tblDescription",
];

fn sequence(name: &[u8]) -> Option<&'static [&'static str]> {
    match name {
        b"w:tblPr" => Some(TBLPR),
        b"w:pPr" => Some(PPR),
        b"w:rPr" => Some(RPR),
        b"w:sectPr" => Some(SECTPR),
        b"w:style" => Some(STYLE),
        _ => None,
    }
}

enum Node {
    Element {
        start: BytesStart<'static>,
        children: Vec<Node>,
        empty: bool,
    },
    Other(Event<'static>),
}

impl Node {
    fn rank(&self, seq: &[&str]) -> usize {
        match self {
            Node::Element { start, .. } => {
                let name = start.name();
                let local = name.as_ref().strip_prefix(b"w:").unwrap_or(name.as_ref());
                seq.iter()
                    .position(|s| s.as_bytes() == local)
                    .unwrap_or(seq.len())
            }
            Node::Other(_) => seq.len(),
        }
    }
}

fn parse(xml: &str) -> Result<Vec<Node>, quick_xml::Error> {
    let mut r = Reader::from_str(xml);
    let mut stack: Vec<(BytesStart<'static>, Vec<Node>)> = Vec::new();
    let mut top: Vec<Node> = Vec::new();
    loop {
        let ev = r.read_event()?.into_owned();
        let node = match ev {
            Event::Eof => break,
            Event::Start(s) => {
                stack.push((s, Vec::new()));
                continue;
            }
            Event::End(_) => match stack.pop() {
                Some((start, children)) => Node::Element {
                    start,
                    children,
                    empty: false,
                },
                None => continue,
            },
            Event::Empty(s) => Node::Element {
                start: s,
                children: Vec::new(),
                empty: true,
            },
            other => Node::Other(other),
        };
        match stack.last_mut() {
            Some((_, children)) => children.push(node),
            None => top.push(node),
        }
    }
    Ok(top)
}

fn reorder(nodes: &mut [Node]) {
    for n in nodes.iter_mut() {
        if let Node::Element {
            start, children, ..
        } = n
        {
            reorder(children);
            if let Some(seq) = sequence(start.name().as_ref()) {
                // whitespace-only text does not occur in docx-rs output; a
                // stable sort keeps anything unknown in its relative place
                children.sort_by_key(|c| c.rank(seq));
            }
        }
    }
}

fn write(nodes: Vec<Node>, w: &mut Writer<Vec<u8>>) -> std::io::Result<()> {
    for n in nodes {
        match n {
            Node::Element {
                start,
                children,
                empty,
            } => {
                if empty {
                    w.write_event(Event::Empty(start))?;
                } else {
                    let end = start.to_end().into_owned();
                    w.write_event(Event::Start(start))?;
                    write(children, w)?;
                    w.write_event(Event::End(end))?;
                }
            }
            Node::Other(e) => w.write_event(e)?,
        }
    }
    Ok(())
}

/// `xml` with the children of pPr, rPr, sectPr and style in schema order.
pub fn schema_order(xml: &str) -> Result<String, String> {
    let mut nodes = parse(xml).map_err(|e| e.to_string())?;
    reorder(&mut nodes);
    let mut w = Writer::new(Vec::with_capacity(xml.len() + 64));
    write(nodes, &mut w).map_err(|e| e.to_string())?;
    String::from_utf8(w.into_inner()).map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn property_children_follow_the_schema() {
        let xml = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:p><w:pPr><w:rPr /><w:pStyle w:val="A" /><w:jc w:val="both" /><w:ind w:left="0" /><w:spacing w:line="579" /><w:widowControl w:val="0" /></w:pPr><w:r><w:rPr><w:sz w:val="28" /><w:rFonts w:ascii="宋体" /></w:rPr><w:t xml:space="preserve">甲&amp;乙</w:t></w:r></w:p>"#;
        let out = schema_order(xml).unwrap();
        assert_eq!(
            out,
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:p><w:pPr><w:pStyle w:val="A" /><w:widowControl w:val="0" /><w:spacing w:line="579" /><w:ind w:left="0" /><w:jc w:val="both" /><w:rPr /></w:pPr><w:r><w:rPr><w:rFonts w:ascii="宋体" /><w:sz w:val="28" /></w:rPr><w:t xml:space="preserve">甲&amp;乙</w:t></w:r></w:p>"#
        );
    }

    #[test]
    fn section_references_come_first() {
        let xml = r#"<w:sectPr><w:pgSz w:w="1" /><w:docGrid w:type="lines" /><w:footerReference w:type="default" /></w:sectPr>"#;
        assert_eq!(
            schema_order(xml).unwrap(),
            r#"<w:sectPr><w:footerReference w:type="default" /><w:pgSz w:w="1" /><w:docGrid w:type="lines" /></w:sectPr>"#
        );
    }

    #[test]
    fn other_elements_keep_their_order() {
        let xml = r#"<w:body><w:p><w:r><w:t>b</w:t></w:r></w:p><w:p /><w:sectPr /></w:body>"#;
        assert_eq!(schema_order(xml).unwrap(), xml);
    }
}
