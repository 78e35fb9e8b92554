//! The layout engine's guarantees as checks, shared by the property tests
//! (tests/layout_properties.rs) and the layout fuzzer (fuzz/): each says
//! what is broken, or `Ok`.
//!
//! 1. no line wider than the width (for widths of 2 and more), and each
//!    line's width is what it really takes on screen;
//! 2. the lines give back the prepared paragraph, apart from spaces dropped
//!    at breaks: nothing lost, nothing doubled;
//! 3. no panic (the checks run the engine);
//! 4. lines break where the rules allow wherever the width leaves a choice,
//!    and no line is shorter than the rules force; where a segment is too
//!    long for any line, a URL breaks after its separators and anything
//!    else where the least is lost (an opening mark at a line end last,
//!    a word split only where no closing mark can start the line instead);
//! 5. quotation marks of Chinese text break as brackets, and numbers of
//!    full-width digits hold together.
//!
//! Headlines (`headline_lines`) keep 1 to 3 and break only where the rules
//! allow or inside a segment too long for a line; instead of 4, a headline
//! that fits on a line is one line, and no line of a headline is a single
//! character when the headline can be set without one.

use epaper::layout::{
    Ambiguous, LayoutOptions, Line, Prepared, Punctuation, break_opportunities, headline_lines,
    lines, sanitize,
};
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// What clreq never puts at the start, or at the end, of a line.
const NO_START: &str = "、，。：；！？”’」』）〕】〗］｝》〉–～·・‧%％‰℃,.:;!?)]}";
const NO_END: &str = "“‘「『（〔【〖［｛《〈([{$¥￥£€";

macro_rules! ensure {
    ($holds:expr, $($what:tt)+) => {
        if !$holds {
            return Err(format!($($what)+));
        }
    };
}

/// Every guarantee, for `text` laid out with `options`: what the fuzzer
/// checks on each input.
#[allow(dead_code, reason = "the property tests check each on its own")]
pub fn all(text: &str, options: &LayoutOptions) -> Result<(), String> {
    let prepared = Prepared::new(text, options.punctuation);
    lines_fit_and_measure_true(&prepared, options)?;
    nothing_is_lost_or_doubled(&prepared, options)?;
    preparing_only_makes_controls_visible_and_widens_punctuation(text)?;
    marks_keep_one_form_per_role(text)?;
    opportunities_keep_the_typesetting_rules(&Prepared::new(text, Punctuation::FullWidth))?;
    quotes_break_as_brackets(&prepared)?;
    full_width_numbers_hold(&prepared)?;
    lines_are_as_long_as_the_rules_allow(&prepared, options)?;
    headline_lines_fit_and_keep_the_text(&prepared, options)?;
    headline_breaks_where_the_rules_allow(&prepared, options)?;
    headline_leaves_no_character_alone(&prepared, options)
}

pub fn cells(text: &str, wide: bool) -> usize {
    text.graphemes(true)
        .map(|g| if wide { g.width_cjk() } else { g.width() })
        .sum()
}

/// The widths the engine promises to work in (docs/DESIGN.md): the
/// hanging margin, if any, and the shrunk indent.
fn measure(options: &LayoutOptions) -> (usize, usize) {
    let width = options.width.max(1);
    let margin = if options.hanging && width >= 6 { 2 } else { 0 };
    let full = width - margin;
    (full, options.indent.min(full.saturating_sub(2)))
}

fn cluster_boundaries(text: &str) -> Vec<usize> {
    let mut bounds: Vec<usize> = text.grapheme_indices(true).map(|(i, _)| i).collect();
    bounds.push(text.len());
    bounds
}

pub fn lines_fit_and_measure_true(
    prepared: &Prepared<'_>,
    options: &LayoutOptions,
) -> Result<(), String> {
    fit_and_measure_true(prepared, options, &lines(prepared, options))
}

fn fit_and_measure_true(
    prepared: &Prepared<'_>,
    options: &LayoutOptions,
    laid: &[Line],
) -> Result<(), String> {
    let wide = options.ambiguous == Ambiguous::Wide;
    for &line in laid {
        let body = &prepared.text()[line.start..line.end];
        let real = cells(body, wide);
        ensure!(
            line.width == real,
            "{body:?} measured {} cells, takes {real}",
            line.width
        );
        let single_cluster = body.graphemes(true).count() == 1;
        if options.width >= 2 && !single_cluster {
            ensure!(
                line.indent + line.width <= options.width,
                "{body:?} is wider than {}",
                options.width
            );
        }
    }
    Ok(())
}

pub fn nothing_is_lost_or_doubled(
    prepared: &Prepared<'_>,
    options: &LayoutOptions,
) -> Result<(), String> {
    kept(prepared, &lines(prepared, options), |c| c == ' ')
}

/// The lines give back the text, apart from the white space `dropped`
/// says may go at a break (and spaces at either end).
fn kept(
    prepared: &Prepared<'_>,
    laid: &[Line],
    dropped: impl Fn(char) -> bool,
) -> Result<(), String> {
    let full = prepared.text();
    let mut at = 0;
    for &line in laid {
        ensure!(
            line.start >= at && line.end >= line.start,
            "lines out of order at {at}"
        );
        let between = &full[at..line.start];
        let allowed = if at == 0 {
            between.chars().all(|c| c == ' ')
        } else {
            between.chars().all(&dropped)
        };
        ensure!(allowed, "lost {between:?}");
        ensure!(line.end > line.start, "an empty line at {}", line.start);
        at = line.end;
    }
    ensure!(
        full[at..].chars().all(|c| c == ' '),
        "lost {:?}",
        &full[at..]
    );
    Ok(())
}

/// Full-width forms back to the ASCII ones they were made from.
fn narrowed(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '，' => ',',
            '：' => ':',
            '；' => ';',
            '？' => '?',
            '！' => '!',
            '（' => '(',
            '）' => ')',
            c => c,
        })
        .collect()
}

pub fn preparing_only_makes_controls_visible_and_widens_punctuation(
    text: &str,
) -> Result<(), String> {
    let original = Prepared::new(text, Punctuation::Original);
    let sanitized = sanitize(text);
    ensure!(
        original.text() == sanitized.as_ref(),
        "original punctuation changed the text"
    );
    let unsafe_char = original.text().chars().find(|&c| {
        c.is_control()
            || ('\u{202a}'..='\u{202e}').contains(&c)
            || ('\u{2066}'..='\u{2069}').contains(&c)
    });
    ensure!(
        unsafe_char.is_none(),
        "{unsafe_char:?} reached the prepared text"
    );
    let full = Prepared::new(text, Punctuation::FullWidth);
    ensure!(
        narrowed(full.text()) == narrowed(original.text()),
        "full-width punctuation changed more than punctuation"
    );
    Ok(())
}

/// A mark set apart by a space stays half-width ("按 ?。"), and the two
/// brackets of a pair take one form ("newspaper (电子报) the way", "用（Rust）写").
pub fn marks_keep_one_form_per_role(text: &str) -> Result<(), String> {
    let original = Prepared::new(text, Punctuation::Original);
    let full = Prepared::new(text, Punctuation::FullWidth);
    let before: Vec<(usize, char)> = original.text().char_indices().collect();
    let after: Vec<char> = full.text().chars().collect();
    ensure!(before.len() == after.len(), "preparing changed the length");
    let in_url = |at: usize| original.urls().iter().any(|url| url.contains(&at));
    let mut open = Vec::new();
    for (i, &(at, c)) in before.iter().enumerate() {
        if in_url(at) {
            continue;
        }
        if ",:;?!".contains(c) && i > 0 && before[i - 1].1 == ' ' {
            ensure!(
                after[i] == c,
                "{c:?} after a space became {:?} in {:?}",
                after[i],
                full.text()
            );
        }
        match c {
            '(' => open.push(i),
            ')' => {
                if let Some(o) = open.pop() {
                    ensure!(
                        (after[o] == '(') == (after[i] == ')'),
                        "a pair shown as {}…{} in {:?}",
                        after[o],
                        after[i],
                        full.text()
                    );
                }
            }
            _ => {}
        }
    }
    Ok(())
}

pub fn opportunities_keep_the_typesetting_rules(prepared: &Prepared<'_>) -> Result<(), String> {
    let full = prepared.text();
    let clusters = cluster_boundaries(full);
    for at in break_opportunities(prepared) {
        ensure!(
            clusters.binary_search(&at).is_ok(),
            "a break inside a cluster at {at}"
        );
        let Some(next) = full[at..].chars().next() else {
            return Err(format!("a break at the end, {at}"));
        };
        let before_spaces = full[..at].trim_end_matches(' ');
        let Some(last) = before_spaces.chars().next_back() else {
            continue;
        };
        let Some(previous) = full[..at].chars().next_back() else {
            continue;
        };
        ensure!(
            !NO_START.contains(next),
            "{next:?} starts a line in {full:?}"
        );
        ensure!(!NO_END.contains(last), "{last:?} ends a line in {full:?}");
        let pair = (previous, next);
        ensure!(
            pair != ('—', '—') && pair != ('…', '…') && pair != ('⋯', '⋯'),
            "split {pair:?}"
        );
        ensure!(
            !(previous.is_ascii_digit() && next.is_ascii_digit()),
            "split a number"
        );
        ensure!(
            !(previous.is_ascii_alphabetic() && next.is_ascii_alphabetic()),
            "split a word"
        );
        ensure!(
            !("-￥$¥£€".contains(previous) && next.is_ascii_digit()),
            "split a sign from its number"
        );
    }
    Ok(())
}

/// Quotation marks of Chinese text break as brackets do: a line may end
/// before “ or ‘ after a hanzi, and after ” or ’ between hanzi.
pub fn quotes_break_as_brackets(prepared: &Prepared<'_>) -> Result<(), String> {
    let full = prepared.text();
    let opportunities = break_opportunities(prepared);
    let chars: Vec<(usize, char)> = full.char_indices().collect();
    for (k, &(at, c)) in chars.iter().enumerate() {
        let before = k.checked_sub(1).map(|j| chars[j].1);
        if "“‘".contains(c) && before.is_some_and(ideograph) {
            ensure!(
                opportunities.binary_search(&at).is_ok(),
                "no break before {c:?} at {at} in {full:?}"
            );
        }
        if "”’".contains(c)
            && before.is_some_and(ideograph)
            && let Some(&(next, a)) = chars.get(k + 1)
            && ideograph(a)
        {
            ensure!(
                opportunities.binary_search(&next).is_ok(),
                "no break after {c:?} at {at} in {full:?}"
            );
        }
    }
    Ok(())
}

/// Numbers of full-width digits hold together as ASCII ones do: ４５,
/// ３５．８％, １２：３０.
pub fn full_width_numbers_hold(prepared: &Prepared<'_>) -> Result<(), String> {
    let full = prepared.text();
    let opportunities = break_opportunities(prepared);
    let chars: Vec<(usize, char)> = full.char_indices().collect();
    let digit = |c: char| ('０'..='９').contains(&c);
    let separator = |c: char| "．，：".contains(c);
    for (k, &(at, c)) in chars.iter().enumerate() {
        let before = |n: usize| k.checked_sub(n).map(|j| chars[j].1);
        let after = chars.get(k + 1).map(|&(_, c)| c);
        let inside = (digit(c) && before(1).is_some_and(digit))
            || (digit(c) && before(1).is_some_and(separator) && before(2).is_some_and(digit))
            || (separator(c) && before(1).is_some_and(digit) && after.is_some_and(digit))
            || (c == '％' && before(1).is_some_and(digit));
        ensure!(
            !(inside && opportunities.binary_search(&at).is_ok()),
            "split a full-width number at {at} in {full:?}"
        );
    }
    Ok(())
}

#[allow(
    clippy::too_many_lines,
    reason = "one case for each way a line may end, in the engine's order"
)]
pub fn lines_are_as_long_as_the_rules_allow(
    prepared: &Prepared<'_>,
    options: &LayoutOptions,
) -> Result<(), String> {
    let full = prepared.text();
    let wide = options.ambiguous == Ambiguous::Wide;
    let (full_width, indent) = measure(options);
    let opportunities = break_opportunities(prepared);
    let clusters = cluster_boundaries(full);
    let laid = lines(prepared, options);
    let next_opportunity = |from: usize| {
        opportunities
            .iter()
            .copied()
            .find(|&o| o > from)
            .unwrap_or(full.len())
    };
    let overlong = |from: usize| {
        cells(
            full[from..next_opportunity(from)].trim_end_matches(' '),
            wide,
        ) > full_width
    };
    let in_url = |q: usize| {
        prepared
            .urls()
            .iter()
            .any(|url| url.start < q && q < url.end)
    };
    let separator_break = |q: usize| after_separator(full, q) && !separator_at(full, q);
    for (k, pair) in laid.windows(2).enumerate() {
        let (line, next) = (pair[0], pair[1]);
        let available = if k == 0 {
            full_width - indent
        } else {
            full_width
        };
        ensure!(
            clusters.binary_search(&next.start).is_ok(),
            "a line starts inside a cluster at {}",
            next.start
        );
        if line.hanging {
            continue;
        }
        let this = &full[line.start..line.end];
        let single = this.graphemes(true).count() == 1;
        // The cluster boundaries after `from` the line could have ended at.
        let fitting = |from: usize| {
            clusters
                .iter()
                .copied()
                .filter(move |&q| q > from && q > line.start)
                .take_while(move |&q| {
                    cells(full[line.start..q].trim_end_matches(' '), wide) <= available
                })
        };
        if opportunities.binary_search(&next.start).is_ok() {
            if overlong(next.start) {
                // What follows is too long for any line: it starts a line
                // of its own, unless a URL's separator, or a break losing
                // no more than a closing mark at a line start, fits here.
                let to = next_opportunity(next.start);
                let inside: Vec<usize> = fitting(next.start).take_while(|&q| q < to).collect();
                let url_break = inside.iter().find(|&&q| in_url(q) && separator_break(q));
                let closing = inside
                    .iter()
                    .find(|&&q| !in_url(q) && loses_a_closing_mark_at_most(full, q));
                if let Some(&q) = url_break.or(closing) {
                    return Err(format!(
                        "line {this:?} could have ended {:?} inside what follows",
                        &full[line.start..q]
                    ));
                }
            } else {
                let to = next_opportunity(next.start);
                let extended = cells(full[line.start..to].trim_end_matches(' '), wide);
                ensure!(
                    extended > available,
                    "line {this:?} could have taken {:?}",
                    &full[next.start..to]
                );
            }
            continue;
        }
        // A break the rules do not allow: only inside a segment too long
        // for any line, or after a cluster too wide for one.
        let segment_start = opportunities
            .iter()
            .copied()
            .rev()
            .find(|&o| o <= next.start)
            .unwrap_or(0);
        ensure!(
            overlong(segment_start) || single || available < full_width,
            "broke {this:?} | {:?} though it fits a line",
            &full[next.start..]
        );
        let url = prepared
            .urls()
            .iter()
            .find(|url| url.start < next.start && next.start < url.end);
        if let Some(url) = url.filter(|_| after_separator(full, next.start)) {
            // A long URL breaks after its separators only: the line could
            // not reach the next one, or the next opportunity.
            let to = (next.start + 1..url.end)
                .find(|&q| full.is_char_boundary(q) && separator_break(q))
                .unwrap_or_else(|| next_opportunity(next.start));
            ensure!(
                cells(&full[line.start..to], wide) > available || single,
                "line {this:?} could have reached {:?}",
                &full[..to]
            );
            continue;
        }
        if single {
            continue;
        }
        // Inside, the break goes where the least is lost.
        let from = segment_start.max(line.start);
        let inside_urls = segment_start <= line.start;
        let candidates: Vec<usize> = fitting(from)
            .filter(|&q| q < full.len() && !full[q..].starts_with(' '))
            .filter(|&q| inside_urls || !in_url(q))
            .collect();
        forced_break_loses_least(full, line.start, next.start, &candidates)?;
    }
    Ok(())
}

/// Whether the character before byte `q` is a URL separator.
fn after_separator(text: &str, q: usize) -> bool {
    text[..q]
        .chars()
        .next_back()
        .is_some_and(|c| "/.-?&=".contains(c))
}

/// Whether the character at byte `q` is a URL separator.
fn separator_at(text: &str, q: usize) -> bool {
    text[q..]
        .chars()
        .next()
        .is_some_and(|c| "/.-?&=".contains(c))
}

/// A line of `text` from `start` that breaks at `at`, where the rules
/// allow no break, ends with an opening mark, or splits a word, only where
/// no other of the `candidates` it could have ended at loses less.
fn forced_break_loses_least(
    text: &str,
    start: usize,
    at: usize,
    candidates: &[usize],
) -> Result<(), String> {
    let this = &text[start..at];
    let last = this.chars().next_back().unwrap_or(' ');
    if NO_END.contains(last) {
        let better = candidates.iter().find(|&&q| {
            text[..q]
                .chars()
                .next_back()
                .is_some_and(|c| c.is_ascii_alphanumeric() || NO_START.contains(c) || ideograph(c))
        });
        ensure!(
            better.is_none(),
            "line {this:?} ends in {last:?} though it could have ended {:?}",
            &text[start..better.copied().unwrap_or(start)]
        );
    }
    let first = text[at..].chars().next().unwrap_or(' ');
    if last.is_ascii_alphanumeric() && first.is_ascii_alphanumeric() {
        let better = candidates
            .iter()
            .find(|&&q| loses_a_closing_mark_at_most(text, q));
        ensure!(
            better.is_none(),
            "line {this:?} splits a word though it could have ended {:?}",
            &text[start..better.copied().unwrap_or(start)]
        );
    }
    Ok(())
}

fn ideograph(c: char) -> bool {
    ('\u{4E00}'..='\u{9FFF}').contains(&c)
}

/// Whether a line ending at byte `q` of `text` would at most start the
/// next with a closing mark: a hanzi or a closing mark before, a closing
/// mark after (not one of a —— or …… pair).
fn loses_a_closing_mark_at_most(text: &str, q: usize) -> bool {
    let before = text[..q].chars().next_back();
    let after = text[q..].chars().next();
    match (before, after) {
        (Some(b), Some(a)) => {
            (ideograph(b) || NO_START.contains(b))
                && NO_START.contains(a)
                && !(b == a && "…—".contains(a))
        }
        _ => false,
    }
}

/// A headline's lines fit and measure true, give back its text (apart
/// from the spaces and ideographic spaces between phrases at a break), and
/// a headline that fits on a line is that one line.
pub fn headline_lines_fit_and_keep_the_text(
    prepared: &Prepared<'_>,
    options: &LayoutOptions,
) -> Result<(), String> {
    let laid = headline_lines(prepared, options);
    fit_and_measure_true(prepared, options, &laid)?;
    kept(prepared, &laid, |c| c == ' ' || c == '\u{3000}')?;
    let filled = lines(prepared, &options.hanging(false));
    if filled.len() == 1 {
        ensure!(
            laid == filled,
            "{:?} fits on a line but was set in {}",
            prepared.text(),
            laid.len()
        );
    }
    Ok(())
}

/// Each line of a headline starts where the rules allow a break, or
/// inside a segment too long for the line it starts on, or after a
/// cluster too wide for one.
pub fn headline_breaks_where_the_rules_allow(
    prepared: &Prepared<'_>,
    options: &LayoutOptions,
) -> Result<(), String> {
    let full = prepared.text();
    let wide = options.ambiguous == Ambiguous::Wide;
    let (width, indent) = measure(&options.hanging(false));
    let opportunities = break_opportunities(prepared);
    let laid = headline_lines(prepared, options);
    for (k, pair) in laid.windows(2).enumerate() {
        let (line, next) = (pair[0], pair[1]);
        let available = if k == 0 { width - indent } else { width };
        if opportunities.binary_search(&next.start).is_ok() {
            continue;
        }
        let from = opportunities
            .iter()
            .copied()
            .rev()
            .find(|&o| o <= next.start)
            .unwrap_or(0);
        let to = opportunities
            .iter()
            .copied()
            .find(|&o| o > next.start)
            .unwrap_or(full.len());
        let segment = full[from..to].trim_end_matches(' ');
        let single = full[line.start..line.end].graphemes(true).count() == 1;
        ensure!(
            cells(segment, wide) > available || single,
            "broke {:?} | {:?}, where the rules allow no break",
            &full[line.start..line.end],
            &full[next.start..next.end]
        );
    }
    Ok(())
}

/// Whether `prepared` can be set at `options` breaking only where the
/// rules allow, with no line of a single cluster: a search over the
/// opportunities, each line as a headline's (spaces and ideographic
/// spaces dropped at a break).
fn settable_without_a_lone_cluster(prepared: &Prepared<'_>, options: &LayoutOptions) -> bool {
    let full = prepared.text();
    let wide = options.ambiguous == Ambiguous::Wide;
    let (width, indent) = measure(&options.hanging(false));
    let first = full.len() - full.trim_start_matches(' ').len();
    let mut ends = break_opportunities(prepared);
    ends.retain(|&e| e > first);
    ends.push(full.len());
    let mut reached = vec![false; ends.len()];
    let starts = std::iter::once((first, true)).chain(ends.iter().map(|&e| (e, false)));
    for (k, (s, is_first)) in starts.enumerate() {
        if k > 0 && !reached[k - 1] {
            continue;
        }
        let available = if is_first { width - indent } else { width };
        for (j, &e) in ends.iter().enumerate().filter(|&(_, &e)| e > s) {
            let at_break = e < full.len();
            let content =
                full[s..e].trim_end_matches(|c| c == ' ' || (at_break && c == '\u{3000}'));
            if cells(content, wide) > available {
                break;
            }
            if content.graphemes(true).count() >= 2 {
                reached[j] = true;
            }
        }
    }
    reached.last().copied().unwrap_or(true)
}

/// No line of a headline (of up to 256 clusters) is a single character
/// when it can be set without one.
pub fn headline_leaves_no_character_alone(
    prepared: &Prepared<'_>,
    options: &LayoutOptions,
) -> Result<(), String> {
    let full = prepared.text();
    if full.graphemes(true).count() > 256 || !settable_without_a_lone_cluster(prepared, options) {
        return Ok(());
    }
    for line in headline_lines(prepared, options) {
        let body = &full[line.start..line.end];
        ensure!(
            body.graphemes(true).count() >= 2,
            "{body:?} alone on a line of {full:?}"
        );
    }
    Ok(())
}
