//! An answer's body read from the upstream connection as the client takes it.

use std::future::Future;
use std::io;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll, ready};
use std::time::{Duration, Instant};

use bytes::Bytes;
use http_body::{Frame, SizeHint};
use tokio::io::AsyncReadExt;

use super::conn::{Conn, Return};
use super::decode::{self, Decoded, Framing};
use super::{ExchangeError, READ_CHUNK};

/// An answer's body, read from the upstream connection as the client takes it. When it has
/// been read to the end, a reusable connection goes back to `home`; a body dropped early drops
/// (closes) its connection, whose state is then unknown.
pub struct UpstreamBody {
    pub(super) conn: Option<Conn>,
    pub(super) framing: Framing,
    pub(super) keep_alive: bool,
    pub(super) home: Arc<dyn Return>,
    /// How long the upstream may go without sending a byte of the body.
    pub(super) stall: Duration,
    /// When the current wait for more of the body gives up.
    pub(super) deadline: Option<Pin<Box<tokio::time::Sleep>>>,
    /// Whether that wait has begun (a client slow to read does not count against the upstream).
    pub(super) waiting: bool,
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
            match decode::decode(&mut this.framing, &mut conn.buf) {
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
