//! The layout engine's guarantees (tests/support/layout_guarantees.rs), on
//! random mixes of everything a paragraph may hold, at every width from 1
//! to 120, for paragraphs and for headlines.

use epaper::layout::{Ambiguous, LayoutOptions, Prepared, Punctuation};
use proptest::prelude::*;

#[path = "support/layout_guarantees.rs"]
mod guarantees;

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
    "４５",
    "３５．８％",
    "１２：３０",
    "“epaper”",
    "\"你好\"",
    "'好'",
];

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

/// A headline: phrases of hanzi, numbers and words, between spaces or
/// ideographic spaces, with the marks headlines have.
fn headline() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        8 => proptest::char::range('一', '龥').prop_map(String::from),
        1 => "[a-zA-Z]{1,6}",
        1 => "[0-9]{1,4}",
        1 => proptest::sample::select(&["2.4", "35.8%", "“", "”", "《", "》", "，", "、", "：", "？", "！", "?", "!", "——", "·"][..])
            .prop_map(str::to_owned),
    ];
    let phrase = proptest::collection::vec(piece, 1..10).prop_map(|pieces| pieces.concat());
    let gap = proptest::sample::select(&[" ", "\u{3000}", "  "][..]);
    proptest::collection::vec((phrase, gap), 1..5).prop_map(|phrases| {
        let mut text = String::new();
        for (phrase, gap) in phrases {
            if !text.is_empty() {
                text.push_str(gap);
            }
            text.push_str(&phrase);
        }
        text
    })
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

proptest! {
    #![proptest_config(ProptestConfig { cases: 1500, ..ProptestConfig::default() })]

    #[test]
    fn lines_fit_and_measure_true(text in paragraph(), options in options()) {
        let prepared = Prepared::new(&text, options.punctuation);
        prop_assert_eq!(guarantees::lines_fit_and_measure_true(&prepared, &options), Ok(()));
    }

    #[test]
    fn nothing_is_lost_or_doubled(text in paragraph(), options in options()) {
        let prepared = Prepared::new(&text, options.punctuation);
        prop_assert_eq!(guarantees::nothing_is_lost_or_doubled(&prepared, &options), Ok(()));
    }

    #[test]
    fn preparing_only_makes_controls_visible_and_widens_punctuation(text in paragraph()) {
        prop_assert_eq!(
            guarantees::preparing_only_makes_controls_visible_and_widens_punctuation(&text),
            Ok(())
        );
    }

    #[test]
    fn marks_keep_one_form_per_role(text in paragraph()) {
        prop_assert_eq!(guarantees::marks_keep_one_form_per_role(&text), Ok(()));
    }

    #[test]
    fn opportunities_keep_the_typesetting_rules(text in paragraph()) {
        let prepared = Prepared::new(&text, Punctuation::FullWidth);
        prop_assert_eq!(guarantees::opportunities_keep_the_typesetting_rules(&prepared), Ok(()));
    }

    #[test]
    fn quotes_break_as_brackets(text in paragraph()) {
        let prepared = Prepared::new(&text, Punctuation::FullWidth);
        prop_assert_eq!(guarantees::quotes_break_as_brackets(&prepared), Ok(()));
    }

    #[test]
    fn full_width_numbers_hold(text in paragraph()) {
        let prepared = Prepared::new(&text, Punctuation::FullWidth);
        prop_assert_eq!(guarantees::full_width_numbers_hold(&prepared), Ok(()));
    }

    #[test]
    fn headline_lines_fit_and_keep_the_text(text in paragraph(), options in options()) {
        let prepared = Prepared::new(&text, options.punctuation);
        prop_assert_eq!(
            guarantees::headline_lines_fit_and_keep_the_text(&prepared, &options),
            Ok(())
        );
    }

    #[test]
    fn headline_breaks_where_the_rules_allow(text in paragraph(), options in options()) {
        let prepared = Prepared::new(&text, options.punctuation);
        prop_assert_eq!(
            guarantees::headline_breaks_where_the_rules_allow(&prepared, &options),
            Ok(())
        );
    }

    #[test]
    fn headline_leaves_no_character_alone(text in headline(), options in options()) {
        let prepared = Prepared::new(&text, options.punctuation);
        prop_assert_eq!(
            guarantees::headline_leaves_no_character_alone(&prepared, &options),
            Ok(())
        );
    }

    #[test]
    fn lines_are_as_long_as_the_rules_allow(text in paragraph(), options in options()) {
        let prepared = Prepared::new(&text, options.punctuation);
        prop_assert_eq!(guarantees::lines_are_as_long_as_the_rules_allow(&prepared, &options), Ok(()));
    }
}
