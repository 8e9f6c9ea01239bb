//! Weak passwords: common passwords that pass the complexity rule but appear in every password
//! list, so the service refuses them (`不能为弱密码`). Compared case-insensitively.

/// The weak passwords, lowercase, sorted.
pub const WEAK_PASSWORDS: &[&str] = &[
    "!qaz2wsx", "1q2w3e4r!", "1qa2ws3ed!", "1qaz!qaz", "1qaz2wsx!", "1qaz@wsx", "a123456!",
    "aa123456!", "aa123456@", "abc123!@#", "abc@123", "abc@1234", "abc@12345", "abcd1234!",
    "abcd@123", "abcd@1234", "admin123!", "admin123!@#", "admin@123", "admin@1234", "admin@12345",
    "changeme123!", "dbadmin@123", "dws@1234", "dws@12345", "dws@2017", "gauss@123", "gauss@1234",
    "gauss@12345", "gaussdb@123", "gaussdb@1234", "huawei12#$", "huawei@123", "huawei@1234",
    "huawei@12345", "letmein123!", "p@55w0rd", "p@ssw0rd", "p@ssw0rd!", "p@ssw0rd123", "p@ssword",
    "p@ssword1", "p@ssword123", "passw0rd", "passw0rd!", "passw0rd@", "password!", "password!1",
    "password#1", "password1!", "password123!", "password@1", "password@123", "qwe123!@#",
    "qwer1234!", "qwer@1234", "qwerty123!", "qwerty@123", "root@123", "root@1234", "test@123",
    "test@1234", "welcome1!", "welcome@123",
];

/// Whether a password is on the weak list (case-insensitive).
pub fn is_weak_password(password: &str) -> bool {
    let lower = password.to_lowercase();
    WEAK_PASSWORDS.binary_search(&lower.as_str()).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_is_sorted_lowercase_and_unique() {
        for pair in WEAK_PASSWORDS.windows(2) {
            assert!(pair[0] < pair[1], "{} !< {}", pair[0], pair[1]);
        }
        for p in WEAK_PASSWORDS {
            assert_eq!(*p, p.to_lowercase());
        }
    }

    #[test]
    fn found_in_any_case() {
        assert!(is_weak_password("P@ssw0rd"));
        assert!(is_weak_password("Password@123"));
        assert!(is_weak_password("HUAWEI@123"));
        assert!(!is_weak_password("Dws2017demo!"));
    }
}
