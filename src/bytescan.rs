//! Scanning UTF-8 text a block of bytes at a time.
//!
//! Every paragraph of an issue is scanned on load (line breaks) and on
//! layout (control characters, half-width punctuation) for the few bytes
//! that need attention. Chinese text has none in most blocks of 32 bytes.
//! A block is tested whole by a predicate written over its bytes with no
//! branch and no early exit, which the compiler turns into vector compares
//! (16 bytes an instruction with SSE2); single bytes are looked at only in
//! the blocks it flags.
//!
//! The block test sees [`AHEAD`] bytes past its block, so that a pattern of
//! up to three bytes that starts in the block is judged in it. Past the end
//! of the text it sees [`PAD`], a continuation byte, which starts no
//! pattern a scan looks for.

/// Bytes a block test judges.
pub const BLOCK: usize = 32;
/// Bytes past its block a block test may read.
pub const AHEAD: usize = 2;
/// What a block test reads: its block and the bytes after it.
pub type Window = [u8; BLOCK + AHEAD];
/// What a window holds past the end of the text: a UTF-8 continuation
/// byte, which no character starts with.
pub const PAD: u8 = 0x80;

/// Whether `hit` holds for some byte of the window's block, given that
/// byte and the two after it. `hit` should use `&` and `|`, not `&&` and
/// `||`, so that it stays free of branches and the loop is vectorised.
#[inline(always)]
#[allow(clippy::inline_always)] // a block test is only fast inlined
pub fn any(window: &Window, hit: impl Fn(u8, u8, u8) -> bool) -> bool {
    let mut found = false;
    for i in 0..BLOCK {
        found |= hit(window[i], window[i + 1], window[i + 2]);
    }
    found
}

/// The start of the first block from `from` (blocks start at `from` and
/// every [`BLOCK`] bytes after) whose window `flags`, the last one padded
/// with [`PAD`].
///
/// The compiler vectorises this loop when it is the whole of a function
/// of its own (`#[inline(never)]`, one for each `flags`), and then keeps
/// the constants of the test in registers; inlined into a larger loop it
/// did not, and the scan cost several times as much.
#[inline(always)]
#[allow(clippy::inline_always)] // see above
pub fn next_block(bytes: &[u8], from: usize, flags: impl Fn(&Window) -> bool) -> Option<usize> {
    let mut at = from;
    while let Some(window) = bytes
        .get(at..)
        .and_then(<[u8]>::first_chunk::<{ BLOCK + AHEAD }>)
    {
        if flags(window) {
            return Some(at);
        }
        at += BLOCK;
    }
    while at < bytes.len() {
        if padded(&flags, &bytes[at..]) {
            return Some(at);
        }
        at += BLOCK;
    }
    None
}

/// `flags` of the window of the last bytes, padded. A function of its own
/// for the same reason as [`next_block`]: inlined, the test of a window
/// on the stack was not vectorised, and the tail of every paragraph cost
/// as much as several blocks.
#[inline(never)]
fn padded(flags: &impl Fn(&Window) -> bool, rest: &[u8]) -> bool {
    let mut window = [PAD; BLOCK + AHEAD];
    let held = rest.len().min(window.len());
    window[..held].copy_from_slice(&rest[..held]);
    flags(&window)
}

/// The first byte offset from `from` where `check` holds, asking `check`
/// only in the blocks `next_block` finds (`next_block(at)` is the first
/// block from `at` that may hold such a byte, as [`next_block`] finds it),
/// and only at offsets inside the text.
#[inline]
pub fn find_byte(
    bytes: &[u8],
    from: usize,
    next_block: impl Fn(usize) -> Option<usize>,
    mut check: impl FnMut(usize) -> bool,
) -> Option<usize> {
    let mut at = from;
    loop {
        let block = next_block(at)?;
        let end = (block + BLOCK).min(bytes.len());
        if let Some(i) = (block..end).find(|&i| check(i)) {
            return Some(i);
        }
        at = end;
    }
}

/// The byte at `i`, or [`PAD`] past the end: what a check reads after the
/// byte it looks at.
fn byte_or_pad(bytes: &[u8], i: usize) -> u8 {
    bytes.get(i).copied().unwrap_or(PAD)
}

/// [`find_byte`] where the check is the block test's own `hit` of the
/// byte and the two after it (padded past the end), as for the scans
/// whose exact test is cheap enough to be the block test too.
#[inline]
pub fn find_pattern(
    bytes: &[u8],
    from: usize,
    next_block: impl Fn(usize) -> Option<usize>,
    hit: impl Fn(u8, u8, u8) -> bool,
) -> Option<usize> {
    find_byte(bytes, from, next_block, |i| {
        hit(
            bytes[i],
            byte_or_pad(bytes, i + 1),
            byte_or_pad(bytes, i + 2),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A three-byte pattern, as the scans write them.
    #[allow(clippy::needless_bitwise_bool)]
    fn is_pattern(a: u8, b: u8, c: u8) -> bool {
        (a == 0xE2) & (b == 0x80) & (c == 0xA8)
    }

    fn find(bytes: &[u8], from: usize, hit: impl Fn(u8, u8, u8) -> bool + Copy) -> Option<usize> {
        find_pattern(
            bytes,
            from,
            |at| next_block(bytes, at, |w| any(w, hit)),
            hit,
        )
    }

    #[test]
    fn every_place_of_a_block_and_of_the_tail_is_found() {
        // Lengths that end on a block, inside the bytes ahead, and in a
        // short tail; the byte wanted at every place, from every start.
        for len in [1, 2, 31, 32, 33, 34, 35, 63, 64, 66, 67, 100] {
            for place in 0..len {
                for byte in [0x00, 0x1F, 0x2C, 0x7F, 0xC2, 0xE2] {
                    let mut bytes = vec![0xE4u8; len];
                    bytes[place] = byte;
                    let hit = move |a: u8, _: u8, _: u8| a == byte;
                    for from in [0, place.saturating_sub(1), place] {
                        assert_eq!(find(&bytes, from, hit), Some(place), "{len} {place} {from}");
                    }
                    assert_eq!(
                        find(&bytes, place + 1, hit),
                        None,
                        "len {len}, after {place}"
                    );
                }
            }
        }
    }

    #[test]
    fn a_pattern_is_judged_in_the_block_it_starts_in() {
        for len in [3, 32, 33, 34, 35, 66, 67, 70] {
            for place in 0..=len - 3 {
                let mut bytes = vec![b'a'; len];
                bytes[place..place + 3].copy_from_slice(&[0xE2, 0x80, 0xA8]);
                assert_eq!(find(&bytes, 0, is_pattern), Some(place), "{len} {place}");
                // Cut off by the end of the text, it is not there.
                let cut = &bytes[..place + 2];
                assert_eq!(find(cut, 0, is_pattern), None, "{len} {place} cut");
            }
        }
    }

    #[test]
    fn checks_are_asked_only_inside_the_text() {
        let text = "中文中文中文，中文 abc\n";
        let bytes = text.as_bytes();
        let mut asked = Vec::new();
        let found = find_byte(
            bytes,
            0,
            |at| next_block(bytes, at, |w| any(w, |a, _, _| a < 0x20)),
            |i| {
                asked.push(i);
                bytes[i] == b'\n'
            },
        );
        assert_eq!(found, Some(bytes.len() - 1));
        assert!(asked.iter().all(|&i| i < bytes.len()));
        let comma = text.find('，').unwrap();
        assert_eq!(find(bytes, 0, |a, _, _| a == 0xEF), Some(comma));
        assert_eq!(find(bytes, comma + 1, |a, _, _| a == 0xEF), None);
        assert_eq!(find(bytes, bytes.len(), |a, _, _| a == 0xEF), None);
    }
}
