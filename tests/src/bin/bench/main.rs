//! `make bench` (scripts/bench.sh builds the ELFs, then runs this): size, memory,
//! capacity, round trips and timings of the MilkyWay app on every device (issue 7),
//! written to docs/bench-report.md and docs/bench-report.json.
//!
//!   bench [--devices nanosp,nanox,stax,flex,apex_p] [--runs N] [--largest-direct-runs N]
//!         [--jobs N] [--core-table FILE] [--core-failed WHY] [--probe-ready DIR] [--out PREFIX] [--only stack|side]
//!         [--cosmos DIR] [--side-devices nanosp,flex] [--side-runs N] [--side-max-messages N]
//!
//! `--cosmos DIR` (scripts/cosmos-app.sh's output: `<target>/app.elf`, `VERSION`) adds
//! the side-by-side with the Cosmos app (side.rs) on `--side-devices` (default: those of
//! `--devices` with a Cosmos ELF in DIR), after the rest. `--only side` runs it alone and
//! puts its section into the existing report (the rest stays as the last run wrote it).
//!
//! `--only stack` runs the stack high-water session alone (the stack_probe ELFs) and
//! merges it into the existing report: the stack section and the summary's stack column
//! of PREFIX.md, the devices' `stack` and `stack_run` of PREFIX.json; everything else
//! stays as the last full run wrote it.
//!
//! Each device runs on its own thread with its own Speculos processes (own 127.0.0.1
//! ports, through the harness), `--jobs` devices at a time (default all five: most of the
//! time goes into waiting on Speculos' screens, and the touch screens' reviews set the
//! pace).

mod docs;
mod elf;
mod measure;
mod report;
mod session;
mod side;
mod stack_report;

use std::collections::VecDeque;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::Instant;

use milkyway_e2e::Device;

use measure::{Config, DeviceResult};

/// The side-by-side's result per device (or why it has none).
type SideResults = Vec<(Device, Result<side::DeviceSide, String>)>;

/// Each device's result (or why it has none), in the order they finish.
type Results<T> = Arc<Mutex<Vec<(Device, Result<T, String>)>>>;

struct Args {
    devices: Vec<Device>,
    config: Config,
    jobs: usize,
    core_table: Option<PathBuf>,
    /// Why scripts/bench-core.sh gave no table (it failed), for the report.
    core_failed: Option<String>,
    out: PathBuf,
    side: Option<side::SideConfig>,
    side_devices: Option<Vec<Device>>,
    only_side: bool,
}

fn usage() -> &'static str {
    "usage: bench [--devices nanosp,nanox,stax,flex,apex_p] [--runs N] [--largest-direct-runs N] \
     [--jobs N] [--core-table FILE] [--core-failed WHY] [--probe-ready DIR] [--out PREFIX] [--only stack|side] \
     [--cosmos DIR] [--side-devices nanosp,flex] [--side-runs N] [--side-max-messages N]"
}

fn parse_args() -> Result<Args, String> {
    let mut a = Args {
        devices: Device::ALL.to_vec(),
        config: Config { runs: 5, largest_direct_runs: 1, probe_ready: None, only_stack: false },
        jobs: 5,
        core_table: None,
        core_failed: None,
        out: milkyway_e2e::paths::repo_root().join("docs/bench-report"),
        side: None,
        side_devices: None,
        only_side: false,
    };
    let mut side_runs = 3;
    let mut side_max_messages = 200;
    let mut it = std::env::args().skip(1);
    while let Some(arg) = it.next() {
        let mut value = || it.next().ok_or_else(|| format!("{arg} needs a value\n{}", usage()));
        let number = |v: String| v.parse::<usize>().map_err(|e| format!("{arg} {v}: {e}"));
        match arg.as_str() {
            "--devices" => {
                a.devices = value()?
                    .split(',')
                    .map(|d| d.trim().parse::<Device>())
                    .collect::<Result<_, _>>()?
            }
            "--runs" => a.config.runs = number(value()?)?.max(1),
            "--largest-direct-runs" => a.config.largest_direct_runs = number(value()?)?,
            "--jobs" => a.jobs = number(value()?)?.max(1),
            "--core-table" => a.core_table = Some(PathBuf::from(value()?)),
            "--core-failed" => a.core_failed = Some(value()?),
            "--probe-ready" => a.config.probe_ready = Some(PathBuf::from(value()?)),
            "--out" => a.out = PathBuf::from(value()?),
            "--only" => match value()?.as_str() {
                "stack" => a.config.only_stack = true,
                "side" => a.only_side = true,
                other => {
                    return Err(format!(
                        "--only {other}: `--only stack` or `--only side`\n{}",
                        usage()
                    ))
                }
            },
            "--cosmos" => {
                a.side = Some(side::SideConfig {
                    cosmos_dir: PathBuf::from(value()?),
                    runs: 3,
                    max_messages: 200,
                })
            }
            "--side-devices" => {
                a.side_devices = Some(
                    value()?
                        .split(',')
                        .map(|d| d.trim().parse::<Device>())
                        .collect::<Result<_, _>>()?,
                )
            }
            "--side-runs" => side_runs = number(value()?)?.max(1),
            "--side-max-messages" => side_max_messages = number(value()?)?.max(2),
            "-h" | "--help" => return Err(usage().to_string()),
            other => return Err(format!("unknown argument {other}\n{}", usage())),
        }
    }
    if let Some(s) = a.side.as_mut() {
        s.runs = side_runs;
        s.max_messages = side_max_messages;
    }
    if a.only_side && a.side.is_none() {
        return Err(format!("--only side needs --cosmos DIR\n{}", usage()));
    }
    Ok(a)
}

/// Runs `f` for each device on worker threads, `jobs` at a time; each keeps its Speculos
/// on its thread. The touch screens first: their reviews are the slowest to walk in
/// Speculos, so starting them first ends the whole run soonest. Results in the order of
/// `devices`.
fn on_devices<T: Send + 'static>(
    devices: &[Device],
    jobs: usize,
    f: impl Fn(Device) -> Result<T, String> + Send + Sync + 'static,
) -> Vec<(Device, Result<T, String>)> {
    let mut order = devices.to_vec();
    order.sort_by_key(|d| d.is_nano());
    let queue = Arc::new(Mutex::new(order.into_iter().collect::<VecDeque<_>>()));
    let results: Results<T> = Arc::new(Mutex::new(Vec::new()));
    let f = Arc::new(f);
    let workers: Vec<_> = (0..jobs.min(devices.len()))
        .map(|_| {
            let queue = queue.clone();
            let results = results.clone();
            let f = f.clone();
            thread::spawn(move || loop {
                let Some(device) = queue.lock().unwrap().pop_front() else {
                    break;
                };
                // A panic (a bug of the benchmark) fails this device only; its Speculos
                // processes are stopped as the panic unwinds.
                let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| f(device)))
                    .unwrap_or_else(|p| {
                        Err(p
                            .downcast_ref::<String>()
                            .cloned()
                            .or_else(|| p.downcast_ref::<&str>().map(|s| s.to_string()))
                            .unwrap_or_else(|| "panicked".into()))
                    });
                if let Err(e) = &r {
                    eprintln!("[bench {device}] FAILED: {e}");
                }
                results.lock().unwrap().push((device, r));
            })
        })
        .collect();
    for w in workers {
        let _ = w.join();
    }
    let mut results = std::mem::take(&mut *results.lock().unwrap());
    results.sort_by_key(|(d, _)| devices.iter().position(|x| x == d));
    results
}

/// The side-by-side with the Cosmos app on its devices (both apps on a device one after
/// the other; devices `jobs` at a time).
fn run_side(args: &Args) -> Option<(SideResults, side::SideRun)> {
    let cfg = args.side.clone()?;
    let devices: Vec<Device> = match &args.side_devices {
        Some(d) => d.clone(),
        None => {
            args.devices.iter().copied().filter(|d| side::cosmos_elf(&cfg, *d).exists()).collect()
        }
    };
    let t0 = Instant::now();
    let load_start = report::loadavg();
    let c = cfg.clone();
    let results = on_devices(&devices, args.jobs, move |d| side::measure(d, &c));
    let m = report::machine();
    let run = side::SideRun {
        version: side::cosmos_version(&cfg.cosmos_dir),
        runs: cfg.runs,
        max_messages: cfg.max_messages,
        date: m["date"].as_str().unwrap_or("?").to_string(),
        commit: m["commit"].as_str().unwrap_or("?").chars().take(12).collect(),
        took: t0.elapsed(),
        load_start,
        load_end: report::loadavg(),
    };
    Some((results, run))
}

fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("bench: {e}");
            return ExitCode::from(2);
        }
    };
    let t0 = Instant::now();
    let load_start = report::loadavg();
    let jobs = args.jobs.min(args.devices.len());
    let md = args.out.with_extension("md");
    let json = args.out.with_extension("json");

    if args.only_side {
        let Some((side, run)) = run_side(&args) else {
            return ExitCode::from(2);
        };
        let merged = std::fs::read_to_string(&md)
            .map_err(|e| format!("{}: {e} (run make bench first)", md.display()))
            .and_then(|text| {
                let j = std::fs::read_to_string(&json)
                    .map_err(|e| format!("{}: {e}", json.display()))?;
                let mut v: serde_json::Value =
                    serde_json::from_str(&j).map_err(|e| format!("{}: {e}", json.display()))?;
                v["side_by_side"] = side::json(&side, &run);
                std::fs::write(&md, side::merge_markdown(&text, &side::markdown(&side, &run)))
                    .and_then(|_| {
                        std::fs::write(&json, serde_json::to_string_pretty(&v).unwrap() + "\n")
                    })
                    .map_err(|e| e.to_string())
            });
        if let Err(e) = merged {
            eprintln!("bench: {e}");
            return ExitCode::FAILURE;
        }
        eprintln!("bench: merged the side-by-side into {} and {}", md.display(), json.display());
        return if side.iter().any(|(_, r)| r.is_err()) {
            ExitCode::FAILURE
        } else {
            ExitCode::SUCCESS
        };
    }

    if args.config.only_stack {
        let cfg = args.config.clone();
        let stacks = on_devices(&args.devices, args.jobs, move |d| measure::measure_stack(d, &cfg));
        let run = stack_report::StackRun::now(
            stack_report::RunKind::StackOnly,
            jobs,
            &load_start,
            t0.elapsed(),
        );
        if let Err(e) = stack_report::merge(&md, &json, &stacks, &run) {
            eprintln!("bench: {e}");
            return ExitCode::FAILURE;
        }
        eprintln!(
            "bench: merged the stack measurements into {} and {} in {:.0?}",
            md.display(),
            json.display(),
            t0.elapsed()
        );
        if stacks.iter().any(|(_, r)| r.is_err()) {
            eprintln!("bench: some devices failed (see the report)");
            return ExitCode::FAILURE;
        }
        return ExitCode::SUCCESS;
    }

    let cfg = args.config.clone();
    let results: Vec<(Device, Result<DeviceResult, String>)> =
        on_devices(&args.devices, args.jobs, move |d| measure::measure(d, &cfg));

    let side = run_side(&args);

    let mut core = report::core_figures(args.core_table.as_deref());
    if let (None, Some(why)) = (&args.core_table, &args.core_failed) {
        core.missing = Some(why.clone());
    }
    let r = report::Report {
        results: &results,
        load_start: load_start.clone(),
        config: &args.config,
        jobs,
        core: &core,
        took: t0.elapsed(),
        stack_run: stack_report::StackRun::now(
            stack_report::RunKind::Full,
            jobs,
            &load_start,
            t0.elapsed(),
        ),
    };
    let mut text = r.markdown();
    let mut value = r.json();
    if let Some((side, run)) = &side {
        text = side::merge_markdown(&text, &side::markdown(side, run));
        value["side_by_side"] = side::json(side, run);
    }
    if let Err(e) = std::fs::write(&md, text)
        .and_then(|_| std::fs::write(&json, serde_json::to_string_pretty(&value).unwrap() + "\n"))
    {
        eprintln!("bench: cannot write the report: {e}");
        return ExitCode::FAILURE;
    }
    eprintln!("bench: wrote {} and {} in {:.0?}", md.display(), json.display(), t0.elapsed());
    let side_failed = side.as_ref().is_some_and(|(s, _)| s.iter().any(|(_, r)| r.is_err()));
    if results.iter().any(|(_, r)| r.is_err()) || side_failed {
        eprintln!("bench: some devices failed (see the report)");
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}
