//! Scanning UTF-8 text eight bytes at a time.
//!
//! Every paragraph of an issue is scanned on load (normalisation) and on
//! layout (control characters, half-width punctuation) for the few bytes
//! that need attention. Chinese text has none in most words of eight bytes,
//! so testing whole words first and single bytes only in flagged words
//! makes these scans cost a fraction of a per-byte loop.

const ONES: u64 = u64::from_le_bytes([0x01; 8]);
const HIGHS: u64 = u64::from_le_bytes([0x80; 8]);

/// Whether a byte of `word` is below `limit` (at most 0x80). It may also
/// flag a word whose only such byte is above a true one; never misses one.
pub fn has_less_than(word: u64, limit: u8) -> bool {
    word.wrapping_sub(ONES * u64::from(limit)) & !word & HIGHS != 0
}

pub fn has_byte(word: u64, byte: u8) -> bool {
    let zeroed = word ^ (ONES * u64::from(byte));
    zeroed.wrapping_sub(ONES) & !zeroed & HIGHS != 0
}

/// Whether `check` holds at some byte offset; it is asked only for the
/// bytes of words that `suspect` flags (and for the tail).
pub fn any_byte(
    bytes: &[u8],
    suspect: impl Fn(u64) -> bool,
    mut check: impl FnMut(usize) -> bool,
) -> bool {
    let mut chunks = bytes.chunks_exact(8);
    let mut at = 0;
    for chunk in &mut chunks {
        let word = u64::from_le_bytes(chunk.try_into().unwrap_or([0; 8]));
        if suspect(word) && (at..at + 8).any(&mut check) {
            return true;
        }
        at += 8;
    }
    (at..bytes.len()).any(check)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_tests_find_every_byte() {
        for byte in 0..=255u8 {
            for place in 0..8 {
                let mut word = [0xE4u8; 8];
                word[place] = byte;
                let word = u64::from_le_bytes(word);
                assert!(has_byte(word, byte));
                assert_eq!(has_less_than(word, 0x20), byte < 0x20, "{byte:#x}");
                assert_eq!(has_less_than(word, 0x40), byte < 0x40, "{byte:#x}");
            }
        }
        assert!(!has_byte(u64::from_le_bytes([0xE4; 8]), 0xE2));
    }

    #[test]
    fn any_byte_looks_at_flagged_words_and_the_tail() {
        let text = "中文中文中文，中文 abc\n";
        let bytes = text.as_bytes();
        let newline = |i: usize| bytes[i] == b'\n';
        assert!(any_byte(bytes, |w| has_less_than(w, 0x20), newline));
        assert!(!any_byte(
            &bytes[..bytes.len() - 1],
            |w| has_less_than(w, 0x20),
            newline
        ));
    }
}
