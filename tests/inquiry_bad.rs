//! 庁内照会: every kind of bad workbook a department sends back gets a Japanese message naming
//! file, sheet and cell, and nothing else in the workbook is lost.

mod inquiry_support;

use std::io::{Cursor, Write};

use inquiry_support::*;
use shinkyu::import::inquiry::{Problem, read_answer};
use shinkyu::model::{Draft, RowId};

const BULLETS: &str = "内容（案）";
const FILE: &str = "照会_環境課.xlsx";

fn refused(bytes: &[u8]) -> Problem {
    match read_answer(FILE, bytes) {
        Ok(_) => panic!("read a bad workbook"),
        Err(p) => p,
    }
}

/// The plan of one answered workbook of 環境課.
fn plan_of(d: &Draft, book: &Book) -> shinkyu::import::inquiry::ImportPlan {
    plan(d, &[(FILE, &book.bytes())])
}

fn bullets_of(d: &Draft, id: &str) -> Vec<String> {
    let p = d.find_row(&RowId::new(id)).unwrap();
    d.row(p).unwrap().revised.as_ref().unwrap().bullets.clone()
}

#[test]
fn not_a_workbook() {
    let p = refused("大項目,区分\n1,施策中項目\n".as_bytes());
    assert_eq!(p.file, FILE);
    assert!(
        p.message.contains("Excel ブック（.xlsx）ではありません"),
        "{}",
        p.message
    );
    assert!(p.message.contains("CSV"), "{}", p.message);
    // A Word document is a zip too.
    let mut z = zip::ZipWriter::new(Cursor::new(Vec::new()));
    z.start_file(
        "word/document.xml",
        zip::write::SimpleFileOptions::default(),
    )
    .unwrap();
    z.write_all(b"<w:document/>").unwrap();
    let docx = z.finish().unwrap().into_inner();
    assert!(
        refused(&docx).message.contains("Word"),
        "{}",
        refused(&docx).message
    );
    let truncated = &export(&city(), ENV)[..2000];
    assert!(
        refused(truncated).message.contains("壊れている"),
        "{}",
        refused(truncated).message
    );
}

fn compound_file(stream: &str) -> Vec<u8> {
    let mut c = cfb::CompoundFile::create(Cursor::new(Vec::new())).unwrap();
    c.create_stream(stream)
        .unwrap()
        .write_all(&[0u8; 600])
        .unwrap();
    c.flush().unwrap();
    c.into_inner().into_inner()
}

#[test]
fn an_old_xls_says_so() {
    let p = refused(&compound_file("/Workbook"));
    assert!(p.message.contains("古い形式"), "{}", p.message);
    assert!(p.message.contains(".xls"), "{}", p.message);
}

#[test]
fn a_password_protected_workbook_says_so() {
    // A real encrypted workbook: umya-spreadsheet writes Excel's agile encryption.
    let book = Book::open(&export(&city(), ENV));
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("locked.xlsx");
    umya_spreadsheet::writer::xlsx::write_with_password(&book.0, &path, "himitsu").unwrap();
    let bytes = std::fs::read(&path).unwrap();
    let p = refused(&bytes);
    assert!(p.message.contains("パスワード"), "{}", p.message);
}

#[test]
fn a_workbook_made_for_another_draft_is_refused_naming_both() {
    let d = city();
    let mut other = city();
    other.meta.draft_id = "another-city-draft".into();
    other.meta.plan_name = "あおば市総合計画".into();
    let book = Book::open(&export(&other, ENV));
    let p = plan_of(&d, &book);
    assert_eq!(p.summary.workbooks_read, 0);
    assert_eq!(p.problems.len(), 1);
    let m = &p.problems[0].message;
    assert!(
        m.contains("あおば市総合計画") && m.contains("みどり市総合計画"),
        "{m}"
    );
    assert!(p.command_for_clear_answers().is_none());
}

#[test]
fn a_workbook_without_the_hidden_record_is_refused() {
    let mut book = Book::open(&export(&city(), ENV));
    book.0.remove_sheet_by_name("照会情報").unwrap();
    let p = refused(&book.bytes());
    assert!(p.message.contains("照会様式の情報"), "{}", p.message);
}

#[test]
fn rows_without_an_id_or_with_one_from_another_workbook_are_problems() {
    let d = city();
    let mut book = Book::open(&export(&d, ENV));
    // A row pasted from 公園緑地課's workbook, and a row whose 行ID was deleted in the middle.
    let (c, r) = book.cell_of(measures(), "g1.measure.2", "行ID");
    book.sheet(measures())
        .get_cell_mut((c, r))
        .set_value_string("g2.measure.1");
    let (c, r1) = book.cell_of(measures(), "g1.measure.1", "行ID");
    book.sheet(measures())
        .get_cell_mut((c, r1))
        .set_value_string("");
    book.set(
        measures(),
        "g2.measure.2",
        BULLETS,
        "●生け垣と花壇づくりを助成します。",
    );
    let p = plan_of(&d, &book);
    let described: Vec<String> = p.problems.iter().map(|p| p.describe()).collect();
    assert_eq!(p.problems.len(), 2, "{described:#?}");
    assert!(
        described.iter().any(|m| m.contains(&format!("セル A{r}"))
            && m.contains("g2.measure.1")
            && m.contains("別のブック")),
        "{described:#?}"
    );
    assert!(
        described
            .iter()
            .any(|m| m.contains(&format!("セル A{r1}")) && m.contains("行IDがない")),
        "{described:#?}"
    );
    assert!(
        described
            .iter()
            .all(|m| m.starts_with("照会_環境課.xlsx シート「施策中項目」"))
    );
    // The rest of the sheet still comes in.
    let after = applied(&d, &p);
    assert_eq!(changed_rows(&d, &after), vec!["g2.measure.2"]);
}

#[test]
fn a_status_outside_the_four_and_contradicting_statuses_are_problems() {
    let d = city();
    let mut book = Book::open(&export(&d, ENV));
    book.set(measures(), "g1.measure.1", status(), "変更有り");
    // 変更あり with the text left as in the plan in force.
    book.set("主な事業一覧", "g1.project.1", status(), "変更あり");
    // 新規 on a row the plan in force has.
    book.set("めざす姿", "g1.vision.1", status(), "新規");
    let (c1, r1) = book.cell_of(measures(), "g1.measure.1", status());
    let p = plan_of(&d, &book);
    let described: Vec<String> = p.problems.iter().map(|p| p.describe()).collect();
    assert_eq!(described.len(), 3, "{described:#?}");
    let cell = format!("セル {}{r1}", (b'A' + c1 as u8 - 1) as char);
    assert!(
        described.iter().any(|m| m.contains("変更有り")
            && m.contains(&cell)
            && m.contains("変更なし・変更あり・新規・削除")),
        "{described:#?}"
    );
    assert!(
        described
            .iter()
            .any(|m| m.contains("シート「主な事業一覧」") && m.contains("現行と同じ")),
        "{described:#?}"
    );
    assert!(
        described
            .iter()
            .any(|m| m.contains("シート「めざす姿」") && m.contains("新規")),
        "{described:#?}"
    );
    assert_eq!(applied(&d, &p), d, "those rows stay as in the draft");
}

#[test]
fn formulas_take_their_computed_value_or_say_there_is_none() {
    let d = city();
    let mut book = Book::open(&export(&d, ENV));
    let at = book.cell_of(measures(), "g1.measure.1", "名称（案）");
    book.sheet(measures())
        .get_cell_mut(at)
        .set_formula("\"ごみの\"&\"発生抑制\"")
        .set_formula_result_default("ごみの発生抑制");
    let at2 = book.cell_of(measures(), "g2.measure.2", "名称（案）");
    book.sheet(measures())
        .get_cell_mut(at2)
        .set_formula("CONCAT(\"緑\",\"化\")");
    // A formula saved without its value (as programs that do not calculate write it).
    let bytes = replace_in_part(
        &book.bytes(),
        "xl/worksheets/sheet2.xml",
        "<f>CONCAT(\"緑\",\"化\")</f><v>緑化の推進</v>",
        "<f>CONCAT(\"緑\",\"化\")</f>",
    );
    let p = plan(&d, &[(FILE, &bytes)]);
    assert_eq!(p.problems.len(), 1, "{:#?}", p.problems);
    assert!(
        p.problems[0].message.contains("計算済みの値がありません"),
        "{}",
        p.problems[0].message
    );
    assert!(
        p.notes.iter().any(|n| n.message.contains("ごみの発生抑制")),
        "{:#?}",
        p.notes
    );
    let after = applied(&d, &p);
    assert_eq!(changed_rows(&d, &after), vec!["g1.measure.1"]);
    let row = after
        .row(after.find_row(&RowId::new("g1.measure.1")).unwrap())
        .unwrap();
    assert_eq!(row.revised.as_ref().unwrap().name, "ごみの発生抑制");
}

#[test]
fn merged_answer_cells_are_problems_and_other_rows_come_in() {
    let d = city();
    let mut book = Book::open(&export(&d, ENV));
    let (c, r) = book.cell_of(measures(), "g1.measure.1", opinion());
    book.set(
        measures(),
        "g1.measure.1",
        opinion(),
        "二つの項目をまとめて",
    );
    let col = (b'A' + c as u8 - 1) as char;
    book.sheet(measures())
        .add_merge_cells(format!("{col}{r}:{col}{}", r + 1));
    book.set(measures(), "g2.measure.2", opinion(), "このままでよい。");
    // Merging the 施策大項目 cells of two rows (to show it once) loses nothing.
    let (pc, pr) = book.cell_of(measures(), "g1.measure.2", "施策大項目");
    let pcol = (b'A' + pc as u8 - 1) as char;
    assert_eq!(pr, r + 1);
    book.sheet(measures())
        .add_merge_cells(format!("{pcol}{}:{pcol}{}", pr, pr + 1));
    let p = plan_of(&d, &book);
    assert_eq!(p.problems.len(), 1, "{:#?}", p.problems);
    assert_eq!(p.problems[0].cell, format!("{col}{r}:{col}{}", r + 1));
    assert!(p.problems[0].message.contains("結合"));
    let after = applied(&d, &p);
    assert_eq!(changed_rows(&d, &after), vec!["g2.measure.2"]);
}

#[test]
fn crlf_and_full_width_spaces_in_cells_are_no_change_and_are_cleaned() {
    let d = city();
    let mut book = Book::open(&export(&d, ENV));
    // The same words with Windows line breaks and full-width spaces around them: no answer.
    book.set(
        measures(),
        "g1.measure.1",
        BULLETS,
        "　●生ごみの水切りを呼びかけます。　\r\n●マイバッグの利用を広めます。\r\n\r\n",
    );
    // A real change typed the same way comes in clean.
    book.set(
        measures(),
        "g2.measure.2",
        BULLETS,
        "●生け垣づくりを助成します。\r\n　●屋上緑化も助成します。　",
    );
    let p = plan_of(&d, &book);
    assert!(p.problems.is_empty(), "{p:#?}");
    let after = applied(&d, &p);
    assert_eq!(changed_rows(&d, &after), vec!["g2.measure.2"]);
    assert_eq!(
        bullets_of(&after, "g2.measure.2"),
        vec!["生け垣づくりを助成します。", "屋上緑化も助成します。"]
    );
}

#[test]
fn sheets_are_found_by_content_when_renamed_or_reordered() {
    let d = city();
    let mut book = Book::open(&export(&d, ENV));
    book.set(
        measures(),
        "g2.measure.2",
        BULLETS,
        "●生け垣づくりを助成します。\n●花壇づくりも助成します。",
    );
    book.sheet(measures()).set_name("回答（環境課）");
    book.sheet("照会情報").set_name("Sheet9");
    let sheets = book.0.get_sheet_collection_mut();
    let last = sheets.len() - 1;
    sheets.swap(1, last); // the hidden record second, the answers last
    let p = plan_of(&d, &book);
    assert!(p.problems.is_empty(), "{p:#?}");
    assert_eq!(p.answers.len(), 1);
    assert_eq!(p.answers[0].sheet, "回答（環境課）");
    assert_eq!(bullets_of(&applied(&d, &p), "g2.measure.2").len(), 2);
}

/// Rewrites the text of one part of a workbook's zip.
fn replace_in_part(bytes: &[u8], part: &str, from: &str, to: &str) -> Vec<u8> {
    use std::io::Read;
    let mut src = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for i in 0..src.len() {
        let name = src.by_index_raw(i).unwrap().name().unwrap().to_string();
        if name == part {
            let mut text = String::new();
            src.by_index(i).unwrap().read_to_string(&mut text).unwrap();
            assert!(text.contains(from), "{part} lacks {from}");
            out.start_file(name, zip::write::SimpleFileOptions::default())
                .unwrap();
            out.write_all(text.replace(from, to).as_bytes()).unwrap();
        } else {
            out.raw_copy_file(src.by_index_raw(i).unwrap()).unwrap();
        }
    }
    out.finish().unwrap().into_inner()
}

/// Adds a part to a workbook's zip (stored, not compressed).
fn with_part(bytes: &[u8], name: &str, content: &[u8]) -> Vec<u8> {
    let mut src = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for i in 0..src.len() {
        let f = src.by_index_raw(i).unwrap();
        out.raw_copy_file(f).unwrap();
    }
    let opts =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    out.start_file(name, opts).unwrap();
    out.write_all(content).unwrap();
    out.finish().unwrap().into_inner()
}

#[test]
fn a_ten_megabyte_workbook_is_read() {
    let d = city();
    let mut book = Book::open(&export(&d, ENV));
    book.set(
        measures(),
        "g2.measure.2",
        BULLETS,
        "●生け垣づくりを助成します。\n●花壇づくりも助成します。",
    );
    // A department typed far away (the sheet's last cell) and beyond the columns read.
    book.sheet(measures())
        .get_cell_mut((16384, 1_048_576))
        .set_value_string("はじっこ");
    book.sheet(measures())
        .get_cell_mut((200, 8))
        .set_value_string("遠い列");
    // …and pasted a large picture: 10 MB that do not compress.
    let mut noise = vec![0u8; 10 * 1024 * 1024];
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    for b in noise.iter_mut() {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        *b = x as u8;
    }
    let bytes = with_part(&book.bytes(), "xl/media/image1.png", &noise);
    assert!(bytes.len() > 10 * 1024 * 1024);
    let p = plan(&d, &[(FILE, &bytes)]);
    assert!(p.problems.is_empty(), "{p:#?}");
    assert_eq!(changed_rows(&d, &applied(&d, &p)), vec!["g2.measure.2"]);
}

#[test]
fn a_workbook_unpacking_to_too_much_is_refused_before_reading() {
    // The size check reads the zip's directory only: a part claiming 1 GB is refused at once.
    let d = city();
    let bytes = export(&d, ENV);
    let mut src = zip::ZipArchive::new(Cursor::new(bytes.as_slice())).unwrap();
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for i in 0..src.len() {
        out.raw_copy_file(src.by_index_raw(i).unwrap()).unwrap();
    }
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .large_file(true);
    out.start_file("xl/worksheets/sheet99.xml", opts).unwrap();
    let chunk = vec![b' '; 1 << 20];
    for _ in 0..450 {
        out.write_all(&chunk).unwrap();
    }
    let bomb = out.finish().unwrap().into_inner();
    assert!(bomb.len() < 5 * 1024 * 1024, "{}", bomb.len());
    let p = refused(&bomb);
    assert!(p.message.contains("大きすぎます"), "{}", p.message);
}
