//! Pages built to make an HTML importer slow: every shape of markup whose
//! cost, in the tree builder or in the extractors reading the tree, grows
//! faster than the page, and the shapes that once got past the bound on
//! nesting (comments and raw text ended early or late, end tags and items
//! closing past special elements). Shared by the tests and the import bench.

use std::fmt::Write;

/// Each shape, as a page of about `size` bytes.
pub fn pages(size: usize) -> Vec<(&'static str, String)> {
    let repeated = |unit: &str, close: &str| {
        let n = size / (unit.len() + close.len()).max(1);
        format!(
            "<html><head><title>数字报</title></head><body>{}{}</body></html>",
            unit.repeat(n),
            close.repeat(n)
        )
    };
    let attributes = {
        let mut tag = String::from("<div");
        let mut i = 0;
        while tag.len() < size {
            let _ = write!(tag, " a{i}=1");
            i += 1;
        }
        format!("<html><body>{tag}>第01版</div></body></html>")
    };
    vec![
        (
            "nested dates",
            repeated("<span class=date>2025年1月1日", "</span>"),
        ),
        (
            "nested bodies",
            repeated("<div class=content>正文内容", "</div>"),
        ),
        (
            "boxes never closed",
            repeated("<div class=content>正文内容", ""),
        ),
        (
            "lists in list items",
            repeated("<ul><li><a href=node_2.htm>第02版：要闻</a>", ""),
        ),
        ("definition lists", repeated("<dl><dt>标题<dd>正文", "")),
        ("blocks in formatting", repeated("<b><div></b>文字", "")),
        (
            "links holding blocks",
            repeated("<a href=content_1.htm><div>标题<a>", ""),
        ),
        ("tables in cells", repeated("<table><tr><td>第01版", "")),
        ("paragraphs never closed", repeated("<p>段落", "")),
        (
            "fonts around paragraphs",
            repeated("<font><p>段落文字</font></p>", ""),
        ),
        ("links", repeated("<a href=content_1.htm>标题</a>", "")),
        ("options", repeated("<select><option>第01版", "")),
        ("end tags that close nothing", repeated("<span>", "</x>")),
        (
            "blocks in inline elements",
            repeated("<span><section>", "</span>"),
        ),
        ("formatting never closed", repeated("<b><i>文字", "")),
        ("fonts around spans", repeated("<font><span>文字", "")),
        ("self-closed boxes", repeated("<div/><span/>", "")),
        ("items in blocks", repeated("<li><section>", "")),
        ("options outside a select", repeated("<option><span>", "")),
        ("empty comments", repeated("<!--><div>", "")),
        ("comments ended with a bang", repeated("<!-- --!><div>", "")),
        (
            "scripts' near end tags",
            repeated("<script></scriptx></script><div>", ""),
        ),
        ("one tag's attributes", attributes),
    ]
}
