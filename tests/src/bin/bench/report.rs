//! The report: Markdown for people, JSON for tools, both from the same figures, each
//! figure next to its target from issue 7.

use std::fmt::Write as _;
use std::path::Path;
use std::process::Command;
use std::time::Duration;

use milkyway_e2e::Device;
use milkyway_ledger::tx::SignMode;
use serde_json::{json, Value};

use crate::measure::{mode_label, Capacity, Config, DeviceResult, Timing, MODES, SEARCH_HIGH};
use crate::session::{Run, Verdict};
use crate::stack_report::{self, StackRun};

/// Targets of issue 7.
pub const FLASH_TARGET: u64 = 160 * 1024;
pub const STACK_TARGET_PERCENT: f64 = 75.0;
pub const CAPACITY_TARGET: usize = 16 * 1024;
pub const DECODE_1_TARGET: u64 = 200_000;
pub const DECODE_10_RATIO_TARGET: f64 = 12.0;

/// The app's sign buffer (app/src/sign_buffer.rs `CAPACITY`).
pub fn sign_buffer_bytes() -> Option<u64> {
    let src =
        std::fs::read_to_string(milkyway_e2e::paths::repo_root().join("app/src/sign_buffer.rs"))
            .ok()?;
    let line = src.lines().find(|l| l.contains("const CAPACITY: usize"))?;
    let expr = line.split('=').nth(1)?.trim().trim_end_matches(';');
    expr.split('*').map(|f| f.trim().replace('_', "").parse::<u64>().ok()).product()
}

/// `HEAP_SIZE` of app/.cargo/config.toml.
fn heap_size_setting() -> Option<u64> {
    let src =
        std::fs::read_to_string(milkyway_e2e::paths::repo_root().join("app/.cargo/config.toml"))
            .ok()?;
    let line = src.lines().find(|l| l.trim_start().starts_with("HEAP_SIZE"))?;
    line.split('=').nth(1)?.trim().trim_matches('"').parse().ok()
}

// ---- host figures: the core benchmark's table, SHA-256 -------------------------------

/// One row of scripts/bench-core.sh's table.
#[derive(Clone, Debug)]
pub struct CoreRow {
    pub tx: String,
    pub mode: String,
    pub bytes: u64,
    pub screens: u64,
    /// Decode alone and render alone, when the table splits them.
    pub decode: Option<u64>,
    pub render: Option<u64>,
    /// Decode + render.
    pub instructions: u64,
    pub peak_stack: u64,
}

#[derive(Clone, Debug)]
pub struct CoreFigures {
    /// Why there is no table, if there is none.
    pub missing: Option<String>,
    pub rows: Vec<CoreRow>,
    /// Software SHA-256 on the host: marginal instructions per KiB, or why not measured.
    pub sha256_per_kib: Result<f64, String>,
}

fn num(s: &str) -> Option<u64> {
    s.trim().replace(',', "").parse().ok()
}

pub fn core_figures(table: Option<&Path>) -> CoreFigures {
    let mut f = CoreFigures { missing: None, rows: Vec::new(), sha256_per_kib: sha256_per_kib() };
    let text = match table.map(std::fs::read_to_string) {
        None => {
            f.missing = Some("scripts/bench-core.sh is not in this checkout".into());
            return f;
        }
        Some(Err(e)) => {
            f.missing = Some(format!("no core table: {e}"));
            return f;
        }
        Some(Ok(t)) => t,
    };
    f.rows = parse_core_table(&text);
    if f.rows.is_empty() {
        f.missing = Some("scripts/bench-core.sh printed no table".into());
    }
    f
}

/// The rows of scripts/bench-core.sh's Markdown table.
fn parse_core_table(text: &str) -> Vec<CoreRow> {
    let mut rows = Vec::new();
    // Columns by their header (the table has grown columns before): transaction, sign
    // mode, sign doc (bytes), screens, [decode, render,] decode + render, peak stack.
    let cells = |line: &str| -> Vec<String> {
        line.trim().trim_matches('|').split('|').map(|c| c.trim().to_ascii_lowercase()).collect()
    };
    let mut header: Option<Vec<String>> = None;
    for line in text.lines().filter(|l| l.trim_start().starts_with('|')) {
        let c = cells(line);
        let Some(h) = &header else {
            header = Some(c);
            continue;
        };
        let col = |pred: &dyn Fn(&str) -> bool| h.iter().position(|x| pred(x));
        let at = |i: Option<usize>| i.and_then(|i| c.get(i)).and_then(|v| num(v));
        let both = col(&|x| x.contains("decode + render"));
        let decode = col(&|x| x.starts_with("decode") && !x.contains("render"));
        let render = col(&|x| x.starts_with("render"));
        let (Some(bytes), Some(screens), Some(instructions), Some(peak_stack)) = (
            at(col(&|x| x.starts_with("sign doc"))),
            at(col(&|x| x == "screens")),
            at(both),
            at(col(&|x| x.starts_with("peak stack"))),
        ) else {
            continue;
        };
        let raw: Vec<&str> = line.trim().trim_matches('|').split('|').map(str::trim).collect();
        rows.push(CoreRow {
            tx: raw.first().unwrap_or(&"").to_string(),
            mode: raw.get(1).unwrap_or(&"").to_string(),
            bytes,
            screens,
            decode: at(decode),
            render: at(render),
            instructions,
            peak_stack,
        });
    }
    rows
}

/// Instructions of `sha256sum FILE` under callgrind (the whole process).
fn callgrind_sha256sum(bytes: usize) -> Result<u64, String> {
    let dir = std::env::temp_dir().join(format!("mw-bench-sha-{}", std::process::id()));
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    let input = dir.join("input");
    let data: Vec<u8> = (0..bytes).map(|i| (i * 31 % 251) as u8).collect();
    std::fs::write(&input, data).map_err(|e| e.to_string())?;
    let out = dir.join("callgrind.out");
    let status = Command::new("valgrind")
        .args(["-q", "--tool=callgrind"])
        .arg(format!("--callgrind-out-file={}", out.display()))
        .arg("sha256sum")
        .arg(&input)
        .output()
        .map_err(|e| format!("valgrind: {e}"))?;
    if !status.status.success() {
        return Err(format!("valgrind sha256sum: {}", String::from_utf8_lossy(&status.stderr)));
    }
    let text = std::fs::read_to_string(&out).map_err(|e| e.to_string())?;
    let _ = std::fs::remove_dir_all(&dir);
    text.lines()
        .find_map(|l| l.strip_prefix("totals:").and_then(num))
        .ok_or_else(|| "no totals in the callgrind output".into())
}

/// The marginal cost of software SHA-256: (instructions for 33 KiB − for 1 KiB) / 32.
fn sha256_per_kib() -> Result<f64, String> {
    let small = callgrind_sha256sum(1024)?;
    let large = callgrind_sha256sum(33 * 1024)?;
    Ok(large.saturating_sub(small) as f64 / 32.0)
}

// ---- machine ------------------------------------------------------------------------

fn command_line(cmd: &str, args: &[&str]) -> Option<String> {
    let out = Command::new(cmd).args(args).output().ok()?;
    out.status.success().then(|| String::from_utf8_lossy(&out.stdout).trim().to_string())
}

pub fn machine() -> Value {
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|c| {
            c.lines()
                .find(|l| l.starts_with("model name"))
                .and_then(|l| l.split(':').nth(1))
                .map(|m| m.trim().to_string())
        })
        .unwrap_or_else(|| "unknown".into());
    let root = milkyway_e2e::paths::repo_root();
    let root = root.to_string_lossy();
    let commit = command_line("git", &["-C", &root, "rev-parse", "HEAD"]).unwrap_or_default();
    // Uncommitted changes to what is measured (the app, the core, the host crate, the
    // harness and this benchmark, the scripts), if any.
    let dirty: Vec<String> = command_line(
        "git",
        &[
            "-C",
            &root,
            "status",
            "--porcelain",
            "--untracked-files=no",
            "--",
            "app",
            "core",
            "host",
            "tests/src",
            "tests/Cargo.toml",
            "scripts",
            "Cargo.toml",
            "Cargo.lock",
        ],
    )
    .map(|s| s.lines().filter_map(|l| l.split_whitespace().last()).map(str::to_string).collect())
    .unwrap_or_default();
    // The Rust SDK crates the app is built with, as app/Cargo.toml pins them.
    let cargo_toml =
        std::fs::read_to_string(milkyway_e2e::paths::repo_root().join("app/Cargo.toml"))
            .unwrap_or_default();
    let pin = |name: &str| {
        cargo_toml
            .lines()
            .find(|l| l.starts_with(&format!("{name} ")))
            .and_then(|l| l.split('"').nth(1))
            .map(|v| format!("{name} {}", v.trim_start_matches('=')))
    };
    let sdk: Vec<String> =
        ["ledger_device_sdk", "ledger_secure_sdk_sys"].iter().filter_map(|n| pin(n)).collect();
    json!({
        "cpu": cpu,
        "app_sdk": sdk.join(", "),
        "nproc": std::thread::available_parallelism().map(|n| n.get()).unwrap_or(0),
        "date": command_line("date", &["-u", "+%Y-%m-%d %H:%M UTC"]).unwrap_or_default(),
        "commit": commit,
        "uncommitted_changes": dirty,
        "kernel": command_line("uname", &["-sr"]).unwrap_or_default(),
        "speculos": command_line(&milkyway_e2e::speculos::speculos_program().to_string_lossy(), &["--version"])
            .unwrap_or_else(|| "0.27.1 (scripts/setup.sh)".into()),
    })
}

// ---- formatting helpers -------------------------------------------------------------

fn kib(b: u64) -> String {
    format!("{:.1}", b as f64 / 1024.0)
}

fn thousands(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn ok(met: bool) -> &'static str {
    if met {
        "yes"
    } else {
        "**NO**"
    }
}

fn verdict_text(v: &Verdict) -> String {
    match v {
        Verdict::Review => "accepted (review shown)".into(),
        Verdict::Refused { sw, chunk, reason } => {
            let what = match sw {
                0x6988 => " (too big for the sign buffer)",
                0x6984 => " (refused by the core)",
                _ => "",
            };
            let mut s = format!("0x{sw:04X}{what} on chunk {chunk}");
            if !reason.is_empty() {
                write!(s, ": \"{reason}\"").unwrap();
            }
            s
        }
    }
}

fn verdict_json(v: &Verdict) -> Value {
    match v {
        Verdict::Review => json!({"accepted": true}),
        Verdict::Refused { sw, chunk, reason } => {
            json!({"accepted": false, "status": format!("0x{sw:04X}"), "chunk": chunk, "reason": reason})
        }
    }
}

fn secs(d: Duration) -> f64 {
    d.as_secs_f64()
}

/// Median, min, max of some durations, in seconds.
fn stats(ds: &[Duration]) -> (f64, f64, f64) {
    let mut v: Vec<f64> = ds.iter().copied().map(secs).collect();
    v.sort_by(|a, b| a.total_cmp(b));
    if v.is_empty() {
        return (0.0, 0.0, 0.0);
    }
    let n = v.len();
    let median = if n % 2 == 1 { v[n / 2] } else { (v[n / 2 - 1] + v[n / 2]) / 2.0 };
    (median, v[0], v[n - 1])
}

fn run_json(r: &Run) -> Value {
    json!({
        "total_s": secs(r.total),
        "first_apdu_to_review_s": secs(r.to_review),
        "approval_to_signature_s": secs(r.approve_to_signature),
        "exchanges": r.exchanges,
    })
}

// ---- the report ---------------------------------------------------------------------

/// The load average (1, 5, 15 minutes), from /proc/loadavg.
pub fn loadavg() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|l| l.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_default()
}

pub struct Report<'a> {
    pub results: &'a [(Device, Result<DeviceResult, String>)],
    /// The load average when the measurements started (other work on the machine).
    pub load_start: String,
    pub config: &'a Config,
    pub jobs: usize,
    pub core: &'a CoreFigures,
    pub took: Duration,
    /// This run, as the one that measured the stack ([`StackRun::now`] at its end).
    pub stack_run: StackRun,
}

impl Report<'_> {
    fn ok_results(&self) -> impl Iterator<Item = &DeviceResult> {
        self.results.iter().filter_map(|(_, r)| r.as_ref().ok())
    }

    fn cap(r: &DeviceResult, mode: SignMode) -> Option<&Capacity> {
        r.capacity.iter().find(|c| c.mode == mode)
    }

    fn core_row(&self, tx: &str, mode: &str) -> Option<&crate::report::CoreRow> {
        self.core.rows.iter().find(|r| r.tx == tx && r.mode == mode)
    }

    pub fn markdown(&self) -> String {
        let m = machine();
        let buffer = sign_buffer_bytes();
        let mut o = String::new();
        let w = &mut o;
        writeln!(w, "# Benchmarks of the MilkyWay Ledger app").unwrap();
        writeln!(w).unwrap();
        writeln!(
            w,
            "Written by `make bench` (scripts/bench.sh, tests/src/bin/bench); the same figures \
             are in `docs/bench-report.json`. Targets are those of issue 7; they are reported \
             against, not enforced."
        )
        .unwrap();
        writeln!(w).unwrap();
        writeln!(
            w,
            "Machine: {} ({} cores), {}. Date: {}. Commit: `{}`{}. App SDK: {} (app/Cargo.toml), C SDK API_LEVEL_27. Speculos: {}. \
             Timed runs per transaction: {} (largest DIRECT document: {}). The Speculos \
             measurements took {:.1} min, {} devices at a time; load average (1, 5, 15 min) {} \
             at their start, {} at their end.",
            m["cpu"].as_str().unwrap_or(""),
            m["nproc"],
            m["kernel"].as_str().unwrap_or(""),
            m["date"].as_str().unwrap_or(""),
            m["commit"].as_str().unwrap_or(""),
            match m["uncommitted_changes"].as_array() {
                Some(files) if !files.is_empty() => format!(
                    " (with uncommitted changes to {})",
                    files.iter().filter_map(|f| f.as_str()).collect::<Vec<_>>().join(", ")
                ),
                _ => String::new(),
            },
            m["app_sdk"].as_str().unwrap_or(""),
            m["speculos"].as_str().unwrap_or(""),
            self.config.runs,
            self.config.largest_direct_runs,
            self.took.as_secs_f64() / 60.0,
            self.jobs,
            self.load_start,
            loadavg(),
        )
        .unwrap();
        writeln!(w).unwrap();
        for (d, r) in self.results {
            if let Err(e) = r {
                writeln!(w, "**{d}: the measurement failed:** {e}").unwrap();
                writeln!(w).unwrap();
            }
        }

        // Summary.
        writeln!(w, "## Against the targets").unwrap();
        writeln!(w).unwrap();
        writeln!(
            w,
            "| device | flash (≤ 160 KiB) | stack high-water (≤ 75 %) | largest sign doc, DIRECT (≥ 16 KiB) | largest sign doc, Amino JSON (≥ 16 KiB) |"
        )
        .unwrap();
        writeln!(w, "|---|---|---|---|---|").unwrap();
        for r in self.ok_results() {
            let cap = |mode| {
                Self::cap(r, mode)
                    .map(|c| format!("{} bytes: {}", c.max, ok(c.max >= CAPACITY_TARGET)))
                    .unwrap_or_default()
            };
            let stack = stack_report::summary_cell(&stack_report::to_json(
                &r.stack,
                &r.probe_elf,
                &self.stack_run,
            ));
            writeln!(
                w,
                "| {} | {} KiB: {} | {} | {} | {} |",
                r.device,
                kib(r.sizes.flash),
                ok(r.sizes.flash <= FLASH_TARGET),
                stack,
                cap(SignMode::Direct),
                cap(SignMode::AminoJson),
            )
            .unwrap();
        }
        writeln!(w).unwrap();
        for mode in ["DIRECT", "Amino JSON"] {
            if let (Some(one), Some(ten)) =
                (self.core_row("restake-1", mode), self.core_row("restake-10", mode))
            {
                let ratio = ten.instructions as f64 / one.instructions.max(1) as f64;
                writeln!(
                    w,
                    "- Decode + render, {mode} (host, callgrind): one restake {} instructions \
                     (< 200,000: {}); ten restakes {} = {:.1}× one (≤ 12×: {}).",
                    thousands(one.instructions),
                    ok(one.instructions < DECODE_1_TARGET),
                    thousands(ten.instructions),
                    ratio,
                    ok(ratio <= DECODE_10_RATIO_TARGET),
                )
                .unwrap();
            }
        }
        if let Some(worst) =
            self.core.rows.iter().max_by_key(|r| r.instructions * 1024 / r.bytes.max(1))
        {
            writeln!(
                w,
                "- Costliest per KiB in the core's table: {} ({}, {} bytes, {} screens): {} \
                 instructions, {} per KiB.",
                worst.tx,
                worst.mode,
                worst.bytes,
                worst.screens,
                thousands(worst.instructions),
                thousands(worst.instructions * 1024 / worst.bytes.max(1)),
            )
            .unwrap();
        }
        if let Some(why) = &self.core.missing {
            writeln!(w, "- Decode + render: not measured ({why}).").unwrap();
        }
        writeln!(w).unwrap();

        // Flash.
        writeln!(w, "## Flash (release ELF)").unwrap();
        writeln!(w).unwrap();
        writeln!(
            w,
            "`.text` + `.rodata` + `.rel_flash` + `.nvm_data` of \
             `app/target/<device>/release/milkyway-ledger-app` (llvm-size -A), against 160 KiB."
        )
        .unwrap();
        writeln!(w).unwrap();
        writeln!(
            w,
            "| device | .text | .rodata | .rel_flash | .nvm_data | flash | KiB | % of 160 KiB | without the sign buffer |"
        )
        .unwrap();
        writeln!(w, "|---|---:|---:|---:|---:|---:|---:|---:|---:|").unwrap();
        for r in self.ok_results() {
            let s = &r.sizes;
            let g = |n: &str| s.sections.get(n).copied().unwrap_or(0);
            writeln!(
                w,
                "| {} | {} | {} | {} | {} | {} | {} | {:.0} % | {} |",
                r.device,
                g(".text"),
                g(".rodata"),
                g(".rel_flash"),
                g(".nvm_data"),
                s.flash,
                kib(s.flash),
                100.0 * s.flash as f64 / FLASH_TARGET as f64,
                buffer
                    .map(|b| format!("{} KiB", kib(s.flash.saturating_sub(b))))
                    .unwrap_or_default(),
            )
            .unwrap();
        }
        writeln!(w).unwrap();
        let in_rodata = self.ok_results().all(|r| r.sizes.sign_buffer_in_rodata);
        writeln!(
            w,
            "`.rodata` includes the {} sign buffer (`MILKYWAY_SIGN_BYTES`, app/src/sign_buffer.rs{}), \
             a zero-filled flash region the app rewrites with each document. The sections are \
             512-byte aligned; with the padding between them the app spans {} bytes of flash.",
            buffer.map(|b| format!("{} KiB", b / 1024)).unwrap_or_else(|| "32 KiB".into()),
            if in_rodata { "; checked in every ELF's symbol table" } else { "" },
            self.ok_results()
                .map(|r| format!("{} {}", r.device, r.sizes.flash_span))
                .collect::<Vec<_>>()
                .join(", "),
        )
        .unwrap();
        writeln!(w).unwrap();

        // RAM.
        let heap_setting = heap_size_setting();
        writeln!(w, "## RAM (release ELF)").unwrap();
        writeln!(w).unwrap();
        writeln!(
            w,
            "`.bss` without the heap (`_ebss − _bss − HEAP_MEM`), the heap (the SDK's `HEAP_MEM`, \
             `HEAP_SIZE` = {} in app/.cargo/config.toml) and the stack reserve (`_estack − _stack`), \
             from llvm-nm. `.data` is empty on every device. The stack reserve is whatever RAM \
             the link script leaves to the stack.",
            heap_setting.map(|h| h.to_string()).unwrap_or_else(|| "?".into())
        )
        .unwrap();
        writeln!(w).unwrap();
        writeln!(w, "| device | .bss (app + SDK) | heap | stack reserve | total |").unwrap();
        writeln!(w, "|---|---:|---:|---:|---:|").unwrap();
        for r in self.ok_results() {
            let s = &r.sizes;
            writeln!(
                w,
                "| {} | {} | {} | {} | {} ({} KiB) |",
                r.device,
                s.bss + s.data,
                s.heap,
                s.stack,
                s.ram(),
                kib(s.ram())
            )
            .unwrap();
        }
        writeln!(w).unwrap();

        // Stack: written from the JSON, like `--only stack` merges it.
        let devices = self.json()["devices"].as_array().cloned().unwrap_or_default();
        w.push_str(&stack_report::section(&devices));

        // Capacity.
        writeln!(w, "## Capacity: the largest sign doc accepted").unwrap();
        writeln!(w).unwrap();
        writeln!(
            w,
            "Found by binary search on the device, per mode, over the byte size of a one-restake \
             transaction whose memo fills the rest (Amino JSON: `<`, six sign bytes per character \
             as the chain's JSON writes it; DIRECT: `m`). A probe sends every chunk (250 bytes) and \
             takes the device's verdict before any review: a status word, or the review's first \
             page (the app decodes the document and dry-runs its whole review before showing the \
             first page; the review is then abandoned by restarting the app). The search starts \
             from the smallest document (must be accepted) and {} bytes (must be refused; doubled \
             until it is), probes three quarters of the way up the interval left (a refusal costs \
             under a second, an acceptance several: the dry run, then a restart) and ends when \
             the two are one byte apart. The largest accepted size is \
             then signed with the review approved, and the signature verified against the device's \
             key. \"Core alone\" is the host preview (the device's own decoder and renderer) on the \
             refused document: if it renders, the limit is the app's sign buffer, not the core.",
            SEARCH_HIGH
        )
        .unwrap();
        writeln!(w).unwrap();
        writeln!(
            w,
            "| device | mode | largest accepted (bytes) | screens | probes | one byte more | core alone on it | 32 restakes | 33 restakes |"
        )
        .unwrap();
        writeln!(w, "|---|---|---:|---:|---:|---|---|---|---|").unwrap();
        for r in self.ok_results() {
            for c in &r.capacity {
                let msgs = |n: usize| {
                    c.messages
                        .iter()
                        .find(|m| m.0 == n)
                        .map(|m| format!("{} bytes: {}", m.1, verdict_text(&m.2)))
                        .unwrap_or_default()
                };
                writeln!(
                    w,
                    "| {} | {} | {} | {} | {} | {} | {} | {} | {} |",
                    r.device,
                    mode_label(c.mode),
                    c.max,
                    c.max_screens,
                    c.probes.len(),
                    verdict_text(&c.over),
                    match &c.over_core {
                        Ok(n) => format!("renders ({n} screens)"),
                        Err(e) => format!("refuses: {e}"),
                    },
                    msgs(32),
                    msgs(33),
                )
                .unwrap();
            }
        }
        writeln!(w).unwrap();
        writeln!(
            w,
            "A memo this long is for measuring only: chains keep memos short (Cosmos SDK's \
             default `max_memo_characters` is 256); real documents grow with messages, which have \
             no cap in the core (32 until the streaming decoder: the last two columns show \
             32 and 33 restakes, both accepted now)."
        )
        .unwrap();
        writeln!(w).unwrap();

        // Round trips.
        writeln!(w, "## Round trips").unwrap();
        writeln!(w).unwrap();
        writeln!(
            w,
            "APDU exchanges of one signature through the host client (`Device::sign_raw`: SIGN \
             init with path and prefix, then the chunks), counted by an `Exchange` wrapper around \
             the Speculos transport (at 250 bytes in the timed signatures; at 255 bytes up to the \
             review's first page, after which no exchange comes until the signature, then the \
             review is abandoned). `Device::sign_tx` reads the public key first: one exchange \
             more."
        )
        .unwrap();
        writeln!(w).unwrap();
        writeln!(w, "| transaction | mode | sign doc (bytes) | exchanges, 250-byte chunks | exchanges, 255-byte chunks | devices |").unwrap();
        writeln!(w, "|---|---|---:|---:|---:|---|").unwrap();
        let first: Vec<&Timing> =
            self.ok_results().next().map(|r| r.timings.iter().collect()).unwrap_or_default();
        for t in first {
            let same: Vec<String> = self
                .ok_results()
                .filter(|r| {
                    r.timings.iter().any(|u| {
                        u.name == t.name
                            && u.mode == t.mode
                            && u.size == t.size
                            && u.runs.iter().all(|x| x.exchanges == t.runs[0].exchanges)
                            && u.exchanges_255 == t.exchanges_255
                    })
                })
                .map(|r| r.device.to_string())
                .collect();
            let all = same.len() == self.ok_results().count();
            writeln!(
                w,
                "| {} | {} | {} | {} | {} | {} |",
                t.name,
                mode_label(t.mode),
                t.size,
                t.runs.first().map(|r| r.exchanges).unwrap_or(0),
                t.exchanges_255,
                if all { "all, the same".to_string() } else { same.join(", ") },
            )
            .unwrap();
        }
        writeln!(w).unwrap();

        // Device work.
        writeln!(w, "## Device work (host build of the core, callgrind)").unwrap();
        writeln!(w).unwrap();
        if self.core.rows.is_empty() {
            writeln!(w, "Not measured: {}.", self.core.missing.as_deref().unwrap_or("no figures"))
                .unwrap();
        } else {
            writeln!(
                w,
                "From scripts/bench-core.sh (core/examples/bench_decode.rs: instructions of one \
                 decode + render under valgrind callgrind, built like the app but for x86_64; \
                 peak stack of that call measured natively). Its transactions are fixed sign docs \
                 of its own (the same messages as the restakes above, another sender), hence \
                 slightly different sizes."
            )
            .unwrap();
            writeln!(w).unwrap();
            writeln!(
                w,
                "| transaction | mode | sign doc (bytes) | screens | decode | render | decode + render | per KiB | per screen | host peak stack (bytes) | SHA-256 of the doc (estimate) |"
            )
            .unwrap();
            writeln!(w, "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|").unwrap();
            for row in &self.core.rows {
                writeln!(
                    w,
                    "| {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} |",
                    row.tx,
                    row.mode,
                    row.bytes,
                    row.screens,
                    row.decode.map(thousands).unwrap_or_else(|| "–".into()),
                    row.render.map(thousands).unwrap_or_else(|| "–".into()),
                    thousands(row.instructions),
                    thousands(row.instructions * 1024 / row.bytes.max(1)),
                    thousands(row.instructions / row.screens.max(1)),
                    row.peak_stack,
                    match &self.core.sha256_per_kib {
                        Ok(k) => thousands((k * row.bytes as f64 / 1024.0) as u64),
                        Err(_) => "–".into(),
                    }
                )
                .unwrap();
            }
            writeln!(w).unwrap();
        }
        match &self.core.sha256_per_kib {
            Ok(k) => writeln!(
                w,
                "SHA-256: about {} instructions per KiB (software SHA-256 of GNU coreutils' \
                 `sha256sum` under callgrind on this machine, marginal cost between a 1 KiB and \
                 a 33 KiB input). The app hashes with the OS's `cx` SHA-256 (a syscall that \
                 Speculos runs natively, outside the emulated CPU), so this is an order of \
                 magnitude to set against the decode figures per KiB, not the device's figure.",
                thousands(*k as u64)
            )
            .unwrap(),
            Err(e) => writeln!(w, "SHA-256: not measured ({e}).").unwrap(),
        }
        writeln!(w).unwrap();

        // End to end.
        writeln!(w, "## End to end in Speculos").unwrap();
        writeln!(w).unwrap();
        writeln!(
            w,
            "Wall time from the first APDU out to the signature back, through the host client \
             (250-byte chunks), with the review approved automatically: the review is walked in \
             bursts of next-page inputs sent without Speculos' per-input 0.1 s waits, reading the \
             screen between bursts, and the harness approves on the decision page (Nanos: both \
             buttons; touch screens: \"Hold to sign\" held 1.5 s). Each signature is verified. \
             **Speculos emulates the CPU: compare these between builds on one machine; they are \
             not device timings.** \"To review\" is the part up to the first review page on \
             screen (transfer, decode, and the dry run of the review); \"approval → signature\" \
             starts with the harness' approval input (touch screens: the 1.5 s hold included). \
             The first run of each largest document is the capacity search's signature; the \
             largest DIRECT document gets {} run(s) (`--largest-direct-runs`): its review of some \
             165 screens is by far the longest to walk. {} \
             devices were measured at a time (`--jobs`), each with its own Speculos: they share \
             the machine's {} cores, so compare runs made with the same settings.",
            self.config.largest_direct_runs,
            self.jobs,
            machine()["nproc"]
        )
        .unwrap();
        writeln!(w).unwrap();
        writeln!(
            w,
            "| device | transaction | mode | bytes | screens | runs | median (s) | min–max (s) | spread | to review, median (s) | approval → signature, median (s) |"
        )
        .unwrap();
        writeln!(w, "|---|---|---|---:|---:|---:|---:|---|---:|---:|---:|").unwrap();
        for r in self.ok_results() {
            for t in &r.timings {
                let totals: Vec<Duration> = t.runs.iter().map(|r| r.total).collect();
                let (med, min, max) = stats(&totals);
                let (rev, _, _) = stats(&t.runs.iter().map(|r| r.to_review).collect::<Vec<_>>());
                let (app, _, _) =
                    stats(&t.runs.iter().map(|r| r.approve_to_signature).collect::<Vec<_>>());
                writeln!(
                    w,
                    "| {} | {} | {} | {} | {} | {} | {:.2} | {:.2}–{:.2} | {:.0} % | {:.2} | {:.2} |",
                    r.device,
                    t.name,
                    mode_label(t.mode),
                    t.size,
                    t.screens,
                    t.runs.len(),
                    med,
                    min,
                    max,
                    if med > 0.0 { 100.0 * (max - min) / med } else { 0.0 },
                    rev,
                    app,
                )
                .unwrap();
            }
        }
        writeln!(w).unwrap();
        writeln!(w, "## Reproduce").unwrap();
        writeln!(w).unwrap();
        writeln!(
            w,
            "    make bench      # scripts/bench.sh: release and stack_probe ELFs, bench-core.sh, then this report"
        )
        .unwrap();
        writeln!(w).unwrap();
        writeln!(
            w,
            "`scripts/bench.sh --devices flex --runs 3` for a quick look (the report then covers \
             only what ran). Speculos logs: `target/speculos-logs/bench*`."
        )
        .unwrap();
        o
    }

    pub fn json(&self) -> Value {
        let devices: Vec<Value> = self
            .results
            .iter()
            .map(|(d, r)| match r {
                Err(e) => json!({"device": d.to_string(), "error": e}),
                Ok(r) => json!({
                    "device": r.device.to_string(),
                    "release_elf": r.release_elf.to_string_lossy(),
                    "probe_elf": r.probe_elf.to_string_lossy(),
                    "sizes": r.sizes.to_json(),
                    "flash_target_bytes": FLASH_TARGET,
                    "flash_target_met": r.sizes.flash <= FLASH_TARGET,
                    "stack": stack_report::to_json(&r.stack, &r.probe_elf, &self.stack_run),
                    "capacity": r.capacity.iter().map(|c| json!({
                        "mode": mode_label(c.mode),
                        "largest_accepted_bytes": c.max,
                        "largest_screens": c.max_screens,
                        "target_bytes": CAPACITY_TARGET,
                        "target_met": c.max >= CAPACITY_TARGET,
                        "family_smallest_bytes": c.base,
                        "one_byte_more": verdict_json(&c.over),
                        "one_byte_more_core_alone": match &c.over_core { Ok(n) => json!({"renders": true, "screens": n}), Err(e) => json!({"renders": false, "refusal": e}) },
                        "messages": c.messages.iter().map(|m| json!({"messages": m.0, "bytes": m.1, "verdict": verdict_json(&m.2)})).collect::<Vec<_>>(),
                        "probes": c.probes.iter().map(|p| json!({"bytes": p.size, "verdict": verdict_json(&p.verdict), "seconds": secs(p.took)})).collect::<Vec<_>>(),
                    })).collect::<Vec<_>>(),
                    "timings": r.timings.iter().map(|t| {
                        let (med, min, max) = stats(&t.runs.iter().map(|r| r.total).collect::<Vec<_>>());
                        json!({
                            "transaction": t.name,
                            "mode": mode_label(t.mode),
                            "sign_doc_bytes": t.size,
                            "screens": t.screens,
                            "exchanges_250": t.runs.first().map(|r| r.exchanges),
                            "exchanges_255": t.exchanges_255,
                            "median_s": med, "min_s": min, "max_s": max,
                            "runs_250": t.runs.iter().map(run_json).collect::<Vec<_>>(),
                        })
                    }).collect::<Vec<_>>(),
                    "speculos_restarts": r.restarts,
                    "seconds": secs(r.took),
                }),
            })
            .collect();
        json!({
            "issue": 7,
            "machine": machine(),
            "config": {"jobs": self.jobs, "runs": self.config.runs, "largest_direct_runs": self.config.largest_direct_runs, "modes": MODES.iter().map(|m| mode_label(*m)).collect::<Vec<_>>()},
            "targets": {
                "flash_bytes_max": FLASH_TARGET,
                "stack_high_water_percent_max": STACK_TARGET_PERCENT,
                "sign_doc_bytes_min": CAPACITY_TARGET,
                "decode_render_one_msg_instructions_max": DECODE_1_TARGET,
                "decode_render_ten_over_one_max": DECODE_10_RATIO_TARGET,
            },
            "sign_buffer_bytes": sign_buffer_bytes(),
            "heap_size_setting": heap_size_setting(),
            "devices": devices,
            "core": {
                "source": "scripts/bench-core.sh",
                "missing": self.core.missing,
                "rows": self.core.rows.iter().map(|r| json!({
                    "transaction": r.tx, "mode": r.mode, "sign_doc_bytes": r.bytes, "screens": r.screens,
                    "decode_instructions": r.decode, "render_instructions": r.render,
                    "instructions": r.instructions, "instructions_per_kib": r.instructions * 1024 / r.bytes.max(1),
                    "host_peak_stack_bytes": r.peak_stack,
                })).collect::<Vec<_>>(),
                "sha256_instructions_per_kib": self.core.sha256_per_kib.as_ref().ok(),
                "sha256_note": match &self.core.sha256_per_kib { Ok(_) => "software SHA-256 (coreutils sha256sum) under callgrind, marginal cost; an order of magnitude, not the device's cx SHA-256".to_string(), Err(e) => e.clone() },
            },
            "stack_run": self.stack_run.to_json(),
            "seconds": secs(self.took),
            "loadavg_start": self.load_start,
            "loadavg_end": loadavg(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn core_tables_old_and_new() {
        let old = "| transaction | sign mode | sign doc (bytes) | screens | instructions (decode + render) | peak stack (bytes) |\n\
                   |---|---|---:|---:|---:|---:|\n\
                   | restake-1 | DIRECT | 292 | 4 | 45,888 | 4928 |\n";
        let new = "| transaction | sign mode | sign doc (bytes) | screens | decode (instr.) | render (instr.) | decode + render (instr.) | peak stack (bytes) |\n\
                   |---|---|---:|---:|---:|---:|---:|---:|\n\
                   | restake-1 | DIRECT | 292 | 4 | 13,083 | 32,627 | 45,892 | 4928 |\n";
        let o = parse_core_table(old);
        assert_eq!(o.len(), 1);
        assert_eq!((o[0].instructions, o[0].decode, o[0].peak_stack), (45_888, None, 4928));
        let n = parse_core_table(new);
        assert_eq!(n.len(), 1);
        assert_eq!((n[0].tx.as_str(), n[0].mode.as_str()), ("restake-1", "DIRECT"));
        assert_eq!(
            (
                n[0].bytes,
                n[0].screens,
                n[0].decode,
                n[0].render,
                n[0].instructions,
                n[0].peak_stack
            ),
            (292, 4, Some(13_083), Some(32_627), 45_892, 4928)
        );
    }
}
