//! A strict, zero-copy protobuf wire reader.
//!
//! Strict means: every varint is minimal (no redundant continuation bytes), at most ten
//! bytes long and fits 64 bits; lengths never run past the end of the buffer; field
//! number 0 and the group wire types are refused. A sign document that a lenient
//! decoder would read differently from the chain's decoder is refused rather than shown.

use crate::error::Error;

/// The protobuf wire types we accept (groups are refused).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WireType {
    Varint,
    Fixed64,
    Len,
    Fixed32,
}

/// One field as it appears on the wire.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WireValue<'a> {
    Varint(u64),
    Fixed64(u64),
    Len(&'a [u8]),
    Fixed32(u32),
}

impl WireValue<'_> {
    pub fn wire_type(&self) -> WireType {
        match self {
            WireValue::Varint(_) => WireType::Varint,
            WireValue::Fixed64(_) => WireType::Fixed64,
            WireValue::Len(_) => WireType::Len,
            WireValue::Fixed32(_) => WireType::Fixed32,
        }
    }
}

/// Reads a minimal varint from the start of `buf`; returns the value and the rest.
pub fn read_varint(buf: &[u8]) -> Result<(u64, &[u8]), Error> {
    let mut value: u64 = 0;
    for (i, &byte) in buf.iter().enumerate() {
        if i >= 10 {
            return Err(Error::ProtoVarintTooLong);
        }
        let low = u64::from(byte & 0x7f);
        // The tenth byte may only carry the single top bit of a u64.
        if i == 9 && low > 1 {
            return Err(Error::ProtoVarintTooLong);
        }
        let shift = 7u32.saturating_mul(i as u32);
        value |= low.checked_shl(shift).ok_or(Error::ProtoVarintTooLong)?;
        if byte & 0x80 == 0 {
            // A final byte of zero after other bytes means the encoding was padded.
            if i > 0 && byte == 0 {
                return Err(Error::ProtoNonMinimalVarint);
            }
            let rest = buf.get(i.saturating_add(1)..).ok_or(Error::ProtoTruncated)?;
            return Ok((value, rest));
        }
    }
    Err(Error::ProtoTruncated)
}

/// Iterates over the fields of one message: `(field number, value)`.
#[derive(Clone, Debug)]
pub struct Fields<'a> {
    rest: &'a [u8],
    failed: bool,
}

impl<'a> Fields<'a> {
    pub fn new(buf: &'a [u8]) -> Self {
        Self { rest: buf, failed: false }
    }

    fn next_field(&mut self) -> Result<(u32, WireValue<'a>), Error> {
        let (key, rest) = read_varint(self.rest)?;
        let number = key >> 3;
        if number == 0 {
            return Err(Error::ProtoFieldZero);
        }
        let number = u32::try_from(number).map_err(|_| Error::ProtoFieldNumber)?;
        if number > 536_870_911 {
            return Err(Error::ProtoFieldNumber);
        }
        let (value, rest) = match key & 7 {
            0 => {
                let (v, rest) = read_varint(rest)?;
                (WireValue::Varint(v), rest)
            }
            1 => {
                let bytes: [u8; 8] =
                    rest.get(..8).and_then(|b| b.try_into().ok()).ok_or(Error::ProtoTruncated)?;
                (WireValue::Fixed64(u64::from_le_bytes(bytes)), rest.get(8..).unwrap_or(&[]))
            }
            2 => {
                let (len, rest) = read_varint(rest)?;
                let len = usize::try_from(len).map_err(|_| Error::ProtoTruncated)?;
                let value = rest.get(..len).ok_or(Error::ProtoTruncated)?;
                (WireValue::Len(value), rest.get(len..).unwrap_or(&[]))
            }
            5 => {
                let bytes: [u8; 4] =
                    rest.get(..4).and_then(|b| b.try_into().ok()).ok_or(Error::ProtoTruncated)?;
                (WireValue::Fixed32(u32::from_le_bytes(bytes)), rest.get(4..).unwrap_or(&[]))
            }
            _ => return Err(Error::ProtoWireType),
        };
        self.rest = rest;
        Ok((number, value))
    }
}

impl<'a> Iterator for Fields<'a> {
    type Item = Result<(u32, WireValue<'a>), Error>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.failed || self.rest.is_empty() {
            return None;
        }
        let item = self.next_field();
        if item.is_err() {
            self.failed = true;
        }
        Some(item)
    }
}

/// Iterates a packed repeated varint field.
pub struct PackedVarints<'a> {
    rest: &'a [u8],
    failed: bool,
}

impl<'a> PackedVarints<'a> {
    pub fn new(buf: &'a [u8]) -> Self {
        Self { rest: buf, failed: false }
    }
}

impl Iterator for PackedVarints<'_> {
    type Item = Result<u64, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.failed || self.rest.is_empty() {
            return None;
        }
        match read_varint(self.rest) {
            Ok((v, rest)) => {
                self.rest = rest;
                Some(Ok(v))
            }
            Err(e) => {
                self.failed = true;
                Some(Err(e))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    extern crate std;
    use super::*;
    use std::vec;
    use std::vec::Vec;

    #[test]
    fn varints_minimal_and_strict() {
        assert_eq!(read_varint(&[0x00]), Ok((0, &[][..])));
        assert_eq!(read_varint(&[0x96, 0x01, 0xff]), Ok((150, &[0xff][..])));
        assert_eq!(read_varint(&[0x80, 0x00]), Err(Error::ProtoNonMinimalVarint));
        assert_eq!(read_varint(&[0x81, 0x80, 0x00]), Err(Error::ProtoNonMinimalVarint));
        assert_eq!(read_varint(&[0x80]), Err(Error::ProtoTruncated));
        assert_eq!(read_varint(&[]), Err(Error::ProtoTruncated));
        let max = [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01];
        assert_eq!(read_varint(&max), Ok((u64::MAX, &[][..])));
        let over = [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x02];
        assert_eq!(read_varint(&over), Err(Error::ProtoVarintTooLong));
        let eleven = [0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01];
        assert_eq!(read_varint(&eleven), Err(Error::ProtoVarintTooLong));
    }

    #[test]
    fn fields_iterate_and_stop_on_error() {
        // field 1 varint 150, field 2 bytes "hi", field 3 fixed32, field 4 fixed64
        let buf = [
            0x08, 0x96, 0x01, 0x12, 0x02, b'h', b'i', 0x1d, 1, 0, 0, 0, 0x21, 2, 0, 0, 0, 0, 0, 0,
            0,
        ];
        let got: Vec<_> = Fields::new(&buf).collect();
        assert_eq!(
            got,
            vec![
                Ok((1, WireValue::Varint(150))),
                Ok((2, WireValue::Len(b"hi"))),
                Ok((3, WireValue::Fixed32(1))),
                Ok((4, WireValue::Fixed64(2))),
            ]
        );
        // length past the end
        let got: Vec<_> = Fields::new(&[0x12, 0x05, b'a']).collect();
        assert_eq!(got, vec![Err(Error::ProtoTruncated)]);
        // field number zero
        let got: Vec<_> = Fields::new(&[0x00, 0x01]).collect();
        assert_eq!(got, vec![Err(Error::ProtoFieldZero)]);
        // group wire type (3)
        let got: Vec<_> = Fields::new(&[0x0b]).collect();
        assert_eq!(got, vec![Err(Error::ProtoWireType)]);
    }

    #[test]
    fn packed() {
        let got: Vec<_> = PackedVarints::new(&[1, 3, 0x96, 0x01]).collect();
        assert_eq!(got, vec![Ok(1), Ok(3), Ok(150)]);
        let got: Vec<_> = PackedVarints::new(&[1, 0x80]).collect();
        assert_eq!(got, vec![Ok(1), Err(Error::ProtoTruncated)]);
    }
}
