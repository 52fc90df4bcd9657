//! Writes killed at random moments (SIGKILL on Unix, TerminateProcess on Windows): the target
//! is always the old file or the new one, never a mix or a part, and the temporary files that
//! the killed writes leave are gone after the next complete write to that folder.
//!
//! Bounded: each test stops after its number of rounds or its time budget, whichever comes
//! first (about 10 s each in a debug build on the 2-core development machine). The random
//! delays come from a seed printed at the start, to replay a failure
//! (`SHINKYU_CRASH_SEED=… cargo test --test crash_writes -- --nocapture`).

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use shinkyu::io::{SaveOptions, is_temp_name, write_atomic};

/// xorshift64*: enough randomness for kill delays, no dependency.
struct Random(u64);

impl Random {
    fn seeded(test: &str) -> Random {
        let seed = std::env::var("SHINKYU_CRASH_SEED")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or_else(|| {
                std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .unwrap()
                    .as_nanos() as u64
                    | 1
            });
        eprintln!("{test}: SHINKYU_CRASH_SEED={seed}");
        Random(seed)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d) % n.max(1)
    }
}

fn names(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

fn temps(dir: &Path) -> usize {
    names(dir).iter().filter(|n| is_temp_name(n)).count()
}

/// One version of the helper's file: a header naming its generation and length, then a body
/// that depends on both, so any mix or cut is seen.
fn version(generation: u64, len: usize) -> Vec<u8> {
    let mut v = format!("generation={generation} len={len}\n").into_bytes();
    v.extend((0..len).map(|i| b'a' + ((i as u64 + generation * 7) % 26) as u8));
    v
}

fn is_whole_version(bytes: &[u8]) -> bool {
    let Some(nl) = bytes.iter().position(|&b| b == b'\n') else {
        return false;
    };
    let header = String::from_utf8_lossy(&bytes[..nl]);
    let parse = || -> Option<(u64, usize)> {
        let rest = header.strip_prefix("generation=")?;
        let (g, l) = rest.split_once(" len=")?;
        Some((g.parse().ok()?, l.parse().ok()?))
    };
    parse().is_some_and(|(g, l)| bytes == version(g, l).as_slice())
}

/// Not a test on its own: run by `writes_killed_...` as the process that gets killed. Writes
/// ever newer versions of the target until it is killed.
#[test]
#[ignore = "run by writes_killed_at_random_moments_leave_the_old_or_the_new_file"]
fn writer_process() {
    let Some(target) = std::env::var_os("SHINKYU_CRASH_TARGET") else {
        return;
    };
    let opts = SaveOptions {
        backup: false,
        ..SaveOptions::default()
    };
    for generation in 1.. {
        // Sizes from 1 to 4 MB: long enough for kills to land in the middle of a write.
        let len = 1_000_000 + (generation as usize * 379_721) % 3_000_000;
        write_atomic(Path::new(&target), &version(generation, len), &opts).unwrap();
    }
}

#[test]
fn writes_killed_at_random_moments_leave_the_old_or_the_new_file() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("対照表.txt");
    let opts = SaveOptions {
        backup: false,
        ..SaveOptions::default()
    };
    write_atomic(&target, &version(0, 10), &opts).unwrap();
    let mut random = Random::seeded("writes_killed");
    let budget = Instant::now() + Duration::from_secs(10);
    let (mut rounds, mut left_behind) = (0, 0);
    while rounds < 60 && Instant::now() < budget {
        let mut child = Command::new(std::env::current_exe().unwrap())
            .args(["writer_process", "--ignored", "--test-threads=1"])
            .env("SHINKYU_CRASH_TARGET", &target)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(20 + random.below(200)));
        child.kill().unwrap();
        child.wait().unwrap();
        rounds += 1;
        let bytes = std::fs::read(&target).unwrap();
        assert!(
            is_whole_version(&bytes),
            "round {rounds}: the target is a part or a mix ({} bytes)",
            bytes.len()
        );
        left_behind = left_behind.max(temps(dir.path()));
    }
    eprintln!("{rounds} writers killed; up to {left_behind} temporary files left at once");
    assert!(rounds >= 5, "too few rounds to mean anything: {rounds}");
    // The writer spends nearly all its time writing: kills land in the middle of writes.
    assert!(left_behind >= 1, "no kill landed in the middle of a write");
    // The next complete write cleans up after all of them.
    write_atomic(&target, &version(1_000_000, 100), &opts).unwrap();
    assert_eq!(names(dir.path()), vec!["対照表.txt"]);
    assert!(is_whole_version(&std::fs::read(&target).unwrap()));
}

/// A larger draft than the bundled one (the bundled draft eight times, about 1 MB of HTML), so
/// that writing the export takes a moment.
fn large_draft(dir: &Path) -> PathBuf {
    let bundled = shinkyu::io::load_bytes(shinkyu::BUNDLED_DRAFT.as_bytes())
        .unwrap()
        .draft;
    let path = dir.join("素案 8倍.ron");
    shinkyu::io::save_draft(
        &path,
        &bundled.replicated(8),
        &SaveOptions {
            backup: false,
            ..SaveOptions::default()
        },
    )
    .unwrap();
    path
}

fn export(input: &Path, output: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_shinkyu"));
    c.args(["export".as_ref(), input.as_os_str()])
        .args(["--format", "html", "-o"])
        .arg(output)
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    c
}

#[test]
fn exports_killed_midway_leave_the_old_or_the_new_output_and_the_next_export_cleans_up() {
    let inputs = tempfile::tempdir().unwrap();
    let input = large_draft(inputs.path());
    // The new output, made once where nothing is killed, and how long making it takes.
    let reference = inputs.path().join("見本.html");
    let started = Instant::now();
    assert!(export(&input, &reference).status().unwrap().success());
    let took = started.elapsed();
    let new = std::fs::read(&reference).unwrap();

    let dir = tempfile::tempdir().unwrap();
    let output = dir.path().join("対照表.html");
    let old = b"<html>the previous export</html>".to_vec();
    std::fs::write(&output, &old).unwrap();
    let mut random = Random::seeded("exports_killed");
    let budget = Instant::now() + Duration::from_secs(15);
    let (mut rounds, mut left_behind) = (0, 0);
    while rounds < 30 && Instant::now() < budget {
        // The previous round may have finished its export: start again from the old output.
        if std::fs::read(&output).unwrap() == new {
            std::fs::write(&output, &old).unwrap();
        }
        let mut child = export(&input, &output).spawn().unwrap();
        // Every other round is killed at a random moment of the whole export; the others
        // while the output is being written (its temporary file has appeared), which is
        // where a kill could do harm.
        let delay = if rounds % 2 == 0 {
            let delay = random.below(took.as_millis() as u64 * 6 / 5 + 1);
            std::thread::sleep(Duration::from_millis(delay));
            delay
        } else {
            let since = Instant::now();
            while temps(dir.path()) == 0
                && child.try_wait().unwrap().is_none()
                && since.elapsed() < took * 3
            {
                std::thread::sleep(Duration::from_micros(500));
            }
            std::thread::sleep(Duration::from_micros(random.below(3_000)));
            since.elapsed().as_millis() as u64
        };
        let _ = child.kill();
        child.wait().unwrap();
        rounds += 1;
        let now = std::fs::read(&output).unwrap();
        assert!(
            now == old || now == new,
            "round {rounds} (killed after {delay} ms): the output is neither the old nor the new file ({} bytes)",
            now.len()
        );
        left_behind = left_behind.max(temps(dir.path()));
    }
    eprintln!(
        "{rounds} exports killed (a whole export takes {} ms); up to {left_behind} temporary files left",
        took.as_millis()
    );
    assert!(rounds >= 4, "too few rounds to mean anything: {rounds}");
    assert!(
        left_behind >= 1,
        "no export was killed while writing: nothing to clean up"
    );
    // The next complete export leaves only its own output in the folder.
    assert!(export(&input, &output).status().unwrap().success());
    assert_eq!(names(dir.path()), vec!["対照表.html"]);
    assert_eq!(std::fs::read(&output).unwrap(), new);
}
