//! Fault injection for testing clients' resilience: `--chaos latency=200ms,error_rate=0.1`.

use std::time::Duration;

use axum::response::Response;
use dws_contract::{ErrorCode, Lang};
use rand::Rng;

use crate::error::ApiError;

/// Added latency and random failures.
#[derive(Debug, Clone, PartialEq)]
pub struct Chaos {
    /// Each request waits a random time up to this.
    pub latency: Duration,
    /// The share of requests (0–1) answered with 503 instead.
    pub error_rate: f64,
}

fn duration(s: &str) -> Option<Duration> {
    let s = s.trim();
    let (num, scale) = if let Some(n) = s.strip_suffix("ms") {
        (n, 0.001)
    } else if let Some(n) = s.strip_suffix('s') {
        (n, 1.0)
    } else {
        (s, 0.001)
    };
    let v: f64 = num.trim().parse().ok()?;
    (v.is_finite() && v >= 0.0).then(|| Duration::from_secs_f64(v * scale))
}

impl Chaos {
    /// Parses `latency=…,error_rate=…` (either part may be left out).
    pub fn parse(spec: &str) -> Result<Chaos, String> {
        let mut c = Chaos { latency: Duration::ZERO, error_rate: 0.0 };
        for part in spec.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let (k, v) = part.split_once('=').ok_or_else(|| format!("'{part}' is not key=value"))?;
            match k.trim() {
                "latency" => {
                    c.latency = duration(v).ok_or_else(|| format!("latency '{v}' is not a duration like 200ms or 1s"))?
                }
                "error_rate" => {
                    let r: f64 = v.trim().parse().map_err(|_| format!("error_rate '{v}' is not a number"))?;
                    if !(0.0..=1.0).contains(&r) {
                        return Err(format!("error_rate {r} is not between 0 and 1"));
                    }
                    c.error_rate = r;
                }
                other => return Err(format!("unknown chaos setting '{other}' (use latency, error_rate)")),
            }
        }
        Ok(c)
    }

    /// Waits, then decides whether this request fails.
    pub async fn before(&self) -> Option<Response> {
        let (wait, fail) = {
            let mut rng = rand::rng();
            let wait = if self.latency.is_zero() { Duration::ZERO } else { self.latency.mul_f64(rng.random::<f64>()) };
            (wait, rng.random::<f64>() < self.error_rate)
        };
        if !wait.is_zero() {
            tokio::time::sleep(wait).await;
        }
        fail.then(|| ApiError::Code(ErrorCode::Dws0009, None).into_response_in(Lang::En))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_settings() {
        assert_eq!(
            Chaos::parse("latency=200ms,error_rate=0.1").unwrap(),
            Chaos { latency: Duration::from_millis(200), error_rate: 0.1 }
        );
        assert_eq!(Chaos::parse("latency=1.5s").unwrap().latency, Duration::from_millis(1500));
        assert_eq!(Chaos::parse("error_rate=1").unwrap().error_rate, 1.0);
        assert_eq!(Chaos::parse("").unwrap(), Chaos { latency: Duration::ZERO, error_rate: 0.0 });
        for bad in ["latency", "latency=fast", "error_rate=2", "error_rate=x", "jitter=1"] {
            assert!(Chaos::parse(bad).is_err(), "{bad}");
        }
    }

    #[tokio::test]
    async fn an_error_rate_of_one_fails_everything_and_zero_nothing() {
        let always = Chaos { latency: Duration::ZERO, error_rate: 1.0 };
        let r = always.before().await.unwrap();
        assert_eq!(r.status(), 503);
        let never = Chaos { latency: Duration::from_millis(5), error_rate: 0.0 };
        assert!(never.before().await.is_none());
    }
}
