//! Dates and numbers as the user reads them.

use dws_contract::Lang;

/// A time in the user's time zone, to the minute, in the browser's format for the language
/// (`Nov 28, 2026, 9:14 AM`, `2026年11月28日 09:14`).
pub fn local_time(ms: i64, lang: Lang) -> String {
    let d = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(ms as f64));
    let options = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&options, &"dateStyle".into(), &"medium".into());
    let _ = js_sys::Reflect::set(&options, &"timeStyle".into(), &"short".into());
    String::from(d.to_locale_string(lang.html_tag(), &options))
}

/// A wire timestamp in the user's time zone, or as sent when it cannot be read.
pub fn wire_time(s: &str, lang: Lang) -> String {
    match dws_contract::time::parse_iso8601(s) {
        Some(ms) => local_time(ms, lang),
        None => s.to_owned(),
    }
}

/// The user's time zone's offset from UTC, in minutes east (UTC+8 → 480).
pub fn utc_offset_minutes() -> i64 {
    -(js_sys::Date::new_0().get_timezone_offset() as i64)
}

/// `1,000` / `1,000`: thousands grouped.
pub fn count(n: usize) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// `45 s`, `3 min 20 s`, `2 h 5 min`.
pub fn duration_text(seconds: i64) -> String {
    match seconds {
        s if s < 60 => format!("{s} s"),
        s if s < 3600 => format!("{} min {} s", s / 60, s % 60),
        s => format!("{} h {} min", s / 3600, s % 3600 / 60),
    }
}

/// A size the service gives in GB, in the unit that reads best: `12 GB`, `12.2 GB`, `3.4 MB`,
/// `18 KB` (a fresh cluster's dump is a few kilobytes).
pub fn size_text(gb: f64) -> String {
    let one = |v: f64, unit: &str| if v.fract() == 0.0 || v >= 100.0 { format!("{v:.0} {unit}") } else { format!("{v:.1} {unit}") };
    match gb {
        g if g >= 1.0 || g == 0.0 => one(g, "GB"),
        g if g * 1024.0 >= 1.0 => one(g * 1024.0, "MB"),
        g => one((g * 1024.0 * 1024.0).max(0.1), "KB"),
    }
}

/// A metric's value as read, by Cloud Eye's unit: counts whole and grouped, data volumes in MB or
/// GB, shares with one decimal.
pub fn metric_value(v: f64, unit: &str) -> String {
    match unit {
        "%" => format!("{v:.1}%"),
        "MB" if v >= 1024.0 => format!("{:.2} GB", v / 1024.0),
        "MB" => format!("{v:.1} MB"),
        "count" => count(v.round().max(0.0) as usize),
        _ => format!("{v:.2} {unit}"),
    }
}

/// A time on a chart's axis, in the user's time zone: hours and minutes, with the day when the
/// range spans days.
pub fn axis_time(ms: i64, with_day: bool, lang: Lang) -> String {
    let d = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(ms as f64));
    let options = js_sys::Object::new();
    let set = |k: &str, v: &str| {
        let _ = js_sys::Reflect::set(&options, &k.into(), &v.into());
    };
    set("hour", "2-digit");
    set("minute", "2-digit");
    set("hourCycle", "h23");
    if with_day {
        set("month", "numeric");
        set("day", "numeric");
    }
    String::from(d.to_locale_string(lang.html_tag(), &options))
}

/// The instant a `datetime-local` input's value (`2026-11-28T09:14`) names in the user's time
/// zone; `None` when it names none.
pub fn local_input_ms(value: &str) -> Option<i64> {
    // Without an offset, the date-time form is read in the browser's time zone (ECMA-262).
    let t = js_sys::Date::new(&wasm_bindgen::JsValue::from_str(value.trim())).get_time();
    (!value.trim().is_empty() && t.is_finite()).then_some(t as i64)
}

/// An instant as a `datetime-local` input's value, in the user's time zone.
pub fn local_input_value(ms: i64) -> String {
    let d = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(ms as f64));
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}",
        d.get_full_year(),
        d.get_month() + 1,
        d.get_date(),
        d.get_hours(),
        d.get_minutes()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_are_grouped() {
        assert_eq!(count(7), "7");
        assert_eq!(count(1000), "1,000");
        assert_eq!(count(1234567), "1,234,567");
    }

    #[test]
    fn durations_and_sizes_read_naturally() {
        assert_eq!(duration_text(45), "45 s");
        assert_eq!(duration_text(200), "3 min 20 s");
        assert_eq!(duration_text(7500), "2 h 5 min");
        assert_eq!(size_text(12.0), "12 GB");
        assert_eq!(size_text(12.25), "12.2 GB");
        assert_eq!(size_text(0.0), "0 GB");
        assert_eq!(size_text(3.4 / 1024.0), "3.4 MB");
        assert_eq!(size_text(18.0 / 1024.0 / 1024.0), "18 KB");
        assert_eq!(size_text(512.0 / 1024.0), "512 MB");
    }

    #[test]
    fn metric_values_read_by_their_unit() {
        assert_eq!(metric_value(45.25, "%"), "45.2%");
        assert_eq!(metric_value(12.0, "count"), "12");
        assert_eq!(metric_value(1500.0, "count"), "1,500");
        assert_eq!(metric_value(350.0, "MB"), "350.0 MB");
        assert_eq!(metric_value(2048.0, "MB"), "2.00 GB");
    }
}
