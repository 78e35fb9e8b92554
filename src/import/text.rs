//! Plain-text captures of an e-paper page: what a browser's "save as text"
//! or a copy of the whole page gives. The site's navigation words are
//! recognised and dropped; what is left is the article (title, then
//! paragraphs), the page list (第01版:一版要闻 …) and the current page's
//! headlines.

use super::clean;
use super::{ArticleText, Headline, PageLink, Parsed};

/// Words of the site's navigation, on lines of their own.
const NAVIGATION: &[&str] = &[
    "往期阅读",
    "上一版",
    "下一版",
    "上一篇",
    "下一篇",
    "放大",
    "缩小",
    "默认",
    "标题导航",
    "版面导航",
    "返回目录",
    "PDF下载",
    "版面概览",
    "本版标题",
    "本期导航",
];

/// Where in the capture a line is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    /// Before the title.
    Head,
    /// The article: title and paragraphs.
    Article,
    /// After the closing 上一篇/下一篇, or in the lists.
    Lists,
}

/// The capture's article, page list and headlines.
pub fn parse(text: &str) -> Parsed {
    let mut parsed = Parsed::default();
    parsed.explain.kind = "plain-text capture";
    let mut part = Part::Head;
    let mut title: Option<String> = None;
    let mut paragraphs = Vec::new();
    for line in text.lines() {
        let plain = clean::squeeze(line);
        if plain.is_empty() {
            continue;
        }
        if let Some(label) = current_label(&plain) {
            parsed.current = Some(label);
            continue;
        }
        if is_navigation(&plain) {
            if part == Part::Article && title.is_some() {
                part = Part::Lists;
            }
            continue;
        }
        // Inside the article only "第01版…" counts as a page line: a
        // numbered paragraph ("1：坚持问题导向") is text.
        if let Some((label, name)) =
            clean::page_label(&plain).filter(|_| part != Part::Article || plain.contains('版'))
        {
            part = Part::Lists;
            parsed.pages.push(PageLink {
                label,
                name,
                href: None,
            });
            continue;
        }
        match part {
            Part::Head => {
                title = Some(plain);
                part = Part::Article;
            }
            Part::Article => paragraphs.push(line.trim().to_owned()),
            Part::Lists => parsed.headlines.push(Headline {
                title: plain,
                href: None,
                page: None,
            }),
        }
    }
    if let Some(title) = title {
        parsed.article = Some(ArticleText {
            title,
            paragraphs,
            page: parsed.current.clone(),
            ..ArticleText::default()
        });
    }
    parsed
}

/// "当前版: 03版" (with or without the buttons after it): "03".
fn current_label(line: &str) -> Option<String> {
    let rest = line.strip_prefix("当前版")?;
    let rest = rest
        .trim_start()
        .trim_start_matches([':', '：'])
        .trim_start();
    let (label, _) = clean::page_label(rest.split(' ').next()?)?;
    Some(label)
}

/// A line made only of navigation words.
fn is_navigation(line: &str) -> bool {
    line.split(' ').all(|word| NAVIGATION.contains(&word))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_capture_in_its_parts() {
        let capture = "往期阅读\n当前版: 03版 上一版  下一版\n上一篇    下一篇\n放大 缩小 默认   \n\n\
            标题一\n\n  第一段。\n\n  第二段。(某某)\n\n上一篇    下一篇\n \n     标题导航\n   第01版:要闻\n   第03版:国内\n\
            标题一\n标题二\n";
        let parsed = parse(capture);
        assert_eq!(parsed.current.as_deref(), Some("03"));
        let labels: Vec<_> = parsed
            .pages
            .iter()
            .map(|p| (p.label.as_str(), p.name.as_str()))
            .collect();
        assert_eq!(labels, [("01", "要闻"), ("03", "国内")]);
        let titles: Vec<_> = parsed.headlines.iter().map(|h| h.title.as_str()).collect();
        assert_eq!(titles, ["标题一", "标题二"]);
        let article = parsed.article.unwrap();
        assert_eq!(article.title, "标题一");
        assert_eq!(article.paragraphs, ["第一段。", "第二段。(某某)"]);
    }
}
