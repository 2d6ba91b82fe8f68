//! The city's business systems next to Madoguchi: API keys (`keys`), what the
//! integration API reads and writes (`feed`, with its records in `records`), the
//! transactional outbox (`outbox`), the relay that delivers it to webhooks (`relay`,
//! signed by `signature`), and the subscriptions and dead letters (`webhooks`).

pub mod export;
pub mod feed;
pub mod keys;
pub mod outbox;
pub mod records;
pub mod relay;
pub mod signature;
pub mod webhooks;
