//! Decode: bytes → UTF-8 text plus the map back to the bytes. Owns the encoding policy.
//!
//! 1. A byte-order mark decides: UTF-8 (stripped), UTF-16LE or UTF-16BE.
//! 2. Otherwise a NUL byte anywhere, or mostly control characters across the whole file, is
//!    binary and refused.
//! 3. Valid UTF-8 is taken as it is (the common case: no copy of the map, identity offsets).
//! 4. UTF-8 with a few broken bytes among valid multi-byte characters is damaged UTF-8: each
//!    invalid byte becomes one SUB (0x1A), so offsets stay true.
//! 5. Anything else is a legacy encoding: the declared charset of an HTML page, else the guess
//!    of chardetng (windows-1252 for Western European text), decoded with encoding_rs.
//!
//! Whatever the route, the returned map takes every text offset back to the file's bytes.

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8};

use super::offsets::OffsetMap;

/// A file's bytes as text.
#[derive(Debug, Clone)]
pub struct Decoded {
    pub text: String,
    /// Text offsets → file byte offsets.
    pub map: OffsetMap,
    /// The encoding it was read in, as the Encoding Standard names it ("UTF-8", "windows-1252").
    pub encoding: &'static str,
    /// Why the reader should double-check (a guessed encoding, replaced bytes).
    pub warning: Option<String>,
}

const BINARY: &str = "binary file (NUL bytes or mostly control characters), skipped";

/// Decode a whole file. `declared` is an encoding label the file states about itself (an HTML
/// page's `<meta charset>`), used only when the bytes are not UTF-8.
pub fn decode(bytes: &[u8], declared: Option<&str>) -> Result<Decoded, String> {
    if let Some((enc, bom)) = Encoding::for_bom(bytes) {
        let body = &bytes[bom..];
        if enc == UTF_8 {
            // The BOM is not text: drop it, and shift every offset by its length.
            let mut d = decode_unmarked(body, declared)?;
            d.map = if d.map.is_identity() { OffsetMap::linear(d.text.len(), bom) } else { d.map.shifted(bom) };
            return Ok(d);
        }
        let text = decode_utf16(body, enc == UTF_16LE)?;
        let mut map = OffsetMap::default();
        let mut at = bom;
        for c in text.chars() {
            // Each character is one or two 16-bit units; a lone trailing byte (odd length)
            // decodes to U+FFFD from one byte.
            let n = (c.len_utf16() * 2).min(bytes.len() - at);
            map.push(c.len_utf8(), at, n);
            at += n;
        }
        if looks_binary(text.as_bytes()) {
            return Err(BINARY.into());
        }
        return Ok(Decoded { text, map, encoding: enc.name(), warning: None });
    }
    decode_unmarked(bytes, declared)
}

/// `decode` of bytes the caller gives up: valid UTF-8 without a byte-order mark (the common
/// case) becomes the text without a copy.
pub fn decode_owned(bytes: Vec<u8>, declared: Option<&str>) -> Result<Decoded, String> {
    if Encoding::for_bom(&bytes).is_some() || looks_binary(&bytes) {
        return decode(&bytes, declared);
    }
    match String::from_utf8(bytes) {
        Ok(text) => Ok(Decoded { text, map: OffsetMap::identity(), encoding: UTF_8.name(), warning: None }),
        Err(e) => decode_unmarked(e.as_bytes(), declared),
    }
}

fn decode_utf16(body: &[u8], little_endian: bool) -> Result<String, String> {
    let enc = if little_endian { UTF_16LE } else { UTF_16BE };
    let (text, _) = enc.decode_without_bom_handling(body);
    Ok(text.into_owned())
}

fn decode_unmarked(bytes: &[u8], declared: Option<&str>) -> Result<Decoded, String> {
    if looks_binary(bytes) {
        return Err(BINARY.into());
    }
    let bad = match std::str::from_utf8(bytes) {
        Ok(t) => return Ok(Decoded { text: t.to_string(), map: OffsetMap::identity(), encoding: UTF_8.name(), warning: None }),
        Err(_) => utf8_damage(bytes),
    };
    let declared = declared.and_then(|l| Encoding::for_label(l.as_bytes())).filter(|e| *e != UTF_8 && *e != UTF_16LE && *e != UTF_16BE);
    if declared.is_none() && bad.valid_multibyte > 0 && bad.invalid <= bad.valid_multibyte {
        // Mostly UTF-8 with some damage: keep offsets one-for-one.
        let mut s = String::with_capacity(bytes.len());
        for chunk in bytes.utf8_chunks() {
            s.push_str(chunk.valid());
            for _ in chunk.invalid() {
                s.push('\u{1a}');
            }
        }
        let warning = format!("not valid UTF-8; {} byte(s) replaced, offsets kept", bad.invalid);
        return Ok(Decoded { text: s, map: OffsetMap::identity(), encoding: UTF_8.name(), warning: Some(warning) });
    }
    let (enc, how) = match declared {
        Some(e) => (e, "as the page declares"),
        None => {
            let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
            det.feed(bytes, true);
            (det.guess(None, chardetng::Utf8Detection::Deny), "guessed from its bytes")
        }
    };
    let (text, map) = decode_legacy(bytes, enc);
    let warning = format!("not UTF-8; read as {} ({how}), spans point at the file's bytes", enc.name());
    Ok(Decoded { text, map, encoding: enc.name(), warning: Some(warning) })
}

struct Damage {
    invalid: usize,
    valid_multibyte: usize,
}

fn utf8_damage(bytes: &[u8]) -> Damage {
    let mut d = Damage { invalid: 0, valid_multibyte: 0 };
    for chunk in bytes.utf8_chunks() {
        d.valid_multibyte += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        d.invalid += chunk.invalid().len();
    }
    d
}

/// Decode with a legacy encoding, recording which bytes each character came from.
fn decode_legacy(bytes: &[u8], enc: &'static Encoding) -> (String, OffsetMap) {
    let mut map = OffsetMap::default();
    if enc.is_single_byte() {
        // One byte, one character: decode in one go, then walk both together.
        let (text, _) = enc.decode_without_bom_handling(bytes);
        for (i, c) in text.chars().enumerate() {
            map.push(c.len_utf8(), i, 1);
        }
        return (text.into_owned(), map);
    }
    // Multi-byte legacy encodings (Shift_JIS, GBK…): feed one byte at a time and see which
    // characters each completes. Slow, but such input is rare and bounded by the size cap.
    let mut dec = enc.new_decoder_without_bom_handling();
    let mut text = String::with_capacity(bytes.len() * 2);
    let mut from = 0usize;
    let mut buf = String::with_capacity(16);
    for (i, b) in bytes.iter().enumerate() {
        buf.clear();
        let last = i + 1 == bytes.len();
        let _ = dec.decode_to_string(std::slice::from_ref(b), &mut buf, last);
        if !buf.is_empty() {
            for (k, c) in buf.chars().enumerate() {
                // The bytes since the last character belong to the first one produced.
                if k == 0 {
                    map.push(c.len_utf8(), from, i + 1 - from);
                } else {
                    map.push(c.len_utf8(), i + 1, 0);
                }
            }
            text.push_str(&buf);
            from = i + 1;
        }
    }
    (text, map)
}

/// NUL anywhere, or more than one byte in ten a control character, across the whole file: a
/// binary tail after a text-like head is still binary.
pub fn looks_binary(bytes: &[u8]) -> bool {
    if bytes.contains(&0) {
        return true;
    }
    let ctrl = bytes.iter().filter(|&&b| b < 0x09 || (b > 0x0d && b < 0x20 && b != 0x1b)).count();
    !bytes.is_empty() && ctrl * 10 > bytes.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file_bytes<'a>(bytes: &'a [u8], d: &Decoded, needle: &str) -> &'a [u8] {
        let s = d.text.find(needle).expect("needle in text");
        &bytes[d.map.start(s)..d.map.end(s + needle.len())]
    }

    #[test]
    fn owned_bytes_decode_as_borrowed_ones() {
        let latin1: &[u8] = b"Caf\xe9 62";
        let damaged: &[u8] = b"Caf\xc3\xa9 \xff \xc3\xa9";
        let inputs: [&[u8]; 7] = [b"", "Café 62".as_bytes(), b"\xef\xbb\xbfCaf\xc3\xa9", b"\xff\xfeC\x00a\x00", latin1, damaged, b"a\x00b"];
        for bytes in inputs {
            match (decode(bytes, None), decode_owned(bytes.to_vec(), None)) {
                (Ok(a), Ok(b)) => {
                    assert_eq!((&a.text, a.encoding, &a.warning), (&b.text, b.encoding, &b.warning), "{bytes:?}");
                    for i in 0..=a.text.len() {
                        assert_eq!((a.map.start(i), a.map.end(i)), (b.map.start(i), b.map.end(i)), "{bytes:?} at {i}");
                    }
                }
                (Err(a), Err(b)) => assert_eq!(a, b),
                (a, b) => panic!("{bytes:?}: {a:?} vs {b:?}"),
            }
        }
    }

    #[test]
    fn utf8_is_taken_as_is() {
        let d = decode("Café 62".as_bytes(), None).unwrap();
        assert_eq!(d.text, "Café 62");
        assert!(d.map.is_identity());
        assert!(d.warning.is_none());
    }

    #[test]
    fn a_utf8_bom_is_stripped_and_offsets_shift_past_it() {
        let bytes = b"\xef\xbb\xbf---\ntitle: x\n---\n62 orang";
        let d = decode(bytes, None).unwrap();
        assert!(d.text.starts_with("---\n"));
        assert_eq!(file_bytes(bytes, &d, "62 orang"), b"62 orang");
    }

    #[test]
    fn utf16_with_a_bom_is_decoded() {
        for le in [true, false] {
            let text = "Café: 62 orang tewas 😀 lalu";
            let mut bytes = if le { vec![0xff, 0xfe] } else { vec![0xfe, 0xff] };
            for u in text.encode_utf16() {
                bytes.extend(if le { u.to_le_bytes() } else { u.to_be_bytes() });
            }
            let d = decode(&bytes, None).unwrap();
            assert_eq!(d.text, text);
            assert_eq!(d.encoding, if le { "UTF-16LE" } else { "UTF-16BE" });
            let s = d.text.find("62").unwrap();
            assert_eq!((d.map.start(s), d.map.end(s + 2)), (2 + 2 * 6, 2 + 2 * 8));
            let s = d.text.find("lalu").unwrap();
            assert_eq!(d.map.end(s + 4), bytes.len(), "the emoji is two units");
        }
    }

    #[test]
    fn windows_1252_is_detected_and_spans_hold_the_file_bytes() {
        let bytes = b"Kata pemilik caf\xe9 itu, biaya \x8085 juta dan na\xefve \x93kutipan\x94.";
        let d = decode(bytes, None).unwrap();
        assert_eq!(d.encoding, "windows-1252");
        assert!(d.text.contains("café") && d.text.contains("€85") && d.text.contains("“kutipan”"), "{}", d.text);
        assert_eq!(file_bytes(bytes, &d, "€85 juta"), b"\x8085 juta");
        assert_eq!(file_bytes(bytes, &d, "“kutipan”"), b"\x93kutipan\x94");
        assert!(d.warning.unwrap().contains("windows-1252"));
    }

    #[test]
    fn damaged_utf8_keeps_one_byte_per_byte() {
        let bytes = "Café “62” orang \u{2014} ".bytes().chain([0xff]).collect::<Vec<u8>>();
        let d = decode(&bytes, None).unwrap();
        assert!(d.map.is_identity());
        assert!(d.text.ends_with('\u{1a}'));
        assert_eq!(d.text.len(), bytes.len());
    }

    #[test]
    fn nul_anywhere_is_binary() {
        let mut bytes = vec![b'a'; 20_000];
        bytes[15_000] = 0;
        assert!(decode(&bytes, None).is_err());
        let bytes: Vec<u8> = b"plain text ".iter().copied().cycle().take(9000).chain((0..2000).map(|i| (i % 8) as u8 + 1)).collect();
        assert!(decode(&bytes, None).is_err(), "a control-character tail after 8 KB of text");
    }

    #[test]
    fn a_multibyte_legacy_encoding_maps_each_character() {
        let (bytes, _, _) = encoding_rs::SHIFT_JIS.encode("日本 62 人");
        let d = decode(&bytes, Some("shift_jis")).unwrap();
        assert_eq!(d.text, "日本 62 人");
        assert_eq!(file_bytes(&bytes, &d, "62"), b"62");
        assert_eq!(file_bytes(&bytes, &d, "日本"), &bytes[..4]);
    }
}
