//! How far a long build is, on one line of a terminal rewritten in place:
//! the articles prepared, then typst at work. Silent when off (stderr is
//! not a terminal, or `-q`), and for a build quick enough not to need it.

use std::io::Write;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

/// A build shorter than this shows no progress.
const QUIET_FOR: Duration = Duration::from_millis(300);

pub struct Progress {
    on: bool,
    started: Instant,
    total: usize,
    prepared: AtomicUsize,
}

impl Progress {
    pub fn new(on: bool, total: usize) -> Progress {
        Progress { on, started: Instant::now(), total, prepared: AtomicUsize::new(0) }
    }

    /// One more article is prepared.
    pub fn article_prepared(&self) {
        let n = self.prepared.fetch_add(1, Ordering::Relaxed) + 1;
        self.show(&format!("preparing articles: {n}/{}", self.total));
    }

    /// typst is compiling the dossier.
    pub fn compiling(&self) {
        self.show(&format!("typst is setting {} articles…", self.total));
    }

    /// The line is cleared, for the summary.
    pub fn done(&self) {
        if self.shown() {
            eprint!("\r\x1b[K");
        }
    }

    fn shown(&self) -> bool {
        self.on && self.started.elapsed() >= QUIET_FOR
    }

    fn show(&self, line: &str) {
        if self.shown() {
            let mut err = std::io::stderr().lock();
            let _ = write!(err, "\r\x1b[K{line}").and_then(|_| err.flush());
        }
    }
}
