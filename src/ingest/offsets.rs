//! Offset maps: where a byte offset of decoded or extracted text lies in the bytes it came from.
//!
//! The pipeline works on UTF-8 text, but spans are promised as byte offsets into the file as
//! read. When the two differ (a UTF-8 BOM, UTF-16, windows-1252, text taken out of HTML), ingest
//! records the correspondence here and the report translates spans when it renders them.
//!
//! A map is a list of runs. Each run is a sequence of equal *units*: `dec` bytes of text that
//! came from `file` bytes of the origin ("é": 2 bytes of UTF-8 from 1 byte of windows-1252; "A":
//! 1 byte from 2 bytes of UTF-16; "&amp;": 1 byte from 5; an inserted line break: 1 byte from
//! 0). Runs are contiguous in the text; a jump in the origin (markup left out) starts a new run.
//! An empty map is the identity, so UTF-8 files cost nothing.

/// A run of `count` equal units starting at text offset `dec_start` and origin offset
/// `file_start`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Run {
    dec_start: usize,
    file_start: usize,
    dec_unit: u32,
    file_unit: u32,
    count: usize,
}

impl Run {
    fn dec_end(&self) -> usize {
        self.dec_start + self.dec_unit as usize * self.count
    }
    fn file_end(&self) -> usize {
        self.file_start + self.file_unit as usize * self.count
    }
}

/// Text offsets → origin offsets. Built in text order with [`OffsetMap::push`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OffsetMap {
    runs: Vec<Run>,
}

impl OffsetMap {
    /// The identity map.
    pub fn identity() -> OffsetMap {
        OffsetMap::default()
    }

    /// `len` bytes of text that are the origin's bytes from `file_start` on, one for one.
    pub fn linear(len: usize, file_start: usize) -> OffsetMap {
        let mut m = OffsetMap::default();
        if len > 0 {
            m.runs.push(Run { dec_start: 0, file_start, dec_unit: 1, file_unit: 1, count: len });
        }
        m
    }

    /// The same map with every origin offset moved `by` bytes on (text after a stripped BOM).
    pub fn shifted(&self, by: usize) -> OffsetMap {
        OffsetMap { runs: self.runs.iter().map(|r| Run { file_start: r.file_start + by, ..*r }).collect() }
    }

    /// True when every offset maps to itself.
    pub fn is_identity(&self) -> bool {
        self.runs.is_empty()
    }

    /// Total text bytes covered.
    pub fn dec_len(&self) -> usize {
        self.runs.last().map_or(0, Run::dec_end)
    }

    /// Append one unit: the next `dec` bytes of text came from origin bytes
    /// `file_start..file_start + file`. Units must be pushed in text order; the origin offsets
    /// must not go backwards.
    pub fn push(&mut self, dec: usize, file_start: usize, file: usize) {
        if dec == 0 {
            return;
        }
        let (Ok(du), Ok(fu)) = (u32::try_from(dec), u32::try_from(file)) else { return };
        if let Some(last) = self.runs.last_mut() {
            if last.dec_unit == du && last.file_unit == fu && last.file_end() == file_start {
                last.count += 1;
                return;
            }
        }
        let dec_start = self.dec_len();
        self.runs.push(Run { dec_start, file_start, dec_unit: du, file_unit: fu, count: 1 });
    }

    /// Append another map's text after this one's: its text offsets are shifted by this map's
    /// length, its origin offsets kept.
    pub fn append(&mut self, other: &OffsetMap) {
        let shift = self.dec_len();
        self.runs.extend(other.runs.iter().map(|r| Run { dec_start: r.dec_start + shift, ..*r }));
    }

    /// Where text that starts at `d` starts in the origin.
    pub fn start(&self, d: usize) -> usize {
        if self.runs.is_empty() {
            return d;
        }
        // The run holding `d`, or the last one when `d` is at or past the end of the text.
        let i = self.runs.partition_point(|r| r.dec_start <= d).saturating_sub(1);
        let r = &self.runs[i];
        if d >= r.dec_end() {
            return r.file_end();
        }
        let k = (d.saturating_sub(r.dec_start)) / r.dec_unit as usize;
        r.file_start + k * r.file_unit as usize
    }

    /// Where text that ends at `d` (exclusive) ends in the origin: the end of the unit before
    /// `d`, so that a span never takes in markup that follows it.
    pub fn end(&self, d: usize) -> usize {
        if self.runs.is_empty() {
            return d;
        }
        if d == 0 {
            return self.start(0);
        }
        let i = self.runs.partition_point(|r| r.dec_start < d).saturating_sub(1);
        let r = &self.runs[i];
        if d >= r.dec_end() {
            return r.file_end();
        }
        let k = (d - r.dec_start).div_ceil(r.dec_unit as usize);
        r.file_start + k * r.file_unit as usize
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_map_is_the_identity() {
        let m = OffsetMap::identity();
        assert_eq!((m.start(7), m.end(7)), (7, 7));
    }

    #[test]
    fn single_byte_legacy_text() {
        // "Caf\xe9 62" in windows-1252 → "Café 62" in UTF-8: é is 2 bytes from 1.
        let mut m = OffsetMap::default();
        for (i, c) in "Café 62".chars().enumerate() {
            m.push(c.len_utf8(), i, 1);
        }
        assert_eq!(m.start(0), 0);
        assert_eq!(m.start(3), 3, "é starts at byte 3");
        assert_eq!(m.end(5), 4, "é ends at byte 4");
        assert_eq!((m.start(6), m.end(8)), (5, 7), "'62' is file bytes 5..7");
        assert_eq!(m.runs.len(), 3, "ASCII runs merge: {:?}", m.runs);
    }

    #[test]
    fn a_gap_in_the_origin_starts_a_new_run_and_ends_stay_before_it() {
        // "<b>62</b> orang": text "62 orang".
        let mut m = OffsetMap::default();
        m.push(1, 3, 1);
        m.push(1, 4, 1);
        for i in 0..6 {
            m.push(1, 9 + i, 1);
        }
        assert_eq!((m.start(0), m.end(2)), (3, 5), "'62' ends before </b>");
        assert_eq!(m.start(2), 9, "' orang' starts after </b>");
        assert_eq!(m.end(8), 15);
        assert_eq!(m.start(100), 15, "past the end clamps");
    }

    #[test]
    fn appended_maps_shift_their_text_offsets() {
        let mut a = OffsetMap::default();
        a.push(4, 10, 4);
        let mut b = OffsetMap::default();
        b.push(2, 50, 2);
        a.append(&b);
        assert_eq!((a.start(4), a.end(6)), (50, 52));
    }
}
