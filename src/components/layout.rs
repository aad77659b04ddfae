//! Layouts: [`Row`], [`Column`] and [`Group`] arrange the components added inside them.

use crate::runtime::Props;

use super::{common_setters, Common, Component, Node};

/// Lays its children out side by side, wrapping when narrow: Gradio's `gr.Row`.
///
/// Use it with [`Blocks::row`](crate::Blocks::row) or [`Blocks::row_with`](crate::Blocks::row_with).
///
/// # Example
///
/// ```
/// use ferry_ui::prelude::*;
///
/// let app = Blocks::new(|b| {
///     b.row_with(Row::new().equal_height(true), |r| {
///         r.add(Button::new("Left").scale(2));
///         r.add(Button::new("Right"));
///     });
/// });
/// # let page = ferry_ui::testing::render(&app);
/// # assert!(page.contains("\"row\""));
/// ```
#[must_use = "a layout does nothing until used with `Blocks::row_with`"]
#[derive(Default)]
pub struct Row {
    equal_height: bool,
    common: Common,
}

impl Row {
    /// A row.
    pub fn new() -> Self {
        Row::default()
    }

    /// Makes every child as tall as the tallest. Defaults to `false`.
    #[must_use = "a setter returns the changed component"]
    pub fn equal_height(mut self, equal_height: bool) -> Self {
        self.equal_height = equal_height;
        self
    }

    common_setters!();
}

impl Component for Row {
    const TYPE: &'static str = "row";

    /// A layout: left out of Gradio's API.
    fn gradio_api() -> crate::gradio::GradioApi {
        crate::gradio::GradioApi::layout("row", "Row")
    }

    fn into_node(self) -> Node {
        Node::new::<Self>(&self.common)
            .prop("equal_height", self.equal_height)
            .layout()
    }

    fn first_paint(props: &Props, children: &str) -> Option<String> {
        let mut class = variant_class(props);
        if props.get("equal_height") == Some(&serde_json::Value::Bool(true)) {
            class.push_str(" ferry-equal-height");
        }
        Some(super::first_paint_outer(
            Self::TYPE,
            props,
            &class,
            children,
        ))
    }
}

/// Stacks its children vertically: Gradio's `gr.Column`.
///
/// Use it with [`Blocks::column`](crate::Blocks::column) or
/// [`Blocks::column_with`](crate::Blocks::column_with).
///
/// # Example
///
/// ```
/// use ferry_ui::prelude::*;
///
/// let app = Blocks::new(|b| {
///     b.row(|r| {
///         r.column_with(Column::new().scale(2), |c| {
///             c.add(Markdown::new("Left column"));
///         });
///         r.column(|c| {
///             c.add(Markdown::new("Right column"));
///         });
///     });
/// });
/// # let page = ferry_ui::testing::render(&app);
/// # assert!(page.contains("Right column"));
/// ```
#[must_use = "a layout does nothing until used with `Blocks::column_with`"]
#[derive(Default)]
pub struct Column {
    common: Common,
}

impl Column {
    /// A column.
    pub fn new() -> Self {
        Column::default()
    }

    common_setters!();
}

impl Component for Column {
    const TYPE: &'static str = "column";

    /// A layout: left out of Gradio's API.
    fn gradio_api() -> crate::gradio::GradioApi {
        crate::gradio::GradioApi::layout("column", "Column")
    }

    fn into_node(self) -> Node {
        let mut node = Node::new::<Self>(&self.common);
        node.children = Some(Vec::new());
        node
    }

    fn first_paint(props: &Props, children: &str) -> Option<String> {
        let class = variant_class(props);
        Some(super::first_paint_outer(
            Self::TYPE,
            props,
            &class,
            children,
        ))
    }
}

/// `ferry-variant-default`, `-panel` or `-compact`, as the front end's rows and columns.
fn variant_class(props: &Props) -> String {
    let variant = props
        .get("variant")
        .and_then(serde_json::Value::as_str)
        .filter(|v| matches!(*v, "panel" | "compact"))
        .unwrap_or("default");
    format!("ferry-variant-{variant}")
}

/// Groups its children in one panel with no gap between them: Gradio's `gr.Group`.
///
/// # Example
///
/// ```
/// use ferry_ui::prelude::*;
///
/// let app = Blocks::new(|b| {
///     b.group(|g| {
///         g.add(Textbox::new("First name"));
///         g.add(Textbox::new("Last name"));
///     });
/// });
/// # let page = ferry_ui::testing::render(&app);
/// # assert!(page.contains("\"group\""));
/// ```
#[must_use = "a layout does nothing until used with `Blocks::group_with`"]
#[derive(Default)]
pub struct Group {
    common: Common,
}

impl Group {
    /// A group.
    pub fn new() -> Self {
        Group::default()
    }

    common_setters!();
}

impl Component for Group {
    const TYPE: &'static str = "group";

    /// A layout: left out of Gradio's API.
    fn gradio_api() -> crate::gradio::GradioApi {
        crate::gradio::GradioApi::layout("group", "Group")
    }

    fn into_node(self) -> Node {
        let mut node = Node::new::<Self>(&self.common);
        node.children = Some(Vec::new());
        node
    }

    fn first_paint(props: &Props, children: &str) -> Option<String> {
        Some(super::first_paint_outer(Self::TYPE, props, "", children))
    }
}

/// A titled section the user opens and closes: Gradio's `gr.Accordion`, Streamlit's
/// `st.expander`.
///
/// Use it with [`Blocks::accordion`](crate::Blocks::accordion) (or
/// [`Ui::expander`](crate::script::Ui::expander) in a script).
///
/// # Example
///
/// ```
/// use ferry_ui::prelude::*;
///
/// let app = Blocks::new(|b| {
///     b.accordion(Accordion::new("Details").open(false), |a| {
///         a.markdown("Shown when opened.");
///     });
/// });
/// # let page = ferry_ui::testing::render(&app);
/// # assert!(page.contains("Details"));
/// ```
#[must_use = "a layout does nothing until used with `Blocks::accordion`"]
pub struct Accordion {
    label: String,
    open: bool,
    common: Common,
}

impl Accordion {
    /// An open section with this title.
    pub fn new(label: impl Into<String>) -> Self {
        Accordion {
            label: label.into(),
            open: true,
            common: Common::default(),
        }
    }

    /// With `false` the section starts closed. Defaults to `true`, as in Gradio (a script's
    /// [`expander`](crate::script::Ui::expander) starts closed, as in Streamlit).
    #[must_use = "a setter returns the changed component"]
    pub fn open(mut self, open: bool) -> Self {
        self.open = open;
        self
    }

    common_setters!();
}

impl Component for Accordion {
    const TYPE: &'static str = "accordion";

    /// A layout: left out of Gradio's API.
    fn gradio_api() -> crate::gradio::GradioApi {
        crate::gradio::GradioApi::layout("accordion", "Accordion")
    }

    fn into_node(self) -> Node {
        Node::new::<Self>(&self.common)
            .prop("label", self.label)
            .prop("open", self.open)
            .layout()
    }

    fn first_paint(props: &Props, children: &str) -> Option<String> {
        let open = if props.get("open") == Some(&serde_json::Value::Bool(false)) {
            ""
        } else {
            " open"
        };
        let label = super::prop_text(props, "label", "");
        let inner = format!(
            "<details class=\"ferry-accordion-box\"{open}><summary class=\"ferry-accordion-label\">{}</summary>\
             <div class=\"ferry-accordion-body\">{children}</div></details>",
            super::first_paint::escape(label)
        );
        Some(super::first_paint_outer(Self::TYPE, props, "", &inner))
    }
}
