//! `shinkyu inquiry export|import`: 庁内照会 workbooks out to the departments, answers back.

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::{Subcommand, ValueEnum};

use super::output::load_or_report;
use super::{EXIT_FOUND, EXIT_NOT_DONE, EXIT_OK};
use crate::diff::diff_text;
use crate::edit::apply_to_draft;
use crate::import::inquiry::{
    self, Conflict, ExportOptions, ImportPlan, Problem, RowAnswer, read_answer,
};
use crate::io::{self, SaveOptions};
use crate::report::version_text::inline_diff;

/// `shinkyu inquiry` の引数.
#[derive(clap::Args, Debug, Clone)]
pub struct InquiryArgs {
    #[command(subcommand)]
    pub command: InquiryCommand,
}

#[derive(Subcommand, Debug, Clone)]
pub enum InquiryCommand {
    /// 評価回答部署ごとに照会様式（Excel ブック）を出力します
    #[command(
        long_about = "評価回答部署ごとに照会様式の Excel ブック（照会_部署名.xlsx）を DIR に出力します。\n\
各ブックには説明のシートと、その課が回答する行（担当の施策中項目と、関わる施策大項目の共有の行）が入ります。\n\
同じ名前のファイルがすでにあるときは、回答済みのブックを上書きしないよう何も書かずに止まります（--force で上書き）。\n\
終了コード：0=出力した、1=出力できなかった、2=下書きが読めない。"
    )]
    Export(InquiryExportArgs),
    /// 各課の回答（Excel ブック）を取り込み、結果を別の下書きファイルに保存します
    #[command(
        long_about = "回答のブックを行IDで下書きと照合し、課・行ごとに変更・意見・競合・問題を表示して、はっきりした回答だけを取り込んだ下書きを OUT に保存します。\n\
競合（共有の行への課ごとに異なる回答、照会の後で下書きが変わった行）と問題のある行は下書きのまま残し、内容を表示します。\n\
意見は行のメモに「部署名：意見」として1度だけ加えます。DRAFT と回答のブックは変更しません。\n\
終了コード：0=すべて取り込んだ、1=競合か問題がある（それ以外は取り込んだ）、2=読み込めるものがない。"
    )]
    Import(InquiryImportArgs),
}

/// `shinkyu inquiry export` の引数.
#[derive(clap::Args, Debug, Clone)]
pub struct InquiryExportArgs {
    /// 下書きファイル（.ron）
    pub draft: PathBuf,
    /// 出力先のフォルダー（なければ作ります）
    #[arg(short, long, value_name = "DIR")]
    pub output: PathBuf,
    /// この部署の様式だけを出力します（くり返し指定できます。省略するとすべての評価回答部署）
    #[arg(long = "department", value_name = "NAME")]
    pub departments: Vec<String>,
    /// 回答期限（例：「令和7年6月20日（金）」）
    #[arg(long, value_name = "TEXT")]
    pub due: Option<String>,
    /// 同じ名前のファイルがあっても上書きします
    #[arg(long)]
    pub force: bool,
}

/// `shinkyu inquiry import` の引数.
#[derive(clap::Args, Debug, Clone)]
pub struct InquiryImportArgs {
    /// 取り込み先の下書きファイル（.ron、変更しません）
    pub draft: PathBuf,
    /// 各課の回答のブック（.xlsx、いくつでも）
    #[arg(required = true, value_name = "ANSWER.xlsx")]
    pub answers: Vec<PathBuf>,
    /// 取り込んだ結果の保存先
    #[arg(short, long, value_name = "OUT.ron")]
    pub output: PathBuf,
    /// 表示の形式
    #[arg(long, value_enum, default_value_t = ImportFormat::Text)]
    pub format: ImportFormat,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum ImportFormat {
    /// 読みやすい文章
    Text,
    /// JSON（ほかのプログラム向け）
    Json,
}

pub(super) fn run(args: &InquiryArgs, out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    match &args.command {
        InquiryCommand::Export(a) => run_export(a, err),
        InquiryCommand::Import(a) => run_import(a, out, err),
    }
}

fn run_export(args: &InquiryExportArgs, err: &mut dyn Write) -> i32 {
    let draft = match load_or_report(&args.draft, err) {
        Ok(l) => l.draft,
        Err(code) => return code,
    };
    let opts = ExportOptions {
        departments: args.departments.clone(),
        due: args.due.clone().unwrap_or_default(),
    };
    let books = match inquiry::export_workbooks(&draft, &opts) {
        Ok(b) => b,
        Err(e) => {
            let _ = writeln!(err, "{e}");
            return EXIT_NOT_DONE;
        }
    };
    if let Err(e) = std::fs::create_dir_all(&args.output) {
        let _ = writeln!(
            err,
            "出力先のフォルダー {} を作れません: {}",
            args.output.display(),
            io::io_reason(&e)
        );
        return EXIT_NOT_DONE;
    }
    let paths: Vec<PathBuf> = books
        .iter()
        .map(|b| args.output.join(&b.file_name))
        .collect();
    if !args.force {
        let existing: Vec<&PathBuf> = paths.iter().filter(|p| p.exists()).collect();
        if !existing.is_empty() {
            for p in &existing {
                let _ = writeln!(err, "{} はすでにあります。", p.display());
            }
            let _ = writeln!(
                err,
                "回答済みのブックを上書きしないよう、何も出力しませんでした。別のフォルダーを指定するか、上書きしてよければ --force を付けてください。"
            );
            return EXIT_NOT_DONE;
        }
    }
    let save = SaveOptions {
        backup: false,
        ..SaveOptions::default()
    };
    for (book, path) in books.iter().zip(&paths) {
        if io::same_file(path, &args.draft) {
            let _ = writeln!(err, "出力先が下書きと同じファイルです: {}", path.display());
            return EXIT_NOT_DONE;
        }
        if let Err(e) = io::write_atomic(path, &book.bytes, &save) {
            let _ = writeln!(err, "{e}");
            return EXIT_NOT_DONE;
        }
        let _ = writeln!(
            err,
            "{}（{}、{}行）",
            path.display(),
            book.department,
            book.rows
        );
    }
    let _ = writeln!(
        err,
        "{} 件の照会様式を {} に出力しました（{}）。",
        books.len(),
        args.output.display(),
        draft.display_name()
    );
    EXIT_OK
}

fn file_label(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

/// The answer files named, with `*` and `?` in a file name matched against its folder (the
/// Windows command prompt passes wildcards on unexpanded). A pattern that matches nothing
/// stays as it is, to be reported as a file that cannot be read.
fn expand_wildcards(paths: &[PathBuf]) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for p in paths {
        let name = p
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        if p.exists() || !name.contains(['*', '?']) {
            out.push(p.clone());
            continue;
        }
        let dir = match p.parent() {
            Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let mut found: Vec<PathBuf> = std::fs::read_dir(&dir)
            .into_iter()
            .flatten()
            .flatten()
            .filter(|e| wildcard_match(&name, &e.file_name().to_string_lossy()))
            .map(|e| dir.join(e.file_name()))
            .filter(|f| f.is_file())
            .collect();
        found.sort();
        if found.is_empty() {
            out.push(p.clone());
        } else {
            out.extend(found);
        }
    }
    out
}

/// `*` any run of characters, `?` one character; letters compared without case (as Windows does).
fn wildcard_match(pattern: &str, name: &str) -> bool {
    let p: Vec<char> = pattern.to_lowercase().chars().collect();
    let n: Vec<char> = name.to_lowercase().chars().collect();
    let (mut i, mut j) = (0, 0);
    let (mut star, mut mark) = (None, 0);
    while j < n.len() {
        if i < p.len() && (p[i] == '?' || p[i] == n[j]) {
            i += 1;
            j += 1;
        } else if i < p.len() && p[i] == '*' {
            star = Some(i);
            mark = j;
            i += 1;
        } else if let Some(s) = star {
            i = s + 1;
            mark += 1;
            j = mark;
        } else {
            return false;
        }
    }
    while i < p.len() && p[i] == '*' {
        i += 1;
    }
    i == p.len()
}

fn run_import(args: &InquiryImportArgs, out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    let loaded = match load_or_report(&args.draft, err) {
        Ok(l) => l,
        Err(code) => return code,
    };
    let inputs: Vec<&Path> = std::iter::once(args.draft.as_path())
        .chain(args.answers.iter().map(PathBuf::as_path))
        .collect();
    if inputs.iter().any(|i| io::same_file(&args.output, i)) {
        let _ = writeln!(
            err,
            "保存先が入力（下書きか回答のブック）と同じファイルです。元のファイルを残すため、別の名前を -o で指定してください。"
        );
        return EXIT_NOT_DONE;
    }
    let answers = expand_wildcards(&args.answers);
    let books: Vec<Result<_, Problem>> = answers
        .iter()
        .map(|path| {
            let label = file_label(path);
            let bytes = std::fs::read(path).map_err(|e| {
                Problem::new(
                    &label,
                    format!("ファイルを読めません: {}", io::io_reason(&e)),
                )
            })?;
            read_answer(&label, &bytes)
        })
        .collect();
    let plan = inquiry::plan_import(&loaded.draft, &books);
    let _ = match args.format {
        ImportFormat::Text => out.write_all(plan_text(&plan).as_bytes()),
        ImportFormat::Json => writeln!(
            out,
            "{}",
            serde_json::to_string_pretty(&plan).expect("the plan always serializes")
        ),
    };
    if plan.summary.workbooks_read == 0 {
        let _ = writeln!(
            err,
            "読み込める回答のブックがなかったため、{} は作りませんでした。",
            args.output.display()
        );
        return EXIT_NOT_DONE;
    }
    let mut draft = loaded.draft.clone();
    if let Some(cmd) = plan.command_for_clear_answers()
        && let Err(e) = apply_to_draft(&mut draft, &cmd)
    {
        let _ = writeln!(err, "回答を取り込めませんでした: {e}");
        return EXIT_NOT_DONE;
    }
    match io::save_draft(&args.output, &draft, &SaveOptions::default()) {
        Ok(_) => {
            let s = &plan.summary;
            let _ = writeln!(
                err,
                "{} に保存しました（変更した行 {}、競合 {} 件、問題 {} 件。{} は変更していません）。",
                args.output.display(),
                s.rows_changed,
                s.conflicts,
                s.problems,
                args.draft.display()
            );
            if s.conflicts > 0 || s.problems > 0 {
                EXIT_FOUND
            } else {
                EXIT_OK
            }
        }
        Err(e) => {
            let _ = writeln!(err, "{e}");
            EXIT_NOT_DONE
        }
    }
}

/// The plan as text: per workbook a line, then every answer, conflict, problem and note, then
/// the summary. Changed words are marked `[-…-]` (removed) and `{+…+}` (added).
pub fn plan_text(plan: &ImportPlan) -> String {
    let mut s = String::new();
    for w in &plan.workbooks {
        if w.read {
            s.push_str(&format!(
                "{}（{}）: 回答 {} 行、変更 {} 行、競合 {} 件、問題 {} 件\n",
                w.file, w.department, w.rows_answered, w.rows_changed, w.conflicts, w.problems
            ));
        } else {
            s.push_str(&format!("{}: 読み込めませんでした\n", w.file));
        }
    }
    for a in &plan.answers {
        let tag = if a.added {
            "追加"
        } else if a.changes_row() {
            "変更"
        } else {
            "意見"
        };
        s.push_str(&format!("\n[{tag}] {}\n", heading(a)));
        answer_body(&mut s, a, "    ");
    }
    for c in &plan.conflicts {
        conflict_text(&mut s, c);
    }
    for p in &plan.problems {
        s.push_str(&format!("\n[問題] {}\n", p.describe()));
    }
    for n in &plan.notes {
        s.push_str(&format!("\n[注意] {}\n", n.describe()));
    }
    let m = &plan.summary;
    s.push_str(&format!(
        "\nまとめ: ブック {} 件（読み込めたもの {} 件）、回答のあった行 {}、変更する行 {}、競合 {} 件、問題 {} 件\n",
        m.workbooks, m.workbooks_read, m.rows_answered, m.rows_changed, m.conflicts, m.problems
    ));
    s
}

fn heading(a: &RowAnswer) -> String {
    format!(
        "{}  {}（{} シート「{}」{}）",
        a.department, a.location, a.file, a.sheet, a.cell
    )
}

fn indent(text: &str, by: &str) -> String {
    text.replace('\n', &format!("\n{by}  "))
}

fn answer_body(s: &mut String, a: &RowAnswer, by: &str) {
    if a.status_before != a.status_after {
        let before = if a.status_before.is_empty() {
            "（なし）"
        } else {
            &a.status_before
        };
        s.push_str(&format!("{by}変更区分: {before} → {}\n", a.status_after));
    }
    for c in &a.changes {
        let d = diff_text(&c.before, &c.after);
        s.push_str(&format!(
            "{by}{}: {}\n",
            c.field,
            indent(&inline_diff(&d), by)
        ));
    }
    if !a.opinion.is_empty() {
        s.push_str(&format!("{by}意見: {}\n", indent(&a.opinion, by)));
    }
    for n in &a.notes {
        s.push_str(&format!("{by}※ {n}\n"));
    }
}

fn conflict_text(s: &mut String, c: &Conflict) {
    s.push_str(&format!(
        "\n[競合] {}: {}（この行は下書きのまま）\n",
        c.location,
        c.kind.label()
    ));
    let fields = |s: &mut String, title: &str, texts: &[(String, String)]| {
        s.push_str(&format!("    {title}\n"));
        for (k, v) in texts {
            if !v.is_empty() {
                s.push_str(&format!("      {k}: {}\n", indent(v, "      ")));
            }
        }
    };
    fields(s, "下書き（いま）", &c.now);
    if !c.sent.is_empty() {
        fields(s, "照会したとき", &c.sent);
    }
    for a in &c.answers {
        s.push_str(&format!(
            "    {}の回答（{} {}）\n",
            a.department, a.file, a.cell
        ));
        answer_body(s, a, "      ");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wildcards_match_like_the_command_prompt() {
        assert!(wildcard_match("*.xlsx", "照会_行政管理課.xlsx"));
        assert!(wildcard_match("照会_*.XLSX", "照会_財政課.xlsx"));
        assert!(wildcard_match("照会_??課.xlsx", "照会_財政課.xlsx"));
        assert!(!wildcard_match("照会_?課.xlsx", "照会_財政課.xlsx"));
        assert!(!wildcard_match("*.xlsx", "素案.ron"));
        let dir = tempfile::tempdir().unwrap();
        for n in ["b.xlsx", "a.xlsx", "c.ron"] {
            std::fs::write(dir.path().join(n), "").unwrap();
        }
        let got = expand_wildcards(&[dir.path().join("*.xlsx"), dir.path().join("none*.xlsx")]);
        assert_eq!(
            got,
            vec![
                dir.path().join("a.xlsx"),
                dir.path().join("b.xlsx"),
                dir.path().join("none*.xlsx")
            ]
        );
    }
}
