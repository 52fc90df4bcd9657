//! Words being written in the comment boxes of the comments panel ([`super::comments`]), kept
//! per row while the user moves around: a comment is not part of the draft until it is
//! recorded. Closing the window or opening another file asks before such words go, and the
//! recovery copy carries them ([`Unposted`]), so a crash does not lose them either.

use std::collections::HashMap;

use egui::Id;
use serde::{Deserialize, Serialize};

use crate::model::{Draft, RowId};

/// The comment boxes' text, per row.
#[derive(Clone, Debug, Default)]
pub struct CommentDrafts {
    /// A new top-level comment per row.
    pub new: HashMap<RowId, String>,
    /// The reply being written: (row, the comment answered, text).
    pub reply: Option<(RowId, String, String)>,
    /// The comment being edited: (row, comment id, text).
    pub editing: Option<(RowId, String, String)>,
    /// A comment box that should take the keyboard focus when it appears.
    pub focus: Option<Id>,
}

/// Which comment box of a row holds the words.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum CommentBox {
    /// A new top-level comment (its box is shown in 閲覧モード only).
    New,
    /// A reply to the comment with this id.
    Reply(String),
    /// The comment with this id, being edited.
    Edit(String),
}

/// Words in a comment box that are not in the draft yet. Kept with the recovery copy, so a
/// crash does not lose them either.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Unposted {
    pub row: RowId,
    #[serde(rename = "box")]
    pub comment_box: CommentBox,
    pub text: String,
}

impl Unposted {
    /// The text field to focus to show the words.
    pub fn field(&self) -> Id {
        match &self.comment_box {
            CommentBox::New => new_comment_id(&self.row),
            CommentBox::Reply(parent) => reply_id(&self.row, parent),
            CommentBox::Edit(comment) => edit_id(&self.row, comment),
        }
    }
}

/// The box for a new top-level comment on a row.
pub fn new_comment_id(row: &RowId) -> Id {
    Id::unique(("comment-new", row))
}

/// The box for a reply to a comment.
pub fn reply_id(row: &RowId, parent: &str) -> Id {
    Id::unique(("comment-reply", row, parent))
}

/// The box in which a comment is edited.
pub fn edit_id(row: &RowId, comment: &str) -> Id {
    Id::unique(("comment-edit", row, comment))
}

impl CommentDrafts {
    /// The comment boxes that hold words not yet in the draft, in document order: new comments
    /// and replies with text, and comments being edited whose text differs from the recorded
    /// one. Closing the window or opening another file asks before they go.
    pub fn unposted(&self, draft: &Draft) -> Vec<Unposted> {
        let mut found = Vec::new();
        for (row, text) in &self.new {
            if !text.trim().is_empty() {
                found.push(Unposted {
                    row: row.clone(),
                    comment_box: CommentBox::New,
                    text: text.clone(),
                });
            }
        }
        if let Some((row, parent, text)) = &self.reply
            && !text.trim().is_empty()
        {
            found.push(Unposted {
                row: row.clone(),
                comment_box: CommentBox::Reply(parent.clone()),
                text: text.clone(),
            });
        }
        if let Some((row, id, text)) = &self.editing {
            let recorded = draft
                .find_row(row)
                .and_then(|p| draft.row(p))
                .and_then(|r| r.review.comments.iter().find(|c| &c.id == id))
                .map(|c| c.text.as_str());
            if recorded.is_some_and(|old| old.trim_end() != text.trim_end()) {
                found.push(Unposted {
                    row: row.clone(),
                    comment_box: CommentBox::Edit(id.clone()),
                    text: text.clone(),
                });
            }
        }
        // Rows that are no longer in the draft (undo of an added row) have nothing to show.
        found.retain(|u| draft.find_row(&u.row).is_some());
        found.sort_by_key(|u| draft.find_row(&u.row));
        found
    }

    /// Puts words back into their boxes (restoring a recovery copy).
    pub fn restore(&mut self, unposted: Vec<Unposted>) {
        for u in unposted {
            match u.comment_box {
                CommentBox::New => {
                    self.new.insert(u.row, u.text);
                }
                CommentBox::Reply(parent) => self.reply = Some((u.row, parent, u.text)),
                CommentBox::Edit(comment) => self.editing = Some((u.row, comment, u.text)),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit::synthetic::sample_draft;
    use crate::model::Comment;

    #[test]
    fn unposted_comments_are_the_boxes_with_new_words_in_document_order() {
        let mut d = sample_draft();
        let ids: Vec<RowId> = d.rows().map(|(_, _, r)| r.id.clone()).collect();
        let (first, later) = (ids[0].clone(), ids[ids.len() - 1].clone());
        let path = d.find_row(&first).unwrap();
        d.row_mut(path).unwrap().review.comments.push(Comment {
            id: "c1".into(),
            author: "総務課長".into(),
            date: "2026-11-24T09:30".into(),
            text: "出典は？".into(),
            reply_to: None,
        });

        let mut drafts = CommentDrafts::default();
        assert!(drafts.unposted(&d).is_empty());
        // Blank boxes and an edit that changes nothing (but trailing space) hold no words.
        drafts.new.insert(later.clone(), "  \n".into());
        drafts.reply = Some((first.clone(), "c1".into(), String::new()));
        drafts.editing = Some((first.clone(), "c1".into(), "出典は？\n".into()));
        assert!(drafts.unposted(&d).is_empty());

        drafts
            .new
            .insert(later.clone(), "表記を直してください".into());
        drafts.editing = Some((first.clone(), "c1".into(), "出典はどこですか".into()));
        let found = drafts.unposted(&d);
        let rows: Vec<&RowId> = found.iter().map(|u| &u.row).collect();
        assert_eq!(rows, [&first, &later], "document order");
        assert_eq!(found[0].comment_box, CommentBox::Edit("c1".into()));
        assert_eq!(found[0].text, "出典はどこですか");
        assert_eq!(found[1].comment_box, CommentBox::New);

        // What is found can be put back, box by box (a recovery copy).
        let mut restored = CommentDrafts::default();
        restored.restore(found.clone());
        assert_eq!(restored.unposted(&d), found);

        // A row that is gone (its addition undone) has nothing to show.
        drafts.reply = Some((RowId::new("gone"), "c1".into(), "返信".into()));
        assert_eq!(drafts.unposted(&d).len(), 2);
    }
}
