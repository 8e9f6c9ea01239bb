//! A clock that ticks once a second, for "time left" and "updated N s ago" texts.

use std::time::Duration;

use leptos::prelude::*;

use crate::i18n::Text;
use crate::session::now_ms;

/// The current time (ms since the epoch), updated every second; and the minute, for texts
/// that need no more (so a table of "3 d ago" does not re-render every second).
#[derive(Debug, Clone, Copy)]
pub struct Clock(pub RwSignal<i64>, pub Memo<i64>);

impl Clock {
    /// Starts the clock for the component tree below the caller.
    pub fn provide() -> Clock {
        let now = RwSignal::new(now_ms());
        if let Ok(handle) = set_interval_with_handle(move || now.set(now_ms()), Duration::from_secs(1)) {
            on_cleanup(move || handle.clear());
        }
        let c = Clock(now, Memo::new(move |_| now.get() / 60_000));
        provide_context(c);
        c
    }
}

/// The clock (a fixed "now" where no clock runs, as in component tests).
pub fn use_clock() -> RwSignal<i64> {
    use_context::<Clock>().map(|c| c.0).unwrap_or_else(|| RwSignal::new(now_ms()))
}

/// The current minute (ms since the epoch / 60,000), changing once a minute.
pub fn use_minute() -> Signal<i64> {
    match use_context::<Clock>() {
        Some(c) => c.1.into(),
        None => Signal::derive(|| now_ms() / 60_000),
    }
}

/// "just now", "12 s ago", "3 min ago", "2 h ago", "4 d ago".
pub fn ago(ms: i64, lang: dws_contract::Lang) -> String {
    let s = (ms / 1000).max(0);
    let (n, unit) = match s {
        0..5 => return Text::JustNow.get(lang).to_owned(),
        5..60 => (s, Text::UnitSeconds),
        60..3600 => (s / 60, Text::UnitMinutes),
        3600..86400 => (s / 3600, Text::UnitHours),
        _ => (s / 86400, Text::UnitDays),
    };
    let unit = unit.get(lang);
    match lang {
        dws_contract::Lang::En => format!("{n} {unit} ago"),
        dws_contract::Lang::Zh => format!("{n} {unit}前"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use dws_contract::Lang;

    #[test]
    fn ages_read_naturally() {
        assert_eq!(ago(1_000, Lang::En), "just now");
        assert_eq!(ago(12_000, Lang::En), "12 s ago");
        assert_eq!(ago(180_000, Lang::En), "3 min ago");
        assert_eq!(ago(7_300_000, Lang::Zh), "2 小时前");
        assert_eq!(ago(4 * 86_400_000, Lang::En), "4 d ago");
    }
}
