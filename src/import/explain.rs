//! What the importer did with one document, for `--explain`: which profile
//! fitted it and on what signals, and for each thing it found, the value
//! and the place it was read. A user writing a profile for a new paper
//! reads this to see which of the generic guesses to replace.

use std::fmt::Write as _;

/// One thing found in a document, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// "publication", "date", "pages", "headlines", "title", …
    pub what: &'static str,
    /// The value, or a summary of a list ("8 pages: 01 今日要闻 … 08 文化").
    pub value: String,
    /// The source it was read from: "founder: a#pageLink",
    /// "generic: `<title>`", "generic: 5 links under div.title ul li".
    pub from: String,
}

/// The explanation of one document.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Explanation {
    /// "HTML" or "plain-text capture".
    pub kind: &'static str,
    /// The profile that fitted, and the signals it fitted on.
    pub profile: Option<(String, Vec<String>)>,
    /// Other profiles with enough signals, and how many.
    pub also: Vec<(String, usize)>,
    pub findings: Vec<Finding>,
}

impl Explanation {
    /// About how many bytes it holds (see [`crate::import::Parsed::weight`]).
    pub fn weight(&self) -> usize {
        self.findings
            .iter()
            .map(|f| f.value.len() + f.from.len() + 64)
            .sum()
    }

    pub fn found(&mut self, what: &'static str, value: impl Into<String>, from: impl Into<String>) {
        self.findings.push(Finding {
            what,
            value: value.into(),
            from: from.into(),
        });
    }

    /// Whether anything was found by the generic extractor rather than
    /// by a profile.
    pub fn guessed(&self) -> bool {
        self.findings.iter().any(|f| f.from.starts_with("generic"))
    }

    /// The explanation as lines for a terminal, under the document's name.
    pub fn render(&self, document: &str) -> String {
        let mut out = String::new();
        let _ = writeln!(out, "{document} ({})", self.kind);
        match &self.profile {
            Some((name, signals)) => {
                let _ = writeln!(
                    out,
                    "  profile      {name} (fits on {})",
                    signals.join(", ")
                );
            }
            None => {
                let _ = writeln!(
                    out,
                    "  profile      none fits: everything below is the generic extractor's guess"
                );
            }
        }
        for (name, signals) in &self.also {
            let _ = writeln!(out, "               also {name} ({signals} signals)");
        }
        for finding in &self.findings {
            let _ = writeln!(out, "  {:<12} {}", finding.what, finding.value);
            let _ = writeln!(out, "  {:<12}   from {}", "", finding.from);
        }
        out
    }
}

/// A list summarised for an explanation: the count and the entries, or
/// the first and last of a long list.
pub fn summary<T: AsRef<str>>(items: &[T]) -> String {
    let shown: Vec<&str> = items.iter().map(AsRef::as_ref).collect();
    match shown.as_slice() {
        [] => "none".to_owned(),
        [first, .., last] if shown.len() > 3 => format!("{}: {first} … {last}", shown.len()),
        all => format!("{}: {}", all.len(), all.join(" · ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_are_summarised() {
        assert_eq!(summary::<&str>(&[]), "none");
        assert_eq!(summary(&["01 要闻"]), "1: 01 要闻");
        assert_eq!(summary(&["a", "b"]), "2: a · b");
        assert_eq!(summary(&["a", "b", "c", "d"]), "4: a … d");
    }

    #[test]
    fn guessed_when_any_finding_is_generic() {
        let mut explanation = Explanation::default();
        explanation.found("date", "2024-01-01", "founder: url");
        assert!(!explanation.guessed());
        explanation.found("headlines", "3", "generic: links under ul li");
        assert!(explanation.guessed());
        let text = explanation.render("x.htm");
        assert!(text.contains("none fits"), "{text}");
        assert!(text.contains("from generic: links under ul li"), "{text}");
    }
}
