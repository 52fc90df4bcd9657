//! The HTML report's stylesheet: the @page box (A4 landscape, running header, page numbers)
//! with the document's label, the font stacks, and the static rules in `style.css`.

use std::fmt::Write as _;

/// Body text: 明朝, the fonts Windows ships first, then other systems', then the generic family.
pub const MINCHO: &str = "\"BIZ UD明朝 Medium\", \"BIZ UDMincho Medium\", \"BIZ UD明朝\", \"BIZ UDMincho\", \"游明朝\", \"Yu Mincho\", YuMincho, \"ＭＳ 明朝\", \"MS Mincho\", \"Hiragino Mincho ProN\", \"Noto Serif CJK JP\", \"Noto Serif JP\", \"IPAexMincho\", serif";
/// Headings: ゴシック, likewise.
pub const GOTHIC: &str = "\"BIZ UDゴシック\", \"BIZ UDGothic\", \"游ゴシック\", \"Yu Gothic\", YuGothic, \"メイリオ\", Meiryo, \"Hiragino Sans\", \"Noto Sans CJK JP\", \"Noto Sans JP\", \"IPAexGothic\", sans-serif";

/// Escapes text for a CSS string literal inside a `<style>` element (no `"`, `\`, `<` or line
/// break can end the string or the element).
fn css_string(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' | '\\' | '<' | '>' | '&' => {
                let _ = write!(out, "\\{:X} ", c as u32);
            }
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

pub(super) fn stylesheet(doc_label: &str, corner: &str) -> String {
    let mut css = String::with_capacity(6 * 1024);
    let _ = write!(
        css,
        r#"@page {{
  size: A4 landscape;
  margin: 13mm 11mm 14mm 11mm;
  @top-left {{ content: {label}; font-family: {g}; font-size: 8pt; }}
  @top-right {{ content: {corner}; font-family: {g}; font-size: 8pt; }}
  @bottom-center {{ content: counter(page) " / " counter(pages); font-family: {g}; font-size: 9pt; }}
}}
"#,
        label = css_string(doc_label),
        corner = css_string(corner),
        g = GOTHIC,
    );
    let _ = write!(
        css,
        r#"html {{ font-family: {m}; font-size: 10.5pt; line-height: 1.65; color: #000; background: #fff;
  -webkit-text-size-adjust: 100%; print-color-adjust: exact; -webkit-print-color-adjust: exact; }}
body {{ margin: 0 auto; max-width: 1500px; padding: 1.5em 2em 3em; }}
h1, h2, h3, th, .kicker, .ph, .toc, .meta dt, .legend, .status, .k, .voice-source, .goal {{ font-family: {g}; }}
"#,
        m = MINCHO,
        g = GOTHIC,
    );
    css.push_str(STATIC_CSS);
    css
}

const STATIC_CSS: &str = include_str!("style.css");

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn css_strings_cannot_end_the_style_element() {
        let s = css_string("</style><script>\"x\\\n");
        assert!(!s.contains('<'), "{s}");
        assert!(!s.contains('\n'), "{s}");
        assert_eq!(s.matches('"').count(), 2, "{s}");
    }
}
