//! `epaper papers`: the catalogue, one paper a line, those followed marked.

use std::io;

use unicode_width::UnicodeWidthStr;

use crate::papers::Catalogue;

/// `text` padded with spaces to `width` cells.
fn pad(text: &str, width: usize) -> String {
    let cells = UnicodeWidthStr::width(text);
    format!("{text}{}", " ".repeat(width.saturating_sub(cells)))
}

/// Prints the catalogue on `out`.
pub fn run(catalogue: &Catalogue, follow: &[String], out: &mut impl io::Write) -> io::Result<bool> {
    let key_width = catalogue
        .iter()
        .map(|p| p.key.len())
        .max()
        .unwrap_or(3)
        .max(3);
    let name_width = catalogue
        .iter()
        .map(|p| UnicodeWidthStr::width(p.name.as_str()))
        .max()
        .unwrap_or(4)
        .max(4);
    let platform_width = catalogue
        .iter()
        .map(|p| p.platform.len())
        .max()
        .unwrap_or(7)
        .max(7);
    super::safe_line(
        out,
        &format!(
            "  {} {} {} {} FIRST PAGE OF AN ISSUE",
            pad("KEY", key_width),
            pad("PAPER", name_width),
            pad("SCOPE", 10),
            pad("PROFILE", platform_width)
        ),
    )?;
    for paper in catalogue.iter() {
        let mark = match (follow.contains(&paper.key), paper.from_config) {
            (true, _) => '*',
            (false, true) => '+',
            (false, false) => ' ',
        };
        super::safe_line(
            out,
            &format!(
                "{mark} {} {} {} {} {}",
                pad(&paper.key, key_width),
                pad(&paper.name, name_width),
                pad(&paper.scope, 10),
                pad(&paper.platform, platform_width),
                paper.current_template().unwrap_or("")
            ),
        )?;
        if let Some(note) = &paper.note {
            super::safe_line(out, &format!("  {} {note}", pad("", key_width)))?;
        }
    }
    for line in [
        "",
        "* followed ([papers] follow in config.toml), + added by the config ([catalogue.KEY]).",
        "`epaper fetch KEY [--date YYYY-MM-DD]` fetches one issue; `epaper update` the papers followed.",
    ] {
        super::safe_line(out, line)?;
    }
    Ok(true)
}
