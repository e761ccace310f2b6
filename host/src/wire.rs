//! Reading protobuf's wire format field by field, without a schema: what the host's
//! Amino JSON writer and SIGN_MODE_TEXTUAL renderer walk with the catalog's field
//! descriptions. Only the wire types the catalog's messages use (varint, length-delimited)
//! are read; any other is malformed here.

/// One field occurrence on the wire.
pub(crate) enum Wire<'a> {
    Varint(u64),
    Bytes(&'a [u8]),
}

/// The varint at `*i`, moving `*i` past it; `None` when cut short or longer than 64 bits.
pub(crate) fn read_varint(b: &[u8], i: &mut usize) -> Option<u64> {
    let mut v = 0u64;
    for shift in (0..64).step_by(7) {
        let byte = *b.get(*i)?;
        *i += 1;
        v |= u64::from(byte & 0x7f) << shift;
        if byte & 0x80 == 0 {
            return Some(v);
        }
    }
    None
}

/// The fields of a message's bytes, in wire order; `None` when malformed.
pub(crate) fn read_fields(bytes: &[u8]) -> Option<Vec<(u32, Wire<'_>)>> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let key = read_varint(bytes, &mut i)?;
        let number = u32::try_from(key >> 3).ok()?;
        match key & 7 {
            0 => out.push((number, Wire::Varint(read_varint(bytes, &mut i)?))),
            2 => {
                let len = usize::try_from(read_varint(bytes, &mut i)?).ok()?;
                let end = i.checked_add(len).filter(|e| *e <= bytes.len())?;
                out.push((number, Wire::Bytes(&bytes[i..end])));
                i = end;
            }
            _ => return None,
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_and_malformed_input() {
        // field 1 varint 300, field 2 bytes "hi".
        let f = read_fields(&[0x08, 0xac, 0x02, 0x12, 0x02, b'h', b'i']).unwrap();
        assert!(matches!(f[0], (1, Wire::Varint(300))));
        assert!(matches!(f[1], (2, Wire::Bytes(b"hi"))));
        assert!(read_fields(&[0x12, 0x05, b'h']).is_none(), "length past the end");
        assert!(read_fields(&[0x08, 0x80]).is_none(), "varint cut short");
        assert!(read_fields(&[0x0d, 0, 0, 0, 0]).is_none(), "fixed32 is not read");
        assert!(read_varint(&[0xff; 11], &mut 0).is_none(), "over 64 bits");
    }
}
