//! `GET /metrics`: Prometheus text exposition of what the service did — renders and
//! failures per kind, their durations (a histogram), the queue length, busy workers,
//! refused requests and jobs.

use std::fmt::Write;
use std::sync::Mutex;
use std::sync::atomic::{AtomicI64, AtomicU64, AtomicUsize, Ordering};
use std::time::Duration;

/// Upper bounds of the duration buckets, in seconds.
const BUCKETS: [f64; 11] = [0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0];

/// The kinds of work counted.
pub const KINDS: [&str; 4] = ["render", "preview", "check", "fields"];

#[derive(Default)]
struct Series {
    ok: u64,
    failed: u64,
    /// Per bucket (cumulative counts are made when printed), then +Inf.
    buckets: [u64; BUCKETS.len() + 1],
    sum: f64,
}

#[derive(Default)]
pub struct Metrics {
    series: Mutex<[Series; KINDS.len()]>,
    queue: AtomicUsize,
    busy: AtomicI64,
    rejected_busy: AtomicU64,
    rejected_timeout: AtomicU64,
    jobs_started: AtomicU64,
    jobs_running: AtomicI64,
}

impl Metrics {
    /// One finished request of `kind` (one of [`KINDS`]).
    pub fn observe(&self, kind: &str, took: Duration, ok: bool) {
        let Some(i) = KINDS.iter().position(|k| *k == kind) else {
            return;
        };
        let secs = took.as_secs_f64();
        let mut series = self.series.lock().unwrap_or_else(|p| p.into_inner());
        let s = &mut series[i];
        if ok {
            s.ok += 1;
        } else {
            s.failed += 1;
        }
        let b = BUCKETS
            .iter()
            .position(|&le| secs <= le)
            .unwrap_or(BUCKETS.len());
        s.buckets[b] += 1;
        s.sum += secs;
    }

    /// The mean duration of renders so far (for Retry-After).
    pub fn mean_render(&self) -> Duration {
        let series = self.series.lock().unwrap_or_else(|p| p.into_inner());
        let s = &series[0];
        let n = s.ok + s.failed;
        if n == 0 {
            Duration::from_millis(500)
        } else {
            Duration::from_secs_f64(s.sum / n as f64)
        }
    }

    pub fn set_queue(&self, n: usize) {
        self.queue.store(n, Ordering::Relaxed);
    }

    pub fn busy(&self, delta: i64) {
        self.busy.fetch_add(delta, Ordering::Relaxed);
    }

    pub fn rejected(&self, why: &str) {
        match why {
            "busy" => &self.rejected_busy,
            _ => &self.rejected_timeout,
        }
        .fetch_add(1, Ordering::Relaxed);
    }

    pub fn job_started(&self) {
        self.jobs_started.fetch_add(1, Ordering::Relaxed);
        self.jobs_running.fetch_add(1, Ordering::Relaxed);
    }

    pub fn job_ended(&self) {
        self.jobs_running.fetch_add(-1, Ordering::Relaxed);
    }

    /// The exposition text.
    pub fn text(&self) -> String {
        let mut o = String::new();
        let series = self.series.lock().unwrap_or_else(|p| p.into_inner());
        let _ = writeln!(
            o,
            "# HELP vanban_renders_total Requests that made their answer (render, preview, check, fields).\n# TYPE vanban_renders_total counter"
        );
        for (k, s) in KINDS.iter().zip(series.iter()) {
            let _ = writeln!(o, "vanban_renders_total{{kind=\"{k}\"}} {}", s.ok);
        }
        let _ = writeln!(
            o,
            "# HELP vanban_render_failures_total Requests whose data or template had problems, or that failed.\n# TYPE vanban_render_failures_total counter"
        );
        for (k, s) in KINDS.iter().zip(series.iter()) {
            let _ = writeln!(
                o,
                "vanban_render_failures_total{{kind=\"{k}\"}} {}",
                s.failed
            );
        }
        let _ = writeln!(
            o,
            "# HELP vanban_render_duration_seconds Time on a worker, per request.\n# TYPE vanban_render_duration_seconds histogram"
        );
        for (k, s) in KINDS.iter().zip(series.iter()) {
            let mut cumulative = 0;
            for (le, n) in BUCKETS.iter().zip(s.buckets.iter()) {
                cumulative += n;
                let _ = writeln!(
                    o,
                    "vanban_render_duration_seconds_bucket{{kind=\"{k}\",le=\"{le}\"}} {cumulative}"
                );
            }
            cumulative += s.buckets[BUCKETS.len()];
            let _ = writeln!(
                o,
                "vanban_render_duration_seconds_bucket{{kind=\"{k}\",le=\"+Inf\"}} {cumulative}"
            );
            let _ = writeln!(
                o,
                "vanban_render_duration_seconds_sum{{kind=\"{k}\"}} {}",
                s.sum
            );
            let _ = writeln!(
                o,
                "vanban_render_duration_seconds_count{{kind=\"{k}\"}} {cumulative}"
            );
        }
        drop(series);
        let gauges: [(&str, &str, &str, i64); 6] = [
            (
                "vanban_queue_length",
                "gauge",
                "Requests waiting for a worker.",
                self.queue.load(Ordering::Relaxed) as i64,
            ),
            (
                "vanban_workers_busy",
                "gauge",
                "Workers making a document now.",
                self.busy.load(Ordering::Relaxed),
            ),
            (
                "vanban_rejected_busy_total",
                "counter",
                "Requests answered 429 (queue full).",
                self.rejected_busy.load(Ordering::Relaxed) as i64,
            ),
            (
                "vanban_rejected_timeout_total",
                "counter",
                "Requests answered 503 (render took too long).",
                self.rejected_timeout.load(Ordering::Relaxed) as i64,
            ),
            (
                "vanban_jobs_started_total",
                "counter",
                "Batch jobs started (or continued after a restart).",
                self.jobs_started.load(Ordering::Relaxed) as i64,
            ),
            (
                "vanban_jobs_running",
                "gauge",
                "Batch jobs running now.",
                self.jobs_running.load(Ordering::Relaxed),
            ),
        ];
        for (name, kind, help, v) in gauges {
            let _ = writeln!(o, "# HELP {name} {help}\n# TYPE {name} {kind}\n{name} {v}");
        }
        o
    }
}
