//! The integration API (`/api/v1`) for the city's business systems and other outside
//! callers: the public screening contract, and — with a business system's key — its
//! department's applications (feed, acknowledgement, status updates). Described by an
//! OpenAPI 3.1 document generated from these handlers and types, served at
//! `/api/v1/openapi.json`. Versioned by path: a change that breaks a caller gets `/v2`.

pub mod applications;
pub mod auth;
pub mod exports;

use axum::response::IntoResponse;
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::Serialize;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi, ToSchema};

/// An error: its stable `code`, with what the code names (documentation of
/// `madoguchi_types::error::AppError` as JSON).
#[derive(Debug, Serialize, ToSchema)]
pub struct ApiError {
    /// `unauthenticated`, `forbidden`, `not_found`, `invalid_input`, `conflict`,
    /// `too_many_attempts`, `transport` (a body that is not JSON of the right shape),
    /// `internal`.
    pub code: String,
    /// With `invalid_input`: each field and what is wrong with it.
    pub fields: Option<Vec<FieldProblem>>,
    /// With `conflict`: `{"kind": "status_order", "from", "to"}` or
    /// `{"kind": "changed_meanwhile", "status"}`.
    pub reason: Option<serde_json::Value>,
    /// With `transport`: what could not be read.
    pub message: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct FieldProblem {
    pub field: String,
    /// A stable code (`required`, `too_long`, `invalid_choice`, `out_of_range`, …).
    pub error: String,
}

/// The screening contract's error: `{"error": {"code", "message", "path"}}`.
#[derive(Debug, Serialize, ToSchema)]
pub struct ScreeningError {
    pub error: madoguchi_core::screening::ContractError,
}

struct KeyScheme;

impl Modify for KeyScheme {
    fn modify(&self, api: &mut utoipa::openapi::OpenApi) {
        let components = api.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "api_key",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .description(Some(
                        "A business system's key, `mdg_<prefix>_<secret>`, created by an \
                         administrator at /admin/integration for one department, read or \
                         read and write.",
                    ))
                    .build(),
            ),
        );
    }
}

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Madoguchi integration API",
        version = "1",
        description = "Screening (public) and the department feed for the city's business systems. \
                       Errors carry a stable `code`; 4xx are the caller's, 500 only the unexpected. \
                       Webhooks: see docs/INTEGRATION.md."
    ),
    paths(
        crate::http::screening::post,
        applications::list,
        applications::read,
        applications::acknowledge,
        applications::update_status,
        exports::get,
    ),
    components(schemas(ApiError, FieldProblem, ScreeningError)),
    modifiers(&KeyScheme),
    tags(
        (name = "screening", description = "Which procedures a household needs (no key needed)"),
        (name = "applications", description = "A department's applications, for its business system"),
    )
)]
pub struct ApiDoc;

/// The OpenAPI document.
pub async fn openapi() -> impl IntoResponse {
    Json(ApiDoc::openapi())
}

/// The routes needing a business system's key.
pub fn router() -> Router<crate::http::HttpState> {
    Router::new()
        .route(
            "/api/v1/departments/{department}/applications",
            get(applications::list),
        )
        .route(
            "/api/v1/departments/{department}/acknowledgements",
            post(applications::acknowledge),
        )
        .route("/api/v1/applications/{id}", get(applications::read))
        .route(
            "/api/v1/applications/{id}/status",
            post(applications::update_status),
        )
        .route(
            "/api/v1/departments/{department}/exports/{procedure}",
            get(exports::get),
        )
        .route("/api/v1/openapi.json", get(openapi))
}
