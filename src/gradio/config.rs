//! `GET config`: the app as Gradio describes itself: its components (id, type, props, value
//! schema) and its events (dependencies), the protocol and the API's prefix.

use std::sync::Arc;

use axum::extract::State;
use axum::Json;
use serde_json::{json, Map, Value};

use crate::app::Page;
use crate::events::ApiVisibility;
use crate::runtime::ApiError;

use super::root::AppRoot;
use super::state::GradioState;
use super::value::GradioContext;

/// The Gradio version the config claims: one whose protocol (`sse_v3`, the `gradio_api`
/// prefix, the `cancel` route) is what these routes speak.
pub(crate) const GRADIO_VERSION: &str = "5.49.1";

/// `GET config` (and `GET gradio_api/config`).
pub(crate) async fn config(
    State(state): State<Arc<GradioState>>,
    root: AppRoot,
) -> Result<Json<Value>, ApiError> {
    let page = state.page()?;
    let cx = GradioContext {
        session: String::new(),
        store: Arc::clone(&state.runtime().store),
        pool: None,
        api_root: root.api(),
        max_file_size: state.runtime().upload_limits.max_file_size,
    };
    Ok(Json(json!({
        "version": GRADIO_VERSION,
        "mode": "blocks",
        "app_id": 0,
        "title": page.title,
        "root": root.0,
        "api_prefix": "/gradio_api",
        "protocol": "sse_v3",
        // As Gradio: clients hold a heartbeat only when the app acts when a session ends.
        "connect_heartbeat": page.dependencies.iter().any(|d| d.on_unload),
        "enable_queue": true,
        "show_error": page.show_error,
        "show_api": true,
        "is_space": false,
        "is_colab": false,
        "dev_mode": false,
        "analytics_enabled": false,
        "auth_required": false,
        "max_file_size": state.runtime().upload_limits.max_file_size,
        "theme": "default",
        "stylesheets": [],
        "css": null,
        "js": null,
        "head": null,
        "components": components(page, &cx),
        "dependencies": dependencies(page),
        "layout": layout(page, 0),
    })))
}

/// A component's label, as the API shows it: its `label`, a button's text, else its class.
pub(crate) fn label_of(page: &Page, id: usize) -> String {
    let node = &page.nodes[id];
    let text = |name: &str| {
        node.props
            .get(name)
            .and_then(Value::as_str)
            .filter(|text| !text.is_empty())
    };
    text("label")
        .or_else(|| {
            (node.wire_type() == "button")
                .then(|| text("value"))
                .flatten()
        })
        .map_or_else(
            || node.behaviour.gradio_api(&node.props).class().to_owned(),
            str::to_owned,
        )
}

fn components(page: &Page, cx: &GradioContext) -> Vec<Value> {
    page.nodes
        .iter()
        .enumerate()
        .map(|(id, node)| {
            let api = node.behaviour.gradio_api(&node.props);
            let mut props = Map::new();
            for name in [
                "visible",
                "interactive",
                "elem_id",
                "elem_classes",
                "scale",
                "min_width",
            ] {
                if let Some(value) = node.props.get(name) {
                    props.insert(name.to_owned(), value.clone());
                }
            }
            props.insert("name".into(), api.type_name().into());
            if !api.skipped() {
                props.insert("label".into(), label_of(page, id).into());
                props.insert("value".into(), page.gradio_value(None, id, None, cx));
            }
            let mut component = json!({
                "id": id,
                "type": api.type_name(),
                "component_class_id": api.class(),
                "props": props,
                "skip_api": api.skipped(),
            });
            if !api.skipped() {
                component["api_info"] = api.value_schema().clone();
                component["api_info_as_input"] = api.value_schema().clone();
                component["api_info_as_output"] = api.value_schema().clone();
            }
            component
        })
        .collect()
}

/// The wire name of an API visibility.
pub(crate) fn visibility_name(visibility: ApiVisibility) -> &'static str {
    match visibility {
        ApiVisibility::Public => "public",
        ApiVisibility::Undocumented => "undocumented",
        ApiVisibility::Private => "private",
    }
}

fn dependencies(page: &Page) -> Vec<Value> {
    page.dependencies
        .iter()
        .enumerate()
        .map(|(id, d)| {
            let callable = page.api_callable(id);
            let visibility = if callable {
                d.api_visibility
            } else {
                ApiVisibility::Private
            };
            json!({
                "id": id,
                "targets": d.triggers,
                "inputs": d.inputs,
                "outputs": d.outputs,
                "backend_fn": d.backend,
                "js": d.js,
                "queue": d.queued,
                "api_name": if callable { json!(d.api_name) } else { json!(false) },
                "api_visibility": visibility_name(visibility),
                "show_api": visibility == ApiVisibility::Public,
                "cancels": d.cancels,
                "trigger_mode": d.trigger_mode,
                "show_progress": d.show_progress,
                "scroll_to_output": d.scroll_to_output,
                "trigger_after": d.after.map(|(before, _)| before),
                "trigger_only_on_success": d.after.is_some_and(|(_, when)| when == crate::events::Chain::Success),
                "trigger_only_on_failure": d.after.is_some_and(|(_, when)| when == crate::events::Chain::Failure),
                "time_limit": d.time_limit.map(|t| t.as_secs_f64()),
                "stream_every": d.stream_every.map(|t| t.as_secs_f64()),
                "concurrency_limit": d.concurrency_limit.flatten(),
                "concurrency_id": d.concurrency_id,
                "types": {"generator": false, "cancel": false},
                "collects_event_data": false,
                "rendered_in": null,
                "connection": "sse",
                "zerogpu": false,
            })
        })
        .collect()
}

fn layout(page: &Page, id: usize) -> Value {
    match &page.nodes[id].children {
        Some(children) => json!({
            "id": id,
            "children": children.iter().map(|&c| layout(page, c)).collect::<Vec<_>>(),
        }),
        None => json!({"id": id}),
    }
}
