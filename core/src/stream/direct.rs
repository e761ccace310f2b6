//! SIGN_MODE_DIRECT, streamed: a protobuf walker over `SignDoc` and the `TxBody` inside
//! its `body_bytes`, with the rules of [`crate::direct`] (no unknown field, no field
//! twice, no extension options). Two levels only: the document (it ends where the input
//! ends) and the body (it ends where its length says); each field header is read a byte
//! at a time into an 11-byte accumulator and checked by [`crate::proto::read_varint`], so
//! varints are as strict as the whole-buffer reader's.
//!
//! Elements: each `TxBody.messages` `Any` (decoded and rendered by
//! [`crate::msg::proto_any`] and [`crate::render::render_message`] when complete), the
//! memo, the `AuthInfo` and the chain id (held for the closing screens). Varints
//! (`timeout_height`, `account_number`) are read in place.

use super::{show_closing, show_top, EventSink, Stream, StreamError};
use crate::chains;
use crate::error::Error;
use crate::msg::{self, Read};
use crate::proto::{read_varint, Fields, WireValue};
use crate::render::Options;
use crate::text::Text;
use crate::tx::{Msgs, SignMode, Tx};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Part {
    Message,
    Memo,
    AuthInfo,
    ChainId,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Number {
    Timeout,
    Account,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum State {
    /// Reading a field header (tag, then the length of a length-delimited field).
    Header,
    /// Reading a varint field's value.
    Varint(Number),
    /// Copying `left` more bytes of an element into the element buffer.
    Collect { part: Part, left: u64 },
    /// Passing `left` more bytes through (an unknown message, blind signing on).
    Skip { left: u64 },
}

/// The walker's state (about 40 bytes).
pub(super) struct Walker {
    state: State,
    acc: [u8; 11],
    acc_len: usize,
    /// A length-delimited field's number, while its length is read.
    tag: Option<u32>,
    /// Inside `body_bytes`: where it ends.
    body_end: Option<u64>,
    seen_body: bool,
    seen_auth: bool,
    seen_chain: bool,
    seen_account: bool,
    seen_memo: bool,
    seen_timeout: bool,
}

impl Walker {
    pub(super) const fn new() -> Self {
        Walker {
            state: State::Header,
            acc: [0; 11],
            acc_len: 0,
            tag: None,
            body_end: None,
            seen_body: false,
            seen_auth: false,
            seen_chain: false,
            seen_account: false,
            seen_memo: false,
            seen_timeout: false,
        }
    }

    /// Between two fields.
    fn at_boundary(&self) -> bool {
        self.state == State::Header && self.acc_len == 0 && self.tag.is_none()
    }

    /// Adds a varint byte; the value when it is complete (checked as strictly as the
    /// whole-buffer reader: 11 bytes give its "too long").
    fn varint_byte(&mut self, b: u8) -> Result<Option<u64>, Error> {
        let slot = self.acc.get_mut(self.acc_len).ok_or(Error::ProtoVarintTooLong)?;
        *slot = b;
        self.acc_len = self.acc_len.saturating_add(1);
        if b & 0x80 != 0 && self.acc_len < self.acc.len() {
            return Ok(None);
        }
        let bytes = self.acc.get(..self.acc_len).ok_or(Error::ProtoVarintTooLong)?;
        self.acc_len = 0;
        let (v, _) = read_varint(bytes)?;
        Ok(Some(v))
    }
}

fn once(seen: &mut bool) -> Result<(), Error> {
    if *seen {
        return Err(Error::DuplicateField);
    }
    *seen = true;
    Ok(())
}

pub(super) fn feed<const E: usize, const H: usize>(
    s: &mut Stream<'_, E, H>,
    data: &[u8],
    sink: &mut EventSink<'_>,
) -> Result<(), StreamError> {
    let mut rest = data;
    loop {
        // The body ends between two of its fields.
        if s.direct.at_boundary() && s.direct.body_end == Some(s.pos) {
            s.direct.body_end = None;
        }
        let Some((&b, after)) = rest.split_first() else { return Ok(()) };
        match s.direct.state {
            State::Header => {
                if s.direct.body_end == Some(s.pos) {
                    // A header cut by the end of the body.
                    return Err(Error::ProtoTruncated.into());
                }
                rest = after;
                s.pos = s.pos.saturating_add(1);
                let Some(v) = s.direct.varint_byte(b)? else { continue };
                match s.direct.tag.take() {
                    None => {
                        let (number, wire) = tag(v)?;
                        if wire == 2 {
                            s.direct.tag = Some(number);
                        } else {
                            field(s, number, wire, 0)?;
                        }
                    }
                    Some(number) => field(s, number, 2, v)?,
                }
                // An empty element is complete at once.
                match s.direct.state {
                    State::Collect { part, left: 0 } => {
                        s.direct.state = State::Header;
                        element(s, part, sink)?;
                    }
                    State::Skip { left: 0 } => s.direct.state = State::Header,
                    _ => {}
                }
            }
            State::Varint(which) => {
                if s.direct.body_end == Some(s.pos) {
                    return Err(Error::ProtoTruncated.into());
                }
                rest = after;
                s.pos = s.pos.saturating_add(1);
                let Some(v) = s.direct.varint_byte(b)? else { continue };
                match which {
                    Number::Timeout => s.timeout_height = Some(v),
                    Number::Account => s.account_number = Some(v),
                }
                s.direct.state = State::Header;
            }
            State::Collect { part, left } => {
                let room = E.saturating_sub(s.elem_len);
                let n = usize::try_from(left).unwrap_or(usize::MAX).min(rest.len()).min(room);
                if n == 0 {
                    // The element buffer is full and the message goes on.
                    let skip = too_large(s, left, sink)?;
                    s.direct.state = State::Skip { left: skip };
                    continue;
                }
                let (take, after) = rest.split_at_checked(n).ok_or(Error::ProtoTruncated)?;
                let dst = s
                    .elem
                    .get_mut(s.elem_len..s.elem_len.saturating_add(n))
                    .ok_or(Error::ElementTooLarge)?;
                dst.copy_from_slice(take);
                s.elem_len = s.elem_len.saturating_add(n);
                rest = after;
                s.pos = s.pos.saturating_add(n as u64);
                let left = left.saturating_sub(n as u64);
                if left > 0 {
                    s.direct.state = State::Collect { part, left };
                } else {
                    s.direct.state = State::Header;
                    element(s, part, sink)?;
                }
            }
            State::Skip { left } => {
                let n = usize::try_from(left).unwrap_or(usize::MAX).min(rest.len());
                rest = rest.get(n..).unwrap_or(&[]);
                s.pos = s.pos.saturating_add(n as u64);
                let left = left.saturating_sub(n as u64);
                s.direct.state = if left > 0 { State::Skip { left } } else { State::Header };
            }
        }
    }
}

/// A tag's field number and wire type, checked as `proto::Fields` checks them.
fn tag(key: u64) -> Result<(u32, u8), Error> {
    let number = key >> 3;
    if number == 0 {
        return Err(Error::ProtoFieldZero);
    }
    let number = u32::try_from(number).map_err(|_| Error::ProtoFieldNumber)?;
    if number > 536_870_911 {
        return Err(Error::ProtoFieldNumber);
    }
    let wire = (key & 7) as u8;
    if !matches!(wire, 0 | 1 | 2 | 5) {
        return Err(Error::ProtoWireType);
    }
    Ok((number, wire))
}

/// A field header has been read: where its value goes.
fn field<const E: usize, const H: usize>(
    s: &mut Stream<'_, E, H>,
    number: u32,
    wire: u8,
    len: u64,
) -> Result<(), Error> {
    let w = &mut s.direct;
    let collect = |part: Part| {
        if len > E as u64 && part != Part::Message {
            return Err(Error::ElementTooLarge);
        }
        Ok(State::Collect { part, left: len })
    };
    let want = |expected: u8| if wire == expected { Ok(()) } else { Err(Error::WrongWireType) };
    match w.body_end {
        None => match number {
            1 => {
                want(2)?;
                once(&mut w.seen_body)?;
                w.body_end = Some(s.pos.saturating_add(len));
            }
            2 => {
                want(2)?;
                once(&mut w.seen_auth)?;
                w.state = collect(Part::AuthInfo)?;
            }
            3 => {
                want(2)?;
                once(&mut w.seen_chain)?;
                w.state = collect(Part::ChainId)?;
            }
            4 => {
                want(0)?;
                once(&mut w.seen_account)?;
                w.state = State::Varint(Number::Account);
            }
            _ => return Err(Error::UnknownField),
        },
        Some(end) => {
            if wire == 2 && s.pos.saturating_add(len) > end {
                return Err(Error::ProtoTruncated);
            }
            match number {
                1 => {
                    want(2)?;
                    w.state = if s.blind {
                        // After a blind message the others are passed through, counted.
                        s.messages = s.messages.saturating_add(1);
                        State::Skip { left: len }
                    } else {
                        collect(Part::Message)?
                    };
                }
                2 => {
                    want(2)?;
                    once(&mut w.seen_memo)?;
                    w.state = collect(Part::Memo)?;
                }
                3 => {
                    want(0)?;
                    once(&mut w.seen_timeout)?;
                    w.state = State::Varint(Number::Timeout);
                }
                1023 | 2047 => return Err(Error::ExtensionOptions),
                _ => return Err(Error::UnknownField),
            }
        }
    }
    s.elem_len = 0;
    Ok(())
}

/// A message larger than the element buffer: passed through when its type (its first
/// field, in the buffered bytes) is unknown and blind signing is on, refused otherwise.
/// Returns how many bytes to pass through.
fn too_large<const E: usize, const H: usize>(
    s: &mut Stream<'_, E, H>,
    left: u64,
    sink: &mut EventSink<'_>,
) -> Result<u64, StreamError> {
    let State::Collect { part: Part::Message, .. } = s.direct.state else {
        return Err(Error::ElementTooLarge.into());
    };
    let head = s.elem.get(..s.elem_len).unwrap_or(&[]);
    let known = match Fields::new(head).next() {
        Some(Ok((1, WireValue::Len(url)))) => {
            let url = core::str::from_utf8(url).map_err(|_| Error::InvalidUtf8)?;
            crate::catalog::by_type_url(&Text::Plain(url)).is_some()
        }
        _ => return Err(Error::ElementTooLarge.into()),
    };
    if known {
        return Err(Error::ElementTooLarge.into());
    }
    if !s.opts.policy.blind_signing {
        return Err(Error::UnknownMessage.into());
    }
    s.messages = s.messages.saturating_add(1);
    s.go_blind(sink)?;
    Ok(left)
}

/// An element is complete.
fn element<const E: usize, const H: usize>(
    s: &mut Stream<'_, E, H>,
    part: Part,
    sink: &mut EventSink<'_>,
) -> Result<(), StreamError> {
    let bytes = s.elem.get(..s.elem_len).unwrap_or(&[]);
    match part {
        Part::Message => {
            s.messages = s.messages.saturating_add(1);
            match msg::proto_any_read(bytes, 0, Read::Validate) {
                Ok(m) => {
                    let own = s.own_known.then(|| s.own.as_str());
                    let opts = Options { expert: s.opts.policy.expert, own_address: own };
                    show_top(&mut s.folds, &m, s.messages, s.chain, s.alt, &opts, sink)?;
                }
                Err(Error::UnknownMessage) if s.opts.policy.blind_signing => s.go_blind(sink)?,
                Err(e) => return Err(e.into()),
            }
        }
        Part::Memo => {
            crate::direct::text(bytes)?;
            s.memo = Some(s.hold()?);
        }
        Part::AuthInfo => {
            crate::direct::decode_auth_info(bytes)?;
            s.fee = Some(s.hold()?);
        }
        Part::ChainId => {
            crate::direct::text(bytes)?;
            s.chain_id = Some(s.hold()?);
        }
    }
    s.elem_len = 0;
    Ok(())
}

pub(super) fn finish<const E: usize, const H: usize>(
    s: &mut Stream<'_, E, H>,
    sink: &mut EventSink<'_>,
) -> Result<(), StreamError> {
    if s.direct.at_boundary() && s.direct.body_end == Some(s.pos) {
        s.direct.body_end = None;
    }
    if !s.direct.at_boundary() || s.direct.body_end.is_some() {
        return Err(Error::ProtoTruncated.into());
    }
    // The held buffer's field itself (not `s.held()`): `s.signer_key` is set below.
    let auth = s.fee.and_then(|span| s.held.get(span.start..span.end)).unwrap_or(&[]);
    let (fee, sequence, signer_key) = crate::direct::decode_auth_info(auth)?;
    s.signer_key = signer_key;
    let chain_id = crate::direct::text(s.held(s.chain_id))?;
    let memo = crate::direct::text(s.held(s.memo))?;
    Stream::<E, H>::check_chain_id(&chain_id)?;
    if s.messages == 0 {
        return Err(Error::NoMessages.into());
    }
    // The chain rule first (as in Amino JSON, where it comes before the messages); then
    // the messages were shown for `s.chain`, with the own address of `s.own_hrp` (or for
    // the prefix's other chain, which reads them the same).
    if s.opts.chain_rule {
        let own = s.chain_rule(&chain_id)?;
        if matches!(s.opts.own, super::Own::Key(_)) && own != s.own_hrp {
            return Err(Error::ChainNotAsShown.into());
        }
    }
    if !s.shown_for(chains::by_chain_id(&chain_id)) {
        return Err(Error::ChainNotAsShown.into());
    }
    if s.blind {
        return Ok(());
    }
    let tx = Tx {
        mode: SignMode::Direct,
        chain_id,
        account_number: s.account_number.unwrap_or(0),
        sequence,
        memo,
        timeout_height: s.timeout_height.unwrap_or(0),
        fee,
        msgs: Msgs::Proto(&[]),
        signer_key,
    };
    let own = s.own_known.then(|| s.own.as_str());
    let opts = Options { expert: s.opts.policy.expert, own_address: own };
    show_closing(&tx, &opts, sink)?;
    Ok(())
}
