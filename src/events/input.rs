//! [`FromInput`]: how a handler's arguments are made from the values the page sends.

use std::sync::Arc;

use serde_json::Value;

use crate::files::{FileSource, FileStore};

use super::{FromFile, ReceivedFile};

/// What a handler's inputs are read against: the session and its file tokens.
#[derive(Clone)]
pub struct InputContext {
    pub(crate) session: String,
    pub(crate) store: Arc<FileStore>,
}

impl InputContext {
    /// The session the event came from.
    pub fn session(&self) -> &str {
        &self.session
    }

    /// The files a file value sent by the page names (one object, a list, or null), each
    /// checked against this session's tokens.
    pub(crate) fn files_of(&self, value: &Value) -> Result<Vec<ReceivedFile>, String> {
        match value {
            Value::Null => Ok(Vec::new()),
            Value::Array(items) => items.iter().map(|item| self.file_of(item)).collect(),
            single => Ok(vec![self.file_of(single)?]),
        }
    }

    /// The one file a file value names.
    fn file_of(&self, value: &Value) -> Result<ReceivedFile, String> {
        let Some(url) = value.get("url").and_then(Value::as_str) else {
            return Err("expected a file value".to_owned());
        };
        if value.get("external").and_then(Value::as_bool) == Some(true) {
            return Ok(ReceivedFile {
                source: FileSource::url(url),
                relative_path: None,
            });
        }
        let relative = url.strip_prefix('/').unwrap_or(url);
        let mut parts = relative
            .strip_prefix("file/")
            .unwrap_or_default()
            .split('/');
        let (session, token) = (
            parts.next().unwrap_or_default(),
            parts.next().unwrap_or_default(),
        );
        let owner_ok = session == self.session || session == "app";
        let entry = owner_ok
            .then(|| self.store.get(token, &self.session))
            .flatten()
            .ok_or_else(|| "not a file this session was given".to_owned())?;
        Ok(crate::files::value::received(&entry))
    }
}

/// Says that a handler may take a value of this type from a component of type `C`: `String` from
/// a [`Textbox`](crate::components::Textbox), a `PathBuf` or `Bytes` from an
/// [`UploadButton`](crate::components::UploadButton). Each component implements it for what it
/// gives; taking a text field as a `PathBuf` does not compile:
///
/// ```compile_fail,E0277
/// use std::path::PathBuf;
/// use ferry_ui::prelude::*;
/// Blocks::new(|b| {
///     let name = b.add(Textbox::new("Name"));
///     let out = b.add(Textbox::new("Out"));
///     b.on(name.submit(), name, out, |p: PathBuf| p.display().to_string());
/// });
/// ```
pub trait InputOf<C>: FromInput {}

/// The type a handler takes from a component of this type when nothing says otherwise: `String`
/// for a `Textbox`, `PathBuf` for an `UploadButton` (Gradio's `type="filepath"`). It lets
/// [`Blocks::event`](crate::Blocks::event) infer a closure's argument types.
pub trait DefaultInput: Sized {
    /// The type.
    type Input: InputOf<Self> + FromInput;
}

/// A type a handler can take as an argument, made from one input component's value.
///
/// Implemented for `String` and `Option<String>` (text), `f64`, `i64`, `bool`,
/// [`serde_json::Value`] (the raw value), and for every [`FromFile`] type `T` (a file from a
/// download or upload button): `T`, `Option<T>` and `Vec<T>`.
///
/// It runs on a blocking thread, so an implementation may read files.
pub trait FromInput: Sized + Send + 'static {
    /// Reads the value, or says why it cannot.
    fn from_input(value: Value, ctx: &InputContext) -> Result<Self, String>;
}

impl FromInput for Value {
    fn from_input(value: Value, _: &InputContext) -> Result<Self, String> {
        Ok(value)
    }
}

impl FromInput for String {
    fn from_input(value: Value, _: &InputContext) -> Result<Self, String> {
        match value {
            Value::String(s) => Ok(s),
            Value::Null => Ok(String::new()),
            other => Err(format!("expected text, got {}", kind(&other))),
        }
    }
}

impl FromInput for Option<String> {
    fn from_input(value: Value, ctx: &InputContext) -> Result<Self, String> {
        match value {
            Value::Null => Ok(None),
            other => String::from_input(other, ctx).map(Some),
        }
    }
}

impl FromInput for f64 {
    fn from_input(value: Value, _: &InputContext) -> Result<Self, String> {
        value
            .as_f64()
            .ok_or_else(|| format!("expected a number, got {}", kind(&value)))
    }
}

impl FromInput for Option<f64> {
    fn from_input(value: Value, ctx: &InputContext) -> Result<Self, String> {
        match value {
            Value::Null => Ok(None),
            value => f64::from_input(value, ctx).map(Some),
        }
    }
}

impl FromInput for Vec<String> {
    fn from_input(value: Value, _: &InputContext) -> Result<Self, String> {
        match value {
            Value::Null => Ok(Vec::new()),
            Value::Array(items) => items
                .into_iter()
                .map(|item| match item {
                    Value::String(text) => Ok(text),
                    other => Err(format!(
                        "expected a list of text, got {} in it",
                        kind(&other)
                    )),
                })
                .collect(),
            other => Err(format!("expected a list of text, got {}", kind(&other))),
        }
    }
}

impl FromInput for i64 {
    fn from_input(value: Value, _: &InputContext) -> Result<Self, String> {
        value
            .as_i64()
            .ok_or_else(|| format!("expected an integer, got {}", kind(&value)))
    }
}

impl FromInput for bool {
    fn from_input(value: Value, _: &InputContext) -> Result<Self, String> {
        value
            .as_bool()
            .ok_or_else(|| format!("expected true or false, got {}", kind(&value)))
    }
}

pub(crate) fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "text",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

impl<T: FromFile> FromInput for T {
    fn from_input(value: Value, ctx: &InputContext) -> Result<Self, String> {
        let mut files = ctx.files_of(&value)?.into_iter();
        match (files.next(), files.next()) {
            (Some(file), None) => T::from_file(file),
            (None, _) => Err("no file".to_owned()),
            (Some(_), Some(_)) => Err("expected one file, got several".to_owned()),
        }
    }
}

impl<T: FromFile> FromInput for Option<T> {
    fn from_input(value: Value, ctx: &InputContext) -> Result<Self, String> {
        match value {
            Value::Null => Ok(None),
            Value::Array(ref items) if items.is_empty() => Ok(None),
            other => T::from_input(other, ctx).map(Some),
        }
    }
}

impl<T: FromFile> FromInput for Vec<T> {
    fn from_input(value: Value, ctx: &InputContext) -> Result<Self, String> {
        ctx.files_of(&value)?
            .into_iter()
            .map(T::from_file)
            .collect()
    }
}
