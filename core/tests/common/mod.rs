//! Test helpers: a minimal protobuf writer (to build SIGN_MODE_DIRECT vectors by hand,
//! field by field) and a screen collector.
#![allow(dead_code)]

use milkyway_core::{decode, render, Error, Options, SignMode};

pub fn varint(mut v: u64, out: &mut Vec<u8>) {
    loop {
        let b = (v & 0x7f) as u8;
        v >>= 7;
        if v == 0 {
            out.push(b);
            return;
        }
        out.push(b | 0x80);
    }
}

/// Field `n` as a varint.
pub fn fv(n: u32, v: u64) -> Vec<u8> {
    let mut out = Vec::new();
    varint(u64::from(n) << 3, &mut out);
    varint(v, &mut out);
    out
}

/// Field `n` as length-delimited bytes.
pub fn fb(n: u32, b: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    varint((u64::from(n) << 3) | 2, &mut out);
    varint(b.len() as u64, &mut out);
    out.extend_from_slice(b);
    out
}

pub fn fs(n: u32, s: &str) -> Vec<u8> {
    fb(n, s.as_bytes())
}

pub fn cat(parts: &[Vec<u8>]) -> Vec<u8> {
    parts.concat()
}

pub fn coin(denom: &str, amount: &str) -> Vec<u8> {
    cat(&[fs(1, denom), fs(2, amount)])
}

pub fn any(type_url: &str, value: &[u8]) -> Vec<u8> {
    cat(&[fs(1, type_url), fb(2, value)])
}

pub const PUBKEY: [u8; 33] = [2; 33];

/// A SIGN_MODE_DIRECT SignDoc with one signer (sequence `seq`) and the given body parts.
pub fn sign_doc(
    msgs: &[Vec<u8>],
    memo: &str,
    fee: &[Vec<u8>],
    chain: &str,
    account: u64,
    seq: u64,
) -> Vec<u8> {
    let mut body: Vec<u8> = msgs.iter().flat_map(|m| fb(1, m)).collect();
    if !memo.is_empty() {
        body.extend(fs(2, memo));
    }
    let pk = any("/cosmos.crypto.secp256k1.PubKey", &fb(1, &PUBKEY));
    let mode = fb(1, &fv(1, 1));
    let signer = cat(&[fb(1, &pk), fb(2, &mode), fv(3, seq)]);
    let auth = cat(&[fb(1, &signer), fb(2, &cat(fee))]);
    cat(&[fb(1, &body), fb(2, &auth), fs(3, chain), fv(4, account)])
}

pub const ME: &str = "milk1mevswxr8d9r0w0vd6d0ds7k4qh0xmdma3mr3dl";
pub const OTHER: &str = "milk1qg5ega6dykkxc307y25pecuufrjkxkaggkkxh7nad0vhyhtuhw3ssgcye4";

/// Fuzzing seeds: when `MW_DUMP_SIGN_DOCS` names a directory, every sign doc a test
/// decodes is also written to `<dir>/direct/` or `<dir>/amino/` (file name: a hash of the
/// bytes), so the fuzzers (fuzz/, scripts/fuzz.sh) start from every vector the tests build,
/// accepted and refused alike. Without the variable this does nothing.
pub fn dump_sign_doc(bytes: &[u8], mode: SignMode) {
    use std::hash::{Hash, Hasher};
    let Some(root) = std::env::var_os("MW_DUMP_SIGN_DOCS") else { return };
    let dir = std::path::Path::new(&root).join(match mode {
        SignMode::Direct => "direct",
        SignMode::AminoJson => "amino",
        SignMode::Textual => "textual",
    });
    let mut h = std::hash::DefaultHasher::new();
    bytes.hash(&mut h);
    std::fs::create_dir_all(&dir)
        .and_then(|()| std::fs::write(dir.join(format!("{:016x}", h.finish())), bytes))
        .unwrap_or_else(|e| panic!("MW_DUMP_SIGN_DOCS={}: {e}", dir.display()));
}

/// Decodes and renders; returns "label: value" lines.
pub fn screens_opts(
    bytes: &[u8],
    mode: SignMode,
    opts: &Options<'_>,
) -> Result<Vec<String>, Error> {
    dump_sign_doc(bytes, mode);
    let tx = decode(bytes, mode)?;
    let mut out = Vec::new();
    let mut sink = |s: milkyway_core::Screen<'_>| {
        out.push(format!("{}: {}", s.label, s.value));
        Ok(())
    };
    render(&tx, opts, &mut sink)?;
    Ok(out)
}

pub fn screens(bytes: &[u8], mode: SignMode) -> Result<Vec<String>, Error> {
    screens_opts(bytes, mode, &Options { expert: false, own_address: Some(ME) })
}

pub fn direct(bytes: &[u8]) -> Result<Vec<String>, Error> {
    screens(bytes, SignMode::Direct)
}

pub fn amino(json: &str) -> Result<Vec<String>, Error> {
    screens(json.as_bytes(), SignMode::AminoJson)
}

/// Wraps amino messages in a canonical StdSignDoc on MilkyWay (fee 5000 umilk, gas 200000).
pub fn amino_doc(msgs: &str, memo: &str) -> String {
    format!(
        r#"{{"account_number":"7","chain_id":"milkyway","fee":{{"amount":[{{"amount":"5000","denom":"umilk"}}],"gas":"200000"}},"memo":"{memo}","msgs":[{msgs}],"sequence":"3"}}"#
    )
}

/// The DIRECT twin of `amino_doc`.
pub fn direct_doc(msgs: &[Vec<u8>], memo: &str) -> Vec<u8> {
    sign_doc(msgs, memo, &[fb(1, &coin("umilk", "5000")), fv(2, 200000)], "milkyway", 7, 3)
}

pub fn lines(expected: &[&str]) -> Vec<String> {
    expected.iter().map(|s| s.to_string()).collect()
}
