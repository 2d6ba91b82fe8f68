//! The built frontend (Trunk's `dist/`): files as they are, and `index.html` (the staff
//! build) for every other path so the app's own router handles it (`/counter` and `/`
//! come from their own builds: `first_screen.rs`). Each file is sent as its `.br` or
//! `.gz` twin when the browser accepts it (compressed once at build, at the best level:
//! `scripts/precompress.mjs`); anything without one is compressed on the fly. The
//! message catalog's files (`/i18n/<code>/<area>.json`) are never answered with the
//! page: a language or area that does not exist is a 404.

use axum::Router;
use std::path::PathBuf;
use tower_http::compression::CompressionLayer;
use tower_http::services::{ServeDir, ServeFile};

pub fn router(site_dir: PathBuf) -> Router {
    let index = ServeFile::new(site_dir.join("index.html"))
        .precompressed_br()
        .precompressed_gzip();
    let catalog = ServeDir::new(site_dir.join("i18n"))
        .precompressed_br()
        .precompressed_gzip();
    let files = ServeDir::new(site_dir)
        .precompressed_br()
        .precompressed_gzip()
        .fallback(index);
    Router::new()
        .nest_service("/i18n", catalog)
        .fallback_service(files)
        // Leaves responses that already carry a Content-Encoding alone.
        .layer(CompressionLayer::new().br(true).gzip(true))
}
