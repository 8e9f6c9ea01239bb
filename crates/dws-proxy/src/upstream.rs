//! Talking to the upstreams: TLS verified against the system's roots (plus an optional CA file),
//! an address policy enforced where the connection is made — on the addresses DNS returned, on IP
//! literals, and again on the peer actually connected to — and connection reuse.

use std::future::Future;
use std::net::{IpAddr, SocketAddr};
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;

use std::sync::Mutex;
use std::time::Instant;

use axum::http::{Method, Uri};
use hyper_rustls::HttpsConnector;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::client::legacy::connect::dns::Name;
use hyper_util::rt::TokioIo;
use tokio::net::TcpStream;
use tower::Service;

use crate::h1::{self, Answer, Conn, ExchangeError, Outgoing};

/// The upstream resolved to, or is, an address the policy refuses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("the upstream address {0} is private, loopback or link-local")]
pub struct PrivateAddress(pub IpAddr);

/// Whether an address is on a private, loopback, link-local or otherwise non-public network.
pub fn is_non_public(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => {
            let o = v4.octets();
            v4.is_private()
                || v4.is_loopback()
                || v4.is_link_local()
                || v4.is_unspecified()
                || v4.is_broadcast()
                || o[0] == 0
                || (o[0] == 100 && (o[1] & 0xc0) == 64) // 100.64.0.0/10, carrier-grade NAT
                || (o[0] == 192 && o[1] == 0 && o[2] == 0) // 192.0.0.0/24, IETF protocol assignments
                || o[0] >= 240 // reserved
        }
        IpAddr::V6(v6) => {
            if let Some(v4) = v6.to_ipv4_mapped() {
                return is_non_public(IpAddr::V4(v4));
            }
            let s = v6.segments();
            v6.is_loopback()
                || v6.is_unspecified()
                || (s[0] & 0xfe00) == 0xfc00 // fc00::/7, unique local
                || (s[0] & 0xffc0) == 0xfe80 // fe80::/10, link-local
                || (s[0] & 0xffc0) == 0xfec0 // fec0::/10, site-local (deprecated)
        }
    }
}

/// Resolves names with the system resolver, keeping only addresses the policy allows.
#[derive(Clone, Debug)]
pub struct GuardedResolver {
    allow_private: bool,
}

type BoxError = Box<dyn std::error::Error + Send + Sync>;

impl tower::Service<Name> for GuardedResolver {
    type Response = std::vec::IntoIter<SocketAddr>;
    type Error = BoxError;
    type Future = Pin<Box<dyn Future<Output = Result<Self::Response, Self::Error>> + Send>>;

    fn poll_ready(&mut self, _: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        Poll::Ready(Ok(()))
    }

    fn call(&mut self, name: Name) -> Self::Future {
        let allow = self.allow_private;
        Box::pin(async move {
            let all: Vec<SocketAddr> = tokio::net::lookup_host((name.as_str(), 0)).await?.collect();
            let allowed: Vec<SocketAddr> = all
                .iter()
                .copied()
                .filter(|a| allow || !is_non_public(a.ip()))
                .collect();
            match (allowed.is_empty(), all.first()) {
                (true, Some(first)) => Err(Box::new(PrivateAddress(first.ip())) as BoxError),
                _ => Ok(allowed.into_iter()),
            }
        })
    }
}

/// Connects over TCP, refusing addresses the policy does not allow before and after connecting.
#[derive(Clone, Debug)]
pub struct GuardedConnector {
    inner: HttpConnector<GuardedResolver>,
    allow_private: bool,
}

impl tower::Service<Uri> for GuardedConnector {
    type Response = TokioIo<TcpStream>;
    type Error = BoxError;
    type Future = Pin<Box<dyn Future<Output = Result<Self::Response, Self::Error>> + Send>>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx).map_err(Into::into)
    }

    fn call(&mut self, uri: Uri) -> Self::Future {
        let allow = self.allow_private;
        // IP literals never reach the resolver: check them here.
        let literal = uri.host().and_then(|h| {
            h.trim_start_matches('[')
                .trim_end_matches(']')
                .parse::<IpAddr>()
                .ok()
        });
        if let Some(ip) = literal
            && !allow
            && is_non_public(ip)
        {
            return Box::pin(async move { Err(Box::new(PrivateAddress(ip)) as BoxError) });
        }
        let connecting = self.inner.call(uri);
        Box::pin(async move {
            let io = connecting.await?;
            let peer = io.inner().peer_addr()?;
            if !allow && is_non_public(peer.ip()) {
                return Err(Box::new(PrivateAddress(peer.ip())) as BoxError);
            }
            Ok(io)
        })
    }
}

/// Why the upstream could not be asked.
#[derive(Debug, thiserror::Error)]
pub enum UpstreamError {
    /// The policy refused its address.
    #[error("{0}")]
    Private(PrivateAddress),
    /// Its certificate could not be verified.
    #[error("TLS: {0}")]
    Tls(String),
    /// No answer in time.
    #[error("no answer within {0:?}")]
    Timeout(Duration),
    /// Anything else on the way (refused, reset, DNS).
    #[error("{0}")]
    Unreachable(String),
}

/// Reads the cause out of a client error. `io::Error` hides the error it wraps from
/// `source()`, so the search descends into it by hand.
pub fn classify(err: &(dyn std::error::Error + 'static)) -> UpstreamError {
    fn find(e: &(dyn std::error::Error + 'static), depth: usize) -> Option<UpstreamError> {
        if depth > 16 {
            return None;
        }
        if let Some(p) = e.downcast_ref::<PrivateAddress>() {
            return Some(UpstreamError::Private(*p));
        }
        if let Some(t) = e.downcast_ref::<rustls::Error>() {
            return Some(UpstreamError::Tls(t.to_string()));
        }
        if let Some(inner) = e
            .downcast_ref::<std::io::Error>()
            .and_then(|io| io.get_ref())
            && let Some(found) = find(inner, depth + 1)
        {
            return Some(found);
        }
        e.source().and_then(|s| find(s, depth + 1))
    }
    find(err, 0).unwrap_or_else(|| UpstreamError::Unreachable(err.to_string()))
}

/// Why the upstream connector could not be built.
#[derive(Debug, thiserror::Error)]
pub enum ClientError {
    /// The CA file could not be read or holds no certificate.
    #[error("cannot use the CA file {0}: {1}")]
    CaFile(String, String),
    /// TLS could not be set up.
    #[error("TLS setup failed: {0}")]
    Tls(String),
}

struct Idle {
    conn: Conn,
    /// The worker thread whose runtime its socket is registered with: it is only reused there.
    thread: std::thread::ThreadId,
}

/// How long an idle upstream connection is kept for reuse.
const IDLE_FOR: Duration = Duration::from_secs(60);
/// How many idle upstream connections are kept in all.
const MAX_IDLE: usize = 256;

/// The upstream side of the proxy: a connector (address policy, verified TLS) and the idle
/// connections left by clients that went away.
///
/// Each client connection keeps its own upstream connection while it lives (a [`ConnSlot`]):
/// HTTP/1.1 answers one request at a time, so the pair never waits on anybody else, and the
/// request path skips a shared pool. When the client goes, its upstream connection joins the idle
/// list for the next client.
pub struct Upstreams {
    connector: HttpsConnector<GuardedConnector>,
    connect_timeout: Duration,
    idle: Mutex<Vec<Idle>>,
}

/// The upstream connection a client connection holds between its requests.
pub struct ConnSlot(Arc<SlotInner>);

struct SlotInner {
    held: Mutex<Option<Conn>>,
    upstreams: Arc<Upstreams>,
}

impl h1::Return for SlotInner {
    fn give_back(&self, conn: Conn) {
        let previous = self
            .held
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .replace(conn);
        if let Some(c) = previous {
            self.upstreams.park(c);
        }
    }
}

impl Drop for SlotInner {
    fn drop(&mut self) {
        if let Some(c) = self
            .held
            .get_mut()
            .unwrap_or_else(|p| p.into_inner())
            .take()
        {
            self.upstreams.park(c);
        }
    }
}

impl ConnSlot {
    /// An empty slot that returns its connection to `upstreams` when dropped.
    pub fn new(upstreams: Arc<Upstreams>) -> ConnSlot {
        ConnSlot(Arc::new(SlotInner {
            held: Mutex::new(None),
            upstreams,
        }))
    }

    fn take(&self, origin: &str) -> Option<Conn> {
        let held = self.0.held.lock().unwrap_or_else(|p| p.into_inner()).take();
        match held {
            Some(mut c) if &*c.origin == origin => c.is_reusable(true).then_some(c),
            // Another upstream's: let the idle list have it.
            Some(c) => {
                self.0.upstreams.park(c);
                None
            }
            None => None,
        }
    }

    fn home(&self) -> Arc<dyn h1::Return> {
        self.0.clone()
    }
}

impl Upstreams {
    /// The connector: system roots plus `extra_ca`, HTTP/1.1, the address policy.
    pub fn new(
        extra_ca: Option<&std::path::Path>,
        allow_private: bool,
        connect_timeout: Duration,
    ) -> Result<Upstreams, ClientError> {
        let mut roots = rustls::RootCertStore::empty();
        let native = rustls_native_certs::load_native_certs();
        for cert in native.certs {
            // A system store may hold certificates rustls cannot parse; skip those.
            let _ = roots.add(cert);
        }
        if let Some(path) = extra_ca {
            use rustls_pki_types::CertificateDer;
            use rustls_pki_types::pem::PemObject;
            let ca = |e: String| ClientError::CaFile(path.display().to_string(), e);
            let mut added = 0;
            for cert in CertificateDer::pem_file_iter(path).map_err(|e| ca(e.to_string()))? {
                roots
                    .add(cert.map_err(|e| ca(e.to_string()))?)
                    .map_err(|e| ca(e.to_string()))?;
                added += 1;
            }
            if added == 0 {
                return Err(ca("no certificate in it".into()));
            }
        }
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let tls = rustls::ClientConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .map_err(|e| ClientError::Tls(e.to_string()))?
            .with_root_certificates(roots)
            .with_no_client_auth();
        let mut http = HttpConnector::new_with_resolver(GuardedResolver { allow_private });
        http.enforce_http(false);
        http.set_connect_timeout(Some(connect_timeout));
        http.set_nodelay(true);
        let guarded = GuardedConnector {
            inner: http,
            allow_private,
        };
        let connector = hyper_rustls::HttpsConnectorBuilder::new()
            .with_tls_config(tls)
            .https_or_http()
            .enable_http1()
            .wrap_connector(guarded);
        Ok(Upstreams {
            connector,
            connect_timeout,
            idle: Mutex::new(Vec::new()),
        })
    }

    /// Keeps a connection for reuse, if it is still usable.
    fn park(&self, mut conn: Conn) {
        if !conn.is_reusable(false) {
            return;
        }
        let mut idle = self.idle.lock().unwrap_or_else(|p| p.into_inner());
        let oldest = (idle.len() >= MAX_IDLE).then(|| idle.remove(0));
        idle.push(Idle {
            conn,
            thread: std::thread::current().id(),
        });
        // Closed after the lock is released.
        drop(idle);
        drop(oldest);
    }

    fn unpark(&self, origin: &str) -> Option<Conn> {
        let here = std::thread::current().id();
        loop {
            // Only the list's bookkeeping happens under the lock; probing a connection and
            // closing the expired ones (system calls both) happen after it, so the other
            // workers never wait on them.
            let (found, expired) = {
                let mut idle = self.idle.lock().unwrap_or_else(|p| p.into_inner());
                let now = Instant::now();
                let expired: Vec<Idle> = idle
                    .extract_if(.., |i| now.duration_since(i.conn.since) >= IDLE_FOR)
                    .collect();
                let at = idle
                    .iter()
                    .rposition(|i| &*i.conn.origin == origin && i.thread == here);
                (at.map(|at| idle.swap_remove(at).conn), expired)
            };
            drop(expired);
            let mut conn = found?;
            if conn.is_reusable(false) {
                return Some(conn);
            }
        }
    }

    async fn connect(&self, target: &crate::config::UpstreamUrl) -> Result<Conn, UpstreamError> {
        let mut connector = self.connector.clone();
        let stream =
            match tokio::time::timeout(self.connect_timeout, connector.call(target.connect_uri()))
                .await
            {
                Err(_) => return Err(UpstreamError::Timeout(self.connect_timeout)),
                Ok(Err(e)) => return Err(classify(&*e)),
                Ok(Ok(s)) => s,
            };
        Ok(Conn::new(TokioIo::new(stream), target.key.clone()))
    }

    /// Sends a request on the slot's connection (or an idle one, or a new one) and reads the
    /// head of the answer, and its body too when it came along. The connection goes back to the
    /// slot once the answer has been read to the end. A request that a reused connection could
    /// not even send, answered with a 408, or (read-only ones) closed on before answering, is
    /// tried once more on a fresh connection. A body still to come fails if the upstream sends nothing of it for
    /// `stall`.
    pub async fn send(
        &self,
        slot: &ConnSlot,
        target: &crate::config::UpstreamUrl,
        req: &Outgoing<'_>,
        stall: Duration,
    ) -> Result<Answer, UpstreamError> {
        let origin = &target.key;
        if let Some(mut conn) = slot.take(origin).or_else(|| self.unpark(origin)) {
            match conn.exchange(req).await {
                // What a server says as it closes a connection it considers idle: it took no
                // request, so this one goes again on a new connection.
                Ok(head) if head.status == axum::http::StatusCode::REQUEST_TIMEOUT => {}
                Ok(head) => {
                    return conn
                        .answer(head, slot.home(), stall)
                        .map_err(exchange_error);
                }
                Err(ExchangeError::NotSent(_)) => {}
                // Only methods that change nothing: the upstream may have acted on the request
                // before it failed, and a repeated DELETE would answer 404 to a success.
                Err(ExchangeError::Closed(_))
                    if matches!(*req.method, Method::GET | Method::HEAD | Method::OPTIONS) => {}
                Err(e) => return Err(exchange_error(e)),
            }
        }
        let mut conn = self.connect(target).await?;
        let head = conn.exchange(req).await.map_err(exchange_error)?;
        conn.answer(head, slot.home(), stall)
            .map_err(exchange_error)
    }
}

fn exchange_error(e: ExchangeError) -> UpstreamError {
    match e {
        ExchangeError::NotSent(io) | ExchangeError::Closed(io) | ExchangeError::Io(io) => {
            classify(&io)
        }
        ExchangeError::Invalid(_) => UpstreamError::Unreachable(e.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn non_public_addresses() {
        for a in [
            "127.0.0.1",
            "10.1.2.3",
            "172.16.0.1",
            "172.31.255.255",
            "192.168.0.1",
            "169.254.169.254",
            "0.0.0.0",
            "100.64.0.1",
            "255.255.255.255",
            "::1",
            "::",
            "fd00::1",
            "fe80::1",
            "::ffff:127.0.0.1",
            "::ffff:10.0.0.1",
            "240.0.0.1",
        ] {
            assert!(is_non_public(a.parse().unwrap()), "{a}");
        }
        for a in [
            "8.8.8.8",
            "203.0.113.5",
            "172.32.0.1",
            "100.128.0.1",
            "2001:4860:4860::8888",
            "::ffff:8.8.8.8",
        ] {
            assert!(!is_non_public(a.parse().unwrap()), "{a}");
        }
    }

    #[tokio::test]
    async fn the_resolver_drops_private_answers() {
        let mut strict = GuardedResolver {
            allow_private: false,
        };
        let err = strict.call("localhost".parse().unwrap()).await.unwrap_err();
        assert!(err.downcast_ref::<PrivateAddress>().is_some(), "{err}");
        let mut lax = GuardedResolver {
            allow_private: true,
        };
        assert!(
            lax.call("localhost".parse().unwrap())
                .await
                .unwrap()
                .next()
                .is_some()
        );
    }

    #[tokio::test]
    async fn ip_literals_are_checked_before_connecting() {
        let mut http = HttpConnector::new_with_resolver(GuardedResolver {
            allow_private: false,
        });
        http.enforce_http(false);
        let mut c = GuardedConnector {
            inner: http,
            allow_private: false,
        };
        let err = c
            .call("http://127.0.0.1:9/".parse().unwrap())
            .await
            .unwrap_err();
        assert_eq!(
            err.downcast_ref::<PrivateAddress>(),
            Some(&PrivateAddress("127.0.0.1".parse().unwrap()))
        );
        let err = c
            .call("http://[::1]:9/".parse().unwrap())
            .await
            .unwrap_err();
        assert!(err.downcast_ref::<PrivateAddress>().is_some());
    }
}
