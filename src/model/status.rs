//! Change status (変更区分) and the other small closed vocabularies of a draft.

use serde::{Deserialize, Serialize};

/// 変更区分: how a comparison row of the revised plan relates to the plan in force.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ChangeStatus {
    /// 変更なし: the revised side equals the current one.
    Unchanged,
    /// 変更あり: the revised side differs from the current one.
    Modified,
    /// 新規: the row is new; it has no current side.
    New,
    /// 削除: the row is removed; it has no revised side.
    Deleted,
}

impl ChangeStatus {
    pub const ALL: [ChangeStatus; 4] = [
        ChangeStatus::Unchanged,
        ChangeStatus::Modified,
        ChangeStatus::New,
        ChangeStatus::Deleted,
    ];

    /// The label staff documents use.
    pub fn label(self) -> &'static str {
        match self {
            ChangeStatus::Unchanged => "変更なし",
            ChangeStatus::Modified => "変更あり",
            ChangeStatus::New => "新規",
            ChangeStatus::Deleted => "削除",
        }
    }

    /// Parses a label as staff write it (with or without the seed's leading 「←」).
    pub fn from_label(text: &str) -> Option<ChangeStatus> {
        let t = text.trim().trim_start_matches('←').trim();
        ChangeStatus::ALL.into_iter().find(|s| s.label() == t)
    }

    /// The RON identifier of each variant, for messages about hand-edited files.
    pub fn ron_name(self) -> &'static str {
        match self {
            ChangeStatus::Unchanged => "Unchanged",
            ChangeStatus::Modified => "Modified",
            ChangeStatus::New => "New",
            ChangeStatus::Deleted => "Deleted",
        }
    }
}

/// 成果指標/現状 の種別.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum IndicatorKind {
    /// 成果指標
    Outcome,
    /// 現状
    Status,
    /// 成果指標/現状
    Both,
}

impl IndicatorKind {
    pub const ALL: [IndicatorKind; 3] = [
        IndicatorKind::Outcome,
        IndicatorKind::Status,
        IndicatorKind::Both,
    ];

    pub fn label(self) -> &'static str {
        match self {
            IndicatorKind::Outcome => "成果指標",
            IndicatorKind::Status => "現状",
            IndicatorKind::Both => "成果指標/現状",
        }
    }
}

/// The department's verdict on an indicator: 問題なし / 要変更.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum IndicatorVerdict {
    /// 問題なし
    NoProblem,
    /// 要変更
    NeedsChange,
}

impl IndicatorVerdict {
    pub const ALL: [IndicatorVerdict; 2] =
        [IndicatorVerdict::NoProblem, IndicatorVerdict::NeedsChange];

    pub fn label(self) -> &'static str {
        match self {
            IndicatorVerdict::NoProblem => "問題なし",
            IndicatorVerdict::NeedsChange => "要変更",
        }
    }
}

/// A section manager's review state of a row (閲覧モード).
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum ReviewState {
    /// 未確認
    #[default]
    Unchecked,
    /// 確認済
    Checked,
    /// 要修正
    NeedsFix,
}

impl ReviewState {
    pub const ALL: [ReviewState; 3] = [
        ReviewState::Unchecked,
        ReviewState::Checked,
        ReviewState::NeedsFix,
    ];

    pub fn label(self) -> &'static str {
        match self {
            ReviewState::Unchecked => "未確認",
            ReviewState::Checked => "確認済",
            ReviewState::NeedsFix => "要修正",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_round_trip_including_the_seed_arrow() {
        for s in ChangeStatus::ALL {
            assert_eq!(ChangeStatus::from_label(s.label()), Some(s));
            assert_eq!(
                ChangeStatus::from_label(&format!("←{}", s.label())),
                Some(s)
            );
        }
        assert_eq!(ChangeStatus::from_label("変更有り"), None);
    }
}
