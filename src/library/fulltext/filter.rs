//! The filter an issue's grams are kept in: a Bloom filter of every
//! folded character and every pair of neighbouring folded characters of
//! its searched fields. It says "no" only where a query cannot match.

use super::super::search::{self, Query};
use crate::model::Issue;

/// Bits of filter for each distinct gram, and bits set by each, in one
/// 64-bit word: about one false "maybe" in 40 for a gram.
const BITS_PER_GRAM: usize = 10;
const HASHES: u64 = 3;

/// What a filter says of a query, and what it is built from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Filter {
    /// Bits in all, a multiple of 64.
    pub(super) bits: u64,
    pub(super) words: Vec<u64>,
}

/// The value a gram is hashed from: a character alone, or a pair.
fn gram(first: char, second: Option<char>) -> u64 {
    // One past the last code point: no character, for a gram of one.
    let second = second.map_or(0x11_0000, u64::from);
    mix(u64::from(first) << 32 | second)
}

/// A 64-bit finaliser (the one of SplitMix64): every input bit moves
/// every output bit.
pub(super) fn mix(mut x: u64) -> u64 {
    x = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    x = (x ^ (x >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    x ^ (x >> 31)
}

/// About how many of `hashes` differ, by linear counting: the share of a
/// bitmap of one bit an entry left unset after each sets its own. A sort
/// would count them exactly, at many times the cost of the filter itself.
fn distinct(hashes: &[u64]) -> usize {
    let size = hashes.len().max(64).next_power_of_two();
    let mut seen = vec![0u64; size / 64];
    for &hash in hashes {
        // Bits of the hash that the filter's positions do not start from.
        let bit = usize::try_from(hash.rotate_left(23)).unwrap_or(0) & (size - 1);
        seen[bit / 64] |= 1 << (bit % 64);
    }
    let unset: u32 = seen.iter().map(|w| w.count_zeros()).sum();
    if unset == 0 {
        return hashes.len();
    }
    #[allow(clippy::cast_precision_loss, reason = "an estimate")]
    let (size_f, unset_f) = (size as f64, f64::from(unset));
    #[allow(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        reason = "a positive estimate no larger than the count"
    )]
    let estimate = (size_f * (size_f / unset_f).ln()).ceil() as usize;
    estimate.min(hashes.len())
}

impl Filter {
    /// The filter of every searched field of `issue`.
    pub fn of_issue(issue: &Issue) -> Filter {
        let mut grams = Vec::new();
        let mut folded = String::new();
        for article in issue.pages.iter().flat_map(|page| &page.articles) {
            for (_, text) in search::fields(article) {
                search::fold_into(text, &mut folded);
                let mut before = None;
                for c in folded.chars() {
                    grams.push(gram(c, None));
                    if let Some(b) = before {
                        grams.push(gram(b, Some(c)));
                    }
                    before = Some(c);
                }
            }
        }
        let distinct = distinct(&grams);
        let bits = (distinct * BITS_PER_GRAM).max(64).next_multiple_of(64) as u64;
        let mut filter = Filter {
            bits,
            words: vec![0; usize::try_from(bits / 64).unwrap_or(0)],
        };
        for hash in grams {
            let (word, mask) = filter.place(hash);
            filter.words[word] |= mask;
        }
        filter
    }

    /// Where a gram's bits are: one word, chosen by the hash's low half
    /// brought into range by a multiplication, and three bits in it from
    /// the high half. A filter of 64-bit blocks, so that setting or testing
    /// a gram touches one word (a few more false "maybe"s than bits spread
    /// over the whole filter, for a third of the memory traffic).
    fn place(&self, hash: u64) -> (usize, u64) {
        let words = self.words.len() as u64;
        let word = usize::try_from(((hash & 0xFFFF_FFFF) * words) >> 32).unwrap_or(0);
        let high = hash >> 32;
        let mask = (0..HASHES).fold(0, |mask, i| mask | 1 << ((high >> (6 * i)) & 63));
        (word, mask)
    }

    fn holds(&self, hash: u64) -> bool {
        let (word, mask) = self.place(hash);
        self.words[word] & mask == mask
    }

    /// Whether an issue with this filter may hold `query`: false only when
    /// it cannot.
    pub fn may_hold(&self, query: &Query) -> bool {
        let chars: Vec<char> = query.folded().chars().collect();
        match chars.as_slice() {
            [] => true,
            [only] => self.holds(gram(*only, None)),
            _ => chars
                .windows(2)
                .all(|pair| self.holds(gram(pair[0], Some(pair[1])))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model;

    fn issue(paragraphs: &[&str]) -> Issue {
        let json = serde_json::json!({
            "format": 1,
            "publication": "测试日报",
            "date": "2024-01-02",
            "pages": [{"label": "01", "name": "要闻", "articles": [
                {"title": "标题", "kicker": "引题", "paragraphs": paragraphs}
            ]}]
        });
        model::load(json.to_string().as_bytes()).unwrap().issue
    }

    #[test]
    fn a_filter_holds_every_gram_of_the_text_and_few_others() {
        let filter = Filter::of_issue(&issue(&["自治区党委深入学习，ＡＢＣ News 2021"]));
        for query in [
            "党委",
            "自治区党委",
            "引题",
            "标题",
            "abc",
            "news",
            "2021",
            "，",
            "学",
        ] {
            assert!(filter.may_hold(&Query::new(query).unwrap()), "{query}");
        }
        // Folded as search folds: full-width forms and case.
        assert!(filter.may_hold(&Query::new("ＮＥＷＳ").unwrap()));
        let absent = ["换届", "委深学", "新闻", "xyz", "题标"];
        let said_maybe = absent
            .iter()
            .filter(|q| filter.may_hold(&Query::new(q).unwrap()))
            .count();
        assert!(said_maybe <= 1, "{said_maybe} of {absent:?}");
    }

    #[test]
    fn few_grams_not_held_are_said_maybe() {
        let held = 20_000u64;
        let bits = held * BITS_PER_GRAM as u64;
        let mut filter = Filter {
            bits,
            words: vec![0; usize::try_from(bits / 64).unwrap()],
        };
        for i in 0..held {
            let (word, mask) = filter.place(mix(i));
            filter.words[word] |= mask;
        }
        assert!((0..held).all(|i| filter.holds(mix(i))));
        let tried = 100_000u64;
        let maybe = (held..held + tried)
            .filter(|&i| filter.holds(mix(i)))
            .count();
        // About one in 40.
        let tried = usize::try_from(tried).unwrap();
        assert!(maybe * 30 < tried, "{maybe} of {tried}");
        assert!(maybe * 60 > tried, "{maybe} of {tried}");
    }

    #[test]
    fn distinct_grams_are_counted_closely() {
        for count in [10u64, 1000, 50_000] {
            let hashes: Vec<u64> = (0..3 * count).map(|i: u64| mix(i % count)).collect();
            let estimate = distinct(&hashes);
            let count = usize::try_from(count).unwrap();
            let error = estimate.abs_diff(count) * 100 / count;
            assert!(
                error < 5 || estimate.abs_diff(count) <= 1,
                "{estimate} for {count}"
            );
        }
    }
}
