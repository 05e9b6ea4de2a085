//! Merging duplicates from the terminal: `fieldbook seeker merge KEPT DUPLICATE --reason …`
//! and `fieldbook employer merge …`. The rules are the core's (`Store::merge_seekers`): the
//! duplicate is marked and its entries are copied into the record kept; its id then shows
//! the record kept.

use fieldbook_core::Store;
use serde_json::json;

use crate::output::emit;
use crate::refs::{Ref, Resolver};

/// Which records are one, and why.
#[derive(Debug, clap::Args)]
pub struct MergeArgs {
    /// The record kept (id, external id or name).
    pub kept: Ref,
    /// The duplicate, merged into the record kept (id, external id or name).
    pub duplicate: Ref,
    /// Why they are one, in a few words ("imported twice").
    #[arg(long)]
    pub reason: String,
}

/// `seeker merge`.
pub fn seekers(store: &Store, json: bool, args: MergeArgs) -> Result<(), String> {
    let mut refs = Resolver::new(store);
    let (kept, duplicate) = (refs.seeker(&args.kept)?, refs.seeker(&args.duplicate)?);
    store
        .merge_seekers(kept, duplicate, &args.reason)
        .map_err(|e| e.to_string())?;
    let value =
        json!({"op": "seeker.merge", "kept": kept, "duplicate": duplicate, "reason": args.reason});
    emit(json, &value, |_| {
        format!(
            "job seeker {duplicate} is merged into {kept}: {}",
            args.reason
        )
    })
}

/// `employer merge`.
pub fn employers(store: &Store, json: bool, args: MergeArgs) -> Result<(), String> {
    let mut refs = Resolver::new(store);
    let (kept, duplicate) = (refs.employer(&args.kept)?, refs.employer(&args.duplicate)?);
    store
        .merge_employers(kept, duplicate, &args.reason)
        .map_err(|e| e.to_string())?;
    let value = json!({"op": "employer.merge", "kept": kept, "duplicate": duplicate, "reason": args.reason});
    emit(json, &value, |_| {
        format!(
            "employer {duplicate} is merged into {kept}: {}",
            args.reason
        )
    })
}
