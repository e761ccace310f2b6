//! `make bench` (scripts/bench.sh builds the ELFs, then runs this): size, memory,
//! capacity, round trips and timings of the MilkyWay app on every device (issue 7),
//! written to docs/bench-report.md and docs/bench-report.json.
//!
//!   bench [--devices nanosp,nanox,stax,flex,apex_p] [--runs N] [--largest-direct-runs N]
//!         [--jobs N] [--core-table FILE] [--probe-ready DIR] [--out PREFIX] [--only stack]
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
mod stack_report;

use std::collections::VecDeque;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::Instant;

use milkyway_e2e::Device;

use measure::{Config, DeviceResult};

/// Each device's result (or why it has none), in the order they finish.
type Results<T> = Arc<Mutex<Vec<(Device, Result<T, String>)>>>;

struct Args {
    devices: Vec<Device>,
    config: Config,
    jobs: usize,
    core_table: Option<PathBuf>,
    out: PathBuf,
}

fn usage() -> &'static str {
    "usage: bench [--devices nanosp,nanox,stax,flex,apex_p] [--runs N] [--largest-direct-runs N] \
     [--jobs N] [--core-table FILE] [--probe-ready DIR] [--out PREFIX] [--only stack]"
}

fn parse_args() -> Result<Args, String> {
    let mut a = Args {
        devices: Device::ALL.to_vec(),
        config: Config { runs: 5, largest_direct_runs: 1, probe_ready: None, only_stack: false },
        jobs: 5,
        core_table: None,
        out: milkyway_e2e::paths::repo_root().join("docs/bench-report"),
    };
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
            "--probe-ready" => a.config.probe_ready = Some(PathBuf::from(value()?)),
            "--out" => a.out = PathBuf::from(value()?),
            "--only" => match value()?.as_str() {
                "stack" => a.config.only_stack = true,
                other => {
                    return Err(format!("--only {other}: only `--only stack` exists\n{}", usage()))
                }
            },
            "-h" | "--help" => return Err(usage().to_string()),
            other => return Err(format!("unknown argument {other}\n{}", usage())),
        }
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

    let core = report::core_figures(args.core_table.as_deref());
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
    if let Err(e) = std::fs::write(&md, r.markdown()).and_then(|_| {
        std::fs::write(&json, serde_json::to_string_pretty(&r.json()).unwrap() + "\n")
    }) {
        eprintln!("bench: cannot write the report: {e}");
        return ExitCode::FAILURE;
    }
    eprintln!("bench: wrote {} and {} in {:.0?}", md.display(), json.display(), t0.elapsed());
    if results.iter().any(|(_, r)| r.is_err()) {
        eprintln!("bench: some devices failed (see the report)");
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}
