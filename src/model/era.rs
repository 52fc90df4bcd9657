//! The Japanese eras (元号) since 大正: the one table that the checker's year scanner
//! (`check::years`) and the reports' dates (`report::format_date_ja`) read.

/// A Japanese era.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Era {
    Taisho,
    Showa,
    Heisei,
    Reiwa,
}

impl Era {
    /// In order.
    pub const ALL: [Era; 4] = [Era::Taisho, Era::Showa, Era::Heisei, Era::Reiwa];

    /// The era's first day, in the Gregorian calendar: (year, month, day).
    pub fn first_day(self) -> (i32, u32, u32) {
        match self {
            Era::Taisho => (1912, 7, 30),
            Era::Showa => (1926, 12, 25),
            Era::Heisei => (1989, 1, 8),
            Era::Reiwa => (2019, 5, 1),
        }
    }

    /// 西暦 = offset + era year.
    pub fn offset(self) -> i32 {
        self.first_day().0 - 1
    }

    /// The era's last year (the year the next era began), for eras that ended: 平成31年.
    pub fn last_year(self) -> Option<u32> {
        self.next()
            .map(|next| (next.first_day().0 - self.offset()) as u32)
    }

    /// 大正, 昭和, 平成, 令和.
    pub fn name(self) -> &'static str {
        match self {
            Era::Taisho => "大正",
            Era::Showa => "昭和",
            Era::Heisei => "平成",
            Era::Reiwa => "令和",
        }
    }

    /// The one-letter abbreviation documents use (H30, R5).
    pub fn abbr(self) -> char {
        match self {
            Era::Taisho => 'T',
            Era::Showa => 'S',
            Era::Heisei => 'H',
            Era::Reiwa => 'R',
        }
    }

    /// The era with the abbreviation `c` (a half-width capital letter).
    pub fn from_abbr(c: char) -> Option<Era> {
        Era::ALL.into_iter().find(|e| e.abbr() == c)
    }

    /// The era that followed.
    pub fn next(self) -> Option<Era> {
        let i = Era::ALL.iter().position(|&e| e == self)?;
        Era::ALL.get(i + 1).copied()
    }

    /// The era and its year on a date, e.g. 2019-05-01 → (令和, 1); `None` before 大正.
    pub fn of_date(year: i32, month: u32, day: u32) -> Option<(Era, u32)> {
        Era::ALL
            .into_iter()
            .rev()
            .find(|e| (year, month, day) >= e.first_day())
            .map(|e| (e, (year - e.offset()) as u32))
    }

    /// An era year as documents write it: 元 for the first year, else the number.
    pub fn year_text(year: u32) -> String {
        if year == 1 {
            "元".to_string()
        } else {
            year.to_string()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn eras_end_where_the_next_begins() {
        assert_eq!(Era::Heisei.last_year(), Some(31));
        assert_eq!(Era::Showa.last_year(), Some(64));
        assert_eq!(Era::Taisho.last_year(), Some(15));
        assert_eq!(Era::Reiwa.last_year(), None);
        assert_eq!(Era::Heisei.offset() + 30, 2018);
        assert_eq!(Era::of_date(2019, 4, 30), Some((Era::Heisei, 31)));
        assert_eq!(Era::of_date(2019, 5, 1), Some((Era::Reiwa, 1)));
        assert_eq!(Era::of_date(1989, 1, 7), Some((Era::Showa, 64)));
        assert_eq!(Era::of_date(1900, 1, 1), None);
        assert_eq!(Era::from_abbr('H'), Some(Era::Heisei));
        assert_eq!(Era::from_abbr('X'), None);
    }
}
