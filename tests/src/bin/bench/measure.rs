//! Everything measured on one device: sizes of the release ELF; in Speculos with the
//! release ELF the capacity search, round trips and timings; with the stack_probe ELF
//! the stack high-water mark.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use milkyway_e2e::Device;
use milkyway_ledger::client::{DEFAULT_CHUNK_SIZE, MAX_CHUNK_SIZE};
use milkyway_ledger::preview;
use milkyway_ledger::tx::SignMode;

use crate::docs;
use crate::elf::{self, Sizes};
use crate::session::{Result, Run, Session, Verdict};

pub const MODES: [SignMode; 2] = [SignMode::Direct, SignMode::AminoJson];

/// Where the search starts looking for a refused size (doubled while accepted).
pub const SEARCH_HIGH: usize = 64 * 1024;
/// The largest document the search tries before it gives up.
pub const SEARCH_LIMIT: usize = 1024 * 1024;

#[derive(Clone, Debug)]
pub struct Config {
    pub runs: usize,
    /// Timed runs of the largest DIRECT document (its review is some 160 screens).
    pub largest_direct_runs: usize,
    /// Where scripts/bench.sh marks each stack_probe ELF built (`probe-<target>.ok` or
    /// `.failed`) while the release measurements run; `None`: the ELFs are there.
    pub probe_ready: Option<PathBuf>,
    /// `--only stack`: the stack session alone (the largest documents at the sign
    /// buffer's size instead of the capacity search's result).
    pub only_stack: bool,
}

/// One probe of the capacity search.
#[derive(Clone, Debug)]
pub struct Probe {
    pub size: usize,
    pub verdict: Verdict,
    pub took: Duration,
}

/// The capacity of one sign mode.
#[derive(Clone, Debug)]
pub struct Capacity {
    pub mode: SignMode,
    /// The document family's smallest member (one restake, empty memo).
    pub base: usize,
    pub probes: Vec<Probe>,
    /// The largest size with a review; signed with approval and verified.
    pub max: usize,
    /// That signature, timed (the first timed run of the largest document).
    pub max_run: Run,
    /// The device's verdict on one byte more.
    pub over: Verdict,
    /// The host preview (the device's own core) on that document: its screens, or its
    /// refusal, i.e. whether the core alone would have taken it.
    pub over_core: std::result::Result<usize, String>,
    /// Screens of the largest document.
    pub max_screens: usize,
    /// Around the core's former message limit (32; none now): (messages, document size,
    /// verdict), for 32 and 33 restakes.
    pub messages: Vec<(usize, usize, Verdict)>,
}

/// Timings and round trips of one transaction in one mode.
#[derive(Clone, Debug)]
pub struct Timing {
    pub name: String,
    pub mode: SignMode,
    pub size: usize,
    pub screens: usize,
    /// Runs at 250-byte chunks.
    pub runs: Vec<Run>,
    /// Exchanges at 255-byte chunks.
    pub exchanges_255: usize,
}

/// A document signed in a stack step.
#[derive(Clone, Debug)]
pub struct StackDoc {
    pub mode: SignMode,
    pub bytes: usize,
    /// Screens of its review (the host preview: the device's own core).
    pub screens: usize,
}

/// One step of the stack session: a freshly started app, then (but for the idle step)
/// one document signed with the review approved, the signature verified.
#[derive(Clone, Debug)]
pub struct StackStep {
    /// What the step is, the same on every device (the report's row label).
    pub what: String,
    pub doc: Option<StackDoc>,
    /// The deepest stack use since the app started, read after the step.
    pub high_water: u32,
}

#[derive(Clone, Debug)]
pub struct Stack {
    pub size: u32,
    pub steps: Vec<StackStep>,
}

impl Stack {
    pub fn high_water(&self) -> u32 {
        self.steps.iter().map(|m| m.high_water).max().unwrap_or(0)
    }
    pub fn percent(&self) -> f64 {
        100.0 * self.high_water() as f64 / self.size.max(1) as f64
    }
}

#[derive(Clone, Debug)]
pub struct DeviceResult {
    pub device: Device,
    pub release_elf: PathBuf,
    pub probe_elf: PathBuf,
    pub sizes: Sizes,
    pub capacity: Vec<Capacity>,
    pub timings: Vec<Timing>,
    /// The stack_probe session (a failure there keeps the other figures).
    pub stack: Result<Stack>,
    pub took: Duration,
    pub restarts: usize,
}

pub fn probe_elf(device: Device) -> PathBuf {
    milkyway_e2e::paths::repo_root()
        .join("app/target")
        .join(device.target())
        .join("probe/milkyway-ledger-app")
}

fn log(device: Device, t0: Instant, what: &str) {
    eprintln!("[bench {:>6.1}s {device}] {what}", t0.elapsed().as_secs_f64());
}

fn screens(bytes: &[u8], mode: SignMode, own: &str) -> Result<usize> {
    preview::screens(bytes, mode, false, Some(own)).map(|s| s.len()).map_err(|e| e.to_string())
}

pub fn measure(device: Device, cfg: &Config) -> Result<DeviceResult> {
    let t0 = Instant::now();
    let release_elf = milkyway_e2e::paths::app_elf(device);
    let probe_elf = probe_elf(device);
    let sizes = elf::sizes(&release_elf)?;
    log(device, t0, &format!("flash {} bytes, stack reserve {}", sizes.flash, sizes.stack));

    let mut s = Session::start(device, release_elf.clone(), "bench")?;
    let own = s.key.address.clone();
    let pk = s.key.public_key;

    // Capacity, each mode.
    let mut capacity = Vec::new();
    for mode in MODES {
        let c = search(&mut s, mode, t0)?;
        log(
            device,
            t0,
            &format!(
                "{}: largest document {} bytes ({} probes)",
                mode.name(),
                c.max,
                c.probes.len()
            ),
        );
        capacity.push(c);
    }

    // Round trips and timings.
    let one = docs::restakes(&own, 1);
    let ten = docs::restakes(&own, 10);
    let mut timings = Vec::new();
    for (name, msgs) in [("restake-1", &one), ("restake-10", &ten), ("largest", &one)] {
        for mode in MODES {
            let mut runs = Vec::new();
            let mut n = cfg.runs;
            let bytes = if name == "largest" {
                let c = capacity.iter().find(|c| c.mode == mode).ok_or("no capacity")?;
                // The capacity search's signature is the first run.
                runs.push(c.max_run);
                if mode == SignMode::Direct {
                    n = cfg.largest_direct_runs;
                }
                docs::sized(msgs, mode, &pk, c.max)
            } else {
                docs::sign_bytes(&docs::tx(msgs, String::new()), mode, &pk)
            };
            while runs.len() < n {
                runs.push(s.sign(mode, &bytes, DEFAULT_CHUNK_SIZE)?);
            }
            let exchanges_255 = s.count_exchanges(mode, &bytes, MAX_CHUNK_SIZE)?;
            log(
                device,
                t0,
                &format!(
                    "{name} {} ({} bytes): {} runs, {} exchanges at 250, {} at 255",
                    mode.name(),
                    bytes.len(),
                    runs.len(),
                    runs.first().map(|r| r.exchanges).unwrap_or(0),
                    exchanges_255
                ),
            );
            timings.push(Timing {
                name: name.to_string(),
                mode,
                size: bytes.len(),
                screens: screens(&bytes, mode, &own)?,
                runs,
                exchanges_255,
            });
        }
    }
    let restarts = s.restarts;
    drop(s);

    // Stack high-water mark, stack_probe build.
    let largest: Vec<(SignMode, usize)> = capacity.iter().map(|c| (c.mode, c.max)).collect();
    let stack = wait_probe_elf(device, cfg, t0)
        .and_then(|()| stack_session(device, &probe_elf, &largest, t0));
    if let Err(e) = &stack {
        log(device, t0, &format!("stack: FAILED: {e}"));
    }

    Ok(DeviceResult {
        device,
        release_elf,
        probe_elf,
        sizes,
        capacity,
        timings,
        stack,
        took: t0.elapsed(),
        restarts,
    })
}

/// Waits until scripts/bench.sh has built the device's stack_probe ELF.
fn wait_probe_elf(device: Device, cfg: &Config, t0: Instant) -> Result<()> {
    let Some(dir) = &cfg.probe_ready else {
        return Ok(());
    };
    let ok = dir.join(format!("probe-{}.ok", device.target()));
    let failed = dir.join(format!("probe-{}.failed", device.target()));
    let deadline = Instant::now() + Duration::from_secs(30 * 60);
    let mut said = false;
    loop {
        if ok.exists() {
            return Ok(());
        }
        if failed.exists() {
            return Err(format!(
                "the stack_probe build failed (see {})",
                dir.join("probe-build.log").display()
            ));
        }
        if Instant::now() > deadline {
            return Err("the stack_probe ELF was not built within 30 minutes".into());
        }
        if !said {
            log(device, t0, "waiting for the stack_probe ELF");
            said = true;
        }
        std::thread::sleep(Duration::from_millis(500));
    }
}

/// `--only stack`: the stack session alone, the largest documents at the sign buffer's
/// size (app/src/sign_buffer.rs; the session fails if the device refuses them).
pub fn measure_stack(device: Device, cfg: &Config) -> Result<Stack> {
    let t0 = Instant::now();
    let largest: Vec<(SignMode, usize)> = Vec::new();
    let stack = wait_probe_elf(device, cfg, t0)
        .and_then(|()| stack_session(device, &probe_elf(device), &largest, t0));
    if let Err(e) = &stack {
        log(device, t0, &format!("stack: FAILED: {e}"));
    }
    stack
}

/// The documents of the stack session, in order: what each is, its mode and sign bytes.
/// `own` is the signer, `largest` the largest size per mode.
pub fn stack_docs(
    own: &str,
    pk: &[u8; 33],
    largest: &[(SignMode, usize)],
) -> Vec<(String, SignMode, Vec<u8>)> {
    let one = docs::restakes(own, 1);
    let mut out = Vec::new();
    for mode in MODES {
        out.push((
            "restake-1".to_string(),
            mode,
            docs::sign_bytes(&docs::tx(&one, String::new()), mode, pk),
        ));
    }
    // The longest reviews: 200 restakes, whose screens overflow the store on every
    // device (a streamed review).
    let many = docs::restakes(own, 200);
    for mode in MODES {
        out.push((
            "many: 200 restakes (a streamed review)".to_string(),
            mode,
            docs::sign_bytes(&docs::tx(&many, String::new()), mode, pk),
        ));
    }
    // The largest documents: the memo filling the sign buffer (the core shows it in
    // pages; nothing in it recurses).
    for mode in [SignMode::AminoJson, SignMode::Direct] {
        for &(_, size) in largest.iter().filter(|l| l.0 == mode) {
            out.push((
                "largest: a restake, the memo filling the sign buffer".to_string(),
                mode,
                docs::sized(&one, mode, pk, size),
            ));
        }
    }
    // The deepest documents (docs.rs): DIRECT reaches both of the core's nesting limits
    // at once; an Amino JSON document is one JSON document of at most 24 levels, which
    // takes either the deepest contract message or more MsgExec levels.
    let deepest = |execs: usize, depth: usize| {
        format!(
            "deepest: {execs} authz MsgExec around a wasm execute whose message nests {depth} objects deep"
        )
    };
    out.push((
        deepest(docs::MAX_EXECS, docs::MAX_MSG_DEPTH),
        SignMode::Direct,
        docs::deep(own, docs::MAX_EXECS, docs::MAX_MSG_DEPTH, SignMode::Direct, pk),
    ));
    for execs in AMINO_DEEPEST_EXECS {
        let depth = docs::amino_msg_depth(execs);
        out.push((
            deepest(execs, depth),
            SignMode::AminoJson,
            docs::deep(own, execs, depth, SignMode::AminoJson, pk),
        ));
    }
    out
}

/// The Amino JSON deepest documents: the deepest contract message (16 objects, under
/// one MsgExec) and the most MsgExec (5, around a message of 5 objects).
pub const AMINO_DEEPEST_EXECS: [usize; 2] = [1, docs::MAX_EXECS];

/// The stack_probe ELF, one step per document of [`stack_docs`], each in a freshly
/// started app (so the stack is painted anew and each step's mark is its own): idle
/// (the app started, the address read), then each document signed with the review
/// approved and the signature verified, the mark read after it.
fn stack_session(
    device: Device,
    elf: &std::path::Path,
    largest: &[(SignMode, usize)],
    t0: Instant,
) -> Result<Stack> {
    let mut p = Session::start(device, elf.to_path_buf(), "bench_stack")?;
    let own = p.key.address.clone();
    let pk = p.key.public_key;
    let (size, idle) = p.stack()?;
    let mut steps = vec![StackStep {
        what: "idle: the app started, the address read".to_string(),
        doc: None,
        high_water: idle,
    }];
    for (what, mode, bytes) in stack_docs(&own, &pk, largest) {
        let screens = screens(&bytes, mode, &own)?;
        // One more try in a fresh app if the automatic approval loses its way (a
        // swipe lost on a loaded machine); the signature is always verified.
        let mut attempt = 0;
        let high_water = loop {
            attempt += 1;
            p.restart()?;
            match p.sign(mode, &bytes, DEFAULT_CHUNK_SIZE).and_then(|_| p.stack()) {
                Ok((_, mark)) => break mark,
                Err(e) if attempt < 2 => log(
                    device,
                    t0,
                    &format!("stack: {what} ({}): {e}; once more", mode_label(mode)),
                ),
                Err(e) => return Err(format!("{what} ({}): {e}", mode_label(mode))),
            }
        };
        log(
            device,
            t0,
            &format!(
                "stack: {what} ({}, {} bytes, {screens} screens): {high_water} of {size} bytes",
                mode_label(mode),
                bytes.len()
            ),
        );
        steps.push(StackStep {
            what,
            doc: Some(StackDoc { mode, bytes: bytes.len(), screens }),
            high_water,
        });
    }
    Ok(Stack { size, steps })
}

pub fn mode_label(m: SignMode) -> &'static str {
    match m {
        SignMode::Direct => "DIRECT",
        SignMode::AminoJson => "Amino JSON",
        SignMode::Textual => "Textual",
    }
}

/// Binary search (split at three quarters) of the largest document the device takes in
/// `mode`: one restake and a memo sized to the byte ([`docs::sized`]). The predicate is the device's own verdict
/// before any review (the app decodes and dry-runs the whole review before its first
/// page, app/src/handlers/sign.rs): refused with a status word, or the review starts.
/// The bounds are checked too: the smallest document must start a review, and the
/// upper bound must be refused (doubled until it is). The largest size found is then
/// signed with the review approved, and the signature verified.
fn search(s: &mut Session, mode: SignMode, t0: Instant) -> Result<Capacity> {
    let device = s.device;
    let own = s.key.address.clone();
    let pk = s.key.public_key;
    let msgs = docs::restakes(&own, 1);
    let mut probes = Vec::new();
    let mut probe = |s: &mut Session, size: usize| -> Result<Verdict> {
        let bytes = docs::sized(&msgs, mode, &pk, size);
        let t = Instant::now();
        let verdict = s.verdict(mode, &bytes)?;
        probes.push(Probe { size, verdict: verdict.clone(), took: t.elapsed() });
        Ok(verdict)
    };
    let base = docs::base_size(&msgs, mode, &pk);
    if probe(s, base)? != Verdict::Review {
        return Err(format!("{device} {}: the {base}-byte restake is refused", mode.name()));
    }
    let mut lo = base;
    let mut hi = SEARCH_HIGH;
    while probe(s, hi)? == Verdict::Review {
        lo = hi;
        hi *= 2;
        if hi > SEARCH_LIMIT {
            return Err(format!("{device}: a {lo}-byte document is still accepted"));
        }
    }
    while hi - lo > 1 {
        // Three quarters up the interval rather than half way: a refusal costs under a
        // second (no review), an acceptance several (the dry run of the whole review,
        // then a restart), and this split takes about half as many acceptances.
        let mid = (lo + (hi - lo) * 3 / 4).clamp(lo + 1, hi - 1);
        if probe(s, mid)? == Verdict::Review {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    let over = probes
        .iter()
        .rev()
        .find(|p| p.size == hi)
        .map(|p| p.verdict.clone())
        .ok_or("no probe of the refused bound")?;

    // Accepted means signed: approve the largest and verify the signature.
    let max_doc = docs::sized(&msgs, mode, &pk, lo);
    log(device, t0, &format!("{}: signing the {lo}-byte document", mode.name()));
    let max_run = s.sign(mode, &max_doc, DEFAULT_CHUNK_SIZE)?;
    let over_doc = docs::sized(&msgs, mode, &pk, hi);
    let over_core = screens(&over_doc, mode, &own);

    // Around the core's former message limit (32; none now): 32 and 33 restakes, empty memo.
    let mut messages = Vec::new();
    for n in [32, 33] {
        let bytes = docs::sign_bytes(&docs::tx(&docs::restakes(&own, n), String::new()), mode, &pk);
        let v = s.verdict(mode, &bytes)?;
        messages.push((n, bytes.len(), v));
    }
    Ok(Capacity {
        mode,
        base,
        probes,
        max: lo,
        max_run,
        over,
        over_core,
        max_screens: screens(&max_doc, mode, &own)?,
        messages,
    })
}
