//! The weekly maintenance window (DWS-DAY-TWO.md §1.4; Huawei Config's rule
//! `dws-maintain-window-check`): a day of the week, and a start and an end in UTC, each on the
//! hour, exactly four hours apart (the end may be on the next day: 22:00–02:00).

use super::error::{Field, RuleError, Violation};
use crate::status::Weekday;

/// How long a window lasts.
pub const WINDOW_HOURS: u32 = 4;
/// The days a window can be on, as the API writes them.
pub const DAYS: &[&str] = &["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

/// The hour of an `HH:00` time, or why it is not one.
pub fn hour_of(field: Field, time: &str) -> Result<u32, RuleError> {
    let err = |v| RuleError::new(field, v);
    if time.is_empty() {
        return Err(err(Violation::Required));
    }
    let (h, m) = time.split_once(':').ok_or_else(|| err(Violation::NotOnTheHour))?;
    let two_digits = |s: &str| s.len() == 2 && s.bytes().all(|b| b.is_ascii_digit());
    if !two_digits(h) || !two_digits(m) {
        return Err(err(Violation::NotOnTheHour));
    }
    let hour: u32 = h.parse().map_err(|_| err(Violation::NotOnTheHour))?;
    if hour > 23 || m != "00" {
        return Err(err(Violation::NotOnTheHour));
    }
    Ok(hour)
}

/// A whole window.
pub fn maintenance_window(day: &str, start: &str, end: &str) -> Result<Weekday, RuleError> {
    let weekday = Weekday::from(day);
    if !weekday.is_known() {
        let v = if day.is_empty() { Violation::Required } else { Violation::NotOneOf(DAYS) };
        return Err(RuleError::new(Field::MaintenanceDay, v));
    }
    let s = hour_of(Field::MaintenanceStart, start)?;
    let e = hour_of(Field::MaintenanceEnd, end)?;
    if (s + WINDOW_HOURS) % 24 != e {
        return Err(RuleError::new(Field::MaintenanceEnd, Violation::WindowLength { hours: WINDOW_HOURS }));
    }
    Ok(weekday)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::ErrorCode;

    #[test]
    fn four_hours_on_the_hour_across_midnight_too() {
        assert_eq!(maintenance_window("Thu", "22:00", "02:00"), Ok(Weekday::Thu));
        assert_eq!(maintenance_window("Mon", "02:00", "06:00"), Ok(Weekday::Mon));
        assert_eq!(maintenance_window("Sun", "20:00", "00:00"), Ok(Weekday::Sun));
    }

    #[test]
    fn every_way_to_be_wrong() {
        let v = |d, s, e| maintenance_window(d, s, e).unwrap_err();
        assert_eq!(v("Funday", "02:00", "06:00").violation, Violation::NotOneOf(DAYS));
        assert_eq!(v("mon", "02:00", "06:00").field, Field::MaintenanceDay);
        assert_eq!(v("", "02:00", "06:00").violation, Violation::Required);
        assert_eq!(v("Mon", "02:30", "06:30").violation, Violation::NotOnTheHour);
        assert_eq!(v("Mon", "2:00", "06:00").violation, Violation::NotOnTheHour);
        assert_eq!(v("Mon", "24:00", "04:00").violation, Violation::NotOnTheHour);
        assert_eq!(v("Mon", "02:00", "xx").field, Field::MaintenanceEnd);
        let e = v("Mon", "02:00", "05:00");
        assert_eq!((e.violation.clone(), e.code()), (Violation::WindowLength { hours: 4 }, ErrorCode::Dws5038));
        assert_eq!(v("Mon", "02:00", "02:00").violation, Violation::WindowLength { hours: 4 });
        assert_eq!(v("Mon", "02:00", "xx").code(), ErrorCode::Dws5065);
    }
}
