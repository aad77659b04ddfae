//! What the components whose value is a file (download and upload buttons) share: publishing a
//! handler's file for the session, and giving the server's own value as input.

use serde_json::Value;

use crate::events::{OutValue, RunError};
use crate::files::FileSource;
use crate::runtime::Props;

use super::{HeldProps, OutputContext};

/// The `value` prop for a file: published for this component of this session.
pub(crate) async fn file_value_props(
    wire_type: &str,
    value: OutValue,
    cx: OutputContext,
) -> Result<Props, RunError> {
    let value = match value {
        OutValue::Null => Value::Null,
        OutValue::Text(text) => cx.publish(&FileSource::from(text)).await?,
        OutValue::File(source) => cx.publish(&source).await?,
        other => return Err(super::cannot_show(wire_type, &other)),
    };
    Ok(Props::from_iter([("value".to_owned(), value)]))
}

/// The file value the server holds for the session: what the page sends is never trusted.
///
/// The page sends back the value it was given; anything else (a URL or token the client made
/// up, Gradio's SSRF and file-read CVEs) is refused, so that a forged value is a 400 rather
/// than silently replaced.
pub(crate) fn held_file_value(page: &Value, held: &HeldProps<'_>) -> Result<Value, String> {
    let held = held.get("value").cloned().unwrap_or(Value::Null);
    if page.is_null() || *page == held {
        Ok(held)
    } else {
        Err("this file value was not issued by the server for this session".to_owned())
    }
}

/// `InputOf` for every way a handler may take a file: `T`, `Option<T>`, `Vec<T>` of a
/// [`FromFile`](crate::events::FromFile) type, or the raw JSON value.
macro_rules! file_inputs {
    ($component:ty) => {
        impl<T: $crate::events::FromFile> $crate::events::InputOf<$component> for T {}
        impl<T: $crate::events::FromFile> $crate::events::InputOf<$component> for Option<T> {}
        impl<T: $crate::events::FromFile> $crate::events::InputOf<$component> for Vec<T> {}
        impl $crate::events::InputOf<$component> for serde_json::Value {}
    };
}

/// `OutputFor` for every way a handler may return a file: a path (or URL) as text, a `PathBuf`,
/// a `&Path` or a [`FileSource`].
macro_rules! file_outputs {
    ($component:ty) => {
        $crate::events::text_output!($component);

        impl $crate::events::OutputFor<$component> for $crate::files::FileSource {
            fn into_output(self) -> Result<$crate::events::Output, $crate::events::RunError> {
                Ok($crate::events::Output::Value(
                    $crate::events::OutValue::File(self),
                ))
            }
        }

        impl $crate::events::OutputFor<$component> for std::path::PathBuf {
            fn into_output(self) -> Result<$crate::events::Output, $crate::events::RunError> {
                Ok($crate::events::Output::Value(
                    $crate::events::OutValue::File($crate::files::FileSource::path(self)),
                ))
            }
        }

        impl $crate::events::OutputFor<$component> for &std::path::Path {
            fn into_output(self) -> Result<$crate::events::Output, $crate::events::RunError> {
                Ok($crate::events::Output::Value(
                    $crate::events::OutValue::File($crate::files::FileSource::path(self)),
                ))
            }
        }
    };
}

pub(crate) use {file_inputs, file_outputs};

/// A file component's value in Gradio's API: its FileValue (or each of a list) as a `FileData`
/// whose `path` is an opaque token.
pub(crate) fn gradio_file_value(held: &HeldProps<'_>, cx: &crate::gradio::GradioContext) -> Value {
    match held.get("value") {
        Some(Value::Array(files)) => files.iter().map(|file| cx.file_data(file)).collect(),
        Some(file) => cx.file_data(file),
        None => Value::Null,
    }
}
