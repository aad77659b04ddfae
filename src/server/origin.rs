//! Origins and host names as the Origin and Host checks read them: [`Origin`] (scheme, host,
//! port) and [`HostName`] (host and optional port), parsed strictly so that `null`, look-alikes
//! such as `http://127.0.0.1:7860.evil.test`, paths and user names never compare equal to
//! anything.

use std::fmt;
use std::net::{Ipv4Addr, Ipv6Addr};

/// Why a text is not an origin or a host name.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub(crate) enum OriginError {
    /// No `scheme://` in front.
    #[error("{0:?} has no scheme: write it as scheme://host[:port], e.g. https://example.com")]
    NoScheme(String),
    /// Something after the host and port: a path, a query, user info or spaces.
    #[error("{0:?} is not only scheme://host[:port] (no path, query, user name or spaces)")]
    NotOnlyAnOrigin(String),
    /// The host is empty or has characters host names do not have.
    #[error("{0:?} has no valid host name")]
    BadHost(String),
    /// The port is not a number from 0 to 65535.
    #[error("{0:?} has a port that is not a number from 0 to 65535")]
    BadPort(String),
}

/// A web origin: scheme, host and port, compared exactly (the port defaults to the scheme's:
/// 80 for `http`, 443 for `https`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Origin {
    scheme: String,
    host: String,
    port: Option<u16>,
}

impl Origin {
    /// Parses an `Origin` header value or a configured origin: `scheme://host[:port]`, nothing
    /// else. Scheme and host are compared without case.
    pub fn parse(text: &str) -> Result<Origin, OriginError> {
        let Some((scheme, authority)) = text.split_once("://") else {
            return Err(OriginError::NoScheme(text.to_owned()));
        };
        let scheme_ok = scheme.starts_with(|c: char| c.is_ascii_alphabetic())
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
        if !scheme_ok {
            return Err(OriginError::NoScheme(text.to_owned()));
        }
        if authority.contains(['/', '?', '#', '@', '\\']) || authority.contains(char::is_whitespace)
        {
            return Err(OriginError::NotOnlyAnOrigin(text.to_owned()));
        }
        let host = HostName::parse(authority).map_err(|error| match error {
            OriginError::BadPort(_) => OriginError::BadPort(text.to_owned()),
            _ => OriginError::BadHost(text.to_owned()),
        })?;
        let scheme = scheme.to_ascii_lowercase();
        let port = host.port.or_else(|| default_port(&scheme));
        Ok(Origin {
            scheme,
            host: host.host,
            port,
        })
    }

    /// The origin a request reached: `scheme` and the request's `Host`.
    pub fn of_request(scheme: &str, host: &HostName) -> Origin {
        let scheme = scheme.to_ascii_lowercase();
        let port = host.port.or_else(|| default_port(&scheme));
        Origin {
            scheme,
            host: host.host.clone(),
            port,
        }
    }
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}://{}", self.scheme, self.host)?;
        match self.port {
            Some(port) if Some(port) != default_port(&self.scheme) => write!(f, ":{port}"),
            _ => Ok(()),
        }
    }
}

/// The port a scheme means when the origin names none.
fn default_port(scheme: &str) -> Option<u16> {
    match scheme {
        "http" | "ws" => Some(80),
        "https" | "wss" => Some(443),
        _ => None,
    }
}

/// A host and an optional port, as in a `Host` header (`127.0.0.1:7860`, `[::1]`,
/// `example.com`). IP addresses are kept in their canonical form, names in lower case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct HostName {
    host: String,
    port: Option<u16>,
}

impl HostName {
    /// Parses `host[:port]`; an IPv6 address is written in brackets.
    pub fn parse(text: &str) -> Result<HostName, OriginError> {
        let bad_host = || OriginError::BadHost(text.to_owned());
        let (host, port) = if let Some(rest) = text.strip_prefix('[') {
            let (inside, after) = rest.split_once(']').ok_or_else(bad_host)?;
            let address: Ipv6Addr = inside.parse().map_err(|_| bad_host())?;
            (format!("[{address}]"), after)
        } else {
            let (host, port) = match text.rfind(':') {
                Some(colon) => text.split_at(colon),
                None => (text, ""),
            };
            (name_or_ipv4(host).ok_or_else(bad_host)?, port)
        };
        let port = match port {
            "" => None,
            port => Some(parse_port(port).ok_or_else(|| OriginError::BadPort(text.to_owned()))?),
        };
        Ok(HostName { host, port })
    }

    /// The name of a bound address: `127.0.0.1`, `[::1]`.
    pub fn of_ip(ip: std::net::IpAddr) -> HostName {
        let host = match ip {
            std::net::IpAddr::V4(v4) => v4.to_string(),
            std::net::IpAddr::V6(v6) => format!("[{v6}]"),
        };
        HostName { host, port: None }
    }

    /// Whether `other` is this host; a port, when this one names one, must match too
    /// (`default_port` standing for a `Host` without one).
    pub fn admits(&self, other: &HostName, default_port: Option<u16>) -> bool {
        self.host == other.host
            && match self.port {
                None => true,
                Some(port) => other.port.or(default_port) == Some(port),
            }
    }
}

impl fmt::Display for HostName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.host)?;
        match self.port {
            Some(port) => write!(f, ":{port}"),
            None => Ok(()),
        }
    }
}

/// `:` and 1 to 5 digits, at most 65535.
fn parse_port(text: &str) -> Option<u16> {
    let digits = text.strip_prefix(':')?;
    if digits.is_empty() || digits.len() > 5 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}

/// A host name (letters, digits, `-`, `_` and dots between labels), lower-cased, or an IPv4
/// address in its canonical form.
fn name_or_ipv4(text: &str) -> Option<String> {
    if let Ok(v4) = text.parse::<Ipv4Addr>() {
        return Some(v4.to_string());
    }
    let label_ok = |label: &str| {
        !label.is_empty()
            && label.len() <= 63
            && label
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    };
    let ok = !text.is_empty() && text.len() <= 253 && text.split('.').all(label_ok);
    // A name whose last label is a number (`127.1`, `0x7f.0.0.1`) but that is not a canonical
    // IPv4 address is refused: browsers would read it as an address.
    let last = text.rsplit('.').next().unwrap_or_default();
    let hex = last
        .strip_prefix("0x")
        .or_else(|| last.strip_prefix("0X"))
        .is_some_and(|digits| digits.bytes().all(|b| b.is_ascii_hexdigit()));
    let numeric = hex || last.bytes().all(|b| b.is_ascii_digit());
    (ok && !numeric).then(|| text.to_ascii_lowercase())
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn origins_are_read_exactly() {
        for (text, parsed) in [
            ("http://127.0.0.1:7860", Some("http://127.0.0.1:7860")),
            ("HTTP://LocalHost:7860", Some("http://localhost:7860")),
            ("https://example.com", Some("https://example.com")),
            ("https://example.com:443", Some("https://example.com")),
            ("http://[::1]:7860", Some("http://[::1]:7860")),
            ("http://[0:0:0:0:0:0:0:1]:7860", Some("http://[::1]:7860")),
            (
                "chrome-extension://abcdef",
                Some("chrome-extension://abcdef"),
            ),
            ("null", None),
            ("", None),
            ("127.0.0.1:7860", None),
            ("http://", None),
            ("http://127.0.0.1:7860.evil.test", None),
            ("http://127.0.0.1:7860/", None),
            ("http://127.0.0.1:7860/path", None),
            ("http://user@127.0.0.1:7860", None),
            ("http://127.0.0.1:78600", None),
            ("http://127.0.0.1:", None),
            ("http://127.0.0.1:+80", None),
            ("http://127.1", None),
            ("http://0x7f.0.0.1", None),
            ("http://exa mple.com", None),
            ("http://[::1", None),
            ("http://a..b", None),
            ("1http://a", None),
        ] {
            let got = Origin::parse(text).ok().map(|o| o.to_string());
            assert_eq!(got.as_deref(), parsed, "{text:?}");
        }
    }

    #[test]
    fn an_origin_equals_only_the_same_scheme_host_and_port() {
        let own = Origin::parse("http://127.0.0.1:7860").unwrap();
        assert_eq!(Origin::parse("http://127.0.0.1:7860").unwrap(), own);
        for other in [
            "https://127.0.0.1:7860",
            "http://127.0.0.1:7861",
            "http://127.0.0.1",
            "http://localhost:7860",
            "http://127.0.0.1.evil.test:7860",
        ] {
            assert_ne!(Origin::parse(other).unwrap(), own, "{other}");
        }
        let host = HostName::parse("example.com").unwrap();
        assert_eq!(
            Origin::of_request("https", &host),
            Origin::parse("https://example.com:443").unwrap()
        );
    }

    #[test]
    fn host_names_admit_any_port_unless_they_name_one() {
        let any = HostName::parse("app.test").unwrap();
        let exact = HostName::parse("app.test:8080").unwrap();
        let at = |text| HostName::parse(text).unwrap();
        assert!(any.admits(&at("app.test:1"), Some(80)));
        assert!(any.admits(&at("APP.test"), Some(80)));
        assert!(!any.admits(&at("app.test.evil"), Some(80)));
        assert!(exact.admits(&at("app.test:8080"), Some(80)));
        assert!(!exact.admits(&at("app.test"), Some(80)));
        assert!(!exact.admits(&at("app.test:8081"), Some(80)));
        assert_eq!(HostName::of_ip("::1".parse().unwrap()).to_string(), "[::1]");
    }

    proptest! {
        /// Whatever the text, parsing answers without panicking, and what parses prints as
        /// an origin that parses back to itself.
        #[test]
        fn parsing_never_panics_and_round_trips(text in "\\PC{0,40}") {
            if let Ok(origin) = Origin::parse(&text) {
                prop_assert_eq!(Origin::parse(&origin.to_string()), Ok(origin));
            }
            let _ = HostName::parse(&text);
        }

        #[test]
        fn a_suffix_after_the_port_is_never_an_origin(port in 0u16.., tail in "[.a-z]{1,12}") {
            let look_alike = format!("http://127.0.0.1:{port}{tail}");
            prop_assert!(Origin::parse(&look_alike).is_err());
        }
    }
}
