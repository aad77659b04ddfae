//! Run with: cargo run --example mount_in_axum
//!
//! A Ferry app nested in an axum app of your own, under `/ui/`, beside your other routes: the
//! page uses only relative URLs, so it works under any prefix and behind a reverse proxy.
use axum::routing::get;
use axum::Router;
use ferry_ui::prelude::*;

fn ferry_app() -> App {
    Blocks::new(|b| {
        b.title("Mounted");
        b.markdown("# Served under /ui/\nThe rest of the site is axum's.");
        let name = b.add(Textbox::new("Name").value("Ada").elem_id("name"));
        let greet = b.add(Button::new("Greet").elem_id("greet"));
        let notes = b.add(DownloadButton::new("Download a note").elem_id("note"));
        b.on(greet.click(), name, notes, |name: String| {
            DownloadButton::update()
                .label(format!("Download {name}.txt"))
                .value(
                    FileSource::text(format!("Hello, {name}!\n")).file_name(format!("{name}.txt")),
                )
        });
    })
}

/// The whole site: a home page of its own, and the Ferry app under `/ui`.
fn site() -> Router {
    Router::new()
        .route(
            "/",
            get(|| async { "The site's own home page. The app is at /ui/" }),
        )
        .nest_service("/ui", ferry_app().into_router())
}

#[tokio::main]
async fn main() -> std::io::Result<()> {
    let port = std::env::var("FERRY_SERVER_PORT").unwrap_or_else(|_| "7860".into());
    let listener = tokio::net::TcpListener::bind(format!("127.0.0.1:{port}")).await?;
    println!(
        "Running on local URL:  http://{}/ui/",
        listener.local_addr()?
    );
    axum::serve(listener, site()).await
}
