//! A snapshot policy's schedule as the user picks it (every few hours, daily, on chosen days, in
//! their own time zone) and as the service keeps it (a Quartz cron expression in UTC, days of
//! the week numbered from Sunday = 1), both ways.
//!
//! Moving a time between zones can move it to another day: a weekly run on Monday 02:00 in UTC+8
//! is Sunday 18:00 in UTC. Every real zone is a whole number of quarter hours from UTC, so the
//! minute moves too (India: 02:00 there is 20:30 UTC).

use dws_contract::Lang;

use super::window::day_name;
use crate::i18n::Text;

/// The spacings the picker offers: those that divide a day (so "every 6 hours from 02:00" is the
/// same runs whatever the zone) and keep runs the service's four hours apart.
pub const EVERY_HOURS: [u32; 4] = [4, 6, 8, 12];

const DAY: i64 = 1440;

/// A time of day, `HH:MM`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hm {
    /// 0–23.
    pub hour: u32,
    /// 0–59.
    pub minute: u32,
}

impl Hm {
    /// Reads `HH:MM` (or `H:MM`).
    pub fn parse(s: &str) -> Option<Hm> {
        let (h, m) = s.trim().split_once(':')?;
        let ok = |p: &str, max: u32| {
            let digits = (1..=2).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit());
            digits.then(|| p.parse::<u32>().ok()).flatten().filter(|v| *v <= max)
        };
        Some(Hm { hour: ok(h, 23)?, minute: ok(m, 59).filter(|_| m.len() == 2)? })
    }

    /// `HH:MM`.
    pub fn text(self) -> String {
        format!("{:02}:{:02}", self.hour, self.minute)
    }

    fn minutes(self) -> i64 {
        i64::from(self.hour * 60 + self.minute)
    }

    fn of_minutes(m: i64) -> Hm {
        let m = m.rem_euclid(DAY);
        Hm { hour: (m / 60) as u32, minute: (m % 60) as u32 }
    }
}

/// A schedule as the picker shows it, in the user's time zone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Repeat {
    /// Every `every` hours, the day's first run at `first`.
    Hours {
        /// One of [`EVERY_HOURS`].
        every: u32,
        /// The first run of the day.
        first: Hm,
    },
    /// Every day at `at`.
    Daily {
        /// When.
        at: Hm,
    },
    /// On some days of the week (0 = Monday … 6 = Sunday) at `at`.
    Weekly {
        /// The days, Monday first, none twice.
        days: Vec<u8>,
        /// When.
        at: Hm,
    },
}

/// Quartz's number of a day counted from Monday = 0 (Sunday is 1, Monday 2, Saturday 7).
fn quartz_day(monday_based: i64) -> u8 {
    (monday_based.rem_euclid(7) as u8 + 1) % 7 + 1
}

/// The day counted from Monday = 0 of a Quartz day number or name.
fn monday_based(quartz: &str) -> Option<i64> {
    const NAMES: [&str; 7] = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];
    let n = match quartz.parse::<i64>() {
        Ok(n) if (1..=7).contains(&n) => n,
        Ok(_) => return None,
        Err(_) => NAMES.iter().position(|d| d.eq_ignore_ascii_case(quartz))? as i64 + 1,
    };
    Some((n + 5) % 7)
}

/// The days of a day-of-week field (`2,4`, `2-6`, `MON,FRI`), counted from Monday = 0.
fn days_of(field: &str) -> Option<Vec<i64>> {
    let mut out = Vec::new();
    for part in field.split(',') {
        match part.split_once('-') {
            Some((a, b)) => {
                let (a, b) = (monday_based(a)?, monday_based(b)?);
                // Quartz ranges run Sunday-first: SUN-SAT is the whole week.
                let (qa, qb) = ((a + 1) % 7, (b + 1) % 7);
                if qa > qb {
                    return None;
                }
                out.extend((qa..=qb).map(|q| (q + 6) % 7));
            }
            None => out.push(monday_based(part)?),
        }
    }
    Some(out)
}

impl Repeat {
    /// The Quartz cron expression, in UTC, of this schedule in a zone `offset_min` minutes east
    /// of UTC.
    pub fn to_cron(&self, offset_min: i64) -> String {
        match self {
            Repeat::Hours { every, first } => {
                let period = i64::from(*every) * 60;
                let utc = (first.minutes() - offset_min).rem_euclid(period);
                format!("0 {} {}/{every} * * ?", utc % 60, utc / 60)
            }
            Repeat::Daily { at } => {
                let utc = Hm::of_minutes(at.minutes() - offset_min);
                format!("0 {} {} * * ?", utc.minute, utc.hour)
            }
            Repeat::Weekly { days, at } => {
                let utc = at.minutes() - offset_min;
                let shift = utc.div_euclid(DAY);
                let time = Hm::of_minutes(utc);
                let mut q: Vec<u8> = days.iter().map(|d| quartz_day(i64::from(*d) + shift)).collect();
                crate::data::sort::sort(&mut q);
                q.dedup();
                let list: Vec<String> = q.iter().map(u8::to_string).collect();
                format!("0 {} {} ? * {}", time.minute, time.hour, list.join(","))
            }
        }
    }

    /// The schedule of a cron expression (UTC) as the picker shows it in a zone `offset_min`
    /// minutes east of UTC; `None` for one the picker cannot show.
    pub fn from_cron(expr: &str, offset_min: i64) -> Option<Repeat> {
        let f: Vec<&str> = expr.split_whitespace().collect();
        let [second, minute, hour, dom, month, dow] = f.as_slice() else { return None };
        let number = |s: &str, max: i64| s.parse::<i64>().ok().filter(|v| (0..=max).contains(v) && !s.starts_with('+'));
        if number(second, 59) != Some(0) || *month != "*" {
            return None;
        }
        let minute = number(minute, 59)?;
        let every_day = matches!((*dom, *dow), ("*", "?") | ("?", "*"));
        if let Some((start, every)) = hour.split_once('/') {
            let start = if start == "*" { 0 } else { number(start, 23)? };
            let every = EVERY_HOURS.into_iter().find(|e| every.parse::<u32>().ok() == Some(*e))?;
            let period = i64::from(every) * 60;
            if !every_day || start * 60 >= period {
                return None;
            }
            let first = Hm::of_minutes((start * 60 + minute + offset_min).rem_euclid(period));
            return Some(Repeat::Hours { every, first });
        }
        let local = number(hour, 23)? * 60 + minute + offset_min;
        let at = Hm::of_minutes(local);
        if every_day {
            return Some(Repeat::Daily { at });
        }
        if *dom != "?" {
            return None;
        }
        let shift = local.div_euclid(DAY);
        let mut days: Vec<u8> = days_of(dow)?.into_iter().map(|d| (d + shift).rem_euclid(7) as u8).collect();
        crate::data::sort::sort(&mut days);
        days.dedup();
        Some(Repeat::Weekly { days, at })
    }

    /// The schedule in words, in the user's language and time zone.
    pub fn words(&self, lang: Lang) -> String {
        match self {
            Repeat::Hours { every, first } => {
                Text::EveryHoursWords.get(lang).replace("{n}", &every.to_string()).replace("{t}", &first.text())
            }
            Repeat::Daily { at } => Text::DailyWords.get(lang).replace("{t}", &at.text()),
            Repeat::Weekly { days, at } => {
                let names: Vec<&str> = days.iter().map(|d| day_name(*d, lang)).collect();
                let list = names.join(lang.pick(", ", "、"));
                Text::WeeklyWords.get(lang).replace("{d}", &list).replace("{t}", &at.text())
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use dws_contract::schedule::Schedule;

    /// 2026-12-04T17:00:00Z, a Friday.
    const FRI: i64 = 1_796_403_600_000;
    const H: i64 = 3_600_000;

    fn hm(hour: u32, minute: u32) -> Hm {
        Hm { hour, minute }
    }

    /// The same runs, a few weeks' worth.
    fn same_runs(a: &str, b: &str) {
        let (a, b) = (Schedule::parse(a).unwrap(), Schedule::parse(b).unwrap());
        assert_eq!(a.runs_after(FRI, 40), b.runs_after(FRI, 40));
    }

    #[test]
    fn times_read_and_write() {
        assert_eq!(Hm::parse("02:30"), Some(hm(2, 30)));
        assert_eq!(Hm::parse("2:05"), Some(hm(2, 5)));
        for bad in ["24:00", "12:60", "12:5", "1230", "", "ab:cd", "-1:00", "12:+5"] {
            assert_eq!(Hm::parse(bad), None, "{bad}");
        }
        assert_eq!(hm(7, 5).text(), "07:05");
    }

    #[test]
    fn every_few_hours_keeps_its_runs_in_any_zone() {
        let r = Repeat::Hours { every: 6, first: hm(2, 0) };
        assert_eq!(r.to_cron(0), "0 0 2/6 * * ?");
        // 02:00 in UTC+8 is 18:00 UTC the day before: the same runs are 0, 6, 12 and 18 UTC.
        assert_eq!(r.to_cron(480), "0 0 0/6 * * ?");
        // India, UTC+5:30: 02:00 there is 20:30 UTC.
        assert_eq!(r.to_cron(330), "0 30 2/6 * * ?");
        for offset in [0, 480, 330, -300, 345, -570, 840] {
            for every in EVERY_HOURS {
                let r = Repeat::Hours { every, first: hm(1, 15) };
                let cron = r.to_cron(offset);
                assert_eq!(Repeat::from_cron(&cron, offset), Some(r.clone()), "{cron} at {offset}");
                dws_contract::rules::backup_strategy(&cron, FRI).unwrap();
            }
        }
        // A first run past the spacing reads back as the day's first.
        assert_eq!(
            Repeat::from_cron(&Repeat::Hours { every: 8, first: hm(17, 0) }.to_cron(60), 60),
            Some(Repeat::Hours { every: 8, first: hm(1, 0) })
        );
        same_runs(&r.to_cron(480), "0 0 */6 * * ?");
    }

    #[test]
    fn a_daily_run_moves_across_midnight() {
        // 07:00 in UTC+8 is 23:00 UTC.
        assert_eq!(Repeat::Daily { at: hm(7, 0) }.to_cron(480), "0 0 23 * * ?");
        // 22:00 in UTC−5 is 03:00 UTC.
        assert_eq!(Repeat::Daily { at: hm(22, 0) }.to_cron(-300), "0 0 3 * * ?");
        assert_eq!(Repeat::from_cron("0 0 23 * * ?", 480), Some(Repeat::Daily { at: hm(7, 0) }));
        assert_eq!(Repeat::from_cron("0 30 2 ? * *", 0), Some(Repeat::Daily { at: hm(2, 30) }));
        for offset in [0, 480, -300, 330, 345, -210, 780] {
            for at in [hm(0, 0), hm(0, 30), hm(12, 45), hm(23, 59)] {
                let r = Repeat::Daily { at };
                assert_eq!(Repeat::from_cron(&r.to_cron(offset), offset), Some(r), "{at:?} at {offset}");
            }
        }
    }

    #[test]
    fn a_weekly_run_moves_its_days_when_its_time_crosses_midnight() {
        // Monday and Friday 02:00 in UTC+8 are Sunday and Thursday 18:00 UTC (Sunday is 1).
        let r = Repeat::Weekly { days: vec![0, 4], at: hm(2, 0) };
        assert_eq!(r.to_cron(480), "0 0 18 ? * 1,5");
        // Saturday and Sunday 21:00 in UTC−5 are Sunday and Monday 02:00 UTC: the week wraps.
        let r = Repeat::Weekly { days: vec![5, 6], at: hm(21, 0) };
        assert_eq!(r.to_cron(-300), "0 0 2 ? * 1,2");
        // No shift: Sunday stays 1.
        assert_eq!(Repeat::Weekly { days: vec![6], at: hm(2, 0) }.to_cron(0), "0 0 2 ? * 1");
        // Half-hour zones: Monday 00:15 in UTC+5:30 is Sunday 18:45 UTC.
        assert_eq!(Repeat::Weekly { days: vec![0], at: hm(0, 15) }.to_cron(330), "0 45 18 ? * 1");
        for offset in [0, 480, -300, 330, 345, -570, 840, -720] {
            for days in [vec![0], vec![6], vec![0, 6], vec![1, 3, 5], (0..7).collect()] {
                for at in [hm(0, 0), hm(23, 30), hm(9, 15)] {
                    let r = Repeat::Weekly { days: days.clone(), at };
                    let cron = r.to_cron(offset);
                    assert_eq!(Repeat::from_cron(&cron, offset), Some(r), "{cron} at {offset}");
                    dws_contract::rules::backup_strategy(&cron, FRI).unwrap();
                }
            }
        }
    }

    #[test]
    fn the_service_s_defaults_read_in_local_time() {
        // The weekly full backup, Sunday 02:00 UTC, is Sunday 10:00 in UTC+8 and Saturday 21:00
        // in UTC−5.
        assert_eq!(Repeat::from_cron("0 0 2 ? * 1", 480), Some(Repeat::Weekly { days: vec![6], at: hm(10, 0) }));
        assert_eq!(Repeat::from_cron("0 0 2 ? * 1", -300), Some(Repeat::Weekly { days: vec![5], at: hm(21, 0) }));
        // The increments run every 8 hours but not on Sundays: not a picker schedule.
        assert_eq!(Repeat::from_cron("0 7 2/8 ? * 2,3,4,5,6,7", 0), None);
        // Names and ranges read as Quartz has them.
        assert_eq!(Repeat::from_cron("0 0 2 ? * MON-FRI", 0), Some(Repeat::Weekly { days: vec![0, 1, 2, 3, 4], at: hm(2, 0) }));
        assert_eq!(Repeat::from_cron("0 0 2 ? * SUN,sat", 0), Some(Repeat::Weekly { days: vec![5, 6], at: hm(2, 0) }));
        assert_eq!(Repeat::from_cron("0 0 2 ? * 2-6", 0), Repeat::from_cron("0 0 2 ? * MON-FRI", 0));
    }

    #[test]
    fn what_the_picker_cannot_show_is_left_to_the_cron_field() {
        for cron in [
            "0 0 2 1 * ?",      // monthly
            "0 0 2 ? 1 1",      // in January
            "30 0 2 * * ?",     // seconds
            "0 0 2/5 * * ?",    // every 5 hours does not divide a day
            "0 0 9/6 * * ?",    // a start past the spacing
            "0 0 2,14 * * ?",   // a list of hours
            "0 0 2 ? * 1#2",    // the second Sunday
            "0 0 2 ? * 7-1",    // a range Quartz does not wrap
            "0 0 2 * *",        // five fields
            "",
        ] {
            assert_eq!(Repeat::from_cron(cron, 480), None, "{cron}");
        }
    }

    #[test]
    fn a_picked_schedule_runs_when_the_words_say() {
        // Every day at 07:00 in UTC+8: 23:00 UTC, the Friday of FRI (17:00 UTC) included.
        let cron = Repeat::Daily { at: hm(7, 0) }.to_cron(480);
        let runs = Schedule::parse(&cron).unwrap().runs_after(FRI, 2);
        assert_eq!(runs, [FRI + 6 * H, FRI + 30 * H]);
        assert_eq!(Repeat::Daily { at: hm(7, 0) }.words(Lang::En), "Every day at 07:00");
        assert_eq!(Repeat::Hours { every: 6, first: hm(2, 0) }.words(Lang::Zh), "从 02:00 起每 6 小时");
        assert_eq!(Repeat::Weekly { days: vec![0, 4], at: hm(2, 0) }.words(Lang::En), "Every Monday, Friday at 02:00");
    }
}
