//! The embedded front end: the HTML shell, the bundle and the Material Symbols font under
//! content-hashed names, and the icon.

use std::sync::LazyLock;

use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{Html, IntoResponse, Response};

/// One embedded asset with its precompressed forms.
struct Asset {
    name: String,
    content_type: &'static str,
    raw: &'static [u8],
    gzip: &'static [u8],
    brotli: &'static [u8],
}

fn asset(
    stem: &str,
    ext: &str,
    content_type: &'static str,
    raw: &'static [u8],
    gzip: &'static [u8],
    brotli: &'static [u8],
) -> Asset {
    let hash = blake3::hash(raw).to_hex();
    Asset {
        name: format!("{stem}.{}.{ext}", &hash[..12]),
        content_type,
        raw,
        gzip,
        brotli,
    }
}

/// The Material Symbols font (a subset: `scripts/subset-material-symbols.sh`), named by its
/// SHA-256 rather than BLAKE3, so that the front end's build can write the name into the
/// stylesheet's `@font-face` (`frontend/build.mjs`). Already compressed: served as it is.
fn symbols_font() -> Asset {
    use sha2::{Digest, Sha256};
    let raw: &'static [u8] = include_bytes!("../../assets/fonts/material-symbols-rounded.woff2");
    let hash: String = Sha256::digest(raw)
        .iter()
        .take(6)
        .map(|byte| format!("{byte:02x}"))
        .collect();
    Asset {
        name: format!("material-symbols-rounded.{hash}.woff2"),
        content_type: "font/woff2",
        raw,
        gzip: &[],
        brotli: &[],
    }
}

static ASSETS: LazyLock<[Asset; 4]> = LazyLock::new(|| {
    [
        asset(
            "app",
            "js",
            "text/javascript; charset=utf-8",
            include_bytes!("../../assets/app.js"),
            include_bytes!("../../assets/app.js.gz"),
            include_bytes!("../../assets/app.js.br"),
        ),
        asset(
            "app",
            "css",
            "text/css; charset=utf-8",
            include_bytes!("../../assets/app.css"),
            include_bytes!("../../assets/app.css.gz"),
            include_bytes!("../../assets/app.css.br"),
        ),
        // The "Use via API" page, loaded by the bundle only for `?view=api`.
        asset(
            "api",
            "js",
            "text/javascript; charset=utf-8",
            include_bytes!("../../assets/api.js"),
            include_bytes!("../../assets/api.js.gz"),
            include_bytes!("../../assets/api.js.br"),
        ),
        symbols_font(),
    ]
});

/// The favicon: a small boat, hand-drawn SVG.
const FAVICON: &[u8] = include_bytes!("../../assets/favicon.svg");

/// The favicon inlined in the shell as a `data:` URL, so a page load makes no request for it.
static FAVICON_DATA_URL: LazyLock<String> = LazyLock::new(|| {
    let svg = String::from_utf8_lossy(FAVICON);
    let encoded: String = svg
        .chars()
        .map(|c| match c {
            '"' => "'".to_owned(),
            '%' | '#' | '<' | '>' | '\n' | '\r' => format!("%{:02X}", c as u32),
            c => c.to_string(),
        })
        .collect();
    format!("data:image/svg+xml,{encoded}")
});

/// The stylesheet the shell inlines in its `<style>` element, exactly as written there (the
/// page's Content-Security-Policy admits it by its hash).
pub(crate) fn inline_stylesheet() -> std::borrow::Cow<'static, str> {
    let [_, css, _, _] = &*ASSETS;
    String::from_utf8_lossy(css.raw)
}

/// The HTML shell: the bundle's links (relative, so the app works under any path prefix), the
/// declared page as inline JSON (drawn at once, without waiting for a round trip), and the
/// scripts of components written outside Ferry.
pub(crate) fn shell(
    title: &str,
    page_json: &str,
    first_paint: &str,
    scripts: Option<&str>,
) -> Response {
    let [js, _, api, _] = &*ASSETS;
    let title = escape_html(title);
    let components = scripts
        .map(|name| format!("<script type=\"module\" src=\"assets/{name}\"></script>"))
        .unwrap_or_default();
    let page = format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{title}</title><link rel=\"icon\" href=\"{favicon}\" type=\"image/svg+xml\">\
         <style>{css}</style>\
         <script type=\"module\" src=\"assets/{js}\" data-api=\"assets/{api}\"></script>{components}</head>\
         <body><div id=\"ferry-root\">{first_paint}</div>\
         <script type=\"application/json\" id=\"ferry-page\">{page_json}</script></body></html>",
        css = inline_stylesheet(),
        js = js.name,
        api = api.name,
        page_json = escape_json_for_html(page_json),
        favicon = &*FAVICON_DATA_URL,
    );
    let mut response = Html(page).into_response();
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    response
}

/// JSON made safe inside a `<script>` element: no `<`, `>`, `&` or line separators left that
/// could close the element or confuse a parser.
fn escape_json_for_html(json: &str) -> String {
    let mut out = String::with_capacity(json.len() + json.len() / 16);
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}

/// The scripts of an app's own components, served as one module under a content-hashed name.
pub(crate) struct ComponentScripts {
    pub name: String,
    pub body: String,
}

impl ComponentScripts {
    /// Joins the scripts; `None` when there are none.
    pub fn new(scripts: &[String]) -> Option<Self> {
        if scripts.is_empty() {
            return None;
        }
        let body = scripts.join("\n;\n");
        let hash = blake3::hash(body.as_bytes()).to_hex();
        Some(ComponentScripts {
            name: format!("components.{}.js", &hash[..12]),
            body,
        })
    }

    /// The script as a response, cached like the bundle.
    pub fn response(&self) -> Response {
        embedded(
            self.body.clone(),
            "text/javascript; charset=utf-8",
            "public, max-age=31536000, immutable",
        )
    }
}

/// `GET /assets/{name}`: an embedded asset, brotli or gzip when the browser takes it, cached
/// for a year (its name changes with its content).
pub(crate) fn serve_asset(name: &str, headers: &HeaderMap) -> Response {
    let Some(asset) = ASSETS.iter().find(|a| a.name == name) else {
        return (StatusCode::NOT_FOUND, "no such asset").into_response();
    };
    let accepts = headers
        .get(header::ACCEPT_ENCODING)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let (body, encoding) = if accepts_encoding(accepts, "br") && !asset.brotli.is_empty() {
        (asset.brotli, Some("br"))
    } else if accepts_encoding(accepts, "gzip") && !asset.gzip.is_empty() {
        (asset.gzip, Some("gzip"))
    } else {
        (asset.raw, None)
    };
    let mut response = body.into_response();
    let out = response.headers_mut();
    out.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(asset.content_type),
    );
    out.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=31536000, immutable"),
    );
    out.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
    out.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    if let Some(encoding) = encoding {
        out.insert(header::CONTENT_ENCODING, HeaderValue::from_static(encoding));
    }
    response
}

/// `GET /favicon.svg` and `GET /favicon.ico`: the embedded SVG icon (also under the `.ico` name,
/// which browsers ask for on their own), cached for a day: its name does not change with its
/// content.
pub(crate) async fn favicon() -> Response {
    embedded(FAVICON, "image/svg+xml", "public, max-age=86400")
}

/// An embedded body with its type, caching and `nosniff`.
fn embedded(body: impl IntoResponse, content_type: &'static str, cache: &'static str) -> Response {
    let mut response = body.into_response();
    let out = response.headers_mut();
    out.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    out.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
    out.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    response
}

/// Whether an `Accept-Encoding` value accepts `coding` (with a non-zero q).
fn accepts_encoding(header: &str, coding: &str) -> bool {
    header.split(',').any(|part| {
        let mut pieces = part.split(';').map(str::trim);
        let name = pieces.next().unwrap_or("");
        let refused = pieces.any(|p| {
            matches!(
                p.replace(' ', "").as_str(),
                "q=0" | "q=0.0" | "q=0.00" | "q=0.000"
            )
        });
        name.eq_ignore_ascii_case(coding) && !refused
    })
}

fn escape_html(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::{accepts_encoding, escape_json_for_html};

    #[test]
    fn inline_json_cannot_close_its_script_element() {
        let escaped = escape_json_for_html(r#"{"html":"</script><script>alert(1)</script>&"}"#);
        assert!(!escaped.contains('<') && !escaped.contains('>') && !escaped.contains('&'));
        let back: serde_json::Value = serde_json::from_str(&escaped).unwrap_or_default();
        assert_eq!(back["html"], "</script><script>alert(1)</script>&");
    }

    /// The stylesheet's `@font-face` (written by the front end's build) names the font under
    /// the name the server serves it by.
    #[test]
    fn the_stylesheet_names_the_symbols_font_as_served() {
        let font = &super::ASSETS[3];
        assert!(font.name.starts_with("material-symbols-rounded.") && font.name.len() == 43);
        let css = super::inline_stylesheet();
        assert!(
            css.contains(&format!("src:url(assets/{})format(\"woff2\")", font.name)),
            "{}",
            &css[css.len().saturating_sub(300)..]
        );
    }

    #[test]
    fn accept_encoding_is_read_with_q_values() {
        assert!(accepts_encoding("gzip, deflate, br, zstd", "br"));
        assert!(accepts_encoding("gzip;q=0.5", "gzip"));
        assert!(!accepts_encoding("gzip;q=0", "gzip"));
        assert!(!accepts_encoding("identity", "gzip"));
        assert!(!accepts_encoding("", "br"));
    }
}
