//! The hidden events of deferred download buttons: `prepare` (the page's click, which runs the
//! function or joins its run) and `cancel` (the button's cancel control).

use std::collections::HashSet;
use std::sync::Arc;

use serde_json::Value;

use crate::components::{Component, DownloadButton, Node, ValueSpec};
use crate::events::{
    ApiVisibility, Dependency, ErasedHandler, RunError, ShowProgress, TriggerMode,
};
use crate::files::deferred::runs::DeferredRuns;

/// Adds the two events of each download button declared with a deferred value, and of each
/// one a handler may give a deferred file (an output of any event), checking that a declared
/// function takes as many inputs as its button lists.
///
/// # Panics
///
/// When a function's input count differs from its button's `inputs`: a mistake in the program,
/// reported at the line that set the value.
pub(super) fn add_dependencies(
    nodes: &[Node],
    dependencies: &mut Vec<Dependency>,
    runs: &Arc<DeferredRuns>,
) {
    let outputs: HashSet<usize> = dependencies
        .iter()
        .flat_map(|dependency| dependency.outputs.iter().copied())
        .collect();
    let mut declared_buttons = HashSet::new();
    for (id, node) in nodes.iter().enumerate() {
        let (declared, inputs) = match &node.value {
            ValueSpec::Deferred {
                source,
                declared_at,
                inputs,
            } => {
                let arity = source.deferred_fn().map_or(0, |f| f.arity);
                if inputs.len() != arity {
                    panic!(
                        "{declared_at}: the deferred function of {} {id} takes {arity} argument(s) but the button lists {} input(s)",
                        node.wire_type(),
                        inputs.len()
                    );
                }
                declared_buttons.insert(id);
                (Some(source.clone()), inputs.clone())
            }
            _ if node.wire_type() == DownloadButton::TYPE && outputs.contains(&id) => {
                (None, Vec::new())
            }
            _ => continue,
        };
        let prepare: ErasedHandler = {
            let runs = Arc::clone(runs);
            Arc::new(move |values, cx| {
                let (runs, declared) = (Arc::clone(&runs), declared.clone());
                Box::pin(async move {
                    // A deferred file a handler gave the button wins over the declared one.
                    if let Some(assigned) = runs.assigned(cx.session.id(), id) {
                        let key = vec![Value::from(assigned.number)];
                        return runs
                            .click_as(id, &assigned.source, Vec::new(), key, cx)
                            .await;
                    }
                    match declared {
                        Some(source) => runs.click(id, &source, values, cx).await,
                        None => Err(RunError::Output(
                            "this download button has no deferred file".into(),
                        )),
                    }
                })
            })
        };
        let mut dependency = Dependency::new(vec![(id, "prepare")], inputs, vec![id], prepare);
        // A second click joins the run: the page may send every one.
        dependency.trigger_mode = TriggerMode::Multiple;
        dependency.show_progress = ShowProgress::Full;
        // The page's own events: an API client has no download to start.
        dependency.api_visibility = ApiVisibility::Private;
        dependencies.push(dependency);

        let cancel: ErasedHandler = {
            let runs = Arc::clone(runs);
            Arc::new(move |_, cx| {
                runs.cancel(cx.session.id(), id);
                Box::pin(async { Ok(Some(Vec::new())) })
            })
        };
        let mut dependency = Dependency::new(vec![(id, "cancel")], Vec::new(), Vec::new(), cancel);
        dependency.trigger_mode = TriggerMode::Multiple;
        dependency.show_progress = ShowProgress::Hidden;
        // Never waits behind a concurrency limit: it is what frees one.
        dependency.queued = false;
        dependency.api_visibility = ApiVisibility::Private;
        dependencies.push(dependency);
    }
    runs.declare(declared_buttons);
}
