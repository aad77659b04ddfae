//! Checking and naming URL sources without fetching them.

use percent_encoding::percent_decode_str;

use super::{FileError, Result};

/// The decoded last path segment of a URL, without query or fragment; a `/` or `\\` it held
/// encoded (`%2F`) ends a segment too.
pub(super) fn url_file_name(url: &str) -> String {
    let no_frag = url.split('#').next().unwrap_or_default();
    let no_query = no_frag.split('?').next().unwrap_or_default();
    let after_scheme = no_query.split_once("://").map_or(no_query, |(_, r)| r);
    match after_scheme.split_once('/') {
        Some((_, path)) => {
            let last = path.rsplit('/').next().unwrap_or_default();
            let decoded = percent_decode_str(last).decode_utf8_lossy();
            let name = decoded.rsplit(['/', '\\']).next().unwrap_or_default();
            name.to_owned()
        }
        None => String::new(),
    }
}

/// Accepts absolute `http://` and `https://` URLs with a non-empty host and no whitespace or
/// control characters.
pub(super) fn check_url(url: &str) -> Result<()> {
    let bad = || FileError::BadUrl {
        url: url.to_owned(),
    };
    if url.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(bad());
    }
    let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    let rest = if lower.starts_with("https://") {
        &url[8..]
    } else if lower.starts_with("http://") {
        &url[7..]
    } else {
        return Err(bad());
    };
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host_port = authority.rsplit('@').next().unwrap_or_default();
    let host = if let Some(v6) = host_port.strip_prefix('[') {
        let (ip, port) = v6.split_once(']').ok_or_else(bad)?;
        check_port(port.strip_prefix(':').unwrap_or(port)).ok_or_else(bad)?;
        ip
    } else {
        let (host, port) = host_port.split_once(':').unwrap_or((host_port, ""));
        check_port(port).ok_or_else(bad)?;
        host
    };
    if host.is_empty() || host.contains(['[', ']', '\\', '<', '>', '"', '^', '`', '{', '|', '}']) {
        return Err(bad());
    }
    Ok(())
}

/// An empty port or one made of digits that fits in `u16`.
fn check_port(port: &str) -> Option<()> {
    (port.is_empty() || port.parse::<u16>().is_ok()).then_some(())
}
