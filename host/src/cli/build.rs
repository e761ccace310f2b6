//! Turns a subcommand into messages. Pure: the signer's address comes in, messages go
//! out, nothing touches the device (so it is unit-tested here).

use crate::denoms::{self, Chain, LiquidStaking};
use crate::msgs::cosmos::{gov_v1, gov_v1beta1};
use crate::msgs::restaking::{DelegationType, TrustedServiceEntry, UserPreferences};
use crate::msgs::wasm::StakingContractMsg;
use crate::msgs::{cosmos, hyperlane, ibc, restaking, rewards, Msg};
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

/// The messages of `restake` or `unrestake`, one per kind of target: `pool` takes one
/// amount, `operator` and `service` their id and a list.
struct RestakingMsgs {
    verb: &'static str,
    pool: fn(String, crate::msgs::Coin) -> Msg,
    operator: fn(String, u32, Vec<crate::msgs::Coin>) -> Msg,
    service: fn(String, u32, Vec<crate::msgs::Coin>) -> Msg,
}

impl RestakingMsgs {
    fn build(
        &self,
        chain: &Chain,
        sender: &str,
        target: &str,
        id: Option<u32>,
        amount: &str,
    ) -> Result<Msg, String> {
        Ok(match (target, id) {
            ("pool", None) => (self.pool)(sender.into(), one_amount(chain, amount)?),
            ("operator", Some(id)) => (self.operator)(sender.into(), id, amounts(chain, amount)?),
            ("service", Some(id)) => (self.service)(sender.into(), id, amounts(chain, amount)?),
            _ => return Err(format!("invalid {} target {target}", self.verb)),
        })
    }
}

const RESTAKE: RestakingMsgs = RestakingMsgs {
    verb: "restake",
    pool: |delegator, amount| restaking::MsgDelegatePool { delegator, amount: Some(amount) }.into(),
    operator: |delegator, operator_id, amount| {
        restaking::MsgDelegateOperator { delegator, operator_id, amount }.into()
    },
    service: |delegator, service_id, amount| {
        restaking::MsgDelegateService { delegator, service_id, amount }.into()
    },
};

const UNRESTAKE: RestakingMsgs = RestakingMsgs {
    verb: "unrestake",
    pool: |delegator, amount| {
        restaking::MsgUndelegatePool { delegator, amount: Some(amount) }.into()
    },
    operator: |delegator, operator_id, amount| {
        restaking::MsgUndelegateOperator { delegator, operator_id, amount }.into()
    },
    service: |delegator, service_id, amount| {
        restaking::MsgUndelegateService { delegator, service_id, amount }.into()
    },
};

/// `restake pool|operator|service`.
pub fn restake(
    chain: &Chain,
    sender: &str,
    target: &str,
    id: Option<u32>,
    amount: &str,
) -> Result<Msg, String> {
    RESTAKE.build(chain, sender, target, id, amount)
}

/// `unrestake pool|operator|service`.
pub fn unrestake(
    chain: &Chain,
    sender: &str,
    target: &str,
    id: Option<u32>,
    amount: &str,
) -> Result<Msg, String> {
    UNRESTAKE.build(chain, sender, target, id, amount)
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

/// What `grant` allows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum GrantKind {
    /// Any use of one message type (--msg-type).
    Generic,
    /// Sending tokens up to --limit (to the --allow addresses only, when given).
    Send,
    /// Delegating (up to --limit, to --allow validators or not to --deny ones).
    Delegate,
    /// Undelegating.
    Undelegate,
    /// Redelegating.
    Redelegate,
    /// Cancelling an unbonding.
    CancelUnbonding,
}

/// Options of `grant`.
#[derive(Clone, Debug, Default)]
pub struct GrantOpts {
    pub msg_type: Option<String>,
    pub limit: Option<String>,
    pub allow: Vec<String>,
    pub deny: Vec<String>,
    /// RFC 3339 UTC, as x/tx writes it (`2026-12-31T23:59:59Z`).
    pub expiration: Option<String>,
}

/// A message type URL as `grant`/`revoke` take it: `/package.Msg`.
fn check_msg_type(url: &str) -> Result<(), String> {
    let ok = url.starts_with('/')
        && url.len() > 1
        && url[1..].chars().all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '_');
    if ok {
        Ok(())
    } else {
        Err(format!("{url:?} is not a message type URL (e.g. /cosmos.staking.v1beta1.MsgDelegate)"))
    }
}

/// `grant`: an authz grant from the signer to `grantee`.
pub fn grant(
    chain: &Chain,
    sender: &str,
    grantee: &str,
    kind: GrantKind,
    o: &GrantOpts,
) -> Result<Msg, String> {
    use cosmos::{stake_authorization, Authorization, AuthorizationType};
    check_address(grantee, Some(chain.hrp))?;
    let expiration = parse_expiration(&o.expiration)?;
    let needs_no = |what: &str, given: bool| {
        if given {
            Err(format!("{what} does not apply to a {kind:?} grant"))
        } else {
            Ok(())
        }
    };
    let authorization = match kind {
        GrantKind::Generic => {
            needs_no("--limit", o.limit.is_some())?;
            needs_no("--allow/--deny", !o.allow.is_empty() || !o.deny.is_empty())?;
            let url = o.msg_type.as_deref().ok_or("a generic grant needs --msg-type")?;
            check_msg_type(url)?;
            Authorization::Generic(url.to_owned())
        }
        GrantKind::Send => {
            needs_no("--msg-type", o.msg_type.is_some())?;
            needs_no("--deny", !o.deny.is_empty())?;
            let limit = o.limit.as_deref().ok_or("a send grant needs --limit")?;
            for a in &o.allow {
                check_address(a, Some(chain.hrp))?;
            }
            Authorization::Send { spend_limit: amounts(chain, limit)?, allow_list: o.allow.clone() }
        }
        _ => {
            needs_no("--msg-type", o.msg_type.is_some())?;
            let valoper = format!("{}valoper", chain.hrp);
            for v in o.allow.iter().chain(&o.deny) {
                check_address(v, Some(&valoper))?;
            }
            let validators =
                match (o.allow.is_empty(), o.deny.is_empty()) {
                    (false, false) => return Err("give --allow or --deny, not both".into()),
                    (false, true) => Some(stake_authorization::Policy::AllowList(
                        stake_authorization::Validators { address: o.allow.clone() },
                    )),
                    (true, false) => Some(stake_authorization::Policy::DenyList(
                        stake_authorization::Validators { address: o.deny.clone() },
                    )),
                    (true, true) => None,
                };
            Authorization::Stake {
                kind: match kind {
                    GrantKind::Delegate => AuthorizationType::Delegate,
                    GrantKind::Undelegate => AuthorizationType::Undelegate,
                    GrantKind::Redelegate => AuthorizationType::Redelegate,
                    _ => AuthorizationType::CancelUnbondingDelegation,
                },
                max_tokens: o.limit.as_deref().map(|l| one_amount(chain, l)).transpose()?,
                validators,
            }
        }
    };
    Ok(cosmos::grant(sender, grantee, &authorization, expiration).into())
}

/// `revoke`: ends the authz grant of `msg_type` from the signer to `grantee`.
pub fn revoke(chain: &Chain, sender: &str, grantee: &str, msg_type: &str) -> Result<Msg, String> {
    check_address(grantee, Some(chain.hrp))?;
    check_msg_type(msg_type)?;
    Ok(cosmos::MsgRevoke {
        granter: sender.into(),
        grantee: grantee.into(),
        msg_type_url: msg_type.into(),
    }
    .into())
}

/// Options of `fee-grant`.
#[derive(Clone, Debug, Default)]
pub struct FeeGrantOpts {
    /// Total limit (none: no limit).
    pub limit: Option<String>,
    /// RFC 3339 UTC.
    pub expiration: Option<String>,
    /// Period in seconds, with `period_limit`.
    pub period_seconds: Option<u64>,
    pub period_limit: Option<String>,
    pub allowed_messages: Vec<String>,
}

fn parse_expiration(text: &Option<String>) -> Result<Option<i64>, String> {
    match text {
        Some(text) => Ok(Some(
            milkyway_core::time::Timestamp::parse_rfc3339(text)
                .map_err(|_| {
                    format!("invalid --expiration {text:?}: use UTC, e.g. 2026-12-31T23:59:59Z")
                })?
                .seconds,
        )),
        None => Ok(None),
    }
}

/// `fee-grant`: the signer pays `grantee`'s fees, within the allowance. `now` (seconds
/// since the epoch) starts the first period.
pub fn fee_grant(
    chain: &Chain,
    sender: &str,
    grantee: &str,
    o: &FeeGrantOpts,
    now: i64,
) -> Result<Msg, String> {
    check_address(grantee, Some(chain.hrp))?;
    for m in &o.allowed_messages {
        check_msg_type(m)?;
    }
    let periodic = match (o.period_seconds, &o.period_limit) {
        (Some(p), Some(l)) => {
            let p = i64::try_from(p).map_err(|_| "--period: too long")?;
            if p == 0 {
                return Err("--period must be at least 1 second".into());
            }
            Some((p, amounts(chain, l)?, now.saturating_add(p)))
        }
        (None, None) => None,
        _ => return Err("--period and --period-limit go together".into()),
    };
    let allowance = cosmos::FeeAllowance {
        spend_limit: match &o.limit {
            Some(l) => amounts(chain, l)?,
            None => Vec::new(),
        },
        expiration: parse_expiration(&o.expiration)?,
        periodic,
        allowed_messages: o.allowed_messages.clone(),
    };
    Ok(cosmos::MsgGrantAllowance {
        granter: sender.into(),
        grantee: grantee.into(),
        allowance: Some(allowance.to_any()),
    }
    .into())
}

/// `fee-grant --revoke`.
pub fn fee_revoke(chain: &Chain, sender: &str, grantee: &str) -> Result<Msg, String> {
    check_address(grantee, Some(chain.hrp))?;
    Ok(cosmos::MsgRevokeAllowance { granter: sender.into(), grantee: grantee.into() }.into())
}

/// The validator operator address of the signing account (same bytes, `<hrp>valoper`).
pub fn valoper_of(chain: &Chain, sender: &str) -> Result<String, String> {
    let (_, bytes) =
        crypto::bech32_decode(sender).ok_or_else(|| format!("{sender:?} is not an address"))?;
    crypto::bech32_encode(&format!("{}valoper", chain.hrp), &bytes).map_err(|e| e.to_string())
}

/// A consensus public key as `<chain>d comet show-validator` prints it
/// (`{"@type":"/cosmos.crypto.ed25519.PubKey","key":"<base64>"}`) or its base64 alone.
pub fn parse_consensus_key(text: &str) -> Result<[u8; 32], String> {
    use base64::Engine as _;
    let text = text.trim();
    let b64 = if text.starts_with('{') {
        let v = crate::amino_json::parse(text).map_err(|e| format!("--pubkey: {e}"))?;
        let ty = v.get("@type").and_then(|t| t.as_str()).unwrap_or_default();
        if ty != milkyway_core::msg::ED25519_PUBKEY_URL {
            return Err(format!(
                "--pubkey: type {ty:?}: only ed25519 consensus keys are supported"
            ));
        }
        v.get("key").and_then(|k| k.as_str()).ok_or("--pubkey: no \"key\"")?.to_owned()
    } else {
        text.to_owned()
    };
    let key = base64::engine::general_purpose::STANDARD
        .decode(&b64)
        .map_err(|e| format!("--pubkey: not base64: {e}"))?;
    <[u8; 32]>::try_from(key.as_slice())
        .map_err(|_| format!("--pubkey: {} bytes, an ed25519 key has 32", key.len()))
}

/// A rate typed as a decimal fraction (`0.05`) or a percentage (`5%`), as the wire's
/// LegacyDec (integer x10^18).
pub fn parse_rate(text: &str) -> Result<String, String> {
    let (number, scale) = match text.strip_suffix('%') {
        Some(p) => (p, 16u32),
        None => (text, 18u32),
    };
    let wire =
        decimal::scale_up(number, scale).map_err(|e| format!("invalid rate {text:?}: {e}"))?;
    let value: u128 = wire.parse().map_err(|_| format!("invalid rate {text:?}"))?;
    if value > 10u128.pow(18) {
        return Err(format!("invalid rate {text:?}: more than 100%"));
    }
    Ok(wire)
}

/// Validator description fields; `None` keeps the current value in an edit.
#[derive(Clone, Debug, Default)]
pub struct DescriptionOpts {
    pub moniker: Option<String>,
    pub identity: Option<String>,
    pub website: Option<String>,
    pub security_contact: Option<String>,
    pub details: Option<String>,
}

/// `validator create`.
#[allow(clippy::too_many_arguments)]
pub fn create_validator(
    chain: &Chain,
    sender: &str,
    d: &DescriptionOpts,
    rates: (&str, &str, &str),
    min_self_delegation: &str,
    pubkey: &str,
    amount: &str,
) -> Result<Msg, String> {
    let moniker = d.moniker.clone().ok_or("a validator needs a --moniker")?;
    let value = one_amount(chain, amount)?;
    let min: u128 = min_self_delegation
        .parse()
        .map_err(|_| "--min-self-delegation: an integer of base units")?;
    if min == 0 {
        return Err("--min-self-delegation must be at least 1".into());
    }
    #[allow(deprecated)]
    let m = cosmos::MsgCreateValidator {
        description: Some(cosmos::Description {
            moniker,
            identity: d.identity.clone().unwrap_or_default(),
            website: d.website.clone().unwrap_or_default(),
            security_contact: d.security_contact.clone().unwrap_or_default(),
            details: d.details.clone().unwrap_or_default(),
        }),
        commission: Some(cosmos::CommissionRates {
            rate: parse_rate(rates.0)?,
            max_rate: parse_rate(rates.1)?,
            max_change_rate: parse_rate(rates.2)?,
        }),
        min_self_delegation: min.to_string(),
        delegator_address: String::new(),
        validator_address: valoper_of(chain, sender)?,
        pubkey: Some(cosmos::consensus_key(&parse_consensus_key(pubkey)?)),
        value: Some(value),
    };
    Ok(m.into())
}

/// `validator edit`: fields not given keep their value ("[do-not-modify]").
pub fn edit_validator(
    chain: &Chain,
    sender: &str,
    d: &DescriptionOpts,
    rate: Option<&str>,
    min_self_delegation: Option<&str>,
) -> Result<Msg, String> {
    const KEEP: &str = "[do-not-modify]";
    let keep = |v: &Option<String>| v.clone().unwrap_or_else(|| KEEP.to_owned());
    let min = match min_self_delegation {
        Some(m) => {
            let v: u128 =
                m.parse().map_err(|_| "--min-self-delegation: an integer of base units")?;
            v.to_string()
        }
        None => String::new(),
    };
    Ok(cosmos::MsgEditValidator {
        description: Some(cosmos::Description {
            moniker: keep(&d.moniker),
            identity: keep(&d.identity),
            website: keep(&d.website),
            security_contact: keep(&d.security_contact),
            details: keep(&d.details),
        }),
        validator_address: valoper_of(chain, sender)?,
        commission_rate: rate.map(parse_rate).transpose()?.unwrap_or_default(),
        min_self_delegation: min,
    }
    .into())
}

/// `validator unjail`.
pub fn unjail(chain: &Chain, sender: &str) -> Result<Msg, String> {
    Ok(cosmos::MsgUnjail { validator_addr: valoper_of(chain, sender)? }.into())
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

/// One share of a rewards plan as typed: `WEIGHT:basic`, `WEIGHT:egalitarian` or
/// `WEIGHT:weighted=ID*W,ID*W` (pools and operators); for users `WEIGHT` alone.
pub fn parse_share(text: &str) -> Result<(u32, rewards::Split), String> {
    let bad = || {
        format!(
            "{text:?}: write a share as WEIGHT:basic, WEIGHT:egalitarian or WEIGHT:weighted=ID*W,ID*W"
        )
    };
    let (weight, split) = text.split_once(':').ok_or_else(bad)?;
    let weight: u32 = weight.parse().map_err(|_| bad())?;
    let split = match split {
        "basic" => rewards::Split::Basic,
        "egalitarian" => rewards::Split::Egalitarian,
        w => {
            let list = w.strip_prefix("weighted=").ok_or_else(bad)?;
            let pairs = list
                .split(',')
                .map(|p| {
                    let (id, w) = p.split_once('*').ok_or_else(bad)?;
                    Ok((id.parse().map_err(|_| bad())?, w.parse().map_err(|_| bad())?))
                })
                .collect::<Result<Vec<(u32, u32)>, String>>()?;
            rewards::Split::Weighted(pairs)
        }
    };
    Ok((weight, split))
}

/// A time as RFC 3339 (`2026-01-01T00:00:00Z`), or a UTC date (`2026-01-01`).
pub fn parse_time(text: &str) -> Result<cosmos_sdk_proto::Timestamp, String> {
    let full = if text.len() == 10 { format!("{text}T00:00:00Z") } else { text.to_owned() };
    let t = milkyway_core::time::Timestamp::parse_rfc3339(&full)
        .map_err(|e| format!("{text:?}: {e} (write 2026-01-01 or 2026-01-01T12:00:00Z)"))?;
    Ok(cosmos_sdk_proto::Timestamp { seconds: t.seconds, nanos: t.nanos as i32 })
}

/// What `rewards-plan create` and `edit` share.
#[derive(Clone, Debug, Default)]
pub struct RewardsPlanOpts {
    pub description: String,
    /// Per day, one amount.
    pub amount_per_day: String,
    pub start: String,
    pub end: String,
    /// `--pools`, `--operators` ([`parse_share`]) and `--users` (a weight).
    pub pools: String,
    pub operators: String,
    pub users: u32,
}

type PlanParts = (
    crate::msgs::Coin,
    cosmos_sdk_proto::Timestamp,
    cosmos_sdk_proto::Timestamp,
    rewards::Distribution,
    rewards::Distribution,
);

fn plan_parts(chain: &Chain, o: &RewardsPlanOpts) -> Result<PlanParts, String> {
    let amount = one_amount(chain, &o.amount_per_day)?;
    let (start, end) = (parse_time(&o.start)?, parse_time(&o.end)?);
    if (end.seconds, end.nanos) <= (start.seconds, start.nanos) {
        return Err(format!("the plan ends ({}) before it starts ({})", o.end, o.start));
    }
    let distribution = |text: &str, delegation_type: i32| -> Result<_, String> {
        let (weight, split) = parse_share(text)?;
        Ok(rewards::Distribution { delegation_type, weight, r#type: Some(split.to_any()) })
    };
    Ok((amount, start, end, distribution(&o.pools, 1)?, distribution(&o.operators, 2)?))
}

/// `rewards-plan create`: a plan for service `service_id`, its creation fee `fee`.
pub fn create_rewards_plan(
    chain: &Chain,
    sender: &str,
    service_id: u32,
    o: &RewardsPlanOpts,
    fee: Option<&str>,
) -> Result<Msg, String> {
    let (amount, start, end, pools, operators) = plan_parts(chain, o)?;
    Ok(rewards::MsgCreateRewardsPlan {
        sender: sender.into(),
        description: o.description.clone(),
        service_id,
        amount: Some(amount),
        start_time: Some(start),
        end_time: Some(end),
        pools_distribution: Some(pools),
        operators_distribution: Some(operators),
        users_distribution: Some(rewards::UsersDistribution::basic(o.users)),
        fee_amount: match fee {
            Some(f) => denoms::parse_amounts(chain, f).map_err(|e| e.to_string())?,
            None => Vec::new(),
        },
    }
    .into())
}

/// `rewards-plan edit`: plan `id`, every field given again.
pub fn edit_rewards_plan(
    chain: &Chain,
    sender: &str,
    id: u64,
    o: &RewardsPlanOpts,
) -> Result<Msg, String> {
    let (amount, start, end, pools, operators) = plan_parts(chain, o)?;
    Ok(rewards::MsgEditRewardsPlan {
        sender: sender.into(),
        id,
        description: o.description.clone(),
        amount: Some(amount),
        start_time: Some(start),
        end_time: Some(end),
        pools_distribution: Some(pools),
        operators_distribution: Some(operators),
        users_distribution: Some(rewards::UsersDistribution::basic(o.users)),
    }
    .into())
}

/// Options of `bridge`.
#[derive(Clone, Debug, Default)]
pub struct BridgeOpts {
    /// The most the sender pays for the interchain gas (one amount).
    pub max_fee: String,
    /// Gas limit on the destination; 0 = the route's default.
    pub gas_limit: u64,
    /// A custom post-dispatch hook (`0x` + 64 hex digits).
    pub custom_hook: Option<String>,
    /// Its metadata (`0x`-hex).
    pub hook_metadata: String,
}

/// A Hyperlane domain by name (`bsc`, or the name the device shows) or number.
pub fn hyperlane_domain(text: &str) -> Result<u32, String> {
    if let Ok(n) = text.parse::<u32>() {
        return Ok(n);
    }
    let known = milkyway_core::chains::HYPERLANE_DOMAINS;
    known
        .iter()
        .find(|(d, name)| {
            name.eq_ignore_ascii_case(text) || (*d == 56 && text.eq_ignore_ascii_case("bsc"))
        })
        .map(|(d, _)| *d)
        .ok_or_else(|| format!("unknown Hyperlane domain {text:?}: use its number, or bsc"))
}

/// `bridge`: MILK (a token of MilkyWay's warp routes on `chain`) to `recipient` on
/// `domain`.
pub fn bridge(
    chain: &Chain,
    sender: &str,
    recipient: &str,
    amount: &str,
    domain: u32,
    o: &BridgeOpts,
) -> Result<Msg, String> {
    let coin = one_amount(chain, amount)?;
    let token = milkyway_core::chains::WARP_TOKENS
        .iter()
        .find(|t| t.chain_id == chain.chain_id && t.asset.denom == coin.denom)
        .ok_or_else(|| {
            format!(
                "no Hyperlane warp route for {} on {}: MILK on MilkyWay",
                coin.denom, chain.display
            )
        })?;
    let max_fee = one_amount(chain, &o.max_fee)?;
    let custom_hook_id = match &o.custom_hook {
        Some(h) => {
            let hex = hyperlane::recipient_hex(h)?;
            if h.len() != 66 {
                return Err(format!("{h:?}: a hook id is 0x and 64 hex digits"));
            }
            hex
        }
        None => String::new(),
    };
    if !o.hook_metadata.is_empty()
        && !o
            .hook_metadata
            .strip_prefix("0x")
            .is_some_and(|d| d.len() % 2 == 0 && d.chars().all(|c| c.is_ascii_hexdigit()))
    {
        return Err(format!("{:?}: hook metadata is 0x-hex", o.hook_metadata));
    }
    Ok(hyperlane::MsgRemoteTransfer {
        sender: sender.into(),
        token_id: token.token_id.into(),
        destination_domain: domain,
        recipient: hyperlane::recipient_hex(recipient)?,
        amount: coin.amount,
        custom_hook_id,
        gas_limit: o.gas_limit.to_string(),
        max_fee: Some(max_fee),
        custom_hook_metadata: o.hook_metadata.clone(),
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
    fn rewards_plan_commands() {
        let o = RewardsPlanOpts {
            description: "Season 1".into(),
            amount_per_day: "10MILK".into(),
            start: "2026-01-01".into(),
            end: "2026-03-31T12:30:00Z".into(),
            pools: "2:basic".into(),
            operators: "1:egalitarian".into(),
            users: 1,
        };
        let m = create_rewards_plan(&MILKYWAY, ME, 5, &o, Some("1MILK")).unwrap();
        assert_eq!(
            json(&m),
            format!(
                r#"{{"type":"milkyway/MsgCreateRewardsPlan","value":{{"amount":{{"amount":"10000000","denom":"umilk"}},"description":"Season 1","end_time":"2026-03-31T12:30:00Z","fee_amount":[{{"amount":"1000000","denom":"umilk"}}],"operators_distribution":{{"delegation_type":2,"type":{{"type":"/milkyway.rewards.v1.DistributionTypeEgalitarian","value":{{}}}},"weight":1}},"pools_distribution":{{"delegation_type":1,"type":{{"type":"/milkyway.rewards.v1.DistributionTypeBasic","value":{{}}}},"weight":2}},"sender":"{ME}","service_id":5,"start_time":"2026-01-01T00:00:00Z","users_distribution":{{"type":{{"type":"/milkyway.rewards.v1.UsersDistributionTypeBasic","value":{{}}}},"weight":1}}}}}}"#
            )
        );
        assert_eq!(Msg::from_amino_json(&m.to_amino_json().unwrap()).unwrap(), m);
        let w = RewardsPlanOpts { pools: "1:weighted=3*5,7*1".into(), ..o.clone() };
        let m = edit_rewards_plan(&MILKYWAY, ME, 9, &w).unwrap();
        let j = json(&m);
        assert!(j.contains(r#""id":"9""#), "{j}");
        assert!(
            j.contains(r#""weights":[{"delegation_target_id":3,"weight":5},{"delegation_target_id":7,"weight":1}]"#),
            "{j}"
        );
        for bad in ["2", "x:basic", "1:weighted", "1:weighted=3", "1:linear"] {
            let b = RewardsPlanOpts { pools: bad.into(), ..o.clone() };
            assert!(create_rewards_plan(&MILKYWAY, ME, 5, &b, None).is_err(), "{bad}");
        }
        let backwards = RewardsPlanOpts { end: "2025-12-31".into(), ..o.clone() };
        assert!(create_rewards_plan(&MILKYWAY, ME, 5, &backwards, None)
            .unwrap_err()
            .contains("before"));
        assert!(parse_time("2026-13-01").is_err());
    }

    #[test]
    fn bridge_command() {
        let o = BridgeOpts { max_fee: "0.15MILK".into(), ..Default::default() };
        let m =
            bridge(&MILKYWAY, ME, "0x7B4bf9fEcCfF207eF2CB7101Ceb15b8516021AcD", "2.5MILK", 56, &o)
                .unwrap();
        assert_eq!(
            json(&m),
            format!(
                r#"{{"type":"hyperlane/warp/v1/MsgRemoteTransfer","value":{{"amount":"2500000","destination_domain":56,"gas_limit":"0","max_fee":{{"amount":"150000","denom":"umilk"}},"recipient":"0x0000000000000000000000007b4bf9feccff207ef2cb7101ceb15b8516021acd","sender":"{ME}","token_id":"0x726f757465725f61707000000000000000000000000000010000000000000000"}}}}"#
            )
        );
        assert_eq!(hyperlane_domain("bsc"), Ok(56));
        assert_eq!(hyperlane_domain("Binance Smart Chain"), Ok(56));
        assert_eq!(hyperlane_domain("8453"), Ok(8453));
        assert!(hyperlane_domain("base").is_err());
        // Only MILK has a route, and only from MilkyWay.
        assert!(bridge(
            &MILKYWAY,
            ME,
            "0x7b4bf9feccff207ef2cb7101ceb15b8516021acd",
            "1milkTIA",
            56,
            &o
        )
        .unwrap_err()
        .contains("no Hyperlane warp route"));
        let osmo = BridgeOpts { max_fee: "1uosmo".into(), ..Default::default() };
        assert!(bridge(
            &OSMOSIS,
            "osmo1x",
            "0x7b4bf9feccff207ef2cb7101ceb15b8516021acd",
            "1uosmo",
            56,
            &osmo
        )
        .is_err());
        for bad in [
            "7b4bf9feccff207ef2cb7101ceb15b8516021acd",
            "0x7b4b",
            "0xzz4bf9feccff207ef2cb7101ceb15b8516021acd",
            "milk1xyz",
        ] {
            assert!(bridge(&MILKYWAY, ME, bad, "1MILK", 56, &o).is_err(), "{bad}");
        }
        let hooked = BridgeOpts {
            custom_hook: Some(format!("0x{}", "ab".repeat(32))),
            hook_metadata: "0x0001".into(),
            gas_limit: 300_000,
            ..o.clone()
        };
        let m =
            bridge(&MILKYWAY, ME, &format!("0x{}", "12".repeat(32)), "1MILK", 1, &hooked).unwrap();
        let j = json(&m);
        assert!(j.contains(&format!(r#""custom_hook_id":"0x{}""#, "ab".repeat(32))), "{j}");
        assert!(
            j.contains(r#""custom_hook_metadata":"0x0001""#)
                && j.contains(r#""gas_limit":"300000""#),
            "{j}"
        );
        // The device's decoder takes what the builder makes, in both modes (round trip).
        assert_eq!(Msg::from_amino_json(&m.to_amino_json().unwrap()).unwrap(), m);
        let short_hook = BridgeOpts { custom_hook: Some(format!("0x{}", "ab".repeat(20))), ..o };
        assert!(bridge(&MILKYWAY, ME, &format!("0x{}", "12".repeat(32)), "1MILK", 1, &short_hook)
            .is_err());
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

    const BOT: &str = "milk1qg5ega6dykkxc307y25pecuufrjkxkaggkkxh7nad0vhyhtuhw3ssgcye4";

    /// The message's Amino JSON, and the same message read back from it.
    fn round_trip(m: &Msg) -> String {
        let j = m.to_amino_json().unwrap();
        assert_eq!(&Msg::from_amino_json(&j).unwrap(), m, "Amino JSON round trip");
        j.to_canonical_string()
    }

    #[test]
    fn grants() {
        let o = GrantOpts {
            msg_type: Some("/milkyway.rewards.v1.MsgWithdrawDelegatorReward".into()),
            expiration: Some("2026-12-31T23:59:59Z".into()),
            ..Default::default()
        };
        let m = grant(&MILKYWAY, ME, BOT, GrantKind::Generic, &o).unwrap();
        // Written by hand from x/tx's rules (the Any as {"type","value"}, the timestamp
        // in RFC 3339); core/tests/catalog_coverage.rs shows the device reads the same.
        assert_eq!(
            round_trip(&m),
            format!(
                r#"{{"type":"cosmos-sdk/MsgGrant","value":{{"grant":{{"authorization":{{"type":"cosmos-sdk/GenericAuthorization","value":{{"msg":"/milkyway.rewards.v1.MsgWithdrawDelegatorReward"}}}},"expiration":"2026-12-31T23:59:59Z"}},"grantee":"{BOT}","granter":"{ME}"}}}}"#
            )
        );
        let send = GrantOpts { limit: Some("10MILK".into()), ..Default::default() };
        assert_eq!(
            round_trip(&grant(&MILKYWAY, ME, BOT, GrantKind::Send, &send).unwrap()),
            format!(
                r#"{{"type":"cosmos-sdk/MsgGrant","value":{{"grant":{{"authorization":{{"type":"cosmos-sdk/SendAuthorization","value":{{"spend_limit":[{{"amount":"10000000","denom":"umilk"}}]}}}}}},"grantee":"{BOT}","granter":"{ME}"}}}}"#
            )
        );
        let val = valoper_of(&MILKYWAY, BOT).unwrap();
        let stake = GrantOpts { allow: vec![val.clone()], ..Default::default() };
        assert_eq!(
            round_trip(&grant(&MILKYWAY, ME, BOT, GrantKind::Delegate, &stake).unwrap()),
            format!(
                r#"{{"type":"cosmos-sdk/MsgGrant","value":{{"grant":{{"authorization":{{"type":"cosmos-sdk/StakeAuthorization","value":{{"authorization_type":1,"validators":{{"type":"cosmos-sdk/StakeAuthorization/AllowList","value":{{"allow_list":{{"address":["{val}"]}}}}}}}}}}}},"grantee":"{BOT}","granter":"{ME}"}}}}"#
            )
        );
        // No list: x/tx writes the oneof's name with null.
        let any_val = GrantOpts { limit: Some("5MILK".into()), ..Default::default() };
        assert!(round_trip(&grant(&MILKYWAY, ME, BOT, GrantKind::Redelegate, &any_val).unwrap())
            .contains(r#""authorization_type":3,"max_tokens":{"amount":"5000000","denom":"umilk"},"validators":null"#));
        // Refused on the host already.
        for (kind, o) in [
            (GrantKind::Send, GrantOpts::default()),
            (GrantKind::Generic, GrantOpts::default()),
            (
                GrantKind::Generic,
                GrantOpts { msg_type: Some("MsgSend".into()), ..Default::default() },
            ),
            (
                GrantKind::Delegate,
                GrantOpts {
                    allow: vec![val.clone()],
                    deny: vec![val.clone()],
                    ..Default::default()
                },
            ),
            (GrantKind::Delegate, GrantOpts { allow: vec![BOT.into()], ..Default::default() }),
            (
                GrantKind::Generic,
                GrantOpts {
                    msg_type: Some("/cosmos.bank.v1beta1.MsgSend".into()),
                    expiration: Some("2026-12-31 23:59:59".into()),
                    ..Default::default()
                },
            ),
        ] {
            assert!(grant(&MILKYWAY, ME, BOT, kind, &o).is_err(), "{kind:?} {o:?}");
        }
        assert_eq!(
            round_trip(&revoke(&MILKYWAY, ME, BOT, "/cosmos.bank.v1beta1.MsgSend").unwrap()),
            format!(
                r#"{{"type":"cosmos-sdk/MsgRevoke","value":{{"grantee":"{BOT}","granter":"{ME}","msg_type_url":"/cosmos.bank.v1beta1.MsgSend"}}}}"#
            )
        );
    }

    #[test]
    fn validators() {
        let val = valoper_of(&MILKYWAY, ME).unwrap();
        assert!(val.starts_with("milkvaloper1"));
        // Bytes 1..=32 (base64 from Python's base64 module).
        let key = r#"{"@type":"/cosmos.crypto.ed25519.PubKey","key":"AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyA="}"#;
        let d = DescriptionOpts { moniker: Some("Nebula".into()), ..Default::default() };
        let m =
            create_validator(&MILKYWAY, ME, &d, ("5%", "0.2", "1%"), "1", key, "100MILK").unwrap();
        assert_eq!(
            round_trip(&m),
            format!(
                r#"{{"type":"cosmos-sdk/MsgCreateValidator","value":{{"commission":{{"max_change_rate":"0.010000000000000000","max_rate":"0.200000000000000000","rate":"0.050000000000000000"}},"description":{{"moniker":"Nebula"}},"min_self_delegation":"1","pubkey":{{"type":"tendermint/PubKeyEd25519","value":"AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyA="}},"validator_address":"{val}","value":{{"amount":"100000000","denom":"umilk"}}}}}}"#
            )
        );
        let secp = r#"{"@type":"/cosmos.crypto.secp256k1.PubKey","key":"AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyA="}"#;
        assert!(
            create_validator(&MILKYWAY, ME, &d, ("5%", "20%", "1%"), "1", secp, "1MILK").is_err()
        );
        assert!(
            create_validator(&MILKYWAY, ME, &d, ("5%", "20%", "1%"), "1", "AQID", "1MILK").is_err()
        );
        assert!(
            create_validator(&MILKYWAY, ME, &d, ("101%", "20%", "1%"), "1", key, "1MILK").is_err()
        );
        let edit = DescriptionOpts {
            website: Some("https://nebula.example".into()),
            ..Default::default()
        };
        assert_eq!(
            round_trip(&edit_validator(&MILKYWAY, ME, &edit, Some("7%"), None).unwrap()),
            format!(
                r#"{{"type":"cosmos-sdk/MsgEditValidator","value":{{"commission_rate":"0.070000000000000000","description":{{"details":"[do-not-modify]","identity":"[do-not-modify]","moniker":"[do-not-modify]","security_contact":"[do-not-modify]","website":"https://nebula.example"}},"validator_address":"{val}"}}}}"#
            )
        );
        assert_eq!(
            round_trip(&unjail(&MILKYWAY, ME).unwrap()),
            format!(r#"{{"type":"cosmos-sdk/MsgUnjail","value":{{"address":"{val}"}}}}"#)
        );
    }

    #[test]
    fn fee_grants() {
        // 2027-06-01T12:00:00Z is 1811851200 (Python datetime); one day later the reset.
        let now = 1_811_764_800;
        let o = FeeGrantOpts {
            period_seconds: Some(86_400),
            period_limit: Some("0.1MILK".into()),
            allowed_messages: vec!["/milkyway.restaking.v1.MsgDelegatePool".into()],
            ..Default::default()
        };
        assert_eq!(
            round_trip(&fee_grant(&MILKYWAY, ME, BOT, &o, now).unwrap()),
            format!(
                r#"{{"type":"cosmos-sdk/MsgGrantAllowance","value":{{"allowance":{{"type":"cosmos-sdk/AllowedMsgAllowance","value":{{"allowance":{{"type":"cosmos-sdk/PeriodicAllowance","value":{{"basic":{{"spend_limit":[]}},"period":"86400000000000","period_can_spend":[{{"amount":"100000","denom":"umilk"}}],"period_reset":"2027-06-01T12:00:00Z","period_spend_limit":[{{"amount":"100000","denom":"umilk"}}]}}}},"allowed_messages":["/milkyway.restaking.v1.MsgDelegatePool"]}}}},"grantee":"{BOT}","granter":"{ME}"}}}}"#
            )
        );
        let basic = FeeGrantOpts {
            limit: Some("5MILK".into()),
            expiration: Some("2026-12-31T23:59:59Z".into()),
            ..Default::default()
        };
        assert_eq!(
            round_trip(&fee_grant(&MILKYWAY, ME, BOT, &basic, now).unwrap()),
            format!(
                r#"{{"type":"cosmos-sdk/MsgGrantAllowance","value":{{"allowance":{{"type":"cosmos-sdk/BasicAllowance","value":{{"expiration":"2026-12-31T23:59:59Z","spend_limit":[{{"amount":"5000000","denom":"umilk"}}]}}}},"grantee":"{BOT}","granter":"{ME}"}}}}"#
            )
        );
        let half = FeeGrantOpts { period_seconds: Some(60), ..Default::default() };
        assert!(fee_grant(&MILKYWAY, ME, BOT, &half, now).is_err());
        assert_eq!(
            round_trip(&fee_revoke(&MILKYWAY, ME, BOT).unwrap()),
            format!(
                r#"{{"type":"cosmos-sdk/MsgRevokeAllowance","value":{{"grantee":"{BOT}","granter":"{ME}"}}}}"#
            )
        );
    }
}
