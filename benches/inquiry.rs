//! 庁内照会: how export, reading and matching grow with the draft (the bundled draft and copies
//! 10× its size made by repeating its 施策大項目), and what a 10 MB answer workbook costs to
//! read next to an ordinary one. Prints times, ratios and the process's peak memory.
//!
//! `cargo bench --bench inquiry` (`-- --quick` for one run per step).

use std::hint::black_box;
use std::io::{Cursor, Write};
use std::time::{Duration, Instant};

use shinkyu::import::inquiry::{
    ExportOptions, export_workbooks, plan_import, read_answer, workbook_file_name,
};

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

/// Peak resident memory of this process so far (Linux), in MB.
fn peak_mb() -> String {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse::<f64>().ok())
        })
        .map_or("?".into(), |kb| format!("{:.0} MB", kb / 1024.0))
}

/// The workbook with a 10 MB part that does not compress (a pasted picture).
fn with_picture(bytes: &[u8]) -> Vec<u8> {
    let mut src = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for i in 0..src.len() {
        out.raw_copy_file(src.by_index_raw(i).unwrap()).unwrap();
    }
    let opts =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    out.start_file("xl/media/image1.png", opts).unwrap();
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    let noise: Vec<u8> = (0..10 * 1024 * 1024)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x as u8
        })
        .collect();
    out.write_all(&noise).unwrap();
    out.finish().unwrap().into_inner()
}

fn main() {
    let runs = if std::env::args().any(|a| a == "--quick") {
        1
    } else {
        5
    };
    let bundled = shinkyu::io::load_bytes(shinkyu::BUNDLED_DRAFT.as_bytes())
        .expect("bundled draft")
        .draft;
    println!("step                      1×          10×     ratio");
    let mut base = Vec::new();
    for (i, n) in [1usize, 10].into_iter().enumerate() {
        let draft = bundled.replicated(n);
        let opts = ExportOptions::default();
        let books = export_workbooks(&draft, &opts).unwrap();
        let export = time(runs, || export_workbooks(&draft, &opts).unwrap());
        let read = time(runs, || {
            books
                .iter()
                .map(|b| read_answer(&b.file_name, &b.bytes))
                .collect::<Vec<_>>()
        });
        let answers: Vec<_> = books
            .iter()
            .map(|b| read_answer(&b.file_name, &b.bytes))
            .collect();
        let plan = time(runs, || plan_import(&draft, &answers));
        let steps = [
            ("export (all departments)", export),
            ("read (all)", read),
            ("plan", plan),
        ];
        if i == 0 {
            base = steps.to_vec();
        } else {
            for ((name, t1), (_, t10)) in base.iter().zip(steps) {
                println!(
                    "{name:<24} {:>9.1?} {:>12.1?} {:>8.1}",
                    t1,
                    t10,
                    t10.as_secs_f64() / t1.as_secs_f64()
                );
            }
        }
    }
    let books = export_workbooks(
        &bundled,
        &ExportOptions {
            departments: vec!["企画課".into()],
            ..ExportOptions::default()
        },
    )
    .unwrap();
    let plain = &books[0].bytes;
    let large = with_picture(plain);
    let name = workbook_file_name("企画課");
    let t_plain = time(runs, || read_answer(&name, plain).unwrap());
    let t_large = time(runs, || read_answer(&name, &large).unwrap());
    println!(
        "read one workbook: {} KB {:.1?}, with a 10 MB picture {:.1} MB {:.1?} (ratio {:.1}); peak memory {}",
        plain.len() / 1024,
        t_plain,
        large.len() as f64 / 1_048_576.0,
        t_large,
        t_large.as_secs_f64() / t_plain.as_secs_f64(),
        peak_mb()
    );
}
