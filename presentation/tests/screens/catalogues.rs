//! Every message exists in every language's catalogue, takes the same arguments there, and
//! parses without error: a translation can lag in wording, never in what it can say.

use std::collections::{BTreeMap, BTreeSet};

use fieldbook_presentation::words::catalogue_sources;
use fieldbook_presentation::Language;
use fluent_syntax::ast::{Entry, Expression, InlineExpression, Pattern, PatternElement};
use fluent_syntax::parser;

/// Message id → the variables its value and attributes use.
type Messages = BTreeMap<String, BTreeSet<String>>;

fn variables_of_pattern(pattern: &Pattern<&str>, out: &mut BTreeSet<String>) {
    for element in &pattern.elements {
        if let PatternElement::Placeable { expression } = element {
            variables_of_expression(expression, out);
        }
    }
}

fn variables_of_expression(expression: &Expression<&str>, out: &mut BTreeSet<String>) {
    match expression {
        Expression::Inline(inline) => variables_of_inline(inline, out),
        Expression::Select { selector, variants } => {
            variables_of_inline(selector, out);
            for variant in variants {
                variables_of_pattern(&variant.value, out);
            }
        }
    }
}

fn variables_of_inline(inline: &InlineExpression<&str>, out: &mut BTreeSet<String>) {
    match inline {
        InlineExpression::VariableReference { id } => {
            out.insert(id.name.to_owned());
        }
        InlineExpression::FunctionReference { arguments, .. } => {
            for argument in &arguments.positional {
                variables_of_inline(argument, out);
            }
            for named in &arguments.named {
                variables_of_inline(&named.value, out);
            }
        }
        InlineExpression::Placeable { expression } => variables_of_expression(expression, out),
        _ => {}
    }
}

/// The messages of one catalogue file, failing on any syntax error.
fn messages(language: Language, file: &str, source: &str) -> Messages {
    let resource = parser::parse(source).unwrap_or_else(|(_, errors)| {
        panic!("{}/{file}.ftl does not parse: {errors:?}", language.tag())
    });
    let mut out = Messages::new();
    for entry in &resource.body {
        if let Entry::Message(message) = entry {
            let mut variables = BTreeSet::new();
            if let Some(value) = &message.value {
                variables_of_pattern(value, &mut variables);
            }
            for attribute in &message.attributes {
                variables_of_pattern(&attribute.value, &mut variables);
            }
            let id = message.id.name.to_owned();
            assert!(
                out.insert(id.clone(), variables).is_none(),
                "{}/{file}.ftl defines {id} twice",
                language.tag()
            );
        }
    }
    out
}

fn catalogue(language: Language) -> BTreeMap<&'static str, Messages> {
    catalogue_sources(language)
        .iter()
        .map(|(file, source)| (*file, messages(language, file, source)))
        .collect()
}

#[test]
fn every_message_exists_in_every_language_with_the_same_arguments() {
    let english = catalogue(Language::English);
    assert!(english.values().map(BTreeMap::len).sum::<usize>() > 0);
    for language in Language::ALL {
        let other = catalogue(language);
        assert_eq!(
            other.keys().collect::<Vec<_>>(),
            english.keys().collect::<Vec<_>>(),
            "{} has other catalogue files than English",
            language.tag()
        );
        for (file, messages) in &english {
            let theirs = &other[file];
            for (id, variables) in messages {
                let Some(their_variables) = theirs.get(id) else {
                    panic!("{}/{file}.ftl lacks {id}", language.tag());
                };
                assert_eq!(
                    their_variables,
                    variables,
                    "{}/{file}.ftl: {id} takes other arguments than in English",
                    language.tag()
                );
            }
            for id in theirs.keys() {
                assert!(
                    messages.contains_key(id),
                    "{}/{file}.ftl has {id}, which English does not",
                    language.tag()
                );
            }
        }
    }
}

#[test]
fn no_message_is_defined_in_two_files() {
    // A bundle keeps the first of two messages with one id and drops the other: each id
    // must live in one file only.
    for language in Language::ALL {
        let mut seen: BTreeMap<String, &str> = BTreeMap::new();
        for (file, messages) in catalogue(language) {
            for id in messages.into_keys() {
                if let Some(first) = seen.insert(id.clone(), file) {
                    panic!(
                        "{}: {id} is in both {first}.ftl and {file}.ftl",
                        language.tag()
                    );
                }
            }
        }
    }
}

#[test]
fn drafts_say_they_await_review() {
    for language in Language::ALL.into_iter().filter(|l| l.needs_review()) {
        for (file, source) in catalogue_sources(language) {
            assert!(
                source.starts_with("# DRAFT"),
                "{}/{file}.ftl is a draft and must say so on its first line",
                language.tag()
            );
        }
    }
}
