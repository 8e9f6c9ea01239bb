//! The weekly maintenance window between the service's UTC and the user's time zone: how it
//! reads, and the UTC window a choice in local time sends. A window starts on a UTC hour, so in a
//! half-hour zone it starts on the half hour locally.

use dws_contract::Lang;
use dws_contract::rules::{DAYS, WINDOW_HOURS};
use dws_contract::status::Weekday;
use dws_contract::types::{MaintainWindow, MaintenanceWindowRequest};

use crate::i18n::Text;

const DAY: i64 = 1440;
const WEEK: i64 = 7 * DAY;

/// A weekly window moved by `offset_min` minutes: (day 0–6 from Monday, start, end) as `HH:mm`.
/// `None` when the times cannot be read.
pub fn shift_window(day: u8, start: &str, end: &str, offset_min: i64) -> Option<(u8, String, String)> {
    let minutes = |t: &str| -> Option<i64> {
        let (h, m) = t.trim().split_once(':')?;
        let (h, m): (i64, i64) = (h.parse().ok()?, m.parse().ok()?);
        ((0..24).contains(&h) && (0..60).contains(&m)).then_some(h * 60 + m)
    };
    let s = (i64::from(day) * DAY + minutes(start)? + offset_min).rem_euclid(WEEK);
    let e = (minutes(end)? + offset_min).rem_euclid(DAY);
    Some(((s / DAY) as u8, hhmm(s % DAY), hhmm(e)))
}

fn hhmm(m: i64) -> String {
    format!("{:02}:{:02}", m / 60 % 24, m % 60)
}

/// A day's name, counted from Monday = 0.
pub fn day_name(i: u8, lang: Lang) -> &'static str {
    const WEEK: [Text; 7] =
        [Text::Monday, Text::Tuesday, Text::Wednesday, Text::Thursday, Text::Friday, Text::Saturday, Text::Sunday];
    WEEK[usize::from(i) % 7].get(lang)
}

/// "UTC+8", "UTC−3:30".
pub fn zone_name(offset: i64) -> String {
    let sign = if offset < 0 { "−" } else { "+" };
    let a = offset.abs();
    if a % 60 == 0 { format!("UTC{sign}{}", a / 60) } else { format!("UTC{sign}{}:{:02}", a / 60, a % 60) }
}

/// A window as the user reads it: in their zone, then in UTC (UTC alone when they are in it).
pub fn window_text(w: &MaintainWindow, offset: i64, lang: Lang) -> Option<String> {
    let day = w.day.as_ref().and_then(Weekday::index)?;
    let (s, e) = (w.start_time.as_deref()?, w.end_time.as_deref()?);
    let (ld, ls, le) = shift_window(day, s, e, offset)?;
    let utc = format!("{} {s}–{e} (UTC)", day_name(day, lang));
    Some(if offset == 0 { utc } else { format!("{} {ls}–{le} ({}) · {utc}", day_name(ld, lang), zone_name(offset)) })
}

/// The starts a window can have, as (UTC hour, the local time it is), in local order.
pub fn start_choices(offset: i64) -> Vec<(u32, String)> {
    let mut out: Vec<(i64, u32)> = (0..24u32).map(|h| ((i64::from(h) * 60 + offset).rem_euclid(DAY), h)).collect();
    crate::data::sort::sort(&mut out);
    out.into_iter().map(|(local, h)| (h, hhmm(local))).collect()
}

/// The UTC window of a local day (Monday = 0) and a start given as its UTC hour.
pub fn to_utc(local_day: u8, utc_hour: u32, offset: i64) -> MaintenanceWindowRequest {
    let local_start = (i64::from(utc_hour) * 60 + offset).rem_euclid(DAY);
    let utc = (i64::from(local_day) * DAY + local_start - offset).rem_euclid(WEEK);
    MaintenanceWindowRequest {
        day: DAYS[(utc / DAY) as usize].to_owned(),
        start_time: format!("{utc_hour:02}:00"),
        end_time: format!("{:02}:00", (utc_hour + WINDOW_HOURS) % 24),
    }
}

/// The local day and UTC start hour of a window, for the form's first values.
pub fn from_utc(w: &MaintainWindow, offset: i64) -> Option<(u8, u32)> {
    let day = w.day.as_ref().and_then(Weekday::index)?;
    let (s, e) = (w.start_time.as_deref()?, w.end_time.as_deref()?);
    let hour = dws_contract::rules::hour_of(dws_contract::rules::Field::MaintenanceStart, s).ok()?;
    Some((shift_window(day, s, e, offset)?.0, hour))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_move_across_days_and_the_week() {
        // Monday 02:00–04:00 UTC is Monday 10:00–12:00 in UTC+8.
        assert_eq!(shift_window(0, "02:00", "04:00", 480), Some((0, "10:00".into(), "12:00".into())));
        // Monday 22:00 UTC is Tuesday 06:00 in UTC+8.
        assert_eq!(shift_window(0, "22:00", "23:30", 480), Some((1, "06:00".into(), "07:30".into())));
        // Monday 01:00 UTC is Sunday 20:00 in UTC−5.
        assert_eq!(shift_window(0, "01:00", "03:00", -300), Some((6, "20:00".into(), "22:00".into())));
        assert_eq!(shift_window(0, "25:00", "03:00", 0), None);
        assert_eq!(zone_name(480), "UTC+8");
        assert_eq!(zone_name(-210), "UTC−3:30");
    }

    fn window(day: &str, start: &str, end: &str) -> MaintainWindow {
        MaintainWindow { day: Some(day.into()), start_time: Some(start.into()), end_time: Some(end.into()) }
    }

    #[test]
    fn a_local_choice_is_sent_in_utc_with_its_day_moved() {
        // Monday 02:00 in UTC+8 is Sunday 18:00 UTC.
        let w = to_utc(0, 18, 480);
        assert_eq!((w.day.as_str(), w.start_time.as_str(), w.end_time.as_str()), ("Sun", "18:00", "22:00"));
        // Sunday 22:00 in UTC−5 is Monday 03:00 UTC: the week wraps.
        let w = to_utc(6, 3, -300);
        assert_eq!((w.day.as_str(), w.start_time.as_str(), w.end_time.as_str()), ("Mon", "03:00", "07:00"));
        // A window that ends past midnight UTC.
        assert_eq!(to_utc(3, 22, 0).end_time, "02:00");
        // Every choice in every zone is one the service takes, and reads back as chosen.
        for offset in [0, 480, -300, 330, 345, -570, 840, -720] {
            for day in 0..7u8 {
                for (hour, _) in start_choices(offset) {
                    let w = to_utc(day, hour, offset);
                    dws_contract::rules::maintenance_window(&w.day, &w.start_time, &w.end_time).unwrap();
                    let read = window(&w.day, &w.start_time, &w.end_time);
                    assert_eq!(from_utc(&read, offset), Some((day, hour)), "{w:?} at {offset}");
                }
            }
        }
    }

    #[test]
    fn starts_are_listed_in_local_time_on_the_half_hour_where_the_zone_is() {
        let utc8 = start_choices(480);
        assert_eq!(utc8[0], (16, "00:00".to_owned()));
        assert_eq!(utc8[10], (2, "10:00".to_owned()));
        let india = start_choices(330);
        assert_eq!(india[0], (19, "00:30".to_owned()));
        assert_eq!(india.len(), 24);
        let text = window_text(&window("Mon", "22:00", "02:00"), 480, Lang::En).unwrap();
        assert_eq!(text, "Tuesday 06:00–10:00 (UTC+8) · Monday 22:00–02:00 (UTC)");
        assert_eq!(window_text(&window("Mon", "02:00", "06:00"), 0, Lang::En).unwrap(), "Monday 02:00–06:00 (UTC)");
    }
}
