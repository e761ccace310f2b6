//! The CLI's `--node` / `--gas auto` / `--broadcast` path, run as a process against two
//! local stand-ins on 127.0.0.1:
//!
//! * a **test server that is not a node**: it answers the four REST endpoints the CLI
//!   uses with the JSON shapes a Cosmos SDK 0.50 node's gRPC gateway returns
//!   (`/cosmos/auth/v1beta1/accounts/{addr}`, `/cosmos/tx/v1beta1/simulate`,
//!   `/cosmos/tx/v1beta1/txs`, `/cosmos/tx/v1beta1/txs/{hash}`), with the answers each
//!   test sets, and records what it was sent. It checks nothing a chain checks (no
//!   signature, fee or sequence rules): each test decides what it answers;
//! * a software device on the Speculos APDU framing that signs with a fixed k256 key
//!   (no review: the device's own behaviour is the device tier's business).
//!
//! Every failure must be one `error:` line on stderr with its own exit code.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::process::Command;
use std::sync::{Arc, Mutex};
use std::thread;

use base64::Engine as _;
use k256::ecdsa::signature::hazmat::PrehashSigner as _;
use k256::ecdsa::{Signature, SigningKey};
use milkyway_ledger::amino_json::{self, Json};
use milkyway_ledger::crypto;
use milkyway_ledger::msgs::{coin, restaking, Msg};
use milkyway_ledger::node::tx_hash;
use milkyway_ledger::tx::{DecodedTx, SignMode, TxBuilder};

// ------------------------------------------------------------------ the software device

fn device_key() -> SigningKey {
    SigningKey::from_slice(&[0x42; 32]).unwrap()
}

fn device_pubkey() -> [u8; 33] {
    device_key().verifying_key().to_encoded_point(true).as_bytes().try_into().unwrap()
}

/// Serves APDUs on 127.0.0.1 (Speculos framing: 4-byte length + APDU; reply 4-byte
/// length of the data + data + status word): GET_ADDR and SIGN.
fn start_device() -> SocketAddr {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut s) = stream else { return };
            thread::spawn(move || {
                let key = device_key();
                let mut buffer = Vec::new();
                loop {
                    let mut len = [0u8; 4];
                    if s.read_exact(&mut len).is_err() {
                        return;
                    }
                    let mut apdu = vec![0u8; u32::from_be_bytes(len) as usize];
                    if s.read_exact(&mut apdu).is_err() {
                        return;
                    }
                    let (ins, p1, data) = (apdu[1], apdu[2], &apdu[5..]);
                    let (reply, sw): (Vec<u8>, u16) = match (ins, p1) {
                        (0x04, _) => {
                            let hrp = std::str::from_utf8(&data[1..1 + data[0] as usize]).unwrap();
                            let mut out = device_pubkey().to_vec();
                            out.extend_from_slice(
                                crypto::address(&device_pubkey(), hrp).unwrap().as_bytes(),
                            );
                            (out, 0x9000)
                        }
                        (0x02, 0) => {
                            buffer.clear();
                            (vec![], 0x9000)
                        }
                        (0x02, 1) => {
                            buffer.extend_from_slice(data);
                            (vec![], 0x9000)
                        }
                        (0x02, 2) => {
                            buffer.extend_from_slice(data);
                            let sig: Signature =
                                key.sign_prehash(&crypto::sha256(&buffer)).unwrap();
                            (sig.to_der().as_bytes().to_vec(), 0x9000)
                        }
                        _ => (vec![], 0x6D00),
                    };
                    let mut frame = (reply.len() as u32).to_be_bytes().to_vec();
                    frame.extend_from_slice(&reply);
                    frame.extend_from_slice(&sw.to_be_bytes());
                    if s.write_all(&frame).is_err() {
                        return;
                    }
                }
            });
        }
    });
    addr
}

// ------------------------------------------------------------------ the test server

/// What the test server answers.
#[derive(Clone)]
struct Script {
    /// address → (account number, sequence); others are unknown (404, NotFound).
    accounts: HashMap<String, (u64, u64)>,
    gas_used: u64,
    /// CheckTx result of a broadcast: (code, codespace, raw_log).
    check_tx: (u32, &'static str, &'static str),
    /// The transaction query answers 404 this many times before it is found.
    polls_before_inclusion: usize,
    /// The block result: (code, raw_log).
    deliver: (u32, &'static str),
}

#[derive(Default)]
struct Seen {
    /// (method, path, body)
    requests: Vec<(String, String, String)>,
    polls: usize,
    /// The last broadcast transaction's bytes.
    broadcast: Option<Vec<u8>>,
}

struct TestServer {
    url: String,
    seen: Arc<Mutex<Seen>>,
}

fn b64d(s: &str) -> Vec<u8> {
    base64::engine::general_purpose::STANDARD.decode(s).unwrap()
}

fn tx_response(hash: &str, height: u64, code: u32, codespace: &str, raw_log: &str) -> String {
    // The SDK 0.50 TxResponse shape (gRPC gateway, 64-bit integers quoted).
    format!(
        r#"{{"height":"{height}","txhash":"{hash}","codespace":"{codespace}","code":{code},"data":"","raw_log":"{raw_log}","logs":[],"info":"","gas_wanted":"150000","gas_used":"91234","tx":null,"timestamp":"","events":[]}}"#
    )
}

fn start_node(script: Script) -> TestServer {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let seen = Arc::new(Mutex::new(Seen::default()));
    let seen2 = seen.clone();
    thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(stream) = stream else { return };
            serve(stream, &script, &seen2);
        }
    });
    TestServer { url, seen }
}

fn serve(stream: TcpStream, script: &Script, seen: &Mutex<Seen>) {
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut request_line = String::new();
    reader.read_line(&mut request_line).unwrap();
    let mut parts = request_line.split_whitespace();
    let (method, path) = (parts.next().unwrap().to_owned(), parts.next().unwrap().to_owned());
    let mut content_length = 0;
    loop {
        let mut line = String::new();
        reader.read_line(&mut line).unwrap();
        if line.trim().is_empty() {
            break;
        }
        if let Some((k, v)) = line.split_once(':') {
            if k.eq_ignore_ascii_case("content-length") {
                content_length = v.trim().parse().unwrap();
            }
        }
    }
    let mut body = vec![0u8; content_length];
    reader.read_exact(&mut body).unwrap();
    let body = String::from_utf8(body).unwrap();
    let mut seen = seen.lock().unwrap();
    seen.requests.push((method.clone(), path.clone(), body.clone()));
    let not_found = |what: &str| (404, format!(r#"{{"code":5,"message":"{what}","details":[]}}"#));
    let (status, json) = if let Some(addr) = path.strip_prefix("/cosmos/auth/v1beta1/accounts/") {
        match script.accounts.get(addr) {
            Some((n, s)) => (
                200,
                format!(
                    r#"{{"account":{{"@type":"/cosmos.auth.v1beta1.BaseAccount","address":"{addr}","pub_key":null,"account_number":"{n}","sequence":"{s}"}}}}"#
                ),
            ),
            None => not_found(&format!("account {addr} not found")),
        }
    } else if path == "/cosmos/tx/v1beta1/simulate" && method == "POST" {
        (
            200,
            format!(
                r#"{{"gas_info":{{"gas_wanted":"0","gas_used":"{}"}},"result":{{"data":"","log":"","events":[],"msg_responses":[]}}}}"#,
                script.gas_used
            ),
        )
    } else if path == "/cosmos/tx/v1beta1/txs" && method == "POST" {
        let req = amino_json::parse(&body).unwrap();
        let bytes = b64d(req.get("tx_bytes").and_then(Json::as_str).unwrap());
        let hash = tx_hash(&bytes);
        seen.broadcast = Some(bytes);
        let (code, codespace, log) = script.check_tx;
        (200, format!(r#"{{"tx_response":{}}}"#, tx_response(&hash, 0, code, codespace, log)))
    } else if let Some(hash) = path.strip_prefix("/cosmos/tx/v1beta1/txs/") {
        seen.polls += 1;
        let known = seen.broadcast.as_ref().map(|b| tx_hash(b)) == Some(hash.to_owned());
        if !known || seen.polls <= script.polls_before_inclusion {
            not_found(&format!("tx not found: {hash}"))
        } else {
            let (code, log) = script.deliver;
            let codespace = if code == 0 { "" } else { "sdk" };
            (
                200,
                format!(
                    r#"{{"tx":null,"tx_response":{}}}"#,
                    tx_response(hash, 4242, code, codespace, log)
                ),
            )
        }
    } else {
        (501, r#"{"code":12,"message":"Not Implemented","details":[]}"#.to_owned())
    };
    let mut s = stream;
    let _ = write!(
        s,
        "HTTP/1.1 {status} X\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{json}",
        json.len()
    );
}

// ------------------------------------------------------------------ running the CLI

fn me() -> String {
    crypto::address(&device_pubkey(), "milk").unwrap()
}

fn good_script() -> Script {
    Script {
        accounts: HashMap::from([(me(), (12, 3))]),
        gas_used: 91_234,
        check_tx: (0, "", ""),
        polls_before_inclusion: 1,
        deliver: (0, ""),
    }
}

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn run(device: SocketAddr, extra: &[&str]) -> Run {
    let out = Command::new(env!("CARGO_BIN_EXE_milkyway-ledger"))
        .args(["restake", "pool", "10.5milkTIA", "--fee", "5000umilk"])
        .args(["--device", &format!("speculos:{device}")])
        .args(extra)
        .output()
        .unwrap();
    Run {
        code: out.status.code().unwrap(),
        stdout: String::from_utf8(out.stdout).unwrap(),
        stderr: String::from_utf8(out.stderr).unwrap(),
    }
}

/// The restake the CLI must have signed, at `account`/`sequence` with `gas`.
fn expected_sign_bytes(mode: SignMode, account: u64, sequence: u64, gas: u64) -> Vec<u8> {
    TxBuilder::new("milkyway")
        .msg(restaking::MsgDelegatePool {
            delegator: me(),
            amount: Some(coin("10500000", milkyway_ledger::denoms::MILKTIA_ON_MILKYWAY)),
        })
        .fee(vec![coin("5000", "umilk")], gas)
        .account_number(account)
        .sequence(sequence)
        .build()
        .unwrap()
        .sign_bytes(mode, &device_pubkey())
        .unwrap()
}

/// The failure is one `error:` line on stderr, containing `text`, with exit `code`.
fn assert_fails(r: &Run, code: i32, text: &str) {
    assert_eq!(r.code, code, "stderr:\n{}", r.stderr);
    let errors: Vec<&str> = r.stderr.lines().filter(|l| l.starts_with("error:")).collect();
    assert_eq!(errors.len(), 1, "{}", r.stderr);
    assert!(errors[0].contains(text), "{:?} does not contain {text:?}", errors[0]);
    assert_eq!(r.stderr.lines().last(), Some(errors[0]), "the error is the last line");
}

#[test]
fn account_gas_auto_broadcast_and_inclusion_in_both_modes() {
    let device = start_device();
    for (mode, mode_arg) in [(SignMode::Direct, "direct"), (SignMode::AminoJson, "amino")] {
        let node = start_node(good_script());
        let r = run(
            device,
            &[
                "--node",
                &node.url,
                "--gas",
                "auto",
                "--gas-adjustment",
                "1.5",
                "--broadcast",
                "--mode",
                mode_arg,
            ],
        );
        assert_eq!(r.code, 0, "{}", r.stderr);
        let lines: Vec<&str> = r.stdout.lines().collect();
        let [tx_b64, hash, height, code] = lines.as_slice() else { panic!("stdout: {}", r.stdout) };
        let raw = b64d(tx_b64);
        assert_eq!(*hash, format!("txhash: {}", tx_hash(&raw)));
        assert_eq!((*height, *code), ("height: 4242", "code: 0"));

        // The account number and sequence are the node's; the gas limit is
        // ceil(91234 × 1.5) = 136851; the signature verifies over those sign bytes.
        let d = DecodedTx::decode(&raw).unwrap();
        assert_eq!((d.sequence, d.fee.gas_limit, d.mode), (3, 136_851, mode));
        let signature: [u8; 64] = d.signatures[0].as_slice().try_into().unwrap();
        crypto::verify(&device_pubkey(), &expected_sign_bytes(mode, 12, 3, 136_851), &signature)
            .unwrap();
        assert!(matches!(&d.msgs[..], [Msg::DelegatePool(m)] if m.delegator == me()));

        let seen = node.seen.lock().unwrap();
        let paths: Vec<(&str, &str)> =
            seen.requests.iter().map(|(m, p, _)| (m.as_str(), p.as_str())).collect();
        let get_tx = format!("/cosmos/tx/v1beta1/txs/{}", tx_hash(&raw));
        let account = format!("/cosmos/auth/v1beta1/accounts/{}", me());
        assert_eq!(
            paths,
            [
                ("GET", account.as_str()),
                ("POST", "/cosmos/tx/v1beta1/simulate"),
                ("POST", "/cosmos/tx/v1beta1/txs"),
                ("GET", get_tx.as_str()),
                ("GET", get_tx.as_str()),
            ]
        );
        // The simulation got the same transaction at gas 0 with an empty signature; the
        // broadcast the signed one, in sync mode.
        let sim = amino_json::parse(&seen.requests[1].2).unwrap();
        let sim = DecodedTx::decode(&b64d(sim.get("tx_bytes").unwrap().as_str().unwrap())).unwrap();
        assert_eq!((sim.fee.gas_limit, sim.signatures.clone()), (0, vec![vec![]]));
        assert_eq!((sim.msgs, sim.sequence, sim.mode), (d.msgs.clone(), 3, mode));
        let sent = amino_json::parse(&seen.requests[2].2).unwrap();
        assert_eq!(sent.get("mode").and_then(Json::as_str), Some("BROADCAST_MODE_SYNC"));
        assert_eq!(seen.broadcast.as_deref(), Some(raw.as_slice()));
    }
}

#[test]
fn explicit_numbers_win_and_no_broadcast_without_the_flag() {
    let device = start_device();
    let node = start_node(good_script());
    let r = run(device, &["--node", &node.url, "--sequence", "9", "--gas", "300000"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let raw = b64d(r.stdout.trim());
    let d = DecodedTx::decode(&raw).unwrap();
    assert_eq!((d.sequence, d.fee.gas_limit), (9, 300_000));
    let signature: [u8; 64] = d.signatures[0].as_slice().try_into().unwrap();
    crypto::verify(
        &device_pubkey(),
        &expected_sign_bytes(SignMode::Direct, 12, 9, 300_000),
        &signature,
    )
    .unwrap();
    let seen = node.seen.lock().unwrap();
    assert_eq!(seen.requests.len(), 1, "only the account was read");
}

#[test]
fn each_failure_has_its_line_and_exit_code() {
    let device = start_device();
    // Nothing listens on port 1 of loopback.
    let r = run(device, &["--node", "http://127.0.0.1:1", "--broadcast"]);
    assert_fails(&r, 7, "cannot reach the node at http://127.0.0.1:1");

    let node = start_node(Script { accounts: HashMap::new(), ..good_script() });
    let r = run(device, &["--node", &node.url, "--broadcast"]);
    assert_fails(&r, 8, &format!("account {} does not exist on the chain yet", me()));

    let fee_log = "insufficient fees; got: 5000umilk required: 9000umilk: insufficient fee";
    let node = start_node(Script { check_tx: (13, "sdk", fee_log), ..good_script() });
    let r = run(device, &["--node", &node.url, "--broadcast"]);
    assert_fails(&r, 9, fee_log);

    let seq_log = "account sequence mismatch, expected 4, got 3: incorrect account sequence";
    let node = start_node(Script { check_tx: (32, "sdk", seq_log), ..good_script() });
    let r = run(device, &["--node", &node.url, "--broadcast"]);
    assert_fails(&r, 10, seq_log);

    let funds_log = "spendable balance 1umilk is smaller than 5000umilk: insufficient funds";
    let node = start_node(Script { check_tx: (5, "sdk", funds_log), ..good_script() });
    let r = run(device, &["--node", &node.url, "--broadcast"]);
    assert_fails(&r, 11, &format!("rejected the transaction (code 5, codespace sdk): {funds_log}"));
    assert!(!r.stdout.contains("txhash"), "nothing was accepted");

    let out_of_gas =
        "out of gas in location: WriteFlat; gasWanted: 200000, gasUsed: 200123: out of gas";
    let node = start_node(Script { deliver: (11, out_of_gas), ..good_script() });
    let r = run(device, &["--node", &node.url, "--broadcast"]);
    assert_fails(&r, 12, out_of_gas);
    assert!(r.stdout.contains("txhash: "), "the hash is printed before waiting");

    let node = start_node(Script { polls_before_inclusion: 100, ..good_script() });
    let r = run(device, &["--node", &node.url, "--broadcast", "--broadcast-timeout", "2"]);
    assert_fails(&r, 13, "was not included within 2 s");
}

#[test]
fn node_options_need_a_node() {
    let device = start_device();
    // --gas auto and --broadcast need --node; without it, account number and sequence
    // are required as before.
    for extra in [&["--gas", "auto"][..], &["--broadcast"][..], &[][..]] {
        let r = run(device, extra);
        assert_eq!(r.code, 2, "{extra:?}: {}", r.stderr);
    }
    let r = run(device, &["--node", "127.0.0.1:1317"]);
    assert_fails(&r, 2, "invalid node URL");
}
