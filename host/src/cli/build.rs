//! Turns a subcommand into messages. Pure: the signer's address comes in, messages go
//! out, nothing touches the device (so it is unit-tested here).

use crate::denoms::{self, Chain, LiquidStaking};
use crate::msgs::cosmos::{gov_v1, gov_v1beta1};
use crate::msgs::restaking::{DelegationType, TrustedServiceEntry, UserPreferences};
use crate::msgs::wasm::StakingContractMsg;
use crate::msgs::{cosmos, ibc, restaking, rewards, Msg};
use crate::{crypto, decimal};

/// A vote option as typed on the command line.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum VoteChoice {
    Yes,
    Abstain,
    No,
    /// No with veto.
    #[value(alias = "no-with-veto", alias = "nowithveto")]
    Veto,
}

impl VoteChoice {
    /// The gov VoteOption value (identical in v1 and v1beta1).
    pub fn value(self) -> i32 {
        match self {
            VoteChoice::Yes => 1,
            VoteChoice::Abstain => 2,
            VoteChoice::No => 3,
            VoteChoice::Veto => 4,
        }
    }

    fn parse(s: &str) -> Result<Self, String> {
        <Self as clap::ValueEnum>::from_str(s, true)
            .map_err(|_| format!("unknown vote option {s:?}: use yes, no, abstain or veto"))
    }
}

/// Which gov module version to vote with.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum GovVersion {
    #[default]
    V1,
    V1beta1,
}

/// Checks a bech32 address (checksum, and prefix when given).
pub fn check_address(addr: &str, hrp: Option<&str>) -> Result<(), String> {
    match crypto::bech32_decode(addr) {
        Some((p, _)) if hrp.is_none_or(|h| h == p) => Ok(()),
        Some((p, _)) => {
            Err(format!("{addr} is a {p} address, expected a {} address", hrp.unwrap_or_default()))
        }
        None => Err(format!("{addr:?} is not a valid bech32 address")),
    }
}

fn one_amount(chain: &Chain, text: &str) -> Result<crate::msgs::Coin, String> {
    denoms::parse_amount(chain, text).map_err(|e| e.to_string())
}

fn amounts(chain: &Chain, text: &str) -> Result<Vec<crate::msgs::Coin>, String> {
    let v = denoms::parse_amounts(chain, text).map_err(|e| e.to_string())?;
    if v.is_empty() {
        return Err("no amount given".into());
    }
    Ok(v)
}

/// `restake pool|operator|service`.
pub fn restake(
    chain: &Chain,
    sender: &str,
    target: &str,
    id: Option<u32>,
    amount: &str,
) -> Result<Msg, String> {
    Ok(match (target, id) {
        ("pool", None) => restaking::MsgDelegatePool {
            delegator: sender.into(),
            amount: Some(one_amount(chain, amount)?),
        }
        .into(),
        ("operator", Some(id)) => restaking::MsgDelegateOperator {
            delegator: sender.into(),
            operator_id: id,
            amount: amounts(chain, amount)?,
        }
        .into(),
        ("service", Some(id)) => restaking::MsgDelegateService {
            delegator: sender.into(),
            service_id: id,
            amount: amounts(chain, amount)?,
        }
        .into(),
        _ => return Err(format!("invalid restake target {target}")),
    })
}

/// `unrestake pool|operator|service`.
pub fn unrestake(
    chain: &Chain,
    sender: &str,
    target: &str,
    id: Option<u32>,
    amount: &str,
) -> Result<Msg, String> {
    Ok(match (target, id) {
        ("pool", None) => restaking::MsgUndelegatePool {
            delegator: sender.into(),
            amount: Some(one_amount(chain, amount)?),
        }
        .into(),
        ("operator", Some(id)) => restaking::MsgUndelegateOperator {
            delegator: sender.into(),
            operator_id: id,
            amount: amounts(chain, amount)?,
        }
        .into(),
        ("service", Some(id)) => restaking::MsgUndelegateService {
            delegator: sender.into(),
            service_id: id,
            amount: amounts(chain, amount)?,
        }
        .into(),
        _ => return Err(format!("invalid unrestake target {target}")),
    })
}

/// `trust-services`: each spec is `SERVICE` (all pools) or `SERVICE:POOL,POOL`.
pub fn trust_services(sender: &str, specs: &[String], none: bool) -> Result<Msg, String> {
    if specs.is_empty() && !none {
        return Err(
            "name the services to trust with --service, or pass --none to trust no service".into(),
        );
    }
    if !specs.is_empty() && none {
        return Err("--none cannot be combined with --service".into());
    }
    let mut entries: Vec<TrustedServiceEntry> = Vec::new();
    for spec in specs {
        let (service, pools) = match spec.split_once(':') {
            Some((s, p)) => (s, Some(p)),
            None => (spec.as_str(), None),
        };
        let service_id: u32 =
            service.trim().parse().map_err(|_| format!("invalid service id in {spec:?}"))?;
        if service_id == 0 {
            return Err("service ids start at 1".into());
        }
        let mut pools_ids = Vec::new();
        if let Some(p) = pools {
            for id in p.split(',') {
                let id: u32 =
                    id.trim().parse().map_err(|_| format!("invalid pool id in {spec:?}"))?;
                if id == 0 || pools_ids.contains(&id) {
                    return Err(format!("pool ids must be non-zero and distinct in {spec:?}"));
                }
                pools_ids.push(id);
            }
        }
        if entries.iter().any(|e| e.service_id == service_id) {
            return Err(format!("service {service_id} is listed twice"));
        }
        entries.push(TrustedServiceEntry { service_id, pools_ids });
    }
    Ok(restaking::MsgSetUserPreferences {
        user: sender.into(),
        preferences: Some(UserPreferences { trusted_services: entries }),
    }
    .into())
}

/// `claim-rewards`: one message per target.
pub fn claim_rewards(
    sender: &str,
    pools: &[u32],
    operators: &[u32],
    services: &[u32],
    commissions: &[u32],
) -> Result<Vec<Msg>, String> {
    let mut out: Vec<Msg> = Vec::new();
    for (ids, ty) in [
        (pools, DelegationType::Pool),
        (operators, DelegationType::Operator),
        (services, DelegationType::Service),
    ] {
        for id in ids {
            out.push(
                rewards::MsgWithdrawDelegatorReward {
                    delegator_address: sender.into(),
                    delegation_type: ty as i32,
                    delegation_target_id: *id,
                }
                .into(),
            );
        }
    }
    for id in commissions {
        out.push(
            rewards::MsgWithdrawOperatorCommission { sender: sender.into(), operator_id: *id }
                .into(),
        );
    }
    if out.is_empty() {
        return Err(
            "name at least one target: --pool, --operator, --service or --operator-commission"
                .into(),
        );
    }
    Ok(out)
}

/// Options of `liquid-stake`.
#[derive(Clone, Debug, Default)]
pub struct LiquidStakeOpts {
    pub mint_to: Option<String>,
    pub transfer_to_native_chain: bool,
    pub expected_mint: Option<String>,
}

/// `liquid-stake`: `amount` must be the contract's native token.
pub fn liquid_stake(
    lst: &LiquidStaking,
    sender: &str,
    amount: &str,
    opts: &LiquidStakeOpts,
) -> Result<Msg, String> {
    let chain = denoms::chain(lst.chain).map_err(|e| e.to_string())?;
    let coin = one_amount(&chain, amount)?;
    if coin.denom != lst.native_denom {
        return Err(format!(
            "liquid staking {} takes {} ({}), not {}",
            lst.lst_symbol,
            denoms::lookup(&chain, lst.native_denom).map_or(lst.native_denom, |d| d.symbol),
            lst.native_denom,
            coin.denom
        ));
    }
    if let Some(m) = &opts.mint_to {
        check_address(m, None)?;
    }
    let expected = match &opts.expected_mint {
        Some(e) => {
            let c = one_amount(&chain, e)?;
            if c.denom != lst.lst_denom {
                return Err(format!("--expected-mint must be an amount of {}", lst.lst_symbol));
            }
            Some(c.amount)
        }
        None => None,
    };
    let msg = StakingContractMsg::LiquidStake {
        mint_to: opts.mint_to.clone(),
        transfer_to_native_chain: opts.transfer_to_native_chain.then_some(true),
        expected_mint_amount: expected,
    };
    Ok(msg
        .to_execute(sender, lst.contract, Some((&coin.amount, &coin.denom)))
        .map_err(|e| e.to_string())?
        .into())
}

/// `liquid-unstake`: `amount` must be the LST.
pub fn liquid_unstake(lst: &LiquidStaking, sender: &str, amount: &str) -> Result<Msg, String> {
    let chain = denoms::chain(lst.chain).map_err(|e| e.to_string())?;
    let coin = one_amount(&chain, amount)?;
    if coin.denom != lst.lst_denom {
        return Err(format!(
            "liquid unstaking returns {}: the amount must be {}, not {}",
            lst.lst_symbol, lst.lst_denom, coin.denom
        ));
    }
    Ok(StakingContractMsg::LiquidUnstake
        .to_execute(sender, lst.contract, Some((&coin.amount, &coin.denom)))
        .map_err(|e| e.to_string())?
        .into())
}

/// `claim-unstaked`: withdraw a received batch.
pub fn claim_unstaked(lst: &LiquidStaking, sender: &str, batch_id: u64) -> Result<Msg, String> {
    Ok(StakingContractMsg::Withdraw { batch_id }
        .to_execute(sender, lst.contract, None)
        .map_err(|e| e.to_string())?
        .into())
}

/// `vote`: a single option, or weighted `yes=0.6,no=0.4` (weights must add up to 1).
pub fn vote(
    sender: &str,
    proposal_id: u64,
    option: Option<VoteChoice>,
    weighted: Option<&str>,
    gov: GovVersion,
    metadata: &str,
) -> Result<Msg, String> {
    match (option, weighted) {
        (Some(o), None) => Ok(match gov {
            GovVersion::V1 => gov_v1::MsgVote {
                proposal_id,
                voter: sender.into(),
                option: o.value(),
                metadata: metadata.into(),
            }
            .into(),
            GovVersion::V1beta1 => {
                if !metadata.is_empty() {
                    return Err("gov v1beta1 votes have no metadata".into());
                }
                gov_v1beta1::MsgVote { proposal_id, voter: sender.into(), option: o.value() }.into()
            }
        }),
        (None, Some(w)) => {
            let mut parts: Vec<(VoteChoice, String)> = Vec::new();
            let mut total = 0u128;
            for item in w.split(',') {
                let (o, weight) = item
                    .split_once('=')
                    .ok_or_else(|| format!("write weights as yes=0.6,no=0.4, not {item:?}"))?;
                let o = VoteChoice::parse(o.trim())?;
                if parts.iter().any(|(p, _)| *p == o) {
                    return Err(format!("option {o:?} is listed twice"));
                }
                let wire = decimal::legacy_dec_to_wire(weight.trim()).map_err(|e| e.to_string())?;
                let n: u128 =
                    wire.parse().map_err(|_| format!("weight {weight:?} must be positive"))?;
                if n == 0 {
                    return Err(format!("weight {weight:?} must be positive"));
                }
                total += n;
                parts.push((o, weight.trim().to_owned()));
            }
            if total != 1_000_000_000_000_000_000 {
                return Err("the weights must add up to exactly 1".into());
            }
            Ok(match gov {
                GovVersion::V1 => gov_v1::MsgVoteWeighted {
                    proposal_id,
                    voter: sender.into(),
                    options: parts
                        .into_iter()
                        .map(|(o, w)| gov_v1::WeightedVoteOption { option: o.value(), weight: w })
                        .collect(),
                    metadata: metadata.into(),
                }
                .into(),
                GovVersion::V1beta1 => gov_v1beta1::MsgVoteWeighted {
                    proposal_id,
                    voter: sender.into(),
                    options: parts
                        .into_iter()
                        .map(|(o, w)| {
                            Ok(gov_v1beta1::WeightedVoteOption {
                                option: o.value(),
                                weight: decimal::legacy_dec_to_wire(&w)
                                    .map_err(|e| e.to_string())?,
                            })
                        })
                        .collect::<Result<_, String>>()?,
                }
                .into(),
            })
        }
        (Some(_), Some(_)) => Err("give either an option or --weighted, not both".into()),
        (None, None) => Err("give a vote option (yes, no, abstain, veto) or --weighted".into()),
    }
}

/// `send`.
pub fn send(chain: &Chain, sender: &str, to: &str, amount: &str) -> Result<Msg, String> {
    check_address(to, Some(chain.hrp))?;
    Ok(cosmos::MsgSend {
        from_address: sender.into(),
        to_address: to.into(),
        amount: amounts(chain, amount)?,
    }
    .into())
}

/// `delegate` (MILK staking to a validator).
pub fn delegate(chain: &Chain, sender: &str, validator: &str, amount: &str) -> Result<Msg, String> {
    let valoper = format!("{}valoper", chain.hrp);
    check_address(validator, Some(&valoper))?;
    Ok(cosmos::MsgDelegate {
        delegator_address: sender.into(),
        validator_address: validator.into(),
        amount: Some(one_amount(chain, amount)?),
    }
    .into())
}

/// Options of `ibc-transfer`.
#[derive(Clone, Debug, Default)]
pub struct IbcOpts {
    pub port: String,
    pub channel: String,
    pub timeout_height: Option<(u64, u64)>,
    /// Nanoseconds since the epoch.
    pub timeout_timestamp: u64,
    pub memo: String,
}

/// `ibc-transfer`.
pub fn ibc_transfer(
    chain: &Chain,
    sender: &str,
    receiver: &str,
    amount: &str,
    o: &IbcOpts,
) -> Result<Msg, String> {
    if !o.channel.starts_with("channel-") {
        return Err(format!("invalid channel {:?}: use channel-N", o.channel));
    }
    check_address(receiver, None)?;
    if o.timeout_height.is_none() && o.timeout_timestamp == 0 {
        return Err("an IBC transfer needs a timeout: --timeout-minutes or --timeout-height".into());
    }
    let (rn, rh) = o.timeout_height.unwrap_or((0, 0));
    Ok(ibc::MsgTransfer {
        source_port: o.port.clone(),
        source_channel: o.channel.clone(),
        token: Some(one_amount(chain, amount)?),
        sender: sender.into(),
        receiver: receiver.into(),
        timeout_height: Some(ibc::Height { revision_number: rn, revision_height: rh }),
        timeout_timestamp: o.timeout_timestamp,
        memo: o.memo.clone(),
    }
    .into())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::denoms::{MILKYWAY, OSMOSIS};

    const ME: &str = "milk102lq49sg6lmw2e0mw740tjldzq68v0yfgtazz5";

    fn json(m: &Msg) -> String {
        m.to_amino_json().unwrap().to_canonical_string()
    }

    #[test]
    fn restake_commands() {
        let m = restake(&MILKYWAY, ME, "pool", None, "10.5milkTIA").unwrap();
        assert_eq!(
            json(&m),
            format!(
                r#"{{"type":"milkyway/MsgDelegatePool","value":{{"amount":{{"amount":"10500000","denom":"{}"}},"delegator":"{ME}"}}}}"#,
                denoms::MILKTIA_ON_MILKYWAY
            )
        );
        let m = restake(&MILKYWAY, ME, "operator", Some(12), "1MILK,2milkTIA").unwrap();
        assert!(
            matches!(&m, Msg::DelegateOperator(d) if d.operator_id == 12 && d.amount.len() == 2)
        );
        let m = unrestake(&MILKYWAY, ME, "service", Some(5), "1000000umilk").unwrap();
        assert_eq!(
            json(&m),
            format!(
                r#"{{"type":"milkyway/MsgUndelegateService","value":{{"amount":[{{"amount":"1000000","denom":"umilk"}}],"delegator":"{ME}","service_id":5}}}}"#
            )
        );
        assert!(restake(&MILKYWAY, ME, "pool", None, "1NOPE").is_err());
        assert!(restake(&MILKYWAY, ME, "pool", None, "1MILK,2MILK").is_err());
    }

    #[test]
    fn trust_services_specs() {
        let m = trust_services(ME, &["2:1,3".into(), "5".into()], false).unwrap();
        assert_eq!(
            json(&m),
            format!(
                r#"{{"type":"milkyway/MsgSetUserPreferences","value":{{"preferences":{{"trusted_services":[{{"pools_ids":[1,3],"service_id":2}},{{"service_id":5}}]}},"user":"{ME}"}}}}"#
            )
        );
        let none = trust_services(ME, &[], true).unwrap();
        assert_eq!(
            json(&none),
            format!(
                r#"{{"type":"milkyway/MsgSetUserPreferences","value":{{"preferences":{{}},"user":"{ME}"}}}}"#
            )
        );
        assert!(trust_services(ME, &[], false).is_err());
        assert!(trust_services(ME, &["2".into(), "2:1".into()], false).is_err());
        assert!(trust_services(ME, &["2:1,1".into()], false).is_err());
        assert!(trust_services(ME, &["0".into()], false).is_err());
    }

    #[test]
    fn claim_rewards_targets() {
        let ms = claim_rewards(ME, &[1], &[12], &[], &[12]).unwrap();
        assert_eq!(ms.len(), 3);
        assert_eq!(
            json(&ms[1]),
            format!(
                r#"{{"type":"milkyway/MsgWithdrawDelegatorReward","value":{{"delegation_target_id":12,"delegation_type":2,"delegator_address":"{ME}"}}}}"#
            )
        );
        assert!(matches!(ms[2], Msg::WithdrawOperatorCommission(_)));
        assert!(claim_rewards(ME, &[], &[], &[], &[]).is_err());
    }

    #[test]
    fn liquid_staking_commands() {
        let lst = denoms::liquid_staking("milkTIA").unwrap();
        let osmo_me = "osmo1user";
        let m = liquid_stake(&lst, osmo_me, "10.5TIA", &LiquidStakeOpts::default()).unwrap();
        assert_eq!(
            json(&m),
            format!(
                r#"{{"type":"wasm/MsgExecuteContract","value":{{"contract":"{}","funds":[{{"amount":"10500000","denom":"{}"}}],"msg":{{"liquid_stake":{{}}}},"sender":"osmo1user"}}}}"#,
                denoms::MILKTIA_CONTRACT,
                denoms::TIA_ON_OSMOSIS
            )
        );
        let opts = LiquidStakeOpts {
            mint_to: Some(ME.into()),
            transfer_to_native_chain: true,
            expected_mint: Some("10milkTIA".into()),
        };
        let m = liquid_stake(&lst, osmo_me, "10.5TIA", &opts).unwrap();
        assert!(json(&m).contains(&format!(
            r#""msg":{{"liquid_stake":{{"expected_mint_amount":"10000000","mint_to":"{ME}","transfer_to_native_chain":true}}}}"#
        )));
        assert!(liquid_stake(&lst, osmo_me, "10milkTIA", &LiquidStakeOpts::default()).is_err());
        let m = liquid_unstake(&lst, osmo_me, "3milkTIA").unwrap();
        assert!(
            json(&m).contains(r#""msg":{"liquid_unstake":{}}"#)
                && json(&m).contains(denoms::MILKTIA_ON_OSMOSIS)
        );
        assert!(liquid_unstake(&lst, osmo_me, "3TIA").is_err());
        let m = claim_unstaked(&lst, osmo_me, 42).unwrap();
        assert!(json(&m).contains(r#""funds":[],"msg":{"withdraw":{"batch_id":42}}"#));
        let baby = denoms::liquid_staking("milkBABY").unwrap();
        let m = liquid_stake(&baby, ME, "1BABY", &LiquidStakeOpts::default()).unwrap();
        assert!(json(&m).contains(denoms::MILKBABY_CONTRACT));
        let _ = OSMOSIS;
    }

    #[test]
    fn votes() {
        let m = vote(ME, 7, Some(VoteChoice::Yes), None, GovVersion::V1, "").unwrap();
        assert_eq!(
            json(&m),
            format!(
                r#"{{"type":"cosmos-sdk/v1/MsgVote","value":{{"option":1,"proposal_id":"7","voter":"{ME}"}}}}"#
            )
        );
        let m = vote(ME, 7, None, Some("yes=0.6,no=0.4"), GovVersion::V1, "").unwrap();
        assert_eq!(
            json(&m),
            format!(
                r#"{{"type":"cosmos-sdk/v1/MsgVoteWeighted","value":{{"options":[{{"option":1,"weight":"0.6"}},{{"option":3,"weight":"0.4"}}],"proposal_id":"7","voter":"{ME}"}}}}"#
            )
        );
        let m = vote(ME, 7, None, Some("yes=0.5,veto=0.5"), GovVersion::V1beta1, "").unwrap();
        assert_eq!(
            json(&m),
            format!(
                r#"{{"type":"cosmos-sdk/MsgVoteWeighted","value":{{"options":[{{"option":1,"weight":"0.500000000000000000"}},{{"option":4,"weight":"0.500000000000000000"}}],"proposal_id":"7","voter":"{ME}"}}}}"#
            )
        );
        let Msg::GovV1beta1VoteWeighted(w) = &m else { panic!() };
        assert_eq!(w.options[0].weight, "500000000000000000");
        assert!(vote(ME, 7, None, Some("yes=0.6,no=0.5"), GovVersion::V1, "").is_err());
        assert!(vote(ME, 7, None, Some("yes=1,no=0"), GovVersion::V1, "").is_err());
        assert!(vote(ME, 7, None, Some("yes=0.5,yes=0.5"), GovVersion::V1, "").is_err());
        assert!(vote(ME, 7, None, None, GovVersion::V1, "").is_err());
    }

    #[test]
    fn transfers() {
        assert!(send(&MILKYWAY, ME, ME, "1MILK").is_ok());
        assert!(send(&MILKYWAY, ME, "osmo1xyz", "1MILK").is_err());
        assert!(send(&MILKYWAY, ME, "milk1notbech32", "1MILK").is_err());
        let o = IbcOpts {
            port: "transfer".into(),
            channel: "channel-1".into(),
            timeout_height: None,
            timeout_timestamp: 5,
            memo: "m".into(),
        };
        let m = ibc_transfer(&MILKYWAY, ME, ME, "1TIA", &o).unwrap();
        assert!(json(&m).contains(r#""timeout_height":{},"timeout_timestamp":"5""#));
        let o2 = IbcOpts { timeout_timestamp: 0, ..o.clone() };
        assert!(ibc_transfer(&MILKYWAY, ME, ME, "1TIA", &o2).is_err());
        let o3 = IbcOpts { channel: "1".into(), ..o };
        assert!(ibc_transfer(&MILKYWAY, ME, ME, "1TIA", &o3).is_err());
    }
}
