//! Reading and applying an import file, as `fieldbook import FILE` does: JSON Lines of
//! operations, or CSV rows of job seekers, employers or visits (their kind told from the
//! headers or given). The first byte chooses the form; the rest is the file. Preparing must
//! return (the lines, or an error for the file as a whole), applying must report, and the
//! phone's store must stay whole: it opens, every document loads checked, and the employer
//! list is the employer documents.

#![no_main]

use std::sync::OnceLock;

use fieldbook_cli::import::{self, ImportArgs, Kind};
use fieldbook_core::Store;
use fieldbook_fuzz::phone::checked_state;
use fieldbook_fuzz::scratch;
use libfuzzer_sys::fuzz_target;

fuzz_target!(
    init: {
        fieldbook_fuzz::init(|dir| fieldbook_fuzz::write_seeds(dir, &seeds()));
        template();
    },
    |data: &[u8]| {
        let Some((&form, text)) = data.split_first() else {
            return;
        };
        run(form, text);
    }
);

/// An empty phone store to copy for every input.
fn template() -> &'static (tempfile::TempDir, std::path::PathBuf) {
    static TEMPLATE: OnceLock<(tempfile::TempDir, std::path::PathBuf)> = OnceLock::new();
    TEMPLATE.get_or_init(|| {
        let dir = scratch();
        let path = dir.path().join("phone.db");
        drop(Store::open(&path, None).expect("a new phone store"));
        (dir, path)
    })
}

fn run(form: u8, text: &[u8]) {
    let dir = scratch();
    let path = dir.path().join("phone.db");
    std::fs::copy(&template().1, &path).expect("copy the phone");
    let (file, kind) = match form % 5 {
        0 => ("import.jsonl", None),
        1 => ("import.csv", None),
        2 => ("import.csv", Some(Kind::Seekers)),
        3 => ("import.csv", Some(Kind::Employers)),
        _ => ("import.csv", Some(Kind::Visits)),
    };
    let file = dir.path().join(file);
    std::fs::write(&file, text).expect("write the import file");
    let args = ImportArgs {
        file,
        kind,
        map: None,
        key: None,
        sheet: None,
        dry_run: false,
        inspect: false,
    };
    if let Ok(prepared) = import::prepare(&args) {
        let store = Store::open(&path, None).expect("the phone opens");
        let _report = import::apply(prepared, &store, &args);
    }
    let store = match Store::open(&path, None) {
        Ok(s) => s,
        Err(e) => panic!("the phone's store no longer opens after an import: {e}"),
    };
    checked_state(&store);
}

/// One line of every operation, and CSV files of each kind.
fn seeds() -> Vec<(String, Vec<u8>)> {
    let json = [
        r#"{"op":"employer.add","id":"laundromat","name":"Sunny Side Laundromat","industry":"services"}"#,
        r#"{"op":"contact.add","employer":"laundromat","name":"Rosa Diaz","role":"owner","phone":"555-0100"}"#,
        r#"{"op":"seeker.add","id":"p1","name":"Jordan Lee","county":"Riverbend","referral_date":"2026-09-01","status":"job_search"}"#,
        r#"{"op":"seeker.edit","seeker":"p1","preferred_name":"Jo"}"#,
        r#"{"op":"visit.log","employer":"laundromat","at":"2026-11-24 10:30","mode":"in_person","purpose":"present_candidate","seekers":["p1"],"outcome":"Owner will interview"}"#,
        r#"{"op":"step.add","seeker":"p1","id":"s1","what":"Update resume","who":"specialist","due":"2026-12-01"}"#,
        r#"{"op":"step.done","seeker":"p1","step":"s1","on":"2026-11-25"}"#,
        r#"{"op":"job.start","seeker":"p1","id":"j1","employer":"laundromat","title":"Attendant","start":"2026-11-20","hours_per_week":20,"wage":15.5,"competitive":true}"#,
        r#"{"op":"support.log","seeker":"p1","kind":"check-in","job":"j1","in_person":true}"#,
        r#"{"op":"job.end","seeker":"p1","job":"j1","date":"2026-11-28","reason":"Seasonal work ended"}"#,
        r#"{"op":"note.add","seeker":"p1","text":"Prefers morning shifts"}"#,
        r#"{"op":"employer.add","id":"","name":"Empty id"}"#,
    ];
    let mut seeds: Vec<(String, Vec<u8>)> = json
        .iter()
        .enumerate()
        .map(|(i, l)| (format!("json-{i}"), [&[0u8][..], l.as_bytes()].concat()))
        .collect();
    seeds.push((
        "json-file".into(),
        [&[0u8][..], json.join("\n").as_bytes()].concat(),
    ));
    seeds.push((
        "csv-seekers".into(),
        [
            &[2u8][..],
            b"Name,County,Referral Date,Status\r\nJordan Lee,Riverbend,2026-09-01,job_search\r\n Maria Santos ,Pine,,\r\n",
        ]
        .concat(),
    ));
    seeds.push((
        "csv-employers".into(),
        [
            &[3u8][..],
            b"name,industry,phone\nMaple Street Bakery,food service,555-0101\nValley Auto Parts,,\n",
        ]
        .concat(),
    ));
    seeds.push((
        "csv-guessed".into(),
        [
            &[1u8][..],
            b"\xef\xbb\xbfClient Name,Referral Date,Status,Client ID\r\nJordan Lee,9/14/2026,Job Search,C-1\r\n,,,\r\nJordan Lee,9/14/2026,Job Search,C-1\r\n",
        ]
        .concat(),
    ));
    seeds.push((
        "csv-visits".into(),
        [
            &[4u8][..],
            b"Employer,Date,Mode,Purpose,Outcome\nMaple Street Bakery,11/24/2026 10:30,in person,develop_job,Met the owner\n",
        ]
        .concat(),
    ));
    seeds
}
