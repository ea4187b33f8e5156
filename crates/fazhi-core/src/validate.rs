//! The template check every write passes through (app command, CLI, import).
//!
//! A document is accepted only when its parts are exactly the template's
//! statutory parts, in order, each heading still naming its item, sections at
//! most four levels deep counting the part, and every id unique.

use std::collections::HashSet;

use crate::error::ValidationError as V;
use crate::model::{Document, NodeKind, Paragraph, Section, DOC_SCHEMA_VERSION};
use crate::numbering::MAX_LEVEL;
use crate::{dates, ids, template, Error};

const MAX_PARAGRAPH_CHARS: usize = 50_000;
const MAX_HEADING_CHARS: usize = 500;
const MAX_META_CHARS: usize = 200;

/// Gives every node without an id a fresh one (documents written by hand or by
/// importers may leave them out).
pub fn assign_missing_ids(doc: &mut Document) {
    fn paras(ps: &mut [Paragraph]) {
        for p in ps.iter_mut().filter(|p| p.id.is_empty()) {
            p.id = ids::new_id();
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
    Ok(())
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
            NodeKind::Paragraph => check_text("段落", node.text, MAX_PARAGRAPH_CHARS)?,
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
        d.parts[0].sections[0].paragraphs.push(Paragraph {
            id: String::new(),
            text: "正文".into(),
        });
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
    fn bad_date_and_year_are_refused() {
        let mut d = doc();
        d.date = Some("2020-02-30".into());
        assert!(matches!(invalid(&d), V::BadDate(_)));
        let mut d = doc();
        d.year = 1999;
        assert!(matches!(invalid(&d), V::YearOutOfRange(1999)));
    }
}
