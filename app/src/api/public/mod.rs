//! Server functions of the public pages: no sign-in, nothing stored about the visitor.

mod guide;

pub use guide::*;
