//! [`Node`]: what a component builder becomes once added to a page.

use std::sync::Arc;

use serde_json::{Map, Value};

use crate::events::ErasedHandler;
use crate::files::FileSource;

use super::component::{behaviour_of, Behaviour};
use super::icon::{ButtonIcon, Icon};
use super::timer::Every;
use super::Component;

/// A component as the page holds it: its behaviour, props and value. Made by
/// [`Component::into_node`] with [`Node::of`].
pub struct Node {
    pub(crate) behaviour: Arc<dyn Behaviour>,
    pub(crate) props: Map<String, Value>,
    pub(crate) value: ValueSpec,
    pub(crate) icon: Option<Icon>,
    /// A script app's click callback ([`OnClick::call`](super::OnClick::call)).
    pub(crate) on_click: Option<super::button_options::ClickCallback>,
    pub(crate) render: bool,
    pub(crate) children: Option<Vec<usize>>,
}

impl Node {
    /// The node of a component of type `C`, with the props every component has at their
    /// defaults (visible, no `elem_id`, no classes, no key, no scale, no minimum width).
    pub fn of<C: Component>() -> Self {
        Node::new::<C>(&super::Common::default())
    }

    pub(crate) fn new<C: Component>(common: &super::Common) -> Self {
        let mut props = Map::new();
        common.write(&mut props);
        Node {
            behaviour: behaviour_of::<C>(),
            props,
            value: ValueSpec::None,
            icon: None,
            on_click: None,
            render: common.render,
            children: None,
        }
    }

    /// Sets a prop, as the page will receive it.
    #[must_use = "a setter returns the changed node"]
    pub fn prop(mut self, name: &str, value: impl Into<Value>) -> Self {
        self.props.insert(name.to_owned(), value.into());
        self
    }

    /// The component's wire type.
    pub fn wire_type(&self) -> &'static str {
        self.behaviour.wire_type()
    }

    /// Sets a button's `icon` and `icon_position` props. An icon the page draws by itself goes
    /// in the props now; a path is published when the page is first served, and an icon that
    /// is not one is reported where the page is declared (both from `self.icon`).
    pub(crate) fn button_icon(mut self, icon: ButtonIcon) -> Self {
        let wire = icon.icon.as_ref().and_then(Icon::wire);
        self = self
            .prop("icon", wire.unwrap_or(Value::Null))
            .prop("icon_position", icon.position.as_str());
        self.icon = icon.icon;
        self
    }

    /// Makes the node a layout: one that holds children.
    pub(crate) fn layout(mut self) -> Self {
        self.children = Some(Vec::new());
        self
    }
}

/// Where a component's value comes from.
pub(crate) enum ValueSpec {
    /// No value beyond the props.
    None,
    /// A file handed over at start-up, shared by every session.
    File(FileSource),
    /// A value declared with the page that the component turns into props itself
    /// ([`Component::value_props`]): once at start-up for a Blocks page (its files shared by
    /// every session), at each rerun for a script.
    Value(crate::events::OutValue),
    /// A function run for each session at load, on a timer, or when its inputs change.
    Function {
        /// The function.
        handler: ErasedHandler,
        /// How many inputs it takes.
        arity: usize,
        /// Where the function was set, for start-up errors.
        declared_at: &'static std::panic::Location<'static>,
        /// Reruns on this timer.
        every: Option<Every>,
        /// The components whose values it takes, and whose changes rerun it.
        inputs: Vec<usize>,
    },
    /// A file made when the button is clicked ([`FileSource::deferred`]).
    Deferred {
        /// The deferred source.
        source: FileSource,
        /// Where it was set, for start-up errors.
        declared_at: &'static std::panic::Location<'static>,
        /// The components whose values its function takes.
        inputs: Vec<usize>,
    },
}
