//! Launching an app: binding a port, the accept loop, graceful shutdown.

use std::future::Future;
use std::time::Duration;

use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use hyper_util::service::TowerToHyperService;
use tokio::net::TcpListener;
use tokio::sync::Semaphore;

use crate::app::App;

use super::{router, LaunchError, ServerConfig};

/// How many ports past a taken default port are tried.
const PORT_TRIES: u16 = 100;
/// How long a client may take to send a request's headers (against slowloris).
const HEADER_READ_TIMEOUT: Duration = Duration::from_secs(30);
/// The most connections served at once; more wait to be accepted.
const MAX_CONNECTIONS: usize = 4096;
/// How long in-flight requests may take to finish after Ctrl-C.
const SHUTDOWN_GRACE: Duration = Duration::from_secs(30);
/// Sessions not seen for this long end, and their files are forgotten.
const SESSION_IDLE: Duration = Duration::from_secs(6 * 60 * 60);

impl App {
    /// Serves the app on 127.0.0.1:7860 (or `FERRY_SERVER_NAME`/`FERRY_SERVER_PORT`) until Ctrl-C,
    /// printing `Running on local URL:  http://HOST:PORT` when ready. Exits the process with a
    /// message when it cannot start. Call it from `main`, outside any async runtime.
    pub fn launch(self) {
        if let Err(error) = self.try_launch() {
            eprintln!("error: {error}");
            std::process::exit(1);
        }
    }

    /// Like [`launch`](Self::launch), returning the error instead of exiting.
    ///
    /// # Errors
    ///
    /// When the address cannot be bound, the environment is wrong, or the runtime fails.
    pub fn try_launch(self) -> Result<(), LaunchError> {
        init_logging();
        let config = ServerConfig::from_env()?;
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .enable_all()
            .build()?;
        runtime.block_on(async move {
            let listener = bind(&config).await?;
            let address = listener.local_addr()?;
            println!("Running on local URL:  http://{address}");
            self.serve_until(listener, shutdown_signal()).await?;
            println!("Stopped.");
            Ok(())
        })
    }

    /// Serves the app on a bound listener until Ctrl-C.
    ///
    /// # Errors
    ///
    /// When accepting connections fails for good.
    pub async fn serve(self, listener: TcpListener) -> std::io::Result<()> {
        self.serve_until(listener, shutdown_signal()).await
    }

    /// Serves the app on a bound listener until `shutdown` completes, then lets in-flight
    /// requests (downloads included) finish for up to 30 seconds.
    ///
    /// # Errors
    ///
    /// When accepting connections fails for good.
    pub async fn serve_until(
        self,
        listener: TcpListener,
        shutdown: impl Future<Output = ()> + Send,
    ) -> std::io::Result<()> {
        let runtime = self.inner.runtime.clone();
        // Resolves the values fixed at start-up now, so that a missing file is warned about
        // before the first visitor.
        let _ = self.inner.program.page(&runtime).await;
        let router = router(self.inner.clone());
        let reaper = tokio::spawn(async move {
            let mut ticks = tokio::time::interval(Duration::from_secs(60));
            loop {
                ticks.tick().await;
                for session in runtime.sessions.reap(SESSION_IDLE) {
                    runtime.end_session(&session).await;
                }
                runtime.store.reap();
            }
        });
        let graceful = GracefulShutdown::new();
        let connections = std::sync::Arc::new(Semaphore::new(MAX_CONNECTIONS));
        let mut builder = http1::Builder::new();
        builder
            .timer(TokioTimer::new())
            .header_read_timeout(HEADER_READ_TIMEOUT);
        tokio::pin!(shutdown);
        loop {
            let Ok(permit) = connections.clone().acquire_owned().await else {
                break;
            };
            let (stream, _) = tokio::select! {
                accepted = listener.accept() => match accepted {
                    Ok(accepted) => accepted,
                    Err(error) => {
                        tracing::warn!(%error, "accept failed");
                        tokio::time::sleep(Duration::from_millis(50)).await;
                        continue;
                    }
                },
                () = &mut shutdown => break,
            };
            if let Err(error) = stream.set_nodelay(true) {
                tracing::debug!(%error, "TCP_NODELAY not set");
            }
            let service = TowerToHyperService::new(router.clone());
            let connection = builder.serve_connection(TokioIo::new(stream), service);
            let watched = graceful.watch(connection);
            tokio::spawn(async move {
                if let Err(error) = watched.await {
                    tracing::debug!(%error, "connection ended with an error");
                }
                drop(permit);
            });
        }
        drop(listener);
        reaper.abort();
        if tokio::time::timeout(SHUTDOWN_GRACE, graceful.shutdown())
            .await
            .is_err()
        {
            tracing::warn!("some connections were still open after the grace period");
        }
        Ok(())
    }
}

/// Binds the configured address, moving to the next free port when the default is taken.
async fn bind(config: &ServerConfig) -> Result<TcpListener, LaunchError> {
    let tries = if config.find_free_port { PORT_TRIES } else { 1 };
    let mut last_error = None;
    for offset in 0..tries {
        let Some(port) = config.server_port.checked_add(offset) else {
            break;
        };
        let address = format!("{}:{port}", config.server_name);
        match TcpListener::bind(&address).await {
            Ok(listener) => {
                if offset > 0 {
                    println!(
                        "Port {} is in use, using {port} instead.",
                        config.server_port
                    );
                }
                return Ok(listener);
            }
            Err(error) if error.kind() == std::io::ErrorKind::AddrInUse => {
                last_error = Some((address, error))
            }
            Err(source) => return Err(LaunchError::Bind { address, source }),
        }
    }
    let (address, source) = last_error.unwrap_or_else(|| {
        (
            config.server_name.clone(),
            std::io::Error::other("no port left to try"),
        )
    });
    Err(LaunchError::Bind { address, source })
}

/// Logs warnings (handler errors, failed accepts) to stderr; `RUST_LOG` changes the filter.
/// Does nothing when the program installed its own subscriber.
fn init_logging() {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn"));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .try_init();
}

/// Completes on Ctrl-C (or SIGTERM on Unix).
async fn shutdown_signal() {
    let ctrl_c = async {
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_taken_default_port_moves_to_the_next_free_one() {
        let taken = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = taken.local_addr().unwrap().port();
        let config = ServerConfig {
            server_name: "127.0.0.1".into(),
            server_port: port,
            find_free_port: true,
        };
        let moved = bind(&config).await.unwrap();
        assert!(moved.local_addr().unwrap().port() > port);
    }

    #[tokio::test]
    async fn an_explicit_port_that_is_taken_is_an_error() {
        let taken = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = taken.local_addr().unwrap().port();
        let config = ServerConfig {
            server_name: "127.0.0.1".into(),
            server_port: port,
            find_free_port: false,
        };
        let error = bind(&config).await.unwrap_err();
        assert!(
            error
                .to_string()
                .starts_with(&format!("cannot listen on 127.0.0.1:{port}: ")),
            "{error}"
        );
    }
}
