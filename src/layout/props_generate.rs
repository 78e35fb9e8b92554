//! Where the property table comes from: each character's entry computed
//! from ICU4X's Unicode data and unicode-width, and the text of
//! `props_table.rs` written from them. A test computes every code point
//! and checks the committed table is what this writes;
//! `EPAPER_REGENERATE=1` has it write the file instead.

use std::collections::HashMap;
use std::fmt::Write as _;

use icu_properties::props::{
    EastAsianWidth, ExtendedPictographic, GeneralCategory, GraphemeClusterBreak, LineBreak,
};
use icu_properties::{CodePointMapData, CodePointSetData};
use unicode_width::UnicodeWidthChar;

use super::{
    ALONE, CJK, Class, DOTTED_CIRCLE, EAST_ASIAN, HANGS, NARROW_SHIFT, Props, SPACE, WIDE_SHIFT,
};

/// log2 of the block size: blocks of 128 code points, which of the sizes
/// 32 to 512 make the smallest table (65,536 bytes; 77,568 with blocks of
/// 64 and 80,128 with blocks of 256, docs/DESIGN.md, "Widths").
pub const SHIFT: u32 = 7;

/// The tailored line break class of `c`.
fn class_of(c: char) -> Class {
    match c {
        // clreq: ～ · – ‧ never start a line, not even after a space.
        '\u{FF5E}' | '\u{00B7}' | '\u{2013}' | '\u{2027}' => return Class::NS,
        // The full-width digits are numbers, as the ASCII ones are (UAX #14
        // has them ID): ４５ and ３５．８％ hold together.
        '\u{FF10}'..='\u{FF19}' => return Class::NU,
        _ => {}
    }
    let general = CodePointMapData::<GeneralCategory>::new().get(c);
    match CodePointMapData::<LineBreak>::new().get(c) {
        LineBreak::BA => Class::BA,
        LineBreak::BB => Class::BB,
        LineBreak::B2 => Class::B2,
        LineBreak::CB => Class::CB,
        LineBreak::CL => Class::CL,
        LineBreak::CM => Class::CM,
        LineBreak::CP => Class::CP,
        LineBreak::EX => Class::EX,
        LineBreak::GL => Class::GL,
        LineBreak::HH => Class::HH,
        LineBreak::HL => Class::HL,
        LineBreak::HY => Class::HY,
        // Chinese text is the East Asian context in which UAX #14 resolves
        // the ambiguous class to ideographic.
        LineBreak::ID | LineBreak::AI => Class::ID,
        LineBreak::IN => Class::IN,
        LineBreak::IS => Class::IS,
        // The strict rules of clreq: small kana do not start a line.
        LineBreak::NS | LineBreak::CJ => Class::NS,
        LineBreak::NU => Class::NU,
        LineBreak::OP => Class::OP,
        LineBreak::PO => Class::PO,
        LineBreak::PR => Class::PR,
        LineBreak::QU => match general {
            GeneralCategory::InitialPunctuation => Class::QuOpen,
            GeneralCategory::FinalPunctuation => Class::QuClose,
            _ => Class::Qu,
        },
        LineBreak::SA => match general {
            GeneralCategory::NonspacingMark | GeneralCategory::SpacingMark => Class::CM,
            _ => Class::AL,
        },
        LineBreak::SP => Class::SP,
        LineBreak::SY => Class::SY,
        LineBreak::WJ => Class::WJ,
        LineBreak::ZW => Class::ZW,
        LineBreak::ZWJ => Class::ZWJ,
        LineBreak::EB => Class::EB,
        LineBreak::EM => Class::EM,
        LineBreak::H2 => Class::H2,
        LineBreak::H3 => Class::H3,
        LineBreak::JL => Class::JL,
        LineBreak::JT => Class::JT,
        LineBreak::JV => Class::JV,
        LineBreak::RI => Class::RI,
        LineBreak::AK => Class::AK,
        LineBreak::AP => Class::AP,
        LineBreak::AS => Class::AS,
        LineBreak::VF => Class::VF,
        LineBreak::VI => Class::VI,
        // AL, and what sanitised text cannot hold or UAX #14 resolves to
        // AL: mandatory breaks, surrogates, unassigned code points.
        _ => Class::AL,
    }
}

/// The entry of `c`, from the Unicode data.
pub fn compute(c: char) -> Props {
    let class = class_of(c);
    let cells = |width: Option<usize>| u16::try_from(width.unwrap_or(0).min(2)).unwrap_or(2);
    let narrow = cells(c.width());
    let wide = cells(c.width_cjk());
    let mut bits = class as u16 | narrow << NARROW_SHIFT | wide << WIDE_SHIFT;
    let east_asian = matches!(
        CodePointMapData::<EastAsianWidth>::new().get(c),
        EastAsianWidth::Fullwidth | EastAsianWidth::Wide | EastAsianWidth::Halfwidth
    );
    if east_asian {
        bits |= EAST_ASIAN;
    }
    if matches!(
        CodePointMapData::<GraphemeClusterBreak>::new().get(c),
        GraphemeClusterBreak::Other | GraphemeClusterBreak::LV | GraphemeClusterBreak::LVT
    ) {
        bits |= ALONE;
    }
    if narrow == 2 && !CodePointSetData::new::<ExtendedPictographic>().contains(c) {
        bits |= CJK;
    }
    if c == '\u{25CC}' {
        bits |= DOTTED_CIRCLE;
    }
    if class == Class::SP {
        bits |= SPACE;
    }
    if matches!(c, '、' | '，' | '。') {
        bits |= HANGS;
    }
    Props(bits)
}

/// The entry of every code point, 0 to U+10FFFF; surrogates, which are no
/// characters, as AL.
pub fn entries() -> Vec<u16> {
    (0..=0x10_FFFFu32)
        .map(|code| char::from_u32(code).map_or(Class::AL as u16, |c| compute(c).0))
        .collect()
}

/// The two stages of `entries` in blocks of `1 << shift`: each block's
/// index, and the distinct blocks in the order they first occur.
pub fn stages(entries: &[u16], shift: u32) -> (Vec<usize>, Vec<&[u16]>) {
    let mut blocks: Vec<&[u16]> = Vec::new();
    let mut seen: HashMap<&[u16], usize> = HashMap::new();
    let index = entries
        .chunks(1 << shift)
        .map(|block| {
            *seen.entry(block).or_insert_with(|| {
                blocks.push(block);
                blocks.len() - 1
            })
        })
        .collect();
    (index, blocks)
}

/// The size in bytes of the two stages: indexes of one byte if there are
/// at most 256 blocks, of two otherwise.
pub fn size(index: &[usize], blocks: &[&[u16]]) -> usize {
    let width = if blocks.len() <= 256 { 1 } else { 2 };
    index.len() * width + blocks.iter().map(|b| b.len() * 2).sum::<usize>()
}

/// The version of `package` in Cargo.lock.
fn locked_version(lock: &str, package: &str) -> String {
    let name = format!("name = \"{package}\"\n");
    let at = lock.find(&name).expect("the package is in Cargo.lock") + name.len();
    lock[at..]
        .strip_prefix("version = \"")
        .and_then(|rest| rest.split('"').next())
        .expect("a version follows the name")
        .to_owned()
}

/// `items` as rustfmt lays out an array of short items: after an indent of
/// `indent` spaces, as many to a line as keep it to 99 columns.
fn fill(out: &mut String, items: impl Iterator<Item = String>, indent: usize) {
    let pad = " ".repeat(indent);
    let mut line = String::new();
    for item in items {
        if !line.is_empty() && line.len() + 1 + item.len() + 1 > 99 {
            out.push_str(&line);
            out.push('\n');
            line.clear();
        }
        if line.is_empty() {
            line.push_str(&pad);
        } else {
            line.push(' ');
        }
        line.push_str(&item);
        line.push(',');
    }
    if !line.is_empty() {
        out.push_str(&line);
        out.push('\n');
    }
}

/// The text of `props_table.rs`, formatted as `cargo fmt` leaves it.
pub fn table_text(lock: &str) -> String {
    let entries = entries();
    let (index, blocks) = stages(&entries, SHIFT);
    let block = 1usize << SHIFT;
    let index_type = if blocks.len() <= 256 { "u8" } else { "u16" };
    let mut out = String::new();
    let icu = locked_version(lock, "icu_properties");
    let width = locked_version(lock, "unicode-width");
    let bytes = size(&index, &blocks);
    writeln!(
        out,
        "//! Generated by src/layout/props_generate.rs from icu_properties {icu} and\n\
         //! unicode-width {width} (as in Cargo.lock): do not edit. To regenerate:\n\
         //!\n\
         //! ```sh\n\
         //! EPAPER_REGENERATE=1 cargo test --lib the_committed_table\n\
         //! ```\n\
         //!\n\
         //! The entry of every code point, 0 to U+10FFFF, in two stages: `INDEX`\n\
         //! holds the number of each block of {block} code points in `BLOCKS`, which\n\
         //! holds each distinct block once. {index_len} indexes and {blocks_len} blocks, {bytes} bytes:\n\
         //! of the block sizes 32 to 512, 128 makes the smallest table (docs/DESIGN.md,\n\
         //! \"Widths\").\n\
         \n\
         /// log2 of the number of code points in a block.\n\
         pub const SHIFT: u32 = {SHIFT};\n",
        index_len = index.len(),
        blocks_len = blocks.len(),
    )
    .unwrap();
    writeln!(out, "pub static INDEX: [{index_type}; {}] = [", index.len()).unwrap();
    fill(&mut out, index.iter().map(usize::to_string), 4);
    out.push_str("];\n\n");
    writeln!(
        out,
        "pub static BLOCKS: [[u16; {block}]; {}] = [",
        blocks.len()
    )
    .unwrap();
    for block in &blocks {
        out.push_str("    [\n");
        fill(&mut out, block.iter().map(|e| format!("0x{e:04X}")), 8);
        out.push_str("    ],\n");
    }
    out.push_str("];\n");
    out
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::super::{IDEOGRAPHS, props};
    use super::*;

    /// The committed table is what the Unicode data of the locked crates
    /// gives; `EPAPER_REGENERATE=1` writes it instead.
    #[test]
    fn the_committed_table_is_the_unicode_data() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let lock = std::fs::read_to_string(root.join("Cargo.lock")).unwrap();
        let path = root.join("src/layout/props_table.rs");
        let text = table_text(&lock);
        if std::env::var_os("EPAPER_REGENERATE").is_some_and(|v| v == "1") {
            std::fs::write(&path, text).unwrap();
            return;
        }
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        if committed != text {
            let line = committed
                .lines()
                .zip(text.lines())
                .position(|(a, b)| a != b)
                .unwrap_or_else(|| committed.lines().count().min(text.lines().count()));
            panic!(
                "{} differs from the Unicode data from line {}; regenerate it with\n\
                 EPAPER_REGENERATE=1 cargo test --lib the_committed_table",
                path.display(),
                line + 1
            );
        }
    }

    /// What the engine reads of each character is what the data says.
    #[test]
    fn every_character_reads_its_entry() {
        for c in (0..=0x10_FFFF).filter_map(char::from_u32) {
            assert_eq!(props(c), compute(c), "U+{:04X}", c as u32);
        }
    }

    #[test]
    fn every_unified_ideograph_has_the_same_entry() {
        let first = compute('\u{4E00}');
        for code in IDEOGRAPHS {
            assert_eq!(
                compute(char::from_u32(code).unwrap()),
                first,
                "U+{code:04X}"
            );
        }
    }
}
