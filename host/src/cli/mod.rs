//! The `milkyway-ledger` command line: build a MilkyWay transaction, sign it on a Ledger
//! (or in Speculos), verify the signature, print the signed `TxRaw` in base64.
//!
//! stdout carries only the result (base64 `TxRaw`, or the address); everything meant for
//! people goes to stderr.

pub mod build;

use std::path::PathBuf;
use std::time::{SystemTime, UNIX_EPOCH};

use base64::Engine as _;
use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::amino_json::{Json, ObjectBuilder};
use crate::client::{AddressInfo, Device, DeviceError, HdPath, KeyKind, UserAction};
use crate::denoms::{self, Chain};
use crate::msgs::Msg;
use crate::node::{Node, NodeError};
use crate::preview;
use crate::transport::{AnyTransport, DeviceSpec};
use crate::tx::{SignMode, Signed, Tx, TxBuilder};
use crate::{EXIT_DEVICE, EXIT_FAILURE, EXIT_OK, EXIT_REFUSED, EXIT_USAGE};

use build::{GovVersion, IbcOpts, LiquidStakeOpts, VoteChoice};

const EXIT_CODES: &str = "\
Exit codes:
  0  done (signed and verified, or address shown)
  1  unexpected failure (for example the --output file cannot be written)
  2  invalid arguments or input (bad amount, unknown denom, bad address, bad file)
  3  device or transport unavailable (not connected, locked, MilkyWay app not open)
  4  rejected on the device
  5  refused by the device (the device's reason is printed); for `preview` and
     --preview: the device would refuse it (its reason is printed)
  6  verification failed (signature or address does not match the device's key)
With --node (a Cosmos SDK node's REST API):
  7  the node cannot be reached, or does not answer as a Cosmos SDK node
  8  the signer's account does not exist on the chain (send it funds first)
  9  insufficient fee (code 13): raise --fee
 10  wrong account sequence (code 32)
 11  the node rejected the transaction (simulation or broadcast; its log is printed)
 12  the transaction was included but failed (its log is printed)
 13  broadcast, but not included within --broadcast-timeout";

/// Sign MilkyWay transactions with a Ledger.
#[derive(Parser, Debug)]
#[command(
    name = "milkyway-ledger",
    version,
    about = "Build MilkyWay transactions, sign them on a Ledger (or Speculos) and print them ready to broadcast",
    long_about = "Build MilkyWay transactions, sign them with the MilkyWay app on a Ledger (or in Speculos), \
verify the signature and print the signed TxRaw in base64 on stdout, ready for \
`milkywayd tx broadcast` or the REST /cosmos/tx/v1beta1/txs endpoint. Human messages go to stderr.",
    after_help = EXIT_CODES
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

/// Which device and key.
#[derive(Args, Clone, Debug)]
pub struct DeviceArgs {
    /// The device: hid (a Ledger on USB), speculos (127.0.0.1:9999) or speculos:HOST:PORT.
    #[arg(long, default_value = "hid", value_parser = |s: &str| s.parse::<DeviceSpec>())]
    pub device: DeviceSpec,
    /// Account number in the path m/44'/COIN'/ACCOUNT'/0/INDEX (above 100 needs expert mode).
    #[arg(long, default_value_t = 0)]
    pub account: u32,
    /// Address index in the path m/44'/COIN'/ACCOUNT'/0/INDEX (above 100 needs expert mode).
    #[arg(long, default_value_t = 0)]
    pub index: u32,
    /// The key: `cosmos` (m/44'/118'/…, every chain) or `eth`, Initia's Ethereum-style
    /// key (m/44'/60'/…, ethsecp256k1: the address Initia's own wallets show), for
    /// `--chain moo` (init addresses) only.
    #[arg(long, value_enum, default_value_t = KeyArg::Cosmos)]
    pub key: KeyArg,
    /// Bytes per APDU when sending the transaction (1 to 255).
    #[arg(long, default_value_t = 250, value_parser = clap::value_parser!(u16).range(1..=255))]
    pub chunk_size: u16,
}

/// `--key`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum KeyArg {
    /// The Cosmos key (m/44'/118'/…).
    Cosmos,
    /// Initia's Ethereum-style key (m/44'/60'/…), for init addresses.
    Eth,
}

impl DeviceArgs {
    fn path(&self) -> HdPath {
        match self.key {
            KeyArg::Cosmos => HdPath::new(self.account, self.index),
            KeyArg::Eth => HdPath::eth(self.account, self.index),
        }
    }

    /// The key's path for `chain`: `--key eth` goes with the `init` prefix only (as on
    /// the device).
    fn path_for(&self, chain: &Chain) -> Result<HdPath, CliError> {
        let path = self.path();
        if path.kind == KeyKind::Eth && chain.hrp != milkyway_core::apdu::ETH_KEY_HRP {
            return Err(CliError::usage(format!(
                "--key eth (Initia's Ethereum-style key) is for init addresses (--chain moo), not {}",
                chain.display
            )));
        }
        Ok(path)
    }
}

/// The device model a preview shows the review of (its memory decides whether the
/// review is held or streamed).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub enum ModelArg {
    /// Nano S+ (the default).
    #[default]
    #[value(alias = "nanosplus")]
    Nanosp,
    /// Nano X: the least RAM, so long reviews stream soonest.
    Nanox,
    Stax,
    Flex,
    #[value(name = "apex_p")]
    ApexP,
}

impl From<ModelArg> for preview::Model {
    fn from(m: ModelArg) -> preview::Model {
        match m {
            ModelArg::Nanosp => preview::Model::NanoSPlus,
            ModelArg::Nanox => preview::Model::NanoX,
            ModelArg::Stax => preview::Model::Stax,
            ModelArg::Flex => preview::Model::Flex,
            ModelArg::ApexP => preview::Model::ApexP,
        }
    }
}

/// Sign mode.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ModeArg {
    /// SIGN_MODE_DIRECT (protobuf SignDoc).
    Direct,
    /// SIGN_MODE_LEGACY_AMINO_JSON (canonical amino JSON).
    Amino,
    /// SIGN_MODE_TEXTUAL (the screens the chain renders, in CBOR; ADR-050).
    Textual,
}

impl From<ModeArg> for SignMode {
    fn from(m: ModeArg) -> SignMode {
        match m {
            ModeArg::Direct => SignMode::Direct,
            ModeArg::Amino => SignMode::AminoJson,
            ModeArg::Textual => SignMode::Textual,
        }
    }
}

/// Options every transaction command takes.
#[derive(Args, Clone, Debug)]
pub struct TxArgs {
    #[command(flatten)]
    pub device: DeviceArgs,
    /// Sign mode (also --sign-mode).
    #[arg(long, visible_alias = "sign-mode", value_enum, default_value_t = ModeArg::Direct)]
    pub mode: ModeArg,
    /// With --mode textual: bank denom metadata (JSON: one Metadata, an array, or a
    /// node's denoms_metadata answer) for coins the registry has no entry for, or whose
    /// chain entry differs (may be repeated).
    #[arg(long)]
    pub denom_metadata: Vec<PathBuf>,
    /// Chain: milkyway, osmosis or celestia (sets the address prefix, denoms and chain id).
    #[arg(long)]
    pub chain: Option<String>,
    /// Chain id, when it is not the chain's mainnet one (e.g. ceers-2112).
    #[arg(long)]
    pub chain_id: Option<String>,
    /// The signer's account number (read from --node when left out; optional with
    /// --preview, default 0).
    #[arg(long, required_unless_present_any = ["preview", "node"])]
    pub account_number: Option<u64>,
    /// The signer's sequence (read from --node when left out; optional with --preview,
    /// default 0).
    #[arg(long, required_unless_present_any = ["preview", "node"])]
    pub sequence: Option<u64>,
    /// Fee, e.g. 5000umilk or 0.005MILK (several separated by commas).
    #[arg(long)]
    pub fee: Option<String>,
    /// Gas limit, or `auto`: simulate the transaction on --node and use the gas it used
    /// times --gas-adjustment.
    #[arg(long, default_value = "200000", value_parser = parse_gas)]
    pub gas: Gas,
    /// With --gas auto: the factor applied to the simulated gas.
    #[arg(long, default_value_t = 1.3, value_parser = parse_adjustment)]
    pub gas_adjustment: f64,
    /// Memo.
    #[arg(long, default_value = "")]
    pub memo: String,
    /// Block height after which the transaction is invalid (0 = none).
    #[arg(long, default_value_t = 0)]
    pub timeout_height: u64,
    /// Fee payer address (must also sign; rarely needed).
    #[arg(long)]
    pub fee_payer: Option<String>,
    /// Fee granter address (a feegrant pays the fee).
    #[arg(long)]
    pub fee_granter: Option<String>,
    /// Also write the signed transaction and its details as JSON to this file.
    #[arg(long)]
    pub output: Option<PathBuf>,
    #[command(flatten)]
    pub node: NodeArgs,
    #[command(flatten)]
    pub preview: PreviewArgs,
}

/// `sign FILE --node URL --broadcast`.
#[derive(Args, Clone, Debug, Default)]
pub struct SignNodeArgs {
    /// A Cosmos SDK node's REST API to broadcast to (with --broadcast).
    #[arg(long, requires = "broadcast")]
    pub node: Option<String>,
    /// Broadcast the signed transaction to --node and wait until it is in a block.
    #[arg(long, requires = "node")]
    pub broadcast: bool,
    /// With --broadcast: how long to wait for the transaction to be in a block, in seconds.
    #[arg(long, default_value_t = 60, requires = "broadcast")]
    pub broadcast_timeout: u64,
}

/// A gas limit, or `auto` (simulated on the node).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Gas {
    Limit(u64),
    Auto,
}

fn parse_gas(s: &str) -> Result<Gas, String> {
    if s == "auto" {
        return Ok(Gas::Auto);
    }
    s.parse().map(Gas::Limit).map_err(|_| format!("{s:?} is not a gas limit or `auto`"))
}

fn parse_adjustment(s: &str) -> Result<f64, String> {
    match s.parse::<f64>() {
        Ok(f) if f.is_finite() && (1.0..=10.0).contains(&f) => Ok(f),
        _ => Err(format!("{s:?}: use a factor between 1 and 10, e.g. 1.3")),
    }
}

/// `--node`, `--broadcast`: the chain's REST API.
#[derive(Args, Clone, Debug, Default)]
pub struct NodeArgs {
    /// A Cosmos SDK node's REST API (e.g. http://127.0.0.1:1317): the account number and
    /// sequence are read from it when not given, `--gas auto` simulates on it.
    #[arg(long, required_if_eq("gas", "auto"))]
    pub node: Option<String>,
    /// Broadcast the signed transaction to --node (BROADCAST_MODE_SYNC) and wait until it
    /// is in a block; prints its hash, height and result code.
    #[arg(long, requires = "node", conflicts_with = "preview")]
    pub broadcast: bool,
    /// With --broadcast: how long to wait for the transaction to be in a block, in seconds.
    #[arg(long, default_value_t = 60, requires = "broadcast")]
    pub broadcast_timeout: u64,
}

/// `--preview`: print the device's screens instead of signing.
#[derive(Args, Clone, Debug, Default)]
pub struct PreviewArgs {
    /// Do not sign: print every screen the device will show for this transaction,
    /// numbered, without a device (the same rendering the device runs).
    #[arg(long)]
    pub preview: bool,
    /// With --preview: the screens of the device's expert mode (account number, sequence,
    /// gas, timeout height).
    #[arg(long, requires = "preview")]
    pub expert: bool,
    /// With --preview: the signer's address (default: a placeholder of the chain; the
    /// device hides its own address, so the screens are the same).
    #[arg(long, requires = "preview")]
    pub address: Option<String>,
    /// With --preview --mode textual: the signer's compressed secp256k1 public key (66
    /// hex digits or base64). A textual document shows the key and the hash of the auth
    /// info that holds it; without this a placeholder key is used, and those two screens
    /// differ from the device's.
    #[arg(long, requires = "preview")]
    pub public_key: Option<String>,
    /// With --preview: the device model whose review to print (its memory decides when a
    /// long review is streamed); --device names the device to sign with, so this is
    /// --model here.
    #[arg(long, requires = "preview", value_enum, default_value_t = ModelArg::Nanosp)]
    pub model: ModelArg,
    /// With --preview: the device's Blind signing setting is on (a message it cannot
    /// read is signed blind, its hash shown, instead of refused).
    #[arg(long, requires = "preview")]
    pub blind_signing: bool,
}

/// `--public-key`: 33 bytes in hex or base64.
fn parse_public_key(text: &str) -> Result<[u8; 33], CliError> {
    let bytes = if text.len() == 66 && text.bytes().all(|b| b.is_ascii_hexdigit()) {
        (0..66)
            .step_by(2)
            .map(|i| u8::from_str_radix(&text[i..i + 2], 16))
            .collect::<Result<Vec<u8>, _>>()
            .ok()
    } else {
        base64::engine::general_purpose::STANDARD.decode(text).ok()
    };
    let key: [u8; 33] = bytes.and_then(|b| b.try_into().ok()).ok_or_else(|| {
        CliError::usage(format!("--public-key {text:?}: 33 bytes in hex or base64"))
    })?;
    crate::crypto::check_public_key(&key)
        .map_err(|e| CliError::usage(format!("--public-key: {e}")))?;
    Ok(key)
}

/// Restake/unrestake targets.
#[derive(Subcommand, Debug)]
pub enum RestakeTarget {
    /// A pool: the pool of the amount's denom.
    #[command(
        after_help = "Example:\n  milkyway-ledger restake pool 10.5milkTIA --account-number 12 --sequence 3 --fee 5000umilk"
    )]
    Pool {
        /// One amount, e.g. 10.5milkTIA or 10500000umilk.
        amount: String,
        #[command(flatten)]
        tx: TxArgs,
    },
    /// An operator, by id.
    #[command(
        after_help = "Example:\n  milkyway-ledger restake operator 12 10.5milkTIA,2MILK --account-number 12 --sequence 3"
    )]
    Operator {
        /// Operator id.
        id: u32,
        /// Amounts, comma-separated.
        amount: String,
        #[command(flatten)]
        tx: TxArgs,
    },
    /// A service (AVS), by id.
    #[command(
        after_help = "Example:\n  milkyway-ledger restake service 5 10.5milkTIA --account-number 12 --sequence 3"
    )]
    Service {
        /// Service id.
        id: u32,
        /// Amounts, comma-separated.
        amount: String,
        #[command(flatten)]
        tx: TxArgs,
    },
}

/// A rewards plan's fields (`rewards-plan create` and `edit` give them all).
#[derive(Args, Clone, Debug)]
pub struct RewardsPlanArgs {
    /// What the plan is for.
    #[arg(long, default_value = "")]
    pub description: String,
    /// The amount paid out per day, e.g. 10MILK.
    #[arg(long)]
    pub amount_per_day: String,
    /// When it starts: 2026-01-01 (UTC) or 2026-01-01T12:00:00Z.
    #[arg(long)]
    pub start: String,
    /// When it ends.
    #[arg(long)]
    pub end: String,
    /// The pools' share: WEIGHT:basic (in proportion to delegations), WEIGHT:egalitarian
    /// (equally) or WEIGHT:weighted=POOL*W,POOL*W.
    #[arg(long)]
    pub pools: String,
    /// The operators' share, as --pools.
    #[arg(long)]
    pub operators: String,
    /// The users' share weight (split in proportion to their delegations).
    #[arg(long, default_value_t = 0)]
    pub users: u32,
}

impl RewardsPlanArgs {
    fn opts(&self) -> build::RewardsPlanOpts {
        build::RewardsPlanOpts {
            description: self.description.clone(),
            amount_per_day: self.amount_per_day.clone(),
            start: self.start.clone(),
            end: self.end.clone(),
            pools: self.pools.clone(),
            operators: self.operators.clone(),
            users: self.users,
        }
    }
}

/// Rewards plans of a service (the signer is the service's admin).
#[derive(Subcommand, Debug)]
pub enum RewardsPlanCmd {
    /// Create a rewards plan for a service.
    #[command(
        after_help = "Example:\n  milkyway-ledger rewards-plan create 5 --description 'Season 1' --amount-per-day 10MILK \\\n    \
--start 2026-01-01 --end 2026-03-31 --pools 2:basic --operators 1:egalitarian --users 1 --account-number 12 --sequence 3"
    )]
    Create {
        /// The service id.
        service: u32,
        #[command(flatten)]
        plan: RewardsPlanArgs,
        /// The creation fee the module asks for, e.g. 1MILK.
        #[arg(long)]
        creation_fee: Option<String>,
        #[command(flatten)]
        tx: TxArgs,
    },
    /// Edit a rewards plan (every field is set again).
    #[command(
        after_help = "Example:\n  milkyway-ledger rewards-plan edit 9 --amount-per-day 5MILK --start 2026-01-01 --end 2026-06-30 \\\n    \
--pools 1:weighted=3*5,7*1 --operators 1:basic --users 1 --account-number 12 --sequence 4"
    )]
    Edit {
        /// The plan id.
        id: u64,
        #[command(flatten)]
        plan: RewardsPlanArgs,
        #[command(flatten)]
        tx: TxArgs,
    },
}

/// Validator operator commands (the signing account is the validator's operator).
#[derive(Subcommand, Debug)]
pub enum ValidatorCmd {
    /// Create a validator: description, commission, consensus key, self delegation.
    #[command(after_help = "Example (the key as `milkywayd comet show-validator` prints it):\n  \
milkyway-ledger validator create 100MILK --moniker Nebula --pubkey '{\"@type\":\"/cosmos.crypto.ed25519.PubKey\",\"key\":\"…\"}' \\\n    \
--commission-rate 5% --commission-max-rate 20% --commission-max-change-rate 1% --min-self-delegation 1 --account-number 12 --sequence 3")]
    Create {
        /// The self delegation, e.g. 100MILK.
        amount: String,
        #[command(flatten)]
        description: DescriptionArgs,
        /// The consensus key: the JSON `comet show-validator` prints, or its base64 key.
        #[arg(long)]
        pubkey: String,
        /// Commission rate: 0.05 or 5%.
        #[arg(long)]
        commission_rate: String,
        /// The highest commission rate ever allowed.
        #[arg(long)]
        commission_max_rate: String,
        /// The most the rate may change in a day.
        #[arg(long)]
        commission_max_change_rate: String,
        /// Minimum self delegation, in base units of the staking token.
        #[arg(long, default_value = "1")]
        min_self_delegation: String,
        #[command(flatten)]
        tx: TxArgs,
    },
    /// Edit a validator: only the fields given change.
    #[command(
        after_help = "Example:\n  milkyway-ledger validator edit --website https://nebula.example --commission-rate 7% --account-number 12 --sequence 4"
    )]
    Edit {
        #[command(flatten)]
        description: DescriptionArgs,
        /// New commission rate: 0.07 or 7%.
        #[arg(long)]
        commission_rate: Option<String>,
        /// New minimum self delegation, in base units.
        #[arg(long)]
        min_self_delegation: Option<String>,
        #[command(flatten)]
        tx: TxArgs,
    },
    /// Unjail the validator.
    #[command(
        after_help = "Example:\n  milkyway-ledger validator unjail --account-number 12 --sequence 5"
    )]
    Unjail {
        #[command(flatten)]
        tx: TxArgs,
    },
}

/// A validator's description (`validator create` and `edit`).
#[derive(Args, Clone, Debug, Default)]
pub struct DescriptionArgs {
    /// The validator's name.
    #[arg(long)]
    pub moniker: Option<String>,
    /// Keybase identity (16 hex digits).
    #[arg(long)]
    pub identity: Option<String>,
    #[arg(long)]
    pub website: Option<String>,
    #[arg(long)]
    pub security_contact: Option<String>,
    #[arg(long)]
    pub details: Option<String>,
}

impl DescriptionArgs {
    fn opts(&self) -> build::DescriptionOpts {
        build::DescriptionOpts {
            moniker: self.moniker.clone(),
            identity: self.identity.clone(),
            website: self.website.clone(),
            security_contact: self.security_contact.clone(),
            details: self.details.clone(),
        }
    }
}

/// The commands.
#[derive(Subcommand, Debug)]
pub enum Command {
    /// Show your address (optionally on the device, to check it).
    #[command(
        after_help = "Example:\n  milkyway-ledger address --show --chain milkyway --device speculos"
    )]
    Address {
        #[command(flatten)]
        device: DeviceArgs,
        /// Chain: milkyway, osmosis or celestia.
        #[arg(long, default_value = "milkyway")]
        chain: String,
        /// Show the address on the device and wait for approval.
        #[arg(long)]
        show: bool,
        /// Also write the address and public key as JSON to this file.
        #[arg(long)]
        output: Option<PathBuf>,
    },
    /// Restake into a pool, to an operator or to a service.
    #[command(
        subcommand,
        after_help = "Example:\n  milkyway-ledger restake pool 10.5milkTIA --account-number 12 --sequence 3 --fee 5000umilk"
    )]
    Restake(RestakeTarget),
    /// Unrestake from a pool, an operator or a service (funds return after the unbonding time).
    #[command(
        subcommand,
        after_help = "Example:\n  milkyway-ledger unrestake service 5 1milkTIA --account-number 12 --sequence 4"
    )]
    Unrestake(RestakeTarget),
    /// Choose the services (AVSs) your restaked tokens secure, optionally per pool.
    #[command(
        after_help = "Example (service 2 with pools 1 and 3, service 5 with all pools):\n  \
milkyway-ledger trust-services --service 2:1,3 --service 5 --account-number 12 --sequence 5\n\
Trust no service:\n  milkyway-ledger trust-services --none --account-number 12 --sequence 5"
    )]
    TrustServices {
        /// SERVICE or SERVICE:POOL,POOL (no pools = all pools). Repeat for several services.
        #[arg(long = "service")]
        services: Vec<String>,
        /// Trust no service at all.
        #[arg(long)]
        none: bool,
        #[command(flatten)]
        tx: TxArgs,
    },
    /// Operator admin: start securing a service.
    #[command(
        after_help = "Example:\n  milkyway-ledger join-service --operator 12 --service 5 --account-number 3 --sequence 9"
    )]
    JoinService {
        #[arg(long)]
        operator: u32,
        #[arg(long)]
        service: u32,
        #[command(flatten)]
        tx: TxArgs,
    },
    /// Operator admin: stop securing a service.
    #[command(
        after_help = "Example:\n  milkyway-ledger leave-service --operator 12 --service 5 --account-number 3 --sequence 10"
    )]
    LeaveService {
        #[arg(long)]
        operator: u32,
        #[arg(long)]
        service: u32,
        #[command(flatten)]
        tx: TxArgs,
    },
    /// Claim restaking rewards (one message per target) and operator commission.
    #[command(
        after_help = "Example:\n  milkyway-ledger claim-rewards --pool 1 --service 5 --account-number 12 --sequence 6"
    )]
    ClaimRewards {
        /// Pool id (repeatable).
        #[arg(long)]
        pool: Vec<u32>,
        /// Operator id (repeatable).
        #[arg(long)]
        operator: Vec<u32>,
        /// Service id (repeatable).
        #[arg(long)]
        service: Vec<u32>,
        /// Operator id whose commission to withdraw, as its admin (repeatable).
        #[arg(long)]
        operator_commission: Vec<u32>,
        #[command(flatten)]
        tx: TxArgs,
    },
    /// Liquid stake: TIA for milkTIA on Osmosis, BABY for milkBABY on MilkyWay.
    #[command(
        after_help = "Example:\n  milkyway-ledger liquid-stake 10.5TIA --lst milkTIA --account-number 401 --sequence 2 --fee 3000uosmo"
    )]
    LiquidStake {
        /// Amount of the native token (TIA for milkTIA, BABY for milkBABY).
        amount: String,
        /// The liquid staking token: milkTIA or milkBABY.
        #[arg(long, default_value = "milkTIA")]
        lst: String,
        /// Send the minted LST to this address instead of the signer.
        #[arg(long)]
        mint_to: Option<String>,
        /// Send the LST to the native chain when both chains share the address prefix.
        #[arg(long)]
        transfer_to_native_chain: bool,
        /// Fail unless at least this much LST is minted (slippage protection), e.g. 10milkTIA.
        #[arg(long)]
        expected_mint: Option<String>,
        #[command(flatten)]
        tx: TxArgs,
    },
    /// Liquid unstake: queue LST for redemption in the contract's next batch.
    #[command(
        after_help = "Example:\n  milkyway-ledger liquid-unstake 5milkTIA --lst milkTIA --account-number 401 --sequence 3 --fee 3000uosmo"
    )]
    LiquidUnstake {
        /// Amount of the LST.
        amount: String,
        /// milkTIA or milkBABY.
        #[arg(long, default_value = "milkTIA")]
        lst: String,
        #[command(flatten)]
        tx: TxArgs,
    },
    /// Claim the tokens of a received unstaking batch.
    #[command(
        after_help = "Example:\n  milkyway-ledger claim-unstaked --batch-id 42 --lst milkTIA --account-number 401 --sequence 4 --fee 3000uosmo"
    )]
    ClaimUnstaked {
        /// The batch id (from the contract's unstake_requests query).
        #[arg(long)]
        batch_id: u64,
        /// milkTIA or milkBABY.
        #[arg(long, default_value = "milkTIA")]
        lst: String,
        #[command(flatten)]
        tx: TxArgs,
    },
    /// Vote on a governance proposal (optionally weighted).
    #[command(
        after_help = "Examples:\n  milkyway-ledger vote 7 yes --account-number 12 --sequence 7\n  \
milkyway-ledger vote 7 --weighted yes=0.6,no=0.4 --account-number 12 --sequence 7"
    )]
    Vote {
        /// Proposal id.
        proposal_id: u64,
        /// yes, no, abstain or veto.
        #[arg(value_enum)]
        option: Option<VoteChoice>,
        /// Weighted vote, e.g. yes=0.6,no=0.4 (weights add up to 1).
        #[arg(long)]
        weighted: Option<String>,
        /// Gov module version of the message.
        #[arg(long, value_enum, default_value_t = GovVersion::V1)]
        gov: GovVersion,
        /// Vote metadata (gov v1 only).
        #[arg(long, default_value = "")]
        metadata: String,
        #[command(flatten)]
        tx: TxArgs,
    },
    /// Send tokens.
    #[command(
        after_help = "Example:\n  milkyway-ledger send milk1... 2.5MILK --account-number 12 --sequence 8 --fee 5000umilk"
    )]
    Send {
        /// Recipient address.
        to: String,
        /// Amounts, comma-separated.
        amount: String,
        #[command(flatten)]
        tx: TxArgs,
    },
    /// Send tokens to another chain over IBC.
    #[command(
        after_help = "Example:\n  milkyway-ledger ibc-transfer osmo1... 1milkTIA --channel channel-0 --account-number 12 --sequence 9"
    )]
    IbcTransfer {
        /// Recipient address on the destination chain.
        receiver: String,
        /// One amount.
        amount: String,
        /// Source channel, e.g. channel-0.
        #[arg(long)]
        channel: String,
        /// Source port.
        #[arg(long, default_value = "transfer")]
        port: String,
        /// Timeout in minutes from now (0 = none; then --timeout-height is needed).
        #[arg(long, default_value_t = 10)]
        timeout_minutes: u64,
        /// Timeout height on the destination chain, REVISION-HEIGHT (e.g. 1-12345678).
        #[arg(long)]
        ibc_timeout_height: Option<String>,
        /// Memo of the transfer packet (e.g. an ibc-hooks wasm call).
        #[arg(long, default_value = "")]
        ibc_memo: String,
        #[command(flatten)]
        tx: TxArgs,
    },
    /// Bridge MILK to an EVM chain with Hyperlane (MilkyWay's warp route: MILK to BSC).
    #[command(
        after_help = "Example:\n  milkyway-ledger bridge 0x7b4bf9feccff207ef2cb7101ceb15b8516021acd 2.5MILK --domain bsc --max-fee 0.15MILK --account-number 12 --sequence 9"
    )]
    Bridge {
        /// Recipient on the destination: an EVM address (0x + 40 hex digits) or a
        /// 32-byte one (0x + 64).
        recipient: String,
        /// One amount of a token MilkyWay's warp routes carry (MILK).
        amount: String,
        /// Destination Hyperlane domain: bsc, or a domain number.
        #[arg(long)]
        domain: String,
        /// The most to pay for the interchain gas, e.g. 0.15MILK.
        #[arg(long)]
        max_fee: String,
        /// Gas limit on the destination (0: the route's default).
        #[arg(long, default_value_t = 0)]
        dest_gas_limit: u64,
        /// A custom post-dispatch hook id (0x + 64 hex digits).
        #[arg(long)]
        custom_hook: Option<String>,
        /// The custom hook's metadata (0x-hex).
        #[arg(long, default_value = "")]
        hook_metadata: String,
        #[command(flatten)]
        tx: TxArgs,
    },
    /// Stake MILK with a validator.
    #[command(
        after_help = "Example:\n  milkyway-ledger delegate milkvaloper1... 100MILK --account-number 12 --sequence 10"
    )]
    Delegate {
        /// Validator operator address (milkvaloper1…).
        validator: String,
        /// One amount.
        amount: String,
        #[command(flatten)]
        tx: TxArgs,
    },
    /// Let another account act for you (authz grant): one message type, sending, or staking.
    #[command(after_help = "Examples:\n  \
milkyway-ledger grant milk1bot... generic --msg-type /milkyway.rewards.v1.MsgWithdrawDelegatorReward --expiration 2026-12-31T23:59:59Z --account-number 12 --sequence 3\n  \
milkyway-ledger grant milk1bot... send --limit 10MILK --account-number 12 --sequence 3\n  \
milkyway-ledger grant milk1bot... delegate --limit 100MILK --allow milkvaloper1... --account-number 12 --sequence 3\n\
Without --expiration the grant never expires (the device says so).")]
    Grant {
        /// The account that may act for you.
        grantee: String,
        /// What it may do.
        #[arg(value_enum)]
        kind: build::GrantKind,
        /// generic: the message type URL it may execute.
        #[arg(long)]
        msg_type: Option<String>,
        /// send: the spend limit (required); staking: the max tokens (none: no limit).
        #[arg(long)]
        limit: Option<String>,
        /// send: allowed recipients; staking: allowed validators (repeatable).
        #[arg(long)]
        allow: Vec<String>,
        /// staking: validators it may not use (repeatable).
        #[arg(long)]
        deny: Vec<String>,
        /// When the grant ends, UTC: 2026-12-31T23:59:59Z (none: never).
        #[arg(long)]
        expiration: Option<String>,
        #[command(flatten)]
        tx: TxArgs,
    },
    /// Pay another account's fees (fee grant), or stop paying them (--revoke).
    #[command(after_help = "Examples:\n  \
milkyway-ledger fee-grant milk1user... --limit 5MILK --expiration 2026-12-31T23:59:59Z --account-number 12 --sequence 3\n  \
milkyway-ledger fee-grant milk1user... --period 86400 --period-limit 0.1MILK --allowed-message /milkyway.restaking.v1.MsgDelegatePool --account-number 12 --sequence 3\n  \
milkyway-ledger fee-grant milk1user... --revoke --account-number 12 --sequence 4\n\
Without --limit there is no total limit; without --expiration the allowance never expires (the device says both).")]
    FeeGrant {
        /// The account whose fees you pay.
        grantee: String,
        /// Total limit, e.g. 5MILK (none: no limit).
        #[arg(long)]
        limit: Option<String>,
        /// When the allowance ends, UTC: 2026-12-31T23:59:59Z (none: never).
        #[arg(long)]
        expiration: Option<String>,
        /// A period in seconds (with --period-limit): the limit renews every period.
        #[arg(long)]
        period: Option<u64>,
        /// The limit per period, e.g. 0.1MILK.
        #[arg(long)]
        period_limit: Option<String>,
        /// Only for these message types (repeatable).
        #[arg(long = "allowed-message")]
        allowed_messages: Vec<String>,
        /// Revoke the allowance instead.
        #[arg(long, conflicts_with_all = ["limit", "expiration", "period", "period_limit", "allowed_messages"])]
        revoke: bool,
        #[command(flatten)]
        tx: TxArgs,
    },
    /// End an authz grant of one message type.
    #[command(
        after_help = "Example:\n  milkyway-ledger revoke milk1bot... /cosmos.bank.v1beta1.MsgSend --account-number 12 --sequence 4"
    )]
    Revoke {
        grantee: String,
        /// The message type URL of the grant.
        msg_type: String,
        #[command(flatten)]
        tx: TxArgs,
    },
    /// Sign an off-chain message (ADR-036, as cosmjs/Keplr signArbitrary): the device shows
    /// "Sign message", the signer and the text (or its length and SHA-256).
    #[command(
        after_help = "Example:\n  milkyway-ledger sign-message 'log in to app.example, nonce 42' --chain milkyway --device speculos --output sig.json\n\
Prints {\"signer\",\"data\" (base64),\"pub_key\":{\"type\":\"tendermint/PubKeySecp256k1\",\"value\"},\"signature\"} \
(cosmjs' StdSignature with the signer and the data); `verify-message` checks it."
    )]
    SignMessage {
        /// The message text (or --file).
        text: Option<String>,
        /// Sign this file's bytes instead.
        #[arg(long, conflicts_with = "text")]
        file: Option<PathBuf>,
        #[command(flatten)]
        device: DeviceArgs,
        /// Chain whose address prefix names the signer: milkyway, osmosis or celestia.
        #[arg(long, default_value = "milkyway")]
        chain: String,
        /// Also write the signature JSON to this file.
        #[arg(long)]
        output: Option<PathBuf>,
    },
    /// Check an off-chain message signature (the JSON `sign-message` prints): the public
    /// key's address is the signer and the signature is over the ADR-036 document.
    #[command(after_help = "Example:\n  milkyway-ledger verify-message sig.json")]
    VerifyMessage {
        /// The signature JSON.
        file: PathBuf,
    },
    /// Validator operator: create, edit, unjail.
    #[command(subcommand)]
    Validator(ValidatorCmd),
    /// Create or edit a service's rewards plan.
    #[command(subcommand)]
    RewardsPlan(RewardsPlanCmd),
    /// Sign a transaction described in a JSON file (amino StdSignDoc shape).
    #[command(
        after_help = "The file: {\"chain_id\":\"milkyway\",\"account_number\":\"12\",\"sequence\":\"3\",\
\"fee\":{\"amount\":[{\"amount\":\"5000\",\"denom\":\"umilk\"}],\"gas\":\"200000\"},\"memo\":\"\",\
\"msgs\":[{\"type\":\"milkyway/MsgDelegatePool\",\"value\":{…}}]} (messages in amino JSON, proto amino names).\n\n\
Example:\n  milkyway-ledger sign tx.json --mode amino --device speculos"
    )]
    Sign {
        /// The JSON file.
        file: PathBuf,
        #[command(flatten)]
        device: DeviceArgs,
        /// Sign mode (also --sign-mode).
        #[arg(long, visible_alias = "sign-mode", value_enum, default_value_t = ModeArg::Direct)]
        mode: ModeArg,
        /// With --mode textual: bank denom metadata JSON files (as for the transaction
        /// commands).
        #[arg(long)]
        denom_metadata: Vec<PathBuf>,
        /// Chain (address prefix and denoms) when the file's chain id is not a known one.
        #[arg(long)]
        chain: Option<String>,
        /// Also write the signed transaction and its details as JSON to this file.
        #[arg(long)]
        output: Option<PathBuf>,
        /// Broadcast to this node (the file's account number and sequence are used as
        /// they are).
        #[command(flatten)]
        node: SignNodeArgs,
    },
    /// Print every screen the device will show for a transaction, without a device.
    #[command(
        after_help = "The file: the same JSON as `sign FILE` takes (see `milkyway-ledger sign --help`).\n\
The screens are rendered by the device's own code (milkyway-core), numbered as the device numbers \
them, on stdout; the review's first page and its signing page are named on stderr. The document \
streams through the device's decoder in 250-byte chunks into a screen store of the device's size \
(--device, default nanosp): when the screens fit, the standard review holds them all (\"Action 2/5\"); \
when they do not, the device streams the review (first page \"Review long transaction\", titles \
\"Action 2\" without a count), and so does the preview. \
Signer fields (delegator, sender, voter…) equal to the signing account are hidden, as the \
device hides its own address: the account is --address, or else the one address all the \
messages' signer fields name.\n\n\
Exit code 5 (and the device's reason on stderr) when the device would refuse the transaction.\n\n\
Examples:\n  milkyway-ledger preview tx.json --mode amino --expert\n  \
milkyway-ledger preview signdoc.json --raw --mode amino\n\n\
Every transaction command also takes --preview (no device, no account number needed):\n  \
milkyway-ledger restake pool 10.5milkTIA --fee 5000umilk --preview"
    )]
    Preview {
        /// The JSON file (as for `sign`).
        file: PathBuf,
        /// Sign mode the document is encoded in (the screens are the same in direct and
        /// amino; textual shows the chain's own screens). Also --sign-mode.
        #[arg(long, visible_alias = "sign-mode", value_enum, default_value_t = ModeArg::Direct)]
        mode: ModeArg,
        /// With --mode textual: bank denom metadata JSON files.
        #[arg(long)]
        denom_metadata: Vec<PathBuf>,
        /// The screens of the device's expert mode (account number, sequence, gas,
        /// timeout height).
        #[arg(long)]
        expert: bool,
        /// The signing account's address (default: the address the messages' signer fields name).
        #[arg(long)]
        address: Option<String>,
        /// With --mode textual: the signer's public key (66 hex digits or base64), shown
        /// by the document and hashed with its auth info (default: a placeholder key).
        #[arg(long)]
        public_key: Option<String>,
        /// FILE holds the exact sign bytes another wallet would send to the device instead:
        /// the Amino JSON sign doc as is (--mode amino; a final newline is ignored), the
        /// DIRECT SignDoc protobuf (--mode direct) or the textual CBOR (--mode textual) in
        /// hex or base64.
        #[arg(long)]
        raw: bool,
        /// The device model whose review to print: nanosp (Nano S+), nanox, stax, flex or
        /// apex_p. Its memory decides when a long review is streamed (Nano X first).
        #[arg(long, visible_alias = "model", value_enum, default_value_t = ModelArg::Nanosp)]
        device: ModelArg,
        /// The device's Blind signing setting is on: a message it cannot read is signed
        /// blind (the review shows the hash) instead of refused.
        #[arg(long)]
        blind_signing: bool,
    },
}

/// A failure with its exit code.
#[derive(Debug)]
pub struct CliError {
    pub code: i32,
    pub message: String,
}

impl CliError {
    fn usage(m: impl Into<String>) -> Self {
        Self { code: EXIT_USAGE, message: m.into() }
    }
}

impl From<NodeError> for CliError {
    fn from(e: NodeError) -> Self {
        Self { code: e.exit_code(), message: e.to_string() }
    }
}

impl From<DeviceError> for CliError {
    fn from(e: DeviceError) -> Self {
        Self { code: e.exit_code(), message: e.to_string() }
    }
}

/// Runs the CLI and returns the process exit code.
pub fn run<I, T>(args: I) -> i32
where
    I: IntoIterator<Item = T>,
    T: Into<std::ffi::OsString> + Clone,
{
    let cli = match Cli::try_parse_from(args) {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            return e.exit_code();
        }
    };
    match execute(cli.command) {
        Ok(()) => EXIT_OK,
        Err(e) => {
            eprintln!("error: {}", e.message);
            e.code
        }
    }
}

fn open_device(args: &DeviceArgs) -> Result<Device<AnyTransport>, CliError> {
    eprintln!("Connecting to {}…", args.device);
    let transport =
        AnyTransport::open(&args.device).map_err(|m| CliError { code: EXIT_DEVICE, message: m })?;
    Ok(Device::new(transport).with_chunk_size(args.chunk_size as usize)?.on_user_action(
        |a| match a {
            UserAction::ConfirmAddress => eprintln!("Verify the address on your Ledger…"),
            UserAction::ConfirmTransaction => eprintln!("Confirm the transaction on your Ledger…"),
        },
    ))
}

/// `--key`'s value for a key kind (the `address --output` file).
fn key_arg_name(kind: KeyKind) -> &'static str {
    match kind {
        KeyKind::Cosmos => "cosmos",
        KeyKind::Eth => "eth",
    }
}

fn block<F: std::future::Future>(f: F) -> F::Output {
    futures::executor::block_on(f)
}

/// The chain of a transaction command: `--chain` (default milkyway), or the one a
/// liquid staking token lives on.
fn resolve_chain(tx: &TxArgs, implied: Option<&str>) -> Result<(Chain, String), CliError> {
    let name = match (tx.chain.as_deref(), implied) {
        (Some(c), Some(i)) if c != i => {
            return Err(CliError::usage(format!(
                "this command signs on {i}, not {c}: drop --chain or use --chain {i}"
            )))
        }
        (Some(c), _) => c,
        (None, Some(i)) => i,
        (None, None) => "milkyway",
    };
    let chain = denoms::chain(name).map_err(|e| CliError::usage(e.to_string()))?;
    let chain_id = tx.chain_id.clone().unwrap_or_else(|| chain.chain_id.to_owned());
    Ok((chain, chain_id))
}

fn execute(cmd: Command) -> Result<(), CliError> {
    match cmd {
        Command::Address { device, chain, show, output } => {
            let chain = denoms::chain(&chain).map_err(|e| CliError::usage(e.to_string()))?;
            let path = device.path_for(&chain)?;
            let dev = open_device(&device)?;
            let info = block(dev.get_address(&path, chain.hrp, show))?;
            if show {
                eprintln!("Address approved on the device.");
            }
            println!("{}", info.address);
            if let Some(out) = output {
                let j = ObjectBuilder::new()
                    .field("address", Json::str(info.address.clone()))
                    .field("public_key", Json::str(b64(&info.public_key)))
                    .field("path", Json::str(path.to_string()))
                    .field("key", Json::str(key_arg_name(path.kind)))
                    .field("chain", Json::str(chain.name))
                    .build();
                write_output(&out, &j)?;
            }
            Ok(())
        }
        Command::SignMessage { text, file, device, chain, output } => {
            let data = match (text, file) {
                (Some(t), None) => t.into_bytes(),
                (None, Some(f)) => std::fs::read(&f).map_err(|e| CliError {
                    code: EXIT_FAILURE,
                    message: format!("{}: {e}", f.display()),
                })?,
                _ => return Err(CliError::usage("give the message text or --file")),
            };
            if data.is_empty() {
                return Err(CliError::usage("the message is empty"));
            }
            let chain = denoms::chain(&chain).map_err(|e| CliError::usage(e.to_string()))?;
            let dev = open_device(&device)?;
            let path = device.path();
            let key = block(dev.get_address(&path, chain.hrp, false))?;
            let doc = crate::adr036::sign_doc(&key.address, &data);
            let der = block(dev.sign_raw(&path, None, SignMode::AminoJson, &doc))?;
            let verification =
                |message: String| CliError { code: crate::EXIT_VERIFICATION, message };
            let rs = crate::crypto::der_to_compact_low_s(&der)
                .map_err(|e| verification(e.to_string()))?;
            crate::adr036::verify(&key.address, &data, &key.public_key, &rs)
                .map_err(verification)?;
            let j = ObjectBuilder::new()
                .field("data", Json::str(b64(&data)))
                .field(
                    "pub_key",
                    ObjectBuilder::new()
                        .field("type", Json::str("tendermint/PubKeySecp256k1"))
                        .field("value", Json::str(b64(&key.public_key)))
                        .build(),
                )
                .field("signature", Json::str(b64(&rs)))
                .field("signer", Json::str(key.address.clone()))
                .build();
            println!("{}", j.to_pretty_string());
            if let Some(out) = output {
                write_output(&out, &j)?;
            }
            Ok(())
        }
        Command::VerifyMessage { file } => {
            let text = std::fs::read_to_string(&file).map_err(|e| CliError {
                code: EXIT_FAILURE,
                message: format!("{}: {e}", file.display()),
            })?;
            let bad = |what: &str| CliError::usage(format!("{}: {what}", file.display()));
            let j = crate::amino_json::parse(&text).map_err(|e| bad(&e.to_string()))?;
            let field = |v: Option<&Json>, what: &str| {
                v.and_then(Json::as_str).map(str::to_owned).ok_or_else(|| bad(what))
            };
            let decode = |s: String, what: &str| {
                base64::engine::general_purpose::STANDARD.decode(s).map_err(|_| bad(what))
            };
            let signer = field(j.get("signer"), "no \"signer\"")?;
            let data = decode(field(j.get("data"), "no \"data\"")?, "data is not base64")?;
            let pk = decode(
                field(j.get("pub_key").and_then(|p| p.get("value")), "no \"pub_key\".value")?,
                "pub_key is not base64",
            )?;
            let sig = decode(field(j.get("signature"), "no \"signature\"")?, "not base64")?;
            let pk: [u8; 33] = pk.try_into().map_err(|_| bad("pub_key is not 33 bytes"))?;
            let sig: [u8; 64] = sig.try_into().map_err(|_| bad("signature is not 64 bytes"))?;
            crate::adr036::verify(&signer, &data, &pk, &sig)
                .map_err(|e| CliError { code: crate::EXIT_VERIFICATION, message: e })?;
            println!("valid: {signer} signed {} bytes", data.len());
            Ok(())
        }
        Command::Sign { file, device, mode, denom_metadata, chain, output, node } => {
            let node = node.node.as_deref().map(Node::new).transpose()?.map(|n| (n, node));
            let mut tx = read_tx_file(&file)?;
            let chain = match chain {
                Some(c) => denoms::chain(&c).map_err(|e| CliError::usage(e.to_string()))?,
                None => denoms::chain_for_id(&tx.chain_id).ok_or_else(|| {
                    CliError::usage(format!(
                        "unknown chain id {:?}: pass --chain milkyway|osmosis|celestia",
                        tx.chain_id
                    ))
                })?,
            };
            let path = device.path_for(&chain)?;
            tx.key_kind = path.kind;
            let dev = open_device(&device)?;
            let key = block(dev.get_address(&path, chain.hrp, false))?;
            let metadata = denom_metadata_of(&tx.chain_id, &denom_metadata)?;
            let signed = sign_and_print(
                &dev,
                &path,
                &chain,
                &key,
                tx,
                mode.into(),
                &metadata,
                output.as_deref(),
            )?;
            match node {
                Some((n, args)) if args.broadcast => {
                    broadcast_and_wait(&n, &signed, args.broadcast_timeout)
                }
                _ => Ok(()),
            }
        }
        Command::Preview {
            file,
            mode,
            denom_metadata,
            expert,
            address,
            public_key,
            raw,
            device,
            blind_signing,
        } => {
            let mode = SignMode::from(mode);
            let model = preview::Model::from(device);
            if mode == SignMode::Textual {
                let bytes = if raw {
                    read_sign_bytes(&file, mode)?
                } else {
                    let tx = read_tx_file(&file)?;
                    let key = match &public_key {
                        Some(k) => parse_public_key(k)?,
                        None => preview::PREVIEW_PUBLIC_KEY,
                    };
                    let address = match address {
                        Some(a) => a,
                        None => {
                            tx.registry_address(&key).map_err(|e| CliError::usage(e.to_string()))?
                        }
                    };
                    let metadata = denom_metadata_of(&tx.chain_id, &denom_metadata)?;
                    tx.textual_sign_bytes(&key, &address, &metadata)
                        .map_err(|e| CliError::usage(e.to_string()))?
                };
                let opts = preview::DeviceOptions { expert, model, ..Default::default() };
                return print_textual_preview(&bytes, &opts);
            }
            let bytes = if raw {
                read_sign_bytes(&file, mode)?
            } else {
                let tx = read_tx_file(&file)?;
                tx.sign_bytes(mode, &preview::PREVIEW_PUBLIC_KEY)
                    .map_err(|e| CliError::usage(e.to_string()))?
            };
            let own = match address {
                Some(a) => {
                    build::check_address(&a, None).map_err(CliError::usage)?;
                    Some(a)
                }
                // A document the device refuses: the review below says where.
                None => preview::signer(&bytes, mode).ok().flatten(),
            };
            // The prefix `sign FILE` sends: the chain id's chain's (none for an unknown one,
            // as cosmjs sends none).
            let chain_id = preview::chain_id_of(&bytes, mode);
            let opts = preview::DeviceOptions {
                expert,
                blind_signing,
                own_address: own.as_deref(),
                prefix: chain_id.as_deref().and_then(preview::prefix_for_chain_id),
                model,
            };
            print_preview(&bytes, mode, &opts, true)
        }
        other => {
            let (tx_args, implied) = tx_args_of(&other)?;
            let (chain, chain_id) = resolve_chain(tx_args, implied.as_deref())?;
            let fee = match &tx_args.fee {
                Some(f) => {
                    denoms::parse_amounts(&chain, f).map_err(|e| CliError::usage(e.to_string()))?
                }
                None => Vec::new(),
            };
            for a in [&tx_args.fee_payer, &tx_args.fee_granter].into_iter().flatten() {
                build::check_address(a, Some(chain.hrp)).map_err(CliError::usage)?;
            }
            // Check what can be checked before touching the device.
            let path = tx_args.device.path_for(&chain)?;
            build_msgs(&other, &chain, &placeholder_address(chain.hrp))?;
            let node = tx_args.node.node.as_deref().map(Node::new).transpose()?;
            let gas = match tx_args.gas {
                Gas::Limit(g) => g,
                Gas::Auto => 0,
            };
            let build_tx = |sender: &str, account: u64, sequence: u64| -> Result<Tx, CliError> {
                let mut b = TxBuilder::new(chain_id.clone())
                    .msgs(build_msgs(&other, &chain, sender)?)
                    .memo(tx_args.memo.clone())
                    .timeout_height(tx_args.timeout_height)
                    .fee(fee.clone(), gas)
                    .account_number(account)
                    .sequence(sequence)
                    .key_kind(path.kind);
                if let Some(p) = &tx_args.fee_payer {
                    b = b.fee_payer(p.clone());
                }
                if let Some(g) = &tx_args.fee_granter {
                    b = b.fee_granter(g.clone());
                }
                b.build().map_err(|e| CliError::usage(e.to_string()))
            };
            let p = &tx_args.preview;
            if p.preview {
                let sender = match &p.address {
                    Some(a) => {
                        build::check_address(a, Some(chain.hrp)).map_err(CliError::usage)?;
                        a.clone()
                    }
                    None => placeholder_address(chain.hrp),
                };
                if tx_args.gas == Gas::Auto {
                    return Err(CliError::usage(
                        "--gas auto needs the signer's key (from the device): drop --preview or give --gas",
                    ));
                }
                let mode = SignMode::from(tx_args.mode);
                let tx = build_tx(
                    &sender,
                    tx_args.account_number.unwrap_or_default(),
                    tx_args.sequence.unwrap_or_default(),
                )?;
                if mode == SignMode::Textual {
                    let metadata = denom_metadata_of(&tx.chain_id, &tx_args.denom_metadata)?;
                    let key = match &p.public_key {
                        Some(k) => parse_public_key(k)?,
                        None => preview::PREVIEW_PUBLIC_KEY,
                    };
                    let bytes = tx
                        .textual_sign_bytes(&key, &sender, &metadata)
                        .map_err(|e| CliError::usage(e.to_string()))?;
                    let opts = preview::DeviceOptions {
                        expert: p.expert,
                        prefix: Some(chain.hrp),
                        model: p.model.into(),
                        ..Default::default()
                    };
                    return print_textual_preview(&bytes, &opts);
                }
                let bytes = tx
                    .sign_bytes(mode, &preview::PREVIEW_PUBLIC_KEY)
                    .map_err(|e| CliError::usage(e.to_string()))?;
                let opts = preview::DeviceOptions {
                    expert: p.expert,
                    blind_signing: p.blind_signing,
                    own_address: Some(&sender),
                    prefix: Some(chain.hrp),
                    model: p.model.into(),
                };
                return print_preview(&bytes, mode, &opts, p.address.is_some());
            }
            let dev = open_device(&tx_args.device)?;
            let key = block(dev.get_address(&path, chain.hrp, false))?;
            let mode = SignMode::from(tx_args.mode);
            let (account_number, sequence) = match (tx_args.account_number, tx_args.sequence) {
                (Some(a), Some(s)) => (a, s),
                (a, s) => {
                    let n = node.as_ref().ok_or_else(|| {
                        CliError::usage("--account-number and --sequence, or --node")
                    })?;
                    eprintln!("Reading account {} from {}…", key.address, n.url());
                    let account = n.account(&key.address)?;
                    eprintln!(
                        "Account number {}, sequence {}.",
                        account.account_number, account.sequence
                    );
                    (a.unwrap_or(account.account_number), s.unwrap_or(account.sequence))
                }
            };
            let mut tx = build_tx(&key.address, account_number, sequence)?;
            if let (Gas::Auto, Some(n)) = (tx_args.gas, &node) {
                tx.fee.gas_limit = simulate_gas(n, &tx, mode, &key, tx_args.gas_adjustment)?;
            }
            let metadata = denom_metadata_of(&tx.chain_id, &tx_args.denom_metadata)?;
            let signed = sign_and_print(
                &dev,
                &path,
                &chain,
                &key,
                tx,
                mode,
                &metadata,
                tx_args.output.as_deref(),
            )?;
            match &node {
                Some(n) if tx_args.node.broadcast => {
                    broadcast_and_wait(n, &signed, tx_args.node.broadcast_timeout)
                }
                _ => Ok(()),
            }
        }
    }
}

/// Reads the JSON file of `sign` and `preview`.
fn read_tx_file(file: &std::path::Path) -> Result<Tx, CliError> {
    let text = std::fs::read_to_string(file)
        .map_err(|e| CliError::usage(format!("cannot read {}: {e}", file.display())))?;
    let doc = crate::amino_json::parse(&text)
        .map_err(|e| CliError::usage(format!("{}: {e}", file.display())))?;
    Tx::from_amino_sign_doc(&doc).map_err(|e| CliError::usage(format!("{}: {e}", file.display())))
}

/// Reads `preview --raw`'s file: Amino JSON bytes as they are (less a final newline), or
/// a DIRECT SignDoc in hex or base64.
fn read_sign_bytes(file: &std::path::Path, mode: SignMode) -> Result<Vec<u8>, CliError> {
    let bytes = std::fs::read(file)
        .map_err(|e| CliError::usage(format!("cannot read {}: {e}", file.display())))?;
    match mode {
        SignMode::AminoJson => {
            let end =
                bytes.len() - bytes.iter().rev().take_while(|b| matches!(b, b'\n' | b'\r')).count();
            Ok(bytes[..end].to_vec())
        }
        SignMode::Direct | SignMode::Textual => {
            let text: String = String::from_utf8_lossy(&bytes).split_whitespace().collect();
            let hex = text.len() % 2 == 0
                && !text.is_empty()
                && text.bytes().all(|b| b.is_ascii_hexdigit());
            let decoded = if hex {
                (0..text.len())
                    .step_by(2)
                    .map(|i| u8::from_str_radix(&text[i..i + 2], 16))
                    .collect::<Result<Vec<u8>, _>>()
                    .ok()
            } else {
                base64::engine::general_purpose::STANDARD.decode(&text).ok()
            };
            decoded.ok_or_else(|| {
                CliError::usage(format!(
                    "{}: a DIRECT SignDoc or a textual document must be written in hex or base64",
                    file.display()
                ))
            })
        }
    }
}

fn preview_error(e: preview::PreviewError) -> CliError {
    match e {
        preview::PreviewError::Refused(_)
        | preview::PreviewError::ChainNotAllowed(_)
        | preview::PreviewError::TextualRefused(_)
        | preview::PreviewError::At(..) => CliError { code: EXIT_REFUSED, message: e.to_string() },
        preview::PreviewError::Tx(t) => CliError::usage(t.to_string()),
    }
}

/// Prints the review's screens, numbered, on stdout (what the device will show), and its
/// first and signing pages on stderr. `say_own`: name the signing account
/// (`opts.own_address`; otherwise it is a placeholder).
fn print_preview(
    bytes: &[u8],
    mode: SignMode,
    opts: &preview::DeviceOptions<'_>,
    say_own: bool,
) -> Result<(), CliError> {
    let review = preview::review(bytes, mode, opts).map_err(preview_error)?;
    let settings = format!(
        "{} mode{}{}",
        mode.name(),
        if opts.expert { ", expert mode" } else { "" },
        if opts.blind_signing { ", blind signing on" } else { "" }
    );
    print_review_header(&review, &settings);
    match opts.own_address {
        Some(a) if say_own => eprintln!(
            "(signer fields equal to {a} are not shown: the device hides its own address)"
        ),
        Some(_) => eprintln!("(your own address is not shown: the device hides it)"),
        None => eprintln!("(no single signing account: every signer field is shown)"),
    }
    print!("{}", preview::format_numbered(&review.screens));
    Ok(())
}

/// The pages around the screens, on stderr.
fn print_review_header(review: &preview::Review, settings: &str) {
    let n = review.screens.len();
    match review.shape {
        preview::Shape::Held => eprintln!(
            "The device will show \"{}\", these {n} screens ({settings}, {}), then ask \"{}\":",
            review.title, review.model, review.sign
        ),
        preview::Shape::Streamed => eprintln!(
            "The device ({}) cannot hold this review: it streams it, forward only, from chunk {} of the \
             document on. It will show \"{} / {}\", these {n} screens ({settings}), then ask \"{}\":",
            review.model,
            review.streamed_from_chunk.unwrap_or(1),
            review.title,
            review.subtitle.as_deref().unwrap_or(""),
            review.sign
        ),
        preview::Shape::Blind => eprintln!(
            "The device ({}) will show its blind-signing warning, \"{}\", this screen ({settings}), \
             then ask \"{}\":",
            review.model, review.title, review.sign
        ),
    }
}

/// The denom metadata a textual document is rendered with: the registry's entries for
/// `chain_id`, then those of `files` (which replace them).
fn denom_metadata_of(
    chain_id: &str,
    files: &[PathBuf],
) -> Result<crate::textual::DenomMetadata, CliError> {
    let mut m = crate::textual::DenomMetadata::builtin(chain_id);
    for f in files {
        m.add_file(f).map_err(|e| CliError::usage(e.to_string()))?;
    }
    Ok(m)
}

/// Prints the numbered review screens of a SIGN_MODE_TEXTUAL document as the device
/// shows them (its own decoder and renderer), after its chain rule.
fn print_textual_preview(bytes: &[u8], opts: &preview::DeviceOptions<'_>) -> Result<(), CliError> {
    let review = preview::textual_review(bytes, opts).map_err(preview_error)?;
    print_review_header(
        &review,
        "textual mode: the chain's own screens, one '>' per indent level, expert screens included",
    );
    print!("{}", preview::format_numbered(&review.screens));
    Ok(())
}

/// A well-formed address of the right prefix, to validate arguments before the device
/// is opened (the real sender comes from the device).
fn placeholder_address(hrp: &str) -> String {
    crate::crypto::bech32_encode(hrp, &[0u8; 20]).unwrap_or_default()
}

fn tx_args_of(cmd: &Command) -> Result<(&TxArgs, Option<String>), CliError> {
    let lst_chain = |lst: &str| -> Result<Option<String>, CliError> {
        Ok(Some(
            denoms::liquid_staking(lst)
                .map_err(|e| CliError::usage(e.to_string()))?
                .chain
                .to_owned(),
        ))
    };
    Ok(match cmd {
        Command::Restake(t) | Command::Unrestake(t) => match t {
            RestakeTarget::Pool { tx, .. }
            | RestakeTarget::Operator { tx, .. }
            | RestakeTarget::Service { tx, .. } => (tx, None),
        },
        Command::TrustServices { tx, .. }
        | Command::JoinService { tx, .. }
        | Command::LeaveService { tx, .. }
        | Command::ClaimRewards { tx, .. }
        | Command::Vote { tx, .. }
        | Command::Send { tx, .. }
        | Command::IbcTransfer { tx, .. }
        | Command::Delegate { tx, .. }
        | Command::Grant { tx, .. }
        | Command::Revoke { tx, .. }
        | Command::FeeGrant { tx, .. }
        | Command::Validator(
            ValidatorCmd::Create { tx, .. }
            | ValidatorCmd::Edit { tx, .. }
            | ValidatorCmd::Unjail { tx },
        )
        | Command::RewardsPlan(
            RewardsPlanCmd::Create { tx, .. } | RewardsPlanCmd::Edit { tx, .. },
        )
        | Command::Bridge { tx, .. } => (tx, None),
        Command::LiquidStake { tx, lst, .. }
        | Command::LiquidUnstake { tx, lst, .. }
        | Command::ClaimUnstaked { tx, lst, .. } => (tx, lst_chain(lst)?),
        Command::Address { .. }
        | Command::Sign { .. }
        | Command::Preview { .. }
        | Command::SignMessage { .. }
        | Command::VerifyMessage { .. } => {
            unreachable!("not a transaction command")
        }
    })
}

fn build_msgs(cmd: &Command, chain: &Chain, sender: &str) -> Result<Vec<Msg>, CliError> {
    let one = |r: Result<Msg, String>| r.map(|m| vec![m]).map_err(CliError::usage);
    let lst = |l: &str| denoms::liquid_staking(l).map_err(|e| CliError::usage(e.to_string()));
    match cmd {
        Command::Restake(t) | Command::Unrestake(t) => {
            let (target, id, amount) = match t {
                RestakeTarget::Pool { amount, .. } => ("pool", None, amount),
                RestakeTarget::Operator { id, amount, .. } => ("operator", Some(*id), amount),
                RestakeTarget::Service { id, amount, .. } => ("service", Some(*id), amount),
            };
            if matches!(cmd, Command::Restake(_)) {
                one(build::restake(chain, sender, target, id, amount))
            } else {
                one(build::unrestake(chain, sender, target, id, amount))
            }
        }
        Command::TrustServices { services, none, .. } => {
            one(build::trust_services(sender, services, *none))
        }
        Command::JoinService { operator, service, .. } => {
            Ok(vec![crate::msgs::restaking::MsgJoinService {
                sender: sender.into(),
                operator_id: *operator,
                service_id: *service,
            }
            .into()])
        }
        Command::LeaveService { operator, service, .. } => {
            Ok(vec![crate::msgs::restaking::MsgLeaveService {
                sender: sender.into(),
                operator_id: *operator,
                service_id: *service,
            }
            .into()])
        }
        Command::ClaimRewards { pool, operator, service, operator_commission, .. } => {
            build::claim_rewards(sender, pool, operator, service, operator_commission)
                .map_err(CliError::usage)
        }
        Command::LiquidStake {
            amount,
            lst: l,
            mint_to,
            transfer_to_native_chain,
            expected_mint,
            ..
        } => {
            let opts = LiquidStakeOpts {
                mint_to: mint_to.clone(),
                transfer_to_native_chain: *transfer_to_native_chain,
                expected_mint: expected_mint.clone(),
            };
            one(build::liquid_stake(&lst(l)?, sender, amount, &opts))
        }
        Command::LiquidUnstake { amount, lst: l, .. } => {
            one(build::liquid_unstake(&lst(l)?, sender, amount))
        }
        Command::ClaimUnstaked { batch_id, lst: l, .. } => {
            one(build::claim_unstaked(&lst(l)?, sender, *batch_id))
        }
        Command::Vote { proposal_id, option, weighted, gov, metadata, .. } => {
            one(build::vote(sender, *proposal_id, *option, weighted.as_deref(), *gov, metadata))
        }
        Command::Send { to, amount, .. } => one(build::send(chain, sender, to, amount)),
        Command::Delegate { validator, amount, .. } => {
            one(build::delegate(chain, sender, validator, amount))
        }
        Command::Bridge {
            recipient,
            amount,
            domain,
            max_fee,
            dest_gas_limit,
            custom_hook,
            hook_metadata,
            ..
        } => {
            let domain = build::hyperlane_domain(domain).map_err(CliError::usage)?;
            let opts = build::BridgeOpts {
                max_fee: max_fee.clone(),
                gas_limit: *dest_gas_limit,
                custom_hook: custom_hook.clone(),
                hook_metadata: hook_metadata.clone(),
            };
            one(build::bridge(chain, sender, recipient, amount, domain, &opts))
        }
        Command::IbcTransfer {
            receiver,
            amount,
            channel,
            port,
            timeout_minutes,
            ibc_timeout_height,
            ibc_memo,
            ..
        } => {
            let timeout_height = match ibc_timeout_height {
                Some(h) => {
                    let (r, h) = h
                        .split_once('-')
                        .and_then(|(r, h)| Some((r.parse().ok()?, h.parse().ok()?)))
                        .ok_or_else(|| {
                            CliError::usage(format!(
                                "invalid --ibc-timeout-height {h:?}: use REVISION-HEIGHT"
                            ))
                        })?;
                    Some((r, h))
                }
                None => None,
            };
            let timeout_timestamp = if *timeout_minutes == 0 {
                0
            } else {
                let now = SystemTime::now()
                    .duration_since(UNIX_EPOCH)
                    .map_err(|e| CliError::usage(e.to_string()))?;
                u64::try_from(now.as_nanos())
                    .unwrap_or(u64::MAX)
                    .saturating_add(timeout_minutes.saturating_mul(60_000_000_000))
            };
            let o = IbcOpts {
                port: port.clone(),
                channel: channel.clone(),
                timeout_height,
                timeout_timestamp,
                memo: ibc_memo.clone(),
            };
            one(build::ibc_transfer(chain, sender, receiver, amount, &o))
        }
        Command::Grant { grantee, kind, msg_type, limit, allow, deny, expiration, .. } => {
            let o = build::GrantOpts {
                msg_type: msg_type.clone(),
                limit: limit.clone(),
                allow: allow.clone(),
                deny: deny.clone(),
                expiration: expiration.clone(),
            };
            one(build::grant(chain, sender, grantee, *kind, &o))
        }
        Command::Revoke { grantee, msg_type, .. } => {
            one(build::revoke(chain, sender, grantee, msg_type))
        }
        Command::FeeGrant { grantee, revoke: true, .. } => {
            one(build::fee_revoke(chain, sender, grantee))
        }
        Command::FeeGrant {
            grantee,
            limit,
            expiration,
            period,
            period_limit,
            allowed_messages,
            ..
        } => {
            let now = SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .map_err(|e| CliError::usage(e.to_string()))?
                .as_secs();
            let o = build::FeeGrantOpts {
                limit: limit.clone(),
                expiration: expiration.clone(),
                period_seconds: *period,
                period_limit: period_limit.clone(),
                allowed_messages: allowed_messages.clone(),
            };
            one(build::fee_grant(
                chain,
                sender,
                grantee,
                &o,
                i64::try_from(now).unwrap_or(i64::MAX),
            ))
        }
        Command::Validator(ValidatorCmd::Create {
            amount,
            description,
            pubkey,
            commission_rate,
            commission_max_rate,
            commission_max_change_rate,
            min_self_delegation,
            ..
        }) => one(build::create_validator(
            chain,
            sender,
            &description.opts(),
            (commission_rate, commission_max_rate, commission_max_change_rate),
            min_self_delegation,
            pubkey,
            amount,
        )),
        Command::Validator(ValidatorCmd::Edit {
            description,
            commission_rate,
            min_self_delegation,
            ..
        }) => one(build::edit_validator(
            chain,
            sender,
            &description.opts(),
            commission_rate.as_deref(),
            min_self_delegation.as_deref(),
        )),
        Command::Validator(ValidatorCmd::Unjail { .. }) => one(build::unjail(chain, sender)),
        Command::RewardsPlan(RewardsPlanCmd::Create { service, plan, creation_fee, .. }) => {
            one(build::create_rewards_plan(
                chain,
                sender,
                *service,
                &plan.opts(),
                creation_fee.as_deref(),
            ))
        }
        Command::RewardsPlan(RewardsPlanCmd::Edit { id, plan, .. }) => {
            one(build::edit_rewards_plan(chain, sender, *id, &plan.opts()))
        }
        Command::Address { .. }
        | Command::Sign { .. }
        | Command::Preview { .. }
        | Command::SignMessage { .. }
        | Command::VerifyMessage { .. } => {
            unreachable!("not a transaction command")
        }
    }
}

/// `--gas auto`: simulates `tx` (signed by `key` in `mode`, with an empty signature, as
/// the SDK's simulation takes it) and returns the gas used times `adjustment`, rounded up.
fn simulate_gas(
    node: &Node,
    tx: &Tx,
    mode: SignMode,
    key: &AddressInfo,
    adjustment: f64,
) -> Result<u64, CliError> {
    use prost::Message as _;
    let raw = cosmos_sdk_proto::cosmos::tx::v1beta1::TxRaw {
        body_bytes: tx.body_bytes(),
        auth_info_bytes: tx.auth_info_bytes(mode, &key.public_key),
        signatures: vec![Vec::new()],
    };
    eprintln!("Simulating on {}…", node.url());
    let used = node.simulate(&raw.encode_to_vec())?;
    // Gas limits are far below 2^53, where f64 is exact.
    let limit = (used as f64 * adjustment).ceil() as u64;
    eprintln!("Gas: {used} used in simulation, limit {limit} (x{adjustment}).");
    Ok(limit)
}

/// `--broadcast`: submits the signed transaction, prints its hash, waits until it is in a
/// block and prints the height and result code (stdout: `txhash: …`, `height: …`,
/// `code: 0`).
fn broadcast_and_wait(node: &Node, signed: &Signed, timeout_secs: u64) -> Result<(), CliError> {
    let bytes = signed.to_bytes();
    eprintln!("Broadcasting to {}…", node.url());
    let sent = node.broadcast(&bytes)?;
    println!("txhash: {}", sent.txhash);
    let ours = crate::node::tx_hash(&bytes);
    if sent.txhash != ours {
        eprintln!("warning: the node reports hash {}, the transaction's is {ours}", sent.txhash);
    }
    eprintln!("Accepted; waiting for it to be in a block (up to {timeout_secs} s)…");
    let done = node.wait_for(
        &sent.txhash,
        std::time::Duration::from_secs(timeout_secs),
        std::time::Duration::from_secs(1),
    )?;
    println!("height: {}", done.height);
    println!("code: {}", done.code);
    eprintln!(
        "Included at height {} (gas used {} of {}).",
        done.height, done.gas_used, done.gas_wanted
    );
    Ok(())
}

#[allow(clippy::too_many_arguments)]
fn sign_and_print(
    dev: &Device<AnyTransport>,
    path: &HdPath,
    chain: &Chain,
    key: &AddressInfo,
    tx: Tx,
    mode: SignMode,
    metadata: &crate::textual::DenomMetadata,
    output: Option<&std::path::Path>,
) -> Result<Signed, CliError> {
    eprintln!(
        "Signing {} message(s) as {} ({path}) on {} in {} mode.",
        tx.msgs.len(),
        key.address,
        tx.chain_id,
        mode.name()
    );
    let signed = match mode {
        SignMode::Textual => block(dev.sign_tx_textual(path, chain.hrp, key, &tx, metadata))?,
        _ => block(dev.sign_tx_with_key(path, chain.hrp, key, &tx, mode))?,
    };
    eprintln!("Signed; signature verified against {}.", key.address);
    println!("{}", signed.to_base64());
    if let Some(out) = output {
        write_output(out, &signed_json(&signed, &tx, &key.address, path)?)?;
    }
    Ok(signed)
}

fn b64(bytes: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

/// The `--output` JSON of a signed transaction (`tx`: what was signed).
pub fn signed_json(s: &Signed, tx: &Tx, address: &str, path: &HdPath) -> Result<Json, CliError> {
    let mut o = ObjectBuilder::new();
    o.insert("tx_raw", Json::str(s.to_base64()));
    o.insert("mode", Json::str(s.mode.name()));
    o.insert("address", Json::str(address));
    o.insert("path", Json::str(path.to_string()));
    o.insert("public_key", Json::str(b64(&s.public_key)));
    o.insert("signature", Json::str(b64(&s.signature)));
    o.insert("sign_bytes", Json::str(b64(&s.sign_bytes)));
    // The transaction in amino JSON form (readable, and what `sign` takes back).
    o.insert(
        "tx",
        tx.amino_sign_doc().map_err(|e| CliError { code: EXIT_FAILURE, message: e.to_string() })?,
    );
    Ok(o.build())
}

fn write_output(path: &std::path::Path, j: &Json) -> Result<(), CliError> {
    std::fs::write(path, j.to_pretty_string() + "\n").map_err(|e| CliError {
        code: EXIT_FAILURE,
        message: format!("cannot write {}: {e}", path.display()),
    })?;
    eprintln!("Wrote {}.", path.display());
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn clap_definition_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn every_subcommand_has_help_with_an_example() {
        fn walk(c: &clap::Command, path: &str) {
            let name = format!("{path} {}", c.get_name());
            let leaf_or_group = c.get_subcommands().next().is_none()
                || ["restake", "unrestake"].contains(&c.get_name());
            if leaf_or_group && c.get_name() != "milkyway-ledger" {
                let help = c.get_after_help().map(|h| h.to_string()).unwrap_or_default();
                assert!(help.contains("milkyway-ledger "), "{name} has no example");
            }
            for s in c.get_subcommands() {
                if s.get_name() != "help" {
                    walk(s, &name);
                }
            }
        }
        walk(&Cli::command(), "");
    }

    #[test]
    fn usage_errors_exit_2_and_help_exits_0() {
        assert_eq!(run(["milkyway-ledger", "restake", "pool"]), EXIT_USAGE);
        assert_eq!(run(["milkyway-ledger", "nope"]), EXIT_USAGE);
        assert_eq!(run(["milkyway-ledger", "restake", "pool", "--help"]), EXIT_OK);
        // Bad amount: caught before any device is opened.
        assert_eq!(
            run([
                "milkyway-ledger",
                "restake",
                "pool",
                "1NOPE",
                "--account-number",
                "1",
                "--sequence",
                "0",
                "--device",
                "speculos:127.0.0.1:1"
            ]),
            EXIT_USAGE
        );
        // Chain conflict for liquid staking.
        assert_eq!(
            run([
                "milkyway-ledger",
                "liquid-stake",
                "1TIA",
                "--chain",
                "milkyway",
                "--account-number",
                "1",
                "--sequence",
                "0"
            ]),
            EXIT_USAGE
        );
        assert_eq!(run(["milkyway-ledger", "sign", "/nonexistent/tx.json"]), EXIT_USAGE);
    }

    #[test]
    fn unreachable_device_exits_3() {
        // Nothing listens on port 1 of loopback.
        assert_eq!(
            run(["milkyway-ledger", "address", "--device", "speculos:127.0.0.1:1"]),
            EXIT_DEVICE
        );
        assert_eq!(
            run([
                "milkyway-ledger",
                "vote",
                "7",
                "yes",
                "--account-number",
                "1",
                "--sequence",
                "0",
                "--device",
                "speculos:127.0.0.1:1"
            ]),
            EXIT_DEVICE
        );
    }

    #[test]
    fn commands_build_the_expected_messages() {
        let cli = Cli::try_parse_from([
            "milkyway-ledger",
            "restake",
            "operator",
            "12",
            "1MILK",
            "--account-number",
            "1",
            "--sequence",
            "0",
        ])
        .unwrap();
        let sender = placeholder_address("milk");
        let msgs = build_msgs(&cli.command, &denoms::MILKYWAY, &sender).unwrap();
        assert!(
            matches!(&msgs[..], [Msg::DelegateOperator(m)] if m.operator_id == 12 && m.amount[0].amount == "1000000")
        );

        let cli = Cli::try_parse_from([
            "milkyway-ledger",
            "liquid-stake",
            "10.5TIA",
            "--account-number",
            "1",
            "--sequence",
            "0",
        ])
        .unwrap();
        let (tx, implied) = tx_args_of(&cli.command).unwrap();
        let (chain, chain_id) = resolve_chain(tx, implied.as_deref()).unwrap();
        assert_eq!((chain.name, chain_id.as_str()), ("osmosis", "osmosis-1"));
        let msgs = build_msgs(&cli.command, &chain, &placeholder_address("osmo")).unwrap();
        assert!(
            matches!(&msgs[..], [Msg::ExecuteContract(m)] if m.contract == denoms::MILKTIA_CONTRACT)
        );

        let cli = Cli::try_parse_from([
            "milkyway-ledger",
            "ibc-transfer",
            &sender,
            "1TIA",
            "--channel",
            "channel-1",
            "--timeout-minutes",
            "0",
            "--ibc-timeout-height",
            "1-500",
            "--account-number",
            "1",
            "--sequence",
            "0",
        ])
        .unwrap();
        let msgs = build_msgs(&cli.command, &denoms::MILKYWAY, &sender).unwrap();
        let Msg::Transfer(t) = &msgs[0] else { panic!() };
        assert_eq!(
            (t.timeout_height, t.timeout_timestamp),
            (Some(crate::msgs::ibc::Height { revision_number: 1, revision_height: 500 }), 0)
        );
    }
}
