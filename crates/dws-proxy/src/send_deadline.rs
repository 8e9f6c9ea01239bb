//! A client connection that gives up on a client that stops taking what it is sent.
//!
//! hyper writes an answer as fast as the client reads it, and waits, without a limit, for one
//! that stopped: its connection, the answer's upstream connection and what was buffered for it
//! would be held for as long as the client liked. Here a write that cannot go out for the send
//! timeout fails the connection, as nginx's `send_timeout` does. Only the time between two
//! writes that make progress counts, so a slow client that keeps reading is never cut off.

use std::io;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::time::{Instant, Sleep};

/// A stream whose writes fail once they have made no progress for `timeout`.
pub struct SendDeadline<S> {
    inner: S,
    timeout: Duration,
    /// Armed while a write waits; disarmed by any write that goes out.
    stalled: Option<Pin<Box<Sleep>>>,
}

impl<S> SendDeadline<S> {
    /// Wraps `inner`.
    pub fn new(inner: S, timeout: Duration) -> SendDeadline<S> {
        SendDeadline { inner, timeout, stalled: None }
    }

    /// The wrapped stream.
    pub fn get_ref(&self) -> &S {
        &self.inner
    }

    /// Called with a write's outcome: progress disarms the clock, waiting arms it (once) and
    /// fails when it runs out.
    fn watch<T>(&mut self, cx: &mut Context<'_>, polled: Poll<io::Result<T>>) -> Poll<io::Result<T>> {
        match polled {
            Poll::Pending => {
                let timeout = self.timeout;
                let stalled = self
                    .stalled
                    .get_or_insert_with(|| Box::pin(tokio::time::sleep_until(Instant::now() + timeout)));
                match stalled.as_mut().poll(cx) {
                    Poll::Ready(()) => Poll::Ready(Err(io::Error::new(
                        io::ErrorKind::TimedOut,
                        "the client took nothing for the send timeout",
                    ))),
                    Poll::Pending => Poll::Pending,
                }
            }
            ready => {
                self.stalled = None;
                ready
            }
        }
    }
}

impl<S: AsyncRead + Unpin> AsyncRead for SendDeadline<S> {
    fn poll_read(mut self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &mut ReadBuf<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_read(cx, buf)
    }
}

impl<S: AsyncWrite + Unpin> AsyncWrite for SendDeadline<S> {
    fn poll_write(mut self: Pin<&mut Self>, cx: &mut Context<'_>, data: &[u8]) -> Poll<io::Result<usize>> {
        let polled = Pin::new(&mut self.inner).poll_write(cx, data);
        self.watch(cx, polled)
    }

    fn poll_write_vectored(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        let polled = Pin::new(&mut self.inner).poll_write_vectored(cx, bufs);
        self.watch(cx, polled)
    }

    fn is_write_vectored(&self) -> bool {
        self.inner.is_write_vectored()
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        let polled = Pin::new(&mut self.inner).poll_flush(cx);
        self.watch(cx, polled)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_shutdown(cx)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tokio::io::{AsyncReadExt, AsyncWriteExt};

    #[tokio::test]
    async fn a_reader_that_stops_fails_the_writes_and_one_that_reads_does_not() {
        let timeout = Duration::from_millis(400);
        let (near, mut far) = tokio::io::duplex(1024);
        let mut w = SendDeadline::new(near, timeout);
        let chunk = vec![b'x'; 4096];
        // The far side reads slowly but steadily (a pause of half the timeout between reads,
        // many timeouts in all): every write goes.
        let reader = tokio::spawn(async move {
            let mut buf = vec![0u8; 1024];
            let mut total = 0;
            while total < 3 * 4096 {
                tokio::time::sleep(timeout / 2).await;
                total += far.read(&mut buf).await.unwrap();
            }
            far
        });
        for _ in 0..3 {
            w.write_all(&chunk).await.unwrap();
        }
        let _far = reader.await.unwrap();
        // Now nobody reads: the write fails once the timeout has passed, not before.
        let started = Instant::now();
        let e = w.write_all(&chunk).await.unwrap_err();
        assert_eq!(e.kind(), io::ErrorKind::TimedOut);
        assert!(started.elapsed() >= timeout, "{:?}", started.elapsed());
    }
}
