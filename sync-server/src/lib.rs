//! # fieldbook-server
//!
//! The sync server of Fieldbook: accounts, devices and enrollment; per-document access
//! control; the change feed phones sync against (`docs/adr/0002-sync-protocol.md`); an audit
//! log. Storage sits behind [`storage::Storage`]; SQLite is the embedded default.

pub mod access;
pub mod admin;
pub mod cli;
pub mod demo;
pub mod directory;
pub mod error;
pub mod http;
pub mod merge;
pub mod metrics;
pub mod reports;
pub mod secrets;
pub mod storage;
pub mod web;

pub use error::{ServerError, ServerResult};
