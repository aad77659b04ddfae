//! Ready-to-copy code for one endpoint, for the "Use via API" page and `gradio_api/info`'s
//! `code_snippets`: Python (`gradio_client`), JavaScript (`@gradio/client`) and curl (the REST
//! pair). A file parameter reads `file.txt` from the working folder; the others take the
//! component's current default.

use serde_json::{json, Value};

/// One parameter as the snippets need it.
pub(crate) struct Param {
    pub name: String,
    pub value: Value,
    pub file: bool,
}

/// The file a snippet's file parameters read.
pub(crate) const EXAMPLE_FILE: &str = "file.txt";

/// `{"python": …, "javascript": …, "bash": …}` for the endpoint named `api_name` (`None`: an
/// unnamed one, called by `fn_index`, which has no REST route) of the app at `root`.
pub(crate) fn snippets(
    root: &str,
    api_name: Option<&str>,
    fn_index: usize,
    params: &[Param],
) -> Value {
    let root = format!("{}/", root.trim_end_matches('/'));
    json!({
        "python": python(&root, api_name, fn_index, params),
        "javascript": javascript(&root, api_name, fn_index, params),
        "bash": api_name.map(|name| bash(&root, name, params)),
    })
}

fn python(root: &str, api_name: Option<&str>, fn_index: usize, params: &[Param]) -> String {
    let uses_files = params.iter().any(|p| p.file);
    let mut code = String::from(if uses_files {
        "from gradio_client import Client, handle_file\n\n"
    } else {
        "from gradio_client import Client\n\n"
    });
    code.push_str(&format!("client = Client({})\n", py_string(root)));
    code.push_str("result = client.predict(\n");
    for param in params {
        let value = if param.file {
            format!("handle_file({})", py_string(EXAMPLE_FILE))
        } else {
            py_literal(&param.value)
        };
        code.push_str(&format!("    {}={value},\n", param.name));
    }
    match api_name {
        Some(name) => code.push_str(&format!(
            "    api_name={},\n",
            py_string(&format!("/{name}"))
        )),
        None => code.push_str(&format!("    fn_index={fn_index},\n")),
    }
    code.push_str(")\nprint(result)\n");
    code
}

fn javascript(root: &str, api_name: Option<&str>, fn_index: usize, params: &[Param]) -> String {
    let uses_files = params.iter().any(|p| p.file);
    let mut code = String::new();
    if uses_files {
        code.push_str("import { readFile } from \"node:fs/promises\";\n");
        code.push_str("import { Client, handle_file } from \"@gradio/client\";\n\n");
    } else {
        code.push_str("import { Client } from \"@gradio/client\";\n\n");
    }
    code.push_str(&format!(
        "const client = await Client.connect({});\n",
        json!(root)
    ));
    let endpoint = api_name.map_or_else(
        || fn_index.to_string(),
        |name| json!(format!("/{name}")).to_string(),
    );
    let values: Vec<String> = params
        .iter()
        .map(|param| {
            if param.file {
                format!(
                    "handle_file(new File([await readFile({0})], {0}))",
                    json!(EXAMPLE_FILE)
                )
            } else {
                param.value.to_string()
            }
        })
        .collect();
    if values.is_empty() {
        code.push_str(&format!(
            "const result = await client.predict({endpoint}, []);\n"
        ));
    } else {
        code.push_str(&format!(
            "const result = await client.predict({endpoint}, [\n"
        ));
        for value in values {
            code.push_str(&format!("  {value},\n"));
        }
        code.push_str("]);\n");
    }
    code.push_str("console.log(result.data);\n");
    // Ends the client's heartbeat, so that the script exits.
    code.push_str("client.close();\n");
    code
}

fn bash(root: &str, api_name: &str, params: &[Param]) -> String {
    let url = format!("{root}gradio_api/call/{api_name}");
    let mut code = String::new();
    let mut data = Vec::new();
    for (n, param) in params.iter().enumerate() {
        if param.file {
            let var = format!("FILE_{n}");
            code.push_str(&format!(
                "{var}=$(curl -s -F 'files=@{EXAMPLE_FILE}' {} | cut -d'\"' -f2)\n",
                sh_quote(&format!("{root}gradio_api/upload"))
            ));
            data.push(format!(
                "{{\"path\": \"'\"${var}\"'\", \"meta\": {{\"_type\": \"gradio.FileData\"}}}}"
            ));
        } else {
            data.push(sh_escape(&param.value.to_string()));
        }
    }
    let body = format!("{{\"data\": [{}]}}", data.join(", "));
    code.push_str(&format!(
        "EVENT_ID=$(curl -s -X POST {} -H 'Content-Type: application/json' -d '{body}' | cut -d'\"' -f4)\n",
        sh_quote(&url)
    ));
    code.push_str(&format!("curl -s -N {}/$EVENT_ID\n", sh_quote(&url)));
    code
}

/// A Python string literal.
fn py_string(text: &str) -> String {
    // A JSON string is a valid Python string literal.
    json!(text).to_string()
}

/// A JSON value as a Python literal.
fn py_literal(value: &Value) -> String {
    match value {
        Value::Null => "None".to_owned(),
        Value::Bool(true) => "True".to_owned(),
        Value::Bool(false) => "False".to_owned(),
        Value::Number(n) => n.to_string(),
        Value::String(s) => py_string(s),
        Value::Array(items) => format!(
            "[{}]",
            items.iter().map(py_literal).collect::<Vec<_>>().join(", ")
        ),
        Value::Object(map) => format!(
            "{{{}}}",
            map.iter()
                .map(|(k, v)| format!("{}: {}", py_string(k), py_literal(v)))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

/// `text` inside a single-quoted shell string: each `'` closed, escaped and reopened.
fn sh_escape(text: &str) -> String {
    text.replace('\'', "'\\''")
}

/// `text` as one single-quoted shell word.
fn sh_quote(text: &str) -> String {
    format!("'{}'", sh_escape(text))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn python_literals_of_json() {
        assert_eq!(
            py_literal(&json!({"a": [1, true, null, "x\"y"]})),
            "{\"a\": [1, True, None, \"x\\\"y\"]}"
        );
    }

    #[test]
    fn single_quotes_survive_the_shell() {
        assert_eq!(sh_quote("it's"), "'it'\\''s'");
    }
}
