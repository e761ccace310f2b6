//! The host CLI `milkyway-ledger` as a person runs it: a separate process talking to a
//! Speculos over its APDU port (`--device speculos:127.0.0.1:<port>`), while the harness
//! reads the screens and decides every review the command opens. Used by the CLI's
//! end-to-end tests (`tests/tests/device_cli.rs`) and by the demo.

use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitStatus, Stdio};
use std::thread;
use std::time::{Duration, Instant};

use crate::nav::{Capture, Decision, Flow};
use crate::speculos::Speculos;
use crate::{paths, Error, Result};

/// Longest a command may take from start to exit (a signature with a review of a few
/// dozen pages takes seconds; a hang must not hold the test run).
const CLI_TIMEOUT: Duration = Duration::from_secs(180);

/// The CLI binary: `$MILKYWAY_CLI`, or the debug build in the workspace's target dir
/// (`cargo build -p milkyway-ledger --bin milkyway-ledger`; scripts/test.sh and `make
/// demo` build it). An error that says how to build it when it is missing.
pub fn program() -> Result<PathBuf> {
    let p = std::env::var_os("MILKYWAY_CLI")
        .map(PathBuf::from)
        .unwrap_or_else(|| paths::target_dir().join("debug").join("milkyway-ledger"));
    if p.exists() {
        Ok(p)
    } else {
        Err(Error::msg(format!(
            "the host CLI {} is not built: run `cargo build -p milkyway-ledger --bin milkyway-ledger` (scripts/test.sh does)",
            p.display()
        )))
    }
}

/// What a command did.
#[derive(Debug)]
pub struct Run {
    pub status: ExitStatus,
    pub stdout: String,
    pub stderr: String,
    /// Every review the command opened on the device, as decided.
    pub flows: Vec<Flow>,
}

impl Run {
    /// The exit code (`None` if a signal ended the process).
    pub fn code(&self) -> Option<i32> {
        self.status.code()
    }

    /// The command line and what it printed, for failure messages.
    pub fn describe(&self, args: &[String]) -> String {
        format!(
            "milkyway-ledger {}\nexit: {}\nstdout:\n{}\nstderr:\n{}",
            shell_words(args),
            self.status,
            self.stdout,
            self.stderr
        )
    }
}

/// Where a running command's output lines go besides [`Run`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Echo {
    /// Only collected.
    Quiet,
    /// Also printed as they come, stdout lines after `   | `, stderr lines after `   ! `
    /// (the demo).
    Print,
}

/// Runs the CLI without a device (`--preview`, `preview FILE`, usage errors).
pub fn run_offline(program: &Path, args: &[String]) -> Result<Run> {
    let out = Command::new(program)
        .args(args)
        .stdin(Stdio::null())
        .output()
        .map_err(|e| Error::msg(format!("cannot run {}: {e}", program.display())))?;
    Ok(Run {
        status: out.status,
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        flows: Vec::new(),
    })
}

/// Runs the CLI with `args` and `--device` set to this Speculos; takes `decision` on
/// every review the command opens (calling `on_flow` with each), until it exits. The
/// harness' own APDU connection is reopened afterwards (Speculos serves the newest
/// client only).
pub fn run_on_device(
    sim: &Speculos,
    program: &Path,
    args: &[String],
    decision: Decision,
    capture: Capture,
    echo: Echo,
    mut on_flow: impl FnMut(&Flow),
) -> Result<Run> {
    let mut child = Command::new(program)
        .args(args)
        .arg("--device")
        .arg(sim.cli_device_arg())
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| Error::msg(format!("cannot run {}: {e}", program.display())))?;
    let reader = |r: Option<Box<dyn Read + Send>>, prefix: &'static str| {
        r.map(|r| thread::spawn(move || collect_lines(r, (echo == Echo::Print).then_some(prefix))))
    };
    let out = reader(child.stdout.take().map(|s| Box::new(s) as Box<dyn Read + Send>), "   | ");
    let err = reader(child.stderr.take().map(|s| Box::new(s) as Box<dyn Read + Send>), "   ! ");
    let started = Instant::now();
    let mut flows = Vec::new();
    let outcome = loop {
        match child.try_wait() {
            Ok(Some(status)) => break Ok(status),
            Ok(None) => {}
            Err(e) => break Err(Error::from(e)),
        }
        if started.elapsed() > CLI_TIMEOUT {
            break Err(Error::msg(format!(
                "milkyway-ledger {} did not exit within {} s",
                shell_words(args),
                CLI_TIMEOUT.as_secs()
            )));
        }
        match sim.current_screen() {
            Ok(s) if !s.is_empty() && !sim.is_home(&s) => match sim.decide(decision, capture) {
                Ok(flow) => {
                    on_flow(&flow);
                    flows.push(flow);
                }
                Err(e) => break Err(e),
            },
            _ => thread::sleep(Duration::from_millis(50)),
        }
    };
    let status = match outcome {
        Ok(s) => s,
        Err(e) => {
            let _ = child.kill();
            let _ = child.wait();
            return Err(e);
        }
    };
    let join =
        |h: Option<thread::JoinHandle<String>>| h.and_then(|h| h.join().ok()).unwrap_or_default();
    let stdout = join(out);
    let stderr = join(err);
    sim.reconnect()?;
    Ok(Run { status, stdout, stderr, flows })
}

/// Reads `r` to its end, line by line, printing each after `prefix` when given.
fn collect_lines(r: impl Read, prefix: Option<&str>) -> String {
    let mut all = String::new();
    for line in BufReader::new(r).lines().map_while(std::result::Result::ok) {
        if let Some(p) = prefix {
            println!("{p}{line}");
        }
        all.push_str(&line);
        all.push('\n');
    }
    all
}

/// The screens a `--preview` or `preview FILE` printed (` 1. Label: value` lines) as
/// (label, value) pairs. Labels never hold ": "; values may.
pub fn preview_screens(stdout: &str) -> Result<Vec<(String, String)>> {
    stdout
        .lines()
        .filter(|l| !l.trim().is_empty())
        .enumerate()
        .map(|(i, line)| {
            let bad = || Error::msg(format!("not a numbered preview line: {line:?}"));
            let (number, rest) = line.trim_start().split_once(". ").ok_or_else(bad)?;
            if number.parse::<usize>().ok() != Some(i + 1) {
                return Err(bad());
            }
            // A screen without a label (textual's "This transaction has 1 Message") is
            // printed as its value alone.
            let (label, value) = rest.split_once(": ").unwrap_or(("", rest));
            Ok((label.to_string(), value.to_string()))
        })
        .collect()
}

/// The review title and signing question a preview names on stderr
/// (`The device will show "Review transaction to …", these N screens (…), then ask "Sign
/// transaction to …?":`).
pub fn preview_titles(stderr: &str) -> Result<(String, String)> {
    let bad = || Error::msg(format!("no review title in the preview's stderr: {stderr:?}"));
    let line = stderr.lines().find(|l| l.starts_with("The device will show \"")).ok_or_else(bad)?;
    let rest = line.strip_prefix("The device will show \"").ok_or_else(bad)?;
    let (review, rest) = rest.split_once('"').ok_or_else(bad)?;
    let (_, sign) = rest.split_once(", then ask \"").ok_or_else(bad)?;
    let sign = sign.strip_suffix("\":").ok_or_else(bad)?;
    Ok((review.to_string(), sign.to_string()))
}

/// The arguments as a shell would show them (quoted when they hold spaces or quotes).
pub fn shell_words(args: &[String]) -> String {
    args.iter()
        .map(|a| {
            if a.is_empty() || a.contains(|c: char| c.is_whitespace() || "\"'{}$\\".contains(c)) {
                format!("'{}'", a.replace('\'', "'\\''"))
            } else {
                a.clone()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// `args` as owned strings.
pub fn args(args: &[&str]) -> Vec<String> {
    args.iter().map(|s| s.to_string()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn preview_lines_parse_into_screens() {
        let out = " 1. Action: Weighted vote\n 2. Memo: a: b\n10. Fee: 0.005 MILK\n";
        // Numbering must run 1, 2, 3…: a gap is an error.
        assert!(preview_screens(out).is_err());
        let out = "1. Action: Weighted vote\n2. Memo: a: b\n3. Fee: 0.005 MILK\n";
        assert_eq!(
            preview_screens(out).unwrap(),
            vec![
                ("Action".to_string(), "Weighted vote".to_string()),
                ("Memo".to_string(), "a: b".to_string()),
                ("Fee".to_string(), "0.005 MILK".to_string()),
            ]
        );
        assert!(preview_screens("The device will show").is_err());
        assert_eq!(
            preview_screens("1. This transaction has 1 Message\n").unwrap(),
            vec![(String::new(), "This transaction has 1 Message".to_string())]
        );
    }

    #[test]
    fn preview_titles_are_read_from_the_summary_line() {
        let err = "The device will show \"Review transaction to vote\", these 4 screens (DIRECT mode), then ask \"Sign transaction to vote?\":\n(your own address is not shown)\n";
        assert_eq!(
            preview_titles(err).unwrap(),
            ("Review transaction to vote".to_string(), "Sign transaction to vote?".to_string())
        );
        assert!(preview_titles("The device will show these 4 screens").is_err());
    }

    #[test]
    fn shell_words_quote_what_a_shell_would_split() {
        assert_eq!(
            shell_words(&args(&["vote", "7", "--memo", "hi there", ""])),
            "vote 7 --memo 'hi there' ''"
        );
        assert_eq!(shell_words(&args(&["it's"])), "'it'\\''s'");
    }
}
