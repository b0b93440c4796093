//! A closed stdout (`vanban templates | head -3`) ends vanban quietly with exit 0, as ripgrep
//! does — no panic, no backtrace.

use std::process::{Command, Stdio};

/// Runs the real binary with its stdout on a pipe whose reading end is already closed, so
/// its first write fails with EPIPE (deterministically, unlike `| head`).
fn with_closed_stdout(args: &[&str]) -> std::process::Output {
    let (reader, writer) = std::io::pipe().expect("a pipe");
    drop(reader);
    Command::new(env!("CARGO_BIN_EXE_vanban"))
        .args(args)
        .env("LANG", "C.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .stdout(Stdio::from(writer))
        .stderr(Stdio::piped())
        .output()
        .expect("the vanban binary runs")
}

#[test]
fn closed_stdout_ends_quietly_with_exit_0() {
    for args in [
        &["templates"][..],
        &["fields", "samples/bao-cao-thang.xlsx"][..],
        &["--help"][..],
    ] {
        let root = env!("CARGO_MANIFEST_DIR");
        let args: Vec<String> = args
            .iter()
            .map(|a| {
                if a.starts_with("samples/") {
                    format!("{root}/{a}")
                } else {
                    a.to_string()
                }
            })
            .collect();
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let o = with_closed_stdout(&args);
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(0), "{args:?}: {err}");
        assert!(!err.contains("panicked"), "{args:?}: {err}");
        assert!(!err.contains("Broken pipe"), "{args:?}: {err}");
    }
}

/// The same through a shell pipeline, as a clerk types it.
#[test]
fn templates_piped_into_head() {
    let o = Command::new("bash")
        .arg("-c")
        .arg(format!(
            "set -o pipefail; \"{}\" templates | head -3 >/dev/null",
            env!("CARGO_BIN_EXE_vanban")
        ))
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(!err.contains("panicked"), "{err}");
    assert_eq!(o.status.code(), Some(0), "{err}");
}
