//! Property tests (proptest): any draft saves and loads back equal, whatever its texts hold
//! (any Unicode, quotes, backslashes, CRLF, control characters, U+2028, RON's own comment and
//! raw-string marks, very long strings), and no damage to a draft's bytes makes the loader
//! panic or print a long message.
//!
//! Run time: about 20 s in a debug build on the 2-core development machine (the case counts
//! are set per property below; `PROPTEST_CASES=1000` runs more).

mod common;

use proptest::prelude::*;
use serde_json::Value;

use shinkyu::io::{SaveOptions, load_bytes, load_draft, save_draft, to_ron_string};
use shinkyu::model::{Comment, Draft, GlossaryEntry, Rename, ReviewState, Suppression};
use shinkyu::review::{ReviewEdit, apply_review_edit, start_review};

/// The synthetic draft with every optional part filled in (identity, title, memos, glossary,
/// suppressions, a review base, comments, a rename), so that every text field of the model is
/// in its JSON form.
fn full_draft() -> Draft {
    let mut d = common::small_draft();
    d.meta.draft_id = "0f1e2d3c-4b5a-4697-8877-665544332211".into();
    d.meta.title = "題名".into();
    d.meta.memo = "メモ".into();
    d.policies[0].rename = Rename::Renamed("新しい名前".into());
    d.policies[0].memo = "施策大項目のメモ".into();
    d.policies[0].indicator_opinion = "各課意見".into();
    d.glossary.push(GlossaryEntry {
        term: "用語".into(),
        explanation: "説明".into(),
    });
    d.suppressions.push(Suppression {
        code: "TXT001".into(),
        key: "TXT001|a.m1|revised|例".into(),
        reason: "理由".into(),
        author: "企画課".into(),
        date: "2026-11-24".into(),
    });
    let row = d.policies[0].measures[0].id.clone();
    start_review(&mut d, "財政課長", "2026-11-24T09:00");
    apply_review_edit(
        &mut d,
        &ReviewEdit::AddComment {
            row: row.clone(),
            comment: Comment {
                id: "c1".into(),
                author: "財政課長".into(),
                date: "2026-11-24T10:00".into(),
                text: "コメント".into(),
                reply_to: Some("c0".into()),
            },
        },
    );
    apply_review_edit(
        &mut d,
        &ReviewEdit::SetState {
            row,
            state: ReviewState::NeedsFix,
        },
    );
    d
}

/// Where the texts and the fractional numbers are in a draft's JSON form.
#[derive(Debug)]
struct Slots {
    template: Value,
    texts: Vec<Vec<PathStep>>,
    floats: Vec<Vec<PathStep>>,
}

#[derive(Clone, Debug)]
enum PathStep {
    Key(String),
    Index(usize),
}

fn leaves(v: &Value, at: &mut Vec<PathStep>, out: &mut Vec<(Vec<PathStep>, Value)>) {
    match v {
        Value::Object(m) => {
            for (k, x) in m {
                at.push(PathStep::Key(k.clone()));
                leaves(x, at, out);
                at.pop();
            }
        }
        Value::Array(a) => {
            for (i, x) in a.iter().enumerate() {
                at.push(PathStep::Index(i));
                leaves(x, at, out);
                at.pop();
            }
        }
        leaf => out.push((at.clone(), leaf.clone())),
    }
}

fn slot<'v>(v: &'v mut Value, path: &[PathStep]) -> &'v mut Value {
    path.iter().fold(v, |v, step| match step {
        PathStep::Key(k) => &mut v[k.as_str()],
        PathStep::Index(i) => &mut v[*i],
    })
}

impl Slots {
    /// Every string leaf that may hold any text (replacing it still gives a draft: not an
    /// enum's name), and every fractional number.
    fn of(draft: &Draft) -> Slots {
        let template = serde_json::to_value(draft).unwrap();
        let mut all = Vec::new();
        leaves(&template, &mut Vec::new(), &mut all);
        let (mut texts, mut floats) = (Vec::new(), Vec::new());
        for (path, leaf) in all {
            match leaf {
                Value::String(_) => {
                    let mut probe = template.clone();
                    *slot(&mut probe, &path) = Value::String("\"任意の\\文字列\u{2028}".into());
                    if serde_json::from_value::<Draft>(probe).is_ok() {
                        texts.push(path);
                    }
                }
                Value::Number(n) if n.is_f64() => floats.push(path),
                _ => {}
            }
        }
        Slots {
            template,
            texts,
            floats,
        }
    }

    fn fill(&self, texts: &[String], floats: &[f64]) -> Draft {
        let mut v = self.template.clone();
        for (path, t) in self.texts.iter().zip(texts) {
            *slot(&mut v, path) = Value::String(t.clone());
        }
        for (path, f) in self.floats.iter().zip(floats) {
            *slot(&mut v, path) =
                serde_json::Number::from_f64(*f).map_or(Value::Null, Value::Number);
        }
        serde_json::from_value(v).unwrap()
    }
}

/// Any text, with what is hard for a text format weighted in.
fn text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("\"".to_string()),
        Just("\\".into()),
        Just("\\\"".into()),
        Just("\r\n".into()),
        Just("\n".into()),
        Just("\r".into()),
        Just("\t".into()),
        Just("\u{0}".into()),
        Just("\u{1b}".into()),
        Just("\u{7f}".into()),
        Just("\u{85}".into()),
        Just("\u{2028}".into()),
        Just("\u{2029}".into()),
        Just("\u{feff}".into()),
        Just("\u{fffd}".into()),
        Just("r#\"".into()),
        Just("\"#".into()),
        Just("//".into()),
        Just("/*".into()),
        Just("*/".into()),
        Just("),".into()),
        Just("施策の推進（令和5年度）".into()),
        Just("\u{3000}".into()),
        Just("😀".into()),
        Just("e\u{301}".into()),
        any::<char>().prop_map(String::from),
    ];
    prop_oneof![
        any::<String>(),
        prop::collection::vec(piece, 0..24).prop_map(|v| v.concat()),
    ]
}

/// A very long text (a pasted report): 20 000 to 200 000 characters, one per draft.
fn long_text() -> impl Strategy<Value = String> {
    (any::<char>(), text(), 20_000usize..200_000)
        .prop_map(|(c, t, n)| format!("{}{t}", c.to_string().repeat(n)))
}

fn finite() -> impl Strategy<Value = f64> {
    prop_oneof![
        any::<f64>().prop_filter("finite", |f| f.is_finite()),
        -2.0f64..2.0,
        Just(0.1),
        Just(-0.0),
        Just(1e300),
        Just(f64::MIN_POSITIVE),
    ]
}

fn slots() -> &'static Slots {
    static SLOTS: std::sync::OnceLock<Slots> = std::sync::OnceLock::new();
    SLOTS.get_or_init(|| Slots::of(&full_draft()))
}

#[test]
fn every_text_field_of_the_model_is_exercised() {
    let s = slots();
    // Meta, policy, survey, voices, SDGs, indicators, rows, sides, memos, glossary,
    // suppressions, review base, comments: far more than a handful.
    assert!(s.texts.len() > 80, "{} text fields", s.texts.len());
    assert!(!s.floats.is_empty());
    let names: Vec<String> = s
        .texts
        .iter()
        .filter_map(|p| match p.last() {
            Some(PathStep::Key(k)) => Some(k.clone()),
            _ => None,
        })
        .collect();
    for field in [
        "draft_id",
        "plan_name",
        "title",
        "memo",
        "quote",
        "summary",
        "name",
        "text",
        "author",
        "reason",
        "explanation",
        "reviewer",
    ] {
        assert!(names.iter().any(|n| n == field), "{field} is not exercised");
    }
    assert!(
        s.texts
            .iter()
            .any(|p| matches!(p.last(), Some(PathStep::Index(_)))),
        "list items (● bullets, departments) are exercised"
    );
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn any_draft_saves_and_loads_back_equal(
        mut texts in prop::collection::vec(text(), slots().texts.len()),
        (long, long_at) in (long_text(), any::<prop::sample::Index>()),
        floats in prop::collection::vec(finite(), slots().floats.len()),
    ) {
        texts[long_at.index(slots().texts.len())] = long;
        let draft = slots().fill(&texts, &floats);
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("素案.ron");
        save_draft(&path, &draft, &SaveOptions::default()).unwrap();
        let loaded = load_draft(&path).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(&loaded.draft, &draft);
        // The same file after Notepad: CRLF line ends and a BOM.
        let text = to_ron_string(&draft).unwrap();
        let mut crlf = b"\xEF\xBB\xBF".to_vec();
        crlf.extend(text.replace('\n', "\r\n").as_bytes());
        let loaded = load_bytes(&crlf).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(&loaded.draft, &draft);
    }
}

/// A way to damage a file's bytes.
#[derive(Clone, Debug)]
enum Damage {
    Set(usize, u8),
    Insert(usize, Vec<u8>),
    Remove(usize, usize),
    Cut(usize),
    /// A deep nest of brackets (a recursion bomb).
    Nest(usize, u8, usize),
    /// Part of the file again, elsewhere.
    Repeat(usize, usize, usize),
}

fn damage() -> impl Strategy<Value = Damage> {
    prop_oneof![
        4 => (any::<usize>(), any::<u8>()).prop_map(|(i, b)| Damage::Set(i, b)),
        2 => (any::<usize>(), prop::collection::vec(any::<u8>(), 1..16)).prop_map(|(i, b)| Damage::Insert(i, b)),
        2 => (any::<usize>(), 1usize..200).prop_map(|(i, n)| Damage::Remove(i, n)),
        1 => any::<usize>().prop_map(Damage::Cut),
        1 => (any::<usize>(), prop::sample::select(vec![b'(', b'[', b'{']), 100usize..20_000).prop_map(|(i, b, n)| Damage::Nest(i, b, n)),
        1 => (any::<usize>(), any::<usize>(), 1usize..2_000).prop_map(|(i, j, n)| Damage::Repeat(i, j, n)),
    ]
}

fn apply(bytes: &mut Vec<u8>, d: &Damage) {
    let len = bytes.len().max(1);
    match d {
        Damage::Set(i, b) => {
            if !bytes.is_empty() {
                bytes[i % len] = *b;
            }
        }
        Damage::Insert(i, b) => {
            let at = i % (bytes.len() + 1);
            bytes.splice(at..at, b.iter().copied());
        }
        Damage::Remove(i, n) => {
            let at = i % len;
            let end = (at + n).min(bytes.len());
            bytes.drain(at.min(end)..end);
        }
        Damage::Cut(i) => bytes.truncate(i % len),
        Damage::Nest(i, b, n) => {
            let at = i % (bytes.len() + 1);
            bytes.splice(at..at, std::iter::repeat_n(*b, *n));
        }
        Damage::Repeat(i, j, n) => {
            let from = i % len;
            let part: Vec<u8> = bytes[from.min(bytes.len())..(from + n).min(bytes.len())].to_vec();
            let at = j % (bytes.len() + 1);
            bytes.splice(at..at, part);
        }
    }
}

/// Loads damaged bytes: an error is fine, a panic is not, and the error stays brief.
fn load_damaged(bytes: &[u8]) -> Result<(), TestCaseError> {
    if let Err(e) = load_bytes(bytes) {
        let shown = format!("{e}\n{}", e.what());
        let excerpt = e.position().map_or(0, |(_, _, x)| x.len());
        prop_assert!(
            shown.len() + excerpt < 4_000,
            "{} bytes: {shown}",
            shown.len()
        );
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn damaged_synthetic_drafts_never_panic_the_loader(
        damages in prop::collection::vec(damage(), 1..8),
    ) {
        let mut bytes = to_ron_string(&full_draft()).unwrap().into_bytes();
        for d in &damages {
            apply(&mut bytes, d);
        }
        load_damaged(&bytes)?;
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn damaged_bundled_drafts_never_panic_the_loader(
        damages in prop::collection::vec(damage(), 1..4),
    ) {
        let mut bytes = shinkyu::BUNDLED_DRAFT.as_bytes().to_vec();
        for d in &damages {
            apply(&mut bytes, d);
        }
        load_damaged(&bytes)?;
    }
}
