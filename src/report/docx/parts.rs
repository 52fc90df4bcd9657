//! The fixed parts of the .docx package: content types, relationships, styles, settings, the
//! font table, the footer with its page numbers, and the document properties.
//!
//! Styles carry Word's built-in names (`heading 1`, `Title`, `toc 1`, `header` …: the names
//! Word stores in every document, whatever its language, and shows as 見出し 1, 表題, 目次 1,
//! ヘッダー), so Word treats them as its own: the navigation pane lists the 見出し, 「目次の
//! 更新」 finds them, and a change to a style changes every paragraph that uses it. The report's
//! own styles have Japanese names (表の本文, 表の見出し …).

use std::fmt::Write as _;

use super::wordml::{Properties, escape_attr, escape_text};

/// The 明朝 of the body text: BIZ UD明朝 Medium, as Windows (10 from 1809, and 11) names it.
pub const MINCHO: Font = Font {
    name: "BIZ UD明朝 Medium",
    alt_name: "BIZ UDMincho Medium",
    // Roman (serif), fixed-pitch kana and kanji; Word substitutes another 明朝 (ＭＳ 明朝)
    // on a PC without it, chosen by these numbers and the Shift_JIS character set.
    panose: "02020500000000000000",
    family: "roman",
    pitch: "fixed",
};

/// The ゴシック of headings, table headers and labels: BIZ UDゴシック.
pub const GOTHIC: Font = Font {
    name: "BIZ UDゴシック",
    alt_name: "BIZ UDGothic",
    panose: "020B0400000000000000",
    family: "modern",
    pitch: "fixed",
};

/// A font as the font table declares it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Font {
    /// The family name Word looks for (Japanese, as Windows lists it).
    pub name: &'static str,
    /// The English family name.
    pub alt_name: &'static str,
    pub panose: &'static str,
    pub family: &'static str,
    pub pitch: &'static str,
}

pub const XML_DECLARATION: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";

/// The namespaces of the document, header and footer parts.
pub const BODY_NAMESPACES: &str = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" \
xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\" \
xmlns:wp=\"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing\" \
xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" \
xmlns:pic=\"http://schemas.openxmlformats.org/drawingml/2006/picture\"";

const W_NAMESPACE: &str =
    "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"";

pub const CONTENT_TYPES: &str = concat!(
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n",
    "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">",
    "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>",
    "<Default Extension=\"xml\" ContentType=\"application/xml\"/>",
    "<Default Extension=\"png\" ContentType=\"image/png\"/>",
    "<Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>",
    "<Override PartName=\"/word/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/>",
    "<Override PartName=\"/word/settings.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml\"/>",
    "<Override PartName=\"/word/fontTable.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml\"/>",
    "<Override PartName=\"/word/header1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml\"/>",
    "<Override PartName=\"/word/footer1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml\"/>",
    "<Override PartName=\"/docProps/core.xml\" ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>",
    "<Override PartName=\"/docProps/app.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.extended-properties+xml\"/>",
    "</Types>"
);

pub const PACKAGE_RELS: &str = concat!(
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n",
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">",
    "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/>",
    "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/>",
    "<Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties\" Target=\"docProps/app.xml\"/>",
    "</Relationships>"
);

/// The document's relationships up to the pictures' (rId6 on), which the writer appends.
pub const DOCUMENT_RELS_START: &str = concat!(
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n",
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">",
    "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>",
    "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings\" Target=\"settings.xml\"/>",
    "<Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/fontTable\" Target=\"fontTable.xml\"/>",
    "<Relationship Id=\"rId4\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/header\" Target=\"header1.xml\"/>",
    "<Relationship Id=\"rId5\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer\" Target=\"footer1.xml\"/>",
);

pub const APP_PROPERTIES: &str = concat!(
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n",
    "<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\">",
    "<Application>shinkyu</Application></Properties>"
);

/// Word 2013 and later layout (not compatibility mode), Japanese line breaking and
/// punctuation compression as Japanese Word sets them.
pub const SETTINGS: &str = concat!(
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n",
    "<w:settings xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">",
    "<w:zoom w:percent=\"100\"/>",
    "<w:defaultTabStop w:val=\"840\"/>",
    "<w:characterSpacingControl w:val=\"compressPunctuation\"/>",
    "<w:compat><w:compatSetting w:name=\"compatibilityMode\" w:uri=\"http://schemas.microsoft.com/office/word\" w:val=\"15\"/></w:compat>",
    "<w:themeFontLang w:val=\"en-US\" w:eastAsia=\"ja-JP\"/>",
    "<w:decimalSymbol w:val=\".\"/><w:listSeparator w:val=\",\"/>",
    "</w:settings>"
);

/// The footer: 「n / N」 from the PAGE and NUMPAGES fields, centred.
pub const FOOTER: &str = concat!(
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n",
    "<w:ftr xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" ",
    "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">",
    "<w:p><w:pPr><w:pStyle w:val=\"Footer\"/><w:jc w:val=\"center\"/></w:pPr>",
    "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r>",
    "<w:r><w:instrText xml:space=\"preserve\"> PAGE </w:instrText></w:r>",
    "<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r><w:r><w:t>1</w:t></w:r>",
    "<w:r><w:fldChar w:fldCharType=\"end\"/></w:r>",
    "<w:r><w:t xml:space=\"preserve\"> / </w:t></w:r>",
    "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r>",
    "<w:r><w:instrText xml:space=\"preserve\"> NUMPAGES </w:instrText></w:r>",
    "<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r><w:r><w:t>1</w:t></w:r>",
    "<w:r><w:fldChar w:fldCharType=\"end\"/></w:r>",
    "</w:p></w:ftr>"
);

/// Title, subject and author (the section that made the draft).
pub fn core_properties(props: &Properties) -> String {
    let mut s = String::from(XML_DECLARATION);
    s.push_str(
        "<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" \
         xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" \
         xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"><dc:title>",
    );
    escape_text(&mut s, &props.title);
    s.push_str("</dc:title><dc:subject>");
    escape_text(&mut s, &props.subject);
    s.push_str("</dc:subject><dc:creator>");
    escape_text(&mut s, &props.creator);
    s.push_str("</dc:creator></cp:coreProperties>");
    s
}

/// The fonts the document uses, with what Word needs to substitute them on a PC that lacks
/// them.
pub fn font_table() -> String {
    let mut s = String::from(XML_DECLARATION);
    let _ = write!(s, "<w:fonts {W_NAMESPACE}>");
    for f in [MINCHO, GOTHIC] {
        s.push_str("<w:font w:name=\"");
        escape_attr(&mut s, f.name);
        s.push_str("\"><w:altName w:val=\"");
        escape_attr(&mut s, f.alt_name);
        let _ = write!(
            s,
            "\"/><w:panose1 w:val=\"{}\"/><w:charset w:val=\"80\"/><w:family w:val=\"{}\"/><w:pitch w:val=\"{}\"/></w:font>",
            f.panose, f.family, f.pitch
        );
    }
    s.push_str("</w:fonts>");
    s
}

/// `<w:rFonts>` naming `f` for every script.
fn fonts(f: Font) -> String {
    let mut s = String::from("<w:rFonts w:ascii=\"");
    escape_attr(&mut s, f.name);
    s.push_str("\" w:eastAsia=\"");
    escape_attr(&mut s, f.name);
    s.push_str("\" w:hAnsi=\"");
    escape_attr(&mut s, f.name);
    s.push_str("\" w:cs=\"");
    escape_attr(&mut s, f.name);
    s.push_str("\"/>");
    s
}

/// One paragraph style: id, name, what it is based on, its paragraph and run properties
/// (already in schema order).
struct ParagraphStyle {
    id: &'static str,
    name: &'static str,
    based_on: Option<&'static str>,
    /// A style Word lists in the style gallery (クイック スタイル).
    gallery: bool,
    ppr: &'static str,
    rpr: &'static str,
    gothic: bool,
}

const PARAGRAPH_STYLES: &[ParagraphStyle] = &[
    ParagraphStyle {
        id: "Title",
        name: "Title",
        based_on: Some("Normal"),
        gallery: true,
        ppr: "<w:spacing w:before=\"120\" w:after=\"60\"/><w:jc w:val=\"center\"/><w:outlineLvl w:val=\"9\"/>",
        rpr: "<w:b/><w:bCs/><w:spacing w:val=\"120\"/><w:sz w:val=\"44\"/><w:szCs w:val=\"44\"/>",
        gothic: true,
    },
    ParagraphStyle {
        id: "Subtitle",
        name: "Subtitle",
        based_on: Some("Normal"),
        gallery: true,
        ppr: "<w:spacing w:after=\"60\"/><w:jc w:val=\"center\"/><w:outlineLvl w:val=\"9\"/>",
        rpr: "<w:sz w:val=\"28\"/><w:szCs w:val=\"28\"/>",
        gothic: true,
    },
    ParagraphStyle {
        id: "Heading1",
        name: "heading 1",
        based_on: Some("Normal"),
        gallery: true,
        ppr: "<w:keepNext/><w:pBdr><w:left w:val=\"single\" w:sz=\"36\" w:space=\"4\" w:color=\"000000\"/><w:bottom w:val=\"single\" w:sz=\"6\" w:space=\"1\" w:color=\"000000\"/></w:pBdr><w:spacing w:before=\"120\" w:after=\"160\"/><w:jc w:val=\"left\"/><w:outlineLvl w:val=\"0\"/>",
        rpr: "<w:b/><w:bCs/><w:sz w:val=\"28\"/><w:szCs w:val=\"28\"/>",
        gothic: true,
    },
    ParagraphStyle {
        id: "Heading2",
        name: "heading 2",
        based_on: Some("Normal"),
        gallery: true,
        ppr: "<w:keepNext/><w:spacing w:before=\"220\" w:after=\"80\"/><w:jc w:val=\"left\"/><w:outlineLvl w:val=\"1\"/>",
        rpr: "<w:b/><w:bCs/><w:sz w:val=\"22\"/><w:szCs w:val=\"22\"/>",
        gothic: true,
    },
    ParagraphStyle {
        id: "Heading3",
        name: "heading 3",
        based_on: Some("Normal"),
        gallery: true,
        ppr: "<w:keepNext/><w:spacing w:before=\"160\" w:after=\"60\"/><w:jc w:val=\"left\"/><w:outlineLvl w:val=\"2\"/>",
        rpr: "<w:b/><w:bCs/><w:sz w:val=\"21\"/><w:szCs w:val=\"21\"/>",
        gothic: true,
    },
    ParagraphStyle {
        id: "TOCHeading",
        name: "TOC Heading",
        based_on: Some("Heading1"),
        gallery: false,
        ppr: "<w:outlineLvl w:val=\"9\"/>",
        rpr: "",
        gothic: true,
    },
    ParagraphStyle {
        id: "TOC1",
        name: "toc 1",
        based_on: Some("Normal"),
        gallery: false,
        ppr: "<w:spacing w:after=\"40\"/><w:ind w:left=\"210\"/><w:jc w:val=\"left\"/>",
        rpr: "",
        gothic: false,
    },
    ParagraphStyle {
        id: "TOC2",
        name: "toc 2",
        based_on: Some("Normal"),
        gallery: false,
        ppr: "<w:spacing w:after=\"20\"/><w:ind w:left=\"630\"/><w:jc w:val=\"left\"/>",
        rpr: "",
        gothic: false,
    },
    ParagraphStyle {
        id: "TOC3",
        name: "toc 3",
        based_on: Some("Normal"),
        gallery: false,
        ppr: "<w:ind w:left=\"1050\"/><w:jc w:val=\"left\"/>",
        rpr: "",
        gothic: false,
    },
    ParagraphStyle {
        id: "Header",
        name: "header",
        based_on: Some("Normal"),
        gallery: false,
        ppr: "<w:jc w:val=\"left\"/>",
        rpr: "<w:sz w:val=\"16\"/><w:szCs w:val=\"16\"/>",
        gothic: true,
    },
    ParagraphStyle {
        id: "Footer",
        name: "footer",
        based_on: Some("Normal"),
        gallery: false,
        ppr: "<w:jc w:val=\"center\"/>",
        rpr: "<w:sz w:val=\"18\"/><w:szCs w:val=\"18\"/>",
        gothic: true,
    },
    ParagraphStyle {
        id: "TableText",
        name: "表の本文",
        based_on: Some("Normal"),
        gallery: true,
        ppr: "<w:spacing w:before=\"0\" w:after=\"20\" w:line=\"260\" w:lineRule=\"auto\"/><w:jc w:val=\"left\"/>",
        rpr: "<w:sz w:val=\"19\"/><w:szCs w:val=\"19\"/>",
        gothic: false,
    },
    ParagraphStyle {
        id: "TableHeading",
        name: "表の見出し",
        based_on: Some("TableText"),
        gallery: true,
        ppr: "<w:keepNext/><w:jc w:val=\"center\"/>",
        rpr: "",
        gothic: true,
    },
    ParagraphStyle {
        id: "AfterTable",
        name: "表の後",
        based_on: Some("Normal"),
        gallery: false,
        ppr: "<w:spacing w:before=\"0\" w:after=\"0\" w:line=\"160\" w:lineRule=\"exact\"/>",
        rpr: "<w:sz w:val=\"8\"/><w:szCs w:val=\"8\"/>",
        gothic: false,
    },
    ParagraphStyle {
        id: "Note",
        name: "注記",
        based_on: Some("Normal"),
        gallery: true,
        ppr: "<w:spacing w:before=\"40\" w:after=\"40\"/>",
        rpr: "<w:sz w:val=\"18\"/><w:szCs w:val=\"18\"/>",
        gothic: false,
    },
    ParagraphStyle {
        id: "Figure",
        name: "図",
        based_on: Some("Normal"),
        gallery: false,
        ppr: "<w:keepNext/><w:spacing w:before=\"120\" w:after=\"120\"/><w:jc w:val=\"center\"/>",
        rpr: "",
        gothic: false,
    },
];

/// The styles part: defaults (明朝 10.5 pt, Japanese), 標準, the paragraph styles above, the
/// ゴシック character style and the grid table style.
pub fn styles() -> String {
    let mut s = String::with_capacity(12 * 1024);
    s.push_str(XML_DECLARATION);
    let _ = write!(
        s,
        "<w:styles {W_NAMESPACE}><w:docDefaults><w:rPrDefault><w:rPr>{}\
         <w:kern w:val=\"2\"/><w:sz w:val=\"21\"/><w:szCs w:val=\"21\"/>\
         <w:lang w:val=\"en-US\" w:eastAsia=\"ja-JP\" w:bidi=\"ar-SA\"/></w:rPr></w:rPrDefault>\
         <w:pPrDefault><w:pPr><w:widowControl w:val=\"0\"/><w:spacing w:after=\"60\"/><w:jc w:val=\"both\"/></w:pPr></w:pPrDefault></w:docDefaults>",
        fonts(MINCHO)
    );
    s.push_str(
        "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/><w:qFormat/></w:style>\
         <w:style w:type=\"character\" w:default=\"1\" w:styleId=\"DefaultParagraphFont\"><w:name w:val=\"Default Paragraph Font\"/><w:uiPriority w:val=\"1\"/><w:semiHidden/><w:unhideWhenUsed/></w:style>",
    );
    for st in PARAGRAPH_STYLES {
        let _ = write!(
            s,
            "<w:style w:type=\"paragraph\" w:styleId=\"{}\"><w:name w:val=\"{}\"/>",
            st.id, st.name
        );
        if let Some(b) = st.based_on {
            let _ = write!(s, "<w:basedOn w:val=\"{b}\"/>");
        }
        if st.id.starts_with("Heading") || st.id == "Title" || st.id == "Subtitle" {
            s.push_str("<w:next w:val=\"Normal\"/>");
        }
        if st.gallery {
            s.push_str("<w:qFormat/>");
        }
        let _ = write!(s, "<w:pPr>{}</w:pPr><w:rPr>", st.ppr);
        // rFonts comes before b / spacing / sz in a run's properties.
        if st.gothic {
            s.push_str(&fonts(GOTHIC));
        }
        let _ = write!(s, "{}</w:rPr></w:style>", st.rpr);
    }
    let _ = write!(
        s,
        "<w:style w:type=\"character\" w:customStyle=\"1\" w:styleId=\"Gothic\"><w:name w:val=\"ゴシック\"/>\
         <w:basedOn w:val=\"DefaultParagraphFont\"/><w:rPr>{}</w:rPr></w:style>",
        fonts(GOTHIC)
    );
    s.push_str(
        "<w:style w:type=\"table\" w:default=\"1\" w:styleId=\"TableNormal\"><w:name w:val=\"Normal Table\"/>\
         <w:uiPriority w:val=\"99\"/><w:semiHidden/><w:unhideWhenUsed/><w:tblPr><w:tblInd w:w=\"0\" w:type=\"dxa\"/>\
         <w:tblCellMar><w:top w:w=\"0\" w:type=\"dxa\"/><w:left w:w=\"108\" w:type=\"dxa\"/><w:bottom w:w=\"0\" w:type=\"dxa\"/>\
         <w:right w:w=\"108\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr></w:style>\
         <w:style w:type=\"table\" w:styleId=\"Grid\"><w:name w:val=\"Table Grid\"/><w:basedOn w:val=\"TableNormal\"/>\
         <w:uiPriority w:val=\"39\"/><w:pPr><w:spacing w:after=\"0\"/></w:pPr><w:tblPr><w:tblBorders>\
         <w:top w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>\
         <w:left w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>\
         <w:bottom w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>\
         <w:right w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>\
         <w:insideH w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>\
         <w:insideV w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/></w:tblBorders>\
         <w:tblCellMar><w:top w:w=\"28\" w:type=\"dxa\"/><w:left w:w=\"85\" w:type=\"dxa\"/><w:bottom w:w=\"28\" w:type=\"dxa\"/>\
         <w:right w:w=\"85\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr></w:style>",
    );
    s.push_str("</w:styles>");
    s
}
