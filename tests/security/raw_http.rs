//! Raw HTTP/1.1 over TCP for the security tests: requests written as an attacker writes them
//! (a head now, the body a byte at a time, or never), answers read as they come.
#![allow(dead_code, clippy::unwrap_used)]

use std::net::SocketAddr;
use std::time::Duration;

use serde_json::Value;
use tokio::io::{AsyncRead, AsyncReadExt};
use tokio::net::TcpStream;

/// One answer, as it came over the socket.
#[derive(Debug)]
pub struct RawResponse {
    pub status: u16,
    /// The status line and headers, as sent.
    pub head: String,
    pub body: Vec<u8>,
}

impl RawResponse {
    /// The value of header `name` (case-insensitive), when sent.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.head.lines().skip(1).find_map(|line| {
            let (key, value) = line.split_once(':')?;
            key.eq_ignore_ascii_case(name).then(|| value.trim())
        })
    }

    /// The body as JSON.
    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body).unwrap()
    }
}

/// The head of a request to `path`, as a page on the app's own origin sends it.
pub fn head(method: &str, path: &str, address: SocketAddr, headers: &[(&str, String)]) -> Vec<u8> {
    let mut text =
        format!("{method} {path} HTTP/1.1\r\nHost: {address}\r\nOrigin: http://{address}\r\n");
    for (name, value) in headers {
        text.push_str(&format!("{name}: {value}\r\n"));
    }
    text.push_str("\r\n");
    text.into_bytes()
}

/// A POST head with a JSON body of `length` bytes to come.
pub fn json_post_head(path: &str, address: SocketAddr, length: u64) -> Vec<u8> {
    head(
        "POST",
        path,
        address,
        &[
            ("Content-Type", "application/json".to_owned()),
            ("Content-Length", length.to_string()),
        ],
    )
}

/// Reads one answer (head, then its `Content-Length` body) from `stream`; `None` when the
/// connection ends first or `limit` passes. An error after the answer is whole (the server
/// resetting a connection whose body it did not read) does not matter.
pub async fn read_response(
    stream: &mut (impl AsyncRead + Unpin),
    limit: Duration,
) -> Option<RawResponse> {
    let work = async {
        let mut data = Vec::new();
        let mut buf = [0u8; 8192];
        loop {
            if let Some(end) = data.windows(4).position(|w| w == b"\r\n\r\n") {
                let head = String::from_utf8_lossy(&data[..end]).into_owned();
                let status = head.get(9..12)?.parse().ok()?;
                let mut response = RawResponse {
                    status,
                    head,
                    body: Vec::new(),
                };
                let length: usize = response
                    .header("content-length")
                    .and_then(|v| v.parse().ok())
                    .unwrap_or(0);
                if data.len() >= end + 4 + length {
                    response.body = data[end + 4..end + 4 + length].to_vec();
                    return Some(response);
                }
            }
            match stream.read(&mut buf).await {
                Ok(0) | Err(_) => return None,
                Ok(n) => data.extend_from_slice(&buf[..n]),
            }
        }
    };
    tokio::time::timeout(limit, work).await.ok().flatten()
}

/// Whether the server closes `stream` (end of stream or reset) within `limit`; what it sends
/// meanwhile is read and dropped.
pub async fn closed_within(stream: &mut (impl AsyncRead + Unpin), limit: Duration) -> bool {
    let work = async {
        let mut buf = [0u8; 65536];
        loop {
            match stream.read(&mut buf).await {
                Ok(0) | Err(_) => return,
                Ok(_) => {}
            }
        }
    };
    tokio::time::timeout(limit, work).await.is_ok()
}

/// A connection to `address` from the local address `from` (any port).
pub async fn connect_from(from: &str, address: SocketAddr) -> TcpStream {
    let socket = tokio::net::TcpSocket::new_v4().unwrap();
    socket.bind(format!("{from}:0").parse().unwrap()).unwrap();
    socket.connect(address).await.unwrap()
}
