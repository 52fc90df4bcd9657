//! The draft: metadata, 施策大項目 and their blocks.

use serde::{Deserialize, Serialize};

use super::block::BlockKind;
use super::row::{Row, RowId};
use super::status::{IndicatorKind, IndicatorVerdict};

/// The schema version this program writes and the newest it can read.
pub const SCHEMA_VERSION: u32 = 1;

/// A plan-revision draft for one 分野: what 企画課 edits and what the 新旧対照表 is made from.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Default)]
#[serde(deny_unknown_fields)]
pub struct Draft {
    pub schema_version: u32,
    pub meta: Meta,
    /// 施策大項目, in document order.
    pub policies: Vec<Policy>,
    /// 用語解説: the terms marked ※ and their explanations, when the draft has one.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub glossary: Vec<GlossaryEntry>,
    /// Checker findings that staff chose to ignore, with their reasons.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub suppressions: Vec<Suppression>,
    /// Set in a reviewer's copy when 閲覧モード starts: what each row said then, so that merging
    /// the copy back can tell who changed a text (see `crate::review::merge_review`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub review_base: Option<ReviewBase>,
}

/// What a reviewer's copy held when the review started.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq, Default)]
#[serde(deny_unknown_fields)]
pub struct ReviewBase {
    /// When the review started (ISO 8601).
    pub started: String,
    /// Who reviews.
    pub reviewer: String,
    /// Per row: the fingerprint of its text (status, both sides, memo) and its review state.
    pub rows: Vec<ReviewBaseRow>,
}

/// One row of a [`ReviewBase`].
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq, Default)]
#[serde(deny_unknown_fields)]
pub struct ReviewBaseRow {
    pub id: RowId,
    pub text: String,
    #[serde(default)]
    pub state: super::status::ReviewState,
}

/// What the draft is.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq, Default)]
#[serde(deny_unknown_fields)]
pub struct Meta {
    /// Which draft this is (see [`crate::model::new_draft_id`]): made when the draft is
    /// created, kept by every copy and version. Empty in drafts made before identities.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub draft_id: String,
    /// The plan, e.g. `本庄市総合振興計画 後期基本計画`.
    pub plan_name: String,
    /// The document's own title, e.g. `総合振興計画後期基本計画(素案)について`.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub title: String,
    /// 分野 number, e.g. 6.
    pub field_number: u32,
    /// 分野 name, e.g. `行財政経営分野`.
    pub field_name: String,
    /// Version label, e.g. `素案1`.
    pub version_label: String,
    /// Date of this version, `YYYY-MM-DD`, or empty when unknown.
    #[serde(default)]
    pub date: String,
    /// The section that writes the draft, e.g. `企画課`.
    pub author_section: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub memo: String,
}

impl Meta {
    /// `6. 行財政経営分野`.
    pub fn field_label(&self) -> String {
        format!("{}. {}", self.field_number, self.field_name)
    }

    /// The text of one field.
    pub fn text(&self, field: MetaField) -> &str {
        match field {
            MetaField::PlanName => &self.plan_name,
            MetaField::Title => &self.title,
            MetaField::FieldName => &self.field_name,
            MetaField::VersionLabel => &self.version_label,
            MetaField::Date => &self.date,
            MetaField::AuthorSection => &self.author_section,
            MetaField::Memo => &self.memo,
        }
    }

    /// The text of one field, mutably.
    pub fn text_mut(&mut self, field: MetaField) -> &mut String {
        match field {
            MetaField::PlanName => &mut self.plan_name,
            MetaField::Title => &mut self.title,
            MetaField::FieldName => &mut self.field_name,
            MetaField::VersionLabel => &mut self.version_label,
            MetaField::Date => &mut self.date,
            MetaField::AuthorSection => &mut self.author_section,
            MetaField::Memo => &mut self.memo,
        }
    }
}

/// A text field of the draft's own data ([`Meta`]); the 分野番号 is a number and the identity
/// is not edited.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum MetaField {
    PlanName,
    Title,
    FieldName,
    VersionLabel,
    Date,
    AuthorSection,
    Memo,
}

impl MetaField {
    pub const ALL: [MetaField; 7] = [
        MetaField::PlanName,
        MetaField::Title,
        MetaField::FieldName,
        MetaField::VersionLabel,
        MetaField::Date,
        MetaField::AuthorSection,
        MetaField::Memo,
    ];

    /// The field's Japanese name, as the editor labels it.
    pub fn label(self) -> &'static str {
        match self {
            MetaField::PlanName => "計画名",
            MetaField::Title => "表題",
            MetaField::FieldName => "分野名",
            MetaField::VersionLabel => "版",
            MetaField::Date => "日付",
            MetaField::AuthorSection => "作成課",
            MetaField::Memo => "下書きのメモ",
        }
    }
}

/// Whether a 施策大項目 is renamed (大項目名の変更必要性).
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq, Default)]
pub enum Rename {
    /// なし
    #[default]
    Unchanged,
    /// あり, with the new name (without the number).
    Renamed(String),
}

/// Whether a 施策大項目 is in the plan in force, added in this revision, or leaves the plan.
///
/// Rows carry their own 変更区分; this is the 施策大項目's as a whole. A 施策大項目 of the plan in
/// force is never erased from a draft: deleting it marks it 削除 (its rows 削除, the report shows
/// （削除） on the 改定案 side). One added in this revision is 新規 (its rows 新規, （新規） on the
/// 現行 side); deleting it removes it.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum PolicyStatus {
    /// In the plan in force and in the revision (renamed or not).
    #[default]
    InForce,
    /// 新規: added in this revision; the plan in force has no such 施策大項目.
    New,
    /// 削除: in the plan in force, leaves the revised plan.
    Deleted,
}

impl PolicyStatus {
    pub const ALL: [PolicyStatus; 3] = [
        PolicyStatus::InForce,
        PolicyStatus::New,
        PolicyStatus::Deleted,
    ];

    /// The label staff documents use: 現行, 新規, 削除.
    pub fn label(self) -> &'static str {
        match self {
            PolicyStatus::InForce => "現行",
            PolicyStatus::New => "新規",
            PolicyStatus::Deleted => "削除",
        }
    }

    /// What the report writes after the 施策大項目's name, and in the column where it has no
    /// text: `（新規）`, `（削除）`, or nothing (the same marks as a 新規 / 削除 row's empty side).
    pub const fn mark(self) -> &'static str {
        match self {
            PolicyStatus::InForce => "",
            PolicyStatus::New => "（新規）",
            PolicyStatus::Deleted => "（削除）",
        }
    }
}

/// 施策大項目.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Default)]
#[serde(deny_unknown_fields)]
pub struct Policy {
    pub id: RowId,
    /// The 施策大項目's number in this draft: its number in the revised plan (a 削除 one keeps
    /// its number in force).
    pub number: u32,
    /// The name in the plan in force (for a 新規 one: its name in the revised plan).
    pub name: String,
    pub rename: Rename,
    /// In force, 新規 or 削除 (see [`PolicyStatus`]). Absent in files = in force.
    #[serde(default, skip_serializing_if = "is_default")]
    pub status: PolicyStatus,
    /// 市民アンケート結果.
    #[serde(default)]
    pub survey: Option<Survey>,
    /// 市民の声.
    #[serde(default)]
    pub voices: Vec<Voice>,
    /// 関連するSDGs, as the departments wrote them.
    #[serde(default)]
    pub sdgs: Vec<SdgRef>,
    /// 「成果指標」「現状」の項目案.
    #[serde(default)]
    pub indicators: Vec<Indicator>,
    /// 各課意見 on the indicators.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub indicator_opinion: String,
    /// 現況と課題 (one row).
    pub issues: Row,
    /// めざす姿 (one row per ● bullet).
    pub vision: Vec<Row>,
    /// 施策中項目.
    pub measures: Vec<Row>,
    /// 協働による取組 (one row).
    pub collaboration: Row,
    /// 関連計画.
    pub related_plans: Vec<Row>,
    /// 主な事業一覧 (資料編).
    pub projects: Vec<Row>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub memo: String,
}

impl Policy {
    /// `1. 市政情報の提供の充実と市政に対する市民参加の推進` (the name in force).
    pub fn label(&self) -> String {
        format!("{}. {}", self.number, self.name)
    }

    /// [`Policy::label`] followed by （新規） or （削除） when the 施策大項目 is one.
    pub fn marked_label(&self) -> String {
        format!("{}{}", self.label(), self.status.mark())
    }

    /// The name in the revised plan.
    pub fn revised_name(&self) -> &str {
        match &self.rename {
            Rename::Unchanged => &self.name,
            Rename::Renamed(n) => n,
        }
    }

    /// The rows of one block.
    pub fn block(&self, kind: BlockKind) -> &[Row] {
        match kind {
            BlockKind::Issues => std::slice::from_ref(&self.issues),
            BlockKind::Vision => &self.vision,
            BlockKind::Measures => &self.measures,
            BlockKind::Collaboration => std::slice::from_ref(&self.collaboration),
            BlockKind::RelatedPlans => &self.related_plans,
            BlockKind::Projects => &self.projects,
        }
    }

    /// The rows of one block, mutably.
    pub fn block_mut(&mut self, kind: BlockKind) -> &mut [Row] {
        match kind {
            BlockKind::Issues => std::slice::from_mut(&mut self.issues),
            BlockKind::Vision => &mut self.vision,
            BlockKind::Measures => &mut self.measures,
            BlockKind::Collaboration => std::slice::from_mut(&mut self.collaboration),
            BlockKind::RelatedPlans => &mut self.related_plans,
            BlockKind::Projects => &mut self.projects,
        }
    }

    /// The growable list of a multi-row block; `None` for 現況と課題 and 協働による取組.
    pub fn block_vec_mut(&mut self, kind: BlockKind) -> Option<&mut Vec<Row>> {
        match kind {
            BlockKind::Vision => Some(&mut self.vision),
            BlockKind::Measures => Some(&mut self.measures),
            BlockKind::RelatedPlans => Some(&mut self.related_plans),
            BlockKind::Projects => Some(&mut self.projects),
            BlockKind::Issues | BlockKind::Collaboration => None,
        }
    }
}

/// 市民アンケート結果 for one 施策大項目.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Default)]
#[serde(deny_unknown_fields)]
pub struct Survey {
    /// 項目名: the statement citizens rated.
    pub item: String,
    /// 調査年度 as written (`H24年`, `H28年`, `R3年`).
    pub years: Vec<String>,
    /// 満足度 per year, on the −2…+2 scale.
    pub satisfaction: Vec<f64>,
    /// 重要度 per year, on the −2…+2 scale.
    pub importance: Vec<f64>,
    /// 参考順位 of 満足度 in the latest year.
    #[serde(default)]
    pub satisfaction_rank: Option<Rank>,
    /// 参考順位 of 重要度 in the latest year.
    #[serde(default)]
    pub importance_rank: Option<Rank>,
}

/// A rank `n/N位`.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, Default)]
#[serde(deny_unknown_fields)]
pub struct Rank {
    pub rank: u32,
    pub of: u32,
}

impl Rank {
    pub fn label(&self) -> String {
        format!("{}/{}位", self.rank, self.of)
    }
}

/// How a 市民の声 entry is written.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum VoiceForm {
    /// A verbatim quotation, shown in 「」.
    #[default]
    Quote,
    /// A summary written by the city (e.g. survey percentages), shown as is.
    Summary,
}

/// One 市民の声 entry.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq, Default)]
#[serde(deny_unknown_fields)]
pub struct Voice {
    /// Where it comes from: `市民アンケート`, `ワークショップ` …
    pub source: String,
    /// The question or situation, as written in （） before the quote; empty when none.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub context: String,
    /// The words, without the outer 「」.
    pub quote: String,
    #[serde(default, skip_serializing_if = "is_default")]
    pub form: VoiceForm,
}

fn is_default<T: Default + PartialEq>(v: &T) -> bool {
    *v == T::default()
}

/// A 関連するSDGs entry as written.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq, Default)]
#[serde(deny_unknown_fields)]
pub struct SdgRef {
    pub number: u32,
    pub name: String,
}

/// A 成果指標/現状 line of the 項目案.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Indicator {
    pub id: RowId,
    pub kind: IndicatorKind,
    /// 現行通り: the indicator is carried over from the plan in force.
    pub as_current: bool,
    pub name: String,
    /// 問題なし / 要変更; `None` when not yet answered.
    #[serde(default)]
    pub verdict: Option<IndicatorVerdict>,
    /// What changes, for 要変更.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub change: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub memo: String,
}

/// A 用語解説 entry.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq, Default)]
#[serde(deny_unknown_fields)]
pub struct GlossaryEntry {
    pub term: String,
    pub explanation: String,
}

/// A checker finding that staff chose to ignore.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq, Default)]
#[serde(deny_unknown_fields)]
pub struct Suppression {
    /// The rule's code.
    pub code: String,
    /// The finding's stable key (the rule code, the row or item it is about, the side and the
    /// excerpt), so the suppression still applies after the text around it moves.
    pub key: String,
    /// Why the finding does not apply.
    pub reason: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub author: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub date: String,
}

/// Where a comparison row sits in a draft.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RowPath {
    pub policy: usize,
    pub block: BlockKind,
    pub row: usize,
}

impl Draft {
    /// Every comparison row in document order, with where it sits.
    pub fn rows(&self) -> impl Iterator<Item = (RowPath, &Policy, &Row)> {
        self.policies.iter().enumerate().flat_map(|(pi, p)| {
            BlockKind::ALL.into_iter().flat_map(move |kind| {
                p.block(kind).iter().enumerate().map(move |(ri, row)| {
                    (
                        RowPath {
                            policy: pi,
                            block: kind,
                            row: ri,
                        },
                        p,
                        row,
                    )
                })
            })
        })
    }

    /// The row at `path`.
    pub fn row(&self, path: RowPath) -> Option<&Row> {
        self.policies
            .get(path.policy)
            .and_then(|p| p.block(path.block).get(path.row))
    }

    /// The row at `path`, mutably.
    pub fn row_mut(&mut self, path: RowPath) -> Option<&mut Row> {
        self.policies
            .get_mut(path.policy)
            .and_then(|p| p.block_mut(path.block).get_mut(path.row))
    }

    /// Where a row is, in the seed's own names: `2. 効率的・効果的な行政経営の推進 › 施策中項目 ›
    /// 3 組織、機構の見直し`. A row without a label of its own is named by its position
    /// (`めざす姿 › 2番目`); the one row of 現況と課題 or 協働による取組 by its block alone.
    pub fn row_location(&self, path: RowPath) -> String {
        let Some(policy) = self.policies.get(path.policy) else {
            return String::new();
        };
        let block = format!("{} › {}", policy.label(), path.block.label());
        if path.block.is_single_row() {
            return block;
        }
        let label = policy
            .block(path.block)
            .get(path.row)
            .map(|r| r.label(path.block))
            .unwrap_or_default();
        if label.trim().is_empty() {
            format!("{block} › {}番目", path.row + 1)
        } else {
            format!("{block} › {label}")
        }
    }

    /// Where the row with `id` sits.
    pub fn find_row(&self, id: &RowId) -> Option<RowPath> {
        self.rows().find(|(_, _, r)| &r.id == id).map(|(p, _, _)| p)
    }

    /// Every id in use: policies, rows and indicators.
    pub fn all_ids(&self) -> impl Iterator<Item = &RowId> {
        self.policies.iter().flat_map(|p| {
            std::iter::once(&p.id)
                .chain(p.indicators.iter().map(|i| &i.id))
                .chain(
                    BlockKind::ALL
                        .into_iter()
                        .flat_map(move |k| p.block(k).iter().map(|r| &r.id)),
                )
        })
    }

    /// A fresh id, unique in this draft, with a readable prefix.
    pub fn fresh_id(&self, prefix: &str) -> RowId {
        self.fresh_ids(prefix, 1).remove(0)
    }

    /// `count` fresh ids, unique in this draft and among themselves (rows brought in at once,
    /// e.g. a paste of many rows: the ids in use are collected once).
    pub fn fresh_ids(&self, prefix: &str, count: usize) -> Vec<RowId> {
        let mut used: std::collections::HashSet<String> =
            self.all_ids().map(|i| i.as_str().to_string()).collect();
        // Time-based seed so that two copies of a draft edited apart rarely mint the same id.
        let seed = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos() as u64)
            .unwrap_or(0);
        let mut x = seed ^ 0x9E37_79B9_7F4A_7C15;
        let mut out = Vec::with_capacity(count);
        while out.len() < count {
            // xorshift64*
            x ^= x >> 12;
            x ^= x << 25;
            x ^= x >> 27;
            let v = x.wrapping_mul(0x2545_F491_4F6C_DD1D);
            let id = format!("{prefix}-{:08x}", (v >> 32) as u32);
            if used.insert(id.clone()) {
                out.push(RowId(id));
            }
        }
        out
    }
}
