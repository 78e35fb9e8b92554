//! Pages already downloaded by a fetch that did not finish, so that running
//! it again asks the site only for what is still missing. One folder per
//! issue; a page is one file, written whole or not at all.

use std::io;
use std::path::{Path, PathBuf};

use super::http::Page;
use crate::library::files::write_atomically;

pub struct Cache {
    dir: PathBuf,
}

/// FNV-1a, 64 bits: a stable file name for a URL. The URL is stored in
/// the file too, so a collision reads as a miss, not as the wrong page.
pub(super) fn hash(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

impl Cache {
    /// The cache of the fetch that starts at `key` (the first page's URL).
    pub fn new(root: &Path, key: &str) -> Cache {
        Cache {
            dir: root.join(format!("{:016x}", hash(key))),
        }
    }

    fn path(&self, url: &str) -> PathBuf {
        self.dir.join(format!("{:016x}.page", hash(url)))
    }

    /// The page saved for `url`, if there is one.
    pub fn get(&self, url: &str) -> Option<Page> {
        // What the cache holds is what `put` wrote: a page of at most
        // MAX_PAGE and two short lines; anything else there is not read.
        let bytes = crate::library::read_limited(
            &self.path(url),
            super::http::MAX_PAGE + (64 << 10),
            "cached pages",
        )
        .ok()?;
        let mut parts = bytes.splitn(3, |&b| b == b'\n');
        let stored = std::str::from_utf8(parts.next()?).ok()?;
        let content_type = std::str::from_utf8(parts.next()?).ok()?;
        let body = parts.next()?;
        // The final URL after redirects and the requested one are both
        // stored: "requested final".
        let (requested, final_url) = stored.split_once(' ')?;
        (requested == url).then(|| Page {
            url: final_url.to_owned(),
            content_type: (!content_type.is_empty()).then(|| content_type.to_owned()),
            bytes: body.to_vec(),
        })
    }

    pub fn put(&self, url: &str, page: &Page) -> io::Result<()> {
        // Links are percent-encoded before they are asked for; one with
        // white space in it could not be read back, so it is not kept.
        if url.contains(char::is_whitespace) || page.url.contains(char::is_whitespace) {
            return Ok(());
        }
        std::fs::create_dir_all(&self.dir)?;
        let mut bytes = format!(
            "{url} {}\n{}\n",
            page.url,
            page.content_type
                .as_deref()
                .map(|c| c.replace(['\n', '\r'], ""))
                .unwrap_or_default()
        )
        .into_bytes();
        bytes.extend_from_slice(&page.bytes);
        write_atomically(&self.path(url), &bytes)
    }

    /// Forgets the fetch: its issue is written whole.
    pub fn clear(&self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_comes_back_as_it_was_put() {
        let root = std::env::temp_dir().join(format!("epaper-cache-{}", std::process::id()));
        let cache = Cache::new(&root, "http://example.cn/node_1.htm");
        let page = Page {
            url: "http://example.cn/b/node_1.htm".to_owned(),
            content_type: Some("text/html; charset=GBK".to_owned()),
            bytes: b"<html>\n\xb5\xda</html>".to_vec(),
        };
        cache.put("http://example.cn/node_1.htm", &page).unwrap();
        let back = cache.get("http://example.cn/node_1.htm").unwrap();
        assert_eq!(
            (back.url, back.content_type, back.bytes),
            (page.url, page.content_type, page.bytes)
        );
        assert!(cache.get("http://example.cn/node_2.htm").is_none());
        cache.clear();
        assert!(cache.get("http://example.cn/node_1.htm").is_none());
        let _ = std::fs::remove_dir_all(root);
    }
}
