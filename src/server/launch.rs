//! Launching an app: binding a port, the accept loop, graceful shutdown.

use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::extract::ConnectInfo;
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use hyper_util::service::TowerToHyperService;
use tokio::net::TcpListener;
use tower::ServiceExt;

use crate::app::App;

use super::connections::Connections;
use super::send_timeout::SendTimeout;
use super::stop::{stop, StopSignals, Stopped};
use super::{router, LaunchError, ServerConfig};

/// How many ports past a taken default port are tried.
const PORT_TRIES: u16 = 100;
/// How long in-flight requests may take to finish after Ctrl-C.
const SHUTDOWN_GRACE: Duration = Duration::from_secs(30);

impl App {
    /// Serves the app on 127.0.0.1:7860 (or `FERRY_SERVER_NAME`/`FERRY_SERVER_PORT`) until Ctrl-C,
    /// printing `Running on local URL:  http://HOST:PORT` when ready. Exits the process with a
    /// message when it cannot start. Call it from `main`, outside any async runtime.
    ///
    /// The first Ctrl-C (or SIGTERM) stops accepting connections and lets the open ones finish
    /// for up to 30 seconds, saying how many are open; then it prints `Stopped.` and returns. A
    /// second Ctrl-C while it waits prints `Quit.` and exits the process at once, with code 130.
    pub fn launch(self) {
        if let Err(error) = self.try_launch() {
            eprintln!("error: {error}");
            std::process::exit(1);
        }
    }

    /// Like [`launch`](Self::launch), returning the error instead of exiting (a second Ctrl-C
    /// still exits the process, with code 130).
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
            let (listener, skipped) = bind(&config).await?;
            let address = listener.local_addr()?;
            if let Some(message) = port_message(&skipped, address.port()) {
                println!("{message}");
            }
            println!("Running on local URL:  http://{address}");
            let uploads = self.inner.runtime.uploads.clone();
            let mut signals = StopSignals::new();
            let draining = self.accept_until(listener, signals.next()).await;
            let open = draining.open();
            let stopped = stop(
                open,
                draining.finish(),
                signals.next(),
                SHUTDOWN_GRACE,
                &mut std::io::stdout(),
            )
            .await;
            if stopped == Stopped::Quit {
                // Exiting skips every destructor: remove the upload folder here.
                if let Some(uploads) = uploads {
                    let _ = std::fs::remove_dir_all(uploads.root());
                }
                std::process::exit(130);
            }
            Ok(())
        })
    }

    /// Serves the app on a bound listener until Ctrl-C.
    ///
    /// # Errors
    ///
    /// When accepting connections fails for good.
    pub async fn serve(self, listener: TcpListener) -> std::io::Result<()> {
        self.serve_until(listener, async { StopSignals::new().next().await })
            .await
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
        let draining = self.accept_until(listener, shutdown).await;
        let open = draining.open();
        let never = std::future::pending();
        stop(
            open,
            draining.finish(),
            never,
            SHUTDOWN_GRACE,
            &mut std::io::sink(),
        )
        .await;
        Ok(())
    }

    /// Accepts and serves connections until `shutdown` completes; answers the connections still
    /// open then. The app's [`Limits`](crate::Limits) bound the connections (in all and per
    /// client address), the time a request's headers may take and how long a write may wait on
    /// a client that does not read.
    async fn accept_until(
        self,
        listener: TcpListener,
        shutdown: impl Future<Output = ()> + Send,
    ) -> Draining {
        let runtime = self.inner.runtime.clone();
        // Resolves the values fixed at start-up now, so that a missing file is warned about
        // before the first visitor.
        let _ = self.inner.program.page(&runtime).await;
        // Where it listens decides the Host check (loopback: only loopback names).
        let guard = self.security.guard(listener.local_addr().ok());
        let router = router(self.inner.clone(), guard);
        let graceful = GracefulShutdown::new();
        let limits = &runtime.limits;
        let connections = Connections::new(limits);
        let send_timeout = limits.send_timeout;
        let mut builder = http1::Builder::new();
        builder
            .timer(TokioTimer::new())
            .header_read_timeout(limits.header_read_timeout);
        tokio::pin!(shutdown);
        loop {
            let Some(permit) = connections.free_slot().await else {
                break;
            };
            let (stream, peer) = tokio::select! {
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
            let Some(counted) = connections.admit(permit, peer.ip()) else {
                // That address holds its share of the connections: closed at once.
                tracing::debug!(%peer, "connection refused: its address holds its share");
                drop(stream);
                continue;
            };
            if let Err(error) = stream.set_nodelay(true) {
                tracing::debug!(%error, "TCP_NODELAY not set");
            }
            // Every request knows its client, for the per-address limits.
            let service =
                router
                    .clone()
                    .map_request(move |mut request: axum::http::Request<Incoming>| {
                        request
                            .extensions_mut()
                            .insert(ConnectInfo::<SocketAddr>(peer));
                        request
                    });
            let io = TokioIo::new(SendTimeout::new(stream, send_timeout));
            let connection = builder.serve_connection(io, TowerToHyperService::new(service));
            let watched = graceful.watch(connection);
            tokio::spawn(async move {
                if let Err(error) = watched.await {
                    tracing::debug!(%error, "connection ended with an error");
                }
                drop(counted);
            });
        }
        drop(listener);
        Draining {
            graceful,
            connections,
        }
    }
}

/// The connections still open once the accept loop has stopped.
struct Draining {
    graceful: GracefulShutdown,
    connections: Arc<Connections>,
}

impl Draining {
    /// How many connections are open (each is counted until it ends).
    fn open(&self) -> usize {
        self.connections.open()
    }

    /// Asks every open connection to finish its request and close; completes when all have.
    async fn finish(self) {
        self.graceful.shutdown().await;
    }
}

/// Binds the configured address, moving to the next free port when the default is taken.
/// Returns the listener and the taken ports it skipped, in order.
async fn bind(config: &ServerConfig) -> Result<(TcpListener, Vec<u16>), LaunchError> {
    let tries = if config.find_free_port { PORT_TRIES } else { 1 };
    let mut skipped = Vec::new();
    let mut last_error = None;
    for offset in 0..tries {
        let Some(port) = config.server_port.checked_add(offset) else {
            break;
        };
        let address = format!("{}:{port}", config.server_name);
        match TcpListener::bind(&address).await {
            Ok(listener) => return Ok((listener, skipped)),
            Err(error) if error.kind() == std::io::ErrorKind::AddrInUse => {
                skipped.push(port);
                last_error = Some((address, error));
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

/// `Port 7860 is in use, using 7861 instead.`, or `Ports 7860, 7861 and 7862 are in use, using
/// 7863 instead.`: every taken port `bind` skipped before `port`; `None` when it skipped none.
fn port_message(skipped: &[u16], port: u16) -> Option<String> {
    let (last, others) = skipped.split_last()?;
    if others.is_empty() {
        return Some(format!("Port {last} is in use, using {port} instead."));
    }
    let others: Vec<String> = others.iter().map(u16::to_string).collect();
    Some(format!(
        "Ports {} and {last} are in use, using {port} instead.",
        others.join(", ")
    ))
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
        let (moved, skipped) = bind(&config).await.unwrap();
        let moved = moved.local_addr().unwrap().port();
        assert!(moved > port);
        assert_eq!(skipped, (port..moved).collect::<Vec<_>>());
        if skipped.len() == 1 {
            assert_eq!(
                port_message(&skipped, moved).unwrap(),
                format!("Port {port} is in use, using {moved} instead.")
            );
        }
    }

    /// Two consecutive ports, both held, or `None` when none were found.
    async fn two_taken_ports() -> Option<(u16, [TcpListener; 2])> {
        for _ in 0..50 {
            let first = TcpListener::bind("127.0.0.1:0").await.unwrap();
            let port = first.local_addr().unwrap().port();
            let Some(next) = port.checked_add(1) else {
                continue;
            };
            if let Ok(second) = TcpListener::bind(("127.0.0.1", next)).await {
                return Some((port, [first, second]));
            }
        }
        None
    }

    #[tokio::test]
    async fn the_port_message_names_every_taken_port_skipped() {
        let (port, _taken) = two_taken_ports().await.expect("two consecutive free ports");
        let config = ServerConfig {
            server_name: "127.0.0.1".into(),
            server_port: port,
            find_free_port: true,
        };
        let (moved, skipped) = bind(&config).await.unwrap();
        let moved = moved.local_addr().unwrap().port();
        assert_eq!(skipped[..2], [port, port + 1]);
        assert_eq!(skipped, (port..moved).collect::<Vec<_>>());
        let message = port_message(&skipped, moved).unwrap();
        if skipped.len() == 2 {
            assert_eq!(
                message,
                format!(
                    "Ports {port} and {} are in use, using {moved} instead.",
                    port + 1
                )
            );
        } else {
            // Someone else holds the port after ours too.
            assert!(message.starts_with(&format!("Ports {port}, {}", port + 1)));
        }
    }

    #[test]
    fn the_port_message_is_singular_for_one_port_and_lists_the_others() {
        assert_eq!(port_message(&[], 7860), None);
        assert_eq!(
            port_message(&[7860], 7861).unwrap(),
            "Port 7860 is in use, using 7861 instead."
        );
        assert_eq!(
            port_message(&[7860, 7861], 7862).unwrap(),
            "Ports 7860 and 7861 are in use, using 7862 instead."
        );
        assert_eq!(
            port_message(&[7860, 7861, 7862], 7863).unwrap(),
            "Ports 7860, 7861 and 7862 are in use, using 7863 instead."
        );
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
