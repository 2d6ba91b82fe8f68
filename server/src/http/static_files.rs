//! The built frontend (Trunk's `dist/`): files as they are, and `index.html` for every
//! other path so the app's own router handles it. Each file is sent as its `.br` or
//! `.gz` twin when the browser accepts it (compressed once at build, at the best level:
//! `scripts/precompress.mjs`); anything without one is compressed on the fly.

use axum::Router;
use std::path::PathBuf;
use tower_http::compression::CompressionLayer;
use tower_http::services::{ServeDir, ServeFile};

pub fn router(site_dir: PathBuf) -> Router {
    let index = ServeFile::new(site_dir.join("index.html"))
        .precompressed_br()
        .precompressed_gzip();
    let files = ServeDir::new(site_dir)
        .precompressed_br()
        .precompressed_gzip()
        .fallback(index);
    Router::new()
        .fallback_service(files)
        // Leaves responses that already carry a Content-Encoding alone.
        .layer(CompressionLayer::new().br(true).gzip(true))
}
