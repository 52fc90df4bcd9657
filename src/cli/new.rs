//! `shinkyu new`: a new, empty draft for any city and 分野, written to a file that must not
//! exist yet.

use std::io::Write;
use std::path::PathBuf;

use super::{EXIT_NOT_DONE, EXIT_OK};
use crate::io::{self, SaveError};
use crate::model::NewDraft;

/// `shinkyu new` の引数.
#[derive(clap::Args, Debug, Clone)]
pub struct NewArgs {
    /// 作成する下書きファイル（.ron）。すでにあるファイルは上書きしません
    #[arg(value_name = "OUT.ron")]
    pub out: PathBuf,
    /// 計画名（例: ○○市総合振興計画 後期基本計画）
    #[arg(long, value_name = "NAME")]
    pub plan_name: String,
    /// 分野番号（1以上）
    #[arg(long, value_name = "N")]
    pub field_number: u32,
    /// 分野名（例: 健康福祉分野）
    #[arg(long, value_name = "NAME")]
    pub field_name: String,
    /// 施策大項目の名称。並べたい順に何回でも指定します（1, 2, 3 … と番号が付きます）
    #[arg(long = "policy", value_name = "NAME")]
    pub policies: Vec<String>,
    /// 版（素案、素案2、案 など）
    #[arg(long, value_name = "TEXT", default_value = NewDraft::DEFAULT_VERSION)]
    pub version_label: String,
    /// 日付（例: 2026-04-01）。省略すると空欄
    #[arg(long, value_name = "TEXT")]
    pub date: Option<String>,
    /// 作成課
    #[arg(long, value_name = "NAME", default_value = NewDraft::DEFAULT_AUTHOR)]
    pub author_section: String,
}

impl NewArgs {
    /// The fields of the new draft these options give.
    pub fn fields(&self) -> NewDraft {
        NewDraft {
            plan_name: self.plan_name.clone(),
            field_number: self.field_number,
            field_name: self.field_name.clone(),
            version_label: self.version_label.clone(),
            date: self.date.clone().unwrap_or_default(),
            author_section: self.author_section.clone(),
            policies: self.policies.clone(),
        }
    }
}

/// Writes the new draft. Exit 0 when written; 2 when the file already exists (it is left
/// byte-identical) or a field is missing; 1 when writing failed.
pub(super) fn run(args: &NewArgs, err: &mut dyn Write) -> i32 {
    let fields = args.fields();
    let problems = fields.problems();
    if !problems.is_empty() {
        for p in &problems {
            let _ = writeln!(err, "エラー: {p}");
        }
        let _ = writeln!(err, "下書きは作成していません。");
        return EXIT_NOT_DONE;
    }
    let draft = match fields.build() {
        Ok(d) => d,
        Err(e) => {
            let _ = writeln!(err, "エラー: {e}");
            return EXIT_NOT_DONE;
        }
    };
    let text = match io::to_ron_string(&draft) {
        Ok(t) => t,
        Err(e) => {
            let _ = writeln!(err, "{}", SaveError::Serialize(e.to_string()));
            return EXIT_NOT_DONE;
        }
    };
    match io::create_new_atomic(&args.out, text.as_bytes()) {
        Ok(_) => {
            let _ = writeln!(
                err,
                "{} に新しい下書き「{}」を作成しました（施策大項目 {} 件）。",
                args.out.display(),
                draft.display_name(),
                draft.policies.len()
            );
            EXIT_OK
        }
        Err(e @ SaveError::Exists { .. }) => {
            let _ = writeln!(err, "エラー: {e}");
            EXIT_NOT_DONE
        }
        Err(e) => {
            let _ = writeln!(err, "エラー: {e}");
            EXIT_NOT_DONE
        }
    }
}
