//! The built frontend (Trunk's `dist/`): files as they are, and `index.html` for every
//! other path so the app's own router handles it. Compressed with brotli or gzip for
//! slow tablets and city networks.

use axum::Router;
use std::path::PathBuf;
use tower_http::compression::CompressionLayer;
use tower_http::services::{ServeDir, ServeFile};

pub fn router(site_dir: PathBuf) -> Router {
    let index = site_dir.join("index.html");
    Router::new()
        .fallback_service(ServeDir::new(site_dir).fallback(ServeFile::new(index)))
        .layer(CompressionLayer::new().br(true).gzip(true))
}
