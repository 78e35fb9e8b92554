//! Where the filters are kept: a pack a folder of issues, in the cache.
//!
//! The filters of the issue files of one folder are one file, named by a
//! hash of the folder's absolute path: a table of the files' names, their
//! size and modification time when the filter was built, and where each
//! filter is in the pack; then the filters, each followed by its
//! checksum. A search reads the table once and each filter it needs with
//! one read at its offset, with no path to look up; building a library's
//! filters writes a file a folder, not a file an issue.
//!
//! A pack is written whole and put in place by rename, so a process killed
//! mid-write leaves the old pack; two processes that write one each leave
//! the one renamed last, and both are whole. A filter is used only when
//! its stamp is the file's and its checksum holds; anything else reads the
//! issue and builds the filter again.

use std::collections::HashMap;
use std::ffi::OsString;
use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::UNIX_EPOCH;

use super::filter::{Filter, mix};
use crate::library::files::replace_cache_file;
pub use crate::library::index::{Stamp, stamp};

const MAGIC: &[u8; 4] = b"EPSP";
/// 2: the filters' bits in 64-bit blocks.
const VERSION: u32 = 2;

/// The largest table read: room for some hundred thousand issues in a
/// folder.
const MAX_TABLE: u64 = 64 << 20;

/// The largest filter read: an issue of 256 MiB, the largest the reader
/// opens, holds fewer grams than this has room for.
const MAX_FILTER: u64 = 512 << 20;

const SUFFIX: &str = "pack";

/// Whether a file with this stamp was last changed long enough ago that
/// a change after it would show in the stamp. A file's time is taken from
/// a clock that moves in steps of some milliseconds, so a file written
/// twice within a step, to the same size, keeps its stamp; its filter is
/// kept only once the file has been left alone for longer than that, and
/// is built again while it has not (as git treats "racily clean" files).
pub fn settled(stamp: Stamp) -> bool {
    let now = std::time::SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    now.saturating_sub(stamp.1) > SETTLED_NANOS
}

const SETTLED_NANOS: u128 = 2_000_000_000;

/// A checksum of 64-bit words, fast enough to check every filter as it is
/// read: bytes cut short or changed fail it.
fn checksum(bytes: &[u8]) -> u64 {
    // Four lanes of 64-bit words, each its own chain of multiplications,
    // so that the processor runs them side by side.
    const K: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut lanes = [mix(bytes.len() as u64), 1, 2, 3];
    let mut blocks = bytes.chunks_exact(32);
    for block in &mut blocks {
        for (lane, word) in lanes.iter_mut().zip(block.chunks_exact(8)) {
            let word = u64::from_le_bytes(word.try_into().unwrap_or_default());
            *lane = (*lane ^ word).wrapping_mul(K).rotate_left(29);
        }
    }
    let mut sum = lanes.iter().fold(0, |sum: u64, &lane| mix(sum ^ lane));
    for &byte in blocks.remainder() {
        sum = (sum ^ u64::from(byte)).wrapping_mul(K);
    }
    mix(sum)
}

/// FNV-1a of a path's bytes: stable from one build to the next.
fn path_key(path: &Path) -> u64 {
    path.as_os_str()
        .as_encoded_bytes()
        .iter()
        .fold(0xCBF2_9CE4_8422_2325, |hash, &byte| {
            (hash ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01B3)
        })
}

/// The folder of packs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Index {
    dir: PathBuf,
}

/// A filter built by a search, under its file's name and stamp.
type Built = (OsString, Stamp, Arc<Filter>);

/// A filter to write into a pack: one built now, or one of an old pack's,
/// copied as it is.
pub enum Kept<'p> {
    New(Arc<Filter>),
    Old(&'p Pack, Slot),
}

impl Kept<'_> {
    fn bits(&self) -> u64 {
        match self {
            Kept::New(filter) => filter.bits,
            Kept::Old(_, slot) => slot.bits,
        }
    }

    /// The filter's words and checksum, as the pack holds them, into
    /// `bytes`.
    fn bytes(&self, bytes: &mut Vec<u8>) -> std::io::Result<()> {
        use std::os::unix::fs::FileExt;
        bytes.clear();
        match self {
            Kept::New(filter) => {
                for word in &filter.words {
                    bytes.extend_from_slice(&word.to_le_bytes());
                }
                let sum = checksum(bytes);
                bytes.extend_from_slice(&sum.to_le_bytes());
            }
            Kept::Old(pack, slot) => {
                let len = usize::try_from(slot.bits / 8 + 8).unwrap_or(0);
                bytes.resize(len, 0);
                pack.file.read_exact_at(bytes, slot.offset)?;
            }
        }
        Ok(())
    }
}

/// One filter in a pack's table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Slot {
    stamp: Stamp,
    /// Where the filter's words start in the pack, and their bits.
    offset: u64,
    bits: u64,
}

/// A folder's pack, its table read.
#[derive(Debug)]
pub struct Pack {
    file: File,
    slots: HashMap<OsString, Slot>,
}

/// A folder's issue files as a pack knows them, and the folder.
fn split(path: &Path) -> Option<(PathBuf, OsString)> {
    let absolute = std::path::absolute(path).ok()?;
    let name = absolute.file_name()?.to_owned();
    Some((absolute.parent()?.to_owned(), name))
}

impl Index {
    pub fn new(dir: PathBuf) -> Index {
        Index { dir }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    fn pack_file(&self, folder: &Path) -> PathBuf {
        self.dir.join(format!("{:016x}.{SUFFIX}", path_key(folder)))
    }

    /// The pack of `folder` (an absolute path), if there is one whose
    /// table passes its check.
    pub fn pack(&self, folder: &Path) -> Option<Pack> {
        use std::io::Read;
        let mut file = File::open(self.pack_file(folder)).ok()?;
        let mut head = [0u8; 16];
        file.read_exact(&mut head).ok()?;
        let mut fields = Fields(&head);
        if fields.take(4)? != MAGIC || fields.u32()? != VERSION {
            return None;
        }
        let table_len = fields.u64()?;
        if table_len > MAX_TABLE {
            return None;
        }
        let mut table = vec![0; usize::try_from(table_len).ok()?];
        file.read_exact(&mut table).ok()?;
        let (body, sum) = table.split_at_checked(table.len().checked_sub(8)?)?;
        if checksum(body) != u64::from_le_bytes(sum.try_into().ok()?) {
            return None;
        }
        let mut fields = Fields(body);
        let folder_len = usize::try_from(fields.u32()?).ok()?;
        if fields.take(folder_len)? != folder.as_os_str().as_encoded_bytes() {
            return None;
        }
        let count = fields.u32()?;
        let mut slots = HashMap::new();
        for _ in 0..count {
            let name_len = usize::try_from(fields.u32()?).ok()?;
            let name = os_string(fields.take(name_len)?);
            let slot = Slot {
                stamp: (fields.u64()?, fields.u128()?),
                offset: fields.u64()?,
                bits: fields.u64()?,
            };
            if slot.bits == 0 || !slot.bits.is_multiple_of(64) || slot.bits / 8 > MAX_FILTER {
                return None;
            }
            slots.insert(name, slot);
        }
        Some(Pack { file, slots })
    }

    /// Writes the pack of `folder` (absolute) with `filters`, each under
    /// its file's name and stamp: built now, or copied from an old pack a
    /// filter at a time, so that a pack of any size is written in little
    /// memory. One that cannot be written costs time at the next search,
    /// nothing else.
    pub fn write_pack(&self, folder: &Path, filters: &[(OsString, Stamp, Kept<'_>)]) {
        let folder_bytes = folder.as_os_str().as_encoded_bytes();
        let mut table = Vec::new();
        table.extend_from_slice(&u32::try_from(folder_bytes.len()).unwrap_or(0).to_le_bytes());
        table.extend_from_slice(folder_bytes);
        table.extend_from_slice(&u32::try_from(filters.len()).unwrap_or(0).to_le_bytes());
        let entry_len = |name: &OsString| 4 + name.as_encoded_bytes().len() + 8 + 16 + 8 + 8;
        let table_len =
            table.len() + filters.iter().map(|(n, _, _)| entry_len(n)).sum::<usize>() + 8;
        let mut offset = (16 + table_len) as u64;
        for (name, stamp, kept) in filters {
            let name = name.as_encoded_bytes();
            let bits = kept.bits();
            table.extend_from_slice(&u32::try_from(name.len()).unwrap_or(0).to_le_bytes());
            table.extend_from_slice(name);
            table.extend_from_slice(&stamp.0.to_le_bytes());
            table.extend_from_slice(&stamp.1.to_le_bytes());
            table.extend_from_slice(&offset.to_le_bytes());
            table.extend_from_slice(&bits.to_le_bytes());
            offset += bits / 8 + 8;
        }
        let sum = checksum(&table);
        table.extend_from_slice(&sum.to_le_bytes());
        debug_assert_eq!(table.len(), table_len);
        let write = |out: &mut dyn Write| -> std::io::Result<()> {
            out.write_all(MAGIC)?;
            out.write_all(&VERSION.to_le_bytes())?;
            out.write_all(&(table.len() as u64).to_le_bytes())?;
            out.write_all(&table)?;
            let mut bytes = Vec::new();
            for (_, _, kept) in filters {
                kept.bytes(&mut bytes)?;
                out.write_all(&bytes)?;
            }
            Ok(())
        };
        let file = self.pack_file(folder);
        // The folder is made the first time only.
        if replace_cache_file(&file, write).is_err() && std::fs::create_dir_all(&self.dir).is_ok() {
            let _ = replace_cache_file(&file, write);
        }
    }

    /// Removes the packs of folders that are gone, and what writers killed
    /// mid-write left more than an hour ago. Returns how many packs are
    /// left.
    pub fn tidy(&self) -> usize {
        let Ok(entries) = std::fs::read_dir(&self.dir) else {
            return 0;
        };
        let mut kept = 0;
        for entry in entries.flatten() {
            let path = entry.path();
            let name = entry.file_name();
            let name = name.to_string_lossy();
            if name.starts_with('.') && name.contains(".tmp-") {
                let old = entry
                    .metadata()
                    .ok()
                    .and_then(|m| m.modified().ok())
                    .and_then(|m| m.elapsed().ok())
                    .is_some_and(|age| age.as_secs() > 3600);
                if old {
                    let _ = std::fs::remove_file(&path);
                }
                continue;
            }
            if !name.ends_with(SUFFIX) {
                continue;
            }
            match folder_of(&path) {
                Some(folder) if !folder.is_dir() => {
                    let _ = std::fs::remove_file(&path);
                }
                _ => kept += 1,
            }
        }
        kept
    }
}

impl Pack {
    /// The filter of the file `name` as it is at `stamp`, if the pack has
    /// it and it passes its check.
    pub fn filter(&self, name: &OsString, stamp: Stamp) -> Option<Filter> {
        let slot = self.slots.get(name).filter(|slot| slot.stamp == stamp)?;
        self.read(slot)
    }

    fn read(&self, slot: &Slot) -> Option<Filter> {
        use std::os::unix::fs::FileExt;
        let len = usize::try_from(slot.bits / 8).ok()?;
        let mut bytes = vec![0; len + 8];
        self.file.read_exact_at(&mut bytes, slot.offset).ok()?;
        let (words, sum) = bytes.split_at(len);
        if checksum(words) != u64::from_le_bytes(sum.try_into().ok()?) {
            return None;
        }
        Some(Filter {
            bits: slot.bits,
            words: words
                .chunks_exact(8)
                .map(|w| u64::from_le_bytes(w.try_into().unwrap_or_default()))
                .collect(),
        })
    }
}

/// The folder a pack's table names, read from its head.
fn folder_of(pack: &Path) -> Option<PathBuf> {
    use std::io::Read;
    let mut head = Vec::new();
    File::open(pack)
        .ok()?
        .take(16 + 4 + 4096)
        .read_to_end(&mut head)
        .ok()?;
    let mut fields = Fields(&head);
    if fields.take(4)? != MAGIC {
        return None;
    }
    fields.take(4 + 8)?;
    let len = usize::try_from(fields.u32()?).ok()?;
    Some(PathBuf::from(os_string(fields.take(len)?)))
}

/// A name as this system's bytes.
fn os_string(bytes: &[u8]) -> OsString {
    use std::os::unix::ffi::OsStrExt;
    std::ffi::OsStr::from_bytes(bytes).to_owned()
}

/// Little-endian fields read off the front of a byte slice.
struct Fields<'a>(&'a [u8]);

impl<'a> Fields<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let (head, rest) = self.0.split_at_checked(n)?;
        self.0 = rest;
        Some(head)
    }

    fn u32(&mut self) -> Option<u32> {
        Some(u32::from_le_bytes(self.take(4)?.try_into().ok()?))
    }

    fn u64(&mut self) -> Option<u64> {
        Some(u64::from_le_bytes(self.take(8)?.try_into().ok()?))
    }

    fn u128(&mut self) -> Option<u128> {
        Some(u128::from_le_bytes(self.take(16)?.try_into().ok()?))
    }
}

/// The packs a library search reads and the filters it builds, shared by
/// its threads; the packs that changed are written at the end.
pub struct Shelves<'a> {
    index: &'a Index,
    packs: Mutex<HashMap<PathBuf, Option<Arc<Pack>>>>,
    built: Mutex<HashMap<PathBuf, Vec<Built>>>,
}

impl<'a> Shelves<'a> {
    pub fn new(index: &'a Index) -> Shelves<'a> {
        Shelves {
            index,
            packs: Mutex::new(HashMap::new()),
            built: Mutex::new(HashMap::new()),
        }
    }

    fn pack(&self, folder: &Path) -> Option<Arc<Pack>> {
        let mut packs = self
            .packs
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        packs
            .entry(folder.to_owned())
            .or_insert_with(|| self.index.pack(folder).map(Arc::new))
            .clone()
    }

    /// The filter of the issue file at `path` as it is at `stamp`, if kept.
    pub fn filter(&self, path: &Path, stamp: Stamp) -> Option<Filter> {
        let (folder, name) = split(path)?;
        self.pack(&folder)?.filter(&name, stamp)
    }

    /// Keeps a filter built for the file at `path` as it was at `stamp`.
    pub fn keep(&self, path: &Path, stamp: Stamp, filter: Filter) {
        let Some((folder, name)) = split(path) else {
            return;
        };
        self.built
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .entry(folder)
            .or_default()
            .push((name, stamp, Arc::new(filter)));
    }

    /// Writes the packs of the folders that had filters built: what they
    /// held, with the new filters in place of the old, and without the
    /// filters of files that `present` (every issue file searched) no
    /// longer lists.
    pub fn write(self, present: &[PathBuf]) {
        let built = self
            .built
            .into_inner()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if built.is_empty() {
            return;
        }
        let mut listed: HashMap<PathBuf, std::collections::HashSet<OsString>> = HashMap::new();
        for (folder, name) in present.iter().filter_map(|p| split(p)) {
            listed.entry(folder).or_default().insert(name);
        }
        let packs = self
            .packs
            .into_inner()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        for (folder, new) in built {
            let names = listed.get(&folder);
            let pack = packs.get(&folder).and_then(Option::as_ref);
            let mut filters: HashMap<&OsString, (Stamp, Kept<'_>)> = HashMap::new();
            if let Some(pack) = pack {
                for (name, slot) in &pack.slots {
                    filters.insert(name, (slot.stamp, Kept::Old(pack, *slot)));
                }
            }
            for (name, stamp, filter) in &new {
                filters.insert(name, (*stamp, Kept::New(Arc::clone(filter))));
            }
            let mut kept: Vec<(OsString, Stamp, Kept<'_>)> = filters
                .into_iter()
                .filter(|(name, _)| names.is_some_and(|n| n.contains(*name)))
                .map(|(name, (stamp, kept))| (name.clone(), stamp, kept))
                .collect();
            kept.sort_by(|a, b| a.0.cmp(&b.0));
            self.index.write_pack(&folder, &kept);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn filter(seed: u64) -> Filter {
        Filter {
            bits: 128,
            words: vec![mix(seed), mix(seed + 1)],
        }
    }

    fn scratch() -> PathBuf {
        let dir = std::env::temp_dir().join(format!("epaper-pack-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    fn a_filter_is_read_back_only_for_the_file_as_it_was() {
        let dir = scratch();
        let index = Index::new(dir.join("search"));
        let folder = std::path::absolute(dir.join("issues")).unwrap();
        let a = OsString::from("a.json");
        let b = OsString::from("b.json");
        let filters = vec![
            (a.clone(), (10, 20), Kept::New(Arc::new(filter(1)))),
            (b.clone(), (30, 40), Kept::New(Arc::new(filter(2)))),
        ];
        index.write_pack(&folder, &filters);
        let pack = index.pack(&folder).expect("the pack reads back");
        assert_eq!(pack.filter(&a, (10, 20)), Some(filter(1)));
        assert_eq!(pack.filter(&b, (30, 40)), Some(filter(2)));
        assert_eq!(pack.filter(&a, (11, 20)), None);
        assert_eq!(pack.filter(&a, (10, 21)), None);
        assert_eq!(pack.filter(&OsString::from("c.json"), (10, 20)), None);
        assert!(index.pack(&folder.join("other")).is_none());
        // A byte changed anywhere, or the file cut short: that filter, or
        // the whole pack, is not used.
        let file = index.pack_file(&folder);
        let good = std::fs::read(&file).unwrap();
        for at in 0..good.len() {
            let mut bad = good.clone();
            bad[at] ^= 0x10;
            std::fs::write(&file, &bad).unwrap();
            let pack = index.pack(&folder);
            let read = pack
                .as_ref()
                .map(|p| (p.filter(&a, (10, 20)), p.filter(&b, (30, 40))));
            assert!(
                read.is_none_or(|(x, y)| x.is_none() || y.is_none()),
                "byte {at} changed and still read"
            );
        }
        for len in [0, 3, 20, good.len() / 2, good.len() - 1] {
            std::fs::write(&file, &good[..len]).unwrap();
            let pack = index.pack(&folder);
            assert!(
                pack.is_none_or(|p| p.filter(&b, (30, 40)).is_none()),
                "{len} bytes"
            );
        }
        // The folder gone: tidying removes its pack.
        std::fs::write(&file, &good).unwrap();
        std::fs::create_dir_all(&folder).unwrap();
        assert_eq!(index.tidy(), 1);
        std::fs::remove_dir_all(&folder).unwrap();
        assert_eq!(index.tidy(), 0);
        assert!(!file.exists());
        let _ = std::fs::remove_dir_all(&dir);
    }
}
