//! Putting the keyboard focus into a text field and selecting characters in it from outside
//! the editor — a click on a checker finding selects the exact span it is about.
//!
//! The request waits in egui's memory until the field is drawn (the selection changes at the
//! end of a frame; the field appears in the next one): [`crate::app::panels::widgets`]'s text
//! fields call [`before_field`] and [`after_field`]. A request that no field picks up within a
//! few frames is dropped ([`expire`]), so a stale one never steals the focus later.
//!
//! The field ids are the ones the editor's panels give their text fields (`row.rs`,
//! `policy.rs`); [`row_field_id`] and [`policy_field_id`] compute them. The kittest test
//! `clicking_a_finding_selects_the_row_and_the_span` guards that they stay in step.

use egui::text::{CCursor, CCursorRange};
use egui::{Align, Context, Id, Response};

use crate::check::PolicyField;
use crate::model::{RowId, SideField, SideKind};

/// A text field to focus, and the characters to select in it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FocusRequest {
    pub id: Id,
    /// Character range (start, end), end exclusive; `None` puts the cursor at the start.
    pub chars: Option<(usize, usize)>,
    /// Frames left before the request is dropped.
    frames_left: u32,
}

/// How many frames a request waits for its field.
const FRAMES: u32 = 4;

fn key() -> Id {
    Id::unique("shinkyu-pending-focus")
}

/// Asks for the field `id` to take the focus, with `chars` selected, once it is drawn.
pub fn request(ctx: &Context, id: Id, chars: Option<(usize, usize)>) {
    ctx.data_mut(|d| {
        d.insert_temp(
            key(),
            FocusRequest {
                id,
                chars,
                frames_left: FRAMES,
            },
        )
    });
    ctx.request_repaint();
}

/// The request waiting, if any.
pub fn pending(ctx: &Context) -> Option<FocusRequest> {
    ctx.data(|d| d.get_temp::<FocusRequest>(key()))
}

/// Called once per frame: counts down and drops a request no field picked up.
pub fn expire(ctx: &Context) {
    let Some(mut r) = pending(ctx) else { return };
    if r.frames_left == 0 {
        ctx.data_mut(|d| d.remove::<FocusRequest>(key()));
    } else {
        r.frames_left -= 1;
        ctx.data_mut(|d| d.insert_temp(key(), r));
        ctx.request_repaint();
    }
}

/// Called by a text field before it is added: when the request is for it, selects the
/// characters and takes the focus. Returns true when it did (pass it to [`after_field`]).
pub fn before_field(ctx: &Context, id: Id, text: &str) -> bool {
    let Some(r) = pending(ctx).filter(|r| r.id == id) else {
        return false;
    };
    ctx.data_mut(|d| d.remove::<FocusRequest>(key()));
    let len = text.chars().count();
    let (start, end) = r.chars.unwrap_or((0, 0));
    let (start, end) = (start.min(len), end.min(len));
    let mut state = egui::TextEdit::load_state(ctx, id).unwrap_or_default();
    state.cursor.set_char_range(Some(CCursorRange::two(
        CCursor::new(start),
        CCursor::new(end),
    )));
    egui::TextEdit::store_state(ctx, id, state);
    ctx.memory_mut(|m| m.request_focus(id));
    ctx.request_repaint();
    true
}

/// Called by a text field after it was added: scrolls it into view when it took the focus.
pub fn after_field(response: &Response, took_focus: bool) {
    if took_focus {
        response.scroll_to_me(Some(Align::Center));
    }
}

/// The id the row editor gives the text field of `field` on `side` of `row`.
pub fn row_field_id(row: &RowId, side: SideKind, field: SideField, epoch: u64) -> Id {
    let (name, i) = match field {
        SideField::Name => ("name", 0),
        SideField::Department(i) => ("dept", i),
        SideField::Period => ("period", 0),
        SideField::Summary => ("summary", 0),
        SideField::Bullet(i) => ("bullet", i),
    };
    Id::unique(("row-field", row, side, name, i, epoch))
}

/// The id the 施策大項目 pages give the text field of `field`; `None` where the page has no text
/// field for it (SDG names are picked, not typed).
pub fn policy_field_id(policy: usize, field: PolicyField, epoch: u64) -> Option<Id> {
    Some(match field {
        PolicyField::RenamedName => Id::unique(("rename", policy, epoch)),
        PolicyField::SurveyItem => Id::unique(("survey-item", policy, epoch)),
        PolicyField::VoiceQuote(i) => Id::unique(("voice-quote", policy, i, epoch)),
        PolicyField::VoiceContext(i) => Id::unique(("voice-context", policy, i, epoch)),
        PolicyField::IndicatorName(i) => Id::unique(("ind-name", policy, i, epoch)),
        PolicyField::IndicatorChange(i) => Id::unique(("ind-change", policy, i, epoch)),
        PolicyField::IndicatorOpinion => Id::unique(("ind-opinion", policy, epoch)),
        PolicyField::SdgName(_) => return None,
    })
}
