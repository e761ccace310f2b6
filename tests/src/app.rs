//! Facts about the device app the tests check against, read from the repository rather
//! than written into the tests: its crate version, its name.

use std::fs;

use crate::{paths, Error, Result};

/// The app's CLA.
pub const CLA: u8 = 0x55;
/// INS GET_VERSION.
pub const INS_GET_VERSION: u8 = 0x00;
/// INS SIGN_SECP256K1.
pub const INS_SIGN: u8 = 0x02;
/// INS GET_ADDR_SECP256K1.
pub const INS_GET_ADDR: u8 = 0x04;

/// Status words (Cosmos app conventions).
pub mod sw {
    pub const OK: u16 = 0x9000;
    pub const REJECTED: u16 = 0x6986;
    pub const INS_NOT_SUPPORTED: u16 = 0x6D00;
    pub const CLA_NOT_SUPPORTED: u16 = 0x6E00;
}

/// The name the app shows and reports ("MilkyWay"), from `[package.metadata.ledger] name`.
pub fn app_name() -> Result<String> {
    let manifest = fs::read_to_string(paths::repo_root().join("app/Cargo.toml"))?;
    toml_value(&manifest, "package.metadata.ledger", "name")
        .ok_or_else(|| Error::msg("app/Cargo.toml has no [package.metadata.ledger] name"))
}

/// The app crate's version (`[package] version` of app/Cargo.toml) as (major, minor, patch).
pub fn app_version() -> Result<(u8, u8, u8)> {
    let manifest = fs::read_to_string(paths::repo_root().join("app/Cargo.toml"))?;
    let v = toml_value(&manifest, "package", "version")
        .ok_or_else(|| Error::msg("app/Cargo.toml has no [package] version"))?;
    parse_version(&v).ok_or_else(|| {
        Error::msg(format!("app version {v:?} is not major.minor.patch with parts < 256"))
    })
}

/// Parses "1.2.3" (a pre-release or build suffix is ignored).
pub fn parse_version(v: &str) -> Option<(u8, u8, u8)> {
    let core = v.split(['-', '+']).next()?;
    let mut parts = core.split('.').map(|p| p.parse::<u8>().ok());
    let r = (parts.next()??, parts.next()??, parts.next()??);
    if parts.next().is_some() {
        return None;
    }
    Some(r)
}

/// The version gates of the third-party clients (docs/protocol.md, "Version"), as their
/// sources write them, so that a test fails when the app's version stops passing one.
pub mod gates {
    /// cosmjs `@cosmjs/ledger-amino` 0.38: `LedgerConnector`'s default `minLedgerAppVersion`
    /// is "1.5.3", compared with semver `gte` on GET_VERSION's `major.minor.patch`.
    pub const COSMJS_DEFAULT_MIN: (u8, u8, u8) = (1, 5, 3);

    /// Whether cosmjs' LedgerSigner with its default minimum opens an app of version `v`.
    pub fn cosmjs_accepts(v: (u8, u8, u8)) -> bool {
        // semver's gte on three numeric parts is the lexicographic order of the tuple.
        v >= COSMJS_DEFAULT_MIN
    }

    /// ledger-cosmos-go `FindLedgerCosmosUserApp` (user_app.go, `CheckVersion`): major 1
    /// needs at least 1.5.1, major 2 at least 2.1.0, any other major is refused with
    /// "App version N is not supported". `Err` carries the client's message.
    pub fn ledger_cosmos_go_accepts(v: (u8, u8, u8)) -> Result<(), String> {
        let required = match v.0 {
            1 => (1, 5, 1),
            2 => (2, 1, 0),
            major => return Err(format!("App version {major} is not supported")),
        };
        if v >= required {
            Ok(())
        } else {
            Err(format!(
                "App Version required {}.{}.{} - Version found: {}.{}.{}",
                required.0, required.1, required.2, v.0, v.1, v.2
            ))
        }
    }
}

/// A string value `key = "…"` of table `[table]` in a simple TOML file (enough for Cargo.toml's
/// `[package]` and `[package.metadata.ledger]`; not a general TOML parser).
fn toml_value(text: &str, table: &str, key: &str) -> Option<String> {
    let mut current = String::new();
    for line in text.lines() {
        let line = line.trim();
        if line.starts_with('[') {
            current = line.trim_start_matches('[').trim_end_matches(']').trim().to_string();
            continue;
        }
        if current != table {
            continue;
        }
        let Some((k, v)) = line.split_once('=') else {
            continue;
        };
        if k.trim() != key {
            continue;
        }
        let v = v.trim();
        let v = v.strip_prefix('"')?;
        return Some(v[..v.find('"')?].to_string());
    }
    None
}

/// The reply of GET_VERSION, Cosmos app layout.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct VersionInfo {
    pub test_mode: bool,
    pub major: u8,
    pub minor: u8,
    pub patch: u8,
    pub locked: bool,
    pub target_id: u32,
}

impl VersionInfo {
    /// Parses the 9 data bytes `[test_mode, major, minor, patch, locked, target_id (4, BE)]`.
    pub fn parse(data: &[u8]) -> Result<VersionInfo> {
        if data.len() != 9 {
            return Err(Error::msg(format!(
                "GET_VERSION returned {} data bytes, expected 9",
                data.len()
            )));
        }
        Ok(VersionInfo {
            test_mode: data[0] != 0,
            major: data[1],
            minor: data[2],
            patch: data[3],
            locked: data[4] != 0,
            target_id: u32::from_be_bytes([data[5], data[6], data[7], data[8]]),
        })
    }
}

/// Splits a raw reply (data followed by the status word) into the data and the status word.
pub fn split_reply(reply: &[u8]) -> Result<(&[u8], u16)> {
    if reply.len() < 2 {
        return Err(Error::msg(format!("reply of {} bytes has no status word", reply.len())));
    }
    let (data, sw) = reply.split_at(reply.len() - 2);
    Ok((data, u16::from_be_bytes([sw[0], sw[1]])))
}

/// GET_ADDR_SECP256K1 APDU: HRP, then the path `44'/118'/account'/0/index`, five
/// little-endian u32 with the hardened bit on the first three. `show` asks for the review.
pub fn get_addr_apdu(hrp: &str, account: u32, index: u32, show: bool) -> Vec<u8> {
    let mut data = vec![hrp.len() as u8];
    data.extend_from_slice(hrp.as_bytes());
    for c in [44 | 0x8000_0000, 118 | 0x8000_0000, account | 0x8000_0000, 0, index] {
        data.extend_from_slice(&u32::to_le_bytes(c));
    }
    let mut apdu = vec![CLA, INS_GET_ADDR, u8::from(show), 0, data.len() as u8];
    apdu.extend_from_slice(&data);
    apdu
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_app_manifest() {
        let (major, minor, patch) = app_version().unwrap();
        let text = fs::read_to_string(paths::repo_root().join("app/Cargo.toml")).unwrap();
        assert!(text.contains(&format!("version = \"{major}.{minor}.{patch}\"")));
        assert_eq!(app_name().unwrap(), "MilkyWay");
    }

    /// The app's version (app/Cargo.toml, which GET_VERSION and the about screen read at
    /// build time) passes every client's gate.
    #[test]
    fn app_version_passes_the_client_gates() {
        let v = app_version().unwrap();
        assert!(gates::cosmjs_accepts(v), "cosmjs refuses app version {v:?} (needs >= 1.5.3)");
        if let Err(e) = gates::ledger_cosmos_go_accepts(v) {
            panic!("ledger-cosmos-go refuses app version {v:?}: {e}");
        }
    }

    /// The gates themselves, at their edges (the values their sources name).
    #[test]
    fn client_version_gates() {
        use gates::{cosmjs_accepts as js, ledger_cosmos_go_accepts as go};
        // The app's old 0.1.0: refused by both (the two failures).
        assert!(!js((0, 1, 0)));
        assert_eq!(go((0, 1, 0)), Err("App version 0 is not supported".into()));
        assert!(!js((1, 5, 2)) && go((1, 5, 2)).is_ok());
        assert!(js((1, 5, 3)) && go((1, 5, 3)).is_ok());
        assert!(go((1, 5, 0)).is_err() && !js((1, 4, 9)));
        // Major 2 below 2.1.0: cosmjs yes, the keyring no.
        assert!(js((2, 0, 9)));
        assert_eq!(go((2, 0, 9)), Err("App Version required 2.1.0 - Version found: 2.0.9".into()));
        assert!(js((2, 1, 0)) && go((2, 1, 0)).is_ok());
        assert!(js((2, 38, 0)) && go((2, 38, 0)).is_ok());
        // Major 3: cosmjs yes, the keyring refuses any major but 1 and 2.
        assert!(js((3, 0, 0)));
        assert_eq!(go((3, 0, 0)), Err("App version 3 is not supported".into()));
    }

    #[test]
    fn toml_lookup_respects_tables() {
        let t = "[package]\nname = \"a\"\nversion = \"1.2.3\"\n[dependencies]\nversion = \"9.9.9\"\n[package.metadata.ledger]\nname = \"MilkyWay\"\n";
        assert_eq!(toml_value(t, "package", "version").as_deref(), Some("1.2.3"));
        assert_eq!(toml_value(t, "package", "name").as_deref(), Some("a"));
        assert_eq!(toml_value(t, "package.metadata.ledger", "name").as_deref(), Some("MilkyWay"));
        assert_eq!(toml_value(t, "package", "missing"), None);
    }

    #[test]
    fn versions() {
        assert_eq!(parse_version("2.1.0"), Some((2, 1, 0)));
        assert_eq!(parse_version("2.10.3-rc1"), Some((2, 10, 3)));
        assert_eq!(parse_version("1.2"), None);
        assert_eq!(parse_version("1.2.3.4"), None);
        assert_eq!(parse_version("1.300.0"), None);
    }

    #[test]
    fn version_reply_and_status_words() {
        let v = VersionInfo::parse(&[0, 1, 2, 3, 0, 0x33, 0x10, 0x00, 0x04]).unwrap();
        assert_eq!((v.major, v.minor, v.patch, v.target_id), (1, 2, 3, 0x3310_0004));
        assert!(!v.test_mode && !v.locked);
        assert!(VersionInfo::parse(&[0; 8]).is_err());
        assert_eq!(split_reply(&[1, 2, 0x90, 0x00]).unwrap(), (&[1u8, 2][..], 0x9000));
        assert!(split_reply(&[0x90]).is_err());
    }

    #[test]
    fn get_addr_apdu_layout() {
        let apdu = get_addr_apdu("milk", 0, 7, true);
        assert_eq!(&apdu[..5], &[0x55, 0x04, 0x01, 0x00, 25]);
        assert_eq!(&apdu[5..10], b"\x04milk");
        assert_eq!(&apdu[10..14], &[44, 0, 0, 0x80]);
        assert_eq!(&apdu[26..30], &[7, 0, 0, 0]);
        assert_eq!(apdu.len(), 30);
    }
}
