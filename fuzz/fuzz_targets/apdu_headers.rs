//! The APDU parsers on arbitrary bytes. Input: CLA INS P1 P2, a flags byte (bit 0 = expert
//! mode), then the payload. The header goes through `Instruction::decode`; the payload
//! through both `parse_get_address` and `parse_sign_init` whatever the header says, and
//! what they accept is checked against the rules in docs/protocol.md.
#![no_main]
use libfuzzer_sys::fuzz_target;
use milkyway_core::apdu::{
    hrp_allowed, parse_get_address, parse_sign_init, Hrp, Instruction, KeyKind, Path, CLA,
    COIN_TYPE, COIN_TYPE_ETH, ETH_KEY_HRP, HARDENED, MAX_INDEX_DEFAULT, PURPOSE,
};

fn check_path(p: &Path, expert: bool) {
    let [purpose, coin, account, change, index] = p.0;
    assert_eq!((purpose, change), (PURPOSE, 0));
    match p.key() {
        KeyKind::Cosmos => assert_eq!(coin, COIN_TYPE),
        KeyKind::Eth => assert_eq!(coin, COIN_TYPE_ETH),
    }
    assert!(account & HARDENED != 0 && index & HARDENED == 0);
    assert_eq!(p.account(), account & !HARDENED);
    assert_eq!(p.index(), index);
    if !expert {
        assert!(p.account() <= MAX_INDEX_DEFAULT && p.index() <= MAX_INDEX_DEFAULT);
    }
}

fn check_hrp(h: &Hrp<'_>, expert: bool) {
    assert!((1..=83).contains(&h.0.len()));
    assert!(h.0.bytes().all(|b| (33..=126).contains(&b) && !b.is_ascii_uppercase()));
    if expert {
        assert!(hrp_allowed(h, KeyKind::Cosmos, true, false));
    }
    let _ = hrp_allowed(h, KeyKind::Cosmos, false, true);
    // The Ethereum-style key goes with `init` alone, in every mode.
    for (expert, silent) in [(false, false), (true, false), (false, true), (true, true)] {
        assert_eq!(hrp_allowed(h, KeyKind::Eth, expert, silent), h.0 == ETH_KEY_HRP);
    }
}

fuzz_target!(|data: &[u8]| {
    let [cla, ins, p1, p2, flags, payload @ ..] = data else { return };
    if Instruction::decode(*cla, *ins, *p1, *p2).is_ok() {
        assert_eq!(*cla, CLA);
    }
    let expert = flags & 1 == 1;
    if let Ok((hrp, path)) = parse_get_address(payload, expert) {
        assert_eq!(payload.len(), 1 + hrp.0.len() + 20);
        check_hrp(&hrp, expert);
        check_path(&path, expert);
    }
    if let Ok((path, hrp)) = parse_sign_init(payload, expert) {
        assert_eq!(payload.len(), 20 + hrp.map_or(0, |h| 1 + h.0.len()));
        check_path(&path, expert);
        if let Some(h) = hrp {
            check_hrp(&h, expert);
        }
    }
});
