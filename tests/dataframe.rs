//! The Dataframe: its CSV byte for byte (RFC 4180 quoting, numbers as Rust writes them, the
//! formula guard), published for the session under its download name; tables declared wrong
//! are start-up errors; its value through Gradio's API, and a client's table reaching a handler
//! as a `Table` or refused with a message that says what and where; the script style.
#![allow(clippy::unwrap_used)]

mod common;

/// Streamlit's example itself: these tests read its page.
#[allow(dead_code)]
#[path = "../examples/st_download_csv.rs"]
mod example;

use common::{by_elem_id, update_for, Running};
use ferry_ui::components::{TableError, MAX_CLIENT_CELLS, MAX_CLIENT_COLUMNS};
use ferry_ui::prelude::*;
use serde_json::{json, Value};

fn awkward() -> Table {
    Table::from_rows(
        ["name", "note, with a comma", "say \"hi\"", "n"],
        [
            vec![
                Cell::from("Ada"),
                Cell::from("a,b"),
                Cell::from("she said \"no\""),
                Cell::from(1.5),
            ],
            vec![
                Cell::from("two\nlines"),
                Cell::from("=SUM(A1:A2)"),
                Cell::from("-2"),
                Cell::from(-2),
            ],
            vec![
                Cell::from(None::<&str>),
                Cell::from(true),
                Cell::from("@me"),
                Cell::from(0.1 + 0.2),
            ],
        ],
    )
}

const AWKWARD_CSV: &str = "name,\"note, with a comma\",\"say \"\"hi\"\"\",n\r\n\
    Ada,\"a,b\",\"she said \"\"no\"\"\",1.5\r\n\
    \"two\nlines\",'=SUM(A1:A2),'-2,-2\r\n\
    ,true,'@me,0.30000000000000004\r\n";

#[test]
fn the_csv_is_rfc_4180_with_numbers_as_rust_writes_them_and_formulas_guarded() {
    assert_eq!(String::from_utf8(awkward().to_csv()).unwrap(), AWKWARD_CSV);
    let columns = Table::from_columns([
        ("score", Cells::from(vec![9.5, 7.0])),
        (
            "who",
            Cells::from(vec!["Ada".to_owned(), "+Grace".to_owned()]),
        ),
    ]);
    assert_eq!(columns.to_csv(), b"score,who\r\n9.5,Ada\r\n7,'+Grace\r\n");
    assert_eq!(Table::default().to_csv(), b"");
}

#[test]
#[should_panic(
    expected = "Dataframe::from_columns: column “b” has 2 value(s), but column “a” has 3: every column needs as many"
)]
fn columns_of_unequal_length_are_a_start_up_error() {
    let _ = Dataframe::from_columns([
        ("a", Cells::from(vec![1, 2, 3])),
        ("b", Cells::from(vec![1, 2])),
    ]);
}

#[test]
#[should_panic(
    expected = "Dataframe::from_rows: row 2 has 1 cell(s), but the table has 2 column(s)"
)]
fn a_row_of_the_wrong_length_is_a_start_up_error() {
    let _ = Dataframe::from_rows(["a", "b"], [vec![1, 2], vec![3]]);
}

#[test]
fn the_fallible_twins_say_what_is_wrong() {
    let error =
        Table::try_from_columns([("a", Cells::from([1])), ("b", Cells::from([1, 2]))]).unwrap_err();
    assert!(
        matches!(error, TableError::ColumnLength { len: 2, .. }),
        "{error}"
    );
    let error = Table::try_from_rows(["a"], [[1, 2]]).unwrap_err();
    assert_eq!(
        error.to_string(),
        "row 1 has 2 cell(s), but the table has 1 column(s)"
    );
}

/// A declared table, one a handler fills, and endpoints that take a client's table.
fn app() -> App {
    Blocks::new(|b| {
        b.show_error(true);
        b.add(
            Dataframe::new(awkward())
                .label("Awkward")
                .download_name("awkward.csv")
                .elem_id("declared"),
        );
        let filled = b.add(
            Dataframe::empty()
                .download_name("squares.csv")
                .elem_id("filled"),
        );
        let go = b.add(Button::new("Fill"));
        b.on(go.click(), (), filled, || {
            Table::from_rows(["n", "n²"], (1..=3).map(|n| [n, n * n]))
        })
        .api_name("fill");
        let out = b.add(Textbox::new("Out").elem_id("out"));
        b.on(go.click(), filled, out, |table: Table| {
            let sum: f64 = table
                .column("score")
                .unwrap_or_default()
                .iter()
                .filter_map(|cell| cell.as_f64())
                .fold(0.0, |sum, x| sum + x);
            format!(
                "{} rows, {:?}, score sum {sum}",
                table.len(),
                table.headers()
            )
        })
        .api_name("sum");
        b.on(go.click(), (), filled, || vec![vec!["x", "y"]])
            .api_name("rows");
        b.on(go.click(), (), filled, || {
            ferry_ui::Raw(json!({"csv": {"url": "javascript:alert(1)"}, "label": "Raw"}))
        });
    })
}

async fn csv_of(running: &Running, file: &Value) -> (String, String, Vec<u8>) {
    let response = running.get(file["url"].as_str().unwrap()).await;
    assert_eq!(response.status(), 200);
    let headers = response.headers().clone();
    let bytes = response.bytes().await.unwrap().to_vec();
    (
        headers["content-type"].to_str().unwrap().to_owned(),
        headers["content-disposition"].to_str().unwrap().to_owned(),
        bytes,
    )
}

#[tokio::test]
async fn a_declared_table_and_a_handlers_table_come_with_their_csv_under_its_name() {
    let running = Running::start(app()).await;
    let page = running.session().await;
    let declared = by_elem_id(&page["root"], "declared").unwrap();
    assert_eq!(declared["props"]["value"], awkward().to_json());
    assert_eq!(declared["props"]["csv"]["file_name"], "awkward.csv");
    let (kind, disposition, bytes) = csv_of(&running, &declared["props"]["csv"]).await;
    assert!(kind.starts_with("text/csv"), "{kind}");
    assert!(
        disposition.contains("filename=\"awkward.csv\""),
        "{disposition}"
    );
    assert_eq!(String::from_utf8(bytes).unwrap(), AWKWARD_CSV);

    let filled = by_elem_id(&page["root"], "filled").unwrap();
    assert_eq!(filled["props"]["value"], Value::Null);
    assert_eq!(filled["props"]["csv"], Value::Null);
    let id = filled["id"].as_u64().unwrap();
    let (status, body) = running.run(&page, 0, json!([])).await;
    assert_eq!(status, 200, "{body}");
    let props = update_for(&body, id);
    assert_eq!(
        props["value"],
        json!({"headers": ["n", "n²"], "data": [[1, 1], [2, 4], [3, 9]], "metadata": null})
    );
    assert_eq!(props["csv"]["file_name"], "squares.csv");
    let (_, disposition, bytes) = csv_of(&running, &props["csv"]).await;
    assert!(
        disposition.contains("filename=\"squares.csv\""),
        "{disposition}"
    );
    assert_eq!(bytes, "n,n²\r\n1,1\r\n2,4\r\n3,9\r\n".as_bytes());
    // The page cannot edit a table: the handler reads the one the server holds.
    let out = by_elem_id(&page["root"], "out").unwrap()["id"]
        .as_u64()
        .unwrap();
    let forged = json!([{"headers": ["score"], "data": [[1000]]}]);
    let (status, body) = running.run(&page, 1, forged).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(
        update_for(&body, out)["value"],
        "3 rows, [\"n\", \"n²\"], score sum 0"
    );
    // Raw props cannot name a CSV.
    let (status, body) = running.run(&page, 3, json!([])).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(update_for(&body, id), json!({"csv": null, "label": "Raw"}));
}

#[tokio::test]
async fn the_first_paint_is_the_table_itself() {
    let app = Blocks::new(|b| {
        b.add(Dataframe::new(awkward()).label("Awkward").height(200));
        b.add(
            Dataframe::new(awkward())
                .label("Quiet")
                .show_download(false),
        );
    });
    let running = Running::start(app).await;
    let response = running.get("/").await;
    assert_eq!(response.status(), 200);
    let shell = response.text().await.unwrap();
    for piece in [
        "<span class=\"ferry-label\">Awkward</span>",
        "<div class=\"ferry-df-scroll\" tabindex=\"0\" role=\"region\" aria-label=\"Awkward\" style=\"max-height:200px\">",
        "<th scope=\"col\" class=\"ferry-df-th\"><span class=\"ferry-df-head\">say &quot;hi&quot;</span></th>",
        "<td class=\"ferry-df-num\">0.30000000000000004</td>",
        "<span class=\"ferry-df-count\">3 rows × 4 columns</span>",
        "download=\"data.csv\">Download as CSV</a>",
    ] {
        assert!(shell.contains(piece), "{piece} not in {shell}");
    }
    assert_eq!(shell.matches("Download as CSV").count(), 1, "{shell}");
}

/// The data of a REST call's `complete` event.
fn completed(body: &str) -> Value {
    let data = body
        .strip_prefix("event: complete\ndata: ")
        .unwrap_or_else(|| panic!("not complete: {body}"));
    serde_json::from_str(data.trim_end()).unwrap()
}

#[tokio::test]
async fn gradio_clients_get_the_dataframe_shape_and_send_one_back() {
    let running = Running::start(app()).await;
    let config: Value = running.get("/config").await.json().await.unwrap();
    let component = config["components"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["props"]["elem_id"] == "declared")
        .unwrap();
    assert_eq!(component["type"], "dataframe");
    assert_eq!(component["props"]["value"], awkward().to_json());
    let info: Value = running.get("/gradio_api/info").await.json().await.unwrap();
    let parameter = &info["named_endpoints"]["/sum"]["parameters"][0];
    assert_eq!(parameter["component"], "Dataframe");
    assert_eq!(parameter["type"]["title"], "DataframeData");

    assert_eq!(
        completed(&running.gradio_call("fill", json!([])).await),
        json!([{"headers": ["n", "n²"], "data": [[1, 1], [2, 4], [3, 9]], "metadata": null}])
    );
    assert_eq!(
        completed(&running.gradio_call("rows", json!([])).await),
        json!([{"headers": ["1", "2"], "data": [["x", "y"]], "metadata": null}])
    );
    let table =
        json!({"headers": ["who", "score"], "data": [["Ada", 2.5], ["Alan", 4]], "metadata": null});
    let body = running.gradio_call("sum", json!([table])).await;
    assert_eq!(
        body,
        "event: complete\ndata: [\"2 rows, [\\\"who\\\", \\\"score\\\"], score sum 6.5\"]\n\n"
    );
    // Gradio's empty table.
    let body = running
        .gradio_call(
            "sum",
            json!([{"headers": [], "data": [[]], "metadata": null}]),
        )
        .await;
    assert!(body.contains("0 rows, [], score sum 0"), "{body}");
}

#[tokio::test]
async fn a_clients_table_that_is_not_one_is_refused_saying_what_and_where() {
    let running = Running::start(app()).await;
    let cases = [
        (
            json!("a,b\n1,2"),
            "expected a table ({\"headers\": [...], \"data\": [[...]]}), got text",
        ),
        (json!({"data": [[1]]}), "a table needs \"headers\""),
        (
            json!({"headers": "a", "data": [[1]]}),
            "\"headers\" must be a list of column names, got text",
        ),
        (
            json!({"headers": ["a"], "data": {"0": 1}}),
            "\"data\" must be a list of rows, got an object",
        ),
        (
            json!({"headers": ["a", ["b"]], "data": []}),
            "header 2 must be text, got a list",
        ),
        (
            json!({"headers": ["a"], "data": [[1], 2]}),
            "row 2 must be a list of cells, got a number",
        ),
        (
            json!({"headers": ["a", "b"], "data": [[1, 2], [3]]}),
            "row 2 has 1 cell(s), but the table has 2 column(s)",
        ),
        (
            json!({"headers": ["a", "b"], "data": [[1, {"x": 1}]]}),
            "row 1, column 2: a cell must be a number, text, true, false or null, got an object",
        ),
    ];
    for (value, message) in cases {
        let body = running.gradio_call("sum", json!([value])).await;
        assert!(body.starts_with("400 "), "{value} was taken: {body}");
        assert!(
            body.contains(&format!("bad input 0: dataframe: {message}").replace('"', "\\\"")),
            "{value}: {body}"
        );
    }
    // Past the bounds, before reading a cell.
    let wide = json!({"headers": vec!["h"; MAX_CLIENT_COLUMNS + 1], "data": []});
    let body = running.gradio_call("sum", json!([wide])).await;
    assert!(
        body.contains("the table has 1001 columns, more than the 1000 allowed"),
        "{body}"
    );
    let rows = vec![json!([0, 0]); MAX_CLIENT_CELLS / 2 + 1];
    let long = json!({"headers": ["a", "b"], "data": rows});
    let body = running.gradio_call("sum", json!([long])).await;
    assert!(
        body.contains(
            "the table has 100002 cells (50001 rows × 2 columns), more than the 100000 allowed"
        ),
        "{body}"
    );
}

#[tokio::test]
async fn the_streamlit_example_shows_the_table_whose_csv_is_the_download_buttons_file() {
    let running = Running::start(example::app()).await;
    let page = running.session().await;
    let children = page["root"]["children"].as_array().unwrap();
    let table = children.iter().find(|c| c["type"] == "dataframe").unwrap();
    let button = children
        .iter()
        .find(|c| c["type"] == "download_button")
        .unwrap();
    let value = &table["props"]["value"];
    let headers: Vec<&str> = value["headers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h.as_str().unwrap())
        .collect();
    assert_eq!(headers.len(), 21);
    assert_eq!(headers[0], "");
    assert_eq!(headers[1], "col 0");
    assert_eq!(headers[20], "col 19");
    let data = value["data"].as_array().unwrap();
    assert_eq!(data.len(), 50);
    assert_eq!(data[49][0], 49);
    assert!(data
        .iter()
        .all(|row| row.as_array().unwrap()[1..].iter().all(Value::is_f64)));
    let (_, _, table_csv) = csv_of(&running, &table["props"]["csv"]).await;
    let (kind, disposition, button_csv) = csv_of(&running, &button["props"]["value"]).await;
    assert!(kind.starts_with("text/csv"), "{kind}");
    assert!(
        disposition.contains("filename=\"data.csv\""),
        "{disposition}"
    );
    assert_eq!(table_csv, button_csv);
    let text = String::from_utf8(table_csv).unwrap();
    assert!(text.starts_with(",col 0,col 1,"), "{text}");
    assert_eq!(text.lines().count(), 51);
    // Cached: another session gets the same numbers.
    let again = running.session().await;
    let other = again["root"]["children"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["type"] == "dataframe")
        .unwrap();
    assert_eq!(&other["props"]["value"], value);
}
