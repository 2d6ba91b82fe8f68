//! The HTTP surface: one `app(state)` builds the whole router — server functions, the
//! public screening API, printed documents, the audit export and the built frontend —
//! with the security layers around it: where the request came from (`meta`), CSRF
//! (`csrf`), rate limits (`rate_limit`), security headers (`headers`), and access
//! checked before any handler runs (`access`).

pub mod access;
pub mod api_v1;
mod attachments;
mod audit_export;
pub mod csrf;
mod documents;
mod first_screen;
pub mod headers;
pub mod meta;
pub mod oidc;
pub mod rate_limit;
pub mod screening;
mod server_fns;
mod static_files;

/// The built pages: the staff pages, the counter's own build and the public pages'.
pub const PAGES: [&str; 3] = [
    "index.html",
    first_screen::COUNTER_PAGE,
    first_screen::PUBLIC_PAGE,
];

use app::api::Access;
use axum::extract::FromRef;
use axum::http::{header, HeaderValue, Method};
use axum::routing::{get, post};
use axum::Router;
use madoguchi_services::AppState;
use madoguchi_types::model::Permission;
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;
use tower_http::compression::CompressionLayer;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::set_header::SetResponseHeaderLayer;

/// Largest request body accepted (a screening request of a large household is ~10 KB).
pub const BODY_LIMIT: usize = 1024 * 1024;

/// What the routes share: the application state and the server functions' access.
#[derive(Clone)]
pub struct HttpState {
    pub app: AppState,
    pub fns: Arc<HashMap<&'static str, Access>>,
    /// The built page, for the counter's first screen.
    pub shell: first_screen::Shell,
    /// The public pages' built page, with the navigator's first screen.
    pub public: first_screen::PublicPage,
}

impl FromRef<HttpState> for AppState {
    fn from_ref(s: &HttpState) -> Self {
        s.app.clone()
    }
}

/// An HTTP route other than a server function, with an example path (for the
/// permission matrix and the CSRF tests, which call every route).
#[derive(Debug, Clone)]
pub struct Route {
    pub method: Method,
    pub pattern: &'static str,
    pub example: &'static str,
    pub access: Access,
}

/// Every HTTP route besides the server functions and the static site.
pub fn routes() -> Vec<Route> {
    vec![
        Route {
            method: Method::POST,
            pattern: "/api/v1/screenings",
            example: "/api/v1/screenings",
            access: Access::Public,
        },
        Route {
            method: Method::GET,
            pattern: "/api/applications/{id}/form.pdf",
            example: "/api/applications/1/form.pdf",
            access: documents::FORM_ACCESS,
        },
        Route {
            method: Method::GET,
            pattern: "/api/visits/{number}/receipt.pdf",
            example: "/api/visits/20261125-0001/receipt.pdf",
            access: documents::RECEIPT_ACCESS,
        },
        Route {
            method: Method::GET,
            pattern: "/api/resident/visits/{number}/receipt.pdf",
            example: "/api/resident/visits/20261125-0001/receipt.pdf",
            access: Access::Resident,
        },
        Route {
            method: Method::GET,
            pattern: "/api/applications/{id}/attachments/{attachment}",
            example: "/api/applications/1/attachments/1",
            access: documents::FORM_ACCESS,
        },
        Route {
            method: Method::POST,
            pattern: "/api/resident/attachments",
            example: "/api/resident/attachments?visit=X&procedure=X&document=X",
            access: Access::Resident,
        },
        Route {
            method: Method::GET,
            pattern: "/api/audit/export.csv",
            example: "/api/audit/export.csv",
            access: audit_export::ACCESS,
        },
    ]
}

/// The sign-in steps that are rate limited per address.
pub const SIGN_IN_STEPS: [&str; 5] = [
    "/api/auth/sign_in",
    "/api/auth/verify_code",
    "/api/auth/passkey_sign_in_start",
    "/api/auth/passkey_sign_in_finish",
    "/api/auth/passkey_verify_finish",
];

/// The server functions of residents signed in online, rate limited together.
pub const RESIDENT_FNS: [&str; 17] = [
    "/api/resident/online_status",
    "/api/resident/sign_out",
    "/api/resident/start_application",
    "/api/resident/screen_application",
    "/api/resident/save_application",
    "/api/resident/application_consent",
    "/api/resident/submit_application",
    "/api/resident/discard_application",
    "/api/resident/application_attachments",
    "/api/resident/remove_attachment",
    "/api/resident/remove_returned_attachment",
    "/api/resident/my_applications",
    "/api/resident/application_correction",
    "/api/resident/resubmit_application",
    "/api/resident/set_notice_address",
    "/api/resident/confirm_notice_address",
    "/api/resident/remove_notice_address",
];

pub fn app(state: AppState, site_dir: PathBuf) -> Router {
    let fns: HashMap<&'static str, Access> = app::api::server_fns().into_iter().collect();
    debug_assert!(fns
        .values()
        .all(|a| !matches!(a, Access::Permission(p) if !Permission::ALL.contains(p))),);
    let http = HttpState {
        app: state.clone(),
        fns: Arc::new(fns),
        shell: first_screen::Shell::load(&site_dir),
        public: first_screen::PublicPage::load(&site_dir),
    };
    let policy = Arc::new(headers::Policy::for_site(&site_dir));
    let sign_in_limit = rate_limit::layer(rate_limit::SIGN_IN);
    let mut api = Router::new()
        .route(
            "/api/v1/screenings",
            post(screening::post).layer(rate_limit::layer(rate_limit::SCREENING)),
        )
        .route(
            "/api/applications/{id}/form.pdf",
            get(documents::application_form),
        )
        .route(
            "/api/visits/{number}/receipt.pdf",
            get(documents::visit_receipt),
        )
        .route(
            "/api/applications/{id}/attachments/{attachment}",
            get(attachments::download),
        )
        .route("/api/audit/export.csv", get(audit_export::export))
        .merge(api_v1::router());
    for path in SIGN_IN_STEPS {
        api = api.route(path, post(server_fns::handle).layer(sign_in_limit.clone()));
    }
    // The public navigator screens like the screening API, and is limited like it; a
    // pre-entry writes to the database, and is limited more.
    for path in ["/api/public/guide", "/api/public/pre_entry_form"] {
        api = api.route(
            path,
            post(server_fns::handle).layer(rate_limit::layer(rate_limit::SCREENING)),
        );
    }
    api = api.route(
        "/api/public/create_pre_entry",
        post(server_fns::handle).layer(rate_limit::layer(rate_limit::PRE_ENTRY)),
    );
    // A resident's functions have limits of their own, apart from staff's.
    let resident_limit = rate_limit::layer(rate_limit::RESIDENT);
    for path in RESIDENT_FNS {
        api = api.route(path, post(server_fns::handle).layer(resident_limit.clone()));
    }
    api = api.route(
        "/api/resident/visits/{number}/receipt.pdf",
        get(documents::resident_receipt).layer(resident_limit.clone()),
    );
    // A resident's attachment: the one request with a body larger than the rest.
    let uploads = Router::new()
        .route(
            "/api/resident/attachments",
            post(attachments::upload).layer(resident_limit),
        )
        .layer(SetResponseHeaderLayer::overriding(
            header::CACHE_CONTROL,
            HeaderValue::from_static("no-store"),
        ))
        .with_state(state.clone())
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            csrf::layer,
        ))
        .layer(RequestBodyLimitLayer::new(
            attachments::UPLOAD_LIMIT + 64 * 1024,
        ));
    let api = api
        .route("/api/{*fn_name}", post(server_fns::handle))
        .layer(SetResponseHeaderLayer::overriding(
            header::CACHE_CONTROL,
            HeaderValue::from_static("no-store"),
        ))
        .with_state(http.clone());
    // Residents' sign-in: navigations to and back from the provider (not under /api/:
    // the provider's redirect is cross-site by nature), limited like staff sign-in.
    let online = Router::new()
        .route("/auth/oidc/start", get(oidc::start))
        .route("/auth/oidc/callback", get(oidc::callback))
        .layer(rate_limit::layer(rate_limit::RESIDENT_SIGN_IN))
        .route("/auth/oidc/jwks.json", get(oidc::jwks))
        .with_state(http.clone());
    let pages = Router::new()
        .route("/counter", get(first_screen::counter))
        .route("/", get(first_screen::public))
        .route("/my", get(first_screen::public_plain))
        .route("/my/apply", get(first_screen::public_plain))
        .route("/my/applications/{id}", get(first_screen::public_plain))
        .layer(CompressionLayer::new().br(true).gzip(true))
        .with_state(http);
    api.merge(online)
        .merge(pages)
        .merge(static_files::router(site_dir))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            csrf::layer,
        ))
        .layer(RequestBodyLimitLayer::new(BODY_LIMIT))
        .merge(uploads)
        .layer(axum::middleware::from_fn_with_state(policy, headers::layer))
        .layer(axum::middleware::from_fn_with_state(
            state.security.clone(),
            meta::layer,
        ))
}
