//! ISO 8601 timestamps as the API writes them (`2018-01-15T12:50:06Z`), to and from milliseconds
//! since the Unix epoch. Pure arithmetic, so the browser and the servers agree to the second.

/// Days since 1970-01-01 of a civil date (proleptic Gregorian).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The civil date of a day count since 1970-01-01.
fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (if m <= 2 { y + 1 } else { y }, m, d)
}

fn split(ms: i64) -> (i64, i64, i64, i64, i64, i64, i64) {
    let days = ms.div_euclid(86_400_000);
    let rest = ms.rem_euclid(86_400_000);
    let (y, mo, d) = civil_from_days(days);
    (y, mo, d, rest / 3_600_000, rest / 60_000 % 60, rest / 1000 % 60, rest % 1000)
}

const DAY_NAMES: [&str; 7] = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"];
const MONTH_NAMES: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/// HTTP's `Date` (IMF-fixdate, RFC 9110): `Mon, 30 Nov 2026 04:11:34 GMT`.
pub fn format_http_date(ms: i64) -> String {
    let (y, mo, d, h, mi, s, _) = split(ms);
    let weekday = DAY_NAMES[ms.div_euclid(86_400_000).rem_euclid(7) as usize];
    format!("{weekday}, {d:02} {} {y:04} {h:02}:{mi:02}:{s:02} GMT", MONTH_NAMES[(mo - 1) as usize])
}

/// Reads an IMF-fixdate `Date` (the form every current server sends); `None` for anything else.
pub fn parse_http_date(s: &str) -> Option<i64> {
    let (_, rest) = s.trim().split_once(", ")?;
    let parts: Vec<&str> = rest.split(' ').collect();
    let [d, mon, y, hms, "GMT"] = parts.as_slice() else { return None };
    let m = MONTH_NAMES.iter().position(|n| n == mon)? as i64 + 1;
    let (d, y): (i64, i64) = (d.parse().ok()?, y.parse().ok()?);
    let t: Vec<i64> = hms.split(':').map(|p| p.parse().ok()).collect::<Option<_>>()?;
    let [h, mi, sec] = t.as_slice() else { return None };
    let valid = (1..=31).contains(&d) && (0..24).contains(h) && (0..60).contains(mi) && (0..=60).contains(sec);
    valid.then(|| days_from_civil(y, m, d) * 86_400_000 + h * 3_600_000 + mi * 60_000 + sec * 1000)
}

/// `YYYY-MM-DDThh:mm:ssZ`, the format of the reference's tables.
pub fn format_iso8601(ms: i64) -> String {
    let (y, mo, d, h, mi, s, _) = split(ms);
    format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}Z")
}

/// `YYYY-MM-DDThh:mm:ss.ffffffZ`, the format of IAM's `expires_at`.
pub fn format_iso8601_micros(ms: i64) -> String {
    let (y, mo, d, h, mi, s, milli) = split(ms);
    format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}.{milli:03}000Z")
}

fn digits(s: &str) -> Option<i64> {
    if !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()) { s.parse().ok() } else { None }
}

/// Reads `YYYY-MM-DDThh:mm:ss` with optional fraction and zone (`Z`, `+08:00`, `+0800`); no zone
/// means UTC, as in the quick start's samples. Also accepts a space instead of `T`.
pub fn parse_iso8601(s: &str) -> Option<i64> {
    let s = s.trim();
    if s.len() < 19 || !s.is_ascii() {
        return None;
    }
    let (date, rest) = s.split_at(10);
    let sep = rest.as_bytes()[0];
    if sep != b'T' && sep != b't' && sep != b' ' {
        return None;
    }
    let (time, zone) = rest[1..].split_at(8);
    let dp: Vec<&str> = date.split('-').collect();
    let tp: Vec<&str> = time.split(':').collect();
    if dp.len() != 3 || tp.len() != 3 || dp[0].len() != 4 || dp[1].len() != 2 || dp[2].len() != 2 {
        return None;
    }
    let (y, mo, d) = (digits(dp[0])?, digits(dp[1])?, digits(dp[2])?);
    let (h, mi, sec) = (digits(tp[0])?, digits(tp[1])?, digits(tp[2])?);
    if !(1..=12).contains(&mo) || d < 1 || d > days_in_month(y, mo) || h > 23 || mi > 59 || sec > 60 {
        return None;
    }
    let mut zone = zone;
    let mut millis = 0;
    if let Some(frac) = zone.strip_prefix('.') {
        let end = frac.find(|c: char| !c.is_ascii_digit()).unwrap_or(frac.len());
        if end == 0 {
            return None;
        }
        let f = &frac[..end];
        millis = digits(&format!("{:0<3}", &f[..f.len().min(3)]))?;
        zone = &frac[end..];
    }
    let offset_min = match zone {
        "" | "Z" | "z" => 0,
        z if z.len() >= 5 && (z.starts_with('+') || z.starts_with('-')) => {
            let sign = if z.starts_with('-') { -1 } else { 1 };
            let body = z[1..].replace(':', "");
            if body.len() != 4 {
                return None;
            }
            let (oh, om) = (digits(&body[..2])?, digits(&body[2..])?);
            if oh > 23 || om > 59 {
                return None;
            }
            sign * (oh * 60 + om)
        }
        _ => return None,
    };
    let days = days_from_civil(y, mo, d);
    Some(((days * 24 + h) * 60 + mi - offset_min) * 60_000 + sec * 1000 + millis)
}

fn days_in_month(y: i64, m: i64) -> i64 {
    match m {
        4 | 6 | 9 | 11 => 30,
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        _ => 31,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn http_dates_round_trip() {
        let ms = parse_iso8601("2026-11-30T04:11:34Z").unwrap();
        assert_eq!(format_http_date(ms), "Mon, 30 Nov 2026 04:11:34 GMT");
        assert_eq!(parse_http_date("Mon, 30 Nov 2026 04:11:34 GMT"), Some(ms));
        assert_eq!(format_http_date(0), "Thu, 01 Jan 1970 00:00:00 GMT");
        for bad in ["", "Monday, 30-Nov-26 04:11:34 GMT", "Mon, 30 Nov 2026 25:11:34 GMT", "Mon, 30 Foo 2026 04:11:34 GMT"] {
            assert_eq!(parse_http_date(bad), None, "{bad}");
        }
    }

    #[test]
    fn formats_the_epoch_and_known_instants() {
        assert_eq!(format_iso8601(0), "1970-01-01T00:00:00Z");
        assert_eq!(format_iso8601(1_516_020_606_000), "2018-01-15T12:50:06Z");
        assert_eq!(format_iso8601_micros(1_550_040_733_855), "2019-02-13T06:52:13.855000Z");
        assert_eq!(format_iso8601(951_782_400_000), "2000-02-29T00:00:00Z");
        assert_eq!(format_iso8601(-1000), "1969-12-31T23:59:59Z");
    }

    #[test]
    fn parses_every_form_the_api_uses() {
        assert_eq!(parse_iso8601("2018-01-15T12:50:06Z"), Some(1_516_020_606_000));
        assert_eq!(parse_iso8601("2018-01-15T12:50:06"), Some(1_516_020_606_000), "no zone is UTC");
        assert_eq!(parse_iso8601("2019-02-13T06:52:13.855000Z"), Some(1_550_040_733_855));
        assert_eq!(parse_iso8601("2018-01-15T20:50:06+08:00"), Some(1_516_020_606_000));
        assert_eq!(parse_iso8601("2018-01-15T20:50:06+0800"), Some(1_516_020_606_000));
        assert_eq!(parse_iso8601("2018-01-15T07:50:06-05:00"), Some(1_516_020_606_000));
        assert_eq!(parse_iso8601("2018-01-15 12:50:06"), Some(1_516_020_606_000));
        assert_eq!(parse_iso8601("2018-01-15T12:50:06.5Z"), Some(1_516_020_606_500));
    }

    #[test]
    fn refuses_what_is_not_a_timestamp() {
        for s in [
            "", "2018-01-15", "2018-13-01T00:00:00Z", "2018-02-30T00:00:00Z", "2018-01-15T24:00:00Z",
            "2018-01-15X12:50:06Z", "18-01-15T12:50:06Z", "2018-01-15T12:50:06Q", "2018-01-15T12:50:06.Z",
            "2018-01-15T12:50:06+8", "２０１８-01-15T12:50:06Z", "abcdefghijklmnopqrstuvw",
        ] {
            assert_eq!(parse_iso8601(s), None, "{s}");
        }
        assert_eq!(parse_iso8601("2019-02-29T00:00:00Z"), None, "not a leap year");
        assert!(parse_iso8601("2020-02-29T00:00:00Z").is_some());
    }

    #[test]
    fn round_trips_across_centuries() {
        let mut ms = -2_208_988_800_000; // 1900
        while ms < 4_102_444_800_000 {
            // 2100
            assert_eq!(parse_iso8601(&format_iso8601(ms)), Some(ms));
            ms += 7_919_993_000; // about 92 days, with an odd remainder
        }
    }
}
