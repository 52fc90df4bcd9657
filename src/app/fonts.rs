//! The bundled Japanese font. eframe's system-font fallback picks a Chinese font for kanji
//! unless the OS locale is Japanese, and office PCs may lack fonts altogether, so the editor
//! carries BIZ UDPゴシック (SIL OFL 1.1, `assets/fonts/OFL.txt`) and puts it first.

use egui::{FontData, FontFamily, FontInsert, FontPriority, InsertFontFamily};

/// BIZ UDPゴシック Regular, embedded.
pub const UI_FONT: &[u8] = include_bytes!("../../assets/fonts/BIZUDPGothic-Regular.ttf");

/// The font's name in egui's font definitions.
pub const UI_FONT_NAME: &str = "BIZ UDPGothic";

/// The font's licence, shown in the about dialog.
pub const UI_FONT_LICENSE: &str = include_str!("../../assets/fonts/OFL.txt");

/// Installs the bundled font at the highest priority for proportional and monospace text.
/// Installing twice is harmless.
pub fn install_fonts(ctx: &egui::Context) {
    ctx.add_font(FontInsert::new(
        UI_FONT_NAME,
        FontData::from_static(UI_FONT),
        vec![
            InsertFontFamily {
                family: FontFamily::Proportional,
                priority: FontPriority::Highest,
            },
            InsertFontFamily {
                family: FontFamily::Monospace,
                priority: FontPriority::Highest,
            },
        ],
    ));
}
