//! A Cosmos SDK node's REST API (the gRPC gateway of SDK 0.50), for what signing needs:
//! the signer's account number and sequence, a gas estimate, broadcasting a signed
//! transaction and waiting for it to be included.
//!
//! | what | endpoint |
//! |---|---|
//! | account number, sequence | `GET /cosmos/auth/v1beta1/accounts/{address}` |
//! | gas estimate | `POST /cosmos/tx/v1beta1/simulate` `{"tx_bytes":…}` |
//! | broadcast | `POST /cosmos/tx/v1beta1/txs` `{"tx_bytes":…,"mode":"BROADCAST_MODE_SYNC"}` |
//! | inclusion | `GET /cosmos/tx/v1beta1/txs/{hash}` (404 until included) |
//!
//! Every failure is a [`NodeError`] with one line a person can act on and its own CLI
//! exit code ([`NodeError::exit_code`]).
//!
//! ```no_run
//! use milkyway_ledger::node::Node;
//!
//! let node = Node::new("https://api.milkyway.example")?;
//! let account = node.account("milk1w34k53py5v5xyluazqpq65agyajavep2d6e7j9")?;
//! println!("account number {}, sequence {}", account.account_number, account.sequence);
//! # Ok::<(), milkyway_ledger::node::NodeError>(())
//! ```

use std::time::{Duration, Instant};

use base64::Engine as _;

use crate::amino_json::{self, Json};

/// SDK error code (codespace `sdk`) of an insufficient fee.
pub const CODE_INSUFFICIENT_FEE: u32 = 13;
/// SDK error code (codespace `sdk`) of a wrong account sequence.
pub const CODE_WRONG_SEQUENCE: u32 = 32;

/// What can go wrong talking to the node, each with its exit code.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NodeError {
    #[error("invalid node URL {0:?}: use http://HOST:PORT or https://HOST")]
    BadUrl(String),
    #[error("cannot reach the node at {url}: {reason}")]
    Unreachable { url: String, reason: String },
    #[error("the node's answer to {path} is not what a Cosmos SDK node sends: {reason}")]
    BadAnswer { path: String, reason: String },
    #[error("account {0} does not exist on the chain yet: send it funds first")]
    UnknownAccount(String),
    #[error("insufficient fee (code 13): {raw_log}; raise --fee")]
    InsufficientFee { raw_log: String },
    #[error("wrong account sequence (code 32): {raw_log}; retry (without --sequence, it is read from the node)")]
    WrongSequence { raw_log: String },
    #[error("the node rejected the transaction (code {code}{}): {raw_log}", codespace_suffix(.codespace))]
    Rejected { code: u32, codespace: String, raw_log: String },
    #[error("the transaction {hash} was included at height {height} but failed (code {code}{}): {raw_log}", codespace_suffix(.codespace))]
    Failed { hash: String, height: u64, code: u32, codespace: String, raw_log: String },
    #[error("the transaction {hash} was not included within {seconds} s; query it later with GET /cosmos/tx/v1beta1/txs/{hash}")]
    NotIncluded { hash: String, seconds: u64 },
}

fn codespace_suffix(codespace: &str) -> String {
    if codespace.is_empty() {
        String::new()
    } else {
        format!(", codespace {codespace}")
    }
}

/// CLI exit code: the node cannot be reached, or does not answer as a Cosmos SDK node.
pub const EXIT_NODE_UNREACHABLE: i32 = 7;
/// CLI exit code: the signer's account does not exist on the chain.
pub const EXIT_UNKNOWN_ACCOUNT: i32 = 8;
/// CLI exit code: the fee is too low for the node (code 13).
pub const EXIT_INSUFFICIENT_FEE: i32 = 9;
/// CLI exit code: the account sequence is not the chain's (code 32).
pub const EXIT_WRONG_SEQUENCE: i32 = 10;
/// CLI exit code: the node rejected the transaction (simulation or broadcast; its log is printed).
pub const EXIT_REJECTED_BY_NODE: i32 = 11;
/// CLI exit code: the transaction was included in a block but failed (its log is printed).
pub const EXIT_FAILED_IN_BLOCK: i32 = 12;
/// CLI exit code: the transaction was broadcast but not seen in a block in time.
pub const EXIT_NOT_INCLUDED: i32 = 13;

impl NodeError {
    /// The CLI exit code of this failure.
    pub fn exit_code(&self) -> i32 {
        match self {
            NodeError::BadUrl(_) => crate::EXIT_USAGE,
            NodeError::Unreachable { .. } | NodeError::BadAnswer { .. } => EXIT_NODE_UNREACHABLE,
            NodeError::UnknownAccount(_) => EXIT_UNKNOWN_ACCOUNT,
            NodeError::InsufficientFee { .. } => EXIT_INSUFFICIENT_FEE,
            NodeError::WrongSequence { .. } => EXIT_WRONG_SEQUENCE,
            NodeError::Rejected { .. } => EXIT_REJECTED_BY_NODE,
            NodeError::Failed { .. } => EXIT_FAILED_IN_BLOCK,
            NodeError::NotIncluded { .. } => EXIT_NOT_INCLUDED,
        }
    }
}

/// The signer's account as the chain knows it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Account {
    pub account_number: u64,
    pub sequence: u64,
}

/// The node's answer to a broadcast (`tx_response` of `BROADCAST_MODE_SYNC`: CheckTx
/// passed) or to a transaction query once included.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TxResult {
    /// Upper-case hex SHA-256 of the `TxRaw` bytes.
    pub txhash: String,
    /// 0 until included.
    pub height: u64,
    pub code: u32,
    pub codespace: String,
    pub raw_log: String,
    pub gas_used: u64,
    pub gas_wanted: u64,
}

/// A node's REST endpoint.
#[derive(Clone, Debug)]
pub struct Node {
    base: String,
    agent: ureq::Agent,
}

/// The result of a request: the HTTP status and the body parsed as JSON.
type Answer = (u16, Json);

impl Node {
    /// A node at `url` (`http://host:port` or `https://host[/prefix]`).
    pub fn new(url: &str) -> Result<Node, NodeError> {
        let base = url.trim_end_matches('/').to_owned();
        let ok = (base.starts_with("http://") || base.starts_with("https://"))
            && base.split("://").nth(1).is_some_and(|rest| !rest.is_empty());
        if !ok {
            return Err(NodeError::BadUrl(url.to_owned()));
        }
        let agent = ureq::AgentBuilder::new()
            .timeout_connect(Duration::from_secs(5))
            .timeout(Duration::from_secs(30))
            .build();
        Ok(Node { base, agent })
    }

    /// The base URL.
    pub fn url(&self) -> &str {
        &self.base
    }

    fn request(&self, path: &str, body: Option<&Json>) -> Result<Answer, NodeError> {
        let url = format!("{}{path}", self.base);
        let result = match body {
            None => self.agent.get(&url).call(),
            Some(b) => self
                .agent
                .post(&url)
                .set("Content-Type", "application/json")
                .send_string(&b.to_canonical_string()),
        };
        let response = match result {
            Ok(r) => r,
            Err(ureq::Error::Status(_, r)) => r,
            Err(ureq::Error::Transport(t)) => {
                return Err(NodeError::Unreachable {
                    url: self.base.clone(),
                    reason: t.to_string(),
                })
            }
        };
        let status = response.status();
        let text = response.into_string().map_err(|e| NodeError::Unreachable {
            url: self.base.clone(),
            reason: format!("reading the answer to {path}: {e}"),
        })?;
        let json = amino_json::parse(&text).map_err(|e| NodeError::BadAnswer {
            path: path.to_owned(),
            reason: format!("HTTP {status}, not JSON ({e})"),
        })?;
        Ok((status, json))
    }

    /// The account number and sequence of `address` (any account type that has a
    /// `BaseAccount` inside: base, vesting, module accounts).
    pub fn account(&self, address: &str) -> Result<Account, NodeError> {
        let path = format!("/cosmos/auth/v1beta1/accounts/{address}");
        let (status, json) = self.request(&path, None)?;
        if status == 404 || grpc_code(&json) == Some(5) {
            return Err(NodeError::UnknownAccount(address.to_owned()));
        }
        let bad = |reason: &str| NodeError::BadAnswer { path: path.clone(), reason: reason.into() };
        if status != 200 {
            return Err(bad(&format!("HTTP {status}: {}", error_message(&json))));
        }
        let account = json.get("account").ok_or_else(|| bad("no \"account\""))?;
        let base = find_base_account(account, 0).ok_or_else(|| bad("no account number"))?;
        Ok(Account {
            account_number: quoted_u64(base.get("account_number"))
                .ok_or_else(|| bad("the account number is not a number"))?,
            // A new account's sequence may be left out (proto3 default).
            sequence: match base.get("sequence") {
                None => 0,
                s => quoted_u64(s).ok_or_else(|| bad("the sequence is not a number"))?,
            },
        })
    }

    /// Simulates a transaction (`tx_bytes`: a `TxRaw`; the signature may be empty) and
    /// returns the gas it used.
    pub fn simulate(&self, tx_bytes: &[u8]) -> Result<u64, NodeError> {
        let path = "/cosmos/tx/v1beta1/simulate";
        let body =
            amino_json::ObjectBuilder::new().field("tx_bytes", Json::str(b64(tx_bytes))).build();
        let (status, json) = self.request(path, Some(&body))?;
        if status != 200 {
            return Err(classify_message(error_message(&json)));
        }
        let gas_used = json.get("gas_info").and_then(|g| quoted_u64(g.get("gas_used")));
        gas_used.ok_or_else(|| NodeError::BadAnswer {
            path: path.to_owned(),
            reason: "no gas_info.gas_used".into(),
        })
    }

    /// Broadcasts a signed `TxRaw` (`BROADCAST_MODE_SYNC`: returns once CheckTx passed);
    /// a CheckTx failure is an error with the node's log.
    pub fn broadcast(&self, tx_bytes: &[u8]) -> Result<TxResult, NodeError> {
        let path = "/cosmos/tx/v1beta1/txs";
        let body = amino_json::ObjectBuilder::new()
            .field("tx_bytes", Json::str(b64(tx_bytes)))
            .field("mode", Json::str("BROADCAST_MODE_SYNC"))
            .build();
        let (status, json) = self.request(path, Some(&body))?;
        if status != 200 {
            return Err(classify_message(error_message(&json)));
        }
        let result = tx_result(&json, path)?;
        if result.code != 0 {
            return Err(classify(result.code, &result.codespace, &result.raw_log));
        }
        Ok(result)
    }

    /// The transaction `hash` once included (`None` while the node does not know it).
    pub fn tx(&self, hash: &str) -> Result<Option<TxResult>, NodeError> {
        let path = format!("/cosmos/tx/v1beta1/txs/{hash}");
        let (status, json) = self.request(&path, None)?;
        if status == 404 || grpc_code(&json) == Some(5) {
            return Ok(None);
        }
        if status != 200 {
            return Err(NodeError::BadAnswer {
                path,
                reason: format!("HTTP {status}: {}", error_message(&json)),
            });
        }
        tx_result(&json, &path).map(Some)
    }

    /// Polls [`Node::tx`] every `interval` until the transaction is included (its
    /// result, an error if it failed) or `timeout` has passed.
    pub fn wait_for(
        &self,
        hash: &str,
        timeout: Duration,
        interval: Duration,
    ) -> Result<TxResult, NodeError> {
        let start = Instant::now();
        loop {
            if let Some(r) = self.tx(hash)? {
                if r.code != 0 {
                    return Err(NodeError::Failed {
                        hash: r.txhash,
                        height: r.height,
                        code: r.code,
                        codespace: r.codespace,
                        raw_log: r.raw_log,
                    });
                }
                return Ok(r);
            }
            if start.elapsed() + interval > timeout {
                return Err(NodeError::NotIncluded {
                    hash: hash.to_owned(),
                    seconds: timeout.as_secs(),
                });
            }
            std::thread::sleep(interval);
        }
    }
}

/// The upper-case hex SHA-256 of `TxRaw` bytes: the transaction hash the chain uses.
pub fn tx_hash(tx_bytes: &[u8]) -> String {
    crate::crypto::sha256(tx_bytes).iter().map(|b| format!("{b:02X}")).collect()
}

fn b64(bytes: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

/// A gRPC-gateway error's `code` (5 = NotFound).
fn grpc_code(json: &Json) -> Option<u64> {
    match json.get("code") {
        Some(Json::Number(n)) if json.get("message").is_some() => n.parse().ok(),
        _ => None,
    }
}

fn error_message(json: &Json) -> String {
    json.get("message")
        .and_then(Json::as_str)
        .map_or_else(|| json.to_canonical_string(), str::to_owned)
}

/// A number written as a JSON string (`"12"`, as the gateway writes 64-bit integers) or
/// a JSON number.
fn quoted_u64(v: Option<&Json>) -> Option<u64> {
    match v? {
        Json::String(s) | Json::Number(s) => s.parse().ok(),
        _ => None,
    }
}

/// The `BaseAccount` inside an account of any type (`base_vesting_account.base_account`,
/// `base_account`…): the object that has an `account_number`.
fn find_base_account(v: &Json, depth: usize) -> Option<&Json> {
    let obj = v.as_object()?;
    if obj.contains_key("account_number") {
        return Some(v);
    }
    if depth >= 4 {
        return None;
    }
    obj.values().find_map(|inner| find_base_account(inner, depth + 1))
}

fn tx_result(json: &Json, path: &str) -> Result<TxResult, NodeError> {
    let bad = |reason: &str| NodeError::BadAnswer { path: path.to_owned(), reason: reason.into() };
    let r = json.get("tx_response").ok_or_else(|| bad("no tx_response"))?;
    let text = |k: &str| r.get(k).and_then(Json::as_str).unwrap_or_default().to_owned();
    let txhash = text("txhash");
    if txhash.is_empty() {
        return Err(bad("no txhash"));
    }
    Ok(TxResult {
        txhash,
        height: quoted_u64(r.get("height")).unwrap_or(0),
        code: quoted_u64(r.get("code")).and_then(|c| u32::try_from(c).ok()).unwrap_or(0),
        codespace: text("codespace"),
        raw_log: text("raw_log"),
        gas_used: quoted_u64(r.get("gas_used")).unwrap_or(0),
        gas_wanted: quoted_u64(r.get("gas_wanted")).unwrap_or(0),
    })
}

/// A CheckTx failure by its code (codespace `sdk`).
fn classify(code: u32, codespace: &str, raw_log: &str) -> NodeError {
    let raw_log = raw_log.to_owned();
    match (codespace, code) {
        ("sdk" | "", CODE_INSUFFICIENT_FEE) => NodeError::InsufficientFee { raw_log },
        ("sdk" | "", CODE_WRONG_SEQUENCE) => NodeError::WrongSequence { raw_log },
        _ => NodeError::Rejected { code, codespace: codespace.to_owned(), raw_log },
    }
}

/// A simulation or broadcast refused with an HTTP error: the gateway's message carries
/// the SDK error text ("account sequence mismatch…: incorrect account sequence").
fn classify_message(message: String) -> NodeError {
    if message.contains("incorrect account sequence") {
        NodeError::WrongSequence { raw_log: message }
    } else if message.contains("insufficient fee") {
        NodeError::InsufficientFee { raw_log: message }
    } else {
        NodeError::Rejected { code: 0, codespace: String::new(), raw_log: message }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_and_hashes() {
        assert!(Node::new("http://127.0.0.1:1317").is_ok());
        assert!(Node::new("https://api.example/").is_ok());
        assert_eq!(Node::new("127.0.0.1:1317").unwrap_err().exit_code(), crate::EXIT_USAGE);
        assert!(Node::new("http://").is_err());
        // SHA-256("abc"), upper-case hex.
        assert_eq!(
            tx_hash(b"abc"),
            "BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD"
        );
    }

    #[test]
    fn account_shapes() {
        let base = amino_json::parse(
            r#"{"account":{"@type":"/cosmos.auth.v1beta1.BaseAccount","address":"milk1x","pub_key":null,"account_number":"12","sequence":"3"}}"#,
        )
        .unwrap();
        let a = find_base_account(base.get("account").unwrap(), 0).unwrap();
        assert_eq!(quoted_u64(a.get("account_number")), Some(12));
        let vesting = amino_json::parse(
            r#"{"account":{"@type":"/cosmos.vesting.v1beta1.ContinuousVestingAccount","base_vesting_account":{"base_account":{"address":"milk1x","account_number":"7","sequence":"1"},"original_vesting":[]},"start_time":"0"}}"#,
        )
        .unwrap();
        let a = find_base_account(vesting.get("account").unwrap(), 0).unwrap();
        assert_eq!(quoted_u64(a.get("account_number")), Some(7));
    }

    #[test]
    fn check_tx_codes() {
        assert_eq!(classify(13, "sdk", "x").exit_code(), EXIT_INSUFFICIENT_FEE);
        assert_eq!(classify(32, "sdk", "x").exit_code(), EXIT_WRONG_SEQUENCE);
        assert_eq!(classify(5, "sdk", "x").exit_code(), EXIT_REJECTED_BY_NODE);
        // Code 13 of another module is not the SDK's insufficient fee.
        assert_eq!(classify(13, "wasm", "x").exit_code(), EXIT_REJECTED_BY_NODE);
        assert_eq!(
            classify_message(
                "account sequence mismatch, expected 4, got 3: incorrect account sequence".into()
            )
            .exit_code(),
            EXIT_WRONG_SEQUENCE
        );
    }
}
