//! Per-stage wall times for `check --timings`: each stage adds its time here when timing is on,
//! and the CLI prints them to stderr at the end. Off by default (one relaxed load per stage).

use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

static ON: AtomicBool = AtomicBool::new(false);
static STAGES: Mutex<Vec<(&'static str, Duration)>> = Mutex::new(Vec::new());

/// Start recording stage times.
pub fn enable() {
    ON.store(true, Ordering::Relaxed);
}

/// A running stage: `let t = timings::start();` … `t.stop("align")`.
pub struct Timer(Option<Instant>);

pub fn start() -> Timer {
    Timer(ON.load(Ordering::Relaxed).then(Instant::now))
}

impl Timer {
    /// Add the time since `start` to the stage `name` (stages met twice add up).
    pub fn stop(self, name: &'static str) {
        let Some(t) = self.0 else { return };
        let d = t.elapsed();
        let mut s = STAGES.lock().unwrap_or_else(|e| e.into_inner());
        match s.iter_mut().find(|(n, _)| *n == name) {
            Some((_, x)) => *x += d,
            None => s.push((name, d)),
        }
    }
}

/// The stages in the order first met, with their times.
pub fn take() -> Vec<(&'static str, Duration)> {
    std::mem::take(&mut *STAGES.lock().unwrap_or_else(|e| e.into_inner()))
}
