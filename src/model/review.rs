//! Section managers' review of a row: a comment thread and a review state (閲覧モード).

use serde::{Deserialize, Serialize};

use super::status::ReviewState;

/// The review of one comparison row.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq, Default)]
#[serde(deny_unknown_fields)]
pub struct Review {
    #[serde(default)]
    pub state: ReviewState,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub comments: Vec<Comment>,
}

impl Review {
    pub fn is_empty(&self) -> bool {
        self.state == ReviewState::Unchecked && self.comments.is_empty()
    }
}

/// One comment of a row's thread.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq, Default)]
#[serde(deny_unknown_fields)]
pub struct Comment {
    /// Unique within the draft; survives merging copies.
    pub id: String,
    pub author: String,
    /// ISO 8601 date and time, e.g. `2026-11-24T09:30`.
    pub date: String,
    pub text: String,
    /// The comment this one answers, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reply_to: Option<String>,
}
