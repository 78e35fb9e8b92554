//! `epaper check FILE...`: is each file a valid issue, and if not, where
//! and why not.

use std::io::{self, Write};

use super::{Source, safe_line};
use crate::import::SavedPage;
use crate::model::{self, Issue};

/// At most this many errors, and warnings, are listed per file; the rest
/// are counted.
const SHOWN: usize = 20;

/// Writes `lines`, at most [`SHOWN`], then how many more there are.
fn some(
    out: &mut impl Write,
    indent: &str,
    name: &str,
    lines: impl ExactSizeIterator<Item = String>,
    (one, many): (&str, &str),
) -> io::Result<()> {
    let count = lines.len();
    for line in lines.take(SHOWN) {
        safe_line(out, &format!("{indent}{line}"))?;
    }
    if count > SHOWN {
        safe_line(
            out,
            &format!(
                "{indent}{name}: … and {} more {}",
                count - SHOWN,
                if count - SHOWN == 1 { one } else { many }
            ),
        )?;
    }
    Ok(())
}

/// Checks each source; writes `ok` lines and warnings to `out`, errors to
/// `err`. Returns whether every source is a valid issue.
pub fn run(sources: &[Source], out: &mut impl Write, err: &mut impl Write) -> io::Result<bool> {
    let mut all_valid = true;
    for source in sources {
        let name = source.name();
        let bytes = match source.read() {
            Ok(bytes) => bytes,
            Err(error) => {
                all_valid = false;
                safe_line(err, &format!("{name}: error: {error}"))?;
                continue;
            }
        };
        match model::load(&bytes) {
            Ok(loaded) => {
                safe_line(out, &format!("ok  {name}  {}", summary(&loaded.issue)))?;
                let warnings = loaded.warnings.iter().map(|w| w.describe(&name));
                some(out, "  ", &name, warnings, ("warning", "warnings"))?;
            }
            Err(error) => {
                all_valid = false;
                if let Some(kind) = crate::import::saved_page(&bytes) {
                    safe_line(err, &format!("{name}: error: {}", saved_page(kind, &name)))?;
                    continue;
                }
                let errors = error.diagnostics.iter().map(|d| d.describe(&name));
                some(err, "", &name, errors, ("error", "errors"))?;
                let warnings = error.warnings.iter().map(|w| w.describe(&name));
                some(err, "", &name, warnings, ("warning", "warnings"))?;
            }
        }
    }
    Ok(all_valid)
}

/// What to say of a saved page given for an issue file, named `name`.
fn saved_page(kind: SavedPage, name: &str) -> String {
    let (what, unless) = match kind {
        SavedPage::Html => ("a saved web page (HTML)", "if it is an e-paper page, "),
        SavedPage::TextCapture => ("a saved e-paper page (a plain-text capture)", ""),
    };
    format!(
        "this looks like {what}, not an issue file; {unless}make an issue file of it with \
         `epaper import {} -o OUT.json`",
        shell_word(name)
    )
}

/// `word` as a shell reads it back: quoted when it holds anything but
/// letters, digits and `-_./,:+@%=`.
fn shell_word(word: &str) -> String {
    let plain = !word.is_empty()
        && word
            .chars()
            .all(|c| c.is_alphanumeric() || "-_./,:+@%=".contains(c));
    if plain {
        word.to_owned()
    } else {
        format!("'{}'", word.replace('\'', "'\\''"))
    }
}

/// `内蒙古日报 2021-11-05: 12 pages, 8 articles`
pub fn summary(issue: &Issue) -> String {
    format!(
        "{} {}: {}, {}",
        issue.publication,
        issue.date,
        super::count(issue.pages.len(), "page", "pages"),
        super::count(issue.article_count(), "article", "articles"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_is_left_unshown_is_counted_in_words() {
        for (shown, said) in [
            (SHOWN + 1, "and 1 more error"),
            (SHOWN + 2, "and 2 more errors"),
        ] {
            let mut out = Vec::new();
            let lines: Vec<String> = (0..shown).map(|n| format!("f: error {n}")).collect();
            some(&mut out, "", "f", lines.into_iter(), ("error", "errors")).unwrap();
            let text = String::from_utf8(out).unwrap();
            assert_eq!(text.lines().count(), SHOWN + 1);
            assert_eq!(text.lines().last(), Some(format!("f: … {said}").as_str()));
        }
    }
}
