//! One transaction of every message family, built with the host's builders (the CLI's
//! `cli::build` and the typed messages), signed in both modes (SIGN_MODE_DIRECT and Amino
//! JSON) and approved: restake, unrestake, AVS opt-in (trust services), claim rewards, a
//! multi-message restaking transaction; liquid stake, liquid unstake and claim unstaked
//! on the milkTIA contract on osmosis-1; vote, weighted vote, send, IBC transfer, authz
//! exec. The checks are [`Session::sign_both_modes`]'s.
//!
//! These 26 reviews per device dismiss their status screen ("Transaction signed") once it
//! is recorded, as a person may (any button, a tap), instead of waiting its 3 s: the
//! other modules wait for it to go home by itself.

use milkyway_e2e::Device;
use milkyway_ledger::cli::build::{
    self, BridgeOpts, GovVersion, IbcOpts, LiquidStakeOpts, RewardsPlanOpts, VoteChoice,
};
use milkyway_ledger::crypto;
use milkyway_ledger::denoms::{self, MILKYWAY, OSMOSIS};
use milkyway_ledger::msgs::{coin, cosmos, restaking, Msg};
use milkyway_ledger::tx::{Tx, TxBuilder};

use crate::Session;

/// A session whose navigation dismisses the status screens.
fn session(device: Device, label: &str) -> Session {
    let s = Session::start(device, label);
    s.sim.set_dismiss_status(true);
    s
}

fn milky(msgs: Vec<Msg>, memo: &str, account: u64, sequence: u64) -> Tx {
    TxBuilder::new(MILKYWAY.chain_id)
        .msgs(msgs)
        .memo(memo)
        .fee(vec![coin("5000", "umilk")], 250_000)
        .account_number(account)
        .sequence(sequence)
        .build()
        .unwrap()
}

fn osmosis(msg: Msg, account: u64, sequence: u64) -> Tx {
    TxBuilder::new(OSMOSIS.chain_id)
        .msg(msg)
        .fee(vec![coin("2500", "uosmo")], 400_000)
        .account_number(account)
        .sequence(sequence)
        .build()
        .unwrap()
}

/// Restake, unrestake, and a transaction with several restaking messages.
fn restaking(device: Device) {
    let s = session(device, "sign_restaking");
    let me = s.key("milk").address;

    let restake = build::restake(&MILKYWAY, &me, "operator", Some(3), "10.5MILK").unwrap();
    s.sign_both_modes(
        "sign_restake",
        "milk",
        milky(vec![restake], "restake via Ledger", 12, 3),
        &[
            "Restake to operator",
            "Operator #3",
            "10.5 MILK",
            "restake via Ledger",
            "0.005 MILK",
            "MilkyWay",
        ],
    );

    let unrestake = build::unrestake(&MILKYWAY, &me, "service", Some(5), "3milkTIA,1MILK").unwrap();
    s.sign_both_modes(
        "sign_unrestake",
        "milk",
        milky(vec![unrestake], "", 12, 4),
        &["Unrestake from service", "Service #5", "3 milkTIA, 1 MILK", "0.005 MILK", "MilkyWay"],
    );

    let mut msgs = vec![
        build::restake(&MILKYWAY, &me, "pool", None, "1.25milkTIA").unwrap(),
        build::restake(&MILKYWAY, &me, "service", Some(2), "5MILK").unwrap(),
        build::trust_services(&me, &["2".to_string()], false).unwrap(),
    ];
    msgs.extend(build::claim_rewards(&me, &[], &[], &[2], &[]).unwrap());
    s.sign_both_modes(
        "sign_multi_restaking",
        "milk",
        milky(msgs, "", 12, 7),
        &[
            "Action 1/4",
            "Restake to pool",
            "1.25 milkTIA",
            "Action 2/4",
            "Restake to service",
            "Service #2",
            "5 MILK",
            "Action 3/4",
            "Service #2 with all pools",
            "Action 4/4",
            "Claim restaking rewards",
        ],
    );
}

/// AVS opt-in (the user trusts services) and claiming restaking rewards.
fn opt_in_and_rewards(device: Device) {
    let s = session(device, "sign_opt_in_and_rewards");
    let me = s.key("milk").address;

    let trust = build::trust_services(&me, &["2:1,3".to_string(), "5".to_string()], false).unwrap();
    s.sign_both_modes(
        "sign_trust_services",
        "milk",
        milky(vec![trust], "", 12, 5),
        &[
            "Trust services",
            "Service #2 with pools #1, #3",
            "Service #5 with all pools",
            "MilkyWay",
        ],
    );

    let claim = build::claim_rewards(&me, &[3], &[1], &[], &[]).unwrap();
    s.sign_both_modes(
        "sign_claim_rewards",
        "milk",
        milky(claim, "", 12, 6),
        &["Claim restaking rewards", "Pool #3", "Operator #1", "0.005 MILK"],
    );
}

/// The milkTIA liquid-staking contract on Osmosis: stake, unstake, claim unstaked.
fn liquid_staking(device: Device) {
    let s = session(device, "sign_liquid_staking");
    let me = s.key("osmo").address;
    let milk_tia = denoms::liquid_staking("milkTIA").unwrap();
    let mint_to = s.key("milk").address;

    let stake = build::liquid_stake(
        &milk_tia,
        &me,
        "1.5TIA",
        &LiquidStakeOpts { mint_to: Some(mint_to.clone()), ..Default::default() },
    )
    .unwrap();
    s.sign_both_modes(
        "sign_liquid_stake",
        "osmo",
        osmosis(stake, 41, 0),
        &["Liquid stake", "1.5 TIA", "milkTIA", &mint_to, "0.0025 OSMO", "Osmosis"],
    );

    let unstake = build::liquid_unstake(&milk_tia, &me, "1.5milkTIA").unwrap();
    s.sign_both_modes(
        "sign_liquid_unstake",
        "osmo",
        osmosis(unstake, 41, 1),
        &["Liquid unstake", "1.5 milkTIA", "0.0025 OSMO", "Osmosis"],
    );

    let withdraw = build::claim_unstaked(&milk_tia, &me, 7).unwrap();
    s.sign_both_modes(
        "sign_claim_unstaked",
        "osmo",
        osmosis(withdraw, 41, 2),
        &["Claim unstaked tokens", "7", "0.0025 OSMO", "Osmosis"],
    );
}

/// Governance: vote, weighted vote.
fn governance(device: Device) {
    let s = session(device, "sign_governance");
    let me = s.key("milk").address;

    let vote = build::vote(&me, 42, Some(VoteChoice::Yes), None, GovVersion::V1, "").unwrap();
    s.sign_both_modes(
        "sign_vote",
        "milk",
        milky(vec![vote], "", 12, 8),
        &["Vote", "Proposal #42", "Yes", "0.005 MILK", "MilkyWay"],
    );

    let weighted = build::vote(&me, 42, None, Some("yes=0.6,no=0.4"), GovVersion::V1, "").unwrap();
    s.sign_both_modes(
        "sign_weighted_vote",
        "milk",
        milky(vec![weighted], "", 12, 9),
        &["Proposal #42", "Yes 60%", "No 40%", "MilkyWay"],
    );
}

/// Transfers: send, IBC transfer, authz exec.
fn transfers(device: Device) {
    let s = session(device, "sign_transfers");
    let me = s.key("milk").address;

    let friend = crypto::bech32_encode("milk", &[0x42; 20]).unwrap();
    let send = build::send(&MILKYWAY, &me, &friend, "12.5MILK").unwrap();
    s.sign_both_modes(
        "sign_send",
        "milk",
        milky(vec![send], "thanks!", 12, 10),
        &["Send", "12.5 MILK", &friend, "thanks!", "0.005 MILK", "MilkyWay"],
    );

    let receiver = crypto::bech32_encode("osmo", &[0x42; 20]).unwrap();
    let transfer = build::ibc_transfer(
        &MILKYWAY,
        &me,
        &receiver,
        "2milkTIA",
        &IbcOpts {
            port: "transfer".into(),
            channel: "channel-3".into(),
            timeout_height: None,
            // 2030-01-01T00:00:00Z
            timeout_timestamp: 1_893_456_000_000_000_000,
            memo: String::new(),
        },
    )
    .unwrap();
    s.sign_both_modes(
        "sign_ibc_transfer",
        "milk",
        milky(vec![transfer], "", 12, 11),
        &["2 milkTIA", &receiver, "transfer/channel-3", "MilkyWay"],
    );

    // The grantee (this account) executes a restake for the granter.
    let granter = crypto::bech32_encode("milk", &[0x24; 20]).unwrap();
    let exec = cosmos::MsgExec {
        grantee: me.clone(),
        msgs: vec![restaking::MsgDelegatePool {
            delegator: granter.clone(),
            amount: Some(coin("5000000", "umilk")),
        }
        .into()],
    };
    s.sign_both_modes(
        "sign_authz_exec",
        "milk",
        milky(vec![exec.into()], "", 12, 12),
        &["Inner action", "Restake to pool", &granter, "5 MILK", "MilkyWay"],
    );
}

/// MILK bridged to BSC with Hyperlane (MilkyWay's warp route): the EVM recipient as its
/// 20 bytes, the domain by name, the max fee; then a transfer to a domain the app does
/// not name, with a 32-byte recipient, a destination gas limit and a custom hook.
fn bridge(device: Device) {
    let s = session(device, "sign_bridge");
    let me = s.key("milk").address;
    let evm = "0x7b4bf9feccff207ef2cb7101ceb15b8516021acd";
    let opts = BridgeOpts { max_fee: "0.15MILK".into(), ..Default::default() };
    let to_bsc = build::bridge(&MILKYWAY, &me, evm, "2.5MILK", 56, &opts).unwrap();
    s.sign_both_modes(
        "sign_hyperlane_bridge",
        "milk",
        milky(vec![to_bsc], "", 12, 13),
        &["Bridge with Hyperlane", "2.5 MILK", evm, "Binance Smart Chain", "0.15 MILK"],
    );
    let hook = format!("0x{}", "ab".repeat(32));
    let opts = BridgeOpts {
        max_fee: "1MILK".into(),
        gas_limit: 300_000,
        custom_hook: Some(hook.clone()),
        hook_metadata: "0x0001".into(),
    };
    let recipient = format!("0x01{}", "23".repeat(31));
    let other = build::bridge(&MILKYWAY, &me, &recipient, "1MILK", 8453, &opts).unwrap();
    s.sign_both_modes(
        "sign_hyperlane_bridge_hook",
        "milk",
        milky(vec![other], "", 12, 14),
        &["domain 8453", "300000", "0x0001"],
    );
}

/// A service admin's rewards plans: a create (pools in proportion to delegations,
/// operators equally, users, a creation fee) and an edit (pools by explicit weights).
fn rewards_plans(device: Device) {
    let s = session(device, "sign_rewards_plans");
    let me = s.key("milk").address;
    let plan = RewardsPlanOpts {
        description: "Season 1".into(),
        amount_per_day: "10MILK".into(),
        start: "2026-01-01".into(),
        end: "2026-03-31T12:30:00Z".into(),
        pools: "2:basic".into(),
        operators: "1:egalitarian".into(),
        users: 1,
    };
    let create = build::create_rewards_plan(&MILKYWAY, &me, 5, &plan, Some("1MILK")).unwrap();
    s.sign_both_modes(
        "sign_rewards_plan_create",
        "milk",
        milky(vec![create], "", 12, 15),
        &[
            "Create rewards plan",
            "Service #5",
            "10 MILK",
            "2026-01-01 00:00:00 UTC",
            "2026-03-31 12:30:00 UTC",
            "split equally",
        ],
    );
    let edit = RewardsPlanOpts { pools: "1:weighted=3*5,7*1".into(), ..plan };
    let edit = build::edit_rewards_plan(&MILKYWAY, &me, 9, &edit).unwrap();
    s.sign_both_modes(
        "sign_rewards_plan_edit",
        "milk",
        milky(vec![edit], "", 12, 16),
        &["Edit rewards plan", "Rewards plan #9", "Pool #3 x5"],
    );
}

milkyway_e2e::on_every_device!(
    restaking,
    opt_in_and_rewards,
    liquid_staking,
    governance,
    transfers,
    bridge,
    rewards_plans
);
