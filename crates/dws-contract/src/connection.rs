//! How a client reaches a cluster's database: the default database, and the `psql` command line
//! and JDBC URL for an endpoint (`host:port`, as `connect_info` gives it) and the administrator.
//! Never a password: the user types it.

/// The database every cluster has, where a client lands by default.
pub const DEFAULT_DATABASE: &str = "gaussdb";

/// An endpoint's host and port, from `connect_info` (`10.0.0.5:8000`, `[::1]:8000`).
pub fn host_port(connect_info: &str) -> Option<(&str, u16)> {
    let (host, port) = connect_info.trim().rsplit_once(':')?;
    let host = host.trim_start_matches('[').trim_end_matches(']');
    let port: u16 = port.parse().ok()?;
    (!host.is_empty()).then_some((host, port))
}

/// A word for a shell, quoted only when it needs to be.
fn shell_word(w: &str) -> String {
    if !w.is_empty() && w.bytes().all(|b| b.is_ascii_alphanumeric() || b"_-.:".contains(&b)) {
        w.to_owned()
    } else {
        format!("'{}'", w.replace('\'', r"'\''"))
    }
}

/// The `psql` command line that connects to the default database as `user`.
pub fn psql_command(connect_info: &str, user: &str) -> Option<String> {
    let (host, port) = host_port(connect_info)?;
    Some(format!("psql -h {} -p {port} -U {} -d {DEFAULT_DATABASE}", shell_word(host), shell_word(user)))
}

/// The JDBC URL of the default database for `user` (PostgreSQL's driver, as GaussDB(DWS)'s
/// `jdbc_url` is).
pub fn jdbc_url(connect_info: &str, user: &str) -> Option<String> {
    let (host, port) = host_port(connect_info)?;
    let host = if host.contains(':') { format!("[{host}]") } else { host.to_owned() };
    let user: String = user
        .bytes()
        .map(|b| if b.is_ascii_alphanumeric() || b"-._~".contains(&b) { (b as char).to_string() } else { format!("%{b:02X}") })
        .collect();
    Some(format!("jdbc:postgresql://{host}:{port}/{DEFAULT_DATABASE}?user={user}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commands_name_the_endpoint_the_database_and_the_user_but_never_a_password() {
        assert_eq!(
            psql_command("127.44.3.1:8000", "dbadmin").as_deref(),
            Some("psql -h 127.44.3.1 -p 8000 -U dbadmin -d gaussdb")
        );
        assert_eq!(jdbc_url("127.44.3.1:8000", "dbadmin").as_deref(), Some("jdbc:postgresql://127.44.3.1:8000/gaussdb?user=dbadmin"));
        assert_eq!(jdbc_url("[::1]:8000", "a b").as_deref(), Some("jdbc:postgresql://[::1]:8000/gaussdb?user=a%20b"));
        assert_eq!(psql_command("h:1", "it's").as_deref(), Some(r"psql -h h -p 1 -U 'it'\''s' -d gaussdb"));
        assert_eq!(psql_command("no-port", "u"), None);
        assert_eq!(jdbc_url(":8000", "u"), None);
    }
}
