//! The layout engine's guarantees, on random mixes of everything a
//! paragraph may hold, at every width from 1 to 120:
//!
//! 1. no line wider than the width (for widths of 2 and more), and each
//!    line's width is what it really takes on screen;
//! 2. the lines give back the prepared paragraph, apart from spaces dropped
//!    at breaks: nothing lost, nothing doubled;
//! 3. no panic;
//! 4. lines break where the rules allow wherever the width leaves a choice,
//!    and no line is shorter than the rules force.

use epaper::layout::{
    Ambiguous, LayoutOptions, Prepared, Punctuation, break_opportunities, lines, sanitize,
};
use proptest::prelude::*;
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

const PUNCTUATION: &[&str] = &[
    "、", "，", "。", "：", "；", "！", "？", "”", "’", "」", "』", "）", "〕", "】", "〗", "］",
    "｝", "》", "〉", "–", "～", "·", "・", "‧", "%", "％", "‰", "℃", ",", ".", ":", ";", "!", "?",
    ")", "]", "}", "“", "‘", "「", "『", "（", "〔", "【", "〖", "［", "｛", "《", "〈", "(", "[",
    "{", "$", "¥", "￥", "£", "€", "——", "……", "⸺", "⋯⋯", "—", "…", "※", "○", "①", "/", "-", "\"",
    "'",
];

const PIECES: &[&str] = &[
    "2.4",
    "35.8%",
    "1,234,567",
    "￥500",
    "-5℃",
    "80后",
    "2021年11月5日",
    "😀",
    "👨\u{200D}👩\u{200D}👧",
    "🇨🇳",
    "👍🏽",
    "❤\u{FE0F}",
    "e\u{301}",
    "\u{301}",
    "a\u{301}\u{302}\u{303}\u{304}",
    "\u{1b}[2J",
    "\u{7}",
    "\u{0}",
    "\u{9b}",
    "\u{202e}",
    "\t",
    "\r",
    "\u{7f}",
    " ",
    "  ",
    "\u{3000}",
    "\u{a0}",
    "\u{200b}",
    "\u{2060}",
    "https://example.com/a/b?c=1&d=2",
    "www.example.org/x-y",
    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
    "————————",
    "……………………",
    "\u{E000}",
    "\u{10FFFF}",
    "\u{0378}",
    "한국어",
    "\u{1100}\u{1161}\u{11A8}",
    "ﾊﾝｶｸ",
];

/// What clreq never puts at the start, or at the end, of a line.
const NO_START: &str = "、，。：；！？”’」』）〕】〗］｝》〉–～·・‧%％‰℃,.:;!?)]}";
const NO_END: &str = "“‘「『（〔【〖［｛《〈([{$¥￥£€";

fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => proptest::char::range('一', '龥').prop_map(String::from),
        1 => proptest::char::range('ぁ', 'ゖ').prop_map(String::from),
        2 => "[a-zA-Z]{1,12}",
        1 => "[0-9]{1,6}",
        3 => proptest::sample::select(PUNCTUATION).prop_map(str::to_owned),
        2 => proptest::sample::select(PIECES).prop_map(str::to_owned),
        1 => any::<char>().prop_map(String::from),
    ]
}

fn paragraph() -> impl Strategy<Value = String> {
    proptest::collection::vec(piece(), 0..80).prop_map(|pieces| pieces.concat())
}

fn options() -> impl Strategy<Value = LayoutOptions> {
    (
        1usize..=120,
        any::<bool>(),
        0usize..=6,
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(|(width, wide, indent, hanging, original)| {
            LayoutOptions::new(width)
                .ambiguous(if wide {
                    Ambiguous::Wide
                } else {
                    Ambiguous::Narrow
                })
                .indent(indent)
                .hanging(hanging)
                .punctuation(if original {
                    Punctuation::Original
                } else {
                    Punctuation::FullWidth
                })
        })
}

fn cells(text: &str, wide: bool) -> usize {
    text.graphemes(true)
        .map(|g| if wide { g.width_cjk() } else { g.width() })
        .sum()
}

/// The widths the engine promises to work in (docs/DESIGN.md): the
/// hanging margin, if any, and the shrunk indent.
fn measure(options: &LayoutOptions) -> (usize, usize, usize) {
    let width = options.width.max(1);
    let margin = if options.hanging && width >= 6 { 2 } else { 0 };
    let full = width - margin;
    (full, options.indent.min(full.saturating_sub(2)), margin)
}

fn cluster_boundaries(text: &str) -> Vec<usize> {
    let mut bounds: Vec<usize> = text.grapheme_indices(true).map(|(i, _)| i).collect();
    bounds.push(text.len());
    bounds
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1500, ..ProptestConfig::default() })]

    #[test]
    fn lines_fit_and_measure_true(text in paragraph(), options in options()) {
        let prepared = Prepared::new(&text, options.punctuation);
        let wide = options.ambiguous == Ambiguous::Wide;
        for line in lines(&prepared, &options) {
            let body = &prepared.text()[line.start..line.end];
            prop_assert_eq!(line.width, cells(body, wide), "{:?}", body);
            let single_cluster = body.graphemes(true).count() == 1;
            if options.width >= 2 && !single_cluster {
                prop_assert!(line.indent + line.width <= options.width, "{:?} at {}", body, options.width);
            }
        }
    }

    #[test]
    fn nothing_is_lost_or_doubled(text in paragraph(), options in options()) {
        let prepared = Prepared::new(&text, options.punctuation);
        let full = prepared.text();
        let mut at = 0;
        for line in lines(&prepared, &options) {
            prop_assert!(line.start >= at && line.end >= line.start);
            prop_assert!(full[at..line.start].chars().all(|c| c == ' '), "lost {:?}", &full[at..line.start]);
            prop_assert!(line.end > line.start, "an empty line");
            at = line.end;
        }
        prop_assert!(full[at..].chars().all(|c| c == ' '), "lost {:?}", &full[at..]);
    }

    #[test]
    fn preparing_only_makes_controls_visible_and_widens_punctuation(text in paragraph()) {
        let original = Prepared::new(&text, Punctuation::Original);
        let sanitized = sanitize(&text);
        prop_assert_eq!(original.text(), sanitized.as_ref());
        let unsafe_char = original.text().chars().any(|c| c.is_control() || ('\u{202a}'..='\u{202e}').contains(&c));
        prop_assert!(!unsafe_char);
        let full = Prepared::new(&text, Punctuation::FullWidth);
        let narrowed: String = full.text().chars().map(|c| match c {
            '，' => ',', '：' => ':', '；' => ';', '？' => '?', '！' => '!', '（' => '(', '）' => ')', c => c,
        }).collect();
        let original_narrowed: String = original.text().chars().map(|c| match c {
            '，' => ',', '：' => ':', '；' => ';', '？' => '?', '！' => '!', '（' => '(', '）' => ')', c => c,
        }).collect();
        prop_assert_eq!(narrowed, original_narrowed);
    }

    #[test]
    fn opportunities_keep_the_typesetting_rules(text in paragraph()) {
        let prepared = Prepared::new(&text, Punctuation::FullWidth);
        let full = prepared.text();
        let clusters = cluster_boundaries(full);
        for at in break_opportunities(&prepared) {
            prop_assert!(clusters.binary_search(&at).is_ok(), "inside a cluster at {}", at);
            let next = full[at..].chars().next().unwrap();
            let before_spaces = full[..at].trim_end_matches(' ');
            let Some(last) = before_spaces.chars().next_back() else { continue };
            let previous = full[..at].chars().next_back().unwrap();
            prop_assert!(!NO_START.contains(next), "{:?} starts a line in {:?}", next, full);
            prop_assert!(!NO_END.contains(last), "{:?} ends a line in {:?}", last, full);
            let pair = (previous, next);
            prop_assert!(pair != ('—', '—') && pair != ('…', '…') && pair != ('⋯', '⋯'), "split {:?}", pair);
            prop_assert!(!(previous.is_ascii_digit() && next.is_ascii_digit()), "split a number");
            prop_assert!(!(previous.is_ascii_alphabetic() && next.is_ascii_alphabetic()), "split a word");
            prop_assert!(!("-￥$¥£€".contains(previous) && next.is_ascii_digit()), "split a sign from its number");
        }
    }

    #[test]
    fn lines_are_as_long_as_the_rules_allow(text in paragraph(), options in options()) {
        let prepared = Prepared::new(&text, options.punctuation);
        let full = prepared.text();
        let wide = options.ambiguous == Ambiguous::Wide;
        let (full_width, indent, _) = measure(&options);
        let opportunities = break_opportunities(&prepared);
        let clusters = cluster_boundaries(full);
        let laid = lines(&prepared, &options);
        let overlong = |from: usize| {
            let to = opportunities.iter().copied().find(|&o| o > from).unwrap_or(full.len());
            cells(full[from..to].trim_end_matches(' '), wide) > full_width
        };
        for (k, pair) in laid.windows(2).enumerate() {
            let (line, next) = (pair[0], pair[1]);
            let available = if k == 0 { full_width - indent } else { full_width };
            prop_assert!(clusters.binary_search(&next.start).is_ok());
            if line.hanging {
                continue;
            }
            let first_cluster_end = clusters[clusters.binary_search(&next.start).unwrap() + 1];
            let with_next = cells(&full[line.start..first_cluster_end], wide);
            let single = full[line.start..line.end].graphemes(true).count() == 1;
            if opportunities.binary_search(&next.start).is_ok() {
                if overlong(next.start) {
                    // An over-long segment starts on the line it reaches.
                    prop_assert!(with_next > available || single, "could have started {:?} on the line", &full[next.start..]);
                } else {
                    let to = opportunities.iter().copied().find(|&o| o > next.start).unwrap_or(full.len());
                    let extended = cells(full[line.start..to].trim_end_matches(' '), wide);
                    prop_assert!(extended > available, "line {:?} could have taken {:?}", &full[line.start..line.end], &full[next.start..to]);
                }
            } else {
                // A break the rules do not allow: only inside a segment too
                // long for any line, or after a cluster too wide for one.
                let segment_start = opportunities.iter().copied().rev().find(|&o| o <= next.start).unwrap_or(0);
                prop_assert!(overlong(segment_start) || single || available < full_width,
                    "broke {:?} | {:?} though it fits a line", &full[line.start..line.end], &full[next.start..]);
                let url = prepared.urls().iter().find(|url| url.start < next.start && next.start < url.end);
                let after_separator = |q: usize| "/.-?&=".contains(full[..q].chars().next_back().unwrap());
                if let Some(url) = url.filter(|_| after_separator(next.start)) {
                    // A long URL breaks after its separators only: the line
                    // could not reach the next one, or the next opportunity.
                    let separator_at = |q: usize| "/.-?&=".contains(full[q..].chars().next().unwrap());
                    let to = (next.start + 1..url.end)
                        .find(|&q| full.is_char_boundary(q) && after_separator(q) && !separator_at(q))
                        .or_else(|| opportunities.iter().copied().find(|&o| o > next.start))
                        .unwrap_or(full.len());
                    prop_assert!(cells(&full[line.start..to], wide) > available || single, "line {:?} could have reached {:?}", &full[line.start..line.end], &full[..to]);
                } else {
                    prop_assert!(with_next > available || single, "line {:?} could have taken more", &full[line.start..line.end]);
                }
            }
        }
    }
}
