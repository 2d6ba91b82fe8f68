//! The HTTP surface: one `app(state)` builds the whole router — server functions, the
//! public screening API, and the built frontend — with the security layers around it.

mod documents;
mod screening;
mod server_fns;
mod static_files;

use app::server::AppState;
use axum::http::{header, HeaderValue};
use axum::routing::{get, post};
use axum::Router;
use std::path::PathBuf;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::set_header::SetResponseHeaderLayer;

/// Largest request body accepted (a screening request of a large household is ~10 KB).
const BODY_LIMIT: usize = 1024 * 1024;

pub fn app(state: AppState, site_dir: PathBuf) -> Router {
    app::api::register_all();
    let api = Router::new()
        .route("/api/v1/screenings", post(screening::post))
        .route(
            "/api/applications/{id}/form.pdf",
            get(documents::application_form),
        )
        .route(
            "/api/visits/{number}/receipt.pdf",
            get(documents::visit_receipt),
        )
        .route("/api/{*fn_name}", post(server_fns::handle))
        .layer(SetResponseHeaderLayer::overriding(
            header::CACHE_CONTROL,
            HeaderValue::from_static("no-store"),
        ))
        .with_state(state);
    api.merge(static_files::router(site_dir))
        .layer(RequestBodyLimitLayer::new(BODY_LIMIT))
        .layer(SetResponseHeaderLayer::overriding(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::REFERRER_POLICY,
            HeaderValue::from_static("no-referrer"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::X_FRAME_OPTIONS,
            HeaderValue::from_static("DENY"),
        ))
}
