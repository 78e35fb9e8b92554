//! Reading a picture file, and fitting and encoding it for the terminal.

use std::io::Cursor;
use std::path::Path;

use image::{DynamicImage, ImageReader, Limits, RgbaImage, imageops::FilterType};
use ratatui::layout::Size;
use ratatui_image::picker::{Picker, ProtocolType};
use ratatui_image::protocol::Protocol;
use ratatui_image::protocol::halfblocks::Halfblocks;
use ratatui_image::{FontSize, Resize};

use super::{Drawn, Graphics, Want};
use crate::library::read_limited;

/// A picture file may be up to this big.
pub const MAX_PICTURE_FILE: u64 = 64 << 20;
/// A picture may be up to this many pixels on a side…
pub const MAX_SIDE: u32 = 20_000;
/// …and need up to this many bytes decoded.
const MAX_DECODED: u64 = 512 << 20;
/// Decoded pictures are kept at most this many pixels on their long side:
/// more than any screen shows, and a 4000×6000 page a ninth of the memory.
pub const KEPT_SIDE: u32 = 2_560;

fn limits() -> Limits {
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    limits.max_alloc = Some(MAX_DECODED);
    limits
}

fn reader(path: &Path) -> Result<ImageReader<Cursor<Vec<u8>>>, String> {
    let bytes = read_limited(path, MAX_PICTURE_FILE, "picture files")
        .map_err(|error| error.reason().to_owned())?;
    let mut reader = ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|error| error.to_string())?;
    if reader.format().is_none() {
        return Err("not a PNG or JPEG picture".to_owned());
    }
    reader.limits(limits());
    Ok(reader)
}

/// The size in pixels of the picture at `path`, from its header.
pub fn measure(path: &Path) -> Result<(u32, u32), String> {
    let (width, height) = reader(path)?
        .into_dimensions()
        .map_err(|error| error.to_string())?;
    if width == 0 || height == 0 || width > MAX_SIDE || height > MAX_SIDE {
        return Err(format!("a picture of {width}×{height} pixels is not drawn"));
    }
    Ok((width, height))
}

/// The picture at `path`, decoded and brought down to `KEPT_SIDE` pixels
/// on its long side.
pub fn decode(path: &Path) -> Result<RgbaImage, String> {
    let picture = reader(path)?.decode().map_err(|error| error.to_string())?;
    let (width, height) = (picture.width(), picture.height());
    if width.max(height) > KEPT_SIDE {
        let scale = f64::from(KEPT_SIDE) / f64::from(width.max(height));
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let (w, h) = (
            ((f64::from(width) * scale).round() as u32).max(1),
            ((f64::from(height) * scale).round() as u32).max(1),
        );
        return Ok(picture.thumbnail_exact(w, h).into_rgba8());
    }
    Ok(picture.into_rgba8())
}

/// ratatui-image's picker for `graphics`. Made once per painter: inside
/// tmux its constructor runs `tmux set -p allow-passthrough on`, which the
/// graphics protocols need there and half blocks do not (they never make
/// one).
pub fn picker(graphics: Graphics) -> Picker {
    // ratatui-image makes a picker for a known cell size only through this
    // constructor; the terminal was asked already (tui's probe).
    #[allow(deprecated)]
    let mut picker = Picker::from_fontsize(FontSize::new(graphics.cell.0, graphics.cell.1));
    picker.set_protocol_type(match graphics.protocol {
        super::Protocol::Kitty => ProtocolType::Kitty,
        super::Protocol::Sixel => ProtocolType::Sixel,
        super::Protocol::Iterm2 => ProtocolType::Iterm2,
        super::Protocol::Halfblocks => ProtocolType::Halfblocks,
    });
    picker
}

/// `picture` fitted to the cells `want` asks for, with its marks, the
/// visible rows cut out, encoded for `graphics`.
pub fn encode(
    graphics: Graphics,
    picker: Option<&Picker>,
    picture: &RgbaImage,
    want: &Want,
) -> Result<Drawn, String> {
    let (columns, rows) = want.cells;
    let visible = want.visible.start.min(rows)..want.visible.end.min(rows);
    if columns == 0 || visible.is_empty() {
        return Err("no room to draw the picture in".to_owned());
    }
    let (cw, ch) = (u32::from(graphics.cell.0), u32::from(graphics.cell.1));
    let (width, height) = (u32::from(columns) * cw, u32::from(rows) * ch);
    let mut fitted = image::imageops::resize(picture, width, height, FilterType::Triangle);
    if let Some(marks) = &want.marks {
        marks.paint(&mut fitted, &graphics);
    }
    let top = u32::from(visible.start) * ch;
    let shown = u32::from(visible.end - visible.start) * ch;
    let cut = if top == 0 && shown == height {
        fitted
    } else {
        image::imageops::crop_imm(&fitted, 0, top, width, shown).to_image()
    };
    let size = Size::new(columns, visible.end - visible.start);
    let image = DynamicImage::ImageRgba8(cut);
    let protocol = match picker {
        // Already the size of the cells, two pixels a cell.
        None => Halfblocks::new(image, size).map(Protocol::Halfblocks),
        Some(picker) => picker.new_protocol(image, size, Resize::Fit(None)),
    };
    protocol.map(Drawn).map_err(|error| error.to_string())
}
