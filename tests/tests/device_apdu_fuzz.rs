//! APDU fuzz against the real device binary in Speculos, on each of the five devices
//! (issue 6): thousands of random and mutated APDUs and SIGN sequences. Every APDU must
//! be answered with a status word (a dropped connection means the app died; no answer
//! within the time limit means it hangs); an APDU that happens to start a review (a
//! mutated document that is still valid, a shown address) is rejected on the device and
//! must then answer 0x6986. Afterwards the app must still sign a valid transaction whose
//! signature verifies.
//!
//! `MW_APDU_FUZZ_COUNT` sets the APDUs per device (default 1500, the CI smoke);
//! `MW_APDU_FUZZ_SEED` the generator's seed (default: fixed, so a failure reproduces).
//! The status words seen are printed per device (`--nocapture`).
//!
//! Built only with `--features device` (see tests/Cargo.toml).

#![cfg(feature = "device")]

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use milkyway_e2e::signing::{self, Client};
use milkyway_e2e::{Capture, Decision, Device, Speculos};
use milkyway_ledger::cli::build;
use milkyway_ledger::client::HdPath;
use milkyway_ledger::denoms::MILKYWAY;
use milkyway_ledger::msgs::coin;
use milkyway_ledger::tx::{SignMode, TxBuilder};

/// xorshift64*: small, deterministic, good enough to pick mutations.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn byte(&mut self) -> u8 {
        self.next() as u8
    }
    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
    fn bytes(&mut self, n: usize) -> Vec<u8> {
        (0..n).map(|_| self.byte()).collect()
    }
}

/// Flips, replaces, inserts, deletes or truncates a few bytes of `data`.
fn mutate(rng: &mut Rng, data: &mut Vec<u8>) {
    for _ in 0..1 + rng.below(4) {
        let len = data.len();
        match rng.below(6) {
            0 if len > 0 => {
                let i = rng.below(len);
                data[i] ^= 1 << rng.below(8);
            }
            1 if len > 0 => {
                let i = rng.below(len);
                data[i] = rng.byte();
            }
            2 => {
                let i = rng.below(len + 1);
                data.insert(i, rng.byte());
            }
            3 if len > 0 => {
                data.remove(rng.below(len));
            }
            4 if len > 0 => data.truncate(rng.below(len)),
            _ => {
                let i = rng.below(len + 1);
                let n = 1 + rng.below(8);
                let extra = rng.bytes(n);
                data.splice(i..i, extra);
            }
        }
    }
}

/// A header and data, with Lc right (mostly) or wrong.
fn apdu(rng: &mut Rng, cla: u8, ins: u8, p1: u8, p2: u8, data: &[u8]) -> Vec<u8> {
    let data = &data[..data.len().min(255)];
    let lc = if rng.chance(90) { data.len() as u8 } else { rng.byte() };
    let mut a = vec![cla, ins, p1, p2, lc];
    a.extend_from_slice(data);
    a
}

/// One step of the fuzz: a few APDUs to send in order.
fn generate(rng: &mut Rng, init: &[u8], doc: &[u8], addr: &[u8]) -> Vec<Vec<u8>> {
    let p2 = |rng: &mut Rng| if rng.chance(80) { [0u8, 2][rng.below(2)] } else { rng.byte() % 4 };
    match rng.below(10) {
        // Anything at all, 1 to 260 bytes (headers cut short included). Not 0: Speculos
        // does not pass an empty frame to the app, and USB HID cannot carry one.
        0 | 1 => {
            let n = 1 + rng.below(260);
            vec![rng.bytes(n)]
        }
        // Our class, any instruction and parameters, random data.
        2 => {
            let ins = [0u8, 2, 4, rng.byte()][rng.below(4)];
            let (p1, p2v) = (rng.byte() % 4, rng.byte() % 4);
            let n = rng.below(256);
            let data = rng.bytes(n);
            vec![apdu(rng, 0x55, ins, p1, p2v, &data)]
        }
        // GET_ADDR with mutated data, silent or shown.
        3 => {
            let mut d = addr.to_vec();
            mutate(rng, &mut d);
            let p1 = if rng.chance(70) { 0 } else { 1 };
            vec![apdu(rng, 0x55, 4, p1, 0, &d)]
        }
        // SIGN chunks in any order with mutated pieces.
        4..=6 => (0..1 + rng.below(6))
            .map(|_| {
                let p1 = if rng.chance(90) { rng.below(3) as u8 } else { rng.byte() };
                let mut d = match p1 {
                    0 => init.to_vec(),
                    _ => {
                        let start = rng.below(doc.len());
                        doc[start..(start + 250).min(doc.len())].to_vec()
                    }
                };
                if rng.chance(60) {
                    mutate(rng, &mut d);
                }
                let p2v = p2(rng);
                apdu(rng, 0x55, 2, p1, p2v, &d)
            })
            .collect(),
        // A whole SIGN session over a mutated document: init, adds, last.
        _ => {
            let mut d = doc.to_vec();
            mutate(rng, &mut d);
            let mode = p2(rng);
            let mut out = vec![apdu(rng, 0x55, 2, 0, mode, init)];
            let chunks: Vec<&[u8]> = d.chunks(250).collect();
            for (i, c) in chunks.iter().enumerate() {
                let p1 = if i + 1 == chunks.len() { 2 } else { 1 };
                out.push(apdu(rng, 0x55, 2, p1, mode, c));
            }
            out
        }
    }
}

/// Sends one APDU; when it starts a review, rejects it on the device. Returns the
/// status word and whether a review had to be rejected.
fn send(sim: &Speculos, client: &std::sync::Arc<Client>, apdu: &[u8]) -> (u16, bool) {
    let a = apdu.to_vec();
    let pending = signing::in_background(client, move |c| signing::raw(c, &a));
    let start = Instant::now();
    let mut rejected = false;
    while !pending.is_finished() {
        if !rejected && start.elapsed() > Duration::from_secs(2) {
            // No answer yet: the app is waiting for the person (a review) — or hangs.
            sim.decide(Decision::Reject, Capture::Text).unwrap_or_else(|e| {
                panic!(
                    "no answer to {} and no review to reject: {e}\n{}",
                    hex(apdu),
                    sim.log_tail(40)
                )
            });
            rejected = true;
        }
        if start.elapsed() > Duration::from_secs(60) {
            panic!("the app hangs on APDU {}:\n{}", hex(apdu), sim.log_tail(30));
        }
        std::thread::sleep(Duration::from_millis(2));
    }
    match pending.join().expect("APDU thread") {
        Ok((_, sw)) => (sw, rejected),
        Err(e) => panic!(
            "APDU {} got no status word ({e}): the app died?\n{}",
            hex(apdu),
            sim.log_tail(30)
        ),
    }
}

fn hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}

fn fuzz(device: Device) {
    let count: usize =
        std::env::var("MW_APDU_FUZZ_COUNT").ok().and_then(|v| v.parse().ok()).unwrap_or(1500);
    let seed: u64 =
        std::env::var("MW_APDU_FUZZ_SEED").ok().and_then(|v| v.parse().ok()).unwrap_or(0x4D49_4C4B);
    let sim = Speculos::start(device, "apdu_fuzz").unwrap();
    sim.wait_for_home(Duration::from_secs(15)).unwrap();
    let client = signing::connect(&sim).unwrap();

    let path = HdPath::new(0, 0);
    let key = client.get_address(&path, "milk", false).unwrap();
    let restake = build::restake(&MILKYWAY, &key.address, "operator", Some(1), "2MILK").unwrap();
    let tx = TxBuilder::new(MILKYWAY.chain_id)
        .msg(restake)
        .memo("apdu fuzz")
        .fee(vec![coin("5000", "umilk")], 200_000)
        .account_number(3)
        .sequence(9)
        .build()
        .unwrap();
    let doc = tx.sign_bytes(SignMode::Direct, &key.public_key).unwrap();
    let init = signing::init_data(&path, Some("milk"));
    let mut addr = vec![4u8];
    addr.extend_from_slice(b"milk");
    addr.extend_from_slice(&path.to_bytes());

    let mut rng = Rng(seed ^ (device as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    let mut seen: BTreeMap<u16, usize> = BTreeMap::new();
    let (mut sent, mut reviews) = (0usize, 0usize);
    let started = Instant::now();
    while sent < count {
        for a in generate(&mut rng, &init, &doc, &addr) {
            let (sw, rejected) = send(&sim, &client, &a);
            if rejected {
                reviews += 1;
                assert_eq!(
                    sw,
                    0x6986,
                    "{device}: a rejected review answered 0x{sw:04X} to {}",
                    hex(&a)
                );
                sim.wait_for_home(Duration::from_secs(15)).unwrap();
            }
            *seen.entry(sw).or_default() += 1;
            sent += 1;
        }
    }
    let elapsed = started.elapsed();
    println!(
        "{device}: {sent} APDUs in {:.1}s, {reviews} reviews rejected, status words: {}",
        elapsed.as_secs_f64(),
        seen.iter().map(|(sw, n)| format!("{sw:04X}x{n}")).collect::<Vec<_>>().join(" ")
    );
    // A crash would have dropped the connection; still, check the app is alive and sane.
    assert!(seen.len() > 3, "{device}: the fuzz reached too few paths: {seen:?}");

    // And it still signs correctly: a fresh, valid transaction, approved, verifies.
    let (flow, reply) = signing::sign_with_review(
        &sim,
        &client,
        path,
        Some("milk"),
        SignMode::Direct,
        &doc,
        Decision::Approve,
        Capture::Text,
    )
    .unwrap();
    let der =
        reply.unwrap_or_else(|e| panic!("{device}: signing after the fuzz: {e}\n{}", flow.text()));
    signing::check_signature(&key.public_key, &doc, &der)
        .unwrap_or_else(|e| panic!("{device}: {e}"));
}

#[test]
fn nanosp() {
    fuzz(Device::NanoSPlus)
}

#[test]
fn nanox() {
    fuzz(Device::NanoX)
}

#[test]
fn stax() {
    fuzz(Device::Stax)
}

#[test]
fn flex() {
    fuzz(Device::Flex)
}

#[test]
fn apex_p() {
    fuzz(Device::ApexP)
}
