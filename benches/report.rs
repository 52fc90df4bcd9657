//! How export time grows with the draft (view, HTML, Word, Excel, CSV, JSON): the bundled draft (or, until it is transcribed, a
//! synthetic one), and drafts 10× and 100× its size made by repeating its 施策大項目. Prints a
//! table with the time of each exporter and its ratio to the 1× time; linear growth shows as
//! ratios near 10 and 100.
//!
//! `cargo bench --bench report` (add `-- --quick` for one run per size, `-- --sizes 1,10,300`
//! for other sizes).

#[path = "../tests/report_support/mod.rs"]
mod report_support;

use std::hint::black_box;
use std::time::{Duration, Instant};

use shinkyu::model::Draft;
use shinkyu::report::{ComparisonView, ExportOptions, Format, ViewOptions, export_view};

fn base_draft() -> (Draft, &'static str) {
    let bundled = shinkyu::io::load_bytes(shinkyu::BUNDLED_DRAFT.as_bytes())
        .expect("bundled draft")
        .draft;
    if bundled.policies.is_empty() {
        (
            report_support::replicate(&report_support::small_draft(), 5),
            "synthetic (bundled draft not yet transcribed)",
        )
    } else {
        (bundled, "bundled draft")
    }
}

fn chars(d: &Draft) -> usize {
    d.rows()
        .flat_map(|(p, _, r)| {
            [&r.current, &r.revised]
                .into_iter()
                .flatten()
                .map(move |s| s.text(p.block).chars().count())
        })
        .sum()
}

/// A size, its number of rows, and the time of each measured step.
type SizeResult = (usize, usize, Vec<(&'static str, Duration)>);

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
    let (base, what) = base_draft();
    println!("base: {what}");
    // `-- --sizes 1,10,100,300` to measure other sizes.
    let args: Vec<String> = std::env::args().collect();
    let sizes: Vec<usize> = args
        .iter()
        .position(|a| a == "--sizes")
        .and_then(|i| args.get(i + 1))
        .map(|s| s.split(',').filter_map(|n| n.parse().ok()).collect())
        .unwrap_or_else(|| vec![1, 10, 100]);
    let opts = ExportOptions::default();
    let mut results: Vec<SizeResult> = Vec::new();
    for &n in &sizes {
        let draft = report_support::replicate(&base, n);
        let runs = if quick {
            1
        } else {
            match n {
                1 => 21,
                10 => 7,
                _ => 3,
            }
        };
        let view = ComparisonView::build(&draft, &ViewOptions::default());
        let mut row: Vec<(&str, Duration)> = vec![(
            "view (diff)",
            time(runs, || {
                ComparisonView::build(&draft, &ViewOptions::default())
            }),
        )];
        row.push((
            "html from draft",
            time(runs, || {
                shinkyu::report::export(&draft, Format::Html, &opts).unwrap()
            }),
        ));
        for (name, format) in [
            ("html", Format::Html),
            ("docx", Format::Docx),
            ("xlsx", Format::Xlsx),
            ("csv", Format::Csv),
            ("json", Format::Json),
        ] {
            row.push((
                name,
                time(runs, || export_view(&draft, &view, format, &opts).unwrap()),
            ));
        }
        let html_bytes = export_view(&draft, &view, Format::Html, &opts)
            .unwrap()
            .len();
        let xlsx_bytes = export_view(&draft, &view, Format::Xlsx, &opts)
            .unwrap()
            .len();
        let docx_bytes = export_view(&draft, &view, Format::Docx, &opts)
            .unwrap()
            .len();
        println!(
            "{n:>4}×: {} 施策大項目, {} rows, {} chars of row text; html {} KB, docx {} KB, xlsx {} KB",
            draft.policies.len(),
            draft.rows().count(),
            chars(&draft),
            html_bytes / 1024,
            docx_bytes / 1024,
            xlsx_bytes / 1024
        );
        results.push((n, draft.rows().count(), row));
    }
    println!();
    print!("{:>6}", "size");
    for (name, _) in &results[0].2 {
        print!("  {name:>20}");
    }
    println!();
    let base_times: Vec<Duration> = results[0].2.iter().map(|(_, d)| *d).collect();
    for (n, _, row) in &results {
        print!("{:>5}×", n);
        for ((_, d), b) in row.iter().zip(&base_times) {
            let ratio = d.as_secs_f64() / b.as_secs_f64().max(1e-9);
            print!("  {:>9.2} ms ({:>5.1}×)", d.as_secs_f64() * 1e3, ratio);
        }
        println!();
    }
    println!("\n(ratio = time / time at 1×; linear growth gives about 10× and 100×)");
    println!("\nper comparison row:");
    for (n, rows, row) in &results {
        print!("{:>5}×", n);
        for (_, d) in row {
            print!("  {:>17.2} µs", d.as_secs_f64() * 1e6 / *rows as f64);
        }
        println!();
    }
}
