//! Page chrome: the lines a website puts around an article (navigation, air
//! quality widgets, date/source lines, 纠错/打印/关闭, font size switches,
//! breadcrumbs, view counters). Only short lines are considered, and every
//! pattern is anchored on the whole line, so report text is never taken.

/// Longest line that can be chrome (in characters).
const MAX_CHROME_CHARS: usize = 80;

/// Why `line` is chrome, or `None` when it is (or may be) report text.
pub fn reason(line: &str) -> Option<&'static str> {
    let t = line.trim_matches(|c: char| c.is_whitespace() || c == '\u{3000}');
    if t.is_empty() || t.chars().count() > MAX_CHROME_CHARS {
        return None;
    }
    // Bullets and box characters a list widget leaves in front of its items.
    let core = t.trim_start_matches(['•', '·', '●', '○', '■', '□', '◆', '▪', '►', '>', '-', '*']);
    let core = core.trim();
    let compact: String = core
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{3000}')
        .collect();
    let bare = compact.trim_matches([
        '[', ']', '【', '】', '〔', '〕', '(', ')', '（', '）', '|', '｜',
    ]);

    const NAV: [&str; 8] = [
        "站群导航",
        "网站导航",
        "网站地图",
        "无障碍浏览",
        "无障碍",
        "长者模式",
        "繁體",
        "简体",
    ];
    if NAV.contains(&bare) {
        return Some("网站导航");
    }
    const AIR: [&str; 10] = [
        "AQI",
        "优",
        "良",
        "轻度污染",
        "中度污染",
        "重度污染",
        "严重污染",
        "空气质量",
        "PM2.5",
        "PM10",
    ];
    if AIR.contains(&bare) || bare.starts_with("空气质量") || bare.starts_with("AQI") {
        return Some("空气质量小部件");
    }
    if is_date_source_line(&compact) || ends_in_a_timestamp(t) {
        return Some("发布日期和来源");
    }
    if is_page_tools(&compact) {
        return Some("页面工具（纠错、打印、关闭、字号）");
    }
    if is_breadcrumb(&compact) || is_breadcrumb_continued(t) {
        return Some("页面路径（面包屑导航）");
    }
    if is_counter(&compact) {
        return Some("浏览次数");
    }
    // 保护视力色: 杏仁黄 秋叶褐 … 银河白(默认色) 分享到: (a page's colour switch)
    if compact.starts_with("保护视力色")
        || compact.contains("(默认色)")
        || compact.contains("（默认色）")
    {
        return Some("页面工具（纠错、打印、关闭、字号）");
    }
    // A table's border or a list's bullet left alone on its line: |, | |, -.
    if t.chars()
        .all(|c| matches!(c, '|' | '｜' | ' ' | '\u{3000}' | '-' | '•' | '·'))
    {
        return Some("网页表格的边框");
    }
    if is_watermark(t) {
        return Some("文档网站的水印");
    }
    if is_date_widget(&compact) {
        return Some("网页日期栏");
    }
    if is_metadata_row(t) {
        return Some("信息公开目录的索引栏");
    }
    if is_link_bar(t) {
        return Some("网站导航");
    }
    None
}

/// 今天是：, 今天是:2019年10月31日 星期三 农历十月初七 (the page's date widget).
fn is_date_widget(s: &str) -> bool {
    s.starts_with("今天是") && !s.contains('。') && s.chars().count() <= 40
}

/// A row of the 信息公开 index table above an article, as a copied table
/// gives it: | 索引号: | 4300000001/2026-00628 | 分类: | |, | 文号 : | |||.
/// The row must name one of the index's labels with its colon: a table in
/// the report's body may well be headed | 名称 | 文号 | 发布日期 |.
fn is_metadata_row(s: &str) -> bool {
    const LABELS: [&str; 22] = [
        "索引号",
        "分类",
        "主题分类",
        "发文机关",
        "发布机构",
        "发文日期",
        "成文日期",
        "发布日期",
        "名称",
        "文号",
        "有效性",
        "体裁分类",
        "发布单位",
        "成文时间",
        "发文时间",
        "标题",
        "效力状态",
        "公开方式",
        "公开形式",
        "发文字号",
        "生成日期",
        "是否有效",
    ];
    // Labels no table of a report's body starts a row with (| 名称 | 文号 | may
    // well head one): the index's own.
    const INDEX_ONLY: [&str; 11] = [
        "索引号",
        "主题分类",
        "体裁分类",
        "有效性",
        "是否有效",
        "效力状态",
        "公开方式",
        "公开形式",
        "发文字号",
        "生成日期",
        "关键词",
    ];
    let cells: Vec<&str> = s
        .split(['|', '｜'])
        .map(|c| c.trim_matches([' ', '\u{3000}']))
        .collect();
    let label_cell = |c: &&str| {
        c.strip_suffix([':', '：'])
            .is_some_and(|l| LABELS.contains(&l.trim_end()))
    };
    if cells.len() >= 3 && !s.contains('。') && cells.iter().any(label_cell) {
        return true;
    }
    // | [ 索引号 ] | 11500230008689607X/2026-00009 | [ 发文字号 ] | 无 |,
    // | 索引号 | 6207250034/2026-00051 | 发文字号 | |, | 关键词 | 发布机构 | 大马营镇 | |:
    // a row that starts with a label in brackets, or with one only an index has.
    if cells.len() >= 3 && !s.contains(['。', '，']) {
        let first = cells.iter().find(|c| !c.is_empty()).map(|c| {
            let bare: String = c.chars().filter(|c| !c.is_whitespace()).collect();
            let inner = bare
                .strip_prefix(['[', '【'])
                .and_then(|b| b.strip_suffix([']', '】']))
                .map(str::to_string);
            (bare, inner)
        });
        match first {
            Some((_, Some(inner))) if LABELS.contains(&inner.as_str()) => return true,
            Some((_, Some(inner))) if INDEX_ONLY.contains(&inner.as_str()) => return true,
            Some((bare, None)) if INDEX_ONLY.contains(&bare.as_str()) => return true,
            _ => {}
        }
    }
    // [ 索引号 ] 11500230008689762A/2026-00004 [ 发文字号 ], [ 有效性 ]: the index
    // without the table's bars, each label in brackets.
    if !s.contains(['。', '，']) {
        if let Some(rest) = s.strip_prefix(['[', '【']) {
            let label: String = rest
                .chars()
                .take_while(|c| !matches!(c, ']' | '】'))
                .filter(|c| !c.is_whitespace())
                .collect();
            let closed = rest.contains([']', '】']);
            if closed && (LABELS.contains(&label.as_str()) || INDEX_ONLY.contains(&label.as_str()))
            {
                return true;
            }
        }
    }
    // - 索 引 号:370481/2026-00251, • 公开方式:公开, - 标 题:鲍沟镇…报告: the index
    // as a list, one label and its value an item.
    if s.starts_with(['-', '•', '·']) && !s.contains('。') {
        let item: String = s
            .trim_start_matches(['-', '•', '·'])
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        if LABELS
            .iter()
            .any(|l| item.starts_with(&format!("{l}:")) || item.starts_with(&format!("{l}：")))
        {
            return true;
        }
    }
    // The index broken over lines (- 索 引 号:4311230009/2025-00578 分 类:, 发文机关:,
    // 双牌县教育局 发文日期:2025-02-25 15:58 - 名称:): a label alone, or two labels
    // with their colons on one line.
    let compact: String = s
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .trim_start_matches(['-', '•', '·'])
        .to_string();
    let labelled = LABELS
        .iter()
        .filter(|l| compact.contains(&format!("{l}:")) || compact.contains(&format!("{l}：")))
        .count();
    let alone = LABELS
        .iter()
        .any(|l| compact == format!("{l}:") || compact == format!("{l}："));
    if !s.contains('。') && (alone || labelled >= 2) {
        return true;
    }
    // 索引号 430S00/2023-018790 文号, 发布单位 湖南省交通运输厅 来源 厅法制处:
    // label and value separated by spaces, the line starting with a label.
    const SPACED: [&str; 8] = [
        "索引号",
        "发布单位",
        "公开日期",
        "公开时限",
        "公开方式",
        "发文字号",
        "主题分类",
        "成文日期",
    ];
    let words: Vec<&str> = s.split_whitespace().collect();
    words.len() >= 2
        && !s.contains(['。', '，'])
        && SPACED.contains(&words[0].trim_end_matches([':', '：']))
}

/// A site's address: www.gongwenhui.com, www.mishuzj.com.
fn web_address(s: &str) -> bool {
    let t = s.trim();
    let rest = t
        .strip_prefix("www.")
        .or_else(|| t.strip_prefix("http://"))
        .or_else(|| t.strip_prefix("https://"));
    rest.is_some_and(|r| {
        r.contains('.')
            && r.chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '/'))
    })
}

/// A document site's watermark, a line alone: 公文汇 www.gongwenhui.com.
fn is_watermark(line: &str) -> bool {
    let (brand, addr) = match line.trim().rsplit_once([' ', '\u{3000}']) {
        Some((b, a)) => (b.trim(), a),
        None => ("", line.trim()),
    };
    web_address(addr) && brand.chars().count() <= 12 && !brand.contains(['。', '，', '：', ':'])
}

/// A line with an index label left after it (中共双牌县教育局党组2024年度…年度报告
/// - 文号:): the line, and the label set aside.
pub fn label_tail(line: &str) -> Option<(String, String)> {
    const TAIL_LABELS: [&str; 6] = ["文号", "名称", "分类", "发文日期", "发布日期", "索引号"];
    let t = line.trim_end();
    let body = t.strip_suffix([':', '：'])?;
    let label = TAIL_LABELS.iter().find(|l| body.ends_with(*l))?;
    let before = &body[..body.len() - label.len()];
    // Set apart by a space, a dash or a bar, as a copied index leaves it.
    if !before.ends_with([' ', '\u{3000}', '-', '|', '｜']) {
        return None;
    }
    let kept = before
        .trim_end()
        .trim_end_matches(['-', '|', '｜'])
        .trim_end();
    (kept.chars().count() >= 8 && !kept.contains(['。', '，', ':', '：']))
        .then(|| (kept.to_string(), t[kept.len()..].trim().to_string()))
}

/// A heading with a document site's watermark after it (一、… 公文汇
/// www.gongwenhui.com): the heading, and the watermark set aside. Only after
/// a heading: running text may end with a site it names.
pub fn watermark_tail(line: &str) -> Option<(String, String)> {
    let t = line.trim_end();
    let (head, addr) = t.rsplit_once([' ', '\u{3000}'])?;
    if !web_address(addr) {
        return None;
    }
    // The brand before the address: 公文汇, 稿子汇 (a few characters, one word).
    let (kept, brand) = match head.trim_end().rsplit_once([' ', '\u{3000}']) {
        Some((k, b)) if b.chars().count() <= 8 && !b.contains(['。', '，']) => (k, b),
        _ => (head, ""),
    };
    let kept = kept.trim_end();
    (!kept.is_empty()).then(|| {
        (
            kept.to_string(),
            format!("{brand} {addr}").trim().to_string(),
        )
    })
}

/// The links of a site's top bar.
const SITE_LINKS: [&str; 27] = [
    "繁体",
    "简体",
    "无障碍",
    "无障碍浏览",
    "无障碍访问",
    "长者模式",
    "关怀版",
    "智能问答",
    "English",
    "首页",
    "联系我们",
    "网站地图",
    "微信",
    "微博",
    "微信公众号",
    "手机端",
    "手机版",
    "政务邮箱",
    "登录",
    "注册",
    "设为首页",
    "加入收藏",
    "长者版",
    "老年模式",
    "进入老年模式",
    "退出老年模式",
    "关怀模式",
];

/// 中国政府网|湖北政府网|繁体|无障碍, 联系我们| 网站地图| 微信,
/// 无障碍访问 长者模式 智能问答: a site's links separated by bars or spaces,
/// each short, one of them a site or a page switch (all of them when there
/// are only two, or when spaces separate them).
fn is_link_bar(line: &str) -> bool {
    let barred: Vec<&str> = line
        .split(['|', '｜'])
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .collect();
    let link = |c: &&str| c.ends_with('网') || SITE_LINKS.contains(c);
    if barred.len() >= 2
        && barred
            .iter()
            .all(|c| c.chars().count() <= 10 && !c.contains(' '))
        && barred.iter().any(link)
        && (barred.len() >= 3 || barred.iter().all(link))
    {
        return true;
    }
    let spaced: Vec<&str> = line.split_whitespace().collect();
    (spaced.len() >= 2 || SITE_LINKS.contains(&line.trim())) && spaced.iter().all(link)
}

/// The organ a chrome line names as the page's source or publisher: 来源：X,
/// 信息来源:X, 发布机构：X, | 发文机关: | X |, and a date followed by the organ
/// (2026-01-20 17:01 | 武汉市水务局). Used to complete an issuer the report
/// names without its place (市水务局).
pub fn source_organ(line: &str) -> Option<String> {
    const LABELS: [&str; 6] = [
        "信息来源",
        "来源",
        "发布机构",
        "发文机关",
        "文章来源",
        "发布单位",
    ];
    let cells: Vec<&str> = line
        .split(['|', '｜'])
        .map(|c| c.trim_matches(|c: char| c.is_whitespace() || c == '\u{3000}'))
        .filter(|c| !c.is_empty())
        .collect();
    let mut found: Vec<String> = Vec::new();
    for (i, c) in cells.iter().enumerate() {
        for l in LABELS {
            if let Some(rest) = c.find(l).map(|at| &c[at + l.len()..]) {
                let rest = rest.trim_start_matches([':', '：', ' ', '\u{3000}']);
                let value = if rest.is_empty() {
                    cells.get(i + 1).copied().unwrap_or("")
                } else {
                    rest
                };
                // 来源:留下街道 点击率: → the organ up to the next label.
                let value: String = value
                    .chars()
                    .take_while(|c| crate::structure::is_cjk(*c))
                    .collect();
                found.push(value);
            }
        }
    }
    // 2026-01-20 17:01 | 武汉市水务局
    if found.is_empty() && cells.len() == 2 && cells[0].starts_with(|c: char| c.is_ascii_digit()) {
        found.push(cells[1].to_string());
    }
    // A named place first (湖南省交通运输厅, not the office 厅法制处).
    found
        .into_iter()
        .filter(|v| {
            (3..=30).contains(&v.chars().count()) && v.chars().all(crate::structure::is_cjk)
        })
        .max_by_key(|v| {
            let placed = v.chars().take(8).any(|c| "省市县区州旗盟镇乡".contains(c));
            (placed, v.chars().count())
        })
}

/// `2020-03-13 14:57:00来源:`, `发布时间：2020-03-13`, `来源：梅河口市政府办`,
/// `作者：… 发布日期：…`.
fn is_date_source_line(s: &str) -> bool {
    const LABELS: [&str; 9] = [
        "来源",
        "发布时间",
        "发布日期",
        "发布机构",
        "作者",
        "信息来源",
        "时间",
        "日期",
        "编辑",
    ];
    let starts_with_date = s.len() >= 10 && {
        let b = s.as_bytes();
        b[..4].iter().all(u8::is_ascii_digit)
            && (b[4] == b'-' || b[4] == b'/' || b[4] == b'.')
            && b[5].is_ascii_digit()
    };
    if starts_with_date {
        // A bare date-time, optionally followed by labels.
        let rest: String = s
            .chars()
            .skip_while(|c| c.is_ascii_digit() || matches!(c, '-' | '/' | '.' | ':'))
            .collect();
        // 2026-01-20 17:01 | 武汉市水务局: the date and the publishing organ.
        let organ = rest
            .strip_prefix(['|', '｜'])
            .is_some_and(|o| (2..=20).contains(&o.chars().count()) && !o.contains('。'));
        return rest.is_empty() || organ || LABELS.iter().any(|l| rest.starts_with(l));
    }
    LABELS
        .iter()
        .any(|l| s.starts_with(&format!("{l}:")) || s.starts_with(&format!("{l}：")))
        && !s.contains('。')
}

/// 浙江/台州-2026-01-27 00:00:00: a short label and the page's timestamp
/// (a date with its time, which report text never ends a line with).
fn ends_in_a_timestamp(t: &str) -> bool {
    let Some((head, time)) = t.rsplit_once(' ') else {
        return false;
    };
    let clock = time.len() >= 5
        && time.split(':').count() >= 2
        && time
            .split(':')
            .all(|p| p.len() == 2 && p.bytes().all(|b| b.is_ascii_digit()));
    let head = head.trim_end();
    let date = head
        .len()
        .checked_sub(10)
        .and_then(|at| head.get(at..))
        .filter(|d| {
            let b = d.as_bytes();
            b[..4].iter().all(u8::is_ascii_digit)
                && b[4] == b'-'
                && b[7] == b'-'
                && b[5..7].iter().chain(&b[8..]).all(u8::is_ascii_digit)
        });
    let label = date.map(|d| &head[..head.len() - d.len()]);
    // The label is a site's: a place path (浙江/台州-) or a separator, not words.
    clock
        && label.is_some_and(|l| {
            l.chars().count() <= 12
                && !l.contains(['。', '，', '；'])
                && (l.is_empty() || l.contains('/') || l.ends_with(['-', '|', '｜']))
        })
}

/// 纠错 / 打印 / 关闭 / 字体：大中小 / 分享到 / 收藏, alone or together.
fn is_page_tools(s: &str) -> bool {
    const TOOLS: [&str; 22] = [
        "纠错",
        "打印",
        "打印本页",
        "关闭",
        "关闭窗口",
        "关闭本页",
        "字体",
        "字号",
        "大",
        "中",
        "小",
        "分享到",
        "分享",
        "收藏",
        "加入收藏",
        "返回顶部",
        "返回",
        "保存",
        "字体大小",
        "默认",
        "我要纠错",
        "扫一扫在手机打开当前页",
    ];
    let words: Vec<&str> = s
        .split(|c: char| {
            matches!(
                c,
                '[' | ']'
                    | '【'
                    | '】'
                    | '|'
                    | '｜'
                    | ':'
                    | '：'
                    | '/'
                    | '〔'
                    | '〕'
                    | '('
                    | ')'
                    | '（'
                    | '）'
                    | '·'
                    | '>'
            )
        })
        .filter(|w| !w.is_empty())
        .collect();
    if words.is_empty() {
        return false;
    }
    // "大中小" written without separators.
    words.iter().all(|w| {
        TOOLS.contains(w)
            || (w.chars().count() <= 4 && w.chars().all(|c| matches!(c, '大' | '中' | '小')))
    }) && words
        .iter()
        .any(|w| w.chars().count() >= 2 || TOOLS[..3].contains(w))
}

/// 首页 > 政务公开 > 法治政府建设, 当前位置：…
fn is_breadcrumb(s: &str) -> bool {
    if s.starts_with("当前位置") || s.starts_with("您的位置") || s.starts_with("你的位置")
    {
        return true;
    }
    // 您当前所在的位置: 首页 > 资讯中心 > …
    let head: String = s.chars().take(10).collect();
    if head.contains("位置") && s.contains(['>', '＞', '»', '›']) && !s.contains('。') {
        return true;
    }
    let seps = ['>', '»', '＞', '›', '→'];
    if s.starts_with("首页") && s.contains(seps) && !s.contains('。') {
        return true;
    }
    // 首页/ 公开 / 法定主动公开内容 / 公开文件 / 区政府文件 / 正文: slashes, at least two.
    s.starts_with("首页") && s.matches(['/', '／']).count() >= 2 && !s.contains(['。', '，', ','])
}

/// The rest of a breadcrumb wrapped onto a line of its own: > 政务公开 >
/// 信息公开目录 > 镇(街道)信息公开 > 杜桥镇 > 计划总结 — it starts with the
/// separator and holds two more.
fn is_breadcrumb_continued(t: &str) -> bool {
    let seps = ['>', '＞', '»', '›'];
    t.starts_with(seps) && t.matches(seps).count() >= 3 && !t.contains(['。', '，', ','])
}

/// 浏览次数：123, 阅读：56, 访问量 78, 点击数
fn is_counter(s: &str) -> bool {
    const LABELS: [&str; 7] = [
        "浏览次数",
        "浏览量",
        "阅读次数",
        "阅读量",
        "访问量",
        "点击数",
        "访问次数",
    ];
    LABELS.iter().any(|l| s.starts_with(l)) && s.chars().count() <= 20
        || (s.starts_with("阅读") || s.starts_with("浏览"))
            && s.chars().count() <= 12
            && s.chars()
                .skip(2)
                .all(|c| c.is_ascii_digit() || matches!(c, ':' | '：' | '次'))
            && s.chars().any(|c| c.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chrome_of_the_sample_is_recognised() {
        for line in [
            "站群导航",
            "AQI",
            "  • 轻度污染",
            "  • 严重污染",
            "2020-03-13 14:57:00来源:",
            "[ 纠错 ]",
            "【打印】【关闭】",
            "字体：大 中 小",
            "【字体：大 中 小】",
            "首页 > 政务公开 > 法治政府",
            "当前位置：首页 > 信息公开",
            "浏览次数：123",
            "发布时间：2020-03-13",
            "来源：梅河口市司法局",
            // Real pages (tests/fixtures/import-real 10, 14).
            "今天是:",
            "中国政府网|湖北政府网|繁体|无障碍",
            "| 索引号: | 4300000001/2026-00628 | 分类: | |",
            "| 发文机关: | 东安县应急管理局 | 发文日期: | |",
            "| 名称: | |||",
            "| 文号 : | |||",
            "2026-01-20 17:01  |  武汉市水务局",
            "联系我们| 网站地图| 微信",
            "| 手机端| 政务邮箱| 无障碍浏览|",
            "无障碍访问 长者模式 智能问答",
            "微信公众号",
            "您当前所在的位置: 首页 > 资讯中心 > 专题专栏 > 法治政府建设专栏",
            "公文汇 www.gongwenhui.com",
            "- 索 引 号:4311230009/2025-00578 分 类:",
            "-",
            "发文机关:",
            "双牌县教育局 发文日期:2025-02-25 15:58 - 名称:",
            "保护视力色: 杏仁黄 秋叶褐 胭脂红 芥末绿 天蓝 雪青 灰 银河白(默认色) 分享到:",
            "索引号 430S00/2023-018790 文号",
            "发布单位 湖南省交通运输厅 来源 厅法制处",
            "公开日期 2023-03-01 08:11 公开方式 主动公开",
            "公开时限 长期公开 统一登记号",
            // Held-out batch 5 (import-real 49, 52, 65–68, 72).
            "首页/ 公开 / 法定主动公开内容 / 公开文件 / 区政府文件 / 正文",
            "> 政务公开 > 信息公开目录 > 部门、街道信息公开 > 镇(街道)信息公开 > 杜桥镇 > 计划总结",
            "进入老年模式 退出老年模式",
            "发布单位:",
            "- 索 引 号:370481/2026-00251",
            "- 成文时间:2026年01月21日",
            "- 文 号:无",
            "- 标 题:鲍沟镇2025年度法治政府建设情况报告",
            "- 效力状态:有效",
            "• 索 引 号:wanghe/2026-00009",
            "• 公开方式:公开",
            "| [ 索引号 ] | 11500230008689607X/2026-00009 | [ 发文字号 ] | 无 |",
            "| [ 有效性 ] | |",
            "| [ 主题分类 ] | 公安、安全、司法、法制 |",
            "| 索引号 | 6207250034/2026-00051 | 发文字号 | |",
            "| 关键词 | 发布机构 | 大马营镇 | |",
            "| 公开形式 | 公开目录 | ||",
            "| 生成日期 | 2026-01-30 09:03:18 | 是否有效 |",
            // Held-out batch 7 (82): the bracketed labels without bars.
            "[ 索引号 ] 11500230008689762A/2026-00004 [ 发文字号 ]",
            "[ 主题分类 ] 公安、安全、司法、法制 [ 体裁分类 ] 工作报告",
            "[ 发布机构 ] 丰都县栗子乡人民政府 [ 有效性 ]",
            "[ 有效性 ]",
            // A tender aggregator's copy (import-real 52).
            "浙江/台州-2026-01-27 00:00:00",
        ] {
            assert!(reason(line).is_some(), "not taken as chrome: {line}");
        }
    }

    #[test]
    fn report_text_is_not_chrome() {
        for line in [
            "一、2019年法治政府建设的主要举措和成效",
            "2019年,在省委、省政府正确领导下,梅河口市全面落实党的十九大精神。",
            "(一)依法全面履行政府职能。",
            "梅河口市人民政府",
            "2020年3月13日",
            "中",
            "特此报告。",
            "来源广泛的意见建议得到充分吸纳。",
            "今天是国家宪法日，全局干部参加宪法宣誓。",
            "| 序号 | 事项名称 | 办理时限 |",
            "| 名称 | 文号 | 发布日期 |",
            "| 序号 | 名称 | 文号 | 分类 |",
            "市委|市政府|市人大",
            "微信 微博 抖音等新媒体平台同步发布。",
            "公开方式多样，群众满意度高。",
            "政府信息在门户网站公开，网址为 www.example.gov.cn 。",
            // A report's own tables and lists.
            "| 名称 | 文号 | 成文日期 |",
            "| 序号 | 索引号 | 文件名称 |",
            "| 标题 | 发布日期 |",
            "- 开展“法治进社区”活动12场，标题为：宪法在身边。",
            "首页设置法治专栏，全年更新120次。",
            "> 95%的事项实现网上办理",
            "【典型案例】某镇依法拆除违法建筑",
            "会议于2024-03-01 09:30召开，审议通过了实施方案。",
            "截至 2024-12-31 23:59",
        ] {
            assert_eq!(reason(line), None, "taken as chrome: {line}");
        }
    }

    #[test]
    fn an_index_label_after_the_title() {
        assert_eq!(
            label_tail("中共双牌县教育局党组2024年度法治政府建设年度报告 - 文号:"),
            Some((
                "中共双牌县教育局党组2024年度法治政府建设年度报告".into(),
                "- 文号:".into()
            ))
        );
        assert_eq!(label_tail("依法做好信息公开，标注名称："), None);
    }

    #[test]
    fn a_watermark_after_a_heading() {
        assert_eq!(
            watermark_tail(
                "一、2022年度推进法治政府建设的主要举措和成效 公文汇 www.gongwenhui.com"
            ),
            Some((
                "一、2022年度推进法治政府建设的主要举措和成效".into(),
                "公文汇 www.gongwenhui.com".into()
            ))
        );
        assert_eq!(watermark_tail("(一)坚持党的领导 公文汇,办公文档之家"), None);
    }

    #[test]
    fn the_organ_a_page_names_as_its_source() {
        for (line, organ) in [
            ("2026-01-20 17:01  |  武汉市水务局", Some("武汉市水务局")),
            (
                "| 发文机关: | 东安县应急管理局 | 发文日期: | |",
                Some("东安县应急管理局"),
            ),
            (
                "发布日期:2021-03-03 信息来源:四川省司法厅 【字体:",
                Some("四川省司法厅"),
            ),
            ("来源:留下街道 点击率:", Some("留下街道")),
            (
                "发布单位 湖南省交通运输厅 来源 厅法制处",
                Some("湖南省交通运输厅"),
            ),
            ("发布时间：2020-03-13", None),
        ] {
            assert_eq!(source_organ(line).as_deref(), organ, "{line}");
        }
    }
}
