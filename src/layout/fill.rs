//! Filling lines: first-fit with push-out.
//!
//! Each line takes atoms while they fit and ends at the last opportunity
//! before the first atom that does not. Since no opportunity stands before
//! a character that may not start a line, "the last opportunity" already
//! moves the character before it down with it: that is push-out.
//!
//! A segment (the atoms between two opportunities) longer than a whole
//! line cannot be kept whole. A URL starts on the current line and breaks
//! after its separators; anything else starts a line of its own and breaks
//! inside where the least is lost (`atoms::forced`): a rule of context
//! before a mark that may not start a line, that before a break inside a
//! word or number, and an opening mark is left at a line end last of all.
//! Spaces where a line breaks are dropped.

use super::Line;
use super::atoms::{Atom, BREAK, Forced, HANGS, IN_URL, SPACE, URL_BREAK, forced};

/// What the filling needs of the options, resolved.
pub struct Measure {
    /// Cells of a line's text, the hanging margin excluded.
    pub width: usize,
    /// Cells before the first line.
    pub indent: usize,
    /// Cells to the right of `width` that 、，。 may hang into.
    pub margin: usize,
}

/// Where a line could end: before atom `next`, after the text up to atom
/// `end` whose width is `width`.
#[derive(Clone, Copy)]
struct Break {
    next: usize,
    end: usize,
    width: usize,
}

pub fn fill(text_len: usize, atoms: &[Atom], measure: &Measure, lines: &mut Vec<Line>) {
    let byte = |i: usize| atoms.get(i).map_or(text_len, |atom| atom.start as usize);
    // `lines` may hold other paragraphs' lines: this one's first is the
    // first added now.
    let before = lines.len();
    let mut start = skip_spaces(atoms, 0);
    while start < atoms.len() {
        let first = lines.len() == before;
        let indent = if first { measure.indent } else { 0 };
        let available = measure.width - indent;
        let (ended, next, hanging) = line(atoms, start, available, measure);
        lines.push(Line {
            start: byte(start),
            end: byte(ended.end),
            width: ended.width,
            indent,
            hanging,
        });
        start = skip_spaces(atoms, next);
    }
}

fn skip_spaces(atoms: &[Atom], mut i: usize) -> usize {
    while atoms.get(i).is_some_and(|atom| atom.has(SPACE)) {
        i += 1;
    }
    i
}

/// Lays out one line from atom `start`; returns where it ends, the atom the
/// next line starts from, and whether its last atom hangs.
///
/// The line is found in two walks. Forward, only the cells are added up,
/// to the first atom that is not a space and does not fit: the test of
/// each atom's opportunity is left out of this walk, as in Chinese text
/// whether an atom has one is as good as random and a branch on it would
/// be mispredicted often. Then backward from that atom to the last
/// opportunity, which is seldom more than a word away.
fn line(atoms: &[Atom], start: usize, available: usize, measure: &Measure) -> (Break, usize, bool) {
    // Cells of the atoms from `start` to the current one, spaces included.
    let mut total = 0;
    let mut over = None;
    // Eight atoms at a time while all of them fit: widths only grow the
    // total, so no atom of a group that fits whole can be the one that
    // does not, and the group is passed with one test.
    let mut k = start;
    while let Some(group) = atoms.get(k..).and_then(<[Atom]>::first_chunk::<8>) {
        let cells: usize = group.iter().map(|atom| usize::from(atom.width)).sum();
        if total + cells > available {
            break;
        }
        total += cells;
        k += 8;
    }
    for (j, atom) in atoms[k..].iter().enumerate() {
        total += usize::from(atom.width);
        if total > available && !atom.has(SPACE) {
            over = Some(k + j);
            break;
        }
    }
    let Some(i) = over else {
        // All the rest fits.
        let (end, width) = solid(atoms, start, atoms.len(), total);
        return (
            Break {
                next: atoms.len(),
                end,
                width,
            },
            atoms.len(),
            false,
        );
    };
    let atom = atoms[i];
    // `start` is never a space: when it does not fit, the line holds
    // nothing yet, and a cluster wider than the line has a line of its own.
    if i == start {
        let alone = Break {
            next: i + 1,
            end: i + 1,
            width: usize::from(atom.width),
        };
        return (alone, i + 1, false);
    }
    let fits = total - usize::from(atom.width);
    // 、，。 right after the text (no space before it) may hang.
    if atom.has(HANGS) && !atoms[i - 1].has(SPACE) && total <= available + measure.margin {
        let after = skip_spaces(atoms, i + 1);
        if atoms.get(after).is_none_or(|next| next.has(BREAK)) {
            return (
                Break {
                    next: i + 1,
                    end: i + 1,
                    width: total,
                },
                i + 1,
                true,
            );
        }
    }
    let (last_break, last_url_break) = last_breaks(atoms, start, i, fits);
    if let Some(at) = last_break
        && !overlong(atoms, at.next, measure.width)
    {
        return (at, at.next, false);
    }
    // What follows the last opportunity is too long for any line. A
    // URL breaks after its separators. Anything else breaks inside on
    // this line where that loses no more than a closing mark at a
    // line start, or else starts a line of its own, where it breaks
    // where the least is lost.
    if let Some(at) = last_url_break {
        return (at, at.next, false);
    }
    let Some(at) = last_break else {
        let (_, at) = forced_break(atoms, start, 0, i, false);
        return (at, at.next, false);
    };
    // The segment's cells are counted on from the spaces before it.
    let spaces: usize = atoms[at.end..at.next]
        .iter()
        .map(|atom| usize::from(atom.width))
        .sum();
    let (loss, inside) = forced_break(atoms, at.next, at.width + spaces, i, true);
    let at = if loss <= Forced::Closing { inside } else { at };
    (at, at.next, false)
}

/// Where a line of the atoms from `start` to `to`, `cells` wide, ends
/// once its trailing spaces are dropped, and its width then.
fn solid(atoms: &[Atom], start: usize, mut to: usize, mut cells: usize) -> (usize, usize) {
    while to > start && atoms[to - 1].has(SPACE) {
        to -= 1;
        cells -= usize::from(atoms[to].width);
    }
    (to, cells)
}

/// The last opportunity on a line from atom `start` that cannot hold atom
/// `over`, and the last URL break after it: boundaries after `start`, up
/// to the one before `over`. `fits` is the cells of the atoms from `start`
/// to `over`.
fn last_breaks(
    atoms: &[Atom],
    start: usize,
    over: usize,
    fits: usize,
) -> (Option<Break>, Option<Break>) {
    let mut url_break = None;
    // Cells of the atoms from `start` to `k`.
    let mut cells = fits;
    let mut k = over;
    while k > start {
        let atom = atoms[k];
        if atom.flags & (BREAK | URL_BREAK) != 0 {
            let (end, width) = solid(atoms, start, k, cells);
            let here = Break {
                next: k,
                end,
                width,
            };
            if atom.has(BREAK) {
                return (Some(here), url_break);
            }
            url_break = url_break.or(Some(here));
        }
        k -= 1;
        cells -= usize::from(atoms[k].width);
    }
    (None, url_break)
}

/// Where a line that cannot hold atom `over` ends inside the segment
/// from atom `from`, which has no opportunity: at the boundary that loses
/// least ([`forced`]), the last of those, and what it loses. `from` is
/// the line's start, or the last opportunity on it, after `base` cells;
/// with `outside_urls`, no boundary inside a URL is taken.
fn forced_break(
    atoms: &[Atom],
    from: usize,
    base: usize,
    over: usize,
    outside_urls: bool,
) -> (Forced, Break) {
    let mut best: Option<(Forced, Break)> = None;
    // The line up to the boundary, trailing spaces left out.
    let mut solid = Break {
        next: from,
        end: from,
        width: base,
    };
    let mut width = base;
    for i in from + 1..=over {
        let atom = atoms[i - 1];
        width += usize::from(atom.width);
        if !atom.has(SPACE) {
            solid = Break {
                next: i,
                end: i,
                width,
            };
        }
        let skip = atoms[i].has(SPACE) || (outside_urls && atoms[i].has(IN_URL));
        if skip || solid.end == from {
            continue;
        }
        let loss = forced(atoms[solid.end - 1], atoms[i]);
        if best.is_none_or(|(least, _)| loss <= least) {
            best = Some((loss, Break { next: i, ..solid }));
        }
    }
    best.unwrap_or((Forced::Opening, solid))
}

/// Whether the segment from atom `from` to the next opportunity is wider
/// than a whole line (trailing spaces, which a break drops, not counted).
/// Reads at most one line's worth of atoms past `from`.
fn overlong(atoms: &[Atom], from: usize, width: usize) -> bool {
    let mut total = 0;
    for (i, atom) in atoms.iter().enumerate().skip(from) {
        if i > from && atom.has(BREAK) {
            return false;
        }
        total += usize::from(atom.width);
        if total > width && !atom.has(SPACE) {
            return true;
        }
    }
    false
}
