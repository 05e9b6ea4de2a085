//! The dependency tree keeps the rules `deny.toml` states: every crate's license is one the
//! project allows (or a named exception), every crate comes from crates.io or this workspace,
//! no dependency asks for any version (`*`), and the banned crates are absent (one Automerge,
//! no OpenSSL bindings or native-tls: TLS is rustls). Read from `cargo metadata` over every
//! platform, which covers the phones' targets too. `cargo deny check licenses bans sources`
//! reads the same file where cargo-deny is installed; this test keeps the check in every
//! test run without building cargo-deny (minutes on CI's two cores).

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

use serde_json::Value;

const CRATES_IO: &str = "registry+https://github.com/rust-lang/crates.io-index";

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("workspace root")
}

fn metadata() -> Value {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let out = Command::new(cargo)
        .current_dir(root())
        .args(["metadata", "--format-version", "1", "--locked", "--offline"])
        .output()
        .expect("cargo metadata");
    assert!(
        out.status.success(),
        "cargo metadata: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("metadata JSON")
}

fn deny_toml() -> toml::Table {
    let text = std::fs::read_to_string(root().join("deny.toml")).expect("deny.toml");
    text.parse().expect("deny.toml parses")
}

fn strings(v: Option<&toml::Value>) -> Vec<String> {
    v.and_then(|v| v.as_array())
        .map(|a| {
            a.iter()
                .filter_map(|s| s.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

/// Whether an SPDX license expression is satisfied by `allowed` (identifiers, or
/// "ID WITH exception"). `/` is read as OR, as old crates write it.
fn satisfied(expression: &str, allowed: &dyn Fn(&str) -> bool) -> Result<bool, String> {
    let spaced = expression
        .replace('(', " ( ")
        .replace(')', " ) ")
        .replace('/', " OR ");
    let tokens: Vec<&str> = spaced.split_whitespace().collect();
    let mut at = 0;
    let value = or_expr(&tokens, &mut at, allowed)?;
    if at != tokens.len() {
        return Err(format!("cannot read `{expression}`"));
    }
    Ok(value)
}

fn or_expr(t: &[&str], at: &mut usize, ok: &dyn Fn(&str) -> bool) -> Result<bool, String> {
    let mut value = and_expr(t, at, ok)?;
    while t.get(*at) == Some(&"OR") {
        *at += 1;
        value |= and_expr(t, at, ok)?;
    }
    Ok(value)
}

fn and_expr(t: &[&str], at: &mut usize, ok: &dyn Fn(&str) -> bool) -> Result<bool, String> {
    let mut value = term(t, at, ok)?;
    while t.get(*at) == Some(&"AND") {
        *at += 1;
        value &= term(t, at, ok)?;
    }
    Ok(value)
}

fn term(t: &[&str], at: &mut usize, ok: &dyn Fn(&str) -> bool) -> Result<bool, String> {
    match t.get(*at) {
        Some(&"(") => {
            *at += 1;
            let value = or_expr(t, at, ok)?;
            if t.get(*at) != Some(&")") {
                return Err("unbalanced parentheses".into());
            }
            *at += 1;
            Ok(value)
        }
        Some(id) if !matches!(*id, ")" | "AND" | "OR" | "WITH") => {
            *at += 1;
            if t.get(*at) == Some(&"WITH") {
                let exception = t.get(*at + 1).ok_or("WITH names no exception")?;
                *at += 2;
                Ok(ok(&format!("{id} WITH {exception}")) || ok(id))
            } else {
                Ok(ok(id))
            }
        }
        other => Err(format!("unexpected {other:?}")),
    }
}

#[test]
fn license_expressions_read_as_spdx_does() {
    let allow = |id: &str| ["MIT", "Apache-2.0", "Apache-2.0 WITH LLVM-exception"].contains(&id);
    for (expression, expected) in [
        ("MIT OR Apache-2.0", true),
        ("MIT/Apache-2.0", true),
        ("(MIT OR Apache-2.0) AND Unicode-3.0", false),
        ("Apache-2.0 WITH LLVM-exception OR GPL-2.0", true),
        ("GPL-3.0", false),
        ("GPL-3.0 AND MIT", false),
    ] {
        assert_eq!(satisfied(expression, &allow), Ok(expected), "{expression}");
    }
    assert!(satisfied("MIT OR (Apache-2.0", &allow).is_err());
}

#[test]
fn every_dependency_keeps_the_rules_of_deny_toml() {
    let deny = deny_toml();
    let licenses = deny["licenses"].as_table().expect("[licenses]");
    let allowed = strings(licenses.get("allow"));
    let mut exceptions: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for e in licenses
        .get("exceptions")
        .and_then(|v| v.as_array())
        .into_iter()
        .flatten()
    {
        exceptions.insert(
            e["crate"].as_str().expect("exception crate").to_string(),
            strings(e.get("allow")),
        );
    }
    let banned: Vec<(String, bool)> = deny["bans"]["deny"]
        .as_array()
        .expect("[bans] deny")
        .iter()
        .map(|b| {
            (
                b["crate"].as_str().expect("banned crate").to_string(),
                b.get("deny-multiple-versions")
                    .and_then(|v| v.as_bool())
                    .unwrap_or(false),
            )
        })
        .collect();

    let meta = metadata();
    let members: Vec<&str> = meta["workspace_members"]
        .as_array()
        .expect("members")
        .iter()
        .filter_map(Value::as_str)
        .collect();
    let mut problems = Vec::new();
    let mut versions: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for package in meta["packages"].as_array().expect("packages") {
        let name = package["name"].as_str().unwrap_or("?");
        let version = package["version"].as_str().unwrap_or("?");
        let id = package["id"].as_str().unwrap_or("?");
        versions
            .entry(name.to_string())
            .or_default()
            .push(version.to_string());
        if members.contains(&id) {
            // Ours: a path dependency on each other, no version asked of anything "any".
            for dep in package["dependencies"].as_array().into_iter().flatten() {
                if dep["req"] == "*" && dep["path"].is_null() {
                    problems.push(format!("{name} asks for any version of {}", dep["name"]));
                }
            }
            continue;
        }
        match package["source"].as_str() {
            Some(CRATES_IO) => {}
            other => problems.push(format!("{name} {version} comes from {other:?}")),
        }
        let extra = exceptions.get(name).cloned().unwrap_or_default();
        let ok = |id: &str| allowed.iter().chain(&extra).any(|a| a == id);
        match package["license"].as_str() {
            Some(expression) => match satisfied(expression, &ok) {
                Ok(true) => {}
                Ok(false) => problems.push(format!("{name} {version}: license {expression}")),
                Err(e) => problems.push(format!("{name} {version}: license {expression}: {e}")),
            },
            None => problems.push(format!("{name} {version}: no license expression")),
        }
    }
    for (name, one_only) in &banned {
        match versions.get(name) {
            Some(v) if *one_only && v.len() > 1 => {
                problems.push(format!("{name}: {} versions, one allowed", v.len()))
            }
            Some(v) if !*one_only => problems.push(format!("{name} {v:?} is banned")),
            _ => {}
        }
    }
    assert!(
        versions.contains_key("automerge"),
        "the check reads the real tree"
    );
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
