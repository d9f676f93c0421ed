//! The preview's HTTP side: axum on hyper, one tokio task per connection,
//! so a client that sends slowly or never reads holds only its own
//! connection. What an attacker on a web page could try is refused early:
//! a `Host` other than this machine's loopback names (DNS rebinding) gets
//! 403 and nothing of the spec; anything but GET and HEAD gets 405; a
//! request with a body gets 413 at once, without waiting for the body; a
//! request head larger than [`MAX_HEAD`] or slower than [`HEADER_TIMEOUT`]
//! ends its connection.

use std::convert::Infallible;
use std::net::IpAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::body::Body;
use axum::extract::{Request, State as Shared};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Json, Response};
use axum::routing::get;
use futures_util::Stream;
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::sync::watch;
use tower_http::services::ServeDir;
use tower_http::timeout::TimeoutLayer;

use super::State;
use super::visited::Visited;

/// How long a client may take to send a request's head.
const HEADER_TIMEOUT: Duration = Duration::from_secs(5);
/// How long a request may take to be answered (the event stream's body,
/// which lasts as long as the page is open, excepted).
const REQUEST_TIMEOUT: Duration = Duration::from_secs(10);
/// The largest request head (hyper's read buffer; its minimum is 8 KiB).
const MAX_HEAD: usize = 16 * 1024;
/// The largest page the reload script is added to.
const MAX_PAGE: usize = 256 << 20;

const LIVE_JS: &str = include_str!("live.js");

/// What every request handler may read.
#[derive(Clone)]
pub struct Context {
    /// The port and address the server listens on, for the `Host` check.
    pub port: u16,
    pub bind: IpAddr,
    /// The last build's state, updated by the watcher.
    pub state: watch::Receiver<State>,
    /// The pages served lately, which a rebuild renders first.
    pub visited: Arc<Visited>,
}

/// The preview's routes: the live-reload endpoints, then the site's files.
pub fn app(out: PathBuf, context: Context) -> Router {
    Router::new()
        .route("/__guifan/state", get(state))
        .route("/__guifan/events", get(events))
        .route("/__guifan/live.js", get(live_js))
        .fallback_service(ServeDir::new(out).append_index_html_on_directories(true))
        .layer(middleware::from_fn_with_state(context.clone(), finish))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            REQUEST_TIMEOUT,
        ))
        .layer(middleware::from_fn_with_state(context.clone(), guard))
        .with_state(context)
}

/// Accept connections until `shutdown` resolves, each served by its own task.
pub async fn serve(
    listener: tokio::net::TcpListener,
    app: Router,
    shutdown: impl std::future::Future<Output = ()>,
) {
    let mut http = hyper::server::conn::http1::Builder::new();
    http.timer(TokioTimer::new())
        .header_read_timeout(HEADER_TIMEOUT)
        .max_buf_size(MAX_HEAD);
    tokio::pin!(shutdown);
    loop {
        let accepted = tokio::select! {
            accepted = listener.accept() => accepted,
            () = &mut shutdown => return,
        };
        let Ok((stream, _)) = accepted else {
            // Out of file descriptors, say: let connections close first.
            tokio::time::sleep(Duration::from_millis(50)).await;
            continue;
        };
        let service = hyper_util::service::TowerToHyperService::new(app.clone());
        let connection = http.serve_connection(TokioIo::new(stream), service);
        tokio::spawn(async move {
            let _ = connection.await;
        });
    }
}

/// Refuse what the preview never needs, before anything else runs.
async fn guard(Shared(context): Shared<Context>, request: Request, next: Next) -> Response {
    if !context.host_allowed(&request) {
        return (StatusCode::FORBIDDEN, "403 forbidden: unknown Host\n").into_response();
    }
    if !matches!(*request.method(), Method::GET | Method::HEAD) {
        let allow = [(header::ALLOW, "GET, HEAD")];
        return (
            StatusCode::METHOD_NOT_ALLOWED,
            allow,
            "405 method not allowed\n",
        )
            .into_response();
    }
    if has_body(request.headers()) {
        // Answered at once; `Connection: close` drops the unread body.
        let close = [(header::CONNECTION, "close")];
        return (
            StatusCode::PAYLOAD_TOO_LARGE,
            close,
            "413 no body accepted\n",
        )
            .into_response();
    }
    next.run(request).await
}

fn has_body(headers: &HeaderMap) -> bool {
    headers.contains_key(header::TRANSFER_ENCODING)
        || headers
            .get_all(header::CONTENT_LENGTH)
            .iter()
            .any(|v| v.as_bytes() != b"0")
}

impl Context {
    /// Whether the request names this server as the browser reached it:
    /// `localhost`, `127.0.0.1` or `[::1]` (or the address it was bound
    /// to), with its port. A page on another site that rebinds its own
    /// name to 127.0.0.1 still sends that name, and is refused.
    fn host_allowed(&self, request: &Request) -> bool {
        let host = match request.uri().authority() {
            Some(authority) => authority.as_str(),
            None => match request.headers().get(header::HOST).map(HeaderValue::to_str) {
                Some(Ok(host)) => host,
                _ => return false,
            },
        };
        let Some((name, port)) = host.rsplit_once(':') else {
            return false;
        };
        if port != self.port.to_string() {
            return false;
        }
        let ip = name.trim_start_matches('[').trim_end_matches(']');
        name.eq_ignore_ascii_case("localhost")
            || ip
                .parse::<IpAddr>()
                .is_ok_and(|ip| ip.is_loopback() || ip == self.bind || self.bind.is_unspecified())
    }
}

/// Pages are never cached, and get the reload script; they are noted as
/// visited.
async fn finish(Shared(context): Shared<Context>, request: Request, next: Next) -> Response {
    let head = request.method() == Method::HEAD;
    let path = request.uri().path().to_owned();
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    let html = (headers.get(header::CONTENT_TYPE))
        .is_some_and(|kind| kind.as_bytes().starts_with(b"text/html"));
    if !html || response.status() != StatusCode::OK {
        return response;
    }
    let headers = response.headers_mut();
    let utf8 = HeaderValue::from_static("text/html; charset=utf-8");
    headers.insert(header::CONTENT_TYPE, utf8);
    headers.remove(header::CONTENT_LENGTH);
    if head {
        return response;
    }
    context.visited.saw(&path);
    let generation = context.state.borrow().generation;
    let (parts, body) = response.into_parts();
    match axum::body::to_bytes(body, MAX_PAGE).await {
        Ok(page) => Response::from_parts(parts, Body::from(inject(page.to_vec(), generation))),
        Err(_) => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    }
}

/// Add the live-reload script to a page, just before `</body>`.
fn inject(mut html: Vec<u8>, generation: u64) -> Vec<u8> {
    let tag = format!("<script src=\"/__guifan/live.js?g={generation}\"></script>\n");
    let at = html
        .windows(7)
        .rposition(|w| w == b"</body>")
        .unwrap_or(html.len());
    html.splice(at..at, tag.into_bytes());
    html
}

async fn state(Shared(context): Shared<Context>) -> Json<State> {
    Json(context.state.borrow().clone())
}

async fn live_js() -> impl IntoResponse {
    let kind = [(header::CONTENT_TYPE, "text/javascript; charset=utf-8")];
    (kind, LIVE_JS)
}

/// The build state as server-sent events: the current one at once, then
/// each new one as soon as a build ends.
async fn events(
    Shared(context): Shared<Context>,
) -> Sse<impl Stream<Item = Result<Event, Infallible>>> {
    let mut state = context.state;
    state.mark_changed();
    let stream = futures_util::stream::unfold(state, |mut state| async move {
        state.changed().await.ok()?;
        let data = serde_json::to_string(&*state.borrow_and_update()).ok()?;
        Some((Ok(Event::default().data(data)), state))
    });
    Sse::new(stream).keep_alive(KeepAlive::default())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_goes_before_body_end() {
        let html = inject(b"<html><body><p>x</p></body></html>".to_vec(), 7);
        let html = String::from_utf8(html).unwrap();
        assert!(
            html.ends_with("<script src=\"/__guifan/live.js?g=7\"></script>\n</body></html>"),
            "{html}"
        );
    }

    fn allowed(bind: &str, host: &str) -> bool {
        let (_, state) = watch::channel(State::default());
        let context = Context {
            port: 8000,
            bind: bind.parse().unwrap(),
            state,
            visited: Arc::default(),
        };
        let request = Request::builder()
            .uri("/")
            .header(header::HOST, host)
            .body(Body::empty())
            .unwrap();
        context.host_allowed(&request)
    }

    #[test]
    fn only_loopback_names_with_the_port_are_hosts() {
        for host in [
            "localhost:8000",
            "LocalHost:8000",
            "127.0.0.1:8000",
            "[::1]:8000",
        ] {
            assert!(allowed("127.0.0.1", host), "{host}");
        }
        for host in [
            "attacker.example:8000",
            "localhost.attacker.example:8000",
            "localhost:8001",
            "localhost",
            "127.0.0.1",
            "192.168.1.2:8000",
            "",
        ] {
            assert!(!allowed("127.0.0.1", host), "{host}");
        }
        assert!(allowed("192.168.1.2", "192.168.1.2:8000"));
        assert!(allowed("0.0.0.0", "10.0.0.7:8000"));
        assert!(!allowed("0.0.0.0", "attacker.example:8000"));
    }
}
