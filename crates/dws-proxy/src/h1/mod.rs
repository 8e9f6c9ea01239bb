//! The upstream side of HTTP/1.1, driven from the client connection's own task: the request is
//! written, the answer's head read and its body decoded by whoever awaits them, with no task in
//! between.
//!
//! Why this is written here rather than taken from hyper: a general client hands each request
//! to a task that owns the connection and each answer back, and on a proxy's hot path those
//! hand-offs cost more than the parsing. hyper's own client connection
//! (`hyper::client::conn::http1`), driven from the client connection's task (so with no task
//! in between, only its dispatch channels), was tried behind the same `Upstreams::send` and
//! passed every test of the proxy; against this client in the same run of `cargo xtask bench
//! proxy --baseline` it carried 0.86× the requests a second saturated (26,907 against 31,417,
//! median of three alternated runs) and added 0.85 ms to the paced p99 (5.90 against 5.05 ms).
//! The rule was to adopt it within 5 %, so this stays, split so that each part is small and
//! pure where it can be: [`decode`] (answer heads and bodies, with property tests over every
//! way the bytes can arrive), [`encode`] (the request), [`conn`] (one connection: writing,
//! reading, reuse) and [`body`] (a body read as the client takes it).

pub mod body;
pub mod conn;
pub mod decode;
pub mod encode;

use std::io;
use std::time::Duration;

use axum::http::{HeaderMap, Method, StatusCode};

pub use body::UpstreamBody;
pub use conn::{Answer, Conn, Io, Return};

/// The largest answer head accepted (a 32 KiB token fits many times over).
const MAX_HEAD: usize = 256 * 1024;
/// How many answer headers are accepted.
const MAX_HEADERS: usize = 128;
/// How much is read from the upstream at a time.
const READ_CHUNK: usize = 16 * 1024;
/// How long after its last answer a client's own connection counts as recently used.
const RECENT: Duration = Duration::from_secs(1);
/// How many interim (1xx) answers may come before the answer.
const MAX_INTERIM: usize = 8;
/// The longest chunk-size or trailer line accepted.
const MAX_LINE: usize = 4096;

/// What went wrong talking to the upstream.
#[derive(Debug, thiserror::Error)]
pub enum ExchangeError {
    /// The request could not be written: on a reused connection, the upstream had closed it
    /// while idle, and the request can be sent again on a new one.
    #[error("the request could not be sent: {0}")]
    NotSent(io::Error),
    /// The connection failed or closed before any byte of the answer: on a reused connection
    /// this is most likely the upstream having closed it while idle.
    #[error("the connection closed before the answer began: {0}")]
    Closed(io::Error),
    /// The connection failed after the answer began.
    #[error("{0}")]
    Io(io::Error),
    /// The answer is not HTTP/1.1 this proxy accepts.
    #[error("invalid answer from upstream: {0}")]
    Invalid(&'static str),
}

/// A request as it goes upstream.
pub struct Outgoing<'a> {
    /// The method.
    pub method: &'a Method,
    /// The request target, in origin form.
    pub target: &'a str,
    /// The headers (`Content-Length` and `Transfer-Encoding` are set here, not taken from these).
    pub headers: &'a HeaderMap,
    /// The whole body.
    pub body: &'a [u8],
}

/// An answer's head, and how its body is framed.
pub struct Head {
    /// The status.
    pub status: StatusCode,
    /// The headers as received (hop-by-hop ones included: the caller strips them).
    pub headers: HeaderMap,
    framing: decode::Framing,
    keep_alive: bool,
}
