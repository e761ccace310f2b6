//! Differential: a MilkyWay transaction built from structured input with the host crate's
//! builders, encoded by the host in SIGN_MODE_DIRECT and in Amino JSON, decoded and
//! rendered by the core (the device's code), expert mode off and on. Both encodings must
//! be accepted, or both refused; accepted, they must show the same screens.
//!
//! The generator follows host/tests/cross_mode.rs (the proptest version of this
//! property) and keeps out what it keeps out:
//! - contract messages with arbitrary JSON numbers (INHERENT there: a spelling x/tx turns
//!   into another safe integer is indistinguishable in Amino JSON): the only contract
//!   messages here are the liquid-stake ones, whose fields are strings and bools;
//! - gov v1beta1 has no vote metadata (the builder is given an empty one, as there);
//! - builder refusals (weights that do not add up to 1, ids the CLI refuses) fall back
//!   to the typed message like cross_mode does, or skip the input.
//! A host encoding failure (`sign_bytes` refusing a transaction `TxBuilder` built) is a
//! host bug and fails the target.
#![no_main]
use libfuzzer_sys::arbitrary::{Result, Unstructured};
use libfuzzer_sys::fuzz_target;
use milkyway_core::render::{LABEL_CHARS, PAGE_CHARS};
use milkyway_core_fuzz::printable;
use milkyway_ledger::cli::build::{self, GovVersion, VoteChoice};
use milkyway_ledger::crypto::bech32_encode;
use milkyway_ledger::denoms::{self, Chain};
use milkyway_ledger::msgs::cosmos;
use milkyway_ledger::msgs::restaking::{self, TrustedServiceEntry, UserPreferences};
use milkyway_ledger::msgs::wasm::StakingContractMsg;
use milkyway_ledger::msgs::{coin, ibc, rewards, Coin, Msg};
use milkyway_ledger::preview::PREVIEW_PUBLIC_KEY;
use milkyway_ledger::tx::{SignMode, Tx, TxBuilder};

const CHAINS: [(&str, Chain); 4] = [
    ("milkyway", denoms::MILKYWAY),
    ("ceers-2112", denoms::MILKYWAY),
    ("osmosis-1", denoms::OSMOSIS),
    ("celestia", denoms::CELESTIA),
];

fn pick<'a, T>(u: &mut Unstructured<'_>, items: &'a [T]) -> Result<&'a T> {
    u.choose(items)
}

fn address(u: &mut Unstructured<'_>, hrp: &str) -> Result<String> {
    let long = u.ratio(1u8, 5)?;
    let mut b = [0u8; 32];
    u.fill_buffer(&mut b)?;
    Ok(bech32_encode(hrp, if long { &b[..] } else { &b[..20] }).expect("valid hrp"))
}

fn any_address(u: &mut Unstructured<'_>) -> Result<String> {
    let hrp = *pick(u, &["milk", "osmo", "celestia", "cosmos"])?;
    address(u, hrp)
}

/// As cross_mode's `text_char`: printable ASCII, the characters JSON and HTML escape,
/// control characters, non-ASCII letters, homoglyphs, separators, RTL override, astral;
/// plus any `char` at all (cross_mode does not go that far).
fn text(u: &mut Unstructured<'_>, max: usize) -> Result<String> {
    let n = u.int_in_range(0..=max)?;
    let mut s = String::new();
    for _ in 0..n {
        let c = match u.int_in_range(0u8..=16)? {
            0..=9 => char::from(u.int_in_range(b' '..=b'~')?),
            10 | 11 => *pick(u, &['<', '>', '&', '"', '\\', '/', '\''])?,
            12 | 13 => {
                *pick(u, &['\n', '\r', '\t', '\u{8}', '\u{c}', '\u{1}', '\u{1f}', '\u{7f}'])?
            }
            14 | 15 => *pick(
                u,
                &[
                    'é',
                    'ü',
                    'а',
                    'Ω',
                    '中',
                    '\u{2028}',
                    '\u{2029}',
                    '\u{202e}',
                    '\u{a0}',
                    '😀',
                    '\u{10ffff}',
                    '\u{fffd}',
                ],
            )?,
            _ => u.arbitrary::<char>()?,
        };
        s.push(c);
    }
    Ok(s)
}

fn memo(u: &mut Unstructured<'_>) -> Result<String> {
    Ok(match u.int_in_range(0u8..=16)? {
        0..=5 => String::new(),
        6..=13 => text(u, 40)?,
        14 | 15 => text(u, 450)?,
        _ => format!("{}\0{}", text(u, 10)?, text(u, 10)?),
    })
}

fn digits(u: &mut Unstructured<'_>, first_nonzero: bool, max: usize) -> Result<String> {
    let n = u.int_in_range(1..=max)?;
    let mut s = String::with_capacity(n);
    for i in 0..n {
        let lo = if i == 0 && first_nonzero { b'1' } else { b'0' };
        s.push(char::from(u.int_in_range(lo..=b'9')?));
    }
    Ok(s)
}

/// A Cosmos `Int` amount as a string of digits: zero, small, u64-sized or up to the 78
/// digits of a 256-bit Int (cross_mode's `amount`: no leading zeros).
fn amount(u: &mut Unstructured<'_>) -> Result<String> {
    Ok(match u.int_in_range(0u8..=8)? {
        0 => "0".to_owned(),
        1..=4 => u.int_in_range(1u64..=10_000_000_000)?.to_string(),
        5 | 6 => u.arbitrary::<u64>()?.to_string(),
        _ => digits(u, true, 78)?,
    })
}

fn denom(u: &mut Unstructured<'_>, chain: Chain) -> Result<String> {
    let known: Vec<&str> = denoms::denoms(&chain).map(|d| d.base).collect();
    Ok(match u.int_in_range(0u8..=8)? {
        0..=3 if !known.is_empty() => pick(u, &known)?.to_string(),
        4 if !known.is_empty() => format!("locked/{}", pick(u, &known)?),
        5 => pick(u, &denoms::DENOMS)?.base.to_owned(),
        6 | 7 => {
            const FIRST: &[u8] = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
            const REST: &[u8] =
                b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789/:._-";
            let mut s = String::from(char::from(*pick(u, FIRST)?));
            for _ in 0..u.int_in_range(2..=40)? {
                s.push(char::from(*pick(u, REST)?));
            }
            s
        }
        _ => {
            let mut s = String::from("ibc/");
            for _ in 0..64 {
                s.push(char::from(*pick(u, b"0123456789ABCDEF")?));
            }
            s
        }
    })
}

fn a_coin(u: &mut Unstructured<'_>, chain: Chain) -> Result<Coin> {
    Ok(coin(amount(u)?, denom(u, chain)?))
}

fn coins(u: &mut Unstructured<'_>, chain: Chain, max: usize) -> Result<Vec<Coin>> {
    (0..u.int_in_range(0..=max)?).map(|_| a_coin(u, chain)).collect()
}

fn id32(u: &mut Unstructured<'_>) -> Result<u32> {
    Ok(match u.int_in_range(0u8..=8)? {
        0..=5 => u.int_in_range(1..=99)?,
        6 => 0,
        _ => u.arbitrary()?,
    })
}

fn id64(u: &mut Unstructured<'_>) -> Result<u64> {
    Ok(match u.int_in_range(0u8..=8)? {
        0..=5 => u.int_in_range(1..=999)?,
        6 => 0,
        _ => u.arbitrary()?,
    })
}

fn ids(u: &mut Unstructured<'_>, max: usize) -> Result<Vec<u32>> {
    (0..u.int_in_range(0..=max)?).map(|_| id32(u)).collect()
}

fn gov(u: &mut Unstructured<'_>) -> Result<GovVersion> {
    Ok(if u.arbitrary()? { GovVersion::V1 } else { GovVersion::V1beta1 })
}

fn metadata(u: &mut Unstructured<'_>, gov: GovVersion) -> Result<String> {
    // cross_mode: v1beta1 votes carry no metadata.
    Ok(if gov == GovVersion::V1beta1 || u.ratio(3u8, 4)? { String::new() } else { text(u, 30)? })
}

/// `yes=0.6,no=0.4`-style weights: 1 to 4 distinct options with positive weights of up
/// to 18 decimals that add up to exactly 1 (cross_mode's `weights`).
fn weights(u: &mut Unstructured<'_>) -> Result<String> {
    let mut options: Vec<&str> = ["yes", "abstain", "no", "veto"]
        .into_iter()
        .filter(|_| u.arbitrary().unwrap_or(false))
        .collect();
    if options.is_empty() {
        options.push(*pick(u, &["yes", "abstain", "no", "veto"])?);
    }
    let raw: Vec<u128> = (0..options.len())
        .map(|_| u.int_in_range(1u64..=999_999).map(u128::from))
        .collect::<Result<_>>()?;
    let unit: u128 =
        *pick(u, &[1, 1_000_000_000_000, 1_000_000_000_000_000, 100_000_000_000_000_000])?;
    let total: u128 = 1_000_000_000_000_000_000;
    let sum: u128 = raw.iter().sum();
    let mut left = total;
    let mut parts = Vec::new();
    for (i, o) in options.iter().enumerate() {
        let w = if i + 1 == options.len() {
            left
        } else {
            let w = (total * raw[i] / sum / unit * unit).max(unit);
            w.min(left - unit * (options.len() - 1 - i) as u128)
        };
        left -= w;
        let s = format!("{}.{:018}", w / total, w % total);
        parts.push(format!("{o}={}", s.trim_end_matches('0').trim_end_matches('.')));
    }
    Ok(parts.join(","))
}

fn ibc_memo(u: &mut Unstructured<'_>) -> Result<String> {
    Ok(match u.int_in_range(0u8..=8)? {
        0 | 1 => String::new(),
        2..=4 => text(u, 60)?,
        5 => text(u, 300)?,
        6 | 7 => {
            let l = pick(u, &denoms::LIQUID_STAKING)?;
            ibc::liquid_stake_memo(l.contract, &any_address(u)?)
        }
        _ => ibc::liquid_stake_memo(&any_address(u)?, &any_address(u)?),
    })
}

/// One message of the small catalog the brief names, signed by `me`.
fn message(u: &mut Unstructured<'_>, chain: Chain, me: &str) -> Result<Option<Vec<Msg>>> {
    let me = me.to_owned();
    Ok(Some(match u.int_in_range(0u8..=15)? {
        0 => {
            vec![restaking::MsgDelegatePool { delegator: me, amount: Some(a_coin(u, chain)?) }
                .into()]
        }
        1 => vec![restaking::MsgDelegateOperator {
            delegator: me,
            operator_id: id32(u)?,
            amount: coins(u, chain, 3)?,
        }
        .into()],
        2 => vec![restaking::MsgDelegateService {
            delegator: me,
            service_id: id32(u)?,
            amount: coins(u, chain, 3)?,
        }
        .into()],
        3 => {
            vec![restaking::MsgUndelegatePool { delegator: me, amount: Some(a_coin(u, chain)?) }
                .into()]
        }
        4 => vec![restaking::MsgUndelegateOperator {
            delegator: me,
            operator_id: id32(u)?,
            amount: coins(u, chain, 3)?,
        }
        .into()],
        5 => vec![restaking::MsgUndelegateService {
            delegator: me,
            service_id: id32(u)?,
            amount: coins(u, chain, 3)?,
        }
        .into()],
        6 => {
            let entries: Vec<(u32, Vec<u32>)> = (0..u.int_in_range(0..=3)?)
                .map(|_| Ok((id32(u)?, ids(u, 3)?)))
                .collect::<Result<_>>()?;
            let specs: Vec<String> = entries
                .iter()
                .map(|(s, pools)| {
                    if pools.is_empty() {
                        s.to_string()
                    } else {
                        format!(
                            "{s}:{}",
                            pools.iter().map(u32::to_string).collect::<Vec<_>>().join(",")
                        )
                    }
                })
                .collect();
            match build::trust_services(&me, &specs, specs.is_empty()) {
                Ok(m) => vec![m],
                Err(_) => vec![restaking::MsgSetUserPreferences {
                    user: me,
                    preferences: Some(UserPreferences {
                        trusted_services: entries
                            .into_iter()
                            .map(|(service_id, pools_ids)| TrustedServiceEntry {
                                service_id,
                                pools_ids,
                            })
                            .collect(),
                    }),
                }
                .into()],
            }
        }
        7 => {
            let (p, o, s, c) = (ids(u, 2)?, ids(u, 2)?, ids(u, 2)?, ids(u, 1)?);
            build::claim_rewards(&me, &p, &o, &s, &c).unwrap_or_else(|_| {
                vec![rewards::MsgWithdrawDelegatorReward {
                    delegator_address: me,
                    delegation_type: 1,
                    delegation_target_id: 1,
                }
                .into()]
            })
        }
        8 => {
            let choice = *pick(
                u,
                &[VoteChoice::Yes, VoteChoice::Abstain, VoteChoice::No, VoteChoice::Veto],
            )?;
            let g = gov(u)?;
            let meta = metadata(u, g)?;
            match build::vote(&me, id64(u)?, Some(choice), None, g, &meta) {
                Ok(m) => vec![m],
                Err(_) => return Ok(None),
            }
        }
        9 => {
            let w = weights(u)?;
            let g = gov(u)?;
            let meta = metadata(u, g)?;
            match build::vote(&me, id64(u)?, None, Some(&w), g, &meta) {
                Ok(m) => vec![m],
                Err(_) => return Ok(None),
            }
        }
        10 => vec![cosmos::MsgSend {
            from_address: me,
            to_address: any_address(u)?,
            amount: coins(u, chain, 3)?,
        }
        .into()],
        11 => {
            let height = match u.int_in_range(0u8..=2)? {
                0 => (0, 0),
                1 => (u.int_in_range(0..=4)?, u.int_in_range(1..=99_999_999)?),
                _ => (u.arbitrary()?, u.arbitrary()?),
            };
            vec![ibc::MsgTransfer {
                source_port: "transfer".into(),
                source_channel: format!("channel-{}", u.arbitrary::<u16>()?),
                token: Some(a_coin(u, chain)?),
                sender: me,
                receiver: any_address(u)?,
                timeout_height: Some(ibc::Height {
                    revision_number: height.0,
                    revision_height: height.1,
                }),
                timeout_timestamp: if u.arbitrary()? { 0 } else { u.arbitrary()? },
                memo: ibc_memo(u)?,
            }
            .into()]
        }
        13 => {
            use cosmos::{stake_authorization as sa, Authorization, AuthorizationType};
            let validators = |u: &mut Unstructured<'_>| -> Result<Vec<String>> {
                (0..u.int_in_range(0..=3)?).map(|_| any_address(u)).collect()
            };
            let authorization = match u.int_in_range(0u8..=2)? {
                0 => Authorization::Generic(text(u, 80)?),
                1 => Authorization::Send {
                    spend_limit: coins(u, chain, 2)?,
                    allow_list: validators(u)?,
                },
                _ => Authorization::Stake {
                    kind: *pick(
                        u,
                        &[
                            AuthorizationType::Unspecified,
                            AuthorizationType::Delegate,
                            AuthorizationType::Undelegate,
                            AuthorizationType::Redelegate,
                            AuthorizationType::CancelUnbondingDelegation,
                        ],
                    )?,
                    max_tokens: if u.arbitrary()? { Some(a_coin(u, chain)?) } else { None },
                    validators: match u.int_in_range(0u8..=2)? {
                        0 => None,
                        1 => {
                            Some(sa::Policy::AllowList(sa::Validators { address: validators(u)? }))
                        }
                        _ => Some(sa::Policy::DenyList(sa::Validators { address: validators(u)? })),
                    },
                },
            };
            let expiration = match u.int_in_range(0u8..=2)? {
                0 => None,
                1 => Some(u.int_in_range(0i64..=4_102_444_800)?),
                _ => Some(u.arbitrary()?),
            };
            vec![cosmos::grant(&me, &any_address(u)?, &authorization, expiration).into()]
        }
        14 => vec![cosmos::MsgRevoke {
            granter: me,
            grantee: any_address(u)?,
            msg_type_url: text(u, 80)?,
        }
        .into()],
        15 => {
            let description = cosmos::Description {
                moniker: text(u, 40)?,
                identity: text(u, 20)?,
                website: text(u, 40)?,
                security_contact: text(u, 20)?,
                details: text(u, 100)?,
            };
            let key: [u8; 32] = u.arbitrary()?;
            if u.arbitrary()? {
                #[allow(deprecated)]
                let m = cosmos::MsgCreateValidator {
                    description: Some(description),
                    commission: Some(cosmos::CommissionRates {
                        rate: digits(u, true, 19)?,
                        max_rate: digits(u, true, 19)?,
                        max_change_rate: digits(u, true, 19)?,
                    }),
                    min_self_delegation: amount(u)?,
                    delegator_address: if u.arbitrary()? { me } else { String::new() },
                    validator_address: any_address(u)?,
                    pubkey: Some(cosmos::consensus_key(&key)),
                    value: Some(a_coin(u, chain)?),
                };
                vec![m.into()]
            } else {
                vec![cosmos::MsgEditValidator {
                    description: Some(description),
                    validator_address: any_address(u)?,
                    commission_rate: if u.arbitrary()? {
                        digits(u, true, 19)?
                    } else {
                        String::new()
                    },
                    min_self_delegation: if u.arbitrary()? { amount(u)? } else { String::new() },
                }
                .into()]
            }
        }
        _ => {
            let l = pick(u, &denoms::LIQUID_STAKING)?;
            let amount = amount(u)?;
            let msg = StakingContractMsg::LiquidStake {
                mint_to: if u.arbitrary()? { Some(any_address(u)?) } else { None },
                transfer_to_native_chain: u.arbitrary::<bool>()?.then_some(true),
                expected_mint_amount: if u.arbitrary()? { Some(amount_of(u)?) } else { None },
            };
            match msg.to_execute(&me, l.contract, Some((&amount, l.native_denom))) {
                Ok(m) => vec![m.into()],
                Err(_) => return Ok(None),
            }
        }
    }))
}

fn amount_of(u: &mut Unstructured<'_>) -> Result<String> {
    amount(u)
}

fn case(u: &mut Unstructured<'_>) -> Result<Option<(Tx, String)>> {
    let (chain_id, chain) = *pick(u, &CHAINS)?;
    let me = address(u, chain.hrp)?;
    let mut msgs = Vec::new();
    for _ in 0..u.int_in_range(1..=4)? {
        match message(u, chain, &me)? {
            Some(m) => msgs.extend(m),
            None => return Ok(None),
        }
    }
    let fee = coins(u, chain, 2)?;
    let gas = if u.arbitrary()? { 200_000 } else { u.arbitrary()? };
    let memo = memo(u)?;
    let timeout = if u.ratio(3u8, 4)? { 0 } else { u.arbitrary()? };
    let mut b = TxBuilder::new(chain_id)
        .msgs(msgs)
        .memo(memo)
        .timeout_height(timeout)
        .fee(fee, gas)
        .account_number(u.arbitrary()?)
        .sequence(u.arbitrary()?);
    if u.arbitrary()? {
        b = b.fee_payer(address(u, chain.hrp)?);
    }
    if u.arbitrary()? {
        b = b.fee_granter(address(u, chain.hrp)?);
    }
    Ok(b.build().ok().map(|tx| (tx, me)))
}

/// The core's screens of `bytes`, or the reason it refuses them (decode or render).
fn screens(
    bytes: &[u8],
    mode: milkyway_core::SignMode,
    expert: bool,
    me: &str,
) -> core::result::Result<Vec<(String, String)>, &'static str> {
    let tx = milkyway_core::decode(bytes, mode).map_err(|e| e.reason())?;
    let mut out = Vec::new();
    let mut sink = |s: milkyway_core::Screen<'_>| {
        assert!(
            !s.label.is_empty() && s.label.len() <= LABEL_CHARS && printable(s.label),
            "label {:?}",
            s.label
        );
        assert!(s.value.len() <= PAGE_CHARS && printable(s.value), "value {:?}", s.value);
        out.push((s.label.to_owned(), s.value.to_owned()));
        Ok(())
    };
    milkyway_core::render(
        &tx,
        &milkyway_core::Options { expert, own_address: Some(me) },
        &mut sink,
    )
    .map_err(|e| e.reason())?;
    Ok(out)
}

fuzz_target!(|data: &[u8]| {
    let mut u = Unstructured::new(data);
    let Ok(Some((tx, me))) = case(&mut u) else { return };
    let direct = tx
        .sign_bytes(SignMode::Direct, &PREVIEW_PUBLIC_KEY)
        .unwrap_or_else(|e| panic!("host DIRECT encoding failed: {e}"));
    let amino = tx
        .sign_bytes(SignMode::AminoJson, &PREVIEW_PUBLIC_KEY)
        .unwrap_or_else(|e| panic!("host Amino JSON encoding failed: {e}"));
    for expert in [false, true] {
        let d = screens(&direct, milkyway_core::SignMode::Direct, expert, &me);
        let a = screens(&amino, milkyway_core::SignMode::AminoJson, expert, &me);
        match (&d, &a) {
            (Err(_), Err(_)) => {}
            _ if d == a => {}
            _ => panic!(
                "DIRECT and Amino JSON differ (expert={expert})\nDIRECT: {d:#?}\nAMINO:  {a:#?}\namino sign doc: {}",
                String::from_utf8_lossy(&amino)
            ),
        }
    }
});
