//! What a component builder becomes once added to a page.

use std::path::PathBuf;

use serde_json::{Map, Value};

use crate::events::ErasedHandler;
use crate::files::FileSource;

use super::timer::Every;

/// A component type that can be added to a [`Blocks`](crate::Blocks) page.
pub trait Component {
    /// The wire type name, the same in Rust, TypeScript and the DOM's `data-testid`.
    const TYPE: &'static str;

    /// Turns the builder into the page's description of it.
    #[doc(hidden)]
    fn into_node(self) -> Node;
}

/// A component as the page holds it: its wire type, properties and value.
#[doc(hidden)]
pub struct Node {
    pub(crate) wire_type: &'static str,
    pub(crate) props: Map<String, Value>,
    pub(crate) value: ValueSpec,
    pub(crate) icon: Option<Icon>,
    pub(crate) render: bool,
    pub(crate) children: Option<Vec<usize>>,
}

impl Node {
    pub(crate) fn new(wire_type: &'static str, common: &super::Common) -> Self {
        let mut props = Map::new();
        common.write(&mut props);
        Node {
            wire_type,
            props,
            value: ValueSpec::None,
            icon: None,
            render: common.render,
            children: None,
        }
    }

    pub(crate) fn prop(mut self, name: &str, value: impl Into<Value>) -> Self {
        self.props.insert(name.to_owned(), value.into());
        self
    }
}

/// Where a component's value comes from.
#[doc(hidden)]
pub enum ValueSpec {
    /// No value beyond the props.
    None,
    /// A file handed over at start-up, shared by every session.
    File(FileSource),
    /// A function run for each session at load, on a timer, or when its inputs change.
    Function {
        /// The function.
        handler: ErasedHandler,
        /// How many inputs it takes.
        arity: usize,
        /// Reruns on this timer.
        every: Option<Every>,
        /// The components whose values it takes, and whose changes rerun it.
        inputs: Vec<usize>,
    },
}

/// An icon shown in a button: a file served by Ferry or a URL the browser loads.
#[derive(Clone, Debug)]
pub enum Icon {
    /// A file on disk, served inline by Ferry.
    Path(PathBuf),
    /// A URL (`http://…`, `https://…` or `data:image/…`), loaded by the browser.
    Url(String),
}

impl From<&str> for Icon {
    fn from(s: &str) -> Self {
        Icon::from(s.to_owned())
    }
}

impl From<String> for Icon {
    fn from(s: String) -> Self {
        if s.starts_with("http://") || s.starts_with("https://") || s.starts_with("data:image/") {
            Icon::Url(s)
        } else {
            Icon::Path(PathBuf::from(s))
        }
    }
}

impl From<PathBuf> for Icon {
    fn from(p: PathBuf) -> Self {
        Icon::Path(p)
    }
}

impl From<&std::path::Path> for Icon {
    fn from(p: &std::path::Path) -> Self {
        Icon::Path(p.to_owned())
    }
}
