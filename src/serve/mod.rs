//! `zhpress serve [--watch]`: the site from memory on loopback, at the same
//! sub-path as base_url, rebuilt on every change with live reload.

pub mod files;
pub mod live;
pub mod watch;

use std::convert::Infallible;
use std::io::Write;
use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::sync::{Arc, RwLock};

use axum::body::Body;
use axum::extract::State;
use axum::http::{header, HeaderValue, Method, Request, StatusCode};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::Router;
use futures_util::stream::{self, Stream, StreamExt};
use tokio::sync::broadcast;

use crate::content::LoadOptions;
use crate::diagnostic::{Diagnostic, Error, Result};
use files::{Lookup, SiteFiles};
use live::Message;

/// Requests with more header bytes than this get 431: a browser sends a few KB.
const MAX_HEADER_BYTES: usize = 32 * 1024;

/// The port `serve` uses unless told otherwise (Zola's, familiar to its users).
pub const DEFAULT_PORT: u16 = 1111;

#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub root: PathBuf,
    pub bind: IpAddr,
    /// 0 picks a free port.
    pub port: u16,
    pub watch: bool,
    pub open: bool,
    pub load: LoadOptions,
    /// The editor the overlay's links open files in (`--editor`, `$VISUAL`, `$EDITOR`).
    pub editor: Option<String>,
}

/// What the handlers and the rebuild loop share.
pub struct Shared {
    pub site: RwLock<Arc<SiteFiles>>,
    /// The errors of the last build, if it failed; the last good site stays served.
    pub errors: RwLock<Option<Vec<Diagnostic>>>,
    pub events: broadcast::Sender<Message>,
    pub base_path: String,
    pub watch: bool,
    /// Set when the watcher has a change the running rebuild has not read:
    /// that rebuild may then leave the search index to the next one.
    pub newer_edit: std::sync::atomic::AtomicBool,
    pub overlay: live::Overlay,
}

impl Shared {
    /// The site served now.
    pub fn current(&self) -> Arc<SiteFiles> {
        self.site.read().unwrap_or_else(|p| p.into_inner()).clone()
    }
}

/// Builds, serves, and (with `--watch`) rebuilds until interrupted.
pub fn run(options: ServeOptions) -> Result<()> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| Error::io(&options.root, e))?;
    runtime.block_on(serve(options))
}

async fn serve(options: ServeOptions) -> Result<()> {
    let mut rebuilder = watch::Rebuilder::new(options.root.clone(), options.load.clone());
    let base_path = rebuilder.base_path();
    let (events, _) = broadcast::channel(64);
    let shared = Arc::new(Shared {
        site: RwLock::new(Arc::new(SiteFiles::default())),
        errors: RwLock::new(None),
        events,
        base_path: base_path.clone(),
        watch: options.watch,
        newer_edit: Default::default(),
        overlay: live::Overlay {
            lang: crate::i18n::lang(),
            editor: options
                .editor
                .as_deref()
                .and_then(live::Editor::from_command),
            root: std::path::absolute(&options.root).unwrap_or_else(|_| options.root.clone()),
        },
    });
    let first = rebuilder.rebuild(&shared, &[]);
    if !options.watch {
        // Without --watch there is nothing to wait for: a broken site is an error.
        first?;
    } else if let Err(e) = first {
        eprintln!("{}", watch::failure_report(&e));
    }
    let listener = tokio::net::TcpListener::bind(SocketAddr::new(options.bind, options.port))
        .await
        .map_err(|e| {
            let hint = if e.kind() == std::io::ErrorKind::AddrInUse {
                crate::t!("serve-port-in-use", port = options.port)
            } else {
                crate::t!("serve-bind-failed-hint")
            };
            // Not the site's fault: a usage error, and nothing is said about its files.
            Error::usage(
                crate::t!(
                    "serve-cannot-listen",
                    bind = options.bind.to_string(),
                    port = options.port,
                    error = e.to_string()
                ),
                hint,
            )
        })?;
    // Watch before announcing the URL: an edit made as soon as the URL is known must count.
    let _watcher = if options.watch {
        Some(watch::start(rebuilder, shared.clone())?)
    } else {
        None
    };
    let addr = listener
        .local_addr()
        .map_err(|e| Error::io(&options.root, e))?;
    let url = format!("http://{}{}", addr, base_path);
    // The server keeps going if no one reads its output any more.
    let serving = if options.watch {
        crate::t!("serve-serving-live", url = &url)
    } else {
        crate::t!("serve-serving", url = &url)
    };
    let _ = writeln!(std::io::stdout(), "{serving}");
    if options.open {
        let _ = std::process::Command::new("xdg-open").arg(&url).spawn();
    }
    let app = Router::new().fallback(handle).with_state(shared).layer(
        tower_http::set_header::SetResponseHeaderLayer::overriding(
            header::CACHE_CONTROL,
            HeaderValue::from_static("no-store"),
        ),
    );
    axum::serve(listener, app)
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await
        .map_err(|e| Error::io(&options.root, e))?;
    Ok(())
}

async fn handle(State(shared): State<Arc<Shared>>, request: Request<Body>) -> Response {
    if request.method() != Method::GET && request.method() != Method::HEAD {
        return (
            StatusCode::METHOD_NOT_ALLOWED,
            [(header::ALLOW, "GET, HEAD")],
            "",
        )
            .into_response();
    }
    // HTTP/1.1 requires a Host header (RFC 9112 §3.2).
    if request.version() == axum::http::Version::HTTP_11
        && !request.headers().contains_key(header::HOST)
    {
        return (StatusCode::BAD_REQUEST, "missing Host header").into_response();
    }
    let header_bytes: usize = request
        .headers()
        .iter()
        .map(|(k, v)| k.as_str().len() + v.len() + 4)
        .sum();
    if header_bytes > MAX_HEADER_BYTES {
        return (
            StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE,
            "request headers too large",
        )
            .into_response();
    }
    let path = request.uri().path().to_string();
    if let Some(own) = path
        .strip_prefix(&shared.base_path)
        .and_then(|p| p.strip_prefix(live::PREFIX))
    {
        return match (own, shared.watch) {
            ("events", true) => events(shared.clone()).into_response(),
            ("live.js", true) => (
                [(header::CONTENT_TYPE, "text/javascript; charset=utf-8")],
                live::SCRIPT,
            )
                .into_response(),
            _ => StatusCode::NOT_FOUND.into_response(),
        };
    }
    // A file a rebuild under way may still rewrite is served once it is
    // made: never the last build's version of it. A path that names no file
    // yet may be one the rebuild is making, and waits for its end.
    let site = loop {
        let site = shared.current();
        let Some(u) = &site.unfinished else {
            break site;
        };
        let mut progress = u.progress.clone();
        progress.borrow_and_update();
        match site.lookup(&path, &shared.base_path) {
            Lookup::File(key) if u.pending.covers(&key) => {
                let ready = u.ready.read().unwrap_or_else(|p| p.into_inner());
                if let Some(bytes) = ready.get(&key) {
                    return bytes_response(&shared, &key, bytes, site.generation, StatusCode::OK);
                }
            }
            Lookup::Redirect(_) | Lookup::NotFound => {}
            Lookup::File(_) | Lookup::BadRequest => break site,
        }
        if progress.changed().await.is_err() {
            // The rebuild ended without a word (it cannot, short of a bug).
            break shared.current();
        }
    };
    match site.lookup(&path, &shared.base_path) {
        Lookup::File(key) => file_response(&shared, &site, &key, StatusCode::OK),
        Lookup::Redirect(to) => {
            (StatusCode::MOVED_PERMANENTLY, [(header::LOCATION, to)]).into_response()
        }
        Lookup::BadRequest => (StatusCode::BAD_REQUEST, "bad request path").into_response(),
        Lookup::NotFound if site.files.is_empty() => {
            let errors = shared
                .errors
                .read()
                .unwrap_or_else(|p| p.into_inner())
                .clone()
                .unwrap_or_default();
            let body = live::waiting_page(&shared.base_path, &errors, &shared.overlay);
            (
                StatusCode::SERVICE_UNAVAILABLE,
                [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
                body,
            )
                .into_response()
        }
        Lookup::NotFound => match site.not_found_page(&path, &shared.base_path) {
            Some(page) => file_response(&shared, &site, &page, StatusCode::NOT_FOUND),
            None => (StatusCode::NOT_FOUND, "not found").into_response(),
        },
    }
}

fn file_response(shared: &Shared, site: &SiteFiles, key: &str, status: StatusCode) -> Response {
    match site.files.get(key) {
        Some(bytes) => bytes_response(shared, key, bytes, site.generation, status),
        None => StatusCode::NOT_FOUND.into_response(),
    }
}

/// A file of the site, the live-reload script injected into pages in watch
/// mode (with the build `generation` they come from).
fn bytes_response(
    shared: &Shared,
    key: &str,
    bytes: &bytes::Bytes,
    generation: u64,
    status: StatusCode,
) -> Response {
    let mime = mime_guess::from_path(key).first_or_octet_stream();
    let is_html = mime.essence_str() == "text/html";
    let content_type = if mime.type_() == "text"
        || mime.essence_str() == "application/javascript"
        || mime.essence_str() == "application/json"
    {
        format!("{}; charset=utf-8", mime.essence_str())
    } else {
        mime.essence_str().to_string()
    };
    let body = if is_html && shared.watch {
        bytes::Bytes::from(live::inject(bytes, &shared.base_path, generation))
    } else {
        bytes.clone()
    };
    (status, [(header::CONTENT_TYPE, content_type)], body).into_response()
}

/// The event stream: first the current state, then every build's outcome.
fn events(shared: Arc<Shared>) -> Sse<impl Stream<Item = std::result::Result<Event, Infallible>>> {
    let generation = shared.current().generation;
    let errors = shared
        .errors
        .read()
        .unwrap_or_else(|p| p.into_inner())
        .clone();
    let errors_json = errors.map(|ds| shared.overlay.payload(&ds));
    let hello = format!(
        "{{\"generation\":{},\"errors\":{}}}",
        generation,
        errors_json.unwrap_or_else(|| "null".into())
    );
    let first = stream::iter([Ok(Event::default().event("hello").data(hello))]);
    let rx = shared.events.subscribe();
    let rest = stream::unfold((rx, shared), |(mut rx, shared)| async move {
        loop {
            match rx.recv().await {
                Ok(m) => {
                    let (name, data) = m.event(&shared.overlay);
                    let event = Event::default().event(name).data(data);
                    return Some((Ok(event), (rx, shared)));
                }
                Err(broadcast::error::RecvError::Lagged(_)) => continue,
                Err(broadcast::error::RecvError::Closed) => return None,
            }
        }
    });
    Sse::new(first.chain(rest)).keep_alive(KeepAlive::default())
}
