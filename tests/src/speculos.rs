//! Starts the app in Speculos (headless, on 127.0.0.1 ports of its own), talks to its REST
//! API, and stops it — the whole process group, by id — when dropped, test failure or not.

use std::collections::HashSet;
use std::fs::{self, File};
use std::io::Read;
use std::net::{SocketAddr, TcpListener};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, OnceLock};
use std::thread;
use std::time::{Duration, Instant};

use milkyway_ledger::transport::SpeculosTransport;

use crate::device::{Device, Point};
use crate::screen::Screen;
use crate::{paths, Error, Result};

/// The fixed test seed (BIP39). Every Speculos the harness starts uses it, so keys and
/// addresses are the same in every run and on every device. It is a throwaway mnemonic
/// chosen for this project's tests: never put funds on it.
pub const TEST_MNEMONIC: &str =
    "equip will roof matter pink blind book anxiety banner elbow sun young";

/// How to start Speculos.
#[derive(Clone, Debug)]
pub struct Options {
    pub device: Device,
    /// The app ELF; default `app/target/<target>/release/milkyway-ledger-app`.
    pub elf: Option<PathBuf>,
    /// BIP39 mnemonic or `hex:<seed>`; default [`TEST_MNEMONIC`].
    pub seed: String,
    /// A name for the log file (e.g. the test name).
    pub label: String,
    /// More command-line arguments for Speculos (e.g. `--load-nvram`).
    pub extra_args: Vec<String>,
    /// How long to wait for the app to answer and draw its first screen.
    pub start_timeout: Duration,
}

impl Options {
    pub fn new(device: Device) -> Options {
        Options {
            device,
            elf: None,
            seed: TEST_MNEMONIC.to_string(),
            label: "speculos".to_string(),
            extra_args: Vec::new(),
            start_timeout: Duration::from_secs(60),
        }
    }

    pub fn label(mut self, label: &str) -> Options {
        self.label = label.to_string();
        self
    }

    pub fn elf(mut self, elf: impl Into<PathBuf>) -> Options {
        self.elf = Some(elf.into());
        self
    }
}

/// A button of the Nanos.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Button {
    Left,
    Right,
    Both,
}

impl Button {
    fn path(self) -> &'static str {
        match self {
            Button::Left => "left",
            Button::Right => "right",
            Button::Both => "both",
        }
    }
}

/// A running Speculos with the app. Dropping it kills it.
pub struct Speculos {
    pub device: Device,
    pub api_port: u16,
    pub apdu_port: u16,
    pub log_path: PathBuf,
    child: Option<Child>,
    agent: ureq::Agent,
    transport: Mutex<Option<Arc<SpeculosTransport>>>,
    /// Whether the navigation dismisses status screens (see [`Speculos::set_dismiss_status`]).
    dismiss_status: AtomicBool,
}

/// Ports handed out by this process and not yet reused, so that tests running in
/// parallel threads never get the same port twice.
fn taken_ports() -> &'static Mutex<HashSet<u16>> {
    static TAKEN: OnceLock<Mutex<HashSet<u16>>> = OnceLock::new();
    TAKEN.get_or_init(|| Mutex::new(HashSet::new()))
}

/// A port that is free on 127.0.0.1 right now: bind port 0 and let the kernel choose.
/// (Speculos binds 0.0.0.0 on it; we only ever connect to 127.0.0.1.)
pub fn free_port() -> Result<u16> {
    let mut taken = taken_ports().lock().unwrap_or_else(|e| e.into_inner());
    for _ in 0..50 {
        let port = TcpListener::bind("127.0.0.1:0")?.local_addr()?.port();
        if taken.insert(port) {
            return Ok(port);
        }
    }
    Err(Error::msg("could not find a free TCP port"))
}

/// The Speculos executable: `$SPECULOS`, else the project's virtualenv
/// (~/.cache/milkyway-ledger/speculos-venv, made by scripts/setup.sh), else `speculos` on PATH.
pub fn speculos_program() -> PathBuf {
    if let Some(p) = std::env::var_os("SPECULOS") {
        return PathBuf::from(p);
    }
    let venv = paths::cache_dir().join("speculos-venv/bin/speculos");
    if venv.exists() {
        return venv;
    }
    PathBuf::from("speculos")
}

impl Speculos {
    /// Starts the app for `device` with the default options.
    pub fn start(device: Device, label: &str) -> Result<Speculos> {
        Speculos::start_with(Options::new(device).label(label))
    }

    /// Starts Speculos and waits until the APDU port and the REST API answer and the app
    /// has drawn its first screen. Tries new ports if the chosen ones were taken meanwhile.
    pub fn start_with(opts: Options) -> Result<Speculos> {
        let elf = opts.elf.clone().unwrap_or_else(|| paths::app_elf(opts.device));
        if !elf.exists() {
            return Err(Error::msg(format!(
                "no app ELF at {} (build it: scripts/build-app.sh {})",
                elf.display(),
                opts.device.target()
            )));
        }
        let mut last_err = None;
        for _attempt in 0..3 {
            match Speculos::try_start(&opts, &elf) {
                Ok(s) => return Ok(s),
                Err(StartError::PortTaken(e)) => last_err = Some(e),
                Err(StartError::Other(e)) => return Err(e),
            }
        }
        Err(last_err.unwrap_or_else(|| Error::msg("Speculos did not start")))
    }

    fn try_start(opts: &Options, elf: &Path) -> std::result::Result<Speculos, StartError> {
        let api_port = free_port().map_err(StartError::Other)?;
        let apdu_port = free_port().map_err(StartError::Other)?;
        let log_dir = paths::target_dir().join("speculos-logs");
        fs::create_dir_all(&log_dir).map_err(|e| StartError::Other(e.into()))?;
        let safe_label: String = opts
            .label
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() || c == '-' || c == '_' { c } else { '_' })
            .collect();
        let log_path =
            log_dir.join(format!("{}-{}-{}.log", safe_label, opts.device.model(), apdu_port));
        let log = File::create(&log_path).map_err(|e| StartError::Other(e.into()))?;
        let log_err = log.try_clone().map_err(|e| StartError::Other(e.into()))?;

        let mut cmd = Command::new(speculos_program());
        cmd.arg("--display")
            .arg("headless")
            .arg("--model")
            .arg(opts.device.model())
            .arg("--api-port")
            .arg(api_port.to_string())
            .arg("--apdu-port")
            .arg(apdu_port.to_string())
            .arg("--seed")
            .arg(&opts.seed)
            .args(&opts.extra_args)
            .arg(elf)
            .stdin(Stdio::null())
            .stdout(log)
            .stderr(log_err)
            // Its own process group, so that Drop can stop Speculos and the
            // qemu-arm-static it starts in one signal.
            .process_group(0);
        // SAFETY: prctl is async-signal-safe; this only asks the kernel to kill Speculos
        // (which then stops its qemu) if the thread that started it dies without Drop
        // running (test process killed, Ctrl-C).
        unsafe {
            cmd.pre_exec(|| {
                libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL as libc::c_ulong, 0, 0, 0);
                Ok(())
            });
        }
        let child = cmd.spawn().map_err(|e| {
            StartError::Other(Error::msg(format!(
                "cannot run {} ({e}); run scripts/setup.sh (make setup) to install Speculos",
                speculos_program().display()
            )))
        })?;
        let agent = ureq::AgentBuilder::new()
            .timeout_connect(Duration::from_secs(5))
            .timeout(Duration::from_secs(60))
            .build();
        let mut s = Speculos {
            device: opts.device,
            api_port,
            apdu_port,
            log_path,
            child: Some(child),
            agent,
            transport: Mutex::new(None),
            dismiss_status: AtomicBool::new(false),
        };
        match s.wait_ready(opts.start_timeout) {
            // Speculos moves to a random APDU port when its port is taken ("Port N is in
            // use. Trying a random available port..."): then 127.0.0.1:N is someone else.
            Ok(()) if s.log_tail(200).contains("is in use") => {
                s.stop();
                Err(StartError::PortTaken(Error::msg(format!("APDU port {apdu_port} was taken"))))
            }
            Ok(()) => Ok(s),
            Err(e) => {
                let log = s.log_tail(40);
                let taken =
                    log.contains("Address already in use") || log.contains("already in use");
                s.stop();
                let e = Error::msg(format!(
                    "{e}\n--- Speculos log {} (last lines) ---\n{log}",
                    s.log_path.display()
                ));
                Err(if taken { StartError::PortTaken(e) } else { StartError::Other(e) })
            }
        }
    }

    fn wait_ready(&mut self, timeout: Duration) -> Result<()> {
        let deadline = Instant::now() + timeout;
        // 1. The APDU port: the transport connects once Speculos listens.
        loop {
            self.check_alive()?;
            match SpeculosTransport::connect(self.apdu_addr()) {
                Ok(t) => {
                    *self.transport.lock().unwrap_or_else(|e| e.into_inner()) = Some(Arc::new(t));
                    break;
                }
                Err(e) if Instant::now() > deadline => {
                    return Err(Error::msg(format!(
                        "Speculos APDU port {} never answered: {e}",
                        self.apdu_port
                    )))
                }
                Err(_) => thread::sleep(Duration::from_millis(100)),
            }
        }
        // 2. The REST API, and 3. the app's first screen.
        loop {
            self.check_alive()?;
            if let Ok(screen) = self.current_screen() {
                if !screen.is_empty() {
                    return Ok(());
                }
            }
            if Instant::now() > deadline {
                return Err(Error::msg(format!(
                    "Speculos REST API on port {} did not show a screen within {:?}",
                    self.api_port, timeout
                )));
            }
            thread::sleep(Duration::from_millis(100));
        }
    }

    fn check_alive(&mut self) -> Result<()> {
        if let Some(child) = self.child.as_mut() {
            if let Ok(Some(status)) = child.try_wait() {
                self.child = None;
                return Err(Error::msg(format!("Speculos exited early ({status})")));
            }
        }
        Ok(())
    }

    /// Whether the Speculos process is still running (false after the app crashed or quit).
    pub fn is_running(&mut self) -> bool {
        self.check_alive().is_ok() && self.child.is_some()
    }

    /// After a review, the status screen ("Transaction signed"…) goes home by itself after
    /// 3 s. With `true`, the navigation records it and then dismisses it as a person may
    /// (any button on the Nanos, a tap on the touch screens), which saves those seconds
    /// in long test runs. Default `false`: wait for the timer.
    pub fn set_dismiss_status(&self, dismiss: bool) {
        self.dismiss_status.store(dismiss, Ordering::Relaxed);
    }

    /// Whether status screens are dismissed (see [`Speculos::set_dismiss_status`]).
    pub fn dismisses_status(&self) -> bool {
        self.dismiss_status.load(Ordering::Relaxed)
    }

    /// The APDU port, on 127.0.0.1.
    pub fn apdu_addr(&self) -> SocketAddr {
        SocketAddr::from(([127, 0, 0, 1], self.apdu_port))
    }

    /// The `--device` argument of the host CLI for this Speculos.
    pub fn cli_device_arg(&self) -> String {
        format!("speculos:127.0.0.1:{}", self.apdu_port)
    }

    /// The REST API base URL, on 127.0.0.1.
    pub fn api_url(&self) -> String {
        format!("http://127.0.0.1:{}", self.api_port)
    }

    /// The APDU transport of this Speculos (one TCP connection, shared; Speculos serves one
    /// client at a time). It implements `ledger_transport::Exchange`.
    pub fn transport(&self) -> Arc<SpeculosTransport> {
        let mut t = self.transport.lock().unwrap_or_else(|e| e.into_inner());
        if t.is_none() {
            *t = SpeculosTransport::connect(self.apdu_addr()).ok().map(Arc::new);
        }
        t.clone().expect("Speculos APDU port not reachable")
    }

    /// Opens a new APDU connection. Needed after another client (the host CLI) has used the
    /// APDU port: Speculos serves only the newest connection.
    pub fn reconnect(&self) -> Result<Arc<SpeculosTransport>> {
        let t = Arc::new(
            SpeculosTransport::connect(self.apdu_addr()).map_err(|e| Error::msg(e.to_string()))?,
        );
        *self.transport.lock().unwrap_or_else(|e| e.into_inner()) = Some(t.clone());
        Ok(t)
    }

    /// Sends a raw APDU and returns the reply data followed by the status word.
    pub fn exchange(&self, apdu: &[u8]) -> Result<Vec<u8>> {
        self.transport()
            .exchange_raw(apdu)
            .map_err(|e| Error::msg(format!("APDU {}: {e}", hex(apdu))))
    }

    /// Sends a raw APDU from another thread, for APDUs that wait on the user: navigate the
    /// screens meanwhile, then `join()` the handle for the reply (data + status word).
    pub fn exchange_in_background(&self, apdu: &[u8]) -> thread::JoinHandle<Result<Vec<u8>>> {
        let transport = self.transport();
        let apdu = apdu.to_vec();
        thread::spawn(move || {
            transport
                .exchange_raw(&apdu)
                .map_err(|e| Error::msg(format!("APDU {}: {e}", hex(&apdu))))
        })
    }

    // ---- REST API ------------------------------------------------------------------

    fn get_string(&self, path: &str) -> Result<String> {
        let url = format!("{}{}", self.api_url(), path);
        let resp =
            self.agent.get(&url).call().map_err(|e| Error::msg(format!("GET {url}: {e}")))?;
        resp.into_string().map_err(|e| Error::msg(format!("GET {url}: {e}")))
    }

    fn post_json(&self, path: &str, body: &serde_json::Value) -> Result<()> {
        let url = format!("{}{}", self.api_url(), path);
        self.agent
            .post(&url)
            .set("Content-Type", "application/json")
            .send_string(&body.to_string())
            .map_err(|e| Error::msg(format!("POST {url} {body}: {e}")))?;
        Ok(())
    }

    /// The text of the screen shown now.
    pub fn current_screen(&self) -> Result<Screen> {
        Screen::from_events_json(&self.get_string("/events?currentscreenonly=true")?)
            .map_err(Error::msg)
    }

    /// All text events since the last [`Speculos::clear_events`] (`GET /events`).
    pub fn events(&self) -> Result<Screen> {
        Screen::from_events_json(&self.get_string("/events")?).map_err(Error::msg)
    }

    /// Forgets the events seen so far (`DELETE /events`).
    pub fn clear_events(&self) -> Result<()> {
        let url = format!("{}/events", self.api_url());
        self.agent.delete(&url).call().map_err(|e| Error::msg(format!("DELETE {url}: {e}")))?;
        Ok(())
    }

    /// A PNG of the display (`GET /screenshot`).
    pub fn screenshot(&self) -> Result<Vec<u8>> {
        let url = format!("{}/screenshot", self.api_url());
        let resp =
            self.agent.get(&url).call().map_err(|e| Error::msg(format!("GET {url}: {e}")))?;
        let mut png = Vec::new();
        resp.into_reader().read_to_end(&mut png)?;
        Ok(png)
    }

    /// Presses and releases a button (Nanos).
    pub fn press(&self, button: Button) -> Result<()> {
        self.post_json(
            &format!("/button/{}", button.path()),
            &serde_json::json!({"action": "press-and-release"}),
        )
    }

    /// Presses and releases a button at once. Speculos' default press holds the button
    /// for 0.1 s and waits 0.1 s after the release, each waited out on its 0.1 s ticker
    /// (0.2 to 0.4 s a press); a caller that waits for the redraw itself (the review walk,
    /// [`Speculos::act_and_settle`]) needs neither: a 400-page review goes twice as fast.
    pub fn press_quick(&self, button: Button) -> Result<()> {
        self.post_json(
            &format!("/button/{}", button.path()),
            &serde_json::json!({"action": "press-and-release", "delay": 0}),
        )
    }

    /// Taps the touch screen at `p`.
    pub fn tap(&self, p: Point) -> Result<()> {
        self.post_json(
            "/finger",
            &serde_json::json!({"action": "press-and-release", "x": p.x, "y": p.y}),
        )
    }

    /// Presses at `p` for `hold` and releases (hold-to-sign). Returns after the release.
    pub fn hold(&self, p: Point, hold: Duration) -> Result<()> {
        self.post_json(
            "/finger",
            &serde_json::json!({"action": "press-and-release", "x": p.x, "y": p.y, "delay": hold.as_secs_f64()}),
        )
    }

    /// Touches `from`, moves to `to` and lifts the finger at once (a swipe without the
    /// 0.1 to 0.2 s Speculos holds the finger down by default; see [`Self::press_quick`]).
    pub fn swipe_quick(&self, from: Point, to: Point) -> Result<()> {
        self.post_json(
            "/finger",
            &serde_json::json!({"action": "press-and-release", "x": from.x, "y": from.y, "x2": to.x, "y2": to.y, "delay": 0}),
        )
    }

    /// Touches `from`, moves to `to` and lifts the finger (a swipe).
    pub fn swipe(&self, from: Point, to: Point) -> Result<()> {
        self.post_json(
            "/finger",
            &serde_json::json!({"action": "press-and-release", "x": from.x, "y": from.y, "x2": to.x, "y2": to.y}),
        )
    }

    // ---- logs and shutdown -----------------------------------------------------------

    /// The last `n` lines of the Speculos log.
    pub fn log_tail(&self, n: usize) -> String {
        let log = fs::read_to_string(&self.log_path).unwrap_or_default();
        let lines: Vec<&str> = log.lines().collect();
        lines[lines.len().saturating_sub(n)..].join("\n")
    }

    /// Stops Speculos and its qemu: SIGTERM to the process group, SIGKILL after 3 s.
    pub fn stop(&mut self) {
        *self.transport.lock().unwrap_or_else(|e| e.into_inner()) = None;
        let Some(mut child) = self.child.take() else {
            return;
        };
        let pgid = child.id() as libc::pid_t;
        // SAFETY: plain syscalls on the process group we created (pgid = Speculos' pid).
        unsafe { libc::kill(-pgid, libc::SIGTERM) };
        let deadline = Instant::now() + Duration::from_secs(3);
        loop {
            match child.try_wait() {
                Ok(Some(_)) => break,
                Ok(None) if Instant::now() < deadline => thread::sleep(Duration::from_millis(50)),
                _ => {
                    unsafe { libc::kill(-pgid, libc::SIGKILL) };
                    let _ = child.wait();
                    break;
                }
            }
        }
        // qemu may outlive Speculos by a moment; make sure nothing of the group is left.
        unsafe { libc::kill(-pgid, libc::SIGKILL) };
        let mut ports = taken_ports().lock().unwrap_or_else(|e| e.into_inner());
        ports.remove(&self.api_port);
        ports.remove(&self.apdu_port);
    }
}

impl Drop for Speculos {
    fn drop(&mut self) {
        if thread::panicking() {
            eprintln!(
                "=== {} Speculos log: {} (last 30 lines) ===\n{}\n=== end of Speculos log ===",
                self.device,
                self.log_path.display(),
                self.log_tail(30)
            );
        }
        self.stop();
    }
}

enum StartError {
    PortTaken(Error),
    Other(Error),
}

pub(crate) fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn free_ports_differ() {
        let ports: Vec<u16> = (0..20).map(|_| free_port().unwrap()).collect();
        let unique: HashSet<u16> = ports.iter().copied().collect();
        assert_eq!(unique.len(), ports.len());
        assert!(ports.iter().all(|p| *p != 0));
    }

    #[test]
    fn missing_elf_is_a_clear_error() {
        let err = Speculos::start_with(Options::new(Device::Flex).elf("/nonexistent/app.elf"))
            .err()
            .unwrap();
        assert!(err.to_string().contains("no app ELF at /nonexistent/app.elf"), "{err}");
    }
}
