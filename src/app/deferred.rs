//! The hidden events of deferred download buttons: `prepare` (the page's click, which runs the
//! function or joins its run) and `cancel` (the button's cancel control).

use std::sync::Arc;

use crate::components::{Node, ValueSpec};
use crate::events::{Dependency, ErasedHandler, ShowProgress, TriggerMode};
use crate::files::deferred::runs::DeferredRuns;

/// Adds the two events of each button declared with a deferred value, checking that its
/// function takes as many inputs as the button lists.
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
    for (id, node) in nodes.iter().enumerate() {
        let ValueSpec::Deferred {
            source,
            declared_at,
            inputs,
        } = &node.value
        else {
            continue;
        };
        let arity = source.deferred_fn().map_or(0, |f| f.arity);
        if inputs.len() != arity {
            panic!(
                "{declared_at}: the deferred function of {} {id} takes {arity} argument(s) but the button lists {} input(s)",
                node.wire_type(),
                inputs.len()
            );
        }
        let prepare: ErasedHandler = {
            let (runs, source) = (Arc::clone(runs), source.clone());
            Arc::new(move |values, cx| {
                let (runs, source) = (Arc::clone(&runs), source.clone());
                Box::pin(async move { runs.click(id, &source, values, cx).await })
            })
        };
        let mut dependency =
            Dependency::new(vec![(id, "prepare")], inputs.clone(), vec![id], prepare);
        // A second click joins the run: the page may send every one.
        dependency.trigger_mode = TriggerMode::Multiple;
        dependency.show_progress = ShowProgress::Full;
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
        dependencies.push(dependency);
    }
}
