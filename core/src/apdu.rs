//! The APDU protocol of the MilkyWay app, compatible with the Cosmos Ledger app
//! (CLA 0x55, INS 0x00/0x02/0x04, little-endian paths) and extended with
//! SIGN_MODE_DIRECT. `docs/protocol.md` describes it byte by byte.
//!
//! Everything here is pure: it decodes headers and payloads into typed values and
//! never touches the device, so the same rules are unit-tested and fuzzed on the host.

pub const CLA: u8 = 0x55;
pub const INS_GET_VERSION: u8 = 0x00;
pub const INS_SIGN: u8 = 0x02;
pub const INS_GET_ADDRESS: u8 = 0x04;

/// Status words (as the Cosmos app).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u16)]
pub enum StatusWord {
    Ok = 0x9000,
    ExecutionError = 0x6400,
    WrongLength = 0x6700,
    DataInvalid = 0x6984,
    /// Rejected by the user, or a command not allowed in this state.
    CommandNotAllowed = 0x6986,
    TxTooBig = 0x6988,
    PathNeedsExpertMode = 0x6989,
    WrongHrpLength = 0x698A,
    InvalidPath = 0x698B,
    ChainNotAllowed = 0x698C,
    WrongP1P2 = 0x6B00,
    InsNotSupported = 0x6D00,
    ClaNotSupported = 0x6E00,
    SignError = 0x6F01,
}

impl StatusWord {
    pub fn code(self) -> u16 {
        self as u16
    }
}

/// Which chunk of a signing request an APDU carries (P1 of SIGN).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Chunk {
    Init,
    Add,
    Last,
}

/// A decoded APDU header.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Instruction {
    GetVersion,
    GetAddress { show: bool },
    Sign { chunk: Chunk, mode: Option<SignMode> },
}

/// P1 of SIGN: which chunk (the init chunk carries the path and optional prefix).
pub const P1_INIT: u8 = 0;
pub const P1_ADD: u8 = 1;
pub const P1_LAST: u8 = 2;

/// P2 of SIGN: the sign mode, read on the last chunk.
pub const P2_AMINO_JSON: u8 = 0;
pub const P2_TEXTUAL: u8 = 1;
pub const P2_DIRECT: u8 = 2;

/// The sign modes the app signs in (the device, the host crate and the CLI share it).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SignMode {
    /// SIGN_MODE_DIRECT: the protobuf `SignDoc`.
    Direct,
    /// SIGN_MODE_LEGACY_AMINO_JSON: the canonical `StdSignDoc` JSON.
    AminoJson,
    /// SIGN_MODE_TEXTUAL: the CBOR screens x/tx renders ([`crate::textual`]); not a
    /// transaction encoding, so [`crate::tx::decode`] refuses it (the device reviews its screens).
    Textual,
}

impl SignMode {
    /// P2 of the SIGN APDU for this mode.
    pub const fn p2(self) -> u8 {
        match self {
            SignMode::Direct => P2_DIRECT,
            SignMode::AminoJson => P2_AMINO_JSON,
            SignMode::Textual => P2_TEXTUAL,
        }
    }

    /// The `cosmos.tx.signing.v1beta1.SignMode` value (`ModeInfo.single.mode`).
    pub const fn proto_value(self) -> i32 {
        match self {
            SignMode::Direct => 1,
            SignMode::AminoJson => 127,
            SignMode::Textual => 2,
        }
    }

    /// The mode of a `cosmos.tx.signing.v1beta1.SignMode` value, if the app signs in it.
    pub const fn from_proto_value(v: i32) -> Option<SignMode> {
        match v {
            1 => Some(SignMode::Direct),
            127 => Some(SignMode::AminoJson),
            2 => Some(SignMode::Textual),
            _ => None,
        }
    }

    /// A short name (`direct` / `amino` / `textual`), as the CLI spells it.
    pub const fn name(self) -> &'static str {
        match self {
            SignMode::Direct => "direct",
            SignMode::AminoJson => "amino",
            SignMode::Textual => "textual",
        }
    }
}

impl Instruction {
    /// Decodes CLA/INS/P1/P2. P2 of a SIGN chunk is checked here; SIGN_MODE_TEXTUAL
    /// (P2 = 1) decodes as `mode: None` and is answered "not supported" by the handler.
    pub fn decode(cla: u8, ins: u8, p1: u8, p2: u8) -> Result<Self, StatusWord> {
        if cla != CLA {
            return Err(StatusWord::ClaNotSupported);
        }
        match ins {
            INS_GET_VERSION => Ok(Instruction::GetVersion),
            INS_GET_ADDRESS => match p1 {
                0 => Ok(Instruction::GetAddress { show: false }),
                1 => Ok(Instruction::GetAddress { show: true }),
                _ => Err(StatusWord::WrongP1P2),
            },
            INS_SIGN => {
                let chunk = match p1 {
                    P1_INIT => Chunk::Init,
                    P1_ADD => Chunk::Add,
                    P1_LAST => Chunk::Last,
                    _ => return Err(StatusWord::WrongP1P2),
                };
                let mode = match p2 {
                    P2_AMINO_JSON => Some(SignMode::AminoJson),
                    P2_DIRECT => Some(SignMode::Direct),
                    P2_TEXTUAL => None,
                    _ => return Err(StatusWord::WrongP1P2),
                };
                Ok(Instruction::Sign { chunk, mode })
            }
            _ => Err(StatusWord::InsNotSupported),
        }
    }
}

/// The GET_VERSION reply: test-mode flag, major, minor, patch, locked flag, target id
/// (big-endian).
pub fn version_reply(major: u8, minor: u8, patch: u8, target_id: u32) -> [u8; 9] {
    let t = target_id.to_be_bytes();
    [0, major, minor, patch, 0, t[0], t[1], t[2], t[3]]
}

pub const HARDENED: u32 = 0x8000_0000;
pub const PURPOSE: u32 = 44 | HARDENED;
/// The Cosmos coin type: the secp256k1 key every Cosmos chain uses.
pub const COIN_TYPE: u32 = 118 | HARDENED;
/// The Ethereum coin type: the key Initia's own wallets use for `init` addresses.
pub const COIN_TYPE_ETH: u32 = 60 | HARDENED;
/// Account and address index above this need expert mode.
pub const MAX_INDEX_DEFAULT: u32 = 100;
/// The only address prefix the Ethereum-style key (coin type 60) is used with.
pub const ETH_KEY_HRP: &str = "init";

/// Which key a path derives, and so how its address and signatures are made.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum KeyKind {
    #[default]
    /// `44'/118'`: address RIPEMD160(SHA256(compressed key)), signature over SHA-256 of
    /// the sign bytes, public key `/cosmos.crypto.secp256k1.PubKey`.
    Cosmos,
    /// `44'/60'`, Initia's `/initia.crypto.v1beta1.ethsecp256k1.PubKey`: address the last
    /// 20 bytes of Keccak-256 of the uncompressed key (without its 0x04 byte), signature
    /// over Keccak-256 of the sign bytes (initia `crypto/ethsecp256k1`
    /// `VerifySignature`). Used with the `init` prefix only ([`ETH_KEY_HRP`]).
    Eth,
}

impl KeyKind {
    /// The BIP-44 coin type (hardened) of this kind's paths.
    pub const fn coin_type(self) -> u32 {
        match self {
            KeyKind::Cosmos => COIN_TYPE,
            KeyKind::Eth => COIN_TYPE_ETH,
        }
    }
}

/// A BIP-44 path `44'/118'/account'/0/index` or `44'/60'/account'/0/index`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Path(pub [u32; 5]);

impl Path {
    /// Reads 5 little-endian u32s (20 bytes) and checks the MilkyWay path rules.
    pub fn parse(bytes: &[u8], expert: bool) -> Result<Self, StatusWord> {
        let bytes: &[u8; 20] = bytes.try_into().map_err(|_| StatusWord::WrongLength)?;
        let mut p = [0u32; 5];
        for (slot, chunk) in p.iter_mut().zip(bytes.chunks_exact(4)) {
            let word: [u8; 4] = chunk.try_into().map_err(|_| StatusWord::WrongLength)?;
            *slot = u32::from_le_bytes(word);
        }
        let [purpose, coin, account, change, index] = p;
        if purpose != PURPOSE
            || !(coin == COIN_TYPE || coin == COIN_TYPE_ETH)
            || account & HARDENED == 0
            || change != 0
            || index & HARDENED != 0
        {
            return Err(StatusWord::InvalidPath);
        }
        if !expert && ((account & !HARDENED) > MAX_INDEX_DEFAULT || index > MAX_INDEX_DEFAULT) {
            return Err(StatusWord::PathNeedsExpertMode);
        }
        Ok(Path(p))
    }

    /// The key this path derives: by its coin type (only 118 and 60 parse).
    pub fn key(&self) -> KeyKind {
        if self.0[1] == COIN_TYPE_ETH {
            KeyKind::Eth
        } else {
            KeyKind::Cosmos
        }
    }

    pub fn account(&self) -> u32 {
        self.0[2] & !HARDENED
    }

    pub fn index(&self) -> u32 {
        self.0[4]
    }
}

/// A bech32 human-readable part: 1 to 83 characters in 33..=126, lower case.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Hrp<'a>(pub &'a str);

impl<'a> Hrp<'a> {
    pub fn parse(bytes: &'a [u8]) -> Result<Self, StatusWord> {
        if bytes.is_empty() || bytes.len() > 83 {
            return Err(StatusWord::WrongHrpLength);
        }
        if !bytes.iter().all(|b| (33..=126).contains(b) && !b.is_ascii_uppercase()) {
            return Err(StatusWord::DataInvalid);
        }
        core::str::from_utf8(bytes).map(Hrp).map_err(|_| StatusWord::DataInvalid)
    }
}

/// Splits `len(1) | hrp | rest`.
fn split_hrp(data: &[u8]) -> Result<(Hrp<'_>, &[u8]), StatusWord> {
    let (&len, rest) = data.split_first().ok_or(StatusWord::WrongLength)?;
    let len = usize::from(len);
    if len == 0 || len > 83 {
        return Err(StatusWord::WrongHrpLength);
    }
    let hrp = rest.get(..len).ok_or(StatusWord::WrongLength)?;
    Ok((Hrp::parse(hrp)?, rest.get(len..).unwrap_or(&[])))
}

/// The GET_ADDRESS payload: `hrp_len | hrp | path (20 bytes LE)`.
pub fn parse_get_address(data: &[u8], expert: bool) -> Result<(Hrp<'_>, Path), StatusWord> {
    let (hrp, rest) = split_hrp(data)?;
    if rest.len() != 20 {
        return Err(StatusWord::WrongLength);
    }
    Ok((hrp, Path::parse(rest, expert)?))
}

/// The SIGN init payload: `path (20 bytes LE) [| hrp_len | hrp]`.
pub fn parse_sign_init(data: &[u8], expert: bool) -> Result<(Path, Option<Hrp<'_>>), StatusWord> {
    let path_bytes = data.get(..20).ok_or(StatusWord::WrongLength)?;
    let path = Path::parse(path_bytes, expert)?;
    let rest = data.get(20..).unwrap_or(&[]);
    if rest.is_empty() {
        return Ok((path, None));
    }
    let (hrp, tail) = split_hrp(rest)?;
    if !tail.is_empty() {
        return Err(StatusWord::WrongLength);
    }
    Ok((path, Some(hrp)))
}

/// Whether `hrp` may be used with a key of kind `key`: the prefixes of the chains the app
/// knows (`milk`, `osmo`, `celestia`, `init`) always; any other well-formed prefix only in
/// expert mode. `cosmos` is accepted for a silent public-key request, which is how cosmjs
/// and ledger-cosmos-js ask for the key whatever the chain.
///
/// The Ethereum-style key (`44'/60'`) goes with `init` only, expert mode or not: it is
/// the key of the user's Ethereum accounts too, and no other prefix needs it here.
pub fn hrp_allowed(hrp: &Hrp<'_>, key: KeyKind, expert: bool, silent_key_request: bool) -> bool {
    if key == KeyKind::Eth {
        return hrp.0 == ETH_KEY_HRP;
    }
    expert || crate::chains::is_known_hrp(hrp.0) || (silent_key_request && hrp.0 == "cosmos")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn path_bytes(p: [u32; 5]) -> [u8; 20] {
        let mut out = [0u8; 20];
        for (i, w) in p.iter().enumerate() {
            out[i * 4..i * 4 + 4].copy_from_slice(&w.to_le_bytes());
        }
        out
    }

    const P0: [u32; 5] = [PURPOSE, COIN_TYPE, HARDENED, 0, 0];

    #[test]
    fn instructions() {
        assert_eq!(Instruction::decode(0x55, 0, 7, 9), Ok(Instruction::GetVersion));
        assert_eq!(Instruction::decode(0x55, 4, 1, 0), Ok(Instruction::GetAddress { show: true }));
        assert_eq!(Instruction::decode(0x55, 4, 2, 0), Err(StatusWord::WrongP1P2));
        assert_eq!(
            Instruction::decode(0x55, 2, 2, 2),
            Ok(Instruction::Sign { chunk: Chunk::Last, mode: Some(SignMode::Direct) })
        );
        assert_eq!(
            Instruction::decode(0x55, 2, 0, 1),
            Ok(Instruction::Sign { chunk: Chunk::Init, mode: None })
        );
        assert_eq!(Instruction::decode(0x55, 2, 3, 0), Err(StatusWord::WrongP1P2));
        assert_eq!(Instruction::decode(0x55, 2, 1, 3), Err(StatusWord::WrongP1P2));
        assert_eq!(Instruction::decode(0x55, 0x99, 0, 0), Err(StatusWord::InsNotSupported));
        assert_eq!(Instruction::decode(0xE0, 0, 0, 0), Err(StatusWord::ClaNotSupported));
    }

    #[test]
    fn version() {
        assert_eq!(version_reply(1, 2, 3, 0x3310_0004), [0, 1, 2, 3, 0, 0x33, 0x10, 0, 4]);
    }

    #[test]
    fn paths() {
        assert_eq!(Path::parse(&path_bytes(P0), false), Ok(Path(P0)));
        let mut p = P0;
        p[2] = HARDENED | 100;
        p[4] = 100;
        assert!(Path::parse(&path_bytes(p), false).is_ok());
        p[4] = 101;
        assert_eq!(Path::parse(&path_bytes(p), false), Err(StatusWord::PathNeedsExpertMode));
        assert!(Path::parse(&path_bytes(p), true).is_ok());
        let eth = [PURPOSE, COIN_TYPE_ETH, HARDENED | 3, 0, 7];
        assert_eq!(Path::parse(&path_bytes(eth), false).map(|p| p.key()), Ok(KeyKind::Eth));
        assert_eq!(Path::parse(&path_bytes(P0), false).map(|p| p.key()), Ok(KeyKind::Cosmos));
        for bad in [
            [PURPOSE, 61 | HARDENED, HARDENED, 0, 0],
            [PURPOSE, 60, HARDENED, 0, 0],
            [PURPOSE, 118, HARDENED, 0, 0],
            [PURPOSE, COIN_TYPE_ETH, 0, 0, 0],
            [PURPOSE, COIN_TYPE_ETH, HARDENED, 1, 0],
            [44, COIN_TYPE, HARDENED, 0, 0],
            [PURPOSE, COIN_TYPE, 0, 0, 0],
            [PURPOSE, COIN_TYPE, HARDENED, 1, 0],
            [PURPOSE, COIN_TYPE, HARDENED, 0, HARDENED],
        ] {
            assert_eq!(
                Path::parse(&path_bytes(bad), true),
                Err(StatusWord::InvalidPath),
                "{bad:x?}"
            );
        }
        assert_eq!(Path::parse(&[0u8; 19], false), Err(StatusWord::WrongLength));
    }

    #[test]
    fn payloads() {
        let mut data = [0u8; 25];
        data[0] = 4;
        data[1..5].copy_from_slice(b"milk");
        data[5..].copy_from_slice(&path_bytes(P0));
        assert_eq!(parse_get_address(&data, false), Ok((Hrp("milk"), Path(P0))));
        assert_eq!(parse_get_address(&data[..24], false), Err(StatusWord::WrongLength));
        let mut zero = data;
        zero[0] = 0;
        assert_eq!(parse_get_address(&zero, false), Err(StatusWord::WrongHrpLength));
        let mut upper = data;
        upper[1] = b'M';
        assert_eq!(parse_get_address(&upper, false), Err(StatusWord::DataInvalid));

        let path = path_bytes(P0);
        assert_eq!(parse_sign_init(&path, false), Ok((Path(P0), None)));
        let mut with_hrp = [0u8; 25];
        with_hrp[..20].copy_from_slice(&path);
        with_hrp[20] = 4;
        with_hrp[21..].copy_from_slice(b"osmo");
        assert_eq!(parse_sign_init(&with_hrp, false), Ok((Path(P0), Some(Hrp("osmo")))));
        assert_eq!(parse_sign_init(&with_hrp[..23], false), Err(StatusWord::WrongLength));
    }

    #[test]
    fn prefixes() {
        let c = KeyKind::Cosmos;
        assert!(hrp_allowed(&Hrp("milk"), c, false, false));
        assert!(hrp_allowed(&Hrp("celestia"), c, false, false));
        assert!(hrp_allowed(&Hrp("init"), c, false, false));
        assert!(!hrp_allowed(&Hrp("cosmos"), c, false, false));
        assert!(hrp_allowed(&Hrp("cosmos"), c, false, true));
        assert!(!hrp_allowed(&Hrp("evil"), c, false, true));
        assert!(hrp_allowed(&Hrp("evil"), c, true, false));
        // The Ethereum-style key: `init` only, whatever the mode.
        let e = KeyKind::Eth;
        assert!(hrp_allowed(&Hrp("init"), e, false, false));
        for other in ["milk", "osmo", "cosmos", "evil", "inj", "initt"] {
            for (expert, silent) in [(false, false), (true, false), (false, true), (true, true)] {
                assert!(!hrp_allowed(&Hrp(other), e, expert, silent), "{other}");
            }
        }
    }
}
