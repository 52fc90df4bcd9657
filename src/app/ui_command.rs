//! App-level commands (open, save, undo, zoom …), each with its Japanese text, tooltip and
//! keyboard shortcut, and the queue of actions the panels and dialogs send. Everything the user
//! asks for goes through [`Action`]s that the app drains once per frame (as rerun's viewer
//! does; the app's side is in `handling/`).
//!
//! The actions' payloads are plain data (the core's types, the view state), so that panels and
//! dialogs depend on this file and on the state they draw, never on the app itself.

use std::path::PathBuf;

use egui::{Key, KeyboardShortcut, Modifiers};

use super::checking::FindingsAction;
use super::jobs::AfterSave;
use super::panels::comment_drafts::Unposted;
use super::recovery::RecoveryEntry;
use super::review_mode::ReviewAction;
use super::state::{ExpandKey, Selection};
use crate::edit::Command;

/// A command from the menu, the toolbar or a shortcut.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum UiCommand {
    Open,
    Save,
    SaveAs,
    OpenBundled,
    Quit,
    Undo,
    Redo,
    Find,
    ZoomIn,
    ZoomOut,
    ZoomReset,
    ExpandAll,
    CollapseAll,
    ClearFilters,
    About,
    /// ファイル › 出力… : the 新旧対照表 as HTML, Excel, CSV or JSON.
    Export,
    /// 表示 › 検査結果: show or hide the findings panel.
    ToggleFindings,
    /// 表示 › 新旧対照表のプレビュー (or back to the editor).
    ShowReport,
    /// Check the draft again now.
    Recheck,
    // 閲覧モード and offline review (see `super::review_mode`).
    ToggleReviewMode,
    NextNeedsFix,
    NextUncommented,
    ReviewerName,
    CompareVersions,
    ImportReview,
}

impl UiCommand {
    /// Commands with a shortcut, in the order shortcuts are matched: egui ignores extra
    /// Shift when matching, so Ctrl+Shift+S must be tried before Ctrl+S (and Ctrl+Shift+Z
    /// before Ctrl+Z).
    pub const SHORTCUT_ORDER: [UiCommand; 15] = [
        UiCommand::ToggleFindings,
        UiCommand::ShowReport,
        UiCommand::Export,
        UiCommand::SaveAs,
        UiCommand::Save,
        UiCommand::Open,
        UiCommand::Quit,
        UiCommand::Redo,
        UiCommand::Undo,
        UiCommand::Find,
        UiCommand::ZoomIn,
        UiCommand::ZoomOut,
        UiCommand::ZoomReset,
        UiCommand::NextUncommented,
        UiCommand::NextNeedsFix,
    ];

    /// (menu text, tooltip).
    pub fn text_and_tooltip(self) -> (&'static str, &'static str) {
        match self {
            UiCommand::Open => ("開く…", "下書きファイル（.ron）を開きます"),
            UiCommand::Save => (
                "保存",
                "下書きを上書き保存します（前の版は .bak に残します）",
            ),
            UiCommand::SaveAs => ("名前を付けて保存…", "下書きを別の名前で保存します"),
            UiCommand::OpenBundled => (
                "同梱の下書きを開く",
                "プログラムに同梱されている下書き（本庄市 6. 行財政経営分野）を開きます",
            ),
            UiCommand::Quit => ("終了", "shinkyu を終了します"),
            UiCommand::Undo => ("元に戻す", "直前の変更を取り消します"),
            UiCommand::Redo => ("やり直し", "取り消した変更をやり直します"),
            UiCommand::Find => ("検索", "現行・改定案の両方から文字列を探します"),
            UiCommand::ZoomIn => ("拡大", "文字と画面を大きくします"),
            UiCommand::ZoomOut => ("縮小", "文字と画面を小さくします"),
            UiCommand::ZoomReset => ("標準の大きさ", "拡大・縮小を元に戻します"),
            UiCommand::ExpandAll => ("すべて展開", "左の一覧をすべて開きます"),
            UiCommand::CollapseAll => ("すべて折りたたむ", "左の一覧を施策大項目まで閉じます"),
            UiCommand::ClearFilters => (
                "絞り込みを解除",
                "変更区分・部署・検索の絞り込みを解除します",
            ),
            UiCommand::About => (
                "shinkyu について",
                "版と描画方式、フォントのライセンスを表示します",
            ),
            UiCommand::Export => (
                "出力…",
                "新旧対照表を HTML・Excel・CSV・JSON のファイルに出力します",
            ),
            UiCommand::ToggleFindings => (
                "検査結果",
                "検査結果（エラー・警告・情報）の一覧を表示する／隠す",
            ),
            UiCommand::ShowReport => (
                "新旧対照表のプレビュー",
                "下書き全体を新旧対照表の形で表示します（もう一度押すと編集画面に戻ります）",
            ),
            UiCommand::Recheck => ("今すぐ検査", "下書きをいますぐ検査し直します"),
            UiCommand::ToggleReviewMode => (
                "閲覧モード",
                "本文を変更せずに読み、行ごとにコメントと確認状態（未確認／確認済／要修正）を記録します",
            ),
            UiCommand::NextNeedsFix => ("次の要修正", "「要修正」の次の行へ移ります"),
            UiCommand::NextUncommented => ("次の未コメント", "コメントのない次の行へ移ります"),
            UiCommand::ReviewerName => (
                "確認者の名前…",
                "コメントと確認状態に記録する名前を変えます",
            ),
            UiCommand::CompareVersions => (
                "前の版と比較…",
                "前の版の下書き（例：素案1）を開き、修正のあった行を一覧にします",
            ),
            UiCommand::ImportReview => (
                "確認者の写しを取り込む…",
                "課長が閲覧モードで確認した写しから、コメントと確認状態をこの下書きに取り込みます",
            ),
        }
    }

    pub fn text(self) -> &'static str {
        self.text_and_tooltip().0
    }

    pub fn tooltip(self) -> &'static str {
        self.text_and_tooltip().1
    }

    /// The primary shortcut, shown in menus.
    pub fn shortcut(self) -> Option<KeyboardShortcut> {
        let ctrl = |key| Some(KeyboardShortcut::new(Modifiers::COMMAND, key));
        let ctrl_shift = |key| {
            Some(KeyboardShortcut::new(
                Modifiers::COMMAND | Modifiers::SHIFT,
                key,
            ))
        };
        match self {
            UiCommand::Open => ctrl(Key::O),
            UiCommand::Save => ctrl(Key::S),
            UiCommand::SaveAs => ctrl_shift(Key::S),
            UiCommand::Quit => ctrl(Key::Q),
            UiCommand::Undo => ctrl(Key::Z),
            UiCommand::Redo => ctrl(Key::Y),
            UiCommand::Find => ctrl(Key::F),
            UiCommand::ZoomIn => ctrl(Key::Equals),
            UiCommand::ZoomOut => ctrl(Key::Minus),
            UiCommand::ZoomReset => ctrl(Key::Num0),
            UiCommand::Export => ctrl(Key::E),
            UiCommand::ToggleFindings => ctrl_shift(Key::K),
            UiCommand::ShowReport => ctrl_shift(Key::P),
            UiCommand::NextNeedsFix => Some(KeyboardShortcut::new(Modifiers::NONE, Key::F8)),
            UiCommand::NextUncommented => Some(KeyboardShortcut::new(Modifiers::SHIFT, Key::F8)),
            _ => None,
        }
    }

    /// Every shortcut that triggers the command (Ctrl+Shift+Z also redoes; Ctrl++ and the
    /// JIS keyboard's Ctrl+; also zoom in).
    pub fn shortcuts(self) -> Vec<KeyboardShortcut> {
        let mut all: Vec<KeyboardShortcut> = self.shortcut().into_iter().collect();
        match self {
            UiCommand::Redo => all.insert(
                0,
                KeyboardShortcut::new(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z),
            ),
            UiCommand::ZoomIn => {
                all.push(KeyboardShortcut::new(Modifiers::COMMAND, Key::Plus));
                all.push(KeyboardShortcut::new(Modifiers::COMMAND, Key::Semicolon));
            }
            _ => {}
        }
        all
    }

    /// Shortcuts a focused text field keeps: its own undo/redo, and F8 / Shift+F8, which
    /// MS-IME uses while composing (F8 = half-width katakana).
    pub fn yields_to_text_field(self) -> bool {
        matches!(
            self,
            UiCommand::Undo
                | UiCommand::Redo
                | UiCommand::NextNeedsFix
                | UiCommand::NextUncommented
        )
    }
}

/// Something the user asked for, queued by a panel and carried out by the app at the end of
/// the frame.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    Ui(UiCommand),
    /// A change to the document.
    Edit(Command),
    Select(Selection),
    /// Open the file at this path (recent files, drag and drop).
    OpenPath(PathBuf),
    ToggleExpand(ExpandKey),
    /// The user left a text field: the next edit starts a new undo step.
    SealUndo,
    /// Unlock (or lock again) the current side of a row for editing.
    SetCurrentUnlocked(crate::model::RowId, bool),
    /// Light, dark, or as the OS.
    SetTheme(egui::ThemePreference),
    /// From the 検査結果 panel: go to a finding, fix it, ignore it.
    Findings(FindingsAction),
    /// Comments, the reviewer's name, the comparison and the merge (閲覧モード).
    Review(ReviewAction),
    /// An answer to one of the questions about the open document (`dialogs/message.rs`).
    Dialog(Choice),
    /// From the 出力 dialog.
    Export(ExportAction),
}

/// What the user answered in a question about the open document (unsaved changes, comments
/// not recorded, a file changed on disk, a recovery copy).
#[derive(Clone, Debug, PartialEq)]
pub enum Choice {
    SaveThen(AfterSave),
    DiscardThen(AfterSave),
    Overwrite(AfterSave),
    SaveAsInstead,
    Restore(RecoveryEntry),
    DiscardRecovery(RecoveryEntry),
    /// Drop the comments being written, then go on leaving (which may still ask about saving).
    DiscardCommentsThen(AfterSave),
    /// Show the comment being written, with the keyboard focus in its box.
    BackToComment(Unposted),
}

/// What the 出力 dialog asks the app to do (the dialog itself keeps the options).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ExportAction {
    /// Choose the previous version for 前回の版と比較.
    PickPrevious,
    /// Ask where to write, then export with the dialog's options.
    Export,
    /// Open the exported file with its program.
    OpenFile(PathBuf),
    /// Show the exported file in its folder.
    OpenFolder(PathBuf),
}
