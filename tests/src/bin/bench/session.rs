//! One app in Speculos for the benchmark: the host crate's client on an APDU-counting
//! transport, signatures approved automatically (fast-forward through the review, then
//! the harness' own approval on the decision page), the device's verdict on a document
//! before any review, and the stack probe.

use std::ops::Deref;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use ledger_transport::{APDUAnswer, APDUCommand, Exchange};
use milkyway_e2e::app::{split_reply, CLA, INS_SIGN};
use milkyway_e2e::{Button, Capture, Device, Flow, Options, Screen, Speculos};
use milkyway_ledger::client::{sign_p2, AddressInfo, BlockingDevice, Device as Client, HdPath};
use milkyway_ledger::crypto;
use milkyway_ledger::transport::speculos::SpeculosTransportError;
use milkyway_ledger::transport::SpeculosTransport;
use milkyway_ledger::tx::SignMode;

pub type Result<T> = std::result::Result<T, String>;

/// The stack probe of the `stack_probe` build (app/src/stack_probe.rs).
pub const INS_STACK_PROBE: u8 = 0xF0;

/// An `Exchange` that counts the APDUs it carries and notes when the first one left.
pub struct Counting {
    inner: Arc<SpeculosTransport>,
    count: AtomicUsize,
    first: Mutex<Option<Instant>>,
}

impl Counting {
    pub fn new(inner: Arc<SpeculosTransport>) -> Counting {
        Counting { inner, count: AtomicUsize::new(0), first: Mutex::new(None) }
    }
    pub fn count(&self) -> usize {
        self.count.load(Ordering::SeqCst)
    }
    pub fn first(&self) -> Option<Instant> {
        *self.first.lock().unwrap_or_else(|e| e.into_inner())
    }
}

#[async_trait::async_trait]
impl Exchange for Counting {
    type Error = SpeculosTransportError;
    type AnswerType = Vec<u8>;

    async fn exchange<I>(
        &self,
        command: &APDUCommand<I>,
    ) -> std::result::Result<APDUAnswer<Vec<u8>>, Self::Error>
    where
        I: Deref<Target = [u8]> + Send + Sync,
    {
        self.first.lock().unwrap_or_else(|e| e.into_inner()).get_or_insert_with(Instant::now);
        self.count.fetch_add(1, Ordering::SeqCst);
        self.inner.exchange_sync(command)
    }
}

/// One timed signature.
#[derive(Clone, Copy, Debug)]
pub struct Run {
    /// First APDU out to the signature back.
    pub total: Duration,
    /// First APDU out to the first review page on screen (transfer, decode and the
    /// core's dry run of the whole review).
    pub to_review: Duration,
    /// The approval on the decision page (the harness' last input) to the signature back.
    pub approve_to_signature: Duration,
    /// APDU exchanges of the signature (SIGN init and chunks).
    pub exchanges: usize,
}

/// What the device says to a document before showing anything.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// The review started: the document was taken and decoded.
    Review,
    /// Refused with a status word on SIGN chunk `chunk` (0 = init), with the reply data
    /// (0x6984 carries the reason).
    Refused { sw: u16, chunk: usize, reason: String },
}

/// Speculos with the app, restartable (a fresh app) at will.
pub struct Session {
    pub device: Device,
    pub elf: PathBuf,
    label: String,
    sim: Option<Speculos>,
    pub path: HdPath,
    pub key: AddressInfo,
    pub restarts: usize,
}

const HRP: &str = "milk";

impl Session {
    pub fn start(device: Device, elf: PathBuf, label: &str) -> Result<Session> {
        let sim = start_sim(device, &elf, label)?;
        let path = HdPath::new(0, 0);
        let key = BlockingDevice(Client::new(Counting::new(sim.transport())))
            .get_address(&path, HRP, false)
            .map_err(|e| format!("{device}: GET_ADDR: {e}"))?;
        Ok(Session {
            device,
            elf,
            label: label.to_string(),
            sim: Some(sim),
            path,
            key,
            restarts: 0,
        })
    }

    pub fn sim(&self) -> &Speculos {
        self.sim.as_ref().expect("Speculos is running")
    }

    /// Stops the app and starts it again (a review in progress is abandoned).
    pub fn restart(&mut self) -> Result<()> {
        drop(self.sim.take());
        self.sim = Some(start_sim(self.device, &self.elf, &self.label)?);
        self.restarts += 1;
        Ok(())
    }

    /// A raw APDU on the harness' connection: reply data and status word.
    pub fn raw(&self, apdu: &[u8]) -> Result<(Vec<u8>, u16)> {
        let reply = self.sim().exchange(apdu).map_err(|e| e.to_string())?;
        let (data, sw) = split_reply(&reply).map_err(|e| e.to_string())?;
        Ok((data.to_vec(), sw))
    }

    /// `(stack size, high-water mark)` in bytes, from a `stack_probe` build.
    pub fn stack(&self) -> Result<(u32, u32)> {
        let (d, sw) = self.raw(&[CLA, INS_STACK_PROBE, 0, 0, 0])?;
        if sw != 0x9000 || d.len() != 8 {
            return Err(format!(
                "{}: the stack probe answered 0x{sw:04X} with {} bytes: is {} a stack_probe build?",
                self.device,
                d.len(),
                self.elf.display()
            ));
        }
        Ok((
            u32::from_be_bytes([d[0], d[1], d[2], d[3]]),
            u32::from_be_bytes([d[4], d[5], d[6], d[7]]),
        ))
    }

    /// Signs `bytes` through the host client (`chunk`-byte chunks) while the review is
    /// approved automatically; checks the DER signature against the device's key over
    /// exactly `bytes`.
    pub fn sign(&mut self, mode: SignMode, bytes: &[u8], chunk: usize) -> Result<Run> {
        let counting = Arc::new(Counting::new(self.sim().transport()));
        let client = BlockingDevice(
            Client::new(SharedCounting(counting.clone()))
                .with_chunk_size(chunk)
                .map_err(|e| e.to_string())?,
        );
        let path = self.path;
        let b = bytes.to_vec();
        let pending = thread::spawn(move || {
            let r = client.sign_raw(&path, Some(HRP), mode, &b);
            (r, Instant::now())
        });
        let approved = self.approve_fast();
        if approved.is_err() {
            // The client waits for the review's end: a fresh app ends its connection.
            self.restart()?;
        }
        let (reply, done) =
            pending.join().map_err(|_| "the signing thread panicked".to_string())?;
        let (seen, decided) = approved?;
        let der = reply.map_err(|e| format!("{}: {} bytes: {e}", self.device, bytes.len()))?;
        let rs = crypto::der_to_compact_low_s(&der).map_err(|e| e.to_string())?;
        crypto::verify(&self.key.public_key, bytes, &rs)
            .map_err(|e| format!("{}: the signature does not verify: {e}", self.device))?;
        let first = counting.first().ok_or("no APDU was sent")?;
        Ok(Run {
            total: done - first,
            to_review: seen.saturating_duration_since(first),
            approve_to_signature: done.saturating_duration_since(decided),
            exchanges: counting.count(),
        })
    }

    /// Counts the APDU exchanges of signing `bytes` in `chunk`-byte chunks through the
    /// host client, up to the review's first page (no exchange follows it until the
    /// signature), then abandons the review by restarting the app.
    pub fn count_exchanges(&mut self, mode: SignMode, bytes: &[u8], chunk: usize) -> Result<usize> {
        let counting = Arc::new(Counting::new(self.sim().transport()));
        let client = BlockingDevice(
            Client::new(SharedCounting(counting.clone()))
                .with_chunk_size(chunk)
                .map_err(|e| e.to_string())?,
        );
        let path = self.path;
        let b = bytes.to_vec();
        let pending = thread::spawn(move || client.sign_raw(&path, Some(HRP), mode, &b).is_ok());
        let seen = wait_review(self.sim(), Duration::from_secs(120));
        let n = counting.count();
        self.restart()?;
        let _ = pending.join();
        seen?;
        Ok(n)
    }

    /// Waits for the review, walks it quickly to the decision page and approves there
    /// with the harness; returns when the review was first seen and when the approval
    /// started.
    fn approve_fast(&self) -> Result<(Instant, Instant)> {
        let sim = self.sim();
        let seen = wait_review(sim, Duration::from_secs(120))?;
        fast_forward(sim, |s| at_decision(sim.device, s), || false)?;
        let decided = Instant::now();
        let flow: Flow = sim.approve(Capture::Text).map_err(|e| e.to_string())?;
        if !flow.contains("signed") {
            return Err(format!(
                "{}: no \"Transaction signed\" after the approval:\n{}",
                self.device,
                flow.text()
            ));
        }
        Ok((seen, decided))
    }

    /// The device's verdict on `bytes` before any review: every chunk is sent (250 bytes,
    /// raw APDUs); a refusal comes as a status word, acceptance as the review's first page
    /// (which is then abandoned by restarting the app).
    pub fn verdict(&mut self, mode: SignMode, bytes: &[u8]) -> Result<Verdict> {
        let p2 = sign_p2(mode);
        let mut init = self.path.to_bytes().to_vec();
        init.push(HRP.len() as u8);
        init.extend_from_slice(HRP.as_bytes());
        let (d, sw) = self.raw(&apdu(0, p2, &init))?;
        if sw != 0x9000 {
            return Ok(refused(sw, 0, &d));
        }
        let chunks: Vec<&[u8]> = bytes.chunks(250).collect();
        let (last, adds) = chunks.split_last().ok_or("empty document")?;
        for (i, c) in adds.iter().enumerate() {
            let (d, sw) = self.raw(&apdu(1, p2, c))?;
            if sw != 0x9000 {
                return Ok(refused(sw, i + 1, &d));
            }
        }
        let last_apdu = apdu(2, p2, last);
        let pending = self.sim().exchange_in_background(&last_apdu);
        let deadline = Instant::now() + Duration::from_secs(120);
        loop {
            if pending.is_finished() {
                let reply = pending
                    .join()
                    .map_err(|_| "the APDU thread panicked".to_string())?
                    .map_err(|e| e.to_string())?;
                let (d, sw) = split_reply(&reply).map_err(|e| e.to_string())?;
                if sw == 0x9000 {
                    return Err(format!("{}: signed without a review", self.device));
                }
                return Ok(refused(sw, chunks.len(), d));
            }
            let s = self.sim().current_screen().map_err(|e| e.to_string())?;
            if !s.is_empty() && !self.sim().is_home(&s) {
                self.restart()?;
                let _ = pending.join();
                return Ok(Verdict::Review);
            }
            if Instant::now() > deadline {
                return Err(format!("{}: no reply and no review", self.device));
            }
            thread::sleep(Duration::from_millis(20));
        }
    }
}

/// `Counting` shared with the caller (the client owns its transport).
struct SharedCounting(Arc<Counting>);

#[async_trait::async_trait]
impl Exchange for SharedCounting {
    type Error = SpeculosTransportError;
    type AnswerType = Vec<u8>;

    async fn exchange<I>(
        &self,
        command: &APDUCommand<I>,
    ) -> std::result::Result<APDUAnswer<Vec<u8>>, Self::Error>
    where
        I: Deref<Target = [u8]> + Send + Sync,
    {
        self.0.exchange(command).await
    }
}

fn apdu(p1: u8, p2: u8, data: &[u8]) -> Vec<u8> {
    let mut a = vec![CLA, INS_SIGN, p1, p2, data.len() as u8];
    a.extend_from_slice(data);
    a
}

fn refused(sw: u16, chunk: usize, data: &[u8]) -> Verdict {
    let reason = String::from_utf8_lossy(data).trim_end_matches('\0').trim().to_string();
    Verdict::Refused { sw, chunk, reason }
}

fn start_sim(device: Device, elf: &std::path::Path, label: &str) -> Result<Speculos> {
    let sim = start_sim_any(device, elf, label)?;
    sim.wait_for_home(Duration::from_secs(30)).map_err(|e| e.to_string())?;
    // The approval dismisses "Transaction signed" (a button, a tap) instead of waiting
    // for its 3 s timer: the signature has arrived by then, and the next one can start.
    sim.set_dismiss_status(true);
    Ok(sim)
}

/// Speculos with any app's ELF (this one's or another's), up once it draws a screen.
pub fn start_sim_any(device: Device, elf: &std::path::Path, label: &str) -> Result<Speculos> {
    Speculos::start_with(Options::new(device).elf(elf).label(label)).map_err(|e| e.to_string())
}

/// Polls (every 20 ms) until the screen is not the home screen: the review's first page.
fn wait_review(sim: &Speculos, timeout: Duration) -> Result<Instant> {
    let deadline = Instant::now() + timeout;
    loop {
        let s = sim.current_screen().map_err(|e| e.to_string())?;
        if !s.is_empty() && !sim.is_home(&s) {
            return Ok(Instant::now());
        }
        if Instant::now() > deadline {
            return Err(format!("{}: no review within {timeout:?}", sim.device));
        }
        thread::sleep(Duration::from_millis(20));
    }
}

/// How long the screen must stay without a redraw to count as settled.
fn quiet(device: Device) -> Duration {
    if device.is_nano() {
        Duration::from_millis(250)
    } else {
        // A touch screen page takes some 0.6 s to draw in Speculos; a burst may look
        // settled mid-way, which only costs another burst (past the last page, the
        // decision page, swipes change nothing).
        Duration::from_millis(350)
    }
}

/// Waits until nothing is drawn for [`quiet`]; returns the screen then.
pub fn settle(sim: &Speculos) -> Result<Screen> {
    let deadline = Instant::now() + Duration::from_secs(120);
    loop {
        sim.clear_events().map_err(|e| e.to_string())?;
        thread::sleep(quiet(sim.device));
        if sim.events().map_err(|e| e.to_string())?.is_empty() {
            let s = sim.current_screen().map_err(|e| e.to_string())?;
            if !s.is_empty() {
                return Ok(s);
            }
        }
        if Instant::now() > deadline {
            return Err(format!("{}: the screen never settled", sim.device));
        }
    }
}

pub fn first_line(s: &Screen) -> &str {
    s.lines.first().map(|l| l.text.trim()).unwrap_or("")
}

pub fn has_line(s: &Screen, text: &str) -> bool {
    s.lines.iter().any(|l| l.text.trim() == text)
}

/// Whether `s` is the page where the harness approves (see nav.rs `nano_step` and
/// `touch_step`).
pub fn at_decision(device: Device, s: &Screen) -> bool {
    if device.is_nano() {
        // "Sign transaction?", or the intent's question over up to three lines ("Sign
        // transaction to | execute as | grantee?").
        s.lines.len() <= 3
            && first_line(s).starts_with("Sign ")
            && s.lines.last().is_some_and(|l| l.text.trim_end().ends_with('?'))
    } else {
        has_line(s, "Hold to sign")
    }
}

/// Next-page inputs sent in one go before looking at the screen again.
pub fn burst(device: Device) -> usize {
    if device.is_nano() {
        40
    } else {
        8
    }
}

/// A next-page input with no wait inside Speculos (`delay` 0: the harness' `press` and
/// `swipe` wait 0.1 s after pressing and after releasing, for a person-like pace). The
/// app takes the queued inputs one by one at its own pace.
pub fn next_page(sim: &Speculos) -> Result<()> {
    let (path, body) = match sim.device.touch_layout() {
        None => (
            "/button/right".to_string(),
            serde_json::json!({"action": "press-and-release", "delay": 0.0}),
        ),
        Some(l) => (
            "/finger".to_string(),
            serde_json::json!({"action": "press-and-release", "delay": 0.0,
                "x": l.swipe_from.x, "y": l.swipe_from.y, "x2": l.swipe_to.x, "y2": l.swipe_to.y}),
        ),
    };
    ureq::post(&format!("{}{}", sim.api_url(), path))
        .set("Content-Type", "application/json")
        .send_string(&body.to_string())
        .map_err(|e| format!("POST {path}: {e}"))?;
    Ok(())
}

/// Walks the review to its decision page (`at_decision`) in bursts of next-page inputs,
/// reading the screen after each burst has been drawn. Past the decision page a Nano
/// shows a "Reject" page, the last page (more inputs change nothing): one left press goes
/// back. The touch screens' last page is the decision page. Returns the decision page,
/// or an error as soon as `stop` says so (the app answered meanwhile: a refusal).
pub fn fast_forward(
    sim: &Speculos,
    at_decision: impl Fn(&Screen) -> bool,
    stop: impl Fn() -> bool,
) -> Result<Screen> {
    let device = sim.device;
    let mut sent = 0usize;
    let mut last: Option<Screen> = None;
    let mut unchanged = 0;
    let trace = std::env::var_os("MW_BENCH_TRACE").is_some();
    let t0 = Instant::now();
    loop {
        if stop() {
            return Err(format!("{device}: the app answered during the review"));
        }
        let s = settle(sim)?;
        if trace {
            eprintln!(
                "[trace {device} {:>7.2}s] sent {sent}: {}",
                t0.elapsed().as_secs_f64(),
                s.one_line().chars().take(100).collect::<String>()
            );
        }
        if at_decision(&s) {
            // Nothing may still be queued: the next input is the approval.
            let again = settle(sim)?;
            if again == s {
                return Ok(s);
            }
            continue;
        }
        if device.is_nano() && first_line(&s).to_lowercase().starts_with("reject") {
            sim.press(Button::Left).map_err(|e| e.to_string())?;
            continue;
        }
        if last.as_ref() == Some(&s) {
            unchanged += 1;
            if unchanged > 3 {
                return Err(format!(
                    "{device}: the review stays on one page without a decision: {}",
                    s.one_line()
                ));
            }
        } else {
            unchanged = 0;
        }
        last = Some(s);
        for _ in 0..burst(device) {
            next_page(sim)?;
        }
        sent += burst(device);
        if sent > 20_000 {
            return Err(format!("{device}: no decision page after {sent} pages"));
        }
    }
}
