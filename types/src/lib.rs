//! The vocabulary shared by the browser, the server functions and the services: what
//! screens show and send (`model`), and the one error type of that boundary (`error`),
//! whose variants are stable codes. No I/O; compiles for wasm32 as well.

pub mod error;
pub mod model;
