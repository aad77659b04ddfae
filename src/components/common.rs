//! Properties every component shares: visibility, DOM identity, layout hints.

use serde_json::{Map, Value};

/// Whether a component is shown.
///
/// `Hidden` keeps the component in the DOM with `display: none` (Gradio's `visible="hidden"`),
/// `Removed` does not render it at all (Gradio's `visible=False`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Visibility {
    /// Rendered and shown. The default.
    #[default]
    Visible,
    /// Rendered into the DOM but not displayed.
    Hidden,
    /// Not rendered.
    Removed,
}

impl From<bool> for Visibility {
    fn from(visible: bool) -> Self {
        if visible {
            Visibility::Visible
        } else {
            Visibility::Removed
        }
    }
}

impl Visibility {
    /// The wire form: `true`, `"hidden"` or `false`.
    pub(crate) fn to_json(self) -> Value {
        match self {
            Visibility::Visible => Value::Bool(true),
            Visibility::Hidden => Value::from("hidden"),
            Visibility::Removed => Value::Bool(false),
        }
    }
}

/// The style of a button: Gradio's `variant`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Variant {
    /// The main call to action.
    Primary,
    /// A more subdued style. The default.
    #[default]
    Secondary,
    /// A stop or destructive action.
    Stop,
    /// No border and no background, like a link: Streamlit's `type="tertiary"`.
    Tertiary,
}

impl Variant {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Variant::Primary => "primary",
            Variant::Secondary => "secondary",
            Variant::Stop => "stop",
            Variant::Tertiary => "tertiary",
        }
    }
}

/// The size of a button: Gradio's `size`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Size {
    /// Small.
    Sm,
    /// Medium.
    Md,
    /// Large. The default.
    #[default]
    Lg,
}

impl Size {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Size::Sm => "sm",
            Size::Md => "md",
            Size::Lg => "lg",
        }
    }
}

/// The properties shared by every component.
#[derive(Clone, Debug)]
pub(crate) struct Common {
    pub visible: Visibility,
    pub elem_id: Option<String>,
    pub elem_classes: Vec<String>,
    pub key: Option<String>,
    pub scale: Option<u32>,
    pub min_width: Option<u32>,
    pub render: bool,
}

impl Default for Common {
    fn default() -> Self {
        Common {
            visible: Visibility::Visible,
            elem_id: None,
            elem_classes: Vec::new(),
            key: None,
            scale: None,
            min_width: None,
            render: true,
        }
    }
}

impl Common {
    /// Writes the shared properties into a component's wire props.
    pub fn write(&self, props: &mut Map<String, Value>) {
        props.insert("visible".into(), self.visible.to_json());
        props.insert("elem_id".into(), self.elem_id.clone().into());
        props.insert("elem_classes".into(), self.elem_classes.clone().into());
        props.insert("key".into(), self.key.clone().into());
        props.insert("scale".into(), self.scale.into());
        props.insert("min_width".into(), self.min_width.into());
    }
}

/// Something that can name CSS classes: a single string (split on whitespace) or a list.
pub trait IntoClasses {
    /// The class names.
    fn into_classes(self) -> Vec<String>;
}

impl IntoClasses for &str {
    fn into_classes(self) -> Vec<String> {
        self.split_whitespace().map(str::to_owned).collect()
    }
}

impl IntoClasses for String {
    fn into_classes(self) -> Vec<String> {
        self.as_str().into_classes()
    }
}

impl<S: Into<String>, const N: usize> IntoClasses for [S; N] {
    fn into_classes(self) -> Vec<String> {
        self.into_iter().map(Into::into).collect()
    }
}

impl<S: Into<String>> IntoClasses for Vec<S> {
    fn into_classes(self) -> Vec<String> {
        self.into_iter().map(Into::into).collect()
    }
}

/// A key that identifies a component across re-renders: an integer or a string.
pub trait IntoKey {
    /// The key as a string.
    fn into_key(self) -> String;
}

impl IntoKey for &str {
    fn into_key(self) -> String {
        self.to_owned()
    }
}

impl IntoKey for String {
    fn into_key(self) -> String {
        self
    }
}

impl IntoKey for i64 {
    fn into_key(self) -> String {
        self.to_string()
    }
}

impl IntoKey for i32 {
    fn into_key(self) -> String {
        self.to_string()
    }
}

impl IntoKey for u32 {
    fn into_key(self) -> String {
        self.to_string()
    }
}

/// Generates the setters every component shares, documented once.
macro_rules! common_setters {
    () => {
        /// Shows or hides the component: `true`, `false` (not rendered) or
        /// [`Visibility::Hidden`](crate::components::Visibility::Hidden) (in the DOM, not displayed).
        /// Defaults to visible.
        #[must_use = "a setter returns the changed component"]
        pub fn visible(mut self, visible: impl Into<$crate::components::Visibility>) -> Self {
            self.common.visible = visible.into();
            self
        }

        /// Sets the DOM `id` of the component's outermost element. Defaults to none.
        #[must_use = "a setter returns the changed component"]
        pub fn elem_id(mut self, elem_id: impl Into<String>) -> Self {
            self.common.elem_id = Some(elem_id.into());
            self
        }

        /// Adds CSS classes to the component's outermost element. Defaults to none.
        #[must_use = "a setter returns the changed component"]
        pub fn elem_classes(mut self, classes: impl $crate::components::IntoClasses) -> Self {
            self.common.elem_classes = classes.into_classes();
            self
        }

        /// Sets the key that identifies the component across re-renders. Defaults to none.
        #[must_use = "a setter returns the changed component"]
        pub fn key(mut self, key: impl $crate::components::IntoKey) -> Self {
            self.common.key = Some(key.into_key());
            self
        }

        /// Sets the relative width in a row: with scale 2 beside scale 1, it is twice as wide.
        /// Defaults to 1 in a row.
        #[must_use = "a setter returns the changed component"]
        pub fn scale(mut self, scale: u32) -> Self {
            self.common.scale = Some(scale);
            self
        }

        /// Sets the minimum width in pixels; the row wraps rather than go narrower.
        /// Defaults to 160.
        #[must_use = "a setter returns the changed component"]
        pub fn min_width(mut self, min_width: u32) -> Self {
            self.common.min_width = Some(min_width);
            self
        }

        /// With `false`, [`Blocks::add`](crate::Blocks::add) registers the component without
        /// placing it; place it later with [`Blocks::render`](crate::Blocks::render).
        /// Defaults to `true`.
        #[must_use = "a setter returns the changed component"]
        pub fn render(mut self, render: bool) -> Self {
            self.common.render = render;
            self
        }
    };
}

pub(crate) use common_setters;

/// Generates the update setters every component shares.
macro_rules! update_setters {
    () => {
        /// Shows, hides (`Visibility::Hidden`) or removes (`false`) the component.
        #[must_use = "a setter returns the changed update"]
        pub fn visible(mut self, visible: impl Into<$crate::components::Visibility>) -> Self {
            self.0.set("visible", visible.into().to_json());
            self
        }

        /// Replaces the component's extra CSS classes.
        #[must_use = "a setter returns the changed update"]
        pub fn elem_classes(mut self, classes: impl $crate::components::IntoClasses) -> Self {
            self.0.set("elem_classes", classes.into_classes());
            self
        }

        /// Changes the relative width in a row.
        #[must_use = "a setter returns the changed update"]
        pub fn scale(mut self, scale: u32) -> Self {
            self.0.set("scale", scale);
            self
        }

        /// Changes the minimum width in pixels.
        #[must_use = "a setter returns the changed update"]
        pub fn min_width(mut self, min_width: u32) -> Self {
            self.0.set("min_width", min_width);
            self
        }
    };
}

pub(crate) use update_setters;

/// Generates the appearance setters of button-like components (`variant`, `size`, `icon`,
/// `icon_position`), which have the fields `variant`, `size` and `icon` (a `ButtonIcon`).
macro_rules! button_setters {
    () => {
        /// Sets the style: primary, secondary, stop or tertiary. Defaults to
        /// [`Variant::Secondary`].
        #[must_use = "a setter returns the changed component"]
        pub fn variant(mut self, variant: $crate::components::Variant) -> Self {
            self.variant = variant;
            self
        }

        /// Sets the size: sm, md or lg. Defaults to [`Size::Lg`].
        #[must_use = "a setter returns the changed component"]
        pub fn size(mut self, size: $crate::components::Size) -> Self {
            self.size = size;
            self
        }

        /// Shows an icon beside the label: one emoji (`"🔥"`), a Material Symbol
        /// (`":material/download:"`), `"spinner"`, an image URL, or a path to an image file
        /// (served by Ferry). See [`Icon`](crate::components::Icon)
        /// for how text is read; an icon that is not one is reported where the page is
        /// declared. Defaults to none.
        #[must_use = "a setter returns the changed component"]
        pub fn icon(mut self, icon: impl Into<$crate::components::Icon>) -> Self {
            self.icon.icon = Some(icon.into());
            self
        }

        /// Sets the side of the label the icon is on: Streamlit's `icon_position`. Defaults to
        /// [`IconPosition::Left`](crate::components::IconPosition::Left).
        #[must_use = "a setter returns the changed component"]
        pub fn icon_position(mut self, position: $crate::components::IconPosition) -> Self {
            self.icon.position = position;
            self
        }
    };
}

/// Generates the update setters of button-like components: `variant`, `size`, `interactive`,
/// `icon_position`.
macro_rules! button_update_setters {
    () => {
        /// Changes the icon: an emoji, `:material/name:`, `spinner`, an image URL or an image
        /// file (served for this session alone, and only under the app's allowed paths). An
        /// icon that is not one is an error shown under the button.
        #[must_use = "a setter returns the changed update"]
        pub fn icon(mut self, icon: impl Into<$crate::components::Icon>) -> Self {
            self.0.icon = Some(icon.into());
            self
        }

        /// Removes the icon.
        #[must_use = "a setter returns the changed update"]
        pub fn no_icon(mut self) -> Self {
            self.0.icon = None;
            self.0.set("icon", serde_json::Value::Null);
            self
        }

        /// Moves the icon to this side of the label.
        #[must_use = "a setter returns the changed update"]
        pub fn icon_position(mut self, position: $crate::components::IconPosition) -> Self {
            self.0.set("icon_position", position.as_str());
            self
        }

        /// Changes the style.
        #[must_use = "a setter returns the changed update"]
        pub fn variant(mut self, variant: $crate::components::Variant) -> Self {
            self.0.set("variant", variant.as_str());
            self
        }

        /// Changes the size.
        #[must_use = "a setter returns the changed update"]
        pub fn size(mut self, size: $crate::components::Size) -> Self {
            self.0.set("size", size.as_str());
            self
        }

        /// Enables or disables the button.
        #[must_use = "a setter returns the changed update"]
        pub fn interactive(mut self, interactive: bool) -> Self {
            self.0.set("interactive", interactive);
            self
        }
    };
}

pub(crate) use {button_setters, button_update_setters};
