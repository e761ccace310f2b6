//! Side by side with the Cosmos app (cosmos/ledger-cosmos, built from source by
//! scripts/cosmos-app.sh): both apps in Speculos on the same device, in the same run, on
//! the same Amino JSON documents, driven the same way: a cosmjs-like client (SIGN init
//! with the path alone, then 250-byte chunks, P1 1 and 2, each awaited; CLA 0x55, INS
//! 0x02, P2 0), the review walked automatically in bursts of next-page inputs and
//! approved on its decision page, the signature verified against the key the app reports.
//!
//! Measured per app: first APDU → first review screen, last chunk → first review screen
//! (negative when the review starts before the last chunk is sent: a streaming review),
//! end to end, on 1, 10 and 46 `MsgSend` and on the largest document each accepts; the
//! most sends in one transaction (binary search over the count) and the largest memo (one
//! send and a memo, binary search over the byte size): the larger of those two documents
//! is the app's largest document; flash and RAM of the ELF.
//!
//! A review counts as started at the first screen that is not the app's home screen
//! (polled every 20 ms): NBGL's standard review ("Review transaction"), a streaming
//! review's first page, a Nano's first review page alike.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use milkyway_e2e::{Button, Device, Screen, Speculos};
use milkyway_ledger::client::HdPath;
use milkyway_ledger::crypto;
use milkyway_ledger::msgs::{coin, cosmos, Msg};
use milkyway_ledger::tx::SignMode;
use serde_json::{json, Value};

use crate::docs;
use crate::session::{self, Result};

/// The Cosmos app's CLA, which this app shares.
const CLA: u8 = 0x55;
const INS_SIGN: u8 = 0x02;
const INS_GET_ADDR: u8 = 0x04;
/// cosmjs, ledger-cosmos-js and ledger-cosmos-go chunk at 250 bytes.
const CHUNK: usize = 250;
/// The shared documents: this many `MsgSend` in one transaction.
pub const SHARED_SENDS: [usize; 3] = [1, 10, 46];
/// Where the byte search stops: a document this large that is accepted is reported as
/// "at least" this.
pub const BYTES_CAP: usize = 64 * 1024;

/// The two apps.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum App {
    MilkyWay,
    Cosmos,
}

impl App {
    pub fn name(self) -> &'static str {
        match self {
            App::MilkyWay => "MilkyWay",
            App::Cosmos => "Cosmos",
        }
    }

    /// The prefix its GET_ADDR is asked for (the Cosmos app refuses `milk`).
    fn hrp(self) -> &'static str {
        match self {
            App::MilkyWay => "milk",
            App::Cosmos => "cosmos",
        }
    }

    /// Its home screen: the app's name with "app is ready" / "Ready" (Nanos) or "Quit
    /// app" (touch screens).
    pub fn is_home(self, s: &Screen) -> bool {
        match self {
            App::MilkyWay => {
                s.contains("MilkyWay") && s.contains_any(&["app is ready", "Quit app"])
            }
            App::Cosmos => s.contains("Cosmos") && s.contains_any(&["Ready", "Quit app"]),
        }
    }

    /// The review page where the harness approves: "Hold to sign" on the touch screens
    /// (NBGL's standard review, both apps); on the Nanos this app's NBGL "Sign
    /// transaction" page, the Cosmos app's "APPROVE" (its BAGL review).
    pub fn at_decision(self, device: Device, s: &Screen) -> bool {
        match (self, device.is_nano()) {
            (App::MilkyWay, _) => session::at_decision(device, s),
            (App::Cosmos, true) => session::first_line(s) == "APPROVE",
            (App::Cosmos, false) => session::has_line(s, "Hold to sign"),
        }
    }
}

/// A document's fate in one app.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// Taken: the review started and the whole document was sent.
    Accepted,
    /// Refused with a status word on SIGN chunk `chunk` (0 = init) and the reply's text.
    Refused { sw: u16, chunk: usize, reason: String },
}

impl Verdict {
    pub fn label(&self) -> String {
        match self {
            Verdict::Accepted => "accepted".into(),
            Verdict::Refused { sw, chunk, reason } if reason.is_empty() => {
                format!("0x{sw:04X} on chunk {chunk}")
            }
            Verdict::Refused { sw, chunk, reason } => {
                format!("0x{sw:04X} on chunk {chunk}: \"{reason}\"")
            }
        }
    }
}

/// One timed signature (or the time to the first screen of an abandoned one).
#[derive(Clone, Copy, Debug)]
pub struct Run {
    /// First APDU out → first review screen.
    pub first_to_review: Duration,
    /// Last chunk out → first review screen, in seconds (negative: the review started
    /// before the last chunk was sent); `None` when a run abandoned at the first screen
    /// never sent its last chunk (a streaming review holds a reply before it).
    pub last_to_review: Option<f64>,
    /// First APDU out → signature back, the review walked and approved automatically;
    /// `None` for a run abandoned at the first screen.
    pub total: Option<Duration>,
    /// The harness' approval input (its start) → signature back.
    pub approve_to_signature: Option<Duration>,
}

/// A document measured in one app.
#[derive(Clone, Debug)]
pub struct DocResult {
    pub name: String,
    pub bytes: usize,
    pub messages: usize,
    /// Refused: why (no runs then).
    pub refused: Option<Verdict>,
    pub runs: Vec<Run>,
}

impl DocResult {
    pub fn median_first(&self) -> Option<f64> {
        median(self.runs.iter().map(|r| r.first_to_review.as_secs_f64()).collect())
    }
    pub fn median_last(&self) -> Option<f64> {
        median(self.runs.iter().filter_map(|r| r.last_to_review).collect())
    }
    pub fn median_total(&self) -> Option<f64> {
        median(self.runs.iter().filter_map(|r| r.total.map(|t| t.as_secs_f64())).collect())
    }
    fn to_json(&self) -> Value {
        json!({
            "name": self.name,
            "bytes": self.bytes,
            "messages": self.messages,
            "refused": self.refused.as_ref().map(Verdict::label),
            "runs": self.runs.iter().map(|r| json!({
                "first_apdu_to_review_s": r.first_to_review.as_secs_f64(),
                "last_chunk_to_review_s": r.last_to_review,
                "end_to_end_s": r.total.map(|t| t.as_secs_f64()),
                "approve_to_signature_s": r.approve_to_signature.map(|t| t.as_secs_f64()),
            })).collect::<Vec<_>>(),
            "median_first_apdu_to_review_s": self.median_first(),
            "median_last_chunk_to_review_s": self.median_last(),
            "median_end_to_end_s": self.median_total(),
        })
    }
}

pub fn median(mut v: Vec<f64>) -> Option<f64> {
    if v.is_empty() {
        return None;
    }
    v.sort_by(|a, b| a.total_cmp(b));
    let n = v.len();
    Some(if n % 2 == 1 { v[n / 2] } else { (v[n / 2 - 1] + v[n / 2]) / 2.0 })
}

/// Flash and RAM of an app ELF, split the same way for both apps.
#[derive(Clone, Debug, Default)]
pub struct Footprint {
    /// Code and read-only data: the flash the app occupies, less its NVM data.
    pub code_rodata: u64,
    /// NVM data: flash the app writes (settings, and a flash sign buffer where there is
    /// one).
    pub nvm: u64,
    /// Static RAM: `.bss` + `.data` (this app's heap included).
    pub static_ram: u64,
    /// What the link script leaves to the stack (`_estack - _stack`).
    pub stack: u64,
}

impl Footprint {
    fn to_json(&self) -> Value {
        json!({
            "code_rodata_bytes": self.code_rodata,
            "nvm_bytes": self.nvm,
            "static_ram_bytes": self.static_ram,
            "stack_reserve_bytes": self.stack,
        })
    }
}

/// One app on one device.
#[derive(Clone, Debug)]
pub struct AppResult {
    pub app: App,
    pub elf: PathBuf,
    pub footprint: Footprint,
    /// The shared documents, then "largest".
    pub docs: Vec<DocResult>,
    /// The largest document of one send and a memo accepted, `capped`: accepted at
    /// [`BYTES_CAP`], the search stopped there.
    pub memo_largest: usize,
    pub memo_capped: bool,
    /// The verdict one byte above it (none when capped).
    pub memo_over: Option<Verdict>,
    /// The bytes of the document of [`Self::most_messages`] sends.
    pub sends_bytes: usize,
    /// The most sends accepted; `capped`: accepted at the cap.
    pub most_messages: usize,
    pub messages_capped: bool,
    pub messages_over: Option<Verdict>,
}

impl AppResult {
    /// The largest document accepted: the larger of the most sends and the longest memo.
    pub fn largest(&self) -> usize {
        self.memo_largest.max(self.sends_bytes)
    }
    /// Whether the search stopped at a cap for the largest document's family.
    pub fn largest_capped(&self) -> bool {
        if self.sends_bytes >= self.memo_largest {
            self.messages_capped
        } else {
            self.memo_capped
        }
    }
    pub fn doc(&self, name: &str) -> Option<&DocResult> {
        self.docs.iter().find(|d| d.name == name)
    }
    fn to_json(&self) -> Value {
        json!({
            "app": self.app.name(),
            "elf": self.elf.display().to_string(),
            "footprint": self.footprint.to_json(),
            "documents": self.docs.iter().map(DocResult::to_json).collect::<Vec<_>>(),
            "largest_document_bytes": self.largest(),
            "largest_memo_document_bytes": self.memo_largest,
            "largest_memo_document_capped": self.memo_capped,
            "largest_memo_plus_one_byte": self.memo_over.as_ref().map(Verdict::label),
            "most_messages_document_bytes": self.sends_bytes,
            "most_messages": self.most_messages,
            "most_messages_capped": self.messages_capped,
            "most_messages_plus_one": self.messages_over.as_ref().map(Verdict::label),
        })
    }
}

#[derive(Clone, Debug)]
pub struct SideConfig {
    /// Where scripts/cosmos-app.sh put the Cosmos app's ELFs (`<target>/app.elf`) and
    /// its `VERSION`.
    pub cosmos_dir: PathBuf,
    pub runs: usize,
    /// The message search stops here.
    pub max_messages: usize,
}

#[derive(Clone, Debug)]
pub struct DeviceSide {
    pub device: Device,
    pub apps: Vec<AppResult>,
    pub took: Duration,
}

impl DeviceSide {
    pub fn app(&self, app: App) -> Option<&AppResult> {
        self.apps.iter().find(|a| a.app == app)
    }
    pub fn to_json(&self) -> Value {
        json!({
            "device": self.device.to_string(),
            "took_s": self.took.as_secs_f64(),
            "apps": self.apps.iter().map(AppResult::to_json).collect::<Vec<_>>(),
        })
    }
}

pub fn cosmos_elf(cfg: &SideConfig, device: Device) -> PathBuf {
    cfg.cosmos_dir.join(device.target()).join("app.elf")
}

/// The Cosmos app's version, as scripts/cosmos-app.sh recorded it.
pub fn cosmos_version(dir: &Path) -> String {
    std::fs::read_to_string(dir.join("VERSION"))
        .map(|s| s.trim().to_string())
        .unwrap_or_else(|_| "unknown version".into())
}

fn log(device: Device, t0: Instant, what: &str) {
    eprintln!("[side {:>6.1}s {device}] {what}", t0.elapsed().as_secs_f64());
}

/// `n` sends from `sender` to another address, amounts 1001, 1002… umilk.
pub fn sends(sender: &str, n: usize) -> Vec<Msg> {
    let to = crypto::bech32_encode("milk", &[0x33; 20]).expect("an address");
    (0..n)
        .map(|i| {
            cosmos::MsgSend {
                from_address: sender.into(),
                to_address: to.clone(),
                amount: vec![coin((1001 + i).to_string(), "umilk")],
            }
            .into()
        })
        .collect()
}

fn send_doc(sender: &str, n: usize, pk: &[u8; 33]) -> Vec<u8> {
    docs::sign_bytes(&docs::tx(&sends(sender, n), String::new()), SignMode::AminoJson, pk)
}

/// Both apps on `device`, one after the other (never at the same time: they would share
/// the CPU).
pub fn measure(device: Device, cfg: &SideConfig) -> Result<DeviceSide> {
    let t0 = Instant::now();
    // The Cosmos app first: the most sends it takes is a shared document of this app's
    // run (the largest document both take, where it is not one of SHARED_SENDS).
    let cosmos = measure_app(device, App::Cosmos, &cosmos_elf(cfg, device), cfg, None, t0)?;
    let mw_elf = milkyway_e2e::paths::app_elf(device);
    let mw = measure_app(device, App::MilkyWay, &mw_elf, cfg, Some(cosmos.most_messages), t0)?;
    Ok(DeviceSide { device, apps: vec![mw, cosmos], took: t0.elapsed() })
}

/// One app: the most sends, then the timed documents (SHARED_SENDS and `shared_most`
/// sends, or the app's own most when `None`), then the longest memo and the largest
/// document.
fn measure_app(
    device: Device,
    app: App,
    elf: &Path,
    cfg: &SideConfig,
    shared_most: Option<usize>,
    t0: Instant,
) -> Result<AppResult> {
    let footprint = footprint(app, elf)?;
    let mut s = Side::start(device, app, elf)?;
    // The documents name the same signer in both apps (the seed and path are the same,
    // so is the key): this app's `milk` address.
    let me = crypto::address(&s.pk, "milk").map_err(|e| e.to_string())?;
    let pk = s.pk;
    log(device, t0, &format!("{}: code+rodata {} bytes", app.name(), footprint.code_rodata));

    // Most sends: binary search, the cap probed first.
    let mut lo = 0;
    let mut hi = cfg.max_messages + 1;
    let mut messages_over = None;
    let mut verdicts = Vec::new();
    let v = s.verdict(&send_doc(&me, cfg.max_messages, &pk))?;
    if v == Verdict::Accepted {
        lo = cfg.max_messages;
    } else {
        hi = cfg.max_messages;
        verdicts.push((cfg.max_messages, v));
    }
    while hi <= cfg.max_messages && hi - lo > 1 {
        let mid = (lo + hi) / 2;
        let v = s.verdict(&send_doc(&me, mid, &pk))?;
        if v == Verdict::Accepted {
            lo = mid;
        } else {
            hi = mid;
            verdicts.push((mid, v));
        }
    }
    let messages_capped = lo >= cfg.max_messages;
    if !messages_capped {
        messages_over = verdicts.iter().find(|(n, _)| *n == hi).map(|(_, v)| v.clone());
    }
    let mut counts = SHARED_SENDS.to_vec();
    let extra = shared_most.unwrap_or(lo);
    if extra > 0 && !counts.contains(&extra) {
        counts.push(extra);
        counts.sort_unstable();
    }
    let mut results = Vec::new();
    for n in counts {
        let bytes = send_doc(&me, n, &pk);
        let mut d = DocResult {
            name: format!("send-{n}"),
            bytes: bytes.len(),
            messages: n,
            refused: None,
            runs: Vec::new(),
        };
        while d.runs.len() < cfg.runs {
            match s.sign(&bytes, true)? {
                Ok(run) => d.runs.push(run),
                Err(v) => {
                    d.refused = Some(v);
                    break;
                }
            }
        }
        log(
            device,
            t0,
            &format!(
                "{}: {} ({} bytes): {}",
                app.name(),
                d.name,
                d.bytes,
                match &d.refused {
                    Some(v) => v.label(),
                    None => format!("e2e median {:.2} s", d.median_total().unwrap_or(0.0)),
                }
            ),
        );
        results.push(d);
    }

    let most_messages = lo;
    log(
        device,
        t0,
        &format!("{}: most sends {lo}{}", app.name(), if messages_capped { "+" } else { "" }),
    );

    // Largest document: one send and a memo.
    let one = sends(&me, 1);
    let base = docs::base_size(&one, SignMode::AminoJson, &pk);
    let doc = |size: usize| docs::sized(&one, SignMode::AminoJson, &pk, size);
    let mut lo = base;
    let mut over = None;
    let v = s.verdict(&doc(BYTES_CAP))?;
    if v == Verdict::Accepted {
        lo = BYTES_CAP;
    } else {
        let mut hi = BYTES_CAP;
        over = Some(v);
        while hi - lo > 1 {
            // Three quarters up: a refusal is cheap, an acceptance costs a restart.
            let mid = (lo + (hi - lo) * 3 / 4).clamp(lo + 1, hi - 1);
            let v = s.verdict(&doc(mid))?;
            if v == Verdict::Accepted {
                lo = mid;
            } else {
                hi = mid;
                over = Some(v);
            }
        }
    }
    let memo_capped = lo >= BYTES_CAP;
    let memo_largest = lo;
    log(device, t0, &format!("{}: largest memo document {lo} bytes", app.name()));

    // The largest document (the longest memo, or the most sends if larger): first screen
    // `runs` times (abandoned), then signed once.
    let sends_doc = send_doc(&me, most_messages, &pk);
    let sends_bytes = sends_doc.len();
    let (bytes, messages) =
        if sends_bytes >= memo_largest { (sends_doc, most_messages) } else { (doc(lo), 1) };
    let mut d = DocResult {
        name: "largest".into(),
        bytes: bytes.len(),
        messages,
        refused: None,
        runs: Vec::new(),
    };
    for _ in 1..cfg.runs {
        match s.sign(&bytes, false)? {
            Ok(run) => d.runs.push(run),
            Err(v) => {
                return Err(format!("{}: the largest document refused: {}", app.name(), v.label()))
            }
        }
    }
    match s.sign(&bytes, true)? {
        Ok(run) => d.runs.push(run),
        Err(v) => {
            return Err(format!("{}: the largest document refused: {}", app.name(), v.label()))
        }
    }
    log(
        device,
        t0,
        &format!("{}: largest signed in {:.1} s", app.name(), d.median_total().unwrap_or(0.0)),
    );
    results.push(d);

    Ok(AppResult {
        app,
        elf: elf.to_path_buf(),
        footprint,
        docs: results,
        memo_largest,
        memo_capped,
        memo_over: if memo_capped { None } else { over },
        sends_bytes,
        most_messages,
        messages_capped,
        messages_over,
    })
}

/// Flash and RAM of an ELF, split the same way for both apps although their link
/// scripts differ. This app (the Rust SDK's script): code and read-only data are
/// `.text`, `.rodata` and `.rel_flash` less the flash sign buffer (`MILKYWAY_SIGN_BYTES`
/// in `.rodata`, app/src/sign_buffer.rs, where the app has one), NVM data the sign buffer
/// and `.nvm_data` (settings). The Cosmos app (the C SDK's script): code and read-only
/// data are `_text`…`_etext`, NVM data `_nvram_data`…`_envram_data` (its 16 KiB flash
/// sign buffer `N_appdata_impl` and its settings). RAM: `_bss`…`_ebss` (this app's heap
/// is an array there) and `.data`; the stack `_stack`…`_estack`.
pub fn footprint(app: App, elf: &Path) -> Result<Footprint> {
    let nm = Command::new("llvm-nm")
        .arg(elf)
        .output()
        .map_err(|e| format!("cannot run llvm-nm ({e}): it comes with the llvm package"))?;
    if !nm.status.success() {
        return Err(format!("llvm-nm {}: {}", elf.display(), String::from_utf8_lossy(&nm.stderr)));
    }
    let text = String::from_utf8_lossy(&nm.stdout);
    let mut syms = std::collections::BTreeMap::new();
    for line in text.lines() {
        if let [addr, _t, name] = line.split_whitespace().collect::<Vec<_>>()[..] {
            if let Ok(addr) = u64::from_str_radix(addr, 16) {
                syms.insert(name.to_string(), addr);
            }
        }
    }
    let sym =
        |n: &str| syms.get(n).copied().ok_or_else(|| format!("{}: no symbol {n}", elf.display()));
    let sections = crate::elf::sections(elf)?;
    let section = |n: &str| sections.get(n).map(|s| s.0).unwrap_or(0);
    let (code_rodata, nvm) = match app {
        App::MilkyWay => {
            let buffer = if syms.contains_key("MILKYWAY_SIGN_BYTES") {
                crate::report::sign_buffer_bytes()
                    .ok_or("cannot read the sign buffer's size from app/src/sign_buffer.rs")?
            } else {
                0
            };
            let flash = section(".text") + section(".rodata") + section(".rel_flash");
            (flash.saturating_sub(buffer), buffer + section(".nvm_data"))
        }
        App::Cosmos => (sym("_etext")? - sym("_text")?, sym("_envram_data")? - sym("_nvram_data")?),
    };
    Ok(Footprint {
        code_rodata,
        nvm,
        static_ram: sym("_ebss")? - sym("_bss")? + section(".data"),
        stack: sym("_estack")? - sym("_stack")?,
    })
}

/// The outcome of sending a document: the reply (data, status word) and on which chunk.
struct Sent {
    data: Vec<u8>,
    sw: u16,
    chunk: usize,
}

/// One app in Speculos, restartable.
struct Side {
    device: Device,
    app: App,
    elf: PathBuf,
    sim: Option<Speculos>,
    pk: [u8; 33],
}

impl Side {
    fn start(device: Device, app: App, elf: &Path) -> Result<Side> {
        let mut s = Side { device, app, elf: elf.to_path_buf(), sim: None, pk: [0; 33] };
        s.restart()?;
        // GET_ADDR, silent: HRP length, HRP, path; the reply starts with the compressed key.
        let mut data = vec![app.hrp().len() as u8];
        data.extend_from_slice(app.hrp().as_bytes());
        data.extend_from_slice(&HdPath::new(0, 0).to_bytes());
        let mut apdu = vec![CLA, INS_GET_ADDR, 0, 0, data.len() as u8];
        apdu.extend_from_slice(&data);
        let reply = s.sim().exchange(&apdu).map_err(|e| e.to_string())?;
        if reply.len() < 35 || reply[reply.len() - 2..] != [0x90, 0x00] {
            return Err(format!("{device} {}: GET_ADDR answered {reply:02x?}", app.name()));
        }
        s.pk.copy_from_slice(&reply[..33]);
        Ok(s)
    }

    fn sim(&self) -> &Speculos {
        self.sim.as_ref().expect("Speculos is running")
    }

    /// A fresh app on its home screen (a review in progress is abandoned).
    fn restart(&mut self) -> Result<()> {
        drop(self.sim.take());
        let label = format!("bench_side_{}", self.app.name().to_lowercase());
        let sim = session::start_sim_any(self.device, &self.elf, &label)?;
        self.sim = Some(sim);
        self.wait_home(Duration::from_secs(30))
    }

    /// Waits for the home screen; a status screen ("Transaction signed") in the way is
    /// dismissed as a person may (left button, a tap), instead of waiting for its timer.
    fn wait_home(&self, timeout: Duration) -> Result<()> {
        let sim = self.sim();
        let deadline = Instant::now() + timeout;
        let mut since: Option<(Screen, Instant)> = None;
        loop {
            let s = sim.current_screen().map_err(|e| e.to_string())?;
            if self.app.is_home(&s) {
                return Ok(());
            }
            match &since {
                Some((prev, t)) if *prev == s => {
                    if t.elapsed() > Duration::from_millis(400) && !s.is_empty() {
                        match self.device.touch_layout() {
                            None => sim.press(Button::Left),
                            Some(l) => {
                                sim.tap(milkyway_e2e::Point { x: l.size.0 / 2, y: l.size.1 / 2 })
                            }
                        }
                        .map_err(|e| e.to_string())?;
                        since = None;
                    }
                }
                _ => since = Some((s, Instant::now())),
            }
            if Instant::now() > deadline {
                return Err(format!(
                    "{} {}: no home screen within {timeout:?}",
                    self.device,
                    self.app.name()
                ));
            }
            thread::sleep(Duration::from_millis(50));
        }
    }

    /// Sends `bytes` as cosmjs does, on a thread: init with the path alone, then the
    /// 250-byte chunks, each awaited; stops at the first status word other than 0x9000.
    /// `last` is set when the last chunk leaves.
    fn send(
        &self,
        bytes: &[u8],
    ) -> (thread::JoinHandle<Result<Sent>>, Arc<Mutex<Option<Instant>>>) {
        let transport = self.sim().transport();
        let last = Arc::new(Mutex::new(None));
        let last_set = last.clone();
        let bytes = bytes.to_vec();
        let handle = thread::spawn(move || {
            let ex = |p1: u8, data: &[u8]| -> Result<(Vec<u8>, u16)> {
                let mut apdu = vec![CLA, INS_SIGN, p1, 0, data.len() as u8];
                apdu.extend_from_slice(data);
                let reply = transport.exchange_raw(&apdu).map_err(|e| e.to_string())?;
                let (d, sw) = milkyway_e2e::app::split_reply(&reply).map_err(|e| e.to_string())?;
                Ok((d.to_vec(), sw))
            };
            let (data, sw) = ex(0, &HdPath::new(0, 0).to_bytes())?;
            if sw != 0x9000 {
                return Ok(Sent { data, sw, chunk: 0 });
            }
            let chunks: Vec<&[u8]> = bytes.chunks(CHUNK).collect();
            for (i, c) in chunks.iter().enumerate() {
                let is_last = i + 1 == chunks.len();
                if is_last {
                    *last_set.lock().unwrap_or_else(|e| e.into_inner()) = Some(Instant::now());
                }
                let (data, sw) = ex(if is_last { 2 } else { 1 }, c)?;
                if sw != 0x9000 || is_last {
                    return Ok(Sent { data, sw, chunk: i + 1 });
                }
            }
            Err("empty document".into())
        });
        (handle, last)
    }

    /// Signs `bytes`: waits for the first review screen, then (`walk`) walks the review,
    /// approves and verifies the signature, or (not `walk`) abandons the review by
    /// restarting the app. The inner `Err` is the app's refusal.
    fn sign(&mut self, bytes: &[u8], walk: bool) -> Result<std::result::Result<Run, Verdict>> {
        let first = Instant::now();
        let (handle, last) = self.send(bytes);
        let seen = match self.wait_review(&handle)? {
            Some(t) => t,
            None => return finished(handle).map(Err),
        };
        let last_at = || *last.lock().unwrap_or_else(|e| e.into_inner());
        if !walk {
            self.restart()?;
            // The restart ends a reply held by a streaming review: an error, expected.
            let _ = handle.join();
            return Ok(Ok(Run {
                first_to_review: seen.saturating_duration_since(first),
                last_to_review: signed_secs(seen, last_at()),
                total: None,
                approve_to_signature: None,
            }));
        }
        let device = self.device;
        let app = self.app;
        let walked = session::fast_forward(
            self.sim(),
            |s| app.at_decision(device, s),
            || handle.is_finished(),
        );
        if walked.is_err() && handle.is_finished() {
            let v = finished(handle)?;
            self.restart()?;
            return Ok(Err(v));
        }
        walked?;
        let decided = Instant::now();
        self.approve(&handle)?;
        let done_wait = Instant::now() + Duration::from_secs(60);
        while !handle.is_finished() {
            if Instant::now() > done_wait {
                self.restart()?;
                return Err(format!("{device} {}: no signature after the approval", app.name()));
            }
            thread::sleep(Duration::from_millis(5));
        }
        let done = Instant::now();
        let sent = handle.join().map_err(|_| "the APDU thread panicked".to_string())??;
        if sent.sw != 0x9000 {
            self.restart()?;
            return Err(format!(
                "{device} {}: approved, but the app answered 0x{:04X}",
                app.name(),
                sent.sw
            ));
        }
        let rs = crypto::der_to_compact_low_s(&sent.data).map_err(|e| e.to_string())?;
        crypto::verify(&self.pk, bytes, &rs)
            .map_err(|e| format!("{device} {}: the signature does not verify: {e}", app.name()))?;
        self.wait_home(Duration::from_secs(30))?;
        Ok(Ok(Run {
            first_to_review: seen.saturating_duration_since(first),
            last_to_review: signed_secs(seen, last_at()),
            total: Some(done.saturating_duration_since(first)),
            approve_to_signature: Some(done.saturating_duration_since(decided)),
        }))
    }

    /// The approval on the decision page: both buttons (Nanos), "Hold to sign" held
    /// (touch screens; held again if NBGL did not take it, as a person would).
    fn approve(&self, handle: &thread::JoinHandle<Result<Sent>>) -> Result<()> {
        let sim = self.sim();
        match self.device.touch_layout() {
            None => sim.press(Button::Both).map_err(|e| e.to_string()),
            Some(l) => {
                for _ in 0..3 {
                    sim.hold(l.hold_to_sign, milkyway_e2e::nav::HOLD_TO_SIGN)
                        .map_err(|e| e.to_string())?;
                    let t = Instant::now();
                    while t.elapsed() < Duration::from_secs(1) {
                        if handle.is_finished() {
                            return Ok(());
                        }
                        thread::sleep(Duration::from_millis(20));
                    }
                    let s = sim.current_screen().map_err(|e| e.to_string())?;
                    if !session::has_line(&s, "Hold to sign") {
                        return Ok(());
                    }
                    eprintln!(
                        "[side {}] {}: the hold to sign was not taken; holding again",
                        self.device,
                        self.app.name()
                    );
                }
                Err(format!("{}: the hold to sign was never taken", self.device))
            }
        }
    }

    /// Polls (every 20 ms) until a review screen shows (`Some(when)`) or the app answers
    /// first (`None`: refused, or a bug).
    fn wait_review(&self, handle: &thread::JoinHandle<Result<Sent>>) -> Result<Option<Instant>> {
        let deadline = Instant::now() + Duration::from_secs(120);
        loop {
            let s = self.sim().current_screen().map_err(|e| e.to_string())?;
            if !s.is_empty() && !self.app.is_home(&s) && !is_spinner(&s) {
                return Ok(Some(Instant::now()));
            }
            if handle.is_finished() {
                return Ok(None);
            }
            if Instant::now() > deadline {
                return Err(format!("{} {}: no reply and no review", self.device, self.app.name()));
            }
            thread::sleep(Duration::from_millis(20));
        }
    }

    /// The app's verdict on `bytes`: refused (a status word), or accepted: the review
    /// started and the last chunk went out (a streaming review holds a chunk's reply
    /// while its screens are read: the review is walked until the last chunk is sent or
    /// a refusal comes). The review is then abandoned by restarting the app.
    fn verdict(&mut self, bytes: &[u8]) -> Result<Verdict> {
        let (handle, last) = self.send(bytes);
        if self.wait_review(&handle)?.is_none() {
            return finished(handle);
        }
        let deadline = Instant::now() + Duration::from_secs(600);
        let answered = loop {
            if handle.is_finished() {
                break true;
            }
            if last.lock().unwrap_or_else(|e| e.into_inner()).is_some() {
                break false;
            }
            if Instant::now() > deadline {
                self.restart()?;
                return Err(format!("{}: the document never finished sending", self.device));
            }
            let _ = session::settle(self.sim())?;
            for _ in 0..session::burst(self.device) {
                session::next_page(self.sim())?;
            }
        };
        self.restart()?;
        let joined = handle.join().map_err(|_| "the APDU thread panicked".to_string())?;
        if !answered {
            return Ok(Verdict::Accepted);
        }
        // Answered while the review was walked: a refusal (a signature would be a bug).
        match joined {
            Ok(s) if s.sw != 0x9000 => Ok(refused(&s)),
            Ok(_) => Err(format!("{}: signed without an approval", self.device)),
            Err(e) => Err(e),
        }
    }
}

/// A wait screen (NBGL's spinner and its usual texts) is no review page.
fn is_spinner(s: &Screen) -> bool {
    s.lines.len() <= 2 && s.contains_any(&["Processing", "Loading", "Please wait"])
}

/// The reply of a document the app answered before any review.
fn finished(handle: thread::JoinHandle<Result<Sent>>) -> Result<Verdict> {
    let s = handle.join().map_err(|_| "the APDU thread panicked".to_string())??;
    if s.sw == 0x9000 {
        return Err("signed without a review".into());
    }
    Ok(refused(&s))
}

fn refused(s: &Sent) -> Verdict {
    let reason = String::from_utf8_lossy(&s.data).trim_end_matches('\0').trim().to_string();
    Verdict::Refused { sw: s.sw, chunk: s.chunk, reason }
}

/// `seen - last` in seconds, negative when the review came first.
fn signed_secs(seen: Instant, last: Option<Instant>) -> Option<f64> {
    last.map(|l| if seen >= l { (seen - l).as_secs_f64() } else { -(l - seen).as_secs_f64() })
}

// ---- the report's section -------------------------------------------------------------

/// The section's heading in docs/bench-report.md (`--only side` replaces it).
pub const HEADING: &str = "## Side by side with the Cosmos app";

/// How a run of the side-by-side section was made.
#[derive(Clone, Debug)]
pub struct SideRun {
    pub version: String,
    pub runs: usize,
    pub max_messages: usize,
    pub date: String,
    pub commit: String,
    pub took: Duration,
    pub load_start: String,
    pub load_end: String,
}

fn secs(v: Option<f64>) -> String {
    v.map(|x| format!("{x:.2}")).unwrap_or_else(|| "–".into())
}

/// `a / b`, two digits.
fn ratio(a: Option<f64>, b: Option<f64>) -> String {
    match (a, b) {
        // A negative time (the review before the last chunk) has no meaningful ratio.
        (Some(a), Some(b)) if a >= 0.0 && b > 1e-9 => format!("{:.2}×", a / b),
        _ => "–".into(),
    }
}

fn kib(b: u64) -> String {
    format!("{b} ({:.1} KiB)", b as f64 / 1024.0)
}

/// The markdown section (heading included, ending with a blank line).
pub fn markdown(results: &[(Device, Result<DeviceSide>)], run: &SideRun) -> String {
    use std::fmt::Write;
    let mut o = String::new();
    let w = &mut o;
    let _ = writeln!(w, "{HEADING}");
    let _ = writeln!(w);
    let _ = writeln!(
        w,
        "The Cosmos app: {}, built from source (scripts/cosmos-app.sh), run in Speculos beside this app on the same machine in the same \
         run, one app after the other on each device, never two at once. Measured {} (commit \
         `{}`) in {:.1} min; load average (1, 5, 15 min) {} at the start, {} at the end.",
        run.version,
        run.date,
        run.commit,
        run.took.as_secs_f64() / 60.0,
        run.load_start,
        run.load_end
    );
    let _ = writeln!(w);
    let _ = writeln!(
        w,
        "Both apps get the same Amino JSON documents (this app's `milk` addresses; chain \
         `milkyway`): `send-N` is N `cosmos-sdk/MsgSend` in one transaction (1, 10, 46, and \
         the most the Cosmos app takes on the device where that is another number: the largest \
         document both apps take), `largest` the \
         largest document the app takes (see below: the most sends, or one send and a memo of `<`, \
         `\\u003c` in the sign bytes, whichever is larger). They are sent as \
         cosmjs' `LedgerSigner` does: SIGN init with the path alone (so the Cosmos app falls back \
         to its `cosmos` prefix and its prefix allow-list does not refuse `milk`), then 250-byte \
         chunks, each reply awaited. The review is walked automatically (bursts of next-page \
         inputs, the screen read between bursts) and approved on its decision page (Nanos: both \
         buttons; touch screens: \"Hold to sign\" held 1.5 s), and every signature is verified \
         against the key the app reports. A review counts as started at the first screen that \
         is not the app's home screen (polled every 20 ms). Times are medians of {} runs; for \
         `largest` the first-screen times are {} runs abandoned at the first screen (the app \
         restarted) plus the one signed. Ratios are this app's figure over the Cosmos app's \
         (below 1: this app is faster or smaller). **Speculos emulates the CPU: these are \
         comparisons on one machine, not device timings.**",
        run.runs,
        run.runs.saturating_sub(1)
    );
    let _ = writeln!(w);

    let _ = writeln!(w, "### Timings (seconds, median)");
    let _ = writeln!(w);
    let _ = writeln!(
        w,
        "| device | document | bytes | first APDU → first screen: MilkyWay | Cosmos | ratio | last chunk → first screen: MilkyWay | Cosmos | ratio | end to end: MilkyWay | Cosmos | ratio |"
    );
    let _ = writeln!(w, "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    for (d, r) in results {
        let Ok(side) = r else { continue };
        let (Some(mw), Some(cs)) = (side.app(App::MilkyWay), side.app(App::Cosmos)) else {
            continue;
        };
        for doc in &mw.docs {
            let other = cs.doc(&doc.name);
            let bytes = match other {
                Some(o) if o.bytes != doc.bytes => format!("{} / {}", doc.bytes, o.bytes),
                _ => doc.bytes.to_string(),
            };
            let cell = |x: &DocResult, f: fn(&DocResult) -> Option<f64>| match &x.refused {
                Some(v) => format!("refused ({})", short(v)),
                None => secs(f(x)),
            };
            let val = |x: Option<&DocResult>, f: fn(&DocResult) -> Option<f64>| {
                x.filter(|x| x.refused.is_none()).and_then(f)
            };
            let ocell = |f: fn(&DocResult) -> Option<f64>| {
                other.map(|o| cell(o, f)).unwrap_or_else(|| "–".into())
            };
            let _ = writeln!(
                w,
                "| {d} | {} | {bytes} | {} | {} | {} | {} | {} | {} | {} | {} | {} |",
                doc.name,
                cell(doc, DocResult::median_first),
                ocell(DocResult::median_first),
                ratio(val(Some(doc), DocResult::median_first), val(other, DocResult::median_first)),
                cell(doc, DocResult::median_last),
                ocell(DocResult::median_last),
                ratio(val(Some(doc), DocResult::median_last), val(other, DocResult::median_last)),
                cell(doc, DocResult::median_total),
                ocell(DocResult::median_total),
                ratio(val(Some(doc), DocResult::median_total), val(other, DocResult::median_total)),
            );
        }
    }
    let _ = writeln!(w);
    let _ = writeln!(
        w,
        "`largest` is each app's own largest document (bytes: MilkyWay / Cosmos), so its ratios \
         compare different documents. A negative \"last chunk → first screen\" means the review \
         started before the last chunk was sent. End to end includes the approval: on the touch \
         screens the Cosmos app (zxlib's NBGL view, `app/ui/view_nbgl.c`) signs and replies only \
         when its \"Transaction signed\" status screen closes (`h_approve` is that screen's \
         callback; its timer is 3 s and the harness does not tap it away), this app replies \
         before its status screen. Approval (the harness' input) → signature, median of every \
         signed run:"
    );
    let _ = writeln!(w);
    for (d, r) in results {
        let Ok(side) = r else { continue };
        let cells: Vec<String> = side
            .apps
            .iter()
            .map(|a| {
                let v = a
                    .docs
                    .iter()
                    .flat_map(|x| x.runs.iter().filter_map(|r| r.approve_to_signature))
                    .map(|t| t.as_secs_f64())
                    .collect();
                format!("{} {} s", a.app.name(), secs(median(v)))
            })
            .collect();
        let _ = writeln!(w, "- {d}: {}", cells.join(", "));
    }
    let _ = writeln!(w);

    let _ = writeln!(w, "### Capacity, flash and RAM");
    let _ = writeln!(w);
    let _ = writeln!(
        w,
        "Most sends: binary search over the number of sends with an empty memo, up to {} \
         (\"≥\": accepted there, the search stopped). Longest memo: binary search over the byte \
         size of one send and a memo, up to {BYTES_CAP} bytes (\"≥\" likewise). The largest \
         document is the larger of the two (the bytes of the most sends, or of the longest memo). \
         Accepted means the review started and the whole document was sent. Flash and RAM from the ELF's symbols, the same \
         split for both apps: code and read-only data (this app: `.text`, `.rodata`, `.rel_flash` \
         less its flash sign buffer where it has one; the Cosmos app: `_text`…`_etext`), NVM \
         data (flash the app writes: this app's `.nvm_data` and its sign buffer \
         `MILKYWAY_SIGN_BYTES`; the Cosmos app's `_nvram_data`…`_envram_data`, its 16 KiB flash \
         sign buffer `N_appdata_impl` and settings), static RAM (`.bss` + `.data`; this app's heap is in `.bss`) and the stack the \
         link script leaves.",
        run.max_messages
    );
    let _ = writeln!(w);
    let _ = writeln!(
        w,
        "| device | largest document (bytes): MilkyWay | Cosmos | ratio | most sends: MilkyWay | Cosmos | ratio | one send + longest memo (bytes): MilkyWay | Cosmos | code + rodata: MilkyWay | Cosmos | ratio | NVM data: MilkyWay | Cosmos | static RAM: MilkyWay | Cosmos | ratio | stack: MilkyWay | Cosmos |"
    );
    let _ = writeln!(
        w,
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
    );
    for (d, r) in results {
        match r {
            Ok(side) => {
                let (Some(mw), Some(cs)) = (side.app(App::MilkyWay), side.app(App::Cosmos)) else {
                    continue;
                };
                let capped = |v: usize, c: bool| if c { format!("≥ {v}") } else { v.to_string() };
                let f = |x: u64| Some(x as f64);
                let _ = writeln!(
                    w,
                    "| {d} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} |",
                    capped(mw.largest(), mw.largest_capped()),
                    capped(cs.largest(), cs.largest_capped()),
                    ratio(Some(mw.largest() as f64), Some(cs.largest() as f64)),
                    capped(mw.most_messages, mw.messages_capped),
                    capped(cs.most_messages, cs.messages_capped),
                    ratio(Some(mw.most_messages as f64), Some(cs.most_messages as f64)),
                    capped(mw.memo_largest, mw.memo_capped),
                    capped(cs.memo_largest, cs.memo_capped),
                    kib(mw.footprint.code_rodata),
                    kib(cs.footprint.code_rodata),
                    ratio(f(mw.footprint.code_rodata), f(cs.footprint.code_rodata)),
                    mw.footprint.nvm,
                    cs.footprint.nvm,
                    mw.footprint.static_ram,
                    cs.footprint.static_ram,
                    ratio(f(mw.footprint.static_ram), f(cs.footprint.static_ram)),
                    mw.footprint.stack,
                    cs.footprint.stack,
                );
            }
            Err(e) => {
                let _ = writeln!(w, "| {d} | FAILED: {} |", e.replace('\n', " ").replace('|', "/"));
            }
        }
    }
    let _ = writeln!(w);
    let _ = writeln!(w, "What stopped each search one step further:");
    let _ = writeln!(w);
    for (d, r) in results {
        let Ok(side) = r else { continue };
        for a in &side.apps {
            let bytes = match &a.memo_over {
                Some(v) => {
                    format!("one send and a memo of {} bytes: {}", a.memo_largest + 1, v.label())
                }
                None => "not reached".into(),
            };
            let msgs = match &a.messages_over {
                Some(v) => format!("{} sends: {}", a.most_messages + 1, v.label()),
                None => "not reached".into(),
            };
            let _ = writeln!(w, "- {d}, {}: {bytes}; {msgs}.", a.app.name());
        }
    }
    let _ = writeln!(w);
    o
}

/// A refusal in a table cell.
fn short(v: &Verdict) -> String {
    match v {
        Verdict::Accepted => "accepted".into(),
        Verdict::Refused { sw, reason, .. } if reason.is_empty() => format!("0x{sw:04X}"),
        Verdict::Refused { sw, reason, .. } => format!("0x{sw:04X} \"{reason}\""),
    }
}

pub fn json(results: &[(Device, Result<DeviceSide>)], run: &SideRun) -> Value {
    json!({
        "cosmos_app": run.version,
        "runs": run.runs,
        "max_messages": run.max_messages,
        "bytes_cap": BYTES_CAP,
        "date": run.date,
        "commit": run.commit,
        "took_s": run.took.as_secs_f64(),
        "load_start": run.load_start,
        "load_end": run.load_end,
        "devices": results.iter().map(|(d, r)| match r {
            Ok(s) => s.to_json(),
            Err(e) => json!({"device": d.to_string(), "error": e}),
        }).collect::<Vec<_>>(),
    })
}

/// Puts `section` in place of the report's side-by-side section (or before "## Reproduce"
/// when it has none).
pub fn merge_markdown(md: &str, section: &str) -> String {
    if let Some(start) = md.find(&format!("{HEADING}\n")) {
        let after = start + HEADING.len() + 1;
        let end = md[after..].find("\n## ").map(|i| after + i + 1).unwrap_or(md.len());
        return format!("{}{section}{}", &md[..start], &md[end..]);
    }
    match md.find("\n## Reproduce\n") {
        Some(i) => format!("{}{section}{}", &md[..i + 1], &md[i + 1..]),
        None => format!("{md}\n{section}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn median_of_odd_and_even_counts() {
        assert_eq!(median(vec![3.0, 1.0, 2.0]), Some(2.0));
        assert_eq!(median(vec![4.0, 1.0, 2.0, 3.0]), Some(2.5));
        assert_eq!(median(Vec::new()), None);
    }

    #[test]
    fn the_section_is_replaced_or_put_before_reproduce() {
        let section = format!("{HEADING}\n\nnew\n\n");
        let without = "# R\n\n## A\n\na\n\n## Reproduce\n\nr\n";
        let once = merge_markdown(without, &section);
        assert_eq!(once, format!("# R\n\n## A\n\na\n\n{section}## Reproduce\n\nr\n"));
        let again = merge_markdown(&once, &format!("{HEADING}\n\nnewer\n\n"));
        assert_eq!(again, format!("# R\n\n## A\n\na\n\n{HEADING}\n\nnewer\n\n## Reproduce\n\nr\n"));
    }

    #[test]
    fn the_documents_are_canonical_amino_json_of_n_sends() {
        let pk = milkyway_ledger::preview::PREVIEW_PUBLIC_KEY;
        let me = crypto::address(&pk, "milk").unwrap();
        for n in SHARED_SENDS {
            let doc = send_doc(&me, n, &pk);
            let v: Value = serde_json::from_slice(&doc).unwrap();
            let msgs = v["msgs"].as_array().unwrap();
            assert_eq!(msgs.len(), n);
            assert!(msgs.iter().all(|m| m["type"] == "cosmos-sdk/MsgSend"));
            // Canonical: what the Cosmos app requires (sorted keys, no whitespace).
            assert!(!doc.contains(&b' '));
        }
    }
}
