//! The comparison blocks of a 施策大項目 and what each block's rows hold.

use serde::{Deserialize, Serialize};

/// A comparison block, in document order.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum BlockKind {
    /// 現況と課題 (one row: the ● paragraphs as a whole).
    Issues,
    /// めざす姿 (one row per ● bullet).
    Vision,
    /// 施策中項目 (one row per item).
    Measures,
    /// 協働による取組 (one row).
    Collaboration,
    /// 関連計画 (one row per plan).
    RelatedPlans,
    /// 主な事業一覧 (one row per 事業).
    Projects,
}

/// Which [`crate::model::Side`] fields a block's rows use.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FieldSet {
    pub number: bool,
    pub name: bool,
    pub departments: bool,
    pub period: bool,
    pub summary: bool,
    pub bullets: bool,
}

impl BlockKind {
    pub const ALL: [BlockKind; 6] = [
        BlockKind::Issues,
        BlockKind::Vision,
        BlockKind::Measures,
        BlockKind::Collaboration,
        BlockKind::RelatedPlans,
        BlockKind::Projects,
    ];

    /// The block's name as the seed's headings write it: in the editor's tree, the findings'
    /// locations, the reports, the CSV's 区分 and the messages about a draft file.
    pub fn label(self) -> &'static str {
        match self {
            BlockKind::Issues => "現況と課題",
            BlockKind::Vision => "めざす姿",
            BlockKind::Measures => "施策中項目",
            BlockKind::Collaboration => "協働による取組",
            BlockKind::RelatedPlans => "関連計画",
            BlockKind::Projects => "主な事業一覧",
        }
    }

    /// What one row of the block is called (「＋ 事業を追加」).
    pub fn item_label(self) -> &'static str {
        match self {
            BlockKind::Issues => "現況と課題",
            BlockKind::Vision => "めざす姿の項目",
            BlockKind::Measures => "施策中項目",
            BlockKind::Collaboration => "協働による取組",
            BlockKind::RelatedPlans => "関連計画",
            BlockKind::Projects => "事業",
        }
    }

    /// What the name field of the block's rows is called.
    pub fn name_label(self) -> &'static str {
        match self {
            BlockKind::Measures => "施策中項目名",
            BlockKind::RelatedPlans => "計画名",
            BlockKind::Projects => "事業名",
            BlockKind::Issues | BlockKind::Vision | BlockKind::Collaboration => "名称",
        }
    }

    /// What the summary field of the block's rows is called: the めざす姿 text of a めざす姿
    /// row, 事業概要, 概要, the 内容 of 協働による取組.
    pub fn summary_label(self) -> &'static str {
        match self {
            BlockKind::Vision => "めざす姿",
            BlockKind::Projects => "事業概要",
            BlockKind::Collaboration => "内容",
            BlockKind::Issues | BlockKind::Measures | BlockKind::RelatedPlans => "概要",
        }
    }

    /// What the ● list of the block's rows is called: 内容（●） of a 施策中項目, ●項目 elsewhere.
    pub fn bullets_label(self) -> &'static str {
        match self {
            BlockKind::Measures => "内容（●）",
            _ => super::row::Side::BULLETS,
        }
    }

    /// What one ● bullet is called, before its number: 内容● of a 施策中項目, ● elsewhere.
    pub fn bullet_label(self) -> &'static str {
        match self {
            BlockKind::Measures => "内容●",
            _ => "●",
        }
    }

    /// What a row's content is called in messages about it (「改定案の事業概要が空です」): the
    /// 内容 of a 施策中項目 or of 協働による取組, 概要, 事業概要, the めざす姿 text, the 現況と課題.
    pub fn content_label(self) -> &'static str {
        match self {
            BlockKind::Issues => "現況と課題",
            BlockKind::Measures => "内容",
            _ => self.summary_label(),
        }
    }

    /// The field of a [`crate::model::Policy`] that holds the block, as the draft file names it.
    pub fn field_name(self) -> &'static str {
        match self {
            BlockKind::Issues => "issues",
            BlockKind::Vision => "vision",
            BlockKind::Measures => "measures",
            BlockKind::Collaboration => "collaboration",
            BlockKind::RelatedPlans => "related_plans",
            BlockKind::Projects => "projects",
        }
    }

    /// Whether the block's rows carry a 変更区分 in staff documents. 現況と課題 and 協働による取組
    /// are rewritten as a whole and carry none.
    pub fn carries_status(self) -> bool {
        !matches!(self, BlockKind::Issues | BlockKind::Collaboration)
    }

    /// The id prefix of new rows of the block, so ids stay readable in the RON file.
    pub fn id_prefix(self) -> &'static str {
        match self {
            BlockKind::Issues => "issues",
            BlockKind::Vision => "vision",
            BlockKind::Measures => "measure",
            BlockKind::Collaboration => "collab",
            BlockKind::RelatedPlans => "plan",
            BlockKind::Projects => "project",
        }
    }

    /// Whether the block holds exactly one row.
    pub fn is_single_row(self) -> bool {
        matches!(self, BlockKind::Issues | BlockKind::Collaboration)
    }

    /// Whether rows are numbered (施策中項目 1, 2 …; 事業 ①, ② …).
    pub fn is_numbered(self) -> bool {
        matches!(self, BlockKind::Measures | BlockKind::Projects)
    }

    /// The fields the block's rows use.
    pub fn fields(self) -> FieldSet {
        let none = FieldSet {
            number: false,
            name: false,
            departments: false,
            period: false,
            summary: false,
            bullets: false,
        };
        match self {
            BlockKind::Issues => FieldSet {
                bullets: true,
                ..none
            },
            BlockKind::Vision => FieldSet {
                summary: true,
                ..none
            },
            BlockKind::Measures => FieldSet {
                number: true,
                name: true,
                departments: true,
                bullets: true,
                ..none
            },
            BlockKind::Collaboration => FieldSet {
                summary: true,
                bullets: true,
                ..none
            },
            BlockKind::RelatedPlans => FieldSet {
                name: true,
                period: true,
                summary: true,
                ..none
            },
            BlockKind::Projects => FieldSet {
                number: true,
                name: true,
                summary: true,
                ..none
            },
        }
    }
}
