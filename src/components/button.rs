//! [`Button`]: a clickable button that runs a handler.

use serde_json::Value;

use crate::events::{InputContext, InputOf, Update};

use super::{
    button_option_setters, button_setters, button_update_setters, common_setters, update_setters,
    ButtonIcon, ButtonOptions, Common, Component, Handle, HeldProps, Node, Size, Trigger, Variant,
};

/// A button that runs handlers when clicked: Gradio's `gr.Button`.
///
/// # Methods
///
/// - Constructors: [`new`](Self::new)
/// - Content: [`link`](Self::link)
/// - Appearance: [`variant`](Self::variant), [`size`](Self::size), [`icon`](Self::icon),
///   [`interactive`](Self::interactive), [`visible`](Self::visible), [`scale`](Self::scale),
///   [`min_width`](Self::min_width), [`elem_id`](Self::elem_id),
///   [`elem_classes`](Self::elem_classes), [`render`](Self::render), [`key`](Self::key)
/// - Events: [`Handle::click`](Handle::click)
///
/// # Example
///
/// ```
/// use ferry_ui::prelude::*;
///
/// let app = Blocks::new(|b| {
///     let name = b.add(Textbox::new("Name"));
///     let greeting = b.add(Textbox::new("Greeting"));
///     let go = b.add(Button::new("Greet").variant(Variant::Primary));
///     b.on(go.click(), name, greeting, |name: String| format!("Hello, {name}!"));
/// });
/// # let page = ferry_ui::testing::render(&app);
/// # assert!(page.contains("Greet"));
/// ```
#[must_use = "a component does nothing until added to a page with `Blocks::add`"]
pub struct Button {
    label: String,
    variant: Variant,
    size: Size,
    icon: ButtonIcon,
    interactive: bool,
    link: Option<String>,
    options: ButtonOptions,
    common: Common,
}

impl Button {
    /// A button with this label.
    pub fn new(label: impl Into<String>) -> Self {
        Button {
            label: label.into(),
            variant: Variant::Secondary,
            size: Size::Lg,
            icon: ButtonIcon::default(),
            interactive: true,
            link: None,
            options: ButtonOptions::default(),
            common: Common::default(),
        }
    }

    /// With `false` the button is disabled. Defaults to `true`.
    #[must_use = "a setter returns the changed component"]
    pub fn interactive(mut self, interactive: bool) -> Self {
        self.interactive = interactive;
        self
    }

    /// Opens this URL in a new tab when clicked. Defaults to none.
    #[must_use = "a setter returns the changed component"]
    pub fn link(mut self, link: impl Into<String>) -> Self {
        self.link = Some(link.into());
        self
    }

    button_setters!();

    button_option_setters!();

    common_setters!();

    /// An update for a button, returned by a handler to change its properties.
    pub fn update() -> ButtonUpdate {
        ButtonUpdate(Update::new(Self::TYPE))
    }
}

impl Component for Button {
    const TYPE: &'static str = "button";

    fn script_widget() -> Option<super::ScriptWidget> {
        Some(super::ScriptWidget {
            rerun_on: "click",
            has_value: false,
        })
    }

    /// Refuses clicks while hidden or disabled, and any click for `OnClick::Ignore`.
    fn check_event(event: &str, held: &HeldProps<'_>) -> Result<(), String> {
        super::button_options::check_click(Self::TYPE, event, held)
    }

    fn into_node(self) -> Node {
        let node = Node::new::<Self>(&self.common)
            .prop("value", self.label)
            .prop("variant", self.variant.as_str())
            .prop("size", self.size.as_str())
            .button_icon(self.icon)
            .prop("interactive", self.interactive)
            .prop("link", self.link);
        self.options.write(node)
    }

    fn first_paint(props: &crate::runtime::Props, _: &str) -> Option<String> {
        Some(super::first_paint_button_component(
            Self::TYPE,
            props,
            "value",
            "Run",
        ))
    }

    /// The label the server holds for the session.
    /// Gradio's `Button`: its label, a string.
    fn gradio_api() -> crate::gradio::GradioApi {
        crate::gradio::GradioApi::new("button", "Button")
            .schema(serde_json::json!({"type": "string"}))
            .python_type("str")
    }

    fn input_value(_page: Value, held: &HeldProps<'_>, _: &InputContext) -> Result<Value, String> {
        Ok(held.get("value").cloned().unwrap_or(Value::Null))
    }
}

impl InputOf<Button> for String {}
impl InputOf<Button> for Value {}
impl crate::events::DefaultInput for Button {
    type Input = String;
}
crate::events::text_output!(Button);
crate::events::update_output!(ButtonUpdate => Button);

impl Handle<Button> {
    /// Fires when the button is clicked.
    pub fn click(&self) -> Trigger {
        self.trigger("click")
    }
}

/// New properties for a [`Button`], returned by a handler.
#[must_use = "an update does nothing until a handler returns it"]
pub struct ButtonUpdate(pub(crate) Update);

impl ButtonUpdate {
    /// Changes the label.
    #[must_use = "a setter returns the changed update"]
    pub fn label(mut self, label: impl Into<String>) -> Self {
        self.0.set_text(label.into());
        self
    }

    button_update_setters!();

    update_setters!();
}
