//! Row numbers as documents write them: ① … ⑳ and beyond.

/// The circled form of `n` (① for 1). 1–20 are in CP932 (Shift_JIS); 21–50 exist in Unicode
/// (㉑…㊿) but not in CP932; other numbers are written `(n)`.
pub fn circled_number(n: u32) -> String {
    let c = match n {
        1..=20 => char::from_u32(0x2460 + n - 1),
        21..=35 => char::from_u32(0x3251 + n - 21),
        36..=50 => char::from_u32(0x32B1 + n - 36),
        _ => None,
    };
    match c {
        Some(c) => c.to_string(),
        None => format!("({n})"),
    }
}

/// The number of a circled digit character (① → 1), if it is one.
pub fn circled_value(c: char) -> Option<u32> {
    let u = c as u32;
    match u {
        0x2460..=0x2473 => Some(u - 0x2460 + 1),
        0x3251..=0x325F => Some(u - 0x3251 + 21),
        0x32B1..=0x32BF => Some(u - 0x32B1 + 36),
        _ => None,
    }
}

/// Whether `n` can be written as a circled number that CP932 (Shift_JIS) can hold.
pub fn circled_in_cp932(n: u32) -> bool {
    (1..=20).contains(&n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn circled_numbers_round_trip() {
        assert_eq!(circled_number(1), "①");
        assert_eq!(circled_number(16), "⑯");
        assert_eq!(circled_number(20), "⑳");
        assert_eq!(circled_number(21), "㉑");
        assert_eq!(circled_number(36), "㊱");
        assert_eq!(circled_number(50), "㊿");
        assert_eq!(circled_number(51), "(51)");
        assert_eq!(circled_number(0), "(0)");
        for n in 1..=50 {
            let s = circled_number(n);
            let c = s.chars().next().unwrap();
            assert_eq!(circled_value(c), Some(n), "{s}");
        }
        assert_eq!(circled_value('1'), None);
        assert!(circled_in_cp932(20) && !circled_in_cp932(21));
    }
}
