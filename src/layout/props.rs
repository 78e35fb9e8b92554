//! What the engine needs to know of each character, looked up once.
//!
//! The Unicode properties come from ICU4X's compiled data (line break class,
//! East Asian width, grapheme cluster break, general category, emoji) and
//! the cell widths from unicode-width, the crate ratatui measures with, so
//! the engine and the screen buffer agree. The tailoring of clreq is folded
//! into the class here: one table lookup per character gives everything.
//! The table, of every code point, is generated from that data ahead of
//! time (`props_generate.rs`, which a test runs) and compiled in as
//! `props_table.rs`: nothing is computed when the program runs.

#[path = "props_table.rs"]
mod table;

#[cfg(test)]
#[path = "props_generate.rs"]
mod generate;

/// Line break classes after tailoring (UAX #14 names). `QuOpen` and
/// `QuClose` are the quotation marks that are also initial (Pi) or final
/// (Pf) punctuation; `Qu` the others. AI is resolved to ID, CJ to NS, SA,
/// SG and XX to AL (or CM), and the mandatory breaks to AL, since the text
/// has been sanitised of them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
#[allow(clippy::upper_case_acronyms)] // the names of UAX #14
pub enum Class {
    AL,
    BA,
    BB,
    B2,
    CB,
    CL,
    CM,
    CP,
    EX,
    GL,
    HH,
    HL,
    HY,
    ID,
    IN,
    IS,
    NS,
    NU,
    OP,
    PO,
    PR,
    Qu,
    QuOpen,
    QuClose,
    SP,
    SY,
    WJ,
    ZW,
    ZWJ,
    EB,
    EM,
    H2,
    H3,
    JL,
    JT,
    JV,
    RI,
    AK,
    AP,
    AS,
    VF,
    VI,
}

pub const CLASSES: [Class; 42] = [
    Class::AL,
    Class::BA,
    Class::BB,
    Class::B2,
    Class::CB,
    Class::CL,
    Class::CM,
    Class::CP,
    Class::EX,
    Class::GL,
    Class::HH,
    Class::HL,
    Class::HY,
    Class::ID,
    Class::IN,
    Class::IS,
    Class::NS,
    Class::NU,
    Class::OP,
    Class::PO,
    Class::PR,
    Class::Qu,
    Class::QuOpen,
    Class::QuClose,
    Class::SP,
    Class::SY,
    Class::WJ,
    Class::ZW,
    Class::ZWJ,
    Class::EB,
    Class::EM,
    Class::H2,
    Class::H3,
    Class::JL,
    Class::JT,
    Class::JV,
    Class::RI,
    Class::AK,
    Class::AP,
    Class::AS,
    Class::VF,
    Class::VI,
];

/// A character's entry, packed in 16 bits: class (6) · width narrow (2) ·
/// width wide (2) · the four flags an atom of the character carries, in
/// the atom's order (4) · alone (1) · CJK (1).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Props(u16);

const CLASS_MASK: u16 = 0x3F;
const NARROW_SHIFT: u16 = 6;
const WIDE_SHIFT: u16 = 8;
/// Where the atom flags start; they are the atom's bits 2 to 5.
const ATOM_SHIFT: u16 = 10;
/// A space (class SP), dropped where a line breaks.
pub const SPACE: u16 = 1 << ATOM_SHIFT;
/// 、，。, which may hang in the margin.
pub const HANGS: u16 = 1 << (ATOM_SHIFT + 1);
/// East Asian Width F, W or H: "$EastAsian" of UAX #14's LB19a and LB30.
pub const EAST_ASIAN: u16 = 1 << (ATOM_SHIFT + 2);
/// U+25CC DOTTED CIRCLE, which UAX #14's LB28a treats apart from AL.
pub const DOTTED_CIRCLE: u16 = 1 << (ATOM_SHIFT + 3);
/// The four flags an atom takes from its character.
const ATOM_FLAGS: u16 = SPACE | HANGS | EAST_ASIAN | DOTTED_CIRCLE;
/// Never joins a neighbour in a grapheme cluster (GCB Other, LV, LVT):
/// text made only of such characters has a cluster per character.
const ALONE: u16 = 1 << 14;
/// A wide character of Chinese text (not an emoji): what half-width
/// punctuation next to it is converted for.
const CJK: u16 = 1 << 15;

impl Props {
    pub fn class(self) -> Class {
        CLASSES[self.class_index()]
    }

    /// The class as an index, `class() as usize`, without the lookup.
    pub fn class_index(self) -> usize {
        usize::from(self.0 & CLASS_MASK)
    }

    pub fn width(self, wide: bool) -> u16 {
        let shift = if wide { WIDE_SHIFT } else { NARROW_SHIFT };
        (self.0 >> shift) & 0b11
    }

    /// The flags of an atom of this one character, as bits 2 to 5 of a byte.
    pub fn atom_flags(self) -> u8 {
        let [low, _] = (((self.0 & ATOM_FLAGS) >> ATOM_SHIFT) << 2).to_le_bytes();
        low
    }

    pub fn alone(self) -> bool {
        self.0 & ALONE != 0
    }

    pub fn cjk(self) -> bool {
        self.0 & CJK != 0
    }
}

/// The entry of `c`.
#[inline]
pub fn props(c: char) -> Props {
    Table::get().props(c)
}

/// The table, fetched once for a loop over many characters.
#[derive(Clone, Copy)]
pub struct Table(());

/// The CJK Unified Ideographs block, where most characters of a Chinese
/// paper are. All its characters have one entry (a test checks it), so
/// they are served without touching the table, which spares the cache.
const IDEOGRAPHS: std::ops::RangeInclusive<u32> = 0x4E00..=0x9FFF;

/// The entry of every character in `IDEOGRAPHS`.
const IDEOGRAPH: Props = entry(0x4E00);

/// The entries of ASCII, the characters of Latin text and of the digits
/// and spaces of Chinese, served with one load rather than two.
static ASCII: [u16; 128] = table::BLOCKS[table::INDEX[0] as usize];

/// The entry of a code point, 0 to U+10FFFF, from the two stages.
#[inline]
const fn entry(code: u32) -> Props {
    let block = table::INDEX[(code >> table::SHIFT) as usize] as usize;
    Props(table::BLOCKS[block][(code & ((1 << table::SHIFT) - 1)) as usize])
}

impl Table {
    pub fn get() -> Table {
        Table(())
    }

    #[inline]
    #[expect(
        clippy::unused_self,
        reason = "the table is compiled in; callers fetch it once all the same"
    )]
    pub fn props(self, c: char) -> Props {
        let code = c as u32;
        if let Some(&ascii) = ASCII.get(code as usize) {
            return Props(ascii);
        }
        if IDEOGRAPHS.contains(&code) {
            return IDEOGRAPH;
        }
        entry(code)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_punctuation_has_the_classes_clreq_relies_on() {
        let cases = [
            ('，', Class::CL),
            ('。', Class::CL),
            ('、', Class::CL),
            ('：', Class::NS),
            ('！', Class::EX),
            ('“', Class::QuOpen),
            ('”', Class::QuClose),
            ('《', Class::OP),
            ('》', Class::CL),
            ('（', Class::OP),
            ('）', Class::CL),
            ('～', Class::NS),
            ('·', Class::NS),
            ('—', Class::B2),
            ('–', Class::NS),
            ('…', Class::IN),
            ('%', Class::PO),
            ('℃', Class::PO),
            ('￥', Class::PR),
            ('中', Class::ID),
            ('①', Class::ID),
            ('０', Class::NU),
            ('４', Class::NU),
            ('９', Class::NU),
            (' ', Class::SP),
            ('\u{3000}', Class::BA),
        ];
        for (c, class) in cases {
            assert_eq!(props(c).class(), class, "{c}");
        }
    }

    #[test]
    fn widths_follow_unicode_width_in_both_modes() {
        assert_eq!((props('中').width(false), props('中').width(true)), (2, 2));
        assert_eq!((props('“').width(false), props('“').width(true)), (1, 2));
        assert_eq!((props('a').width(false), props('a').width(true)), (1, 1));
        assert_eq!(props('\u{301}').width(false), 0);
        assert_eq!(props('😀').width(false), 2);
    }

    #[test]
    fn the_class_list_is_in_the_order_of_the_enum() {
        for (i, class) in CLASSES.iter().enumerate() {
            assert_eq!(*class as usize, i);
        }
    }

    #[test]
    fn flags() {
        assert!((props('中').0 & EAST_ASIAN != 0) && props('中').cjk() && props('中').alone());
        assert!(props('“').0 & EAST_ASIAN == 0);
        assert!((props('😀').0 & EAST_ASIAN != 0) && !props('😀').cjk());
        assert!(!props('\u{301}').alone());
        assert!(!props('\u{200D}').alone());
        assert_eq!(props('\u{25CC}').0 & DOTTED_CIRCLE, DOTTED_CIRCLE);
    }
}
