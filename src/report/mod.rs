//! Report: pure views of a `Report` — one file per format. Nothing here changes a finding;
//! every format is snapshot-tested on the same inputs.

pub mod debug;
pub mod fingerprint;
pub mod json;
pub mod table;
