//! Moving a caseload in, as a program adopting Fieldbook does it: the county's workbook and
//! CSV exports (tests/fixtures/import, built by make_fixtures.py the way those exports look:
//! a title line, Excel headers and dates, CRLF, M/D/YYYY, blank cells, stray spaces, a
//! repeated row, Windows-1252 text) inspected, tried, imported, and imported again.

use fieldbook_test_support::cli::CliPhone;
use serde_json::Value;

fn line(report: &Value, number: u64) -> &Value {
    report["lines"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["line"] == number)
        .unwrap_or_else(|| panic!("no line {number} in {report}"))
}

fn counts(report: &Value) -> [u64; 6] {
    [
        "created",
        "updated",
        "unchanged",
        "refused",
        "repeated",
        "blank",
    ]
    .map(|k| {
        report[k]
            .as_u64()
            .unwrap_or_else(|| panic!("{k} in {report}"))
    })
}

fn seeker(phone: &CliPhone, name: &str) -> Value {
    phone.run(&["seeker", "show", name])
}

#[test]
fn a_county_workbook_inspected_tried_imported_and_imported_again() {
    let phone = CliPhone::new();
    let book = phone.fixture("county-caseload.xlsx");

    // What the file holds and how it maps, before anything is written.
    let seen = phone.run(&["import", "--inspect", &book]);
    assert_eq!(seen["kind"], "seekers", "told from the headers: {seen}");
    assert_eq!(seen["rows"], 7);
    assert_eq!(seen["blank_rows"], 1);
    let field = |column: &str| -> Value {
        seen["columns"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["column"] == column)
            .unwrap_or_else(|| panic!("no column {column}: {seen}"))["field"]
            .clone()
    };
    assert_eq!(field("Case #"), "id");
    assert_eq!(field("Client Name"), "name");
    assert_eq!(field("Intake Date"), "first_meeting");
    assert_eq!(field("BP Offered"), "benefits.offered");
    assert_eq!(field("ROI Signed"), "consent.signed");
    assert_eq!(field("Worker"), Value::Null, "not imported");
    assert!(
        seen.to_string().contains("José Núñez"),
        "sample values: {seen}"
    );

    // A dry run says what would happen and writes nothing.
    let (ok, tried) = phone.report(&["import", "--dry-run", &book]);
    assert!(!ok, "two rows are refused");
    assert_eq!(tried["dry_run"], true);
    assert_eq!(counts(&tried), [4, 0, 0, 2, 1, 1], "{tried}");
    assert!(phone.run(&["caseload"]).as_array().unwrap().is_empty());
    let leftovers: Vec<_> = std::fs::read_dir(phone.data())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".dry-run"))
        .collect();
    assert!(
        leftovers.is_empty(),
        "the trial copy is removed: {leftovers:?}"
    );

    // The import: each problem once, naming its line (the sheet's row), column and value.
    let (ok, done) = phone.report(&["import", &book]);
    assert!(!ok);
    assert_eq!(counts(&done), [4, 0, 0, 2, 1, 1], "{done}");
    assert_eq!(line(&done, 9)["action"], "repeated");
    assert_eq!(line(&done, 9)["same_as"], 4);
    let intake = line(&done, 10);
    assert_eq!(intake["column"], "Intake Date");
    assert_eq!(intake["field"], "first_meeting");
    assert!(
        intake["reason"].as_str().unwrap().contains("2026-11-02"),
        "{intake}"
    );
    let status = line(&done, 11);
    assert_eq!(status["column"], "Status");
    let why = status["reason"].as_str().unwrap();
    assert!(
        why.contains("`Job Hunting`") && why.contains("job_search"),
        "{why}"
    );
    let notes = done["warnings"].as_array().unwrap();
    assert_eq!(
        notes
            .iter()
            .filter(|w| w.as_str().unwrap().contains("Worker"))
            .count(),
        1,
        "an unknown column is reported once, not per row: {notes:?}"
    );

    // The whole record came in: profile, status, benefits, career, consent, school.
    assert_eq!(phone.run(&["caseload"]).as_array().unwrap().len(), 4);
    let jose = seeker(&phone, "C-1042");
    assert_eq!(jose["profile"]["name"], "José Núñez");
    assert_eq!(jose["profile"]["external_id"], "C-1042");
    assert_eq!(jose["profile"]["phone"], "6125550101", "a number cell");
    assert_eq!(jose["profile"]["referral_date"], "2026-09-14");
    assert_eq!(jose["profile"]["first_meeting"], "2026-09-16");
    assert_eq!(jose["profile"]["unemployed_at_entry"], true);
    assert_eq!(
        jose["profile"]["benefits_held"],
        serde_json::json!(["SSI", "Medicaid"])
    );
    assert_eq!(jose["benefits"]["offered"], "2026-09-30");
    assert_eq!(jose["benefits"]["planner"], "Dee Park");
    assert_eq!(jose["career"]["work_goal"], "Line cook");
    assert_eq!(jose["career"]["disclosure"]["choice"], "partial");
    let consent = jose["consents"]
        .as_object()
        .unwrap()
        .values()
        .next()
        .unwrap();
    assert_eq!(consent["recipient"], "Employers");
    assert_eq!(consent["signed"], "2026-09-16");
    assert_eq!(
        consent["expires"], "2027-09-16",
        "one year unless it says otherwise"
    );
    let statuses: Vec<&Value> = jose["status_history"]
        .as_object()
        .unwrap()
        .values()
        .collect();
    assert_eq!(statuses.len(), 1);
    assert_eq!(statuses[0]["status"], "job_search");
    let zoe = seeker(&phone, "Zoë Lindqvist");
    let zoe_status = zoe["status_history"]
        .as_object()
        .unwrap()
        .values()
        .next()
        .unwrap();
    assert_eq!(
        zoe_status["status"], "engaging",
        "\" Engaging \" with stray spaces"
    );
    let school = zoe["education"]
        .as_object()
        .unwrap()
        .values()
        .next()
        .unwrap();
    assert_eq!(school["program"], "GED classes");
    let aaliyah = seeker(&phone, "C-1045");
    assert_eq!(aaliyah["profile"]["name"], "Aaliyah Brooks");
    assert_eq!(
        aaliyah["profile"]["referral_date"], "2026-10-15",
        "an Excel serial number in a date column"
    );

    // Again: nothing is added twice.
    let (_, again) = phone.report(&["import", &book]);
    assert_eq!(counts(&again), [0, 0, 4, 2, 1, 1], "{again}");
    assert_eq!(phone.run(&["caseload"]).as_array().unwrap().len(), 4);
    assert_eq!(
        seeker(&phone, "C-1042")["consents"]
            .as_object()
            .unwrap()
            .len(),
        1
    );

    // Hand-edited and run again: the record with that case number is updated, not doubled.
    let edited = phone.write(
        "edited.csv",
        "Case #,Client Name,Phone,Status\r\nC-1042,José Núñez,612-555-0199,Job Search\r\n",
    );
    let updated = phone.run(&["import", &edited]);
    assert_eq!(counts(&updated), [0, 1, 0, 0, 0, 0], "{updated}");
    let jose = seeker(&phone, "C-1042");
    assert_eq!(jose["profile"]["phone"], "612-555-0199");
    assert_eq!(
        jose["career"]["work_goal"], "Line cook",
        "columns not in the file are kept"
    );
    assert_eq!(phone.run(&["caseload"]).as_array().unwrap().len(), 4);
}

#[test]
fn employers_and_visits_from_csv_in_two_encodings() {
    let phone = CliPhone::new();
    phone.report(&["import", &phone.fixture("county-caseload.xlsx")]);

    // Excel's "CSV UTF-8": a byte-order mark, CRLF, a blank row, a repeated row.
    let employers = phone.fixture("county-employers.csv");
    let done = phone.run(&["import", &employers]);
    assert_eq!(
        done["kind"], "employers",
        "told from the headers, not read as job seekers"
    );
    assert!(done["format"].as_str().unwrap().contains("UTF-8 with BOM"));
    assert_eq!(counts(&done), [4, 0, 0, 0, 1, 1], "{done}");
    assert_eq!(line(&done, 7)["same_as"], 3);
    let names: Vec<String> = phone
        .run(&["employer", "list"])
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["name"].as_str().unwrap().to_string())
        .collect();
    assert!(names.contains(&"Café Lumière".to_string()), "{names:?}");
    assert!(
        names.contains(&"Northside Hardware".to_string()),
        "trimmed: {names:?}"
    );
    let bakery = phone.run(&["employer", "show", "E-201"]);
    let contact = bakery["employer"]["contacts"]
        .as_object()
        .unwrap()
        .values()
        .next()
        .unwrap()
        .clone();
    assert_eq!(contact["name"], "Lee Owens");
    assert_eq!(contact["role"], "Owner");
    assert_eq!(bakery["employer"]["hiring_notes"], "Hires for early shifts");

    // Excel's plain "CSV" on Windows: Windows-1252 (é, ’, –), M/D/YYYY, times with AM/PM.
    let visits = phone.fixture("county-visits.csv");
    let (ok, done) = phone.report(&["import", &visits]);
    assert!(!ok, "one visit names an employer the phone does not know");
    assert!(done["format"].as_str().unwrap().contains("Windows-1252"));
    assert_eq!(done["kind"], "visits");
    assert_eq!(counts(&done), [5, 0, 0, 1, 1, 1], "{done}");
    let unknown = line(&done, 9);
    assert_eq!(unknown["column"], "Employer");
    assert!(unknown["reason"]
        .as_str()
        .unwrap()
        .contains("no employer named `Sunrise Diner`"));
    let cafe = phone.run(&["employer", "show", "Café Lumière"]);
    let visit = &cafe["visits"][0];
    assert_eq!(visit["outcome"], "Renée’s café needs a prep cook");
    assert!(
        visit["at"]
            .as_str()
            .unwrap()
            .starts_with("2026-09-22T14:00:00"),
        "{visit}"
    );
    assert_eq!(visit["purpose"], "present_candidate");
    let jose = seeker(&phone, "C-1042");
    assert_eq!(
        jose["activities"].as_object().unwrap().len(),
        2,
        "the café and the bakery interview, named by case number: {jose}"
    );

    // Both files again: nothing doubles.
    assert_eq!(
        counts(&phone.run(&["import", &employers])),
        [0, 0, 4, 0, 1, 1]
    );
    let (_, again) = phone.report(&["import", &visits]);
    assert_eq!(counts(&again), [0, 0, 5, 1, 1, 1], "{again}");
    assert_eq!(
        phone.run(&["employer", "list"]).as_array().unwrap().len(),
        4
    );
    assert_eq!(
        seeker(&phone, "C-1042")["activities"]
            .as_object()
            .unwrap()
            .len(),
        2
    );

    // A visit edited in the log and imported again is reported, not logged twice.
    let edited = phone.write(
        "visit-edited.csv",
        "Contact ID,Employer,Contact Date,Time,Contact Type,Purpose,Client ID,Outcome\r\n\
         V-9003,Northside Hardware,10/2/2026,,Phone,Follow up,C-1043,Spoke with the manager\r\n",
    );
    let (ok, changed) = phone.report(&["import", &edited]);
    assert!(!ok);
    let why = line(&changed, 2)["reason"].as_str().unwrap().to_string();
    assert!(why.contains("V-9003") && why.contains("outcome"), "{why}");
    let hardware = phone.run(&["employer", "show", "E-203"]);
    assert_eq!(hardware["visits"].as_array().unwrap().len(), 1);
}

#[test]
fn an_export_mapped_with_a_map_file_and_a_key_column() {
    let phone = CliPhone::new();
    let export = phone.fixture("county-export.csv");
    let map = phone.fixture("county-map.toml");

    // Without the map, the file's own headers are not understood: said once, up front.
    let out = phone.raw(&["import", &export]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("--kind") || err.contains("--map"), "{err}");
    assert_eq!(err.trim().lines().count(), 1, "one line: {err}");

    let done = phone.run(&["import", "--map", &map, "--key", "Case Number", &export]);
    assert_eq!(counts(&done), [2, 0, 0, 0, 0, 0], "{done}");
    let notes = done["warnings"].to_string();
    assert!(
        notes.contains("Caseworker") && notes.contains("Remarks"),
        "{notes}"
    );
    let rosa = seeker(&phone, "C-2001");
    let status = rosa["status_history"]
        .as_object()
        .unwrap()
        .values()
        .next()
        .unwrap()
        .clone();
    assert_eq!(
        status["status"], "job_search",
        "\"Active - Job Dev\" as the map says"
    );
    let ben = seeker(&phone, "Ben Okafor");
    assert_eq!(ben["profile"]["referral_date"], "2026-10-12");
    assert_eq!(ben["profile"]["external_id"], "C-2002");
    let again = phone.run(&["import", "--map", &map, "--key", "Case Number", &export]);
    assert_eq!(counts(&again), [0, 0, 2, 0, 0, 0], "{again}");
}

#[test]
fn json_lines_name_the_field_and_the_value_and_run_twice_safely() {
    let phone = CliPhone::new();
    let file = phone.write(
        "ops.jsonl",
        &[
            r#"{"op":"employer.add","id":"","name":"Blank Id Bakery"}"#,
            r#"{"op":"seeker.add","id":"ana","name":"Ana Lima","referral_date":"2026-02-30"}"#,
            r#"{"op":"seeker.add","id":"ana","name":"Ana Lima","referral_date":"9/14/2026","status":"Job Search","benefits":{"held":"SSI; SNAP","offered":"9/20/2026"},"career":{"disclosure":"do not disclose"},"plan":{"goal":"Work with animals"}}"#,
            r#"{"op":"employer.add","id":"shelter","name":"Paws Animal Shelter"}"#,
            r#"{"op":"job.start","seeker":"ana","employer":"shelter","title":"Kennel aide","start":"2026-10-01","wage":"lots"}"#,
            r#"{"op":"job.start","seeker":"ana","employer":"shelter","title":"Kennel aide","start":"2026-10-01","hours_per_week":200}"#,
            r#"{"op":"job.start","seeker":"ana","id":"kennel","employer":"shelter","title":"Kennel aide","start":"2026-10-01","wage":"$15.25","hours_per_week":20}"#,
            r#"{"op":"support.log","seeker":"ana","job":"kennel","kind":"check-in at work","date":"10/8/2026"}"#,
            r#"{"op":"step.add","seeker":"ana","id":"vaccines","what":"Ask about the tetanus shot"}"#,
            r#"{"op":"step.done","seeker":"ana","step":"vaccines","on":"2026-10-09"}"#,
            r#"{"op":"consent.add","seeker":"ana","recipient":"state agency","scope":"outcomes","signed":"2026-09-14"}"#,
            r#"{"op":"education.add","seeker":"ana","program":"Vet tech night class","start":"2026-09-08"}"#,
            r#"{"op":"note.add","seeker":"ana","text":"Loves dogs"}"#,
            r#"{"op":"visit.log","employer":"shelter","seekers":["ana"],"at":"2026-09-25 10:00","mode":"In Person","purpose":"Present Candidate"}"#,
            r#"{"op":"visit.log","employer":"shelter","mode":"carrier pigeon"}"#,
            r#"{"op":"employer.edit","employer":"shelter","business_needs":"Weekend kennel help"}"#,
        ]
        .join("\n"),
    );
    let (ok, done) = phone.report(&["import", &file]);
    assert!(!ok);
    let refused: Vec<(u64, String)> = done["lines"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|l| l["action"] == "refused")
        .map(|l| {
            (
                l["line"].as_u64().unwrap(),
                l["field"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    assert_eq!(
        refused,
        vec![
            (1, "id".to_string()),
            (2, "referral_date".to_string()),
            (5, "wage".to_string()),
            (6, "hours_per_week".to_string()),
            (15, "mode".to_string()),
        ],
        "{done}"
    );
    assert!(line(&done, 2)["reason"]
        .as_str()
        .unwrap()
        .contains("`2026-02-30`"));
    assert!(line(&done, 5)["reason"]
        .as_str()
        .unwrap()
        .contains("`lots`"));
    assert!(line(&done, 15)["reason"]
        .as_str()
        .unwrap()
        .contains("in_person"));
    let ana = seeker(&phone, "ana");
    assert_eq!(ana["career"]["disclosure"]["choice"], "do_not_disclose");
    assert_eq!(ana["plan"]["goal"], "Work with animals");
    assert_eq!(ana["benefits"]["offered"], "2026-09-20");
    assert_eq!(ana["jobs"].as_object().unwrap().len(), 1);
    assert_eq!(ana["supports"].as_object().unwrap().len(), 1);
    let job = ana["jobs"]
        .as_object()
        .unwrap()
        .values()
        .next()
        .unwrap()
        .clone();
    assert_eq!(job["hourly_wage_cents"], 1525);
    let shelter = phone.run(&["employer", "show", "shelter"]);
    assert_eq!(shelter["employer"]["business_needs"], "Weekend kennel help");
    let notes = phone.run(&["notes", "list", "--seeker", "ana"]);
    assert_eq!(notes[0]["text"], "Loves dogs");

    // The same file again: the good lines change nothing and add nothing.
    let (_, again) = phone.report(&["import", &file]);
    assert_eq!(again["created"], 0, "{again}");
    assert_eq!(again["refused"], 5);
    let ana = seeker(&phone, "ana");
    for list in ["jobs", "supports", "consents", "education", "activities"] {
        assert_eq!(ana[list].as_object().unwrap().len(), 1, "{list}: {ana}");
    }
    assert_eq!(ana["plan"]["steps"].as_object().unwrap().len(), 1);
    assert_eq!(
        phone
            .run(&["notes", "list", "--seeker", "ana"])
            .as_array()
            .unwrap()
            .len(),
        1
    );
    assert_eq!(
        phone.run(&["employer", "show", "shelter"])["visits"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
}

#[test]
fn typed_ids_are_kept_per_kind_and_never_make_the_records_id() {
    let phone = CliPhone::new();
    let seeker = phone.run(&["seeker", "add", "--id", "1", "--name", "Jo Park"]);
    let employer = phone.run(&["employer", "add", "--id", "1", "--name", "Corner Store"]);
    let (s, e) = (
        seeker["seeker_id"].as_str().unwrap().to_string(),
        employer["employer_id"].as_str().unwrap().to_string(),
    );
    assert_ne!(
        s, e,
        "a job seeker and an employer both called 1 never meet"
    );
    for id in [&s, &e] {
        let version = uuid_version(id);
        assert_eq!(
            version, '4',
            "a fresh random id, never derived from the text: {id}"
        );
    }
    assert_eq!(
        phone.run(&["seeker", "show", "1"])["profile"]["external_id"],
        "1"
    );
    let visit = phone.run(&[
        "visit",
        "log",
        "--employer",
        "1",
        "--seeker",
        "1",
        "--outcome",
        "Met",
    ]);
    assert_eq!(visit["employer_id"], e.as_str());

    // The same text on another phone (another team) makes another record.
    let other = CliPhone::new();
    let theirs = other.run(&["employer", "add", "--id", "1", "--name", "Corner Store"]);
    assert_ne!(theirs["employer_id"], e.as_str());

    // Unknown and repeated names are clear errors that write nothing.
    let out = phone.raw(&["visit", "log", "--employer", "nowhere"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("no employer named `nowhere`"));
    let out = phone.raw(&["seeker", "add", "--id", "1", "--name", "Someone Else"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        !out.status.success() && err.contains("already exists"),
        "{err}"
    );
    let out = phone.raw(&["employer", "add", "--id", "", "--name", "X"]);
    assert!(
        !out.status.success(),
        "an empty id is refused on the command line too"
    );
    assert_eq!(phone.run(&["caseload"]).as_array().unwrap().len(), 1);
    assert_eq!(
        phone.run(&["employer", "list"]).as_array().unwrap().len(),
        1
    );
}

fn uuid_version(id: &str) -> char {
    id.chars().nth(14).unwrap_or('?')
}
