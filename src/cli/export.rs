//! `shinkyu export`: the 新旧対照表 and the other exports.

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::ValueEnum;

use super::EXIT_NOT_DONE;
use super::output::{load_or_report, write_output};
use crate::report::{
    self, ColumnOrder, ExportOptions, Format, HtmlOptions, JsonContent, UnchangedRows, ViewOptions,
    XlsxOptions,
};
use crate::review;

/// `shinkyu export` の引数.
#[derive(clap::Args, Debug, Clone)]
pub struct ExportArgs {
    /// 出力する下書きファイル
    pub file: PathBuf,
    /// 出力形式
    #[arg(long, value_enum)]
    pub format: ExportFormat,
    /// 出力先（省略すると下書きと同じフォルダーに拡張子を変えて書きます。「-」で標準出力）
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    /// 列の並び（HTML・Word）：current-left＝現行を左（既定）、revised-left＝改定案を左（例規の新旧対照表の並び）
    #[arg(long, value_enum, default_value_t = ColumnOrderArg::CurrentLeft)]
    pub order: ColumnOrderArg,
    /// 変更のない行の表示（HTML・Word）：full＝両欄に全文（既定）、placeholder＝改定案欄に「（変更なし）」
    #[arg(long, value_enum, default_value_t = UnchangedArg::Full)]
    pub unchanged: UnchangedArg,
    /// 備考（変更理由・各課意見）の列を付けます（HTML・Word。Excel には常に付きます）
    #[arg(long)]
    pub memo: bool,
    /// 検査結果を付けます（HTML・Word は付録、Excel は「検査結果」シート）
    #[arg(long)]
    pub findings: bool,
    /// JSON の内容：draft＝下書き全体（既定）、comparison＝新旧対照表の行と変更箇所
    #[arg(long, value_enum, default_value_t = JsonArg::Draft)]
    pub json: JsonArg,
    /// 課長のコメントと確認状態を「確認状況」の列として付けます（HTML・Word）
    #[arg(long)]
    pub review: bool,
    /// 前の版の下書き：「前回からの主な修正内容」を集計の後に付けます（HTML・Word）
    #[arg(long, value_name = "OLD.ron")]
    pub since: Option<PathBuf>,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum ColumnOrderArg {
    /// 現行を左
    CurrentLeft,
    /// 改定案を左（例規の並び）
    RevisedLeft,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnchangedArg {
    /// 両欄に全文
    Full,
    /// 改定案欄に「（変更なし）」
    Placeholder,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum JsonArg {
    /// 下書き全体
    Draft,
    /// 新旧対照表の行と変更箇所
    Comparison,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportFormat {
    /// 印刷用の新旧対照表（1ファイルの HTML）
    Html,
    /// Word 文書（編集できる新旧対照表、A4横）
    Docx,
    /// Excel ブック（概要と施策大項目ごとのシート）
    Xlsx,
    /// CSV（1行1比較行、UTF-8 BOM 付き）
    Csv,
    /// JSON
    Json,
}

impl From<ExportFormat> for Format {
    fn from(f: ExportFormat) -> Format {
        match f {
            ExportFormat::Html => Format::Html,
            ExportFormat::Docx => Format::Docx,
            ExportFormat::Xlsx => Format::Xlsx,
            ExportFormat::Csv => Format::Csv,
            ExportFormat::Json => Format::Json,
        }
    }
}

impl ExportArgs {
    /// The exporters' options these flags ask for (the checker runs only with `--findings`).
    pub fn options(&self, draft: &crate::model::Draft) -> ExportOptions {
        let findings = self.findings.then(|| report::findings_appendix(draft));
        ExportOptions {
            view: ViewOptions::default(),
            html: HtmlOptions {
                column_order: match self.order {
                    ColumnOrderArg::CurrentLeft => ColumnOrder::CurrentLeft,
                    ColumnOrderArg::RevisedLeft => ColumnOrder::RevisedLeft,
                },
                unchanged: match self.unchanged {
                    UnchangedArg::Full => UnchangedRows::Full,
                    UnchangedArg::Placeholder => UnchangedRows::Placeholder,
                },
                memo_column: self.memo,
                findings: findings.clone(),
                review_column: self.review,
                changes: None,
            },
            xlsx: XlsxOptions { findings },
            json: match self.json {
                JsonArg::Draft => JsonContent::Draft,
                JsonArg::Comparison => JsonContent::Comparison,
            },
        }
    }
}

pub(super) fn run(args: &ExportArgs, out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    let file = args.file.as_path();
    let format: Format = args.format.into();
    let loaded = match load_or_report(file, err) {
        Ok(l) => l,
        Err(code) => return code,
    };
    let mut opts = args.options(&loaded.draft);
    if let Some(old) = &args.since {
        let previous = match load_or_report(old, err) {
            Ok(l) => l,
            Err(code) => return code,
        };
        opts.html.changes = Some(review::compare_versions(&previous.draft, &loaded.draft));
    }
    let bytes = match report::export(&loaded.draft, format, &opts) {
        Ok(b) => b,
        Err(e) => {
            let _ = writeln!(err, "{}: 出力エラー: {e}", file.display());
            return EXIT_NOT_DONE;
        }
    };
    let target = match args.output.as_deref() {
        Some(p) if p == Path::new("-") => None,
        Some(p) => Some(p.to_path_buf()),
        None => Some(file.with_extension(format.extension())),
    };
    write_output(&bytes, target.as_deref(), &[file], out, err)
}
