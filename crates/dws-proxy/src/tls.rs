//! Terminating TLS itself, for a small deployment with nothing in front of it: rustls (which has
//! no protocol older than TLS 1.2), HTTP/1.1 by ALPN, and the certificate read again on SIGHUP so
//! that a renewed one is taken up without dropping a connection.

use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};

use rustls::server::{ClientHello, ResolvesServerCert};
use rustls::sign::CertifiedKey;
use rustls_pki_types::pem::PemObject;
use rustls_pki_types::{CertificateDer, PrivateKeyDer};

/// `Strict-Transport-Security` on every answer while TLS is on: a year, this host only (the
/// proxy cannot know what else lives under its domain).
pub const HSTS: &str = "max-age=31536000";

/// The first byte of every TLS record that opens a connection (a handshake record).
const HANDSHAKE_RECORD: u8 = 0x16;

/// Why the certificate or key cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum TlsError {
    /// The certificate file cannot be read or parsed.
    #[error("cannot read the TLS certificate {0}: {1}")]
    Cert(String, String),
    /// The certificate file holds no certificate.
    #[error("{0} holds no certificate (a PEM file with -----BEGIN CERTIFICATE----- is expected)")]
    NoCert(String),
    /// The key file cannot be read or holds no key.
    #[error("cannot read the TLS key {0}: {1} (a PEM file with one PKCS#8, PKCS#1 or SEC1 private key is expected)")]
    Key(String, String),
    /// The key is not the certificate's, or is of a kind rustls cannot sign with.
    #[error("the TLS key {key} cannot serve the certificate {cert}: {why}")]
    Mismatch {
        /// The certificate file.
        cert: String,
        /// The key file.
        key: String,
        /// rustls' reason.
        why: String,
    },
    /// The server's certificate is outside its dates: browsers would refuse it.
    #[error("the TLS certificate {cert} {why}")]
    Dates {
        /// The certificate file.
        cert: String,
        /// Which date, and when.
        why: String,
    },
    /// The crypto provider cannot offer TLS 1.2 and 1.3.
    #[error("TLS cannot be set up: {0}")]
    Provider(String),
}

/// The certificate and key files, and what was last read from them.
#[derive(Debug)]
pub struct Certificate {
    cert: PathBuf,
    key: PathBuf,
    current: RwLock<Arc<CertifiedKey>>,
    /// When the certificate in use expires, for messages.
    valid_until: RwLock<String>,
}

impl Certificate {
    /// Reads and checks the pair.
    pub fn load(cert: &Path, key: &Path) -> Result<Certificate, TlsError> {
        let (current, valid_until) = read(cert, key)?;
        Ok(Certificate {
            cert: cert.to_path_buf(),
            key: key.to_path_buf(),
            current: RwLock::new(current),
            valid_until: RwLock::new(valid_until),
        })
    }

    /// Reads the files again; on any error the certificate in use stays.
    pub fn reload(&self) -> Result<(), TlsError> {
        let (fresh, valid_until) = read(&self.cert, &self.key)?;
        *self.current.write().unwrap_or_else(|e| e.into_inner()) = fresh;
        *self.valid_until.write().unwrap_or_else(|e| e.into_inner()) = valid_until;
        Ok(())
    }

    /// When the certificate in use expires.
    pub fn valid_until(&self) -> String {
        self.valid_until.read().unwrap_or_else(|e| e.into_inner()).clone()
    }

    /// The certificate file.
    pub fn cert_path(&self) -> &Path {
        &self.cert
    }
}

/// TLS as the server uses it: the certificate (for reloading) and the rustls settings serving it.
#[derive(Debug, Clone)]
pub struct Tls {
    /// The certificate and key in use.
    pub certificate: Arc<Certificate>,
    /// The settings every handshake uses.
    pub server: Arc<rustls::ServerConfig>,
}

impl Tls {
    /// Reads the pair and builds the settings: TLS 1.3 and 1.2 only, HTTP/1.1.
    pub fn load(cert: &Path, key: &Path) -> Result<Tls, TlsError> {
        let certificate = Arc::new(Certificate::load(cert, key)?);
        let mut server =
            rustls::ServerConfig::builder_with_provider(Arc::new(rustls::crypto::ring::default_provider()))
                .with_protocol_versions(&[&rustls::version::TLS13, &rustls::version::TLS12])
                .map_err(|e| TlsError::Provider(e.to_string()))?
                .with_no_client_auth()
                .with_cert_resolver(certificate.clone());
        server.alpn_protocols = vec![b"http/1.1".to_vec()];
        Ok(Tls { certificate, server: Arc::new(server) })
    }
}

impl ResolvesServerCert for Certificate {
    fn resolve(&self, _: ClientHello<'_>) -> Option<Arc<CertifiedKey>> {
        Some(self.current.read().unwrap_or_else(|e| e.into_inner()).clone())
    }
}

/// A certificate chain or a key is a few kilobytes; anything far larger is not one.
const MAX_PEM_BYTES: u64 = 1024 * 1024;

/// A PEM file's bytes, refusing what is not a plain file (a FIFO would block for ever) or is
/// too large to be a certificate or key.
fn read_pem(path: &Path) -> Result<Vec<u8>, String> {
    let meta = std::fs::metadata(path).map_err(|e| e.to_string())?;
    if !meta.is_file() {
        return Err("not a regular file".into());
    }
    if meta.len() > MAX_PEM_BYTES {
        return Err(format!("{} bytes, far more than a certificate or key", meta.len()));
    }
    std::fs::read(path).map_err(|e| e.to_string())
}

/// Refuses a server certificate outside its dates (every browser would refuse it, with a page
/// that names no cause a user can act on); returns its expiry, for messages.
fn check_dates(cert_name: &str, leaf: &CertificateDer<'_>) -> Result<String, TlsError> {
    use x509_parser::prelude::{ASN1Time, FromDer, X509Certificate};
    let (_, parsed) = X509Certificate::from_der(leaf)
        .map_err(|e| TlsError::Cert(cert_name.to_owned(), format!("its first certificate cannot be read: {e}")))?;
    let (validity, now) = (parsed.validity(), ASN1Time::now());
    let dates = |why: String| TlsError::Dates { cert: cert_name.to_owned(), why };
    if validity.not_after < now {
        return Err(dates(format!("expired on {}; renew it", validity.not_after)));
    }
    if validity.not_before > now {
        return Err(dates(format!("is valid only from {} (is this machine's clock right?)", validity.not_before)));
    }
    Ok(validity.not_after.to_string())
}

fn read(cert: &Path, key: &Path) -> Result<(Arc<CertifiedKey>, String), TlsError> {
    let (cert_name, key_name) = (cert.display().to_string(), key.display().to_string());
    let cert_pem = read_pem(cert).map_err(|e| TlsError::Cert(cert_name.clone(), e))?;
    let chain = CertificateDer::pem_slice_iter(&cert_pem)
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| TlsError::Cert(cert_name.clone(), e.to_string()))?;
    if chain.is_empty() {
        return Err(TlsError::NoCert(cert_name));
    }
    let valid_until = check_dates(&cert_name, &chain[0])?;
    let key_pem = read_pem(key).map_err(|e| TlsError::Key(key_name.clone(), e))?;
    if String::from_utf8_lossy(&key_pem).contains("ENCRYPTED") {
        return Err(TlsError::Key(
            key_name,
            "the key is encrypted, and the proxy has no passphrase to give; store it decrypted \
             (`openssl pkey -in KEY -out KEY.plain`), readable only by the service"
                .into(),
        ));
    }
    let private = PrivateKeyDer::from_pem_slice(&key_pem).map_err(|e| TlsError::Key(key_name.clone(), e.to_string()))?;
    CertifiedKey::from_der(chain, private, &rustls::crypto::ring::default_provider())
        .map(|k| (Arc::new(k), valid_until))
        .map_err(|e| {
            let why = match e {
                rustls::Error::InconsistentKeys(_) => {
                    "it is not the key of the chain's first certificate (the server's own certificate comes first, then its issuers)".to_owned()
                }
                other => format!(
                    "{other} (rustls signs with RSA keys of 2048 bits or more, ECDSA P-256 or P-384, or Ed25519)"
                ),
            };
            TlsError::Mismatch { cert: cert_name, key: key_name, why }
        })
}

/// Whether the first byte a client sent can open a TLS connection; anything else is a client
/// speaking plain HTTP to the TLS port, which is answered in words rather than left hanging.
pub fn opens_tls(first: u8) -> bool {
    first == HANDSHAKE_RECORD
}

/// The whole answer to plain HTTP on the TLS port: 400 with the DWS error body, then close.
pub fn plain_http_answer() -> Vec<u8> {
    let code = dws_contract::ErrorCode::Proxy0015;
    // A client that spoke plain HTTP is likely a person with curl, not the console (which knows
    // the code): the remedy goes with the message.
    let (entry, en) = (code.entry(), dws_contract::Lang::En);
    let body = serde_json::to_vec(&dws_contract::ErrorBody::new(
        code.as_str(),
        format!("{} {}", entry.message(en), entry.remedy(en)),
    ))
    .unwrap_or_default();
    let mut out = format!(
        "HTTP/1.1 400 Bad Request\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n",
        body.len()
    )
    .into_bytes();
    out.extend_from_slice(&body);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pair(dir: &Path, name: &str) -> (PathBuf, PathBuf) {
        let made = rcgen::generate_simple_self_signed(vec!["localhost".to_owned()]).unwrap();
        let (cert, key) = (dir.join(format!("{name}.crt")), dir.join(format!("{name}.key")));
        std::fs::write(&cert, made.cert.pem()).unwrap();
        std::fs::write(&key, made.key_pair.serialize_pem()).unwrap();
        (cert, key)
    }

    fn temp(tag: &str) -> PathBuf {
        let d = std::env::temp_dir().join(format!("dws-proxy-tls-{tag}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        std::fs::create_dir_all(&d).unwrap();
        d
    }

    #[test]
    fn a_pair_loads_and_a_wrong_one_is_refused_in_words() {
        let dir = temp("load");
        let (cert, key) = pair(&dir, "a");
        let (_, other_key) = pair(&dir, "b");
        assert!(Certificate::load(&cert, &key).is_ok());
        let e = Certificate::load(&cert, &other_key).unwrap_err();
        assert!(matches!(e, TlsError::Mismatch { .. }), "{e}");
        let e = Certificate::load(&key, &key).unwrap_err();
        assert!(e.to_string().contains("holds no certificate"), "{e}");
        let e = Certificate::load(&cert, &cert).unwrap_err();
        assert!(e.to_string().contains("cannot read the TLS key"), "{e}");
        let e = Certificate::load(&dir.join("missing.crt"), &key).unwrap_err();
        assert!(e.to_string().contains("missing.crt"), "{e}");
        assert!(Certificate::load(&cert, &other_key).unwrap_err().to_string().contains("first certificate"));
        std::fs::write(dir.join("enc.key"), "-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED PRIVATE KEY-----\n").unwrap();
        let e = Certificate::load(&cert, &dir.join("enc.key")).unwrap_err();
        assert!(e.to_string().contains("encrypted"), "{e}");
        let e = Certificate::load(&dir, &key).unwrap_err();
        assert!(e.to_string().contains("not a regular file"), "{e}");
        std::fs::write(dir.join("huge.crt"), vec![b'A'; 2 * 1024 * 1024]).unwrap();
        let e = Certificate::load(&dir.join("huge.crt"), &key).unwrap_err();
        assert!(e.to_string().contains("far more than"), "{e}");
        let _ = std::fs::remove_dir_all(dir);
    }

    #[test]
    fn a_certificate_outside_its_dates_is_refused_and_a_reload_keeps_the_working_one() {
        let dir = temp("dates");
        let (cert, key) = pair(&dir, "good");
        let c = Certificate::load(&cert, &key).unwrap();
        assert!(c.valid_until().contains(' '), "a date: {}", c.valid_until());
        let dated = |from: (i32, u8, u8), to: (i32, u8, u8)| {
            let mut params = rcgen::CertificateParams::new(vec!["localhost".to_owned()]).unwrap();
            params.not_before = rcgen::date_time_ymd(from.0, from.1, from.2);
            params.not_after = rcgen::date_time_ymd(to.0, to.1, to.2);
            let k = rcgen::KeyPair::generate().unwrap();
            (params.self_signed(&k).unwrap().pem(), k.serialize_pem())
        };
        for (name, (from, to), says) in [
            ("expired", ((2020, 1, 1), (2020, 2, 1)), "expired on"),
            ("future", ((4000, 1, 1), (4001, 1, 1)), "is valid only from"),
        ] {
            let (pem, k) = dated(from, to);
            std::fs::write(dir.join(format!("{name}.crt")), &pem).unwrap();
            std::fs::write(dir.join(format!("{name}.key")), &k).unwrap();
            let e = Certificate::load(&dir.join(format!("{name}.crt")), &dir.join(format!("{name}.key"))).unwrap_err();
            assert!(e.to_string().contains(says), "{e}");
            std::fs::write(&cert, &pem).unwrap();
            std::fs::write(&key, &k).unwrap();
            assert!(c.reload().is_err(), "{name}: a renewal outside its dates is not taken");
        }
        let _ = std::fs::remove_dir_all(dir);
    }

    #[test]
    fn a_reload_takes_the_new_pair_and_keeps_the_old_on_error() {
        let dir = temp("reload");
        let (cert, key) = pair(&dir, "a");
        let c = Certificate::load(&cert, &key).unwrap();
        let first = c.current.read().unwrap().cert[0].clone();
        let (cert2, key2) = pair(&dir, "b");
        std::fs::copy(&cert2, &cert).unwrap();
        std::fs::copy(&key2, &key).unwrap();
        c.reload().unwrap();
        let second = c.current.read().unwrap().cert[0].clone();
        assert_ne!(first, second, "the renewed certificate is served");
        std::fs::write(&key, "not a key").unwrap();
        assert!(c.reload().is_err());
        assert_eq!(c.current.read().unwrap().cert[0], second, "a bad renewal leaves the working pair");
        let _ = std::fs::remove_dir_all(dir);
    }

    #[test]
    fn plain_http_gets_the_error_shape() {
        let a = plain_http_answer();
        let text = String::from_utf8(a).unwrap();
        let (head, body) = text.split_once("\r\n\r\n").unwrap();
        assert!(head.starts_with("HTTP/1.1 400 "));
        assert!(head.contains(&format!("content-length: {}", body.len())));
        let v: serde_json::Value = serde_json::from_str(body).unwrap();
        assert_eq!(v["error_code"], "PROXY.0015");
        assert!(opens_tls(0x16) && !opens_tls(b'G'));
    }
}
