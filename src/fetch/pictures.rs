//! The pictures of a fetched issue: each page picture and each article's
//! photo, downloaded into a folder beside the issue file
//! (`<issue file stem>.pictures/`), each under a name made from its URL's
//! hash and the format its header shows, never from the URL's path. The
//! issue's `src` is rewritten to the path relative to the issue file; a
//! picture that cannot be had keeps its URL.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use super::Gap;
use super::http::{Client, Failure};
use crate::import::Parsed;
use crate::import::links::is_web;
use crate::import::picture::{self, Format};
use crate::library::files::write_atomically;
use crate::model::Issue;

/// No page picture or photo weighs more; a larger one is left out, and
/// reading it stops there.
pub const MAX_PICTURE: u64 = 16 << 20;

/// Most pictures one issue downloads: a daily has a few hundred.
pub const MAX_PICTURES: usize = 2_000;

/// The folder the pictures of the issue file `issue` go in, beside it:
/// `人民日报-2025-01-06.pictures` for `人民日报-2025-01-06.json`.
pub fn folder_name(issue: &Path) -> String {
    let stem = issue
        .file_stem()
        .map_or_else(|| "issue".into(), |s| s.to_string_lossy());
    format!("{stem}.pictures")
}

/// A picture written into the folder.
#[derive(Debug, Clone)]
pub(super) struct Saved {
    /// The file's name in the folder.
    pub file: String,
    /// Its own size, in pixels.
    pub natural: (u32, u32),
}

/// What downloading an issue's pictures gave.
#[derive(Debug, Default)]
pub(super) struct Outcome {
    /// Pictures the issue now points at, and how many of them were in
    /// the folder already.
    pub saved: usize,
    pub kept: usize,
    pub gaps: Vec<Gap>,
    pub notes: Vec<String>,
}

/// The picture URLs of the issue, page pictures first, each once.
pub(super) fn urls(issue: &Issue) -> Vec<String> {
    let pages = issue.pages.iter().filter_map(|p| p.image.as_ref());
    let photos = issue
        .pages
        .iter()
        .flat_map(|p| &p.articles)
        .flat_map(|a| &a.images)
        .filter_map(|i| i.src.as_deref());
    let mut seen = std::collections::HashSet::new();
    pages
        .map(|i| i.src.as_str())
        .chain(photos)
        .filter(|src| is_web(src) && seen.insert(*src))
        .map(str::to_owned)
        .collect()
}

/// The picture at `url`, from the folder when an earlier fetch saved it,
/// else downloaded, checked to be a PNG or JPEG, and written whole.
pub(super) fn one(client: &Client, url: &str, folder: &Path) -> Result<(Saved, bool), Failure> {
    let hash = format!("{:016x}", super::cache::hash(url));
    for format in [Format::Jpeg, Format::Png] {
        let file = format!("{hash}.{}", format.extension());
        let Ok(bytes) = crate::library::read_limited(&folder.join(&file), MAX_PICTURE, "pictures")
        else {
            continue;
        };
        if let Ok((found, natural)) = picture::measure(&bytes)
            && found == format
        {
            return Ok((Saved { file, natural }, true));
        }
    }
    let page = client.get_picture(url, MAX_PICTURE)?;
    let (format, natural) =
        picture::measure(&page.bytes).map_err(|e| Failure::NotAPicture(e.to_string()))?;
    let file = format!("{hash}.{}", format.extension());
    write_atomically(&folder.join(&file), &page.bytes)
        .map_err(|e| Failure::Refused(format!("cannot write {file}: {e}")))?;
    Ok((Saved { file, natural }, false))
}

/// Points the issue's pictures at the files saved, relative to the issue
/// file; a page picture whose size the page did not give takes the
/// frame its file shows, and areas outside that frame are left out.
pub(super) fn rewrite(
    issue: &mut Issue,
    folder: &str,
    saved: &HashMap<String, Saved>,
    parsed: &[&Parsed],
    notes: &mut Vec<String>,
) {
    let local = |src: &str| saved.get(src).map(|s| format!("{folder}/{}", s.file));
    for page in &mut issue.pages {
        if let Some(image) = &mut page.image
            && let Some(got) = saved.get(&image.src)
        {
            let unmeasured = parsed
                .iter()
                .filter_map(|p| p.picture.as_ref())
                .find(|p| p.src == image.src && p.size.is_none());
            if let Some(picture) = unmeasured {
                let (width, height) = picture.frame(got.natural);
                image.width = width;
                image.height = height;
                drop_outside(&mut page.articles, width, height, &page.label, notes);
            }
            image.src = format!("{folder}/{}", got.file);
        }
        for article in &mut page.articles {
            for image in &mut article.images {
                if let Some(path) = image.src.as_deref().and_then(local) {
                    image.src = Some(path);
                }
            }
        }
    }
}

/// Areas a frame does not hold, give or take the format's slack, left
/// out and noted.
fn drop_outside(
    articles: &mut [crate::model::Article],
    width: u32,
    height: u32,
    label: &crate::model::PageLabel,
    notes: &mut Vec<String>,
) {
    let mut outside = 0;
    for article in articles {
        let before = article.areas.len();
        article
            .areas
            .retain(|area| picture::holds((width, height), area));
        outside += before - article.areas.len();
    }
    if outside > 0 {
        notes.push(picture::outside_note(
            label.as_str(),
            outside,
            (width, height),
        ));
    }
}

/// The folder for the issue file at `path`, made.
pub(super) fn make_folder(path: &Path) -> std::io::Result<(String, PathBuf)> {
    let name = folder_name(path);
    let dir = path.parent().unwrap_or(Path::new(".")).join(&name);
    std::fs::create_dir_all(&dir)?;
    Ok((name, dir))
}
