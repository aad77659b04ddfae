//! What a handler returns: one output per output component, checked against the components'
//! types at compile time.
//!
//! [`OutputFor<C>`] says that a value can be shown by a component of type `C` (a `String` by a
//! `Textbox`, a `PathBuf` by a `DownloadButton`, each component's own update type by it).
//! [`IntoOutputsFor<O>`] lifts that to the whole list of outputs `O` of an event: one value, a
//! tuple with one value per output, `()`, or a `Result` of those. Returning a `TextboxUpdate` for a
//! `DownloadButton` output, or two values for three outputs, does not compile:
//!
//! ```compile_fail,E0277
//! use ferry_ui::prelude::*;
//! Blocks::new(|b| {
//!     let go = b.add(Button::new("Go"));
//!     let save = b.add(DownloadButton::new("Save"));
//!     b.on(go.click(), (), save, || Textbox::update().value("no"));
//! });
//! ```
//!
//! ```compile_fail,E0277
//! use ferry_ui::prelude::*;
//! Blocks::new(|b| {
//!     let go = b.add(Button::new("Go"));
//!     let (a, c) = (b.add(Textbox::new("a")), b.add(Textbox::new("c")));
//!     b.on(go.click(), (), (a, c, go), || ("one", "two"));
//! });
//! ```

use serde_json::{Map, Value};

use crate::components::Handle;
use crate::files::FileSource;

use super::RunError;

/// A new value for a component, before the component turns it into props.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub enum OutValue {
    /// Text: a text field's value, Markdown, a button's label, or a download button's path or URL.
    Text(String),
    /// A file for a download button.
    File(FileSource),
    /// Any JSON value, for components written outside Ferry.
    Json(Value),
    /// No value: clears a download button, empties a text field.
    Null,
    /// A file the page downloads at once, leaving the component's value as it is: what
    /// [`download`](crate::files::deferred::download) returns for a download button.
    Download(FileSource),
}

impl OutValue {
    /// What kind of value this is, for error messages: "text", "a file", "JSON", "an empty value".
    pub fn kind(&self) -> &'static str {
        match self {
            OutValue::Text(_) => "text",
            OutValue::File(_) => "a file",
            OutValue::Json(_) => "JSON",
            OutValue::Null => "an empty value",
            OutValue::Download(_) => "a download",
        }
    }
}

/// New properties for one component: built by the components' `update()` functions.
#[derive(Clone, Debug)]
pub struct Update {
    pub(crate) wire_type: &'static str,
    pub(crate) props: Map<String, Value>,
    pub(crate) value: Option<OutValue>,
    /// A new icon for a button: checked, and an image file published for the session, when
    /// the update is applied.
    pub(crate) icon: Option<crate::components::Icon>,
}

impl Update {
    /// An empty update for a component of this wire type.
    pub fn new(wire_type: &'static str) -> Self {
        Update {
            wire_type,
            props: Map::new(),
            value: None,
            icon: None,
        }
    }

    /// Sets a prop to a JSON value, as the page will receive it.
    pub fn set(&mut self, name: &str, value: impl Into<Value>) {
        self.props.insert(name.to_owned(), value.into());
    }

    /// Sets the component's value; the component turns it into props.
    pub fn set_value(&mut self, value: OutValue) {
        self.value = Some(value);
    }

    pub(crate) fn set_text(&mut self, text: String) {
        self.set_value(OutValue::Text(text));
    }

    pub(crate) fn set_file(&mut self, file: FileSource) {
        self.set_value(OutValue::File(file));
    }

    pub(crate) fn set_null_value(&mut self) {
        self.set_value(OutValue::Null);
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
    /// Props as they are, without the component's conversion ([`Raw`]).
    Raw(Map<String, Value>),
}

/// Props sent to the page as they are, without the component's own conversion: Gradio's
/// `postprocess=False`. The value is a JSON object of props as the page receives them
/// (`docs/protocol.md`), such as `{"value": "text", "label": "Name"}`; the server holds them for
/// the session as it holds any other update, so `visible` and `interactive` are enforced as
/// always, and each component may still vet them (a Markdown sanitises raw `html`). Every
/// component takes it; anything but an object is an error shown in the page.
/// Its counterpart for inputs (Gradio's `preprocess=False`) is a `serde_json::Value` argument,
/// which every component with a value gives as the page sent it.
///
/// ```
/// use ferry_ui::prelude::*;
/// use ferry_ui::Raw;
/// use serde_json::json;
///
/// let app = Blocks::new(|b| {
///     let text = b.add(Textbox::new("Text"));
///     let echo = b.add(Textbox::new("Echo"));
///     // The raw value in, raw props out.
///     b.on(text.submit(), text, echo, |raw: serde_json::Value| {
///         Raw(json!({ "value": raw, "label": "Echo (raw)" }))
///     });
/// });
/// # let page = ferry_ui::testing::render(&app);
/// # assert!(page.contains("Echo"));
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct Raw(pub Value);

impl<C> OutputFor<C> for Raw {
    fn into_output(self) -> Result<Output, RunError> {
        match self.0 {
            Value::Object(props) => Ok(Output::Raw(props)),
            other => Err(RunError::Output(format!(
                "a Raw output must be a JSON object of props, not {}",
                crate::events::value_kind(&other)
            ))),
        }
    }
}

/// Leaves an output component as it is: return it in a tuple where nothing changes.
#[derive(Clone, Copy, Debug, Default)]
pub struct NoChange;

/// A value that a component of type `C` can show, returned by a handler for a `C` output.
///
/// Each component implements it for what it takes: `String` for a
/// [`Textbox`](crate::components::Textbox), a path or [`FileSource`] for a
/// [`DownloadButton`](crate::components::DownloadButton), its own update type for each. Every
/// component takes [`NoChange`], an [`Output`] (checked when the app runs), `Option<T>` (`None`
/// clears the value) and `Result<T, E>` (the error is shown in the page).
pub trait OutputFor<C> {
    /// The output, or the error to show.
    fn into_output(self) -> Result<Output, RunError>;
}

impl<C> OutputFor<C> for NoChange {
    fn into_output(self) -> Result<Output, RunError> {
        Ok(Output::NoChange)
    }
}

impl<C> OutputFor<C> for Output {
    fn into_output(self) -> Result<Output, RunError> {
        Ok(self)
    }
}

impl<C, T: OutputFor<C>> OutputFor<C> for Option<T> {
    fn into_output(self) -> Result<Output, RunError> {
        match self {
            Some(value) => value.into_output(),
            None => Ok(Output::Value(OutValue::Null)),
        }
    }
}

impl<C, T: OutputFor<C>, E: std::fmt::Display + 'static> OutputFor<C> for Result<T, E> {
    fn into_output(self) -> Result<Output, RunError> {
        self.map_err(RunError::from_handler_error)?.into_output()
    }
}

/// What a handler returns for the output list `O` of its event: `()` for none, one value for one
/// output, a tuple for several, or a `Result` of those whose error is shown in the page.
pub trait IntoOutputs<O> {
    /// The outputs, in the order of the output components.
    fn into_outputs(self) -> Result<Vec<Output>, RunError>;
}

impl IntoOutputs<()> for () {
    fn into_outputs(self) -> Result<Vec<Output>, RunError> {
        Ok(Vec::new())
    }
}

impl<E: std::fmt::Display + 'static> IntoOutputs<()> for Result<(), E> {
    fn into_outputs(self) -> Result<Vec<Output>, RunError> {
        self.map_err(RunError::from_handler_error)?;
        Ok(Vec::new())
    }
}

impl<C, T: OutputFor<C>> IntoOutputs<Handle<C>> for T {
    fn into_outputs(self) -> Result<Vec<Output>, RunError> {
        Ok(vec![self.into_output()?])
    }
}

macro_rules! tuple_outputs {
    ($($t:ident $c:ident),+) => {
        impl<$($t: OutputFor<$c>, $c),+> IntoOutputs<($(Handle<$c>,)+)> for ($($t,)+) {
            #[allow(non_snake_case)]
            fn into_outputs(self) -> Result<Vec<Output>, RunError> {
                let ($($t,)+) = self;
                Ok(vec![$($t.into_output()?),+])
            }
        }

        impl<$($t: OutputFor<$c>, $c,)+ Err: std::fmt::Display + 'static>
            IntoOutputs<($(Handle<$c>,)+)> for Result<($($t,)+), Err>
        {
            fn into_outputs(self) -> Result<Vec<Output>, RunError> {
                self.map_err(RunError::from_handler_error)?.into_outputs()
            }
        }
    };
}

tuple_outputs!(A CA);
tuple_outputs!(A CA, B CB);
tuple_outputs!(A CA, B CB, C CC);
tuple_outputs!(A CA, B CB, C CC, D CD);
tuple_outputs!(A CA, B CB, C CC, D CD, E CE);
tuple_outputs!(A CA, B CB, C CC, D CD, E CE, F CF);
tuple_outputs!(A CA, B CB, C CC, D CD, E CE, F CF, G CG);
tuple_outputs!(A CA, B CB, C CC, D CD, E CE, F CF, G CG, H CH);

/// Implements `OutputFor<$component>` for a component's update type, and `From` it for
/// [`Output`], so that the update can be returned for that component and nothing else.
macro_rules! update_output {
    ($update:ty => $component:ty) => {
        impl $crate::events::OutputFor<$component> for $update {
            fn into_output(self) -> Result<$crate::events::Output, $crate::events::RunError> {
                Ok($crate::events::Output::Update(self.0))
            }
        }

        impl From<$update> for $crate::events::Output {
            fn from(update: $update) -> Self {
                $crate::events::Output::Update(update.0)
            }
        }
    };
}

pub(crate) use update_output;

/// Implements `OutputFor<$component>` for text types, as a [`OutValue::Text`].
macro_rules! text_output {
    ($component:ty) => {
        impl $crate::events::OutputFor<$component> for String {
            fn into_output(self) -> Result<$crate::events::Output, $crate::events::RunError> {
                Ok($crate::events::Output::Value(
                    $crate::events::OutValue::Text(self),
                ))
            }
        }

        impl $crate::events::OutputFor<$component> for &str {
            fn into_output(self) -> Result<$crate::events::Output, $crate::events::RunError> {
                Ok($crate::events::Output::Value(
                    $crate::events::OutValue::Text(self.to_owned()),
                ))
            }
        }
    };
}

pub(crate) use text_output;
