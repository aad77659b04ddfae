//! Fitting a handler's outputs to its output components: each component turns its value into
//! props.

use std::sync::Arc;

use serde_json::{json, Value};

use crate::components::{Icon, Node, OutputContext};
use crate::events::{Output, RunError};
use crate::files::deferred::runs::DeferredRuns;
use crate::files::roots::ServeRoots;
use crate::files::value::publish_icon;
use crate::files::FileStore;
use crate::runtime::{Props, Session};

/// Turns outputs into `(component id, props)` updates, in the order of `targets`. A value one
/// component cannot take (a file that cannot be served, a value of the wrong kind) fails the
/// run with that component named.
pub(crate) async fn apply_outputs(
    nodes: &[Node],
    targets: &[usize],
    outputs: Vec<Output>,
    session: &Session,
    files: (&Arc<FileStore>, &Arc<ServeRoots>),
    deferred: &Arc<DeferredRuns>,
) -> Result<Vec<(usize, Props)>, RunError> {
    if outputs.len() != targets.len() {
        return Err(RunError::Output(format!(
            "the handler returned {} value(s) for {} output component(s)",
            outputs.len(),
            targets.len()
        )));
    }
    let (store, roots) = files;
    let mut updates = Vec::with_capacity(targets.len());
    for (&id, output) in targets.iter().zip(outputs) {
        let behaviour = &nodes[id].behaviour;
        let wanted = behaviour.output_props();
        let own = |update: Option<&Props>| {
            if wanted.is_empty() {
                return Props::new();
            }
            session.props_of(id, |held| {
                OutputContext::props_of(wanted, &[update, held, Some(&nodes[id].props)])
            })
        };
        let cx = |props: Props| OutputContext {
            session: session.id().to_owned(),
            component: id,
            store: Arc::clone(store),
            roots: Arc::clone(roots),
            app_wide: false,
            props,
            deferred: Some(Arc::clone(deferred)),
        };
        let at = |error: RunError| RunError::At {
            component: id,
            error: Box::new(error),
        };
        let props = match output {
            Output::NoChange => continue,
            Output::Raw(props) => behaviour.raw_props(props),
            Output::Value(value) => behaviour
                .value_props(value, cx(own(None)))
                .await
                .map_err(at)?,
            Output::Update(update) => {
                if update.wire_type != behaviour.wire_type() {
                    return Err(RunError::Output(format!(
                        "the handler returned a {} update for a {} output",
                        update.wire_type,
                        behaviour.wire_type()
                    )));
                }
                let mut props = update.props;
                if let Some(icon) = update.icon {
                    let wire = icon_prop(&icon, session, store, roots).await;
                    props.insert("icon".to_owned(), wire.map_err(at)?);
                }
                if let Some(value) = update.value {
                    let cx = cx(own(Some(&props)));
                    props.extend(behaviour.value_props(value, cx).await.map_err(at)?);
                }
                props
            }
        };
        updates.push((id, props));
    }
    Ok(updates)
}

/// The `icon` prop of a button update's icon: drawn by the page itself, or an image file
/// published for the session (only under the app's roots, as every path chosen at run time).
async fn icon_prop(
    icon: &Icon,
    session: &Session,
    store: &FileStore,
    roots: &ServeRoots,
) -> Result<Value, RunError> {
    let shown = |message: String| RunError::Shown(crate::Error::new(format!("icon: {message}")));
    icon.check().map_err(|e| shown(e.to_string()))?;
    match icon {
        Icon::Path(path) => {
            let url = publish_icon(store, roots, session.id(), path)
                .await
                .map_err(|e| shown(e.to_string()))?;
            Ok(json!({ "url": url }))
        }
        other => Ok(other.wire().unwrap_or(Value::Null)),
    }
}
