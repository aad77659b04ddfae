//! Values fixed at start-up: files and icons handed over when the page was declared.

use std::collections::HashMap;
use std::sync::Arc;

use serde_json::{json, Map, Value};

use crate::components::{Icon, ValueSpec};
use crate::files::value::{issue, publish, Audience};
use crate::files::{FileSource, Owner, Resolved};

use super::AppState;

/// Start-up values, shared by every session (their tokens are app-wide).
pub(crate) struct Startup {
    /// Props that replace the declared ones, per component.
    pub props: HashMap<usize, Map<String, Value>>,
    /// Problems to show under components, such as a missing file.
    pub errors: Vec<(usize, String)>,
}

impl Startup {
    pub async fn resolve(state: &AppState) -> Startup {
        let mut startup = Startup {
            props: HashMap::new(),
            errors: Vec::new(),
        };
        for (id, node) in state.nodes.iter().enumerate() {
            if let ValueSpec::File(source) = &node.value {
                match publish(&state.store, source, Audience::App).await {
                    Ok(value) => startup.set(id, "value", value),
                    Err(error) => startup.errors.push((id, error.to_string())),
                }
            }
            match &node.icon {
                Some(Icon::Url(url)) => startup.set(id, "icon", json!({ "url": url })),
                Some(Icon::Path(path)) => match FileSource::path(path).resolve().await {
                    Ok(Resolved::Served(entry)) => {
                        let inline = Arc::new(Arc::unwrap_or_clone(entry).into_inline());
                        let value = issue(&state.store, inline, Owner::App);
                        startup.set(id, "icon", json!({ "url": value["url"] }));
                    }
                    Ok(Resolved::External { url, .. }) => {
                        startup.set(id, "icon", json!({ "url": url }))
                    }
                    Err(error) => startup.errors.push((id, format!("icon: {error}"))),
                },
                None => {}
            }
        }
        startup
    }

    fn set(&mut self, id: usize, name: &str, value: Value) {
        self.props
            .entry(id)
            .or_default()
            .insert(name.to_owned(), value);
    }
}
