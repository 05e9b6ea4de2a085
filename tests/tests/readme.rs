//! The README's walk-through, run exactly as written: the lines between its walkthrough
//! markers, against a demo server, with only the server address and Ana's printed code
//! filled in.

use std::process::Command;

use fieldbook_test_support::{binary, Phone, Server};

#[test]
fn the_readme_walkthrough_works_as_written() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../README.md")).unwrap();
    let start = readme.find("<!-- walkthrough").expect("walkthrough marker");
    let end = readme.find("<!-- end walkthrough -->").expect("end marker");
    let lines: Vec<&str> = readme[start..end]
        .lines()
        .filter(|l| l.starts_with("./target/debug/"))
        .collect();
    assert!(lines.len() >= 5, "{lines:?}");

    let server = Server::start_demo();
    let ana_code = server
        .banner
        .lines()
        .find(|l| l.trim_start().starts_with("Ana Ruiz"))
        .and_then(|l| l.split_whitespace().last())
        .expect("Ana's code in the banner")
        .to_string();
    let bin_dir = binary("fieldbook").parent().unwrap().to_path_buf();
    let cwd = tempfile::tempdir().unwrap();
    for line in &lines {
        let command = line
            .replace("./target/debug/", &format!("{}/", bin_dir.display()))
            .replace("http://127.0.0.1:8080", &server.url())
            .replace("ANA-CODE", &ana_code);
        let out = Command::new("bash")
            .arg("-c")
            .arg(&command)
            .current_dir(cwd.path())
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "`{line}` failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }

    // The visit logged in the walk-through reached the server: a supervisor's phone sees it.
    let dana = Phone::enrolled(&server, &server.user_id("Dana Whitfield"));
    dana.store.sync(None).unwrap();
    let named: Vec<_> = dana
        .store
        .employers()
        .unwrap()
        .into_iter()
        .filter(|e| e.name == "Sunny Side Laundromat")
        .collect();
    assert_eq!(named.len(), 1, "the walk-through's employer, once");
    let visits = dana.store.employer_visits(named[0].employer_id).unwrap();
    assert_eq!(visits.len(), 1);
    assert_eq!(
        visits[0].outcome.as_deref(),
        Some("Met the owner; hiring in spring")
    );
}
