//! The MS-DOS date and time a zip entry header carries (two-second resolution, 1980–2107).

use std::time::{SystemTime, UNIX_EPOCH};

/// `(time, date)` in MS-DOS form for `t`, in UTC; clamped to 1980-01-01 and 2107-12-31.
pub(super) fn dos_date_time(t: SystemTime) -> (u16, u16) {
    let secs = match t.duration_since(UNIX_EPOCH) {
        Ok(d) => i64::try_from(d.as_secs()).unwrap_or(i64::MAX),
        Err(_) => 0,
    };
    let (mut year, mut month, mut day) = civil_date(secs.div_euclid(86_400));
    let of_day = secs.rem_euclid(86_400);
    let (mut hour, mut minute, mut second) = (of_day / 3600, of_day / 60 % 60, of_day % 60);
    if year < 1980 {
        (year, month, day, hour, minute, second) = (1980, 1, 1, 0, 0, 0);
    } else if year > 2107 {
        (year, month, day, hour, minute, second) = (2107, 12, 31, 23, 59, 58);
    }
    let time = (hour << 11) | (minute << 5) | (second / 2);
    let date = ((year - 1980) << 9) | (month << 5) | day;
    // Both fit in 16 bits by construction (hour < 24, year - 1980 < 128).
    (
        u16::try_from(time).unwrap_or(0),
        u16::try_from(date).unwrap_or(0),
    )
}

/// The proleptic Gregorian `(year, month, day)` of a count of days since 1970-01-01, by
/// counting 400-year eras from 0000-03-01 (so that the leap day ends each year).
fn civil_date(days: i64) -> (i64, i64, i64) {
    let shifted = days + 719_468; // days from 0000-03-01 to 1970-01-01
    let era = shifted.div_euclid(146_097);
    let day_of_era = shifted - era * 146_097;
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_from_march = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * month_from_march + 2) / 5 + 1;
    let month = if month_from_march < 10 {
        month_from_march + 3
    } else {
        month_from_march - 9
    };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn dates_and_times_in_dos_form() {
        let at = |secs| dos_date_time(UNIX_EPOCH + Duration::from_secs(secs));
        assert_eq!(civil_date(0), (1970, 1, 1));
        assert_eq!(civil_date(11_016), (2000, 2, 29));
        assert_eq!(civil_date(20_789), (2026, 12, 2));
        // 2026-12-02 05:09:47 UTC
        let (time, date) = at(1_796_188_187);
        assert_eq!((time >> 11, (time >> 5) & 63, (time & 31) * 2), (5, 9, 46));
        assert_eq!(
            (1980 + (date >> 9), (date >> 5) & 15, date & 31),
            (2026, 12, 2)
        );
        assert_eq!(at(0), (0, (1 << 5) | 1), "before 1980: 1980-01-01");
    }
}
