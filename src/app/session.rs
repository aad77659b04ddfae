//! Sessions: one per page load, each with its own values and file tokens.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use futures_util::future::join_all;
use serde_json::{json, Map, Value};

use crate::events::{run_dependency, InputContext};

use super::AppState;

/// The live sessions: when each was last seen, and what the server must enforce for it.
#[derive(Default)]
pub(crate) struct Sessions {
    table: Mutex<HashMap<String, Session>>,
}

/// One live session.
struct Session {
    seen: Instant,
    /// `interactive` as this session's handlers last set it, per component.
    interactive: HashMap<usize, bool>,
}

impl Sessions {
    fn table(&self) -> std::sync::MutexGuard<'_, HashMap<String, Session>> {
        self.table
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Starts a session and returns its id: 128 random bits in hex.
    pub fn create(&self) -> String {
        let id = format!("{:032x}", rand::random::<u128>());
        let session = Session {
            seen: Instant::now(),
            interactive: HashMap::new(),
        };
        self.table().insert(id.clone(), session);
        id
    }

    /// Marks a session as seen; false when it is unknown or expired.
    pub fn touch(&self, id: &str) -> bool {
        match self.table().get_mut(id) {
            Some(session) => {
                session.seen = Instant::now();
                true
            }
            None => false,
        }
    }

    /// Remembers the `interactive` props that updates sent to this session, so the server can
    /// refuse what a disabled component would do (an upload to a disabled upload button).
    pub fn record(&self, id: &str, updates: &[(usize, Map<String, Value>)]) {
        let mut table = self.table();
        let Some(session) = table.get_mut(id) else {
            return;
        };
        for (component, props) in updates {
            if let Some(interactive) = props.get("interactive").and_then(Value::as_bool) {
                session.interactive.insert(*component, interactive);
            }
        }
    }

    /// Whether this session's handlers made `component` interactive or not; `None` when they
    /// never said.
    pub fn interactive(&self, id: &str, component: usize) -> Option<bool> {
        self.table().get(id)?.interactive.get(&component).copied()
    }

    /// Ends the sessions not seen for `idle`, returning their ids.
    pub fn reap(&self, idle: Duration) -> Vec<String> {
        let now = Instant::now();
        let mut table = self.table();
        let expired: Vec<String> = table
            .iter()
            .filter(|(_, session)| now.duration_since(session.seen) > idle)
            .map(|(id, _)| id.clone())
            .collect();
        for id in &expired {
            table.remove(id);
        }
        expired
    }

    /// The number of live sessions.
    pub fn len(&self) -> usize {
        self.table().len()
    }
}

impl AppState {
    /// Starts a session: runs its value functions and describes its page.
    pub async fn start_session(&self) -> Value {
        let session = self.sessions.create();
        let (mut props, startup_errors) = self.initial_props().await;
        let ctx = InputContext {
            session: session.clone(),
            store: self.store.clone(),
        };
        let loads = self
            .dependencies
            .iter()
            .filter(|d| d.on_load)
            .map(|dependency| {
                let data = dependency
                    .inputs
                    .iter()
                    .map(|&i| props[i].get("value").cloned().unwrap_or(Value::Null))
                    .collect();
                let output_types = self.wire_types(&dependency.outputs);
                let ctx = ctx.clone();
                async move {
                    let result = run_dependency(dependency, &output_types, data, ctx).await;
                    (dependency.outputs.first().copied(), result)
                }
            });
        let mut errors: Vec<Value> = startup_errors
            .into_iter()
            .map(|(id, message)| json!({ "component": id, "message": message }))
            .collect();
        for (component, result) in join_all(loads).await {
            match result {
                Ok(updates) => {
                    self.sessions.record(&session, &updates);
                    for (id, update) in updates {
                        props[id].extend(update);
                    }
                }
                Err(error) => {
                    errors.push(json!({ "component": component, "message": error.to_string() }))
                }
            }
        }
        json!({
            "session": session,
            "title": self.title,
            "root": self.tree(0, &mut props),
            "dependencies": self.dependencies.iter().enumerate().map(|(i, d)| d.to_json(i)).collect::<Vec<_>>(),
            "errors": errors,
        })
    }

    fn tree(&self, id: usize, props: &mut [Map<String, Value>]) -> Value {
        let node = &self.nodes[id];
        let mut out = Map::new();
        out.insert("type".into(), node.wire_type.into());
        out.insert("id".into(), id.into());
        out.insert(
            "props".into(),
            Value::Object(std::mem::take(&mut props[id])),
        );
        if let Some(children) = &node.children {
            let children: Vec<Value> = children.iter().map(|&c| self.tree(c, props)).collect();
            out.insert("children".into(), children.into());
        }
        Value::Object(out)
    }
}
