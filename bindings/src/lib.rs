//! The uniffi facade over fieldbook-core (see issue: bindings).
