//! `FERRY_ALLOWED_ORIGINS` and `FERRY_ALLOWED_HOSTS`: comma-separated lists read when the app
//! starts serving, added to the setters' lists; entries that do not parse are ignored (and
//! logged). The only test in this binary, so that no other test sees the variables.
#![allow(clippy::unwrap_used)]

mod common;

use common::Running;
use ferry_ui::prelude::*;
use serde_json::json;

#[tokio::test]
async fn origins_and_hosts_allowed_by_the_environment_are_served() {
    std::env::set_var(
        "FERRY_ALLOWED_ORIGINS",
        " https://portal.example , not-an-origin,,http://tools.test:9000/",
    );
    std::env::set_var("FERRY_ALLOWED_HOSTS", "app.test, evil test");
    let app = Blocks::new(|b| {
        b.markdown("Hello");
    })
    .allowed_origins(["https://setter.example"]);
    let server = Running::start(app).await;
    let post = |origin: &'static str, host: Option<&'static str>| {
        let mut request = server
            .client
            .post(format!("{}/api/session", server.base))
            .header("origin", origin)
            .json(&json!({}));
        if let Some(host) = host {
            request = request.header("host", host);
        }
        request.send()
    };
    for (origin, status) in [
        ("https://portal.example", 200),
        ("http://tools.test:9000", 200),
        ("https://setter.example", 200),
        ("https://evil.example", 403),
    ] {
        assert_eq!(
            post(origin, None).await.unwrap().status(),
            status,
            "{origin}"
        );
    }
    for (host, status) in [("app.test", 200), ("evil.test", 403)] {
        let response = post("https://portal.example", Some(host)).await.unwrap();
        assert_eq!(response.status(), status, "{host}");
    }
    std::env::remove_var("FERRY_ALLOWED_ORIGINS");
    std::env::remove_var("FERRY_ALLOWED_HOSTS");
}
