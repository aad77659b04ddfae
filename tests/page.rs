//! The HTML shell and the embedded bundle: hashed names, long-lived caching, precompression.
#![allow(clippy::unwrap_used)]

mod common;

use common::Running;
use ferry_ui::prelude::*;

fn script_name(html: &str) -> String {
    let find = |ext: &str| {
        let end = html.find(&format!(".{ext}\"")).unwrap() + ext.len() + 1;
        // Relative to the page, so that the app works under a path prefix.
        let start = html[..end].rfind("\"assets/").unwrap() + 1;
        format!("/{}", &html[start..end])
    };
    // The stylesheet is inlined in the shell: the first paint needs no request for it.
    find("js")
}

#[tokio::test]
async fn the_shell_loads_a_hashed_precompressed_immutable_bundle() {
    let server = Running::start(Blocks::new(|b| {
        b.title("Reports <&>");
        b.markdown("hi");
    }))
    .await;
    let response = server.get("/").await;
    assert_eq!(response.status(), 200);
    assert_eq!(
        response.headers()["content-type"],
        "text/html; charset=utf-8"
    );
    let html = response.text().await.unwrap();
    assert!(
        html.contains("<title>Reports &lt;&amp;&gt;</title>"),
        "{html}"
    );
    // The declared page is drawn as HTML too, so that it shows before the script has loaded.
    assert!(
        html.contains(
            "<div id=\"ferry-root\"><main class=\"ferry-app\"><div data-testid=\"column\" \
             class=\"ferry-block ferry-column ferry-variant-default\"><div data-testid=\"markdown\" \
             class=\"ferry-block ferry-markdown\"><div class=\"ferry-prose\"><p>hi</p>\n</div></div>"
        ),
        "{html}"
    );
    assert!(!html.contains("\"/assets/"), "no absolute URL: {html}");
    // The declared page is in the shell, so the page draws without a round trip.
    let start = html.find("id=\"ferry-page\">").unwrap() + "id=\"ferry-page\">".len();
    let end = start + html[start..].find("</script>").unwrap();
    let page: serde_json::Value = serde_json::from_str(&html[start..end]).unwrap();
    assert_eq!(page["title"], "Reports <&>");
    assert_eq!(page["root"]["children"][0]["props"]["html"], "<p>hi</p>\n");
    assert!(page.get("session").is_none());
    let stylesheet = format!("<style>{}</style>", include_str!("../assets/app.css"));
    assert!(html.contains(&stylesheet), "the stylesheet is inlined");
    let js = script_name(&html);
    let hash = js
        .trim_start_matches("/assets/app.")
        .trim_end_matches(".js");
    assert_eq!(hash.len(), 12);
    assert!(hash.chars().all(|c| c.is_ascii_hexdigit()));

    for (path, raw, br, gz, content_type) in [(
        &js,
        &include_bytes!("../assets/app.js")[..],
        &include_bytes!("../assets/app.js.br")[..],
        &include_bytes!("../assets/app.js.gz")[..],
        "text/javascript; charset=utf-8",
    )] {
        for (accept, encoding, body) in [
            ("gzip, deflate, br", Some("br"), br),
            ("gzip", Some("gzip"), gz),
            ("identity", None, raw),
        ] {
            let response = server
                .client
                .get(format!("{}{path}", server.base))
                .header("accept-encoding", accept)
                .send()
                .await
                .unwrap();
            assert_eq!(response.status(), 200);
            let headers = response.headers();
            assert_eq!(headers["content-type"], content_type);
            assert_eq!(
                headers["cache-control"],
                "public, max-age=31536000, immutable"
            );
            assert_eq!(
                headers.get("content-encoding").map(|v| v.to_str().unwrap()),
                encoding
            );
            assert_eq!(response.bytes().await.unwrap(), body);
        }
    }
    assert_eq!(
        server.get("/assets/app.000000000000.js").await.status(),
        404
    );
}

/// Ferry's page is kilobytes, not megabytes: the shell plus the brotli bundle stay small.
#[test]
fn the_whole_page_weighs_less_than_40_kilobytes_compressed() {
    let weight =
        include_bytes!("../assets/app.js.br").len() + include_bytes!("../assets/app.css.br").len();
    assert!(
        weight < 40 * 1024,
        "the compressed bundle weighs {weight} bytes"
    );
}

/// The icon is embedded and served under both names browsers use; the shell links it with a
/// relative URL, so that an app mounted under a path prefix still finds it.
#[tokio::test]
async fn the_favicon_is_an_embedded_svg_linked_from_the_shell() {
    let server = Running::start(Blocks::new(|b| {
        b.markdown("hi");
    }))
    .await;
    let svg = include_bytes!("../assets/favicon.svg");
    assert!(svg.len() < 1024, "the favicon weighs {} bytes", svg.len());
    assert!(svg.starts_with(b"<svg "));

    let html = server.get("/").await.text().await.unwrap();
    assert!(
        // Inlined, so that a page load makes no request for it.
        html.contains(r#"<link rel="icon" href="data:image/svg+xml,%3Csvg"#),
        "{html}"
    );

    for path in ["/favicon.svg", "/favicon.ico"] {
        let response = server.get(path).await;
        assert_eq!(response.status(), 200, "{path}");
        let headers = response.headers();
        assert_eq!(headers["content-type"], "image/svg+xml", "{path}");
        assert_eq!(headers["cache-control"], "public, max-age=86400", "{path}");
        assert_eq!(headers["x-content-type-options"], "nosniff", "{path}");
        assert_eq!(response.bytes().await.unwrap(), &svg[..], "{path}");
    }
}
