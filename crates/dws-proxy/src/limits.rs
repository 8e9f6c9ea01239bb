//! Per-client rate limiting, keyed on the peer address the connection came from.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use crate::config::RateLimit;

#[derive(Debug, Clone, Copy)]
struct Bucket {
    tokens: f64,
    at: Instant,
}

/// Token buckets, one per client address.
#[derive(Debug)]
pub struct RateLimiter {
    limit: RateLimit,
    buckets: Mutex<HashMap<IpAddr, Bucket>>,
}

/// Above this many tracked clients, full (idle) buckets are dropped.
const PRUNE_AT: usize = 10_000;

impl RateLimiter {
    /// A limiter.
    pub fn new(limit: RateLimit) -> RateLimiter {
        RateLimiter {
            limit,
            buckets: Mutex::new(HashMap::new()),
        }
    }

    /// Takes a token for `ip` at `now`; when there is none, how long until there is.
    pub fn take(&self, ip: IpAddr, now: Instant) -> Result<(), Duration> {
        let mut buckets = self.buckets.lock().unwrap_or_else(|p| p.into_inner());
        let cap = self.limit.burst as f64;
        if buckets.len() > PRUNE_AT {
            let rate = self.limit.per_second;
            buckets.retain(|_, b| b.tokens + now.duration_since(b.at).as_secs_f64() * rate < cap);
        }
        let b = buckets.entry(ip).or_insert(Bucket {
            tokens: cap,
            at: now,
        });
        let refill = now.saturating_duration_since(b.at).as_secs_f64() * self.limit.per_second;
        b.tokens = (b.tokens + refill).min(cap);
        b.at = now;
        if b.tokens >= 1.0 {
            b.tokens -= 1.0;
            Ok(())
        } else {
            Err(Duration::from_secs_f64(
                (1.0 - b.tokens) / self.limit.per_second,
            ))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_burst_then_the_sustained_rate() {
        let l = RateLimiter::new(RateLimit {
            per_second: 10.0,
            burst: 3,
        });
        let ip: IpAddr = "203.0.113.1".parse().unwrap();
        let t0 = Instant::now();
        for _ in 0..3 {
            assert!(l.take(ip, t0).is_ok());
        }
        let wait = l.take(ip, t0).unwrap_err();
        assert!(
            wait > Duration::from_millis(90) && wait <= Duration::from_millis(100),
            "{wait:?}"
        );
        assert!(
            l.take(ip, t0 + Duration::from_millis(100)).is_ok(),
            "one token per 100 ms"
        );
        assert!(l.take(ip, t0 + Duration::from_millis(100)).is_err());
        // Another client has its own bucket.
        assert!(l.take("203.0.113.2".parse().unwrap(), t0).is_ok());
    }

    #[test]
    fn buckets_refill_only_to_the_burst() {
        let l = RateLimiter::new(RateLimit {
            per_second: 100.0,
            burst: 2,
        });
        let ip: IpAddr = "::1".parse().unwrap();
        let t0 = Instant::now();
        assert!(l.take(ip, t0).is_ok());
        let later = t0 + Duration::from_secs(60);
        assert!(l.take(ip, later).is_ok());
        assert!(l.take(ip, later).is_ok());
        assert!(l.take(ip, later).is_err());
    }
}
