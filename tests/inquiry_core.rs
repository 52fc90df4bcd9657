//! 庁内照会, the core: the workbooks written per department (read back with calamine), answers
//! made in another program (umya-spreadsheet) matched by 行ID, conflicts, opinions into memos
//! once, rows added under a table, and the import as one undo step.

mod inquiry_support;

use std::io::{Cursor, Read};

use calamine::{Data, Reader, SheetVisible, Xlsx};
use inquiry_support::*;
use shinkyu::edit::{Document, MemoTarget};
use shinkyu::import::inquiry::{
    ConflictKind, ExportOptions, assignments, export_workbooks, layout, workbook_file_name,
};
use shinkyu::model::{BlockKind, ChangeStatus, IndicatorVerdict, RowId};

const BULLETS: &str = "内容（案）";
const NAME: &str = "名称（案）";

fn sheet_rows(bytes: &[u8], name: &str) -> Vec<Vec<String>> {
    let mut wb: Xlsx<_> = Xlsx::new(Cursor::new(bytes.to_vec())).expect("calamine opens it");
    let range = wb.worksheet_range(name).expect("sheet");
    range
        .rows()
        .map(|r| {
            r.iter()
                .map(|c| match c {
                    Data::String(s) => s.clone(),
                    Data::Empty => String::new(),
                    other => other.to_string(),
                })
                .collect()
        })
        .collect()
}

fn zip_text(bytes: &[u8], part: &str) -> String {
    let mut z = zip::ZipArchive::new(Cursor::new(bytes)).expect("zip");
    let mut s = String::new();
    z.by_name(part)
        .expect(part)
        .read_to_string(&mut s)
        .expect("utf-8");
    s
}

#[test]
fn one_workbook_per_department_named_after_it() {
    let d = city();
    assert_eq!(departments(&d), vec![ENV, CLEAN, PARKS]);
    let books = export_workbooks(&d, &ExportOptions::default()).expect("export");
    let names: Vec<&str> = books.iter().map(|b| b.file_name.as_str()).collect();
    assert_eq!(
        names,
        vec![
            "照会_環境課.xlsx",
            "照会_清掃センター.xlsx",
            "照会_公園緑地課.xlsx"
        ]
    );
    assert_eq!(
        workbook_file_name("総務課/庶務係"),
        "照会_総務課／庶務係.xlsx"
    );
    let only = export_workbooks(
        &d,
        &ExportOptions {
            departments: vec![PARKS.into()],
            ..ExportOptions::default()
        },
    )
    .expect("one");
    assert_eq!(only.len(), 1);
    let err = export_workbooks(
        &d,
        &ExportOptions {
            departments: vec!["水道課".into()],
            ..ExportOptions::default()
        },
    )
    .unwrap_err();
    assert!(err.to_string().contains("水道課"), "{err}");
}

#[test]
fn a_department_gets_its_measures_and_its_policies_shared_rows() {
    let d = city();
    let ids = |dept: &str| -> Vec<String> {
        assignments(&d, dept)
            .iter()
            .map(|a| a.id.to_string())
            .collect()
    };
    let parks = ids(PARKS);
    // Its own 施策中項目, not 環境課's in the same 施策大項目; the shared rows of 施策大項目 2 only.
    assert!(parks.contains(&"g2.measure.1".to_string()));
    assert!(!parks.contains(&"g2.measure.2".to_string()));
    assert!(
        parks.contains(&"g2-issues".to_string()) && parks.contains(&"g2.project.1".to_string())
    );
    assert!(!parks.iter().any(|i| i.starts_with("g1")));
    let clean = ids(CLEAN);
    assert!(clean.contains(&"g1.measure.2".to_string()) && clean.contains(&"g1.ind.1".to_string()));
    assert!(!clean.contains(&"g1.measure.1".to_string()));
    // Shared rows name the other departments of the 施策大項目.
    let a = assignments(&d, CLEAN);
    let issues = a.iter().find(|a| a.id.as_str() == "g1-issues").unwrap();
    assert_eq!(issues.shared_with, vec![ENV.to_string()]);
}

#[test]
fn the_workbook_holds_guide_answer_sheets_and_the_hidden_record() {
    let d = city();
    let bytes = export(&d, ENV);
    let wb: Xlsx<_> = Xlsx::new(Cursor::new(bytes.clone())).unwrap();
    let sheets: Vec<(String, SheetVisible)> = wb
        .sheets_metadata()
        .iter()
        .map(|s| (s.name.clone(), s.visible))
        .collect();
    let names: Vec<&str> = sheets.iter().map(|s| s.0.as_str()).collect();
    assert_eq!(
        names,
        vec![
            "説明",
            "施策中項目",
            "成果指標・現状",
            "現況と課題",
            "めざす姿",
            "協働による取組",
            "関連計画",
            "主な事業一覧",
            "照会情報"
        ]
    );
    assert_eq!(sheets.last().unwrap().1, SheetVisible::Hidden);
    assert!(sheets[..8].iter().all(|s| s.1 == SheetVisible::Visible));
    drop(wb);

    let guide = sheet_rows(&bytes, "説明").concat().join("\n");
    for want in [
        "環境課　御中",
        "照会元：政策企画課",
        "変更なし",
        "問い合わせ先：政策企画課",
        "みどり市総合計画 後期基本計画 3. くらし・環境分野（素案1）",
    ] {
        assert!(guide.contains(want), "説明 lacks {want}:\n{guide}");
    }

    for name in &names[1..8] {
        let rows = sheet_rows(&bytes, name);
        let header = &rows[layout::HEADER_ROW as usize];
        assert!(header.iter().any(|h| h == "行ID"), "{name}: {header:?}");
        assert!(header.iter().any(|h| h == "変更区分"), "{name}: {header:?}");
        assert!(
            header.iter().any(|h| h.ends_with("（案）")),
            "{name}: {header:?}"
        );
        assert!(header.iter().any(|h| h == "意見・変更理由"));
    }
    // 施策中項目: 環境課's three, revised cells holding the draft's 改定案, bullets one per line.
    let rows = sheet_rows(&bytes, "施策中項目");
    let header = rows[layout::HEADER_ROW as usize].clone();
    let col = |h: &str| header.iter().position(|x| x == h).unwrap();
    let body: Vec<&Vec<String>> = rows[layout::HEADER_ROW as usize + 1..]
        .iter()
        .filter(|r| !r[0].is_empty())
        .collect();
    let ids: Vec<&str> = body.iter().map(|r| r[0].as_str()).collect();
    assert_eq!(ids, vec!["g1.measure.1", "g1.measure.2", "g2.measure.2"]);
    assert_eq!(
        body[0][col(BULLETS)],
        "●生ごみの水切りを呼びかけます。\n●マイバッグの利用を広めます。"
    );
    assert_eq!(body[1][col(BULLETS)], "●地域の資源回収を支援します。");
    assert_eq!(
        body[1][col("現行")],
        "2 資源回収の充実\n評価回答部署：環境課、清掃センター\n●資源回収を続けます。"
    );
    assert_eq!(body[1][col("ほかの回答課")], CLEAN);
    assert_eq!(body[1][col("変更区分")], "変更あり");
    assert_eq!(body[1][col("評価回答部署（案）")], "環境課\n清掃センター");
    // Shared rows are marked with the other departments.
    let rows = sheet_rows(&bytes, "現況と課題");
    let header = &rows[layout::HEADER_ROW as usize];
    let shared = header.iter().position(|x| x == "ほかの回答課").unwrap();
    assert_eq!(rows[layout::HEADER_ROW as usize + 1][shared], CLEAN);

    // The hidden record: marker, identity, department, the rows as sent.
    let info = sheet_rows(&bytes, "照会情報");
    assert_eq!(info[0][0], layout::INFO_MARKER);
    let flat = info.concat();
    assert!(flat.contains(&d.meta.draft_id));
    assert!(flat.contains(&ENV.to_string()));
    assert!(flat.iter().any(|c| c == "g1.measure.2"));
}

#[test]
fn sheets_are_protected_without_a_password_and_print_on_a4_landscape() {
    let bytes = export(&city(), ENV);
    let workbook = zip_text(&bytes, "xl/workbook.xml");
    assert!(
        workbook.contains("_xlnm.Print_Titles"),
        "header row repeated: {workbook}"
    );
    for n in 1..=8 {
        let sheet = zip_text(&bytes, &format!("xl/worksheets/sheet{n}.xml"));
        assert!(sheet.contains("<sheetProtection"), "sheet{n} protected");
        assert!(!sheet.contains("password="), "sheet{n} without a password");
        assert!(
            sheet.contains("orientation=\"landscape\""),
            "sheet{n} landscape"
        );
        assert!(sheet.contains("paperSize=\"9\""), "sheet{n} A4");
        if n >= 2 {
            assert!(sheet.contains("<dataValidation "), "sheet{n} drop-down");
            assert!(
                sheet.contains("hidden=\"1\""),
                "sheet{n} 行ID column hidden"
            );
        }
    }
    let measures = zip_text(&bytes, "xl/worksheets/sheet2.xml");
    assert!(
        measures.contains("\"変更なし,変更あり,新規,削除\""),
        "{measures}"
    );
    let indicators = zip_text(&bytes, "xl/worksheets/sheet3.xml");
    assert!(indicators.contains("\"問題なし,要変更\""));
    // Answer cells are unlocked, the others are not.
    let styles = zip_text(&bytes, "xl/styles.xml");
    assert!(styles.contains("locked=\"0\""), "answer cells unlocked");
}

#[test]
fn an_untouched_workbook_changes_nothing() {
    let d = city();
    let books: Vec<(String, Vec<u8>)> = departments(&d)
        .iter()
        .map(|dep| (workbook_file_name(dep), export(&d, dep)))
        .collect();
    let refs: Vec<(&str, &[u8])> = books
        .iter()
        .map(|(n, b)| (n.as_str(), b.as_slice()))
        .collect();
    let p = plan(&d, &refs);
    assert_eq!(p.summary.workbooks_read, 3);
    assert_eq!(p.summary.rows_answered, 0);
    assert!(
        p.answers.is_empty() && p.conflicts.is_empty() && p.problems.is_empty(),
        "{p:#?}"
    );
    assert!(p.command_for_clear_answers().is_none());
}

#[test]
fn an_edited_bullet_changes_that_row_only_and_marks_it_changed() {
    let d = city();
    let mut book = Book::open(&export(&d, ENV));
    book.set(
        measures(),
        "g1.measure.1",
        BULLETS,
        "●生ごみの水切りを呼びかけます。\n●マイバッグとマイボトルの利用を広めます。",
    )
    .set(
        measures(),
        "g1.measure.1",
        opinion(),
        "マイボトルも加えたい。",
    );
    let p = plan(&d, &[("照会_環境課.xlsx", &book.bytes())]);
    assert!(p.problems.is_empty() && p.conflicts.is_empty(), "{p:#?}");
    assert_eq!(p.answers.len(), 1);
    let a = &p.answers[0];
    assert_eq!(a.department, ENV);
    assert_eq!(a.row, RowId::new("g1.measure.1"));
    assert_eq!(
        (a.status_before.as_str(), a.status_after.as_str()),
        ("変更なし", "変更あり")
    );
    assert_eq!(a.changes.len(), 1);
    assert_eq!(a.changes[0].field, "内容");
    assert!(a.changes[0].after.contains("マイボトル"));
    assert!(a.location.contains("1 ごみの減量の推進"), "{}", a.location);
    assert_eq!(p.summary.rows_changed, 1);

    let after = applied(&d, &p);
    assert_eq!(changed_rows(&d, &after), vec!["g1.measure.1"]);
    let row = after
        .row(after.find_row(&RowId::new("g1.measure.1")).unwrap())
        .unwrap();
    assert_eq!(row.status, Some(ChangeStatus::Modified));
    assert_eq!(
        row.revised.as_ref().unwrap().bullets[1],
        "マイバッグとマイボトルの利用を広めます。"
    );
    assert_eq!(
        row.current,
        d.row(d.find_row(&RowId::new("g1.measure.1")).unwrap())
            .unwrap()
            .current
    );
    assert_eq!(row.memo, "環境課：マイボトルも加えたい。");

    // The same workbook again: nothing more to do, the opinion stays written once.
    let again = plan(&after, &[("照会_環境課.xlsx", &book.bytes())]);
    assert!(again.conflicts.is_empty(), "{again:#?}");
    assert_eq!(applied(&after, &again), after);
}

#[test]
fn the_import_is_one_undo_step() {
    let d = city();
    let mut book = Book::open(&export(&d, ENV));
    book.set(measures(), "g1.measure.1", NAME, "ごみの発生抑制の推進")
        .set(measures(), "g2.measure.2", opinion(), "現行どおりでよい。")
        .set("関連計画", "g1.plan.1", "期間（案）", "R6-R10年度");
    let p = plan(&d, &[("照会_環境課.xlsx", &book.bytes())]);
    assert_eq!(p.answers.len(), 3, "{p:#?}");
    let cmd = p.command_for_clear_answers().expect("something to apply");
    let mut doc = Document::new(d.clone());
    doc.apply(cmd, 0.0).expect("apply");
    assert_eq!(changed_rows(&d, doc.draft()).len(), 3);
    assert!(doc.undo().is_some());
    assert_eq!(doc.draft(), &d);
}

#[test]
fn two_departments_answering_a_shared_row_differently_conflict() {
    let d = city();
    let mut env = Book::open(&export(&d, ENV));
    let mut clean = Book::open(&export(&d, CLEAN));
    env.set(
        "現況と課題",
        "g1-issues",
        BULLETS,
        "●ごみの排出量は減っています。",
    );
    clean
        .set(
            "現況と課題",
            "g1-issues",
            BULLETS,
            "●ごみの排出量は少し減りました。",
        )
        .set("現況と課題", "g1-issues", opinion(), "数値で示したい。");
    // Both also answer the same shared row identically: no conflict, applied once.
    env.set(
        "めざす姿",
        "g1.vision.1",
        "めざす姿（案）",
        "ごみの少ない循環型のまちになっています。",
    );
    clean.set(
        "めざす姿",
        "g1.vision.1",
        "めざす姿（案）",
        "ごみの少ない循環型のまちになっています。",
    );
    let p = plan(
        &d,
        &[
            ("照会_環境課.xlsx", &env.bytes()),
            ("照会_清掃センター.xlsx", &clean.bytes()),
        ],
    );
    assert_eq!(p.conflicts.len(), 1, "{p:#?}");
    let c = &p.conflicts[0];
    assert_eq!(c.kind, ConflictKind::Departments);
    assert_eq!(c.row, RowId::new("g1-issues"));
    let by: Vec<&str> = c.answers.iter().map(|a| a.department.as_str()).collect();
    assert_eq!(by, vec![ENV, CLEAN]);
    assert!(c.answers[1].opinion.contains("数値"));
    assert!(c.now.iter().any(|(_, t)| t.contains("減りつつあります")));

    let after = applied(&d, &p);
    assert_eq!(
        changed_rows(&d, &after),
        vec!["g1.vision.1"],
        "the conflicting row stays as in the draft"
    );
    // The editor may accept one side: that answer's commands change the row.
    let chosen = p
        .command(|a| a.department == CLEAN && a.row.as_str() == "g1-issues")
        .unwrap();
    let mut d2 = d.clone();
    shinkyu::edit::apply_to_draft(&mut d2, &chosen).unwrap();
    let issues = &d2.policies[0].issues;
    assert_eq!(
        issues.revised.as_ref().unwrap().bullets,
        vec!["ごみの排出量は少し減りました。"]
    );
    assert_eq!(issues.memo, "清掃センター：数値で示したい。");
}

#[test]
fn a_row_changed_in_the_draft_since_the_workbook_was_made_conflicts() {
    let d = city();
    let mut book = Book::open(&export(&d, PARKS));
    book.set(
        measures(),
        "g2.measure.1",
        BULLETS,
        "●遊具を計画的に更新します。",
    );
    // 企画課 edits the same row after sending.
    let mut later = d.clone();
    let path = later.find_row(&RowId::new("g2.measure.1")).unwrap();
    later
        .row_mut(path)
        .unwrap()
        .revised
        .as_mut()
        .unwrap()
        .bullets[0] = "遊具を安全に更新します。".into();
    later.row_mut(path).unwrap().status = Some(ChangeStatus::Modified);
    let p = plan(&later, &[("照会_公園緑地課.xlsx", &book.bytes())]);
    assert_eq!(p.conflicts.len(), 1, "{p:#?}");
    let c = &p.conflicts[0];
    assert_eq!(c.kind, ConflictKind::DraftChanged);
    assert!(
        c.sent
            .iter()
            .any(|(_, t)| t.contains("遊具を順に更新します。"))
    );
    assert!(
        c.now
            .iter()
            .any(|(_, t)| t.contains("遊具を安全に更新します。"))
    );
    assert!(c.answers[0].changes[0].after.contains("計画的に"));
    assert_eq!(applied(&later, &p), later);

    // An answer the draft already holds is no conflict and changes nothing.
    let mut same = later.clone();
    same.row_mut(path)
        .unwrap()
        .revised
        .as_mut()
        .unwrap()
        .bullets[0] = "遊具を計画的に更新します。".into();
    let p = plan(&same, &[("照会_公園緑地課.xlsx", &book.bytes())]);
    assert!(p.conflicts.is_empty() && p.answers.is_empty(), "{p:#?}");
}

#[test]
fn statuses_deleted_unchanged_and_indicators() {
    let d = city();
    let mut book = Book::open(&export(&d, ENV));
    book.set("主な事業一覧", "g1.project.2", status(), "削除")
        .set("関連計画", "g1.plan.1", status(), "変更なし")
        .set("成果指標・現状", "g1.ind.1", status(), "要変更")
        .set(
            "成果指標・現状",
            "g1.ind.1",
            "変更内容（案）",
            "家庭系ごみに限る",
        )
        .set(
            "成果指標・現状",
            "g1.ind.1",
            opinion(),
            "事業系は別に数えたい。",
        );
    let p = plan(&d, &[("照会_環境課.xlsx", &book.bytes())]);
    assert!(p.problems.is_empty(), "{p:#?}");
    let after = applied(&d, &p);
    let project = &after.policies[0].projects[1];
    assert_eq!(project.status, Some(ChangeStatus::Deleted));
    assert!(project.revised.is_none() && project.current.is_some());
    let plan_row = &after.policies[0].related_plans[0];
    assert_eq!(plan_row.status, Some(ChangeStatus::Unchanged));
    assert_eq!(
        plan_row.revised, plan_row.current,
        "変更なし takes the 現行 text"
    );
    let ind = &after.policies[0].indicators[0];
    assert_eq!(ind.verdict, Some(IndicatorVerdict::NeedsChange));
    assert_eq!(ind.change, "家庭系ごみに限る");
    assert_eq!(
        after.policies[0].indicator_opinion,
        "環境課：事業系は別に数えたい。"
    );
    let mut sorted = changed_rows(&d, &after);
    sorted.sort();
    assert_eq!(sorted, vec!["g1", "g1.plan.1", "g1.project.2"]);
}

#[test]
fn rows_added_under_a_table_come_in_as_new_rows_once() {
    let d = city();
    let mut book = Book::open(&export(&d, PARKS));
    // 公園緑地課's 主な事業 sheet covers one 施策大項目: the block is clear.
    book.set_below("主な事業一覧", NAME, 0, "花いっぱい事業")
        .set_below("主な事業一覧", "概要（案）", 0, "花壇づくりを支えます。")
        .set_below("主な事業一覧", status(), 0, "新規")
        .set_below("主な事業一覧", opinion(), 0, "新しく始めます。");
    let bytes = book.bytes();
    let p = plan(&d, &[("照会_公園緑地課.xlsx", &bytes)]);
    assert!(p.problems.is_empty(), "{p:#?}");
    let added: Vec<_> = p.answers.iter().filter(|a| a.added).collect();
    assert_eq!(added.len(), 1);
    let after = applied(&d, &p);
    let projects = &after.policies[1].projects;
    assert_eq!(projects.len(), 2);
    let new = &projects[1];
    assert_eq!(new.status, Some(ChangeStatus::New));
    assert!(new.current.is_none());
    let side = new.revised.as_ref().unwrap();
    assert_eq!(
        (side.number, side.name.as_str()),
        (Some(2), "花いっぱい事業")
    );
    assert_eq!(new.memo, "公園緑地課：新しく始めます。");
    // Imported again: no second row.
    let again = plan(&after, &[("照会_公園緑地課.xlsx", &bytes)]);
    assert_eq!(applied(&after, &again), after, "{again:#?}");

    // 環境課's 主な事業 covers two 施策大項目: a row without one is a problem, with one it is taken.
    let mut book = Book::open(&export(&d, ENV));
    book.set_below("主な事業一覧", NAME, 0, "生ごみ堆肥化事業");
    book.set_below("主な事業一覧", NAME, 1, "グリーンカーテン事業")
        .set_below("主な事業一覧", "施策大項目", 1, "２");
    let p = plan(&d, &[("照会_環境課.xlsx", &book.bytes())]);
    assert_eq!(p.problems.len(), 1, "{p:#?}");
    assert!(
        p.problems[0].message.contains("どの施策大項目"),
        "{}",
        p.problems[0].message
    );
    assert!(
        p.problems[0].message.contains("生ごみ堆肥化事業"),
        "the words are shown"
    );
    let after = applied(&d, &p);
    assert_eq!(
        after.policies[1]
            .projects
            .last()
            .unwrap()
            .revised
            .as_ref()
            .unwrap()
            .name,
        "グリーンカーテン事業"
    );
    assert_eq!(after.policies[0].projects.len(), 2);
}

#[test]
fn memo_lines_are_added_once() {
    let d = city();
    let id = RowId::new("g1.measure.1");
    let cmd = shinkyu::edit::Command::AddMemoLine {
        to: MemoTarget::Row(id.clone()),
        line: "環境課：一行目\n二行目".into(),
    };
    let mut x = d.clone();
    for _ in 0..2 {
        shinkyu::edit::apply_to_draft(&mut x, &cmd).unwrap();
    }
    let path = x.find_row(&id).unwrap();
    assert_eq!(x.row(path).unwrap().memo, "環境課：一行目\n二行目");
    assert_eq!(
        x.policies[0].block(BlockKind::Measures)[0].memo,
        "環境課：一行目\n二行目"
    );
}

#[test]
fn the_answer_commands_are_safe_to_apply_twice() {
    use shinkyu::edit::{Command, EditError, apply_to_draft};
    use shinkyu::model::{Row, Side};
    let d = city();
    let id = RowId::new("g2.measure.1");
    let set = Command::SetRevised {
        row: id.clone(),
        status: Some(ChangeStatus::Modified),
        revised: Some(Side::measure(
            1,
            "公園の維持管理",
            &[PARKS],
            &["遊具を計画的に更新します。"],
        )),
    };
    let mut x = d.clone();
    assert!(apply_to_draft(&mut x, &set).unwrap().changed);
    assert!(!apply_to_draft(&mut x, &set).unwrap().changed);
    let row = x.row(x.find_row(&id).unwrap()).unwrap();
    assert_eq!(
        row.current,
        d.row(d.find_row(&id).unwrap()).unwrap().current,
        "現行 untouched"
    );

    let new = Row::new(
        "project-abc",
        Some(ChangeStatus::New),
        None,
        Some(Side::project(2, "花いっぱい事業", "花壇")),
    );
    let insert = Command::InsertRows {
        policy: 1,
        block: BlockKind::Projects,
        at: usize::MAX,
        rows: vec![new.clone()],
    };
    assert_eq!(
        apply_to_draft(&mut x, &insert).unwrap().created,
        Some(RowId::new("project-abc"))
    );
    // Its memo takes an opinion; inserting it again still changes nothing.
    let memo = Command::AddMemoLine {
        to: MemoTarget::Row(RowId::new("project-abc")),
        line: "公園緑地課：新設".into(),
    };
    apply_to_draft(&mut x, &memo).unwrap();
    assert!(!apply_to_draft(&mut x, &insert).unwrap().changed);
    assert_eq!(x.policies[1].projects.len(), 2);
    // An id taken by another row is refused, the draft left as it was.
    let clash = Command::InsertRows {
        policy: 1,
        block: BlockKind::Projects,
        at: usize::MAX,
        rows: vec![Row {
            id: id.clone(),
            ..new
        }],
    };
    let before = x.clone();
    assert_eq!(apply_to_draft(&mut x, &clash), Err(EditError::IdInUse(id)));
    assert_eq!(x, before);
    // 各課意見 takes lines the same way.
    let opinion = Command::AddMemoLine {
        to: MemoTarget::IndicatorOpinion(0),
        line: "環境課：よい".into(),
    };
    apply_to_draft(&mut x, &opinion).unwrap();
    apply_to_draft(&mut x, &opinion).unwrap();
    assert_eq!(x.policies[0].indicator_opinion, "環境課：よい");
}
