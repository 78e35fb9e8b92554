//! The library's index: each file's header, remembered by path, size and
//! modification time, so that listing a library of thousands of issues
//! reads none of them again until they change. A cache: lost or corrupt,
//! it is rebuilt.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

use serde::{Deserialize, Serialize};

use super::files::write_atomically;
use super::{Entry, Source, error_line};
use crate::model::{self, Header};

const VERSION: u32 = 1;

/// The largest index read: about 500 bytes an issue, so some hundred
/// thousand issues; a larger one is rebuilt.
const MAX_INDEX: u64 = 64 << 20;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct Known {
    size: u64,
    /// Modification time, nanoseconds since 1970.
    modified: u128,
    header: Result<Header, String>,
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct Index {
    version: u32,
    files: HashMap<PathBuf, Known>,
}

/// An issue file's size and modification time (nanoseconds since 1970):
/// what the header index, and the search index's filters, are valid for.
pub type Stamp = (u64, u128);

/// The stamp of the file at `path` now.
pub fn stamp(path: &Path) -> Option<Stamp> {
    let metadata = std::fs::metadata(path).ok()?;
    let modified = metadata.modified().ok()?.duration_since(UNIX_EPOCH).ok()?;
    Some((metadata.len(), modified.as_nanos()))
}

fn read_header(path: &Path) -> Result<Header, String> {
    let source = Source::File(path.to_owned());
    let name = source.name().into_owned();
    let bytes = source
        .read()
        .map_err(|error| format!("{name}: error: {error}"))?;
    model::header(&bytes).map_err(|error| error_line(&name, &error))
}

/// The entries of `paths`, from the index at `cache` where it knows a file
/// unchanged, else from the file's header, two threads at a time; the
/// index is written back when it learnt something.
pub fn headers(paths: &[PathBuf], cache: Option<&Path>) -> Vec<Entry> {
    let index: Index = cache
        .and_then(|path| super::read_limited(path, MAX_INDEX, "library indexes").ok())
        .and_then(|bytes| serde_json::from_slice(&bytes).ok())
        .filter(|index: &Index| index.version == VERSION)
        .unwrap_or_default();
    let stamps: Vec<Option<Stamp>> = paths.iter().map(|p| stamp(p)).collect();
    let mut known: Vec<Option<Result<Header, String>>> = paths
        .iter()
        .zip(&stamps)
        .map(|(path, stamp)| {
            let entry = index.files.get(path)?;
            (Some((entry.size, entry.modified)) == *stamp).then(|| entry.header.clone())
        })
        .collect();
    let missing: Vec<usize> = (0..paths.len()).filter(|&i| known[i].is_none()).collect();
    if !missing.is_empty() {
        let threads = std::thread::available_parallelism()
            .map_or(1, usize::from)
            .min(4);
        let chunk = missing.len().div_ceil(threads);
        let read: Vec<(usize, Result<Header, String>)> = std::thread::scope(|scope| {
            let workers: Vec<_> = missing
                .chunks(chunk.max(1))
                .map(|part| {
                    scope.spawn(move || {
                        part.iter()
                            .map(|&i| (i, read_header(&paths[i])))
                            .collect::<Vec<_>>()
                    })
                })
                .collect();
            workers
                .into_iter()
                .flat_map(|w| w.join().unwrap_or_default())
                .collect()
        });
        for (i, header) in read {
            known[i] = Some(header);
        }
        if let Some(cache) = cache {
            let files = paths
                .iter()
                .zip(&stamps)
                .zip(&known)
                // A name that is not UTF-8 cannot be a key of the index's
                // JSON: that file is listed (its name shown lossily) and its
                // header read each time; the index keeps the others.
                .filter(|((path, _), _)| path.to_str().is_some())
                .filter_map(|((path, stamp), header)| {
                    let (size, modified) = (*stamp)?;
                    Some((
                        path.clone(),
                        Known {
                            size,
                            modified,
                            header: header.clone()?,
                        },
                    ))
                })
                .collect();
            let index = Index {
                version: VERSION,
                files,
            };
            // A cache that cannot be written costs time next run, nothing else.
            if let Ok(bytes) = serde_json::to_vec(&index) {
                let _ = cache.parent().map(std::fs::create_dir_all);
                let _ = write_atomically(cache, &bytes);
            }
        }
    }
    paths
        .iter()
        .zip(known)
        .map(|(path, header)| Entry {
            source: Source::File(path.clone()),
            header: header
                .unwrap_or_else(|| Err(format!("{}: error: cannot read the file", path.display()))),
        })
        .collect()
}
