//! The fixture sites of tests/fixtures/sites: written for the project on
//! the structures of the real e-paper platforms, with the issues they must
//! import into.

#![allow(dead_code)]

use std::path::{Path, PathBuf};

use epaper::model::{self, Issue};

pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/sites")
}

/// One fixture site: where its pages are, below the site root, and the
/// issue it must give.
pub struct Site {
    pub name: &'static str,
    /// Folders, below the site root, that hold the issue's pages.
    pub folders: &'static [&'static str],
    /// The URL path of the first page.
    pub first_page: &'static str,
    /// Headlines whose article the site does not have.
    pub missing: &'static [&'static str],
    /// Whether some of its documents fit no site profile (the articles of
    /// a platform whose article pages no one has seen), which the import
    /// notes.
    pub unfitted: bool,
}

pub const SITES: &[Site] = &[
    Site {
        name: "founder",
        folders: &["jcrb/html/2025-03/14"],
        first_page: "jcrb/html/2025-03/14/node_11.htm",
        missing: &["content_13_1022.htm"],
        unfitted: false,
    },
    Site {
        name: "rmrb-2024",
        folders: &["rmrb/html/2024-05/20"],
        first_page: "rmrb/html/2024-05/20/nbs.D110000renmrb_01.htm",
        missing: &["nw.D110000renmrb_20240520_1-03.htm"],
        unfitted: false,
    },
    Site {
        name: "rmrb-2025",
        folders: &["rmrb/pc/layout/202501/06", "rmrb/pc/content/202501/06"],
        first_page: "rmrb/pc/layout/202501/06/node_01.html",
        missing: &[],
        unfitted: false,
    },
    Site {
        name: "tqpaper",
        folders: &["ljwb/pc/layout/202503/14", "ljwb/pc/con/202503/14"],
        first_page: "ljwb/pc/layout/202503/14/node_A01.html",
        missing: &[],
        unfitted: false,
    },
    Site {
        name: "pagenn",
        folders: &["lcrb/20250314"],
        first_page: "lcrb/20250314/Page01BC.htm",
        missing: &[],
        unfitted: true,
    },
    Site {
        name: "banci",
        folders: &[
            "nfrb/html/20250314/20250314_001",
            "nfrb/html/20250314/20250314_002",
        ],
        first_page: "nfrb/html/20250314/20250314_001/20250314_001.htm",
        missing: &["20250314_001_2.htm"],
        unfitted: true,
    },
];

impl Site {
    pub fn dir(&self) -> PathBuf {
        root().join(self.name)
    }

    /// Every page file of the site, sorted.
    pub fn files(&self) -> Vec<PathBuf> {
        let mut files: Vec<PathBuf> = self
            .folders
            .iter()
            .flat_map(|folder| {
                std::fs::read_dir(self.dir().join(folder)).expect("the fixture folder")
            })
            .map(|entry| entry.expect("a fixture file").path())
            .collect();
        files.sort();
        files
    }

    pub fn expected(&self) -> Issue {
        let path = root().join(format!("{}.expected.json", self.name));
        let bytes = std::fs::read(&path).expect("the expected issue");
        model::load(&bytes).expect("the expected issue loads").issue
    }
}

/// The issue with what depends on where it was read from set aside: the
/// source, and picture locations cut to their file names.
pub fn comparable(mut issue: Issue) -> Issue {
    issue.source = None;
    let file_name = |src: &str| src.rsplit('/').next().unwrap_or_default().to_owned();
    for page in &mut issue.pages {
        if let Some(image) = &mut page.image {
            image.src = file_name(&image.src);
        }
        for article in &mut page.articles {
            for image in &mut article.images {
                if let Some(src) = &mut image.src {
                    *src = file_name(src);
                }
            }
        }
    }
    issue
}
