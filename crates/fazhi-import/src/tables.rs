//! Tables as the readers find them → the report's [`Table`]: merges made
//! consistent (a rowspan past the last row clipped, a colspan running into a
//! merge from above shortened, short rows padded), sizes capped, and the
//! judgement every reader shares of whether a table holds data or only lays
//! out a page (one cell wrapping the article, a single column of text, a
//! table holding tables), which is unwrapped instead of kept.

use fazhi_core::model::{Cell, Paragraph, Table};

use crate::structure::is_cjk;

/// A cell as read: its lines of text, its spans, whether it is a header cell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawCell {
    pub lines: Vec<String>,
    pub colspan: u32,
    pub rowspan: u32,
    /// `<th>`: a row of header cells at the top is a header row.
    pub header: bool,
}

impl RawCell {
    pub fn new(lines: Vec<String>) -> RawCell {
        RawCell {
            lines,
            colspan: 1,
            rowspan: 1,
            header: false,
        }
    }

    fn chars(&self) -> usize {
        self.lines.iter().map(|l| l.chars().count()).sum()
    }
}

/// A table as read, in HTML's model (a merged cell once, where it starts).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RawTable {
    pub rows: Vec<Vec<RawCell>>,
    /// Header rows the source marks (`<thead>`, `w:tblHeader`); when 0, the
    /// leading rows made only of `<th>` cells count.
    pub header_rows: u32,
    /// `<caption>`.
    pub caption: Option<String>,
    /// The source holds another table inside one of its cells.
    pub nested: bool,
}

/// A cell holding more Chinese than this is text, not a table's datum.
const LAYOUT_CELL_CHARS: usize = 600;

impl RawTable {
    /// Whether the table only arranges the page (and its text is to be read
    /// as ordinary paragraphs): it holds another table, has a single row or
    /// a single column, or a cell holds a whole article's worth of text.
    /// Data tables in reports (任务完成情况表, 案件统计表) have a header and at
    /// least two columns of short cells.
    pub fn is_layout(&self) -> bool {
        if self.nested || self.rows.len() < 2 {
            return true;
        }
        let widest = self
            .rows
            .iter()
            .map(|r| r.iter().map(|c| c.colspan.max(1) as usize).sum::<usize>())
            .max()
            .unwrap_or(0);
        if widest < 2 {
            return true;
        }
        // Every cell with text in one column: a column of blocks, not a table.
        let filled_columns = {
            let mut cols = std::collections::BTreeSet::new();
            for row in &self.rows {
                let mut col = 0;
                for c in row {
                    if c.chars() > 0 {
                        cols.insert(col);
                    }
                    col += c.colspan.max(1) as usize;
                }
            }
            cols.len()
        };
        if filled_columns < 2 {
            return true;
        }
        self.rows.iter().flatten().any(|c| {
            c.lines
                .iter()
                .flat_map(|l| l.chars())
                .filter(|ch| is_cjk(*ch))
                .count()
                > LAYOUT_CELL_CHARS
        })
    }

    /// A first row that is one cell across the table naming it
    /// (`<td colspan=4><strong>2022年…办件情况统计表</strong></td>`, as site
    /// editors and Word users put the 表题 inside the grid) becomes the
    /// caption when there is none (or the same), and is no row any more.
    /// A spanning row that is no title (行政处罚实施数量（宗）) stays.
    pub fn take_title_row(&mut self) {
        let widest = self
            .rows
            .iter()
            .map(|r| r.iter().map(|c| c.colspan.max(1)).sum::<u32>())
            .max()
            .unwrap_or(0);
        // The row's one cell with text, across (more than half) the table;
        // the row's other cells empty (a column Excel ran past the data).
        let lone = |row: &[RawCell]| -> Option<String> {
            let mut filled = row.iter().filter(|c| c.chars() > 0);
            let c = filled.next()?;
            (filled.next().is_none() && c.colspan * 2 > widest).then(|| c.lines.join(""))
        };
        if self.rows.len() < 3 || widest < 2 {
            return;
        }
        let Some(text) = self.rows.first().and_then(|r| lone(r)) else {
            return;
        };
        let text = title_text(&text);
        if !title_like(&text) {
            return;
        }
        match &self.caption {
            Some(c) if title_text(c) != text => return,
            _ => {}
        }
        self.caption = Some(text);
        self.rows.remove(0);
        self.header_rows = self.header_rows.saturating_sub(1);
        // Then a row of one cell giving the unit (单位：件, set right-aligned
        // under the title): it goes with the title.
        let unit = self
            .rows
            .first()
            .filter(|_| self.rows.len() > 2)
            .and_then(|r| lone(r))
            .map(|u| cell_text(&u))
            .filter(|u| unit_line(u));
        if let Some(u) = unit {
            let inner = u
                .trim_start_matches(['（', '('])
                .trim_end_matches(['）', ')']);
            if let Some(c) = self.caption.as_mut().filter(|c| !c.contains("单位")) {
                c.push_str(&format!("（{inner}）"));
            }
            self.rows.remove(0);
            self.header_rows = self.header_rows.saturating_sub(1);
        }
    }

    /// The text of every cell, row by row: what an unwrapped table reads as.
    pub fn lines(&self) -> Vec<String> {
        self.rows
            .iter()
            .flatten()
            .flat_map(|c| c.lines.iter().cloned())
            .collect()
    }

    /// The report's table, or `None` when no cell has text. Merges are made
    /// to fit, short rows padded with empty cells, rows beyond
    /// [`Table::MAX_ROWS`] and columns beyond [`Table::MAX_COLUMNS`] dropped
    /// (the second value says what was dropped, for the import's notes).
    pub fn into_table(self) -> Option<(Table, Option<String>)> {
        if self.rows.iter().flatten().all(|c| c.chars() == 0) {
            return None;
        }
        let mut note = None;
        let mut rows: Vec<Vec<RawCell>> = self.rows;
        if rows.len() > Table::MAX_ROWS {
            note = Some(format!(
                "表格有 {} 行，只导入了前 {} 行",
                rows.len(),
                Table::MAX_ROWS
            ));
            rows.truncate(Table::MAX_ROWS);
        }
        // Rows of no text at the end (Word's web page closes a table with a
        // row of zero height holding only its column widths) are no rows.
        while rows
            .last()
            .is_some_and(|r| r.iter().all(|c| c.chars() == 0))
        {
            rows.pop();
        }
        let header = if self.header_rows > 0 {
            self.header_rows
        } else {
            // Leading rows whose cells with text are all header cells (<th>,
            // or bold: a 表头 written in <td>s); never the whole table.
            let n = rows
                .iter()
                .take_while(|r| {
                    r.iter().any(|c| c.header) && r.iter().all(|c| c.header || c.chars() == 0)
                })
                .count();
            if n > 0 && n < rows.len() {
                n as u32
            } else {
                numeric_header(&rows)
            }
        };
        let (placed, cut) = place(rows);
        if cut {
            note.get_or_insert_with(|| {
                format!("表格超过 {} 列，多出的列未导入", Table::MAX_COLUMNS)
            });
        }
        let mut table = Table {
            title: self.caption.filter(|c| !c.trim().is_empty()),
            rows: placed,
            ..Table::default()
        };
        table.header_rows = header.min(table.rows.len() as u32);
        if table.grid().is_err() {
            // Never expected after `place`; a table of plain cells is still
            // better than a refused import.
            for c in table.rows.iter_mut().flatten() {
                (c.colspan, c.rowspan) = (1, 1);
            }
            let width = table.rows.iter().map(Vec::len).max().unwrap_or(1);
            for r in &mut table.rows {
                while r.len() < width {
                    r.push(Cell::new(""));
                }
            }
        }
        drop_empty_edge_columns(&mut table);
        Some((table, note))
    }
}

/// Columns at the left or right edge with no text in any row (Excel's pasted
/// range running a column past the data, a spacer column) are no columns:
/// dropped while each cell there is one column wide and empty.
fn drop_empty_edge_columns(table: &mut Table) {
    loop {
        let Ok(g) = table.grid() else {
            return;
        };
        if g.columns <= 2 {
            return;
        }
        let mut dropped = false;
        for edge in [g.columns - 1, 0] {
            let mut at = Vec::new();
            let mut ok = true;
            for (r, row) in table.rows.iter().enumerate() {
                for (i, c) in row.iter().enumerate() {
                    let col = g.places[r][i].col;
                    let end = col + c.colspan.max(1) as usize - 1;
                    if col <= edge && edge <= end {
                        ok &= col == end && c.text().trim().is_empty();
                        at.push((r, i));
                    }
                }
            }
            if ok && !at.is_empty() {
                for &(r, i) in at.iter().rev() {
                    table.rows[r].remove(i);
                }
                dropped = true;
                break;
            }
        }
        if !dropped || table.grid().is_err() {
            return;
        }
    }
}

/// A cell that reads as a number: 12175, 1,026, 9.8%, +28.5%, -3.
fn numeric(c: &RawCell) -> bool {
    c.lines.iter().any(|l| {
        let t = l
            .trim()
            .trim_start_matches(['+', '-', '－', '＋'])
            .trim_end_matches(['%', '％'])
            .replace([',', '，'], "");
        !t.is_empty() && t.parse::<f64>().is_ok()
    })
}

/// Header rows when the source marks none (no <thead>, <th>, bold, w:tblHeader):
/// the one or two leading rows without a number above a body whose rows mostly
/// hold numbers (省份 | 数量 over 广东 | 31392; 序号 | 任务 over 1 | …).
fn numeric_header(rows: &[Vec<RawCell>]) -> u32 {
    let has_number = |r: &Vec<RawCell>| r.iter().any(numeric);
    let lead = rows.iter().take_while(|r| !has_number(r)).count();
    if lead == 0 || lead > 2 || lead >= rows.len() {
        return 0;
    }
    let body = &rows[lead..];
    let with = body.iter().filter(|r| has_number(r)).count();
    if with * 2 >= body.len() {
        lead as u32
    } else {
        0
    }
}

/// A cell of the report from a read cell: one paragraph per line.
fn cell(c: &RawCell, colspan: u32, rowspan: u32) -> Cell {
    let mut paragraphs: Vec<Paragraph> = c
        .lines
        .iter()
        .map(|l| cell_text(l))
        .filter(|l| !l.is_empty())
        .map(|l| Paragraph::new(l.chars().take(Table::MAX_CELL_CHARS).collect::<String>()))
        .collect();
    if paragraphs.is_empty() {
        paragraphs.push(Paragraph::new(""));
    }
    // The cap is per cell: later paragraphs are cut to what is left.
    let mut left = Table::MAX_CELL_CHARS;
    for p in &mut paragraphs {
        let n = p.text.chars().count();
        if n > left {
            p.text = p.text.chars().take(left).collect();
        }
        left = left.saturating_sub(n);
    }
    Cell {
        colspan,
        rowspan,
        paragraphs,
    }
}

/// A wide character: Chinese, or full-width punctuation and forms.
fn wide(c: char) -> bool {
    is_cjk(c) || ('\u{3000}'..='\u{303F}').contains(&c) || ('\u{FF00}'..='\u{FFEF}').contains(&c)
}

/// A line of a cell as it reads: control characters dropped, and spaces
/// (ASCII, `&nbsp;`, full-width U+3000) collapsed to one, or removed next to
/// full-width punctuation (`制度，&nbsp;&nbsp;推行`) and between Chinese
/// characters when they only spread a short cell (序　号, 合　　计, 项 目:
/// one-character pieces, or four Chinese characters at most). Elsewhere a
/// space between Chinese stays one space: it may part two names
/// (县政府办公室 县司法局).
pub(crate) fn cell_text(line: &str) -> String {
    spaced(line, false)
}

fn spaced(line: &str, squeeze_cjk: bool) -> String {
    let chars: Vec<char> = line
        .chars()
        .filter(|ch| !ch.is_control() || *ch == '\t')
        .collect();
    let space = |c: char| c.is_whitespace() || c == '\u{3000}' || c == '\u{a0}';
    let pieces: Vec<usize> = chars
        .split(|c| space(*c))
        .filter(|p| !p.is_empty())
        .map(<[char]>::len)
        .collect();
    let cjk = chars.iter().filter(|c| is_cjk(**c)).count();
    let spread = squeeze_cjk || pieces.iter().all(|n| *n == 1) || cjk <= 4;
    let mut out = String::with_capacity(line.len());
    let mut i = 0;
    while i < chars.len() {
        if !space(chars[i]) {
            out.push(chars[i]);
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() && space(chars[i]) {
            i += 1;
        }
        let before = start.checked_sub(1).map(|j| chars[j]);
        let after = chars.get(i).copied();
        let (Some(b), Some(a)) = (before, after) else {
            continue; // leading or trailing
        };
        let punct = |c: char| wide(c) && !is_cjk(c);
        if (spread && is_cjk(b) && is_cjk(a)) || punct(b) || punct(a) {
            continue;
        }
        out.push(' ');
    }
    out
}

/// A 表题 as it reads: its spaces as in a cell, but one space kept after a
/// leading table number (表二　庆元县… → 表二 庆元县…).
pub fn title_text(line: &str) -> String {
    // A title is one phrase: no space between its Chinese characters.
    let cell_text = |l: &str| spaced(l, true);
    let t = cell_text(line);
    let raw = line.trim_matches(|c: char| c.is_whitespace() || c == '\u{a0}');
    if let Some(number) = table_number_prefix(raw) {
        let rest = raw[number.len()..]
            .trim_start_matches(|c: char| c.is_whitespace() || c == '\u{3000}' || c == '\u{a0}');
        if rest.len() < raw.len() - number.len() && !rest.is_empty() {
            return format!("{} {}", cell_text(number), cell_text(rest));
        }
    }
    t
}

/// The table number a 表题 starts with (表1, 表 2, 表一, 表十二), if any.
fn table_number_prefix(s: &str) -> Option<&str> {
    let rest = s.strip_prefix('表')?;
    let trimmed = rest.trim_start_matches([' ', '\u{3000}', '\u{a0}']);
    let digits: usize = trimmed
        .chars()
        .take_while(|c| {
            c.is_ascii_digit() || "一二三四五六七八九十".contains(*c) || *c == '-' || *c == '.'
        })
        .map(char::len_utf8)
        .sum();
    if digits == 0 {
        return None;
    }
    let end = s.len() - trimmed.len() + digits;
    Some(&s[..end])
}

/// A line that is only a table's number (表一, 表 1, 表2：): printed above
/// the 表题 on its own line by many offices.
pub fn number_only(s: &str) -> bool {
    let t = s.trim_matches(|c: char| c.is_whitespace() || c == '\u{a0}');
    let t = t.trim_end_matches(['：', ':', '　']);
    table_number_prefix(t).is_some_and(|n| n.len() == t.len())
}

/// Places the cells as HTML does, making the merges consistent. Returns the
/// rows and whether columns past the cap were dropped.
fn place(rows: Vec<Vec<RawCell>>) -> (Vec<Vec<Cell>>, bool) {
    // A row with no cell of its own shortens the merges crossing it (a
    // `<tr></tr>` is no row of the table).
    let rows: Vec<Vec<RawCell>> = rows.into_iter().filter(|r| !r.is_empty()).collect();
    let n = rows.len();
    // covered[c] = rows (this one included) still covered by a cell from above.
    let mut covered: Vec<u32> = Vec::new();
    let mut out: Vec<Vec<Cell>> = Vec::with_capacity(n);
    let mut cut = false;
    for (r, row) in rows.iter().enumerate() {
        let mut col = 0usize;
        let mut cells = Vec::with_capacity(row.len());
        for c in row {
            while covered.get(col).is_some_and(|&k| k > 0) {
                col += 1;
            }
            if col >= Table::MAX_COLUMNS {
                cut = true;
                break;
            }
            let rowspan = c.rowspan.clamp(1, (n - r) as u32);
            // As wide as asked, but not into a place covered from above nor
            // past the column cap.
            let mut width = 0usize;
            while width < c.colspan.max(1) as usize
                && col + width < Table::MAX_COLUMNS
                && covered.get(col + width).is_none_or(|&k| k == 0)
            {
                width += 1;
            }
            if (c.colspan as usize) > width && col + width >= Table::MAX_COLUMNS {
                cut = true;
            }
            let end = col + width;
            if covered.len() < end {
                covered.resize(end, 0);
            }
            covered[col..end].iter_mut().for_each(|k| *k = rowspan);
            cells.push(cell(c, width as u32, rowspan));
            col = end;
        }
        out.push(cells);
        for k in covered.iter_mut() {
            *k = k.saturating_sub(1);
        }
    }
    // Pad: every row as wide as the widest, empty cells in its free places.
    let mut covered: Vec<u32> = Vec::new();
    let mut widths = Vec::with_capacity(out.len());
    for row in &out {
        let mut col = 0usize;
        for c in row {
            while covered.get(col).is_some_and(|&k| k > 0) {
                col += 1;
            }
            let end = col + c.colspan as usize;
            if covered.len() < end {
                covered.resize(end, 0);
            }
            covered[col..end].iter_mut().for_each(|k| *k = c.rowspan);
            col = end;
        }
        widths.push(covered.clone());
        for k in covered.iter_mut() {
            *k = k.saturating_sub(1);
        }
    }
    let width = widths.iter().map(Vec::len).max().unwrap_or(0);
    for (row, cov) in out.iter_mut().zip(&widths) {
        let free = (0..width)
            .filter(|&c| cov.get(c).is_none_or(|&k| k == 0))
            .count();
        for _ in 0..free {
            row.push(Cell::new(""));
        }
    }
    (out, cut)
}

/// A line that only gives a table's unit: 单位：件, （单位：万元）, 计量单位：宗.
pub(crate) fn unit_line(text: &str) -> bool {
    let t = text.trim();
    let t = t
        .trim_start_matches(['（', '('])
        .trim_end_matches(['）', ')']);
    let n = t.chars().count();
    (3..=20).contains(&n)
        && ["单位：", "单位:", "计量单位", "金额单位", "数量单位"]
            .iter()
            .any(|p| t.starts_with(p))
        && !t.contains(['。', '；'])
}

/// A line that names the table below it (表题): short, no sentence end, and
/// ending in 表 (情况表, 统计表, 一览表, 汇总表…, perhaps with a bracketed
/// note) or starting with 表1 / 表一.
pub fn title_like(s: &str) -> bool {
    let t = s.trim();
    let n = t.chars().count();
    if !(3..=60).contains(&n) || t.starts_with("附件") {
        return false;
    }
    if t.ends_with(['。', '；', '：', ':', '，', '！', '？']) {
        return false;
    }
    // 〈…〉表（单位：件）, 〈…〉表(2023年): the note after the name.
    let core = match t.rfind(['（', '(']) {
        Some(i) if i > 0 && t.ends_with(['）', ')']) => t[..i].trim_end(),
        _ => t,
    };
    let numbered = t
        .strip_prefix('表')
        .and_then(|r| r.chars().next())
        .is_some_and(|c| c.is_ascii_digit() || "一二三四五六七八九十".contains(c));
    core.ends_with('表') || numbered
}

#[cfg(test)]
mod tests {
    use super::*;

    fn raw(rows: &[&[(&str, u32, u32)]]) -> RawTable {
        RawTable {
            rows: rows
                .iter()
                .map(|r| {
                    r.iter()
                        .map(|(t, cs, rs)| RawCell {
                            lines: vec![t.to_string()],
                            colspan: *cs,
                            rowspan: *rs,
                            header: false,
                        })
                        .collect()
                })
                .collect(),
            ..RawTable::default()
        }
    }

    #[test]
    fn merges_are_kept_and_short_rows_padded() {
        let (t, note) = raw(&[
            &[("项目", 1, 2), ("数量", 2, 1)],
            &[("2022年", 1, 1), ("2023年", 1, 1)],
            &[("收案", 1, 1), ("12", 1, 1)],
        ])
        .into_table()
        .unwrap();
        assert!(note.is_none());
        let g = t.grid().unwrap();
        assert_eq!(g.columns, 3);
        assert_eq!(t.rows[2].len(), 3);
        assert_eq!(t.rows[2][2].text(), "");
        assert_eq!((t.rows[0][0].rowspan, t.rows[0][1].colspan), (2, 2));
    }

    #[test]
    fn inconsistent_merges_are_made_to_fit() {
        // A rowspan past the end, a colspan into a merge from above, an empty row.
        let mut r = raw(&[
            &[("甲", 1, 2), ("乙", 1, 1), ("丙", 1, 5)],
            &[("丁", 3, 1)],
            &[],
            &[("戊", 1, 1), ("己", 1, 1)],
        ]);
        r.rows[2].clear();
        let (t, _) = r.into_table().unwrap();
        t.grid().unwrap();
        assert_eq!(t.rows.len(), 3);
        assert_eq!(t.rows[0][2].rowspan, 3);
        assert_eq!(t.rows[1][0].colspan, 1, "丁 cannot run into 丙's column");
    }

    #[test]
    fn layout_tables_are_told_from_data() {
        let data = raw(&[
            &[("序号", 1, 1), ("任务", 1, 1)],
            &[("1", 1, 1), ("普法", 1, 1)],
        ]);
        assert!(!data.is_layout());
        assert!(raw(&[&[("全文", 1, 1)]]).is_layout());
        assert!(raw(&[&[("标题", 1, 1)], &[("正文", 1, 1)]]).is_layout());
        let long = "法治政府建设".repeat(120);
        let wrap = raw(&[
            &[("导航", 1, 1), (&long, 1, 1)],
            &[("", 1, 1), ("页脚", 1, 1)],
        ]);
        assert!(wrap.is_layout());
        let mut nested = data.clone();
        nested.nested = true;
        assert!(nested.is_layout());
        // Text only in the right column (a spacer column on the left).
        assert!(raw(&[&[("", 1, 1), ("一", 1, 1)], &[("", 1, 1), ("二", 1, 1)]]).is_layout());
    }

    #[test]
    fn header_rows_from_th_cells() {
        let mut r = raw(&[
            &[("项目", 1, 1), ("数量", 1, 1)],
            &[("收案", 1, 1), ("3", 1, 1)],
        ]);
        r.rows[0].iter_mut().for_each(|c| c.header = true);
        assert_eq!(r.into_table().unwrap().0.header_rows, 1);
    }

    #[test]
    fn cell_spaces_as_offices_type_them() {
        assert_eq!(cell_text("序　号"), "序号");
        assert_eq!(cell_text("合  计"), "合计");
        assert_eq!(cell_text("\u{a0}\u{a0}其中：受理"), "其中：受理");
        assert_eq!(cell_text("制度，\u{a0}\u{a0}推行"), "制度，推行");
        assert_eq!(cell_text("1,026 "), "1,026");
        assert_eq!(cell_text("2023 年"), "2023 年");
        assert_eq!(cell_text("ISO  9001"), "ISO 9001");
        assert_eq!(cell_text("行政 拘留"), "行政拘留");
        assert_eq!(cell_text("县政府办公室  县司法局"), "县政府办公室 县司法局");
        assert_eq!(cell_text("单 位 名 称"), "单位名称");
        assert_eq!(
            title_text("表二\u{a0}\u{a0}庆元县行政许可统计表"),
            "表二 庆元县行政许可统计表"
        );
        assert_eq!(title_text("表 1　收案情况表"), "表 1 收案情况表");
        assert_eq!(title_text("案件　情况统计表"), "案件情况统计表");
        for n in ["表一", "表1", "表 2", "表十二：", "表3:"] {
            assert!(number_only(n), "{n}");
        }
        for n in ["表", "表一 统计表", "表格", "表彰"] {
            assert!(!number_only(n), "{n}");
        }
    }

    #[test]
    fn trailing_empty_rows_go_and_bold_rows_head_but_never_all() {
        let mut r = raw(&[
            &[("项目", 1, 1), ("数量", 1, 1)],
            &[("收案", 1, 1), ("3", 1, 1)],
            &[("", 1, 1), ("", 1, 1)],
        ]);
        r.rows[0].iter_mut().for_each(|c| c.header = true);
        let (t, _) = r.clone().into_table().unwrap();
        assert_eq!((t.rows.len(), t.header_rows), (2, 1));
        // All bold: bold says nothing; the numbers do (项目 | 数量 over 收案 | 3).
        r.rows.iter_mut().flatten().for_each(|c| c.header = true);
        assert_eq!(r.into_table().unwrap().0.header_rows, 1);
        let words = raw(&[
            &[("事项", 1, 1), ("情况", 1, 1)],
            &[("普法", 1, 1), ("已完成", 1, 1)],
        ]);
        assert_eq!(words.into_table().unwrap().0.header_rows, 0);
    }

    #[test]
    fn a_title_row_across_the_table_becomes_its_caption() {
        let rows: &[&[(&str, u32, u32)]] = &[
            &[("2022年办件情况统计表", 2, 1)],
            &[("类别", 1, 1), ("件数", 1, 1)],
            &[("社保", 1, 1), ("12", 1, 1)],
        ];
        let mut t = raw(rows);
        t.take_title_row();
        assert_eq!(t.caption.as_deref(), Some("2022年办件情况统计表"));
        assert_eq!(t.rows.len(), 2);
        // A spanning heading that names no table, or another caption: kept.
        let mut t = raw(&[&[("行政处罚实施数量（宗）", 2, 1)], rows[1], rows[2]]);
        t.take_title_row();
        assert_eq!((t.rows.len(), t.caption.as_deref()), (3, None));
        let mut t = raw(rows);
        t.caption = Some("表1 另一张表".into());
        t.take_title_row();
        assert_eq!(t.rows.len(), 3);
    }

    #[test]
    fn empty_edge_columns_are_dropped() {
        let (t, _) = raw(&[
            &[
                ("", 1, 1),
                ("项目", 1, 1),
                ("数量", 1, 1),
                ("", 1, 1),
                ("", 1, 1),
            ],
            &[
                ("", 1, 1),
                ("收案", 1, 1),
                ("12", 1, 1),
                ("", 1, 1),
                ("", 1, 1),
            ],
            &[("", 1, 1), ("合计", 2, 1), ("", 1, 1), ("", 1, 1)],
        ])
        .into_table()
        .unwrap();
        assert_eq!(t.grid().unwrap().columns, 2);
        assert_eq!(t.rows[2][0].colspan, 2);
        // An empty column inside, or a header over an empty column: kept.
        let (t, _) = raw(&[
            &[("项目", 1, 1), ("", 1, 1), ("备注", 1, 1)],
            &[("收案", 1, 1), ("", 1, 1), ("", 1, 1)],
        ])
        .into_table()
        .unwrap();
        assert_eq!(t.grid().unwrap().columns, 3);
    }

    #[test]
    fn table_titles() {
        for t in [
            "2023年度法治政府建设重点任务完成情况表",
            "行政复议、行政诉讼案件情况统计表（单位：件）",
            "表1 2023年行政执法数据",
            "全市行政执法主体一览表",
        ] {
            assert!(title_like(t), "{t}");
        }
        for t in [
            "全年办理情况见下表。",
            "附件1",
            "附件：2023年度重点任务完成情况表",
            "一、2023年法治政府建设的主要举措和成效",
            "表",
            "具体如下表：",
        ] {
            assert!(!title_like(t), "{t}");
        }
    }
}
