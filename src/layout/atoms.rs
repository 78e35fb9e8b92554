//! A paragraph as a sequence of atoms: grapheme clusters with their width,
//! line break class and the break opportunity before each.
//!
//! The clusters are those of unicode-segmentation, the segmentation ratatui
//! draws with; text in which no character can join another (Chinese prose,
//! Latin without combining marks) takes a fast path with one cluster per
//! character. The opportunities are UAX #14's rules, in their order, with
//! clreq's basic tailoring folded in (see `opportunity`).

use std::ops::Range;
use std::sync::OnceLock;

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

use super::props::{CLASSES, Class, Props, Table, props};

/// One grapheme cluster. 8 bytes, so a paragraph's atoms stay in cache.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Atom {
    /// Byte offset of the cluster in the paragraph; it ends where the next
    /// atom starts.
    pub start: u32,
    /// Cells, saturating: a cluster cannot be wider than this.
    pub width: u16,
    pub class: Class,
    pub flags: u8,
}

/// A line may break before this atom by the rules.
pub const BREAK: u8 = 1;
/// Inside an over-long URL, a line may break before this atom.
pub const URL_BREAK: u8 = 1 << 1;
/// A space: dropped where a line breaks.
pub const SPACE: u8 = 1 << 2;
/// 、，。: may hang in the right margin.
pub const HANGS: u8 = 1 << 3;
/// East Asian Width F, W or H.
pub const EAST_ASIAN: u8 = 1 << 4;
/// U+25CC, for LB28a.
const DOTTED_CIRCLE: u8 = 1 << 5;
/// The cluster ends in ZERO WIDTH JOINER (UAX #14 LB8a).
const ENDS_ZWJ: u8 = 1 << 6;
/// Inside a URL, after its first cluster.
pub const IN_URL: u8 = 1 << 7;

impl Atom {
    pub fn has(self, flag: u8) -> bool {
        self.flags & flag != 0
    }
}

/// The atom of a cluster of more than one character: its first
/// character's class and flags, except that a cluster starting with a mark
/// (no base before it) is alphabetic (LB10), and so is a space that
/// carries marks, since the cluster is kept whole and so cannot be a
/// breakable space; only a lone 、，。 hangs.
fn cluster_atom(start: usize, first: Props, width: u16, ends_zwj: bool) -> Atom {
    let mut class = first.class();
    let mut flags = first.atom_flags() & !(SPACE | HANGS);
    if matches!(class, Class::CM | Class::ZWJ | Class::SP) {
        class = Class::AL;
    }
    if ends_zwj {
        flags |= ENDS_ZWJ;
    }
    Atom {
        start: u32::try_from(start).unwrap_or(u32::MAX),
        width,
        class,
        flags,
    }
}

/// Working memory of [`atoms`], kept between paragraphs.
#[derive(Debug, Default)]
pub struct Work {
    /// The boundaries that need more than their two classes.
    asks: Vec<u32>,
    /// The atoms, written to a slot each: at least a slot for each byte of
    /// the longest paragraph yet (a cluster is at least one byte), the
    /// first of them in use.
    slots: Vec<Atom>,
}

/// The clusters of `text` and the break opportunities between them, in
/// `work`. `urls` are the byte ranges of URLs in `text`.
///
/// The atoms are written to slots made once, not pushed, and are used
/// where they were written: pushing an atom at a time checked the capacity
/// and stored the length after every atom (the compiler cannot tell that
/// nothing else reads it), and copying them out to a vector of their own
/// took 3% of a pass.
pub fn atoms<'w>(text: &str, wide: bool, urls: &[Range<usize>], work: &'w mut Work) -> &'w [Atom] {
    let Work { asks, slots } = work;
    if slots.len() < text.len() {
        let unused = Atom {
            start: 0,
            width: 0,
            class: Class::AL,
            flags: 0,
        };
        slots.resize(text.len(), unused);
    }
    asks.clear();
    let made = one_per_char(text, wide, asks, slots).unwrap_or_else(|| {
        asks.clear();
        let made = clusters(text, wide, slots);
        decide_pairs(&mut slots[..made], asks);
        made
    });
    let atoms = &mut slots[..made];
    ask_the_rules(text, atoms, asks);
    for url in urls {
        url_opportunities(text, url, atoms);
    }
    atoms
}

/// The fast path: a cluster per character, and the opportunity before
/// each where the two classes decide it; the others are left in `asks`.
/// Gives up (returns `None`) at the first character that can join a
/// neighbour; else returns the number of atoms written to `slots`, which
/// has one for each byte of `text`.
#[allow(clippy::cast_possible_truncation)] // offsets are checked to fit
fn one_per_char(text: &str, wide: bool, asks: &mut Vec<u32>, slots: &mut [Atom]) -> Option<usize> {
    // Offsets are stored as u32: longer text takes the slow path, where
    // they saturate, and here a byte offset always fits.
    if u32::try_from(text.len()).is_err() {
        return None;
    }
    let slots = &mut slots[..text.len()];
    let mut made = 0;
    let table = Table::get();
    let pairs = pair_table();
    let bytes = text.as_bytes();
    // The entry all CJK Unified Ideographs share (a test checks it): most
    // characters of a Chinese paper are told by their first two bytes,
    // neither decoded nor looked up.
    let ideograph = table.props('\u{4E00}');
    let ideograph_index = ideograph.class_index() & (SIDE - 1);
    // Between two ideographs a line may always break: a run of them is
    // set without asking the pair table.
    let runs = pairs[ideograph_index][ideograph_index] == Pair::Break
        && ideograph.atom_flags() & UNUSUAL == 0;
    let ideograph_atom = Atom {
        start: 0,
        width: ideograph.width(wide),
        class: ideograph.class(),
        flags: ideograph.atom_flags() | BREAK,
    };
    let mut before = NOTHING;
    let mut before_flags = 0;
    let mut i = 0;
    while let Some(&lead) = bytes.get(i) {
        let start = i;
        let p = if is_ideograph(bytes, i, lead) {
            i += 3;
            ideograph
        } else {
            let (c, len) = decode(bytes, i);
            i += len;
            table.props(c)
        };
        if !p.alone() {
            return None;
        }
        // The pair is looked up by the class's index, not through the
        // enum, which would add a dependent load on every character.
        let index = p.class_index() & (SIDE - 1);
        let mut flags = p.atom_flags();
        let pair = pairs[before][index];
        if pair == Pair::Ask || (flags | before_flags) & UNUSUAL != 0 {
            asks.push(made as u32);
        } else {
            flags |= pair as u8;
        }
        slots[made] = Atom {
            start: start as u32,
            width: p.width(wide),
            class: p.class(),
            flags,
        };
        made += 1;
        before = index;
        before_flags = flags;
        if index == ideograph_index && runs {
            // The characters and the slots are walked together, so that
            // one count bounds both and neither is checked on each step.
            let mut run = 0;
            let (characters, _) = bytes[i..].as_chunks::<3>();
            for (&[lead, next, _], slot) in characters.iter().zip(&mut slots[made..]) {
                if !is_ideograph_start([lead, next]) {
                    break;
                }
                *slot = Atom {
                    start: (i + 3 * run) as u32,
                    ..ideograph_atom
                };
                run += 1;
            }
            made += run;
            i += 3 * run;
            before_flags = ideograph_atom.flags;
        }
    }
    Some(made)
}

/// Whether the character at byte `i` of UTF-8 `bytes`, which starts with
/// `lead`, is a CJK Unified Ideograph.
#[inline]
fn is_ideograph(bytes: &[u8], i: usize, lead: u8) -> bool {
    let next = bytes.get(i + 1).copied().unwrap_or(0);
    is_ideograph_start([lead, next])
}

/// Whether a character that starts with the bytes `two` is a CJK Unified
/// Ideograph: U+4E00 to U+9FFF are E4 B8 80 to E9 BF BF.
#[inline]
fn is_ideograph_start(two: [u8; 2]) -> bool {
    // One comparison of the first two bytes, not a test of the lead byte
    // and then of the next: which of E4 to E9 an ideograph starts with is
    // as good as random, and a branch on it would be mispredicted often.
    (0xE4B8..=0xE9BF).contains(&u16::from_be_bytes(two))
}

/// The character at byte `i` of UTF-8 `bytes`, and its length.
#[inline]
fn decode(bytes: &[u8], i: usize) -> (char, usize) {
    let lead = u32::from(bytes[i]);
    if lead < 0x80 {
        return (char::from(bytes[i]), 1);
    }
    let next = |k: usize| u32::from(bytes[i + k] & 0x3F);
    let (code, len) = if lead < 0xE0 {
        ((lead & 0x1F) << 6 | next(1), 2)
    } else if lead < 0xF0 {
        ((lead & 0x0F) << 12 | next(1) << 6 | next(2), 3)
    } else {
        (
            (lead & 0x07) << 18 | next(1) << 12 | next(2) << 6 | next(3),
            4,
        )
    };
    (
        char::from_u32(code).unwrap_or(char::REPLACEMENT_CHARACTER),
        len,
    )
}

/// The slow path: the grapheme clusters of `text` written to `slots`,
/// which has one for each byte; returns how many.
fn clusters(text: &str, wide: bool, slots: &mut [Atom]) -> usize {
    let mut made = 0;
    for (start, cluster) in text.grapheme_indices(true) {
        let mut chars = cluster.chars();
        let Some(first) = chars.next() else { continue };
        let p = props(first);
        if chars.next().is_none() {
            let class = if matches!(p.class(), Class::CM | Class::ZWJ) {
                Class::AL
            } else {
                p.class()
            };
            slots[made] = Atom {
                start: u32::try_from(start).unwrap_or(u32::MAX),
                width: p.width(wide),
                class,
                flags: p.atom_flags() | if first == '\u{200D}' { ENDS_ZWJ } else { 0 },
            };
            made += 1;
            continue;
        }
        let cells = if wide {
            cluster.width_cjk()
        } else {
            cluster.width()
        };
        let width = u16::try_from(cells).unwrap_or(u16::MAX);
        slots[made] = cluster_atom(start, p, width, cluster.ends_with('\u{200D}'));
        made += 1;
    }
    made
}

/// What the rules say of a pair of neighbouring classes on their own.
/// `Break` is the value of the [`BREAK`] flag, so that setting it takes no
/// branch.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
enum Pair {
    Keep = 0,
    Break = BREAK,
    /// It depends on more than the two classes: ask the rules.
    Ask = 2,
}

/// Whether the rules decide a boundary from the two classes alone, for any
/// context the two are found in. Read off the rules in `opportunity`; the
/// test `the_pair_table_agrees_with_the_rules_in_every_context` checks it.
fn decided_by_classes(b: Class, a: Class) -> bool {
    use Class::{
        AK, AL, AP, AS, CL, CP, EX, HH, HL, HY, IS, NS, NU, OP, PO, PR, Qu, QuClose, QuOpen, SP,
        SY, VF, VI, ZW,
    };
    // A quotation mark takes its role from its neighbours before the rules
    // read it (`Quotes::role`), on either side of the boundary.
    if matches!(a, Qu | QuOpen | QuClose) || matches!(b, Qu | QuOpen | QuClose) {
        return false;
    }
    // LB7 and the tailored LB13 come before anything reads the context.
    if matches!(a, SP | ZW | CL | CP | EX | IS | SY | NS | PO) {
        return true;
    }
    // After a space, LB8, LB14 and LB17 read the class before the spaces.
    // LB19a reads the neighbours of quotation marks, LB20a and LB21a the
    // class before a hyphen, LB25 the number around (and the full-width
    // ．，： between full-width digits), LB28a the aksara around, LB30 the
    // width of parentheses. An opening bracket reads more than its class
    // only after a prefix or postfix sign (LB25: ￥(5)) or a letter or
    // digit (LB30): after a hanzi, as 《 and （ mostly are, it does not.
    let reads_context = b == SP
        || matches!(b, QuClose | HY | HH | CP | AP | AK | AS | VI)
        || matches!(a, QuOpen | AK | AS | VF | VI)
        || (a == OP && matches!(b, PR | PO | AL | HL | NU))
        || (matches!(b, PR | PO) && a == HY)
        || (matches!(b, SY | IS | CL | NS) && matches!(a, NU | PR));
    !reads_context
}

/// Rows and columns of the pair table: a power of two above the number of
/// classes, so that a class masked with `SIDE - 1` indexes it without a
/// bounds check.
const SIDE: usize = 64;
type PairTable = [[Pair; SIDE]; SIDE];

/// The row of the pair table for the first atom, which has nothing before
/// it and no opportunity: no class has this index.
const NOTHING: usize = SIDE - 1;

fn pair_table() -> &'static PairTable {
    const _: () = assert!(CLASSES.len() < NOTHING);
    static TABLE: OnceLock<PairTable> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut table = [[Pair::Ask; SIDE]; SIDE];
        table[NOTHING] = [Pair::Keep; SIDE];
        for b in CLASSES {
            for a in CLASSES {
                if !decided_by_classes(b, a) {
                    continue;
                }
                let context = Context::plain(b);
                let now = Atom {
                    start: 0,
                    width: 1,
                    class: a,
                    flags: 0,
                };
                table[b as usize][a as usize] = if opportunity(&context, now) {
                    Pair::Break
                } else {
                    Pair::Keep
                };
            }
        }
        table
    })
}

/// What the rules say of a boundary after a space, by the class before
/// the spaces (the row [`NOTHING`] when there is none) and the class
/// after: after a space the rules read nothing else (LB7 to LB18 decide
/// every such boundary; the test
/// `the_space_table_agrees_with_the_rules_in_every_context` checks it).
/// Spaces are most of the boundaries the pair table leaves to the rules.
fn space_table() -> &'static PairTable {
    static TABLE: OnceLock<PairTable> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut table = [[Pair::Keep; SIDE]; SIDE];
        let rows = CLASSES.iter().map(|&class| Some(class)).chain([None]);
        for last_solid in rows {
            let row = last_solid.map_or(NOTHING, |class| class as usize);
            let context = Context {
                last_solid,
                ..Context::plain(Class::SP)
            };
            for a in CLASSES {
                let now = Atom {
                    start: 0,
                    width: 1,
                    class: a,
                    flags: 0,
                };
                table[row][a as usize] = if opportunity(&context, now) {
                    Pair::Break
                } else {
                    Pair::Keep
                };
            }
        }
        table
    })
}

/// Flags that make the rules read more than the classes.
const UNUSUAL: u8 = ENDS_ZWJ | DOTTED_CIRCLE;

/// Sets [`BREAK`] before every atom whose opportunity its class and the
/// one before decide, and leaves the others in `asks`: the pass of
/// `one_per_char`, for atoms built by the slow path.
fn decide_pairs(atoms: &mut [Atom], asks: &mut Vec<u32>) {
    let pairs = pair_table();
    let Some(&first) = atoms.first() else {
        return;
    };
    let mut before = first;
    for (i, atom) in atoms.iter_mut().enumerate().skip(1) {
        let mut now = *atom;
        let pair = pairs[before.class as usize & (SIDE - 1)][now.class as usize & (SIDE - 1)];
        if pair == Pair::Ask || (before.flags | now.flags) & UNUSUAL != 0 {
            asks.push(u32::try_from(i).unwrap_or(u32::MAX));
        } else {
            now.flags |= pair as u8;
            // Stored whole and kept from the register: reading the atom
            // back just after storing its flag byte would wait for the
            // store (a partial overlap cannot be forwarded).
            *atom = now;
        }
        before = now;
    }
}

/// Decides the opportunities the pair table leaves to the rules, in the
/// order of the text, giving quotation marks their role on the way
/// (`Quotes::role`) so that the rules read them resolved.
fn ask_the_rules(text: &str, atoms: &mut [Atom], asks: &[u32]) {
    let mut quotes = Quotes::default();
    if let Some(&first) = atoms.first()
        && is_quote(first.class)
    {
        atoms[0].class = quotes.role(text, None, first, atoms.get(1).copied());
    }
    let pairs = pair_table();
    let spaces = space_table();
    let mut left = Left::default();
    for &i in asks {
        let i = i as usize;
        let before = atoms[i - 1];
        let after = atoms.get(i + 1).copied();
        if is_quote(atoms[i].class) {
            atoms[i].class = quotes.role(text, Some(before), atoms[i], after);
        }
        // A quotation mark that has taken its role, here or just before,
        // is an opening or closing mark, and most pairs with one of those
        // are decided by the two classes: the table answers for them. The
        // atoms skipped are read by the next boundary's `Left::up_to`.
        let now = atoms[i];
        let pair = pairs[before.class as usize & (SIDE - 1)][now.class as usize & (SIDE - 1)];
        if pair != Pair::Ask && (before.flags | now.flags) & UNUSUAL == 0 {
            atoms[i].flags |= pair as u8;
            continue;
        }
        let here = left.up_to(atoms, i);
        if before.class == Class::SP && (before.flags | now.flags) & UNUSUAL == 0 {
            let row = here
                .last_solid
                .map_or(NOTHING, |class| class as usize & (SIDE - 1));
            atoms[i].flags |= spaces[row][now.class as usize & (SIDE - 1)] as u8;
            left = here;
            continue;
        }
        let two_before = i.checked_sub(2).map(|j| atoms[j]);
        let context = Context {
            before: before.class,
            before_flags: before.flags,
            two_before,
            last_solid: here.last_solid,
            in_number: here.in_number,
            number_closed: matches!(before.class, Class::CL | Class::CP)
                && left.up_to(atoms, i - 1).in_number,
            after,
        };
        if !full_width_separator(text, two_before, before, atoms[i])
            && opportunity(&context, atoms[i])
        {
            atoms[i].flags |= BREAK;
        }
        left = here;
    }
}

/// What the rules read to the left of a boundary: the last atom that is
/// not a space, and whether the atoms end in a number, NU (NU|SY|IS)*
/// (UAX #14 LB25), for the atoms before `at`.
#[derive(Debug, Clone, Copy, Default)]
struct Left {
    at: usize,
    last_solid: Option<Class>,
    in_number: bool,
}

impl Left {
    /// The same for the atoms before `end` (at least `self.at`), looking
    /// back no further than `self.at`: each boundary asked about looks back
    /// only as far as the one before, so the work stays linear.
    fn up_to(self, atoms: &[Atom], end: usize) -> Left {
        let span = &atoms[self.at..end];
        let last_solid = span
            .iter()
            .rev()
            .map(|atom| atom.class)
            .find(|&class| class != Class::SP)
            .or(self.last_solid);
        let in_number = span
            .iter()
            .rev()
            .find(|atom| !matches!(atom.class, Class::SY | Class::IS))
            .map_or(self.in_number, |atom| atom.class == Class::NU);
        Left {
            at: end,
            last_solid,
            in_number,
        }
    }
}

fn is_quote(class: Class) -> bool {
    matches!(class, Class::Qu | Class::QuOpen | Class::QuClose)
}

/// Whether `mark` is a full-width decimal point, thousands separator or
/// time colon between full-width digits (３５．８, １２：３０), which
/// keeps them one number as the ASCII marks keep theirs.
fn full_width_separator(text: &str, two_before: Option<Atom>, mark: Atom, now: Atom) -> bool {
    let digit = |atom: Atom| atom.class == Class::NU && atom.has(EAST_ASIAN);
    digit(now)
        && two_before.is_some_and(digit)
        && matches!(
            text[mark.start as usize..].chars().next(),
            Some('．' | '，' | '：')
        )
}

/// Whether a straight quotation mark after `atom` opens a quotation.
fn opens_after(atom: Option<Atom>) -> bool {
    atom.is_none_or(|atom| {
        matches!(
            atom.class,
            Class::SP | Class::BA | Class::OP | Class::QuOpen | Class::ZW
        )
    })
}

/// Whether a straight quotation mark before `atom` closes one.
fn closes_before(atom: Option<Atom>) -> bool {
    atom.is_none_or(|atom| {
        matches!(
            atom.class,
            Class::SP
                | Class::BA
                | Class::CL
                | Class::CP
                | Class::EX
                | Class::IS
                | Class::NS
                | Class::SY
                | Class::QuClose
                | Class::ZW
        )
    })
}

/// The straight quotation marks seen so far that opened, by kind (" and
/// '): a straight mark between two letters closes what one before opened.
#[derive(Debug, Default)]
struct Quotes {
    double_open: bool,
    single_open: bool,
}

impl Quotes {
    /// The class a quotation mark takes between `before` and `after`.
    ///
    /// In Chinese text (clreq 3.1.4, 3.2) “ and ‘ always open a quotation
    /// and ” and ’ always close one, so they break as brackets do: a line
    /// may end before “ and after ”, whatever script is quoted. A mark is
    /// in Chinese text when a neighbour is East Asian; beside Latin on
    /// both sides it keeps UAX #14's rules (LB19, LB19a), so the ’ of
    /// "don’t" holds its word together. A straight " or ' in Chinese text
    /// opens after a space, an opening mark or nothing, closes before a
    /// space, a closing mark or nothing, and between two letters or hanzi
    /// closes the quotation one before it opened, or opens one.
    fn role(&mut self, text: &str, before: Option<Atom>, mark: Atom, after: Option<Atom>) -> Class {
        let east_asian = |atom: Option<Atom>| atom.is_some_and(|atom| atom.has(EAST_ASIAN));
        if !east_asian(before) && !east_asian(after) {
            return mark.class;
        }
        let opening = match mark.class {
            Class::QuOpen => true,
            Class::QuClose => false,
            _ => {
                let open = match text[mark.start as usize..].chars().next() {
                    Some('"') => &mut self.double_open,
                    Some('\'') => &mut self.single_open,
                    // Other marks of class QU are no straight quotes.
                    _ => return mark.class,
                };
                let opening = if opens_after(before) {
                    true
                } else if closes_before(after) {
                    false
                } else {
                    !*open
                };
                *open = opening;
                opening
            }
        };
        if opening { Class::OP } else { Class::CL }
    }
}

#[derive(Debug, Clone, Copy)]
struct Context {
    before: Class,
    before_flags: u8,
    two_before: Option<Atom>,
    last_solid: Option<Class>,
    in_number: bool,
    number_closed: bool,
    after: Option<Atom>,
}

impl Context {
    /// A context that says no more than its class: what the pair table is
    /// computed in.
    fn plain(before: Class) -> Context {
        Context {
            before,
            before_flags: 0,
            two_before: None,
            last_solid: (before != Class::SP).then_some(before),
            in_number: before == Class::NU,
            number_closed: false,
            after: None,
        }
    }
}

fn is_alphabetic(class: Class) -> bool {
    matches!(class, Class::AL | Class::HL)
}

fn aksara(atom: Atom) -> bool {
    matches!(atom.class, Class::AK | Class::AS) || atom.has(DOTTED_CIRCLE)
}

/// Whether a line may break between the context's atom and `now`: UAX #14
/// (Unicode 16) rules LB7 to LB31 in order, tailored for Chinese per clreq.
/// LB30a/b and most of LB9 are met by never splitting a grapheme cluster.
#[allow(clippy::too_many_lines)] // the rules read best as one ordered list
fn opportunity(cx: &Context, now: Atom) -> bool {
    use Class::{
        AL, AP, B2, BA, BB, CB, CL, CP, EB, EM, EX, GL, H2, H3, HH, HL, HY, ID, IN, IS, JL, JT, JV,
        NS, NU, OP, PO, PR, Qu, QuClose, QuOpen, SP, SY, VF, VI, WJ, ZW,
    };
    let (b, a) = (cx.before, now.class);
    let after = cx.after.map(|atom| atom.class);
    // LB7: no break before spaces or ZW.
    if matches!(a, SP | ZW) {
        return false;
    }
    // LB13, tailored and moved before LB8: what clreq forbids at a line
    // start never starts one, not after a space, not after a zero width
    // space: closing punctuation, ：；！？, ～·–‧, %‰℃, ”’. With them the
    // infix separators . , : ; (LB15d); LB15c's exception for " .5" is
    // tailored away.
    if matches!(a, CL | CP | EX | IS | SY | NS | PO | QuClose) {
        return false;
    }
    // LB8: break after ZW, spaces between included.
    if cx.last_solid == Some(ZW) {
        return true;
    }
    // LB8a: no break after ZWJ.
    if cx.before_flags & ENDS_ZWJ != 0 {
        return false;
    }
    // LB11, LB12, LB12a: word joiners and glue.
    if a == WJ || b == WJ || b == GL || (a == GL && !matches!(b, SP | BA | HY | HH)) {
        return false;
    }
    // LB14, tailored: no break after opening punctuation, opening quotes and
    // prefix signs (￥500), not even across spaces.
    if matches!(cx.last_solid, Some(OP | QuOpen | PR)) {
        return false;
    }
    // LB17: —— stays whole, across spaces.
    if a == B2 && cx.last_solid == Some(B2) {
        return false;
    }
    // LB18: break after spaces.
    if b == SP {
        return true;
    }
    // LB19: no break before a closing or after an opening quotation mark
    // (and neither side of an unpaired one).
    if matches!(a, Qu) || matches!(b, Qu) {
        return false;
    }
    // LB19a: beside a quotation mark, break only between East Asian
    // characters: 说：÷“好。”÷然.
    if a == QuOpen {
        let wide_before = cx.before_flags & EAST_ASIAN != 0;
        let wide_after = cx.after.is_some_and(|atom| atom.has(EAST_ASIAN));
        if !wide_before || !wide_after {
            return false;
        }
    }
    if b == QuClose {
        let wide_before = cx.two_before.is_some_and(|atom| atom.has(EAST_ASIAN));
        if !now.has(EAST_ASIAN) || !wide_before {
            return false;
        }
    }
    // LB20: contingent breaks.
    if a == CB || b == CB {
        return true;
    }
    let two_before = cx.two_before.map(|atom| atom.class);
    // LB20a: a hyphen that starts a word stays with it.
    if matches!(b, HY | HH)
        && is_alphabetic(a)
        && matches!(two_before, None | Some(SP | ZW | CB | GL))
    {
        return false;
    }
    // LB21: no break before hyphens, dashes and small kana, or after BB.
    if matches!(a, BA | HY | NS | HH) || b == BB {
        return false;
    }
    // LB21a, LB21b: Hebrew.
    if (two_before == Some(HL) && matches!(b, HY | HH) && a != HL) || (b == SY && a == HL) {
        return false;
    }
    // LB22: …… stays whole.
    if a == IN {
        return false;
    }
    // LB23, LB23a, LB24: letters, numbers and their prefixes and suffixes.
    if (is_alphabetic(b) && a == NU) || (b == NU && is_alphabetic(a)) {
        return false;
    }
    if (b == PR && matches!(a, ID | EB | EM)) || (matches!(b, ID | EB | EM) && a == PO) {
        return false;
    }
    if (matches!(b, PR | PO) && is_alphabetic(a)) || (is_alphabetic(b) && matches!(a, PR | PO)) {
        return false;
    }
    // LB25: numbers stay whole: 2.4, 35.8%, 1,234,567, ￥500, -5℃.
    if matches!(b, PR | PO) && (a == NU || (matches!(a, OP | HY) && after == Some(NU))) {
        return false;
    }
    if matches!(b, OP | HY) && a == NU {
        return false;
    }
    if cx.in_number && matches!(a, NU | SY | IS | CL | CP) {
        return false;
    }
    if (cx.in_number || cx.number_closed) && matches!(a, PO | PR) {
        return false;
    }
    // LB26, LB27: Korean syllable blocks.
    let korean = matches!(b, JL | JV | JT | H2 | H3);
    if (b == JL && matches!(a, JL | JV | H2 | H3))
        || (matches!(b, JV | H2) && matches!(a, JV | JT))
        || (matches!(b, JT | H3) && a == JT)
        || (korean && a == PO)
        || (b == PR && matches!(a, JL | JV | JT | H2 | H3))
    {
        return false;
    }
    // LB28: no break inside words.
    if is_alphabetic(b) && is_alphabetic(a) {
        return false;
    }
    // LB28a: Brahmic orthographic syllables.
    let before_aksara = matches!(b, Class::AK | Class::AS) || cx.before_flags & DOTTED_CIRCLE != 0;
    if (b == AP && aksara(now))
        || (before_aksara && matches!(a, VF | VI))
        || (cx.two_before.is_some_and(aksara)
            && b == VI
            && (a == Class::AK || now.has(DOTTED_CIRCLE)))
        || (before_aksara && aksara(now) && after == Some(VF))
    {
        return false;
    }
    // LB29: 3.a
    if b == IS && is_alphabetic(a) {
        return false;
    }
    // LB30: non-East-Asian parentheses stay with words: f(x), (s)he.
    if (matches!(b, AL | HL | NU) && a == OP && !now.has(EAST_ASIAN))
        || (b == CP && cx.before_flags & EAST_ASIAN == 0 && matches!(a, AL | HL | NU))
    {
        return false;
    }
    // LB31: everywhere else.
    true
}

/// How much a break the rules do not allow loses, for a segment too long
/// for any line, from least to most: such a break goes where the least is
/// lost.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Forced {
    /// A rule of context only: between a closing and an opening mark, at
    /// a no-break space, beside a parenthesis (f|(x)), after a hyphen.
    Context,
    /// A mark that may not start a line starts one.
    Closing,
    /// Inside a word or a number, or a —— or …… split.
    Word,
    /// A mark that may not end a line ends one: an opening bracket or
    /// quotation mark, a prefix sign.
    Opening,
}

/// What breaking between `before` and `now`, where the rules allow no
/// break, loses.
pub fn forced(before: Atom, now: Atom) -> Forced {
    use Class::{
        AK, AL, AS, B2, BA, BB, CL, CM, CP, EX, HL, HY, IN, IS, NS, NU, OP, PO, PR, Qu, QuClose,
        QuOpen, SY, ZWJ,
    };
    let word = |class: Class| matches!(class, AL | HL | NU | AK | AS | CM | ZWJ);
    let (b, a) = (before.class, now.class);
    if matches!(b, OP | QuOpen | Qu | PR | BB) {
        return Forced::Opening;
    }
    let number_mark = |class: Class| matches!(class, IS | SY | PO | PR | HY);
    // A quotation mark of Latin text against a letter is an apostrophe,
    // or holds to its word as one: don’t, “hi”.
    let apostrophe = |class: Class| matches!(class, QuClose | Qu);
    if (word(b) && word(a))
        || (b == NU && number_mark(a))
        || (number_mark(b) && a == NU)
        || (apostrophe(b) && word(a))
        || (word(b) && apostrophe(a))
        || (b == a && matches!(a, IN | B2))
    {
        return Forced::Word;
    }
    if matches!(
        a,
        CL | CP | EX | IS | SY | NS | PO | QuClose | Qu | IN | BA | HY | B2
    ) {
        return Forced::Closing;
    }
    Forced::Context
}

/// Inside a URL, no rule-based break; instead a URL too long for a line may
/// break after / . - ? & = (after the last of a run of them).
fn url_opportunities(text: &str, url: &Range<usize>, atoms: &mut [Atom]) {
    let is_separator = |b: u8| matches!(b, b'/' | b'.' | b'-' | b'?' | b'&' | b'=');
    let bytes = text.as_bytes();
    let first = atoms.partition_point(|atom| (atom.start as usize) <= url.start);
    for atom in &mut atoms[first..] {
        let start = atom.start as usize;
        if start >= url.end {
            break;
        }
        atom.flags = (atom.flags & !BREAK) | IN_URL;
        if is_separator(bytes[start - 1]) && !is_separator(bytes[start]) {
            atom.flags |= URL_BREAK;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The text with "|" at each opportunity.
    fn marked(text: &str) -> String {
        let mut work = Work::default();
        let list = atoms(text, false, &[], &mut work);
        let mut out = String::new();
        for (i, atom) in list.iter().enumerate() {
            if atom.has(BREAK) {
                out.push('|');
            }
            let end = list
                .get(i + 1)
                .map_or(text.len(), |next| next.start as usize);
            out.push_str(&text[atom.start as usize..end]);
        }
        out
    }

    #[test]
    fn chinese_breaks_between_characters_but_not_before_closing_marks() {
        assert_eq!(marked("我们，你们。"), "我|们，|你|们。");
        assert_eq!(marked("据《人民日报》报道"), "据|《人|民|日|报》|报|道");
        assert_eq!(marked("马克·吐温"), "马|克·|吐|温");
        assert_eq!(marked("气温5～10度"), "气|温|5～|10|度");
    }

    #[test]
    fn numbers_words_dashes_and_ellipses_stay_whole() {
        assert_eq!(marked("降低2.4岁"), "降|低|2.4|岁");
        assert_eq!(marked("占35.8%，每"), "占|35.8%，|每");
        assert_eq!(marked("共1,234,567人"), "共|1,234,567|人");
        assert_eq!(marked("￥500元"), "￥500|元");
        assert_eq!(marked("零下-5℃"), "零|下-5℃");
        assert_eq!(marked("用Rust写"), "用|Rust|写");
        assert_eq!(marked("他说——这是"), "他|说|——|这|是");
        assert_eq!(marked("等等……然后"), "等|等……|然|后");
    }

    #[test]
    fn quotes_of_chinese_text_break_as_brackets() {
        assert_eq!(marked("他说：“好。”然后"), "他|说：|“好。”|然|后");
        assert_eq!(marked("1名“80后”干部"), "1|名|“80|后”|干|部");
        assert_eq!(
            marked("输入“epaper 文件名”即可"),
            "输|入|“epaper |文|件|名”|即|可"
        );
        assert_eq!(marked("叫‘ok’的"), "叫|‘ok’|的");
    }

    #[test]
    fn quotes_of_latin_text_keep_uax14() {
        assert_eq!(marked("say “hi” now"), "say |“hi” |now");
        assert_eq!(marked("don’t"), "don’t");
    }

    #[test]
    fn straight_quotes_in_chinese_text_take_their_role_from_neighbours() {
        // Between hanzi they alternate: the first opens, the second closes.
        assert_eq!(marked("说\"你好\"然后"), "说|\"你|好\"|然|后");
        // After a space one opens, before a closing mark one closes.
        assert_eq!(marked("说 \"好\"。"), "说 |\"好\"。");
        assert_eq!(marked("叫'小王'的"), "叫|'小|王'|的");
        // Between Latin letters it is no quotation of Chinese text.
        assert_eq!(marked("a\"b"), "a\"b");
    }

    #[test]
    fn forced_breaks_lose_least_first() {
        let atom = |text: &str| {
            let mut work = Work::default();
            let list = atoms(text, false, &[], &mut work);
            (list[0], list[1])
        };
        let loss = |text: &str| {
            let (before, now) = atom(text);
            forced(before, now)
        };
        assert_eq!(loss("a-"), Forced::Closing);
        assert_eq!(loss("-a"), Forced::Context);
        assert_eq!(loss("好。"), Forced::Closing);
        assert_eq!(loss("ab"), Forced::Word);
        assert_eq!(loss("12"), Forced::Word);
        assert_eq!(loss("……"), Forced::Word);
        assert_eq!(loss("（a"), Forced::Opening);
        assert!(Forced::Context < Forced::Closing);
        assert!(Forced::Closing < Forced::Word);
        assert!(Forced::Word < Forced::Opening);
    }

    #[test]
    fn spaces_are_break_opportunities_and_prefixes_hold_on() {
        assert_eq!(marked("我用 ratatui 写界面"), "我|用 |ratatui |写|界|面");
        assert_eq!(marked("价格 ￥ 500"), "价|格 |￥ 500");
        assert_eq!(marked("a ：b"), "a ：|b");
    }

    /// Every pair the table decides on its own is decided the same way by
    /// the rules in every context that pair can be found in: each possible
    /// atom two before and after, with and without East Asian width, and
    /// each state of a number run the class before allows.
    /// The neighbours a context can hold: none, or an atom of every class,
    /// narrow and East Asian.
    fn atoms_around() -> Vec<Option<Atom>> {
        std::iter::once(None)
            .chain(CLASSES.iter().flat_map(|&class| {
                [0, EAST_ASIAN].map(|flags| {
                    Some(Atom {
                        start: 0,
                        width: 1,
                        class,
                        flags,
                    })
                })
            }))
            .collect()
    }

    #[test]
    fn the_pair_table_agrees_with_the_rules_in_every_context() {
        let table = pair_table();
        let atoms_around = atoms_around();
        for b in CLASSES {
            for a in CLASSES {
                let decided = table[b as usize][a as usize];
                if decided == Pair::Ask {
                    continue;
                }
                let runs: &[bool] = match b {
                    Class::NU => &[true],
                    Class::SY | Class::IS => &[false, true],
                    _ => &[false],
                };
                let closes: &[bool] = if matches!(b, Class::CL | Class::CP) {
                    &[false, true]
                } else {
                    &[false]
                };
                for &in_number in runs {
                    for &number_closed in closes {
                        for before_flags in [0, EAST_ASIAN] {
                            for now_flags in [0, EAST_ASIAN] {
                                let now = Atom {
                                    start: 0,
                                    width: 1,
                                    class: a,
                                    flags: now_flags,
                                };
                                let base = Context {
                                    before_flags,
                                    in_number,
                                    number_closed,
                                    ..Context::plain(b)
                                };
                                for &two_before in &atoms_around {
                                    let cx = Context { two_before, ..base };
                                    assert_eq!(
                                        opportunity(&cx, now),
                                        decided == Pair::Break,
                                        "{b:?} {a:?} {cx:?}"
                                    );
                                }
                                for &after in &atoms_around {
                                    let cx = Context { after, ..base };
                                    assert_eq!(
                                        opportunity(&cx, now),
                                        decided == Pair::Break,
                                        "{b:?} {a:?} {cx:?}"
                                    );
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn the_space_table_agrees_with_the_rules_in_every_context() {
        let table = space_table();
        let atoms_around = atoms_around();
        let rows = CLASSES.iter().map(|&class| Some(class)).chain([None]);
        for last_solid in rows {
            let row = last_solid.map_or(NOTHING, |class| class as usize);
            for a in CLASSES {
                let decided = table[row][a as usize] == Pair::Break;
                for before_flags in [SPACE, SPACE | EAST_ASIAN] {
                    for now_flags in [0, EAST_ASIAN, SPACE] {
                        let now = Atom {
                            start: 0,
                            width: 1,
                            class: a,
                            flags: now_flags,
                        };
                        for &two_before in &atoms_around {
                            for &after in &atoms_around {
                                let cx = Context {
                                    before: Class::SP,
                                    before_flags,
                                    two_before,
                                    last_solid,
                                    in_number: false,
                                    number_closed: false,
                                    after,
                                };
                                assert_eq!(opportunity(&cx, now), decided, "{a:?} {cx:?}");
                            }
                        }
                    }
                }
            }
        }
        // And through the engine: after spaces, what stood before them
        // decides (LB14 holds ￥ and （ to what follows, LB8 breaks after
        // ZW).
        assert_eq!(marked("中 文"), "中 |文");
        assert_eq!(marked("（ 文"), "（ 文");
        assert_eq!(marked("a\u{200B} b"), "a\u{200B} |b");
    }

    #[test]
    fn clusters_are_atoms() {
        let mut work = Work::default();
        let list = atoms("e\u{301}👨\u{200D}👩\u{200D}👧中", false, &[], &mut work);
        assert_eq!(list.len(), 3);
        assert_eq!(list[0].width, 1);
        assert_eq!(list[1].width, 2);
        assert_eq!(
            list[2].start as usize,
            "e\u{301}👨\u{200D}👩\u{200D}👧".len()
        );
    }

    #[test]
    fn urls_break_only_after_their_separators() {
        let text = "见https://example.com/path/to?a=1&b=2，好";
        let start = text.find('h').unwrap();
        let end = text.find('，').unwrap();
        let url = start..end;
        let mut work = Work::default();
        let list = atoms(text, false, std::slice::from_ref(&url), &mut work);
        let url_breaks: Vec<&str> = list
            .iter()
            .filter(|atom| atom.has(URL_BREAK))
            .map(|atom| &text[atom.start as usize..])
            .map(|rest| &rest[..1])
            .collect();
        assert_eq!(url_breaks, ["e", "c", "p", "t", "a", "1", "b", "2"]);
        let inside = list
            .iter()
            .filter(|a| a.has(BREAK) && (a.start as usize) > start && (a.start as usize) < end);
        assert_eq!(inside.count(), 0);
    }
}
