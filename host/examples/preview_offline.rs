//! What the device will show for a transaction, without a device: the screens are
//! computed by the device's own code (`milkyway-core`), so they are the device's.
//!
//!     cargo run -p milkyway-ledger --example preview_offline
//!
//! Prints the numbered screens of a restake to an operator and of a vote, and the reason
//! the device would give to refuse a message it does not know.

use milkyway_ledger::msgs::{coin, cosmos::gov_v1, restaking};
use milkyway_ledger::preview;
use milkyway_ledger::tx::{SignMode, TxBuilder};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let me = "milk1w34k53py5v5xyluazqpq65agyajavep2d6e7j9";
    let tx = TxBuilder::new("milkyway")
        .msg(restaking::MsgDelegateOperator {
            delegator: me.into(),
            operator_id: 12,
            amount: vec![coin("10500000", "umilk")],
        })
        .msg(gov_v1::MsgVote {
            proposal_id: 7,
            voter: me.into(),
            option: gov_v1::VoteOption::Yes as i32,
            metadata: String::new(),
        })
        .fee(vec![coin("5000", "umilk")], 300_000)
        .build()?;
    // The device hides signer fields equal to its own address: pass yours.
    let screens = preview::tx_screens(&tx, SignMode::Direct, false, Some(me))?;
    print!("{}", preview::format_numbered(&screens));
    // Both modes show the same screens.
    assert_eq!(preview::tx_screens(&tx, SignMode::AminoJson, false, Some(me))?, screens);

    // Any sign bytes, e.g. another wallet's Amino JSON, and the device's refusal reason.
    let unknown = br#"{"account_number":"0","chain_id":"milkyway","fee":{"amount":[],"gas":"0"},"memo":"","msgs":[{"type":"milkyway/MsgUnknown","value":{}}],"sequence":"0"}"#;
    match preview::screens(unknown, SignMode::AminoJson, false, None) {
        Err(e) => println!("refused: {}", e.refusal_reason().unwrap_or("?")),
        Ok(s) => println!("{} screens", s.len()),
    }
    Ok(())
}
