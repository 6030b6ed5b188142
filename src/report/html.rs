//! The HTML report (placeholder while it is written).

use super::Options;
use crate::Report;

pub fn render(_rep: &Report, _opts: Options) -> String {
    String::new()
}
