//! The paper's name as its pages print it, wherever that is: a masthead, a
//! logo's `alt`, the `<title>` ("科技日报--数字报", "上饶日报-上饶数字报-上饶新闻网",
//! "山南报社数字报刊平台"), the metadata of Founder pages, a copyright line
//! ("中国环境报社版权所有"). Each place gives candidates; the name is the
//! candidate with most weight, so a page that names its paper in three
//! places outvotes a headline that happens to end in 报.

/// What the e-paper calls itself after the paper's name: stripped, so
/// "中国环境报电子报" is 中国环境报. Longest first.
const EPAPER_SUFFIXES: &[&str] = &[
    "多媒体数字版",
    "数字报刊平台",
    "数字报平台",
    "数字报刊",
    "数字报纸",
    "电子报刊",
    "数字报",
    "电子报",
    "电子版",
    "数字版",
    "网络版",
    "手机版",
    "读报",
];

/// Words that are the e-paper's, not the paper's name.
const NOT_NAMES: &[&str] = &["数字报", "电子报", "电子版", "报纸", "日报", "晚报", "本报"];

/// A candidate cleaned into a paper's name: white space squeezed out
/// between hanzi, 《》 and the e-paper's own words taken off, and 报社
/// (the publisher) made 报 (the paper). None when what is left does not
/// look like the name of a paper: a few hanzi ending in 报, 刊 or 版.
pub fn paper_name(candidate: &str) -> Option<String> {
    let name = clean(candidate)?;
    let ends_well = name.ends_with('报')
        || name.ends_with('刊')
        || (name.ends_with('版') && name.contains('报'))
        || name.ends_with("报道");
    ends_well.then_some(name)
}

/// A candidate from a place that holds only the name (Founder's
/// `founder-papername`, a script's `paperName`): cleaned, but its ending
/// is not asked for.
pub fn named_field(candidate: &str) -> Option<String> {
    clean(candidate)
}

fn clean(candidate: &str) -> Option<String> {
    let mut name = super::clean::squeeze(candidate);
    if let Some(at) = name.find("报名") {
        // "报名：福州日报 版次：第001版…": the value after the field name.
        let rest = name[at + "报名".len()..].trim_start_matches([':', '：', ' ']);
        name = rest.split(' ').next().unwrap_or("").to_owned();
    }
    let name: String = name
        .trim_matches(|c: char| {
            c.is_whitespace() || matches!(c, '《' | '》' | '“' | '”' | '|' | '·' | '-' | '_')
        })
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    let mut name = name.as_str();
    for suffix in EPAPER_SUFFIXES {
        if let Some(rest) = name.strip_suffix(suffix)
            && !rest.is_empty()
        {
            name = rest;
            break;
        }
    }
    if let Some(rest) = name.strip_suffix('社')
        && rest.ends_with('报')
    {
        name = rest;
    }
    let count = name.chars().count();
    let hanzi = name
        .chars()
        .filter(|c| ('\u{4e00}'..='\u{9fff}').contains(c))
        .count();
    let plain = name
        .chars()
        .all(|c| ('\u{4e00}'..='\u{9fff}').contains(&c) || c.is_ascii_alphanumeric() || c == '·');
    (plain && hanzi >= 2 && (2..=12).contains(&count) && !NOT_NAMES.contains(&name))
        .then(|| name.to_owned())
}

/// The segments of a page title that may name the paper, with how surely:
/// a segment the e-paper's own word was taken from ("四川政协报数字报") is
/// surer than one that merely ends in 报.
pub fn from_title(title: &str) -> Vec<(String, u32)> {
    let squeezed = super::clean::squeeze(title);
    let mut found = Vec::new();
    for segment in squeezed
        .split([
            '-', '_', '|', '—', '–', '：', ':', '(', ')', '（', '）', ',',
        ])
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        let spaced: Vec<&str> = segment.split(' ').collect();
        // "桂林日报 -01版:头版": a name, then the rest after a space.
        let head = spaced.first().copied().unwrap_or(segment);
        let epaper = EPAPER_SUFFIXES.iter().any(|s| head.ends_with(s));
        if let Some(name) = paper_name(head) {
            found.push((name, if epaper { 3 } else { 2 }));
        }
    }
    found
}

/// The publisher in a copyright line: "中国环境报社版权所有", "版权所有 四川政协报社",
/// "© 版权所有 上饶日报社", "主办：山西经济日报社".
pub fn from_copyright(line: &str) -> Option<String> {
    let line = super::clean::squeeze(line);
    let spaced: String = line.chars().filter(|c| !c.is_whitespace()).collect();
    for marker in ["版权所有", "主办"] {
        let Some(at) = spaced.find(marker) else {
            continue;
        };
        let before = &spaced[..at];
        let after = spaced[at + marker.len()..].trim_start_matches([':', '：', '©']);
        // The name touching the marker, before or after it.
        let before_name: String = before
            .chars()
            .rev()
            .take_while(|c| ('\u{4e00}'..='\u{9fff}').contains(c))
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        let after_name: String = after
            .chars()
            .take_while(|c| ('\u{4e00}'..='\u{9fff}').contains(c))
            .collect();
        for name in [before_name, after_name] {
            if name.contains("报社")
                && let Some(name) =
                    paper_name(&name[..name.rfind("报社").map_or(0, |i| i + "报".len())])
            {
                return Some(name);
            }
        }
    }
    None
}

/// The paper a dateline names before its date: "人民日报 2017年10月16日",
/// "《人民日报》（2026年08月03日 第 05 版）", "来源：深圳晚报 2024年08月30日".
pub fn from_dateline(before_date: &str) -> Option<String> {
    let before = before_date.trim();
    let named = before
        .split_once('《')
        .and_then(|(_, r)| r.split_once('》'))
        .map(|(name, _)| name.trim())
        .or_else(|| before.rsplit([' ', '：', ':']).next())?;
    paper_name(named.trim_matches(['（', '(', ' ']))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_in_the_forms_titles_give_them() {
        let best = |title: &str| {
            from_title(title)
                .into_iter()
                .max_by_key(|(_, weight)| *weight)
                .map(|(name, _)| name)
        };
        for (title, want) in [
            ("科技日报--数字报", Some("科技日报")),
            ("上饶日报-上饶数字报-上饶新闻网", Some("上饶日报")),
            ("山南报社数字报刊平台", Some("山南报")),
            ("福州日报社数字报", Some("福州日报")),
            ("中国环境报电子报", Some("中国环境报")),
            ("洛阳晚报--河南省第一家数字报刊", Some("洛阳晚报")),
            ("桂林日报 -01版:头版-2024年10月11日", Some("桂林日报")),
            ("山西经济网数字报平台-山西经济日报", Some("山西经济日报")),
            ("安徽日报农村版", Some("安徽日报农村版")),
            ("“金鹏之夜”盛典昨晚举行_深圳晚报数字报", Some("深圳晚报")),
            ("人民日报-人民网", Some("人民日报")),
            ("数字报", None),
            ("首页", None),
        ] {
            assert_eq!(best(title).as_deref(), want, "{title}");
        }
    }

    #[test]
    fn names_in_copyright_lines_and_fields() {
        for (line, want) in [
            (
                "中国环境报社版权所有。未经许可，不得转载或镜像。",
                Some("中国环境报"),
            ),
            ("版权所有 四川政协报社", Some("四川政协报")),
            ("© 版权所有 上饶日报社 网络中心", Some("上饶日报")),
            (
                "晋 ICP 备 11001212 号 主办：山西经济日报社",
                Some("山西经济日报"),
            ),
            ("Copyright © kf.cn All Rights Reserved.", None),
            ("人 民 网 版 权 所 有", None),
        ] {
            assert_eq!(from_copyright(line).as_deref(), want, "{line}");
        }
        assert_eq!(
            named_field("报名：福州日报 版次：第001版：版名：要闻 日期：20240822").as_deref(),
            Some("福州日报")
        );
        assert_eq!(named_field("开封日报").as_deref(), Some("开封日报"));
        assert_eq!(named_field("ntnyq<1210485244@qq.com>"), None);
        assert_eq!(from_dateline("《人民日报》（").as_deref(), Some("人民日报"));
        assert_eq!(from_dateline("来源：深圳晚报").as_deref(), Some("深圳晚报"));
    }
}
