//! MilkyWay rewards plans: `MsgCreateRewardsPlan` and `MsgEditRewardsPlan` in words (the
//! amount per day with its symbol, the dates in UTC, the pools/operators/users shares
//! and how each is split) in both sign modes, and what is refused.

mod common;
use common::*;
use milkyway_core::Error;

const CREATE: &str = "/milkyway.rewards.v1.MsgCreateRewardsPlan";
const EDIT: &str = "/milkyway.rewards.v1.MsgEditRewardsPlan";
const BASIC: &str = "/milkyway.rewards.v1.DistributionTypeBasic";
const WEIGHTED: &str = "/milkyway.rewards.v1.DistributionTypeWeighted";
const EGALITARIAN: &str = "/milkyway.rewards.v1.DistributionTypeEgalitarian";
const USERS_BASIC: &str = "/milkyway.rewards.v1.UsersDistributionTypeBasic";
/// 2026-01-01T00:00:00Z and 2026-03-31T12:30:00Z.
const START: i64 = 1_767_225_600;
const END: i64 = 1_774_960_200;

fn ts(seconds: i64) -> Vec<u8> {
    fv(1, seconds as u64)
}

/// A `Distribution` (delegation type, weight, the type's Any) in both encodings (Amino
/// JSON keys sorted, defaults left out, as x/tx writes them).
fn distr(
    dtype: u64,
    weight: u64,
    type_url: &str,
    value: Vec<u8>,
    value_json: &str,
) -> (Vec<u8>, String) {
    let mut p = Vec::new();
    let mut j = Vec::new();
    if dtype != 0 {
        p.extend(fv(1, dtype));
        j.push(format!(r#""delegation_type":{dtype}"#));
    }
    if weight != 0 {
        p.extend(fv(2, weight));
    }
    p.extend(fb(3, &any(type_url, &value)));
    j.push(format!(r#""type":{{"type":"{type_url}","value":{value_json}}}"#));
    if weight != 0 {
        j.push(format!(r#""weight":{weight}"#));
    }
    (p, format!("{{{}}}", j.join(",")))
}

fn users(weight: u64) -> (Vec<u8>, String) {
    let mut p = Vec::new();
    if weight != 0 {
        p.extend(fv(1, weight));
    }
    p.extend(fb(2, &any(USERS_BASIC, &[])));
    let mut j = format!(r#"{{"type":{{"type":"{USERS_BASIC}","value":{{}}}}"#);
    if weight != 0 {
        j.push_str(&format!(r#","weight":{weight}"#));
    }
    j.push('}');
    (p, j)
}

/// A create message with these three distributions, in both encodings.
fn create(
    pools: (Vec<u8>, String),
    ops: (Vec<u8>, String),
    us: (Vec<u8>, String),
) -> (Vec<u8>, String) {
    let p = cat(&[
        fs(1, ME),
        fs(2, "Nebula season 1"),
        fv(3, 5),
        fb(4, &coin("umilk", "10000000")),
        fb(5, &ts(START)),
        fb(6, &ts(END)),
        fb(7, &pools.0),
        fb(8, &ops.0),
        fb(9, &us.0),
        fb(10, &coin("umilk", "1000000")),
    ]);
    let a = format!(
        r#"{{"type":"milkyway/MsgCreateRewardsPlan","value":{{"amount":{{"amount":"10000000","denom":"umilk"}},"description":"Nebula season 1","end_time":"2026-03-31T12:30:00Z","fee_amount":[{{"amount":"1000000","denom":"umilk"}}],"operators_distribution":{},"pools_distribution":{},"sender":"{ME}","service_id":5,"start_time":"2026-01-01T00:00:00Z","users_distribution":{}}}}}"#,
        ops.1, pools.1, us.1
    );
    (any(CREATE, &p), a)
}

fn both(m: (Vec<u8>, String)) -> Result<Vec<String>, Error> {
    let d = direct(&direct_doc(&[m.0], ""));
    let a = amino(&amino_doc(&m.1, ""));
    assert_eq!(d, a, "DIRECT and Amino JSON disagree: {}", m.1);
    d.map(|mut s| {
        s.truncate(s.len() - 2);
        s
    })
}

#[test]
fn create_in_words() {
    let s = both(create(
        distr(1, 2, BASIC, vec![], "{}"),
        distr(2, 1, EGALITARIAN, vec![], "{}"),
        users(1),
    ))
    .unwrap();
    assert_eq!(
        s,
        lines(&[
            "Action: Create rewards plan",
            "Service: Service #5",
            "Description: Nebula season 1",
            "Amount per day: 10 MILK",
            "Start: 2026-01-01 00:00:00 UTC",
            "End: 2026-03-31 12:30:00 UTC",
            "Pools: weight 2 of 4, split in proportion to delegations",
            "Operators: weight 1 of 4, split equally",
            "Users: weight 1 of 4, split in proportion to delegations",
            "Creation fee: 1 MILK",
        ])
    );
}

#[test]
fn weighted_split_lists_every_target() {
    let weights = cat(&[fb(1, &cat(&[fv(1, 3), fv(2, 5)])), fb(1, &cat(&[fv(1, 7), fv(2, 1)]))]);
    let json = r#"{"weights":[{"delegation_target_id":3,"weight":5},{"delegation_target_id":7,"weight":1}]}"#;
    let s = both(create(
        distr(1, 1, WEIGHTED, weights, json),
        distr(2, 0, BASIC, vec![], "{}"),
        users(0),
    ))
    .unwrap();
    assert_eq!(s[6], "Pools: weight 1 of 1, split by weight: Pool #3 x5, Pool #7 x1");
    assert_eq!(s[7], "Operators: weight 0 of 1, split in proportion to delegations");
    assert_eq!(s[8], "Users: weight 0 of 1, split in proportion to delegations");
}

#[test]
fn edit_names_the_plan() {
    let pools = distr(1, 1, BASIC, vec![], "{}");
    let ops = distr(2, 1, BASIC, vec![], "{}");
    let us = users(1);
    let p = cat(&[
        fs(1, ME),
        fv(2, 12),
        fs(3, "Nebula season 2"),
        fb(4, &coin("umilk", "2500000")),
        fb(5, &ts(START)),
        fb(6, &ts(END)),
        fb(7, &pools.0),
        fb(8, &ops.0),
        fb(9, &us.0),
    ]);
    let a = format!(
        r#"{{"type":"milkyway/MsgEditRewardsPlan","value":{{"amount":{{"amount":"2500000","denom":"umilk"}},"description":"Nebula season 2","end_time":"2026-03-31T12:30:00Z","id":"12","operators_distribution":{},"pools_distribution":{},"sender":"{ME}","start_time":"2026-01-01T00:00:00Z","users_distribution":{}}}}}"#,
        ops.1, pools.1, us.1
    );
    let s = both((any(EDIT, &p), a)).unwrap();
    assert_eq!(
        s,
        lines(&[
            "Action: Edit rewards plan",
            "Plan: Rewards plan #12",
            "Description: Nebula season 2",
            "Amount per day: 2.5 MILK",
            "Start: 2026-01-01 00:00:00 UTC",
            "End: 2026-03-31 12:30:00 UTC",
            "Pools: weight 1 of 3, split in proportion to delegations",
            "Operators: weight 1 of 3, split in proportion to delegations",
            "Users: weight 1 of 3, split in proportion to delegations",
        ])
    );
}

#[test]
fn distributions_for_other_targets_or_of_unknown_types_are_refused() {
    // Pools distribution for operators; operators distribution for pools; none set.
    for (p, o) in [(2, 2), (1, 1), (0, 2), (1, 3)] {
        let r = both(create(
            distr(p, 1, BASIC, vec![], "{}"),
            distr(o, 1, BASIC, vec![], "{}"),
            users(1),
        ));
        assert_eq!(r, Err(Error::InvalidDistribution), "pools {p} operators {o}");
    }
    // A distribution type that is not one of the three; the users' type for pools.
    let r = both(create(
        distr(1, 1, "/milkyway.rewards.v1.DistributionTypeWhale", vec![], "{}"),
        distr(2, 1, BASIC, vec![], "{}"),
        users(1),
    ));
    assert!(r.is_err(), "{r:?}");
    let r = both(create(
        distr(1, 1, USERS_BASIC, vec![], "{}"),
        distr(2, 1, BASIC, vec![], "{}"),
        users(1),
    ));
    assert!(r.is_err(), "{r:?}");
}

#[test]
fn times_must_be_there_and_valid() {
    let (pools, ops, us) =
        (distr(1, 1, BASIC, vec![], "{}"), distr(2, 1, BASIC, vec![], "{}"), users(1));
    // No end time on the wire: refused (the chain would read year 1).
    let p = cat(&[
        fs(1, ME),
        fv(3, 5),
        fb(4, &coin("umilk", "1")),
        fb(5, &ts(START)),
        fb(7, &pools.0),
        fb(8, &ops.0),
        fb(9, &us.0),
    ]);
    assert_eq!(direct(&direct_doc(&[any(CREATE, &p)], "")), Err(Error::InvalidTimestamp));
    // A time past year 9999.
    let p = cat(&[
        fs(1, ME),
        fv(3, 5),
        fb(4, &coin("umilk", "1")),
        fb(5, &ts(START)),
        fb(6, &ts(253_402_300_800)),
        fb(7, &pools.0),
        fb(8, &ops.0),
        fb(9, &us.0),
    ]);
    assert!(direct(&direct_doc(&[any(CREATE, &p)], "")).is_err());
}
