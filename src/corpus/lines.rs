//! Byte offset → line and column, computed only for output. Spans everywhere else are byte
//! offsets into the original file, so CRLF endings and multi-byte characters cost nothing until a
//! location is printed.

use crate::error::LineCol;

/// Bytes between the column checkpoints of a long line.
const CHECKPOINT: usize = 4096;

/// The byte offsets at which each line of a text starts.
#[derive(Debug, Clone, Default)]
pub struct LineIndex {
    starts: Vec<usize>,
    /// In lines longer than [`CHECKPOINT`] bytes, every [`CHECKPOINT`] bytes: (byte offset,
    /// characters from its line's start to it). Without them a column in a one-line article of
    /// megabytes counted from the line's start, once per location: quadratic in the line.
    marks: Vec<(usize, usize)>,
}

/// The characters starting in `bytes`: those that do not continue a character (a count the
/// compiler vectorizes; decoding each character was a visible share of rendering an archive's
/// findings).
fn chars_in(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&c| c & 0xC0 != 0x80).count()
}

impl LineIndex {
    /// Index the line starts of `text` (`\n` ends a line; a preceding `\r` belongs to that line).
    pub fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        let mut marks = Vec::new();
        let bytes = text.as_bytes();
        for (i, &start) in starts.iter().enumerate() {
            let end = starts.get(i + 1).copied().unwrap_or(bytes.len());
            let (mut at, mut chars) = (start, 0);
            while end - at > CHECKPOINT {
                chars += chars_in(&bytes[at..at + CHECKPOINT]);
                at += CHECKPOINT;
                marks.push((at, chars));
            }
        }
        LineIndex { starts, marks }
    }

    /// 1-based line and column (in characters) of byte `offset` in `text`, the text this index
    /// was built from. An offset inside a character counts as that character.
    pub fn line_col(&self, text: &str, offset: usize) -> LineCol {
        let offset = offset.min(text.len());
        let line = self.starts.partition_point(|&s| s <= offset).saturating_sub(1);
        let start = self.starts.get(line).copied().unwrap_or(0);
        // From the last checkpoint of this line at or before `offset`, if any.
        let (from, before) = match self.marks.partition_point(|m| m.0 <= offset).checked_sub(1).map(|i| self.marks[i]) {
            Some((at, chars)) if at > start => (at, chars),
            _ => (start, 0),
        };
        let column = before + text.as_bytes().get(from.min(offset)..offset).map_or(0, chars_in);
        LineCol { line: line + 1, column: column + 1 }
    }

    /// The byte range of 1-based `line`, without its line ending.
    pub fn line_span(&self, text: &str, line: usize) -> std::ops::Range<usize> {
        let start = self.starts.get(line.saturating_sub(1)).copied().unwrap_or(text.len());
        let mut end = self.starts.get(line).map(|s| s - 1).unwrap_or(text.len());
        if end > start && text.as_bytes().get(end - 1) == Some(&b'\r') {
            end -= 1;
        }
        start..end
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn naive(text: &str, offset: usize) -> LineCol {
        let before = &text[..offset];
        let line = before.matches('\n').count() + 1;
        let col = before.rsplit('\n').next().map(|l| l.chars().count()).unwrap_or(0) + 1;
        LineCol { line, column: col }
    }

    /// Columns in lines longer than a checkpoint (multi-byte characters across its boundaries)
    /// agree with the naive count, as do those of the short lines around them.
    #[test]
    fn long_lines_agree_with_naive_count() {
        let long = "NATO has “32” member countries — €5bn. ".repeat(700);
        let text = format!("short\n{long}\nmid\r\n{long}{long}\nend");
        let index = LineIndex::new(&text);
        assert!(!index.marks.is_empty());
        for (offset, _) in text.char_indices().step_by(7).chain(text.char_indices().rev().take(40)) {
            assert_eq!(index.line_col(&text, offset), naive(&text, offset), "offset {offset}");
        }
        assert_eq!(index.line_col(&text, text.len()), naive(&text, text.len()));
    }

    #[test]
    fn agrees_with_naive_count_on_multibyte_and_crlf() {
        let text = "“Quote” €5\r\nsecond line — dash\n\nlast";
        for (offset, _) in text.char_indices() {
            assert_eq!(LineIndex::new(text).line_col(text, offset), naive(text, offset), "offset {offset}");
        }
    }

    /// Every byte offset, inside characters and past the end too, gives what decoding the line
    /// character by character gives.
    #[test]
    fn byte_count_of_columns_agrees_with_decoding_at_every_offset() {
        let text = "“Quote” €5\r\nsecond line — dash 𝄞\n\nlast é";
        let idx = LineIndex::new(text);
        for offset in 0..text.len() + 3 {
            let o = offset.min(text.len());
            let line = idx.starts.partition_point(|&s| s <= o) - 1;
            let start = idx.starts[line];
            let decoded = text[start..].char_indices().take_while(|(i, _)| start + i < o).count();
            assert_eq!(idx.line_col(text, offset), LineCol { line: line + 1, column: decoded + 1 }, "offset {offset}");
        }
    }

    #[test]
    fn line_span_strips_crlf() {
        let text = "one\r\ntwo\nthree";
        let idx = LineIndex::new(text);
        assert_eq!(&text[idx.line_span(text, 1)], "one");
        assert_eq!(&text[idx.line_span(text, 2)], "two");
        assert_eq!(&text[idx.line_span(text, 3)], "three");
    }
}
