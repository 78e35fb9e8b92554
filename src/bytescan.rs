//! Scanning UTF-8 text eight bytes at a time.
//!
//! Every paragraph of an issue is scanned on load (normalisation) and on
//! layout (control characters, half-width punctuation) for the few bytes
//! that need attention. Chinese text has none in most words of eight bytes,
//! so testing whole words first and single bytes only in flagged words
//! makes these scans cost a fraction of a per-byte loop.

const ONES: u64 = u64::from_le_bytes([0x01; 8]);
const HIGHS: u64 = u64::from_le_bytes([0x80; 8]);

/// The bytes of `word` below `limit` (at most 0x80), each marked by its
/// high bit. A byte just above a marked one may be marked too (the borrow
/// of the subtraction runs on); none below `limit` is missed.
pub fn less_than(word: u64, limit: u8) -> u64 {
    word.wrapping_sub(ONES * u64::from(limit)) & !word & HIGHS
}

/// The bytes of `word` equal to `byte`, marked as [`less_than`] marks.
pub fn equal(word: u64, byte: u8) -> u64 {
    less_than(word ^ (ONES * u64::from(byte)), 1)
}

/// The first byte offset from `from` where `check` holds. `check` is asked
/// only at the bytes `marks` marks in each word of eight (as
/// [`less_than`] does), and at each byte of the tail.
pub fn find_byte(
    bytes: &[u8],
    from: usize,
    marks: impl Fn(u64) -> u64,
    mut check: impl FnMut(usize) -> bool,
) -> Option<usize> {
    let rest = bytes.get(from..)?;
    let mut chunks = rest.chunks_exact(8);
    let mut at = from;
    for chunk in &mut chunks {
        let word = u64::from_le_bytes(chunk.try_into().unwrap_or([0; 8]));
        let mut marked = marks(word);
        while marked != 0 {
            let k = (marked.trailing_zeros() / 8) as usize;
            if check(at + k) {
                return Some(at + k);
            }
            marked &= marked - 1;
        }
        at += 8;
    }
    (at..bytes.len()).find(|&i| check(i))
}

/// Whether `check` holds at some byte offset: [`find_byte`] from the start.
pub fn any_byte(
    bytes: &[u8],
    marks: impl Fn(u64) -> u64,
    check: impl FnMut(usize) -> bool,
) -> bool {
    find_byte(bytes, 0, marks, check).is_some()
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
                assert!(equal(word, byte) & (0x80 << (8 * place)) != 0);
                assert_eq!(less_than(word, 0x20) != 0, byte < 0x20, "{byte:#x}");
                assert_eq!(less_than(word, 0x40) != 0, byte < 0x40, "{byte:#x}");
            }
        }
        assert_eq!(equal(u64::from_le_bytes([0xE4; 8]), 0xE2), 0);
    }

    #[test]
    fn any_byte_looks_at_flagged_words_and_the_tail() {
        let text = "中文中文中文，中文 abc\n";
        let bytes = text.as_bytes();
        let newline = |i: usize| bytes[i] == b'\n';
        assert!(any_byte(bytes, |w| less_than(w, 0x20), newline));
        assert!(!any_byte(
            &bytes[..bytes.len() - 1],
            |w| less_than(w, 0x20),
            newline
        ));
        let comma = text.find('，').unwrap();
        let lead = |i: usize| bytes[i] == 0xEF;
        assert_eq!(find_byte(bytes, 0, |w| equal(w, 0xEF), lead), Some(comma));
        assert_eq!(find_byte(bytes, comma + 1, |w| equal(w, 0xEF), lead), None);
    }
}
