//! One connection to an upstream: writing a request and reading its answer's head, reading the
//! body that came with it, and telling whether an idle connection can carry another request.

use std::future::Future;
use std::io;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::{Duration, Instant};

use axum::http::{Method, StatusCode};
use bytes::{Bytes, BytesMut};
use hyper_rustls::MaybeHttpsStream;
use hyper_util::rt::TokioIo;
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWriteExt, ReadBuf};
use tokio::net::TcpStream;

use super::body::UpstreamBody;
use super::decode::{self, Decoded, Framing};
use super::encode::encode_request;
use super::{ExchangeError, Head, Outgoing, READ_CHUNK, RECENT, MAX_HEAD};

/// The byte stream to an upstream: TCP, or TLS over TCP.
pub type Io = TokioIo<MaybeHttpsStream<TokioIo<TcpStream>>>;

/// One connection to an upstream, with what was read from it and not yet used.
pub struct Conn {
    pub(super) io: Io,
    pub(super) buf: BytesMut,
    /// The `scheme://authority` it is connected to.
    pub origin: Arc<str>,
    /// When it was last handed back.
    pub since: Instant,
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
            if let Some(head) = decode::parse_head(&mut self.buf, head_request)? {
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
            if let Some(head) = decode::parse_head(&mut self.buf, head_request).ok()? {
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

}

/// Where a finished connection goes back to.
pub trait Return: Send + Sync + 'static {
    /// Takes back a connection whose answer was read to the end.
    fn give_back(&self, conn: Conn);
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
                    match decode::decode(&mut state, &mut probe)? {
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

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderMap;

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
