//! Every address the emulator reports is on loopback (127.0.0.0/8): an endpoint copied from the
//! console must never lead to a machine on the user's network.
//!
//! Each cluster owns a block of 512 addresses (a /23) that no other cluster uses, stable for its
//! life: its nodes' private addresses count up from the block's start (skipping addresses that
//! end in .0 or .255), and its public address, when it has one, is the block's last usable one.
//! Linux routes all of 127.0.0.0/8 to the loopback interface, so a server can listen on any of
//! them; where only 127.0.0.1 exists (macOS without aliases), every cluster's addresses are
//! 127.0.0.1 and each server gets a port of its own instead.

use std::collections::HashSet;
use std::net::Ipv4Addr;

use sha2::{Digest, Sha256};

/// How many blocks there are: 127.0.2.0 up to 127.255.253.255, leaving the first /23 (with
/// 127.0.0.1) and the last one alone.
const BLOCKS: u32 = 32_766;
/// The most nodes a cluster has (5.1.1).
pub const MAX_NODES: u32 = 256;

/// How clusters are told apart on loopback.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Addressing {
    /// Each cluster on addresses of its own, every server on the port its create request chose.
    PerAddress,
    /// Every cluster on 127.0.0.1, each server on a port of its own.
    PortOn127001,
}

impl Addressing {
    /// What this machine offers: whether an address of 127.0.0.0/8 other than 127.0.0.1 can be
    /// listened on.
    pub fn detect() -> Addressing {
        match std::net::TcpListener::bind((Ipv4Addr::new(127, 1, 0, 1), 0)) {
            Ok(_) => Addressing::PerAddress,
            Err(_) => Addressing::PortOn127001,
        }
    }
}

/// The block a cluster's addresses come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Block(pub u32);

impl Block {
    fn base(self) -> u32 {
        u32::from(Ipv4Addr::new(127, 0, 0, 0)) + (self.0 + 1) * 512
    }

    fn usable(self) -> impl Iterator<Item = Ipv4Addr> {
        let base = self.base();
        (base..base + 512).map(Ipv4Addr::from).filter(|a| !matches!(a.octets()[3], 0 | 255))
    }

    /// The private addresses of `n` nodes.
    pub fn nodes(self, n: u32) -> Vec<String> {
        self.usable().take(n.min(MAX_NODES) as usize).map(|a| a.to_string()).collect()
    }

    /// The public (elastic) address.
    pub fn public(self) -> String {
        self.usable().last().map(|a| a.to_string()).unwrap_or_default()
    }

    /// The block an address belongs to, if it is one of the blocks'.
    pub fn of(address: &str) -> Option<Block> {
        let a: Ipv4Addr = address.parse().ok()?;
        let offset = u32::from(a).checked_sub(u32::from(Ipv4Addr::new(127, 0, 0, 0)))?;
        let k = (offset / 512).checked_sub(1)?;
        (a.octets()[0] == 127 && k < BLOCKS).then_some(Block(k))
    }
}

/// A block for the cluster `id`, not in `taken`: where its id points, or the next free one.
pub fn allocate(id: &str, taken: &HashSet<Block>) -> Block {
    let d = Sha256::digest(id.as_bytes());
    let start = u32::from_be_bytes([d[0], d[1], d[2], d[3]]) % BLOCKS;
    (0..BLOCKS).map(|i| Block((start + i) % BLOCKS)).find(|b| !taken.contains(b)).unwrap_or(Block(start))
}

/// Whether an address is on loopback.
pub fn is_loopback(address: &str) -> bool {
    address.parse::<Ipv4Addr>().is_ok_and(|a| a.is_loopback())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_hold_loopback_addresses_of_their_own() {
        let a = Block(0);
        let nodes = a.nodes(256);
        assert_eq!(nodes.len(), 256);
        assert_eq!(nodes[0], "127.0.2.1");
        assert!(nodes.iter().all(|n| is_loopback(n) && !n.ends_with(".0") && !n.ends_with(".255")));
        assert_eq!(a.public(), "127.0.3.254");
        assert!(!nodes.contains(&a.public()));
        let last = Block(BLOCKS - 1);
        assert!(last.nodes(256).iter().chain([&last.public()]).all(|n| is_loopback(n)));
        assert_eq!(last.public(), "127.255.253.254");
        for b in [Block(0), Block(7), Block(BLOCKS - 1)] {
            assert!(b.nodes(3).iter().chain([&b.public()]).all(|n| Block::of(n) == Some(b)));
        }
        assert_eq!(Block::of("127.0.0.1"), None);
        assert_eq!(Block::of("203.0.113.1"), None, "an address off loopback is no cluster's");
    }

    #[test]
    fn allocation_is_stable_and_never_shares_a_block() {
        let mut taken = HashSet::new();
        let first = allocate("cluster-a", &taken);
        assert_eq!(first, allocate("cluster-a", &taken));
        taken.insert(first);
        assert_ne!(allocate("cluster-a", &taken), first);
        let mut all = HashSet::new();
        for i in 0..2000 {
            let b = allocate(&format!("c{i}"), &all);
            assert!(all.insert(b), "block {b:?} given twice");
        }
    }
}
