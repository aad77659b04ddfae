//! [`IntoOutputs`]: what a handler returns, one output per output component.

use std::path::{Path, PathBuf};

use serde_json::{Map, Value};

use crate::components::{
    ButtonUpdate, DownloadButtonUpdate, MarkdownUpdate, TextboxUpdate, TimerUpdate,
    UploadButtonUpdate,
};
use crate::files::FileSource;

use super::RunError;

/// A new value for a component, before it is fitted to the component's type.
#[derive(Clone, Debug)]
pub enum OutValue {
    /// Text: a text field's value, Markdown, a button's label, or a download button's path or URL.
    Text(String),
    /// A file for a download button.
    File(FileSource),
    /// No value: clears a download button, empties a text field.
    Null,
}

/// New properties for one component: built by the components' `update()` functions.
#[derive(Clone, Debug)]
pub struct Update {
    pub(crate) wire_type: &'static str,
    pub(crate) props: Map<String, Value>,
    pub(crate) value: Option<OutValue>,
}

impl Update {
    pub(crate) fn new(wire_type: &'static str) -> Self {
        Update {
            wire_type,
            props: Map::new(),
            value: None,
        }
    }

    pub(crate) fn set(&mut self, name: &str, value: impl Into<Value>) {
        self.props.insert(name.to_owned(), value.into());
    }

    pub(crate) fn set_text(&mut self, text: String) {
        self.value = Some(OutValue::Text(text));
    }

    pub(crate) fn set_file(&mut self, file: FileSource) {
        self.value = Some(OutValue::File(file));
    }

    pub(crate) fn set_null_value(&mut self) {
        self.value = Some(OutValue::Null);
    }
}

/// What a handler returns for one output component.
#[derive(Clone, Debug)]
pub enum Output {
    /// Leave the component as it is.
    NoChange,
    /// A new value.
    Value(OutValue),
    /// New properties (and perhaps a new value).
    Update(Update),
}

/// Leaves an output component as it is: return it in a tuple where nothing changes.
#[derive(Clone, Copy, Debug, Default)]
pub struct NoChange;

/// A type a handler can return for one output component.
pub trait IntoOutput {
    /// The output.
    fn into_output(self) -> Output;
}

impl IntoOutput for Output {
    fn into_output(self) -> Output {
        self
    }
}

impl IntoOutput for NoChange {
    fn into_output(self) -> Output {
        Output::NoChange
    }
}

impl IntoOutput for String {
    fn into_output(self) -> Output {
        Output::Value(OutValue::Text(self))
    }
}

impl IntoOutput for &str {
    fn into_output(self) -> Output {
        Output::Value(OutValue::Text(self.to_owned()))
    }
}

impl IntoOutput for FileSource {
    fn into_output(self) -> Output {
        Output::Value(OutValue::File(self))
    }
}

impl IntoOutput for PathBuf {
    fn into_output(self) -> Output {
        Output::Value(OutValue::File(FileSource::path(self)))
    }
}

impl IntoOutput for &Path {
    fn into_output(self) -> Output {
        Output::Value(OutValue::File(FileSource::path(self)))
    }
}

impl<T: IntoOutput> IntoOutput for Option<T> {
    fn into_output(self) -> Output {
        match self {
            Some(value) => value.into_output(),
            None => Output::Value(OutValue::Null),
        }
    }
}

macro_rules! update_outputs {
    ($($update:ty),+) => {
        $(impl IntoOutput for $update {
            fn into_output(self) -> Output {
                Output::Update(self.0)
            }
        })+
    };
}

update_outputs!(
    UploadButtonUpdate,
    DownloadButtonUpdate,
    ButtonUpdate,
    TextboxUpdate,
    MarkdownUpdate,
    TimerUpdate
);

/// What a handler returns: one output (`String`, `PathBuf`, an update…), a tuple with one per
/// output component, `()` for none, or a `Result` of those whose error is shown in the page.
pub trait IntoOutputs {
    /// The outputs, in the order of the output components.
    fn into_outputs(self) -> Result<Vec<Output>, RunError>;
}

impl<T: IntoOutput> IntoOutputs for T {
    fn into_outputs(self) -> Result<Vec<Output>, RunError> {
        Ok(vec![self.into_output()])
    }
}

impl IntoOutputs for () {
    fn into_outputs(self) -> Result<Vec<Output>, RunError> {
        Ok(Vec::new())
    }
}

impl IntoOutputs for Vec<Output> {
    fn into_outputs(self) -> Result<Vec<Output>, RunError> {
        Ok(self)
    }
}

impl<T: IntoOutputs, E: std::fmt::Display> IntoOutputs for Result<T, E> {
    fn into_outputs(self) -> Result<Vec<Output>, RunError> {
        self.map_err(|e| RunError::Handler(e.to_string()))?
            .into_outputs()
    }
}

macro_rules! tuple_outputs {
    ($($t:ident),+) => {
        impl<$($t: IntoOutput),+> IntoOutputs for ($($t,)+) {
            #[allow(non_snake_case)]
            fn into_outputs(self) -> Result<Vec<Output>, RunError> {
                let ($($t,)+) = self;
                Ok(vec![$($t.into_output()),+])
            }
        }
    };
}

tuple_outputs!(A, B);
tuple_outputs!(A, B, C);
tuple_outputs!(A, B, C, D);
tuple_outputs!(A, B, C, D, E);
tuple_outputs!(A, B, C, D, E, F);
tuple_outputs!(A, B, C, D, E, F, G);
tuple_outputs!(A, B, C, D, E, F, G, H);
