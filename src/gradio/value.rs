//! What a component says about itself in Gradio's API: its Gradio type and value schema
//! ([`GradioApi`]), and how its values cross the API ([`GradioContext`], [`GradioInput`]).

use std::sync::Arc;

use percent_encoding::{utf8_percent_encode, AsciiSet, CONTROLS};
use serde_json::{json, Value};

use crate::files::upload::{type_allowed, FileCount, UploadRules};
use crate::files::value::issue_token;
use crate::files::{FileStore, Owner};

/// How a component appears in Gradio's API (`GET config`, `GET gradio_api/info`): its Gradio
/// block type, the class name the API page shows, the JSON schema of its value and the Python
/// type `gradio_client` prints for it.
///
/// ```
/// use ferry_ui::gradio::GradioApi;
/// use serde_json::json;
///
/// let api = GradioApi::new("rating", "Rating")
///     .schema(json!({"type": "integer"}))
///     .python_type("int");
/// assert_eq!(api.type_name(), "rating");
/// ```
#[derive(Clone, Debug, PartialEq)]
#[must_use = "a GradioApi does nothing until a component returns it"]
pub struct GradioApi {
    type_name: String,
    class: String,
    schema: Value,
    python_type: String,
    skip: bool,
    file: bool,
}

impl GradioApi {
    /// A component of Gradio block type `type_name` (`"textbox"`) shown as `class`
    /// (`"Textbox"`), whose value is any JSON. Defaults to the schema `{}` and the Python type
    /// `Any`.
    pub fn new(type_name: impl Into<String>, class: impl Into<String>) -> Self {
        GradioApi {
            type_name: type_name.into(),
            class: class.into(),
            schema: json!({}),
            python_type: "Any".to_owned(),
            skip: false,
            file: false,
        }
    }

    /// A layout (row, column, group): its values are left out of the API, as Gradio's
    /// `skip_api` does.
    pub fn layout(type_name: impl Into<String>, class: impl Into<String>) -> Self {
        let mut api = GradioApi::new(type_name, class);
        api.skip = true;
        api
    }

    /// A component whose value is one file: Gradio's `FileData` schema, the Python type
    /// `filepath`, and file values sent as tokens (see [`GradioContext`]).
    pub fn file(type_name: impl Into<String>, class: impl Into<String>) -> Self {
        let mut api = GradioApi::new(type_name, class);
        api.schema = file_data_schema();
        api.python_type = "filepath".to_owned();
        api.file = true;
        api
    }

    /// The JSON schema of the value. Defaults to `{}` (any value).
    pub fn schema(mut self, schema: Value) -> Self {
        self.schema = schema;
        self
    }

    /// The Python type `gradio_client` prints for the value (`str`, `float`). Defaults to
    /// `Any`.
    pub fn python_type(mut self, python_type: impl Into<String>) -> Self {
        self.python_type = python_type.into();
        self
    }

    /// The Gradio block type (`"textbox"`).
    pub fn type_name(&self) -> &str {
        &self.type_name
    }

    /// The class name the API page shows (`"Textbox"`).
    pub fn class(&self) -> &str {
        &self.class
    }

    /// The JSON schema of the value.
    pub fn value_schema(&self) -> &Value {
        &self.schema
    }

    /// The Python type of the value.
    pub fn value_python_type(&self) -> &str {
        &self.python_type
    }

    /// Whether the API leaves the component's values out (layouts).
    pub fn skipped(&self) -> bool {
        self.skip
    }

    /// Whether the value is a file.
    pub fn is_file(&self) -> bool {
        self.file
    }
}

/// Gradio's `FileData` schema: what `gradio_client` recognises as a file parameter.
fn file_data_schema() -> Value {
    let nullable =
        |kind: &str| json!({"anyOf": [{"type": kind}, {"type": "null"}], "default": null});
    json!({
        "title": "FileData",
        "type": "object",
        "properties": {
            "path": {"type": "string"},
            "url": nullable("string"),
            "size": nullable("integer"),
            "orig_name": nullable("string"),
            "mime_type": nullable("string"),
            "is_stream": {"type": "boolean", "default": false},
            "meta": {"type": "object", "default": {"_type": "gradio.FileData"}},
        },
        "required": ["path"],
    })
}

/// What a component needs to turn its values into Gradio's and back: the session the API
/// client was given, the file store, the client's upload pool and the API's absolute URL.
#[derive(Clone)]
pub struct GradioContext {
    pub(crate) session: String,
    pub(crate) store: Arc<FileStore>,
    /// The scope of the files the client uploaded through `gradio_api/upload`.
    pub(crate) pool: Option<String>,
    /// `http://host/prefix/gradio_api/`: the base of file URLs.
    pub(crate) api_root: String,
    pub(crate) max_file_size: u64,
}

/// What an API client's value becomes for a component.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum GradioInput {
    /// The value the page would send: checked by the component's
    /// [`input_value`](crate::components::Component::input_value) as a page's would be.
    Page(Value),
    /// A value the server now holds for the session (a file the client uploaded, issued to the
    /// session): recorded as the component's value, then read by the handler.
    Held(Value),
}

/// Characters escaped in the file name part of a `file=` URL.
const NAME: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'?')
    .add(b'<')
    .add(b'>')
    .add(b'`')
    .add(b'{')
    .add(b'}')
    .add(b'/')
    .add(b'\\');

impl GradioContext {
    /// A page's FileValue (`{"url": "file/<scope>/<token>/<name>", …}`) as Gradio's `FileData`:
    /// its `path` is `<scope>/<token>/<name>`, an opaque token and never a server path, and its
    /// `url` is the `gradio_api/file=` URL of that path. An external URL is handed over as
    /// itself (with `is_stream`, so the client downloads it from there: the server never fetches
    /// it). Anything else (`null`) stays as it is.
    pub fn file_data(&self, file_value: &Value) -> Value {
        let Some(url) = file_value.get("url").and_then(Value::as_str) else {
            return file_value.clone();
        };
        let name = file_value
            .get("file_name")
            .and_then(Value::as_str)
            .unwrap_or("file");
        let common = |path: &str, url: &str, is_stream: bool| {
            json!({
                "path": path,
                "url": url,
                "size": file_value.get("size").cloned().unwrap_or(Value::Null),
                "orig_name": name,
                "mime_type": file_value.get("mime_type").cloned().unwrap_or(Value::Null),
                "is_stream": is_stream,
                "meta": {"_type": "gradio.FileData"},
            })
        };
        if file_value.get("external") == Some(&Value::Bool(true)) {
            return common(url, url, true);
        }
        let mut parts = url.trim_start_matches('/').splitn(4, '/');
        let (Some("file"), Some(scope), Some(token)) = (parts.next(), parts.next(), parts.next())
        else {
            return file_value.clone();
        };
        let path = format!("{scope}/{token}/{name}");
        let url = format!(
            "{}file={scope}/{token}/{}",
            self.api_root,
            utf8_percent_encode(name, NAME)
        );
        common(&path, &url, false)
    }

    /// The files an API client sent as a value (a `FileData`, a list of them, or `null`),
    /// issued to the session as a page's upload would be, and checked against `rules` (count,
    /// types, size). A `FileData`'s `path` must name a file this client uploaded through
    /// `gradio_api/upload`, one of the session's own, or an app-wide one; anything else (a real
    /// path, a URL, another session's token) is refused: the server never opens a path or
    /// fetches a URL a client sent.
    pub fn claim_files(&self, value: Value, rules: &UploadRules) -> Result<Value, String> {
        let items = match value {
            Value::Null => return Ok(Value::Null),
            Value::Array(items) => items,
            one => vec![one],
        };
        if rules.file_count == FileCount::Single && items.len() > 1 {
            return Err(format!(
                "this component takes one file, got {}",
                items.len()
            ));
        }
        let files = items
            .iter()
            .map(|item| self.claim_one(item, rules))
            .collect::<Result<Vec<Value>, String>>()?;
        Ok(match (rules.file_count, files.as_slice()) {
            (FileCount::Single, [one]) => one.clone(),
            (FileCount::Single, []) => Value::Null,
            _ => Value::Array(files),
        })
    }

    fn claim_one(&self, item: &Value, rules: &UploadRules) -> Result<Value, String> {
        let path = item
            .get("path")
            .and_then(Value::as_str)
            .ok_or("a file value is an object with a \"path\" (use handle_file)")?;
        let unknown = || {
            "this file was not uploaded to this app by this client (upload it with \
             handle_file first; the server never opens a path or fetches a URL it is sent)"
                .to_owned()
        };
        let mut parts = path.splitn(3, '/');
        let (Some(scope), Some(token)) = (parts.next(), parts.next()) else {
            return Err(unknown());
        };
        let allowed =
            scope == self.session || scope == "app" || Some(scope) == self.pool.as_deref();
        if !allowed {
            return Err(unknown());
        }
        let entry = self.store.get(token, scope).ok_or_else(unknown)?;
        let name = entry.file_name().to_owned();
        if !type_allowed(&name, &rules.file_types) {
            return Err(format!(
                "{name} is not one of the types this component takes ({})",
                rules.file_types.join(", ")
            ));
        }
        if entry
            .len_hint()
            .is_some_and(|size| size > self.max_file_size)
        {
            return Err(format!(
                "{name} is larger than the largest file this app takes ({} bytes)",
                self.max_file_size
            ));
        }
        let owner = if scope == "app" {
            Owner::App
        } else {
            Owner::Session(self.session.clone())
        };
        Ok(issue_token(&self.store, entry, owner).1)
    }
}
