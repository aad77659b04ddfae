//! [`Dataframe`]: a table shown in the page, sortable by its headers, with its CSV a click away.

mod cell;
mod json;
mod paint;
mod table;
mod update;

use serde_json::Value;

use crate::events::{InputContext, OutValue, RunError, Update};
use crate::files::FileSource;
use crate::runtime::Props;

use super::{common_setters, Common, Component, HeldProps, Node, OutputContext, ValueSpec, Width};

pub use cell::{Cell, Cells};
pub use json::{MAX_CLIENT_CELLS, MAX_CLIENT_COLUMNS};
pub use table::{Table, TableError};
pub use update::DataframeUpdate;

/// The name of the CSV unless [`Dataframe::download_name`] says otherwise.
const DEFAULT_DOWNLOAD_NAME: &str = "data.csv";

/// A table: Gradio's `gr.Dataframe` as an output, Streamlit's `st.dataframe`.
///
/// Its value is a [`Table`]: headers and rows of [`Cell`]s (numbers, text, booleans or
/// empty). The page shows it in a scroll area with a sticky header, numbers right-aligned in
/// tabular figures, text left-aligned; a click on a header (a button, so the keyboard works
/// too) sorts by that column, ascending, then descending, then back to the table's order
/// (numbers by value, text by the reader's locale, empty cells last). Under the table: its
/// size ("50 rows × 20 columns") and "Download as CSV", a native download of the CSV the
/// server wrote ([`Table::to_csv`]: RFC 4180, numbers as Rust formats them, text that a
/// spreadsheet would run as a formula prefixed with `'`), published for the session like
/// every Ferry file.
///
/// # Methods
///
/// - Constructors: [`new`](Self::new), [`from_rows`](Self::from_rows),
///   [`from_columns`](Self::from_columns), [`empty`](Self::empty)
/// - Content: [`value`](Self::value), [`label`](Self::label),
///   [`download_name`](Self::download_name)
/// - Appearance: [`height`](Self::height), [`width`](Self::width),
///   [`show_label`](Self::show_label), [`sortable`](Self::sortable),
///   [`show_download`](Self::show_download), [`visible`](Self::visible),
///   [`scale`](Self::scale), [`min_width`](Self::min_width), [`elem_id`](Self::elem_id),
///   [`elem_classes`](Self::elem_classes), [`render`](Self::render), [`key`](Self::key)
/// - Events: [`Handle::change`](super::Handle::change)
///
/// A handler shows a [`Table`], rows (`Vec<Vec<T>>` of any cell type, headers `1`, `2`, …) or
/// a [`DataframeUpdate`], and takes the table shown as a [`Table`], its rows
/// (`Vec<Vec<Cell>>`) or the raw JSON. The page cannot edit a table, so as an input its value
/// is the one the server holds for the session, whatever the page sends. Through Gradio's API
/// the value is `{"headers": […], "data": [[…]], "metadata": null}`, and a client may send
/// one of those as an input: at most [`MAX_CLIENT_COLUMNS`] columns and [`MAX_CLIENT_CELLS`]
/// cells, each a number, text, a boolean or `null`; anything else is refused with a message
/// that says what and where.
///
/// # Example
///
/// ```
/// use ferry_ui::prelude::*;
///
/// let app = Blocks::new(|b| {
///     let scores = b.add(
///         Dataframe::from_columns([
///             ("name", Cells::from(vec!["Ada", "Grace", "Alan"])),
///             ("score", Cells::from(vec![9.5, 8.25, 7.0])),
///         ])
///         .label("Scores")
///         .download_name("scores.csv"),
///     );
///     let best = b.add(Textbox::new("Best"));
///     let go = b.add(Button::new("Who is best?"));
///     b.on(go.click(), scores, best, |table: Table| {
///         let names = table.column("name").unwrap_or_default();
///         names.first().map(|cell| cell.to_string()).unwrap_or_default()
///     });
/// });
/// # let page = ferry_ui::testing::render(&app);
/// # assert!(page.contains("scores.csv"), "{page}");
/// # assert!(page.contains("\"headers\":[\"name\",\"score\"]"), "{page}");
/// ```
#[must_use = "a component does nothing until added to a page with `Blocks::add`"]
pub struct Dataframe {
    value: Option<Table>,
    label: Option<String>,
    show_label: bool,
    height: Option<u32>,
    width: Width,
    sortable: bool,
    show_download: bool,
    download_name: String,
    common: Common,
}

impl Dataframe {
    /// A dataframe showing `table` (a [`Table`], `&Table` or `Arc<Table>`).
    pub fn new(table: impl Into<Table>) -> Self {
        Dataframe::empty().value(table)
    }

    /// A dataframe with no table yet (a handler gives it one).
    pub fn empty() -> Self {
        Dataframe {
            value: None,
            label: None,
            show_label: true,
            height: None,
            width: Width::Stretch,
            sortable: true,
            show_download: true,
            download_name: DEFAULT_DOWNLOAD_NAME.to_owned(),
            common: Common::default(),
        }
    }

    /// A dataframe of `headers` and `rows` (each a `Vec` or an array of cells of one type:
    /// numbers, text, booleans, `Option`s of those, or [`Cell`]s).
    ///
    /// ```
    /// use ferry_ui::prelude::*;
    ///
    /// let table = Dataframe::from_rows(["x", "x²"], (1..=3).map(|x| [x, x * x]));
    /// # let _ = table;
    /// ```
    ///
    /// # Panics
    ///
    /// When a row is longer or shorter than the headers, naming the row, at your line.
    #[track_caller]
    pub fn from_rows<H, R, T>(headers: impl IntoIterator<Item = H>, rows: R) -> Self
    where
        H: Into<String>,
        R: IntoIterator,
        R::Item: IntoIterator<Item = T>,
        T: Into<Cell>,
    {
        match Table::try_from_rows(headers, rows) {
            Ok(table) => Dataframe::new(table),
            Err(error) => panic!("Dataframe::from_rows: {error}"),
        }
    }

    /// A dataframe of named columns of equal length, each a [`Cells`] of any cell type:
    /// `[("name", Cells::from(names)), ("score", Cells::from(scores))]`.
    ///
    /// # Panics
    ///
    /// When two columns have different lengths, naming both, at your line.
    #[track_caller]
    pub fn from_columns<H: Into<String>, C: Into<Cells>>(
        columns: impl IntoIterator<Item = (H, C)>,
    ) -> Self {
        match Table::try_from_columns(columns) {
            Ok(table) => Dataframe::new(table),
            Err(error) => panic!("Dataframe::from_columns: {error}"),
        }
    }

    /// Sets the table. Defaults to none.
    #[must_use = "a setter returns the changed component"]
    pub fn value(mut self, table: impl Into<Table>) -> Self {
        self.value = Some(table.into());
        self
    }

    /// Sets the label shown above the table; it also names the table for screen readers.
    /// Defaults to none.
    #[must_use = "a setter returns the changed component"]
    pub fn label(mut self, label: impl Into<String>) -> Self {
        self.label = Some(label.into());
        self
    }

    /// With `false` the label is not shown (it still names the table for screen readers).
    /// Defaults to `true`.
    #[must_use = "a setter returns the changed component"]
    pub fn show_label(mut self, show: bool) -> Self {
        self.show_label = show;
        self
    }

    /// Sets the most the table's scroll area may take, in pixels: a longer table scrolls,
    /// its header staying in view. Defaults to 400.
    #[must_use = "a setter returns the changed component"]
    pub fn height(mut self, px: u32) -> Self {
        self.height = Some(px);
        self
    }

    /// Sets the width: the column's ([`Width::Stretch`], the default, as Streamlit's), the
    /// table's own ([`Width::Content`]) or pixels. Never wider than the column: a wider table
    /// scrolls sideways.
    #[must_use = "a setter returns the changed component"]
    pub fn width(mut self, width: impl Into<Width>) -> Self {
        self.width = width.into();
        self
    }

    /// With `false` a click on a header does not sort. Defaults to `true`.
    #[must_use = "a setter returns the changed component"]
    pub fn sortable(mut self, sortable: bool) -> Self {
        self.sortable = sortable;
        self
    }

    /// With `false` there is no "Download as CSV" under the table. Defaults to `true`.
    #[must_use = "a setter returns the changed component"]
    pub fn show_download(mut self, show: bool) -> Self {
        self.show_download = show;
        self
    }

    /// Sets the name the CSV is saved under. Defaults to `data.csv`.
    #[must_use = "a setter returns the changed component"]
    pub fn download_name(mut self, name: impl Into<String>) -> Self {
        self.download_name = name.into();
        self
    }

    common_setters!();

    /// An update for a dataframe, returned by a handler to change its properties.
    pub fn update() -> DataframeUpdate {
        DataframeUpdate(Update::new(Self::TYPE))
    }
}

impl Component for Dataframe {
    const TYPE: &'static str = "dataframe";

    fn into_node(self) -> Node {
        let mut node = Node::new::<Self>(&self.common)
            .prop("value", Value::Null)
            .prop("csv", Value::Null)
            .prop("label", self.label)
            .prop("show_label", self.show_label)
            .prop("height", self.height)
            .prop("width", self.width.to_json())
            .prop("sortable", self.sortable)
            .prop("show_download", self.show_download)
            .prop("download_name", self.download_name);
        if let Some(table) = self.value {
            node.value = ValueSpec::Value(OutValue::Json(table.to_json()));
        }
        node
    }

    /// The CSV is published under `download_name`.
    fn output_props() -> &'static [&'static str] {
        &["download_name"]
    }

    /// Drawn by its own script, loaded only by pages that show a dataframe.
    fn script() -> Option<&'static str> {
        Some(include_str!("../../../assets/extras/dataframe.js"))
    }

    /// The table as a static table with the same classes, before the script has loaded.
    fn first_paint(props: &Props, _: &str) -> Option<String> {
        Some(super::first_paint_outer(
            Self::TYPE,
            props,
            "ferry-custom",
            &paint::inner(props),
        ))
    }

    /// The table (checked: headers, rows as long as them, plain cells) and its CSV, published
    /// for the session under `download_name`.
    async fn value_props(value: OutValue, cx: OutputContext) -> Result<Props, RunError> {
        let table = match value {
            OutValue::Null => {
                return Ok(Props::from_iter([
                    ("value".to_owned(), Value::Null),
                    ("csv".to_owned(), Value::Null),
                ]))
            }
            OutValue::Json(json) => Table::from_json(&json, false).map_err(|error| {
                RunError::Output(format!("a dataframe cannot show this: {error}"))
            })?,
            other => return Err(super::cannot_show(Self::TYPE, &other)),
        };
        let name = cx
            .prop("download_name")
            .and_then(Value::as_str)
            .filter(|name| !name.is_empty())
            .unwrap_or(DEFAULT_DOWNLOAD_NAME);
        let csv = FileSource::bytes(table.to_csv())
            .file_name(name)
            .mime_type("text/csv");
        let csv = cx.publish(&csv).await?;
        Ok(Props::from_iter([
            ("value".to_owned(), table.to_json()),
            ("csv".to_owned(), csv),
        ]))
    }

    /// The CSV is the server's own: raw props cannot name one, and a raw table comes without.
    fn raw_props(mut props: Props) -> Props {
        if props.contains_key("value") || props.contains_key("csv") {
            props.insert("csv".to_owned(), Value::Null);
        }
        props
    }

    /// The table the server holds: the page cannot edit one.
    fn input_value(_: Value, held: &HeldProps<'_>, _: &InputContext) -> Result<Value, String> {
        Ok(held.get("value").cloned().unwrap_or(Value::Null))
    }

    /// Gradio's `Dataframe`: `DataframeData`.
    fn gradio_api() -> crate::gradio::GradioApi {
        crate::gradio::GradioApi::new(Self::TYPE, "Dataframe")
            .schema(json::gradio_schema())
            .python_type(
                "Dict(headers: List[Any], data: List[List[Any]], metadata: Dict(str, List[Any] | None) | None)",
            )
    }

    /// `{"headers": […], "data": [[…]], "metadata": null}`; an empty table when there is none.
    fn gradio_value(held: &HeldProps<'_>, _: &crate::gradio::GradioContext) -> Value {
        match held.get("value") {
            Some(value) if !value.is_null() => value.clone(),
            _ => Table::default().to_json(),
        }
    }

    /// A client's table, checked and bounded, held as the component's value for the call.
    fn gradio_input(
        value: Value,
        _: &HeldProps<'_>,
        _: &crate::gradio::GradioContext,
    ) -> Result<crate::gradio::GradioInput, String> {
        Table::from_json(&value, true)
            .map(|table| crate::gradio::GradioInput::Held(table.to_json()))
            .map_err(|error| format!("dataframe: {error}"))
    }
}
