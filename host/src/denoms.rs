//! The chains, denoms and liquid-staking contracts the CLI knows, and the amount parser
//! (`10.5milkTIA`, `10500000umilk`, `1.5locked/TIA`).
//!
//! The tables are the device's own: chain ids, address prefixes, chain names, every
//! denom with its symbol and decimals, and the staking contracts come from
//! `milkyway_core::chains` (read at compile time where a constant is needed, so a name
//! missing there does not build). What a user types here is therefore exactly what the
//! device shows. The host adds only what the device has no use for: the `--chain` names,
//! the usual fee denom of each chain, and input aliases (`TIA.osmo`).

use std::sync::LazyLock;

use milkyway_core::chains::{self as core_chains, Asset, StakingContract};
use milkyway_core::text::Text;

use crate::msgs::{coin, Coin};
use crate::{decimal, str_eq};

/// A chain the CLI signs for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Chain {
    /// The `--chain` name.
    pub name: &'static str,
    /// The default chain id.
    pub chain_id: &'static str,
    /// Bech32 account prefix.
    pub hrp: &'static str,
    /// Name shown to people.
    pub display: &'static str,
    /// The usual fee denom.
    pub fee_denom: &'static str,
}

/// A denom with its symbol and decimals.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Denom {
    pub chain: &'static str,
    pub base: &'static str,
    pub symbol: &'static str,
    /// Other spellings accepted on input (`TIA.osmo`).
    pub aliases: &'static [&'static str],
    pub decimals: u32,
}

/// A MilkyWay liquid-staking contract.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LiquidStaking {
    /// The LST symbol, also the `--lst` name.
    pub lst_symbol: &'static str,
    /// The chain the contract lives on (`--chain` name).
    pub chain: &'static str,
    pub contract: &'static str,
    /// The token accepted as `funds` by `liquid_stake`.
    pub native_denom: &'static str,
    /// The LST the contract mints (funds of `liquid_unstake`).
    pub lst_denom: &'static str,
}

// ------------------------------------------------------------------ compile-time lookups in the core

/// The core's chain with this chain id.
const fn core_chain(chain_id: &str) -> &'static core_chains::Chain {
    let chains = core_chains::CHAINS;
    let mut i = 0;
    while i < chains.len() {
        if str_eq(chains[i].chain_id, chain_id) {
            return &chains[i];
        }
        i += 1;
    }
    panic!("chain id not in milkyway_core::chains::CHAINS")
}

/// The base denom of `symbol` on the chain `chain_id`, from the core's registry.
const fn core_denom(chain_id: &str, symbol: &str) -> &'static str {
    let assets = core_chain(chain_id).assets;
    let mut i = 0;
    while i < assets.len() {
        if str_eq(assets[i].symbol, symbol) {
            return assets[i].denom;
        }
        i += 1;
    }
    panic!("symbol not in the core's registry for this chain")
}

/// The core's staking contract that mints `lst_symbol`.
const fn core_contract(lst_symbol: &str) -> &'static StakingContract {
    let contracts = core_chains::STAKING_CONTRACTS;
    let mut i = 0;
    while i < contracts.len() {
        if str_eq(contracts[i].lst.symbol, lst_symbol) {
            return &contracts[i];
        }
        i += 1;
    }
    panic!("LST not in milkyway_core::chains::STAKING_CONTRACTS")
}

const fn cli_chain(name: &'static str, chain_id: &'static str, fee_denom: &'static str) -> Chain {
    let c = core_chain(chain_id);
    Chain { name, chain_id, hrp: c.hrp, display: c.name, fee_denom }
}

pub const MILKYWAY: Chain = cli_chain("milkyway", "milkyway", "umilk");
pub const OSMOSIS: Chain = cli_chain("osmosis", "osmosis-1", "uosmo");
pub const CELESTIA: Chain = cli_chain("celestia", "celestia", "utia");
/// MilkyWay's Initia rollup (`moo-1`, prefix `init`); fees in INIT (its registry's fee
/// token).
pub const MOO: Chain = cli_chain("moo", "moo-1", core_denom("moo-1", "INIT"));

/// Every chain the CLI signs for. Other chain ids the core knows (the `ceers-2112`
/// testnet) use the chain of the same address prefix: see [`chain_for_id`].
pub const CHAINS: &[Chain] = &[MILKYWAY, OSMOSIS, CELESTIA, MOO];

pub const MILKTIA_ON_MILKYWAY: &str = core_denom("milkyway", "milkTIA");
pub const TIA_ON_MILKYWAY: &str = core_denom("milkyway", "TIA");
pub const TIA_VIA_OSMOSIS_ON_MILKYWAY: &str = core_denom("milkyway", "TIA (via Osmosis)");
pub const STTIA_ON_MILKYWAY: &str = core_denom("milkyway", "stTIA");
pub const DTIA_ON_MILKYWAY: &str = core_denom("milkyway", "dTIA");
pub const USDC_ON_MILKYWAY: &str = core_denom("milkyway", "USDC");
/// BABY on MilkyWay: derived from `transfer/channel-4/ubbn` (catalog §3.1, unconfirmed).
pub const BABY_ON_MILKYWAY: &str = core_denom("milkyway", "BABY");
pub const MILKBABY: &str = core_denom("milkyway", "milkBABY");
pub const TIA_ON_OSMOSIS: &str = core_denom("osmosis-1", "TIA");
pub const MILKTIA_ON_OSMOSIS: &str = core_denom("osmosis-1", "milkTIA");
pub const MILKTIA_CONTRACT: &str = core_contract("milkTIA").address;
pub const MILKBABY_CONTRACT: &str = core_contract("milkBABY").address;
/// INIT on `moo-1`: `transfer/channel-0/uinit` (initia-registry `mainnets/moo`).
pub const INIT_ON_MOO: &str = core_denom("moo-1", "INIT");
pub const MILKINIT: &str = core_denom("moo-1", "milkINIT");
pub const MILKINIT_CONTRACT: &str = core_contract("milkINIT").address;
/// The liquid-vesting module account (insurance-fund deposits go there over IBC).
pub use milkyway_core::chains::LIQUIDVESTING_MODULE;

/// Input spellings besides the symbol, by base denom.
const ALIASES: &[(&str, &[&str])] = &[(TIA_VIA_OSMOSIS_ON_MILKYWAY, &["TIA.osmo"])];

fn denom_of(chain: &Chain, a: &Asset) -> Denom {
    let aliases = ALIASES.iter().find(|(base, _)| *base == a.denom).map_or(&[][..], |(_, x)| *x);
    Denom {
        chain: chain.name,
        base: a.denom,
        symbol: a.symbol,
        aliases,
        decimals: u32::from(a.decimals),
    }
}

/// Every denom of every chain, in the core's order (all with 6 decimals today, the
/// assetlists' `denom_units`).
pub static DENOMS: LazyLock<Vec<Denom>> = LazyLock::new(|| {
    CHAINS
        .iter()
        .flat_map(|c| core_chain(c.chain_id).assets.iter().map(|a| denom_of(c, a)))
        .collect()
});

/// The liquid-staking contracts, in the core's order.
pub static LIQUID_STAKING: LazyLock<Vec<LiquidStaking>> = LazyLock::new(|| {
    core_chains::STAKING_CONTRACTS
        .iter()
        .filter_map(|c| {
            Some(LiquidStaking {
                lst_symbol: c.lst.symbol,
                chain: chain_for_id(c.chain_id)?.name,
                contract: c.address,
                native_denom: c.native.denom,
                lst_denom: c.lst.denom,
            })
        })
        .collect()
});

/// Errors of the registry and the amount parser.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DenomError {
    #[error("unknown chain {0:?}: use milkyway, osmosis, celestia or moo")]
    UnknownChain(String),
    #[error("invalid amount {0:?}: write it as 10.5milkTIA or 10500000umilk")]
    BadAmount(String),
    #[error("unknown denom or symbol {denom:?} on {chain}: use a known symbol ({known}) or a base denom")]
    UnknownDenom { denom: String, chain: String, known: String },
    #[error("{0:?}: a base denom takes a whole number of base units")]
    FractionalBase(String),
    #[error("{0}")]
    Decimal(#[from] decimal::DecimalError),
    #[error("unknown liquid staking token {0:?}: use milkTIA, milkBABY or milkINIT")]
    UnknownLst(String),
    #[error("{0:?} is zero: the chain accepts positive amounts only")]
    ZeroAmount(String),
    #[error("{0} is given twice: write each denom once")]
    DuplicateDenom(String),
}

/// A chain by `--chain` name.
pub fn chain(name: &str) -> Result<Chain, DenomError> {
    CHAINS
        .iter()
        .copied()
        .find(|c| c.name == name)
        .ok_or_else(|| DenomError::UnknownChain(name.to_owned()))
}

/// The chain whose registry applies to a chain id, if any: the chain of that id, or for
/// another chain id the core knows (the `ceers-2112` testnet), the chain of its prefix.
pub fn chain_for_id(chain_id: &str) -> Option<Chain> {
    CHAINS.iter().copied().find(|c| c.chain_id == chain_id).or_else(|| {
        let hrp = core_chains::by_chain_id(&Text::Plain(chain_id))?.hrp;
        CHAINS.iter().copied().find(|c| c.hrp == hrp)
    })
}

/// A liquid-staking contract by LST symbol (case-insensitive).
pub fn liquid_staking(lst: &str) -> Result<LiquidStaking, DenomError> {
    LIQUID_STAKING
        .iter()
        .copied()
        .find(|l| l.lst_symbol.eq_ignore_ascii_case(lst))
        .ok_or_else(|| DenomError::UnknownLst(lst.to_owned()))
}

/// The denoms of a chain.
pub fn denoms(chain: &Chain) -> impl Iterator<Item = &'static Denom> + '_ {
    DENOMS.iter().filter(move |d| d.chain == chain.name)
}

/// Looks a denom up by base denom (exact) or symbol/alias (exact first, then ASCII
/// case-insensitive when that is unambiguous).
pub fn lookup(chain: &Chain, text: &str) -> Option<&'static Denom> {
    if let Some(d) = denoms(chain).find(|d| d.base == text) {
        return Some(d);
    }
    if let Some(d) = denoms(chain).find(|d| d.symbol == text || d.aliases.contains(&text)) {
        return Some(d);
    }
    let mut it = denoms(chain).filter(|d| {
        d.symbol.eq_ignore_ascii_case(text)
            || d.aliases.iter().any(|a| a.eq_ignore_ascii_case(text))
    });
    match (it.next(), it.next()) {
        (Some(d), None) => Some(d),
        _ => None,
    }
}

/// sdk.ValidateDenom (`[a-zA-Z][a-zA-Z0-9/:._-]{2,127}`), the core's check.
fn looks_like_base_denom(s: &str) -> bool {
    core_chains::is_valid_denom(&Text::Plain(s))
}

/// Parses an amount: a number immediately followed by a symbol (scaled by its decimals)
/// or by a base denom (a whole number of base units). `locked/<symbol or denom>` is the
/// liquid-vesting representation of that denom (MilkyWay only).
pub fn parse_amount(chain: &Chain, text: &str) -> Result<Coin, DenomError> {
    let text = text.trim();
    let split = text
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .ok_or_else(|| DenomError::BadAmount(text.to_owned()))?;
    let (number, denom) = text.split_at(split);
    if number.is_empty() || denom.is_empty() {
        return Err(DenomError::BadAmount(text.to_owned()));
    }
    let (locked, inner) = match denom.strip_prefix("locked/") {
        Some(rest) if chain.name == "milkyway" => (true, rest),
        Some(_) => {
            return Err(DenomError::UnknownDenom {
                denom: denom.to_owned(),
                chain: chain.display.to_owned(),
                known: "locked/ denoms exist on MilkyWay only".to_owned(),
            })
        }
        None => (false, denom),
    };
    let (amount, base) = match lookup(chain, inner) {
        Some(d) if d.base == inner => (whole(number, text)?, d.base),
        Some(d) => (decimal::scale_up(number, d.decimals)?, d.base),
        None if looks_like_base_denom(inner)
            && inner.starts_with(|c: char| c.is_ascii_lowercase()) =>
        {
            (whole(number, text)?, inner)
        }
        None => {
            let known: Vec<&str> =
                denoms(chain).map(|d| d.aliases.first().copied().unwrap_or(d.symbol)).collect();
            return Err(DenomError::UnknownDenom {
                denom: denom.to_owned(),
                chain: chain.display.to_owned(),
                known: known.join(", "),
            });
        }
    };
    if !looks_like_base_denom(base) {
        return Err(DenomError::BadAmount(text.to_owned()));
    }
    if amount.bytes().all(|b| b == b'0') {
        return Err(DenomError::ZeroAmount(text.to_owned()));
    }
    Ok(coin(amount, if locked { format!("locked/{base}") } else { base.to_owned() }))
}

fn whole(number: &str, text: &str) -> Result<String, DenomError> {
    if number.contains('.') {
        return Err(DenomError::FractionalBase(text.to_owned()));
    }
    Ok(decimal::scale_up(number, 0)?)
}

/// Parses a comma-separated list of amounts into the form the chain accepts
/// (`sdk.Coins.Validate`: sorted by denom, each denom once, every amount positive), in
/// whatever order they were written.
pub fn parse_amounts(chain: &Chain, text: &str) -> Result<Vec<Coin>, DenomError> {
    let mut coins = text
        .split(',')
        .filter(|s| !s.trim().is_empty())
        .map(|s| parse_amount(chain, s))
        .collect::<Result<Vec<Coin>, _>>()?;
    coins.sort_by(|a, b| a.denom.cmp(&b.denom));
    if let Some(w) = coins.windows(2).find(|w| w[0].denom == w[1].denom) {
        return Err(DenomError::DuplicateDenom(w[0].denom.clone()));
    }
    Ok(coins)
}

/// Formats a coin for people: `10.5 milkTIA`, `1 locked TIA`, or the exact base amount
/// and denom when unknown.
pub fn format_coin(chain: &Chain, c: &Coin) -> String {
    let (locked, inner) = match c.denom.strip_prefix("locked/") {
        Some(rest) => (true, rest),
        None => (false, c.denom.as_str()),
    };
    match denoms(chain).find(|d| d.base == inner) {
        Some(d) => match decimal::scale_down(&c.amount, d.decimals) {
            Ok(n) => format!("{n} {}{}", if locked { "locked " } else { "" }, d.symbol),
            Err(_) => format!("{} {}", c.amount, c.denom),
        },
        None => format!("{} {}", c.amount, c.denom),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts() {
        let mw = MILKYWAY;
        assert_eq!(
            parse_amount(&mw, "10.5milkTIA").unwrap(),
            coin("10500000", MILKTIA_ON_MILKYWAY)
        );
        assert_eq!(parse_amount(&mw, "10500000umilk").unwrap(), coin("10500000", "umilk"));
        assert_eq!(parse_amount(&mw, "2MILK").unwrap(), coin("2000000", "umilk"));
        assert_eq!(parse_amount(&mw, "2milk").unwrap(), coin("2000000", "umilk"));
        assert_eq!(parse_amount(&mw, "1TIA").unwrap(), coin("1000000", TIA_ON_MILKYWAY));
        assert_eq!(
            parse_amount(&mw, "1TIA.osmo").unwrap(),
            coin("1000000", TIA_VIA_OSMOSIS_ON_MILKYWAY)
        );
        assert_eq!(parse_amount(&mw, "0.000001USDC").unwrap(), coin("1", USDC_ON_MILKYWAY));
        assert_eq!(
            parse_amount(&mw, "1.5locked/TIA").unwrap(),
            coin("1500000", format!("locked/{TIA_ON_MILKYWAY}"))
        );
        assert_eq!(
            parse_amount(&mw, &format!("7locked/{TIA_ON_MILKYWAY}")).unwrap(),
            coin("7", format!("locked/{TIA_ON_MILKYWAY}"))
        );
        // Unknown but well-formed base denoms pass through as whole base units.
        assert_eq!(parse_amount(&mw, "5ibc/ABCDEF").unwrap(), coin("5", "ibc/ABCDEF"));
        assert_eq!(parse_amount(&mw, "5uatom").unwrap(), coin("5", "uatom"));
        assert!(matches!(parse_amount(&mw, "1.5umilk"), Err(DenomError::FractionalBase(_))));
        assert!(matches!(parse_amount(&mw, "1NOPE"), Err(DenomError::UnknownDenom { .. })));
        assert!(matches!(parse_amount(&mw, "0.0000001MILK"), Err(DenomError::Decimal(_))));
        for bad in ["", "umilk", "10", "1..5MILK", ".5MILK", "-1MILK"] {
            assert!(parse_amount(&mw, bad).is_err(), "{bad:?}");
        }
        // The same symbol means a different denom on another chain.
        assert_eq!(parse_amount(&OSMOSIS, "10.5TIA").unwrap(), coin("10500000", TIA_ON_OSMOSIS));
        assert_eq!(
            parse_amount(&OSMOSIS, "1milkTIA").unwrap(),
            coin("1000000", MILKTIA_ON_OSMOSIS)
        );
        assert_eq!(parse_amount(&CELESTIA, "1TIA").unwrap(), coin("1000000", "utia"));
        assert!(parse_amount(&CELESTIA, "1locked/TIA").is_err());
        // Sorted by denom whatever the order written ("ibc/…" < "umilk"), as
        // sdk.Coins.Validate requires; each denom once; positive amounts only.
        assert_eq!(
            parse_amounts(&mw, "1MILK,2milkTIA").unwrap(),
            vec![coin("2000000", MILKTIA_ON_MILKYWAY), coin("1000000", "umilk")]
        );
        assert_eq!(
            parse_amounts(&mw, "2milkTIA, 1MILK").unwrap(),
            vec![coin("2000000", MILKTIA_ON_MILKYWAY), coin("1000000", "umilk")]
        );
        assert_eq!(
            parse_amounts(&mw, "1MILK,5umilk"),
            Err(DenomError::DuplicateDenom("umilk".into()))
        );
        for zero in ["0MILK", "0.000umilk", "0umilk", "0.0000001MILK"] {
            assert!(parse_amount(&mw, zero).is_err(), "{zero:?}");
        }
        assert_eq!(parse_amount(&mw, "0MILK"), Err(DenomError::ZeroAmount("0MILK".into())));
    }

    #[test]
    fn formatting_and_lookups() {
        let mw = MILKYWAY;
        assert_eq!(format_coin(&mw, &coin("10500000", MILKTIA_ON_MILKYWAY)), "10.5 milkTIA");
        assert_eq!(
            format_coin(&mw, &coin("1", format!("locked/{TIA_ON_MILKYWAY}"))),
            "0.000001 locked TIA"
        );
        assert_eq!(format_coin(&mw, &coin("5", "uatom")), "5 uatom");
        assert_eq!(chain("osmosis").unwrap().chain_id, "osmosis-1");
        assert!(chain("cosmoshub").is_err());
        assert_eq!(chain_for_id("ceers-2112").unwrap().hrp, "milk");
        assert_eq!(liquid_staking("milktia").unwrap().contract, MILKTIA_CONTRACT);
        assert_eq!(liquid_staking("milkBABY").unwrap().chain, "milkyway");
        let milkinit = liquid_staking("milkINIT").unwrap();
        assert_eq!((milkinit.chain, milkinit.contract), ("moo", MILKINIT_CONTRACT));
        assert_eq!((milkinit.native_denom, milkinit.lst_denom), (INIT_ON_MOO, MILKINIT));
        assert!(liquid_staking("milkATOM").is_err());
        // INIT on moo-1 is the IBC hash of its trace over moo-1's channel-0 to Initia
        // (initia-registry `mainnets/moo/chain.json` ibc_channels; assetlist base denom).
        let hash = crate::crypto::sha256(b"transfer/channel-0/uinit");
        let hex: String = hash.iter().map(|b| format!("{b:02X}")).collect();
        assert_eq!(INIT_ON_MOO, format!("ibc/{hex}"));
        assert_eq!(chain("moo").unwrap().hrp, "init");
        assert_eq!(parse_amount(&MOO, "1.5INIT").unwrap(), coin("1500000", INIT_ON_MOO));
        assert_eq!(parse_amount(&MOO, "2milkINIT").unwrap(), coin("2000000", MILKINIT));
        // The registry is the device's: every denom, symbol and decimals as the core has them.
        for d in DENOMS.iter() {
            let c = core_chains::by_chain_id(&Text::Plain(chain(d.chain).unwrap().chain_id));
            let (a, locked) = core_chains::asset_on(c, &Text::Plain(d.base)).unwrap();
            assert_eq!((a.symbol, u32::from(a.decimals), locked), (d.symbol, d.decimals, false));
        }
        assert_eq!(DENOMS.len(), 15);
        assert_eq!(lookup(&MILKYWAY, "TIA.osmo").unwrap().symbol, "TIA (via Osmosis)");
        // Every LST's chain exists and its denoms are in the registry.
        for l in LIQUID_STAKING.iter() {
            let c = chain(l.chain).unwrap();
            assert!(lookup(&c, l.native_denom).is_some() && lookup(&c, l.lst_denom).is_some());
        }
    }
}
