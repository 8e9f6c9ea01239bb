//! Serving: our own accept loop over hyper, for what `axum::serve` does not offer — a deadline
//! for reading request heads (slow clients cannot hold connections), a cap on head size, and a
//! graceful shutdown that lets requests in flight finish.

use std::sync::Arc;
use std::time::Duration;

use std::convert::Infallible;
use std::net::SocketAddr;

use axum::body::Body;
use hyper::body::Incoming;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::{GracefulShutdown, Watcher};
use tokio::io::{AsyncRead, AsyncWrite, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio_rustls::TlsAcceptor;

use crate::app::{ClientConn, ProxyState, handle};
use crate::send_deadline::SendDeadline;
use crate::tls;

/// How long requests in flight may take to finish after a shutdown signal.
const DRAIN: Duration = Duration::from_secs(30);

/// Serves on `listener` until `shutdown` resolves, then stops accepting, lets requests in flight
/// finish (up to 30 s) and returns.
pub async fn serve(
    listener: TcpListener,
    state: Arc<ProxyState>,
    shutdown: impl std::future::Future<Output = ()>,
) {
    let header_timeout = state.config.header_read_timeout;
    let send_timeout = state.config.send_timeout;
    // hyper's own cap is a backstop above ours, which answers with a JSON body.
    let max_head = state.config.max_header_bytes + 16 * 1024;
    let graceful = GracefulShutdown::new();
    let tls = state.config.tls.as_ref().map(|t| TlsAcceptor::from(t.server.clone()));
    // Connections still shaking hands when shutdown begins have sent no request: they are
    // dropped at once rather than held to their deadline (which would hold the shutdown).
    let (stopping, stop_seen) = tokio::sync::watch::channel(false);
    tokio::pin!(shutdown);
    loop {
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(a) => a,
                Err(e) => {
                    // Out of file descriptors and the like: pause rather than spin.
                    tracing::warn!("accept failed: {e}");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            _ = &mut shutdown => break,
        };
        let _ = stream.set_nodelay(true);
        let stream = SendDeadline::new(stream, send_timeout);
        let (state, watcher) = (state.clone(), graceful.watcher());
        match &tls {
            None => serve_connection(stream, peer, state, watcher, header_timeout, max_head),
            Some(acceptor) => {
                let (acceptor, mut stop_seen) = (acceptor.clone(), stop_seen.clone());
                tokio::spawn(async move {
                    // The handshake has a deadline as long as the head's: a client that opens a
                    // connection and says nothing holds it no longer over TLS than in the clear.
                    let shaken = tokio::select! {
                        shaken = tokio::time::timeout(header_timeout, handshake(&acceptor, stream)) => shaken,
                        _ = stop_seen.wait_for(|stop| *stop) => return,
                    };
                    if let Ok(Some(tls)) = shaken {
                        serve_connection(tls, peer, state, watcher, header_timeout, max_head);
                    }
                });
            }
        }
    }
    drop(listener);
    let _ = stopping.send(true);
    tokio::select! {
        _ = graceful.shutdown() => {},
        _ = tokio::time::sleep(DRAIN) => tracing::warn!("requests still in flight after {DRAIN:?}; stopping anyway"),
    }
}

/// Serves one client connection (plain or TLS) on its own task.
fn serve_connection<IO>(
    io: IO,
    peer: SocketAddr,
    state: Arc<ProxyState>,
    watcher: Watcher,
    header_timeout: Duration,
    max_head: usize,
) where
    IO: AsyncRead + AsyncWrite + Unpin + Send + 'static,
{
    // One service per connection, holding the connection's own state: no router, no
    // per-request extensions (this is the hot path).
    let client = Arc::new(ClientConn::new(peer, state.upstreams.clone()));
    let svc = hyper::service::service_fn(move |req: hyper::Request<Incoming>| {
        let (state, client) = (state.clone(), client.clone());
        async move { Ok::<_, Infallible>(handle(&state, &client, req.map(Body::new)).await) }
    });
    let mut builder = hyper::server::conn::http1::Builder::new();
    builder
        .timer(TokioTimer::new())
        .header_read_timeout(header_timeout)
        .max_buf_size(max_head.max(8192) * 2)
        .keep_alive(true);
    let conn = watcher.watch(builder.serve_connection(TokioIo::new(io), svc));
    tokio::spawn(async move {
        // Errors here are clients going away or timing out; nothing to answer.
        let _ = conn.await;
    });
}

/// The TLS handshake; a client speaking plain HTTP to this port is told so in words (nginx
/// answers it the same way) instead of getting a TLS alert it cannot show.
async fn handshake(
    acceptor: &TlsAcceptor,
    mut stream: SendDeadline<TcpStream>,
) -> Option<tokio_rustls::server::TlsStream<SendDeadline<TcpStream>>> {
    let mut first = [0u8; 1];
    match stream.get_ref().peek(&mut first).await {
        Ok(1) if tls::opens_tls(first[0]) => acceptor.accept(stream).await.ok(),
        Ok(1) => {
            let _ = stream.write_all(&tls::plain_http_answer()).await;
            let _ = stream.shutdown().await;
            None
        }
        _ => None,
    }
}

/// Binds `addr` once per worker with `SO_REUSEPORT`, so the kernel spreads new connections over
/// the workers. (With port 0, the first socket picks the port and the others share it.)
pub fn bind_workers(
    addr: SocketAddr,
    workers: usize,
) -> std::io::Result<Vec<std::net::TcpListener>> {
    use socket2::{Domain, Protocol, Socket, Type};
    let mut addr = addr;
    let mut out = Vec::with_capacity(workers);
    for _ in 0..workers.max(1) {
        let socket = Socket::new(Domain::for_address(addr), Type::STREAM, Some(Protocol::TCP))?;
        socket.set_reuse_address(true)?;
        socket.set_reuse_port(true)?;
        socket.set_nonblocking(true)?;
        socket.bind(&addr.into())?;
        socket.listen(1024)?;
        let listener: std::net::TcpListener = socket.into();
        addr = listener.local_addr()?;
        out.push(listener);
    }
    Ok(out)
}

/// Serves with one single-threaded runtime per listener, each on its own thread, like nginx's
/// workers: a client connection and the upstream connection it uses live on one thread, so a
/// request never hops between threads. Returns when `shutdown` resolves and every worker drained.
pub fn serve_workers(
    listeners: Vec<std::net::TcpListener>,
    state: Arc<ProxyState>,
    shutdown: tokio::sync::watch::Receiver<bool>,
) -> std::io::Result<()> {
    let mut threads = Vec::new();
    for (i, listener) in listeners.into_iter().enumerate() {
        let state = state.clone();
        let mut stop = shutdown.clone();
        let thread = std::thread::Builder::new()
            .name(format!("dws-proxy-worker-{i}"))
            .spawn(move || {
                let runtime = tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()?;
                runtime.block_on(async move {
                    let listener = TcpListener::from_std(listener)?;
                    serve(listener, state, async move {
                        while !*stop.borrow() {
                            if stop.changed().await.is_err() {
                                break;
                            }
                        }
                    })
                    .await;
                    Ok::<_, std::io::Error>(())
                })
            })?;
        threads.push(thread);
    }
    for t in threads {
        t.join()
            .map_err(|_| std::io::Error::other("a worker panicked"))??;
    }
    Ok(())
}
