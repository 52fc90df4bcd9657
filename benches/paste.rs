//! How reading a paste grows with its length: text as a PDF reader gives it (施策中項目 with
//! hard line breaks, page numbers and running headers) and an Excel range (quoted cells of
//! several lines), repeated up to [`MAX_LINES`] lines; then fitting the rows into a draft
//! (`Preview::plan`: fresh ids and the command). Prints the time of each size and its ratio to
//! the smallest: linear growth shows as ratios near 10 and 100. The GUI runs the parse on a
//! worker thread; this says how long the user waits for the preview.
//!
//! `cargo bench --bench paste` (add `-- --quick` for one run per size).

use std::hint::black_box;
use std::time::{Duration, Instant};

use shinkyu::import::paste::{Destination, MAX_LINES, parse};
use shinkyu::model::{BlockKind, NewDraft};

fn fixture(name: &str) -> String {
    let path = format!("{}/tests/fixtures/paste/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).expect(&path)
}

/// About `lines` lines of `unit` repeated, with the items numbered on so that the copies are read
/// as new items (施策中項目 count up, up to 999).
fn repeated(unit: &str, lines: usize) -> String {
    let per = unit.lines().count().max(1);
    let mut out = String::with_capacity(unit.len() * (lines / per + 1));
    let mut n = 0;
    let mut written = 0;
    'outer: loop {
        for l in unit.lines() {
            if written >= lines {
                break 'outer;
            }
            // A form feed (pdftotext's page break) ends a line too.
            written += 1 + l.matches('\u{c}').count();
            // Renumber "1 name" heads so that the items keep counting up (numbers have at most
            // three digits: past 999 the heads are read as text of the last item).
            let line = match l.split_once(' ') {
                Some((num, rest)) if num.parse::<u32>().is_ok() && n < 999 => {
                    n += 1;
                    format!("{n} {rest}")
                }
                _ => l.to_string(),
            };
            out.push_str(&line);
            out.push('\n');
        }
    }
    out
}

/// The median of `runs` timings of `f`.
fn time<T>(runs: usize, mut f: impl FnMut() -> T) -> Duration {
    let mut t: Vec<Duration> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            black_box(f());
            start.elapsed()
        })
        .collect();
    t.sort();
    t[t.len() / 2]
}

fn main() {
    let quick = std::env::args().any(|a| a == "--quick");
    let draft = NewDraft {
        plan_name: "さくら市総合計画".into(),
        field_number: 2,
        field_name: "健康福祉分野".into(),
        policies: vec!["高齢者福祉の充実".into()],
        ..NewDraft::default()
    }
    .build()
    .unwrap();
    let pdf = fixture("pdf-measures.txt");
    let bullets = fixture("pdf-issues.txt");
    let excel = fixture("excel-measures.tsv");
    println!(
        "{:>8} {:>10} {:>12} {:>12} {:>14} {:>12}",
        "lines", "source", "bytes", "parse", "parse ratio", "plan"
    );
    for (source, unit, kind) in [
        ("pdf", &pdf, BlockKind::Measures),
        ("pdf-bullets", &bullets, BlockKind::Issues),
        ("excel", &excel, BlockKind::Measures),
    ] {
        let mut base: Option<f64> = None;
        for lines in [1_000, 10_000, MAX_LINES / 2, MAX_LINES] {
            let text = if source.starts_with("pdf") {
                repeated(unit, lines)
            } else {
                // Excel rows: the header once, then data rows with their quoted cells.
                let rows: Vec<&str> = unit
                    .split("\r\n")
                    .skip(1)
                    .filter(|r| !r.is_empty())
                    .collect();
                let mut t = String::new();
                let (mut k, mut written) = (0, 0);
                while written < lines {
                    let row = rows[k % rows.len()];
                    written += 1 + row.matches('\n').count();
                    // The 番号 cell counts on (up to 999, as for the PDF).
                    let (_, rest) = row.split_once('\t').unwrap();
                    t.push_str(&format!("{}\t{rest}\r\n", (k % 999) + 1));
                    k += 1;
                }
                t
            };
            let runs = if quick {
                1
            } else if lines >= MAX_LINES {
                3
            } else {
                7
            };
            let parse_time = time(runs, || parse(kind, &text).unwrap());
            let preview = parse(kind, &text).unwrap();
            let plan_time = time(runs, || {
                preview.plan(&draft, 0, Destination::Current).unwrap()
            });
            let secs = parse_time.as_secs_f64();
            let ratio = secs / *base.get_or_insert(secs);
            println!(
                "{:>8} {:>10} {:>12} {:>9.1} ms {:>13.1}× {:>9.1} ms   ({} rows)",
                text.matches('\n').count(),
                source,
                text.len(),
                secs * 1e3,
                ratio,
                plan_time.as_secs_f64() * 1e3,
                preview.rows.len()
            );
        }
    }
    println!("\n(ratio = time / time at 1,000 lines; linear growth gives about 10× and 100×)");
}
