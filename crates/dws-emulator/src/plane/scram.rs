//! The SCRAM-SHA-256 verifier PostgreSQL keeps for a password (RFC 5802, RFC 7677), so that a
//! cluster's administrator password can be set (and a restored cluster given its source's) from
//! what the emulator stores, which is never the password itself.

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};

/// PostgreSQL's default iteration count (`scram_iterations`).
const ITERATIONS: u32 = 4096;

fn hmac(key: &[u8], data: &[u8]) -> [u8; 32] {
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(key).expect("HMAC takes a key of any length");
    mac.update(data);
    mac.finalize().into_bytes().into()
}

/// The verifier of `password` with `salt`, as `pg_authid.rolpassword` holds it:
/// `SCRAM-SHA-256$4096:<salt>$<StoredKey>:<ServerKey>`.
pub fn verifier_with_salt(password: &str, salt: &[u8]) -> String {
    // SASLprep leaves printable ASCII as it is, and the password rules allow nothing else.
    let mut salted = [0u8; 32];
    pbkdf2::pbkdf2_hmac::<Sha256>(password.as_bytes(), salt, ITERATIONS, &mut salted);
    let client_key = hmac(&salted, b"Client Key");
    let stored_key = Sha256::digest(client_key);
    let server_key = hmac(&salted, b"Server Key");
    format!(
        "SCRAM-SHA-256${ITERATIONS}:{}${}:{}",
        STANDARD.encode(salt),
        STANDARD.encode(stored_key),
        STANDARD.encode(server_key)
    )
}

/// The verifier of `password` with a fresh random salt.
pub fn verifier(password: &str) -> String {
    let salt: [u8; 16] = rand::random();
    verifier_with_salt(password, &salt)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verifiers_have_postgresql_s_shape_and_depend_on_salt_and_password() {
        let v = verifier_with_salt("Dws2017demo!", b"0123456789abcdef");
        let (head, keys) = v.split_once('$').unwrap().1.split_once('$').unwrap();
        assert_eq!(head, format!("4096:{}", STANDARD.encode(b"0123456789abcdef")));
        let (stored, server) = keys.split_once(':').unwrap();
        assert_eq!(STANDARD.decode(stored).unwrap().len(), 32);
        assert_eq!(STANDARD.decode(server).unwrap().len(), 32);
        assert_eq!(v, verifier_with_salt("Dws2017demo!", b"0123456789abcdef"));
        assert_ne!(v, verifier_with_salt("Dws2017demo?", b"0123456789abcdef"));
        assert_ne!(verifier("x"), verifier("x"), "a fresh salt each time");
    }

    #[test]
    fn a_verifier_postgresql_made_is_made_again() {
        // `CREATE ROLE pencil PASSWORD 'pencil'` on PostgreSQL 15, read back from pg_authid.
        let theirs = "SCRAM-SHA-256$4096:iqOsh9cT1MUFoldppJN+Gw==$XrE6ASEI4Rn1cQCndhJUsIRaF2uBs7COuuMTUtdLYRk=:1UzxVco3TBE00dEevrlK3pBKPpsW7H7RNTZvBvwc6gM=";
        let salt = STANDARD.decode("iqOsh9cT1MUFoldppJN+Gw==").unwrap();
        assert_eq!(verifier_with_salt("pencil", &salt), theirs);
    }
}
