//! Report templates and the outline table, read from the data files in
//! `assets/templates/` (embedded at build time so the installed app needs no
//! source tree).
//!
//! A template fixes which statutory parts a report has, in which order, and how
//! their headings read with the years filled in. The outline table maps a report
//! year to the national implementation outline whose tasks become part one's
//! preset sections.

use std::sync::OnceLock;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::model::{DocSettings, Document, Paragraph, Part, Role, Section, TemplateRef};
use crate::{ids, Error};

const TEMPLATE_FILES: [&str; 2] = [
    include_str!("../../../assets/templates/statutory.v1.json"),
    include_str!("../../../assets/templates/leadership-first.v1.json"),
];
const OUTLINE_FILE: &str = include_str!("../../../assets/templates/outlines.v1.json");

/// The template used when none is named.
pub const DEFAULT_TEMPLATE: &str = "statutory";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Presets {
    /// Tasks of the outline that covers the report year.
    OutlineOfYear,
    /// Tasks of the outline that covers the year after (for the plans part).
    OutlineOfNextYear,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PartSpec {
    pub role: Role,
    /// Heading with `{year}` and `{next_year}` placeholders.
    pub heading: String,
    /// A part's heading must contain one of these words to still name its item.
    pub keywords: Vec<String>,
    #[serde(default)]
    pub optional: bool,
    #[serde(default)]
    pub presets: Option<Presets>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Template {
    pub id: String,
    pub version: u32,
    pub name: String,
    pub description: String,
    pub parts: Vec<PartSpec>,
}

/// What the UI shows in the 新建报告 dialog.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct TemplateInfo {
    pub id: String,
    pub version: u32,
    pub name: String,
    pub description: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Outline {
    pub id: String,
    pub title: String,
    pub from: i32,
    pub to: i32,
    pub goal: String,
    pub tasks: Vec<String>,
}

#[derive(Debug, Deserialize)]
struct OutlineFile {
    outlines: Vec<Outline>,
}

/// The outline chosen for a year, and whether the year was outside the table.
#[derive(Debug, Clone)]
pub struct OutlineChoice<'a> {
    pub outline: &'a Outline,
    pub fallback: bool,
}

fn templates() -> &'static [Template] {
    static T: OnceLock<Vec<Template>> = OnceLock::new();
    T.get_or_init(|| {
        TEMPLATE_FILES
            .iter()
            .map(|src| serde_json::from_str(src).expect("embedded template is valid JSON"))
            .collect()
    })
}

fn outlines() -> &'static [Outline] {
    static O: OnceLock<Vec<Outline>> = OnceLock::new();
    O.get_or_init(|| {
        let f: OutlineFile =
            serde_json::from_str(OUTLINE_FILE).expect("embedded outline table is valid JSON");
        f.outlines
    })
}

pub fn list() -> Vec<TemplateInfo> {
    templates()
        .iter()
        .map(|t| TemplateInfo {
            id: t.id.clone(),
            version: t.version,
            name: t.name.clone(),
            description: t.description.clone(),
        })
        .collect()
}

pub fn get(id: &str, version: u32) -> Result<&'static Template, Error> {
    templates()
        .iter()
        .find(|t| t.id == id && t.version == version)
        .ok_or_else(|| Error::UnknownTemplate(format!("{id} v{version}")))
}

/// The newest version of a template.
pub fn latest(id: &str) -> Result<&'static Template, Error> {
    templates()
        .iter()
        .filter(|t| t.id == id)
        .max_by_key(|t| t.version)
        .ok_or_else(|| Error::UnknownTemplate(id.to_string()))
}

/// The outline for a report year; years outside the table take the nearest one
/// (the newest for later years) and say so.
pub fn outline_for_year(year: i32) -> OutlineChoice<'static> {
    let all = outlines();
    if let Some(o) = all.iter().find(|o| (o.from..=o.to).contains(&year)) {
        return OutlineChoice {
            outline: o,
            fallback: false,
        };
    }
    let outline = if year < all.iter().map(|o| o.from).min().unwrap_or(year) {
        all.iter().min_by_key(|o| o.from)
    } else {
        all.iter().max_by_key(|o| o.to)
    }
    .expect("the outline table is not empty");
    OutlineChoice {
        outline,
        fallback: true,
    }
}

impl Template {
    pub fn reference(&self) -> TemplateRef {
        TemplateRef {
            id: self.id.clone(),
            version: self.version,
        }
    }

    pub fn spec(&self, role: Role) -> Option<&PartSpec> {
        self.parts.iter().find(|p| p.role == role)
    }

    /// A part's heading with the years filled in.
    pub fn heading(&self, role: Role, year: i32) -> Option<String> {
        self.spec(role).map(|s| fill_years(&s.heading, year))
    }

    /// A fresh document: every required part (and the optional ones when asked),
    /// headings for `year`, preset sections from the outline table. The notices
    /// say what the user should know (e.g. a year past the outline table).
    pub fn instantiate(
        &self,
        issuer: &str,
        year: i32,
        include_optional: bool,
    ) -> (Document, Vec<String>) {
        let mut notices = Vec::new();
        let mut parts = Vec::new();
        for spec in &self.parts {
            if spec.optional && !include_optional {
                continue;
            }
            let sections = match spec.presets {
                None => Vec::new(),
                Some(p) => {
                    let y = match p {
                        Presets::OutlineOfYear => year,
                        Presets::OutlineOfNextYear => year + 1,
                    };
                    let choice = outline_for_year(y);
                    if choice.fallback {
                        notices.push(format!(
                            "{y}年不在纲要对照表内，已按最新的《{}》预设“{}”的小标题，请核对。",
                            choice.outline.title,
                            spec.role.label()
                        ));
                    }
                    choice
                        .outline
                        .tasks
                        .iter()
                        .map(|t| Section::new(t.clone()))
                        .collect()
                }
            };
            parts.push(Part {
                id: ids::new_id(),
                role: spec.role,
                heading: fill_years(&spec.heading, year),
                paragraphs: if sections.is_empty() {
                    vec![Paragraph::new("")]
                } else {
                    Vec::new()
                },
                sections,
            });
        }
        let doc = Document {
            schema_version: crate::model::DOC_SCHEMA_VERSION,
            issuer: issuer.trim().to_string(),
            year,
            title_override: None,
            addressee: None,
            doc_number: None,
            signer: None,
            signature: None,
            date: None,
            note: None,
            copy_to: None,
            printed_by: None,
            printed_on: None,
            issuer_mark: None,
            copy_number: None,
            secrecy: None,
            urgency: None,
            sealed: true,
            attachments: Vec::new(),
            template: self.reference(),
            settings: DocSettings::default(),
            preface: vec![Paragraph::new("")],
            parts,
            closing: Vec::new(),
        };
        notices.dedup();
        (doc, notices)
    }
}

fn fill_years(pattern: &str, year: i32) -> String {
    pattern
        .replace("{year}", &year.to_string())
        .replace("{next_year}", &(year + 1).to_string())
}

/// Moves a document to another report year: every year-bearing part heading and
/// a title override follow (the report year and the year after both shift). The
/// derived title follows by itself.
pub fn change_year(doc: &mut Document, new_year: i32) {
    let old = doc.year;
    if old == new_year {
        return;
    }
    let shift = |s: &str| shift_years(s, old, new_year);
    for part in &mut doc.parts {
        part.heading = shift(&part.heading);
    }
    if let Some(t) = &doc.title_override {
        doc.title_override = Some(shift(t));
    }
    doc.year = new_year;
}

/// Replaces `old` by `new` and `old+1` by `new+1` where they stand as whole
/// four-digit years, in one pass so that the two substitutions cannot collide.
pub fn shift_years(s: &str, old: i32, new: i32) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < chars.len() {
        let is_year_start = i + 4 <= chars.len()
            && chars[i..i + 4].iter().all(|c| c.is_ascii_digit())
            && (i == 0 || !chars[i - 1].is_ascii_digit())
            && (i + 4 == chars.len() || !chars[i + 4].is_ascii_digit());
        if is_year_start {
            let y: i32 = chars[i..i + 4]
                .iter()
                .collect::<String>()
                .parse()
                .unwrap_or(0);
            let mapped = if y == old {
                new
            } else if y == old + 1 {
                new + 1
            } else {
                y
            };
            out.push_str(&mapped.to_string());
            i += 4;
        } else {
            out.push(chars[i]);
            i += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statutory_template_has_the_four_parts_in_order() {
        let t = latest(DEFAULT_TEMPLATE).unwrap();
        let roles: Vec<Role> = t
            .parts
            .iter()
            .filter(|p| !p.optional)
            .map(|p| p.role)
            .collect();
        assert_eq!(
            roles,
            [
                Role::Measures,
                Role::Shortcomings,
                Role::Leadership,
                Role::Plans
            ]
        );
    }

    #[test]
    fn headings_carry_the_years() {
        let t = latest(DEFAULT_TEMPLATE).unwrap();
        let (doc, notices) = t.instantiate("梅河口市人民政府", 2019, false);
        assert!(notices.is_empty());
        assert_eq!(doc.parts.len(), 4);
        assert_eq!(
            doc.parts[0].heading,
            "2019年推进法治政府建设的主要举措和成效"
        );
        assert_eq!(doc.parts[3].heading, "2020年推进法治政府建设的主要安排");
        assert_eq!(
            doc.title(),
            "梅河口市人民政府关于2019年法治政府建设情况的报告"
        );
    }

    #[test]
    fn outline_presets_follow_the_year() {
        let t = latest(DEFAULT_TEMPLATE).unwrap();
        let (doc, _) = t.instantiate("某县人民政府", 2019, false);
        assert_eq!(doc.parts[0].sections.len(), 8);
        assert_eq!(doc.parts[0].sections[0].heading, "依法全面履行政府职能");
        assert_eq!(doc.parts[3].sections[0].heading, "依法全面履行政府职能");
        let (doc, _) = t.instantiate("某县人民政府", 2020, false);
        // plans for 2021 follow the 2021—2025 outline
        assert_eq!(doc.parts[3].sections[0].heading, "健全政府机构职能体系");
        let (doc, _) = t.instantiate("某县人民政府", 2022, false);
        assert_eq!(doc.parts[0].sections.len(), 9);
    }

    #[test]
    fn year_past_the_table_falls_back_and_says_so() {
        let t = latest(DEFAULT_TEMPLATE).unwrap();
        let (doc, notices) = t.instantiate("某县人民政府", 2027, false);
        assert!(!notices.is_empty(), "a fallback must be announced");
        assert!(notices[0].contains("2021—2025"));
        assert_eq!(doc.parts[0].sections[0].heading, "健全政府机构职能体系");
        assert!(outline_for_year(2027).fallback);
        assert!(!outline_for_year(2025).fallback);
    }

    #[test]
    fn leadership_first_variant_starts_with_leadership() {
        let t = latest("leadership-first").unwrap();
        let (doc, _) = t.instantiate("某县人民政府", 2023, true);
        assert_eq!(doc.parts[0].role, Role::Leadership);
        assert_eq!(doc.parts.last().map(|p| p.role), Some(Role::Other));
    }

    #[test]
    fn changing_the_year_moves_every_year_bearing_heading() {
        let t = latest(DEFAULT_TEMPLATE).unwrap();
        let (mut doc, _) = t.instantiate("梅河口市人民政府", 2019, false);
        change_year(&mut doc, 2020);
        assert_eq!(
            doc.parts[0].heading,
            "2020年推进法治政府建设的主要举措和成效"
        );
        assert_eq!(doc.parts[3].heading, "2021年推进法治政府建设的主要安排");
        assert!(doc.title().contains("2020年"));
    }

    #[test]
    fn year_shift_leaves_other_numbers_alone() {
        assert_eq!(
            shift_years("2019年和2020年，共20190项", 2019, 2020),
            "2020年和2021年，共20190项"
        );
    }
}
