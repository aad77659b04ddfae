//! [`Table`] and its errors: made from rows or columns, written as CSV.

use super::cell::{Cell, Cells};

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
    pub(super) headers: Vec<String>,
    pub(super) rows: Vec<Vec<Cell>>,
}

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
}
