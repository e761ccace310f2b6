//! APDU transports: USB HID (a real Ledger) and Speculos' raw APDU TCP port, chosen at
//! run time with a [`DeviceSpec`] (`hid`, `speculos`, `speculos:HOST:PORT`).

pub mod hid;
pub mod speculos;

use std::fmt;
use std::net::{SocketAddr, ToSocketAddrs};
use std::str::FromStr;

use ledger_transport::{APDUAnswer, APDUCommand, Exchange};
use ledger_transport_hid::TransportNativeHID;

pub use speculos::SpeculosTransport;

/// Speculos' default APDU port.
pub const DEFAULT_SPECULOS_ADDR: &str = "127.0.0.1:9999";

/// Which device to talk to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DeviceSpec {
    /// The first Ledger on USB.
    Hid,
    /// Speculos' APDU port at host:port.
    Speculos { host: String, port: u16 },
}

impl FromStr for DeviceSpec {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        if s == "hid" {
            return Ok(DeviceSpec::Hid);
        }
        let rest = match s.strip_prefix("speculos") {
            Some("") => return Ok(DeviceSpec::Speculos { host: "127.0.0.1".into(), port: 9999 }),
            Some(rest) => rest.strip_prefix(':'),
            None => None,
        };
        let bad = || format!("invalid device {s:?}: use hid, speculos or speculos:HOST:PORT");
        let rest = rest.ok_or_else(bad)?;
        let (host, port) = rest.rsplit_once(':').ok_or_else(bad)?;
        let host = host.trim_start_matches('[').trim_end_matches(']');
        if host.is_empty() {
            return Err(bad());
        }
        let port = port.parse().map_err(|_| bad())?;
        Ok(DeviceSpec::Speculos { host: host.to_owned(), port })
    }
}

impl fmt::Display for DeviceSpec {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DeviceSpec::Hid => f.write_str("hid"),
            DeviceSpec::Speculos { host, port } => write!(f, "speculos:{host}:{port}"),
        }
    }
}

/// Either transport, behind one `Exchange`.
pub enum AnyTransport {
    Hid(TransportNativeHID),
    Speculos(SpeculosTransport),
}

impl AnyTransport {
    /// Opens the transport a spec names.
    pub fn open(spec: &DeviceSpec) -> Result<AnyTransport, String> {
        match spec {
            DeviceSpec::Hid => hid::open_first_ledger().map(AnyTransport::Hid),
            DeviceSpec::Speculos { host, port } => {
                let addr: SocketAddr = (host.as_str(), *port)
                    .to_socket_addrs()
                    .map_err(|e| format!("cannot resolve {host}:{port}: {e}"))?
                    .next()
                    .ok_or_else(|| format!("cannot resolve {host}:{port}"))?;
                SpeculosTransport::connect(addr)
                    .map(AnyTransport::Speculos)
                    .map_err(|e| format!("{e} (is Speculos running with --apdu-port {port}?)"))
            }
        }
    }
}

/// Errors of [`AnyTransport`].
#[derive(Debug, thiserror::Error)]
pub enum AnyTransportError {
    #[error(transparent)]
    Hid(#[from] ledger_transport_hid::LedgerHIDError),
    #[error(transparent)]
    Speculos(#[from] speculos::SpeculosTransportError),
}

#[async_trait::async_trait]
impl Exchange for AnyTransport {
    type Error = AnyTransportError;
    type AnswerType = Vec<u8>;

    async fn exchange<I>(
        &self,
        command: &APDUCommand<I>,
    ) -> Result<APDUAnswer<Self::AnswerType>, Self::Error>
    where
        I: std::ops::Deref<Target = [u8]> + Send + Sync,
    {
        match self {
            AnyTransport::Hid(t) => Ok(Exchange::exchange(t, command).await?),
            AnyTransport::Speculos(t) => Ok(t.exchange_sync(command)?),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn device_specs() {
        assert_eq!("hid".parse::<DeviceSpec>().unwrap(), DeviceSpec::Hid);
        assert_eq!(
            "speculos".parse::<DeviceSpec>().unwrap(),
            DeviceSpec::Speculos { host: "127.0.0.1".into(), port: 9999 }
        );
        assert_eq!(
            "speculos:localhost:40000".parse::<DeviceSpec>().unwrap(),
            DeviceSpec::Speculos { host: "localhost".into(), port: 40000 }
        );
        assert_eq!(
            "speculos:[::1]:9999".parse::<DeviceSpec>().unwrap(),
            DeviceSpec::Speculos { host: "::1".into(), port: 9999 }
        );
        for bad in [
            "usb",
            "speculos:",
            "speculos:host",
            "speculos:host:x",
            "speculos:host:70000",
            "speculosx",
            "speculos::1",
        ] {
            assert!(bad.parse::<DeviceSpec>().is_err(), "{bad}");
        }
        assert_eq!(DeviceSpec::Speculos { host: "h".into(), port: 1 }.to_string(), "speculos:h:1");
    }

    #[test]
    fn speculos_framing_over_a_local_socket() {
        // A one-shot fake Speculos on loopback: checks the request framing and answers
        // with data + status word, the length prefix excluding the status word.
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap();
        let server = std::thread::spawn(move || {
            use std::io::{Read, Write};
            let (mut s, _) = listener.accept().unwrap();
            let mut len = [0u8; 4];
            s.read_exact(&mut len).unwrap();
            let mut apdu = vec![0u8; u32::from_be_bytes(len) as usize];
            s.read_exact(&mut apdu).unwrap();
            assert_eq!(apdu, [0x55, 0x00, 0x00, 0x00, 0x00]);
            s.write_all(&[0, 0, 0, 2, 0xAA, 0xBB, 0x90, 0x00]).unwrap();
        });
        let t = AnyTransport::open(&DeviceSpec::Speculos {
            host: "127.0.0.1".into(),
            port: addr.port(),
        })
        .unwrap();
        let cmd = APDUCommand { cla: 0x55, ins: 0, p1: 0, p2: 0, data: Vec::new() };
        let ans = futures::executor::block_on(t.exchange(&cmd)).unwrap();
        assert_eq!((ans.data(), ans.retcode()), (&[0xAA, 0xBB][..], 0x9000));
        server.join().unwrap();
    }
}
