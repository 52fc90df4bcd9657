//! Benchmark of `shinkyu check`: the bundled draft, and a synthetic draft 100 times its size
//! (its 施策大項目 repeated with fresh ids). Run with
//!
//! ```text
//! cargo bench --bench check
//! ```
//!
//! (`SHINKYU_BENCH_DRAFT=path/to/draft.ron` benchmarks another draft.) Criterion measures both; at the end a summary prints the median times and their ratio,
//! which should stay near 100 (time grows no faster than the draft).

#[path = "../tests/check_fixture/mod.rs"]
mod check_fixture;

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::Criterion;
use shinkyu::check::Checker;
use shinkyu::model::Draft;

/// The draft named by `SHINKYU_BENCH_DRAFT`, else the bundled draft, or the seed-shaped
/// fixture while the bundled one is still empty.
fn base() -> (Draft, String) {
    if let Ok(path) = std::env::var("SHINKYU_BENCH_DRAFT") {
        let loaded = shinkyu::io::load_draft(std::path::Path::new(&path))
            .expect("SHINKYU_BENCH_DRAFT loads");
        return (loaded.draft, path);
    }
    let d = shinkyu::io::parse_draft(shinkyu::BUNDLED_DRAFT).expect("the bundled draft parses");
    if d.policies.is_empty() {
        (check_fixture::seedlike(), "テスト用の素案".to_string())
    } else {
        (d, shinkyu::BUNDLED_DRAFT_NAME.to_string())
    }
}

/// Characters of text in a draft (both sides, headers), as its size.
fn size(d: &Draft) -> usize {
    shinkyu::io::to_ron_string(d)
        .map(|s| s.chars().count())
        .unwrap_or(0)
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn time(checker: &Checker, d: &Draft, runs: usize) -> Duration {
    median(
        (0..runs)
            .map(|_| {
                let t = Instant::now();
                black_box(checker.check(black_box(d)));
                t.elapsed()
            })
            .collect(),
    )
}

fn main() {
    let (one, name) = base();
    let hundred = check_fixture::replicated(&one, 100);
    let checker = Checker::default();

    let mut c = Criterion::default()
        .sample_size(10)
        .measurement_time(Duration::from_secs(5))
        .configure_from_args();
    let mut g = c.benchmark_group("check");
    g.bench_function("bundled", |b| b.iter(|| checker.check(black_box(&one))));
    g.bench_function("bundled_x100", |b| {
        b.iter(|| checker.check(black_box(&hundred)))
    });
    g.finish();
    c.final_summary();

    // One run of the ratio, for the README.
    let t1 = time(&checker, &one, 21);
    let t100 = time(&checker, &hundred, 5);
    let (s1, s100) = (size(&one), size(&hundred));
    eprintln!();
    eprintln!(
        "{name}: {} 施策大項目, {} 文字, 検査 {:.2} ms, 指摘 {} 件",
        one.policies.len(),
        s1,
        t1.as_secs_f64() * 1e3,
        checker.check(&one).len()
    );
    eprintln!(
        "100倍: {} 施策大項目, {} 文字, 検査 {:.2} ms, 指摘 {} 件",
        hundred.policies.len(),
        s100,
        t100.as_secs_f64() * 1e3,
        checker.check(&hundred).len()
    );
    eprintln!(
        "大きさの比 {:.1} に対して時間の比 {:.1}",
        s100 as f64 / s1 as f64,
        t100.as_secs_f64() / t1.as_secs_f64()
    );
}
