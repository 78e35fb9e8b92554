//! Headlines: a kicker, a title or a subtitle set as a paper sets them
//! (docs/DESIGN.md, "Headlines").
//!
//! A paragraph is filled line by line; a headline is short, set apart and
//! centred, so where it breaks is what the reader sees first. Its lines
//! are chosen together: of all the ways to break it where the rules allow
//! (and, as in a paragraph, inside a segment too long for any line), the
//! one that costs least, found by dynamic programming over the break
//! positions, as Knuth and Plass break paragraphs. What costs:
//!
//! - a line left alone with one character, or one letter and its marks,
//!   costs more than anything else, so it happens only when nothing else
//!   fits;
//! - a break inside a phrase costs; one between phrases (at an ideographic
//!   space, or a space between Chinese characters) or after ？ and ！ costs
//!   nothing, one where a clause or a quotation ends or before one begins
//!   costs half as much;
//! - each line costs, so a headline is no taller than it needs to be,
//!   except to keep a phrase whole;
//! - the room left on each line costs by its square, so the lines come
//!   out of about equal length.
//!
//! The space at a break is dropped, an ideographic space too.

use super::atoms::{self, Atom, BREAK, EAST_ASIAN, SPACE, URL_BREAK};
use super::fill::{self, Measure};
use super::props::Class;
use super::{Ambiguous, LayoutOptions, Line, Prepared, Scratch};

/// A headline of more clusters than this is no headline: it is filled as
/// a paragraph, which keeps the work linear in its length.
const MAX_CLUSTERS: usize = 1000;

/// What each line costs.
const LINE: u64 = 2_000;
/// What a line costs when empty: the room left, as a share of the line,
/// squared, times this.
const SLACK: u64 = 1_000;
/// A break where a clause or a quotation ends or begins: after ，、；：。 or
/// a closing mark, before an opening one.
const CLAUSE: u64 = 2_500;
/// A break inside a phrase.
const INNER: u64 = 5_000;
/// A break the rules do not allow, inside a segment longer than a line,
/// where it loses least (`atoms::Forced`); each step further along that
/// scale costs four times as much.
const FORCED: u64 = 10_000;
/// A line with one letter, digit or hanzi, and marks.
const LONE_LETTER: u64 = 10_000_000;
/// A line of one cluster.
const LONE_CLUSTER: u64 = 1_000_000_000_000;

/// The lines of a headline; the types are those of [`super::lines`].
pub fn headline_lines(prepared: &Prepared<'_>, options: &LayoutOptions) -> Vec<Line> {
    let mut lines = Vec::new();
    headline_lines_into(prepared, options, &mut Scratch::default(), &mut lines);
    lines
}

/// [`headline_lines`], appending to `lines` and reusing `scratch`, as
/// [`super::lines_into`] does. A headline does not hang punctuation.
pub fn headline_lines_into(
    prepared: &Prepared<'_>,
    options: &LayoutOptions,
    scratch: &mut Scratch,
    lines: &mut Vec<Line>,
) {
    let text = prepared.text();
    let atoms = atoms::atoms(
        text,
        options.ambiguous == Ambiguous::Wide,
        prepared.urls(),
        &mut scratch.work,
    );
    let measure = options.hanging(false).measure();
    let first = lines.len();
    if atoms.len() > MAX_CLUSTERS || !set(text, atoms, &measure, lines) {
        lines.truncate(first);
        fill::fill(text.len(), atoms, &measure, lines);
    }
}

fn is_letter(atom: Atom) -> bool {
    use Class::{AK, AL, AP, AS, EB, EM, H2, H3, HL, ID, JL, JT, JV, NU, RI, VF, VI};
    atom.width > 0
        && matches!(
            atom.class,
            AL | HL | ID | NU | EB | EM | H2 | H3 | JL | JT | JV | RI | AK | AS | AP | VF | VI
        )
}

/// Where a line could end before atom `e`, and what breaking there costs:
/// `None` where no line may end.
fn break_cost(
    text: &str,
    atoms: &[Atom],
    e: usize,
    content_end: usize,
    overlong: bool,
) -> Option<u64> {
    let next = atoms[e];
    if next.has(SPACE) {
        return None;
    }
    if !next.has(BREAK) {
        return match (overlong, next.has(URL_BREAK)) {
            (false, _) => None,
            (true, true) => Some(INNER),
            (true, false) => {
                let last = atoms[content_end.checked_sub(1)?];
                Some(FORCED << (2 * atoms::forced(last, next) as u32))
            }
        };
    }
    let Some(at) = content_end.checked_sub(1) else {
        return Some(INNER);
    };
    let last = atoms[at];
    // Between two phrases: an ideographic space, or spaces between Chinese
    // characters. Spaces beside a Latin word part words, not phrases.
    let spaced = content_end < e;
    let ideographic = (content_end..e).any(|i| ideographic_space(text, atoms, i));
    if ideographic || (spaced && last.has(EAST_ASIAN) && next.has(EAST_ASIAN)) {
        return Some(0);
    }
    let closing = matches!(last.class, Class::CL | Class::CP | Class::QuClose);
    let question =
        last.class == Class::EX || (closing && at >= 1 && atoms[at - 1].class == Class::EX);
    if question {
        return Some(0);
    }
    let pause = matches!(
        text[last.start as usize..].chars().next(),
        Some('：' | '；' | ':' | ';')
    );
    if closing || pause || matches!(next.class, Class::OP | Class::QuOpen) {
        return Some(CLAUSE);
    }
    Some(INNER)
}

/// Whether atom `i` is an ideographic space alone, which a break drops.
fn ideographic_space(text: &str, atoms: &[Atom], i: usize) -> bool {
    let start = atoms[i].start as usize;
    let end = atoms
        .get(i + 1)
        .map_or(text.len(), |next| next.start as usize);
    &text[start..end] == "\u{3000}"
}

/// A headline's atoms, with what the cost of a line is computed from in
/// constant time.
struct Headline<'a> {
    atoms: &'a [Atom],
    /// The first atom that is not a space, where the first line starts.
    start: usize,
    /// Cells of the atoms before each index.
    cells: Vec<usize>,
    /// Letters (hanzi, letters, digits) before each index.
    letters: Vec<usize>,
    /// Where a line that breaks before atom e ends: before the spaces, and
    /// the ideographic spaces, in front of e. The last line keeps its
    /// ideographic spaces, as a paragraph's does.
    content_end: Vec<usize>,
    /// What a break before each atom costs; `None` where there is none.
    costs: Vec<Option<u64>>,
}

impl<'a> Headline<'a> {
    fn new(text: &'a str, atoms: &'a [Atom], measure: &Measure) -> Headline<'a> {
        let n = atoms.len();
        let start = atoms.iter().position(|atom| !atom.has(SPACE)).unwrap_or(n);
        let mut cells = Vec::with_capacity(n + 1);
        let mut letters = Vec::with_capacity(n + 1);
        let (mut cell_sum, mut letter_sum) = (0, 0);
        for &atom in atoms {
            cells.push(cell_sum);
            letters.push(letter_sum);
            cell_sum += usize::from(atom.width);
            letter_sum += usize::from(is_letter(atom));
        }
        cells.push(cell_sum);
        letters.push(letter_sum);
        let mut content_end = vec![0; n + 1];
        for e in 1..n {
            let dropped = atoms[e - 1].has(SPACE) || ideographic_space(text, atoms, e - 1);
            content_end[e] = if dropped { content_end[e - 1] } else { e };
        }
        content_end[n] = n - atoms
            .iter()
            .rev()
            .take_while(|atom| atom.has(SPACE))
            .count();
        let overlong = overlong_segments(atoms, measure.width);
        let costs = (0..n)
            .map(|e| {
                (e > start)
                    .then(|| break_cost(text, atoms, e, content_end[e], overlong[e]))
                    .flatten()
            })
            .collect();
        Headline {
            atoms,
            start,
            cells,
            letters,
            content_end,
            costs,
        }
    }

    /// What the line from atom `s` to the break before atom `e` costs
    /// where `available` cells are free, breaking there included: `None`
    /// where it may not end, or is empty. `Err` once the line is too wide,
    /// as every longer one is.
    fn line_cost(&self, s: usize, e: usize, available: usize) -> Result<Option<u64>, ()> {
        let end = self.content_end[e];
        let width = self.cells[end.max(s)] - self.cells[s];
        if width > available && end > s + 1 {
            return Err(());
        }
        let at_end = e == self.atoms.len();
        let Some(cost) = (if at_end { Some(0) } else { self.costs[e] }) else {
            return Ok(None);
        };
        if end <= s {
            return Ok(None);
        }
        let slack = u64::try_from(available.saturating_sub(width)).unwrap_or(u64::MAX);
        let room = u64::try_from(available.max(1)).unwrap_or(u64::MAX);
        let mut line = LINE + SLACK * slack * slack / (room * room) + cost;
        if end == s + 1 {
            line += LONE_CLUSTER;
        } else if self.letters[end] - self.letters[s] < 2 {
            line += LONE_LETTER;
        }
        Ok(Some(line))
    }

    /// The breaks of least cost, as atom indices from 0 (the start) to the
    /// end; `None` when no way of breaking keeps every line within the
    /// measure (a cluster wider than a line next to one that may not start
    /// one).
    fn breaks(&self, measure: &Measure) -> Option<Vec<usize>> {
        let n = self.atoms.len();
        // best[e]: the least cost of setting the atoms before e with a line
        // ending at the break before e; from[e]: where that line starts.
        let mut best = vec![u64::MAX; n + 1];
        let mut from = vec![0; n + 1];
        best[0] = 0;
        for b in 0..n {
            if best[b] == u64::MAX {
                continue;
            }
            let (s, available) = if b == 0 {
                (self.start, measure.width - measure.indent)
            } else {
                (b, measure.width)
            };
            for e in s + 1..=n {
                let Ok(cost) = self.line_cost(s, e, available) else {
                    break;
                };
                let Some(cost) = cost else { continue };
                let total = best[b].saturating_add(cost);
                // On a tie the later break: earlier lines the longer.
                if total <= best[e] {
                    best[e] = total;
                    from[e] = b;
                }
            }
        }
        if best[n] == u64::MAX {
            return None;
        }
        let mut breaks = vec![n];
        let mut e = n;
        while e > 0 {
            e = from[e];
            breaks.push(e);
        }
        breaks.reverse();
        Some(breaks)
    }
}

/// Sets the headline in `lines`, or returns false when it cannot be set
/// within the measure: the caller fills it instead.
fn set(text: &str, atoms: &[Atom], measure: &Measure, lines: &mut Vec<Line>) -> bool {
    if let Some(line) = one_line(text, atoms, measure) {
        lines.push(line);
        return true;
    }
    let headline = Headline::new(text, atoms, measure);
    if headline.start == atoms.len() {
        return true;
    }
    let Some(breaks) = headline.breaks(measure) else {
        return false;
    };
    let byte = |i: usize| atoms.get(i).map_or(text.len(), |atom| atom.start as usize);
    for pair in breaks.windows(2) {
        let (b, e) = (pair[0], pair[1]);
        let s = if b == 0 { headline.start } else { b };
        let end = headline.content_end[e];
        lines.push(Line {
            start: byte(s),
            end: byte(end),
            width: headline.cells[end] - headline.cells[s],
            indent: if b == 0 { measure.indent } else { 0 },
            hanging: false,
        });
    }
    true
}

/// The line of a headline that fits on one, as the search would set it,
/// without the search: one line costs at most `LINE + SLACK`, less than
/// the `LINE` of each of two, so the search always keeps a headline that
/// fits on one line whole. Most do.
fn one_line(text: &str, atoms: &[Atom], measure: &Measure) -> Option<Line> {
    const _: () = assert!(LINE + SLACK < 2 * LINE);
    let start = atoms.iter().position(|atom| !atom.has(SPACE))?;
    let end = atoms.len()
        - atoms
            .iter()
            .rev()
            .take_while(|atom| atom.has(SPACE))
            .count();
    let width: usize = atoms[start..end]
        .iter()
        .map(|atom| usize::from(atom.width))
        .sum();
    (width <= measure.width - measure.indent).then(|| Line {
        start: atoms[start].start as usize,
        end: atoms
            .get(end)
            .map_or(text.len(), |atom| atom.start as usize),
        width,
        indent: measure.indent,
        hanging: false,
    })
}

/// For each atom, whether it is inside a segment (the atoms between two
/// opportunities) wider than a whole line, where a line may break between
/// any two clusters, as in a paragraph.
fn overlong_segments(atoms: &[Atom], width: usize) -> Vec<bool> {
    let mut inside = vec![false; atoms.len()];
    let mut from = 0;
    while from < atoms.len() {
        let to = atoms[from + 1..]
            .iter()
            .position(|atom| atom.has(BREAK))
            .map_or(atoms.len(), |k| from + 1 + k);
        let solid = atoms[from..to]
            .iter()
            .rposition(|atom| !atom.has(SPACE))
            .map_or(from, |k| from + k + 1);
        let cells: usize = atoms[from..solid]
            .iter()
            .map(|atom| usize::from(atom.width))
            .sum();
        if cells > width {
            inside[from + 1..to].fill(true);
        }
        from = to;
    }
    inside
}
