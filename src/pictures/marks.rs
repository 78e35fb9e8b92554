//! The page map's marks, painted into the page picture's pixels: each
//! article's area outlined and numbered, the selected one tinted.
//!
//! Painted rather than drawn as text over the picture because kitty,
//! sixel and iTerm2 pictures cover the cells they are in: text cannot go
//! over them. Painting at the size the picture is shown keeps the lines
//! one or two pixels thin however large the page.

use image::{Rgba, RgbaImage};

use super::{Graphics, Protocol};

/// The areas to mark, in the pixels of a frame of `frame` (the page
/// picture's size as the issue gives it), with the number each shows.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Marks {
    pub frame: (u32, u32),
    pub areas: Vec<Area>,
    /// Which of `areas` is selected.
    pub selected: Option<usize>,
}

/// One polygon, its points rounded to whole pixels of the frame.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Area {
    pub number: u16,
    pub points: Vec<(i32, i32)>,
}

impl Area {
    /// A polygon given as `x1, y1, x2, y2, …`.
    pub fn new(number: u16, coords: &[f64]) -> Area {
        #[allow(clippy::cast_possible_truncation)]
        let points = coords
            .chunks_exact(2)
            .map(|p| (p[0].round() as i32, p[1].round() as i32))
            .collect();
        Area { number, points }
    }
}

const LINE: Rgba<u8> = Rgba([200, 30, 30, 255]);
const TINT: Rgba<u8> = Rgba([230, 160, 20, 255]);
const LABEL: Rgba<u8> = Rgba([255, 255, 255, 255]);

impl Marks {
    /// Paints the marks into `picture`, which shows the frame stretched
    /// to its size.
    pub fn paint(&self, picture: &mut RgbaImage, graphics: &Graphics) {
        let sx = f64::from(picture.width()) / f64::from(self.frame.0.max(1));
        let sy = f64::from(picture.height()) / f64::from(self.frame.1.max(1));
        let halfblocks = graphics.protocol == Protocol::Halfblocks;
        let thick = if halfblocks {
            1
        } else {
            (u32::from(graphics.cell.1) / 10).max(1)
        };
        let scaled = |area: &Area| -> Vec<(f64, f64)> {
            area.points
                .iter()
                .map(|&(x, y)| (f64::from(x) * sx, f64::from(y) * sy))
                .collect()
        };
        if let Some(area) = self.selected.and_then(|s| self.areas.get(s)) {
            tint(picture, &scaled(area));
        }
        for (i, area) in self.areas.iter().enumerate() {
            let points = scaled(area);
            let width = if Some(i) == self.selected {
                thick * 2
            } else {
                thick
            };
            outline(picture, &points, width);
        }
        // A digit one cell high, or as near as the pixels allow.
        let scale = if halfblocks {
            1
        } else {
            (u32::from(graphics.cell.1) * 3 / 4 / 5).max(1)
        };
        for (i, area) in self.areas.iter().enumerate() {
            let points = scaled(area);
            let Some((x, y)) = top_left(&points) else {
                continue;
            };
            let selected = Some(i) == self.selected;
            label(picture, x + 1, y + 1, area.number, scale, selected);
        }
    }
}

fn top_left(points: &[(f64, f64)]) -> Option<(u32, u32)> {
    let x = points.iter().map(|p| p.0).reduce(f64::min)?;
    let y = points.iter().map(|p| p.1).reduce(f64::min)?;
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    Some((x.max(0.0) as u32, y.max(0.0) as u32))
}

fn put(picture: &mut RgbaImage, x: i64, y: i64, colour: Rgba<u8>) {
    if let (Ok(x), Ok(y)) = (u32::try_from(x), u32::try_from(y))
        && x < picture.width()
        && y < picture.height()
    {
        picture.put_pixel(x, y, colour);
    }
}

/// The polygon's edges, `width` pixels wide.
fn outline(picture: &mut RgbaImage, points: &[(f64, f64)], width: u32) {
    if points.len() < 2 {
        return;
    }
    let width = i64::from(width);
    for (i, &(x0, y0)) in points.iter().enumerate() {
        let (x1, y1) = points[(i + 1) % points.len()];
        let steps = (x1 - x0).abs().max((y1 - y0).abs()).ceil().max(1.0);
        #[allow(clippy::cast_possible_truncation)]
        let count = steps as i64;
        for step in 0..=count {
            #[allow(clippy::cast_precision_loss)]
            let t = step as f64 / steps;
            #[allow(clippy::cast_possible_truncation)]
            let (x, y) = (
                (x0 + (x1 - x0) * t).floor() as i64,
                (y0 + (y1 - y0) * t).floor() as i64,
            );
            for dx in 0..width {
                for dy in 0..width {
                    put(picture, x + dx - width / 2, y + dy - width / 2, LINE);
                }
            }
        }
    }
}

/// The polygon's inside, blended with the tint: even-odd scanlines.
fn tint(picture: &mut RgbaImage, points: &[(f64, f64)]) {
    if points.len() < 3 {
        return;
    }
    let top = points
        .iter()
        .map(|p| p.1)
        .fold(f64::INFINITY, f64::min)
        .max(0.0);
    let bottom = points
        .iter()
        .map(|p| p.1)
        .fold(f64::NEG_INFINITY, f64::max)
        .min(f64::from(picture.height()));
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let (top, bottom) = (top.floor() as u32, bottom.ceil() as u32);
    let mut crossings = Vec::new();
    for y in top..bottom {
        let yc = f64::from(y) + 0.5;
        crossings.clear();
        for (i, &(x0, y0)) in points.iter().enumerate() {
            let (x1, y1) = points[(i + 1) % points.len()];
            if (y0 <= yc) != (y1 <= yc) {
                crossings.push(x0 + (yc - y0) / (y1 - y0) * (x1 - x0));
            }
        }
        crossings.sort_by(f64::total_cmp);
        for pair in crossings.chunks_exact(2) {
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
            let (from, to) = (
                pair[0].max(0.0).round() as u32,
                pair[1].min(f64::from(picture.width())).round() as u32,
            );
            for x in from..to {
                let pixel = picture.get_pixel_mut(x, y);
                for c in 0..3 {
                    pixel[c] = u8::try_from((u16::from(pixel[c]) * 3 + u16::from(TINT[c])) / 4)
                        .unwrap_or(u8::MAX);
                }
            }
        }
    }
}

/// Digits three pixels wide and five high, row by row, the high bit left.
const DIGITS: [[u8; 5]; 10] = [
    [0b111, 0b101, 0b101, 0b101, 0b111],
    [0b010, 0b110, 0b010, 0b010, 0b111],
    [0b111, 0b001, 0b111, 0b100, 0b111],
    [0b111, 0b001, 0b111, 0b001, 0b111],
    [0b101, 0b101, 0b111, 0b001, 0b001],
    [0b111, 0b100, 0b111, 0b001, 0b111],
    [0b111, 0b100, 0b111, 0b101, 0b111],
    [0b111, 0b001, 0b010, 0b010, 0b010],
    [0b111, 0b101, 0b111, 0b101, 0b111],
    [0b111, 0b101, 0b111, 0b001, 0b111],
];

/// `number` on a filled box at `(x, y)`, each digit pixel `scale` wide.
fn label(picture: &mut RgbaImage, x: u32, y: u32, number: u16, scale: u32, selected: bool) {
    let digits: Vec<usize> = number
        .to_string()
        .bytes()
        .map(|b| usize::from(b - b'0'))
        .collect();
    let Ok(count) = u32::try_from(digits.len()) else {
        return;
    };
    let (ink, ground) = if selected {
        (LABEL, LINE)
    } else {
        (LINE, LABEL)
    };
    let width = (count * 4 + 1) * scale;
    let height = 7 * scale;
    for dy in 0..height {
        for dx in 0..width {
            put(picture, i64::from(x + dx), i64::from(y + dy), ground);
        }
    }
    for (i, &digit) in digits.iter().enumerate() {
        let Ok(i) = u32::try_from(i) else { return };
        for (row, bits) in DIGITS[digit].iter().enumerate() {
            let Ok(row) = u32::try_from(row) else { return };
            for column in 0..3 {
                if bits & (0b100 >> column) == 0 {
                    continue;
                }
                for sy in 0..scale {
                    for sx in 0..scale {
                        let px = x + (1 + i * 4 + column) * scale + sx;
                        let py = y + (1 + row) * scale + sy;
                        put(picture, i64::from(px), i64::from(py), ink);
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn white(width: u32, height: u32) -> RgbaImage {
        RgbaImage::from_pixel(width, height, Rgba([255, 255, 255, 255]))
    }

    #[test]
    fn an_area_is_outlined_where_its_frame_puts_it_and_tinted_when_selected() {
        // A 100×200 frame shown at 50×100: everything at half.
        let marks = Marks {
            frame: (100, 200),
            areas: vec![Area::new(
                1,
                &[20.0, 100.0, 80.0, 100.0, 80.0, 180.0, 20.0, 180.0],
            )],
            selected: Some(0),
        };
        let mut picture = white(50, 100);
        marks.paint(&mut picture, &Graphics::halfblocks());
        // The right edge at x = 40, the bottom at y = 90.
        assert_eq!(*picture.get_pixel(40, 70), LINE);
        assert_eq!(*picture.get_pixel(30, 90), LINE);
        // Inside, below the number, tinted; outside, untouched.
        assert_ne!(*picture.get_pixel(30, 80), Rgba([255, 255, 255, 255]));
        assert_eq!(*picture.get_pixel(5, 5), Rgba([255, 255, 255, 255]));
        assert_eq!(*picture.get_pixel(45, 95), Rgba([255, 255, 255, 255]));
    }

    #[test]
    fn numbers_are_written_in_their_digits() {
        let mut picture = white(20, 10);
        label(&mut picture, 0, 0, 7, 1, false);
        // 7's top row is full, its middle only on the right.
        for x in 1..4 {
            assert_eq!(*picture.get_pixel(x, 1), LINE, "{x}");
        }
        assert_eq!(*picture.get_pixel(1, 3), LABEL);
        assert_eq!(*picture.get_pixel(2, 3), LINE);
    }

    #[test]
    fn marks_outside_the_picture_are_cut_not_a_panic() {
        let marks = Marks {
            frame: (10, 10),
            areas: vec![Area::new(12, &[-50.0, -50.0, 500.0, -50.0, 500.0, 500.0])],
            selected: Some(0),
        };
        let mut picture = white(8, 8);
        marks.paint(&mut picture, &Graphics::new(Protocol::Kitty, (10, 20)));
    }
}
