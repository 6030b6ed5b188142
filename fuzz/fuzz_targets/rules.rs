//! Rule loading: the bytes are one rule file, placed by the first byte (new, replacing, common/).
//! The checks live in `claimcheck::harness`, shared with `tests/fuzz_loop.rs`.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Err(e) = claimcheck::harness::rule_file(data) {
        panic!("invariant broken: {e}");
    }
});
