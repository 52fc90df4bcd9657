//! The bundled draft `drafts/honjo-6-gyozaisei.ron`: it loads, it is in canonical form, it holds
//! exactly the rows transcribed from the seed, and every stored text is verbatim from the seed.
//!
//! `tests/fixtures/seed.txt` is a byte-exact copy of the seed document the draft was transcribed
//! from (`shared/seeds/000_5efac60f894371f5.txt`, 本庄市 6. 行財政経営分野).

use std::collections::HashSet;
use std::path::PathBuf;

use shinkyu::io::{load_draft, parse_draft, to_ron_string};
use shinkyu::model::{BlockKind, ChangeStatus, Draft, IndicatorKind, Rename, Side, VoiceForm};

fn draft_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("drafts/honjo-6-gyozaisei.ron")
}

fn draft_text() -> String {
    std::fs::read_to_string(draft_path()).expect("the bundled draft is readable UTF-8")
}

fn draft() -> Draft {
    parse_draft(&draft_text()).expect("the bundled draft parses")
}

fn seed() -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/seed.txt");
    std::fs::read_to_string(path).expect("the seed fixture is readable UTF-8")
}

// ---------------------------------------------------------------------------------------------
// (1) Loading and canonical form.

#[test]
fn loads_and_saves_byte_identically() {
    let text = draft_text();
    let loaded = load_draft(&draft_path()).expect("load_draft reads the bundled draft");
    assert!(loaded.notes.is_empty(), "{:?}", loaded.notes);
    assert!(!loaded.had_crlf);
    let draft = loaded.draft;

    let saved = to_ron_string(&draft).expect("the draft serializes");
    // Byte-identical: the committed file is exactly what shinkyu writes.
    if saved != text {
        let line = saved
            .lines()
            .zip(text.lines())
            .position(|(a, b)| a != b)
            .map(|i| i + 1);
        panic!("saving the bundled draft changes it (first differing line: {line:?})");
    }
    let again = parse_draft(&saved).expect("the saved text parses");
    assert_eq!(again, draft, "load → save → load gives an equal draft");
    assert_eq!(
        to_ron_string(&again).unwrap(),
        saved,
        "saving twice gives identical bytes"
    );
    assert_eq!(
        shinkyu::BUNDLED_DRAFT,
        text,
        "the embedded draft is the file"
    );
}

// ---------------------------------------------------------------------------------------------
// (2) What was transcribed: rows per 施策大項目, block and status.

/// Rows of one block of one 施策大項目: [total, 変更なし, 変更あり, 新規, 削除, no status].
type Counts = [usize; 6];

fn counts(draft: &Draft, policy: usize, kind: BlockKind) -> Counts {
    let mut c = [0; 6];
    for row in draft.policies[policy].block(kind) {
        c[0] += 1;
        let i = match row.status {
            Some(ChangeStatus::Unchanged) => 1,
            Some(ChangeStatus::Modified) => 2,
            Some(ChangeStatus::New) => 3,
            Some(ChangeStatus::Deleted) => 4,
            None => 5,
        };
        c[i] += 1;
    }
    c
}

#[test]
fn rows_per_policy_block_and_status() {
    use BlockKind::*;
    let d = draft();
    assert_eq!(d.meta.plan_name, "本庄市総合振興計画 後期基本計画");
    assert_eq!(d.meta.title, "総合振興計画後期基本計画(素案)について");
    assert_eq!(d.meta.field_label(), "6. 行財政経営分野");
    assert_eq!(d.meta.version_label, "素案");
    assert_eq!(d.meta.date, "");
    assert_eq!(d.meta.author_section, "企画課");
    assert!(d.meta.memo.starts_with("転記メモ:"));

    // (policy number, block, [total, 変更なし, 変更あり, 新規, 削除, no status])
    #[rustfmt::skip]
    let expected: [(u32, BlockKind, Counts); 30] = [
        (1, Issues,        [1, 0, 0, 0, 0, 1]),
        (1, Vision,        [3, 3, 0, 0, 0, 0]),
        (1, Measures,      [3, 1, 2, 0, 0, 0]),
        (1, Collaboration, [1, 0, 0, 0, 0, 1]),
        (1, RelatedPlans,  [2, 2, 0, 0, 0, 0]),
        (1, Projects,      [6, 2, 4, 0, 0, 0]),
        (2, Issues,        [1, 0, 0, 0, 0, 1]),
        (2, Vision,        [3, 1, 1, 0, 0, 1]),
        (2, Measures,      [8, 1, 6, 1, 0, 0]),
        (2, Collaboration, [1, 0, 0, 0, 0, 1]),
        (2, RelatedPlans,  [7, 0, 4, 1, 2, 0]),
        (2, Projects,      [16, 13, 2, 1, 0, 0]),
        (3, Issues,        [1, 0, 0, 0, 0, 1]),
        (3, Vision,        [3, 2, 1, 0, 0, 0]),
        (3, Measures,      [4, 3, 1, 0, 0, 0]),
        (3, Collaboration, [1, 0, 0, 0, 0, 1]),
        (3, RelatedPlans,  [2, 2, 0, 0, 0, 0]),
        (3, Projects,      [7, 6, 0, 1, 0, 0]),
        (4, Issues,        [1, 0, 0, 0, 0, 1]),
        (4, Vision,        [3, 1, 1, 1, 0, 0]),
        (4, Measures,      [4, 1, 3, 0, 0, 0]),
        (4, Collaboration, [1, 0, 0, 0, 0, 1]),
        (4, RelatedPlans,  [2, 1, 1, 0, 0, 0]),
        (4, Projects,      [6, 1, 4, 0, 1, 0]),
        (5, Issues,        [1, 0, 0, 0, 0, 1]),
        (5, Vision,        [3, 2, 1, 0, 0, 0]),
        (5, Measures,      [6, 0, 6, 0, 0, 0]),
        (5, Collaboration, [1, 0, 0, 0, 0, 1]),
        (5, RelatedPlans,  [4, 3, 0, 1, 0, 0]),
        (5, Projects,      [7, 4, 3, 0, 0, 0]),
    ];
    assert_eq!(d.policies.len(), 5);
    for (i, p) in d.policies.iter().enumerate() {
        assert_eq!(p.number as usize, i + 1);
        assert_eq!(p.id.as_str(), format!("p{}", i + 1));
    }
    for (number, kind, want) in expected {
        let got = counts(&d, number as usize - 1, kind);
        assert_eq!(got, want, "施策大項目{number} {}", kind.label());
    }
    let total: usize = d.rows().count();
    assert_eq!(total, 109);
    let by_status = |s: Option<ChangeStatus>| d.rows().filter(|(_, _, r)| r.status == s).count();
    assert_eq!(by_status(Some(ChangeStatus::Unchanged)), 49);
    assert_eq!(by_status(Some(ChangeStatus::Modified)), 40);
    assert_eq!(by_status(Some(ChangeStatus::New)), 6);
    assert_eq!(by_status(Some(ChangeStatus::Deleted)), 3);
    assert_eq!(by_status(None), 11);

    // The per-policy blocks outside the comparison.
    // (voices, of which summaries, SDGs, indicators, 要変更 indicators, has 各課意見)
    let other: [(usize, usize, usize, usize, usize, bool); 5] = [
        (5, 0, 2, 3, 1, true),
        (4, 0, 4, 3, 1, false),
        (2, 0, 3, 3, 1, false),
        (5, 0, 3, 4, 2, true),
        (4, 1, 3, 4, 1, false),
    ];
    for (p, want) in d.policies.iter().zip(other) {
        let summaries = p
            .voices
            .iter()
            .filter(|v| v.form == VoiceForm::Summary)
            .count();
        let needs_change = p
            .indicators
            .iter()
            .filter(|i| i.verdict == Some(shinkyu::model::IndicatorVerdict::NeedsChange))
            .count();
        let got = (
            p.voices.len(),
            summaries,
            p.sdgs.len(),
            p.indicators.len(),
            needs_change,
            !p.indicator_opinion.is_empty(),
        );
        assert_eq!(got, want, "施策大項目{}", p.number);
        assert!(p.survey.is_some(), "施策大項目{} has a survey", p.number);
    }
    let kinds: Vec<IndicatorKind> = d.policies[0].indicators.iter().map(|i| i.kind).collect();
    assert_eq!(
        kinds,
        [
            IndicatorKind::Both,
            IndicatorKind::Both,
            IndicatorKind::Status
        ]
    );
    let renamed: Vec<&Rename> = d.policies.iter().map(|p| &p.rename).collect();
    assert_eq!(
        renamed,
        [
            &Rename::Unchanged,
            &Rename::Unchanged,
            &Rename::Unchanged,
            &Rename::Renamed("行政のデジタル化の推進".into()),
            &Rename::Unchanged,
        ]
    );
}

/// The transcription conventions every row follows.
#[test]
fn rows_follow_the_transcription_conventions() {
    let d = draft();
    let mut ids = HashSet::new();
    for id in d.all_ids() {
        assert!(ids.insert(id.as_str()), "duplicate id {id}");
    }
    for (path, p, row) in d.rows() {
        let kind = path.block;
        let id = row.id.as_str();
        let prefix = match kind {
            BlockKind::Issues => format!("{}.issues", p.id),
            BlockKind::Vision => format!("{}.vision.", p.id),
            BlockKind::Measures => format!("{}.measure.", p.id),
            BlockKind::Collaboration => format!("{}.collab", p.id),
            BlockKind::RelatedPlans => format!("{}.plan.", p.id),
            BlockKind::Projects => format!("{}.project.", p.id),
        };
        assert!(id.starts_with(&prefix), "{id} in {}", kind.label());
        if !kind.carries_status() {
            assert_eq!(row.status, None, "{id}");
        }
        match row.status {
            Some(ChangeStatus::Unchanged) => assert_eq!(row.current, row.revised, "{id}"),
            Some(ChangeStatus::Modified) => {
                assert!(row.current.is_some() && row.revised.is_some(), "{id}")
            }
            Some(ChangeStatus::New) => {
                assert!(row.current.is_none() && row.revised.is_some(), "{id}")
            }
            Some(ChangeStatus::Deleted) => {
                assert!(row.current.is_some() && row.revised.is_none(), "{id}")
            }
            None => assert!(row.current.is_some() && row.revised.is_some(), "{id}"),
        }
        // Only the fields the block uses are filled.
        let f = kind.fields();
        for side in row.current.iter().chain(row.revised.iter()) {
            assert!(f.number || side.number.is_none(), "{id}");
            assert!(f.name || side.name.is_empty(), "{id}");
            assert!(f.departments || side.departments.is_empty(), "{id}");
            assert!(f.period || side.period.is_empty(), "{id}");
            assert!(f.summary || side.summary.is_empty(), "{id}");
            assert!(f.bullets || side.bullets.is_empty(), "{id}");
            if kind.is_numbered() {
                let n = side.number.expect("numbered block has a number");
                assert!(id.ends_with(&format!(".{n}")), "{id} has number {n}");
            }
        }
        assert!(
            row.memo.is_empty() || row.memo.starts_with("転記メモ:"),
            "{id}: {}",
            row.memo
        );
    }
}

// ---------------------------------------------------------------------------------------------
// (3) Verbatim: every stored text is in the seed.

/// The seed with the conversion artefacts removed that the draft also drops, and nothing else:
///
/// * HTML tags (`<ul …>`, `</ul>`, `<li>`, `</li>`, `<p>`, `</p>`, `<b>`, `</b>`) are deleted;
/// * for `<b>` and `</b>` only, the ASCII spaces directly next to the tag on either side are
///   deleted with it (`明確にし、 <b>そうした</b> 人材` → `明確にし、そうした人材`);
/// * markdown bold `**` is deleted.
///
/// No other whitespace is touched: tabs (cell boundaries), line ends, the trailing markdown
/// double spaces and every other space stay, so a stored text must match the seed's own spacing
/// (e.g. the period `R 5年度-`). Stored texts never span a cell, so none needs normalising.
fn normalized_seed() -> String {
    let seed = seed();
    let mut out = String::with_capacity(seed.len());
    let mut rest = seed.as_str();
    while let Some(start) = rest.find('<') {
        out.push_str(&rest[..start]);
        let end = start + rest[start..].find('>').expect("tags are closed") + 1;
        let tag = &rest[start..end];
        rest = &rest[end..];
        if tag == "<b>" || tag == "</b>" {
            while out.ends_with(' ') {
                out.pop();
            }
            rest = rest.trim_start_matches(' ');
        }
    }
    out.push_str(rest);
    out.replace("**", "")
}

/// The normalised seed cut into the part before the first 施策大項目 (index 0) and one part per
/// 施策大項目 (index n = policy n), each starting at its line-initial `施策大項目`.
fn seed_sections(hay: &str) -> Vec<&str> {
    let mut starts: Vec<usize> = hay
        .match_indices("\n施策大項目")
        .map(|(i, _)| i + 1)
        .collect();
    starts.insert(0, 0);
    starts.push(hay.len());
    starts.windows(2).map(|w| &hay[w[0]..w[1]]).collect()
}

/// Every stored text of the draft with the 施策大項目 it belongs to (0 for the draft's own
/// metadata) and where it is, except memos (they are the transcriber's).
fn stored_texts(d: &Draft) -> Vec<(usize, String, String)> {
    let mut out = Vec::new();
    out.push((0, "meta.title".to_string(), d.meta.title.clone()));
    for p in &d.policies {
        let n = p.number as usize;
        let mut push = |at: String, s: &str| out.push((n, at, s.to_string()));
        let at = |what: &str| format!("{} {what}", p.id);
        push(at("name"), &format!("{}. {}", p.number, p.name));
        if let Rename::Renamed(name) = &p.rename {
            push(at("rename"), &format!("{}. {name}", p.number));
        }
        if let Some(s) = &p.survey {
            push(at("survey.item"), &s.item);
            for y in &s.years {
                push(at("survey.year"), y);
            }
        }
        for (i, v) in p.voices.iter().enumerate() {
            push(
                at(&format!("voice {i} source")),
                &format!("【{}より】", v.source),
            );
            if !v.context.is_empty() {
                push(
                    at(&format!("voice {i} context")),
                    &format!("（{}）", v.context),
                );
            }
            let quote = match v.form {
                VoiceForm::Quote => format!("「{}」", v.quote),
                VoiceForm::Summary => v.quote.clone(),
            };
            push(at(&format!("voice {i}")), &quote);
        }
        for s in &p.sdgs {
            push(at("sdg"), &s.name);
        }
        for i in &p.indicators {
            push(format!("{} name", i.id), &i.name);
            push(format!("{} change", i.id), &i.change);
        }
        push(at("indicator_opinion"), &p.indicator_opinion);
        for kind in BlockKind::ALL {
            for row in p.block(kind) {
                for (side, which) in [(&row.current, "現行"), (&row.revised, "改定案")] {
                    let Some(side) = side else { continue };
                    for (field, text) in side.texts() {
                        push(format!("{} {which} {}", row.id, field.label()), text);
                    }
                }
            }
        }
    }
    out.retain(|(_, _, s)| !s.is_empty());
    out
}

/// Whether `item` occurs in `hay` as a whole list item: right after a `●` or a line-initial
/// markdown `- `, and followed (after spaces) by a tab, a line end, the next `●` or the end.
fn occurs_as_item(hay: &str, item: &str) -> bool {
    hay.match_indices(item).any(|(i, _)| {
        let before = &hay[..i];
        let starts = before.ends_with('●')
            || (before.ends_with("- ") && (before.len() == 2 || before.ends_with("\n- ")));
        let after = hay[i + item.len()..].trim_start_matches(' ');
        let ends = after.is_empty()
            || after.starts_with('\t')
            || after.starts_with('\n')
            || after.starts_with('●');
        starts && ends
    })
}

/// Whether `cell` occurs in `hay` as a whole tab-separated cell.
fn occurs_as_cell(hay: &str, cell: &str) -> bool {
    hay.lines()
        .any(|line| line.split('\t').any(|c| c.trim_end_matches(' ') == cell))
}

#[test]
fn every_stored_text_is_verbatim_from_its_part_of_the_seed() {
    let hay = normalized_seed();
    let sections = seed_sections(&hay);
    assert_eq!(sections.len(), 6, "the seed has five 施策大項目");
    let d = draft();
    let texts = stored_texts(&d);
    assert!(texts.len() > 500, "{} texts", texts.len());
    let missing: Vec<&(usize, String, String)> = texts
        .iter()
        .filter(|(n, _, s)| !sections[*n].contains(s.as_str()))
        .collect();
    assert!(
        missing.is_empty(),
        "not in its part of the seed: {:#?}",
        missing.iter().take(10).collect::<Vec<_>>()
    );
}

#[test]
fn bullets_periods_names_and_sdgs_are_whole_items_of_the_seed() {
    let hay = normalized_seed();
    let sections = seed_sections(&hay);
    let d = draft();
    for (path, p, row) in d.rows() {
        let part = sections[p.number as usize];
        for side in row.current.iter().chain(row.revised.iter()) {
            for b in &side.bullets {
                assert!(occurs_as_item(part, b), "{} ●: {b}", row.id);
            }
            if path.block == BlockKind::Vision {
                assert!(
                    occurs_as_item(part, &side.summary),
                    "{}: {}",
                    row.id,
                    side.summary
                );
            }
            if !side.period.is_empty() {
                assert!(
                    occurs_as_cell(part, &side.period),
                    "{}: {}",
                    row.id,
                    side.period
                );
            }
            if path.block == BlockKind::Projects {
                let n = side.number.expect("a 事業 has a number");
                let numbered = format!("{}{}", circled(n), side.name);
                let quoted = format!("「{}」", side.name);
                assert!(
                    part.contains(&numbered) || part.contains(&quoted),
                    "{}: {}",
                    row.id,
                    side.name
                );
            }
        }
    }
    // An SDG is written `10 人や国の不平等をなくそう` in one cell, or number and name in two.
    for p in &d.policies {
        let part = sections[p.number as usize];
        for s in &p.sdgs {
            let one = format!("{} {}", s.number, s.name);
            let two = format!("\t{}\t{}\n", s.number, s.name);
            assert!(
                occurs_as_cell(part, &one) || part.contains(&two),
                "{} SDG {one}",
                p.id
            );
        }
    }
}

fn circled(n: u32) -> String {
    shinkyu::model::circled_number(n)
}

/// The other direction: every ● item and markdown list item of each 施策大項目's part of the
/// seed is stored in that 施策大項目, so no bullet was lost or put in the wrong place.
#[test]
fn every_seed_list_item_is_in_the_draft() {
    let hay = normalized_seed();
    let sections = seed_sections(&hay);
    let d = draft();
    let mut total = 0;
    for p in &d.policies {
        let mut stored: HashSet<&str> = HashSet::new();
        for kind in BlockKind::ALL {
            for row in p.block(kind) {
                for side in row.current.iter().chain(row.revised.iter()) {
                    stored.extend(side.bullets.iter().map(String::as_str));
                    if kind == BlockKind::Vision {
                        stored.insert(side.summary.as_str());
                    }
                }
            }
        }
        let mut items = Vec::new();
        for line in sections[p.number as usize].lines() {
            if let Some(rest) = line.strip_prefix("- ") {
                items.push(rest.trim_end_matches(' '));
            }
            for cell in line.split('\t') {
                items.extend(cell.split('●').skip(1).map(|i| i.trim_matches(' ')));
            }
        }
        total += items.len();
        let lost: Vec<&&str> = items.iter().filter(|i| !stored.contains(**i)).collect();
        assert!(
            lost.is_empty(),
            "{}: seed items not in the draft: {lost:#?}",
            p.id
        );
    }
    assert!(total > 100, "{total} items");
}

/// Sanity check of the verbatim machinery itself: an altered text is not found.
#[test]
fn the_verbatim_check_notices_a_changed_character() {
    let hay = normalized_seed();
    assert!(hay.contains("明確にし、そうした人材を育成するための方策"));
    assert!(hay.contains("R 5年度-"));
    assert!(!hay.contains("R5年度-\n"));
    assert!(!hay.contains("<b>") && !hay.contains("**"));
    let d = draft();
    let plan = &d.policies[3].related_plans[0];
    let mut side: Side = plan.revised.clone().unwrap();
    assert_eq!(side.period, "R 5年度-");
    side.period = "R5年度-".into();
    assert!(!occurs_as_cell(&hay, &side.period));
    assert!(!occurs_as_item(
        &hay,
        "広報紙・市ホームページは、文字やレイアウトに配慮して"
    ));
}
