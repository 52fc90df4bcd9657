//! A 新規 and a 削除 施策大項目 in every export: the comparison view carries the status (so every
//! exporter, present and future, shows it), the HTML marks （新規） on the 現行 side and （削除）
//! on the 改定案 side, the CSV's 大項目 and the workbook's sheets say which, the JSON holds it.

use std::io::Cursor;

mod docx_support;

use calamine::{Data, Reader, Xlsx};
use shinkyu::edit::synthetic::sample_draft;
use shinkyu::edit::{Command, apply_to_draft};
use shinkyu::model::{BlockKind, Draft, PolicyStatus, SideKind};
use shinkyu::report::docx::to_docx;
use shinkyu::report::xlsx::to_xlsx;
use shinkyu::report::{ComparisonView, ViewOptions};

/// The sample draft with its 2nd 施策大項目 deleted and a 新規 one (with one 施策中項目) added.
fn draft() -> Draft {
    let mut d = sample_draft();
    apply_to_draft(&mut d, &Command::DeletePolicy { policy: 1 }).unwrap();
    apply_to_draft(
        &mut d,
        &Command::AddPolicy {
            after: Some(1),
            name: "窓口サービスの向上".into(),
            status: PolicyStatus::New,
        },
    )
    .unwrap();
    let added = apply_to_draft(
        &mut d,
        &Command::AddRow {
            policy: 2,
            block: BlockKind::Measures,
        },
    )
    .unwrap()
    .created
    .unwrap();
    apply_to_draft(
        &mut d,
        &Command::SetRowText {
            row: added,
            side: SideKind::Revised,
            field: shinkyu::model::SideField::Name,
            text: "書かない窓口の導入".into(),
        },
    )
    .unwrap();
    d
}

#[test]
fn the_view_carries_each_policys_status_and_its_sides() {
    let view = ComparisonView::build(&draft(), &ViewOptions::default());
    let st: Vec<(String, PolicyStatus)> = view
        .policies
        .iter()
        .map(|p| (p.marked_label(), p.status))
        .collect();
    assert_eq!(
        st,
        [
            (
                "1. 市民との情報共有の推進".to_string(),
                PolicyStatus::InForce
            ),
            (
                "2. 電子自治体の推進（削除）".to_string(),
                PolicyStatus::Deleted
            ),
            (
                "2. 窓口サービスの向上（新規）".to_string(),
                PolicyStatus::New
            ),
        ]
    );
    let (deleted, new) = (&view.policies[1], &view.policies[2]);
    assert_eq!(deleted.side_label(SideKind::Current), "2. 電子自治体の推進");
    assert_eq!(deleted.side_label(SideKind::Revised), "（削除）");
    assert_eq!(new.side_label(SideKind::Current), "（新規）");
    assert_eq!(new.side_label(SideKind::Revised), "2. 窓口サービスの向上");
    // An in-force one: the revised name on the 改定案 side.
    let mut d = sample_draft();
    d.policies.truncate(2);
    let v = ComparisonView::build(&d, &ViewOptions::default());
    assert_eq!(
        v.policies[1].side_label(SideKind::Revised),
        "2. 行政のデジタル化の推進"
    );
    // The rows of the deleted one are 削除 in the view too.
    assert!(
        deleted
            .rows()
            .filter(|r| r.block.carries_status())
            .all(|r| r.revised.is_none() && r.current.is_some())
    );
}

#[test]
fn html_csv_and_json_show_new_and_deleted_policies() {
    let d = draft();
    let html = String::from_utf8(
        shinkyu::report::export(&d, shinkyu::report::Format::Html, &Default::default()).unwrap(),
    )
    .unwrap();
    assert!(
        html.contains("<span class=\"kicker\">施策大項目</span>2. 窓口サービスの向上（新規）</h2>"),
        "heading"
    );
    assert!(
        html.contains("<span class=\"kicker\">施策大項目</span>2. 電子自治体の推進（削除）</h2>")
    );
    // The 新規 one: （新規） on the 現行 side, its name added on the 改定案 side.
    assert!(html.contains(
        "<h3>施策大項目の新規</h3><table class=\"grid rename\"><tbody><tr><th scope=\"row\">現行</th><td><span class=\"ph\">（新規）</span></td></tr><tr><th scope=\"row\">改定案</th><td><ins class=\"chg\">2. 窓口サービスの向上</ins></td></tr>"
    ));
    // The 削除 one: its name removed on the 現行 side, （削除） on the 改定案 side.
    assert!(html.contains(
        "<h3>施策大項目の削除</h3><table class=\"grid rename\"><tbody><tr><th scope=\"row\">現行</th><td><del class=\"chg\">2. 電子自治体の推進</del></td></tr><tr><th scope=\"row\">改定案</th><td><span class=\"ph\">（削除）</span></td></tr>"
    ));
    // Table of contents and summary.
    assert!(html.contains("施策大項目 2. 窓口サービスの向上（新規）</a>"));
    assert!(html.contains("<th scope=\"row\">2. 電子自治体の推進（削除）</th>"));

    let csv = String::from_utf8(shinkyu::report::csv::to_csv(&d)).unwrap();
    assert!(
        csv.contains("\r\n2. 窓口サービスの向上（新規）,施策中項目,"),
        "{csv}"
    );
    assert!(
        csv.contains("\r\n2. 電子自治体の推進（削除）,施策中項目,"),
        "{csv}"
    );

    let view = ComparisonView::build(&d, &ViewOptions::default());
    let json: serde_json::Value =
        serde_json::from_slice(&shinkyu::report::json::view_to_json(&view)).unwrap();
    let statuses: Vec<&str> = json["policies"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["status"].as_str().unwrap())
        .collect();
    assert_eq!(statuses, ["InForce", "Deleted", "New"]);
    // The draft's own JSON holds it for the two that are not in force.
    let draft_json: serde_json::Value =
        serde_json::from_slice(&shinkyu::report::json::to_json(&d)).unwrap();
    assert!(draft_json["policies"][0].get("status").is_none());
    assert_eq!(draft_json["policies"][1]["status"], "Deleted");
}

#[test]
fn the_workbook_names_new_and_deleted_policies() {
    let view = ComparisonView::build(&draft(), &ViewOptions::default());
    let bytes = to_xlsx(&view, &Default::default()).unwrap();
    let mut xl: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).unwrap();
    let names = xl.sheet_names();
    let cell = |xl: &mut Xlsx<_>, sheet: &str, r: u32, c: u32| match xl
        .worksheet_range(sheet)
        .unwrap()
        .get_value((r, c))
    {
        Some(Data::String(s)) => s.clone(),
        other => format!("{other:?}"),
    };
    assert_eq!(
        cell(&mut xl, &names[3], 0, 0),
        "施策大項目 2. 窓口サービスの向上（新規）"
    );
    assert!(cell(&mut xl, &names[3], 1, 0).contains("新規"));
    assert_eq!(
        cell(&mut xl, &names[2], 0, 0),
        "施策大項目 2. 電子自治体の推進（削除）"
    );
    let summary: Vec<String> = xl
        .worksheet_range("概要")
        .unwrap()
        .rows()
        .flat_map(|r| r.iter().map(|c| c.to_string()))
        .collect();
    assert!(
        summary.iter().any(|t| t == "2. 電子自治体の推進（削除）"),
        "{summary:?}"
    );
}

#[test]
fn the_word_report_marks_new_and_deleted_policies_like_the_html() {
    let view = ComparisonView::build(&draft(), &ViewOptions::default());
    let bytes = to_docx(&view, &Default::default()).unwrap();
    let body = docx_support::Package::read(&bytes).body();
    let paragraphs = docx_support::all_paragraph_texts(&body);
    // The headings name the status after the name, as the HTML's do.
    for heading in [
        "施策大項目　2. 電子自治体の推進（削除）",
        "施策大項目　2. 窓口サービスの向上（新規）",
    ] {
        assert!(
            paragraphs.iter().any(|t| t == heading),
            "{heading}: {paragraphs:#?}"
        );
    }
    // Each has its 施策大項目の削除／新規 table: the name on one side, the mark on the other,
    // the name underlined as a whole.
    for (status, name, mark) in [
        ("削除", "2. 電子自治体の推進", "（削除）"),
        ("新規", "2. 窓口サービスの向上", "（新規）"),
    ] {
        assert!(
            paragraphs
                .iter()
                .any(|t| t == &format!("施策大項目の{status}")),
            "{status}"
        );
        let name_runs: Vec<_> = body
            .find_all("w:p")
            .into_iter()
            .filter(|p| docx_support::paragraph_text(p) == name)
            .flat_map(docx_support::runs)
            .collect();
        assert!(
            name_runs.iter().any(|r| r.underlined && r.text == name),
            "{name}: {name_runs:?}"
        );
        assert!(paragraphs.iter().any(|t| t == mark), "{mark}");
    }
}
