//! Progress on long runs: a spinner on stderr naming the stage (reading, checking), only when
//! stderr is a terminal and `CI` is unset — never in pipes, CI logs or tests.

use std::borrow::Cow;
use std::io::IsTerminal;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// A spinner, or nothing when progress must not be shown.
pub struct Progress(Option<ProgressBar>);

impl Progress {
    pub fn start() -> Progress {
        if !std::io::stderr().is_terminal() || std::env::var_os("CI").is_some() {
            return Progress(None);
        }
        let pb = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
        if let Ok(style) = ProgressStyle::with_template("{spinner} {msg} ({elapsed})") {
            pb.set_style(style);
        }
        pb.enable_steady_tick(Duration::from_millis(120));
        Progress(Some(pb))
    }

    /// Name the current stage.
    pub fn stage(&self, msg: impl Into<Cow<'static, str>>) {
        if let Some(pb) = &self.0 {
            pb.set_message(msg);
        }
    }

    /// Print a line on stderr without tearing the spinner.
    pub fn eprintln(&self, line: &str) {
        match &self.0 {
            Some(pb) => pb.suspend(|| eprintln!("{line}")),
            None => eprintln!("{line}"),
        }
    }

    /// Remove the spinner.
    pub fn finish(&self) {
        if let Some(pb) = &self.0 {
            pb.finish_and_clear();
        }
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        self.finish();
    }
}
