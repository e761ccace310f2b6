//! `make demo`: runs the MilkyWay app in Speculos and walks a MilkyWay user's session,
//! printing every screen the device shows. It never fakes a step: a step whose pieces do
//! not exist yet (in the app or in the host CLI) is reported as NOT AVAILABLE YET, with
//! the reason, and the demo goes on.
//!
//!   demo [--device nanosp|nanox|stax|flex|apex_p] [--cli PATH]
//!
//! The session's device steps go through the host CLI (`milkyway-ledger`, built by `make
//! demo`), run as a subprocess with `--device speculos:127.0.0.1:<apdu port>`, while the
//! demo reads the screens and approves on the device like a person would.

use std::path::PathBuf;
use std::process::{Command, ExitCode};
use std::time::{Duration, Instant};

use milkyway_e2e::app::{self, split_reply, sw, VersionInfo};
use milkyway_e2e::cli::{self, Echo};
use milkyway_e2e::{paths, Capture, Decision, Device, Flow, Screen, Speculos};

/// How a step ended.
enum Outcome {
    Done,
    NotAvailable(String),
    Failed(String),
}

struct Demo {
    sim: Speculos,
    cli: Option<PathBuf>,
    cli_help: String,
    results: Vec<(String, Outcome)>,
}

fn main() -> ExitCode {
    let mut device = std::env::var("DEVICE").ok().unwrap_or_else(|| "nanosp".to_string());
    let mut cli: Option<PathBuf> = None;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--device" => device = args.next().unwrap_or_default(),
            "--cli" => cli = args.next().map(PathBuf::from),
            "-h" | "--help" => {
                println!("usage: demo [--device nanosp|nanox|stax|flex|apex_p] [--cli PATH-TO-milkyway-ledger]");
                return ExitCode::SUCCESS;
            }
            other => {
                eprintln!("demo: unknown argument {other}");
                return ExitCode::from(2);
            }
        }
    }
    let device: Device = match device.parse() {
        Ok(d) => d,
        Err(e) => {
            eprintln!("demo: {e}");
            return ExitCode::from(2);
        }
    };
    let cli = cli.or_else(|| {
        let p = paths::target_dir().join("debug").join("milkyway-ledger");
        p.exists().then_some(p)
    });

    println!(
        "MilkyWay Ledger app demo on {device} (Speculos, test seed \"{}\")",
        milkyway_e2e::TEST_MNEMONIC
    );
    println!();
    println!("== Start the app in Speculos");
    let t = Instant::now();
    let sim = match Speculos::start(device, "demo") {
        Ok(s) => s,
        Err(e) => {
            eprintln!("demo: Speculos did not start: {e}");
            return ExitCode::FAILURE;
        }
    };
    println!(
        "   {} started in {:.1}s: APDU 127.0.0.1:{}, REST API {}, log {}",
        paths::app_elf(device).display(),
        t.elapsed().as_secs_f64(),
        sim.apdu_port,
        sim.api_url(),
        sim.log_path.display()
    );
    let cli_help = cli
        .as_ref()
        .and_then(|c| Command::new(c).arg("--help").output().ok())
        .map(|o| String::from_utf8_lossy(&o.stdout).into_owned())
        .unwrap_or_default();
    let mut demo = Demo { sim, cli, cli_help, results: Vec::new() };

    demo.step("Home screen", Demo::home);
    demo.step("App version (GET_VERSION)", Demo::version);
    demo.step("Show the milk1… address and check it on the device", Demo::address);
    demo.step("Sign a restake (restaking) transaction", |d| d.cli_sign("restake"));
    demo.step("Sign a governance vote", |d| d.cli_sign("vote"));

    println!();
    println!("== Summary");
    let mut failed = 0;
    for (name, outcome) in &demo.results {
        match outcome {
            Outcome::Done => println!("   done                {name}"),
            Outcome::NotAvailable(why) => println!("   NOT AVAILABLE YET   {name}: {why}"),
            Outcome::Failed(why) => {
                failed += 1;
                println!("   FAILED              {name}: {why}");
            }
        }
    }
    if failed > 0 {
        println!("   Speculos log: {}", demo.sim.log_path.display());
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

impl Demo {
    fn step(&mut self, name: &str, f: impl FnOnce(&mut Demo) -> Outcome) {
        println!();
        println!("== {name}");
        let outcome = f(self);
        match &outcome {
            Outcome::Done => println!("   -> done"),
            Outcome::NotAvailable(why) => println!("   -> NOT AVAILABLE YET: {why}"),
            Outcome::Failed(why) => println!("   -> FAILED: {why}"),
        }
        self.results.push((name.to_string(), outcome));
    }

    fn home(&mut self) -> Outcome {
        match self.sim.wait_for_home(Duration::from_secs(15)) {
            Ok(screen) => {
                print_screen("home", &screen);
                Outcome::Done
            }
            Err(e) => Outcome::Failed(e.to_string()),
        }
    }

    fn version(&mut self) -> Outcome {
        let reply = match self.sim.exchange(&[app::CLA, app::INS_GET_VERSION, 0, 0, 0]) {
            Ok(r) => r,
            Err(e) => return Outcome::Failed(e.to_string()),
        };
        let (data, status) = match split_reply(&reply) {
            Ok(x) => x,
            Err(e) => return Outcome::Failed(e.to_string()),
        };
        if status != sw::OK {
            return Outcome::Failed(format!("status 0x{status:04X}"));
        }
        let v = match VersionInfo::parse(data) {
            Ok(v) => v,
            Err(e) => return Outcome::Failed(e.to_string()),
        };
        println!(
            "   app version {}.{}.{} (test mode {}, locked {}, target id 0x{:08X})",
            v.major,
            v.minor,
            v.patch,
            yes_no(v.test_mode),
            yes_no(v.locked),
            v.target_id
        );
        match app::app_version() {
            Ok(expected) if expected == (v.major, v.minor, v.patch) => {
                println!("   matches app/Cargo.toml");
                Outcome::Done
            }
            Ok(expected) => Outcome::Failed(format!("app/Cargo.toml says {expected:?}")),
            Err(e) => Outcome::Failed(e.to_string()),
        }
    }

    /// `milkyway-ledger address --show`: the CLI asks for the address, the device shows it,
    /// the demo approves it there, the CLI checks it against the public key.
    fn address(&mut self) -> Outcome {
        if let Some(why) = self.cli_missing("address") {
            return Outcome::NotAvailable(why);
        }
        let (outcome, stdout, flows) = self.run_cli(&["address", "--show"]);
        if !matches!(outcome, Outcome::Done) {
            return outcome;
        }
        // The address the CLI printed must be the one the device showed.
        let printed: Vec<&str> = stdout
            .iter()
            .flat_map(|l| l.split(|c: char| !c.is_ascii_alphanumeric()))
            .filter(|w| w.starts_with("milk1"))
            .collect();
        let Some(address) = printed.first() else {
            return Outcome::Failed("the CLI printed no milk1 address".to_string());
        };
        if !flows.iter().any(|f| f.contains(address)) {
            return Outcome::Failed(format!("the device did not show {address}"));
        }
        println!("   the device showed {address}, the address the CLI printed");
        Outcome::Done
    }

    /// Signs a transaction through the CLI (which verifies the signature and prints the
    /// signed TxRaw), approving the review on the device.
    fn cli_sign(&mut self, what: &str) -> Outcome {
        // The app must have SIGN_SECP256K1: an init chunk without data gets a path error
        // from an app that signs, 0x6D00 from one that does not yet.
        self.sim.reconnect().ok();
        match self.sim.exchange(&[app::CLA, app::INS_SIGN, 0, 0, 0]).map(|r| split_reply(&r).map(|(_, s)| s).unwrap_or(0)) {
            Ok(sw::INS_NOT_SUPPORTED) => {
                return Outcome::NotAvailable(
                    "the app answers 0x6D00 to SIGN_SECP256K1 (INS 0x02): its signing review has not landed".to_string(),
                )
            }
            Ok(_) => {}
            Err(e) => return Outcome::Failed(e.to_string()),
        }
        // The session's transactions (account number and sequence as a chain would give them).
        let args: &[&str] = match what {
            "restake" => &[
                "restake",
                "operator",
                "1",
                "10MILK",
                "--account-number",
                "12",
                "--sequence",
                "3",
                "--fee",
                "5000umilk",
                "--memo",
                "MilkyWay Ledger demo",
            ],
            _ => &[
                "vote",
                "1",
                "yes",
                "--account-number",
                "12",
                "--sequence",
                "4",
                "--fee",
                "5000umilk",
            ],
        };
        if let Some(why) = self.cli_missing(args[0]) {
            return Outcome::NotAvailable(why);
        }
        self.run_cli(args).0
    }

    /// Why the CLI cannot run `command`, if it cannot.
    fn cli_missing(&self, command: &str) -> Option<String> {
        match &self.cli {
            None => {
                Some("the host CLI milkyway-ledger is not built (make demo builds it)".to_string())
            }
            Some(c) if !self.cli_has(command) => {
                Some(format!("the host CLI {} has no `{command}` command yet", c.display()))
            }
            Some(_) => None,
        }
    }

    fn cli_has(&self, command: &str) -> bool {
        self.cli.is_some()
            && self.cli_help.lines().any(|l| l.split_whitespace().next() == Some(command))
    }

    /// Runs the CLI against this Speculos (`--device speculos:127.0.0.1:<port>`); approves
    /// every review it causes on the device, printing each screen, and prints what the CLI
    /// printed. Returns the outcome, the CLI's stdout lines and the reviews' screens.
    fn run_cli(&mut self, args: &[&str]) -> (Outcome, Vec<String>, Vec<Flow>) {
        let program = self.cli.clone().expect("checked by cli_missing");
        let args = cli::args(args);
        println!(
            "   $ milkyway-ledger {} --device {}",
            cli::shell_words(&args),
            self.sim.cli_device_arg()
        );
        let run = cli::run_on_device(
            &self.sim,
            &program,
            &args,
            Decision::Approve,
            Capture::Text,
            Echo::Print,
            |flow| {
                println!("   the device showed (approved by the demo):");
                print_flow(flow);
            },
        );
        match run {
            Ok(run) => {
                let outcome = if run.status.success() {
                    Outcome::Done
                } else {
                    Outcome::Failed(format!("milkyway-ledger exited with {}", run.status))
                };
                let stdout = run.stdout.lines().map(str::to_string).collect();
                (outcome, stdout, run.flows)
            }
            Err(e) => (Outcome::Failed(e.to_string()), vec![], vec![]),
        }
    }
}

fn print_screen(title: &str, s: &Screen) {
    println!("   ┌─ {title}");
    for line in s.text().lines() {
        println!("   │ {line}");
    }
    println!("   └─");
}

fn print_flow(flow: &Flow) {
    for (i, shot) in flow.shots.iter().enumerate() {
        print_screen(&format!("screen {}", i + 1), &shot.screen);
    }
}

fn yes_no(b: bool) -> &'static str {
    if b {
        "yes"
    } else {
        "no"
    }
}
