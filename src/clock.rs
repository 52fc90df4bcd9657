//! Dates and times as the program records them. Comments, review starts and the suppressions
//! of checker findings carry the time in Japan (JST, UTC+9, no daylight saving): the users are
//! all in Japan, and a fixed zone keeps the program free of time-zone databases and the dates
//! comparable across PCs. No GUI here: the core (the checker's suppressions, reviews) and the
//! editor both use it.

use std::time::{SystemTime, UNIX_EPOCH};

/// Seconds since 1970-01-01 UTC (0 if the clock is before that).
pub fn now_unix() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0)
}

/// The time now in Japan, `YYYY-MM-DDTHH:MM`, as comments record it.
pub fn now_jst() -> String {
    jst_from_unix(now_unix())
}

/// Today's date in Japan, `YYYY-MM-DD`, as suppressions record it.
pub fn today_jst() -> String {
    let mut s = now_jst();
    s.truncate(10);
    s
}

/// [`now_jst`] for a given time (seconds since 1970-01-01 UTC).
pub fn jst_from_unix(secs: u64) -> String {
    let t = secs as i64 + 9 * 3600;
    let days = t.div_euclid(86_400);
    let rem = t.rem_euclid(86_400);
    let (y, m, d) = civil_from_days(days);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}",
        rem / 3600,
        (rem % 3600) / 60
    )
}

/// Days since 1970-01-01 to (year, month, day) in the proleptic Gregorian calendar
/// (H. Hinnant's algorithm).
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

/// A recorded date as people read it: `2026-11-24T09:30` → `2026/11/24 09:30`. Anything else
/// is shown as written.
pub fn display_date(date: &str) -> String {
    let b = date.as_bytes();
    if b.len() >= 16 && b[4] == b'-' && b[7] == b'-' && b[10] == b'T' && b[13] == b':' {
        format!(
            "{}/{}/{} {}",
            &date[0..4],
            &date[5..7],
            &date[8..10],
            &date[11..16]
        )
    } else {
        date.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jst_dates() {
        assert_eq!(jst_from_unix(0), "1970-01-01T09:00");
        // 2026-11-24 00:30 UTC is 09:30 in Japan.
        assert_eq!(jst_from_unix(1_795_480_200), "2026-11-24T09:30");
        // 2024-02-29 15:00 UTC is already 1 March in Japan.
        assert_eq!(jst_from_unix(1_709_218_800), "2024-03-01T00:00");
        assert_eq!(display_date("2026-11-24T09:30"), "2026/11/24 09:30");
        assert_eq!(display_date("昨日"), "昨日");
    }

    #[test]
    fn today_is_the_date_part_of_now() {
        let (a, today, b) = (now_jst(), today_jst(), now_jst());
        assert_eq!(today.len(), 10);
        // Around midnight the two readings of the clock may differ: today is one of them.
        assert!(
            a.starts_with(&today) || b.starts_with(&today),
            "{a} {today} {b}"
        );
    }
}
