//! Third-party JavaScript clients (cosmjs, ledger-cosmos-js) run unchanged as a `node`
//! process against a Speculos: the scripts in `tests/clients/` talk APDUs to the APDU port
//! through Ledger's own Speculos transport, while the harness reads the screens and
//! approves each review the script announces. Used by `tests/tests/device_clients.rs`.
//!
//! The line protocol (tests/clients/lib.mjs): the script prints one JSON object a line:
//! `{"review": label}` just before a request the person must approve (the harness approves
//! it, then writes a line on the script's stdin once the device is home again), `{"step":
//! label, ...}` for a result, `{"error": message}` when it fails (exit code 1).

use std::io::{BufRead, BufReader, Read, Write};
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::nav::{Capture, Flow};
use crate::speculos::Speculos;
use crate::{paths, Error, Result};

/// Longest a script may run (two signatures and four address reviews take well under a
/// minute; a hang must not hold the test run).
const SCRIPT_TIMEOUT: Duration = Duration::from_secs(300);

/// The node project of the client tests.
pub fn clients_dir() -> PathBuf {
    paths::repo_root().join("tests/clients")
}

/// Checks that `node` runs and that `npm ci` has installed the pinned packages; the error
/// says how to fix it. The tests fail on it (they never skip): the clients are part of
/// the device tier.
pub fn check_installed() -> Result<()> {
    let dir = clients_dir();
    let node = Command::new("node").arg("--version").output();
    match node {
        Ok(o) if o.status.success() => {}
        _ => {
            return Err(Error::msg(
                "node is not installed or does not run: the client tests need Node.js >= 20 \
                 (scripts/setup.sh installs Debian's nodejs and npm)",
            ))
        }
    }
    for package in
        ["@cosmjs/ledger-amino", "@zondax/ledger-cosmos-js", "@ledgerhq/hw-transport-node-speculos"]
    {
        if !dir.join("node_modules").join(package).join("package.json").exists() {
            return Err(Error::msg(format!(
                "{}/node_modules has no {package}: run `npm ci` in tests/clients (scripts/setup.sh does)",
                dir.display()
            )));
        }
    }
    Ok(())
}

/// What a script did.
#[derive(Debug, Default)]
pub struct ScriptRun {
    /// Every `{"step": …}` line, in order.
    pub steps: Vec<Value>,
    /// Every review the script announced, with the screens walked to approve it.
    pub reviews: Vec<(String, Flow)>,
    /// Everything it printed on stderr.
    pub stderr: String,
}

impl ScriptRun {
    /// The result line of step `label`.
    pub fn step(&self, label: &str) -> &Value {
        self.steps
            .iter()
            .find(|s| s["step"] == label)
            .unwrap_or_else(|| panic!("the script printed no step {label:?}: {:?}", self.steps))
    }

    /// The screens of review `label`.
    pub fn review(&self, label: &str) -> &Flow {
        self.reviews
            .iter()
            .find(|(l, _)| l == label)
            .map(|(_, f)| f)
            .unwrap_or_else(|| panic!("the script announced no review {label:?}"))
    }

    /// A string field of step `label`.
    pub fn str(&self, label: &str, field: &str) -> String {
        self.step(label)[field]
            .as_str()
            .unwrap_or_else(|| {
                panic!("step {label:?} has no string {field:?}: {}", self.step(label))
            })
            .to_owned()
    }

    /// A hex field of step `label`, decoded.
    pub fn bytes(&self, label: &str, field: &str) -> Vec<u8> {
        let h = self.str(label, field);
        (0..h.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(&h[i..i + 2], 16))
            .collect::<std::result::Result<_, _>>()
            .unwrap_or_else(|e| panic!("step {label:?} field {field:?} is not hex: {e}"))
    }
}

/// Runs `node tests/clients/<script>` with `input` (JSON, in `MW_CLIENT_INPUT`; the APDU
/// port is added as `apduPort`) against `sim`, approving every review it announces, and
/// returns its steps and reviews. Fails when the script reports an error, exits non-zero,
/// announces a review that does not come, or runs longer than 5 minutes. The harness' own
/// APDU connection is reopened afterwards (Speculos serves the newest client only).
pub fn run_script(sim: &Speculos, script: &str, mut input: Value) -> Result<ScriptRun> {
    check_installed()?;
    input["apduPort"] = Value::from(sim.apdu_addr().port());
    let mut child = Command::new("node")
        .arg(script)
        .current_dir(clients_dir())
        .env("MW_CLIENT_INPUT", input.to_string())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| Error::msg(format!("cannot run node {script}: {e}")))?;
    let mut stdin = child.stdin.take();
    let (tx, rx) = mpsc::channel::<String>();
    let stdout = child.stdout.take().map(|out| {
        thread::spawn(move || {
            for line in BufReader::new(out).lines().map_while(std::result::Result::ok) {
                if tx.send(line).is_err() {
                    break;
                }
            }
        })
    });
    let stderr = child.stderr.take().map(|mut err| {
        thread::spawn(move || {
            let mut s = String::new();
            let _ = err.read_to_string(&mut s);
            s
        })
    });

    let started = Instant::now();
    let mut run = ScriptRun::default();
    let mut failure: Option<String> = None;
    loop {
        let left = SCRIPT_TIMEOUT.saturating_sub(started.elapsed());
        let line = match rx.recv_timeout(left.max(Duration::from_millis(1))) {
            Ok(line) => line,
            Err(mpsc::RecvTimeoutError::Disconnected) => break,
            Err(mpsc::RecvTimeoutError::Timeout) => {
                failure = Some(format!("node {script} ran longer than {SCRIPT_TIMEOUT:?}"));
                break;
            }
        };
        // Echoed for the test log, long hex values cut.
        match line.char_indices().nth(160) {
            Some((i, _)) => println!("   | {}…", &line[..i]),
            None => println!("   | {line}"),
        }
        let v: Value = match serde_json::from_str(&line) {
            Ok(v) => v,
            Err(_) => continue, // not a protocol line (a library's log)
        };
        if let Some(label) = v["review"].as_str() {
            // A long document's review starts after its last chunk (a megabyte is
            // thousands of APDUs): wait for it as long as the script may run.
            let reviewed = sim
                .wait_for_review(SCRIPT_TIMEOUT.saturating_sub(started.elapsed()))
                .and_then(|_| sim.approve(Capture::Text));
            match reviewed {
                Ok(flow) => {
                    run.reviews.push((label.to_owned(), flow));
                    // The device is home again: the script may send its next request.
                    if let Some(w) = stdin.as_mut() {
                        let _ = w.write_all(b"reviewed\n").and_then(|_| w.flush());
                    }
                }
                Err(e) => {
                    failure = Some(format!("review {label:?} announced by {script}: {e}"));
                    break;
                }
            }
        } else if v.get("step").is_some() {
            run.steps.push(v);
        } else if let Some(e) = v["error"].as_str() {
            failure = Some(format!("node {script} failed: {e}"));
        }
    }
    drop(stdin);
    if failure.is_some() {
        let _ = child.kill();
    }
    let status = child.wait()?;
    if let Some(h) = stdout {
        let _ = h.join();
    }
    run.stderr = stderr.and_then(|h| h.join().ok()).unwrap_or_default();
    sim.reconnect()?;
    if let Some(f) = failure {
        return Err(Error::msg(format!("{f}\nstderr:\n{}", run.stderr)));
    }
    if !status.success() {
        return Err(Error::msg(format!(
            "node {script} exited with {status}\nstderr:\n{}",
            run.stderr
        )));
    }
    Ok(run)
}
