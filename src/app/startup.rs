//! Values fixed at start-up: files and icons handed over when the page was declared.
//!
//! They are resolved on first use and shared by every session (their tokens are app-wide). One
//! that fails (a declared file that does not exist yet) is warned about and tried again for each
//! new session, so it downloads as soon as the file appears.

use std::collections::HashMap;
use std::sync::Arc;

use serde_json::json;
use tokio::sync::Mutex;

use crate::components::{Icon, Node, OutputContext, ValueSpec};
use crate::files::roots::ServeRoots;
use crate::files::value::{issue, publish, Audience};
use crate::files::{FileSource, FileStore, Owner, Resolved};
use crate::runtime::Props;

/// The start-up values resolved so far, and the problems of the others.
#[derive(Default)]
pub(crate) struct Startup {
    state: Mutex<Option<State>>,
    /// The props resolved so far, for the checks of every event (no lock held across awaits).
    snapshot: std::sync::RwLock<Arc<HashMap<usize, Props>>>,
}

#[derive(Default)]
struct State {
    /// Props that replace the declared ones, per component.
    props: HashMap<usize, Props>,
    /// Components whose value or icon could not be resolved yet, with the message.
    failed: Vec<(usize, String)>,
}

impl Startup {
    /// The start-up props and the problems to show under components, resolving what was not
    /// resolved yet.
    pub async fn get(
        &self,
        nodes: &[Node],
        files: (&Arc<FileStore>, &Arc<ServeRoots>),
    ) -> (HashMap<usize, Props>, Vec<(usize, String)>) {
        let mut guard = self.state.lock().await;
        let first = guard.is_none();
        let state = guard.get_or_insert_with(State::default);
        let todo: Vec<usize> = if first {
            (0..nodes.len()).collect()
        } else {
            state.failed.drain(..).map(|(id, _)| id).collect()
        };
        state.failed.clear();
        for id in todo {
            resolve(id, &nodes[id], files, state, first).await;
        }
        let props = Arc::new(state.props.clone());
        *self.snapshot.write().unwrap_or_else(|p| p.into_inner()) = Arc::clone(&props);
        (Arc::unwrap_or_clone(props), state.failed.clone())
    }

    /// The start-up props resolved so far.
    pub fn snapshot(&self) -> Arc<HashMap<usize, Props>> {
        Arc::clone(&self.snapshot.read().unwrap_or_else(|p| p.into_inner()))
    }
}

async fn resolve(
    id: usize,
    node: &Node,
    (store, roots): (&Arc<FileStore>, &Arc<ServeRoots>),
    state: &mut State,
    first: bool,
) {
    let mut fail = |message: String| {
        if first {
            tracing::warn!(
                component = id,
                "{message} (it will be served once it can be read)"
            );
        }
        state.failed.push((id, message));
    };
    let mut props = Props::new();
    match &node.value {
        ValueSpec::File(source) => match publish(store, source, Audience::App).await {
            Ok(value) => {
                props.insert("value".into(), value);
            }
            Err(error) => return fail(error.to_string()),
        },
        ValueSpec::Value(value) => {
            let cx = OutputContext {
                session: String::new(),
                component: id,
                store: Arc::clone(store),
                roots: Arc::clone(roots),
                app_wide: true,
                props: OutputContext::props_of(node.behaviour.output_props(), &[Some(&node.props)]),
                deferred: None,
            };
            match node.behaviour.value_props(value.clone(), cx).await {
                Ok(extra) => props.extend(extra),
                Err(error) => return fail(error.shown_message(true)),
            }
        }
        _ => {}
    }
    // The other icons are in the declared props already.
    if let Some(Icon::Path(path)) = &node.icon {
        match FileSource::path(path).resolve().await {
            Ok(Resolved::Served(entry)) => {
                let inline = Arc::new(Arc::unwrap_or_clone(entry).into_inline());
                let value = issue(store, inline, Owner::App);
                props.insert("icon".into(), json!({ "url": value["url"] }));
            }
            Ok(Resolved::External { url, .. }) => {
                props.insert("icon".into(), json!({ "url": url }));
            }
            Err(error) => return fail(format!("icon: {error}")),
        }
    }
    if !props.is_empty() {
        state.props.insert(id, props);
    }
}
