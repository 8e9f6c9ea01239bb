//! Which address a request comes from, for the rate limit and the `X-Forwarded-For` the upstream
//! gets: the peer, unless the peer is a load balancer named in `trusted_proxies`; then the nearest
//! address in its `X-Forwarded-For` that is not one of them. Behind a balancer every client
//! arrives from the balancer's address, and would otherwise share one rate limit.

use std::net::IpAddr;

use axum::http::HeaderMap;
use ipnet::IpNet;

/// The client's address: `peer`, or when `peer` is trusted, the rightmost untrusted address of
/// `X-Forwarded-For` (entries left of it are the client's own claims, and are not believed). An
/// entry that is not an address ends the walk at the last trusted hop.
pub fn client_ip(peer: IpAddr, headers: &HeaderMap, trusted: &[IpNet]) -> IpAddr {
    let is_trusted = |ip: &IpAddr| trusted.iter().any(|net| net.contains(ip));
    if !is_trusted(&peer) {
        return peer;
    }
    let mut hops: Vec<&str> = Vec::new();
    for value in headers.get_all("x-forwarded-for") {
        let Ok(text) = value.to_str() else { return peer };
        hops.extend(text.split(',').map(str::trim));
    }
    let mut nearest = peer;
    for hop in hops.iter().rev() {
        match hop.parse::<IpAddr>() {
            Ok(ip) if is_trusted(&ip) => nearest = ip,
            Ok(ip) => return ip,
            Err(_) => return nearest,
        }
    }
    nearest
}

#[cfg(test)]
mod tests {
    use super::*;

    fn xff(values: &[&str]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for v in values {
            h.append("x-forwarded-for", v.parse().unwrap());
        }
        h
    }

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    #[test]
    fn only_a_trusted_peer_is_looked_behind() {
        let trusted: Vec<IpNet> = vec!["10.0.0.0/8".parse().unwrap(), "fd00::/8".parse().unwrap()];
        let h = xff(&["198.51.100.9"]);
        assert_eq!(client_ip(ip("203.0.113.7"), &h, &trusted), ip("203.0.113.7"), "a client's own claim");
        assert_eq!(client_ip(ip("10.1.2.3"), &h, &trusted), ip("198.51.100.9"), "the balancer's word");
        assert_eq!(client_ip(ip("10.1.2.3"), &h, &[]), ip("10.1.2.3"), "nothing trusted");
        assert_eq!(client_ip(ip("fd00::1"), &xff(&["2001:db8::5"]), &trusted), ip("2001:db8::5"));
    }

    #[test]
    fn the_rightmost_untrusted_hop_is_the_client() {
        let trusted: Vec<IpNet> = vec!["10.0.0.0/8".parse().unwrap()];
        let peer = ip("10.0.0.1");
        // The client wrote "1.1.1.1" itself; the balancers appended what they saw.
        let h = xff(&["1.1.1.1, 198.51.100.9", "10.0.0.2"]);
        assert_eq!(client_ip(peer, &h, &trusted), ip("198.51.100.9"));
        assert_eq!(client_ip(peer, &xff(&["garbage, 10.0.0.2"]), &trusted), ip("10.0.0.2"), "stops at what is not an address");
        assert_eq!(client_ip(peer, &xff(&["10.0.0.3"]), &trusted), ip("10.0.0.3"), "all trusted: the farthest");
        assert_eq!(client_ip(peer, &HeaderMap::new(), &trusted), peer, "no header: the peer");
    }
}
