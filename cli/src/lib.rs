//! The terminal phone's parts, as a library so that the fuzz targets and benchmarks drive
//! exactly the code `fieldbook` runs (the import parser above all). The binary is `main.rs`.

pub mod args;
pub mod commands;
pub mod corrections;
pub mod import;
pub mod keys;
pub mod merge;
pub mod ops;
pub mod output;
pub mod phone;
pub mod refs;
pub mod values;
pub mod views;
