//! Segmentation and extraction on any text (made UTF-8); the first byte picks the language.
//! The checks live in `claimcheck::harness`, shared with `tests/fuzz_loop.rs`.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Err(e) = claimcheck::harness::segment_extract(data) {
        panic!("invariant broken: {e}");
    }
});
