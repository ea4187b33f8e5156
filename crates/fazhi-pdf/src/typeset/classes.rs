//! Character classes (GB/T 15834 and the usual 禁则 tables): which characters take a full
//! cell, which marks may not start or end a line, which may be squeezed or hang past the
//! edge, and which characters make up a Latin word or a number with its unit.

/// Characters that take a full cell.
pub fn is_wide(ch: char) -> bool {
    let c = ch as u32;
    (0x2E80..=0xA4CF).contains(&c)
        || (0xF900..=0xFAFF).contains(&c)
        || (0xFE30..=0xFE4F).contains(&c)
        || (0xFF00..=0xFF60).contains(&c)
        || (0xFFE0..=0xFFE6).contains(&c)
        || (0x20000..=0x3FFFF).contains(&c)
        || matches!(
            ch,
            '“' | '”' | '‘' | '’' | '—' | '…' | '·' | '※' | '√' | '×'
        )
}

// The 禁则 classes live once, in the layout model: a table's column floors are counted
// from the same runs the typesetter never breaks.
pub use fazhi_layout::width::{no_line_end, no_line_start};

/// Full-width marks whose glyph fills only half the cell, so half the cell can be taken
/// away when a line needs room (标点挤压). Opening marks lose their left half.
pub(super) fn compressible(ch: char) -> bool {
    matches!(
        ch,
        '，' | '。'
            | '、'
            | '；'
            | '：'
            | '（'
            | '）'
            | '《'
            | '》'
            | '〈'
            | '〉'
            | '「'
            | '」'
            | '『'
            | '』'
            | '“'
            | '”'
            | '‘'
            | '’'
            | '〔'
            | '〕'
            | '【'
            | '】'
    )
}

/// Closing marks that may hang past the block's right edge (half a cell: their glyph sits
/// in the left half of the em box) when the character they follow fills the line's last
/// cell. Word's 允许标点溢出边界 and LibreOffice's hanging punctuation do the same; it
/// keeps the 28 characters of the line on the grid instead of pushing one down and
/// spreading 27 over 28 cells.
pub fn hangable(ch: char) -> bool {
    matches!(
        ch,
        '，' | '。'
            | '、'
            | '；'
            | '：'
            | '”'
            | '’'
            | '）'
            | '》'
            | '〉'
            | '」'
            | '』'
            | '〕'
            | '】'
    )
}

pub(super) use fazhi_layout::width::{is_unit_char, is_word_char};
