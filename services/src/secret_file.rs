//! Secrets the server makes itself on first start (the pre-entry key, the OpenID Connect
//! client key): written once, readable by the server's user alone, never overwritten.

use std::io::Write;
use std::path::Path;

/// Writes `contents` to a new file at `path` (its folder made if missing), mode 0600 on
/// Unix. Fails if the file exists: a key in use is never replaced.
pub fn create(path: &Path, contents: &[u8]) -> std::io::Result<()> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)?;
    }
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options.open(path)?.write_all(contents)
}
