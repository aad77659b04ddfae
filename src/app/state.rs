//! [`App`]: a built page with its runtime state, ready to serve.

use std::sync::Arc;

use serde_json::{Map, Value};
use tokio::sync::OnceCell;

use crate::components::Node;
use crate::events::Dependency;
use crate::files::upload::{UploadLimits, Uploads};
use crate::files::FileStore;

use super::session::Sessions;
use super::startup::Startup;
use super::Blocks;

/// A Ferry app: build it with [`Blocks::new`], run it with [`App::launch`].
///
/// Cloning is cheap: clones share the page, the sessions and the files.
#[derive(Clone)]
#[must_use = "an app does nothing until launched or served"]
pub struct App {
    pub(crate) state: Arc<AppState>,
}

/// What every request of an app shares.
pub(crate) struct AppState {
    pub nodes: Vec<Node>,
    pub dependencies: Vec<Dependency>,
    pub title: String,
    pub store: Arc<FileStore>,
    pub sessions: Sessions,
    /// The values fixed at start-up (files, icons), resolved once, on first use.
    pub startup: OnceCell<Startup>,
    /// Where uploads go; `None` when no private folder could be made (uploads then fail).
    pub uploads: Option<Uploads>,
    pub upload_limits: UploadLimits,
}

impl App {
    pub(crate) fn from_blocks(blocks: Blocks) -> Self {
        App {
            state: Arc::new(AppState {
                nodes: blocks.nodes,
                dependencies: blocks.dependencies,
                title: blocks.title,
                store: Arc::new(FileStore::new()),
                sessions: Sessions::default(),
                startup: OnceCell::new(),
                uploads: Uploads::new()
                    .inspect_err(|error| tracing::error!(%error, "no folder for uploads"))
                    .ok(),
                upload_limits: blocks.upload_limits,
            }),
        }
    }

    /// The number of live sessions.
    pub fn session_count(&self) -> usize {
        self.state.sessions.len()
    }

    /// The file tokens currently issued, across sessions.
    pub fn file_count(&self) -> usize {
        self.state.store.len()
    }
}

impl AppState {
    /// Ends a session: forgets its file tokens and removes its uploads.
    pub async fn end_session(&self, session: &str) {
        self.store.drop_session(session);
        if let Some(uploads) = &self.uploads {
            if let Err(error) = uploads.remove_session(session).await {
                tracing::warn!(%error, "could not remove a session's uploads");
            }
        }
    }

    /// The wire types of these components, in order.
    pub fn wire_types(&self, ids: &[usize]) -> Vec<&'static str> {
        ids.iter().map(|&id| self.nodes[id].wire_type).collect()
    }

    /// Each component's props at start-up, before a session's value functions run.
    pub async fn initial_props(&self) -> (Vec<Map<String, Value>>, Vec<(usize, String)>) {
        let startup = self.startup.get_or_init(|| Startup::resolve(self)).await;
        let mut props: Vec<Map<String, Value>> =
            self.nodes.iter().map(|n| n.props.clone()).collect();
        for (id, extra) in &startup.props {
            props[*id].extend(extra.clone());
        }
        (props, startup.errors.clone())
    }
}
