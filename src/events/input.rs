//! [`FromInput`]: how a handler's arguments are made from the values the page sends.

use std::path::PathBuf;
use std::sync::Arc;

use serde_json::Value;

use crate::files::{FileSource, FileStore};

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

    /// The file a download value sent by the page names, checked against this session's tokens.
    fn file_of(&self, value: &Value) -> Result<Option<FileSource>, String> {
        let url = match value {
            Value::Null => return Ok(None),
            Value::Object(map) => map.get("url").and_then(Value::as_str).unwrap_or_default(),
            _ => return Err("expected a file value or null".to_owned()),
        };
        if value.get("external").and_then(Value::as_bool) == Some(true) {
            return Ok(Some(FileSource::url(url)));
        }
        let mut parts = url.strip_prefix("/file/").unwrap_or_default().split('/');
        let (session, token) = (
            parts.next().unwrap_or_default(),
            parts.next().unwrap_or_default(),
        );
        let owner_ok = session == self.session || session == "app";
        let entry = owner_ok
            .then(|| self.store.get(token, &self.session))
            .flatten()
            .ok_or_else(|| "not a file this session was given".to_owned())?;
        Ok(Some(crate::files::value::source_of(&entry)))
    }
}

/// A type a handler can take as an argument, made from one input component's value.
///
/// Implemented for `String` and `Option<String>` (text), `PathBuf` and `Option<PathBuf>` (a
/// download button's file), [`FileSource`], `f64`, `i64`, `bool` and [`serde_json::Value`].
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

impl FromInput for Option<FileSource> {
    fn from_input(value: Value, ctx: &InputContext) -> Result<Self, String> {
        ctx.file_of(&value)
    }
}

impl FromInput for FileSource {
    fn from_input(value: Value, ctx: &InputContext) -> Result<Self, String> {
        ctx.file_of(&value)?.ok_or_else(|| "no file".to_owned())
    }
}

impl FromInput for Option<PathBuf> {
    fn from_input(value: Value, ctx: &InputContext) -> Result<Self, String> {
        match ctx.file_of(&value)? {
            None => Ok(None),
            Some(source) => source
                .as_path()
                .map(|p| Some(p.to_owned()))
                .ok_or_else(|| "this file is not on disk, so it has no path".to_owned()),
        }
    }
}

impl FromInput for PathBuf {
    fn from_input(value: Value, ctx: &InputContext) -> Result<Self, String> {
        Option::<PathBuf>::from_input(value, ctx)?.ok_or_else(|| "no file".to_owned())
    }
}

impl FromInput for f64 {
    fn from_input(value: Value, _: &InputContext) -> Result<Self, String> {
        value
            .as_f64()
            .ok_or_else(|| format!("expected a number, got {}", kind(&value)))
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

fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "text",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}
