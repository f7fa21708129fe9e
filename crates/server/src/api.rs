//! The endpoints, the request parser (errors name the field) and the middleware stack.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use axum::body::{Body, HttpBody};
use axum::error_handling::HandleErrorLayer;
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{BoxError, Router};
use serde::de::{DeserializeSeed, MapAccess, Visitor};
use serde::Serialize;
use serde_json::Value;
use tower::ServiceBuilder;
use tower_http::trace::{MakeSpan, OnResponse, TraceLayer};

use super::{index_html, AppState, OPENAPI_JSON};
use biasvask::diagnostic::{Level, Rule, Severity};
use biasvask::document::Format;
use biasvask::options::{Lang, Options};
use biasvask::render::json;

/// The fields `POST /v1/check` accepts.
const FIELDS: &str = "text, path, format, lang, fail_level, rules";

/// The default `path` of the file object when the request names none.
const DEFAULT_PATH: &str = "annonce";

/// `word`, `phrase` or `ad`: what a rule's findings are about.
pub fn rule_scope(rule: Rule) -> &'static str {
    rule.info().scope.as_str()
}

/// A parsed `POST /v1/check` body.
#[derive(Debug, Clone, PartialEq)]
pub struct CheckRequest {
    pub text: String,
    pub path: Option<String>,
    pub format: Option<Format>,
    pub lang: Option<Lang>,
    pub fail_level: Option<Severity>,
    pub rules: Vec<(Rule, Level)>,
}

/// An error answer: `{ "error": "...", "field": "text" }` (field only when one is to blame).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ApiError {
    pub status: StatusCode,
    pub error: String,
    pub field: Option<String>,
}

impl ApiError {
    fn new(status: StatusCode, error: impl Into<String>) -> ApiError {
        ApiError {
            status,
            error: error.into(),
            field: None,
        }
    }
    fn field(field: impl Into<String>, error: impl Into<String>) -> ApiError {
        ApiError {
            status: StatusCode::BAD_REQUEST,
            error: error.into(),
            field: Some(field.into()),
        }
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.error)
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        #[derive(Serialize)]
        struct Body<'a> {
            error: &'a str,
            #[serde(skip_serializing_if = "Option::is_none")]
            field: Option<&'a str>,
        }
        let body = serde_json::to_vec(&Body {
            error: &self.error,
            field: self.field.as_deref(),
        })
        .unwrap_or_else(|_| br#"{"error":"internal error"}"#.to_vec());
        let mut res = json_response(self.status, body);
        if self.status == StatusCode::SERVICE_UNAVAILABLE {
            res.headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from_static("1"));
        }
        res
    }
}

fn json_response(status: StatusCode, body: Vec<u8>) -> Response {
    let mut res = Response::new(Body::from(body));
    *res.status_mut() = status;
    res.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    res
}

/// The router: endpoints, then (outermost first) logging, error mapping, load shedding,
/// the in-flight limit, the timeout and a panic guard.
pub(crate) fn router(state: AppState) -> Router {
    let timeout = state.timeout;
    let concurrency = state.concurrency;
    let state = Arc::new(state);
    let middleware = ServiceBuilder::new()
        .layer(
            TraceLayer::new_for_http()
                .make_span_with(RequestSpan)
                .on_request(())
                .on_response(ResponseLog),
        )
        .layer(HandleErrorLayer::new(handle_middleware_error))
        .load_shed()
        .layer(tower::limit::GlobalConcurrencyLimitLayer::new(concurrency))
        .timeout(timeout)
        .layer(tower_http::catch_panic::CatchPanicLayer::custom(
            panic_response,
        ));
    Router::new()
        .route("/", get(index))
        .route("/v1/check", post(check))
        .route("/v1/rules", get(rules))
        .route("/healthz", get(healthz))
        .route("/openapi.json", get(openapi))
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
        .with_state(state)
        .layer(middleware)
}

async fn handle_middleware_error(err: BoxError) -> Response {
    if err.is::<tower::timeout::error::Elapsed>() {
        ApiError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "the check took longer than the server's timeout; try again, or send a shorter ad",
        )
        .into_response()
    } else if err.is::<tower::load_shed::error::Overloaded>() {
        ApiError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "the server is busy (too many requests in flight); try again in a second",
        )
        .into_response()
    } else {
        tracing::error!(target: "biasvask::serve", "middleware error: {err}");
        ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, "internal error").into_response()
    }
}

fn panic_response(_: Box<dyn std::any::Any + Send + 'static>) -> Response {
    tracing::error!(target: "biasvask::serve", "a handler panicked");
    ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, "internal error").into_response()
}

/// The request span: method, path (never the query or the body) and the request's size.
#[derive(Debug, Clone, Copy)]
struct RequestSpan;

impl<B> MakeSpan<B> for RequestSpan {
    fn make_span(&mut self, req: &axum::http::Request<B>) -> tracing::Span {
        let bytes_in = req
            .headers()
            .get(header::CONTENT_LENGTH)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.parse::<u64>().ok())
            .unwrap_or(0);
        tracing::info_span!(target: "biasvask::serve", "request", method = %req.method(), path = %req.uri().path(), bytes_in)
    }
}

/// One line per response: status, latency, bytes out.
#[derive(Debug, Clone, Copy)]
struct ResponseLog;

impl<B: HttpBody> OnResponse<B> for ResponseLog {
    fn on_response(self, res: &axum::http::Response<B>, latency: Duration, _: &tracing::Span) {
        let bytes_out = res.body().size_hint().exact().unwrap_or(0);
        let latency_us = u64::try_from(latency.as_micros()).unwrap_or(u64::MAX);
        tracing::info!(target: "biasvask::serve", status = res.status().as_u16(), latency_us, bytes_out, "response");
    }
}

async fn index() -> Response {
    let mut res = Response::new(Body::from(index_html()));
    let h = res.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'; img-src data:; form-action 'none'; base-uri 'none'; frame-ancestors 'none'",
        ),
    );
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    res
}

async fn openapi() -> Response {
    json_response(StatusCode::OK, OPENAPI_JSON.as_bytes().to_vec())
}

async fn healthz() -> Response {
    let body = serde_json::json!({ "status": "ok", "version": env!("CARGO_PKG_VERSION") });
    json_response(StatusCode::OK, body.to_string().into_bytes())
}

async fn not_found(method: Method, uri: axum::http::Uri) -> Response {
    let _ = method;
    ApiError::new(
        StatusCode::NOT_FOUND,
        format!("no such endpoint `{}` (see /openapi.json)", uri.path()),
    )
    .into_response()
}

async fn method_not_allowed(method: Method, uri: axum::http::Uri) -> Response {
    ApiError::new(
        StatusCode::METHOD_NOT_ALLOWED,
        format!(
            "method {method} is not allowed on `{}` (see /openapi.json)",
            uri.path()
        ),
    )
    .into_response()
}

#[derive(Serialize)]
struct RuleOut {
    id: &'static str,
    scope: &'static str,
    default_severity: &'static str,
    level: &'static str,
    title: &'static str,
    description: String,
    category: &'static str,
    label: &'static str,
}

async fn rules(State(st): State<Arc<AppState>>, uri: axum::http::Uri) -> Response {
    let mut lang = st.options.lang;
    for pair in uri
        .query()
        .unwrap_or("")
        .split('&')
        .filter(|p| !p.is_empty())
    {
        let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
        match k {
            "lang" => match v.parse::<Lang>() {
                Ok(l) => lang = l,
                Err(e) => return ApiError::field("lang", e).into_response(),
            },
            other => {
                return ApiError::field(
                    other,
                    format!("unknown query parameter `{other}` (expected lang)"),
                )
                .into_response()
            }
        }
    }
    let rules: Vec<RuleOut> = Rule::ALL
        .iter()
        .map(|&rule| RuleOut {
            id: rule.id(),
            scope: rule_scope(rule),
            default_severity: rule.default_severity().as_str(),
            level: match st.options.levels.get(&rule) {
                None => "default",
                Some(Level::Off) => "off",
                Some(Level::On(s)) => s.as_str(),
            },
            title: biasvask::explain::title(rule, lang),
            description: biasvask::explain::summary(rule, lang),
            category: rule.info().category.as_str(),
            label: rule.info().label(lang),
        })
        .collect();
    match serde_json::to_vec(&serde_json::json!({ "rules": rules })) {
        Ok(body) => json_response(StatusCode::OK, body),
        Err(_) => {
            ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, "internal error").into_response()
        }
    }
}

async fn check(State(st): State<Arc<AppState>>, req: Request) -> Response {
    match check_inner(&st, req).await {
        Ok(res) => res,
        Err(e) => e.into_response(),
    }
}

async fn check_inner(st: &Arc<AppState>, req: Request) -> Result<Response, ApiError> {
    // The request's timeout answers 503 at this instant; the engine stops then too, so work
    // nobody waits for does not hold the CPU and the blocking pool.
    let deadline = std::time::Instant::now() + st.timeout;
    check_content_type(req.headers())?;
    let too_large = || {
        ApiError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            format!(
                "request body is larger than the server's limit of {} bytes",
                st.body_limit
            ),
        )
    };
    let declared = req
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    let drain_limit = st.body_limit.saturating_mul(4).max(DRAIN_AT_LEAST);
    if declared.is_some_and(|n| n > st.body_limit as u64) {
        if declared.is_some_and(|n| n <= drain_limit as u64) {
            drain(req.into_body(), drain_limit).await;
        }
        return Err(too_large());
    }
    let body = match read_body(req.into_body(), st.body_limit, drain_limit).await {
        Ok(b) => b,
        Err(BodyError::TooLarge) => return Err(too_large()),
        Err(BodyError::Broken(e)) => {
            return Err(ApiError::new(
                StatusCode::BAD_REQUEST,
                format!("could not read the request body: {e}"),
            ));
        }
    };
    let request = parse_check_request(&body)?;
    drop(body);

    let fail_level = request.fail_level.unwrap_or(st.fail_level);
    let options = {
        let mut o: Options = (*st.options).clone();
        if let Some(lang) = request.lang {
            o.lang = lang;
        }
        for (rule, level) in &request.rules {
            o.set_level(*rule, *level);
        }
        o.deadline = Some(deadline);
        Arc::new(o)
    };
    let format = request.format.unwrap_or_else(|| match &request.path {
        Some(p) => Format::from_path(std::path::Path::new(p)),
        None => Format::Text,
    });
    let engine = Arc::clone(&st.engine);
    let large = request.text.len() >= st.blocking_threshold;
    let work = move || -> Result<Vec<u8>, serde_json::Error> {
        // Parsed once, for the lint and for the edits below.
        let doc = biasvask::Document::parse(&request.text, format);
        let report = engine.lint_document(&doc, &options);
        let pass = report.passes(fail_level);
        let path = request.path.as_deref().unwrap_or(DEFAULT_PATH);
        // The file object with, where markup sits inside a finding, per suggestion the exact
        // edit or null where it would delete the markup (the page offers no apply then), and
        // `pass`: written in one pass.
        let mut body = Vec::with_capacity(16 * 1024);
        json::write_answer(&mut body, path, &request.text, format, doc, &report, pass)?;
        Ok(body)
    };
    let out = if large {
        // Wait for a blocking-pool slot (the timeout covers the wait), then lint there; the
        // permit goes with the job, so a timed-out job still counts until it is done.
        let permit = Arc::clone(&st.blocking_jobs)
            .acquire_owned()
            .await
            .map_err(|_| {
                ApiError::new(
                    StatusCode::SERVICE_UNAVAILABLE,
                    "the server is shutting down",
                )
            })?;
        tokio::task::spawn_blocking(move || {
            let _permit = permit;
            work()
        })
        .await
        .map_err(|_| ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, "internal error"))?
    } else {
        work()
    };
    match out {
        Ok(body) => Ok(json_response(StatusCode::OK, body)),
        Err(_) => Err(ApiError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal error",
        )),
    }
}

/// An oversized body is read (and thrown away) up to at least this many bytes before the 413 is
/// sent: a client that writes its whole body before it reads the answer (urllib, PHP streams,
/// many CMS HTTP libraries) would otherwise get a reset instead of the 413.
const DRAIN_AT_LEAST: usize = 8 * 1024 * 1024;

enum BodyError {
    TooLarge,
    Broken(BoxError),
}

/// The body, if it is at most `limit` bytes; a larger one is read on to its end (at most
/// `drain_limit` bytes in all) and refused.
async fn read_body(
    body: Body,
    limit: usize,
    drain_limit: usize,
) -> Result<axum::body::Bytes, BodyError> {
    use http_body_util::BodyExt;
    let mut body = body;
    let mut buf = Vec::new();
    while let Some(frame) = body.frame().await {
        let frame = frame.map_err(|e| BodyError::Broken(e.into()))?;
        let Ok(data) = frame.into_data() else {
            continue;
        };
        if buf.len() + data.len() > limit {
            let seen = buf.len() + data.len();
            drop(buf);
            drain_rest(body, seen, drain_limit).await;
            return Err(BodyError::TooLarge);
        }
        buf.extend_from_slice(&data);
    }
    Ok(buf.into())
}

/// Read and drop a body, at most `drain_limit` bytes.
async fn drain(body: Body, drain_limit: usize) {
    drain_rest(body, 0, drain_limit).await;
}

async fn drain_rest(mut body: Body, mut seen: usize, drain_limit: usize) {
    use http_body_util::BodyExt;
    while seen <= drain_limit {
        match body.frame().await {
            Some(Ok(frame)) => {
                if let Some(d) = frame.data_ref() {
                    seen += d.len();
                }
            }
            _ => return,
        }
    }
}

/// Only `application/json` (any charset parameter, which must then be UTF-8) is accepted.
fn check_content_type(headers: &HeaderMap) -> Result<(), ApiError> {
    let unsupported = |what: String| {
        ApiError::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            format!("{what}; send the ad as JSON with `content-type: application/json`"),
        )
    };
    let Some(value) = headers.get(header::CONTENT_TYPE) else {
        return Err(unsupported("the request has no content type".into()));
    };
    let Ok(value) = value.to_str() else {
        return Err(unsupported("the content type is not readable".into()));
    };
    let mut parts = value.split(';');
    let essence = parts.next().unwrap_or("").trim();
    if !essence.eq_ignore_ascii_case("application/json") {
        return Err(unsupported(format!(
            "content type `{essence}` is not supported"
        )));
    }
    for param in parts {
        if let Some((k, v)) = param.split_once('=') {
            if k.trim().eq_ignore_ascii_case("charset") {
                let v = v.trim().trim_matches('"');
                if !v.eq_ignore_ascii_case("utf-8") && !v.eq_ignore_ascii_case("utf8") {
                    return Err(unsupported(format!(
                        "charset `{v}` is not supported (JSON is UTF-8)"
                    )));
                }
            }
        }
    }
    Ok(())
}

/// Parse a `POST /v1/check` body. Every error names the field to blame when there is one.
pub(crate) fn parse_check_request(body: &[u8]) -> Result<CheckRequest, ApiError> {
    let mut current: Option<String> = None;
    let mut de = serde_json::Deserializer::from_slice(body);
    let fields = match (TopLevel {
        current: &mut current,
    })
    .deserialize(&mut de)
    {
        Ok(f) => match de.end() {
            Ok(()) => f,
            Err(e) => return Err(ApiError::field_opt(None, format!("malformed JSON: {e}"))),
        },
        Err(e) => {
            let text = e.to_string();
            let msg = if e.is_eof() && body.iter().all(u8::is_ascii_whitespace) {
                "the request body is empty; expected a JSON object with a `text` field".to_string()
            } else if current.is_some()
                && (text.contains("escape")
                    || text.contains("surrogate")
                    || text.contains("unicode"))
            {
                format!(
                    "malformed JSON: {text} (every \\u escape must make a whole character: a lone UTF-16 surrogate such as \\ud800 is not one, and the text must be UTF-8)"
                )
            } else {
                format!("malformed JSON: {e}")
            };
            return Err(ApiError::field_opt(current, msg));
        }
    };
    let mut text = None;
    let mut req = CheckRequest {
        text: String::new(),
        path: None,
        format: None,
        lang: None,
        fail_level: None,
        rules: Vec::new(),
    };
    let mut seen: Vec<String> = Vec::new();
    for (key, value) in fields {
        if seen.contains(&key) {
            return Err(ApiError::field(
                key.clone(),
                format!("duplicate field `{key}`"),
            ));
        }
        seen.push(key.clone());
        let string = |value: Value, what: &str| -> Result<Option<String>, ApiError> {
            match value {
                Value::String(s) => Ok(Some(s)),
                Value::Null => Ok(None),
                other => Err(ApiError::field(
                    key.clone(),
                    format!("`{key}` must be {what}, not {}", kind(&other)),
                )),
            }
        };
        match key.as_str() {
            "text" => match value {
                Value::String(s) => text = Some(s),
                other => {
                    return Err(ApiError::field(
                        "text",
                        format!("`text` must be a string (the ad), not {}", kind(&other)),
                    ))
                }
            },
            "path" => req.path = string(value, "a string")?,
            "format" => {
                if let Some(s) = string(value, "one of \"text\", \"markdown\", \"html\"")? {
                    req.format = Some(match Format::from_name(&s) {
                        Some(f) => f,
                        None => {
                            return Err(ApiError::field(
                                "format",
                                format!("unknown format `{s}` (expected text, markdown or html)"),
                            ))
                        }
                    });
                }
            }
            "lang" => {
                if let Some(s) = string(value, "one of \"da\", \"en\"")? {
                    req.lang = Some(s.parse::<Lang>().map_err(|e| ApiError::field("lang", e))?);
                }
            }
            "fail_level" => {
                if let Some(s) = string(value, "one of \"info\", \"warning\", \"error\"")? {
                    req.fail_level = Some(
                        s.parse::<Severity>()
                            .map_err(|e| ApiError::field("fail_level", e))?,
                    );
                }
            }
            "rules" => match value {
                Value::Null => {}
                Value::Object(map) => {
                    for (id, level) in map {
                        let field = format!("rules.{id}");
                        let rule = id
                            .parse::<Rule>()
                            .map_err(|e| ApiError::field(field.clone(), e))?;
                        let level = match level {
                            Value::String(s) => s.parse::<Level>().map_err(|e| ApiError::field(field.clone(), e))?,
                            other => {
                                return Err(ApiError::field(
                                    field.clone(),
                                    format!("`{field}` must be one of \"off\", \"info\", \"warning\", \"error\", not {}", kind(&other)),
                                ))
                            }
                        };
                        req.rules.push((rule, level));
                    }
                }
                other => {
                    return Err(ApiError::field(
                        "rules",
                        format!(
                            "`rules` must be an object (rule id -> level), not {}",
                            kind(&other)
                        ),
                    ))
                }
            },
            _ => {
                return Err(ApiError::field(
                    key.clone(),
                    format!("unknown field `{key}` (expected {FIELDS})"),
                ))
            }
        }
    }
    req.text =
        text.ok_or_else(|| ApiError::field("text", "missing field `text` (the ad, as a string)"))?;
    Ok(req)
}

impl ApiError {
    fn field_opt(field: Option<String>, error: impl Into<String>) -> ApiError {
        ApiError {
            status: StatusCode::BAD_REQUEST,
            error: error.into(),
            field,
        }
    }
}

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// Reads the top-level object key by key and remembers which key's value is being read, so a
/// syntax error inside a value (a lone surrogate `\ud800` in `text`, say) names its field.
struct TopLevel<'a> {
    current: &'a mut Option<String>,
}

impl<'de> DeserializeSeed<'de> for TopLevel<'_> {
    type Value = Vec<(String, Value)>;
    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for TopLevel<'_> {
    type Value = Vec<(String, Value)>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON object with a `text` field")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut out = Vec::new();
        while let Some(key) = map.next_key::<String>()? {
            *self.current = Some(key.clone());
            let value: Value = map.next_value()?;
            *self.current = None;
            out.push((key, value));
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(body: &str) -> ApiError {
        parse_check_request(body.as_bytes()).unwrap_err()
    }

    #[test]
    fn parses_every_field() {
        let r = parse_check_request(
            br#"{"text":"Formand","path":"a.html","format":"html","lang":"en","fail_level":"error","rules":{"masculine-coded":"off"}}"#,
        )
        .unwrap();
        assert_eq!(r.text, "Formand");
        assert_eq!(r.path.as_deref(), Some("a.html"));
        assert_eq!(r.format, Some(Format::Html));
        assert_eq!(r.lang, Some(Lang::En));
        assert_eq!(r.fail_level, Some(Severity::Error));
        assert_eq!(r.rules, vec![(Rule::MasculineCoded, Level::Off)]);
    }

    #[test]
    fn errors_name_the_field() {
        assert_eq!(err(r#"{}"#).field.as_deref(), Some("text"));
        assert_eq!(err(r#"{"text": 5}"#).field.as_deref(), Some("text"));
        assert_eq!(
            err(r#"{"text": "a", "format": "pdf"}"#).field.as_deref(),
            Some("format")
        );
        assert_eq!(
            err(r#"{"text": "a", "lang": "de"}"#).field.as_deref(),
            Some("lang")
        );
        assert_eq!(
            err(r#"{"text": "a", "fail_level": "fatal"}"#)
                .field
                .as_deref(),
            Some("fail_level")
        );
        assert_eq!(
            err(r#"{"text": "a", "rules": {"nope": "off"}}"#)
                .field
                .as_deref(),
            Some("rules.nope")
        );
        assert_eq!(
            err(r#"{"text": "a", "txt": "b"}"#).field.as_deref(),
            Some("txt")
        );
        assert_eq!(
            err(r#"{"text": "a", "text": "b"}"#).field.as_deref(),
            Some("text")
        );
        let e = err(r#"{"path": "x", "text": "ab\ud800c"}"#);
        assert_eq!(e.field.as_deref(), Some("text"), "{e}");
        assert!(e.error.contains("surrogate"), "{e}");
    }

    #[test]
    fn syntax_errors_without_a_field() {
        let e = err(r#"{"text": "a""#);
        assert_eq!(e.field, None, "{e}");
        assert!(err("").error.contains("empty"));
        assert!(err("[1]").error.contains("malformed JSON"));
        assert!(err(r#"{"text":"a"} x"#).error.contains("trailing"));
    }

    #[test]
    fn scopes() {
        for r in Rule::ALL {
            assert_eq!(rule_scope(r) == "ad", r.is_ad_level(), "{r}");
        }
        assert_eq!(rule_scope(Rule::SexPreference), "phrase");
        assert_eq!(rule_scope(Rule::GenderedTerm), "word");
    }
}
