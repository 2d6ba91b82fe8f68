//! The city's business systems next to Madoguchi: API keys (`keys`), what the
//! integration API reads and writes (`feed`, with its records in `records`), and the
//! transactional outbox webhooks are delivered from (`outbox`).

pub mod feed;
pub mod keys;
pub mod outbox;
pub mod records;
