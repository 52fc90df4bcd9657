//! A synthetic city for the 庁内照会 tests (みどり市, 3. くらし・環境分野: three departments, two
//! 施策大項目, every block), and a department's office suite: umya-spreadsheet, a writer other
//! than the exporter, opens an exported workbook, edits cells and saves it.

#![allow(dead_code)]

use std::io::Cursor;

use shinkyu::edit::apply_to_draft;
use shinkyu::import::inquiry::{
    self, AnswerWorkbook, ExportOptions, ImportPlan, Problem, export_workbook, layout, plan_import,
    read_answer,
};
use shinkyu::model::{
    ChangeStatus, Draft, Indicator, IndicatorKind, IndicatorVerdict, Meta, Policy, Row, Side,
};

pub const ENV: &str = "環境課";
pub const CLEAN: &str = "清掃センター";
pub const PARKS: &str = "公園緑地課";

pub fn city() -> Draft {
    use ChangeStatus::*;
    let mut p1 = Policy::new("g1", 1, "ごみの減量とリサイクルの推進");
    p1.indicators = vec![Indicator {
        id: shinkyu::model::RowId::new("g1.ind.1"),
        kind: IndicatorKind::Outcome,
        as_current: true,
        name: "市民1人1日当たりのごみ排出量".into(),
        verdict: Some(IndicatorVerdict::NoProblem),
        change: String::new(),
        memo: String::new(),
    }];
    p1.issues = Row::new(
        "g1-issues",
        None,
        Some(Side::with_bullets(&["ごみの排出量は横ばいです。"])),
        Some(Side::with_bullets(&["ごみの排出量は減りつつあります。"])),
    );
    p1.vision = vec![Row::unchanged(
        "g1.vision.1",
        Side::with_summary("ごみの少ないまちになっています。"),
    )];
    p1.measures = vec![
        Row::unchanged(
            "g1.measure.1",
            Side::measure(
                1,
                "ごみの減量の推進",
                &[ENV],
                &[
                    "生ごみの水切りを呼びかけます。",
                    "マイバッグの利用を広めます。",
                ],
            ),
        ),
        Row::new(
            "g1.measure.2",
            Some(Modified),
            Some(Side::measure(
                2,
                "資源回収の充実",
                &[ENV, CLEAN],
                &["資源回収を続けます。"],
            )),
            Some(Side::measure(
                2,
                "資源回収の充実",
                &[ENV, CLEAN],
                &["地域の資源回収を支援します。"],
            )),
        ),
    ];
    p1.collaboration = Row::new(
        "g1-collab",
        None,
        Some(Side::with_summary("(現行計画に記載なし)")),
        Some(Side::with_bullets(&["自治会と分別を進めます。"])),
    );
    p1.related_plans = vec![Row::new(
        "g1.plan.1",
        Some(Modified),
        Some(Side::plan(
            "一般廃棄物処理基本計画",
            "H30-R4年度",
            "ごみ処理の方針",
        )),
        Some(Side::plan(
            "一般廃棄物処理基本計画",
            "R5-R9年度",
            "ごみ処理の方針",
        )),
    )];
    p1.projects = vec![
        Row::unchanged(
            "g1.project.1",
            Side::project(1, "分別収集事業", "分別して集めます。"),
        ),
        Row::unchanged(
            "g1.project.2",
            Side::project(2, "リサイクル推進事業", "再利用を進めます。"),
        ),
    ];

    let mut p2 = Policy::new("g2", 2, "公園と緑の保全");
    p2.issues = Row::unchanged(
        "g2-issues",
        Side::with_bullets(&["公園の遊具が古くなっています。"]),
    );
    p2.vision = vec![Row::unchanged(
        "g2.vision.1",
        Side::with_summary("身近な緑に親しめます。"),
    )];
    p2.measures = vec![
        Row::unchanged(
            "g2.measure.1",
            Side::measure(1, "公園の維持管理", &[PARKS], &["遊具を順に更新します。"]),
        ),
        Row::unchanged(
            "g2.measure.2",
            Side::measure(2, "緑化の推進", &[ENV], &["生け垣づくりを助成します。"]),
        ),
    ];
    p2.collaboration = Row::unchanged("g2-collab", Side::with_summary("(現行計画に記載なし)"));
    p2.projects = vec![Row::unchanged(
        "g2.project.1",
        Side::project(1, "公園リフレッシュ事業", "遊具を更新します。"),
    )];
    Draft::new(
        Meta {
            draft_id: "5b1f6c2e-0000-4000-8000-00000000c1ty".into(),
            plan_name: "みどり市総合計画 後期基本計画".into(),
            field_number: 3,
            field_name: "くらし・環境分野".into(),
            version_label: "素案1".into(),
            author_section: "政策企画課".into(),
            ..Meta::default()
        },
        vec![p1, p2],
    )
}

/// The exported workbook of one department.
pub fn export(draft: &Draft, department: &str) -> Vec<u8> {
    export_workbook(draft, department, &ExportOptions::default()).expect("export")
}

pub fn read(file: &str, bytes: &[u8]) -> AnswerWorkbook {
    read_answer(file, bytes).unwrap_or_else(|p| panic!("{}", p.describe()))
}

/// Reads workbooks (file name, bytes) and plans their import into `draft`.
pub fn plan(draft: &Draft, books: &[(&str, &[u8])]) -> ImportPlan {
    let read: Vec<Result<AnswerWorkbook, Problem>> =
        books.iter().map(|(f, b)| read_answer(f, b)).collect();
    plan_import(draft, &read)
}

/// The draft with the plan's clear answers applied.
pub fn applied(draft: &Draft, plan: &ImportPlan) -> Draft {
    let mut d = draft.clone();
    if let Some(cmd) = plan.command_for_clear_answers() {
        apply_to_draft(&mut d, &cmd).expect("apply");
    }
    d
}

/// Ids of the rows (and 施策大項目, for their 各課意見 and indicators) that differ between two drafts.
pub fn changed_rows(a: &Draft, b: &Draft) -> Vec<String> {
    let mut out = Vec::new();
    for (pa, pb) in a.policies.iter().zip(&b.policies) {
        if pa.indicators != pb.indicators || pa.indicator_opinion != pb.indicator_opinion {
            out.push(pa.id.to_string());
        }
    }
    let rows_a: Vec<&Row> = a.rows().map(|(_, _, r)| r).collect();
    let rows_b: Vec<&Row> = b.rows().map(|(_, _, r)| r).collect();
    for r in &rows_b {
        match rows_a.iter().find(|x| x.id == r.id) {
            Some(x) if x == r => {}
            _ => out.push(r.id.to_string()),
        }
    }
    for r in &rows_a {
        if !rows_b.iter().any(|x| x.id == r.id) {
            out.push(r.id.to_string());
        }
    }
    out
}

/// A workbook opened in another office program (umya-spreadsheet).
pub struct Book(pub umya_spreadsheet::Spreadsheet);

impl Book {
    pub fn open(bytes: &[u8]) -> Book {
        Book(
            umya_spreadsheet::reader::xlsx::read_reader(Cursor::new(bytes.to_vec()), true)
                .expect("umya reads the workbook"),
        )
    }

    pub fn bytes(&self) -> Vec<u8> {
        let mut out = Vec::new();
        umya_spreadsheet::writer::xlsx::write_writer(&self.0, &mut out).expect("umya writes");
        out
    }

    pub fn sheet(&mut self, name: &str) -> &mut umya_spreadsheet::Worksheet {
        self.0
            .get_sheet_by_name_mut(name)
            .unwrap_or_else(|| panic!("no sheet {name}"))
    }

    /// (column, row), 1-based, of the cell in `header`'s column on the row whose 行ID is `id`.
    pub fn cell_of(&mut self, sheet: &str, id: &str, header: &str) -> (u32, u32) {
        let ws = self.sheet(sheet);
        let header_row = layout::HEADER_ROW + 1;
        let col = (1..=30)
            .find(|c| ws.get_value((*c, header_row)) == header)
            .unwrap_or_else(|| panic!("no column {header} in {sheet}"));
        let row = (header_row + 1..=header_row + 200)
            .find(|r| ws.get_value((1, *r)) == id)
            .unwrap_or_else(|| panic!("no row {id} in {sheet}"));
        (col, row)
    }

    pub fn get(&mut self, sheet: &str, id: &str, header: &str) -> String {
        let at = self.cell_of(sheet, id, header);
        self.sheet(sheet).get_value(at)
    }

    pub fn set(&mut self, sheet: &str, id: &str, header: &str, text: &str) -> &mut Self {
        let at = self.cell_of(sheet, id, header);
        self.sheet(sheet).get_cell_mut(at).set_value_string(text);
        self
    }

    /// Writes into the first empty row under a table.
    pub fn set_below(&mut self, sheet: &str, header: &str, offset: u32, text: &str) -> &mut Self {
        let ws = self.sheet(sheet);
        let header_row = layout::HEADER_ROW + 1;
        let col = (1..=30)
            .find(|c| ws.get_value((*c, header_row)) == header)
            .unwrap_or_else(|| panic!("no column {header} in {sheet}"));
        let last = (header_row + 1..=header_row + 200)
            .filter(|r| !ws.get_value((1, *r)).is_empty())
            .max()
            .unwrap_or(header_row);
        ws.get_cell_mut((col, last + 1 + offset))
            .set_value_string(text);
        self
    }
}

/// The department's answer sheet headers, for tests that go by name.
pub fn status() -> &'static str {
    layout::STATUS_HEADER
}

pub fn opinion() -> &'static str {
    layout::OPINION_HEADER
}

pub fn measures() -> &'static str {
    layout::SheetKind::Block(shinkyu::model::BlockKind::Measures).title()
}

pub fn departments(draft: &Draft) -> Vec<String> {
    inquiry::departments(draft)
}

/// LibreOffice's `soffice`, if installed (`SOFFICE` names another).
pub fn soffice() -> Option<std::path::PathBuf> {
    let p = std::env::var_os("SOFFICE")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| std::path::PathBuf::from("/usr/bin/soffice"));
    p.exists().then_some(p)
}

/// Converts `input` with headless LibreOffice (`--convert-to to`, e.g. `xlsx` to re-save a
/// workbook as Calc writes it, or `pdf`) into `outdir`, with a private profile; returns the
/// written file. Panics when LibreOffice fails or takes more than three minutes.
pub fn libreoffice_convert(
    soffice: &std::path::Path,
    input: &std::path::Path,
    to: &str,
    outdir: &std::path::Path,
) -> std::path::PathBuf {
    use std::process::{Command, Stdio};
    use std::time::{Duration, Instant};
    let profile = tempfile::tempdir().expect("profile dir");
    std::fs::create_dir_all(outdir).expect("outdir");
    let mut child = Command::new(soffice)
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.path().display()
        ))
        .args(["--headless", "--norestore", "--convert-to", to, "--outdir"])
        .arg(outdir)
        .arg(input)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start soffice");
    let start = Instant::now();
    loop {
        if let Some(status) = child.try_wait().expect("wait for soffice") {
            assert!(status.success(), "soffice failed: {status}");
            break;
        }
        if start.elapsed() > Duration::from_secs(180) {
            let _ = child.kill();
            panic!("soffice did not finish in 180 s");
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    let ext = to.split(':').next().unwrap_or(to);
    let out = outdir.join(input.with_extension(ext).file_name().expect("file name"));
    assert!(out.exists(), "LibreOffice wrote no {}", out.display());
    out
}
