//! The template check every write passes through (app command, CLI, import).
//!
//! A document is accepted only when its parts are exactly the template's
//! statutory parts, in order, each heading still naming its item, sections at
//! most four levels deep counting the part, and every id unique.

use std::collections::HashSet;

use crate::error::ValidationError as V;
use crate::model::{
    CellAt, Document, GridError, NodeKind, Paragraph, Section, Table, DOC_SCHEMA_VERSION,
};
use crate::numbering::MAX_LEVEL;
use crate::{dates, ids, template, Error};

const MAX_PARAGRAPH_CHARS: usize = 50_000;
const MAX_HEADING_CHARS: usize = 500;
const MAX_META_CHARS: usize = 200;

/// Gives every node without an id a fresh one (documents written by hand or by
/// importers may leave them out).
pub fn assign_missing_ids(doc: &mut Document) {
    fn paras(ps: &mut [Paragraph]) {
        for p in ps.iter_mut() {
            if p.id.is_empty() {
                p.id = ids::new_id();
            }
            if let Some(t) = &mut p.table {
                for c in t.paragraphs_mut().filter(|c| c.id.is_empty()) {
                    c.id = ids::new_id();
                }
            }
        }
    }
    fn section(s: &mut Section) {
        if s.id.is_empty() {
            s.id = ids::new_id();
        }
        paras(&mut s.paragraphs);
        s.sections.iter_mut().for_each(section);
    }
    paras(&mut doc.preface);
    paras(&mut doc.closing);
    for a in &mut doc.attachments {
        if a.id.is_empty() {
            a.id = ids::new_id();
        }
        paras(&mut a.paragraphs);
    }
    for part in &mut doc.parts {
        if part.id.is_empty() {
            part.id = ids::new_id();
        }
        paras(&mut part.paragraphs);
        part.sections.iter_mut().for_each(section);
    }
}

/// A value that passed the template check: only [`validated`] (and
/// [`checked`]) make one, so a function taking `&Validated<Document>` cannot be
/// handed a document that skipped [`validate`]. The store's only writer of
/// `reports.content` takes one.
///
/// Read it through `Deref`/`as_ref`; [`Validated::into_inner`] gives the value
/// back (and with it the right to change it). There is no public constructor,
/// no `DerefMut` and no `Deserialize`:
///
/// ```compile_fail
/// fn forge(doc: fazhi_core::Document) -> fazhi_core::validate::Validated<fazhi_core::Document> {
///     fazhi_core::validate::Validated(doc) // private field: no constructor outside validate
/// }
/// ```
///
/// ```
/// // The way in: the check.
/// fn make(doc: fazhi_core::Document) -> fazhi_core::Result<fazhi_core::validate::Validated<fazhi_core::Document>> {
///     fazhi_core::validate::validated(doc)
/// }
/// ```
///
/// ```compile_fail
/// fn change(v: &mut fazhi_core::validate::Validated<fazhi_core::Document>) {
///     v.parts.clear(); // no DerefMut: a validated document cannot be changed in place
/// }
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Validated<T>(T);

impl<T> Validated<T> {
    pub fn into_inner(self) -> T {
        self.0
    }
}

impl<T> std::ops::Deref for Validated<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

impl<T> AsRef<T> for Validated<T> {
    fn as_ref(&self) -> &T {
        &self.0
    }
}

/// [`validate`]s `doc` as it is and, when it passes, wraps it.
pub fn checked(doc: Document) -> Result<Validated<Document>, Error> {
    validate(&doc)?;
    Ok(Validated(doc))
}

/// What every write does first: ids for the nodes that have none
/// ([`assign_missing_ids`]), then [`validate`].
pub fn validated(mut doc: Document) -> Result<Validated<Document>, Error> {
    assign_missing_ids(&mut doc);
    checked(doc)
}

/// Checks a document against its template and the model's invariants.
pub fn validate(doc: &Document) -> Result<(), Error> {
    if doc.schema_version > DOC_SCHEMA_VERSION {
        return Err(V::SchemaTooNew {
            found: doc.schema_version,
            supported: DOC_SCHEMA_VERSION,
        }
        .into());
    }
    let tpl = template::get(&doc.template.id, doc.template.version)?;
    check_metadata(doc)?;
    check_parts(doc, tpl)?;
    check_nodes(doc)?;
    Ok(())
}

fn check_metadata(doc: &Document) -> Result<(), V> {
    if doc.issuer.trim().is_empty() {
        return Err(V::EmptyIssuer);
    }
    if !(2000..=2100).contains(&doc.year) {
        return Err(V::YearOutOfRange(doc.year));
    }
    let fields = [
        ("发文机关", Some(&doc.issuer)),
        ("标题", doc.title_override.as_ref()),
        ("主送机关", doc.addressee.as_ref()),
        ("发文字号", doc.doc_number.as_ref()),
        ("签发人", doc.signer.as_ref()),
        ("署名", doc.signature.as_ref()),
        ("附注", doc.note.as_ref()),
        ("抄送机关", doc.copy_to.as_ref()),
        ("印发机关", doc.printed_by.as_ref()),
        ("发文机关标志", doc.issuer_mark.as_ref()),
        ("份号", doc.copy_number.as_ref()),
        ("密级和保密期限", doc.secrecy.as_ref()),
        ("紧急程度", doc.urgency.as_ref()),
    ];
    for (what, value) in fields {
        if let Some(v) = value {
            check_text(what, v, MAX_META_CHARS)?;
        }
    }
    for d in [&doc.date, &doc.printed_on] {
        if let Some(d) = d.as_deref().filter(|d| !d.is_empty()) {
            if dates::parse_iso(d).is_none() {
                return Err(V::BadDate(d.to_string()));
            }
        }
    }
    // The 发文字号's form is checked where it is typed ([`check_field`]) and by
    // 校对, not here: imported reports carry numbers such as 梅政发(2020)01号,
    // which must open (and be fixed by 校对), not be refused.
    let forms: [FieldForm; 2] = [
        ("份号", &doc.copy_number, copy_number_problem),
        ("紧急程度", &doc.urgency, urgency_problem),
    ];
    for (field, value, problem) in forms {
        let Some(v) = value.as_deref().map(str::trim).filter(|v| !v.is_empty()) else {
            continue;
        };
        if let Some(reason) = problem(v) {
            return Err(V::BadField {
                field,
                value: v.chars().take(40).collect(),
                reason,
            });
        }
    }
    Ok(())
}

/// A field's name, its value, and the check of its form.
type FieldForm<'a> = (&'static str, &'a Option<String>, fn(&str) -> Option<String>);

/// Why `s` is not a 发文字号 of the form 梅政发〔2020〕1号 (机关代字, the year in full
/// inside 六角括号, the serial number without 第 and without leading zeros,
/// then 号); `None` when it is one.
pub fn doc_number_problem(s: &str) -> Option<String> {
    let s = s.trim();
    if let Some(c) = s.chars().find(|c| "([【［(（".contains(*c)) {
        return Some(format!("年份应放在六角括号〔〕中，不用“{c}”"));
    }
    let Some((code, rest)) = s.split_once('〔') else {
        return Some("应为“机关代字〔年份〕序号号”，如 梅政发〔2020〕1号".into());
    };
    if code.trim().is_empty() {
        return Some("缺少机关代字，如 梅政发〔2020〕1号".into());
    }
    let Some((year, serial)) = rest.split_once('〕') else {
        return Some("六角括号〔〕不成对".into());
    };
    if year.chars().count() != 4 || !year.chars().all(|c| c.is_ascii_digit()) {
        return Some(format!("年份“{year}”应为四位阿拉伯数字"));
    }
    let Some(n) = serial.strip_suffix('号') else {
        return Some("应以“号”结尾".into());
    };
    if n.starts_with('第') {
        return Some("序号前不加“第”".into());
    }
    if n.is_empty() || !n.chars().all(|c| c.is_ascii_digit()) {
        return Some(format!("序号“{n}”应为阿拉伯数字"));
    }
    if n.starts_with('0') {
        return Some("序号不编虚位（不以0开头）".into());
    }
    None
}

/// 份号: six Arabic digits (GB/T 9704 7.2.1).
pub fn copy_number_problem(s: &str) -> Option<String> {
    let ok = s.chars().count() == 6 && s.chars().all(|c| c.is_ascii_digit());
    (!ok).then(|| "份号为6位阿拉伯数字，如 000001".to_string())
}

/// 紧急程度: 特急 or 加急, for telegrams also 特提 or 平急 (GB/T 9704 7.2.3).
pub fn urgency_problem(s: &str) -> Option<String> {
    // 特提 and 平急 are the telegram grades (GB/T 9704 7.2.3).
    (!matches!(s, "特急" | "加急" | "特提" | "平急"))
        .then(|| "紧急程度只能是“特急”或“加急”（电报另有“特提”“平急”）".to_string())
}

/// The metadata fields the panel checks one by one, by their JSON name.
pub const CHECKED_FIELDS: [&str; 16] = [
    "issuer",
    "title_override",
    "addressee",
    "doc_number",
    "signer",
    "signature",
    "date",
    "note",
    "copy_to",
    "printed_by",
    "printed_on",
    "issuer_mark",
    "copy_number",
    "secrecy",
    "urgency",
    "attachment_title",
];

/// Checks one metadata field as it is typed (the panel shows the reason beside
/// it): the same rules [`validate`] applies to the whole document. Dates are
/// given as ISO. `Ok(())` for an empty optional field.
pub fn check_field(field: &str, value: &str) -> Result<(), V> {
    let label = match field {
        "issuer" => "发文机关",
        "title_override" => "标题",
        "addressee" => "主送机关",
        "doc_number" => "发文字号",
        "signer" => "签发人",
        "signature" => "署名",
        "note" => "附注",
        "copy_to" => "抄送机关",
        "printed_by" => "印发机关",
        "issuer_mark" => "发文机关标志",
        "copy_number" => "份号",
        "secrecy" => "密级和保密期限",
        "urgency" => "紧急程度",
        "attachment_title" => "附件标题",
        "date" | "printed_on" => {
            let v = value.trim();
            if !v.is_empty() && dates::parse_iso(v).is_none() {
                return Err(V::BadDate(v.to_string()));
            }
            return Ok(());
        }
        _ => {
            return Err(V::BadField {
                field: "字段",
                value: field.chars().take(40).collect(),
                reason: "没有这个字段".into(),
            })
        }
    };
    if field == "issuer" && value.trim().is_empty() {
        return Err(V::EmptyIssuer);
    }
    let max = if field == "attachment_title" {
        MAX_HEADING_CHARS
    } else {
        MAX_META_CHARS
    };
    check_text(label, value, max)?;
    let v = value.trim();
    if v.is_empty() {
        return Ok(());
    }
    let problem = match field {
        "doc_number" => doc_number_problem(v),
        "copy_number" => copy_number_problem(v),
        "urgency" => urgency_problem(v),
        _ => None,
    };
    match problem {
        Some(reason) => Err(V::BadField {
            field: label,
            value: v.chars().take(40).collect(),
            reason,
        }),
        None => Ok(()),
    }
}

fn check_parts(doc: &Document, tpl: &template::Template) -> Result<(), V> {
    // Unknown roles cannot reach here (serde refuses them); roles absent from
    // this template can.
    let mut seen = HashSet::new();
    for part in &doc.parts {
        if tpl.spec(part.role).is_none() {
            return Err(V::ExtraPart(part.role.label()));
        }
        if !seen.insert(part.role) {
            return Err(V::DuplicatePart(part.role.label()));
        }
    }
    for spec in tpl.parts.iter().filter(|s| !s.optional) {
        if !seen.contains(&spec.role) {
            return Err(V::MissingPart(spec.role.label()));
        }
    }
    let expected: Vec<_> = tpl
        .parts
        .iter()
        .filter(|s| seen.contains(&s.role))
        .collect();
    for (i, (part, spec)) in doc.parts.iter().zip(&expected).enumerate() {
        if part.role != spec.role {
            return Err(V::WrongOrder {
                position: i + 1,
                expected: spec.role.label(),
                found: part.role.label(),
            });
        }
        let heading = part.heading.trim();
        if heading.is_empty() {
            return Err(V::EmptyPartHeading(i + 1));
        }
        if !spec.keywords.iter().any(|k| heading.contains(k.as_str())) {
            return Err(V::HeadingLostItem {
                position: i + 1,
                heading: heading.to_string(),
                role: spec.role.label(),
                keyword: spec.keywords.first().cloned().unwrap_or_default(),
            });
        }
        check_text("部分标题", heading, MAX_HEADING_CHARS)?;
    }
    Ok(())
}

fn check_nodes(doc: &Document) -> Result<(), V> {
    let mut seen = HashSet::new();
    // Tables are named by their place in reading order: 第2个表格第3行第1列.
    let mut tables = 0;
    for node in doc.nodes() {
        if node.kind == NodeKind::Section && node.level > MAX_LEVEL {
            return Err(V::TooDeep {
                heading: node.text.chars().take(30).collect(),
                level: node.level,
            });
        }
        if !ids::is_valid_id(node.id) {
            return Err(V::BadId(node.id.chars().take(40).collect()));
        }
        if !seen.insert(node.id) {
            return Err(V::DuplicateId(node.id.to_string()));
        }
        match node.kind {
            // The part's heading is checked with the template (check_parts).
            NodeKind::Part => {}
            NodeKind::Section => check_text("小标题", node.text, MAX_HEADING_CHARS)?,
            NodeKind::Paragraph => match node.cell {
                // Cell text: its length is capped per cell (check_table).
                Some(at) => check_text(
                    &format!("第{tables}个表格{}的文字", place(at)),
                    node.text,
                    Table::MAX_CELL_CHARS,
                )?,
                None => check_text("段落", node.text, MAX_PARAGRAPH_CHARS)?,
            },
            NodeKind::Attachment => check_text("附件标题", node.text, MAX_HEADING_CHARS)?,
            NodeKind::Table => {
                tables += 1;
                if let crate::model::NodeRef::Table(p, t) = node.item {
                    check_table(tables, p, t)?;
                }
            }
        }
    }
    Ok(())
}

fn place(at: CellAt) -> String {
    format!("第{}行第{}列", at.row + 1, at.col + 1)
}

/// A table's own rules (#21): no text beside it, sizes capped, the merges
/// making a rectangle, the header within the rows, widths one per column,
/// one or more paragraphs per cell, no table inside a cell. `n` is its
/// number in reading order, for the message.
fn check_table(n: usize, holder: &Paragraph, t: &Table) -> Result<(), V> {
    let bad = |place: String, reason: &str| V::BadTable {
        table: n,
        place,
        reason: reason.to_string(),
    };
    if !holder.text.is_empty() {
        return Err(bad(
            String::new(),
            "所在的段落还有文字：表格的文字应放在单元格中",
        ));
    }
    if let Some(title) = &t.title {
        check_text(&format!("第{n}个表格的表题"), title, MAX_HEADING_CHARS)?;
    }
    if t.rows.is_empty() {
        return Err(bad(String::new(), "没有任何行"));
    }
    if t.rows.len() > Table::MAX_ROWS {
        return Err(bad(
            String::new(),
            &format!("有{}行，上限{}行", t.rows.len(), Table::MAX_ROWS),
        ));
    }
    if t.header_rows as usize > t.rows.len() {
        return Err(bad(
            String::new(),
            &format!(
                "的表头行数（{}）多于表格的行数（{}）",
                t.header_rows,
                t.rows.len()
            ),
        ));
    }
    let grid = t.grid().map_err(|e| match e {
        GridError::ZeroSpan { at } => bad(place(at), "的单元格跨行或跨列数为0"),
        GridError::RowspanPastEnd { at } => bad(place(at), "的单元格向下合并超出了表格的最后一行"),
        GridError::Overlap { at } => bad(place(at), "的单元格与上方合并的单元格重叠"),
        GridError::TooWide { at } => bad(
            place(at),
            &format!("的单元格超出了列数上限（{}列）", Table::MAX_COLUMNS),
        ),
        GridError::Ragged {
            row,
            expected,
            found,
        } => bad(
            format!("第{}行", row + 1),
            &format!("合并单元格后占{found}列，与第1行的{expected}列不一致：表格应为矩形"),
        ),
        GridError::EmptyRow { row } => bad(format!("第{}行", row + 1), "没有单元格"),
    })?;
    if !t.widths.is_empty() {
        if t.widths.len() != grid.columns {
            return Err(bad(
                String::new(),
                &format!(
                    "的列宽有{}个，表格有{}列：应每列一个",
                    t.widths.len(),
                    grid.columns
                ),
            ));
        }
        if t.widths.iter().any(|&w| w == 0 || w > 10_000) {
            return Err(bad(String::new(), "的列宽应为1至10000之间的比例数"));
        }
    }
    for (row, places) in t.rows.iter().zip(&grid.places) {
        for (cell, &at) in row.iter().zip(places) {
            if cell.paragraphs.is_empty() {
                return Err(bad(
                    place(at),
                    "的单元格没有段落（空单元格也应有一个空段落）",
                ));
            }
            if cell.paragraphs.iter().any(Paragraph::is_table) {
                return Err(bad(place(at), "的单元格中不能再放表格"));
            }
            let len: usize = cell.paragraphs.iter().map(|p| p.text.chars().count()).sum();
            if len > Table::MAX_CELL_CHARS {
                return Err(bad(
                    place(at),
                    &format!("的文字过长（{len}字，上限{}字）", Table::MAX_CELL_CHARS),
                ));
            }
        }
    }
    Ok(())
}

fn check_text(what: &str, s: &str, max: usize) -> Result<(), V> {
    if s.chars().any(|c| c.is_control() && c != '\t') {
        return Err(V::ControlChars {
            what: format!(
                "{what}“{}”",
                s.chars()
                    .filter(|c| !c.is_control())
                    .take(20)
                    .collect::<String>()
            ),
        });
    }
    let len = s.chars().count();
    if len > max {
        return Err(V::TooLong {
            what: what.to_string(),
            len,
            max,
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Part, Role};

    fn doc() -> Document {
        template::latest("statutory")
            .unwrap()
            .instantiate("梅河口市人民政府", 2019, false)
            .0
    }

    fn invalid(d: &Document) -> V {
        match validate(d) {
            Err(Error::Invalid(v)) => v,
            other => panic!("expected a validation error, got {other:?}"),
        }
    }

    #[test]
    fn a_fresh_document_is_valid() {
        validate(&doc()).unwrap();
        let (d, _) = template::latest("leadership-first")
            .unwrap()
            .instantiate("某县", 2023, true);
        validate(&d).unwrap();
    }

    #[test]
    fn missing_part_is_refused() {
        let mut d = doc();
        d.parts.remove(1);
        assert_eq!(invalid(&d), V::MissingPart("存在的不足和原因"));
        assert!(validate(&d)
            .unwrap_err()
            .to_string()
            .contains("缺少法定部分"));
    }

    #[test]
    fn duplicated_part_is_refused() {
        let mut d = doc();
        let mut copy = d.parts[1].clone();
        copy.id = ids::new_id();
        copy.paragraphs
            .iter_mut()
            .for_each(|p| p.id = ids::new_id());
        d.parts.push(copy);
        assert_eq!(invalid(&d), V::DuplicatePart("存在的不足和原因"));
    }

    #[test]
    fn reordered_parts_are_refused() {
        let mut d = doc();
        d.parts.swap(0, 1);
        assert!(matches!(invalid(&d), V::WrongOrder { position: 1, .. }));
    }

    #[test]
    fn part_not_in_template_order_even_if_optional() {
        let mut d = doc();
        d.parts.insert(
            0,
            Part {
                id: ids::new_id(),
                role: Role::Other,
                heading: "其他需要报告的情况".into(),
                paragraphs: vec![],
                sections: vec![],
            },
        );
        assert!(matches!(invalid(&d), V::WrongOrder { .. }));
    }

    #[test]
    fn optional_part_at_the_end_is_accepted() {
        let mut d = doc();
        d.parts.push(Part {
            id: ids::new_id(),
            role: Role::Other,
            heading: "其他需要报告的情况".into(),
            paragraphs: vec![],
            sections: vec![],
        });
        validate(&d).unwrap();
    }

    #[test]
    fn heading_that_no_longer_names_its_item_is_refused() {
        let mut d = doc();
        d.parts[1].heading = "2019年工作亮点".into();
        assert!(matches!(
            invalid(&d),
            V::HeadingLostItem { position: 2, .. }
        ));
    }

    #[test]
    fn nesting_deeper_than_four_levels_is_refused() {
        let mut d = doc();
        let mut s4 = Section::new("（1）级");
        s4.sections.push(Section::new("第五级"));
        let mut s3 = Section::new("1.级");
        s3.sections.push(s4);
        d.parts[0].sections[0].sections.push(s3);
        assert!(matches!(invalid(&d), V::TooDeep { level: 5, .. }));
        // four levels are fine
        d.parts[0].sections[0].sections[0].sections[0]
            .sections
            .clear();
        validate(&d).unwrap();
    }

    #[test]
    fn duplicate_ids_are_refused() {
        let mut d = doc();
        let id = d.parts[0].id.clone();
        d.parts[1].id = id;
        assert!(matches!(invalid(&d), V::DuplicateId(_)));
    }

    #[test]
    fn validated_is_made_only_from_a_document_that_passes() {
        let mut d = doc();
        d.parts.remove(1);
        assert!(matches!(
            validated(d.clone()),
            Err(Error::Invalid(V::MissingPart(_)))
        ));
        assert!(matches!(checked(d), Err(Error::Invalid(V::MissingPart(_)))));
        // A document without ids: `checked` refuses it as it is, `validated`
        // gives the nodes ids first.
        let mut d = doc();
        d.preface[0].id.clear();
        assert!(matches!(
            checked(d.clone()),
            Err(Error::Invalid(V::BadId(_)))
        ));
        let v = validated(d.clone()).unwrap();
        assert!(ids::is_valid_id(&v.preface[0].id));
        assert_eq!(v.as_ref().parts, d.parts);
        let back: Document = v.clone().into_inner();
        assert_eq!(back, *v);
    }

    #[test]
    fn missing_ids_are_assigned() {
        let mut d = doc();
        d.parts[0].sections[0]
            .paragraphs
            .push(Paragraph::with_id("", "正文"));
        assert!(validate(&d).is_err());
        assign_missing_ids(&mut d);
        validate(&d).unwrap();
    }

    #[test]
    fn newlines_and_controls_are_refused() {
        let mut d = doc();
        d.preface[0].text = "第一行\n第二行".into();
        assert!(matches!(invalid(&d), V::ControlChars { .. }));
    }

    #[test]
    fn unknown_template_is_refused() {
        let mut d = doc();
        d.template.id = "nope".into();
        assert!(matches!(validate(&d), Err(Error::UnknownTemplate(_))));
    }

    #[test]
    fn doc_numbers_in_the_standard_form() {
        assert_eq!(doc_number_problem("梅政发〔2020〕1号"), None);
        assert_eq!(doc_number_problem("梅政呈〔2020〕13号"), None);
        for bad in [
            "梅政发(2020)1号",
            "梅政发【2020】1号",
            "梅政发〔20〕1号",
            "梅政发〔2020〕01号",
            "梅政发〔2020〕第1号",
            "梅政发〔2020〕1",
            "〔2020〕1号",
            "梅政发2020年1号",
        ] {
            assert!(doc_number_problem(bad).is_some(), "{bad}");
        }
    }

    #[test]
    fn fields_are_checked_one_by_one() {
        assert!(check_field("doc_number", "梅政发〔2020〕1号").is_ok());
        let e = check_field("doc_number", "梅政发(2020)1号")
            .unwrap_err()
            .to_string();
        assert!(
            e.starts_with("发文字号“梅政发(2020)1号”格式不对：年份应放在六角括号"),
            "{e}"
        );
        assert!(check_field("date", "2020-02-30").is_err());
        assert!(check_field("date", "").is_ok());
        assert!(check_field("copy_number", "000001").is_ok());
        assert!(check_field("copy_number", "1").is_err());
        assert!(check_field("urgency", "特急").is_ok());
        assert!(check_field("urgency", "很急").is_err());
        assert!(check_field("issuer", " ").is_err());
        assert!(matches!(
            check_field("title_override", &"长".repeat(201)),
            Err(V::TooLong { .. })
        ));
        assert!(check_field("signer", "张三\u{8}").is_err());
        assert!(check_field("nope", "x").is_err());
        for f in CHECKED_FIELDS {
            assert!(check_field(f, "").is_ok() || f == "issuer", "{f}");
        }
    }

    #[test]
    fn the_official_fields_are_validated_and_attachments_walked() {
        let mut d = doc();
        d.copy_number = Some("12".into());
        assert!(matches!(
            invalid(&d),
            V::BadField {
                field: "份号", ..
            }
        ));
        let mut d = doc();
        d.urgency = Some("火急".into());
        assert!(matches!(
            invalid(&d),
            V::BadField {
                field: "紧急程度",
                ..
            }
        ));
        // An imported 发文字号 in the old form still saves (校对 fixes it).
        let mut d = doc();
        d.doc_number = Some("梅政发(2020)01号".into());
        validate(&d).unwrap();
        let mut d = doc();
        d.attachments.push(crate::model::Attachment {
            id: String::new(),
            title: "附件标题".into(),
            paragraphs: vec![Paragraph::with_id("", "坏\u{7f}字")],
        });
        assign_missing_ids(&mut d);
        assert!(ids::is_valid_id(&d.attachments[0].id));
        assert!(matches!(invalid(&d), V::ControlChars { .. }));
        d.attachments[0].paragraphs[0].id = d.parts[0].id.clone();
        d.attachments[0].paragraphs[0].text = "好".into();
        assert!(matches!(invalid(&d), V::DuplicateId(_)));
    }

    #[test]
    fn bad_date_and_year_are_refused() {
        let mut d = doc();
        d.date = Some("2020-02-30".into());
        assert!(matches!(invalid(&d), V::BadDate(_)));
        let mut d = doc();
        d.year = 1999;
        assert!(matches!(invalid(&d), V::YearOutOfRange(1999)));
    }
}
