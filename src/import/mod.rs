//! What comes in from outside the draft — text staff paste, departments' workbooks — read into a
//! preview first and applied as [`crate::edit::Command`]s, one undo step, only once shown.

pub mod inquiry;
pub mod paste;
