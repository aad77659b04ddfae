//! The front end's wire types (`frontend/src/protocol.ts`) against the Rust ones
//! (`ferry_ui::protocol`): every message, serialised, has exactly the fields its TypeScript
//! interface declares, and every enum the values of its TypeScript union.
#![allow(clippy::unwrap_used)]

use std::collections::BTreeSet;

use ferry_ui::protocol::*;
use serde::Serialize;
use serde_json::{json, Map, Value};

const PROTOCOL_TS: &str = include_str!("../frontend/src/protocol.ts");

/// The field names an interface declares, with those of the interfaces it extends.
fn ts_fields(name: &str) -> BTreeSet<String> {
    let start = PROTOCOL_TS
        .find(&format!("export interface {name} "))
        .unwrap_or_else(|| panic!("protocol.ts has no interface {name}"));
    let header_end = start + PROTOCOL_TS[start..].find('{').unwrap();
    let body_end = header_end + PROTOCOL_TS[header_end..].find("\n}").unwrap();
    let mut fields: BTreeSet<String> = PROTOCOL_TS[header_end + 1..body_end]
        .lines()
        .map(str::trim)
        .filter(|line| !line.starts_with("/*") && !line.starts_with('*') && !line.is_empty())
        .filter_map(|line| line.split([':', '?']).next())
        .map(str::to_owned)
        .collect();
    let header = &PROTOCOL_TS[start..header_end];
    if let Some(parents) = header.split(" extends ").nth(1) {
        for parent in parents.split(',').map(str::trim) {
            fields.extend(ts_fields(parent));
        }
    }
    fields
}

/// The string values of a TypeScript union of literals.
fn ts_union(name: &str) -> BTreeSet<String> {
    let start = PROTOCOL_TS
        .find(&format!("export type {name} = "))
        .unwrap_or_else(|| panic!("protocol.ts has no type {name}"));
    let line = PROTOCOL_TS[start..].lines().next().unwrap();
    line.split('=')
        .nth(1)
        .unwrap()
        .split('|')
        .map(|v| v.trim().trim_end_matches(';').trim_matches('"').to_owned())
        .collect()
}

fn keys<T: Serialize>(value: &T) -> BTreeSet<String> {
    match serde_json::to_value(value).unwrap() {
        Value::Object(map) => map.keys().cloned().collect(),
        other => panic!("not an object: {other}"),
    }
}

fn string_of<T: Serialize>(value: &T) -> String {
    serde_json::to_value(value)
        .unwrap()
        .as_str()
        .unwrap()
        .to_owned()
}

fn node() -> ComponentNode {
    ComponentNode {
        kind: "row",
        id: 0,
        props: Map::new(),
        children: Some(Vec::new()),
        kept: true,
    }
}

fn page() -> PageDescription {
    PageDescription {
        title: "t".into(),
        root: node(),
        dependencies: vec![dependency()],
        errors: vec![ComponentError {
            component: 0,
            message: "m".into(),
        }],
        script: true,
        seq: Some(2),
        base: Some(1),
        fragment: Some(3),
    }
}

fn dependency() -> DependencyInfo {
    DependencyInfo {
        id: 0,
        triggers: vec![(0, "click")],
        inputs: vec![],
        outputs: vec![],
        trigger_mode: TriggerMode::Once,
        show_progress: ShowProgress::Full,
        scroll_to_output: false,
        api_name: None,
        api_visibility: ApiVisibility::Public,
        js: false,
        backend: true,
        after: Some(After {
            dependency: 0,
            when: Chain::Success,
        }),
    }
}

fn answer() -> RunAnswer {
    RunAnswer {
        updates: vec![UpdateMessage {
            id: 0,
            props: Map::new(),
        }],
        error: Some(error()),
        cancelled: false,
        page: Some(Box::new(page())),
    }
}

fn error() -> RunErrorMessage {
    RunErrorMessage {
        message: "m".into(),
        title: None,
        component: None,
        duration: None,
    }
}

#[test]
fn every_message_has_the_fields_its_typescript_interface_declares() {
    let request: RunRequest = serde_json::from_value(
        json!({ "session": "s", "dependency": 0, "trigger": [0, "click"], "data": [], "stream": true, "shown": 1 }),
    )
    .unwrap();
    let cases: Vec<(&str, BTreeSet<String>)> = vec![
        ("ComponentNode", keys(&node())),
        ("Dependency", keys(&dependency())),
        ("After", keys(&dependency().after.unwrap())),
        ("ComponentError", keys(&page().errors[0])),
        ("PageDescription", keys(&page())),
        (
            "SessionInfo",
            keys(&SessionInfo {
                session: "s".into(),
                page: page(),
            }),
        ),
        ("RunRequest", keys(&request)),
        ("Update", keys(&answer().updates[0])),
        ("RunError", keys(&error())),
        ("RunResult", keys(&RunReply::Done(answer()))),
        ("RunPending", keys(&RunReply::Pending { pending: 1 })),
        (
            "StreamResult",
            keys(&StreamMessage::Result {
                run: 1,
                answer: answer(),
            }),
        ),
        (
            "StreamProgress",
            keys(&StreamMessage::Progress {
                run: 1,
                dependency: 0,
                fraction: None,
                description: None,
            }),
        ),
        (
            "StreamToast",
            keys(&StreamMessage::Toast {
                level: ToastLevel::Info,
                title: None,
                message: "m".into(),
                duration: Some(10.0),
            }),
        ),
        (
            "StreamUpdates",
            keys(&StreamMessage::Updates { updates: vec![] }),
        ),
        (
            "StreamQueue",
            keys(&StreamMessage::Queue {
                run: 1,
                dependency: 0,
                position: 1,
                size: 1,
                eta: None,
            }),
        ),
        (
            "StreamPartial",
            keys(&StreamMessage::Partial {
                run: 1,
                dependency: 0,
                updates: vec![],
            }),
        ),
        ("UploadAnswer", keys(&UploadAnswer { files: vec![] })),
        ("ErrorAnswer", keys(&ErrorBody { error: "e".into() })),
    ];
    for (name, rust) in cases {
        assert_eq!(
            ts_fields(name),
            rust,
            "protocol.ts {name} against the Rust type"
        );
    }
}

#[test]
fn every_enum_has_the_values_of_its_typescript_union() {
    let modes = [
        TriggerMode::Once,
        TriggerMode::Multiple,
        TriggerMode::AlwaysLast,
    ];
    let progress = [
        ShowProgress::Full,
        ShowProgress::Minimal,
        ShowProgress::Hidden,
    ];
    let levels = [ToastLevel::Info, ToastLevel::Warning, ToastLevel::Error];
    let chains = [Chain::Then, Chain::Success, Chain::Failure];
    let visibilities = [
        ApiVisibility::Public,
        ApiVisibility::Undocumented,
        ApiVisibility::Private,
    ];
    let cases: Vec<(&str, BTreeSet<String>)> = vec![
        ("TriggerMode", modes.iter().map(string_of).collect()),
        ("ShowProgress", progress.iter().map(string_of).collect()),
        ("ToastLevel", levels.iter().map(string_of).collect()),
        ("Chain", chains.iter().map(string_of).collect()),
        (
            "ApiVisibility",
            visibilities.iter().map(string_of).collect(),
        ),
    ];
    for (name, rust) in cases {
        assert_eq!(
            ts_union(name),
            rust,
            "protocol.ts {name} against the Rust enum"
        );
    }
    // The stream's message kinds, as the Rust messages serialise them.
    let samples = [
        (
            "StreamResult",
            StreamMessage::Result {
                run: 1,
                answer: answer(),
            },
        ),
        (
            "StreamProgress",
            StreamMessage::Progress {
                run: 1,
                dependency: 0,
                fraction: None,
                description: None,
            },
        ),
        (
            "StreamToast",
            StreamMessage::Toast {
                level: ToastLevel::Info,
                title: None,
                message: "m".into(),
                duration: Some(10.0),
            },
        ),
        ("StreamUpdates", StreamMessage::Updates { updates: vec![] }),
        (
            "StreamPartial",
            StreamMessage::Partial {
                run: 1,
                dependency: 0,
                updates: vec![],
            },
        ),
    ];
    let kinds: BTreeSet<String> = samples
        .iter()
        .map(|(_, message)| {
            serde_json::to_value(message).unwrap()["kind"]
                .as_str()
                .unwrap()
                .to_owned()
        })
        .collect();
    let ts_kinds: BTreeSet<String> = samples
        .iter()
        .map(|(name, _)| {
            let start = PROTOCOL_TS
                .find(&format!("export interface {name} "))
                .unwrap();
            let kind = &PROTOCOL_TS[start..];
            let at = kind.find("kind: \"").unwrap() + 7;
            kind[at..at + kind[at..].find('"').unwrap()].to_owned()
        })
        .collect();
    let union = PROTOCOL_TS
        .split("export type StreamMessage =")
        .nth(1)
        .unwrap()
        .split(';')
        .next()
        .unwrap();
    for (name, _) in &samples {
        assert!(union.contains(name), "StreamMessage lists {name}");
    }
    assert_eq!(ts_kinds, kinds);
}
