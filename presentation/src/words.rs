//! Every sentence the apps show, in the phone's language, from one Project Fluent catalogue
//! per language (`presentation/locales/<tag>/*.ftl`, one file per screen area, the same
//! files in every language). English and Spanish are complete; Somali and Hmong are drafts
//! awaiting a native speaker's review ([`Language::needs_review`]).

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use unic_langid::LanguageIdentifier;

/// The catalogue files of one language, by name. Add a screen area's file here once; every
/// language must have it (the `catalogues` test checks they say the same things).
macro_rules! catalogue {
    ($tag:literal) => {
        catalogue!($tag; "common", "dates", "caseload", "seeker", "pending", "enrollment", "reminders",
            "errors", "fields", "visit", "forms", "sign-out", "week", "employers", "sync", "shell")
    };
    ($tag:literal; $($file:literal),+) => {
        &[$(($file, include_str!(concat!("../locales/", $tag, "/", $file, ".ftl")))),+]
    };
}

/// A language the apps are written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum Language {
    English,
    Spanish,
    Somali,
    Hmong,
}

impl Language {
    /// Every language, English first (the fallback).
    pub const ALL: [Language; 4] = [
        Language::English,
        Language::Spanish,
        Language::Somali,
        Language::Hmong,
    ];

    /// The BCP 47 language subtag.
    pub fn tag(self) -> &'static str {
        match self {
            Language::English => "en",
            Language::Spanish => "es",
            Language::Somali => "so",
            Language::Hmong => "hmn",
        }
    }

    /// The language of the first of the phone's preferred languages (BCP 47 tags such as
    /// `es-US`, most preferred first) that the apps are written in; English when none is.
    pub fn from_phone(preferred: &[String]) -> Language {
        preferred
            .iter()
            .find_map(|tag| {
                let primary = tag.split(['-', '_']).next()?.to_ascii_lowercase();
                Language::ALL.into_iter().find(|l| l.tag() == primary)
            })
            .unwrap_or(Language::English)
    }

    /// Whether this catalogue is a draft a native speaker has not yet reviewed.
    pub fn needs_review(self) -> bool {
        matches!(self, Language::Somali | Language::Hmong)
    }

    fn files(self) -> &'static [(&'static str, &'static str)] {
        match self {
            Language::English => catalogue!("en"),
            Language::Spanish => catalogue!("es"),
            Language::Somali => catalogue!("so"),
            Language::Hmong => catalogue!("hmn"),
        }
    }
}

/// An argument of a message: text (a name, a date already formatted) or a count, which
/// chooses the plural form.
#[derive(Debug, Clone, PartialEq)]
pub enum Arg {
    Text(String),
    Count(i64),
}

impl From<&str> for Arg {
    fn from(text: &str) -> Self {
        Arg::Text(text.to_owned())
    }
}

impl From<String> for Arg {
    fn from(text: String) -> Self {
        Arg::Text(text)
    }
}

impl From<i64> for Arg {
    fn from(count: i64) -> Self {
        Arg::Count(count)
    }
}

impl From<usize> for Arg {
    fn from(count: usize) -> Self {
        Arg::Count(i64::try_from(count).unwrap_or(i64::MAX))
    }
}

/// One language's catalogue, ready to word messages.
pub struct Words {
    language: Language,
    bundle: FluentBundle<FluentResource>,
}

impl std::fmt::Debug for Words {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Words")
            .field("language", &self.language)
            .finish()
    }
}

impl Words {
    /// The catalogue of `language`.
    pub fn new(language: Language) -> Words {
        let id: LanguageIdentifier = language.tag().parse().unwrap_or_default();
        let mut bundle = FluentBundle::new_concurrent(vec![id]);
        // Isolation marks are for mixing right-to-left text; none of the languages is, and
        // the marks would reach screen readers as noise.
        bundle.set_use_isolating(false);
        for (_, source) in language.files() {
            // The catalogues are compiled in and checked by the `catalogues` test; a broken
            // entry is skipped rather than taking the app down.
            let resource = FluentResource::try_new((*source).to_owned())
                .unwrap_or_else(|(partial, _)| partial);
            let _ = bundle.add_resource(resource);
        }
        Words { language, bundle }
    }

    /// The language these words are in.
    pub fn language(&self) -> Language {
        self.language
    }

    /// Whether the catalogue has message `id` (for labels that may be missing, such as a
    /// field the core names that no form shows).
    pub fn has(&self, id: &str) -> bool {
        self.bundle.has_message(id)
    }

    /// Message `id` worded with `args`. A message missing from the catalogue comes back as
    /// `⟦id⟧`, which the screens' tests look for, never as a crash.
    pub fn get(&self, id: &str, args: &[(&str, Arg)]) -> String {
        self.try_get(id, args).unwrap_or_else(|| format!("⟦{id}⟧"))
    }

    /// Message `id` worded with `args`, or `None` when the catalogue has no such message:
    /// for ids made from data (an operation, a field) that fall back to other words.
    pub fn try_get(&self, id: &str, args: &[(&str, Arg)]) -> Option<String> {
        let pattern = self.bundle.get_message(id).and_then(|m| m.value())?;
        let mut fluent_args = FluentArgs::new();
        for (name, arg) in args {
            let value = match arg {
                Arg::Text(text) => FluentValue::from(text.as_str()),
                Arg::Count(count) => FluentValue::from(*count),
            };
            fluent_args.set(*name, value);
        }
        let mut errors = Vec::new();
        Some(
            self.bundle
                .format_pattern(pattern, Some(&fluent_args), &mut errors)
                .into_owned(),
        )
    }
}

/// The sources of every catalogue file, by language: for the catalogue check.
pub fn catalogue_sources(language: Language) -> &'static [(&'static str, &'static str)] {
    language.files()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_phone_language_picks_the_first_one_written() {
        let tags = |t: &[&str]| t.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(
            Language::from_phone(&tags(&["fr-FR", "es-US", "en"])),
            Language::Spanish
        );
        assert_eq!(Language::from_phone(&tags(&["so_SO"])), Language::Somali);
        assert_eq!(Language::from_phone(&tags(&["hmn"])), Language::Hmong);
        assert_eq!(Language::from_phone(&tags(&["de"])), Language::English);
        assert_eq!(Language::from_phone(&[]), Language::English);
    }

    #[test]
    fn counts_choose_the_plural_form_in_each_language() {
        let en = Words::new(Language::English);
        assert_eq!(
            en.get("pending-changes", &[("count", Arg::Count(1))]),
            "1 change waiting to sync"
        );
        assert_eq!(
            en.get("pending-changes", &[("count", Arg::Count(3))]),
            "3 changes waiting to sync"
        );
        let es = Words::new(Language::Spanish);
        assert_eq!(
            es.get("pending-changes", &[("count", Arg::Count(1))]),
            "1 cambio pendiente de sincronizar"
        );
        assert_eq!(
            es.get("pending-changes", &[("count", Arg::Count(2))]),
            "2 cambios pendientes de sincronizar"
        );
        // Hmong has no plural rules in CLDR: every count takes the other form.
        let hmn = Words::new(Language::Hmong);
        assert!(!hmn
            .get("pending-changes", &[("count", Arg::Count(1))])
            .contains('⟦'));
    }

    #[test]
    fn a_missing_message_is_marked_not_fatal() {
        let en = Words::new(Language::English);
        assert_eq!(en.get("no-such-message", &[]), "⟦no-such-message⟧");
    }
}
