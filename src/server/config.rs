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

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

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
