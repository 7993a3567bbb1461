//! Where the readable text of an article came from in its file. Checks read an HTML article's
//! readable text (tags dropped, character references decoded, blocks turned into line breaks),
//! so every span in factdiff is a byte range into that text; a [`SourceMap`] takes such a range
//! back to the bytes of the file, for locations (file:line:col), `--show-source` excerpts and the
//! byte offsets of the JSON report.
//!
//! The map is a sorted list of segments, one per piece of readable text whose bytes map to one
//! contiguous range of the file: a run of text copied from the file (merged with its neighbours
//! while they stay contiguous in both), a decoded character reference (`&nbsp;` → one space), a
//! collapsed run of whitespace, or a line break standing for a block tag (an empty range at the
//! tag). Inside a segment whose text and file ranges have the same length, offsets map one to one;
//! inside any other, an offset maps into the segment's range clamped to its end, which is always on
//! a character boundary because such ranges hold only ASCII (references, whitespace) or are empty.
//! Offsets that only end a span map to the end of the piece before them, so a span ending on a
//! decoded `&rsquo;` covers the whole reference. Three `u32`s a segment keep the map small.

use std::ops::Range;

/// One piece of readable text and the range of the file it came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Segment {
    /// Where the piece starts in the readable text.
    text: u32,
    /// Where its bytes start in the file.
    src: u32,
    /// Where they end.
    src_end: u32,
}

/// Readable-text offsets → file offsets, with the file itself (for line:col and excerpts).
#[derive(Debug, Clone, Default)]
pub struct SourceMap {
    source: String,
    segments: Vec<Segment>,
    text_len: u32,
}

impl SourceMap {
    /// The file as read (the HTML source).
    pub fn source(&self) -> &str {
        &self.source
    }

    /// The file offset of the readable byte at `offset`, as a span starts there. Offsets past
    /// the end of the readable text map to the end of its last piece.
    pub fn to_source(&self, offset: usize) -> usize {
        let Some(last) = self.segments.last() else { return 0 };
        if offset >= self.text_len as usize {
            return last.src_end as usize;
        }
        let i = self.segments.partition_point(|s| s.text as usize <= offset).saturating_sub(1);
        let s = self.segments[i];
        s.src as usize + (offset.saturating_sub(s.text as usize)).min((s.src_end - s.src) as usize)
    }

    /// The file offset just past the readable text before `offset`, as a span ends there: a
    /// span ending after a decoded reference ends after the whole reference, not inside it or
    /// after the tags that follow.
    pub fn to_source_end(&self, offset: usize) -> usize {
        if offset == 0 || self.segments.is_empty() {
            return self.to_source(0);
        }
        let offset = offset.min(self.text_len as usize);
        let i = self.segments.partition_point(|s| (s.text as usize) < offset).saturating_sub(1);
        let s = self.segments[i];
        let text_end = self.segments.get(i + 1).map_or(self.text_len, |n| n.text) as usize;
        if offset >= text_end {
            return s.src_end as usize;
        }
        s.src as usize + (offset - s.text as usize).min((s.src_end - s.src) as usize)
    }

    /// The file range of a readable-text span.
    pub fn to_source_span(&self, span: &Range<usize>) -> Range<usize> {
        let start = self.to_source(span.start);
        start..self.to_source_end(span.end).max(start)
    }

    /// How many segments the map holds (for tests of its size).
    pub fn len(&self) -> usize {
        self.segments.len()
    }

    /// Whether the map is empty (no readable text).
    pub fn is_empty(&self) -> bool {
        self.segments.is_empty()
    }
}

/// Builds readable text and its map together, piece by piece in file order. Whitespace and line
/// breaks are held back until the next piece of text, so the text never starts or ends with
/// them, a run of them becomes one, and a line break swallows the spaces around it.
#[derive(Debug, Default)]
pub(crate) struct Builder {
    text: String,
    segments: Vec<Segment>,
    /// End of the last file range used: pieces must come in file order.
    src_end: usize,
    pending_break: Option<(Break, usize)>,
    pending_space: Option<Range<usize>>,
}

/// A break between blocks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Break {
    /// A new line (`<br>`, list items, table rows).
    Line,
    /// A blank line: a new paragraph (`<p>`, `<div>`, headings, ...).
    Paragraph,
}

impl Builder {
    /// Text copied or decoded from `src` (a range of the file).
    pub(crate) fn text(&mut self, s: &str, src: Range<usize>) {
        if s.is_empty() || src.start < self.src_end {
            // Out of file order: never produced by the tokenizer; dropped so the map stays
            // monotonic whatever happens.
            return;
        }
        if !self.text.is_empty() {
            if let Some((b, at)) = self.pending_break.take() {
                let at = at.max(self.src_end).min(src.start);
                self.push(if b == Break::Paragraph { "\n\n" } else { "\n" }, at..at);
            } else if let Some(sp) = self.pending_space.take() {
                let start = sp.start.max(self.src_end).min(src.start);
                self.push(" ", start..sp.end.clamp(start, src.start));
            }
        }
        self.pending_break = None;
        self.pending_space = None;
        self.push(s, src);
    }

    /// Whitespace at `src`, shown as one space between the text around it.
    pub(crate) fn space(&mut self, src: Range<usize>) {
        if self.pending_break.is_none() {
            match &mut self.pending_space {
                Some(sp) => sp.end = src.end,
                None => self.pending_space = Some(src),
            }
        }
    }

    /// A block boundary at file offset `at`.
    pub(crate) fn block(&mut self, b: Break, at: usize) {
        if self.text.is_empty() {
            return;
        }
        self.pending_space = None;
        match &mut self.pending_break {
            Some((old, _)) => *old = (*old).max(b),
            None => self.pending_break = Some((b, at)),
        }
    }

    fn push(&mut self, s: &str, src: Range<usize>) {
        let t = self.text.len();
        if let Some(last) = self.segments.last_mut() {
            let same_length = t - last.text as usize == (last.src_end - last.src) as usize && s.len() == src.len();
            if same_length && last.src_end as usize == src.start {
                last.src_end = src.end as u32;
                self.text.push_str(s);
                self.src_end = src.end;
                return;
            }
        }
        self.segments.push(Segment { text: t as u32, src: src.start as u32, src_end: src.end as u32 });
        self.text.push_str(s);
        self.src_end = src.end;
    }

    /// The readable text and its map over `source`. The caller has checked that the source is
    /// at most 2 GiB, so offsets fit in `u32` (the readable text is shorter than its source but
    /// for references such as `&nGt;`, whose two characters take 6 bytes for 5 written).
    pub(crate) fn finish(self, source: String) -> (String, SourceMap) {
        let text_len = self.text.len() as u32;
        (self.text, SourceMap { source, segments: self.segments, text_len })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn build(f: impl FnOnce(&mut Builder), source: &str) -> (String, SourceMap) {
        let mut b = Builder::default();
        f(&mut b);
        b.finish(source.to_string())
    }

    #[test]
    fn copied_text_maps_one_to_one_and_merges() {
        let src = "<p>ab cd</p>";
        let (text, map) = build(
            |b| {
                b.text("ab", 3..5);
                b.space(5..6);
                b.text("cd", 6..8);
            },
            src,
        );
        assert_eq!(text, "ab cd");
        assert_eq!(map.len(), 1);
        for i in 0..=text.len() {
            assert_eq!(map.to_source(i), 3 + i);
        }
    }

    #[test]
    fn a_reference_maps_to_its_start_and_a_span_over_it_to_its_end() {
        // "it&rsquo;s" → "it’s"
        let src = "it&rsquo;s";
        let (text, map) = build(
            |b| {
                b.text("it", 0..2);
                b.text("’", 2..9);
                b.text("s", 9..10);
            },
            src,
        );
        assert_eq!(text, "it’s");
        assert_eq!(map.len(), 3);
        assert_eq!(map.to_source(2), 2);
        assert_eq!(map.to_source_end(5), 9, "the end of the decoded character is the end of the reference");
        assert_eq!(map.to_source(5), 9);
        assert_eq!(map.to_source_span(&(0..text.len())), 0..10);
    }

    #[test]
    fn breaks_swallow_spaces_and_map_to_their_tag() {
        let src = "a <p> b";
        let (text, map) = build(
            |b| {
                b.text("a", 0..1);
                b.space(1..2);
                b.block(Break::Paragraph, 2);
                b.block(Break::Line, 3);
                b.space(5..6);
                b.text("b", 6..7);
            },
            src,
        );
        assert_eq!(text, "a\n\nb");
        assert_eq!(map.to_source(1), 2);
        assert_eq!(map.to_source(3), 6);
    }

    #[test]
    fn out_of_order_pieces_are_dropped() {
        let (text, map) = build(
            |b| {
                b.text("x", 5..6);
                b.text("y", 2..3);
            },
            "0123456",
        );
        assert_eq!(text, "x");
        assert_eq!(map.to_source(0), 5);
    }
}
