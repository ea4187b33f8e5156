//! 下一年度报告: next year's report started from this year's.

use fazhi_core::{template, Document, Paragraph, Part, Role, Section};

/// A new document for `doc.year + 1`: same issuer, template and settings; the
/// section headings of the measures and plans parts kept (their bodies
/// empty), every other part and the preface empty; every year in the headings
/// and the title moved on by one; fresh ids throughout. The 成文日期 and
/// 发文字号 belong to last year's document and are cleared.
pub fn next_year(doc: &Document) -> Document {
    let old = doc.year;
    let new = old + 1;
    let parts = doc
        .parts
        .iter()
        .map(|p| {
            let keep = matches!(p.role, Role::Measures | Role::Plans);
            let sections: Vec<Section> = if keep {
                p.sections
                    .iter()
                    .map(|s| empty_section(s, old, new))
                    .collect()
            } else {
                Vec::new()
            };
            Part {
                id: fazhi_core::ids::new_id(),
                role: p.role,
                heading: p.heading.clone(),
                paragraphs: if sections.is_empty() {
                    vec![Paragraph::new("")]
                } else {
                    Vec::new()
                },
                sections,
            }
        })
        .collect();
    let mut next = Document {
        schema_version: doc.schema_version,
        issuer: doc.issuer.clone(),
        year: old,
        title_override: doc.title_override.clone(),
        addressee: doc.addressee.clone(),
        doc_number: None,
        signer: doc.signer.clone(),
        signature: doc.signature.clone(),
        date: None,
        note: doc.note.clone(),
        copy_to: doc.copy_to.clone(),
        printed_by: doc.printed_by.clone(),
        printed_on: None,
        // The 版头 carries over; 份号 and the attachments belong to one year.
        issuer_mark: doc.issuer_mark.clone(),
        copy_number: None,
        secrecy: doc.secrecy.clone(),
        urgency: doc.urgency.clone(),
        sealed: doc.sealed,
        attachments: Vec::new(),
        template: doc.template.clone(),
        settings: doc.settings.clone(),
        preface: vec![Paragraph::new("")],
        parts,
        closing: doc
            .closing
            .iter()
            .map(|p| Paragraph::new(p.text.clone()))
            .collect(),
    };
    // Part headings and the title override follow the core's rule.
    template::change_year(&mut next, new);
    next
}

fn empty_section(s: &Section, old: i32, new: i32) -> Section {
    let sections: Vec<Section> = s
        .sections
        .iter()
        .map(|c| empty_section(c, old, new))
        .collect();
    Section {
        id: fazhi_core::ids::new_id(),
        heading: template::shift_years(&s.heading, old, new),
        paragraphs: if sections.is_empty() {
            vec![Paragraph::new("")]
        } else {
            Vec::new()
        },
        sections,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    fn ids(doc: &Document) -> HashSet<String> {
        fn walk(s: &Section, out: &mut HashSet<String>) {
            out.insert(s.id.clone());
            s.paragraphs.iter().for_each(|p| {
                out.insert(p.id.clone());
            });
            s.sections.iter().for_each(|c| walk(c, out));
        }
        let mut out = HashSet::new();
        for p in doc.preface.iter().chain(&doc.closing) {
            out.insert(p.id.clone());
        }
        for part in &doc.parts {
            out.insert(part.id.clone());
            part.paragraphs.iter().for_each(|p| {
                out.insert(p.id.clone());
            });
            part.sections.iter().for_each(|s| walk(s, &mut out));
        }
        out
    }

    #[test]
    fn next_year_keeps_the_outline_and_moves_the_years() {
        let t = template::latest("statutory").unwrap();
        let (mut doc, _) = t.instantiate("梅河口市人民政府", 2019, false);
        doc.parts[0].sections[0].paragraphs = vec![Paragraph::new("去年的正文")];
        doc.parts[0].sections[1].heading = "完善2019年度制度体系".into();
        doc.parts[1].paragraphs = vec![Paragraph::new("去年的不足")];
        doc.date = Some("2020-03-13".into());
        doc.doc_number = Some("梅政发〔2020〕1号".into());
        let next = next_year(&doc);
        assert_eq!(next.year, 2020);
        assert_eq!(next.issuer, doc.issuer);
        assert_eq!(next.template, doc.template);
        assert_eq!(
            next.parts[0].heading,
            "2020年推进法治政府建设的主要举措和成效"
        );
        assert_eq!(next.parts[3].heading, "2021年推进法治政府建设的主要安排");
        assert_eq!(next.parts[0].sections.len(), doc.parts[0].sections.len());
        assert_eq!(next.parts[0].sections[1].heading, "完善2020年度制度体系");
        assert_eq!(next.parts[3].sections.len(), doc.parts[3].sections.len());
        assert!(next.plain_text().contains("2020年法治政府建设情况的报告"));
        assert!(!next.plain_text().contains("去年的"));
        assert!(next.parts[1].sections.is_empty());
        assert_eq!(next.date, None);
        assert_eq!(next.doc_number, None);
        assert!(ids(&next).is_disjoint(&ids(&doc)), "ids must be fresh");
        fazhi_core::validate::validate(&next).unwrap();
    }

    #[test]
    fn title_override_follows() {
        let t = template::latest("statutory").unwrap();
        let (mut doc, _) = t.instantiate("某县人民政府", 2022, false);
        doc.title_override = Some("某县2022年法治政府建设年度报告".into());
        assert_eq!(next_year(&doc).title(), "某县2023年法治政府建设年度报告");
    }
}
