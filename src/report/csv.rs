//! CSV: one line per comparison row, for Excel (UTF-8 with BOM, RFC 4180 quoting, CRLF).
//!
//! The header is exactly `大項目,区分,項目,変更区分,現行,改定案` (the draft core's contract).

use crate::model::Draft;

use super::view::{ComparisonView, ViewOptions};

/// The header line, exactly.
pub const HEADER: [&str; 6] = ["大項目", "区分", "項目", "変更区分", "現行", "改定案"];

/// The draft's comparison rows as CSV bytes.
pub fn to_csv(draft: &Draft) -> Vec<u8> {
    view_to_csv(&ComparisonView::build(draft, &ViewOptions::default()))
}

/// The view's rows as CSV bytes.
pub fn view_to_csv(view: &ComparisonView) -> Vec<u8> {
    let rows = view.rows().count();
    let mut out = String::with_capacity(view.text_bytes() + rows * 160 + 64);
    out.push('\u{FEFF}');
    write_record(&mut out, HEADER.iter().copied());
    for (policy, row) in view.rows() {
        let label = policy.marked_label();
        write_record(
            &mut out,
            [
                label.as_str(),
                row.block.label(),
                row.label.as_str(),
                row.status.map(|s| s.label()).unwrap_or(""),
                row.current.as_deref().unwrap_or(""),
                row.revised.as_deref().unwrap_or(""),
            ],
        );
    }
    out.into_bytes()
}

/// Appends one record, quoting fields that need it, ending with CRLF.
pub fn write_record<'a>(out: &mut String, fields: impl IntoIterator<Item = &'a str>) {
    for (i, f) in fields.into_iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        if f.contains([',', '"', '\n', '\r']) {
            out.push('"');
            out.push_str(&f.replace('"', "\"\""));
            out.push('"');
        } else {
            out.push_str(f);
        }
    }
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoting_follows_rfc_4180() {
        let mut s = String::new();
        write_record(&mut s, ["a", "b,c", "say \"hi\"", "x\ny"]);
        assert_eq!(s, "a,\"b,c\",\"say \"\"hi\"\"\",\"x\ny\"\r\n");
    }
}
