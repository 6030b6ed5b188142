//! Per-stage wall times for `check --timings`: each stage adds its time here when timing is on,
//! and the CLI prints them to stderr at the end, with the process's resident memory when the
//! stage ended (on Linux). Off by default (one relaxed load per stage).

use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

static ON: AtomicBool = AtomicBool::new(false);
static STAGES: Mutex<Vec<Stage>> = Mutex::new(Vec::new());

/// One stage: its name, its time, and the resident memory in bytes when it last ended (`None`
/// where the system does not say).
#[derive(Debug, Clone, Copy)]
pub struct Stage {
    pub name: &'static str,
    pub time: Duration,
    pub rss: Option<u64>,
}

/// The process's resident memory now, in bytes (Linux: `/proc/self/statm`, in pages of 4 KiB).
pub fn resident_bytes() -> Option<u64> {
    let statm = std::fs::read_to_string("/proc/self/statm").ok()?;
    let pages: u64 = statm.split_whitespace().nth(1)?.parse().ok()?;
    Some(pages * 4096)
}

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
        let rss = resident_bytes();
        let mut s = STAGES.lock().unwrap_or_else(|e| e.into_inner());
        match s.iter_mut().find(|st| st.name == name) {
            Some(st) => {
                st.time += d;
                st.rss = rss;
            }
            None => s.push(Stage { name, time: d, rss }),
        }
    }
}

/// The stages in the order first met, with their times.
pub fn take() -> Vec<Stage> {
    std::mem::take(&mut *STAGES.lock().unwrap_or_else(|e| e.into_inner()))
}
