//! The core's refusal [`Reason`] as a value the apps receive: the bindings' `Invalid` error
//! carries it, so an app (or [`crate::errors::failure_problem`]) words the refusal in the
//! phone's language instead of showing the core's English.

use fieldbook_core::Reason;

/// Why an input was refused, with the values the sentence names (the core's [`Reason`]).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Enum)]
pub enum ReasonCode {
    /// Empty or blank where a value is needed.
    Required,
    /// Longer than `max` characters.
    TooLong { max: u64 },
    /// The date `value` comes before `earlier` (the date in `earlier_field`).
    Before {
        value: String,
        earlier_field: String,
        earlier: String,
    },
    /// The date `value` comes after `later` (the date in `later_field`).
    After {
        value: String,
        later_field: String,
        later: String,
    },
    /// A time later than now.
    InFuture { value: String },
    /// A number outside `min..=max`; with `min_excluded`, `min` itself is refused too.
    OutOfRange {
        value: String,
        min: String,
        max: String,
        min_excluded: bool,
    },
    /// A number below zero.
    Negative { value: String },
    /// The `kind` entry `id` was voided and takes no more changes.
    Void { kind: String, id: String },
    /// The entry `id` was voided already.
    VoidAlready { id: String },
    /// A plan step moved after itself.
    FollowsItself,
    /// A job seeker disclosed at a visit who is not among those discussed.
    NotDiscussed { seeker: String },
    /// A `kind` record `id` merged into itself.
    MergeIntoItself { kind: String, id: String },
    /// Record `id` is a `kind`, not the `expected` kind being merged.
    MergeOtherKind {
        id: String,
        kind: String,
        expected: String,
    },
    /// The phone is enrolled already.
    AlreadyEnrolled,
    /// Plain http to a server other than this machine.
    PlainHttp,
    /// A server address with an unsupported scheme.
    UnsupportedScheme { scheme: String },
    /// Another `kind` record already has the external id `id`.
    IdTaken { kind: String, id: String },
    /// `value` is not a quarter written like 2026Q3.
    NotAQuarter { value: String },
    /// Only free text (in English).
    Other { detail: String },
}

impl From<&Reason> for ReasonCode {
    fn from(reason: &Reason) -> Self {
        match reason.clone() {
            Reason::Required => ReasonCode::Required,
            Reason::TooLong { max } => ReasonCode::TooLong { max: max as u64 },
            Reason::Before {
                value,
                earlier_field,
                earlier,
            } => ReasonCode::Before {
                value,
                earlier_field,
                earlier,
            },
            Reason::After {
                value,
                later_field,
                later,
            } => ReasonCode::After {
                value,
                later_field,
                later,
            },
            Reason::InFuture { value } => ReasonCode::InFuture { value },
            Reason::OutOfRange {
                value,
                min,
                max,
                min_excluded,
            } => ReasonCode::OutOfRange {
                value,
                min,
                max,
                min_excluded,
            },
            Reason::Negative { value } => ReasonCode::Negative { value },
            Reason::Void { kind, id } => ReasonCode::Void { kind, id },
            Reason::VoidAlready { id } => ReasonCode::VoidAlready { id },
            Reason::FollowsItself => ReasonCode::FollowsItself,
            Reason::NotDiscussed { seeker } => ReasonCode::NotDiscussed { seeker },
            Reason::MergeIntoItself { kind, id } => ReasonCode::MergeIntoItself { kind, id },
            Reason::MergeOtherKind { id, kind, expected } => {
                ReasonCode::MergeOtherKind { id, kind, expected }
            }
            Reason::AlreadyEnrolled => ReasonCode::AlreadyEnrolled,
            Reason::PlainHttp => ReasonCode::PlainHttp,
            Reason::UnsupportedScheme { scheme } => ReasonCode::UnsupportedScheme { scheme },
            Reason::IdTaken { kind, id } => ReasonCode::IdTaken { kind, id },
            Reason::NotAQuarter { value } => ReasonCode::NotAQuarter { value },
            Reason::Other(detail) => ReasonCode::Other { detail },
        }
    }
}

impl From<&ReasonCode> for Reason {
    fn from(code: &ReasonCode) -> Self {
        match code.clone() {
            ReasonCode::Required => Reason::Required,
            ReasonCode::TooLong { max } => Reason::TooLong {
                max: usize::try_from(max).unwrap_or(usize::MAX),
            },
            ReasonCode::Before {
                value,
                earlier_field,
                earlier,
            } => Reason::Before {
                value,
                earlier_field,
                earlier,
            },
            ReasonCode::After {
                value,
                later_field,
                later,
            } => Reason::After {
                value,
                later_field,
                later,
            },
            ReasonCode::InFuture { value } => Reason::InFuture { value },
            ReasonCode::OutOfRange {
                value,
                min,
                max,
                min_excluded,
            } => Reason::OutOfRange {
                value,
                min,
                max,
                min_excluded,
            },
            ReasonCode::Negative { value } => Reason::Negative { value },
            ReasonCode::Void { kind, id } => Reason::Void { kind, id },
            ReasonCode::VoidAlready { id } => Reason::VoidAlready { id },
            ReasonCode::FollowsItself => Reason::FollowsItself,
            ReasonCode::NotDiscussed { seeker } => Reason::NotDiscussed { seeker },
            ReasonCode::MergeIntoItself { kind, id } => Reason::MergeIntoItself { kind, id },
            ReasonCode::MergeOtherKind { id, kind, expected } => {
                Reason::MergeOtherKind { id, kind, expected }
            }
            ReasonCode::AlreadyEnrolled => Reason::AlreadyEnrolled,
            ReasonCode::PlainHttp => Reason::PlainHttp,
            ReasonCode::UnsupportedScheme { scheme } => Reason::UnsupportedScheme { scheme },
            ReasonCode::IdTaken { kind, id } => Reason::IdTaken { kind, id },
            ReasonCode::NotAQuarter { value } => Reason::NotAQuarter { value },
            ReasonCode::Other { detail } => Reason::Other(detail),
        }
    }
}
