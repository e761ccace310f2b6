//! The benchmark's transactions, built with the host crate: restakes (`MsgDelegatePool`
//! of milkTIA, like the core benchmark's `restake-1` and `restake-10`) and documents of
//! an exact size (a restake whose memo fills the rest).

use milkyway_ledger::cli::build;
use milkyway_ledger::denoms::MILKYWAY;
use milkyway_ledger::msgs::{coin, Msg};
use milkyway_ledger::tx::{SignMode, Tx, TxBuilder};

/// `n` restakes to the pool from `sender`, amounts 10.5, 11.5… milkTIA.
pub fn restakes(sender: &str, n: usize) -> Vec<Msg> {
    (0..n)
        .map(|i| {
            build::restake(
                &MILKYWAY,
                sender,
                "pool",
                None,
                &format!("{}.5milkTIA", 10 + i),
            )
            .expect("a valid restake")
        })
        .collect()
}

pub fn tx(msgs: &[Msg], memo: String) -> Tx {
    tx_with_fee(msgs, memo, "5000")
}

fn tx_with_fee(msgs: &[Msg], memo: String, fee: &str) -> Tx {
    TxBuilder::new(MILKYWAY.chain_id)
        .msgs(msgs.iter().cloned())
        .memo(memo)
        .fee(
            vec![coin(fee, "umilk")],
            200_000 + 100_000 * msgs.len() as u64,
        )
        .account_number(12)
        .sequence(40)
        .build()
        .expect("a valid transaction")
}

pub fn sign_bytes(tx: &Tx, mode: SignMode, public_key: &[u8; 33]) -> Vec<u8> {
    tx.sign_bytes(mode, public_key).expect("sign bytes")
}

/// The memo character that fills a document: in Amino JSON `<`, which the chain's JSON
/// writes as `\u003c` (six sign bytes per character on screen, so a full document's
/// review stays short); in DIRECT every byte is a character on screen, `m`.
pub fn filler(mode: SignMode) -> char {
    match mode {
        SignMode::AminoJson => '<',
        SignMode::Direct => 'm',
    }
}

/// The smallest document of the family: `msgs` with an empty memo.
pub fn base_size(msgs: &[Msg], mode: SignMode, public_key: &[u8; 33]) -> usize {
    sign_bytes(&tx(msgs, String::new()), mode, public_key).len()
}

/// `msgs` with a memo of [`filler`] characters (and a few `a` to land on the byte) whose
/// sign bytes in `mode` are exactly `size` bytes (at least [`base_size`]). Where a
/// protobuf length prefix grows by a byte a size can be out of the memo's reach: a fee
/// written with one or two more digits (0.05 or 0.5 MILK instead of 0.005) fills it.
pub fn sized(msgs: &[Msg], mode: SignMode, public_key: &[u8; 33], size: usize) -> Vec<u8> {
    let unit = filler(mode);
    for fee in ["5000", "50000", "500000"] {
        let bytes = |memo: String| sign_bytes(&tx_with_fee(msgs, memo, fee), mode, public_key);
        let base = bytes(String::new()).len();
        if size < base {
            continue;
        }
        if size == base {
            return bytes(String::new());
        }
        // One character opens the memo field (DIRECT: tag and length); count from there.
        let one = bytes(unit.to_string()).len();
        let per_unit = bytes(unit.to_string().repeat(2)).len() - one;
        let guess = 1 + size.saturating_sub(one) / per_unit;
        let mut units = guess;
        loop {
            let memo = unit.to_string().repeat(units);
            let n = bytes(memo.clone()).len();
            if n <= size {
                let doc = bytes(memo + &"a".repeat(size - n));
                if doc.len() == size {
                    return doc;
                }
            }
            // Give up on this fee after a few characters less: the gap is elsewhere.
            if units == 0 || guess - units > 8 {
                break;
            }
            units -= 1;
        }
    }
    panic!("no {size}-byte document in {}", mode.name())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_size_is_reached() {
        let pk = milkyway_ledger::preview::PREVIEW_PUBLIC_KEY;
        let me = milkyway_ledger::crypto::address(&pk, "milk").unwrap();
        let msgs = restakes(&me, 1);
        for mode in [SignMode::Direct, SignMode::AminoJson] {
            let base = base_size(&msgs, mode, &pk);
            let sizes = (base..base + 300)
                .chain(16_300..16_500)
                .chain(32_760..32_780);
            for size in sizes.chain([65_536, 49_152, 40_960]) {
                assert_eq!(sized(&msgs, mode, &pk, size).len(), size, "{}", mode.name());
            }
        }
    }
}
