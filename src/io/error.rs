//! Load and save errors, each with a Japanese message that says what is wrong and what to do.

use std::fmt;
use std::path::PathBuf;

/// Why a draft could not be read. A file that could not be read is never written to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoadError {
    /// The file could not be opened or read.
    Io { path: PathBuf, reason: String },
    /// The file is empty.
    Empty,
    /// The file holds binary data (NUL bytes or control characters).
    Binary,
    /// The file is UTF-8 (it starts with a BOM, or nearly all of it reads as UTF-8) but has
    /// bytes UTF-8 cannot read: a damaged file. Where the first bad byte is (1-based line and
    /// column in characters), that line as an excerpt (bad bytes shown as U+FFFD), and how many
    /// places are damaged.
    InvalidUtf8 {
        line: usize,
        column: usize,
        excerpt: String,
        places: usize,
    },
    /// The text is in an encoding shinkyu does not read.
    UnknownEncoding { guess: Option<&'static str> },
    /// The RON text is malformed or does not fit a draft.
    Syntax(SyntaxError),
    /// The draft was written by a newer version of shinkyu.
    NewerSchema { found: u32, supported: u32 },
    /// The draft has no valid schema version.
    BadSchema { found: u32 },
}

/// A RON error translated into Japanese, with where it happened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    /// 1-based line.
    pub line: usize,
    /// 1-based column, counted in characters.
    pub column: usize,
    /// What is wrong, in Japanese.
    pub message: String,
    /// The offending line, for display: the whole line when short, else an excerpt of about
    /// 120 characters around the column, `…` marking what was cut.
    pub source_line: String,
}

impl LoadError {
    /// The process exit code for the command line: always 2 (the file could not be read).
    pub fn exit_code(&self) -> i32 {
        2
    }

    /// What is wrong, without the place (the command line prints `file:line:column:` before
    /// it); for errors without a place, the whole message.
    pub fn what(&self) -> String {
        match self {
            LoadError::Syntax(s) => s.message.clone(),
            LoadError::InvalidUtf8 { places, .. } => {
                let others = if *places > 1 {
                    format!("（ほかに {} か所）", places - 1)
                } else {
                    String::new()
                };
                format!(
                    "UTF-8 のファイルに、UTF-8 として読めないバイトがあります{others}。ファイルが壊れている可能性があります。バックアップ（.bak）があればそちらを開いてください。"
                )
            }
            other => other.to_string(),
        }
    }

    /// Where in the file the problem is, when it has a place: 1-based line and column (in
    /// characters) and an excerpt of that line (at most about 120 characters, cut around the
    /// column: a draft written on one line may be megabytes long).
    pub fn position(&self) -> Option<(usize, usize, &str)> {
        match self {
            LoadError::Syntax(s) => Some((s.line, s.column, &s.source_line)),
            LoadError::InvalidUtf8 {
                line,
                column,
                excerpt,
                ..
            } => Some((*line, *column, excerpt)),
            _ => None,
        }
    }
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LoadError::Io { path, reason } => write!(
                f,
                "ファイル「{}」を開けません（{}）。ファイルの場所と名前、読み取りの権限を確認してください。",
                path.display(),
                reason
            ),
            LoadError::Empty => f.write_str(
                "ファイルが空です。下書きファイル（.ron）を選んでいるか確認してください。",
            ),
            LoadError::Binary => f.write_str(
                "テキストファイルではありません（バイナリデータを含みます）。shinkyu の下書きファイル（.ron）を選んでください。",
            ),
            LoadError::InvalidUtf8 { line, column, .. } => {
                write!(f, "{line}行{column}列目: {}", self.what())
            }
            LoadError::UnknownEncoding { guess: Some(g) } => write!(
                f,
                "文字コードが {g} のため読み込めません。テキストエディタで UTF-8 または Shift_JIS として保存し直してください。"
            ),
            LoadError::UnknownEncoding { guess: None } => f.write_str(
                "文字コードを判別できません（UTF-8、UTF-16、Shift_JIS のいずれでもありません）。テキストエディタで UTF-8 として保存し直してください。",
            ),
            LoadError::Syntax(e) => write!(f, "{e}"),
            LoadError::NewerSchema { found, supported } => write!(
                f,
                "この下書きは新しい版の shinkyu で作成されています（形式の版 {found}。この shinkyu が読めるのは版 {supported} までです）。shinkyu を更新してから開いてください。ファイルは変更していません。"
            ),
            LoadError::BadSchema { found } => write!(
                f,
                "形式の版（schema_version）が正しくありません（{found}）。1 以上の整数を指定してください。"
            ),
        }
    }
}

impl fmt::Display for SyntaxError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}行{}列目: {}", self.line, self.column, self.message)
    }
}

impl std::error::Error for LoadError {}

/// Why a draft could not be saved. The file on disk is left as it was.
#[derive(Debug)]
pub enum SaveError {
    /// The draft could not be turned into RON (a bug; reported, nothing written).
    Serialize(String),
    /// Writing the temporary file failed (disk full, no permission …).
    Write { path: PathBuf, reason: String },
    /// The file is held open by another program and could not be replaced after retrying.
    Locked { path: PathBuf, reason: String },
    /// Making the backup copy failed.
    Backup { path: PathBuf, reason: String },
    /// A file that must be new ([`crate::io::create_new_atomic`]) is already there.
    Exists { path: PathBuf },
}

impl fmt::Display for SaveError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SaveError::Serialize(e) => write!(
                f,
                "下書きを保存用の形式に変換できませんでした（{e}）。ファイルは変更していません。"
            ),
            SaveError::Write { path, reason } => write!(
                f,
                "「{}」に保存できません（{reason}）。空き容量と書き込みの権限を確認してください。元のファイルは変更していません。",
                path.display()
            ),
            SaveError::Locked { path, reason } => write!(
                f,
                "「{}」は他のプログラム（Excel やエディタなど）で開かれているため保存できません（{reason}）。そのプログラムでファイルを閉じてから、もう一度保存してください。元のファイルは変更していません。",
                path.display()
            ),
            SaveError::Backup { path, reason } => write!(
                f,
                "バックアップ「{}」を作成できないため保存を中止しました（{reason}）。元のファイルは変更していません。",
                path.display()
            ),
            SaveError::Exists { path } => write!(
                f,
                "「{}」はすでにあります。上書きはしません。別のファイル名を指定するか、先に今のファイルを移動してください。ファイルは変更していません。",
                path.display()
            ),
        }
    }
}

impl std::error::Error for SaveError {}

/// A short Japanese description of an I/O error, for messages: never the system's English text
/// (「Broken pipe (os error 32)」). Kinds without a description of their own give
/// 「入出力エラー（コード N）」 with the system's error number, which support can look up.
pub fn io_reason(e: &std::io::Error) -> String {
    use std::io::ErrorKind::*;
    let what = match e.kind() {
        NotFound => "ファイルが見つかりません",
        PermissionDenied => "アクセスが拒否されました",
        AlreadyExists => "同じ名前のファイルがあります",
        StorageFull => "ディスクの空き容量が足りません",
        QuotaExceeded => "使える容量の上限を超えました",
        FileTooLarge => "ファイルが大きすぎます",
        ReadOnlyFilesystem => "読み取り専用の場所です",
        IsADirectory => "フォルダーです",
        NotADirectory => "パスの途中にフォルダーでないものがあります",
        DirectoryNotEmpty => "フォルダーが空ではありません",
        InvalidFilename => "ファイル名に使えない文字があります",
        TimedOut => "時間切れになりました",
        ResourceBusy | WouldBlock | ExecutableFileBusy | Deadlock => "他のプログラムが使用中です",
        BrokenPipe => "出力先が閉じられました（受け取る側のプログラムが先に終了しました）",
        WriteZero => "書き込めませんでした",
        UnexpectedEof => "ファイルが途中で終わっています",
        Interrupted => "中断されました",
        OutOfMemory => "メモリが足りません",
        InvalidData => "データが正しくありません",
        InvalidInput => "指定が正しくありません",
        Unsupported => "この場所ではできない操作です",
        CrossesDevices => "別のドライブへは移動できません",
        TooManyLinks => "リンクが多すぎます",
        StaleNetworkFileHandle => "共有フォルダーとの接続が切れました",
        NetworkDown | NetworkUnreachable | HostUnreachable | NotConnected | ConnectionRefused
        | ConnectionReset | ConnectionAborted => "ネットワーク（共有フォルダー）に接続できません",
        _ if cfg!(windows) && matches!(e.raw_os_error(), Some(32 | 33)) => {
            "他のプログラムが使用中です"
        }
        _ => {
            return match e.raw_os_error() {
                Some(code) => format!("入出力エラー（コード {code}）"),
                None => "入出力エラー".to_string(),
            };
        }
    };
    what.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{Error, ErrorKind};

    #[test]
    fn io_reasons_are_japanese() {
        for e in [
            Error::from(ErrorKind::BrokenPipe),
            Error::from_raw_os_error(32),
            Error::from_raw_os_error(5),
            Error::from_raw_os_error(9999),
            Error::other("some English text"),
            Error::from(ErrorKind::UnexpectedEof),
        ] {
            let reason = io_reason(&e);
            assert!(
                !reason.chars().any(|c| c.is_ascii_alphabetic()),
                "{e}: {reason}"
            );
        }
    }
}
