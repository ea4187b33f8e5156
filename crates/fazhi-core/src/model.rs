//! The report document: what a report holds, as stored (JSON) and sent over IPC.
//!
//! Numbering (一、（一）1.（1）) is never stored: it is derived from position
//! (see [`crate::numbering`]). Every part, section and paragraph carries a stable id
//! so that comments, checks and diffs can anchor to it.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Version of the document JSON layout. Bumped when the shape changes; the store
/// refuses documents written by a newer version.
pub const DOC_SCHEMA_VERSION: u32 = 1;

/// Statutory role of a top-level part (厅字〔2019〕28号 第二十五条).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
#[ts(export)]
pub enum Role {
    /// 主要举措和成效
    Measures,
    /// 存在的不足和原因
    Shortcomings,
    /// 党政主要负责人履行第一责任人职责情况
    Leadership,
    /// 下一年度主要安排
    Plans,
    /// 其他需要报告的情况（可选）
    Other,
}

impl Role {
    pub const ALL: [Role; 5] = [
        Role::Measures,
        Role::Shortcomings,
        Role::Leadership,
        Role::Plans,
        Role::Other,
    ];

    /// The statutory item in words, as used in messages.
    pub fn label(self) -> &'static str {
        match self {
            Role::Measures => "主要举措和成效",
            Role::Shortcomings => "存在的不足和原因",
            Role::Leadership => "第一责任人履职情况",
            Role::Plans => "下一年度主要安排",
            Role::Other => "其他需要报告的情况",
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Measures => "measures",
            Role::Shortcomings => "shortcomings",
            Role::Leadership => "leadership",
            Role::Plans => "plans",
            Role::Other => "other",
        }
    }
}

/// A paragraph of text, or a table standing where paragraphs stand (preface,
/// parts, sections, closing, attachments, never inside a table's cell).
/// A table paragraph's `text` is empty: its text lives in its cells.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Paragraph {
    #[serde(default)]
    pub id: String,
    /// Empty for a table.
    #[serde(default)]
    pub text: String,
    /// Set when this block is a table (GB/T 9704 §8); see [`Table`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub table: Option<Table>,
}

/// A table (表格): optional title (表题) printed centred above it, header rows
/// repeated on every page it spans, rows of cells. Merged cells are written
/// once, where they start (as in HTML): a cell with `colspan` 2 covers the
/// next column of its row, one with `rowspan` 2 the same columns of the next
/// row, and the covered places hold no cell of their own. After the merges
/// every row covers the same number of columns ([`Table::grid`]).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Table {
    /// 表题, e.g. 2023年度行政复议、行政诉讼案件情况统计表; printed centred above.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub title: Option<String>,
    /// How many of the first rows are header rows (表头), repeated at the top
    /// of every page the table spans.
    #[serde(default)]
    pub header_rows: u32,
    pub rows: Vec<Vec<Cell>>,
    /// Relative column widths, one per grid column (proportions only: `[1, 3, 1]`
    /// gives the middle column three fifths). Empty: outputs choose.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[ts(as = "Option<Vec<u32>>", optional)]
    pub widths: Vec<u32>,
    /// Size of the cells' text; the body size (三号) when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub cell_size: Option<CellSize>,
}

/// The type size of a table's cells: GB/T 9704 allows a smaller size than the
/// body's 三号 for dense tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
#[ts(export)]
pub enum CellSize {
    /// 三号, 16 pt: the body's size.
    #[default]
    Sanhao,
    /// 四号, 14 pt.
    Sihao,
    /// 小四, 12 pt.
    Xiaosi,
}

impl CellSize {
    pub fn points(self) -> f32 {
        match self {
            CellSize::Sanhao => 16.0,
            CellSize::Sihao => 14.0,
            CellSize::Xiaosi => 12.0,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            CellSize::Sanhao => "三号",
            CellSize::Sihao => "四号",
            CellSize::Xiaosi => "小四",
        }
    }
}

/// One cell: its paragraphs (at least one; each with its own id, so comments,
/// checks and changes anchor to cell text like any paragraph) and how many
/// grid columns and rows it covers. Reads `{ "text": "…" }` as a cell of one
/// paragraph; always written with `paragraphs`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Cell {
    pub colspan: u32,
    pub rowspan: u32,
    pub paragraphs: Vec<Paragraph>,
}

/// What a cell may be written as: with `paragraphs`, or with the `text`
/// shorthand of one paragraph.
#[derive(Deserialize)]
struct CellInput {
    #[serde(default = "one")]
    colspan: u32,
    #[serde(default = "one")]
    rowspan: u32,
    #[serde(default)]
    paragraphs: Option<Vec<Paragraph>>,
    #[serde(default)]
    text: Option<String>,
}

fn one() -> u32 {
    1
}

impl<'de> Deserialize<'de> for Cell {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let c = CellInput::deserialize(d)?;
        let mut paragraphs = c.paragraphs.unwrap_or_default();
        if let Some(text) = c.text {
            // `text` is one more paragraph (before any given ones): never lost.
            paragraphs.insert(
                0,
                Paragraph {
                    id: String::new(),
                    text,
                    table: None,
                },
            );
        }
        if paragraphs.is_empty() {
            paragraphs.push(Paragraph {
                id: String::new(),
                text: String::new(),
                table: None,
            });
        }
        Ok(Cell {
            colspan: c.colspan,
            rowspan: c.rowspan,
            paragraphs,
        })
    }
}

impl Cell {
    /// A 1×1 cell of one paragraph with a fresh id.
    pub fn new(text: impl Into<String>) -> Self {
        Cell {
            colspan: 1,
            rowspan: 1,
            paragraphs: vec![Paragraph::new(text)],
        }
    }

    pub fn spanning(text: impl Into<String>, colspan: u32, rowspan: u32) -> Self {
        Cell {
            colspan,
            rowspan,
            ..Cell::new(text)
        }
    }

    /// The cell's text, paragraphs joined by a line break.
    pub fn text(&self) -> String {
        self.paragraphs
            .iter()
            .map(|p| p.text.as_str())
            .collect::<Vec<_>>()
            .join("\n")
    }
}

/// Where a cell stands in its table's grid (0-based), as [`Table::grid`] finds it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct CellAt {
    /// Row of the cell's top-left corner.
    pub row: usize,
    /// Grid column of its top-left corner (covered places counted).
    pub col: usize,
    /// Index of the cell in `rows[row]`.
    pub index: usize,
}

/// Why a table's cells do not make a rectangle ([`Table::grid`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GridError {
    /// A span of 0.
    ZeroSpan { at: CellAt },
    /// A cell runs below the last row.
    RowspanPastEnd { at: CellAt },
    /// Two cells cover the same place (a cell written where a span already is).
    Overlap { at: CellAt },
    /// Row `row` covers `found` columns, the first row `expected`.
    Ragged {
        row: usize,
        expected: usize,
        found: usize,
    },
    /// A row with no cell at all (not even covered by a rowspan).
    EmptyRow { row: usize },
    /// A cell reaches past [`Table::MAX_COLUMNS`].
    TooWide { at: CellAt },
}

/// The laid-out grid of a table: each cell's place, and the column count.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Grid {
    pub columns: usize,
    /// Per row, per cell of `rows[row]`, its place.
    pub places: Vec<Vec<CellAt>>,
}

impl Table {
    /// Most rows a table may have (a long statistics table fits easily).
    pub const MAX_ROWS: usize = 2_000;
    /// Most grid columns: far beyond what a landscape A4 page can show.
    pub const MAX_COLUMNS: usize = 60;
    /// Most characters in one cell (all its paragraphs).
    pub const MAX_CELL_CHARS: usize = 5_000;

    /// A table of plain texts (one paragraph per cell, no merges), the first
    /// `header_rows` rows its header.
    pub fn from_texts<R, C>(rows: R, header_rows: u32) -> Self
    where
        R: IntoIterator<Item = C>,
        C: IntoIterator,
        C::Item: Into<String>,
    {
        Table {
            header_rows,
            rows: rows
                .into_iter()
                .map(|r| r.into_iter().map(Cell::new).collect())
                .collect(),
            ..Table::default()
        }
    }

    /// Places every cell on the grid: rows are filled left to right, skipping
    /// places covered by a rowspan from above. Errors when the merges do not
    /// make a rectangle (every row the same width, no overlap, no span past
    /// the last row). Sizes are the caller's to cap first: the work is
    /// rows × columns.
    pub fn grid(&self) -> Result<Grid, GridError> {
        // covered[c] = rows still covered in column c by a cell from above.
        let mut covered: Vec<u32> = Vec::new();
        let mut places = Vec::with_capacity(self.rows.len());
        let mut columns = None;
        let n_rows = self.rows.len();
        for (r, row) in self.rows.iter().enumerate() {
            let mut col = 0usize;
            let mut row_places = Vec::with_capacity(row.len());
            for (i, cell) in row.iter().enumerate() {
                let at = CellAt {
                    row: r,
                    col,
                    index: i,
                };
                if cell.colspan == 0 || cell.rowspan == 0 {
                    return Err(GridError::ZeroSpan { at });
                }
                while covered.get(col).is_some_and(|&n| n > 0) {
                    col += 1;
                }
                let at = CellAt { col, ..at };
                if r.saturating_add(cell.rowspan as usize) > n_rows {
                    return Err(GridError::RowspanPastEnd { at });
                }
                let end = col.saturating_add(cell.colspan as usize);
                if end > Self::MAX_COLUMNS {
                    return Err(GridError::TooWide { at });
                }
                if covered.len() < end {
                    covered.resize(end, 0);
                }
                if covered[col..end].iter().any(|&n| n > 0) {
                    return Err(GridError::Overlap { at });
                }
                // This row counts as one of the span's rows: store the rest + 1,
                // decremented at the end of the row.
                covered[col..end].iter_mut().for_each(|n| *n = cell.rowspan);
                row_places.push(at);
                col = end;
            }
            // The row's width: its own cells and whatever spans cover it.
            let width = covered
                .iter()
                .rposition(|&n| n > 0)
                .map_or(0, |last| last + 1)
                .max(col);
            if width == 0 {
                return Err(GridError::EmptyRow { row: r });
            }
            match columns {
                None => columns = Some(width),
                Some(expected) if expected != width => {
                    return Err(GridError::Ragged {
                        row: r,
                        expected,
                        found: width,
                    })
                }
                _ => {}
            }
            let expected = columns.unwrap_or(width);
            // A hole inside the row (a covered place missing) is a ragged row.
            let filled = (0..expected)
                .filter(|&c| covered.get(c).is_some_and(|&n| n > 0))
                .count();
            if filled != expected {
                return Err(GridError::Ragged {
                    row: r,
                    expected,
                    found: filled,
                });
            }
            covered.iter_mut().for_each(|n| *n = n.saturating_sub(1));
            places.push(row_places);
        }
        Ok(Grid {
            columns: columns.unwrap_or(0),
            places,
        })
    }

    /// Every paragraph of every cell, row by row, cell by cell.
    pub fn paragraphs(&self) -> impl Iterator<Item = &Paragraph> {
        self.rows.iter().flatten().flat_map(|c| c.paragraphs.iter())
    }

    pub fn paragraphs_mut(&mut self) -> impl Iterator<Item = &mut Paragraph> {
        self.rows
            .iter_mut()
            .flatten()
            .flat_map(|c| c.paragraphs.iter_mut())
    }

    /// The number of cells written (merged cells once).
    pub fn cell_count(&self) -> usize {
        self.rows.iter().map(Vec::len).sum()
    }

    /// The table as plain-text lines for a terminal or a text file: the title
    /// as `表：…`, then one `| a | b |` line per row (a merged cell's text in
    /// its first place, the places it covers empty), a `|---|` line under the
    /// header rows.
    pub fn text_lines(&self) -> Vec<String> {
        let mut out = Vec::new();
        if let Some(t) = self.title.as_deref().filter(|t| !t.is_empty()) {
            out.push(format!("表：{t}"));
        }
        let grid = self.grid().ok();
        let columns = grid.as_ref().map_or_else(
            || self.rows.iter().map(Vec::len).max().unwrap_or(0),
            |g| g.columns,
        );
        for (r, row) in self.rows.iter().enumerate() {
            let mut places = vec![String::new(); columns];
            for (i, cell) in row.iter().enumerate() {
                let col = grid
                    .as_ref()
                    .and_then(|g| g.places.get(r)?.get(i))
                    .map_or(i, |at| at.col);
                if let Some(place) = places.get_mut(col) {
                    *place = cell.text().replace('\n', "／");
                }
            }
            out.push(format!("| {} |", places.join(" | ")));
            if r + 1 == self.header_rows as usize {
                out.push(format!("|{}", "---|".repeat(columns)));
            }
        }
        out
    }
}

/// A numbered section inside a part: （一） at depth 1, 1. at depth 2, （1） at depth 3.
/// Its paragraphs come before its subsections.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Section {
    #[serde(default)]
    pub id: String,
    /// The heading without its number, e.g. 依法全面履行政府职能
    pub heading: String,
    #[serde(default)]
    pub paragraphs: Vec<Paragraph>,
    #[serde(default)]
    pub sections: Vec<Section>,
}

/// A top-level part (一、二、三、四、五). The heading comes from the template; the
/// role says which statutory item the part is, whatever its wording.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Part {
    #[serde(default)]
    pub id: String,
    pub role: Role,
    pub heading: String,
    /// Paragraphs that stand before the part's first section.
    #[serde(default)]
    pub paragraphs: Vec<Paragraph>,
    #[serde(default)]
    pub sections: Vec<Section>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct TemplateRef {
    pub id: String,
    pub version: u32,
}

/// How section headings are shown and exported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum HeadingStyle {
    /// The heading on its own line.
    #[default]
    Separate,
    /// （一）依法全面履行政府职能。followed by the first paragraph's text.
    RunIn,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct DocSettings {
    #[serde(default)]
    pub heading_style: HeadingStyle,
}

/// An 附件: its title and its text, printed on its own pages after the body
/// (GB/T 9704 7.3.7); listed in the 附件说明 under the body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Attachment {
    #[serde(default)]
    pub id: String,
    pub title: String,
    #[serde(default)]
    pub paragraphs: Vec<Paragraph>,
}

impl Attachment {
    pub fn new(title: impl Into<String>) -> Self {
        Attachment {
            id: crate::ids::new_id(),
            title: title.into(),
            paragraphs: Vec::new(),
        }
    }
}

fn sealed_default() -> bool {
    true
}

/// The whole content of a report. Workflow state (status, timestamps, version)
/// lives beside it in the store, not inside it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Document {
    #[serde(default = "default_schema")]
    pub schema_version: u32,
    /// 发文机关, e.g. 梅河口市人民政府
    pub issuer: String,
    /// The year reported on (the 2019 report is written in 2020).
    pub year: i32,
    /// Replaces the derived title when set.
    #[serde(default)]
    pub title_override: Option<String>,
    /// 主送机关
    #[serde(default)]
    pub addressee: Option<String>,
    /// 发文字号, e.g. 梅政发〔2020〕1号
    #[serde(default)]
    pub doc_number: Option<String>,
    /// 签发人
    #[serde(default)]
    pub signer: Option<String>,
    /// 署名; the issuer when not set.
    #[serde(default)]
    pub signature: Option<String>,
    /// 成文日期 as ISO `YYYY-MM-DD`; rendered 2020年3月13日.
    #[serde(default)]
    pub date: Option<String>,
    /// 附注, e.g. 此件公开发布
    #[serde(default)]
    pub note: Option<String>,
    /// 版记: 抄送机关, e.g. 市委办公室，市人大常委会办公室 (filing profile only).
    #[serde(default)]
    pub copy_to: Option<String>,
    /// 版记: 印发机关, e.g. 梅河口市人民政府办公室 (filing profile only).
    #[serde(default)]
    pub printed_by: Option<String>,
    /// 版记: 印发日期 as ISO `YYYY-MM-DD` (filing profile only).
    #[serde(default)]
    pub printed_on: Option<String>,
    /// 发文机关标志 in the 版头 (e.g. 梅河口市人民政府文件); the issuer when not set.
    /// Joint issuers: one per line.
    #[serde(default)]
    #[ts(optional = nullable)]
    pub issuer_mark: Option<String>,
    /// 份号: 6 Arabic digits (filing profile only).
    #[serde(default)]
    #[ts(optional = nullable)]
    pub copy_number: Option<String>,
    /// 密级和保密期限, e.g. 秘密★1年 (filing profile only).
    #[serde(default)]
    #[ts(optional = nullable)]
    pub secrecy: Option<String>,
    /// 紧急程度: 特急 or 加急 (filing profile only).
    #[serde(default)]
    #[ts(optional = nullable)]
    pub urgency: Option<String>,
    /// Whether the filed copy is sealed (加盖印章): decides where signature and
    /// date stand (GB/T 9704 7.3.5). Sealed when absent.
    #[serde(default = "sealed_default")]
    #[ts(as = "Option<bool>", optional)]
    pub sealed: bool,
    /// 附件, after the closing; each printed on its own pages.
    #[serde(default)]
    #[ts(as = "Option<Vec<Attachment>>", optional)]
    pub attachments: Vec<Attachment>,
    pub template: TemplateRef,
    #[serde(default)]
    pub settings: DocSettings,
    #[serde(default)]
    pub preface: Vec<Paragraph>,
    pub parts: Vec<Part>,
    /// Paragraphs after the last part, before the signature.
    #[serde(default)]
    pub closing: Vec<Paragraph>,
}

fn default_schema() -> u32 {
    DOC_SCHEMA_VERSION
}

/// The 版记's lines as printed ([`Document::imprint_text`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImprintText {
    /// `抄送：A，B。`
    pub copy_to: Option<String>,
    pub printed_by: Option<String>,
    /// `2020年3月13日印发`
    pub printed_on: Option<String>,
}

impl Document {
    /// The title: the override when set, else 〈issuer〉关于〈year〉年法治政府建设情况的报告.
    pub fn title(&self) -> String {
        match &self.title_override {
            Some(t) if !t.trim().is_empty() => t.clone(),
            _ => derived_title(&self.issuer, self.year),
        }
    }

    /// The signature line: the explicit one, else the issuer.
    pub fn signature_or_issuer(&self) -> &str {
        match &self.signature {
            Some(s) if !s.trim().is_empty() => s,
            _ => &self.issuer,
        }
    }

    /// The date in official form (2020年3月13日), if it parses.
    pub fn date_official(&self) -> Option<String> {
        self.date.as_deref().and_then(crate::dates::iso_to_official)
    }

    /// The 版记's wording (GB/T 9704 7.4), the same in every export: `抄送：A，B。`,
    /// the 印发机关, and `2020年3月13日印发`. `None` when none of the three is given.
    pub fn imprint_text(&self) -> Option<ImprintText> {
        let given = |o: &Option<String>| {
            o.as_deref()
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_string)
        };
        let im = ImprintText {
            copy_to: given(&self.copy_to)
                .map(|c| format!("抄送：{}。", c.trim_end_matches(['。', '，', '、', '；']))),
            printed_by: given(&self.printed_by),
            printed_on: self
                .printed_on
                .as_deref()
                .and_then(crate::dates::iso_to_official)
                .map(|d| format!("{d}印发")),
        };
        (im.copy_to.is_some() || im.printed_by.is_some() || im.printed_on.is_some()).then_some(im)
    }

    pub fn part(&self, role: Role) -> Option<&Part> {
        self.parts.iter().find(|p| p.role == role)
    }

    /// Every node of the document in reading order: preface paragraphs, then
    /// each part (its heading, its paragraphs, its sections depth first, each
    /// heading before its paragraphs and subsections), then the closing
    /// paragraphs, then each attachment (its title, then its paragraphs). A
    /// table is a [`NodeKind::Table`] node (text: its title) followed by its
    /// cells' paragraphs, row by row, as [`NodeKind::Paragraph`] nodes with
    /// `cell` set and `parent_id` the table's id. The one walk over the tree:
    /// search rows, anchors, the template check, diffs and counts are built on it.
    pub fn nodes(&self) -> Nodes<'_> {
        Nodes {
            doc: self,
            stage: Stage::Preface(0),
            stack: Vec::new(),
            cells: None,
        }
    }

    /// Every paragraph in reading order, with the id of the part/section that holds it
    /// (`None` for preface and closing; the table's id for a cell's paragraph).
    /// A table's own block is not listed (it has no text); its cells' paragraphs are.
    pub fn paragraphs(&self) -> Vec<(&Paragraph, Option<&str>)> {
        self.nodes()
            .filter_map(|n| match n.item {
                NodeRef::Paragraph(p) => Some((p, n.parent_id)),
                _ => None,
            })
            .collect()
    }

    /// All the text of the report in reading order, headings included, one block
    /// per line. Used for full-text search and character counts.
    pub fn plain_text(&self) -> String {
        let mut out = vec![self.title()];
        if let Some(a) = &self.addressee {
            out.push(a.clone());
        }
        out.extend(
            self.nodes()
                .filter(|n| !(n.kind == NodeKind::Table && n.text.is_empty()))
                .map(|n| n.text.to_string()),
        );
        out.join("\n")
    }

    /// The paragraph with this id wherever it stands: in the preface, a part,
    /// a section, the closing, an attachment, or a table's cell (a table's own
    /// block included).
    pub fn paragraph_mut(&mut self, id: &str) -> Option<&mut Paragraph> {
        fn in_list<'a>(ps: &'a mut [Paragraph], id: &str) -> Option<&'a mut Paragraph> {
            ps.iter_mut().find_map(|p| {
                if p.id == id {
                    return Some(p);
                }
                p.table.as_mut()?.paragraphs_mut().find(|c| c.id == id)
            })
        }
        fn in_section<'a>(s: &'a mut Section, id: &str) -> Option<&'a mut Paragraph> {
            if let Some(p) = in_list(&mut s.paragraphs, id) {
                return Some(p);
            }
            s.sections.iter_mut().find_map(|c| in_section(c, id))
        }
        if let Some(p) = in_list(&mut self.preface, id) {
            return Some(p);
        }
        for part in &mut self.parts {
            if let Some(p) = in_list(&mut part.paragraphs, id) {
                return Some(p);
            }
            if let Some(p) = part.sections.iter_mut().find_map(|s| in_section(s, id)) {
                return Some(p);
            }
        }
        if let Some(p) = in_list(&mut self.closing, id) {
            return Some(p);
        }
        self.attachments
            .iter_mut()
            .find_map(|a| in_list(&mut a.paragraphs, id))
    }

    /// Whether the document holds a table anywhere.
    pub fn has_tables(&self) -> bool {
        self.nodes().any(|n| n.kind == NodeKind::Table)
    }
}

/// What a [`Node`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum NodeKind {
    /// A top-level part; its text is the heading.
    Part,
    /// A (nested) section; its text is the heading.
    Section,
    /// A paragraph of the preface, of a part or section, of the closing or of
    /// an attachment.
    Paragraph,
    /// An 附件; its text is the attachment's title.
    Attachment,
    /// A table standing among paragraphs (a [`Paragraph`] whose `table` is
    /// set); its text is the table's title (表题), empty when it has none.
    /// Its cells' paragraphs follow it as [`NodeKind::Paragraph`] nodes whose
    /// `cell` is set.
    Table,
}

/// Where a paragraph stands outside the parts, or that it is inside one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Region {
    Preface,
    Body,
    Closing,
    /// An 附件's title and paragraphs.
    Attachment,
}

/// The node itself, for callers that need more than its text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NodeRef<'a> {
    Part(&'a Part),
    Section(&'a Section),
    Paragraph(&'a Paragraph),
    Attachment(&'a Attachment),
    /// The paragraph holding the table (its `table` is `Some`).
    Table(&'a Paragraph, &'a Table),
}

/// One node of [`Document::nodes`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Node<'a> {
    pub id: &'a str,
    pub kind: NodeKind,
    /// The heading (part, section) or the paragraph's text.
    pub text: &'a str,
    /// Heading level counting the part as 1 (section （一） is 2, 1. is 3,
    /// （1） is 4); for a paragraph, the level of the heading it stands under
    /// (0 in the preface and closing).
    pub level: usize,
    /// Position among its siblings of the same kind (parts among parts,
    /// sections among the sections of one parent, paragraphs among the
    /// paragraphs of one holder): `numbering::prefix(level, index)` for headings.
    pub index: usize,
    /// Top-level part holding the node (itself for a part; `None` for preface,
    /// closing and attachments).
    pub part_id: Option<&'a str>,
    /// The part, section or attachment directly holding the node (`None` for
    /// parts, attachments and preface and closing paragraphs and tables);
    /// for a cell's paragraph, the table's id.
    pub parent_id: Option<&'a str>,
    pub region: Region,
    pub item: NodeRef<'a>,
    /// For a cell's paragraph: where its cell stands in the table (`index`
    /// above is then the paragraph's place inside the cell).
    pub cell: Option<CellAt>,
}

#[derive(Debug, Clone, Copy)]
enum Stage {
    Preface(usize),
    Parts(usize),
    Closing(usize),
    Attachments(usize),
    Done,
}

/// A container whose children are still being visited.
#[derive(Debug)]
struct Frame<'a> {
    id: &'a str,
    /// `None` inside an attachment.
    part_id: Option<&'a str>,
    region: Region,
    level: usize,
    paragraphs: &'a [Paragraph],
    sections: &'a [Section],
    next_paragraph: usize,
    next_section: usize,
}

/// The iterator of [`Document::nodes`] (depth first, no allocation per node
/// beyond one grid per table).
#[derive(Debug)]
pub struct Nodes<'a> {
    doc: &'a Document,
    stage: Stage,
    stack: Vec<Frame<'a>>,
    /// The table whose cells are being visited.
    cells: Option<Cells<'a>>,
}

/// The cursor over one table's cell paragraphs.
#[derive(Debug)]
struct Cells<'a> {
    table: &'a Table,
    table_id: &'a str,
    /// The cells' places; `None` when the table is not rectangular (nodes()
    /// also walks documents before validation): the column is then the
    /// cell's index in its row.
    places: Option<Vec<Vec<CellAt>>>,
    level: usize,
    part_id: Option<&'a str>,
    region: Region,
    row: usize,
    cell: usize,
    paragraph: usize,
}

impl<'a> Cells<'a> {
    fn next(&mut self) -> Option<Node<'a>> {
        loop {
            let row = self.table.rows.get(self.row)?;
            let Some(cell) = row.get(self.cell) else {
                (self.row, self.cell, self.paragraph) = (self.row + 1, 0, 0);
                continue;
            };
            let Some(p) = cell.paragraphs.get(self.paragraph) else {
                (self.cell, self.paragraph) = (self.cell + 1, 0);
                continue;
            };
            self.paragraph += 1;
            let at = self
                .places
                .as_ref()
                .and_then(|g| g.get(self.row)?.get(self.cell).copied())
                .unwrap_or(CellAt {
                    row: self.row,
                    col: self.cell,
                    index: self.cell,
                });
            return Some(Node {
                id: &p.id,
                kind: NodeKind::Paragraph,
                text: &p.text,
                level: self.level,
                index: self.paragraph - 1,
                part_id: self.part_id,
                parent_id: Some(self.table_id),
                region: self.region,
                item: NodeRef::Paragraph(p),
                cell: Some(at),
            });
        }
    }
}

impl<'a> Nodes<'a> {
    /// The node of a paragraph standing in a holder, or of a table (whose
    /// cells are then visited next).
    #[allow(clippy::too_many_arguments)]
    fn paragraph(
        &mut self,
        p: &'a Paragraph,
        level: usize,
        index: usize,
        part_id: Option<&'a str>,
        parent_id: Option<&'a str>,
        region: Region,
    ) -> Node<'a> {
        let mut node = Node {
            id: &p.id,
            kind: NodeKind::Paragraph,
            text: &p.text,
            level,
            index,
            part_id,
            parent_id,
            region,
            item: NodeRef::Paragraph(p),
            cell: None,
        };
        if let Some(t) = &p.table {
            node.kind = NodeKind::Table;
            node.text = t.title.as_deref().unwrap_or("");
            node.item = NodeRef::Table(p, t);
            self.cells = Some(Cells {
                table: t,
                table_id: &p.id,
                places: t.grid().ok().map(|g| g.places),
                level,
                part_id,
                region,
                row: 0,
                cell: 0,
                paragraph: 0,
            });
        }
        node
    }
}

impl<'a> Iterator for Nodes<'a> {
    type Item = Node<'a>;

    fn next(&mut self) -> Option<Node<'a>> {
        let doc = self.doc;
        loop {
            if let Some(cells) = self.cells.as_mut() {
                match cells.next() {
                    Some(n) => return Some(n),
                    None => self.cells = None,
                }
            }
            if let Some(top) = self.stack.last_mut() {
                if let Some(p) = top.paragraphs.get(top.next_paragraph) {
                    top.next_paragraph += 1;
                    let (level, index, part_id, parent, region) = (
                        top.level,
                        top.next_paragraph - 1,
                        top.part_id,
                        top.id,
                        top.region,
                    );
                    return Some(self.paragraph(p, level, index, part_id, Some(parent), region));
                }
                if let Some(s) = top.sections.get(top.next_section) {
                    top.next_section += 1;
                    let (index, parent, part_id, level) =
                        (top.next_section - 1, top.id, top.part_id, top.level + 1);
                    self.stack.push(Frame {
                        id: &s.id,
                        part_id,
                        region: Region::Body,
                        level,
                        paragraphs: &s.paragraphs,
                        sections: &s.sections,
                        next_paragraph: 0,
                        next_section: 0,
                    });
                    return Some(Node {
                        id: &s.id,
                        kind: NodeKind::Section,
                        text: &s.heading,
                        level,
                        index,
                        part_id,
                        parent_id: Some(parent),
                        region: Region::Body,
                        item: NodeRef::Section(s),
                        cell: None,
                    });
                }
                self.stack.pop();
                continue;
            }
            match self.stage {
                Stage::Preface(i) => match doc.preface.get(i) {
                    Some(p) => {
                        self.stage = Stage::Preface(i + 1);
                        return Some(self.paragraph(p, 0, i, None, None, Region::Preface));
                    }
                    None => self.stage = Stage::Parts(0),
                },
                Stage::Parts(i) => match doc.parts.get(i) {
                    Some(part) => {
                        self.stage = Stage::Parts(i + 1);
                        self.stack.push(Frame {
                            id: &part.id,
                            part_id: Some(&part.id),
                            region: Region::Body,
                            level: 1,
                            paragraphs: &part.paragraphs,
                            sections: &part.sections,
                            next_paragraph: 0,
                            next_section: 0,
                        });
                        return Some(Node {
                            id: &part.id,
                            kind: NodeKind::Part,
                            text: &part.heading,
                            level: 1,
                            index: i,
                            part_id: Some(&part.id),
                            parent_id: None,
                            region: Region::Body,
                            item: NodeRef::Part(part),
                            cell: None,
                        });
                    }
                    None => self.stage = Stage::Closing(0),
                },
                Stage::Closing(i) => match doc.closing.get(i) {
                    Some(p) => {
                        self.stage = Stage::Closing(i + 1);
                        return Some(self.paragraph(p, 0, i, None, None, Region::Closing));
                    }
                    None => self.stage = Stage::Attachments(0),
                },
                Stage::Attachments(i) => match doc.attachments.get(i) {
                    Some(a) => {
                        self.stage = Stage::Attachments(i + 1);
                        // Paragraphs of an attachment stand at level 0, like
                        // the preface's: an attachment has no numbered headings.
                        self.stack.push(Frame {
                            id: &a.id,
                            part_id: None,
                            region: Region::Attachment,
                            level: 0,
                            paragraphs: &a.paragraphs,
                            sections: &[],
                            next_paragraph: 0,
                            next_section: 0,
                        });
                        return Some(Node {
                            id: &a.id,
                            kind: NodeKind::Attachment,
                            text: &a.title,
                            level: 0,
                            index: i,
                            part_id: None,
                            parent_id: None,
                            region: Region::Attachment,
                            item: NodeRef::Attachment(a),
                            cell: None,
                        });
                    }
                    None => self.stage = Stage::Done,
                },
                Stage::Done => return None,
            }
        }
    }
}

pub fn derived_title(issuer: &str, year: i32) -> String {
    format!("{}关于{}年法治政府建设情况的报告", issuer.trim(), year)
}

impl Paragraph {
    pub fn new(text: impl Into<String>) -> Self {
        Paragraph {
            id: crate::ids::new_id(),
            text: text.into(),
            table: None,
        }
    }

    /// A paragraph with the given id (empty: assigned at the next save).
    pub fn with_id(id: impl Into<String>, text: impl Into<String>) -> Self {
        Paragraph {
            id: id.into(),
            text: text.into(),
            table: None,
        }
    }

    /// A block holding `table`, with a fresh id.
    pub fn table(table: Table) -> Self {
        Paragraph {
            id: crate::ids::new_id(),
            text: String::new(),
            table: Some(table),
        }
    }

    pub fn is_table(&self) -> bool {
        self.table.is_some()
    }

    /// The paragraph as plain-text lines: its text, or a table's
    /// [`Table::text_lines`].
    pub fn text_lines(&self) -> Vec<String> {
        match &self.table {
            Some(t) => t.text_lines(),
            None => vec![self.text.clone()],
        }
    }
}

impl Section {
    pub fn new(heading: impl Into<String>) -> Self {
        Section {
            id: crate::ids::new_id(),
            heading: heading.into(),
            paragraphs: Vec::new(),
            sections: Vec::new(),
        }
    }

    /// Depth of the deepest subsection below this one (0 when it has none).
    pub fn depth_below(&self) -> usize {
        self.sections
            .iter()
            .map(|s| 1 + s.depth_below())
            .max()
            .unwrap_or(0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The template's document with a preface, closing, part paragraphs and
    /// sections nested to the fourth level.
    fn sample() -> Document {
        let mut doc = crate::template::latest("statutory")
            .unwrap()
            .instantiate("梅河口市人民政府", 2019, false)
            .0;
        let mut s4 = Section::new("（1）级");
        s4.paragraphs.push(Paragraph::new("第四级的段落"));
        let mut s3 = Section::new("1.级");
        s3.paragraphs.push(Paragraph::new("第三级的段落"));
        s3.sections.push(s4);
        s3.sections.push(Section::new("（2）级"));
        doc.parts[0].sections[0].sections.push(s3);
        doc.parts[1].paragraphs.push(Paragraph::new("部分下的段落"));
        doc.closing.push(Paragraph::new("特此报告。"));
        doc
    }

    #[test]
    fn nodes_walk_the_whole_tree_in_reading_order() {
        let doc = sample();
        let nodes: Vec<Node> = doc.nodes().collect();
        let ids: std::collections::HashSet<&str> = nodes.iter().map(|n| n.id).collect();
        assert_eq!(ids.len(), nodes.len(), "an id visited twice");
        // Counted by hand: every paragraph, part and section once.
        fn count(s: &Section) -> usize {
            1 + s.paragraphs.len() + s.sections.iter().map(count).sum::<usize>()
        }
        let expected = doc.preface.len()
            + doc.closing.len()
            + doc
                .parts
                .iter()
                .map(|p| 1 + p.paragraphs.len() + p.sections.iter().map(count).sum::<usize>())
                .sum::<usize>();
        assert_eq!(nodes.len(), expected);

        let first = &nodes[0];
        assert_eq!(
            (first.kind, first.region, first.level, first.part_id),
            (NodeKind::Paragraph, Region::Preface, 0, None)
        );
        let last = nodes.last().unwrap();
        assert_eq!((last.text, last.region), ("特此报告。", Region::Closing));

        let find = |text: &str| *nodes.iter().find(|n| n.text == text).unwrap();
        let s3 = find("1.级");
        assert_eq!((s3.kind, s3.level, s3.index), (NodeKind::Section, 3, 0));
        assert_eq!(s3.parent_id, Some(doc.parts[0].sections[0].id.as_str()));
        assert_eq!(s3.part_id, Some(doc.parts[0].id.as_str()));
        let s4b = find("（2）级");
        assert_eq!((s4b.level, s4b.index), (4, 1));
        let p4 = find("第四级的段落");
        assert_eq!((p4.kind, p4.level), (NodeKind::Paragraph, 4));
        let pp = find("部分下的段落");
        assert_eq!(
            (pp.level, pp.parent_id),
            (1, Some(doc.parts[1].id.as_str()))
        );
        let part2 = find(&doc.parts[1].heading);
        assert_eq!(
            (part2.kind, part2.level, part2.index),
            (NodeKind::Part, 1, 1)
        );
        assert!(matches!(part2.item, NodeRef::Part(p) if p.role == Role::Shortcomings));

        // Reading order: a section's heading, its paragraphs, then its subsections.
        let pos = |text: &str| nodes.iter().position(|n| n.text == text).unwrap();
        assert!(pos("1.级") < pos("第三级的段落"));
        assert!(pos("第三级的段落") < pos("（1）级"));
        assert!(pos("（1）级") < pos("第四级的段落"));
        assert!(pos("第四级的段落") < pos("（2）级"));

        // The helpers built on it.
        let paras = doc.paragraphs();
        assert_eq!(
            paras.len(),
            nodes
                .iter()
                .filter(|n| n.kind == NodeKind::Paragraph)
                .count()
        );
        assert!(doc.plain_text().contains("（1）级\n第四级的段落\n（2）级"));
    }

    #[test]
    fn nodes_reach_the_attachments_last() {
        let mut doc = sample();
        let mut a = Attachment::new("2019年法治政府建设重点工作完成情况表");
        a.paragraphs.push(Paragraph::new("附件正文"));
        doc.attachments.push(a);
        doc.attachments.push(Attachment::new("第二个附件"));
        let nodes: Vec<Node> = doc.nodes().collect();
        let n = nodes.len();
        assert_eq!(
            (nodes[n - 3].kind, nodes[n - 3].text, nodes[n - 3].region),
            (
                NodeKind::Attachment,
                "2019年法治政府建设重点工作完成情况表",
                Region::Attachment
            )
        );
        let p = nodes[n - 2];
        assert_eq!(
            (p.kind, p.text, p.region),
            (NodeKind::Paragraph, "附件正文", Region::Attachment)
        );
        assert_eq!(p.parent_id, Some(doc.attachments[0].id.as_str()));
        assert_eq!((p.part_id, p.level), (None, 0));
        assert_eq!(
            (nodes[n - 1].kind, nodes[n - 1].index),
            (NodeKind::Attachment, 1)
        );
        assert!(doc.plain_text().ends_with("附件正文\n第二个附件"));
    }

    #[test]
    fn nodes_of_an_empty_document() {
        let mut doc = sample();
        doc.preface.clear();
        doc.parts.clear();
        doc.closing.clear();
        assert_eq!(doc.nodes().count(), 0);
        assert_eq!(doc.plain_text(), doc.title());
    }
}

#[cfg(test)]
mod table_tests {
    use super::*;

    /// 2 header rows: 项目 spans two rows, 数量 spans two columns.
    fn merged() -> Table {
        Table {
            title: Some("行政复议案件情况统计表".into()),
            header_rows: 2,
            rows: vec![
                vec![Cell::spanning("项目", 1, 2), Cell::spanning("数量", 2, 1)],
                vec![Cell::new("2022年"), Cell::new("2023年")],
                vec![Cell::new("收案"), Cell::new("12"), Cell::new("15")],
            ],
            ..Table::default()
        }
    }

    #[test]
    fn grid_places_merged_cells() {
        let g = merged().grid().unwrap();
        assert_eq!(g.columns, 3);
        let cols: Vec<Vec<usize>> = g
            .places
            .iter()
            .map(|r| r.iter().map(|a| a.col).collect())
            .collect();
        assert_eq!(cols, vec![vec![0, 1], vec![1, 2], vec![0, 1, 2]]);
    }

    #[test]
    fn grid_refuses_what_is_not_a_rectangle() {
        let mut t = merged();
        t.rows[2].pop();
        assert!(matches!(
            t.grid(),
            Err(GridError::Ragged {
                row: 2,
                expected: 3,
                found: 2
            })
        ));
        let mut t = merged();
        t.rows[0][0].rowspan = 4;
        assert!(matches!(t.grid(), Err(GridError::RowspanPastEnd { .. })));
        let mut t = merged();
        t.rows[0][1].colspan = 0;
        assert!(matches!(t.grid(), Err(GridError::ZeroSpan { .. })));
        let mut t = merged();
        t.rows[0][1].colspan = u32::MAX;
        assert!(matches!(t.grid(), Err(GridError::TooWide { .. })));
        // A colspan running into a place a rowspan covers.
        let t = Table {
            rows: vec![
                vec![Cell::new("a"), Cell::spanning("b", 1, 2)],
                vec![Cell::spanning("c", 2, 1)],
            ],
            ..Table::default()
        };
        assert!(matches!(t.grid(), Err(GridError::Overlap { .. })));
    }

    #[test]
    fn nodes_visit_the_table_then_its_cells() {
        let mut doc = crate::template::latest("statutory")
            .unwrap()
            .instantiate("某县人民政府", 2023, false)
            .0;
        let t = Paragraph::table(merged());
        let tid = t.id.clone();
        doc.parts[0].sections[0].paragraphs.push(t);
        doc.parts[0].sections[0]
            .paragraphs
            .push(Paragraph::new("表后的段落"));
        let nodes: Vec<Node> = doc.nodes().collect();
        let i = nodes.iter().position(|n| n.id == tid).unwrap();
        let table = nodes[i];
        assert_eq!(
            (table.kind, table.text, table.level, table.cell),
            (NodeKind::Table, "行政复议案件情况统计表", 2, None)
        );
        let cells: Vec<(&str, Option<CellAt>)> = nodes[i + 1..i + 8]
            .iter()
            .map(|n| {
                assert_eq!(n.kind, NodeKind::Paragraph);
                assert_eq!(n.parent_id, Some(tid.as_str()));
                assert_eq!(n.part_id, Some(doc.parts[0].id.as_str()));
                (n.text, n.cell)
            })
            .collect();
        assert_eq!(cells[0].0, "项目");
        assert_eq!(
            cells[3],
            (
                "2023年",
                Some(CellAt {
                    row: 1,
                    col: 2,
                    index: 1
                })
            )
        );
        assert_eq!(cells[6].0, "15");
        let after = nodes[i + 8];
        assert_eq!(
            (after.text, after.index, after.cell),
            ("表后的段落", 1, None)
        );
        assert!(doc
            .plain_text()
            .contains("行政复议案件情况统计表\n项目\n数量\n2022年"));
        // Cell paragraphs are paragraphs: reachable by id, listed by paragraphs().
        let cell_id = doc.parts[0].sections[0].paragraphs[0]
            .table
            .as_ref()
            .unwrap()
            .rows[2][0]
            .paragraphs[0]
            .id
            .clone();
        assert!(doc
            .paragraphs()
            .iter()
            .any(|(p, parent)| p.id == cell_id && *parent == Some(tid.as_str())));
        doc.paragraph_mut(&cell_id).unwrap().text = "结案".into();
        assert!(doc.plain_text().contains("\n结案\n"));
        assert!(doc.has_tables());
    }

    #[test]
    fn a_table_as_text_lines() {
        let p = Paragraph::table(merged());
        assert_eq!(
            p.text_lines(),
            [
                "表：行政复议案件情况统计表",
                "| 项目 | 数量 |  |",
                "|  | 2022年 | 2023年 |",
                "|---|---|---|",
                "| 收案 | 12 | 15 |",
            ]
        );
        assert_eq!(Paragraph::new("段").text_lines(), ["段"]);
    }

    #[test]
    fn cells_read_the_text_shorthand_and_write_paragraphs() {
        let src = r#"{ "id": "", "table": { "header_rows": 1, "rows": [
            [ { "text": "项目", "colspan": 2 } ],
            [ { "text": "甲" }, { "paragraphs": [ { "text": "乙" }, { "text": "丙" } ], "rowspan": 1 } ] ] } }"#;
        let p: Paragraph = serde_json::from_str(src).unwrap();
        let t = p.table.as_ref().unwrap();
        assert_eq!(p.text, "");
        assert_eq!((t.rows[0][0].colspan, t.rows[0][0].rowspan), (2, 1));
        assert_eq!(t.rows[1][1].text(), "乙\n丙");
        let out = serde_json::to_value(&p).unwrap();
        assert_eq!(out["table"]["rows"][0][0]["paragraphs"][0]["text"], "项目");
        assert!(out["table"].get("title").is_none() && out["table"].get("widths").is_none());
        let back: Paragraph = serde_json::from_value(out).unwrap();
        assert_eq!(back, p);
        // A plain paragraph is written as before: no `table` key.
        let plain = serde_json::to_value(Paragraph::new("段")).unwrap();
        assert!(plain.get("table").is_none());
    }
}
