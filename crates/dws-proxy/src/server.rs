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
use hyper_util::server::graceful::GracefulShutdown;
use tokio::net::TcpListener;

use crate::app::{ClientConn, ProxyState, handle};
use crate::send_deadline::SendDeadline;

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
        // One service per connection, holding the connection's own state: no router, no
        // per-request extensions (this is the hot path).
        let client = Arc::new(ClientConn::new(peer, state.upstreams.clone()));
        let conn_state = state.clone();
        let svc = hyper::service::service_fn(move |req: hyper::Request<Incoming>| {
            let (state, client) = (conn_state.clone(), client.clone());
            async move { Ok::<_, Infallible>(handle(&state, &client, req.map(Body::new)).await) }
        });
        let mut builder = hyper::server::conn::http1::Builder::new();
        builder
            .timer(TokioTimer::new())
            .header_read_timeout(header_timeout)
            .max_buf_size(max_head.max(8192) * 2)
            .keep_alive(true);
        let conn = builder.serve_connection(TokioIo::new(SendDeadline::new(stream, send_timeout)), svc);
        let conn = graceful.watch(conn);
        tokio::spawn(async move {
            // Errors here are clients going away or timing out; nothing to answer.
            let _ = conn.await;
        });
    }
    drop(listener);
    tokio::select! {
        _ = graceful.shutdown() => {},
        _ = tokio::time::sleep(DRAIN) => tracing::warn!("requests still in flight after {DRAIN:?}; stopping anyway"),
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
