//! `GET gradio_api/info`: each listed endpoint's parameters and returns, as `gradio_client`'s
//! `view_api()` prints them. Private and undocumented (`show_api(false)`) events are not
//! listed; undocumented ones stay callable. Each endpoint carries `code_snippets` (Python,
//! JavaScript, curl) that the "Use via API" page shows.

use std::sync::Arc;

use axum::extract::State;
use axum::Json;
use serde_json::{json, Map, Value};

use crate::app::Page;
use crate::events::ApiVisibility;
use crate::runtime::ApiError;

use super::config::label_of;
use super::root::AppRoot;
use super::snippets::{snippets, Param};
use super::state::GradioState;
use super::value::GradioContext;

/// `GET gradio_api/info`.
pub(crate) async fn info(
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
    Ok(Json(describe(page, &cx, &root.0)))
}

/// The listed endpoints: `{"named_endpoints": {"/name": …}, "unnamed_endpoints": {"3": …}}`.
pub(crate) fn describe(page: &Page, cx: &GradioContext, root: &str) -> Value {
    let mut named = Map::new();
    let mut unnamed = Map::new();
    for (index, dependency) in page.dependencies.iter().enumerate() {
        if !page.api_callable(index) || dependency.api_visibility != ApiVisibility::Public {
            continue;
        }
        let endpoint = endpoint(page, index, cx, root);
        match &dependency.api_name {
            Some(name) => named.insert(format!("/{name}"), endpoint),
            None => unnamed.insert(index.to_string(), endpoint),
        };
    }
    json!({"named_endpoints": named, "unnamed_endpoints": unnamed})
}

/// A Python identifier from a label: lowercase letters, digits and `_`.
fn parameter_name(label: &str, taken: &[String]) -> String {
    let mut name: String = label
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '_'
            }
        })
        .collect();
    name = name.trim_matches('_').to_owned();
    while name.contains("__") {
        name = name.replace("__", "_");
    }
    if name.is_empty() || name.starts_with(|c: char| c.is_ascii_digit()) {
        name = format!("param_{name}");
    }
    let mut unique = name.clone();
    let mut n = 1;
    while taken.contains(&unique) {
        unique = format!("{name}_{n}");
        n += 1;
    }
    unique
}

fn endpoint(page: &Page, index: usize, cx: &GradioContext, root: &str) -> Value {
    let dependency = &page.dependencies[index];
    let mut names: Vec<String> = Vec::new();
    let mut params: Vec<Param> = Vec::new();
    let parameters: Vec<Value> = dependency
        .inputs
        .iter()
        .map(|&id| {
            let api = page.nodes[id].behaviour.gradio_api(&page.nodes[id].props);
            let label = label_of(page, id);
            let name = parameter_name(&label, &names);
            names.push(name.clone());
            let default = page.gradio_value(None, id, None, cx);
            let has_default = !api.is_file();
            params.push(Param {
                name: name.clone(),
                value: default.clone(),
                file: api.is_file(),
            });
            json!({
                "label": label,
                "parameter_name": name,
                "parameter_has_default": has_default,
                "parameter_default": if has_default { default.clone() } else { Value::Null },
                "type": api.value_schema(),
                "python_type": {"type": api.value_python_type(), "description": ""},
                "component": api.class(),
                "example_input": if api.is_file() {
                    json!({"path": "file.txt", "meta": {"_type": "gradio.FileData"}})
                } else {
                    default
                },
            })
        })
        .collect();
    let returns: Vec<Value> = dependency
        .outputs
        .iter()
        .map(|&id| {
            let api = page.nodes[id].behaviour.gradio_api(&page.nodes[id].props);
            json!({
                "label": label_of(page, id),
                "type": api.value_schema(),
                "python_type": {"type": api.value_python_type(), "description": ""},
                "component": api.class(),
            })
        })
        .collect();
    json!({
        "parameters": parameters,
        "returns": returns,
        "api_visibility": "public",
        "show_api": true,
        "code_snippets": snippets(root, dependency.api_name.as_deref(), index, &params),
    })
}

#[cfg(test)]
mod tests {
    use super::parameter_name;

    #[test]
    fn parameter_names_are_python_identifiers_and_unique() {
        assert_eq!(parameter_name("Upload a file", &[]), "upload_a_file");
        assert_eq!(parameter_name("  Name (full)!", &[]), "name_full");
        assert_eq!(parameter_name("2 files", &[]), "param_2_files");
        assert_eq!(parameter_name("", &[]), "param_");
        assert_eq!(parameter_name("Name", &["name".to_owned()]), "name_1");
    }
}
