//! A transport to Speculos' raw APDU TCP server.
//!
//! Framing (speculos `mcu/apdu.py`): the request is a 4-byte big-endian length followed
//! by the APDU; the reply is a 4-byte big-endian length that **excludes** the 2-byte
//! status word, followed by the reply data and the status word.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::sync::Mutex;
use std::time::Duration;

use ledger_transport::{APDUAnswer, APDUCommand, Exchange};

/// Errors of the Speculos TCP transport.
#[derive(Debug, thiserror::Error)]
pub enum SpeculosTransportError {
    #[error("cannot reach Speculos at {addr}: {source}")]
    Connect { addr: SocketAddr, source: std::io::Error },
    #[error("APDU exchange with Speculos failed: {0}")]
    Io(#[from] std::io::Error),
    #[error("APDU data of {0} bytes does not fit a short APDU (at most 255)")]
    TooLong(usize),
    #[error("Speculos sent a reply that is not an APDU answer")]
    BadAnswer,
}

/// One TCP connection to Speculos' APDU port. Speculos serves one client at a time.
pub struct SpeculosTransport {
    stream: Mutex<TcpStream>,
}

impl SpeculosTransport {
    /// Connects to Speculos' APDU port (normally on 127.0.0.1).
    pub fn connect(addr: SocketAddr) -> Result<Self, SpeculosTransportError> {
        let stream = TcpStream::connect_timeout(&addr, Duration::from_secs(5))
            .map_err(|source| SpeculosTransportError::Connect { addr, source })?;
        stream.set_nodelay(true)?;
        Ok(Self { stream: Mutex::new(stream) })
    }

    /// Sends one raw APDU (header, Lc, data) and returns the reply data followed by the
    /// status word. Exposed for tests that need malformed APDUs.
    pub fn exchange_raw(&self, apdu: &[u8]) -> Result<Vec<u8>, SpeculosTransportError> {
        let mut stream = self.stream.lock().unwrap_or_else(|e| e.into_inner());
        let len =
            u32::try_from(apdu.len()).map_err(|_| SpeculosTransportError::TooLong(apdu.len()))?;
        let mut frame = Vec::with_capacity(4 + apdu.len());
        frame.extend_from_slice(&len.to_be_bytes());
        frame.extend_from_slice(apdu);
        stream.write_all(&frame)?;
        let mut len_buf = [0u8; 4];
        stream.read_exact(&mut len_buf)?;
        let data_len = u32::from_be_bytes(len_buf) as usize;
        let mut answer = vec![0u8; data_len + 2];
        stream.read_exact(&mut answer)?;
        Ok(answer)
    }

    /// The synchronous form of [`Exchange::exchange`].
    pub fn exchange_sync<I: std::ops::Deref<Target = [u8]>>(
        &self,
        command: &APDUCommand<I>,
    ) -> Result<APDUAnswer<Vec<u8>>, SpeculosTransportError> {
        let data: &[u8] = &command.data;
        if data.len() > 255 {
            return Err(SpeculosTransportError::TooLong(data.len()));
        }
        let mut apdu = Vec::with_capacity(5 + data.len());
        apdu.extend_from_slice(&[
            command.cla,
            command.ins,
            command.p1,
            command.p2,
            data.len() as u8,
        ]);
        apdu.extend_from_slice(data);
        let answer = self.exchange_raw(&apdu)?;
        APDUAnswer::from_answer(answer).map_err(|_| SpeculosTransportError::BadAnswer)
    }
}

#[async_trait::async_trait]
impl Exchange for SpeculosTransport {
    type Error = SpeculosTransportError;
    type AnswerType = Vec<u8>;

    async fn exchange<I>(
        &self,
        command: &APDUCommand<I>,
    ) -> Result<APDUAnswer<Self::AnswerType>, Self::Error>
    where
        I: std::ops::Deref<Target = [u8]> + Send + Sync,
    {
        self.exchange_sync(command)
    }
}
