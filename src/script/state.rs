//! [`ScriptState`]: what the server keeps of a script session between reruns.

use std::collections::HashMap;
use std::sync::Arc;

use serde_json::Value;

use crate::components::{Behaviour, ScriptWidget};
use crate::events::CancelToken;
use crate::runtime::Props;

/// A widget as the last rerun placed it in the page.
#[derive(Clone)]
pub(crate) struct Placed {
    pub id: usize,
    pub identity: String,
    pub behaviour: Arc<dyn Behaviour>,
    pub props: Props,
    pub widget: Option<ScriptWidget>,
}

/// One script session's widgets, their values and its reruns, kept in the session's typed state.
#[derive(Default)]
pub(crate) struct ScriptState {
    /// The widgets' values the page sent, by identity.
    pub values: HashMap<String, Value>,
    /// Each identity's id in the page: a widget keeps its id for as long as it is drawn again.
    ids: HashMap<String, usize>,
    next_id: usize,
    /// The last rerun's widgets, in order.
    pub placed: Vec<Placed>,
    /// Held by the rerun that runs: one at a time per session.
    pub rerun: Arc<tokio::sync::Mutex<()>>,
    /// Cancels the rerun in progress, when a newer interaction comes.
    pub current: CancelToken,
}

impl ScriptState {
    /// The id of `identity` in the page: its own from an earlier rerun, or a new one (0 is the
    /// page's root).
    pub fn id_of(&mut self, identity: &str) -> usize {
        if let Some(&id) = self.ids.get(identity) {
            return id;
        }
        self.next_id += 1;
        self.ids.insert(identity.to_owned(), self.next_id);
        self.next_id
    }

    /// Forgets the ids and values of identities the last rerun did not draw, so a page that
    /// draws ever new widgets does not grow the session without bound.
    pub fn keep_only_placed(&mut self) {
        let live: std::collections::HashSet<&str> =
            self.placed.iter().map(|p| p.identity.as_str()).collect();
        self.ids
            .retain(|identity, _| live.contains(identity.as_str()));
        self.values
            .retain(|identity, _| live.contains(identity.as_str()));
    }

    /// The widget with this id in the last rerun's page.
    pub fn placed(&self, id: usize) -> Option<&Placed> {
        self.placed.iter().find(|p| p.id == id)
    }

    /// The widgets whose value the page sends with every rerun, in order.
    pub fn inputs(&self) -> Vec<usize> {
        self.placed
            .iter()
            .filter(|p| p.widget.is_some_and(|w| w.has_value))
            .map(|p| p.id)
            .collect()
    }
}
