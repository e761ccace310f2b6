//! Signing through the host crate's device client against a Speculos, and checks of what
//! the device returns that do not rely on the client: a strict DER parser, the low-S
//! rule, verification of the signature over the exact sign bytes, and the hash a blind
//! review must show. Also the raw SIGN APDUs the protocol tests send, and sign documents
//! the host's builders cannot make on purpose (a message type the device does not know).

use std::sync::Arc;
use std::thread;

use milkyway_ledger::amino_json::Json;
use milkyway_ledger::client::{
    AddressInfo, BlockingDevice, DeviceError, HdPath, DEFAULT_CHUNK_SIZE,
};
use milkyway_ledger::crypto;
use milkyway_ledger::transport::SpeculosTransport;
use milkyway_ledger::tx::{SignMode, Signed, Tx};

use crate::app::{split_reply, CLA, INS_SIGN};
use crate::nav::{Capture, Decision, Flow};
use crate::speculos::{hex, Speculos};
use crate::{Error, Result};

/// The host crate's blocking client on a Speculos' APDU port.
pub type Client = BlockingDevice<SpeculosTransport>;

/// Opens the host client on its own APDU connection to `sim`. Speculos serves the newest
/// connection only: from now on send raw APDUs with [`raw`] on this client, not with
/// `sim.exchange` (or call `sim.reconnect()` first).
pub fn connect(sim: &Speculos) -> Result<Arc<Client>> {
    let t = SpeculosTransport::connect(sim.apdu_addr()).map_err(|e| Error::msg(e.to_string()))?;
    Ok(Arc::new(BlockingDevice::new(t)))
}

/// Sends a raw APDU on the client's connection: the reply data and the status word.
pub fn raw(client: &Client, apdu: &[u8]) -> Result<(Vec<u8>, u16)> {
    let reply = client
        .0
        .transport()
        .exchange_raw(apdu)
        .map_err(|e| Error::msg(format!("APDU {}: {e}", hex(apdu))))?;
    let (data, sw) = split_reply(&reply)?;
    Ok((data.to_vec(), sw))
}

/// A SIGN_SECP256K1 APDU.
pub fn sign_apdu(p1: u8, p2: u8, data: &[u8]) -> Vec<u8> {
    assert!(data.len() <= 255, "short APDU data of {} bytes", data.len());
    let mut apdu = vec![CLA, INS_SIGN, p1, p2, data.len() as u8];
    apdu.extend_from_slice(data);
    apdu
}

/// The data of a SIGN init chunk: the path, then the prefix if any.
pub fn init_data(path: &HdPath, hrp: Option<&str>) -> Vec<u8> {
    let mut d = path.to_bytes().to_vec();
    if let Some(h) = hrp {
        d.push(h.len() as u8);
        d.extend_from_slice(h.as_bytes());
    }
    d
}

/// SIGN P2 of a sign mode.
pub fn p2(mode: SignMode) -> u8 {
    milkyway_ledger::client::sign_p2(mode)
}

/// Sends every chunk of a signature but the last one (init, then the adds, 250 bytes
/// each as the Cosmos tooling does), checking each answers 0x9000; returns the last
/// chunk's APDU, to be sent while the review is navigated.
pub fn send_all_but_last(
    client: &Client,
    path: &HdPath,
    hrp: Option<&str>,
    mode: SignMode,
    bytes: &[u8],
) -> Result<Vec<u8>> {
    let (_, sw) = raw(client, &sign_apdu(0, p2(mode), &init_data(path, hrp)))?;
    if sw != 0x9000 {
        return Err(Error::msg(format!("SIGN init answered 0x{sw:04X}")));
    }
    let chunks: Vec<&[u8]> = bytes.chunks(DEFAULT_CHUNK_SIZE).collect();
    let (last, adds) = chunks.split_last().ok_or_else(|| Error::msg("nothing to sign"))?;
    for (i, c) in adds.iter().enumerate() {
        let (_, sw) = raw(client, &sign_apdu(1, p2(mode), c))?;
        if sw != 0x9000 {
            return Err(Error::msg(format!("SIGN add #{i} answered 0x{sw:04X}")));
        }
    }
    Ok(sign_apdu(2, p2(mode), last))
}

/// Sends `bytes` to sign with raw APDUs, for a document the device refuses without a
/// review: the reply of the first chunk not answered 0x9000 (the device decodes as the
/// chunks arrive, so it refuses at the chunk where the document breaks a rule), or the
/// last chunk's.
pub fn send_until_refused(
    client: &Client,
    path: &HdPath,
    hrp: Option<&str>,
    mode: SignMode,
    bytes: &[u8],
) -> Result<(Vec<u8>, u16)> {
    let init = raw(client, &sign_apdu(0, p2(mode), &init_data(path, hrp)))?;
    if init.1 != 0x9000 {
        return Ok(init);
    }
    let chunks: Vec<&[u8]> = bytes.chunks(DEFAULT_CHUNK_SIZE).collect();
    let count = chunks.len();
    for (i, c) in chunks.into_iter().enumerate() {
        let p1 = if i + 1 == count { 2 } else { 1 };
        let reply = raw(client, &sign_apdu(p1, p2(mode), c))?;
        if reply.1 != 0x9000 || p1 == 2 {
            return Ok(reply);
        }
    }
    Err(Error::msg("nothing to sign"))
}

/// Runs `f` on the client in another thread (for calls that wait on the person at the
/// device, while this thread reads and drives the screens).
pub fn in_background<T: Send + 'static>(
    client: &Arc<Client>,
    f: impl FnOnce(&Client) -> T + Send + 'static,
) -> thread::JoinHandle<T> {
    let c = client.clone();
    thread::spawn(move || f(&c))
}

/// Has the host client sign `bytes` (`sign_raw`: init with `path` and `hrp`, then
/// 250-byte chunks) while this thread walks the review to `decision`; returns the
/// screens and the client's answer (the DER signature, or the error the status word
/// maps to).
#[allow(clippy::too_many_arguments)]
pub fn sign_with_review(
    sim: &Speculos,
    client: &Arc<Client>,
    path: HdPath,
    hrp: Option<&str>,
    mode: SignMode,
    bytes: &[u8],
    decision: Decision,
    capture: Capture,
) -> Result<(Flow, std::result::Result<Vec<u8>, DeviceError>)> {
    let hrp = hrp.map(str::to_owned);
    let b = bytes.to_vec();
    let pending = in_background(client, move |c| c.sign_raw(&path, hrp.as_deref(), mode, &b));
    // On a navigation error the client still waits for the device: do not join it (its
    // thread ends when Speculos is stopped and the connection closes).
    let flow = sim.decide(decision, capture)?;
    let reply = pending.join().map_err(|_| Error::msg("the signing thread panicked"))?;
    Ok((flow, reply))
}

/// The host client's whole signing path (`sign_tx_with_key`: sign bytes built from `tx`,
/// chunks with `hrp` in the init, DER → low-S r‖s, verification against `key`, the
/// signed TxRaw) while this thread walks the review to `decision`.
#[allow(clippy::too_many_arguments)]
pub fn sign_tx_with_review(
    sim: &Speculos,
    client: &Arc<Client>,
    path: HdPath,
    hrp: &str,
    key: &AddressInfo,
    tx: &Tx,
    mode: SignMode,
    decision: Decision,
    capture: Capture,
) -> Result<(Flow, std::result::Result<Signed, DeviceError>)> {
    let (hrp, key, tx) = (hrp.to_owned(), key.clone(), tx.clone());
    let pending = in_background(client, move |c| c.sign_tx_with_key(&path, &hrp, &key, &tx, mode));
    // See `sign_with_review`: no join after a navigation error.
    let flow = sim.decide(decision, capture)?;
    let reply = pending.join().map_err(|_| Error::msg("the signing thread panicked"))?;
    Ok((flow, reply))
}

/// Checks that the review in `flow` shows `screens` (label, value: the host preview's
/// screens, computed by the device's own core) in order. A value short enough for one
/// page on every device must appear with its label on one page, on that page or a later
/// one than the previous screen's; of a longer value (wrapped, or split into pages with
/// their own numbering by the device) the first 16 characters must appear, in order.
pub fn review_shows(flow: &Flow, screens: &[(String, String)]) -> std::result::Result<(), String> {
    let mut at = 0usize;
    for (label, value) in screens {
        let short = value.chars().count() <= 36;
        let found = if short {
            (at..flow.shots.len()).find(|&i| {
                let s = &flow.shots[i].screen;
                s.contains(label) && s.contains(value)
            })
        } else {
            let head: String = value.chars().take(16).collect();
            (at..flow.shots.len()).find(|&i| flow.shots[i].screen.contains(&head))
        };
        match found {
            Some(i) => at = i,
            None => {
                return Err(format!(
                    "screen {label:?}: {value:?} not shown (in order) by the review:\n{}",
                    flow.text()
                ))
            }
        }
    }
    Ok(())
}

/// A clear-signing review of `screens` and `titles` (the host preview's), approved by the
/// signer `own_address`: it starts with the review title ("Review transaction to restake
/// MILK"), shows the screens in order ([`review_shows`]), never `own_address` (the device
/// hides its own address), asks the signing question ("Sign transaction to restake
/// MILK?"), and ends with "Transaction signed", then the home screen. A title may wrap
/// over several lines ([`Screen::contains`] joins them).
pub fn check_clear_review(
    sim: &Speculos,
    flow: &Flow,
    screens: &[(String, String)],
    titles: &(String, String),
    own_address: &str,
) -> std::result::Result<(), String> {
    review_shows(flow, screens)?;
    if flow.contains(own_address) {
        return Err(format!("the review shows the signer's own address:\n{}", flow.text()));
    }
    let (review, sign) = titles;
    if !flow.shots.first().is_some_and(|s| s.screen.contains(review)) {
        return Err(format!("the review does not start with {review:?}:\n{}", flow.text()));
    }
    if !flow.contains(sign) {
        return Err(format!("the review never asks {sign:?}:\n{}", flow.text()));
    }
    check_ends(sim, flow, "Transaction signed")
}

/// The flow ends with the status screen showing `status`, then the home screen.
pub fn check_ends(sim: &Speculos, flow: &Flow, status: &str) -> std::result::Result<(), String> {
    match flow.shots.as_slice() {
        [.., last_but_one, last]
            if last_but_one.screen.contains(status) && sim.is_home(&last.screen) =>
        {
            Ok(())
        }
        _ => Err(format!(
            "the flow does not end with {status:?} and the home screen:\n{}",
            flow.text()
        )),
    }
}

/// The first page of a streamed review and its second line (core/src/review.rs
/// `LONG_TITLE`, `LONG_SUBTITLE`).
pub const LONG_TITLE: &str = "Review long transaction";
pub const LONG_SUBTITLE: &str = "Shown in parts as it arrives";

/// The index of the first shot at or after `from` one of whose lines is exactly `line`.
pub fn shot_with_line(flow: &Flow, from: usize, line: &str) -> Option<usize> {
    (from..flow.shots.len())
        .find(|&i| flow.shots[i].screen.lines.iter().any(|l| l.text.trim() == line))
}

/// A streamed clear review of `count` messages whose screens are `screens` (the host
/// preview's), approved: the long-transaction page first (on a Nano its subtitle on the
/// next page); every screen in order, its label a line of its own ("Action i" without
/// the count, as a streamed review numbers them) and its value (the first 16 characters
/// of a long one) on the same page; the action titles exactly 1..=`count`, in order, each
/// once; `fee` and `chain` (values) after the last action, `question` after them; then
/// "Transaction signed" and the home screen.
pub fn check_streamed_review(
    sim: &Speculos,
    flow: &Flow,
    screens: &[(String, String)],
    count: usize,
    (fee, chain, question): (&str, &str, &str),
) -> std::result::Result<(), String> {
    let fail = |why: String| Err(format!("{why}:\n{}", flow.text()));
    let subtitle = flow.shots.iter().take(2).any(|s| s.screen.contains(LONG_SUBTITLE));
    if !flow.shots.first().is_some_and(|s| s.screen.contains(LONG_TITLE)) || !subtitle {
        return fail(format!("the review does not start with {LONG_TITLE:?}, {LONG_SUBTITLE:?}"));
    }
    let mut at = 0usize;
    for (label, value) in screens {
        let label = match label.split_once('/') {
            Some((head, _)) if head.starts_with("Action ") => head,
            _ => label.as_str(),
        };
        let head: String = value.chars().take(16).collect();
        let found = (at..flow.shots.len()).find(|&i| {
            let sc = &flow.shots[i].screen;
            sc.lines.iter().any(|l| l.text.trim() == label) && sc.contains(&head)
        });
        match found {
            Some(i) => at = i,
            None => return fail(format!("screen {label:?}: {value:?} not shown in order")),
        }
    }
    let actions: Vec<usize> = flow
        .shots
        .iter()
        .flat_map(|s| s.screen.lines.iter())
        .filter_map(|l| l.text.trim().strip_prefix("Action ")?.parse().ok())
        .collect();
    if actions != (1..=count).collect::<Vec<_>>() {
        return fail(format!("the action titles are not 1 to {count} in order: {actions:?}"));
    }
    let Some(last_action) = shot_with_line(flow, 0, &format!("Action {count}")) else {
        return fail(format!("no \"Action {count}\""));
    };
    let Some(fee_at) = shot_with_line(flow, last_action, "Fees") else {
        return fail("no fee after the last action".into());
    };
    let Some(chain_at) = shot_with_line(flow, last_action, "Chain") else {
        return fail("no chain after the last action".into());
    };
    if !flow.shots[fee_at].screen.contains(fee) || !flow.shots[chain_at].screen.contains(chain) {
        return fail(format!("the fee is not {fee:?} or the chain not {chain:?}"));
    }
    let Some(asked) =
        (fee_at.max(chain_at)..flow.shots.len()).find(|&i| flow.shots[i].screen.contains(question))
    else {
        return fail(format!("{question:?} not asked after fee and chain"));
    };
    // The question, then the status screen and home.
    if asked + 3 < flow.shots.len() {
        return fail(format!("screens after {question:?}"));
    }
    check_ends(sim, flow, "Transaction signed")
}

/// Half the order of secp256k1, big-endian: a signature's S must not be above it.
pub const HALF_ORDER: [u8; 32] = [
    0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
    0x5d, 0x57, 0x6e, 0x73, 0x57, 0xa4, 0x50, 0x1d, 0xdf, 0xe9, 0x2f, 0x46, 0x68, 0x1b, 0x20, 0xa0,
];

/// Parses a DER ECDSA signature strictly (`30 len 02 rlen r 02 slen s`, minimal
/// positive integers, nothing after) into 32-byte big-endian r and s.
pub fn parse_der(der: &[u8]) -> std::result::Result<([u8; 32], [u8; 32]), String> {
    let bad = |why: &str| Err(format!("not strict DER ({why}): {}", hex(der)));
    if der.len() < 8 || der[0] != 0x30 || usize::from(der[1]) != der.len() - 2 {
        return bad("sequence header");
    }
    let mut rest = &der[2..];
    let mut ints = Vec::new();
    for _ in 0..2 {
        if rest.len() < 2 || rest[0] != 0x02 {
            return bad("integer header");
        }
        let n = usize::from(rest[1]);
        if n == 0 || n > 33 || rest.len() < 2 + n {
            return bad("integer length");
        }
        let v = &rest[2..2 + n];
        if v[0] & 0x80 != 0 {
            return bad("negative integer");
        }
        if n > 1 && v[0] == 0 && v[1] & 0x80 == 0 {
            return bad("non-minimal integer");
        }
        let v = if v[0] == 0 { &v[1..] } else { v };
        if v.len() > 32 {
            return bad("integer above 256 bits");
        }
        let mut out = [0u8; 32];
        out[32 - v.len()..].copy_from_slice(v);
        ints.push(out);
        rest = &rest[2 + n..];
    }
    if !rest.is_empty() {
        return bad("bytes after the signature");
    }
    Ok((ints[0], ints[1]))
}

/// Whether `s` (big-endian) is at most half the curve order.
pub fn is_low_s(s: &[u8; 32]) -> bool {
    s <= &HALF_ORDER
}

/// Checks a signature the device returned: strict DER, low-S as the device sent it (no
/// normalisation here), and valid for `public_key` over SHA-256 of `sign_bytes` (the
/// host's k256 verifier, which also refuses a high S). Returns r‖s.
pub fn check_signature(
    public_key: &[u8; 33],
    sign_bytes: &[u8],
    der: &[u8],
) -> std::result::Result<[u8; 64], String> {
    let (r, s) = parse_der(der)?;
    if !is_low_s(&s) {
        return Err(format!("the device returned a high-S signature: {}", hex(der)));
    }
    let mut rs = [0u8; 64];
    rs[..32].copy_from_slice(&r);
    rs[32..].copy_from_slice(&s);
    // The host client's own conversion agrees.
    match crypto::der_to_compact_low_s(der) {
        Ok(c) if c == rs => {}
        other => return Err(format!("host DER conversion disagrees: {other:?}")),
    }
    crypto::verify(public_key, sign_bytes, &rs).map_err(|e| e.to_string())?;
    Ok(rs)
}

/// SHA-256 of the sign bytes in upper-case hex: what the blind review shows.
pub fn sha256_hex_upper(bytes: &[u8]) -> String {
    crypto::sha256(bytes).iter().map(|b| format!("{b:02X}")).collect()
}

// ---- sign documents the host's builders refuse to make ------------------------------

fn varint(out: &mut Vec<u8>, mut n: u64) {
    while n >= 0x80 {
        out.push((n as u8) | 0x80);
        n >>= 7;
    }
    out.push(n as u8);
}

/// A length-delimited protobuf field.
pub fn proto_bytes_field(out: &mut Vec<u8>, field: u32, bytes: &[u8]) {
    varint(out, (u64::from(field) << 3) | 2);
    varint(out, bytes.len() as u64);
    out.extend_from_slice(bytes);
}

/// A protobuf `Any {type_url, value}`.
pub fn proto_any(type_url: &str, value: &[u8]) -> Vec<u8> {
    let mut any = Vec::new();
    proto_bytes_field(&mut any, 1, type_url.as_bytes());
    if !value.is_empty() {
        proto_bytes_field(&mut any, 2, value);
    }
    any
}

/// The DIRECT `SignDoc` of `tx` with the extra messages `extra` (type URL, protobuf
/// value) placed before the transaction's own messages: `TxBody.messages` is field 1,
/// so prepending keeps the body in field order.
pub fn direct_sign_doc_with(tx: &Tx, public_key: &[u8; 33], extra: &[(&str, Vec<u8>)]) -> Vec<u8> {
    let mut body = Vec::new();
    for (url, value) in extra {
        proto_bytes_field(&mut body, 1, &proto_any(url, value));
    }
    body.extend_from_slice(&tx.body_bytes());
    let mut doc = Vec::new();
    proto_bytes_field(&mut doc, 1, &body);
    proto_bytes_field(&mut doc, 2, &tx.auth_info_bytes(SignMode::Direct, public_key));
    proto_bytes_field(&mut doc, 3, tx.chain_id.as_bytes());
    if tx.account_number != 0 {
        varint(&mut doc, 4 << 3);
        varint(&mut doc, tx.account_number);
    }
    doc
}

/// The Amino JSON sign doc of `tx` with the extra amino messages `extra` placed before the
/// transaction's own, canonical (sorted keys, compact) as the chain writes it.
pub fn amino_sign_doc_with(tx: &Tx, extra: &[Json]) -> Result<Vec<u8>> {
    let mut doc = tx.amino_sign_doc().map_err(|e| Error::msg(e.to_string()))?;
    let Json::Object(map) = &mut doc else {
        return Err(Error::msg("the amino sign doc is not an object"));
    };
    let Some(Json::Array(msgs)) = map.get_mut("msgs") else {
        return Err(Error::msg("the amino sign doc has no msgs"));
    };
    let mut all = extra.to_vec();
    all.append(msgs);
    *msgs = all;
    Ok(doc.to_canonical_bytes())
}

/// `/cosmos.bank.v1beta1.MsgMultiSend` (a real Cosmos message the app does not
/// clear-sign) moving `amount` `denom` from `from` to `to`: its protobuf value and its
/// amino JSON.
pub fn multi_send(from: &str, to: &str, amount: &str, denom: &str) -> (Vec<u8>, Json) {
    // Coin {1: denom, 2: amount}; Input/Output {1: address, 2: coins}; MsgMultiSend
    // {1: inputs, 2: outputs}.
    let mut coin = Vec::new();
    proto_bytes_field(&mut coin, 1, denom.as_bytes());
    proto_bytes_field(&mut coin, 2, amount.as_bytes());
    let io = |addr: &str| {
        let mut v = Vec::new();
        proto_bytes_field(&mut v, 1, addr.as_bytes());
        proto_bytes_field(&mut v, 2, &coin);
        v
    };
    let mut value = Vec::new();
    proto_bytes_field(&mut value, 1, &io(from));
    proto_bytes_field(&mut value, 2, &io(to));
    let amino_io = |addr: &str| {
        milkyway_ledger::amino_json::ObjectBuilder::new()
            .field("address", Json::str(addr))
            .field(
                "coins",
                Json::Array(vec![milkyway_ledger::amino_json::ObjectBuilder::new()
                    .field("amount", Json::str(amount))
                    .field("denom", Json::str(denom))
                    .build()]),
            )
            .build()
    };
    let amino = milkyway_ledger::amino_json::ObjectBuilder::new()
        .field("type", Json::str("cosmos-sdk/MsgMultiSend"))
        .field(
            "value",
            milkyway_ledger::amino_json::ObjectBuilder::new()
                .field("inputs", Json::Array(vec![amino_io(from)]))
                .field("outputs", Json::Array(vec![amino_io(to)]))
                .build(),
        )
        .build();
    (value, amino)
}

/// The hex digits the blind review shows after its "Transaction hash" label, across
/// pages and wrapped lines.
pub fn shown_hash(flow: &Flow) -> String {
    let mut hex = String::new();
    let mut started = false;
    for shot in &flow.shots {
        if shot.screen.contains("Sign transaction") {
            break;
        }
        for line in &shot.screen.lines {
            let t = line.text.trim();
            if t.starts_with("Transaction hash") || t.starts_with("Tx hash") {
                started = true;
                continue;
            }
            if started && !t.is_empty() && t.chars().all(|c| c.is_ascii_hexdigit()) {
                hex.push_str(t);
            }
        }
    }
    hex
}

#[cfg(test)]
mod tests {
    use super::*;
    use milkyway_ledger::msgs::{coin, cosmos};
    use milkyway_ledger::tx::TxBuilder;

    #[test]
    fn strict_der() {
        // r = 1, s = 0x80 (needs a zero byte).
        let der = [0x30, 0x07, 0x02, 0x01, 0x01, 0x02, 0x02, 0x00, 0x80];
        let (r, s) = parse_der(&der).unwrap();
        assert_eq!((r[31], s[31], s[30]), (1, 0x80, 0));
        assert!(is_low_s(&s));
        assert!(parse_der(&[0x30, 0x06, 0x02, 0x01, 0x01, 0x02, 0x01, 0x80]).is_err(), "negative");
        assert!(
            parse_der(&[0x30, 0x07, 0x02, 0x01, 0x01, 0x02, 0x02, 0x00, 0x01]).is_err(),
            "non-minimal"
        );
        assert!(
            parse_der(&[0x30, 0x07, 0x02, 0x01, 0x01, 0x02, 0x01, 0x01, 0x00]).is_err(),
            "length"
        );
        let mut high = HALF_ORDER;
        assert!(is_low_s(&high));
        high[31] += 1;
        assert!(!is_low_s(&high));
    }

    #[test]
    fn crafted_documents_decode_as_refused() {
        let pk = milkyway_ledger::preview::PREVIEW_PUBLIC_KEY;
        let me = crypto::address(&pk, "milk").unwrap();
        let tx = TxBuilder::new("milkyway")
            .msg(cosmos::MsgSend {
                from_address: me.clone(),
                to_address: me.clone(),
                amount: vec![coin("1", "umilk")],
            })
            .fee(vec![coin("5000", "umilk")], 200_000)
            .account_number(7)
            .build()
            .unwrap();
        // Without extra messages the hand-made SignDoc is the host's, byte for byte.
        assert_eq!(
            direct_sign_doc_with(&tx, &pk, &[]),
            tx.sign_bytes(SignMode::Direct, &pk).unwrap()
        );
        assert_eq!(
            amino_sign_doc_with(&tx, &[]).unwrap(),
            tx.sign_bytes(SignMode::AminoJson, &pk).unwrap()
        );
        let (value, amino) = multi_send(&me, &me, "1000", "umilk");
        let direct =
            direct_sign_doc_with(&tx, &pk, &[("/cosmos.bank.v1beta1.MsgMultiSend", value)]);
        let amino = amino_sign_doc_with(&tx, &[amino]).unwrap();
        for (bytes, mode) in [(direct, SignMode::Direct), (amino, SignMode::AminoJson)] {
            let err = milkyway_ledger::preview::screens(&bytes, mode, false, None).unwrap_err();
            assert!(err.refusal_reason().unwrap().starts_with("Unknown message type"), "{err}");
        }
    }
}
