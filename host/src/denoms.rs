//! The one registry of chains, denoms and liquid-staking contracts the host knows, and the
//! amount parser (`10.5milkTIA`, `10500000umilk`, `1.5locked/TIA`).
//!
//! Values from `shared/spec/milkyway-messages.md` §1.1-1.2 (chains, fee denoms) and §3.1
//! (contracts). The symbols match the device core's registry (`core/src/chains.rs`), so
//! what a user types here is what the device shows.

use crate::decimal;
use crate::msgs::{coin, Coin};

/// A chain the CLI signs for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Chain {
    /// The `--chain` name.
    pub name: &'static str,
    /// The default chain id.
    pub chain_id: &'static str,
    /// Other chain ids that use this registry (testnets).
    pub other_chain_ids: &'static [&'static str],
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

pub const MILKYWAY: Chain = Chain {
    name: "milkyway",
    chain_id: "milkyway",
    other_chain_ids: &["ceers-2112"],
    hrp: "milk",
    display: "MilkyWay",
    fee_denom: "umilk",
};
pub const OSMOSIS: Chain = Chain {
    name: "osmosis",
    chain_id: "osmosis-1",
    other_chain_ids: &[],
    hrp: "osmo",
    display: "Osmosis",
    fee_denom: "uosmo",
};
pub const CELESTIA: Chain = Chain {
    name: "celestia",
    chain_id: "celestia",
    other_chain_ids: &[],
    hrp: "celestia",
    display: "Celestia",
    fee_denom: "utia",
};

/// Every chain.
pub const CHAINS: &[Chain] = &[MILKYWAY, OSMOSIS, CELESTIA];

pub const MILKTIA_ON_MILKYWAY: &str = "ibc/16065EE5282C5217685C8F084FC44864C25C706AC37356B0D62811D50B96920F";
pub const TIA_ON_MILKYWAY: &str = "ibc/F1183DB3D428313A6FD329DF18219F9D6B83257D07D292EA9EC1D877E89EC2B0";
pub const TIA_VIA_OSMOSIS_ON_MILKYWAY: &str = "ibc/6C349F0EB135C5FA99301758F35B87DB88403D690E5E314AB080401FEE4066E5";
pub const STTIA_ON_MILKYWAY: &str = "ibc/8D4FC51F696E03711B9B37A5787FB89BD2DDBAF788813478B002D552A12F9157";
pub const DTIA_ON_MILKYWAY: &str = "ibc/4795C86F72EC2CB54E885A4A5B401BED9C333E008311ED9C4DE01BF546B44A21";
pub const USDC_ON_MILKYWAY: &str = "ibc/F5FABF52B54E65064B57BF6DBD8E5FAD22CEE9F4B8A57ADBB20CCD0173AA72A4";
/// BABY on MilkyWay: derived from `transfer/channel-4/ubbn` (catalog §3.1, unconfirmed).
pub const BABY_ON_MILKYWAY: &str = "ibc/B0BEE773CEF718E8B6D2892A27D57FEFB00BD8B2E698367B5CC96A4F36148726";
pub const MILKBABY: &str = "factory/milk1qg5ega6dykkxc307y25pecuufrjkxkaggkkxh7nad0vhyhtuhw3ssgcye4/umilkBBN";
pub const TIA_ON_OSMOSIS: &str = "ibc/D79E7D83AB399BFFF93433E54FAA480C191248FC556924A2A8351AE2638B3877";
pub const MILKTIA_ON_OSMOSIS: &str = "factory/osmo1f5vfcph2dvfeqcqkhetwv75fda69z7e5c2dldm3kvgj23crkv6wqcn47a0/umilkTIA";
pub const MILKTIA_CONTRACT: &str = "osmo1f5vfcph2dvfeqcqkhetwv75fda69z7e5c2dldm3kvgj23crkv6wqcn47a0";
pub const MILKBABY_CONTRACT: &str = "milk1qg5ega6dykkxc307y25pecuufrjkxkaggkkxh7nad0vhyhtuhw3ssgcye4";
/// The liquid-vesting module account (insurance-fund deposits go there over IBC).
pub const LIQUIDVESTING_MODULE: &str = "milk102lq49sg6lmw2e0mw740tjldzq68v0yfgtazz5";

const fn d(chain: &'static str, base: &'static str, symbol: &'static str, aliases: &'static [&'static str]) -> Denom {
    Denom { chain, base, symbol, aliases, decimals: 6 }
}

/// Every denom, all with 6 decimals (assetlists' `denom_units`).
pub const DENOMS: &[Denom] = &[
    d("milkyway", "umilk", "MILK", &[]),
    d("milkyway", MILKTIA_ON_MILKYWAY, "milkTIA", &[]),
    d("milkyway", TIA_ON_MILKYWAY, "TIA", &[]),
    d("milkyway", TIA_VIA_OSMOSIS_ON_MILKYWAY, "TIA (via Osmosis)", &["TIA.osmo"]),
    d("milkyway", STTIA_ON_MILKYWAY, "stTIA", &[]),
    d("milkyway", DTIA_ON_MILKYWAY, "dTIA", &[]),
    d("milkyway", USDC_ON_MILKYWAY, "USDC", &[]),
    d("milkyway", BABY_ON_MILKYWAY, "BABY", &[]),
    d("milkyway", MILKBABY, "milkBABY", &[]),
    d("osmosis", "uosmo", "OSMO", &[]),
    d("osmosis", TIA_ON_OSMOSIS, "TIA", &[]),
    d("osmosis", MILKTIA_ON_OSMOSIS, "milkTIA", &[]),
    d("celestia", "utia", "TIA", &[]),
];

/// The liquid-staking contracts.
pub const LIQUID_STAKING: &[LiquidStaking] = &[
    LiquidStaking {
        lst_symbol: "milkTIA",
        chain: "osmosis",
        contract: MILKTIA_CONTRACT,
        native_denom: TIA_ON_OSMOSIS,
        lst_denom: MILKTIA_ON_OSMOSIS,
    },
    LiquidStaking {
        lst_symbol: "milkBABY",
        chain: "milkyway",
        contract: MILKBABY_CONTRACT,
        native_denom: BABY_ON_MILKYWAY,
        lst_denom: MILKBABY,
    },
];

/// Errors of the registry and the amount parser.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DenomError {
    #[error("unknown chain {0:?}: use milkyway, osmosis or celestia")]
    UnknownChain(String),
    #[error("invalid amount {0:?}: write it as 10.5milkTIA or 10500000umilk")]
    BadAmount(String),
    #[error("unknown denom or symbol {denom:?} on {chain}: use a known symbol ({known}) or a base denom")]
    UnknownDenom { denom: String, chain: String, known: String },
    #[error("{0:?}: a base denom takes a whole number of base units")]
    FractionalBase(String),
    #[error("{0}")]
    Decimal(#[from] decimal::DecimalError),
    #[error("unknown liquid staking token {0:?}: use milkTIA or milkBABY")]
    UnknownLst(String),
}

/// A chain by `--chain` name.
pub fn chain(name: &str) -> Result<Chain, DenomError> {
    CHAINS.iter().copied().find(|c| c.name == name).ok_or_else(|| DenomError::UnknownChain(name.to_owned()))
}

/// The chain whose registry applies to a chain id, if any.
pub fn chain_for_id(chain_id: &str) -> Option<Chain> {
    CHAINS.iter().copied().find(|c| c.chain_id == chain_id || c.other_chain_ids.contains(&chain_id))
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
    let mut it = denoms(chain)
        .filter(|d| d.symbol.eq_ignore_ascii_case(text) || d.aliases.iter().any(|a| a.eq_ignore_ascii_case(text)));
    match (it.next(), it.next()) {
        (Some(d), None) => Some(d),
        _ => None,
    }
}

fn looks_like_base_denom(s: &str) -> bool {
    // sdk.ValidateDenom: [a-zA-Z][a-zA-Z0-9/:._-]{2,127}
    let b = s.as_bytes();
    (3..=128).contains(&b.len())
        && b[0].is_ascii_alphabetic()
        && b.iter().all(|c| c.is_ascii_alphanumeric() || b"/:._-".contains(c))
}

/// Parses an amount: a number immediately followed by a symbol (scaled by its decimals)
/// or by a base denom (a whole number of base units). `locked/<symbol or denom>` is the
/// liquid-vesting representation of that denom (MilkyWay only).
pub fn parse_amount(chain: &Chain, text: &str) -> Result<Coin, DenomError> {
    let text = text.trim();
    let split = text.find(|c: char| !(c.is_ascii_digit() || c == '.')).ok_or_else(|| DenomError::BadAmount(text.to_owned()))?;
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
        None if looks_like_base_denom(inner) && inner.starts_with(|c: char| c.is_ascii_lowercase()) => {
            (whole(number, text)?, inner)
        }
        None => {
            let known: Vec<&str> = denoms(chain).map(|d| d.aliases.first().copied().unwrap_or(d.symbol)).collect();
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
    Ok(coin(amount, if locked { format!("locked/{base}") } else { base.to_owned() }))
}

fn whole(number: &str, text: &str) -> Result<String, DenomError> {
    if number.contains('.') {
        return Err(DenomError::FractionalBase(text.to_owned()));
    }
    Ok(decimal::scale_up(number, 0)?)
}

/// Parses a comma-separated list of amounts.
pub fn parse_amounts(chain: &Chain, text: &str) -> Result<Vec<Coin>, DenomError> {
    text.split(',').filter(|s| !s.trim().is_empty()).map(|s| parse_amount(chain, s)).collect()
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
        assert_eq!(parse_amount(&mw, "10.5milkTIA").unwrap(), coin("10500000", MILKTIA_ON_MILKYWAY));
        assert_eq!(parse_amount(&mw, "10500000umilk").unwrap(), coin("10500000", "umilk"));
        assert_eq!(parse_amount(&mw, "2MILK").unwrap(), coin("2000000", "umilk"));
        assert_eq!(parse_amount(&mw, "2milk").unwrap(), coin("2000000", "umilk"));
        assert_eq!(parse_amount(&mw, "1TIA").unwrap(), coin("1000000", TIA_ON_MILKYWAY));
        assert_eq!(parse_amount(&mw, "1TIA.osmo").unwrap(), coin("1000000", TIA_VIA_OSMOSIS_ON_MILKYWAY));
        assert_eq!(parse_amount(&mw, "0.000001USDC").unwrap(), coin("1", USDC_ON_MILKYWAY));
        assert_eq!(parse_amount(&mw, "1.5locked/TIA").unwrap(), coin("1500000", format!("locked/{TIA_ON_MILKYWAY}")));
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
        assert_eq!(parse_amount(&OSMOSIS, "1milkTIA").unwrap(), coin("1000000", MILKTIA_ON_OSMOSIS));
        assert_eq!(parse_amount(&CELESTIA, "1TIA").unwrap(), coin("1000000", "utia"));
        assert!(parse_amount(&CELESTIA, "1locked/TIA").is_err());
        assert_eq!(
            parse_amounts(&mw, "1MILK,2milkTIA").unwrap(),
            vec![coin("1000000", "umilk"), coin("2000000", MILKTIA_ON_MILKYWAY)]
        );
    }

    #[test]
    fn formatting_and_lookups() {
        let mw = MILKYWAY;
        assert_eq!(format_coin(&mw, &coin("10500000", MILKTIA_ON_MILKYWAY)), "10.5 milkTIA");
        assert_eq!(format_coin(&mw, &coin("1", format!("locked/{TIA_ON_MILKYWAY}"))), "0.000001 locked TIA");
        assert_eq!(format_coin(&mw, &coin("5", "uatom")), "5 uatom");
        assert_eq!(chain("osmosis").unwrap().chain_id, "osmosis-1");
        assert!(chain("cosmoshub").is_err());
        assert_eq!(chain_for_id("ceers-2112").unwrap().hrp, "milk");
        assert_eq!(liquid_staking("milktia").unwrap().contract, MILKTIA_CONTRACT);
        assert_eq!(liquid_staking("milkBABY").unwrap().chain, "milkyway");
        assert!(liquid_staking("milkINIT").is_err());
        // Every LST's chain exists and its denoms are in the registry.
        for l in LIQUID_STAKING {
            let c = chain(l.chain).unwrap();
            assert!(lookup(&c, l.native_denom).is_some() && lookup(&c, l.lst_denom).is_some());
        }
    }
}
