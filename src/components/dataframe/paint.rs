//! A dataframe's first paint: the table as static HTML with the classes that
//! `frontend/src/extras/dataframe.ts` draws, before its script has loaded.

use std::fmt::Write;

use serde_json::Value;

use crate::components::first_paint::escape;
use crate::runtime::Props;

/// The first paint shows at most this many rows: the scroll area shows a dozen, and the
/// script, which draws them all, takes over within moments.
const FIRST_PAINT_ROWS: usize = 100;

/// The dataframe's HTML inside its outer element.
pub(super) fn inner(props: &Props) -> String {
    let value = props.get("value");
    let headers: Vec<&Value> = value
        .and_then(|v| v.get("headers"))
        .and_then(Value::as_array)
        .map(|h| h.iter().collect())
        .unwrap_or_default();
    let rows: &[Value] = value
        .and_then(|v| v.get("data"))
        .and_then(Value::as_array)
        .map_or(&[], Vec::as_slice);
    let label = props.get("label").and_then(Value::as_str).unwrap_or("");
    let mut html = String::new();
    let width = match props.get("width") {
        Some(Value::String(w)) if w == "content" => " ferry-df-content",
        _ => "",
    };
    html.push_str(&format!("<div class=\"ferry-df{width}\""));
    if let Some(px) = props.get("width").and_then(Value::as_u64) {
        let _ = write!(html, " style=\"width:{px}px\"");
    }
    html.push('>');
    if !label.is_empty() && props.get("show_label") != Some(&Value::Bool(false)) {
        let _ = write!(html, "<span class=\"ferry-label\">{}</span>", escape(label));
    }
    let name = if label.is_empty() { "Table" } else { label };
    let _ = write!(
        html,
        "<div class=\"ferry-df-scroll\" tabindex=\"0\" role=\"region\" aria-label=\"{}\"",
        escape(name)
    );
    if let Some(px) = props.get("height").and_then(Value::as_u64) {
        let _ = write!(html, " style=\"max-height:{px}px\"");
    }
    html.push('>');
    if headers.is_empty() {
        html.push_str("<p class=\"ferry-df-none\">No data</p>");
    } else {
        html.push_str("<table class=\"ferry-df-table\"><thead><tr>");
        for (at, header) in headers.iter().enumerate() {
            let numeric = if numeric_column(rows, at) {
                " ferry-df-num"
            } else {
                ""
            };
            let _ = write!(
                html,
                "<th scope=\"col\" class=\"ferry-df-th{numeric}\"><span class=\"ferry-df-head\">{}</span></th>",
                escape(&text_of(header))
            );
        }
        html.push_str("</tr></thead><tbody>");
        for row in rows.iter().take(FIRST_PAINT_ROWS) {
            html.push_str("<tr>");
            for cell in row.as_array().into_iter().flatten() {
                let class = match cell {
                    Value::Number(_) => " class=\"ferry-df-num\"",
                    Value::Null => " class=\"ferry-df-empty\"",
                    _ => "",
                };
                let _ = write!(html, "<td{class}>{}</td>", escape(&text_of(cell)));
            }
            html.push_str("</tr>");
        }
        html.push_str("</tbody></table>");
    }
    html.push_str("</div>");
    if !headers.is_empty() {
        let _ = write!(
            html,
            "<div class=\"ferry-df-foot\"><span class=\"ferry-df-count\">{}</span>",
            count(rows.len(), headers.len())
        );
        let csv = props.get("csv");
        let url = csv.and_then(|c| c.get("url")).and_then(Value::as_str);
        if let (Some(url), false) = (url, props.get("show_download") == Some(&Value::Bool(false))) {
            let file_name = csv
                .and_then(|c| c.get("file_name"))
                .and_then(Value::as_str)
                .unwrap_or("data.csv");
            let _ = write!(
                html,
                "<a class=\"ferry-df-download\" href=\"{}\" download=\"{}\">Download as CSV</a>",
                escape(url),
                escape(file_name)
            );
        }
        html.push_str("</div>");
    }
    html.push_str("</div>");
    html
}

/// "50 rows × 20 columns", as the page writes it.
pub(super) fn count(rows: usize, columns: usize) -> String {
    let plural = |n: usize, one: &str, many: &str| {
        if n == 1 {
            format!("1 {one}")
        } else {
            format!("{n} {many}")
        }
    };
    format!(
        "{} × {}",
        plural(rows, "row", "rows"),
        plural(columns, "column", "columns")
    )
}

/// Whether column `at` holds numbers only (and at least one), as the page aligns it.
fn numeric_column(rows: &[Value], at: usize) -> bool {
    let mut cells = rows
        .iter()
        .filter_map(|row| row.get(at))
        .filter(|c| !c.is_null());
    let mut any = false;
    let all = cells.all(|c| {
        any = true;
        c.is_number()
    });
    any && all
}

/// A cell or header as the table shows it: numbers as Rust formats them.
fn text_of(value: &Value) -> String {
    match value {
        Value::Null => String::new(),
        Value::String(text) => text.clone(),
        Value::Number(n) => match (n.as_i64(), n.as_f64()) {
            (Some(i), _) => i.to_string(),
            (None, Some(x)) => x.to_string(),
            _ => n.to_string(),
        },
        other => other.to_string(),
    }
}
