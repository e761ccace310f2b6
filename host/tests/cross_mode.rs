//! Issue 3's property: the same transaction, signed in SIGN_MODE_DIRECT or in
//! LEGACY_AMINO_JSON, shows the same screens on the device; and the third mode,
//! SIGN_MODE_TEXTUAL, shows the same facts in the chain's own words
//! (`direct_and_textual_show_the_same_facts`): the host renders a textual document for
//! every transaction it builds, with the same chain id, the same amounts (every coin the
//! DIRECT review shows, as many times), the same ids and the same addresses. INHERENT:
//! what the device reads inside a wasm contract message ("Message.liquid_stake.mint_to")
//! is not compared: x/tx renders that `bytes` field as hex up to 35 bytes and as its
//! SHA-256 above, so a textual review cannot show it (the chain decides, not the host).
//! INHERENT too: an id 0 ("Pool #0") has no textual screen (x/tx leaves default values
//! out).
//!
//! Random MilkyWay transactions are built with the host's builders (the typed messages,
//! `cli::build` and `TxBuilder`): a random mix of messages from the catalog, random fee,
//! memo, timeout height, account number and sequence, on one of the known chains. Each is
//! encoded both ways by the host, decoded and rendered by `milkyway-core` (the device's
//! code), expert mode off and on, and the two results must agree: the same screens, or
//! a refusal in both.
//!
//! Inputs where a divergence is known and reported are kept out of the generator, each
//! at a comment starting `KNOWN DIVERGENCE`, with an `#[ignore]`d reproducer at the end
//! of the file (`cargo test -p milkyway-ledger --test cross_mode -- --ignored`). There
//! are none today. One input is kept out because no device could tell it apart (see
//! `INHERENT` at `json_number`), with a test at the end that pins down what happens.
//! The divergences found so far are fixed in the core, each with a test at the end:
//! contract-message numbers that x/tx rewrites, and an empty v1beta1 vote weight.

use milkyway_ledger::amino_json::{self, Json};
use milkyway_ledger::cli::build::{self, GovVersion, VoteChoice};
use milkyway_ledger::crypto::bech32_encode;
use milkyway_ledger::denoms::{self, Chain};
use milkyway_ledger::msgs::cosmos::{self, gov_v1, gov_v1beta1};
use milkyway_ledger::msgs::restaking::{self, TrustedServiceEntry, UserPreferences};
use milkyway_ledger::msgs::wasm::{self, StakingContractMsg};
use milkyway_ledger::msgs::{coin, ibc, liquidvesting, operators, rewards, services, Coin, Msg};
use milkyway_ledger::preview::{self, PreviewError, Screen};
use milkyway_ledger::tx::{SignMode, Tx, TxBuilder};
use proptest::prelude::*;

/// Cases per run: about 6 s in a debug build on this project's 2-core machines (the
/// whole test binary stays well under the 20 s budget; 15,000 cases take 90 s and
/// found nothing more). `PROPTEST_CASES=N` overrides it.
const CASES: u32 = 1000;

// ------------------------------------------------------------------ strategies

/// A chain id the device knows and the host registry that goes with it.
fn chain() -> impl Strategy<Value = (&'static str, Chain)> {
    prop_oneof![
        Just(("milkyway", denoms::MILKYWAY)),
        Just(("ceers-2112", denoms::MILKYWAY)),
        Just(("osmosis-1", denoms::OSMOSIS)),
        Just(("celestia", denoms::CELESTIA)),
    ]
}

fn address(hrp: &'static str) -> impl Strategy<Value = String> {
    prop_oneof![
        4 => prop::array::uniform20(any::<u8>()).prop_map(move |b| bech32_encode(hrp, &b).unwrap()),
        1 => prop::array::uniform32(any::<u8>()).prop_map(move |b| bech32_encode(hrp, &b).unwrap()),
    ]
}

/// An address on this chain or on one of the others (IBC receivers, contracts).
fn any_address() -> impl Strategy<Value = String> {
    prop_oneof![address("milk"), address("osmo"), address("celestia"), address("cosmos")]
}

/// Characters that stress both encodings: printable ASCII, the HTML-escaped `<>&`,
/// quotes and backslashes, control characters (the JSON short escapes and the
/// `\u00XX` ones), DEL, non-ASCII letters, homoglyphs, U+2028/2029, a right-to-left
/// override, astral-plane characters (UTF-16 surrogate pairs if escaped).
fn text_char() -> impl Strategy<Value = char> {
    prop_oneof![
        10 => prop::char::range(' ', '~'),
        2 => prop::sample::select(vec!['<', '>', '&', '"', '\\', '/', '\'']),
        2 => prop::sample::select(vec!['\n', '\r', '\t', '\u{8}', '\u{c}', '\u{1}', '\u{1f}', '\u{7f}']),
        2 => prop::sample::select(vec!['é', 'ü', 'а', 'Ω', '中', '\u{2028}', '\u{2029}', '\u{202e}', '\u{a0}', '😀', '\u{10ffff}', '\u{fffd}']),
    ]
}

fn text(max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(text_char(), 0..max).prop_map(|v| v.into_iter().collect())
}

/// Sometimes empty, sometimes short, sometimes long enough to paginate (200 chars).
fn memo() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => Just(String::new()),
        8 => text(40),
        2 => text(450),
        // A NUL character: the device refuses text with one, in both modes.
        1 => (text(10), text(10)).prop_map(|(a, b)| format!("{a}\0{b}")),
    ]
}

/// A Cosmos `Int` amount: zero, small, u64-sized or up to the 78 digits of a 256-bit Int.
fn amount() -> impl Strategy<Value = String> {
    prop_oneof![
        1 => Just("0".to_owned()),
        4 => (1u64..10_000_000_000).prop_map(|n| n.to_string()),
        2 => any::<u64>().prop_map(|n| n.to_string()),
        2 => ("[1-9]", "[0-9]{0,77}").prop_map(|(a, b)| format!("{a}{b}")),
    ]
}

/// A denom: one of the chain's registry (shown with symbol and decimals), its
/// `locked/` form, one of another chain, or an unknown but valid denom.
fn denom(chain: Chain) -> impl Strategy<Value = String> {
    let known: Vec<String> = denoms::denoms(&chain).map(|d| d.base.to_owned()).collect();
    let locked: Vec<String> = known.iter().map(|d| format!("locked/{d}")).collect();
    let others: Vec<String> = denoms::DENOMS.iter().map(|d| d.base.to_owned()).collect();
    prop_oneof![
        4 => prop::sample::select(known),
        1 => prop::sample::select(locked),
        1 => prop::sample::select(others),
        2 => "[a-zA-Z][a-zA-Z0-9/:._-]{2,40}",
        1 => "[0-9A-F]{64}".prop_map(|h| format!("ibc/{h}")),
    ]
}

fn a_coin(chain: Chain) -> impl Strategy<Value = Coin> {
    (amount(), denom(chain)).prop_map(|(a, d)| coin(a, d))
}

fn coins(chain: Chain, max: usize) -> impl Strategy<Value = Vec<Coin>> {
    prop::collection::vec(a_coin(chain), 0..=max)
}

/// Ids: mostly small, sometimes 0 or the largest.
fn id32() -> impl Strategy<Value = u32> {
    prop_oneof![6 => 1u32..100, 1 => Just(0u32), 2 => any::<u32>()]
}

fn id64() -> impl Strategy<Value = u64> {
    prop_oneof![6 => 1u64..1000, 1 => Just(0u64), 2 => any::<u64>()]
}

fn vote_choice() -> impl Strategy<Value = VoteChoice> {
    prop::sample::select(vec![
        VoteChoice::Yes,
        VoteChoice::Abstain,
        VoteChoice::No,
        VoteChoice::Veto,
    ])
}

fn gov() -> impl Strategy<Value = GovVersion> {
    prop_oneof![Just(GovVersion::V1), Just(GovVersion::V1beta1)]
}

/// `yes=0.6,no=0.4`-style weights for `build::vote`: 1 to 4 distinct options, positive
/// weights of up to 18 decimals that add up to exactly 1.
fn weights() -> impl Strategy<Value = String> {
    (
        prop::sample::subsequence(vec!["yes", "abstain", "no", "veto"], 1..=4),
        prop::collection::vec(1u64..1_000_000, 4),
        0usize..4,
    )
        .prop_map(|(options, raw, precision)| {
            // Scale raw shares to 10^18 with `precision`-dependent rounding, the last one
            // takes the rest.
            let unit: u128 =
                [1, 1_000_000_000_000, 1_000_000_000_000_000, 100_000_000_000_000_000][precision];
            let total: u128 = 1_000_000_000_000_000_000;
            let sum: u128 = raw.iter().take(options.len()).map(|&r| u128::from(r)).sum();
            let mut left = total;
            let mut parts = Vec::new();
            for (i, o) in options.iter().enumerate() {
                let w = if i + 1 == options.len() {
                    left
                } else {
                    let w = (total * u128::from(raw[i]) / sum / unit * unit).max(unit);
                    w.min(left - unit * (options.len() - 1 - i) as u128)
                };
                left -= w;
                let s = format!("{}.{:018}", w / total, w % total);
                parts.push(format!("{o}={}", s.trim_end_matches('0').trim_end_matches('.')));
            }
            parts.join(",")
        })
}

/// The inputs of one message; turned into a `Msg` with the signer's address.
#[derive(Clone, Debug)]
enum Spec {
    DelegatePool(Coin),
    DelegateOperator(u32, Vec<Coin>),
    DelegateService(u32, Vec<Coin>),
    UndelegatePool(Coin),
    UndelegateOperator(u32, Vec<Coin>),
    UndelegateService(u32, Vec<Coin>),
    TrustServices(Vec<(u32, Vec<u32>)>),
    JoinService(u32, u32),
    LeaveService(u32, u32),
    ClaimRewards {
        pools: Vec<u32>,
        operators: Vec<u32>,
        services: Vec<u32>,
        commissions: Vec<u32>,
    },
    Vote {
        proposal: u64,
        choice: VoteChoice,
        gov: GovVersion,
        metadata: String,
    },
    WeightedVote {
        proposal: u64,
        weights: String,
        gov: GovVersion,
        metadata: String,
    },
    Send {
        to: String,
        amount: Vec<Coin>,
    },
    Ibc {
        receiver: String,
        token: Coin,
        channel: u16,
        height: (u64, u64),
        timestamp: u64,
        memo: String,
    },
    LiquidStake {
        lst: usize,
        amount: String,
        mint_to: Option<String>,
        to_native: bool,
        expected: Option<String>,
    },
    LiquidUnstake {
        lst: usize,
        amount: String,
    },
    ClaimUnstaked {
        lst: usize,
        batch: u64,
    },
    SubmitBatch {
        lst: usize,
    },
    /// Any other contract (or a known one with another message): the generic view.
    Contract {
        contract: String,
        msg: Json,
        funds: Vec<Coin>,
    },
    /// Operator, service and staking admin messages, built directly.
    Admin(Admin),
    Exec(Vec<Spec>),
}

#[derive(Clone, Debug)]
enum Admin {
    UpdateOperator(u32, [String; 3]),
    OperatorParams(u32, String),
    CreateService([String; 4], Vec<Coin>),
    ServiceParams(u32, Vec<String>),
    TransferService(u32, String),
    AllowOperator(u32, u32),
    BorrowPool(u32, u32),
    SetRewardsAddress(String),
    WithdrawInsurance(Vec<Coin>),
    CancelUnbonding(String, Coin, i64),
    Redelegate(String, String, Coin),
    DepositV1(u64, Vec<Coin>),
    DepositV1beta1(u64, Vec<Coin>),
    /// A weighted vote with its weights as on the wire (v1beta1: LegacyDec ×10^18; v1: a
    /// decimal), sometimes empty or zero: the chain rejects those, the device refuses
    /// them in both modes (x/tx writes an empty v1beta1 weight `"0"`).
    WeightedVoteWire {
        v1beta1: bool,
        options: Vec<(i32, String)>,
    },
}

/// Whether `n` is a plain integer of magnitude below 2^53 (not `-0`): the only numbers the
/// device shows in a contract message (`Number::is_safe_integer` in the core).
fn is_safe_integer(n: &str) -> bool {
    n.parse::<i64>().is_ok_and(|v| v.to_string() == n && v.unsigned_abs() < (1 << 53)) && n != "-0"
}

/// A JSON number as a wallet may write it in a contract message: safe integers (shown),
/// and what x/tx rewrites as Go's float64 or what a float64 does not hold (`1e21` →
/// `1e+21`, `0.0000001` → `1e-7`, 2^53 + 1 → 2^53, `0.5`, `-0`; refused in both modes).
///
/// INHERENT (kept out, not a bug to fix): a spelling that Go turns into a *different*
/// plain safe integer (`1.0` → `1`, `1e2` → `100`). The Amino JSON document is then byte
/// for byte that of the plain integer, so the device shows it in Amino JSON and refuses
/// the spelling in DIRECT; see `other_spellings_of_a_safe_integer_are_indistinguishable_in_amino`.
/// Also kept out: what Go cannot parse as a float64 (`1e400`), which x/tx cannot encode.
fn json_number() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => (-(1i64 << 53) + 1..(1i64 << 53)).prop_map(|n| n.to_string()),
        2 => (-1_000_000i64..1_000_000, 1i32..7).prop_map(|(n, d)| (n as f64 / 10f64.powi(d)).to_string()),
        1 => ("-?", "[1-9][0-9]{15,25}").prop_map(|(s, d)| format!("{s}{d}")),
        1 => "-?(0|[1-9][0-9]{0,3})(\\.[0-9]{1,4})?[eE][-+]?[0-9]{1,3}",
        1 => prop::sample::select(vec!["-0", "-0.0", "0.0000001", "1e21", "9007199254740992", "9007199254740993", "-9007199254740993"])
            .prop_map(str::to_owned),
    ]
    .prop_filter("x/tx encodes it, and not as another safe integer", |n| match amino_json::go_float64(n) {
        Ok(go) => go == *n || !is_safe_integer(&go),
        Err(_) => false,
    })
}

fn json_value() -> impl Strategy<Value = Json> {
    let leaf = prop_oneof![
        Just(Json::Null),
        any::<bool>().prop_map(Json::Bool),
        json_number().prop_map(Json::Number),
        text(20).prop_map(Json::String),
    ];
    leaf.prop_recursive(3, 24, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Json::Array),
            prop::collection::btree_map(text(8), inner, 0..4).prop_map(Json::Object),
        ]
    })
}

fn admin(chain: Chain) -> impl Strategy<Value = Admin> {
    let keep = || prop_oneof![3 => text(20), 1 => Just("[do-not-modify]".to_owned())];
    prop_oneof![
        (id32(), [keep(), keep(), keep()]).prop_map(|(i, t)| Admin::UpdateOperator(i, t)),
        (id32(), prop_oneof![Just(String::new()), "[0-9]{1,21}", "[1-9][0-9]{0,20}"])
            .prop_map(|(i, r)| Admin::OperatorParams(i, r)),
        ([text(20), text(60), text(20), text(20)], coins(chain, 2))
            .prop_map(|(t, c)| Admin::CreateService(t, c)),
        (id32(), prop::collection::vec(denom(chain), 0..3))
            .prop_map(|(i, d)| Admin::ServiceParams(i, d)),
        (id32(), any_address()).prop_map(|(i, a)| Admin::TransferService(i, a)),
        (id32(), id32()).prop_map(|(s, o)| Admin::AllowOperator(s, o)),
        (id32(), id32()).prop_map(|(s, p)| Admin::BorrowPool(s, p)),
        any_address().prop_map(Admin::SetRewardsAddress),
        coins(chain, 2).prop_map(Admin::WithdrawInsurance),
        (address(chain.hrp), a_coin(chain), any::<i64>())
            .prop_map(|(v, c, h)| Admin::CancelUnbonding(v, c, h)),
        (address(chain.hrp), address(chain.hrp), a_coin(chain))
            .prop_map(|(a, b, c)| Admin::Redelegate(a, b, c)),
        (id64(), coins(chain, 2)).prop_map(|(p, c)| Admin::DepositV1(p, c)),
        (id64(), coins(chain, 2)).prop_map(|(p, c)| Admin::DepositV1beta1(p, c)),
        any::<bool>().prop_flat_map(|v1beta1| {
            let weight = if v1beta1 {
                prop_oneof![Just(String::new()), Just("0".to_owned()), "[1-9][0-9]{0,18}"].boxed()
            } else {
                prop_oneof![
                    Just(String::new()),
                    Just("0".to_owned()),
                    Just("0.000".to_owned()),
                    Just("1".to_owned()),
                    "0\\.[0-9]{0,5}[1-9]"
                ]
                .boxed()
            };
            prop::collection::vec((1i32..=4, weight), 1..3)
                .prop_map(move |options| Admin::WeightedVoteWire { v1beta1, options })
        }),
    ]
}

fn admin_msg(a: Admin, me: &str) -> Msg {
    let me = me.to_owned();
    match a {
        Admin::UpdateOperator(operator_id, [moniker, website, picture_url]) => {
            operators::MsgUpdateOperator { sender: me, operator_id, moniker, website, picture_url }
                .into()
        }
        Admin::OperatorParams(operator_id, commission_rate) => operators::MsgSetOperatorParams {
            sender: me,
            operator_id,
            params: Some(operators::OperatorParams { commission_rate }),
        }
        .into(),
        Admin::CreateService([name, description, website, picture_url], fee_amount) => {
            services::MsgCreateService {
                sender: me,
                name,
                description,
                website,
                picture_url,
                fee_amount,
            }
            .into()
        }
        Admin::ServiceParams(service_id, allowed_denoms) => services::MsgSetServiceParams {
            sender: me,
            service_id,
            service_params: Some(services::ServiceParams { allowed_denoms }),
        }
        .into(),
        Admin::TransferService(service_id, new_admin) => {
            services::MsgTransferServiceOwnership { sender: me, service_id, new_admin }.into()
        }
        Admin::AllowOperator(service_id, operator_id) => {
            restaking::MsgAddOperatorToAllowList { sender: me, service_id, operator_id }.into()
        }
        Admin::BorrowPool(service_id, pool_id) => {
            restaking::MsgBorrowPoolSecurity { sender: me, service_id, pool_id }.into()
        }
        Admin::SetRewardsAddress(to) => {
            rewards::MsgSetWithdrawAddress { sender: me, withdraw_address: to }.into()
        }
        Admin::WithdrawInsurance(amount) => {
            liquidvesting::MsgWithdrawInsuranceFund { sender: me, amount }.into()
        }
        Admin::CancelUnbonding(validator_address, amount, creation_height) => {
            cosmos::MsgCancelUnbondingDelegation {
                delegator_address: me,
                validator_address,
                amount: Some(amount),
                creation_height,
            }
            .into()
        }
        Admin::Redelegate(validator_src_address, validator_dst_address, amount) => {
            cosmos::MsgBeginRedelegate {
                delegator_address: me,
                validator_src_address,
                validator_dst_address,
                amount: Some(amount),
            }
            .into()
        }
        Admin::DepositV1(proposal_id, amount) => {
            gov_v1::MsgDeposit { proposal_id, depositor: me, amount }.into()
        }
        Admin::DepositV1beta1(proposal_id, amount) => {
            gov_v1beta1::MsgDeposit { proposal_id, depositor: me, amount }.into()
        }
        Admin::WeightedVoteWire { v1beta1: true, options } => gov_v1beta1::MsgVoteWeighted {
            proposal_id: 1,
            voter: me,
            options: options
                .into_iter()
                .map(|(option, weight)| gov_v1beta1::WeightedVoteOption { option, weight })
                .collect(),
        }
        .into(),
        Admin::WeightedVoteWire { v1beta1: false, options } => gov_v1::MsgVoteWeighted {
            proposal_id: 1,
            voter: me,
            options: options
                .into_iter()
                .map(|(option, weight)| gov_v1::WeightedVoteOption { option, weight })
                .collect(),
            metadata: String::new(),
        }
        .into(),
    }
}

fn ibc_memo() -> impl Strategy<Value = String> {
    let lst = prop::sample::select(denoms::LIQUID_STAKING.to_vec());
    prop_oneof![
        2 => Just(String::new()),
        3 => text(60),
        1 => text(300),
        // The one-click liquid stake memo, to a known contract or not.
        2 => (lst, any_address()).prop_map(|(l, to)| ibc::liquid_stake_memo(l.contract, &to)),
        1 => (any_address(), any_address()).prop_map(|(c, to)| ibc::liquid_stake_memo(&c, &to)),
        // The insurance-fund deposit memo.
        1 => prop::collection::vec((address("milk"), amount()), 1..3).prop_map(|d| {
            let d: Vec<(&str, &str)> = d.iter().map(|(a, n)| (a.as_str(), n.as_str())).collect();
            ibc::insurance_deposit_memo(&d)
        }),
    ]
}

fn spec(chain: Chain) -> impl Strategy<Value = Spec> {
    let leaf = prop_oneof![
        a_coin(chain).prop_map(Spec::DelegatePool),
        (id32(), coins(chain, 3)).prop_map(|(i, c)| Spec::DelegateOperator(i, c)),
        (id32(), coins(chain, 3)).prop_map(|(i, c)| Spec::DelegateService(i, c)),
        a_coin(chain).prop_map(Spec::UndelegatePool),
        // Empty amount lists included: `dont_omitempty` without `legacy_coins`, so x/tx
        // (and the host) write `"amount":null`, shown as "Amount: None" in both modes.
        (id32(), coins(chain, 3)).prop_map(|(i, c)| Spec::UndelegateOperator(i, c)),
        (id32(), coins(chain, 3)).prop_map(|(i, c)| Spec::UndelegateService(i, c)),
        prop::collection::vec((id32(), prop::collection::vec(id32(), 0..4)), 0..4).prop_map(Spec::TrustServices),
        (id32(), id32()).prop_map(|(o, s)| Spec::JoinService(o, s)),
        (id32(), id32()).prop_map(|(o, s)| Spec::LeaveService(o, s)),
        (
            prop::collection::vec(id32(), 0..3),
            prop::collection::vec(id32(), 0..3),
            prop::collection::vec(id32(), 0..3),
            prop::collection::vec(id32(), 0..2)
        )
            .prop_map(|(pools, operators, services, commissions)| Spec::ClaimRewards { pools, operators, services, commissions }),
        (id64(), vote_choice(), gov(), prop_oneof![3 => Just(String::new()), 1 => text(30)])
            .prop_map(|(proposal, choice, gov, metadata)| Spec::Vote { proposal, choice, gov, metadata }),
        (id64(), weights(), gov(), prop_oneof![3 => Just(String::new()), 1 => text(30)])
            .prop_map(|(proposal, weights, gov, metadata)| Spec::WeightedVote { proposal, weights, gov, metadata }),
        (any_address(), coins(chain, 3)).prop_map(|(to, amount)| Spec::Send { to, amount }),
        (
            any_address(),
            a_coin(chain),
            any::<u16>(),
            prop_oneof![Just((0u64, 0u64)), (0u64..5, 1u64..100_000_000), (any::<u64>(), any::<u64>())],
            prop_oneof![Just(0u64), any::<u64>()],
            ibc_memo()
        )
            .prop_map(|(receiver, token, channel, height, timestamp, memo)| Spec::Ibc {
                receiver,
                token,
                channel,
                height,
                timestamp,
                memo
            }),
        (
            0..denoms::LIQUID_STAKING.len(),
            amount(),
            prop::option::of(any_address()),
            any::<bool>(),
            prop::option::of(amount())
        )
            .prop_map(|(lst, amount, mint_to, to_native, expected)| Spec::LiquidStake { lst, amount, mint_to, to_native, expected }),
        (0..denoms::LIQUID_STAKING.len(), amount()).prop_map(|(lst, amount)| Spec::LiquidUnstake { lst, amount }),
        // Batch ids from 2^53 on are refused in both modes (x/tx rewrites them in Amino
        // JSON); see `batch_id_from_2_pow_53_is_refused_in_both_modes`.
        (0..denoms::LIQUID_STAKING.len(), prop_oneof![4 => 0u64..1000, 2 => 0u64..(1 << 53), 1 => (1u64 << 53)..(1 << 53) + 4, 1 => any::<u64>()])
            .prop_map(|(lst, batch)| Spec::ClaimUnstaked { lst, batch }),
        (0..denoms::LIQUID_STAKING.len()).prop_map(|lst| Spec::SubmitBatch { lst }),
        (
            prop_oneof![
                3 => any_address(),
                1 => prop::sample::select(denoms::LIQUID_STAKING.iter().map(|l| l.contract.to_owned()).collect::<Vec<_>>())
            ],
            // Mostly objects (what contracts take), sometimes any JSON value: x/tx inlines
            // any valid JSON. (A non-object was shown in DIRECT and refused in Amino JSON
            // until the core's a838266.)
            prop_oneof![4 => prop::collection::btree_map(text(8), json_value(), 0..4).prop_map(Json::Object), 1 => json_value()],
            coins(chain, 2)
        )
            .prop_map(|(contract, msg, funds)| Spec::Contract { contract, msg, funds }),
        admin(chain).prop_map(Spec::Admin),
    ];
    prop_oneof![12 => leaf.clone(), 1 => prop::collection::vec(leaf, 1..3).prop_map(Spec::Exec)]
}

fn msgs_of(spec: &Spec, chain: Chain, me: &str) -> Vec<Msg> {
    let lst = |i: usize| denoms::LIQUID_STAKING[i];
    match spec.clone() {
        Spec::DelegatePool(c) => {
            vec![restaking::MsgDelegatePool { delegator: me.into(), amount: Some(c) }.into()]
        }
        Spec::DelegateOperator(id, amount) => {
            vec![restaking::MsgDelegateOperator { delegator: me.into(), operator_id: id, amount }
                .into()]
        }
        Spec::DelegateService(id, amount) => {
            vec![restaking::MsgDelegateService { delegator: me.into(), service_id: id, amount }
                .into()]
        }
        Spec::UndelegatePool(c) => {
            vec![restaking::MsgUndelegatePool { delegator: me.into(), amount: Some(c) }.into()]
        }
        Spec::UndelegateOperator(id, amount) => {
            vec![restaking::MsgUndelegateOperator { delegator: me.into(), operator_id: id, amount }
                .into()]
        }
        Spec::UndelegateService(id, amount) => {
            vec![restaking::MsgUndelegateService { delegator: me.into(), service_id: id, amount }
                .into()]
        }
        Spec::TrustServices(entries) => {
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
            // The CLI's builder when it accepts the lists (non-zero, distinct ids), the
            // typed message otherwise: the chain would refuse those, the device must
            // still show them the same way in both modes.
            match build::trust_services(me, &specs, specs.is_empty()) {
                Ok(m) => vec![m],
                Err(_) => vec![restaking::MsgSetUserPreferences {
                    user: me.into(),
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
        Spec::JoinService(operator_id, service_id) => {
            vec![restaking::MsgJoinService { sender: me.into(), operator_id, service_id }.into()]
        }
        Spec::LeaveService(operator_id, service_id) => {
            vec![restaking::MsgLeaveService { sender: me.into(), operator_id, service_id }.into()]
        }
        Spec::ClaimRewards { pools, operators, services, commissions } => {
            build::claim_rewards(me, &pools, &operators, &services, &commissions).unwrap_or_else(
                |_| {
                    vec![rewards::MsgWithdrawDelegatorReward {
                        delegator_address: me.into(),
                        delegation_type: 1,
                        delegation_target_id: 1,
                    }
                    .into()]
                },
            )
        }
        Spec::Vote { proposal, choice, gov, metadata } => {
            let metadata = if gov == GovVersion::V1beta1 { String::new() } else { metadata };
            vec![build::vote(me, proposal, Some(choice), None, gov, &metadata).unwrap()]
        }
        Spec::WeightedVote { proposal, weights, gov, metadata } => {
            let metadata = if gov == GovVersion::V1beta1 { String::new() } else { metadata };
            vec![build::vote(me, proposal, None, Some(&weights), gov, &metadata)
                .unwrap_or_else(|e| panic!("{weights}: {e}"))]
        }
        Spec::Send { to, amount } => {
            vec![cosmos::MsgSend { from_address: me.into(), to_address: to, amount }.into()]
        }
        Spec::Ibc { receiver, token, channel, height, timestamp, memo } => vec![ibc::MsgTransfer {
            source_port: "transfer".into(),
            source_channel: format!("channel-{channel}"),
            token: Some(token),
            sender: me.into(),
            receiver,
            timeout_height: Some(ibc::Height {
                revision_number: height.0,
                revision_height: height.1,
            }),
            timeout_timestamp: timestamp,
            memo,
        }
        .into()],
        Spec::LiquidStake { lst: i, amount, mint_to, to_native, expected } => {
            let l = lst(i);
            let msg = StakingContractMsg::LiquidStake {
                mint_to,
                transfer_to_native_chain: to_native.then_some(true),
                expected_mint_amount: expected,
            };
            vec![msg.to_execute(me, l.contract, Some((&amount, l.native_denom))).unwrap().into()]
        }
        Spec::LiquidUnstake { lst: i, amount } => {
            // Through the CLI's builder (it checks the denom is the LST) when it takes the
            // amount; "0" and the like go through the typed message.
            let l = lst(i);
            let text = format!("{amount}{}", l.lst_denom);
            vec![build::liquid_unstake(&l, me, &text).unwrap_or_else(|_| {
                StakingContractMsg::LiquidUnstake
                    .to_execute(me, l.contract, Some((&amount, l.lst_denom)))
                    .unwrap()
                    .into()
            })]
        }
        Spec::ClaimUnstaked { lst: i, batch } => {
            vec![build::claim_unstaked(&lst(i), me, batch).unwrap()]
        }
        Spec::SubmitBatch { lst: i } => {
            vec![StakingContractMsg::SubmitBatch
                .to_execute(me, lst(i).contract, None)
                .unwrap()
                .into()]
        }
        Spec::Contract { contract, msg, funds } => {
            vec![wasm::execute_contract(me, &contract, &msg, funds).into()]
        }
        Spec::Admin(a) => vec![admin_msg(a, me)],
        Spec::Exec(inner) => {
            // The grantee signs; the inner messages are the granter's (another address).
            let granter = bech32_encode(chain.hrp, &[7u8; 20]).unwrap();
            let msgs = inner.iter().flat_map(|s| msgs_of(s, chain, &granter)).collect();
            vec![cosmos::MsgExec { grantee: me.into(), msgs }.into()]
        }
    }
}

#[derive(Clone, Debug)]
struct Case {
    tx: Tx,
    me: String,
}

fn case() -> impl Strategy<Value = Case> {
    chain().prop_flat_map(|(chain_id, chain)| {
        (
            address(chain.hrp),
            prop::collection::vec(spec(chain), 1..5),
            coins(chain, 2),
            prop_oneof![Just(200_000u64), any::<u64>()],
            memo(),
            prop_oneof![3 => Just(0u64), 1 => any::<u64>()],
            any::<u64>(),
            any::<u64>(),
            prop::option::of(address(chain.hrp)),
            prop::option::of(address(chain.hrp)),
        )
            .prop_map(
                move |(me, specs, fee, gas, memo, timeout, account, sequence, payer, granter)| {
                    let msgs: Vec<Msg> =
                        specs.iter().flat_map(|s| msgs_of(s, chain, &me)).collect();
                    let mut b = TxBuilder::new(chain_id)
                        .msgs(msgs)
                        .memo(memo)
                        .timeout_height(timeout)
                        .fee(fee, gas)
                        .account_number(account)
                        .sequence(sequence);
                    if let Some(p) = payer {
                        b = b.fee_payer(p);
                    }
                    if let Some(g) = granter {
                        b = b.fee_granter(g);
                    }
                    Case { tx: b.build().unwrap(), me }
                },
            )
    })
}

// ------------------------------------------------------------------ the property

fn render(tx: &Tx, mode: SignMode, expert: bool, me: &str) -> Result<Vec<Screen>, PreviewError> {
    preview::tx_screens(tx, mode, expert, Some(me))
}

/// Both modes, expert off and on: the same screens, or a refusal in both. (The reason
/// may differ: a NUL inside a contract message is "Contract message is not valid JSON"
/// in DIRECT and a JSON reader error in Amino JSON; either way nothing is shown.)
fn check(c: &Case) -> Result<(), TestCaseError> {
    for expert in [false, true] {
        let direct = render(&c.tx, SignMode::Direct, expert, &c.me);
        let amino = render(&c.tx, SignMode::AminoJson, expert, &c.me);
        if let (Err(PreviewError::Tx(e)), _) | (_, Err(PreviewError::Tx(e))) = (&direct, &amino) {
            return Err(TestCaseError::fail(format!(
                "the host could not encode the transaction: {e}"
            )));
        }
        if direct.is_err() && amino.is_err() {
            continue;
        }
        // BY DESIGN: SIGN_MODE_DIRECT puts the chain id after the messages, so the device
        // shows them for the first chain of the address prefix (MilkyWay for `milk`) and
        // refuses at the end a chain id of the prefix's other chain (its testnet) that
        // reads them differently (a denom only one of them knows). Amino JSON's chain id
        // comes first. The preview is the device's: it does the same.
        let first_of_prefix = milkyway_core::chains::CHAINS
            .iter()
            .find(|ch| ch.chain_id == c.tx.chain_id)
            .and_then(|ch| milkyway_core::chains::CHAINS.iter().find(|f| f.hrp == ch.hrp))
            .is_some_and(|f| f.chain_id == c.tx.chain_id);
        let not_as_shown = milkyway_core::Error::ChainNotAsShown.reason();
        if !first_of_prefix
            && direct.as_ref().err().and_then(PreviewError::refusal_reason) == Some(not_as_shown)
        {
            continue;
        }
        if direct != amino {
            let json = String::from_utf8_lossy(
                &c.tx.sign_bytes(SignMode::AminoJson, &preview::PREVIEW_PUBLIC_KEY).unwrap(),
            )
            .into_owned();
            return Err(TestCaseError::fail(format!(
                "expert={expert}\nDIRECT: {direct:#?}\nAMINO:  {amino:#?}\namino sign doc: {json}"
            )));
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|s| s.parse().ok()).unwrap_or(CASES),
        // Failures are reported with their shrunk input; nothing is written to disk.
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn direct_and_amino_show_the_same_screens(c in case()) {
        check(&c)?;
    }
}

// ------------------------------------------------------------------ the textual facts

/// Cases of the textual property: it renders three documents a case.
const TEXTUAL_CASES: u32 = 300;

/// Review screens with their paged values put back together ("Memo (1/3)"...).
fn joined(screens: &[Screen]) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    for (label, value) in screens {
        let base = match label.rsplit_once(" (") {
            Some((b, rest))
                if rest.ends_with(')') && rest.contains('/') && !rest.starts_with("1/") =>
            {
                b
            }
            _ => {
                out.push((label.clone(), value.clone()));
                continue;
            }
        };
        match out.last_mut() {
            Some((l, v)) if l.starts_with(base) => v.push_str(value),
            _ => out.push((label.clone(), value.clone())),
        }
    }
    out
}

/// `1'234.5 MILK` and `1234.5 MILK` are the same amount.
fn coin_words(value: &str) -> Vec<String> {
    value
        .split(", ")
        .filter(|c| {
            let mut parts = c.splitn(2, ' ');
            let n = parts.next().unwrap_or_default();
            parts.next().is_some_and(|d| !d.is_empty() && !d.contains(' '))
                && !n.is_empty()
                && n.chars().all(|ch| ch.is_ascii_digit() || ch == '.' || ch == '\'')
                && n.chars().next().is_some_and(|ch| ch.is_ascii_digit())
        })
        .map(|c| c.replace('\'', ""))
        .collect()
}

/// A wasm contract call, or an authz exec of one.
fn calls_contract(m: &Msg) -> bool {
    match m {
        Msg::ExecuteContract(_) => true,
        Msg::Exec(e) => e.msgs.iter().any(calls_contract),
        _ => false,
    }
}

fn check_textual(c: &Case) -> Result<(), TestCaseError> {
    let pk = preview::PREVIEW_PUBLIC_KEY;
    let direct = match render(&c.tx, SignMode::Direct, true, &c.me) {
        Ok(d) => joined(&d),
        // What the device refuses in DIRECT is not compared (textual shows it anyway).
        Err(_) => return Ok(()),
    };
    let metadata = milkyway_ledger::textual::DenomMetadata::builtin(&c.tx.chain_id);
    let cbor =
        c.tx.textual_sign_bytes(&pk, &c.me, &metadata)
            .map_err(|e| TestCaseError::fail(format!("no textual document: {e}")))?;
    let textual = milkyway_ledger::textual::screens(
        &c.tx.body_bytes(),
        &c.tx.auth_info_bytes(SignMode::Textual, &pk),
        &c.tx.textual_signer(&pk, &c.me),
        &metadata,
    )
    .unwrap();
    prop_assert_eq!(milkyway_ledger::textual::encode(&textual), cbor);
    prop_assert_eq!(&textual[0].content, &c.tx.chain_id);
    let shown = |label: &str| direct.iter().find(|(l, _)| l == label).map(|(_, v)| v.clone());
    // The review names a chain the catalog knows; textual shows its id.
    let chain_name =
        milkyway_core::chains::by_chain_id(&milkyway_core::text::Text::Plain(&c.tx.chain_id))
            .map_or_else(|| format!("{} (unknown chain)", c.tx.chain_id), |k| k.name.to_string());
    prop_assert_eq!(shown("Chain"), Some(chain_name));
    // Every coin of the textual document, as often, among the DIRECT review's coins (the
    // screens "<n> <Kind>" that head a repeated field, and memos, are no coins).
    let heads_list = |i: usize| {
        textual
            .get(i + 1)
            .is_some_and(|next| next.title.ends_with(" (1/") || next.title.contains(" (1/"))
    };
    let mut direct_coins: Vec<String> = direct
        .iter()
        .filter(|(l, _)| l != "Gas" && !l.starts_with("Memo") && !l.contains("memo"))
        .flat_map(|(_, v)| coin_words(v))
        .collect();
    // A denom without an entry in the registry's metadata is shown by x/tx in base units
    // and by the device in its own words ("locked MILK"): not compared.
    let with_metadata = |coin: &str| {
        let denom = coin.split(' ').nth(1).unwrap_or_default();
        milkyway_core::chains::CHAINS
            .iter()
            .filter(|ch| ch.chain_id == c.tx.chain_id)
            .flat_map(|ch| ch.assets)
            .any(|a| a.symbol == denom)
    };
    for (i, screen) in textual.iter().enumerate() {
        if heads_list(i) || screen.title == "Memo" {
            continue;
        }
        for coin in coin_words(&screen.content).into_iter().filter(|c| with_metadata(c)) {
            let Some(k) = direct_coins.iter().position(|d| *d == coin) else {
                return Err(TestCaseError::fail(format!(
                    "{}: {coin} not in the DIRECT review\nDIRECT: {direct:#?}\nTEXTUAL: {textual:#?}",
                    screen.title
                )));
            };
            direct_coins.remove(k);
        }
    }
    // Ids ("Operator #3") and addresses the DIRECT review shows are textual contents too,
    // but for contract calls, whose typed screens read the contract message (INHERENT).
    let contract_call = c.tx.msgs.iter().any(calls_contract);
    if contract_call {
        return Ok(());
    }
    let contents: Vec<String> = textual.iter().map(|s| s.content.replace('\'', "")).collect();
    for (label, value) in
        direct.iter().filter(|(l, _)| !l.starts_with("Memo") && !l.contains("memo"))
    {
        let id = value
            .rsplit_once(" #")
            .map(|(_, n)| n)
            .filter(|n| n.chars().all(|c| c.is_ascii_digit()));
        let address =
            ["milk1", "osmo1", "celestia1", "cosmos1"].iter().any(|p| value.starts_with(p))
                && !value.contains(' ');
        let wanted = match (id, address) {
            (Some("0"), _) => continue,
            (Some(n), _) => n.to_owned(),
            (None, true) => value.clone(),
            _ => continue,
        };
        prop_assert!(
            contents.contains(&wanted),
            "{}: {} not in the textual document\nDIRECT: {:#?}\nTEXTUAL: {:#?}",
            label,
            wanted,
            direct,
            textual
        );
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|s| s.parse().ok()).unwrap_or(TEXTUAL_CASES),
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn direct_and_textual_show_the_same_facts(c in case()) {
        check_textual(&c)?;
    }
}

/// The generator does reach the views that matter (not only refusals): a fixed sample
/// of cases must mostly render, and cover every message kind (and the refusals for
/// contract-message numbers and zero vote weights).
#[test]
fn the_generator_mostly_renders() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    let mut runner = TestRunner::deterministic();
    let (mut ok, mut total) = (0, 0);
    let mut titles = std::collections::BTreeSet::new();
    let mut reasons = std::collections::BTreeMap::new();
    for _ in 0..300 {
        let c = case().new_tree(&mut runner).unwrap().current();
        total += 1;
        match render(&c.tx, SignMode::Direct, false, &c.me) {
            Ok(screens) => {
                ok += 1;
                titles.extend(
                    screens.into_iter().filter(|(l, _)| l.starts_with("Action")).map(|(_, v)| v),
                );
            }
            Err(e) => *reasons.entry(e.refusal_reason().unwrap_or("not encoded")).or_insert(0) += 1,
        }
    }
    assert!(ok * 2 > total, "only {ok} of {total} generated transactions render");
    // And the refusals that keep the two modes in step are reached, not only renders.
    for r in [NUMBER_REASON, "Weighted vote: an option has weight 0"] {
        assert!(reasons.contains_key(r), "no {r:?} among {reasons:?}");
    }
    for t in [
        "Restake to pool",
        "Unrestake from service",
        "Trust services",
        "Claim restaking rewards",
        "Vote",
        "Weighted vote",
        "Send",
        "Liquid stake",
        "Liquid unstake",
        "Claim unstaked tokens",
        "Execute as grantee",
    ] {
        assert!(titles.contains(t), "no {t:?} among {titles:?}");
    }
}

// ------------------------------------------------------------------ divergences found (fixed), and the inherent one

fn both(
    tx: &Tx,
    me: &str,
) -> (Result<Vec<Screen>, PreviewError>, Result<Vec<Screen>, PreviewError>) {
    (render(tx, SignMode::Direct, false, me), render(tx, SignMode::AminoJson, false, me))
}

const ME: &str = "milk1w34k53py5v5xyluazqpq65agyajavep2d6e7j9";

const NUMBER_REASON: &str = "Contract message: number changes in Amino JSON (use a string)";

/// Both modes refuse, for the same reason `want`.
#[track_caller]
fn refused_alike(tx: &Tx, want: &str) {
    let (d, a) = both(tx, ME);
    assert_eq!(d.as_ref().err().and_then(PreviewError::refusal_reason), Some(want), "DIRECT {d:?}");
    assert_eq!(a.as_ref().err().and_then(PreviewError::refusal_reason), Some(want), "AMINO {a:?}");
}

/// Was KNOWN DIVERGENCE (x/tx inline JSON numbers). x/tx reads a wasm `msg` into Go
/// `interface{}` and prints it back, so every number becomes a float64:
/// `{"withdraw":{"batch_id":9007199254740993}}` (2^53 + 1) is signed in Amino JSON as
/// `"batch_id":9007199254740992`, while the transaction carries, and the contract
/// executes, the original bytes. The device showed "Batch: #9007199254740993" in DIRECT
/// and "Batch: #9007199254740992" in Amino JSON. It now refuses, in both modes, every
/// contract-message number that is not a plain integer below 2^53 (2^53 itself too:
/// 2^53 + 1 rounds to it).
#[test]
fn batch_id_from_2_pow_53_is_refused_in_both_modes() {
    let l = denoms::LIQUID_STAKING[1];
    for batch_id in [1 << 53, (1 << 53) + 1, u64::MAX] {
        let m = StakingContractMsg::Withdraw { batch_id }.to_execute(ME, l.contract, None).unwrap();
        refused_alike(&TxBuilder::new("milkyway").msg(m).build().unwrap(), NUMBER_REASON);
    }
    let m = StakingContractMsg::Withdraw { batch_id: (1 << 53) - 1 }
        .to_execute(ME, l.contract, None)
        .unwrap();
    let tx = TxBuilder::new("milkyway").msg(m).build().unwrap();
    let want: Vec<Screen> = [
        ("Action", "Claim unstaked tokens"),
        ("Batch", "#9007199254740991"),
        ("Contract", "MilkyWay milkBABY staking"),
        ("Chain", "MilkyWay"),
        ("Fees", "None"),
    ]
    .iter()
    .map(|(l, v)| (l.to_string(), v.to_string()))
    .collect();
    let (d, a) = both(&tx, ME);
    assert_eq!(d.unwrap(), want);
    assert_eq!(a.unwrap(), want);
}

fn contract_tx(number: &str) -> Tx {
    let msg = Json::Object(
        [("amount".to_owned(), Json::Number(number.to_owned()))].into_iter().collect(),
    );
    let m = wasm::execute_contract(
        ME,
        "milk1qg5ega6dykkxc307y25pecuufrjkxkaggkkxh7nad0vhyhtuhw3ssgcye4x",
        &msg,
        vec![],
    );
    TxBuilder::new("milkyway").msg(m).build().unwrap()
}

/// Was KNOWN DIVERGENCE (x/tx inline JSON numbers), the generic view: `1e21` and
/// `0.0000001` in a contract message were shown as written in DIRECT and as Go prints
/// them (`1e+21`, `1e-7`) in Amino JSON. Now refused in both modes, for one reason.
#[test]
fn contract_numbers_x_tx_rewrites_are_refused_in_both_modes() {
    for n in [
        "1e21",
        "0.0000001",
        "1.5e-7",
        "123456789e20",
        "9007199254740993",
        "9007199254740992",
        "0.5",
        "-0",
        "-0.0",
    ] {
        refused_alike(&contract_tx(n), NUMBER_REASON);
    }
}

/// INHERENT, not fixable in the device: a number spelled otherwise than the plain safe
/// integer x/tx turns it into (`1.0`, `1e2`, `1.00000000000000001`) gives an Amino JSON
/// document byte for byte equal to that of the plain integer. DIRECT refuses the spelling
/// (it is not a plain integer); Amino JSON shows the integer, the one value below 2^53
/// that can round to it, so an integer the contract reads is the integer shown.
#[test]
fn other_spellings_of_a_safe_integer_are_indistinguishable_in_amino() {
    for (spelling, plain) in
        [("1.0", "1"), ("1e2", "100"), ("1.00000000000000001", "1"), ("-5.0", "-5")]
    {
        let (tx, twin) = (contract_tx(spelling), contract_tx(plain));
        let amino =
            |t: &Tx| t.sign_bytes(SignMode::AminoJson, &preview::PREVIEW_PUBLIC_KEY).unwrap();
        assert_eq!(amino(&tx), amino(&twin), "{spelling}");
        let (d, a) = both(&tx, ME);
        assert_eq!(
            d.as_ref().err().and_then(PreviewError::refusal_reason),
            Some(NUMBER_REASON),
            "{spelling}"
        );
        assert_eq!(a.unwrap(), both(&twin, ME).0.unwrap(), "{spelling}");
    }
}

/// Was KNOWN DIVERGENCE (core Amino decoder): a gov v1beta1 weighted-vote option whose
/// weight is empty on the wire (proto default, so absent in DIRECT: shown "Yes 0%") is
/// written `"weight":"0"` by x/tx (`cosmosDecEncoder`: "" → "0"; the field is
/// `dont_omitempty`), which the core refused in Amino JSON as "Invalid decimal". The
/// chain rejects a zero weight (x/gov `ValidWeightedVoteOption`), so the core now
/// refuses a zero or empty weight in both modes and both gov versions, for one reason.
#[test]
fn empty_legacy_dec_weight_is_refused_in_both_modes() {
    let m = gov_v1beta1::MsgVoteWeighted {
        proposal_id: 1,
        voter: ME.into(),
        options: vec![gov_v1beta1::WeightedVoteOption { option: 1, weight: String::new() }],
    };
    let tx = TxBuilder::new("milkyway").msg(m).build().unwrap();
    assert!(String::from_utf8(
        tx.sign_bytes(SignMode::AminoJson, &preview::PREVIEW_PUBLIC_KEY).unwrap()
    )
    .unwrap()
    .contains(r#""weight":"0""#));
    refused_alike(&tx, "Weighted vote: an option has weight 0");
    let m = gov_v1::MsgVoteWeighted {
        proposal_id: 1,
        voter: ME.into(),
        options: vec![
            gov_v1::WeightedVoteOption { option: 1, weight: "1".into() },
            gov_v1::WeightedVoteOption { option: 2, weight: String::new() },
        ],
        metadata: String::new(),
    };
    refused_alike(
        &TxBuilder::new("milkyway").msg(m).build().unwrap(),
        "Weighted vote: an option has weight 0",
    );
}

/// A staking contract is known only on its own chain: the Osmosis milkTIA contract in a
/// MilkyWay transaction is an unknown contract in both modes.
#[test]
fn staking_contract_on_another_chain_is_unverified() {
    let l = denoms::LIQUID_STAKING.iter().find(|l| l.contract.starts_with("osmo1")).unwrap();
    let m = StakingContractMsg::SubmitBatch.to_execute(ME, l.contract, None).unwrap();
    let tx = TxBuilder::new("milkyway").msg(m).build().unwrap();
    let want: Vec<Screen> = [
        ("Action", "Unverified contract call"),
        ("Contract", l.contract),
        ("Message.submit_batch", "{}"),
        ("Funds", "None"),
        ("Chain", "MilkyWay"),
        ("Fees", "None"),
    ]
    .iter()
    .map(|(l, v)| (l.to_string(), v.to_string()))
    .collect();
    let (d, a) = both(&tx, ME);
    assert_eq!(d.unwrap(), want);
    assert_eq!(a.unwrap(), want);
}
