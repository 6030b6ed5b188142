//! What the terminal allows: the table's width and whether to colour it. Decided here, once,
//! and handed to the report as options, so rendering never looks at the terminal itself.

use std::io::IsTerminal;

use claimcheck::report::DEFAULT_WIDTH;

use super::args::ColorWhen;

/// `--width`, else the terminal's width when standard output is one (and no `--output`), else
/// `COLUMNS`, else `DEFAULT_WIDTH`.
pub fn width(flag: Option<u16>, to_file: bool) -> u16 {
    if let Some(w) = flag {
        return w;
    }
    if !to_file && std::io::stdout().is_terminal() {
        // comfy-table asks the terminal (it knows how on every platform it supports).
        if let Some(w) = comfy_table::Table::new().width() {
            return w;
        }
    }
    std::env::var("COLUMNS").ok().and_then(|c| c.trim().parse::<u16>().ok()).filter(|&w| w >= 40).unwrap_or(DEFAULT_WIDTH)
}

/// `--color`: `auto` colours only a terminal, and never when `NO_COLOR` is set to anything
/// (no-color.org); `always` and `never` are what they say.
pub fn color(when: ColorWhen, to_file: bool) -> bool {
    match when {
        ColorWhen::Always => true,
        ColorWhen::Never => false,
        ColorWhen::Auto => !to_file && std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
    }
}
