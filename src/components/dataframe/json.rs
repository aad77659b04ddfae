//! A [`Table`] as Gradio's Dataframe value (`DataframeData`), both ways, with the bounds of
//! what a client may send.

use serde_json::{json, Value};

use crate::events::value_kind;

use super::cell::Cell;
use super::table::{Table, TableError};

/// How much a client may send as a table: at most this many columns…
pub const MAX_CLIENT_COLUMNS: usize = 1_000;
/// …and this many cells (rows × columns).
pub const MAX_CLIENT_CELLS: usize = 100_000;

impl Table {
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

/// Gradio's `DataframeData` schema, as its `gradio_api/info` gives it.
pub(super) fn gradio_schema() -> Value {
    json!({
        "title": "DataframeData",
        "type": "object",
        "properties": {
            "headers": {"title": "Headers", "type": "array", "items": {}},
            "data": {"title": "Data", "type": "array", "items": {"type": "array", "items": {}}},
            "metadata": {
                "title": "Metadata",
                "default": null,
                "anyOf": [
                    {
                        "type": "object",
                        "additionalProperties": {"anyOf": [{"type": "array", "items": {}}, {"type": "null"}]},
                    },
                    {"type": "null"},
                ],
            },
        },
        "required": ["headers", "data"],
    })
}

#[cfg(test)]
mod tests {
    use super::*;

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
