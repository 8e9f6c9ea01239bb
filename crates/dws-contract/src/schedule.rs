//! Snapshot policies' schedules: the Quartz-style cron expressions of `backup_strategy`
//! (`0 7 2/8 ? * 2,3,4,5,6,7`: seconds first, six fields, `?` in one of the two day fields, days
//! of the week numbered from Sunday = 1), read in UTC.
//!
//! Parsing and evaluating cron is left to a kept library, croner, in its Quartz modes; this module
//! only adds what Quartz requires and croner allows (exactly six fields, one day field `?`), so
//! that the console's preview, the emulator's checks and its scheduler read a schedule alike.

use chrono::{DateTime, TimeZone, Utc};
use croner::Cron;
use croner::parser::{CronParser, Seconds, Year};

/// How far ahead a schedule is searched for its next run: a yearly schedule (`0 0 2 1 1 ?`) has
/// one; a 30th of February never comes.
const HORIZON_MS: i64 = 5 * 366 * 86_400_000;

/// Why a schedule cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ScheduleError {
    /// Not six fields.
    #[error("a schedule has six fields (seconds minutes hours day-of-month month day-of-week), not {0}")]
    Fields(usize),
    /// Both day fields name days; Quartz wants `?` in one of them.
    #[error("one of day-of-month and day-of-week must be ?")]
    BothDays,
    /// The expression does not parse.
    #[error("{0}")]
    Invalid(String),
    /// It never runs (the 30th of February).
    #[error("the schedule never runs")]
    Never,
}

/// A parsed schedule.
#[derive(Debug, Clone)]
pub struct Schedule {
    cron: Cron,
}

impl Schedule {
    /// Reads a Quartz cron expression.
    pub fn parse(expr: &str) -> Result<Schedule, ScheduleError> {
        let fields: Vec<&str> = expr.split_whitespace().collect();
        if fields.len() != 6 {
            return Err(ScheduleError::Fields(fields.len()));
        }
        if fields[3] != "?" && fields[5] != "?" {
            return Err(ScheduleError::BothDays);
        }
        let parser = CronParser::builder()
            .seconds(Seconds::Required)
            .year(Year::Disallowed)
            .alternative_weekdays(true)
            // Quartz writes `2/8` for "from 2, every 8".
            .sloppy_ranges(true)
            .build();
        let cron = parser.parse(expr).map_err(|e| ScheduleError::Invalid(e.to_string()))?;
        let schedule = Schedule { cron };
        // A schedule that never runs is no schedule (e.g. `0 0 0 30 2 ?`).
        schedule.next_after(0).map(|_| schedule).ok_or(ScheduleError::Never)
    }

    /// The first run strictly after `ms` (ms since the epoch, UTC), within five years.
    pub fn next_after(&self, ms: i64) -> Option<i64> {
        let from = at(ms)?;
        let next = self.cron.find_next_occurrence(&from, false).ok()?.timestamp_millis();
        (next - ms <= HORIZON_MS).then_some(next)
    }

    /// The next `n` runs after `ms`.
    pub fn runs_after(&self, ms: i64, n: usize) -> Vec<i64> {
        let mut out = Vec::with_capacity(n);
        let mut t = ms;
        while out.len() < n {
            match self.next_after(t) {
                Some(next) => {
                    out.push(next);
                    t = next;
                }
                None => break,
            }
        }
        out
    }

    /// The shortest time between two runs over the four weeks after `ms` (`None` when it runs
    /// fewer than twice in that time).
    pub fn shortest_gap_ms(&self, ms: i64) -> Option<i64> {
        let end = ms + 28 * 86_400_000;
        let mut runs = Vec::new();
        let mut t = ms;
        // Every second of four weeks at most; a policy of that kind is refused long before.
        while let Some(next) = self.next_after(t).filter(|n| *n <= end) {
            runs.push(next);
            t = next;
            if runs.len() > 10_000 {
                break;
            }
        }
        runs.windows(2).map(|w| w[1] - w[0]).min()
    }

    /// The schedule in English words (croner's own description).
    pub fn describe(&self) -> String {
        self.cron.describe()
    }
}

fn at(ms: i64) -> Option<DateTime<Utc>> {
    Utc.timestamp_millis_opt(ms).single()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// 2026-12-04T17:00:00Z, a Friday.
    const FRI: i64 = 1_796_403_600_000;
    const H: i64 = 3_600_000;

    #[test]
    fn the_service_defaults_run_when_its_documentation_says() {
        let inc = Schedule::parse("0 7 2/8 ? * 2,3,4,5,6,7").unwrap();
        // 18:07 Friday, then 02:07, 10:07 and 18:07 Saturday, then Monday 02:07: no Sunday.
        let runs = inc.runs_after(FRI, 5);
        assert_eq!(runs[0], FRI + H + 7 * 60_000);
        assert_eq!(runs[1] - runs[0], 8 * H);
        assert_eq!(runs[4] - runs[3], 32 * H, "Sunday has no increment");
        let full = Schedule::parse("0 0 2 ? * 1").unwrap();
        // Sunday 02:00 (Quartz counts Sunday as 1).
        assert_eq!(full.next_after(FRI), Some(FRI + 33 * H));
        assert_eq!(Schedule::parse("0 0 2 ? * SUN").unwrap().next_after(FRI), Some(FRI + 33 * H));
        assert_eq!(inc.shortest_gap_ms(FRI), Some(8 * H));
    }

    #[test]
    fn only_quartz_six_field_expressions_with_one_question_mark() {
        assert_eq!(Schedule::parse("0 0 2 * *").unwrap_err(), ScheduleError::Fields(5));
        assert_eq!(Schedule::parse("0 0 2 ? * 1 2027").unwrap_err(), ScheduleError::Fields(7));
        assert_eq!(Schedule::parse("").unwrap_err(), ScheduleError::Fields(0));
        assert_eq!(Schedule::parse("0 0 2 1 * 1").unwrap_err(), ScheduleError::BothDays);
        assert!(matches!(Schedule::parse("0 0 25 * * ?").unwrap_err(), ScheduleError::Invalid(_)));
        assert!(matches!(Schedule::parse("0 0 2 ? * 8").unwrap_err(), ScheduleError::Invalid(_)));
        assert!(matches!(Schedule::parse("x y z ? * 1").unwrap_err(), ScheduleError::Invalid(_)));
        assert_eq!(Schedule::parse("0 0 0 30 2 ?").unwrap_err(), ScheduleError::Never);
        assert!(Schedule::parse("0 0 */6 * * ?").is_ok());
        assert!(Schedule::parse("0 30 1 15 * ?").is_ok());
    }

    #[test]
    fn runs_are_strictly_after_the_time_given() {
        let daily = Schedule::parse("0 0 2 * * ?").unwrap();
        let two_am = FRI + 9 * H;
        assert_eq!(daily.next_after(two_am - 1), Some(two_am));
        assert_eq!(daily.next_after(two_am), Some(two_am + 24 * H));
        assert_eq!(daily.runs_after(two_am, 3), [two_am + 24 * H, two_am + 48 * H, two_am + 72 * H]);
    }

    #[test]
    fn words_come_from_the_library() {
        assert_eq!(Schedule::parse("0 0 2 ? * 1").unwrap().describe(), "At 02:00, on Sunday.");
    }
}
