//! Where the server listens: defaults and environment variables.

use super::LaunchError;

/// The address an app listens on.
///
/// Defaults to 127.0.0.1:7860; `FERRY_SERVER_NAME` and `FERRY_SERVER_PORT` override them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ServerConfig {
    /// The host name or IP address to bind. Defaults to `127.0.0.1`.
    pub server_name: String,
    /// The port to bind; when taken, the next free one is used. Defaults to 7860.
    pub server_port: u16,
    /// Whether the port may move to the next free one when taken. Defaults to `true`.
    pub find_free_port: bool,
}

impl Default for ServerConfig {
    fn default() -> Self {
        ServerConfig {
            server_name: "127.0.0.1".to_owned(),
            server_port: 7860,
            find_free_port: true,
        }
    }
}

impl ServerConfig {
    /// The defaults, overridden by `FERRY_SERVER_NAME` and `FERRY_SERVER_PORT` when set.
    ///
    /// # Errors
    ///
    /// [`LaunchError::BadPort`] when `FERRY_SERVER_PORT` is not a number from 0 to 65535.
    pub fn from_env() -> Result<Self, LaunchError> {
        let mut config = ServerConfig::default();
        if let Ok(name) = std::env::var("FERRY_SERVER_NAME") {
            if !name.trim().is_empty() {
                config.server_name = name.trim().to_owned();
            }
        }
        if let Ok(port) = std::env::var("FERRY_SERVER_PORT") {
            config.server_port = port
                .trim()
                .parse()
                .map_err(|_| LaunchError::BadPort(port.clone()))?;
            config.find_free_port = false;
        }
        Ok(config)
    }
}

/// Reads a size such as `5mb`, `1.5 GiB` or `1000` (bytes): decimal units (kb, mb, gb) and
/// binary ones (kib, mib, gib), any case. `None` when it does not parse.
pub(crate) fn parse_size(text: &str) -> Option<u64> {
    let text = text.trim().to_ascii_lowercase();
    let split = text
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(text.len());
    let (number, unit) = text.split_at(split);
    let number: f64 = number.parse().ok()?;
    let factor: f64 = match unit.trim() {
        "" | "b" => 1.0,
        "kb" => 1e3,
        "mb" => 1e6,
        "gb" => 1e9,
        "kib" => 1024.0,
        "mib" => 1024.0 * 1024.0,
        "gib" => 1024.0 * 1024.0 * 1024.0,
        _ => return None,
    };
    let bytes = (number * factor).round();
    // Sizes past 2^63 bytes are not sizes anyone means.
    (0.0..9.2e18).contains(&bytes).then_some(bytes as u64)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn sizes_parse_with_decimal_and_binary_units() {
        for (text, bytes) in [
            ("1000", Some(1000)),
            ("5mb", Some(5_000_000)),
            ("5 MB", Some(5_000_000)),
            ("1.5GiB", Some(1_610_612_736)),
            ("2kib", Some(2048)),
            ("12b", Some(12)),
            ("", None),
            ("mb", None),
            ("5 parsecs", None),
            ("-1", None),
            ("1e99", None),
        ] {
            assert_eq!(parse_size(text), bytes, "{text:?}");
        }
    }

    /// The only test that touches these variables, so it cannot race another.
    #[test]
    fn environment_overrides_the_defaults() {
        std::env::remove_var("FERRY_SERVER_NAME");
        std::env::remove_var("FERRY_SERVER_PORT");
        assert_eq!(ServerConfig::from_env().unwrap(), ServerConfig::default());
        std::env::set_var("FERRY_SERVER_NAME", "0.0.0.0");
        std::env::set_var("FERRY_SERVER_PORT", "8123");
        let config = ServerConfig::from_env().unwrap();
        assert_eq!(
            (
                config.server_name.as_str(),
                config.server_port,
                config.find_free_port
            ),
            ("0.0.0.0", 8123, false)
        );
        std::env::set_var("FERRY_SERVER_PORT", "eighty");
        let error = ServerConfig::from_env().unwrap_err();
        assert_eq!(
            error.to_string(),
            "FERRY_SERVER_PORT must be a port number (0–65535), not \"eighty\""
        );
        std::env::remove_var("FERRY_SERVER_NAME");
        std::env::remove_var("FERRY_SERVER_PORT");
    }
}
