//! The store's tests, one binary: each module is one part of the domain (records, edits,
//! merges, fidelity, outcomes, ...) on real store files. One binary rather than one per file,
//! because every test binary links the whole core: fewer links, a smaller build on CI's disk.
//! The crash test stays a binary of its own: it re-runs itself by test name.

mod common;

mod consent;
mod corrections;
mod corrections_props;
mod duplicates_props;
mod edits;
mod fidelity;
mod fidelity_items;
mod fuzz_regressions;
mod job_starts;
mod merge;
mod merge_props;
mod operations;
mod outcomes;
mod records;
mod smoke;
