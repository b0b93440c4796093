//! The bounded render pool: at most `workers` renders at once, each on a blocking thread
//! (typst's layout is CPU work that must not stall the async runtime), at most `queue`
//! requests waiting for one, and a time limit.
//!
//! A thread that is laying out a document cannot be interrupted. When a render takes
//! longer than the limit, the request is answered 503 and its slot is given back at once
//! (one permit is added), so the service keeps `workers` slots for new requests; the
//! thread finishes in the background, its result is dropped and its own permit is
//! forgotten instead of returned, so the count of slots stays right.

use std::sync::Arc;
use std::sync::atomic::{AtomicU8, AtomicUsize, Ordering};
use std::time::Duration;

use tokio::sync::Semaphore;

use super::metrics::Metrics;

/// Why a render did not run to its end.
#[derive(Debug)]
pub enum Refused {
    /// `queue` requests are already waiting: try again after this many seconds.
    Busy { retry_after: u64 },
    /// The render took longer than the limit.
    Timeout { limit: Duration },
    /// The render thread panicked (a bug): the message.
    Crashed(String),
}

pub struct Pool {
    slots: Arc<Semaphore>,
    workers: usize,
    queue: usize,
    waiting: AtomicUsize,
    timeout: Duration,
    /// Test-only slowdown before each render (`VANBAN_TEST_SLOWDOWN_MS`).
    slowdown: Option<Duration>,
    /// Renders finished, for typst's cache eviction.
    done: Arc<AtomicUsize>,
    metrics: Arc<Metrics>,
}

/// The state of one render, shared by the thread and the request.
const RUNNING: u8 = 0;
const FINISHED: u8 = 1;
const ABANDONED: u8 = 2;

/// Decrements a counter when dropped (a request that is cancelled while waiting).
struct Waiting<'a>(&'a AtomicUsize, &'a Metrics);

impl Drop for Waiting<'_> {
    fn drop(&mut self) {
        let n = self.0.fetch_sub(1, Ordering::SeqCst) - 1;
        self.1.set_queue(n);
    }
}

impl Pool {
    pub fn new(workers: usize, queue: usize, timeout: Duration, metrics: Arc<Metrics>) -> Pool {
        let slowdown = std::env::var(crate::batch::SLOWDOWN_ENV)
            .ok()
            .and_then(|s| s.parse::<u64>().ok())
            .map(Duration::from_millis);
        Pool {
            slots: Arc::new(Semaphore::new(workers)),
            workers,
            queue,
            waiting: AtomicUsize::new(0),
            timeout,
            slowdown,
            done: Arc::new(AtomicUsize::new(0)),
            metrics,
        }
    }

    /// Runs `work` on a blocking thread once a slot is free.
    pub async fn run<T: Send + 'static>(
        &self,
        work: impl FnOnce() -> T + Send + 'static,
    ) -> Result<T, Refused> {
        let permit = match self.slots.clone().try_acquire_owned() {
            Ok(p) => p,
            Err(_) => {
                // Count ourselves in before checking, so two requests cannot both take
                // the last place in the queue.
                let n = self.waiting.fetch_add(1, Ordering::SeqCst) + 1;
                let guard = Waiting(&self.waiting, &self.metrics);
                self.metrics.set_queue(n);
                if n > self.queue {
                    drop(guard);
                    self.metrics.rejected("busy");
                    // Roughly the time for the queue ahead to drain.
                    let per = self.metrics.mean_render().as_secs_f64().max(0.5);
                    let secs = (per * (self.queue as f64) / self.workers.max(1) as f64).ceil();
                    return Err(Refused::Busy {
                        retry_after: (secs as u64).clamp(1, 60),
                    });
                }
                let p = self.slots.clone().acquire_owned().await;
                drop(guard);
                match p {
                    Ok(p) => p,
                    Err(_) => return Err(Refused::Crashed("the pool is closed".into())),
                }
            }
        };
        let state = Arc::new(AtomicU8::new(RUNNING));
        let thread_state = Arc::clone(&state);
        let slowdown = self.slowdown;
        let done = Arc::clone(&self.done);
        self.metrics.busy(1);
        let handle = tokio::task::spawn_blocking(move || {
            if let Some(d) = slowdown {
                std::thread::sleep(d);
            }
            let out = work();
            crate::render::evict_caches_after(done.fetch_add(1, Ordering::Relaxed) + 1);
            if thread_state
                .compare_exchange(RUNNING, FINISHED, Ordering::SeqCst, Ordering::SeqCst)
                .is_ok()
            {
                drop(permit);
            } else {
                // The request was answered 503 and a new slot was made in its place.
                permit.forget();
            }
            out
        });
        let result = tokio::time::timeout(self.timeout, handle).await;
        self.metrics.busy(-1);
        match result {
            Ok(Ok(out)) => Ok(out),
            Ok(Err(join)) => Err(Refused::Crashed(join.to_string())),
            Err(_) => {
                if state
                    .compare_exchange(RUNNING, ABANDONED, Ordering::SeqCst, Ordering::SeqCst)
                    .is_ok()
                {
                    self.slots.add_permits(1);
                }
                self.metrics.rejected("timeout");
                Err(Refused::Timeout {
                    limit: self.timeout,
                })
            }
        }
    }
}
