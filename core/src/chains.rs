//! The chains a MilkyWay user signs for, their address prefixes, assets and the
//! MilkyWay liquid-staking contracts deployed on them.

use crate::text::Text;

/// An asset the device knows how to show with its symbol and decimals.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Asset {
    pub denom: &'static str,
    pub symbol: &'static str,
    pub decimals: u8,
}

const fn asset(denom: &'static str, symbol: &'static str) -> Asset {
    Asset { denom, symbol, decimals: 6 }
}

/// A MilkyWay liquid-staking contract (milkTIA, milkBABY): the native token it accepts
/// and the liquid-staking token (LST) it mints.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StakingContract {
    pub address: &'static str,
    pub chain_id: &'static str,
    pub native: Asset,
    pub lst: Asset,
}

#[derive(Debug, PartialEq, Eq)]
pub struct Chain {
    pub chain_id: &'static str,
    pub name: &'static str,
    pub hrp: &'static str,
    pub assets: &'static [Asset],
}

// IBC hashes over the traces listed in shared/spec/milkyway-messages.md §1.2 and §3.1.
const MILKTIA_ON_MILKYWAY: &str =
    "ibc/16065EE5282C5217685C8F084FC44864C25C706AC37356B0D62811D50B96920F";
const TIA_VIA_OSMOSIS_ON_MILKYWAY: &str =
    "ibc/6C349F0EB135C5FA99301758F35B87DB88403D690E5E314AB080401FEE4066E5";
const STTIA_ON_MILKYWAY: &str =
    "ibc/8D4FC51F696E03711B9B37A5787FB89BD2DDBAF788813478B002D552A12F9157";
const TIA_ON_MILKYWAY: &str =
    "ibc/F1183DB3D428313A6FD329DF18219F9D6B83257D07D292EA9EC1D877E89EC2B0";
const DTIA_ON_MILKYWAY: &str =
    "ibc/4795C86F72EC2CB54E885A4A5B401BED9C333E008311ED9C4DE01BF546B44A21";
const USDC_ON_MILKYWAY: &str =
    "ibc/F5FABF52B54E65064B57BF6DBD8E5FAD22CEE9F4B8A57ADBB20CCD0173AA72A4";
const BABY_ON_MILKYWAY: &str =
    "ibc/B0BEE773CEF718E8B6D2892A27D57FEFB00BD8B2E698367B5CC96A4F36148726";
const MILKBABY: &str =
    "factory/milk1qg5ega6dykkxc307y25pecuufrjkxkaggkkxh7nad0vhyhtuhw3ssgcye4/umilkBBN";
const TIA_ON_OSMOSIS: &str = "ibc/D79E7D83AB399BFFF93433E54FAA480C191248FC556924A2A8351AE2638B3877";
const MILKTIA_ON_OSMOSIS: &str =
    "factory/osmo1f5vfcph2dvfeqcqkhetwv75fda69z7e5c2dldm3kvgj23crkv6wqcn47a0/umilkTIA";
// MilkyWay's Initia rollup `moo-1` (initia-labs/initia-registry `mainnets/moo/`
// chain.json and assetlist.json): INIT arrives over `transfer/channel-0/uinit` (the hash
// checked in the host's `denoms` tests), milkINIT is the staking contract's tokenfactory denom (§3.1).
const INIT_ON_MOO: &str = "ibc/37A3FB4FED4CA04ED6D9E5DA36C6D27248645F0E22F585576A1488B8A89C5A50";
const MILKINIT_CONTRACT: &str = "init17p9rzwnnfxcjp32un9ug7yhhzgtkhvl9jfksztgw5uh69wac2pgsj6uxxj";
const MILKINIT: &str =
    "factory/init17p9rzwnnfxcjp32un9ug7yhhzgtkhvl9jfksztgw5uh69wac2pgsj6uxxj/umilkINIT";

const MILKYWAY_ASSETS: &[Asset] = &[
    asset("umilk", "MILK"),
    asset(MILKTIA_ON_MILKYWAY, "milkTIA"),
    asset(TIA_ON_MILKYWAY, "TIA"),
    asset(TIA_VIA_OSMOSIS_ON_MILKYWAY, "TIA (via Osmosis)"),
    asset(STTIA_ON_MILKYWAY, "stTIA"),
    asset(DTIA_ON_MILKYWAY, "dTIA"),
    asset(USDC_ON_MILKYWAY, "USDC"),
    asset(BABY_ON_MILKYWAY, "BABY"),
    asset(MILKBABY, "milkBABY"),
];

pub static CHAINS: &[Chain] = &[
    Chain { chain_id: "milkyway", name: "MilkyWay", hrp: "milk", assets: MILKYWAY_ASSETS },
    Chain {
        chain_id: "ceers-2112",
        name: "MilkyWay testnet",
        hrp: "milk",
        assets: &[asset("umilk", "MILK")],
    },
    Chain {
        chain_id: "osmosis-1",
        name: "Osmosis",
        hrp: "osmo",
        assets: &[
            asset("uosmo", "OSMO"),
            asset(TIA_ON_OSMOSIS, "TIA"),
            asset(MILKTIA_ON_OSMOSIS, "milkTIA"),
        ],
    },
    Chain {
        chain_id: "celestia",
        name: "Celestia",
        hrp: "celestia",
        assets: &[asset("utia", "TIA")],
    },
    // A MiniWasm rollup: addresses `init1…` from either key (`apdu::KeyKind`).
    Chain {
        chain_id: "moo-1",
        name: "MilkyWay on Initia",
        hrp: "init",
        assets: &[asset(INIT_ON_MOO, "INIT"), asset(MILKINIT, "milkINIT")],
    },
];

pub static STAKING_CONTRACTS: &[StakingContract] = &[
    StakingContract {
        address: "osmo1f5vfcph2dvfeqcqkhetwv75fda69z7e5c2dldm3kvgj23crkv6wqcn47a0",
        chain_id: "osmosis-1",
        native: asset(TIA_ON_OSMOSIS, "TIA"),
        lst: asset(MILKTIA_ON_OSMOSIS, "milkTIA"),
    },
    StakingContract {
        address: "milk1qg5ega6dykkxc307y25pecuufrjkxkaggkkxh7nad0vhyhtuhw3ssgcye4",
        chain_id: "milkyway",
        native: asset(BABY_ON_MILKYWAY, "BABY"),
        lst: asset(MILKBABY, "milkBABY"),
    },
    StakingContract {
        address: MILKINIT_CONTRACT,
        chain_id: "moo-1",
        native: asset(INIT_ON_MOO, "INIT"),
        lst: asset(MILKINIT, "milkINIT"),
    },
];

/// A Hyperlane warp route's token on a chain: the id the warp module gave it
/// (`hyperlane.warp.v1` `token_id`, a `HexAddress`) and the asset it moves.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WarpToken {
    pub chain_id: &'static str,
    pub token_id: &'static str,
    pub asset: Asset,
}

/// MilkyWay's warp routes (hyperlane-xyz/hyperlane-registry
/// `deployments/warp_routes/MILK/bsc-milkyway-config.yaml` @ b34b59e: MILK, collateral
/// on MilkyWay, synthetic on BSC). A token id is recognised on its own chain only.
pub static WARP_TOKENS: &[WarpToken] = &[WarpToken {
    chain_id: "milkyway",
    token_id: "0x726f757465725f61707000000000000000000000000000010000000000000000",
    asset: asset("umilk", "MILK"),
}];

/// The Hyperlane domains MilkyWay's warp routes go to, by name (hyperlane-registry
/// `chains/bsc/metadata.yaml`: `domainId` 56, `displayName`). Any other domain is shown
/// as "domain N".
pub static HYPERLANE_DOMAINS: &[(u32, &str)] = &[(56, "Binance Smart Chain")];

/// The warp token `token_id` on the chain with id `chain_id`.
pub fn warp_token(chain_id: &Text<'_>, token_id: &Text<'_>) -> Option<&'static WarpToken> {
    WARP_TOKENS.iter().find(|t| chain_id.eq_str(t.chain_id) && token_id.eq_str(t.token_id))
}

/// The name of a Hyperlane domain MilkyWay's routes serve.
pub fn hyperlane_domain(domain: u64) -> Option<&'static str> {
    HYPERLANE_DOMAINS.iter().find(|(d, _)| u64::from(*d) == domain).map(|(_, n)| *n)
}

/// The liquid-vesting module account on MilkyWay: IBC transfers to it with a
/// `{"liquidvesting":…}` memo deposit into the insurance fund.
pub const LIQUIDVESTING_MODULE: &str = "milk102lq49sg6lmw2e0mw740tjldzq68v0yfgtazz5";

/// The chain's staking token (MILK, OSMO, TIA): every chain lists it first.
pub fn staking_asset(chain: Option<&'static Chain>) -> Option<&'static Asset> {
    chain?.assets.first()
}

pub fn by_chain_id(chain_id: &Text<'_>) -> Option<&'static Chain> {
    CHAINS.iter().find(|c| chain_id.eq_str(c.chain_id))
}

/// The chains an address prefix is allowed to sign for outside expert mode.
pub fn is_known_hrp(hrp: &str) -> bool {
    CHAINS.iter().any(|c| c.hrp == hrp)
}

pub fn hrp_matches_chain(hrp: &str, chain_id: &Text<'_>) -> bool {
    by_chain_id(chain_id).is_some_and(|c| c.hrp == hrp)
}

/// The name shown for an address prefix on the address screen.
pub fn name_for_hrp(hrp: &str) -> Option<&'static str> {
    CHAINS.iter().find(|c| c.hrp == hrp).map(|c| c.name)
}

/// The staking contract at `address` on the chain with id `chain_id`.
///
/// A contract is recognised only on its own chain: the same address on another chain (a
/// testnet, or a transaction for MilkyWay naming the Osmosis milkTIA contract) is some
/// other contract, or none, and gets the generic view under the warning title.
pub fn staking_contract(
    chain_id: &Text<'_>,
    address: &Text<'_>,
) -> Option<&'static StakingContract> {
    STAKING_CONTRACTS.iter().find(|c| chain_id.eq_str(c.chain_id) && address.eq_str(c.address))
}

/// The staking contract at `address` on whichever chain it is deployed: for the
/// `{"wasm":…}` memo of an IBC transfer, which calls a contract on the chain the
/// transfer goes to, not on the chain that signs it. (The device cannot tell which chain
/// a channel leads to; the screens name the contract's chain.)
pub fn staking_contract_anywhere(address: &Text<'_>) -> Option<&'static StakingContract> {
    STAKING_CONTRACTS.iter().find(|c| address.eq_str(c.address))
}

/// The asset of `denom` on `chain`, including `locked/<denom>` liquid-vesting
/// representations on MilkyWay (returned as the underlying asset, `locked` true).
pub fn asset_on(chain: Option<&'static Chain>, denom: &Text<'_>) -> Option<(Asset, bool)> {
    let chain = chain?;
    if let Some(a) = chain.assets.iter().find(|a| denom.eq_str(a.denom)) {
        return Some((*a, false));
    }
    if chain.hrp == "milk" && denom.starts_with("locked/") {
        let skip = "locked/".len();
        return chain
            .assets
            .iter()
            .find(|a| a.denom.chars().eq(denom.chars().skip(skip)))
            .map(|a| (*a, true));
    }
    None
}

/// Cosmos SDK denom rule: `[a-zA-Z][a-zA-Z0-9/:._-]{2,127}`.
pub fn is_valid_denom(denom: &Text<'_>) -> bool {
    let mut n = 0usize;
    for (i, c) in denom.chars().enumerate() {
        let ok = if i == 0 {
            c.is_ascii_alphabetic()
        } else {
            c.is_ascii_alphanumeric() || matches!(c, '/' | ':' | '.' | '_' | '-')
        };
        if !ok {
            return false;
        }
        n = i.saturating_add(1);
    }
    (3..=128).contains(&n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lookups() {
        let mw = by_chain_id(&Text::Plain("milkyway"));
        assert_eq!(mw.map(|c| c.hrp), Some("milk"));
        assert!(by_chain_id(&Text::Plain("cosmoshub-4")).is_none());
        assert_eq!(asset_on(mw, &Text::Plain("umilk")), Some((asset("umilk", "MILK"), false)));
        let locked = "locked/ibc/F1183DB3D428313A6FD329DF18219F9D6B83257D07D292EA9EC1D877E89EC2B0";
        assert_eq!(
            asset_on(mw, &Text::Plain(locked)).map(|(a, l)| (a.symbol, l)),
            Some(("TIA", true))
        );
        assert_eq!(asset_on(mw, &Text::Plain("locked/umilkx")), None);
        assert_eq!(asset_on(None, &Text::Plain("umilk")), None);
        assert!(hrp_matches_chain("osmo", &Text::Plain("osmosis-1")));
        assert!(!hrp_matches_chain("milk", &Text::Plain("osmosis-1")));
        assert!(is_known_hrp("celestia") && !is_known_hrp("cosmos"));
        let moo = by_chain_id(&Text::Plain("moo-1"));
        assert_eq!(moo.map(|c| (c.hrp, c.name)), Some(("init", "MilkyWay on Initia")));
        assert_eq!(asset_on(moo, &Text::Plain(INIT_ON_MOO)).map(|(a, _)| a.symbol), Some("INIT"));
        assert_eq!(asset_on(moo, &Text::Plain(MILKINIT)).map(|(a, _)| a.symbol), Some("milkINIT"));
        // No liquid-vesting `locked/` denoms off MilkyWay.
        assert_eq!(asset_on(moo, &Text::Plain("locked/umilkINIT")), None);
    }

    #[test]
    fn staking_contracts_only_on_their_chain() {
        let milktia =
            Text::Plain("osmo1f5vfcph2dvfeqcqkhetwv75fda69z7e5c2dldm3kvgj23crkv6wqcn47a0");
        let milkbaby =
            Text::Plain("milk1qg5ega6dykkxc307y25pecuufrjkxkaggkkxh7nad0vhyhtuhw3ssgcye4");
        let on = |chain: &str, address: &Text<'_>| {
            staking_contract(&Text::Plain(chain), address).map(|c| c.lst.symbol)
        };
        assert_eq!(on("osmosis-1", &milktia), Some("milkTIA"));
        assert_eq!(on("milkyway", &milkbaby), Some("milkBABY"));
        for chain in ["milkyway", "ceers-2112", "celestia", "osmo-test-5", ""] {
            assert_eq!(on(chain, &milktia), None, "{chain}");
        }
        for chain in ["osmosis-1", "ceers-2112", "celestia", "milkyway-1", "moo-1", ""] {
            assert_eq!(on(chain, &milkbaby), None, "{chain}");
        }
        let milkinit = Text::Plain(MILKINIT_CONTRACT);
        assert_eq!(on("moo-1", &milkinit), Some("milkINIT"));
        for chain in ["milkyway", "osmosis-1", "interwoven-1", "moo-2", "initiation-2", ""] {
            assert_eq!(on(chain, &milkinit), None, "{chain}");
        }
        assert_eq!(staking_contract_anywhere(&milktia).map(|c| c.chain_id), Some("osmosis-1"));
        assert_eq!(staking_contract_anywhere(&Text::Plain("osmo1unknown")), None);
    }

    #[test]
    fn denoms() {
        for ok in ["umilk", "ibc/ABC", "factory/osmo1x/umilkTIA", "a.b:c_d-e"] {
            assert!(is_valid_denom(&Text::Plain(ok)), "{ok}");
        }
        for bad in ["", "u1", "1abc", "um ilk", "umilk\u{430}", "ab\n"] {
            assert!(!is_valid_denom(&Text::Plain(bad)), "{bad}");
        }
    }
}
