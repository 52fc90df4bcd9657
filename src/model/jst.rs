//! Dates as drafts record them: Japan time (JST, UTC+9, no daylight saving), `YYYY-MM-DDTHH:MM`
//! (comments, the review base, suppressions, who holds a draft's lock). The users are all in
//! Japan; a fixed zone keeps the program free of time-zone databases and the dates comparable
//! across PCs.

use std::time::{SystemTime, UNIX_EPOCH};

/// The time now in JST, `YYYY-MM-DDTHH:MM`.
pub fn now_jst() -> String {
    jst_from_unix(unix_now())
}

/// Seconds since 1970-01-01 UTC now (0 if the clock is before it).
pub fn unix_now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0)
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
