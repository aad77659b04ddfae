//! [`Cell`]: one value of a table, and [`Cells`]: one column's values.

use std::fmt;

use serde_json::Value;

use crate::events::value_kind;

/// One value of a [`Table`](super::Table): a number, text, `true`/`false`, or nothing.
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

/// One column's values, for [`Table::from_columns`](super::Table::from_columns): made from a `Vec` or an array of any
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
