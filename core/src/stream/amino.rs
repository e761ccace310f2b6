//! LEGACY_AMINO_JSON, streamed: a scanner of the canonical top-level `StdSignDoc`
//! object, `{"account_number":…,"chain_id":…,"fee":…,"memo":…,"msgs":[…],"sequence":…}`
//! and `"timeout_height"` last when present.
//!
//! The scanner checks the top level itself, as strictly as [`crate::json::parse`] does
//! for the whole document: no whitespace, exactly the bytes `{ " : , [ ] }` between the
//! elements, the keys those of [`crate::amino`] in strictly ascending order (each key is
//! read with the JSON reader, so an escaped spelling is the key it decodes to). Each value
//! and each element of `msgs` is found by tracking strings and brackets, copied into the
//! element buffer and read with [`crate::json::parse`] (canonical form, at the depth it
//! has in the document), then decoded by [`crate::amino`] and [`crate::msg::json_any`].
//!
//! The sorted keys put `account_number`, `chain_id`, `fee` and `memo` before `msgs`: they
//! are checked (and the chain rule applied) before the first message is shown, and held
//! for the closing screens. `sequence` and `timeout_height` come after.

use super::json_check::Checker;
use super::{show_closing, show_top, Event, EventSink, Own, Stream, StreamError, AMINO_DOC_DEPTH};
use crate::adr036;
use crate::chains;
use crate::error::Error;
use crate::json::{self, JsonError, Value as Json};
use crate::msg::{self, Read};
use crate::render::{Buf, Options, Screen};
use crate::session::Prefix;
use crate::text::Text;
use crate::tx::{json_text, Msgs, SignMode, Tx};

/// The root keys, in the (sorted) order the document must have them.
const KEYS: [&str; 7] =
    ["account_number", "chain_id", "fee", "memo", "msgs", "sequence", "timeout_height"];
const ACCOUNT: usize = 0;
const CHAIN: usize = 1;
const FEE: usize = 2;
const MEMO: usize = 3;
const MSGS: usize = 4;
const SEQUENCE: usize = 5;
const TIMEOUT: usize = 6;

/// The longest root key read: the longest name with every byte escaped (`\u0061`).
const MAX_KEY: usize = 96;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum State {
    /// Before `{`.
    Open,
    /// After `{` (`first`) or `,`: a key's opening quote (or `}` for `{}`).
    KeyStart {
        first: bool,
    },
    /// Inside a key.
    Key {
        escaped: bool,
    },
    Colon,
    /// The value of the key.
    Value,
    /// After `"msgs":`, before `[`.
    MsgsOpen,
    /// After `[` (`first`) or `,`: an element (or `]` for `[]`).
    MsgStart {
        first: bool,
    },
    /// Inside an element of `msgs`.
    Msg,
    /// Inside an element of `msgs` too large to hold, passed through its checker.
    MsgPass,
    /// After an element: `,` or `]`.
    MsgAfter,
    /// After a value: `,` or `}`.
    After,
    /// After the closing `}`: nothing may follow.
    Done,
}

/// Finds where one JSON value ends (its syntax is checked by the JSON reader afterwards).
#[derive(Clone, Copy, Debug)]
struct Extent {
    depth: usize,
    in_string: bool,
    escaped: bool,
    scalar: bool,
    started: bool,
}

enum Step {
    /// The value goes on.
    More,
    /// This byte was the value's last.
    Last,
    /// The value (a number or literal) ended before this byte.
    Before,
}

impl Extent {
    const fn new() -> Self {
        Extent { depth: 0, in_string: false, escaped: false, scalar: false, started: false }
    }

    fn step(&mut self, b: u8, max_depth: usize) -> Result<Step, Error> {
        if !self.started {
            self.started = true;
            match b {
                b'{' | b'[' => self.depth = 1,
                b'"' => self.in_string = true,
                b'}' | b']' | b',' | b':' => return Err(unexpected()),
                _ => self.scalar = true,
            }
            return Ok(Step::More);
        }
        if self.scalar {
            return Ok(if matches!(b, b',' | b']' | b'}') { Step::Before } else { Step::More });
        }
        if self.in_string {
            if self.escaped {
                self.escaped = false;
            } else if b == b'\\' {
                self.escaped = true;
            } else if b == b'"' {
                self.in_string = false;
                if self.depth == 0 {
                    return Ok(Step::Last);
                }
            }
            return Ok(Step::More);
        }
        match b {
            b'"' => self.in_string = true,
            b'{' | b'[' => {
                self.depth = self.depth.saturating_add(1);
                if self.depth > max_depth {
                    return Err(Error::Json(JsonError::NestingTooDeep { at: 0 }));
                }
            }
            b'}' | b']' => {
                self.depth = self.depth.saturating_sub(1);
                if self.depth == 0 {
                    return Ok(Step::Last);
                }
            }
            _ => {}
        }
        Ok(Step::More)
    }
}

fn unexpected() -> Error {
    Error::Json(JsonError::UnexpectedChar { at: 0 })
}

/// The error for byte `b` where a structural byte was expected.
fn not_structure(b: u8) -> Error {
    if matches!(b, b' ' | b'\t' | b'\r' | b'\n') {
        Error::Json(JsonError::Whitespace { at: 0 })
    } else {
        unexpected()
    }
}

/// The scanner's state (about 30 bytes).
pub(super) struct Scanner {
    state: State,
    extent: Extent,
    /// The last root key read (an index in `KEYS`).
    last_key: Option<usize>,
    key: usize,
    /// `"msgs":[` has been read.
    msgs: bool,
    /// The checker of a message passed through.
    check: Checker,
    /// The message passed through must be exactly `{"type":…,"value":{…}}`.
    check_shape: bool,
}

impl Scanner {
    pub(super) const fn new() -> Self {
        Scanner {
            state: State::Open,
            extent: Extent::new(),
            last_key: None,
            key: 0,
            msgs: false,
            check: Checker::new(MSG_DEPTH),
            check_shape: false,
        }
    }
}

/// How deep a root value may nest on its own (the root object is one level).
const VALUE_DEPTH: usize = AMINO_DOC_DEPTH.saturating_sub(1);
/// How deep an element of `msgs` may nest on its own (root object and `msgs` above it).
const MSG_DEPTH: usize = AMINO_DOC_DEPTH.saturating_sub(2);

pub(super) fn feed<const E: usize, const H: usize>(
    s: &mut Stream<'_, E, H>,
    data: &[u8],
    sink: &mut EventSink<'_>,
) -> Result<(), StreamError> {
    let mut bytes = data.iter();
    let mut pending: Option<u8> = None;
    loop {
        let b = match pending.take() {
            Some(b) => b,
            None => match bytes.next() {
                Some(&b) => {
                    s.pos = s.pos.saturating_add(1);
                    b
                }
                None => return Ok(()),
            },
        };
        let a = &mut s.amino;
        match a.state {
            State::Open => {
                if b != b'{' {
                    return Err(not_structure(b).into());
                }
                a.state = State::KeyStart { first: true };
            }
            State::KeyStart { first } => match b {
                b'"' => {
                    a.state = State::Key { escaped: false };
                    s.elem_len = 0;
                    s.push(b)?;
                }
                b'}' if first => a.state = State::Done,
                _ => return Err(not_structure(b).into()),
            },
            State::Key { escaped } => {
                if s.elem_len >= MAX_KEY {
                    return Err(Error::UnknownField.into());
                }
                s.push(b)?;
                let a = &mut s.amino;
                if escaped {
                    a.state = State::Key { escaped: false };
                } else if b == b'\\' {
                    a.state = State::Key { escaped: true };
                } else if b == b'"' {
                    root_key(s)?;
                }
            }
            State::Colon => {
                if b != b':' {
                    return Err(not_structure(b).into());
                }
                a.extent = Extent::new();
                s.elem_len = 0;
                a.state = if a.key == MSGS { State::MsgsOpen } else { State::Value };
            }
            State::Value => {
                let step = a.extent.step(b, VALUE_DEPTH)?;
                match step {
                    Step::More => s.push(b)?,
                    Step::Last => {
                        s.push(b)?;
                        root_value(s)?;
                        s.amino.state = State::After;
                    }
                    Step::Before => {
                        root_value(s)?;
                        s.amino.state = State::After;
                        pending = Some(b);
                    }
                }
            }
            State::MsgsOpen => {
                if b != b'[' {
                    return Err(Error::JsonExpectedArray.into());
                }
                before_messages(s)?;
                s.amino.state = State::MsgStart { first: true };
            }
            State::MsgStart { first } => {
                if first && b == b']' {
                    a.state = State::After;
                } else {
                    a.extent = Extent::new();
                    a.state = State::Msg;
                    s.elem_len = 0;
                    pending = Some(b);
                }
            }
            State::Msg => {
                let step = a.extent.step(b, MSG_DEPTH)?;
                match step {
                    Step::More | Step::Last if s.elem_len >= E => pass(s, b, sink)?,
                    Step::More => s.push(b)?,
                    Step::Last => {
                        s.push(b)?;
                        message(s, sink)?;
                        s.amino.state = State::MsgAfter;
                    }
                    Step::Before => {
                        message(s, sink)?;
                        s.amino.state = State::MsgAfter;
                        pending = Some(b);
                    }
                }
            }
            State::MsgPass => {
                a.check.byte(b)?;
                passed(s)?;
            }
            State::MsgAfter => match b {
                b',' => a.state = State::MsgStart { first: false },
                b']' => a.state = State::After,
                _ => return Err(not_structure(b).into()),
            },
            State::After => match b {
                b',' => a.state = State::KeyStart { first: false },
                b'}' => a.state = State::Done,
                _ => return Err(not_structure(b).into()),
            },
            State::Done => {
                return Err(Error::Json(JsonError::TrailingBytes { at: 0 }).into());
            }
        }
    }
}

/// A root key has been read (in the element buffer): it must be one of `KEYS`, after
/// the previous one.
fn root_key<const E: usize, const H: usize>(s: &mut Stream<'_, E, H>) -> Result<(), Error> {
    let raw = s.elem.get(..s.elem_len).unwrap_or(&[]);
    let Json::String(key) = json::parse(raw, 0)? else { return Err(unexpected()) };
    let index = KEYS.iter().position(|k| key.eq_str(k));
    let a = &mut s.amino;
    // Ascending as the canonical reader wants it; an unknown key in order is unknown.
    let ascending = |i: usize| match a.last_key {
        Some(last) if i == last => Err(Error::Json(JsonError::DuplicateKey { at: 0 })),
        Some(last) if i < last => Err(Error::Json(JsonError::KeysNotSorted { at: 0 })),
        _ => Ok(()),
    };
    match index {
        Some(i) => {
            ascending(i)?;
            a.last_key = Some(i);
            a.key = i;
        }
        None => {
            // Where it would sort tells whether the canonical reader calls it unsorted.
            if let Some(last) = a.last_key.and_then(|l| KEYS.get(l)) {
                if key.cmp_str(last) != core::cmp::Ordering::Greater {
                    return Err(Error::Json(JsonError::KeysNotSorted { at: 0 }));
                }
            }
            return Err(Error::UnknownField);
        }
    }
    a.state = State::Colon;
    s.elem_len = 0;
    Ok(())
}

/// A root value other than `msgs` is complete (in the element buffer).
fn root_value<const E: usize, const H: usize>(s: &mut Stream<'_, E, H>) -> Result<(), Error> {
    let raw = s.elem.get(..s.elem_len).unwrap_or(&[]);
    let v = json::parse(raw, VALUE_DEPTH)?;
    match s.amino.key {
        ACCOUNT => s.account_number = Some(crate::amino::u64_string(&v)?),
        CHAIN => {
            json_text(&v)?;
            s.chain_id = Some(s.hold()?);
        }
        FEE => {
            crate::amino::decode_fee(&v)?;
            s.fee = Some(s.hold()?);
        }
        MEMO => {
            json_text(&v)?;
            s.memo = Some(s.hold()?);
        }
        SEQUENCE => s.sequence = Some(crate::amino::u64_string(&v)?),
        TIMEOUT => {
            let t = crate::amino::u64_string(&v)?;
            if t == 0 {
                return Err(Error::JsonDefaultPresent);
            }
            s.timeout_height = Some(t);
        }
        _ => return Err(Error::UnknownField),
    }
    s.elem_len = 0;
    Ok(())
}

/// The message being read does not fit in the element buffer (full), `b` its next byte.
/// Blind signing on, a message of a type the catalog does not know (its first bytes
/// `{"type":"…","value":{` say so) is passed through the streaming checker, which holds
/// it to the canonical form without keeping it; so is any message after one (the
/// whole-buffer decoder reads nothing of those but their form). Otherwise refused.
fn pass<const E: usize, const H: usize>(
    s: &mut Stream<'_, E, H>,
    b: u8,
    sink: &mut EventSink<'_>,
) -> Result<(), StreamError> {
    let head = s.elem.get(..s.elem_len).unwrap_or(&[]);
    // A message naming sign/MsgSignData is an off-chain message's or refused, never
    // passed through blind (one too large to hold is no off-chain message the device
    // shows).
    if head.starts_with(br#"{"type":"sign/MsgSignData""#) {
        return Err(Error::OffChainShape.into());
    }
    let shape = !s.blind;
    if shape {
        const TYPE: &[u8] = br#"{"type":""#;
        let name = head.get(TYPE.len()..).filter(|_| head.starts_with(TYPE));
        let Some(name) = name else { return Err(Error::ElementTooLarge.into()) };
        let mut escaped = false;
        let close = name.iter().position(|&c| {
            let end = c == b'"' && !escaped;
            escaped = !escaped && c == b'\\';
            end
        });
        let Some(close) = close else { return Err(Error::ElementTooLarge.into()) };
        let quoted = head
            .get(TYPE.len().saturating_sub(1)..TYPE.len().saturating_add(close).saturating_add(1))
            .unwrap_or(&[]);
        let after = head.get(TYPE.len().saturating_add(close).saturating_add(1)..).unwrap_or(&[]);
        if !after.starts_with(br#","value":{"#) {
            return Err(Error::ElementTooLarge.into());
        }
        let Json::String(name) = json::parse(quoted, 0)? else {
            return Err(Error::ElementTooLarge.into());
        };
        if name.eq_str(adr036::MSG_SIGN_DATA) {
            return Err(Error::OffChainShape.into());
        }
        if crate::catalog::by_amino_name(&Text::Json(name)).is_some() {
            return Err(Error::ElementTooLarge.into());
        }
        if !s.opts.policy.blind_signing {
            return Err(Error::UnknownMessage.into());
        }
    }
    s.messages = s.messages.saturating_add(1);
    s.go_blind(sink)?;
    let a = &mut s.amino;
    a.check = Checker::new(MSG_DEPTH);
    a.check_shape = shape;
    for &c in s.elem.get(..s.elem_len).unwrap_or(&[]) {
        a.check.byte(c)?;
    }
    a.check.byte(b)?;
    s.elem_len = 0;
    a.state = State::MsgPass;
    Ok(passed(s)?)
}

/// After a byte of a message passed through: when it is complete, what follows.
fn passed<const E: usize, const H: usize>(s: &mut Stream<'_, E, H>) -> Result<(), Error> {
    let a = &mut s.amino;
    if a.check.is_done() {
        if a.check_shape && a.check.root_keys != 2 {
            return Err(Error::UnknownField);
        }
        a.state = State::MsgAfter;
    }
    Ok(())
}

/// A held JSON string as text.
fn held_text(raw: &[u8]) -> Result<Text<'_>, Error> {
    json_text(&json::parse(raw, 0)?)
}

/// `"msgs":[` has been read: what comes before it is all there; the chain is known.
fn before_messages<const E: usize, const H: usize>(
    s: &mut Stream<'_, E, H>,
) -> Result<(), StreamError> {
    if s.account_number.is_none() || s.fee.is_none() || s.memo.is_none() {
        return Err(Error::JsonMissingField.into());
    }
    let Some(span) = s.chain_id else { return Err(Error::JsonMissingField.into()) };
    let raw = s.held.get(span.start..span.end).unwrap_or(&[]);
    let chain_id = held_text(raw)?;
    s.amino.msgs = true;
    // An empty chain id is an off-chain message's (ADR-036) or refused: its one message
    // says which ([`message`]).
    if chain_id.is_empty() {
        s.offchain_pending = true;
        return Ok(());
    }
    Stream::<E, H>::check_chain_id(&chain_id)?;
    let chain = chains::by_chain_id(&chain_id);
    let own = if s.opts.chain_rule {
        s.chain_rule(&chain_id)?
    } else {
        s.opts.prefix.or(chain.and_then(|c| Prefix::new(c.hrp)))
    };
    s.chain = chain;
    s.set_own(own);
    Ok(())
}

/// An element of `msgs` is complete (in the element buffer).
fn message<const E: usize, const H: usize>(
    s: &mut Stream<'_, E, H>,
    sink: &mut EventSink<'_>,
) -> Result<(), StreamError> {
    let raw = s.elem.get(..s.elem_len).unwrap_or(&[]);
    let v = json::parse(raw, MSG_DEPTH).map_err(Error::from)?;
    s.messages = s.messages.saturating_add(1);
    // A document naming sign/MsgSignData is exactly an off-chain message or refused,
    // whatever the settings (never blind-signed); an empty chain id is nothing else's.
    let sign_data = adr036::names_sign_data(&v);
    if s.offchain_pending || sign_data {
        if !sign_data {
            return Err(Error::MissingChainId.into());
        }
        if !s.offchain_pending || s.messages != 1 {
            return Err(Error::OffChainShape.into());
        }
        let data = adr036::message(&v)?;
        // The signer must be this key's address (under the signer's own prefix): a
        // message signed "as" another address would prove nothing about it.
        if let Own::Key(key) = s.opts.own {
            let hrp = data.signer.rsplit_once('1').map_or("", |(hrp, _)| hrp);
            let mut own: Buf<96> = Buf::new();
            if crate::bech32::encode(&mut own, hrp, &key).is_err() || own.as_str() != data.signer {
                return Err(Error::OffChainSigner.into());
            }
        }
        let mut screens = |screen: Screen<'_>| sink(Event::Screen { screen, action: None });
        adr036::render(&data, &mut screens)?;
        s.offchain = true;
        s.elem_len = 0;
        return Ok(());
    }
    if !s.blind {
        match msg::json_any_read(&v, 0, Read::Validate) {
            Ok(m) => {
                let own = s.own_known.then(|| s.own.as_str());
                let opts = Options { expert: s.opts.policy.expert, own_address: own };
                show_top(&mut s.folds, &m, s.messages, s.chain, None, &opts, sink)?;
            }
            Err(Error::UnknownMessage) if s.opts.policy.blind_signing => s.go_blind(sink)?,
            Err(e) => return Err(e.into()),
        }
    }
    s.elem_len = 0;
    Ok(())
}

pub(super) fn finish<const E: usize, const H: usize>(
    s: &mut Stream<'_, E, H>,
    sink: &mut EventSink<'_>,
) -> Result<(), StreamError> {
    if s.amino.state != State::Done {
        return Err(Error::Json(JsonError::Truncated { at: 0 }).into());
    }
    let missing = Error::JsonMissingField;
    let (Some(account_number), Some(sequence)) = (s.account_number, s.sequence) else {
        return Err(missing.into());
    };
    if !s.amino.msgs {
        return Err(missing.into());
    }
    if s.messages == 0 {
        return Err(Error::NoMessages.into());
    }
    if s.offchain_pending {
        // Exactly `{"account_number":"0","chain_id":"","fee":{"amount":[],"gas":"0"},
        // "memo":"","msgs":[…],"sequence":"0"}` (the chain id was read empty).
        let memo = held_text(s.held(s.memo))?;
        let fee = json::parse(s.held(s.fee), VALUE_DEPTH)?;
        let exact = s.offchain
            && account_number == 0
            && sequence == 0
            && s.timeout_height.is_none()
            && memo.is_empty()
            && adr036::is_empty_fee(&fee);
        return if exact { Ok(()) } else { Err(Error::OffChainShape.into()) };
    }
    if s.blind {
        return Ok(());
    }
    let chain_id = held_text(s.held(s.chain_id))?;
    let memo = held_text(s.held(s.memo))?;
    let fee = crate::amino::decode_fee(&json::parse(s.held(s.fee), VALUE_DEPTH)?)?;
    // The messages are not read again: they were shown as they came.
    let Json::Array(empty) = json::parse(b"[]", 1)? else { return Err(unexpected().into()) };
    let tx = Tx {
        mode: SignMode::AminoJson,
        chain_id,
        account_number,
        sequence,
        memo,
        timeout_height: s.timeout_height.unwrap_or(0),
        fee,
        msgs: Msgs::Json(empty),
        signer_key: None,
    };
    let own = s.own_known.then(|| s.own.as_str());
    let opts = Options { expert: s.opts.policy.expert, own_address: own };
    show_closing(&tx, &opts, sink)?;
    Ok(())
}
