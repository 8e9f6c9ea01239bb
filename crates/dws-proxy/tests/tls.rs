//! Guarantee 9: upstream TLS is verified against the system's roots plus an optional CA file; a
//! self-signed upstream fails, and succeeds once its CA is given.

mod common;

use std::sync::Arc;

use common::*;
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

    let ca_file = std::env::temp_dir().join(format!("dws-proxy-ca-{}.pem", std::process::id()));
    std::fs::write(&ca_file, pem).unwrap();
    let proxy = Proxy::start(&url, |o| o.extra_ca = Some(ca_file.clone())).await;
    let a = send(proxy.addr, "GET", "/v1.0/p/clusters", &[], b"").await;
    assert_eq!(a.status, 200);
    assert_eq!(a.json()["over"], "tls");
    let _ = std::fs::remove_file(&ca_file);
}

#[test]
fn a_ca_file_without_certificates_is_refused_at_start() {
    let empty = std::env::temp_dir().join(format!("dws-proxy-empty-{}.pem", std::process::id()));
    std::fs::write(&empty, "not a certificate").unwrap();
    let err =
        dws_proxy::upstream::Upstreams::new(Some(&empty), false, std::time::Duration::from_secs(1))
            .err()
            .unwrap();
    assert!(err.to_string().contains("no certificate"), "{err}");
    let _ = std::fs::remove_file(&empty);
}
