//! # fieldbook-server
//!
//! The sync server of Fieldbook: accounts, devices and enrollment; per-document access
//! control; the change feed phones sync against (`docs/adr/0002-sync-protocol.md`); an audit
//! log; the supervisors' reports. The protocol lives once in [`service`], above the narrow
//! data-access traits of [`db`]; SQLite is the embedded default backend.
//!
//! Modules depend in one direction: `cli` → `admin`, `router` → `api`, `web` → `app` →
//! `service` → `access`, `db`.

pub mod access;
pub mod admin;
pub mod api;
pub mod app;
pub mod cli;
pub mod db;
pub mod demo;
pub mod error;
pub mod metrics;
pub mod router;
pub mod secrets;
pub mod service;
pub mod web;

pub use error::{ServerError, ServerResult};
