//! Ingest: the first byte picks .txt, .md or .html; the rest are the file's bytes.
//! The checks live in `claimcheck::harness`, shared with `tests/fuzz_loop.rs`.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Err(e) = claimcheck::harness::ingest(data) {
        panic!("invariant broken: {e}");
    }
});
