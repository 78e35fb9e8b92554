//! The page picture (版面图) and its image map: each `<area>`'s outline as
//! a polygon, the picture's size as the page displays it, and a picture
//! file's size read from its header.
//!
//! Image-map coordinates are in the pixels of the picture as displayed:
//! the `img`'s `width` and `height` attributes when it has both, else the
//! file's own size, scaled to a lone `width` or `height` as a browser does.

use std::io::Cursor;

/// The page picture a page document shows, and the outlines of its map.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PagePicture {
    /// Where the picture is: resolved against the page's URL, or as the
    /// page writes it (relative to a saved file).
    pub src: String,
    /// The `img`'s `width` and `height` attributes, when they are numbers
    /// of pixels (`400`, `367px`).
    pub declared: (Option<u32>, Option<u32>),
    /// The frame the areas are measured in, once it is known: both
    /// attributes, or the file's size scaled to a lone one.
    pub size: Option<(u32, u32)>,
    /// Each area of the map, in the map's order.
    pub areas: Vec<Area>,
}

/// One `<area>`: where it links and its outline, `x1, y1, x2, y2, …`.
#[derive(Debug, Clone, PartialEq)]
pub struct Area {
    pub href: String,
    pub points: Vec<f64>,
}

impl PagePicture {
    /// A picture with the size its attributes give, when they give both.
    pub fn new(src: String, width: Option<&str>, height: Option<&str>) -> PagePicture {
        let declared = (width.and_then(pixels), height.and_then(pixels));
        let size = match declared {
            (Some(w), Some(h)) => Some((w, h)),
            _ => None,
        };
        PagePicture {
            src,
            declared,
            size,
            areas: Vec::new(),
        }
    }

    /// The size the areas are measured in, given the picture file's own
    /// size: the attributes when both are given, else the file's size
    /// scaled to the one given, keeping its shape.
    pub fn displayed(&self, natural: (u32, u32)) -> (u32, u32) {
        displayed(self.declared, natural)
    }

    /// The frame the areas are measured in, given the picture file's own
    /// size: as displayed ([`PagePicture::displayed`]), unless the areas
    /// reach well past that and fit the file's own size, as on sites
    /// whose script scales the map to the picture after loading (岳阳日报
    /// writes its map in the pixels of a 13,353-pixel scan shown 367 wide).
    pub fn frame(&self, natural: (u32, u32)) -> (u32, u32) {
        let shown = self.displayed(natural);
        let holds = |(w, h): (u32, u32)| {
            self.extent().is_none_or(|(x, y)| {
                f64::from(x) <= f64::from(w) + crate::model::AREA_SLACK
                    && f64::from(y) <= f64::from(h) + crate::model::AREA_SLACK
            })
        };
        if !holds(shown) && holds(natural) {
            natural
        } else {
            shown
        }
    }

    /// Takes its size from the picture file's header, unless the page
    /// gave both attributes: the file's format and its own size.
    pub fn measure(&mut self, bytes: &[u8]) -> Result<(Format, (u32, u32)), NotAPicture> {
        let (format, natural) = measure(bytes)?;
        if self.size.is_none() {
            self.size = Some(self.frame(natural));
        }
        Ok((format, natural))
    }

    /// The smallest frame that holds every area, rounded up: what an
    /// unknown size is taken to be.
    pub fn extent(&self) -> Option<(u32, u32)> {
        let mut max = (0.0f64, 0.0f64);
        for area in &self.areas {
            for point in area.points.chunks_exact(2) {
                max.0 = max.0.max(point[0]);
                max.1 = max.1.max(point[1]);
            }
        }
        let side = |v: f64| whole_pixels(v.ceil());
        (max.0 > 0.0 && max.1 > 0.0).then(|| (side(max.0), side(max.1)))
    }

    /// About how many bytes it holds.
    pub fn weight(&self) -> usize {
        self.src.len()
            + self
                .areas
                .iter()
                .map(|a| a.href.len() + a.points.len() * 8 + 64)
                .sum::<usize>()
    }
}

/// Whether a frame holds every point of an area, give or take the
/// format's slack ([`crate::model::AREA_SLACK`]).
pub fn holds((width, height): (u32, u32), points: &[f64]) -> bool {
    let slack = crate::model::AREA_SLACK;
    let inside = |v: f64, most: u32| (-slack..=f64::from(most) + slack).contains(&v);
    points
        .chunks_exact(2)
        .all(|p| inside(p[0], width) && inside(p[1], height))
}

/// What is said of areas left out of a page's picture.
pub fn outside_note(label: &str, outside: usize, (width, height): (u32, u32)) -> String {
    format!(
        "page {label}: {outside} of the page picture's areas reach outside its {width}×{height} pixels and are left out"
    )
}

/// `400`, `367px`, ` 400 ` as pixels; a percentage, 0 or a word as none.
pub fn pixels(attribute: &str) -> Option<u32> {
    let text = attribute.trim();
    let text = text
        .strip_suffix("px")
        .or_else(|| text.strip_suffix("PX"))
        .unwrap_or(text)
        .trim();
    let value: f64 = text.parse().ok()?;
    (value.is_finite() && value >= 1.0 && value <= f64::from(MAX_SIDE)).then(|| whole_pixels(value))
}

/// A length in whole pixels, 1 to [`MAX_SIDE`], rounded.
#[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)] // clamped first
fn whole_pixels(value: f64) -> u32 {
    value.round().clamp(1.0, f64::from(MAX_SIDE)) as u32
}

/// No page picture is wider or taller than this, in pixels.
const MAX_SIDE: u32 = 100_000;

/// The displayed size: both attributes, else the natural size scaled to
/// the one given, else the natural size.
pub fn displayed(declared: (Option<u32>, Option<u32>), natural: (u32, u32)) -> (u32, u32) {
    let (w, h) = (f64::from(natural.0.max(1)), f64::from(natural.1.max(1)));
    let side = whole_pixels;
    match declared {
        (Some(dw), Some(dh)) => (dw, dh),
        (Some(dw), None) => (dw, side(h * f64::from(dw) / w)),
        (None, Some(dh)) => (side(w * f64::from(dh) / h), dh),
        (None, None) => natural,
    }
}

/// The picture formats epaper keeps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Png,
    Jpeg,
}

impl Format {
    /// The file name extension for the format.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Png => "png",
            Format::Jpeg => "jpg",
        }
    }
}

/// Why bytes are not a picture epaper keeps.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NotAPicture {
    #[error("it is not a PNG or JPEG picture{}", .0.as_deref().map(|k| format!(" (it looks like {k})")).unwrap_or_default())]
    Format(Option<&'static str>),
    #[error("its header cannot be read: {0}")]
    Header(String),
}

/// A picture's format and its size, from its header alone (nothing is
/// decoded): PNG and JPEG only.
pub fn measure(bytes: &[u8]) -> Result<(Format, (u32, u32)), NotAPicture> {
    let reader = image::ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|e| NotAPicture::Header(e.to_string()))?;
    let format = match reader.format() {
        Some(image::ImageFormat::Png) => Format::Png,
        Some(image::ImageFormat::Jpeg) => Format::Jpeg,
        _ => return Err(NotAPicture::Format(looks_like(bytes))),
    };
    let (w, h) = reader
        .into_dimensions()
        .map_err(|e| NotAPicture::Header(e.to_string()))?;
    if w == 0 || h == 0 {
        return Err(NotAPicture::Header(
            "it is 0 pixels wide or high".to_owned(),
        ));
    }
    Ok((format, (w, h)))
}

/// What a body that is not a picture seems to be, to say so.
fn looks_like(bytes: &[u8]) -> Option<&'static str> {
    let start: Vec<u8> = bytes
        .iter()
        .skip_while(|b| b.is_ascii_whitespace() || **b == 0xEF || **b == 0xBB || **b == 0xBF)
        .take(16)
        .map(u8::to_ascii_lowercase)
        .collect();
    if start.starts_with(b"<!doctype html")
        || start.starts_with(b"<html")
        || start.starts_with(b"<")
    {
        Some("an HTML page")
    } else if start.starts_with(b"gif8") {
        Some("a GIF picture")
    } else if start.starts_with(b"riff") {
        Some("a WebP picture")
    } else {
        None
    }
}

/// Most numbers one area's coordinates may hold: a hand-drawn outline has
/// a few dozen.
const MAX_COORDS: usize = 2_000;

/// An area's outline as a polygon: `rect` (the default) as its four
/// corners, `poly`/`polygon` as given with repeated points dropped,
/// `circle` as a polygon of twelve points; to a hundredth of a pixel. None when the coordinates are
/// not numbers, are not finite or far outside any picture, or outline
/// fewer than three distinct points.
pub fn outline(shape: Option<&str>, coords: &str) -> Option<Vec<f64>> {
    let numbers = numbers(coords)?;
    let shape = shape.map_or_else(|| "rect".to_owned(), |s| s.trim().to_ascii_lowercase());
    let points: Vec<(f64, f64)> = match shape.as_str() {
        // Sites that write a rectangle's four corners call it a rect too,
        // or leave the shape out.
        "rect" | "rectangle" | "" if numbers.len() >= 6 => {
            numbers.chunks_exact(2).map(|p| (p[0], p[1])).collect()
        }
        "rect" | "rectangle" | "" => {
            let [x1, y1, x2, y2] = numbers.get(..4)?.try_into().ok()?;
            let (left, right) = (f64::min(x1, x2), f64::max(x1, x2));
            let (top, bottom) = (f64::min(y1, y2), f64::max(y1, y2));
            vec![(left, top), (right, top), (right, bottom), (left, bottom)]
        }
        "poly" | "polygon" => numbers.chunks_exact(2).map(|p| (p[0], p[1])).collect(),
        "circle" | "circ" => {
            let [x, y, r] = numbers.get(..3)?.try_into().ok()?;
            if r <= 0.0 {
                return None;
            }
            (0..12)
                .map(|i| {
                    let angle = f64::from(i) * std::f64::consts::PI / 6.0;
                    (round(x + r * angle.cos()), round(y + r * angle.sin()))
                })
                .collect()
        }
        _ => return None,
    };
    let mut distinct: Vec<(f64, f64)> = Vec::with_capacity(points.len());
    for point in points {
        if distinct.last() != Some(&point) {
            distinct.push(point);
        }
    }
    if distinct.len() > 1 && distinct.first() == distinct.last() {
        // A polygon closed by repeating its first point.
        distinct.pop();
    }
    let mut unique = distinct.clone();
    unique.sort_by(|a, b| a.partial_cmp(b).unwrap_or(std::cmp::Ordering::Equal));
    unique.dedup();
    if unique.len() < 3 {
        return None;
    }
    Some(distinct.into_iter().flat_map(|(x, y)| [x, y]).collect())
}

/// Two decimal places: no outline needs more.
fn round(v: f64) -> f64 {
    (v * 100.0).round() / 100.0
}

/// The numbers of a `coords` attribute, read leniently: commas or white
/// space between them, a trailing comma. None when one is not a number or
/// is far outside any picture.
fn numbers(coords: &str) -> Option<Vec<f64>> {
    let mut out = Vec::new();
    for token in coords
        .split(|c: char| c == ',' || c == ';' || c.is_whitespace())
        .filter(|t| !t.is_empty())
    {
        let value: f64 = token.trim_end_matches("px").parse().ok()?;
        if !value.is_finite() || value.abs() > f64::from(MAX_SIDE) {
            return None;
        }
        // A hundredth of a pixel is finer than any map is drawn, and keeps
        // the file short.
        out.push(round(value));
        if out.len() > MAX_COORDS {
            return None;
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rectangles_become_four_corners() {
        assert_eq!(
            outline(Some("rect"), "10,20,5,40"),
            Some(vec![5.0, 20.0, 10.0, 20.0, 10.0, 40.0, 5.0, 40.0])
        );
        assert_eq!(
            outline(None, " 1 , 2 , 3 , 4 ,"),
            Some(vec![1.0, 2.0, 3.0, 2.0, 3.0, 4.0, 1.0, 4.0])
        );
        // No area: a line, or too few numbers.
        assert_eq!(outline(Some("RECT"), "1,2,1,9"), None);
        // Four corners written as a rect.
        assert_eq!(
            outline(Some("rect"), "230,300,395,300,395,380,230,380"),
            Some(vec![230.0, 300.0, 395.0, 300.0, 395.0, 380.0, 230.0, 380.0])
        );
        assert_eq!(outline(Some("rect"), "1,2,3"), None);
    }

    #[test]
    fn polygons_lose_repeated_points() {
        assert_eq!(
            outline(
                Some("polygon"),
                "94,242,29,242,29,242,29,242,27,212,5,212,94,242"
            ),
            Some(vec![94.0, 242.0, 29.0, 242.0, 27.0, 212.0, 5.0, 212.0])
        );
        assert_eq!(outline(Some("poly"), "1,1,1,1,5,5,1,1"), None);
        assert_eq!(outline(Some("poly"), "1,1,5,5,1,1,5,5"), None);
    }

    #[test]
    fn circles_become_twelve_points() {
        let points = outline(Some("circle"), "100,100,10").expect("a circle");
        assert_eq!(points.len(), 24);
        assert_eq!(&points[..2], &[110.0, 100.0]);
        assert_eq!(outline(Some("circle"), "100,100,0"), None);
    }

    #[test]
    fn numbers_that_are_not_coordinates_are_refused() {
        for coords in ["1,2,NaN,4", "1,2,inf,4", "1,2,-1e12,4", "1,a,3,4"] {
            assert_eq!(outline(Some("rect"), coords), None, "{coords}");
        }
        assert_eq!(outline(Some("default"), "1,2,3,4"), None);
    }

    #[test]
    fn sizes_as_pages_display_them() {
        assert_eq!(pixels("367px"), Some(367));
        assert_eq!(pixels(" 400 "), Some(400));
        assert_eq!(pixels("50%"), None);
        assert_eq!(pixels("0"), None);
        assert_eq!(displayed((Some(400), Some(575)), (1200, 1800)), (400, 575));
        assert_eq!(displayed((Some(367), None), (1100, 1500)), (367, 500));
        assert_eq!(displayed((None, Some(550)), (700, 1100)), (350, 550));
        assert_eq!(displayed((None, None), (700, 1100)), (700, 1100));
    }

    #[test]
    fn the_extent_holds_every_area() {
        let mut picture = PagePicture::new("p.jpg".to_owned(), Some("367px"), None);
        assert_eq!(picture.size, None);
        picture.areas.push(Area {
            href: "a.htm".to_owned(),
            points: vec![0.0, 0.0, 300.5, 0.0, 300.5, 410.0],
        });
        assert_eq!(picture.extent(), Some((301, 410)));
        // Shown 367 wide: the areas fit.
        assert_eq!(picture.frame((734, 1000)), (367, 500));
        // Areas in the scan's own pixels, which a script scales.
        picture.areas[0].points = vec![0.0, 0.0, 12_000.0, 0.0, 12_000.0, 15_000.0];
        assert_eq!(picture.frame((13_353, 17_000)), (13_353, 17_000));
    }

    #[test]
    fn headers_give_format_and_size() {
        let mut png = Cursor::new(Vec::new());
        image::RgbImage::new(7, 5)
            .write_to(&mut png, image::ImageFormat::Png)
            .expect("a PNG");
        assert_eq!(measure(png.get_ref()), Ok((Format::Png, (7, 5))));
        assert_eq!(
            measure(b"<!DOCTYPE html><html>404</html>"),
            Err(NotAPicture::Format(Some("an HTML page")))
        );
    }
}
