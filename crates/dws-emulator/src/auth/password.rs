//! Salted, slow password hashes: the emulator never keeps a password in plain text.

use base64::Engine;
use base64::engine::general_purpose::STANDARD_NO_PAD;
use rand::RngCore;

/// PBKDF2-HMAC-SHA256 rounds. Enough to make a stolen database useless for guessing, cheap
/// enough that creating a thousand clusters stays quick.
const ROUNDS: u32 = 10_000;

/// Hashes a password with a fresh salt: `pbkdf2-sha256$ROUNDS$SALT$HASH`.
pub fn hash(password: &str) -> String {
    let mut salt = [0u8; 16];
    rand::rng().fill_bytes(&mut salt);
    format!("pbkdf2-sha256${ROUNDS}${}${}", STANDARD_NO_PAD.encode(salt), derive(password, &salt, ROUNDS))
}

fn derive(password: &str, salt: &[u8], rounds: u32) -> String {
    let mut out = [0u8; 32];
    pbkdf2::pbkdf2_hmac::<sha2::Sha256>(password.as_bytes(), salt, rounds, &mut out);
    STANDARD_NO_PAD.encode(out)
}

/// Whether `password` is the one `stored` was made from (constant time in the comparison).
pub fn verify(password: &str, stored: &str) -> bool {
    let parts: Vec<&str> = stored.split('$').collect();
    let [scheme, rounds, salt, expected] = parts[..] else { return false };
    if scheme != "pbkdf2-sha256" {
        return false;
    }
    let (Ok(rounds), Ok(salt)) = (rounds.parse::<u32>(), STANDARD_NO_PAD.decode(salt)) else {
        return false;
    };
    let got = derive(password, &salt, rounds);
    got.len() == expected.len()
        && got.bytes().zip(expected.bytes()).fold(0u8, |acc, (a, b)| acc | (a ^ b)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_verify_and_never_hold_the_password() {
        let h = hash("Dws2017demo!");
        assert!(!h.contains("Dws2017demo!"));
        assert!(verify("Dws2017demo!", &h));
        assert!(!verify("Dws2017demo?", &h));
        assert!(!verify("", &h));
        assert_ne!(h, hash("Dws2017demo!"), "salted");
    }

    #[test]
    fn malformed_hashes_never_verify() {
        for bad in ["", "x", "pbkdf2-sha256$1$@@$x", "md5$1$AA$AA", "pbkdf2-sha256$x$AA$AA"] {
            assert!(!verify("p", bad), "{bad}");
        }
    }
}
