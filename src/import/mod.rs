//! What comes in from outside the draft: departments' 照会 workbooks (preview first, then commands).

pub mod inquiry;
