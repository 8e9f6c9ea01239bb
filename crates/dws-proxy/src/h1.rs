//! The upstream side of HTTP/1.1, driven from the client connection's own task: the request is
//! written, the answer's head read and its body decoded by whoever awaits them, with no task in
//! between. (A general client hands each request to a task that owns the connection and each
//! answer back; on a proxy's hot path those hand-offs cost more than the parsing.)

use std::future::Future;
use std::io;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll, ready};
use std::time::{Duration, Instant};

use axum::http::{HeaderMap, HeaderName, HeaderValue, Method, StatusCode};
use bytes::{Bytes, BytesMut};
use http_body::{Frame, SizeHint};
use hyper_rustls::MaybeHttpsStream;
use hyper_util::rt::TokioIo;
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWriteExt, ReadBuf};
use tokio::net::TcpStream;

/// The byte stream to an upstream: TCP, or TLS over TCP.
pub type Io = TokioIo<MaybeHttpsStream<TokioIo<TcpStream>>>;

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

/// One connection to an upstream, with what was read from it and not yet used.
pub struct Conn {
    io: Io,
    buf: BytesMut,
    /// The `scheme://authority` it is connected to.
    pub origin: Arc<str>,
    /// When it was last handed back.
    pub since: Instant,
}

/// How the body of an answer is delimited.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Framing {
    /// This many bytes are left.
    Length(u64),
    /// Chunked, in this state.
    Chunked(Chunk),
    /// Until the upstream closes.
    Eof,
    /// Complete.
    Done,
}

/// Where a chunked body's decoder is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Chunk {
    /// At a chunk-size line.
    Size,
    /// Inside a chunk, with this many bytes left.
    Data(u64),
    /// After a chunk's data, at its CRLF.
    DataEnd,
    /// In the trailer section (dropped: trailers never cross the proxy).
    Trailer,
}

/// What decoding the buffered bytes gave.
enum Decoded {
    Data(Bytes),
    NeedMore,
    Done,
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
    framing: Framing,
    keep_alive: bool,
}

/// A length written as 1 to 19 ASCII digits and nothing else.
fn decimal(v: &[u8]) -> Option<u64> {
    if v.is_empty() || v.len() > 19 || !v.iter().all(u8::is_ascii_digit) {
        return None;
    }
    std::str::from_utf8(v).ok()?.parse().ok()
}

fn find_crlf(b: &[u8]) -> Option<usize> {
    b.windows(2).position(|w| w == b"\r\n")
}

impl Conn {
    /// A fresh connection to `origin`.
    pub fn new(io: Io, origin: Arc<str>) -> Conn {
        Conn {
            io,
            buf: BytesMut::with_capacity(READ_CHUNK),
            origin,
            since: Instant::now(),
        }
    }

    /// Whether an idle connection can still carry a request: the upstream has neither closed
    /// it nor sent anything unasked. Never waits.
    ///
    /// A connection its own client used within the last second is judged by what the runtime
    /// has seen of it (no system call; on the hot path this saves about a tenth of the proxy's
    /// time per request). Any other — idle longer, or about to pass to another client — is
    /// asked at the socket, which also sees what the runtime has not processed yet.
    pub fn is_reusable(&mut self, fresh: bool) -> bool {
        if !self.buf.is_empty() {
            return false;
        }
        let recent = fresh && self.since.elapsed() < RECENT;
        if !recent && let MaybeHttpsStream::Http(tcp) = self.io.inner() {
            let mut probe = [std::mem::MaybeUninit::<u8>::uninit(); 1];
            return matches!(
                socket2::SockRef::from(tcp.inner()).peek(&mut probe),
                Err(e) if e.kind() == io::ErrorKind::WouldBlock
            );
        }
        // A read through the runtime (and rustls, which consumes session tickets and sees
        // close_notify), outside the task's cooperative budget, which could otherwise answer
        // "not yet" without looking.
        let mut probe = [0u8; 1];
        let mut rb = ReadBuf::new(&mut probe);
        let io = &mut self.io;
        let mut read = tokio::task::unconstrained(std::future::poll_fn(|cx| {
            Pin::new(&mut *io).poll_read(cx, &mut rb)
        }));
        let mut cx = Context::from_waker(std::task::Waker::noop());
        matches!(Pin::new(&mut read).poll(&mut cx), Poll::Pending)
    }

    /// Sends a request and reads the head of its answer (skipping interim 1xx answers).
    pub async fn exchange(&mut self, req: &Outgoing<'_>) -> Result<Head, ExchangeError> {
        let (method, target, headers, body) = (req.method, req.target, req.headers, req.body);
        let head_request = method == Method::HEAD;
        let wire = encode_request(method, target, headers, body);
        let written = match self.io.write_all(&wire).await {
            Ok(()) => self.io.flush().await,
            Err(e) => Err(e),
        };
        if let Err(e) = written {
            // An upstream may answer from the head alone (a 413 or a 401 for a large body) and
            // close with the body unread, which resets the connection under the write. That
            // answer, if it came, is the answer; the connection is done either way.
            // A 408 is what some servers send as they close a connection left idle: not an
            // answer to this request, which can go again on another connection.
            return match self.early_answer(head_request).await {
                Some(mut head) if head.status != StatusCode::REQUEST_TIMEOUT => {
                    head.keep_alive = false;
                    Ok(head)
                }
                _ => Err(ExchangeError::NotSent(e)),
            };
        }
        let mut began = false;
        loop {
            if let Some(head) = self.parse_head(head_request)? {
                return Ok(head);
            }
            if self.buf.len() > MAX_HEAD {
                return Err(ExchangeError::Invalid("the answer head is too large"));
            }
            self.buf.reserve(READ_CHUNK);
            let n = match self.io.read_buf(&mut self.buf).await {
                Ok(n) => n,
                Err(e) if !began => return Err(ExchangeError::Closed(e)),
                Err(e) => return Err(ExchangeError::Io(e)),
            };
            if n == 0 {
                let eof = io::Error::from(io::ErrorKind::UnexpectedEof);
                return Err(if began {
                    ExchangeError::Io(eof)
                } else {
                    ExchangeError::Closed(eof)
                });
            }
            began = true;
        }
    }

    /// After a failed write: the head of an answer the upstream sent before it closed, if the
    /// connection holds a whole one. A reset connection gives the bytes that arrived before the
    /// reset and then an error; the caller's upstream timeout bounds anything else.
    async fn early_answer(&mut self, head_request: bool) -> Option<Head> {
        loop {
            if let Some(head) = self.parse_head(head_request).ok()? {
                return Some(head);
            }
            if self.buf.len() > MAX_HEAD {
                return None;
            }
            self.buf.reserve(READ_CHUNK);
            match self.io.read_buf(&mut self.buf).await {
                Ok(0) | Err(_) => return None,
                Ok(_) => {}
            }
        }
    }

    /// Parses an answer head from the buffer, if it holds a whole one.
    fn parse_head(&mut self, head_request: bool) -> Result<Option<Head>, ExchangeError> {
        let mut interim = 0;
        loop {
            let mut slots = [httparse::EMPTY_HEADER; MAX_HEADERS];
            let mut res = httparse::Response::new(&mut slots);
            let len = match res.parse(&self.buf) {
                Ok(httparse::Status::Complete(n)) => n,
                Ok(httparse::Status::Partial) => return Ok(None),
                Err(httparse::Error::TooManyHeaders) => {
                    return Err(ExchangeError::Invalid("too many headers"));
                }
                Err(_) => return Err(ExchangeError::Invalid("malformed head")),
            };
            let code = res.code.unwrap_or(0);
            let status = StatusCode::from_u16(code)
                .map_err(|_| ExchangeError::Invalid("bad status code"))?;
            if status == StatusCode::SWITCHING_PROTOCOLS {
                return Err(ExchangeError::Invalid("protocol switch"));
            }
            if status.is_informational() {
                // 100 Continue, 103 Early Hints: not the answer.
                interim += 1;
                if interim > MAX_INTERIM {
                    return Err(ExchangeError::Invalid("too many interim answers"));
                }
                let _ = self.buf.split_to(len);
                continue;
            }
            let http11 = res.version == Some(1);
            let mut headers = HeaderMap::with_capacity(res.headers.len());
            let mut close = !http11;
            let mut transfer_encoded = false;
            let mut length: Option<u64> = None;
            for h in res.headers.iter() {
                let name = HeaderName::from_bytes(h.name.as_bytes())
                    .map_err(|_| ExchangeError::Invalid("bad header name"))?;
                let value = HeaderValue::from_bytes(h.value)
                    .map_err(|_| ExchangeError::Invalid("bad header value"))?;
                if name == axum::http::header::CONNECTION {
                    if crate::headers::connection_options(&value)
                        .any(|t| t.eq_ignore_ascii_case(b"close"))
                    {
                        close = true;
                    }
                } else if name == axum::http::header::TRANSFER_ENCODING {
                    // Only plain `chunked`: the header is hop-by-hop and stripped, so any other
                    // coding would reach the client undeclared.
                    if transfer_encoded
                        || !value
                            .as_bytes()
                            .trim_ascii()
                            .eq_ignore_ascii_case(b"chunked")
                    {
                        return Err(ExchangeError::Invalid("unsupported Transfer-Encoding"));
                    }
                    transfer_encoded = true;
                } else if name == axum::http::header::CONTENT_LENGTH {
                    // Digits only (no sign, no spaces): the value is passed on to the client as
                    // it is, and must mean the same to everyone who reads it.
                    let n = decimal(value.as_bytes())
                        .ok_or(ExchangeError::Invalid("bad Content-Length"))?;
                    if length.is_some_and(|m| m != n) {
                        return Err(ExchangeError::Invalid("conflicting Content-Length"));
                    }
                    length = Some(n);
                }
                headers.append(name, value);
            }
            let _ = self.buf.split_to(len);
            let no_body = head_request
                || status == StatusCode::NO_CONTENT
                || status == StatusCode::NOT_MODIFIED;
            let framing = if no_body {
                Framing::Done
            } else if transfer_encoded {
                // RFC 9112 §6.3: Transfer-Encoding overrides Content-Length, which is dropped;
                // an answer with both is suspect, so its connection is not used again.
                if headers.remove(axum::http::header::CONTENT_LENGTH).is_some() {
                    close = true;
                }
                Framing::Chunked(Chunk::Size)
            } else {
                match length {
                    Some(0) => Framing::Done,
                    Some(n) => Framing::Length(n),
                    None => Framing::Eof,
                }
            };
            return Ok(Some(Head {
                status,
                headers,
                keep_alive: !close && framing != Framing::Eof,
                framing,
            }));
        }
    }
}

/// The request as it goes on the wire: request line, headers, `Content-Length` when there is a
/// body (or the method usually has one), the body.
fn encode_request(method: &Method, target: &str, headers: &HeaderMap, body: &[u8]) -> Vec<u8> {
    let heads: usize = headers
        .iter()
        .map(|(k, v)| k.as_str().len() + v.len() + 4)
        .sum();
    let mut w = Vec::with_capacity(method.as_str().len() + target.len() + heads + 64 + body.len());
    w.extend_from_slice(method.as_str().as_bytes());
    w.push(b' ');
    w.extend_from_slice(target.as_bytes());
    w.extend_from_slice(b" HTTP/1.1\r\n");
    for (k, v) in headers {
        if k == axum::http::header::CONTENT_LENGTH || k == axum::http::header::TRANSFER_ENCODING {
            continue;
        }
        w.extend_from_slice(k.as_str().as_bytes());
        w.extend_from_slice(b": ");
        w.extend_from_slice(v.as_bytes());
        w.extend_from_slice(b"\r\n");
    }
    let usually_has_body = matches!(*method, Method::POST | Method::PUT | Method::PATCH);
    if !body.is_empty() || usually_has_body {
        w.extend_from_slice(b"content-length: ");
        w.extend_from_slice(body.len().to_string().as_bytes());
        w.extend_from_slice(b"\r\n");
    }
    w.extend_from_slice(b"\r\n");
    w.extend_from_slice(body);
    w
}

/// Decodes what the buffer holds of a body framed as `framing`.
fn decode(framing: &mut Framing, buf: &mut BytesMut) -> Result<Decoded, ExchangeError> {
    loop {
        match framing {
            Framing::Done => return Ok(Decoded::Done),
            Framing::Length(0) => *framing = Framing::Done,
            Framing::Length(left) | Framing::Chunked(Chunk::Data(left)) => {
                if buf.is_empty() {
                    return Ok(Decoded::NeedMore);
                }
                let take = (*left).min(buf.len() as u64);
                *left -= take;
                let data = buf.split_to(take as usize).freeze();
                match framing {
                    Framing::Chunked(Chunk::Data(0)) => *framing = Framing::Chunked(Chunk::DataEnd),
                    // Done at once: a client that knows the length stops asking after the
                    // last byte, so the body must already count as finished.
                    Framing::Length(0) => *framing = Framing::Done,
                    _ => {}
                }
                return Ok(Decoded::Data(data));
            }
            Framing::Eof => {
                if buf.is_empty() {
                    return Ok(Decoded::NeedMore);
                }
                return Ok(Decoded::Data(buf.split().freeze()));
            }
            Framing::Chunked(Chunk::DataEnd) => {
                if buf.len() < 2 {
                    return Ok(Decoded::NeedMore);
                }
                if &buf[..2] != b"\r\n" {
                    return Err(ExchangeError::Invalid("bad chunk end"));
                }
                let _ = buf.split_to(2);
                *framing = Framing::Chunked(Chunk::Size);
            }
            Framing::Chunked(Chunk::Size) => {
                let Some(end) = find_crlf(buf) else {
                    if buf.len() > MAX_LINE {
                        return Err(ExchangeError::Invalid("chunk size line too long"));
                    }
                    return Ok(Decoded::NeedMore);
                };
                let line = &buf[..end];
                // The size, then optional extensions after `;`, which are ignored.
                if end > MAX_LINE {
                    return Err(ExchangeError::Invalid("chunk size line too long"));
                }
                // Hex digits only, then optional whitespace before any extension.
                let digits = line
                    .split(|b| *b == b';')
                    .next()
                    .unwrap_or_default()
                    .trim_ascii_end();
                if digits.is_empty()
                    || digits.len() > 15
                    || !digits.iter().all(u8::is_ascii_hexdigit)
                {
                    return Err(ExchangeError::Invalid("bad chunk size"));
                }
                let size = std::str::from_utf8(digits)
                    .ok()
                    .and_then(|d| u64::from_str_radix(d, 16).ok())
                    .ok_or(ExchangeError::Invalid("bad chunk size"))?;
                let _ = buf.split_to(end + 2);
                *framing = Framing::Chunked(if size == 0 {
                    Chunk::Trailer
                } else {
                    Chunk::Data(size)
                });
            }
            Framing::Chunked(Chunk::Trailer) => {
                let Some(end) = find_crlf(buf) else {
                    if buf.len() > MAX_LINE {
                        return Err(ExchangeError::Invalid("trailer line too long"));
                    }
                    return Ok(Decoded::NeedMore);
                };
                if end > MAX_LINE {
                    return Err(ExchangeError::Invalid("trailer line too long"));
                }
                let _ = buf.split_to(end + 2);
                if end == 0 {
                    *framing = Framing::Done;
                }
            }
        }
    }
}

/// Where a finished connection goes back to.
pub trait Return: Send + Sync + 'static {
    /// Takes back a connection whose answer was read to the end.
    fn give_back(&self, conn: Conn);
}

/// An answer's body, read from the upstream connection as the client takes it. When it has
/// been read to the end, a reusable connection goes back to `home`; a body dropped early drops
/// (closes) its connection, whose state is then unknown.
pub struct UpstreamBody {
    conn: Option<Conn>,
    framing: Framing,
    keep_alive: bool,
    home: Arc<dyn Return>,
    /// How long the upstream may go without sending a byte of the body.
    stall: Duration,
    /// When the current wait for more of the body gives up.
    deadline: Option<Pin<Box<tokio::time::Sleep>>>,
    /// Whether that wait has begun (a client slow to read does not count against the upstream).
    waiting: bool,
}

/// An answer: its head, and its body either whole (when it arrived with the head, the usual
/// case for API answers) or to be streamed.
pub enum Answer {
    /// The whole body; the connection has already gone back.
    Whole(Head, Bytes),
    /// The body still to be read.
    Streaming(Head, Box<UpstreamBody>),
}

impl Conn {
    /// Reads, without waiting, as much of the answer's body as has already arrived. If that is
    /// all of it, the connection goes back to `home` and the body comes whole.
    pub fn answer(
        mut self,
        mut head: Head,
        home: Arc<dyn Return>,
        stall: Duration,
    ) -> Result<Answer, ExchangeError> {
        let mut framing = head.framing;
        let whole = match framing {
            Framing::Done => Some(Bytes::new()),
            Framing::Length(n) if (self.buf.len() as u64) >= n => {
                framing = Framing::Done;
                Some(self.buf.split_to(n as usize).freeze())
            }
            Framing::Chunked(_) => {
                // Only if every chunk is here: decode a copy of the state, keep the data.
                let mut state = framing;
                let mut probe = self.buf.clone();
                let mut parts: Vec<Bytes> = Vec::new();
                loop {
                    match decode(&mut state, &mut probe)? {
                        Decoded::Data(d) => parts.push(d),
                        Decoded::NeedMore => break None,
                        Decoded::Done => {
                            self.buf = probe;
                            framing = Framing::Done;
                            break Some(match parts.len() {
                                1 => parts.pop().unwrap_or_default(),
                                _ => Bytes::from(parts.concat()),
                            });
                        }
                    }
                }
            }
            _ => None,
        };
        head.framing = framing;
        match whole {
            Some(body) => {
                if head.keep_alive && self.buf.is_empty() {
                    self.since = Instant::now();
                    home.give_back(self);
                }
                Ok(Answer::Whole(head, body))
            }
            None => {
                let keep_alive = head.keep_alive;
                Ok(Answer::Streaming(
                    head,
                    Box::new(UpstreamBody {
                        keep_alive,
                        framing,
                        conn: Some(self),
                        home,
                        stall,
                        deadline: None,
                        waiting: false,
                    }),
                ))
            }
        }
    }
}

impl UpstreamBody {
    fn finish(&mut self) {
        if let Some(mut conn) = self.conn.take()
            && self.keep_alive
            && conn.buf.is_empty()
        {
            conn.since = Instant::now();
            self.home.give_back(conn);
        }
    }
}

impl http_body::Body for UpstreamBody {
    type Data = Bytes;
    type Error = ExchangeError;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, ExchangeError>>> {
        let this = &mut *self;
        loop {
            let Some(conn) = this.conn.as_mut() else {
                return Poll::Ready(None);
            };
            match decode(&mut this.framing, &mut conn.buf) {
                Err(e) => {
                    this.conn = None;
                    return Poll::Ready(Some(Err(e)));
                }
                Ok(Decoded::Data(d)) => {
                    if this.framing == Framing::Done {
                        // The last bytes: give the connection back now, as the body may not be
                        // polled again.
                        this.finish();
                    }
                    return Poll::Ready(Some(Ok(Frame::data(d))));
                }
                Ok(Decoded::Done) => {
                    this.finish();
                    return Poll::Ready(None);
                }
                Ok(Decoded::NeedMore) => {
                    conn.buf.reserve(READ_CHUNK);
                    let read = {
                        // `read_buf` keeps no state between polls: a new one each time is fine.
                        let fut = std::pin::pin!(conn.io.read_buf(&mut conn.buf));
                        match fut.poll(cx) {
                            Poll::Ready(r) => r,
                            Poll::Pending => {
                                let stall = this.stall;
                                let deadline = this
                                    .deadline
                                    .get_or_insert_with(|| Box::pin(tokio::time::sleep(stall)));
                                if !this.waiting {
                                    this.waiting = true;
                                    deadline.as_mut().reset(tokio::time::Instant::now() + stall);
                                }
                                ready!(deadline.as_mut().poll(cx));
                                this.conn = None;
                                return Poll::Ready(Some(Err(ExchangeError::Io(io::Error::new(
                                    io::ErrorKind::TimedOut,
                                    format!("the upstream sent nothing for {stall:?}"),
                                )))));
                            }
                        }
                    };
                    match read {
                        Ok(0) if this.framing == Framing::Eof => {
                            // The end of a body delimited by the connection's end.
                            this.framing = Framing::Done;
                            this.conn = None;
                            return Poll::Ready(None);
                        }
                        Ok(0) => {
                            this.conn = None;
                            return Poll::Ready(Some(Err(ExchangeError::Io(io::Error::from(
                                io::ErrorKind::UnexpectedEof,
                            )))));
                        }
                        // Progress: the next wait starts its own clock.
                        Ok(_) => this.waiting = false,
                        Err(e) => {
                            this.conn = None;
                            return Poll::Ready(Some(Err(ExchangeError::Io(e))));
                        }
                    }
                }
            }
        }
    }

    fn is_end_stream(&self) -> bool {
        self.framing == Framing::Done
    }

    fn size_hint(&self) -> SizeHint {
        match self.framing {
            Framing::Length(n) => SizeHint::with_exact(n),
            Framing::Done => SizeHint::with_exact(0),
            _ => SizeHint::default(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(framing: Framing, wire: &[u8]) -> Result<(Vec<u8>, Framing, usize), ExchangeError> {
        let mut f = framing;
        let mut buf = BytesMut::from(wire);
        let mut out = Vec::new();
        loop {
            match decode(&mut f, &mut buf)? {
                Decoded::Data(d) => out.extend_from_slice(&d),
                Decoded::NeedMore | Decoded::Done => return Ok((out, f, buf.len())),
            }
        }
    }

    #[test]
    fn chunked_bodies_decode_with_extensions_and_trailers() {
        let (body, f, left) = run(
            Framing::Chunked(Chunk::Size),
            b"5;ext=1\r\nhello\r\n1\r\n \r\nA\r\n0123456789\r\n0\r\nX-T: 1\r\n\r\n",
        )
        .unwrap();
        assert_eq!(body, b"hello 0123456789");
        assert_eq!(f, Framing::Done);
        assert_eq!(left, 0);
    }

    #[test]
    fn chunked_bodies_decode_byte_by_byte() {
        let wire = b"3\r\nabc\r\n10\r\n0123456789abcdef\r\n0\r\n\r\n";
        let mut f = Framing::Chunked(Chunk::Size);
        let mut buf = BytesMut::new();
        let mut out = Vec::new();
        for b in wire {
            buf.extend_from_slice(&[*b]);
            while let Decoded::Data(d) = decode(&mut f, &mut buf).unwrap() {
                out.extend_from_slice(&d);
            }
        }
        assert_eq!(out, b"abc0123456789abcdef");
        assert_eq!(f, Framing::Done);
    }

    #[test]
    fn bad_chunks_are_refused() {
        for wire in [
            &b"zz\r\nab\r\n"[..],
            b"3\r\nabcX\r\n",
            b"\r\n",
            b"1000000000000000\r\n",
        ] {
            assert!(
                run(Framing::Chunked(Chunk::Size), wire).is_err(),
                "{wire:?}"
            );
        }
        let long = vec![b'1'; MAX_LINE + 1];
        assert!(run(Framing::Chunked(Chunk::Size), &long).is_err());
    }

    #[test]
    fn lengths_are_plain_digits() {
        assert_eq!(decimal(b"0"), Some(0));
        assert_eq!(decimal(b"1234"), Some(1234));
        for bad in [
            &b""[..],
            b"+5",
            b"-1",
            b" 5",
            b"5 ",
            b"0x10",
            b"12345678901234567890",
        ] {
            assert_eq!(decimal(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn length_bodies_stop_at_their_length() {
        let (body, f, left) = run(Framing::Length(5), b"helloEXTRA").unwrap();
        assert_eq!(body, b"hello");
        assert_eq!(f, Framing::Done);
        assert_eq!(left, 5);
    }

    #[test]
    fn requests_carry_a_length_only_when_they_should() {
        let mut h = HeaderMap::new();
        h.insert("x-auth-token", HeaderValue::from_static("t"));
        h.insert("content-length", HeaderValue::from_static("999"));
        h.insert("transfer-encoding", HeaderValue::from_static("chunked"));
        let get =
            String::from_utf8(encode_request(&Method::GET, "/v1.0/p/clusters", &h, b"")).unwrap();
        assert_eq!(
            get,
            "GET /v1.0/p/clusters HTTP/1.1\r\nx-auth-token: t\r\n\r\n"
        );
        let post =
            String::from_utf8(encode_request(&Method::POST, "/v3/auth/tokens", &h, b"{}")).unwrap();
        assert_eq!(
            post,
            "POST /v3/auth/tokens HTTP/1.1\r\nx-auth-token: t\r\ncontent-length: 2\r\n\r\n{}"
        );
        let empty_post =
            String::from_utf8(encode_request(&Method::POST, "/x", &HeaderMap::new(), b"")).unwrap();
        assert!(empty_post.contains("content-length: 0\r\n"));
    }

    /// An exchange whose upstream reads the request head, answers `answer` and closes with the
    /// rest unread: the kernel resets the connection while the (large) body is still going out.
    async fn answered_early(answer: &'static [u8]) -> Result<Head, ExchangeError> {
        let socket =
            socket2::Socket::new(socket2::Domain::IPV4, socket2::Type::STREAM, None).unwrap();
        socket.set_recv_buffer_size(4096).unwrap();
        socket
            .bind(&std::net::SocketAddr::from(([127, 0, 0, 1], 0)).into())
            .unwrap();
        socket.listen(1).unwrap();
        socket.set_nonblocking(true).unwrap();
        let listener = tokio::net::TcpListener::from_std(socket.into()).unwrap();
        let addr = listener.local_addr().unwrap();
        tokio::spawn(async move {
            let (mut s, _) = listener.accept().await.unwrap();
            let mut head = [0u8; 512];
            let _ = s.read(&mut head).await;
            let _ = s.write_all(answer).await;
        });
        let tcp = TcpStream::connect(addr).await.unwrap();
        let mut conn = Conn::new(
            TokioIo::new(MaybeHttpsStream::Http(TokioIo::new(tcp))),
            "http://up".into(),
        );
        let body = vec![b'x'; 12 << 20];
        let headers = HeaderMap::new();
        let req = Outgoing {
            method: &Method::POST,
            target: "/v1.0/p/clusters",
            headers: &headers,
            body: &body,
        };
        conn.exchange(&req).await
    }

    #[tokio::test]
    async fn an_early_answer_is_the_answer_but_an_idle_408_is_not() {
        let head = answered_early(b"HTTP/1.1 413 Payload Too Large\r\ncontent-length: 0\r\n\r\n")
            .await
            .unwrap();
        assert_eq!(head.status, StatusCode::PAYLOAD_TOO_LARGE);
        assert!(!head.keep_alive);
        // What a server says as it closes an idle connection: the request was never taken, so
        // it may be sent again.
        let timeout = answered_early(
            b"HTTP/1.1 408 Request Timeout\r\nconnection: close\r\ncontent-length: 0\r\n\r\n",
        )
        .await;
        assert!(
            matches!(timeout, Err(ExchangeError::NotSent(_))),
            "{:?}",
            timeout.map(|h| h.status)
        );
    }
}
