//! The connections served at once: all of them ([`Limits::max_connections`]), and those of each
//! client address ([`Limits::max_connections_per_address`]), so that one address cannot hold
//! every slot while others wait.
//!
//! [`Limits::max_connections`]: crate::Limits::max_connections
//! [`Limits::max_connections_per_address`]: crate::Limits::max_connections_per_address

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::{Arc, Mutex, MutexGuard};

use tokio::sync::{OwnedSemaphorePermit, Semaphore};

use crate::runtime::{client_key, Limits};

/// The open connections, counted.
pub(crate) struct Connections {
    all: Arc<Semaphore>,
    max: usize,
    max_per_address: usize,
    /// Open connections per client address (as [`client_key`] counts them); an address with
    /// none has no entry.
    per_address: Mutex<HashMap<IpAddr, usize>>,
}

impl Connections {
    pub(crate) fn new(limits: &Limits) -> Arc<Self> {
        let max = limits.max_connections.max(1);
        Arc::new(Connections {
            all: Arc::new(Semaphore::new(max)),
            max,
            max_per_address: limits.max_connections_per_address.max(1),
            per_address: Mutex::default(),
        })
    }

    fn table(&self) -> MutexGuard<'_, HashMap<IpAddr, usize>> {
        self.per_address.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Waits until fewer than the most connections are open; `None` once closed.
    pub(crate) async fn free_slot(&self) -> Option<OwnedSemaphorePermit> {
        Arc::clone(&self.all).acquire_owned().await.ok()
    }

    /// Counts an accepted connection from `address` in `permit`'s slot, or `None` when that
    /// address already holds its share (the caller closes the connection at once).
    pub(crate) fn admit(
        self: &Arc<Self>,
        permit: OwnedSemaphorePermit,
        address: IpAddr,
    ) -> Option<Connection> {
        let key = client_key(address);
        let mut table = self.table();
        let open = table.entry(key).or_insert(0);
        if *open >= self.max_per_address {
            return None;
        }
        *open += 1;
        Some(Connection {
            connections: Arc::clone(self),
            key,
            _permit: permit,
        })
    }

    /// How many connections are open.
    pub(crate) fn open(&self) -> usize {
        self.max.saturating_sub(self.all.available_permits())
    }
}

/// One open connection, counted until dropped.
pub(crate) struct Connection {
    connections: Arc<Connections>,
    key: IpAddr,
    _permit: OwnedSemaphorePermit,
}

impl Drop for Connection {
    fn drop(&mut self) {
        let mut table = self.connections.table();
        if let Some(open) = table.get_mut(&self.key) {
            *open = open.saturating_sub(1);
            if *open == 0 {
                table.remove(&self.key);
            }
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn an_address_holds_its_share_and_no_more_and_gets_it_back() {
        let limits = Limits {
            max_connections: 4,
            max_connections_per_address: 2,
            ..Limits::default()
        };
        let connections = Connections::new(&limits);
        let a: IpAddr = "203.0.113.1".parse().unwrap();
        let b: IpAddr = "203.0.113.2".parse().unwrap();
        let first = connections
            .admit(connections.free_slot().await.unwrap(), a)
            .unwrap();
        let second = connections
            .admit(connections.free_slot().await.unwrap(), a)
            .unwrap();
        assert!(connections
            .admit(connections.free_slot().await.unwrap(), a)
            .is_none());
        assert_eq!(connections.open(), 2, "a refused connection frees its slot");
        let other = connections
            .admit(connections.free_slot().await.unwrap(), b)
            .unwrap();
        drop(first);
        assert!(connections
            .admit(connections.free_slot().await.unwrap(), a)
            .is_some());
        assert_eq!(connections.table().len(), 2);
        drop((second, other));
        assert_eq!(
            connections.table().len(),
            0,
            "an address with none is forgotten"
        );
        assert_eq!(connections.open(), 0);
    }
}
