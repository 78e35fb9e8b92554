//! Links as the sites write them: resolved against the page as a browser
//! resolves them, the file name that relates a headline to its article, the
//! target of an `onclick` that does what a link would, and which links name
//! an article, a page picture or a PDF rather than a page of the paper.

use std::fmt::Write;

/// The file name a link or a location ends in, without query or fragment:
/// what relates a headline's link to the saved or fetched article.
pub fn link_key(link: &str) -> String {
    let link = link.split(['#', '?']).next().unwrap_or(link);
    let name = link.rsplit(['/', '\\']).next().unwrap_or(link);
    name.to_owned()
}

/// A link made absolute against the page's URL when that is an http(s)
/// URL, as a browser resolves it (RFC 3986): `./` and `../` taken away,
/// a link of only `?query` or `#fragment` kept on the page itself, spaces
/// around it dropped, spaces and non-ASCII inside it percent-encoded. Kept
/// as written when the page's URL is a file path.
pub fn resolve(base: &str, link: &str) -> String {
    let link = link.trim_matches(|c: char| c.is_ascii_whitespace());
    if has_scheme(link) {
        return encode(link);
    }
    if !is_web(base) {
        return link.to_owned();
    }
    let base = base.split('#').next().unwrap_or(base);
    let scheme_end = base.find("://").map_or(0, |i| i + 3);
    let origin = origin(base);
    let base_path = base[origin.len()..].split('?').next().unwrap_or("");
    if link.is_empty() {
        return base.to_owned();
    }
    if link.starts_with('#') {
        return format!("{base}{}", encode(link));
    }
    if link.starts_with('?') {
        return format!("{origin}{base_path}{}", encode(link));
    }
    if let Some(rest) = link.strip_prefix("//") {
        // The scheme with its colon, then the link.
        let scheme = &base[..scheme_end - "//".len()];
        return encode(&format!("{scheme}//{rest}"));
    }
    let (path, suffix) = match link.find(['?', '#']) {
        Some(i) => (&link[..i], &link[i..]),
        None => (link, ""),
    };
    let merged = if path.starts_with('/') {
        path.to_owned()
    } else {
        let dir = &base_path[..base_path.rfind('/').map_or(0, |i| i + 1)];
        format!("/{}{path}", dir.trim_start_matches('/'))
    };
    let mut segments: Vec<&str> = Vec::new();
    let parts: Vec<&str> = merged.split('/').skip(1).collect();
    let mut trailing = false;
    for (i, part) in parts.iter().enumerate() {
        let last = i + 1 == parts.len();
        match *part {
            "." | "" => trailing = last,
            ".." => {
                segments.pop();
                trailing = last;
            }
            part => segments.push(part),
        }
    }
    let mut out = origin.to_owned();
    for segment in &segments {
        out.push('/');
        out.push_str(segment);
    }
    if trailing || segments.is_empty() {
        out.push('/');
    }
    out.push_str(suffix);
    encode(&out)
}

/// Whether `location` is an http(s) URL rather than a file path.
pub fn is_web(location: &str) -> bool {
    location.starts_with("http://") || location.starts_with("https://")
}

/// `http://host:port` of a URL: what two URLs share when they are on the
/// same site.
pub fn origin(url: &str) -> &str {
    let scheme_end = url.find("://").map_or(0, |i| i + 3);
    let end = url[scheme_end..]
        .find(['/', '?', '#'])
        .map_or(url.len(), |i| scheme_end + i);
    &url[..end]
}

/// `javascript:`, `mailto:`, `http:`: a link that names its scheme.
fn has_scheme(link: &str) -> bool {
    let Some(colon) = link.find(':') else {
        return false;
    };
    let scheme = &link[..colon];
    scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
}

/// Spaces, controls and non-ASCII characters percent-encoded, as a
/// browser sends them.
fn encode(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    for c in url.chars() {
        if c.is_ascii_graphic() {
            out.push(c);
        } else {
            let mut buffer = [0; 4];
            for byte in c.encode_utf8(&mut buffer).bytes() {
                let _ = write!(out, "%{byte:02X}");
            }
        }
    }
    out
}

/// The page an `onclick` opens, when it does what a link would:
/// `window.location.href='…'`, `location='…'`, `window.open('…')`.
pub fn onclick_target(code: &str) -> Option<String> {
    for opener in ["location.href", "location", "window.open", "open"] {
        let mut from = 0;
        while let Some(at) = code[from..].find(opener) {
            let after = from + at + opener.len();
            from = after;
            let rest = code[after..].trim_start();
            let rest = rest
                .strip_prefix('=')
                .or_else(|| rest.strip_prefix('('))
                .map(str::trim_start);
            let Some(rest) = rest else { continue };
            let Some(quote) = rest.chars().next().filter(|c| matches!(c, '\'' | '"')) else {
                continue;
            };
            let inner = &rest[1..];
            let Some(end) = inner.find(quote) else {
                continue;
            };
            let target = inner[..end].trim();
            if !target.is_empty() && !target.starts_with('#') {
                return Some(target.to_owned());
            }
        }
    }
    None
}

/// A link that goes nowhere or to something other than a page: `#`,
/// `javascript:`, `mailto:`, a PDF, a picture, a download.
pub fn is_not_a_page(link: &str) -> bool {
    let lower = link.trim().to_ascii_lowercase();
    if lower.is_empty()
        || lower.starts_with('#')
        || lower.starts_with("javascript:")
        || lower.starts_with("mailto:")
        || lower.starts_with("tel:")
    {
        return true;
    }
    let path = lower.split(['?', '#']).next().unwrap_or(&lower);
    [
        ".pdf", ".jpg", ".jpeg", ".png", ".gif", ".bmp", ".webp", ".zip", ".rar", ".exe", ".mp3",
        ".mp4", ".swf", ".js", ".css",
    ]
    .iter()
    .any(|ext| path.ends_with(ext))
        || path.contains(".jpg.")
}

/// The link names an article page of one of the platforms: `content_…`,
/// People's Daily's `nw.D…`, `Articel…`, a `/con/` or `/content/` folder,
/// the banci system's `<date>_<page>_<n>.htm`.
pub fn looks_like_article(link: &str) -> bool {
    let key = link_key(link);
    let lower = key.to_ascii_lowercase();
    if lower.starts_with("content_")
        || lower.starts_with("nw.d")
        || lower.starts_with("articel")
        || lower.starts_with("article")
        || link.contains("/content/")
        || link.contains("/con/")
    {
        return true;
    }
    // 20240909_001_1.htm: date, page, article.
    let stem = lower.split('.').next().unwrap_or("");
    let parts: Vec<&str> = stem.split('_').collect();
    parts.len() == 3
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_resolve_as_a_browser_resolves_them() {
        let base = "http://paper.example.cn/rmrb/html/2017-10/16/nbs.D110000renmrb_01.htm";
        assert_eq!(
            resolve(base, "nbs.D110000renmrb_02.htm"),
            "http://paper.example.cn/rmrb/html/2017-10/16/nbs.D110000renmrb_02.htm"
        );
        assert_eq!(
            resolve(base, "./nbs.D110000renmrb_03.htm"),
            "http://paper.example.cn/rmrb/html/2017-10/16/nbs.D110000renmrb_03.htm"
        );
        assert_eq!(
            resolve(base, "../../../page/2017-10/16/01/a.jpg"),
            "http://paper.example.cn/rmrb/page/2017-10/16/01/a.jpg"
        );
        assert_eq!(
            resolve(base, "/x.htm?a=1"),
            "http://paper.example.cn/x.htm?a=1"
        );
        assert_eq!(resolve(base, "https://other.cn/y"), "https://other.cn/y");
        assert_eq!(resolve("saved/page.htm", "content_1.htm"), "content_1.htm");
        let base = "http://h.cn/a/b.htm";
        for (link, want) in [
            ("./", "http://h.cn/a/"),
            ("../", "http://h.cn/"),
            ("../../..", "http://h.cn/"),
            ("x/", "http://h.cn/a/x/"),
            ("", "http://h.cn/a/b.htm"),
            ("?div=-1", "http://h.cn/a/b.htm?div=-1"),
            ("#t", "http://h.cn/a/b.htm#t"),
            ("c.htm?u=http://x", "http://h.cn/a/c.htm?u=http://x"),
            (" content_1.htm ", "http://h.cn/a/content_1.htm"),
            ("图 1.jpg", "http://h.cn/a/%E5%9B%BE%201.jpg"),
            ("//cdn.cn/p.jpg", "http://cdn.cn/p.jpg"),
            ("javascript:void(0)", "javascript:void(0)"),
        ] {
            assert_eq!(resolve(base, link), want, "{link:?}");
        }
    }

    #[test]
    fn onclick_handlers_that_open_a_page() {
        for (code, want) in [
            (
                "javascript:window.location.href='../20240909_001/20240909_001_1.htm'",
                Some("../20240909_001/20240909_001_1.htm"),
            ),
            ("window.location.href='../a/x.pdf'", Some("../a/x.pdf")),
            ("location = \"node_2.htm\";", Some("node_2.htm")),
            (
                "window.open('content_1.htm','_blank')",
                Some("content_1.htm"),
            ),
            ("GotoNextPage();", None),
            ("location.href='#'", None),
            ("calendar()", None),
        ] {
            assert_eq!(onclick_target(code).as_deref(), want, "{code}");
        }
    }

    #[test]
    fn article_links_and_links_that_are_not_pages() {
        for link in [
            "content_548643.htm?div=-1",
            "../../../con/202409/20/c1051934.html",
            "nw.D110000renmrb_20171016_1-01.htm",
            "Articel01001NR.htm",
            "../20240909_001/20240909_001_1.htm",
            "https://www.yicai.com/epaper/pc/202408/22/content_39082.html",
        ] {
            assert!(looks_like_article(link), "{link}");
        }
        for link in [
            "node_2.htm",
            "Page01BC.htm",
            "20240909_001.htm",
            "index.html",
        ] {
            assert!(!looks_like_article(link), "{link}");
        }
        for link in [
            "#",
            "javascript:;",
            "../../../att/202409/20/b08d.pdf",
            "../../../pic/202409/20/c577.jpg.2",
            "mailto:x@y.cn",
        ] {
            assert!(is_not_a_page(link), "{link}");
        }
        assert!(!is_not_a_page("node_3.htm"));
    }
}
