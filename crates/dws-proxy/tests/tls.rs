//! Guarantee 9: upstream TLS is verified against the system's roots plus an optional CA file; a
//! self-signed upstream fails, and succeeds once its CA is given.

mod common;

use std::sync::Arc;

use common::*;
use dws_proxy::config::{FileConfig, Overrides, ProxyConfig};
use rustls_pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

/// A TLS upstream on loopback with a certificate for `localhost` that no system trusts.
async fn tls_upstream() -> (u16, String) {
    let ca = rcgen::generate_simple_self_signed(vec!["localhost".to_owned()]).unwrap();
    let pem = ca.cert.pem();
    let cert = CertificateDer::from(ca.cert.der().to_vec());
    let key = PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(ca.key_pair.serialize_der()));
    let config = rustls::ServerConfig::builder_with_provider(Arc::new(
        rustls::crypto::ring::default_provider(),
    ))
    .with_safe_default_protocol_versions()
    .unwrap()
    .with_no_client_auth()
    .with_single_cert(vec![cert], key)
    .unwrap();
    let acceptor = tokio_rustls::TlsAcceptor::from(Arc::new(config));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    tokio::spawn(async move {
        loop {
            let Ok((tcp, _)) = listener.accept().await else {
                return;
            };
            let acceptor = acceptor.clone();
            tokio::spawn(async move {
                let Ok(mut tls) = acceptor.accept(tcp).await else {
                    return;
                };
                let mut buf = [0u8; 4096];
                let _ = tls.read(&mut buf).await;
                let body = br#"{"over":"tls"}"#;
                let head = format!(
                    "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                    body.len()
                );
                let _ = tls.write_all(head.as_bytes()).await;
                let _ = tls.write_all(body).await;
                let _ = tls.shutdown().await;
            });
        }
    });
    (port, pem)
}

#[tokio::test]
async fn a_self_signed_upstream_fails_until_its_ca_is_trusted() {
    let (port, pem) = tls_upstream().await;
    let url = format!("https://localhost:{port}");

    let proxy = Proxy::start(&url, |_| {}).await;
    let a = send(proxy.addr, "GET", "/v1.0/p/clusters", &[], b"").await;
    assert_eq!(
        (a.status, a.code().as_str()),
        (502, "PROXY.0004"),
        "{:?}",
        a.json()
    );
    assert!(
        a.json()["error_msg"]
            .as_str()
            .unwrap()
            .contains("not trusted")
    );

    let dir = Scratch::new("ca");
    let ca_file = dir.join("ca.pem");
    std::fs::write(&ca_file, pem).unwrap();
    let proxy = Proxy::start(&url, |o| o.extra_ca = Some(ca_file.clone())).await;
    let a = send(proxy.addr, "GET", "/v1.0/p/clusters", &[], b"").await;
    assert_eq!(a.status, 200);
    assert_eq!(a.json()["over"], "tls");
}

#[test]
fn a_ca_file_without_certificates_is_refused_at_start() {
    let dir = Scratch::new("empty-ca");
    let empty = dir.join("empty.pem");
    std::fs::write(&empty, "not a certificate").unwrap();
    let err =
        dws_proxy::upstream::Upstreams::new(Some(&empty), false, std::time::Duration::from_secs(1))
            .err()
            .unwrap();
    assert!(err.to_string().contains("no certificate"), "{err}");
}

// Terminating TLS: `--tls-cert` and `--tls-key`.

/// A certificate for `localhost` and 127.0.0.1 written to a fresh folder: (the folder, removed
/// when dropped; cert, key, its PEM).
fn server_pair(tag: &str) -> (Scratch, std::path::PathBuf, std::path::PathBuf, String) {
    let dir = Scratch::new(&format!("serve-tls-{tag}"));
    let made = rcgen::generate_simple_self_signed(vec!["localhost".to_owned(), "127.0.0.1".to_owned()]).unwrap();
    let (cert, key) = (dir.join("proxy.crt"), dir.join("proxy.key"));
    std::fs::write(&cert, made.cert.pem()).unwrap();
    std::fs::write(&key, made.key_pair.serialize_pem()).unwrap();
    (dir, cert, key, made.cert.pem())
}

/// One request over TLS, trusting only `ca_pem`, offering only `versions`; with the protocol
/// version and ALPN the handshake agreed on.
async fn https(
    addr: std::net::SocketAddr,
    ca_pem: &str,
    versions: &[&'static rustls::SupportedProtocolVersion],
    request: &str,
) -> (Answer, rustls::ProtocolVersion, Option<Vec<u8>>) {
    use rustls_pki_types::pem::PemObject;
    let mut roots = rustls::RootCertStore::empty();
    roots.add(CertificateDer::from_pem_slice(ca_pem.as_bytes()).unwrap()).unwrap();
    let mut config = rustls::ClientConfig::builder_with_provider(Arc::new(rustls::crypto::ring::default_provider()))
        .with_protocol_versions(versions)
        .unwrap()
        .with_root_certificates(roots)
        .with_no_client_auth();
    config.alpn_protocols = vec![b"h2".to_vec(), b"http/1.1".to_vec()];
    let connector = tokio_rustls::TlsConnector::from(Arc::new(config));
    let tcp = tokio::net::TcpStream::connect(addr).await.unwrap();
    let name = rustls_pki_types::ServerName::try_from("localhost").unwrap();
    let mut tls = connector.connect(name, tcp).await.expect("the handshake succeeds");
    let (_, session) = tls.get_ref();
    let (version, alpn) = (session.protocol_version().unwrap(), session.alpn_protocol().map(<[u8]>::to_vec));
    tls.write_all(request.as_bytes()).await.unwrap();
    let mut buf = Vec::new();
    let _ = tls.read_to_end(&mut buf).await;
    (parse_answer(&buf).expect("an HTTP answer"), version, alpn)
}

#[tokio::test]
async fn the_proxy_terminates_tls_1_2_and_1_3_with_hsts() {
    let upstream = Recorder::start().await;
    let (_dir, cert, key, pem) = server_pair("serve");
    let proxy = Proxy::start(&upstream.url(), |o| {
        o.tls_cert = Some(cert.clone());
        o.tls_key = Some(key.clone());
    })
    .await;
    for (versions, expected) in [
        (&[&rustls::version::TLS13][..], rustls::ProtocolVersion::TLSv1_3),
        (&[&rustls::version::TLS12][..], rustls::ProtocolVersion::TLSv1_2),
    ] {
        let (a, version, alpn) = https(
            proxy.addr,
            &pem,
            versions,
            "GET /v1.0/p/clusters HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n",
        )
        .await;
        assert_eq!(version, expected);
        assert_eq!(alpn.as_deref(), Some(&b"http/1.1"[..]), "HTTP/1.1 is chosen over h2, which the proxy does not speak");
        assert_eq!(a.status, 200, "forwarded over TLS: {:?}", a.json());
        assert_eq!(a.json()["ok"], true);
        assert_eq!(a.header("strict-transport-security"), Some("max-age=31536000"));
    }
    assert_eq!(upstream.count(), 2);
    // The proxy's own answers carry it too.
    let (a, _, _) = https(proxy.addr, &pem, &[&rustls::version::TLS13], "GET /nowhere HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n").await;
    assert_eq!((a.status, a.header("strict-transport-security")), (404, Some("max-age=31536000")));
}

#[tokio::test]
async fn plain_http_on_the_tls_port_is_told_to_use_https() {
    let upstream = Recorder::start().await;
    let (_dir, cert, key, _) = server_pair("plain");
    let proxy = Proxy::start(&upstream.url(), |o| {
        o.tls_cert = Some(cert.clone());
        o.tls_key = Some(key.clone());
    })
    .await;
    let a = send(proxy.addr, "GET", "/v1.0/p/clusters", &[], b"").await;
    assert_eq!((a.status, a.code().as_str()), (400, "PROXY.0015"), "{:?}", a.json());
    assert!(a.json()["error_msg"].as_str().unwrap().contains("https://"));
    assert_eq!(upstream.count(), 0, "nothing went upstream");
}

#[tokio::test]
async fn a_client_offering_only_tls_1_1_is_refused() {
    let upstream = Recorder::start().await;
    let (_dir, cert, key, _) = server_pair("old");
    let proxy = Proxy::start(&upstream.url(), |o| {
        o.tls_cert = Some(cert.clone());
        o.tls_key = Some(key.clone());
    })
    .await;
    // rustls cannot speak TLS 1.1, so the hello is written out: a TLS 1.1 record holding a
    // ClientHello for version 1.1, offering suites the proxy has (ECDHE with AES-128-GCM) and one
    // signature scheme (rustls asks for that extension before it looks at the version).
    let mut hello = vec![0x03, 0x02];
    hello.extend_from_slice(&[7u8; 32]);
    hello.extend_from_slice(&[0x00, 0x00, 0x04, 0xc0, 0x2b, 0xc0, 0x2f, 0x01, 0x00]);
    hello.extend_from_slice(&[0x00, 0x08, 0x00, 0x0d, 0x00, 0x04, 0x00, 0x02, 0x04, 0x03]);
    let mut handshake = vec![0x01, 0x00, 0x00, hello.len() as u8];
    handshake.extend_from_slice(&hello);
    let mut record = vec![0x16, 0x03, 0x02, 0x00, handshake.len() as u8];
    record.extend_from_slice(&handshake);
    let mut s = tokio::net::TcpStream::connect(proxy.addr).await.unwrap();
    s.write_all(&record).await.unwrap();
    let mut answer = Vec::new();
    let _ = tokio::time::timeout(std::time::Duration::from_secs(10), s.read_to_end(&mut answer)).await;
    // An alert record: fatal (2), protocol_version (70).
    assert_eq!(answer.first(), Some(&0x15), "an alert, not a handshake: {answer:?}");
    assert_eq!(&answer[5..7], &[2, 70], "protocol_version: {answer:?}");
}

#[tokio::test]
async fn without_tls_there_is_no_hsts() {
    let upstream = Recorder::start().await;
    let proxy = Proxy::start(&upstream.url(), |_| {}).await;
    let a = send(proxy.addr, "GET", "/v1.0/p/clusters", &[], b"").await;
    assert_eq!(a.status, 200);
    assert_eq!(a.header("strict-transport-security"), None, "HSTS over plain HTTP would be ignored, and wrong behind a balancer that already sets it");
}

#[test]
fn a_tls_setting_without_its_pair_or_with_a_foreign_key_is_refused_at_start() {
    let (_dir, cert, key, _) = server_pair("refused");
    let (_other, _, other_key, _) = server_pair("refused-other");
    let base = || Overrides {
        iam: Some("https://iam.example.com".into()),
        dws: Some("https://dws.example.com".into()),
        ..Default::default()
    };
    let only_cert = Overrides { tls_cert: Some(cert.clone()), ..base() };
    let e = ProxyConfig::resolve(only_cert, FileConfig::default()).unwrap_err();
    assert!(e.to_string().contains("--tls-cert and --tls-key go together"), "{e}");
    let foreign = Overrides { tls_cert: Some(cert.clone()), tls_key: Some(other_key), ..base() };
    let e = ProxyConfig::resolve(foreign, FileConfig::default()).unwrap_err();
    assert!(e.to_string().contains("cannot serve the certificate"), "{e}");
    let good = Overrides { tls_cert: Some(cert.clone()), tls_key: Some(key), ..base() };
    assert!(ProxyConfig::resolve(good, FileConfig::default()).unwrap().tls.is_some());
}

#[tokio::test]
async fn shutdown_does_not_wait_for_connections_that_never_shook_hands() {
    let upstream = Recorder::start().await;
    let (_dir, cert, key, _) = server_pair("stop");
    let mut proxy = Proxy::start(&upstream.url(), |o| {
        o.tls_cert = Some(cert.clone());
        o.tls_key = Some(key.clone());
        o.header_read_timeout_secs = Some(120.0);
    })
    .await;
    // Preconnects, as browsers open them: connected, silent, or one byte of a hello.
    let mut silent = Vec::new();
    for i in 0..10 {
        let mut s = tokio::net::TcpStream::connect(proxy.addr).await.unwrap();
        if i % 2 == 0 {
            s.write_all(&[0x16]).await.unwrap();
        }
        silent.push(s);
    }
    // The proxy has taken them all: a full request after them is answered.
    let a = send(proxy.addr, "GET", "/v1.0/p/clusters", &[], b"").await;
    assert_eq!(a.status, 400, "plain HTTP on the TLS port, answered: the loop is past the silent ones");
    proxy.stop();
    // Well inside the 120 s those connections could otherwise hold it.
    tokio::time::timeout(std::time::Duration::from_secs(60), &mut proxy.done)
        .await
        .expect("shutdown did not wait for the silent connections")
        .unwrap();
}
