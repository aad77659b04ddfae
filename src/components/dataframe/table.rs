//! [`Table`] and [`Cell`]: a dataframe's value, its JSON (Gradio's `DataframeData`) and its CSV.

use std::fmt;

use serde_json::{json, Value};

use crate::events::value_kind;

/// One value of a [`Table`]: a number, text, `true`/`false`, or nothing.
///
/// Made with `From` from every Rust number type, `bool`, `String`, `&str`, and `Option` of
/// those (`None` is [`Cell::Empty`]). A cell is shown, sorted and written to the CSV as Rust
/// formats it (`0.1`, `-3`, `true`, `NaN`): no locale, no rounding.
#[derive(Clone, Debug, PartialEq, Default)]
pub enum Cell {
    /// No value: an empty cell, `null` in JSON, an empty field in the CSV.
    #[default]
    Empty,
    /// `true` or `false`.
    Bool(bool),
    /// A whole number.
    Int(i64),
    /// A floating-point number.
    Float(f64),
    /// Text.
    Text(String),
}

impl Cell {
    /// The number in the cell (a whole number as `f64` too), else `None`.
    pub fn as_f64(&self) -> Option<f64> {
        match *self {
            Cell::Int(n) => Some(n as f64),
            Cell::Float(x) => Some(x),
            _ => None,
        }
    }

    /// The text in the cell, else `None`.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Cell::Text(text) => Some(text),
            _ => None,
        }
    }

    /// The boolean in the cell, else `None`.
    pub fn as_bool(&self) -> Option<bool> {
        match *self {
            Cell::Bool(b) => Some(b),
            _ => None,
        }
    }

    /// Whether the cell holds nothing.
    pub fn is_empty(&self) -> bool {
        matches!(self, Cell::Empty)
    }

    /// Whether the cell holds a number.
    pub fn is_number(&self) -> bool {
        matches!(self, Cell::Int(_) | Cell::Float(_))
    }

    /// The cell in JSON: a number, text, a boolean or `null`. A float that JSON cannot hold
    /// (NaN, infinities) is its text, as the CSV writes it.
    pub fn to_json(&self) -> Value {
        match self {
            Cell::Empty => Value::Null,
            Cell::Bool(b) => Value::Bool(*b),
            Cell::Int(n) => Value::from(*n),
            Cell::Float(x) if x.is_finite() => Value::from(*x),
            Cell::Float(x) => Value::String(x.to_string()),
            Cell::Text(text) => Value::String(text.clone()),
        }
    }

    /// The cell from one JSON value, or what it is instead (a list, an object).
    pub(crate) fn from_json(value: &Value) -> Result<Cell, &'static str> {
        Ok(match value {
            Value::Null => Cell::Empty,
            Value::Bool(b) => Cell::Bool(*b),
            Value::Number(n) => match n.as_i64() {
                Some(n) => Cell::Int(n),
                None => Cell::Float(n.as_f64().unwrap_or(f64::NAN)),
            },
            Value::String(text) => Cell::Text(text.clone()),
            other => return Err(value_kind(other)),
        })
    }
}

/// As Rust formats the value: what the page shows and the CSV holds (the CSV also guards text
/// that a spreadsheet would run as a formula).
impl fmt::Display for Cell {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Cell::Empty => Ok(()),
            Cell::Bool(b) => write!(f, "{b}"),
            Cell::Int(n) => write!(f, "{n}"),
            Cell::Float(x) => write!(f, "{x}"),
            Cell::Text(text) => f.write_str(text),
        }
    }
}

macro_rules! cell_from {
    ($($t:ty => $variant:ident as $as:ty),+ $(,)?) => {
        $(impl From<$t> for Cell {
            fn from(value: $t) -> Self {
                Cell::$variant(<$as>::from(value))
            }
        })+
    };
}

cell_from!(
    bool => Bool as bool,
    i8 => Int as i64, i16 => Int as i64, i32 => Int as i64, i64 => Int as i64,
    u8 => Int as i64, u16 => Int as i64, u32 => Int as i64,
    f32 => Float as f64, f64 => Float as f64,
    String => Text as String, &str => Text as String, &String => Text as String,
);

impl From<u64> for Cell {
    fn from(value: u64) -> Self {
        i64::try_from(value).map_or(Cell::Float(value as f64), Cell::Int)
    }
}

impl From<usize> for Cell {
    fn from(value: usize) -> Self {
        Cell::from(value as u64)
    }
}

impl<T: Into<Cell>> From<Option<T>> for Cell {
    fn from(value: Option<T>) -> Self {
        value.map_or(Cell::Empty, Into::into)
    }
}

/// One column's values, for [`Table::from_columns`]: made from a `Vec` or an array of any
/// [`Cell`] type, so a column of `f64` and a column of `String` go in one table.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Cells(pub Vec<Cell>);

impl<T: Into<Cell>> From<Vec<T>> for Cells {
    fn from(values: Vec<T>) -> Self {
        Cells(values.into_iter().map(Into::into).collect())
    }
}

impl<T: Into<Cell>, const N: usize> From<[T; N]> for Cells {
    fn from(values: [T; N]) -> Self {
        Cells(values.into_iter().map(Into::into).collect())
    }
}

impl<T: Into<Cell>> FromIterator<T> for Cells {
    fn from_iter<I: IntoIterator<Item = T>>(values: I) -> Self {
        Cells(values.into_iter().map(Into::into).collect())
    }
}

/// Why a [`Table`] cannot be made, or a value is not a table.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum TableError {
    /// A row has more or fewer cells than there are headers.
    #[error("row {row} has {cells} cell(s), but the table has {columns} column(s)")]
    RowLength {
        /// The row, counting from 1.
        row: usize,
        /// How many cells it has.
        cells: usize,
        /// How many columns the table has.
        columns: usize,
    },
    /// Two columns have different lengths.
    #[error("column “{column}” has {len} value(s), but column “{first}” has {first_len}: every column needs as many")]
    ColumnLength {
        /// The first column.
        first: String,
        /// Its length.
        first_len: usize,
        /// The column that differs.
        column: String,
        /// Its length.
        len: usize,
    },
    /// A value that is not a table (Gradio's `{"headers": […], "data": [[…]]}`), and why.
    #[error("{0}")]
    Shape(String),
    /// A table larger than a client may send.
    #[error("{0}")]
    TooLarge(String),
}

/// A table: column headers and rows of [`Cell`]s, every row as long as the headers. What a
/// [`Dataframe`](super::Dataframe) shows, and what its handlers return and take.
///
/// ```
/// use ferry_ui::prelude::*;
///
/// let table = Table::from_columns([
///     ("name", Cells::from(vec!["Ada", "Grace"])),
///     ("born", Cells::from(vec![1815, 1906])),
/// ]);
/// assert_eq!(table.headers(), ["name", "born"]);
/// assert_eq!(table.to_csv(), b"name,born\r\nAda,1815\r\nGrace,1906\r\n");
/// ```
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Table {
    headers: Vec<String>,
    rows: Vec<Vec<Cell>>,
}

/// How much a client may send as a table: at most this many columns…
pub const MAX_CLIENT_COLUMNS: usize = 1_000;
/// …and this many cells (rows × columns).
pub const MAX_CLIENT_CELLS: usize = 100_000;

impl Table {
    /// A table with these headers and no rows yet.
    pub fn new<H: Into<String>>(headers: impl IntoIterator<Item = H>) -> Self {
        Table {
            headers: headers.into_iter().map(Into::into).collect(),
            rows: Vec::new(),
        }
    }

    /// A table from headers and rows, each row as long as the headers.
    ///
    /// # Panics
    ///
    /// When a row is longer or shorter than the headers, naming it (at your line: a table
    /// declared wrong is a start-up error). [`try_from_rows`](Self::try_from_rows) returns it.
    #[track_caller]
    pub fn from_rows<H, R, T>(headers: impl IntoIterator<Item = H>, rows: R) -> Self
    where
        H: Into<String>,
        R: IntoIterator,
        R::Item: IntoIterator<Item = T>,
        T: Into<Cell>,
    {
        match Self::try_from_rows(headers, rows) {
            Ok(table) => table,
            Err(error) => panic!("Table::from_rows: {error}"),
        }
    }

    /// A table from headers and rows, or why not ([`TableError::RowLength`]).
    pub fn try_from_rows<H, R, T>(
        headers: impl IntoIterator<Item = H>,
        rows: R,
    ) -> Result<Self, TableError>
    where
        H: Into<String>,
        R: IntoIterator,
        R::Item: IntoIterator<Item = T>,
        T: Into<Cell>,
    {
        let mut table = Table::new(headers);
        for row in rows {
            table.try_push_row(row)?;
        }
        Ok(table)
    }

    /// A table from named columns of equal length: `[("name", Cells::from(names)), ("score",
    /// Cells::from(scores))]`.
    ///
    /// # Panics
    ///
    /// When two columns have different lengths, naming them (at your line).
    /// [`try_from_columns`](Self::try_from_columns) returns it.
    #[track_caller]
    pub fn from_columns<H: Into<String>, C: Into<Cells>>(
        columns: impl IntoIterator<Item = (H, C)>,
    ) -> Self {
        match Self::try_from_columns(columns) {
            Ok(table) => table,
            Err(error) => panic!("Table::from_columns: {error}"),
        }
    }

    /// A table from named columns, or why not ([`TableError::ColumnLength`]).
    pub fn try_from_columns<H: Into<String>, C: Into<Cells>>(
        columns: impl IntoIterator<Item = (H, C)>,
    ) -> Result<Self, TableError> {
        let (headers, columns): (Vec<String>, Vec<Vec<Cell>>) = columns
            .into_iter()
            .map(|(header, column)| (header.into(), column.into().0))
            .unzip();
        let len = columns.first().map_or(0, Vec::len);
        if let Some(at) = columns.iter().position(|column| column.len() != len) {
            return Err(TableError::ColumnLength {
                first: headers[0].clone(),
                first_len: len,
                column: headers[at].clone(),
                len: columns[at].len(),
            });
        }
        let mut columns: Vec<_> = columns.into_iter().map(Vec::into_iter).collect();
        let rows = (0..len)
            .map(|_| columns.iter_mut().filter_map(Iterator::next).collect())
            .collect();
        Ok(Table { headers, rows })
    }

    /// Adds a row, or says why not ([`TableError::RowLength`]).
    pub fn try_push_row<T: Into<Cell>>(
        &mut self,
        row: impl IntoIterator<Item = T>,
    ) -> Result<(), TableError> {
        let row: Vec<Cell> = row.into_iter().map(Into::into).collect();
        if row.len() != self.headers.len() {
            return Err(TableError::RowLength {
                row: self.rows.len() + 1,
                cells: row.len(),
                columns: self.headers.len(),
            });
        }
        self.rows.push(row);
        Ok(())
    }

    /// The column headers.
    pub fn headers(&self) -> &[String] {
        &self.headers
    }

    /// The rows, each as long as the headers.
    pub fn rows(&self) -> &[Vec<Cell>] {
        &self.rows
    }

    /// The rows, taken out of the table.
    pub fn into_rows(self) -> Vec<Vec<Cell>> {
        self.rows
    }

    /// The cells of the column named `header`, top to bottom; `None` when there is none.
    pub fn column(&self, header: &str) -> Option<Vec<&Cell>> {
        let at = self.headers.iter().position(|h| h == header)?;
        Some(self.rows.iter().map(|row| &row[at]).collect())
    }

    /// How many rows the table has.
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    /// Whether the table has no rows.
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// How many columns the table has.
    pub fn width(&self) -> usize {
        self.headers.len()
    }

    /// The table as CSV (RFC 4180): the headers first, then each row; fields holding a comma,
    /// a quote or a line break quoted, quotes doubled, lines ended by CRLF. Numbers are written
    /// as Rust formats them, an empty cell as an empty field. Text (a header too) that starts
    /// with `=`, `+`, `-`, `@`, a tab or a carriage return gets a `'` in front, so that a
    /// spreadsheet shows it rather than running it as a formula (CSV injection). A table
    /// without columns is empty.
    pub fn to_csv(&self) -> Vec<u8> {
        if self.headers.is_empty() {
            return Vec::new();
        }
        let mut writer = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .from_writer(Vec::new());
        let written = writer
            .write_record(self.headers.iter().map(|header| guarded(header.clone())))
            .and_then(|()| {
                self.rows.iter().try_for_each(|row| {
                    writer.write_record(row.iter().map(|cell| match cell {
                        Cell::Text(text) => guarded(text.clone()),
                        other => other.to_string(),
                    }))
                })
            });
        // Writing to a Vec cannot fail.
        if written.is_err() {
            return Vec::new();
        }
        writer.into_inner().unwrap_or_default()
    }

    /// The table as Gradio's Dataframe gives it: `{"headers": […], "data": [[…]], "metadata":
    /// null}`, each cell as [`Cell::to_json`] makes it.
    pub fn to_json(&self) -> Value {
        let data: Vec<Value> = self
            .rows
            .iter()
            .map(|row| row.iter().map(Cell::to_json).collect())
            .collect();
        json!({ "headers": self.headers, "data": data, "metadata": null })
    }

    /// The table from Gradio's Dataframe value (`{"headers": […], "data": [[…]]}`, `metadata`
    /// ignored; `null` is an empty table), or a precise message of what is wrong. With
    /// `bounded`, at most [`MAX_CLIENT_COLUMNS`] columns and [`MAX_CLIENT_CELLS`] cells.
    pub fn from_json(value: &Value, bounded: bool) -> Result<Self, TableError> {
        let shape = |message: String| TableError::Shape(message);
        let object = match value {
            Value::Null => return Ok(Table::default()),
            Value::Object(object) => object,
            other => {
                return Err(shape(format!(
                    "expected a table ({{\"headers\": [...], \"data\": [[...]]}}), got {}",
                    value_kind(other)
                )))
            }
        };
        let headers = match object.get("headers") {
            Some(Value::Array(headers)) => headers,
            Some(other) => {
                return Err(shape(format!(
                    "\"headers\" must be a list of column names, got {}",
                    value_kind(other)
                )))
            }
            None => return Err(shape("a table needs \"headers\"".to_owned())),
        };
        let rows = match object.get("data") {
            Some(Value::Array(rows)) => rows,
            Some(other) => {
                return Err(shape(format!(
                    "\"data\" must be a list of rows, got {}",
                    value_kind(other)
                )))
            }
            None => return Err(shape("a table needs \"data\"".to_owned())),
        };
        if bounded {
            check_size(headers.len(), rows.len())?;
        }
        let headers = headers
            .iter()
            .enumerate()
            .map(|(at, header)| match header {
                Value::String(text) => Ok(text.clone()),
                Value::Number(n) => Ok(n.to_string()),
                other => Err(shape(format!(
                    "header {} must be text, got {}",
                    at + 1,
                    value_kind(other)
                ))),
            })
            .collect::<Result<Vec<String>, _>>()?;
        let mut table = Table::new(headers);
        for (at, row) in rows.iter().enumerate() {
            let Value::Array(cells) = row else {
                return Err(shape(format!(
                    "row {} must be a list of cells, got {}",
                    at + 1,
                    value_kind(row)
                )));
            };
            // Gradio's empty table is `{"headers": [], "data": [[]]}`.
            if cells.is_empty() && table.headers.is_empty() {
                continue;
            }
            let row: Vec<Cell> = cells
                .iter()
                .enumerate()
                .map(|(column, cell)| {
                    Cell::from_json(cell).map_err(|kind| {
                        shape(format!(
                            "row {}, column {}: a cell must be a number, text, true, false or null, got {kind}",
                            at + 1,
                            column + 1
                        ))
                    })
                })
                .collect::<Result<_, _>>()?;
            table.try_push_row(row)?;
        }
        Ok(table)
    }
}

/// Refuses a client's table past [`MAX_CLIENT_COLUMNS`] or [`MAX_CLIENT_CELLS`], before
/// reading its cells.
fn check_size(columns: usize, rows: usize) -> Result<(), TableError> {
    if columns > MAX_CLIENT_COLUMNS {
        return Err(TableError::TooLarge(format!(
            "the table has {columns} columns, more than the {MAX_CLIENT_COLUMNS} allowed"
        )));
    }
    let cells = columns.max(1).saturating_mul(rows);
    if cells > MAX_CLIENT_CELLS {
        return Err(TableError::TooLarge(format!(
            "the table has {cells} cells ({rows} rows × {columns} columns), more than the {MAX_CLIENT_CELLS} allowed"
        )));
    }
    Ok(())
}

/// Text that a spreadsheet would take for a formula, with a `'` in front.
fn guarded(text: String) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text
    }
}

impl From<&Table> for Table {
    fn from(table: &Table) -> Self {
        table.clone()
    }
}

impl From<std::sync::Arc<Table>> for Table {
    fn from(table: std::sync::Arc<Table>) -> Self {
        std::sync::Arc::unwrap_or_clone(table)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_written_as_rust_formats_them() {
        let table = Table::from_rows(
            ["x"],
            [[0.1], [-3.0], [1e21], [1e-7], [f64::NAN], [f64::INFINITY]],
        );
        let csv = String::from_utf8(table.to_csv()).unwrap_or_default();
        assert_eq!(
            csv,
            "x\r\n0.1\r\n-3\r\n1000000000000000000000\r\n0.0000001\r\nNaN\r\ninf\r\n"
        );
    }

    #[test]
    fn cells_keep_their_kind_in_json() {
        let table = Table::from_rows(
            ["a", "b", "c", "d"],
            [vec![
                Cell::from(1),
                Cell::from(1.5),
                Cell::from("x"),
                Cell::from(None::<bool>),
            ]],
        );
        assert_eq!(
            table.to_json(),
            json!({"headers": ["a", "b", "c", "d"], "data": [[1, 1.5, "x", null]], "metadata": null})
        );
        assert_eq!(Table::from_json(&table.to_json(), true), Ok(table));
    }

    #[test]
    fn size_limits_are_checked_before_the_cells() {
        let wide = json!({"headers": vec!["h"; MAX_CLIENT_COLUMNS + 1], "data": []});
        assert!(matches!(
            Table::from_json(&wide, true),
            Err(TableError::TooLarge(_))
        ));
        assert!(Table::from_json(&wide, false).is_ok());
    }
}
