//! Progress of a long `check`: which stage it is in and how far along. The library reports
//! through the [`Progress`] trait and never draws anything itself (it never prints); the binary
//! hands in a bar on standard error when that is a terminal, and [`Silent`] otherwise, so pipes,
//! files and tests see nothing and the report stays the same byte for byte.

/// Receives progress reports. Called from worker threads, so implementations must be `Sync`.
pub trait Progress: Sync {
    /// A stage begins: what it does, and how many steps it has.
    fn start(&self, stage: &str, total: u64);
    /// `n` more steps of the current stage are done.
    fn advance(&self, n: u64);
    /// The work is done: whatever shows progress goes away before the report is written.
    fn finish(&self);
}

/// Progress reported nowhere.
#[derive(Debug, Clone, Copy, Default)]
pub struct Silent;

impl Progress for Silent {
    fn start(&self, _stage: &str, _total: u64) {}
    fn advance(&self, _n: u64) {}
    fn finish(&self) {}
}
