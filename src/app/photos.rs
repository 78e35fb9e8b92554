//! Photos in the article: each picture of the story set at the reading
//! width, at most half the pane high, above its caption; and a picture
//! shown alone (`p`), as large as the screen allows.

use std::path::PathBuf;

use ratatui::layout::Rect;

use super::State;
use super::pictures::picture_path;
use super::reading::Row;
use crate::pictures::Want;
use crate::story::{Block, Role};

/// A photo on screen, placed by `update` for `ui`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PhotoFrame {
    /// Where the part on screen goes.
    pub cells: Rect,
    pub want: Want,
    /// Under a picture shown alone: its caption and credit.
    pub caption: String,
}

/// The picture shown alone: which of the story's pictures.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PictureView {
    pub index: usize,
}

impl State {
    /// Where the picture of an image block is on disk, if it is.
    fn block_picture(&self, block: &Block) -> Option<PathBuf> {
        let issue = self.issue.as_ref()?;
        let image = issue.article(block.fragment)?.images.get(block.index)?;
        picture_path(self.issue_file().as_deref(), image.src.as_deref()?)
    }

    /// The rows each image block's picture takes, for the reader: from
    /// the picture's size once measured (asked for the first time here).
    pub(super) fn place_figures(&mut self) {
        let Some(graphics) = self.pictures.graphics else {
            return;
        };
        let Some(reader) = &self.reader else { return };
        let columns = self.geometry.text.width;
        let most = u16::try_from(self.article_height() / 2).unwrap_or(u16::MAX);
        // Only the image blocks, of a story that may have thousands.
        let pictures: Vec<(usize, PathBuf)> = reader
            .blocks
            .iter()
            .enumerate()
            .filter(|(_, block)| block.role == Role::Image)
            .filter_map(|(i, block)| Some((i, self.block_picture(block)?)))
            .collect();
        let mut figures = vec![0; pictures.last().map_or(0, |(i, _)| i + 1)];
        for (block, path) in pictures {
            if let Some(Ok(size)) = self.pictures.size(&path) {
                figures[block] = graphics.fit(size, (columns, most.max(1))).1;
            }
        }
        if let Some(reader) = &mut self.reader {
            reader.set_figures(figures);
        }
    }

    /// The photos on screen, and the pictures they want.
    pub(super) fn place_photos(&mut self, wants: &mut Vec<Want>) {
        self.photo_frames.clear();
        let Some(graphics) = self.pictures.graphics else {
            return;
        };
        let Some(reader) = &self.reader else { return };
        let column = self.geometry.text;
        // Each picture on screen: its block, its first and past-the-last
        // rows shown, and the screen row it starts on.
        let mut seen: Vec<(usize, u16, u16, u16)> = Vec::new();
        for (y, row) in reader.rows.iter().enumerate() {
            let Row::Picture { block, row } = *row else {
                continue;
            };
            let y = u16::try_from(y).unwrap_or(u16::MAX);
            match seen.last_mut() {
                Some(last) if last.0 == block => last.2 = row + 1,
                _ => seen.push((block, row, row + 1, y)),
            }
        }
        for (block, first, end, y) in seen {
            let Some(reader) = &self.reader else { return };
            let rows = reader.figure(block);
            let Some(path) = self.block_picture(&reader.blocks[block]) else {
                continue;
            };
            let Some(size) = self.pictures.known_size(&path) else {
                continue;
            };
            let (width, _) = graphics.fit(size, (column.width, rows));
            let want = Want {
                visible: first..end,
                ..Want::whole(path, (width, rows))
            };
            let cells = Rect::new(
                column.x + (column.width - width) / 2,
                column.y + y,
                width,
                end - first,
            );
            wants.push(want.clone());
            self.photo_frames.push(PhotoFrame {
                cells,
                want,
                caption: String::new(),
            });
        }
    }

    /// The story's pictures that are on disk, in order, with their
    /// captions.
    fn story_pictures(&self) -> Vec<(PathBuf, String)> {
        let (Some(reader), Some(issue)) = (&self.reader, &self.issue) else {
            return Vec::new();
        };
        reader
            .blocks
            .iter()
            .filter(|b| b.role == Role::Image)
            .filter_map(|b| Some((self.block_picture(b)?, b.text(issue).into_owned())))
            .collect()
    }

    /// Shows the story's first picture on screen (or its first) alone.
    pub(super) fn open_picture(&mut self) {
        let pictures = self.story_pictures();
        if pictures.is_empty() {
            self.say("本文没有可显示的图片");
            return;
        }
        if self.pictures.graphics.is_none() {
            self.say("图片显示已关闭（设置 images）");
            return;
        }
        let on_screen = self
            .photo_frames
            .first()
            .and_then(|f| pictures.iter().position(|(p, _)| *p == f.want.path))
            .unwrap_or(0);
        if let Some(Err(reason)) = self.pictures.size(&pictures[on_screen].0) {
            let reason = reason.to_owned();
            self.say(format!("图片无法显示：{reason}"));
            return;
        }
        self.viewer = Some(PictureView { index: on_screen });
    }

    /// The keys of a picture shown alone.
    pub(super) fn picture_key(&mut self, action: Option<super::Action>) {
        use super::Action;
        let Some(mut view) = self.viewer else { return };
        let count = self.story_pictures().len();
        match action {
            Some(Action::NextPage | Action::NextArticle | Action::LineDown) => {
                view.index = (view.index + 1).min(count.saturating_sub(1));
            }
            Some(Action::PrevPage | Action::PrevArticle | Action::LineUp) => {
                view.index = view.index.saturating_sub(1);
            }
            Some(Action::Close | Action::Picture) => {
                self.viewer = None;
                return;
            }
            _ => {}
        }
        self.viewer = Some(view);
    }

    /// The picture shown alone, fitted to the body of the screen.
    pub(super) fn place_viewer(&mut self, wants: &mut Vec<Want>) {
        self.viewer_frame = None;
        let (Some(view), Some(graphics)) = (self.viewer, self.pictures.graphics) else {
            return;
        };
        // The story changed under it (an issue opened in the background):
        // the view goes.
        let Some((path, caption)) = self.story_pictures().get(view.index).cloned() else {
            self.viewer = None;
            return;
        };
        let (width, height) = self.size;
        // The screen but the two bars and a row for the caption.
        let body = Rect::new(0, 1, width, height.saturating_sub(3));
        let size = match self.pictures.size(&path) {
            Some(Ok(size)) => size,
            // Said where the picture would be, and the view can be left.
            Some(Err(reason)) => {
                let reason = reason.to_owned();
                self.viewer = None;
                self.say(format!("图片无法显示：{reason}"));
                return;
            }
            None => return,
        };
        let (columns, rows) = graphics.fit(size, (body.width, body.height));
        let want = Want::whole(path, (columns, rows));
        let cells = Rect::new(
            body.x + (body.width - columns) / 2,
            body.y + (body.height - rows) / 2,
            columns,
            rows,
        );
        wants.push(want.clone());
        self.viewer_frame = Some(PhotoFrame {
            cells,
            want,
            caption,
        });
    }
}
