//! A small WordprocessingML (Office Open XML, ECMA-376) writer: paragraphs with styles, runs
//! (underline, bold, ゴシック), tables with repeated header rows and rows kept on one page,
//! bookmarks, a 目次 (TOC field), PAGE / NUMPAGES fields, inline PNG pictures; and the package
//! around them (`[Content_Types].xml`, relationships, styles, settings, fonts, header, footer,
//! document properties) zipped into a .docx.
//!
//! It knows nothing of the 新旧対照表: `report.rs` lays the report out with it. Every text goes
//! through [`escape_text`]; the caller never writes markup.

use std::fmt::Write as _;
use std::io::Write as _;

use super::parts;

/// Twentieths of a point, Word's unit of length (1 mm ≈ 56.7).
pub type Twips = u32;

/// Twips in `mm` millimetres.
pub const fn mm(mm: u32) -> Twips {
    mm * 1440 * 10 / 254
}

/// A4 landscape with the report's margins.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PageSetup {
    pub width: Twips,
    pub height: Twips,
    pub top: Twips,
    pub bottom: Twips,
    pub left: Twips,
    pub right: Twips,
    /// Distance of the running header from the top edge, of the footer from the bottom edge.
    pub header: Twips,
    pub footer: Twips,
}

impl PageSetup {
    /// A4 landscape (297 × 210 mm).
    pub const A4_LANDSCAPE: PageSetup = PageSetup {
        width: 16838,
        height: 11906,
        top: mm(15),
        bottom: mm(15),
        left: mm(12),
        right: mm(12),
        header: mm(7),
        footer: mm(7),
    };

    /// The width text can use between the margins.
    pub fn text_width(&self) -> Twips {
        self.width - self.left - self.right
    }

    /// The height text can use between the margins.
    pub fn text_height(&self) -> Twips {
        self.height - self.top - self.bottom
    }
}

/// How a run looks, on top of its paragraph's style.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct RunLook {
    /// A changed word: single underline.
    pub underline: bool,
    pub bold: bool,
    /// The heading font (ゴシック) instead of the body's 明朝.
    pub gothic: bool,
    /// Font size in half points (`None` = the style's).
    pub half_points: Option<u32>,
}

impl RunLook {
    pub const PLAIN: RunLook = RunLook {
        underline: false,
        bold: false,
        gothic: false,
        half_points: None,
    };
    pub const CHANGED: RunLook = RunLook {
        underline: true,
        ..RunLook::PLAIN
    };
    pub const GOTHIC: RunLook = RunLook {
        gothic: true,
        ..RunLook::PLAIN
    };
    pub const GOTHIC_BOLD: RunLook = RunLook {
        gothic: true,
        bold: true,
        ..RunLook::PLAIN
    };
}

/// A piece of text with one look.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Run {
    pub text: String,
    pub look: RunLook,
}

impl Run {
    pub fn new(text: impl Into<String>, look: RunLook) -> Run {
        Run {
            text: text.into(),
            look,
        }
    }

    pub fn plain(text: impl Into<String>) -> Run {
        Run::new(text, RunLook::PLAIN)
    }
}

/// Paragraph alignment.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Align {
    #[default]
    Start,
    Center,
    End,
}

/// A paragraph: a style, a few direct properties, its runs.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Paragraph {
    /// A style id from `parts::STYLES` (`Heading1`, `TableText` …); `None` = 標準 (Normal).
    pub style: Option<&'static str>,
    pub align: Align,
    /// Hanging indent in twips (a ● line: the bullet hangs, the text aligns after it).
    pub hanging: Twips,
    /// Starts a new page (overrides the style either way when set).
    pub page_break_before: Option<bool>,
    /// Keeps this paragraph on the page of the next one.
    pub keep_next: bool,
    /// A bookmark around the paragraph's text (a 目次 entry points here).
    pub bookmark: Option<String>,
    pub runs: Vec<Run>,
}

impl Paragraph {
    pub fn new(style: Option<&'static str>) -> Paragraph {
        Paragraph {
            style,
            ..Paragraph::default()
        }
    }

    /// A paragraph of one plain run.
    pub fn text(style: Option<&'static str>, text: impl Into<String>) -> Paragraph {
        Paragraph::new(style).run(Run::plain(text))
    }

    pub fn run(mut self, run: Run) -> Paragraph {
        self.runs.push(run);
        self
    }

    pub fn push(&mut self, text: impl Into<String>, look: RunLook) {
        self.runs.push(Run::new(text, look));
    }

    pub fn align(mut self, align: Align) -> Paragraph {
        self.align = align;
        self
    }
}

/// One cell of a table.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Cell {
    /// At least one paragraph is written (Word requires one per cell).
    pub paragraphs: Vec<Paragraph>,
    /// Grey shading (header cells).
    pub shaded: bool,
    /// Columns this cell spans.
    pub span: u32,
}

impl Cell {
    pub fn new(paragraphs: Vec<Paragraph>) -> Cell {
        Cell {
            paragraphs,
            shaded: false,
            span: 1,
        }
    }

    pub fn shaded(mut self) -> Cell {
        self.shaded = true;
        self
    }

    pub fn span(mut self, columns: u32) -> Cell {
        self.span = columns.max(1);
        self
    }
}

/// One row of a table.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TableRow {
    pub cells: Vec<Cell>,
    /// A header row: repeated at the top of every page the table runs onto (`w:tblHeader`).
    /// Only the table's first rows may be header rows.
    pub header: bool,
    /// Kept on one page, moved whole to the next one (`w:cantSplit`).
    pub cant_split: bool,
}

/// A table with fixed column widths and the 表 (grid) style's borders.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Table {
    /// Column widths in twips; the table is as wide as their sum.
    pub widths: Vec<Twips>,
    pub rows: Vec<TableRow>,
}

/// An entry of the 目次.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ContentsEntry {
    /// 1 = 見出し 1 …
    pub level: u8,
    pub text: String,
    /// The bookmark on its heading.
    pub bookmark: String,
}

/// A PNG picture placed inline.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Media {
    rel_id: String,
    /// Path in the package, under `word/`.
    target: String,
    bytes: Vec<u8>,
}

/// Why a picture cannot be placed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImageError {
    NotPng,
}

/// The text of the running header and footer.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PageFurniture {
    /// Top left of every page.
    pub header_left: String,
    /// Top right of every page.
    pub header_right: String,
}

/// The document's properties (ファイル › 情報).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Properties {
    pub title: String,
    pub subject: String,
    pub creator: String,
}

/// A document being written: its body and pictures; [`Document::finish`] makes the .docx.
pub struct Document {
    body: String,
    media: Vec<Media>,
    next_bookmark: u32,
    next_drawing: u32,
    pub page: PageSetup,
}

/// The first relationship id free for pictures (rId1–rId5 are the fixed parts).
const FIRST_MEDIA_REL: usize = 6;

impl Document {
    pub fn new(page: PageSetup, capacity: usize) -> Document {
        Document {
            body: String::with_capacity(capacity),
            media: Vec::new(),
            next_bookmark: 0,
            next_drawing: 1,
            page,
        }
    }

    /// Appends a paragraph.
    pub fn paragraph(&mut self, p: &Paragraph) {
        let out = &mut self.body;
        write_paragraph(out, p, &mut self.next_bookmark);
    }

    /// Appends a table.
    pub fn table(&mut self, t: &Table) {
        let out = &mut self.body;
        out.push_str("<w:tbl><w:tblPr><w:tblStyle w:val=\"Grid\"/>");
        let total: Twips = t.widths.iter().sum();
        let _ = write!(
            out,
            "<w:tblW w:w=\"{total}\" w:type=\"dxa\"/><w:tblLayout w:type=\"fixed\"/>\
             <w:tblLook w:val=\"04A0\" w:firstRow=\"1\" w:lastRow=\"0\" w:firstColumn=\"0\" \
             w:lastColumn=\"0\" w:noHBand=\"1\" w:noVBand=\"1\"/></w:tblPr><w:tblGrid>"
        );
        for w in &t.widths {
            let _ = write!(out, "<w:gridCol w:w=\"{w}\"/>");
        }
        out.push_str("</w:tblGrid>");
        for row in &t.rows {
            out.push_str("<w:tr>");
            if row.header || row.cant_split {
                out.push_str("<w:trPr>");
                if row.cant_split {
                    out.push_str("<w:cantSplit/>");
                }
                if row.header {
                    out.push_str("<w:tblHeader/>");
                }
                out.push_str("</w:trPr>");
            }
            let mut column = 0usize;
            for cell in &row.cells {
                let span = cell.span.max(1) as usize;
                let width: Twips = t.widths.iter().skip(column).take(span).sum();
                column += span;
                let _ = write!(out, "<w:tc><w:tcPr><w:tcW w:w=\"{width}\" w:type=\"dxa\"/>");
                if span > 1 {
                    let _ = write!(out, "<w:gridSpan w:val=\"{span}\"/>");
                }
                if cell.shaded {
                    out.push_str("<w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"E6E6E6\"/>");
                }
                out.push_str("</w:tcPr>");
                if cell.paragraphs.is_empty() {
                    write_paragraph(
                        out,
                        &Paragraph::new(Some("TableText")),
                        &mut self.next_bookmark,
                    );
                }
                for p in &cell.paragraphs {
                    write_paragraph(out, p, &mut self.next_bookmark);
                }
                out.push_str("</w:tc>");
            }
            out.push_str("</w:tr>");
        }
        // A paragraph after every table: Word needs one between two tables (else it merges
        // them) and before the section's end.
        out.push_str("</w:tbl>");
        write_paragraph(
            out,
            &Paragraph::new(Some("AfterTable")),
            &mut self.next_bookmark,
        );
    }

    /// A 目次: Word's TOC field over the 見出し 1…`levels` styles, its entries written out as
    /// links to their headings, so it reads before it is updated; 「目次の更新」 (F9) adds the
    /// page numbers.
    pub fn contents(&mut self, entries: &[ContentsEntry], levels: u8) {
        let out = &mut self.body;
        let field_start = format!(
            "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r>\
             <w:r><w:instrText xml:space=\"preserve\"> TOC \\o \"1-{levels}\" \\h \\z \\u </w:instrText></w:r>\
             <w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>"
        );
        let field_end = "<w:r><w:fldChar w:fldCharType=\"end\"/></w:r>";
        if entries.is_empty() {
            let _ = write!(out, "<w:p>{field_start}{field_end}</w:p>");
            return;
        }
        for (i, e) in entries.iter().enumerate() {
            let _ = write!(
                out,
                "<w:p><w:pPr><w:pStyle w:val=\"TOC{}\"/></w:pPr>",
                e.level.clamp(1, 3)
            );
            if i == 0 {
                out.push_str(&field_start);
            }
            out.push_str("<w:hyperlink w:anchor=\"");
            escape_attr(out, &e.bookmark);
            out.push_str("\" w:history=\"1\">");
            write_run(out, &Run::plain(e.text.as_str()));
            out.push_str("</w:hyperlink>");
            if i + 1 == entries.len() {
                out.push_str(field_end);
            }
            out.push_str("</w:p>");
        }
    }

    /// Places a PNG picture inline in its own paragraph, `width` wide (its height follows the
    /// picture's proportions), with `description` as its alternative text.
    pub fn picture(
        &mut self,
        png: &[u8],
        width: Twips,
        name: &str,
        description: &str,
    ) -> Result<(), ImageError> {
        let (px_w, px_h) = png_size(png).ok_or(ImageError::NotPng)?;
        let rel_id = format!("rId{}", FIRST_MEDIA_REL + self.media.len());
        let target = format!("media/image{}.png", self.media.len() + 1);
        // EMU: 914 400 an inch, 635 a twip.
        let cx = u64::from(width) * 635;
        let cy = cx * u64::from(px_h) / u64::from(px_w.max(1));
        let id = self.next_drawing;
        self.next_drawing += 1;
        let out = &mut self.body;
        let _ = write!(
            out,
            "<w:p><w:pPr><w:pStyle w:val=\"Figure\"/></w:pPr><w:r><w:drawing>\
             <wp:inline distT=\"0\" distB=\"0\" distL=\"0\" distR=\"0\"><wp:extent cx=\"{cx}\" cy=\"{cy}\"/>\
             <wp:docPr id=\"{id}\" name=\""
        );
        escape_attr(out, name);
        out.push_str("\" descr=\"");
        escape_attr(out, description);
        let _ = write!(
            out,
            "\"/><wp:cNvGraphicFramePr><a:graphicFrameLocks noChangeAspect=\"1\"/></wp:cNvGraphicFramePr>\
             <a:graphic><a:graphicData uri=\"http://schemas.openxmlformats.org/drawingml/2006/picture\">\
             <pic:pic><pic:nvPicPr><pic:cNvPr id=\"{id}\" name=\"image{id}.png\"/><pic:cNvPicPr/></pic:nvPicPr>\
             <pic:blipFill><a:blip r:embed=\"{rel_id}\"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>\
             <pic:spPr><a:xfrm><a:off x=\"0\" y=\"0\"/><a:ext cx=\"{cx}\" cy=\"{cy}\"/></a:xfrm>\
             <a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom></pic:spPr></pic:pic>\
             </a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>"
        );
        self.media.push(Media {
            rel_id,
            target,
            bytes: png.to_vec(),
        });
        Ok(())
    }

    /// The .docx: the body closed by the section (page size, margins, header and footer
    /// references) and every part of the package.
    pub fn finish(
        mut self,
        furniture: &PageFurniture,
        props: &Properties,
    ) -> zip::result::ZipResult<Vec<u8>> {
        let p = self.page;
        let _ = write!(
            self.body,
            "<w:sectPr><w:headerReference w:type=\"default\" r:id=\"rId4\"/>\
             <w:footerReference w:type=\"default\" r:id=\"rId5\"/>\
             <w:pgSz w:w=\"{}\" w:h=\"{}\" w:orient=\"landscape\"/>\
             <w:pgMar w:top=\"{}\" w:right=\"{}\" w:bottom=\"{}\" w:left=\"{}\" w:header=\"{}\" w:footer=\"{}\" w:gutter=\"0\"/>\
             <w:cols w:space=\"425\"/></w:sectPr>",
            p.width, p.height, p.top, p.right, p.bottom, p.left, p.header, p.footer
        );
        let document = format!(
            "{}<w:document {}><w:body>{}</w:body></w:document>",
            parts::XML_DECLARATION,
            parts::BODY_NAMESPACES,
            self.body
        );
        let header = self.header(furniture);
        let mut rels = String::from(parts::DOCUMENT_RELS_START);
        for m in &self.media {
            let _ = write!(
                rels,
                "<Relationship Id=\"{}\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/image\" Target=\"{}\"/>",
                m.rel_id, m.target
            );
        }
        rels.push_str("</Relationships>");

        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::with_capacity(
            document.len() / 4 + 16 * 1024,
        )));
        let deflated = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        let stored = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Stored);
        let text_parts: [(&str, &str); 10] = [
            ("[Content_Types].xml", parts::CONTENT_TYPES),
            ("_rels/.rels", parts::PACKAGE_RELS),
            ("docProps/core.xml", &parts::core_properties(props)),
            ("docProps/app.xml", parts::APP_PROPERTIES),
            ("word/document.xml", &document),
            ("word/_rels/document.xml.rels", &rels),
            ("word/styles.xml", &parts::styles()),
            ("word/settings.xml", parts::SETTINGS),
            ("word/fontTable.xml", &parts::font_table()),
            ("word/header1.xml", &header),
        ];
        for (name, text) in text_parts {
            zip.start_file(name, deflated)?;
            zip.write_all(text.as_bytes())?;
        }
        zip.start_file("word/footer1.xml", deflated)?;
        zip.write_all(parts::FOOTER.as_bytes())?;
        for m in &self.media {
            zip.start_file(format!("word/{}", m.target), stored)?;
            zip.write_all(&m.bytes)?;
        }
        Ok(zip.finish()?.into_inner())
    }

    /// The running header: the document's label left, the version and date right.
    fn header(&self, furniture: &PageFurniture) -> String {
        let mut out = format!(
            "{}<w:hdr {}><w:p><w:pPr><w:pStyle w:val=\"Header\"/><w:tabs><w:tab w:val=\"right\" w:pos=\"{}\"/></w:tabs></w:pPr>",
            parts::XML_DECLARATION,
            parts::BODY_NAMESPACES,
            self.page.text_width()
        );
        write_run(&mut out, &Run::plain(furniture.header_left.as_str()));
        out.push_str("<w:r><w:tab/></w:r>");
        write_run(&mut out, &Run::plain(furniture.header_right.as_str()));
        out.push_str("</w:p></w:hdr>");
        out
    }
}

fn write_paragraph(out: &mut String, p: &Paragraph, next_bookmark: &mut u32) {
    out.push_str("<w:p>");
    let has_props = p.style.is_some()
        || p.align != Align::Start
        || p.hanging > 0
        || p.page_break_before.is_some()
        || p.keep_next;
    if has_props {
        out.push_str("<w:pPr>");
        if let Some(style) = p.style {
            let _ = write!(out, "<w:pStyle w:val=\"{style}\"/>");
        }
        if p.keep_next {
            out.push_str("<w:keepNext/>");
        }
        match p.page_break_before {
            Some(true) => out.push_str("<w:pageBreakBefore/>"),
            Some(false) => out.push_str("<w:pageBreakBefore w:val=\"0\"/>"),
            None => {}
        }
        if p.hanging > 0 {
            let _ = write!(out, "<w:ind w:left=\"{0}\" w:hanging=\"{0}\"/>", p.hanging);
        }
        match p.align {
            Align::Start => {}
            Align::Center => out.push_str("<w:jc w:val=\"center\"/>"),
            Align::End => out.push_str("<w:jc w:val=\"right\"/>"),
        }
        out.push_str("</w:pPr>");
    }
    let bookmark = p.bookmark.as_ref().map(|name| {
        let id = *next_bookmark;
        *next_bookmark += 1;
        let _ = write!(out, "<w:bookmarkStart w:id=\"{id}\" w:name=\"");
        escape_attr(out, name);
        out.push_str("\"/>");
        id
    });
    for r in &p.runs {
        write_run(out, r);
    }
    if let Some(id) = bookmark {
        let _ = write!(out, "<w:bookmarkEnd w:id=\"{id}\"/>");
    }
    out.push_str("</w:p>");
}

fn write_run(out: &mut String, r: &Run) {
    if r.text.is_empty() {
        return;
    }
    out.push_str("<w:r>");
    let l = r.look;
    if l != RunLook::PLAIN {
        out.push_str("<w:rPr>");
        if l.gothic {
            out.push_str("<w:rStyle w:val=\"Gothic\"/>");
        }
        if l.bold {
            out.push_str("<w:b/><w:bCs/>");
        }
        if let Some(hp) = l.half_points {
            let _ = write!(out, "<w:sz w:val=\"{hp}\"/><w:szCs w:val=\"{hp}\"/>");
        }
        if l.underline {
            out.push_str("<w:u w:val=\"single\"/>");
        }
        out.push_str("</w:rPr>");
    }
    // Line breaks and tabs inside a run become Word's own elements.
    for (i, line) in r.text.split('\n').enumerate() {
        if i > 0 {
            out.push_str("<w:br/>");
        }
        for (j, piece) in line.split('\t').enumerate() {
            if j > 0 {
                out.push_str("<w:tab/>");
            }
            let piece = piece.strip_suffix('\r').unwrap_or(piece);
            if piece.is_empty() {
                continue;
            }
            out.push_str("<w:t xml:space=\"preserve\">");
            escape_text(out, piece);
            out.push_str("</w:t>");
        }
    }
    out.push_str("</w:r>");
}

/// Escapes text for XML element content; characters XML 1.0 does not allow become U+FFFD.
pub fn escape_text(out: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c if !xml_char(c) => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
}

/// Escapes text for an attribute value in double quotes.
pub fn escape_attr(out: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '"' => out.push_str("&quot;"),
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\n' | '\r' | '\t' => out.push(' '),
            c if !xml_char(c) => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
}

/// The characters XML 1.0 allows.
fn xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// Width and height of a PNG in pixels, from its IHDR chunk.
fn png_size(png: &[u8]) -> Option<(u32, u32)> {
    const SIGNATURE: [u8; 8] = [0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A];
    if png.len() < 24 || png[..8] != SIGNATURE || &png[12..16] != b"IHDR" {
        return None;
    }
    let w = u32::from_be_bytes(png[16..20].try_into().ok()?);
    let h = u32::from_be_bytes(png[20..24].try_into().ok()?);
    (w > 0 && h > 0).then_some((w, h))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped_and_invalid_characters_replaced() {
        let mut s = String::new();
        escape_text(&mut s, "<a & b>\u{1}\u{FFFE}");
        assert_eq!(s, "&lt;a &amp; b&gt;\u{FFFD}\u{FFFD}");
        let mut a = String::new();
        escape_attr(&mut a, "\"x\"\n");
        assert_eq!(a, "&quot;x&quot; ");
    }

    #[test]
    fn runs_carry_breaks_tabs_and_underline() {
        let mut s = String::new();
        write_run(&mut s, &Run::new("一\n二\t三", RunLook::CHANGED));
        assert_eq!(
            s,
            "<w:r><w:rPr><w:u w:val=\"single\"/></w:rPr><w:t xml:space=\"preserve\">一</w:t><w:br/>\
             <w:t xml:space=\"preserve\">二</w:t><w:tab/><w:t xml:space=\"preserve\">三</w:t></w:r>"
        );
    }

    #[test]
    fn png_sizes_are_read_from_the_header() {
        let mut png = vec![0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13];
        png.extend_from_slice(b"IHDR");
        png.extend_from_slice(&640u32.to_be_bytes());
        png.extend_from_slice(&480u32.to_be_bytes());
        assert_eq!(png_size(&png), Some((640, 480)));
        assert_eq!(png_size(b"GIF89a........................"), None);
    }

    #[test]
    fn millimetres_convert_to_twips() {
        assert_eq!(mm(254), 14400);
        assert_eq!(PageSetup::A4_LANDSCAPE.text_width(), 16838 - 2 * mm(12));
    }
}
