//! Fitting a handler's outputs to its output components: new wire props for each.

use serde_json::{Map, Value};

use crate::components::render_markdown;
use crate::files::value::{publish, Audience};
use crate::files::FileSource;

use super::{InputContext, OutValue, Output, RunError};

/// Turns outputs into `(component id, props)` updates, publishing files for this session.
pub(crate) async fn apply_outputs(
    targets: &[(usize, &'static str)],
    outputs: Vec<Output>,
    ctx: &InputContext,
) -> Result<Vec<(usize, Map<String, Value>)>, RunError> {
    if outputs.len() != targets.len() {
        return Err(RunError::Output(format!(
            "the handler returned {} value(s) for {} output component(s)",
            outputs.len(),
            targets.len()
        )));
    }
    let mut updates = Vec::with_capacity(targets.len());
    for (&(id, wire_type), output) in targets.iter().zip(outputs) {
        let props = match output {
            Output::NoChange => continue,
            Output::Value(value) => value_props(id, wire_type, value, ctx).await?,
            Output::Update(update) => {
                if update.wire_type != wire_type {
                    return Err(RunError::Output(format!(
                        "the handler returned a {} update for a {wire_type} output",
                        update.wire_type
                    )));
                }
                let mut props = update.props;
                if let Some(value) = update.value {
                    props.extend(value_props(id, wire_type, value, ctx).await?);
                }
                props
            }
        };
        updates.push((id, props));
    }
    Ok(updates)
}

/// The props that carry a new value for a component of this wire type.
async fn value_props(
    id: usize,
    wire_type: &str,
    value: OutValue,
    ctx: &InputContext,
) -> Result<Map<String, Value>, RunError> {
    let mut props = Map::new();
    match (wire_type, value) {
        ("download_button" | "upload_button", OutValue::Null) => {
            props.insert("value".into(), Value::Null);
        }
        ("download_button" | "upload_button", OutValue::Text(text)) => {
            let file = publish_file(id, FileSource::from(text), ctx).await?;
            props.insert("value".into(), file);
        }
        ("download_button" | "upload_button", OutValue::File(source)) => {
            props.insert("value".into(), publish_file(id, source, ctx).await?);
        }
        ("textbox" | "button", OutValue::Text(text)) => {
            props.insert("value".into(), text.into());
        }
        ("textbox", OutValue::Null) => {
            props.insert("value".into(), "".into());
        }
        ("markdown", OutValue::Text(text)) => {
            props.insert("html".into(), render_markdown(&text).into());
        }
        ("markdown", OutValue::Null) => {
            props.insert("html".into(), "".into());
        }
        (wire_type, value) => {
            return Err(RunError::Output(format!(
                "a {wire_type} cannot show {}",
                match value {
                    OutValue::Text(_) => "text",
                    OutValue::File(_) => "a file",
                    OutValue::Null => "an empty value",
                }
            )))
        }
    }
    Ok(props)
}

async fn publish_file(
    component: usize,
    source: FileSource,
    ctx: &InputContext,
) -> Result<Value, RunError> {
    let audience = Audience::Component {
        session: &ctx.session,
        component,
    };
    publish(&ctx.store, &source, audience)
        .await
        .map_err(|e| RunError::Handler(e.to_string()))
}
