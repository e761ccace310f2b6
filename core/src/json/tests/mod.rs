//! The JSON reader's tests: the canonical form ([`canonical`]), relaxed reading
//! ([`relaxed`]) and properties ([`property`]) of random documents ([`generate`]) and of
//! mutated ones, against a reference reader built on `std` ([`reference`]). The helpers
//! the tests share are here.

extern crate std;

use super::*;
use std::string::{String, ToString};

// ---------------------------------------------------------------- helpers

fn ok(doc: &[u8]) -> Value<'_> {
    match parse(doc, MAX_DEPTH) {
        Ok(v) => v,
        Err(e) => panic!("rejected {:?}: {e}", String::from_utf8_lossy(doc)),
    }
}

fn err(doc: &[u8]) -> JsonError {
    match parse(doc, MAX_DEPTH) {
        Ok(v) => panic!("accepted {:?} as {v:?}", String::from_utf8_lossy(doc)),
        Err(e) => e,
    }
}

/// Asserts every (document, expected error) pair.
fn rejects(cases: &[(&[u8], JsonError)]) {
    for (doc, expected) in cases {
        assert_eq!(
            parse(doc, MAX_DEPTH).map(|v| v.raw()),
            Err(*expected),
            "document {:?}",
            String::from_utf8_lossy(doc)
        );
    }
}

fn accepts(docs: &[&[u8]]) {
    for doc in docs {
        assert_eq!(ok(doc).raw(), *doc);
    }
}

fn object(v: Value<'_>) -> Object<'_> {
    v.as_object().expect("an object")
}

fn array(v: Value<'_>) -> Array<'_> {
    v.as_array().expect("an array")
}

fn text(v: Value<'_>) -> String {
    v.as_str().expect("a string").to_string()
}

fn at<'a>(v: Value<'a>, path: &[&str]) -> Value<'a> {
    let mut v = v;
    for key in path {
        v = match key.parse::<usize>() {
            Ok(i) => array(v).get(i),
            Err(_) => object(v).get(key),
        }
        .unwrap_or_else(|| panic!("no {key} in {:?}", String::from_utf8_lossy(v.raw())));
    }
    v
}

const DELEGATE_POOL: &[u8] = br#"{"account_number":"7","chain_id":"milkyway","fee":{"amount":[{"amount":"5000","denom":"umilk"}],"gas":"200000"},"memo":"","msgs":[{"type":"milkyway/MsgDelegatePool","value":{"amount":{"amount":"1000000","denom":"umilk"},"delegator":"milk1qy352eufqy352eufqy352eufqy352euf0e4hks"}}],"sequence":"3"}"#;

const WASM_LIQUID_STAKE: &[u8] = br#"{"account_number":"12","chain_id":"milkyway","fee":{"amount":[{"amount":"2500","denom":"umilk"}],"gas":"250000","payer":"milk1payer"},"memo":"stake \u003cnow\u003e \u0026 smile \ud83d\ude00","msgs":[{"type":"wasm/MsgExecuteContract","value":{"contract":"milk1contract","funds":[{"amount":"10500000","denom":"ibc/16065EE5282C5217685C8F084FC44864C25C706AC37356B0D62811D50B96920"},{"amount":"1","denom":"umilk"}],"msg":{"liquid_stake":{"expected_mint_amount":"10400000","mint_to":"osmo1user","transfer_to_native_chain":true}},"sender":"milk1user"}},{"type":"wasm/MsgExecuteContract","value":{"contract":"milk1contract","msg":{"withdraw":{"batch_id":42}},"sender":"milk1user"}}],"sequence":"0","timeout_height":"123456"}"#;

const USER_PREFERENCES: &[u8] = br#"{"account_number":"1","chain_id":"milkyway","fee":{"amount":[],"gas":"100000"},"memo":"","msgs":[{"type":"milkyway/MsgSetUserPreferences","value":{"preferences":{"trusted_services":[{"pools_ids":[1,3],"service_id":2},{"service_id":5}]},"user":"milk1user"}},{"type":"milkyway/MsgDelegateOperator","value":{"amount":[{"amount":"1","denom":"umilk"}],"delegator":"milk1user","operator_id":12}},{"type":"cosmos-sdk/v1/MsgVote","value":{"option":1,"proposal_id":"17","voter":"milk1user"}}],"sequence":"9"}"#;

const AUTHZ_EXEC: &[u8] = br#"{"account_number":"3","chain_id":"milkyway","fee":{"amount":[{"amount":"1","denom":"umilk"}],"gas":"1"},"memo":"","msgs":[{"type":"cosmos-sdk/MsgExec","value":{"grantee":"milk1grantee","msgs":[{"type":"wasm/MsgExecuteContract","value":{"contract":"milk1c","msg":{"a":{"b":{"c":[[{"d":null,"e":false}]]}}},"sender":"milk1granter"}}]}}],"sequence":"1"}"#;

mod canonical;
mod generate;
mod property;
mod reference;
mod relaxed;
