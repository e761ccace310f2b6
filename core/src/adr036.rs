//! ADR-036 off-chain messages: the Amino JSON document cosmjs and Keplr's `signArbitrary`
//! (`makeADR36AminoSignDoc`) sign to prove who owns an address, never a transaction:
//!
//! ```text
//! {"account_number":"0","chain_id":"","fee":{"amount":[],"gas":"0"},"memo":"",
//!  "msgs":[{"type":"sign/MsgSignData","value":{"data":"<base64>","signer":"<address>"}}],
//!  "sequence":"0"}
//! ```
//!
//! (cosmos/cosmos-sdk `docs/architecture/adr-036-arbitrary-signature.md`; Keplr's
//! `packages/cosmos/src/adr-36/amino.ts` checks the same shape.) A document naming
//! `sign/MsgSignData` is shown as "Sign message" only when it is exactly that shape:
//! canonical JSON, those keys and values, one message, data non-empty canonical base64.
//! Anything else naming `sign/MsgSignData` is refused (never blind-signed): a lookalike
//! with a sequence, a fee or a chain id could be a transaction.

use crate::error::Error;
use crate::json::{self, Object, Value as Json};
use crate::msg::MAX_JSON_DEPTH;

/// The Amino type of the one message of an ADR-036 document.
pub const MSG_SIGN_DATA: &str = "sign/MsgSignData";

/// An off-chain message to sign: who signs it and the data.
#[derive(Clone, Copy, Debug)]
pub struct SignData<'a> {
    /// The signer's bech32 address, as the document names it.
    pub signer: &'a str,
    /// The data as canonical base64 (as in the document).
    pub data_base64: &'a [u8],
    /// The number of bytes of data.
    pub len: usize,
}

impl<'a> SignData<'a> {
    /// The data's bytes.
    pub fn bytes(&self) -> crate::base64::Bytes<'a> {
        crate::base64::Bytes::new(self.data_base64)
    }

    /// The data as text when it is UTF-8 without control characters other than line
    /// breaks and tabs; `None` otherwise.
    pub fn text(&self) -> Option<Utf8Chars<'a>> {
        let all_ok = Utf8Chars::new(self.bytes()).all(|c| match c {
            Some(c) => !c.is_control() || c == '\n' || c == '\t',
            None => false,
        });
        all_ok.then(|| Utf8Chars::new(self.bytes()))
    }

    /// The SHA-256 of the data.
    pub fn sha256(&self) -> [u8; 32] {
        let mut h = crate::sha256::Sha256::new();
        for b in self.bytes() {
            h.update(&[b]);
        }
        h.finish()
    }
}

/// The characters of UTF-8 bytes read one at a time: `Some(c)`, or `None` at the first
/// byte that is not valid UTF-8 (overlong forms, surrogates and code points above
/// U+10FFFF included), after which it ends.
pub struct Utf8Chars<'a> {
    bytes: crate::base64::Bytes<'a>,
    failed: bool,
}

impl<'a> Utf8Chars<'a> {
    fn new(bytes: crate::base64::Bytes<'a>) -> Self {
        Utf8Chars { bytes, failed: false }
    }
}

impl Iterator for Utf8Chars<'_> {
    type Item = Option<char>;

    fn next(&mut self) -> Option<Option<char>> {
        if self.failed {
            return None;
        }
        let first = self.bytes.next()?;
        let (len, init, min) = match first {
            0x00..=0x7f => return Some(Some(char::from(first))),
            0xc2..=0xdf => (1, u32::from(first & 0x1f), 0x80),
            0xe0..=0xef => (2, u32::from(first & 0x0f), 0x800),
            0xf0..=0xf4 => (3, u32::from(first & 0x07), 0x1_0000),
            _ => {
                self.failed = true;
                return Some(None);
            }
        };
        let mut code = init;
        for _ in 0..len {
            match self.bytes.next() {
                Some(b) if b & 0xc0 == 0x80 => code = (code << 6) | u32::from(b & 0x3f),
                _ => {
                    self.failed = true;
                    return Some(None);
                }
            }
        }
        match char::from_u32(code).filter(|_| code >= min) {
            Some(c) => Some(Some(c)),
            None => {
                self.failed = true;
                Some(None)
            }
        }
    }
}

/// Whether `bytes` is a document naming `sign/MsgSignData`: `None` when it is not (or is
/// not canonical JSON at all: the transaction decoder says why), else the message, or
/// why the document is not exactly the ADR-036 shape.
pub fn detect(bytes: &[u8]) -> Option<Result<SignData<'_>, Error>> {
    let Ok(Json::Object(root)) = json::parse(bytes, MAX_JSON_DEPTH) else { return None };
    let Some(Json::Array(msgs)) = root.get("msgs") else { return None };
    let names_it = msgs.iter().any(|m| names_sign_data(&m));
    if !names_it {
        return None;
    }
    Some(exact(&root, msgs.len()))
}

fn is_str(v: Option<Json<'_>>, s: &str) -> bool {
    matches!(v, Some(Json::String(t)) if t.eq_str(s))
}

/// Exactly the keys `keys`, in the document.
fn has_only(o: &Object<'_>, keys: &[&str]) -> bool {
    o.len() == keys.len() && keys.iter().all(|k| o.get(k).is_some())
}

fn exact<'a>(root: &Object<'a>, count: usize) -> Result<SignData<'a>, Error> {
    let shape = Error::OffChainShape;
    let ok = has_only(root, &["account_number", "chain_id", "fee", "memo", "msgs", "sequence"])
        && is_str(root.get("account_number"), "0")
        && is_str(root.get("chain_id"), "")
        && is_str(root.get("memo"), "")
        && is_str(root.get("sequence"), "0")
        && root.get("fee").is_some_and(|fee| is_empty_fee(&fee))
        && count == 1;
    if !ok {
        return Err(shape);
    }
    let Some(Json::Array(msgs)) = root.get("msgs") else { return Err(shape) };
    match msgs.get(0) {
        Some(msg) => message(&msg),
        None => Err(shape),
    }
}

/// Whether `fee` is the off-chain document's fee: `{"amount":[],"gas":"0"}`.
pub fn is_empty_fee(fee: &Json<'_>) -> bool {
    match fee {
        Json::Object(fee) => {
            has_only(fee, &["amount", "gas"])
                && matches!(fee.get("amount"), Some(Json::Array(a)) if a.is_empty())
                && is_str(fee.get("gas"), "0")
        }
        _ => false,
    }
}

/// Whether the Amino message `msg` (`{"type":…,"value":…}`) names `sign/MsgSignData`.
pub fn names_sign_data(msg: &Json<'_>) -> bool {
    match msg {
        Json::Object(o) => is_str(o.get("type"), MSG_SIGN_DATA),
        _ => false,
    }
}

/// The off-chain document's one message, `{"type":"sign/MsgSignData","value":{"data":…,
/// "signer":…}}`: the data (non-empty canonical base64) and the signer (a bech32-looking
/// address; the device checks it is its own).
pub fn message<'a>(msg: &Json<'a>) -> Result<SignData<'a>, Error> {
    let shape = Error::OffChainShape;
    let Json::Object(msg) = msg else { return Err(shape) };
    let Some(Json::Object(value)) = msg.get("value") else { return Err(shape) };
    if !has_only(msg, &["type", "value"])
        || !is_str(msg.get("type"), MSG_SIGN_DATA)
        || !has_only(&value, &["data", "signer"])
    {
        return Err(shape);
    }
    let (Some(Json::String(data)), Some(Json::String(signer))) =
        (value.get("data"), value.get("signer"))
    else {
        return Err(shape);
    };
    // Base64 and bech32 need no JSON escape: a text with one is neither.
    let data = data.as_plain_str().ok_or(Error::OffChainData)?.as_bytes();
    let len = crate::base64::canonical_len(data).ok_or(Error::OffChainData)?;
    if len == 0 {
        return Err(Error::OffChainData);
    }
    let signer = signer.as_plain_str().ok_or(Error::OffChainSigner)?;
    let bech32ish = signer.rsplit_once('1').is_some_and(|(hrp, rest)| {
        !hrp.is_empty()
            && rest.len() >= 6
            && signer.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
    });
    if !bech32ish {
        return Err(Error::OffChainSigner);
    }
    Ok(SignData { signer, data_base64: data, len })
}

/// The screens of an off-chain message: the signer, then the data as text (paged like
/// any value) or, when it is not text, its length and SHA-256.
pub fn render<'s>(sd: &SignData<'_>, sink: &'s mut crate::render::Sink<'s>) -> Result<(), Error> {
    let text = sd.text();
    crate::render::with_emitter(sink, &mut |r| {
        r.screen("Signer", &|o| o.write_str(sd.signer).map_err(|_| Error::ValueTooLong))?;
        match &text {
            Some(_) => r.screen("Message", &|o| {
                for c in sd.text().into_iter().flatten().flatten() {
                    crate::text::write_visible_char(o, c).map_err(|_| Error::ValueTooLong)?;
                }
                Ok(())
            }),
            None => {
                r.screen("Message", &|o| {
                    write!(o, "{} bytes, not text", sd.len).map_err(|_| Error::ValueTooLong)
                })?;
                let digest = sd.sha256();
                r.screen("Message SHA-256", &|o| {
                    for b in digest {
                        write!(o, "{:02X}", b).map_err(|_| Error::ValueTooLong)?;
                    }
                    Ok(())
                })
            }
        }
    })
}
