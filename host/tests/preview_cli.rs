//! `milkyway-ledger preview FILE` and `--preview` on a transaction command: the numbered
//! screens on stdout, without a device; the device's refusal reason and exit code 5 when
//! it would refuse. The expected screens are written by hand from the core's display
//! rules (see core/tests/messages.rs).

use std::path::PathBuf;
use std::process::{Command, Output};

use milkyway_ledger::preview::PREVIEW_PUBLIC_KEY;
use milkyway_ledger::tx::{SignMode, Tx};

/// The address of the test seed (account 0, index 0), as the device shows it.
const ME: &str = "milk1w34k53py5v5xyluazqpq65agyajavep2d6e7j9";
const MILKTIA: &str = "ibc/16065EE5282C5217685C8F084FC44864C25C706AC37356B0D62811D50B96920F";

fn cli(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_milkyway-ledger"))
        .args(args)
        .output()
        .expect("run milkyway-ledger")
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

/// Writes `text` to a file of its own under the target directory.
fn file(name: &str, text: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("preview_cli");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

fn restake_file() -> String {
    format!(
        r#"{{"chain_id":"milkyway","account_number":"12","sequence":"3",
"fee":{{"amount":[{{"amount":"5000","denom":"umilk"}}],"gas":"200000"}},"memo":"first restake",
"msgs":[{{"type":"milkyway/MsgDelegatePool","value":{{"delegator":"{ME}","amount":{{"amount":"10500000","denom":"{MILKTIA}"}}}}}}]}}"#
    )
}

#[test]
fn preview_file_prints_the_numbered_screens_in_both_modes() {
    let path = file("restake.json", &restake_file());
    let want = "1. Action: Restake to pool\n2. Amount: 10.5 milkTIA\n3. Memo: first restake\n4. Chain: MilkyWay\n5. Fees: 0.005 MILK\n";
    for mode in ["direct", "amino"] {
        let o = cli(&["preview", path.to_str().unwrap(), "--mode", mode]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        assert_eq!(stdout(&o), want, "{mode}");
        assert!(
            stderr(&o).contains(
                "The device will show \"Review transaction to restake milkTIA\", these 5 screens"
            ) && stderr(&o).contains("then ask \"Sign transaction to restake milkTIA?\""),
            "{}",
            stderr(&o)
        );
        assert!(
            stderr(&o).contains(&format!("signer fields equal to {ME} are not shown")),
            "{}",
            stderr(&o)
        );
    }
    // Expert mode adds account number, sequence and gas; another signing account sees the
    // delegator.
    let other = "milk1qg5ega6dykkxc307y25pecuufrjkxkaggkkxh7nad0vhyhtuhw3ssgcye4";
    let o = cli(&["preview", path.to_str().unwrap(), "--expert", "--address", other]);
    assert_eq!(
        stdout(&o),
        format!(
            "1. Action: Restake to pool\n2. Delegator: {ME}\n3. Amount: 10.5 milkTIA\n4. Memo: first restake\n\
5. Chain: MilkyWay\n6. Fees: 0.005 MILK\n7. Account number: 12\n8. Sequence: 3\n9. Gas: 200000\n"
        )
    );
    assert_eq!(
        cli(&["preview", path.to_str().unwrap(), "--address", "milk1nope"]).status.code(),
        Some(2)
    );
}

#[test]
fn preview_flag_on_a_transaction_command() {
    // No device, no account number or sequence needed.
    let o = cli(&[
        "restake",
        "pool",
        "10.5milkTIA",
        "--fee",
        "5000umilk",
        "--preview",
        "--device",
        "speculos:127.0.0.1:1",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(stdout(&o), "1. Action: Restake to pool\n2. Amount: 10.5 milkTIA\n3. Chain: MilkyWay\n4. Fees: 0.005 MILK\n");
    let o = cli(&[
        "trust-services",
        "--service",
        "2:1,3",
        "--service",
        "5",
        "--preview",
        "--expert",
        "--mode",
        "amino",
        "--account-number",
        "12",
        "--sequence",
        "5",
        "--timeout-height",
        "900",
    ]);
    assert_eq!(
        stdout(&o),
        "1. Action: Trust services\n2. Trusted service 1/2: Service #2 with pools #1, #3\n\
3. Trusted service 2/2: Service #5 with all pools\n4. Chain: MilkyWay\n5. Fees: None\n6. Account number: 12\n\
7. Sequence: 5\n8. Gas: 200000\n9. Timeout height: 900\n"
    );
    // --expert and --address only go with --preview; signing still needs the account number.
    assert_eq!(
        cli(&["restake", "pool", "1MILK", "--expert", "--account-number", "1", "--sequence", "0"])
            .status
            .code(),
        Some(2)
    );
    assert_eq!(cli(&["restake", "pool", "1MILK"]).status.code(), Some(2));
    // An address of the wrong chain is an input error.
    assert_eq!(
        cli(&["restake", "pool", "1MILK", "--preview", "--address", "osmo1xyz"]).status.code(),
        Some(2)
    );
}

#[test]
fn refusals_print_the_device_reason_and_exit_5() {
    // An unknown message type: only expressible as raw sign bytes (the host's own file
    // reader knows the catalog and rejects it as invalid input, exit 2).
    let raw = r#"{"account_number":"12","chain_id":"milkyway","fee":{"amount":[],"gas":"200000"},"memo":"","msgs":[{"type":"milkyway/MsgSomethingNew","value":{}}],"sequence":"3"}"#;
    let path = file("unknown.json", &format!("{raw}\n"));
    let o = cli(&["preview", "--raw", "--mode", "amino", path.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(5));
    assert_eq!(stdout(&o), "");
    assert!(
        stderr(&o).contains("the device would refuse this transaction: Unknown message type (enable blind signing to sign it), in its reply to chunk 1 of 1"),
        "{}",
        stderr(&o)
    );
    let o = cli(&["preview", "--mode", "amino", path.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));

    // A chain id the device refuses, from the ordinary file format.
    let path = file(
        "chain1.json",
        &restake_file().replace(r#""chain_id":"milkyway""#, r#""chain_id":"1""#),
    );
    let o = cli(&["preview", path.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(5));
    assert!(stderr(&o).contains("Invalid chain id"), "{}", stderr(&o));
}

#[test]
fn the_device_chain_rule_applies_to_the_preview() {
    // A transaction command sends its chain's prefix: a chain id that is not that
    // chain's is refused outside expert mode, with the device's own reason.
    let args =
        ["vote", "7", "yes", "--fee", "5000umilk", "--preview", "--chain-id", "milkyway-devnet-9"];
    let o = cli(&args);
    assert_eq!(o.status.code(), Some(5), "{}", stderr(&o));
    assert_eq!(stdout(&o), "");
    assert!(
        stderr(&o).contains("the device would refuse this transaction: Chain id does not match the address prefix (expert mode allows it)"),
        "{}",
        stderr(&o)
    );
    // Expert mode allows it in Amino JSON, whose chain id comes before the messages.
    let o = cli(&[&args[..], &["--expert", "--mode", "amino"]].concat());
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("Chain: milkyway-devnet-9 (unknown chain)\n"), "{}", stdout(&o));
    // SIGN_MODE_DIRECT sends the chain id after the messages: the device shows them for
    // the prefix's chain (MilkyWay) and refuses, at the last chunk, a chain id that is not
    // the one they were shown for, expert mode or not.
    let o = cli(&[&args[..], &["--expert"]].concat());
    assert_eq!(o.status.code(), Some(5), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("Chain id is not the chain of the address prefix the messages were shown for, in its reply to chunk 1 of 1"),
        "{}",
        stderr(&o)
    );
    // The known testnet of the same prefix is allowed.
    let o = cli(&["vote", "7", "yes", "--preview", "--chain-id", "ceers-2112"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));

    // `preview FILE` sends no prefix (as cosmjs): an unknown chain id is refused outside
    // expert mode.
    let path = file(
        "devnet.json",
        &restake_file().replace(r#""chain_id":"milkyway""#, r#""chain_id":"milkyway-devnet-9""#),
    );
    let o = cli(&["preview", path.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(5), "{}", stderr(&o));
    assert!(stderr(&o).contains("Unknown chain id (expert mode allows it)"), "{}", stderr(&o));
    let o = cli(&["preview", path.to_str().unwrap(), "--expert"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}

#[test]
fn a_long_claim_is_held_or_streamed_as_the_device_model_does() {
    // 40 claims: the Nano S+ (default) holds the review, the Nano X streams it.
    let mut args: Vec<String> = ["claim-rewards", "--fee", "5000umilk", "--preview"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    for i in 1..=40 {
        args.extend(["--operator".to_owned(), i.to_string()]);
    }
    let run = |extra: &[&str]| {
        let all: Vec<&str> = args.iter().map(String::as_str).chain(extra.iter().copied()).collect();
        cli(&all)
    };
    let held = run(&[]);
    assert_eq!(held.status.code(), Some(0), "{}", stderr(&held));
    let out = stdout(&held);
    assert!(
        out.starts_with(" 1. Action 1/40: Claim restaking rewards\n 2. From: Operator #1\n"),
        "{out}"
    );
    assert!(out.contains("79. Action 40/40: Claim restaking rewards\n"), "{out}");
    assert!(out.ends_with("81. Chain: MilkyWay\n82. Fees: 0.005 MILK\n"), "{out}");
    assert!(
        stderr(&held).contains("The device will show \"Review transaction to claim restaking rewards\", these 82 screens"),
        "{}",
        stderr(&held)
    );
    let streamed = run(&["--model", "nanox"]);
    assert_eq!(streamed.status.code(), Some(0), "{}", stderr(&streamed));
    let out = stdout(&streamed);
    assert!(
        out.starts_with(" 1. Action 1: Claim restaking rewards\n 2. From: Operator #1\n"),
        "{out}"
    );
    assert!(out.contains("79. Action 40: Claim restaking rewards\n"), "{out}");
    assert!(!out.contains("/40"), "{out}");
    let err = stderr(&streamed);
    assert!(
        err.contains("The device (nanox) cannot hold this review")
            && err.contains(
                "\"Review long transaction / Shown in parts as it arrives\", these 82 screens"
            )
            && err.contains("then ask \"Sign transaction to claim restaking rewards?\""),
        "{err}"
    );
    // `preview FILE` names the model --device.
    let path = file("restake-nanox.json", &restake_file());
    let o = cli(&["preview", path.to_str().unwrap(), "--device", "nanox"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stderr(&o).contains("(direct mode, nanox)"), "{}", stderr(&o));
    assert_eq!(
        cli(&["preview", path.to_str().unwrap(), "--device", "nanos"]).status.code(),
        Some(2)
    );
}

#[test]
fn raw_direct_sign_doc_in_hex_or_base64() {
    let doc = milkyway_ledger::amino_json::parse(&restake_file()).unwrap();
    let tx = Tx::from_amino_sign_doc(&doc).unwrap();
    let bytes = tx.sign_bytes(SignMode::Direct, &PREVIEW_PUBLIC_KEY).unwrap();
    let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    use base64::Engine as _;
    let b64 = base64::engine::general_purpose::STANDARD.encode(&bytes);
    for (name, text) in [("doc.hex", hex), ("doc.b64", b64)] {
        let path = file(name, &text);
        let o = cli(&["preview", "--raw", path.to_str().unwrap(), "--address", ME]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        assert!(
            stdout(&o).starts_with("1. Action: Restake to pool\n2. Amount: 10.5 milkTIA\n"),
            "{}",
            stdout(&o)
        );
    }
    let path = file("doc.bad", "not a sign doc!");
    assert_eq!(cli(&["preview", "--raw", path.to_str().unwrap()]).status.code(), Some(2));
}

/// The screens of the session in host/README.md are what `--preview` prints for exactly
/// those commands: the README cannot drift from the device's rendering.
#[test]
fn readme_session_screens_are_the_preview_output() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let lines: Vec<&str> = readme.lines().collect();
    let mut checked = 0;
    for (i, line) in lines.iter().enumerate() {
        let Some(cmd) = line.strip_prefix("    $ milkyway-ledger ") else { continue };
        let screens: Vec<&str> = lines[i + 1..]
            .iter()
            .take_while(|l| l.trim_start().chars().next().is_some_and(|c| c.is_ascii_digit()))
            .map(|l| l.trim_start())
            .collect();
        if screens.is_empty() {
            continue;
        }
        let want: String = screens.iter().map(|s| format!("{s}\n")).collect();
        let address = if want.contains("Chain: Osmosis") {
            "osmo1w34k53py5v5xyluazqpq65agyajavep2tjvsv9"
        } else if want.contains("Chain: MilkyWay on Initia") {
            // The test seed's 44'/60' address (tests/clients/initia-vector.mjs).
            "init1jhj78sdamykdfgxpf33ysrd4seu5v2qaqdt00r"
        } else {
            ME
        };
        let mut args: Vec<&str> = cmd.split_whitespace().collect();
        args.extend(["--preview", "--address", address]);
        let o = cli(&args);
        assert_eq!(o.status.code(), Some(0), "{cmd}: {}", stderr(&o));
        assert_eq!(stdout(&o), want, "README: {cmd}");
        checked += 1;
    }
    assert!(checked >= 4, "only {checked} README commands with screens");
}
