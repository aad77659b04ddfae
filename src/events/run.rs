//! Running a dependency: concurrency limit, time limit, handler, then the page updates.

use serde_json::{Map, Value};

use super::{apply_outputs, Dependency, InputContext, RunError};

/// Runs a dependency's handler with the inputs' values and turns its outputs into updates:
/// `(component id, new props)` pairs.
pub(crate) async fn run_dependency(
    dependency: &Dependency,
    output_types: &[&'static str],
    data: Vec<Value>,
    ctx: InputContext,
) -> Result<Vec<(usize, Map<String, Value>)>, RunError> {
    let _permit = match &dependency.semaphore {
        Some(semaphore) => Some(
            semaphore
                .acquire()
                .await
                .map_err(|_| RunError::Handler("the server is shutting down".to_owned()))?,
        ),
        None => None,
    };
    let running = (dependency.handler)(data, ctx.clone());
    let outputs = match dependency.time_limit {
        Some(limit) => tokio::time::timeout(limit, running)
            .await
            .map_err(|_| RunError::TimedOut(limit))??,
        None => running.await?,
    };
    let targets: Vec<(usize, &'static str)> = dependency
        .outputs
        .iter()
        .copied()
        .zip(output_types.iter().copied())
        .collect();
    apply_outputs(&targets, outputs, &ctx).await
}
