//! What a [`Dataframe`]'s handlers take and return, and its [`DataframeUpdate`].

use serde_json::Value;

use crate::components::{update_setters, Handle, Trigger, Width};
use crate::events::{InputContext, InputOf, OutValue, Output, OutputFor, RunError, Update};

use super::{Cell, Dataframe, Table};

impl crate::events::FromInput for Table {
    fn from_input(value: Value, _: &InputContext) -> Result<Self, String> {
        Table::from_json(&value, false).map_err(|error| error.to_string())
    }
}

impl crate::events::FromInput for Vec<Vec<Cell>> {
    fn from_input(value: Value, cx: &InputContext) -> Result<Self, String> {
        Table::from_input(value, cx).map(Table::into_rows)
    }
}

impl InputOf<Dataframe> for Table {}
impl InputOf<Dataframe> for Vec<Vec<Cell>> {}
impl InputOf<Dataframe> for Value {}
/// Gradio's Dataframe as input gives a pandas DataFrame; Ferry's, a [`Table`].
impl crate::events::DefaultInput for Dataframe {
    type Input = Table;
}
crate::events::update_output!(DataframeUpdate => Dataframe);

impl OutputFor<Dataframe> for Table {
    fn into_output(self) -> Result<Output, RunError> {
        Ok(Output::Value(OutValue::Json(self.to_json())))
    }
}

/// Rows without headers: the columns are named `1`, `2`, … as Gradio names them.
impl<T: Into<Cell>> OutputFor<Dataframe> for Vec<Vec<T>> {
    fn into_output(self) -> Result<Output, RunError> {
        let width = self.first().map_or(0, Vec::len);
        Table::try_from_rows((1..=width).map(|n| n.to_string()), self)
            .map_err(|error| {
                RunError::Output(format!("a dataframe cannot show these rows: {error}"))
            })?
            .into_output()
    }
}

/// New properties for a [`Dataframe`], returned by a handler.
#[must_use = "an update does nothing until a handler returns it"]
pub struct DataframeUpdate(pub(crate) Update);

impl DataframeUpdate {
    /// Changes the table (and its CSV).
    #[must_use = "a setter returns the changed update"]
    pub fn value(mut self, table: impl Into<Table>) -> Self {
        self.0.set_value(OutValue::Json(table.into().to_json()));
        self
    }

    /// Changes the label.
    #[must_use = "a setter returns the changed update"]
    pub fn label(mut self, label: impl Into<String>) -> Self {
        self.0.set("label", label.into());
        self
    }

    /// Shows or hides the label.
    #[must_use = "a setter returns the changed update"]
    pub fn show_label(mut self, show: bool) -> Self {
        self.0.set("show_label", show);
        self
    }

    /// Changes the most the scroll area may take, in pixels.
    #[must_use = "a setter returns the changed update"]
    pub fn height(mut self, px: u32) -> Self {
        self.0.set("height", px);
        self
    }

    /// Changes the width.
    #[must_use = "a setter returns the changed update"]
    pub fn width(mut self, width: impl Into<Width>) -> Self {
        self.0.set("width", width.into().to_json());
        self
    }

    /// Lets a click on a header sort, or not.
    #[must_use = "a setter returns the changed update"]
    pub fn sortable(mut self, sortable: bool) -> Self {
        self.0.set("sortable", sortable);
        self
    }

    /// Shows or hides "Download as CSV".
    #[must_use = "a setter returns the changed update"]
    pub fn show_download(mut self, show: bool) -> Self {
        self.0.set("show_download", show);
        self
    }

    /// Changes the name the CSV is saved under, from the next table on: give the table in the
    /// same update ([`value`](Self::value)) to rename the one shown.
    #[must_use = "a setter returns the changed update"]
    pub fn download_name(mut self, name: impl Into<String>) -> Self {
        self.0.set("download_name", name.into());
        self
    }

    update_setters!();
}

impl Handle<Dataframe> {
    /// Fires when the table changes, by an update or a handler's value (Gradio's
    /// `Dataframe.change`).
    ///
    /// ```
    /// use ferry_ui::prelude::*;
    ///
    /// let app = Blocks::new(|b| {
    ///     let table = b.add(Dataframe::empty());
    ///     let rows = b.add(Textbox::new("Rows"));
    ///     b.on(table.change(), table, rows, |table: Table| table.len().to_string());
    /// });
    /// # let page = ferry_ui::testing::render(&app);
    /// # assert!(page.contains("Rows"));
    /// ```
    pub fn change(&self) -> Trigger {
        self.trigger("change")
    }
}
