//! The draft's data model: pure data and serde, no GUI, no I/O.
//!
//! `Draft` → `Policy` (施策大項目) → blocks → `Row` (one line of the 新旧対照表) → `Side`
//! (現行 / 改定案). See `BlockKind` for what each block's rows hold.

mod address;
mod block;
mod build;
mod create;
mod draft;
mod era;
mod identity;
mod numbering;
mod review;
mod row;
mod sdg;
mod status;

pub use address::{PolicyField, PolicySection, Span, TextAddr};
pub use block::{BlockKind, FieldSet};
pub use create::{NewDraft, NewDraftError, policy_names_from_lines};
pub use draft::{
    Draft, GlossaryEntry, Indicator, Meta, MetaField, Policy, PolicyStatus, Rank, Rename,
    ReviewBase, ReviewBaseRow, RowPath, SCHEMA_VERSION, SdgRef, Suppression, Survey, Voice,
    VoiceForm,
};
pub use era::Era;
pub use identity::new_draft_id;
pub use numbering::{circled_in_cp932, circled_number, circled_value};
pub use review::{Comment, Review};
pub use row::{Row, RowId, Side, SideField, SideKind};
pub use sdg::{SDG_NAMES, sdg_name};
pub use status::{ChangeStatus, IndicatorKind, IndicatorVerdict, ReviewState};
