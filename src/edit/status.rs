//! Status helpers (変更区分) and row numbering.
//!
//! The rules, as 企画課 staff work:
//! - 変更なし: the revised side equals the current one, and stays equal (editing the current
//!   side updates it; editing the revised side makes the row 変更あり);
//! - 変更あり: the revised side starts as a copy of the current text;
//! - 新規: the row has no current side;
//! - 削除: the row keeps its current text and has no revised side.
//!
//! No switch loses text: a side that has to go away moves to the other side when that one is
//! empty (so 新規 → 変更あり → 新規 round-trips), and every switch is one undo step anyway.

use crate::model::{ChangeStatus, Row, Side};

/// Sets a row's status and makes its sides fit it. Returns a notice for the user when the
/// helper changed text they may not expect.
pub fn set_status(row: &mut Row, status: ChangeStatus) -> Option<String> {
    let blank = |s: &Option<Side>| s.as_ref().is_none_or(Side::is_blank);
    let mut notice = None;
    match status {
        ChangeStatus::Unchanged => {
            if row.current.is_none() {
                row.current = row.revised.clone();
            }
            if row.revised != row.current && !blank(&row.revised) {
                notice =
                    Some("改定案を現行と同じ内容に戻しました（元に戻すで復元できます）。".into());
            }
            row.revised = row.current.clone();
        }
        ChangeStatus::Modified => {
            if row.current.is_none() {
                row.current = row.revised.clone();
            }
            if blank(&row.revised) {
                row.revised = row.current.clone();
            }
        }
        ChangeStatus::New => {
            if blank(&row.revised) {
                row.revised = row.current.take();
            } else if row.current.take().is_some_and(|c| !c.is_blank()) {
                notice = Some(
                    "新規の行には現行の内容がないため、現行欄を空にしました（元に戻すで復元できます）。"
                        .into(),
                );
            }
            if row.revised.is_none() {
                row.revised = Some(Side::default());
            }
        }
        ChangeStatus::Deleted => {
            if row.current.is_none() {
                row.current = row.revised.take();
            } else if row.revised.take().is_some_and(|r| !r.is_blank())
                && row.status != Some(status)
            {
                notice = Some("削除の行には改定案がないため、改定案欄を空にしました（元に戻すで復元できます）。".into());
            }
            if row.current.is_none() {
                row.current = Some(Side::default());
            }
        }
    }
    row.status = Some(status);
    notice
}

/// Called after the revised side of `row` was edited: a 変更なし row becomes 変更あり.
/// Returns a notice when it did.
pub fn revised_edited(row: &mut Row) -> Option<String> {
    if row.status == Some(ChangeStatus::Unchanged) {
        row.status = Some(ChangeStatus::Modified);
        Some("改定案を編集したため、変更区分を「変更あり」にしました。".into())
    } else {
        None
    }
}

/// Called after the current side of `row` was edited: a 変更なし row keeps its revised side
/// equal to the current one.
pub fn current_edited(row: &mut Row) {
    if row.status == Some(ChangeStatus::Unchanged) {
        row.revised = row.current.clone();
    }
}

/// The number a new row of a numbered block gets: one more than the highest number on either
/// side (⑰ after ⑯, also when ⑯ is 削除 — the seed never reuses a number).
pub fn next_number(rows: &[Row]) -> u32 {
    rows.iter()
        .flat_map(|r| [r.current.as_ref(), r.revised.as_ref()])
        .flatten()
        .filter_map(|s| s.number)
        .max()
        .unwrap_or(0)
        + 1
}

/// After rows moved: the revised numbers follow the new order. The set of numbers in use is
/// kept (gaps left by 削除 rows stay where they are); only their order changes. A 変更なし row
/// whose number changes becomes 変更あり. Returns how many rows were renumbered.
pub fn renumber_in_order(rows: &mut [Row]) -> usize {
    let mut numbers: Vec<u32> = rows
        .iter()
        .filter_map(|r| r.revised.as_ref().and_then(|s| s.number))
        .collect();
    numbers.sort_unstable();
    let mut numbers = numbers.into_iter();
    let mut changed = 0;
    for row in rows.iter_mut() {
        let Some(side) = row.revised.as_mut() else {
            continue;
        };
        if side.number.is_none() {
            continue;
        }
        let n = numbers.next();
        if side.number != n {
            side.number = n;
            changed += 1;
            revised_edited(row);
        }
    }
    changed
}

/// Numbers the revised side 1, 2, 3 … in order (rows without a revised side are skipped).
/// A 変更なし row whose number changes becomes 変更あり. Returns how many rows changed.
pub fn renumber_from_one(rows: &mut [Row]) -> usize {
    let mut next = 1;
    let mut changed = 0;
    for row in rows.iter_mut() {
        let Some(side) = row.revised.as_mut() else {
            continue;
        };
        if side.number != Some(next) {
            side.number = Some(next);
            changed += 1;
            revised_edited(row);
        }
        next += 1;
    }
    changed
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::RowId;

    fn side(name: &str, n: Option<u32>) -> Side {
        Side {
            number: n,
            name: name.into(),
            ..Side::default()
        }
    }

    fn row(status: ChangeStatus, cur: Option<Side>, rev: Option<Side>) -> Row {
        Row {
            id: RowId::new("r"),
            status: Some(status),
            current: cur,
            revised: rev,
            ..Row::default()
        }
    }

    #[test]
    fn unchanged_copies_current_to_revised() {
        let mut r = row(
            ChangeStatus::Modified,
            Some(side("現行", Some(1))),
            Some(side("改定", Some(1))),
        );
        assert!(set_status(&mut r, ChangeStatus::Unchanged).is_some());
        assert_eq!(r.revised, r.current);
        assert_eq!(r.status, Some(ChangeStatus::Unchanged));
        // Keeps it so: editing the current side carries over.
        r.current.as_mut().unwrap().name = "直した".into();
        current_edited(&mut r);
        assert_eq!(r.revised.as_ref().unwrap().name, "直した");
        // Editing the revised side makes it 変更あり.
        assert!(revised_edited(&mut r).is_some());
        assert_eq!(r.status, Some(ChangeStatus::Modified));
    }

    #[test]
    fn modified_starts_from_a_copy_but_keeps_existing_revised_text() {
        let mut r = row(ChangeStatus::Deleted, Some(side("現行", None)), None);
        set_status(&mut r, ChangeStatus::Modified);
        assert_eq!(r.revised.as_ref().unwrap().name, "現行");
        r.revised.as_mut().unwrap().name = "改定".into();
        set_status(&mut r, ChangeStatus::Modified);
        assert_eq!(r.revised.as_ref().unwrap().name, "改定");
    }

    #[test]
    fn new_and_deleted_drop_a_side_without_losing_text() {
        let mut r = row(ChangeStatus::Unchanged, Some(side("現行", None)), None);
        set_status(&mut r, ChangeStatus::New);
        assert!(r.current.is_none());
        assert_eq!(r.revised.as_ref().unwrap().name, "現行");
        // And back: the text returns to the current side.
        set_status(&mut r, ChangeStatus::Modified);
        assert_eq!(r.current.as_ref().unwrap().name, "現行");

        let mut r = row(
            ChangeStatus::Modified,
            Some(side("現行", None)),
            Some(side("改定", None)),
        );
        assert!(set_status(&mut r, ChangeStatus::Deleted).is_some());
        assert!(r.revised.is_none());
        assert_eq!(r.current.as_ref().unwrap().name, "現行");

        // A 新規 row marked 削除 keeps its text as the current side.
        let mut r = row(ChangeStatus::New, None, Some(side("新しい", None)));
        set_status(&mut r, ChangeStatus::Deleted);
        assert_eq!(r.current.as_ref().unwrap().name, "新しい");
        assert!(r.revised.is_none());
    }

    #[test]
    fn next_number_is_one_past_the_highest_on_either_side() {
        let rows = vec![
            row(
                ChangeStatus::Unchanged,
                Some(side("a", Some(15))),
                Some(side("a", Some(15))),
            ),
            row(ChangeStatus::Deleted, Some(side("b", Some(16))), None),
        ];
        assert_eq!(next_number(&rows), 17);
        assert_eq!(next_number(&[]), 1);
    }

    #[test]
    fn renumber_in_order_keeps_the_numbers_in_use() {
        // ①②④ (③ deleted, shown between) — move ④ to the front.
        let mut rows = vec![
            row(
                ChangeStatus::Unchanged,
                Some(side("d", Some(4))),
                Some(side("d", Some(4))),
            ),
            row(
                ChangeStatus::Unchanged,
                Some(side("a", Some(1))),
                Some(side("a", Some(1))),
            ),
            row(
                ChangeStatus::Unchanged,
                Some(side("b", Some(2))),
                Some(side("b", Some(2))),
            ),
            row(ChangeStatus::Deleted, Some(side("c", Some(3))), None),
        ];
        let changed = renumber_in_order(&mut rows);
        let nums: Vec<Option<u32>> = rows
            .iter()
            .map(|r| r.revised.as_ref().and_then(|s| s.number))
            .collect();
        assert_eq!(nums, vec![Some(1), Some(2), Some(4), None]);
        assert_eq!(changed, 3);
        assert!(
            rows[..3]
                .iter()
                .all(|r| r.status == Some(ChangeStatus::Modified))
        );
        assert_eq!(rows[3].current.as_ref().unwrap().number, Some(3));

        let changed = renumber_from_one(&mut rows);
        assert_eq!(changed, 1);
        assert_eq!(rows[2].revised.as_ref().unwrap().number, Some(3));
    }
}
