//! Stage timings for `FACTDIFF_TIMINGS=1`: wall time of each stage of a run and the peak
//! resident memory after it (Linux `VmHWM`), so a slow or large run can be broken down
//! without a profiler. Collected always (a clock read per stage costs nothing); the binary
//! prints them to stderr only when asked.

use std::time::{Duration, Instant};

/// One finished stage.
#[derive(Debug, Clone)]
pub struct Stage {
    /// What ran.
    pub name: String,
    /// How long it took.
    pub took: Duration,
    /// Peak resident set of the process after the stage, in MiB (None off Linux).
    pub peak_mib: Option<u64>,
}

/// A stopwatch that records consecutive stages.
#[derive(Debug)]
pub struct Timings {
    last: Instant,
    /// The stages so far, in order.
    pub stages: Vec<Stage>,
}

impl Default for Timings {
    fn default() -> Self {
        Timings { last: Instant::now(), stages: Vec::new() }
    }
}

impl Timings {
    /// Close the current stage under `name` and start the next.
    pub fn mark(&mut self, name: impl Into<String>) {
        let now = Instant::now();
        self.stages.push(Stage { name: name.into(), took: now - self.last, peak_mib: peak_rss_mib() });
        self.last = now;
    }

    /// One line per stage, for stderr.
    pub fn render(&self) -> String {
        let mut s = String::new();
        for st in &self.stages {
            let peak = st.peak_mib.map(|m| format!("  peak {m} MiB")).unwrap_or_default();
            s.push_str(&format!("timing: {:<28} {:>9.3} s{peak}\n", st.name, st.took.as_secs_f64()));
        }
        s
    }
}

/// Peak resident memory of this process so far, from /proc (Linux only).
fn peak_rss_mib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kib: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib / 1024)
}
