//! Every `Example:` line of `fieldbook --help` and its subcommands' help, run as written, in
//! the order the help lists them, on one phone enrolled with a real server: the help never
//! shows a command that does not work.

use fieldbook_test_support::cli::CliPhone;
use fieldbook_test_support::{binary, Server, Team};

/// The help of `fieldbook PATH…`.
fn help(path: &[&str]) -> String {
    let out = std::process::Command::new(binary("fieldbook"))
        .args(path)
        .arg("--help")
        .output()
        .expect("fieldbook --help");
    assert!(out.status.success(), "{path:?} --help");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The subcommands a help lists under "Commands:".
fn subcommands(help: &str) -> Vec<String> {
    help.lines()
        .skip_while(|l| !l.starts_with("Commands:"))
        .skip(1)
        .take_while(|l| !l.trim().is_empty())
        .filter_map(|l| l.split_whitespace().next())
        .filter(|name| *name != "help")
        .map(str::to_string)
        .collect()
}

/// Every example of the command at `path` and below it, in the order the help lists them.
fn examples(path: &mut Vec<String>, out: &mut Vec<(String, String)>) {
    let args: Vec<&str> = path.iter().map(String::as_str).collect();
    let text = help(&args);
    for line in text.lines() {
        if let Some(example) = line.trim().strip_prefix("Example: fieldbook ") {
            out.push((args.join(" "), format!("fieldbook {example}")));
        }
    }
    for sub in subcommands(&text) {
        path.push(sub);
        examples(path, out);
        path.pop();
    }
}

#[test]
fn every_example_in_the_help_runs_as_written() {
    let mut found = Vec::new();
    examples(&mut Vec::new(), &mut found);
    let commands: Vec<&str> = found.iter().map(|(c, _)| c.as_str()).collect();
    for needed in [
        "enroll",
        "seeker add",
        "seeker benefits",
        "seeker consent",
        "seeker career",
        "seeker education",
        "plan edit",
        "employer edit",
        "notes list",
        "import",
        "sync",
    ] {
        assert!(
            commands.contains(&needed),
            "{needed} has an example: {commands:?}"
        );
    }

    let server = Server::start();
    let team = Team::create(&server, 1);
    let code = server.code(&team.specialists[0]);
    let phone = CliPhone::new();
    for fixture in [
        "county-caseload.xlsx",
        "county-employers.csv",
        "county-export.csv",
        "county-map.toml",
    ] {
        phone.fixture(fixture);
    }
    // A merge needs a duplicate to merge: made just before its example runs.
    let duplicates: [(&str, &[&str]); 2] = [
        (
            "seeker merge",
            &["seeker", "add", "--id", "maria-2", "--name", "Maria Santos"],
        ),
        (
            "employer merge",
            &["employer", "add", "--id", "sunny-2", "--name", "Sunny Side"],
        ),
    ];
    for (command, example) in &found {
        if let Some((_, setup)) = duplicates.iter().find(|(c, _)| c == command) {
            phone.run(setup);
        }
        let line = example
            .replace("https://fieldbook.example.org", &server.url())
            .replace("ABCD-EFGH-JKMN", &code);
        let out = phone.shell(&line);
        assert!(
            out.status.success(),
            "the example of `{command}` failed: {line}\n{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    }
    // They did what they say: the job seeker the examples made has the whole record.
    let maria = phone.run(&["seeker", "show", "maria"]);
    assert_eq!(maria["career"]["disclosure"]["choice"], "partial");
    assert_eq!(maria["plan"]["goal"], "A morning job in a bakery");
    assert_eq!(maria["profile"]["unemployed_at_entry"], true);
    assert_eq!(maria["consents"].as_object().unwrap().len(), 1);
    assert_eq!(maria["education"].as_object().unwrap().len(), 1);
}
