//! `epaper import FILE... -o OUT.json`: saved e-paper pages to one issue
//! file.

use std::io;
use std::path::{Path, PathBuf};

use crate::import::assemble::{AssembleError, Given, Source};
use crate::import::{Document, Profiles, assemble};
use crate::library::files::write_atomically;
use crate::library::{ReadError, read_limited};

/// Saved pages larger than this are not e-paper pages.
const MAX_PAGE: u64 = 64 << 20;

/// What went wrong, with the file it concerns.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("{path}: {error}")]
    Read { path: String, error: ReadError },
    #[error("{0}")]
    Assemble(#[from] AssembleError),
    #[error("{path}: cannot write the issue: {error}")]
    Write { path: String, error: io::Error },
}

/// The options of the command.
#[derive(Debug, Clone, Default)]
pub struct Options {
    pub given: Given,
    /// The charset of every file, as an HTTP header would give it.
    pub encoding: Option<String>,
    /// The site profiles pages are read with.
    pub profiles: Profiles,
}

/// Reads, parses and assembles the files; the issue and the notes.
pub fn import(
    files: &[PathBuf],
    options: &Options,
) -> Result<crate::import::Imported, ImportError> {
    Ok(assemble(&parse(files, options)?, &options.given)?)
}

/// Reads and parses the files.
pub fn parse(files: &[PathBuf], options: &Options) -> Result<Vec<Source>, ImportError> {
    let mut sources = Vec::with_capacity(files.len());
    for path in files {
        let document = read(path, options.encoding.as_deref())?;
        let mut parsed = document.parse(&options.profiles);
        measure_beside(path, &mut parsed);
        sources.push(Source {
            key: document.key(),
            parsed,
        });
    }
    Ok(sources)
}

fn read(path: &Path, encoding: Option<&str>) -> Result<Document, ImportError> {
    let shown = path.display().to_string();
    let bytes = read_limited(path, MAX_PAGE, "saved pages").map_err(|error| ImportError::Read {
        path: shown.clone(),
        error,
    })?;
    Ok(Document {
        location: shown,
        bytes,
        content_type: encoding.map(str::to_owned),
    })
}

/// The most of a saved picture read for its header.
const MAX_PICTURE: u64 = 16 << 20;

/// The page picture's size from its file, when the page was saved with
/// the picture beside it (its `src` a path relative to the page) and the
/// page does not give both its width and height.
fn measure_beside(page: &Path, parsed: &mut crate::import::Parsed) {
    let Some(picture) = parsed.picture.as_mut() else {
        return;
    };
    if picture.size.is_some() || picture.src.contains("://") {
        return;
    }
    let relative = picture.src.split(['?', '#']).next().unwrap_or_default();
    let file = page.parent().unwrap_or(Path::new("")).join(relative);
    if !file.is_file() {
        return;
    }
    let what = format!("the file {}", file.display());
    match read_limited(&file, MAX_PICTURE, "page pictures")
        .map_err(|e| e.to_string())
        .and_then(|bytes| picture.measure(&bytes).map_err(|e| e.to_string()))
    {
        Ok((_, natural)) => {
            let (w, h) = picture.size.unwrap_or(natural);
            parsed.explain.found(
                "picture size",
                format!("{w}×{h} (the file is {}×{})", natural.0, natural.1),
                what,
            );
        }
        Err(error) => parsed
            .explain
            .found("picture size", format!("unknown: {error}"), what),
    }
}

/// Points the issue's pictures saved beside the pages (a `src` relative
/// to the pages' folder) at them from the issue file's folder, so that an
/// issue written elsewhere still finds them. Only when every page is in
/// one folder, which the paths were written relative to; whether anything
/// changed.
fn repoint_pictures(issue: &mut crate::model::Issue, files: &[PathBuf], out: &Path) -> bool {
    let folder = |path: &Path| {
        let parent = path.parent().filter(|p| !p.as_os_str().is_empty());
        std::fs::canonicalize(parent.unwrap_or(Path::new(".")))
    };
    let mut folders = files.iter().map(|file| folder(file).ok());
    let Some(Some(pages)) = folders.next() else {
        return false;
    };
    if folders.any(|f| f.as_ref() != Some(&pages)) {
        return false;
    }
    let Ok(issue_folder) = folder(out) else {
        return false;
    };
    if pages == issue_folder {
        return false;
    }
    let repoint = |src: &mut String| {
        if src.contains("://") || src.starts_with("data:") || Path::new(src).is_absolute() {
            return;
        }
        let target = pages.join(src.split(['?', '#']).next().unwrap_or_default());
        *src = relative(&target, &issue_folder);
    };
    for page in &mut issue.pages {
        if let Some(image) = &mut page.image {
            repoint(&mut image.src);
        }
        for article in &mut page.articles {
            for image in &mut article.images {
                if let Some(src) = &mut image.src {
                    repoint(src);
                }
            }
        }
    }
    true
}

/// `path` as seen from the folder `from`, both absolute: `../a/b.jpg`.
/// `..` in `path` is taken away with the folder before it.
fn relative(path: &Path, from: &Path) -> String {
    use std::path::Component;
    let mut to: Vec<Component<'_>> = Vec::new();
    for component in path.components() {
        match component {
            Component::ParentDir if matches!(to.last(), Some(Component::Normal(_))) => {
                to.pop();
            }
            Component::ParentDir | Component::CurDir => {}
            other => to.push(other),
        }
    }
    let base: Vec<_> = from.components().collect();
    let common = to.iter().zip(&base).take_while(|(a, b)| a == b).count();
    let mut parts: Vec<String> = vec!["..".to_owned(); base.len() - common];
    parts.extend(
        to[common..]
            .iter()
            .map(|c| c.as_os_str().to_string_lossy().into_owned()),
    );
    parts.join("/")
}

/// Writes the issue file to `out` whole or not at all.
pub fn write(json: &[u8], out: &Path) -> Result<(), ImportError> {
    write_atomically(out, json).map_err(|error| ImportError::Write {
        path: out.display().to_string(),
        error,
    })
}

/// The command: imports, writes when `out` is given, prints each file's
/// explanation on `stdout` with `explain`, and reports on `err`. Ok(false)
/// when it failed and said why.
pub fn run(
    files: &[PathBuf],
    out: Option<&Path>,
    options: &Options,
    explain: bool,
    stdout: &mut impl io::Write,
    err: &mut impl io::Write,
) -> io::Result<bool> {
    let sources = match parse(files, options) {
        Ok(sources) => sources,
        Err(error) => {
            super::safe_line(err, &format!("epaper: {error}"))?;
            return Ok(false);
        }
    };
    if explain {
        for (path, source) in files.iter().zip(&sources) {
            for line in source
                .parsed
                .explain
                .render(&path.display().to_string())
                .lines()
            {
                super::safe_line(stdout, line)?;
            }
        }
    }
    let imported = match assemble(&sources, &options.given)
        .map_err(ImportError::from)
        .and_then(|imported| {
            let mut imported = imported;
            if let Some(out) = out {
                if repoint_pictures(&mut imported.issue, files, out)
                    && let Some(json) = crate::import::to_json(&imported.issue)
                {
                    imported.json = json;
                }
                write(&imported.json, out)?;
            }
            Ok(imported)
        }) {
        Ok(imported) => imported,
        Err(error) => {
            super::safe_line(err, &format!("epaper: {error}"))?;
            return Ok(false);
        }
    };
    for note in &imported.notes {
        super::safe_line(err, &format!("warning: {note}"))?;
    }
    let issue = &imported.issue;
    let written = out.map_or_else(
        || "not written (no -o)".to_owned(),
        |o| o.display().to_string(),
    );
    super::safe_line(
        err,
        &format!(
            "{written}: {} {}, {}, {}",
            issue.publication,
            issue.date,
            super::count(issue.pages.len(), "page", "pages"),
            super::count(issue.article_count(), "article", "articles")
        ),
    )?;
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_written_as_seen_from_the_issue_folder() {
        let path = Path::new("/home/a/Downloads/page_files/p1.jpg");
        assert_eq!(
            relative(path, Path::new("/home/a/papers")),
            "../Downloads/page_files/p1.jpg"
        );
        assert_eq!(
            relative(path, Path::new("/home/a/Downloads")),
            "page_files/p1.jpg"
        );
        assert_eq!(
            relative(path, Path::new("/")),
            "home/a/Downloads/page_files/p1.jpg"
        );
        let up = Path::new("/home/a/Downloads/saved/../../../pic/p.jpg");
        assert_eq!(
            relative(up, Path::new("/home/a/lib/x")),
            "../../../pic/p.jpg"
        );
    }
}
