//! The app's cross-origin settings: the other origins whose pages may use its API, the host
//! names it answers to besides the loopback ones, and who may frame its page. Set them with
//! [`App::allowed_origins`], [`App::allowed_hosts`] and [`App::frame_ancestors`];
//! `FERRY_ALLOWED_ORIGINS` and `FERRY_ALLOWED_HOSTS` add to the first two when the app starts
//! serving.

use std::net::SocketAddr;

use crate::app::App;

use super::guard::Guard;
use super::origin::{HostName, Origin, OriginError};
use super::page_headers::PagePolicy;

/// The host names a server on a loopback address always answers to, besides its own address.
const LOOPBACK_NAMES: [&str; 3] = ["localhost", "127.0.0.1", "[::1]"];

/// What the setters recorded; resolved into a [`Guard`] when the app starts serving.
#[derive(Clone, Debug, Default)]
pub(crate) struct Security {
    origins: Vec<Origin>,
    hosts: Vec<HostName>,
    frame_ancestors: Option<Vec<String>>,
}

impl Security {
    /// The checks of an app served on `listening` (`None` when it is mounted in another app
    /// and cannot know where it listens), with the environment's lists added.
    ///
    /// The Host check applies when the app listens on a loopback address, or when a list of
    /// hosts was given (by a setter or the environment); it then admits the loopback names,
    /// the bound address and the list.
    pub fn guard(&self, listening: Option<SocketAddr>) -> Guard {
        let mut origins = self.origins.clone();
        origins.extend(from_env("FERRY_ALLOWED_ORIGINS", configured_origin));
        let mut hosts = self.hosts.clone();
        hosts.extend(from_env("FERRY_ALLOWED_HOSTS", configured_host));
        let on_loopback = listening.is_some_and(|address| address.ip().is_loopback());
        let hosts = (on_loopback || !hosts.is_empty()).then(|| {
            let mut admitted: Vec<HostName> = LOOPBACK_NAMES
                .iter()
                .filter_map(|name| HostName::parse(name).ok())
                .collect();
            admitted.extend(listening.map(|address| HostName::of_ip(address.ip())));
            admitted.extend(hosts);
            admitted
        });
        let policy = PagePolicy::new(self.frame_ancestors.as_deref());
        Guard::new(origins, hosts, policy)
    }
}

/// The entries of a comma-separated variable that parse; the others are warned about.
fn from_env<T>(name: &str, parse: fn(&str) -> Result<T, String>) -> Vec<T> {
    let Ok(text) = std::env::var(name) else {
        return Vec::new();
    };
    text.split(',')
        .map(str::trim)
        .filter(|entry| !entry.is_empty())
        .filter_map(|entry| {
            parse(entry)
                .inspect_err(|error| tracing::warn!("{name}: {error}; ignored"))
                .ok()
        })
        .collect()
}

/// A configured origin: `scheme://host[:port]`, a trailing `/` allowed; `*` and `null` refused.
fn configured_origin(text: &str) -> Result<Origin, String> {
    let text = text.trim();
    match text {
        "*" => Err("\"*\" would let every website use the app: list the origins".to_owned()),
        "null" => Err(
            "\"null\" is the origin of sandboxed frames and local files, which any site can \
             make: it cannot be allowed"
                .to_owned(),
        ),
        _ => Origin::parse(text.strip_suffix('/').unwrap_or(text))
            .map_err(|error: OriginError| error.to_string()),
    }
}

/// A configured host name: `name` or `name:port` (an IPv6 address in brackets).
fn configured_host(text: &str) -> Result<HostName, String> {
    HostName::parse(text.trim()).map_err(|error| error.to_string())
}

/// A `frame-ancestors` source: visible ASCII, without the `;` and `,` that end a directive.
fn frame_source(text: &str) -> Result<String, String> {
    let text = text.trim();
    let ok = !text.is_empty()
        && text
            .bytes()
            .all(|b| b.is_ascii_graphic() && b != b';' && b != b',');
    if ok {
        Ok(text.to_owned())
    } else {
        Err(format!(
            "{text:?} is not a frame-ancestors source such as 'self' or https://example.com"
        ))
    }
}

/// Parses every entry with `parse`, panicking at the caller's line on the first bad one.
#[track_caller]
fn all_or_panic<T>(
    setter: &str,
    entries: impl IntoIterator<Item = impl AsRef<str>>,
    parse: fn(&str) -> Result<T, String>,
) -> Vec<T> {
    entries
        .into_iter()
        .map(|entry| match parse(entry.as_ref()) {
            Ok(parsed) => parsed,
            Err(error) => panic!("App::{setter}: {error}"),
        })
        .collect()
}

/// Cross-origin settings.
///
/// Whatever these say, every state-changing route (`api/session`, `api/run`, `api/upload`)
/// and the stream's opening refuse, with 403, an `Origin` that is not the app's own (the
/// scheme and `Host` the request reached) nor an allowed one; and a server listening on a
/// loopback address answers only to the loopback names, its own address and the allowed
/// hosts. See the README's "Security" section.
impl App {
    /// Lets pages on these origins (`scheme://host[:port]`, e.g. `https://portal.example.com`)
    /// start sessions, run events, upload files and open the stream, as the app's own page
    /// does. `FERRY_ALLOWED_ORIGINS` (comma-separated) adds more when the app starts serving.
    /// A browser still cannot read the answers from another origin (Ferry sends no CORS
    /// header): this is for pages that post to the app, such as a portal's form, and for
    /// proxies that change the scheme or host. Replaces earlier calls' lists.
    ///
    /// Defaults to none: only the app's own origin.
    ///
    /// # Panics
    ///
    /// When an entry is not an origin (`example.com`, `https://example.com/path`), or is `*`
    /// or `null`.
    ///
    /// ```
    /// use ferry_ui::prelude::*;
    ///
    /// let app = Blocks::new(|b| {
    ///     b.markdown("Hello");
    /// })
    /// .allowed_origins(["https://portal.example.com"]);
    /// # let answer = |origin: &str| ferry_ui::testing::post_session(&app, "app.example.com", origin);
    /// # assert_eq!(answer("https://portal.example.com"), 200);
    /// # assert_eq!(answer("https://app.example.com"), 403); // https, but the request came by http
    /// # assert_eq!(answer("http://app.example.com"), 200);
    /// # assert_eq!(answer("https://evil.example"), 403);
    /// ```
    #[track_caller]
    pub fn allowed_origins(mut self, origins: impl IntoIterator<Item = impl AsRef<str>>) -> Self {
        self.security.origins = all_or_panic("allowed_origins", origins, configured_origin);
        self
    }

    /// Answers requests whose `Host` is one of these names (`app.example.com`, or
    /// `app.example.com:8080` for that port only), besides `localhost`, `127.0.0.1`, `[::1]` and
    /// the address the app listens on. `FERRY_ALLOWED_HOSTS` (comma-separated) adds more when
    /// the app starts serving. Replaces earlier calls' lists.
    ///
    /// An app listening on a loopback address refuses other hosts with 403 (the defence
    /// against DNS rebinding: a page on `evil.test` whose name now points to 127.0.0.1).
    /// An app listening on another address (`0.0.0.0`), or mounted in another axum app with
    /// [`into_router`](Self::into_router), answers every host unless a list is given here or
    /// in the environment: then it answers only the loopback names and the list.
    ///
    /// Defaults to none: the loopback names only, on a loopback address.
    ///
    /// # Panics
    ///
    /// When an entry is not a host name with an optional port.
    ///
    /// ```
    /// use ferry_ui::prelude::*;
    ///
    /// let app = Blocks::new(|b| {
    ///     b.markdown("Hello");
    /// })
    /// .allowed_hosts(["app.example.com"]);
    /// # let answer = |host: &str| ferry_ui::testing::get_page(&app, host);
    /// # assert_eq!(answer("app.example.com"), 200);
    /// # assert_eq!(answer("localhost:7860"), 200);
    /// # assert_eq!(answer("evil.test"), 403);
    /// ```
    #[track_caller]
    pub fn allowed_hosts(mut self, hosts: impl IntoIterator<Item = impl AsRef<str>>) -> Self {
        self.security.hosts = all_or_panic("allowed_hosts", hosts, configured_host);
        self
    }

    /// Lets these sources frame the page: the `frame-ancestors` directive of its
    /// Content-Security-Policy, e.g. `["'self'", "https://portal.example.com"]`; an empty list
    /// means `'none'` (no page may frame it). Replaces earlier calls' lists.
    ///
    /// Defaults to `'self'`: only pages of the app's own origin may frame it.
    ///
    /// # Panics
    ///
    /// When a source is empty or has spaces, `;` or `,`.
    ///
    /// ```
    /// use ferry_ui::prelude::*;
    ///
    /// let app = Blocks::new(|b| {
    ///     b.markdown("Hello");
    /// })
    /// .frame_ancestors(["'self'", "https://portal.example.com"]);
    /// # let csp = ferry_ui::testing::page_policy(&app);
    /// # assert!(csp.ends_with("; frame-ancestors 'self' https://portal.example.com"), "{csp}");
    /// ```
    #[track_caller]
    pub fn frame_ancestors(mut self, sources: impl IntoIterator<Item = impl AsRef<str>>) -> Self {
        self.security.frame_ancestors =
            Some(all_or_panic("frame_ancestors", sources, frame_source));
        self
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn configured_origins_may_end_with_a_slash_but_not_be_wildcards() {
        assert_eq!(
            configured_origin("https://a.example/").unwrap().to_string(),
            "https://a.example"
        );
        assert!(configured_origin("*")
            .unwrap_err()
            .contains("every website"));
        assert!(configured_origin("null")
            .unwrap_err()
            .contains("cannot be allowed"));
        assert_eq!(
            configured_origin("a.example").unwrap_err(),
            "\"a.example\" has no scheme: write it as scheme://host[:port], e.g. https://example.com"
        );
    }

    #[test]
    fn frame_sources_cannot_end_the_directive() {
        assert_eq!(frame_source(" 'self' ").unwrap(), "'self'");
        assert!(frame_source("https://a.example; script-src *").is_err());
        assert!(frame_source("a,b").is_err());
        assert!(frame_source("").is_err());
    }

    #[test]
    #[should_panic(expected = "App::allowed_hosts: \"evil test\" has no valid host name")]
    fn a_bad_host_panics_at_the_setter() {
        let _ = all_or_panic("allowed_hosts", ["evil test"], configured_host);
    }
}
