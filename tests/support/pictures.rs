//! An issue with pictures, written for the tests into a folder of its own:
//! a page picture whose areas are three articles, a photo, a page whose
//! picture was never downloaded and a page with none.

#![allow(dead_code, reason = "each test file uses part of it")]

use std::path::{Path, PathBuf};

use image::{ImageFormat, Rgb, RgbImage};

/// The page picture's frame, as the issue gives it (the file is twice
/// as large, as a site's picture is beside the size it is shown at).
pub const FRAME: (u32, u32) = (400, 600);

/// The areas of page 01's three articles, in the frame's pixels.
pub const AREAS: [[f64; 8]; 3] = [
    [10.0, 10.0, 390.0, 10.0, 390.0, 200.0, 10.0, 200.0],
    [10.0, 210.0, 195.0, 210.0, 195.0, 590.0, 10.0, 590.0],
    [205.0, 210.0, 390.0, 210.0, 390.0, 590.0, 205.0, 590.0],
];

/// A page as printed, roughly: paper, a dark headline bar and grey text
/// lines in each area.
pub fn page_picture(scale: u32) -> RgbImage {
    let (width, height) = (FRAME.0 * scale, FRAME.1 * scale);
    RgbImage::from_fn(width, height, |x, y| {
        let (fx, fy) = (f64::from(x / scale), f64::from(y / scale));
        for area in AREAS {
            if fx >= area[0] && fx <= area[4] && fy >= area[1] && fy <= area[5] {
                let inside = fy - area[1];
                if inside < 24.0 {
                    return Rgb([40, 40, 40]);
                }
                return if (y / scale) % 12 < 5 {
                    Rgb([130, 130, 130])
                } else {
                    Rgb([248, 246, 238])
                };
            }
        }
        Rgb([248, 246, 238])
    })
}

/// A photo: a gradient, wider than high.
pub fn photo() -> RgbImage {
    RgbImage::from_fn(300, 200, |x, y| {
        Rgb([
            u8::try_from(x * 255 / 300).unwrap(),
            u8::try_from(y * 255 / 200).unwrap(),
            140,
        ])
    })
}

/// Writes the issue and its pictures into `dir`; returns the issue file.
pub fn write_issue(dir: &Path) -> PathBuf {
    let pictures = dir.join("2025-03-14.pictures");
    std::fs::create_dir_all(&pictures).unwrap();
    page_picture(2)
        .save_with_format(pictures.join("page-01.png"), ImageFormat::Png)
        .unwrap();
    photo()
        .save_with_format(pictures.join("photo.jpg"), ImageFormat::Jpeg)
        .unwrap();
    let area = |i: usize| serde_json::json!([AREAS[i]]);
    let issue = serde_json::json!({
        "format": 1,
        "publication": "图片日报",
        "date": "2025-03-14",
        "pages": [
            {
                "label": "01", "name": "要闻",
                "image": {"src": "2025-03-14.pictures/page-01.png", "width": FRAME.0, "height": FRAME.1},
                "articles": [
                    {"title": "头条新闻", "paragraphs": ["头条正文。"], "areas": area(0)},
                    {"title": "左栏报道", "paragraphs": ["左栏正文。"], "areas": area(1),
                     "images": [{"src": "2025-03-14.pictures/photo.jpg", "caption": "会场一角", "credit": "本报记者 某某摄"}]},
                    {"title": "右栏报道", "paragraphs": ["右栏正文。"], "areas": area(2)},
                    {"title": "不在图上的简讯", "paragraphs": ["简讯。"]}
                ]
            },
            {
                "label": "02", "name": "国内",
                "image": {"src": "https://example.cn/page-02.jpg", "width": FRAME.0, "height": FRAME.1},
                "articles": [
                    {"title": "未下载版面图上的文章", "paragraphs": ["正文。"], "areas": area(0)}
                ]
            },
            {
                "label": "03", "name": "广告",
                "articles": [{"title": "没有版面图", "paragraphs": ["正文。"]}]
            }
        ]
    });
    let file = dir.join("2025-03-14.json");
    std::fs::write(&file, serde_json::to_vec_pretty(&issue).unwrap()).unwrap();
    file
}

/// A folder of its own under the system's temporary one, removed when
/// dropped.
pub struct Folder(pub PathBuf);

impl Folder {
    pub fn new(name: &str) -> Folder {
        let dir = std::env::temp_dir().join(format!("epaper-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        Folder(dir)
    }
}

impl Drop for Folder {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}
