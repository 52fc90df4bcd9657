//! The checker's rules, documented once and their output pinned.
//!
//! - Every rule has a fixture (tests/rule_fixtures, a synthetic city) on which it fires, and
//!   its exact output there — severity, location, span, excerpt, message, fix, the text after
//!   the fix and whether the finding is then gone — is an insta snapshot in
//!   tests/snapshots/rules/CODE.snap: a change of wording or span is a reviewed diff, not an
//!   accident. After an intended change: `INSTA_UPDATE=always cargo test --test check_rules`
//!   (or `cargo insta review`), then read the diff of the .snap files before committing.
//! - Findings take their rule's severity, and a rule offers a fix exactly when its `Rule` says
//!   so.
//! - The rule table of docs/checker.md is generated from the rules' own definitions
//!   (`UPDATE_DOCS=1 cargo test --test check_rules` rewrites it).

mod check_fixture;
mod rule_fixtures;

use std::path::PathBuf;

use rule_fixtures::{FIXTURES, fixture};
use shinkyu::check::{self, Edit, Finding, Rule, check_draft};
use shinkyu::edit::apply_to_draft;
use shinkyu::model::{Draft, TextAddr};

/// The current text at `at`, or a note that the field is gone.
fn text_at(d: &Draft, at: &TextAddr) -> String {
    let text = match at {
        TextAddr::Row { row, side, field } => d
            .find_row(row)
            .and_then(|p| d.row(p))
            .and_then(|r| r.side(*side))
            .and_then(|s| s.field(*field)),
        TextAddr::Policy { policy, field } => d
            .policy_index(policy)
            .and_then(|i| d.policies[i].field_text(*field)),
    };
    text.map_or_else(|| "（欄がありません）".to_string(), |t| format!("「{t}」"))
}

/// The findings of `code` on `draft`, as the snapshot shows them.
fn render(draft: &Draft, code: &str, findings: &[Finding]) -> String {
    let rule = check::rule(code).expect("a rule");
    let mut s = format!(
        "{} {}（{}、{}）\n",
        rule.code,
        rule.title,
        rule.family,
        rule.severity_label()
    );
    for (i, f) in findings.iter().enumerate() {
        s.push_str(&format!("\n[{}] {}\n", i + 1, f.severity.label()));
        s.push_str(&format!("場所: {}\n", f.location.display));
        if f.location.borrowed {
            s.push_str("（変更なしの行の現行の記載を、改定案として読んでいます）\n");
        }
        let span = f.location.span.map_or("なし".to_string(), |sp| {
            format!("{}..{}", sp.start, sp.end)
        });
        s.push_str(&format!("範囲: {span}　該当箇所: 「{}」\n", f.excerpt));
        s.push_str(&format!("内容: {}\n", f.message));
        let Some(fix) = &f.fix else {
            s.push_str("修正: なし\n");
            continue;
        };
        s.push_str(&format!("修正: {}\n", fix.label));
        for e in &fix.edits {
            match e {
                Edit::ReplaceText {
                    at,
                    span,
                    expected,
                    replacement,
                } => s.push_str(&format!(
                    "  {at} の {}..{}: 「{expected}」→「{replacement}」\n",
                    span.start, span.end
                )),
                Edit::SetStatus { row, status } => {
                    s.push_str(&format!("  {row} の変更区分 → {}\n", status.label()))
                }
            }
        }
        let mut fixed = draft.clone();
        match apply_to_draft(&mut fixed, &fix.command()) {
            Ok(_) => {
                for e in &fix.edits {
                    match e {
                        Edit::ReplaceText { at, .. } => {
                            s.push_str(&format!("  修正後: {}\n", text_at(&fixed, at)))
                        }
                        Edit::SetStatus { row, .. } => {
                            let status = fixed
                                .find_row(row)
                                .and_then(|p| fixed.row(p))
                                .and_then(|r| r.status);
                            s.push_str(&format!(
                                "  修正後の変更区分: {}\n",
                                status.map_or("なし", |st| st.label())
                            ))
                        }
                    }
                }
                // Findings share a key when their words repeat in one field: one fewer.
                let same = |d: &Draft| check_draft(d).iter().filter(|g| g.key() == f.key()).count();
                let gone = same(&fixed) < same(draft);
                s.push_str(if gone {
                    "  修正後の検査: この指摘はなくなる\n"
                } else {
                    "  修正後の検査: この指摘が残る\n"
                });
            }
            Err(e) => s.push_str(&format!("  修正できない: {e}\n")),
        }
    }
    s
}

/// Checks the rule's fixture and pins what the rule reports there.
fn pin(code: &str) {
    let draft = fixture(code).unwrap_or_else(|| panic!("{code} has no fixture"));
    let findings: Vec<Finding> = check_draft(&draft)
        .into_iter()
        .filter(|f| f.code == code)
        .collect();
    assert!(!findings.is_empty(), "{code} does not fire on its fixture");
    let text = render(&draft, code, &findings);
    insta::with_settings!({
        snapshot_path => "snapshots/rules",
        prepend_module_to_snapshot => false,
        omit_expression => true,
        description => format!("shinkyu rules {code}: its fixture in tests/rule_fixtures"),
    }, {
        insta::assert_snapshot!(code, text);
    });
}

macro_rules! pinned {
    ($($test:ident $code:literal),* $(,)?) => {
        /// The rules with a snapshot test, in the order of `check::rules()`.
        const PINNED: &[&str] = &[$($code),*];
        $(
            #[test]
            fn $test() {
                pin($code);
            }
        )*
    };
}

pinned! {
    str001 "STR001", str002 "STR002",
    sta001 "STA001", sta002 "STA002", sta003 "STA003", sta004 "STA004", sta005 "STA005",
    sta006 "STA006", sta007 "STA007",
    req001 "REQ001", req002 "REQ002", req003 "REQ003", req004 "REQ004", req005 "REQ005",
    req006 "REQ006", req007 "REQ007", req008 "REQ008",
    num001 "NUM001", num002 "NUM002", num003 "NUM003", num004 "NUM004", num005 "NUM005",
    num006 "NUM006", num007 "NUM007", num008 "NUM008",
    era001 "ERA001", era002 "ERA002", era003 "ERA003", era004 "ERA004", era005 "ERA005",
    era006 "ERA006", era007 "ERA007", era008 "ERA008",
    sdg001 "SDG001", sdg002 "SDG002", sdg003 "SDG003", sdg004 "SDG004",
    srv001 "SRV001", srv002 "SRV002", srv003 "SRV003", srv004 "SRV004", srv005 "SRV005",
    jpn001 "JPN001", jpn002 "JPN002", jpn003 "JPN003", jpn004 "JPN004", jpn005 "JPN005",
    jpn006 "JPN006", jpn007 "JPN007",
    wid001 "WID001", wid002 "WID002", wid003 "WID003", wid004 "WID004", wid005 "WID005",
    yur001 "YUR001", yur002 "YUR002", yur003 "YUR003", yur004 "YUR004", yur005 "YUR005",
    kom001 "KOM001", kom002 "KOM002", kom003 "KOM003",
    sup001 "SUP001",
}

#[test]
fn every_rule_has_a_fixture_and_a_pinned_snapshot() {
    let codes: Vec<&str> = check::rules().map(|r| r.code).collect();
    assert!(codes.len() >= 60, "{} rules", codes.len());
    let fixtures: Vec<&str> = FIXTURES.iter().map(|(c, _)| *c).collect();
    assert_eq!(fixtures, codes, "tests/rule_fixtures: one fixture per rule");
    assert_eq!(PINNED, codes.as_slice(), "one pinned test per rule");
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots/rules");
    for code in &codes {
        assert!(
            dir.join(format!("{code}.snap")).exists(),
            "{code}.snap is missing (INSTA_UPDATE=always cargo test --test check_rules)"
        );
    }
}

/// Every draft the tests know: the fixtures, the bundled draft, the seed-shaped draft.
fn all_findings() -> Vec<Finding> {
    let mut drafts: Vec<Draft> = FIXTURES.iter().map(|(_, f)| f()).collect();
    drafts.push(shinkyu::io::parse_draft(shinkyu::BUNDLED_DRAFT).expect("bundled draft"));
    drafts.push(check_fixture::seedlike());
    drafts.iter().flat_map(check_draft).collect()
}

#[test]
fn findings_take_their_rules_severity() {
    for f in all_findings() {
        let rule = check::rule(f.code).expect("a rule for every code");
        assert!(
            f.severity == rule.severity || !rule.severity_note.is_empty(),
            "{}: {:?}, the rule says {:?} — {}",
            f.code,
            f.severity,
            rule.severity,
            f.message
        );
    }
}

#[test]
fn a_rule_offers_a_fix_exactly_when_it_says_so() {
    let findings = all_findings();
    for rule in check::rules() {
        let fixed = findings
            .iter()
            .filter(|f| f.code == rule.code)
            .any(|f| f.fix.is_some());
        assert_eq!(
            fixed, rule.fix,
            "{}: fix in the findings {fixed}, in the rule {}",
            rule.code, rule.fix
        );
    }
}

/// The rule table of docs/checker.md, from the rules.
fn rule_table() -> String {
    let mut s = String::from(
        "| code | family | what it finds (`shinkyu rules CODE` explains it) | severity | fix |\n\
         |---|---|---|---|---|\n",
    );
    for r in check::rules() {
        let Rule {
            code,
            family,
            title,
            fix,
            ..
        } = r;
        s.push_str(&format!(
            "| {code} | {family} | {title} | {} | {} |\n",
            r.severity_label(),
            if *fix { "○" } else { "" }
        ));
    }
    s
}

#[test]
fn the_rule_table_in_the_docs_is_generated_from_the_rules() {
    const BEGIN: &str =
        "<!-- rules:begin (generated by tests/check_rules.rs; UPDATE_DOCS=1 rewrites it) -->\n";
    const END: &str = "<!-- rules:end -->";
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("docs/checker.md");
    let doc = std::fs::read_to_string(&path).expect("docs/checker.md");
    let start = doc
        .find(BEGIN)
        .expect("docs/checker.md marks the rule table")
        + BEGIN.len();
    let end = start + doc[start..].find(END).expect("the table's end marker");
    let expected = rule_table();
    if std::env::var_os("UPDATE_DOCS").is_some() {
        let new = format!("{}{expected}{}", &doc[..start], &doc[end..]);
        std::fs::write(&path, new).expect("write docs/checker.md");
        return;
    }
    assert_eq!(
        doc[start..end],
        expected,
        "docs/checker.md's rule table differs from the rules (UPDATE_DOCS=1 rewrites it)"
    );
}
