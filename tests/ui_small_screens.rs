//! Small screens (issue 11 part 6): office laptops at 125–150 % scaling give about 1024 × 576
//! logical pixels, and the window may be made as small as 720 × 480. At both sizes nothing is
//! cut off: every toolbar command stays reachable (on the toolbar, or in its 「…」 menu), the
//! pages' text wraps within the window, and the tree on the left keeps the width the user
//! gave it, also in the next session.
//!
//! `SHINKYU_UI_SHOTS=<folder>` also writes what the window shows (rendered with wgpu) there,
//! to look at.

// The editor's tests: built with the "gui" feature only (`cargo test --no-default-features`
// runs the core's).
#![cfg(feature = "gui")]

mod ui_common;

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use shinkyu::app::{ShinkyuApp, StartWith};
use shinkyu::edit::synthetic::sample_draft;
use shinkyu::model::{Draft, SdgRef};
use ui_common::{MemStorage, app_sized, settle};

type H = Harness<'static, ShinkyuApp>;

const SIZES: [(f32, f32); 2] = [(1024.0, 576.0), (720.0, 480.0)];

/// A synthetic city's draft with the long names and sentences real plans have.
fn long_draft() -> Draft {
    let mut d = sample_draft();
    let p = &mut d.policies[0];
    p.name = "市民と行政が情報を共有し、ともに考え、ともに行動する協働のまちづくりの推進".into();
    let survey = p.survey.as_mut().unwrap();
    survey.item = "市の情報発信や情報公開が充実し、まちづくりへの市民参加の機会がたくさんあると感じる市民の割合".into();
    p.memo = "転記メモ：市民の声（ワークショップ）の「デジタル化を図って…」には直前に（）がないが、前の「広報紙の配布を増やす」と同じ問いへの回答と判断し、同じ文脈を付けた。".into();
    p.sdgs.push(SdgRef {
        number: 7,
        name: "エネルギーをみんなに そしてクリーンに".into(),
    });
    p.voices[0].quote = "お知らせがスマートフォンで見られると助かります。紙の広報紙も高齢の家族のために続けてほしいですし、地区ごとの情報も知りたいです。".into();
    let m = p.measures[1].revised.as_mut().unwrap();
    m.name = "市民の声を聴き、市政に反映する広聴活動の充実と多様な参加機会の確保".into();
    m.bullets[0] = "市長と語る会を地区ごとに開き、オンラインでも参加できるようにするとともに、寄せられた意見と市の考え方を広報紙とウェブサイトで公表します。".into();
    d
}

fn app_at(size: (f32, f32), start: StartWith, storage: Option<&'static MemStorage>) -> H {
    app_sized(size, start, storage, shots().is_some())
}

fn long_app(size: (f32, f32)) -> H {
    let start = StartWith::Draft {
        draft: Box::new(long_draft()),
        name: "長い文.ron".into(),
    };
    app_at(size, start, None)
}

fn shots() -> Option<std::path::PathBuf> {
    std::env::var_os("SHINKYU_UI_SHOTS").map(Into::into)
}

/// Writes what the window shows to `SHINKYU_UI_SHOTS`, when it is set.
fn shot(h: &mut H, name: &str) {
    if let Some(dir) = shots() {
        std::fs::create_dir_all(&dir).unwrap();
        let image = h.render().expect("rendered with wgpu");
        image.save(dir.join(format!("{name}.png"))).unwrap();
    }
}

/// Every labelled thing that runs past the window's right edge (text that does not wrap,
/// a button pushed out). The text inside a one-line field is left out: it scrolls within the
/// field, as in every one-line field (the field itself must fit).
fn cut_off(h: &H, width: f32) -> Vec<String> {
    h.query_all_by(|n| n.role() != Role::TextRun)
        .filter_map(|n| {
            // Text is the label of a widget, the value of a label.
            let node = n.accesskit_node();
            let label = node.label().or_else(|| node.value())?;
            let rect = node.bounding_box()?;
            let short: String = label.chars().take(24).collect();
            (rect.x1 as f32 > width + 1.0)
                .then(|| format!("「{short}」 ends at x = {:.0}", rect.x1))
        })
        .collect()
}

/// The toolbar's commands, by the names the buttons carry.
const TOOLS: [&str; 11] = [
    "開く",
    "保存",
    "元に戻す",
    "やり直し",
    "検索",
    "新旧対照表",
    "出力",
    "閲覧モード",
    "縮小",
    "拡大",
    "検査結果 エラー",
];

/// Whether the toolbar offers `name` within the window: on the bar, or in its 「…」 menu.
/// Returns where it was found.
fn reachable(h: &mut H, name: &str, width: f32) -> Option<&'static str> {
    let on_bar = |h: &H| {
        h.query_all_by_label_contains(name)
            .filter(|n| n.accesskit_node().role() == Role::Button)
            .any(|n| n.rect().max.x <= width + 1.0 && n.rect().min.y < 70.0)
    };
    if on_bar(h) {
        return Some("bar");
    }
    let more = h.query_by_label("ほかのボタン")?;
    more.click();
    h.run();
    let found = h
        .query_all_by_label_contains(name)
        .any(|n| n.accesskit_node().role() == Role::Button && n.rect().max.x <= width + 1.0);
    h.key_press(egui::Key::Escape);
    h.run();
    found.then_some("menu")
}

#[test]
fn every_toolbar_command_stays_reachable() {
    for size in SIZES {
        let mut h = long_app(size);
        h.run();
        shot(&mut h, &format!("toolbar_{}x{}", size.0, size.1));
        let mut places = Vec::new();
        for name in TOOLS {
            let at = reachable(&mut h, name, size.0);
            assert!(at.is_some(), "{name} cannot be reached at {size:?}");
            places.push((name, at.unwrap()));
        }
        assert!(cut_off(&h, size.0).is_empty(), "{:?}", cut_off(&h, size.0));
        if size.0 < 800.0 {
            // The small window folds the last buttons into 「…」, and they work from there.
            assert!(places.iter().any(|(_, at)| *at == "menu"), "{places:?}");
            let zoom = h.state().prefs().zoom;
            h.get_by_label("ほかのボタン").click();
            h.run();
            shot(&mut h, &format!("toolbar_menu_{}x{}", size.0, size.1));
            h.get_by_label("拡大").click();
            h.run();
            assert!((h.state().prefs().zoom - (zoom + 0.1)).abs() < 1e-3);
        } else {
            assert!(places.iter().all(|(_, at)| *at == "bar"), "{places:?}");
        }

        // 閲覧モード adds 「次の要修正」 and 「次の未コメント」, a banner and a long message.
        h.state_mut().request_review_mode();
        h.run();
        h.get_by_label("確認者の名前").type_text("総務課長 田中");
        h.run();
        h.get_by_label("OK").click();
        h.run();
        assert!(h.state().review_mode());
        shot(&mut h, &format!("review_{}x{}", size.0, size.1));
        for name in TOOLS.into_iter().chain(["次の要修正", "次の未コメント"]) {
            assert!(
                reachable(&mut h, name, size.0).is_some(),
                "{name} cannot be reached in 閲覧モード at {size:?}"
            );
        }
        assert!(cut_off(&h, size.0).is_empty(), "{:?}", cut_off(&h, size.0));
    }
}

/// The pages of the first 施策大項目 and a row, by the tree lines that open them.
const PAGES: [&str; 8] = [
    "市民アンケート結果",
    "市民の声",
    "関連するSDGs",
    "成果指標/現状",
    "施策中項目",
    "関連計画",
    "主な事業一覧",
    "めざす姿",
];

/// Clicks the tree line `label`, scrolling the tree down to it first (a small window shows
/// only some of its lines).
fn open_in_tree(h: &mut H, label: &str, height: f32) {
    for _ in 0..30 {
        if let Some(line) = h.query_by_role_and_label(Role::TreeItem, label)
            && line.rect().max.y < height - 40.0
        {
            line.click();
            h.run();
            return;
        }
        h.event(egui::Event::PointerMoved(egui::pos2(60.0, height / 2.0)));
        h.event(egui::Event::MouseWheel {
            unit: egui::MouseWheelUnit::Point,
            delta: egui::vec2(0.0, -60.0),
            modifiers: egui::Modifiers::NONE,
            phase: egui::TouchPhase::Move,
            source: egui::MouseWheelSource::Wheel,
        });
        h.run();
    }
    panic!("「{label}」 is not in the tree");
}

#[test]
fn the_pages_text_wraps_within_the_window() {
    for size in SIZES {
        let mut h = long_app(size);
        let d = long_draft();
        let mut problems = Vec::new();
        let mut look = |h: &mut H, page: &str| {
            h.run();
            shot(
                h,
                &format!("page_{}x{}_{}", size.0, size.1, page.replace('/', "_")),
            );
            for c in cut_off(h, size.0) {
                problems.push(format!("{page}: {c}"));
            }
        };
        // The 施策大項目 page opens first.
        look(&mut h, "施策大項目");
        h.get_all_by_role(Role::TreeItem).next().unwrap().click();
        look(&mut h, "分野");
        for page in PAGES {
            open_in_tree(&mut h, page, size.1);
            look(&mut h, page);
        }
        let row = shinkyu::app::tree::row_label(
            &d.policies[0].measures[1],
            shinkyu::model::BlockKind::Measures,
        );
        open_in_tree(&mut h, "施策中項目", size.1);
        open_in_tree(&mut h, &row, size.1);
        look(&mut h, "施策中項目の行");
        h.get_by_label("新旧対照表").click();
        settle(&mut h);
        look(&mut h, "新旧対照表");
        assert!(problems.is_empty(), "at {size:?}:\n{}", problems.join("\n"));
    }
}

/// The tree panel's right edge (its first line's).
fn tree_right(h: &H) -> f32 {
    h.get_all_by_role(Role::TreeItem)
        .next()
        .unwrap()
        .rect()
        .max
        .x
}

#[test]
fn the_tree_can_be_resized_and_keeps_its_width() {
    use eframe::App as _;
    let mut h = long_app(SIZES[0]);
    let right = tree_right(&h);
    assert!(
        right < 1024.0 * 0.45,
        "the tree leaves room for the page: {right}"
    );
    // Drag the panel's edge 100 points to the right.
    let edge = right + 6.0;
    let y = 300.0;
    let press = |pressed, x: f32| egui::Event::PointerButton {
        pos: egui::pos2(x, y),
        button: egui::PointerButton::Primary,
        pressed,
        modifiers: egui::Modifiers::NONE,
    };
    let mut found = false;
    // The grab area is a few points wide: find it.
    for dx in [0.0, -2.0, -4.0, 2.0, -6.0, -8.0] {
        h.event(egui::Event::PointerMoved(egui::pos2(edge + dx, y)));
        h.run();
        h.event(press(true, edge + dx));
        h.step();
        for k in 1..=10 {
            h.event(egui::Event::PointerMoved(egui::pos2(
                edge + dx + 10.0 * k as f32,
                y,
            )));
            h.step();
        }
        h.event(press(false, edge + dx + 100.0));
        h.run();
        if (tree_right(&h) - right - 100.0).abs() < 8.0 {
            found = true;
            break;
        }
    }
    assert!(
        found,
        "the tree was not resized: {} → {}",
        right,
        tree_right(&h)
    );
    let wider = tree_right(&h);

    let mut storage = MemStorage::default();
    h.state_mut().save(&mut storage);
    let stored = h
        .state()
        .prefs()
        .tree_width
        .expect("the width is remembered");
    let storage: &'static MemStorage = Box::leak(Box::new(storage));
    let start = StartWith::Draft {
        draft: Box::new(long_draft()),
        name: "長い文.ron".into(),
    };
    let h2 = app_at(SIZES[0], start, Some(storage));
    assert_eq!(h2.state().prefs().tree_width, Some(stored));
    assert!(
        (tree_right(&h2) - wider).abs() < 2.0,
        "{} vs {wider}",
        tree_right(&h2)
    );
}
