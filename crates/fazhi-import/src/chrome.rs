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
    if is_date_source_line(&compact) {
        return Some("发布日期和来源");
    }
    if is_page_tools(&compact) {
        return Some("页面工具（纠错、打印、关闭、字号）");
    }
    if is_breadcrumb(&compact) {
        return Some("页面路径（面包屑导航）");
    }
    if is_counter(&compact) {
        return Some("浏览次数");
    }
    None
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
        return rest.is_empty() || LABELS.iter().any(|l| rest.starts_with(l));
    }
    LABELS
        .iter()
        .any(|l| s.starts_with(&format!("{l}:")) || s.starts_with(&format!("{l}：")))
        && !s.contains('。')
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
    let seps = ['>', '»', '＞', '›', '→'];
    s.starts_with("首页") && s.contains(seps) && !s.contains('。')
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
        ] {
            assert_eq!(reason(line), None, "taken as chrome: {line}");
        }
    }
}
