//! The supervisor's dashboard in headless Chromium against a real server seeded with the demo
//! program: sign in, the charts render, and every figure on the page equals the API's.

use fieldbook_test_support::browser::Browser;
use fieldbook_test_support::Server;
use serde_json::Value;

const PASSWORD: &str = "river bend supervisor";

fn get(server: &Server, path: &str, session: Option<&str>) -> (u16, String) {
    let mut req = fieldbook_test_support::http().get(format!("{}{path}", server.url()));
    if let Some(s) = session {
        req = req.header("cookie", format!("fieldbook_session={s}"));
    }
    let resp = req.send().unwrap();
    let status = resp.status().as_u16();
    (status, resp.text().unwrap())
}

fn number(v: &Value) -> Option<f64> {
    match v {
        Value::Number(n) => n.as_f64(),
        Value::String(s) => s.parse().ok(),
        _ => None,
    }
}

#[test]
fn a_supervisor_signs_in_and_the_page_shows_the_apis_figures() {
    let server = Server::start_demo();
    let dana = server.user_id("Dana Whitfield");
    server.admin_with_input(
        &["user", "password", "--user", &dana, "--login", "dana"],
        &format!("{PASSWORD}\n"),
    );
    // A specialist cannot be given a web sign-in.
    let ana = server.user_id("Ana Ruiz");
    let refused = server.admin_raw(&["user", "password", "--user", &ana, "--login", "ana"]);
    assert!(!refused.status.success());

    assert_eq!(
        get(&server, "/api/v1/overview", None).0,
        401,
        "reports need a session"
    );

    let browser = Browser::start();
    browser.goto(&format!("{}/dashboard", server.url()));
    assert!(
        browser.url().ends_with("/login"),
        "signed-out visitors are sent to sign in"
    );
    browser.type_into("input[name=login]", "dana");
    browser.type_into("input[name=password]", "wrong password!");
    browser.click("#sign-in");
    browser.wait_until("return document.readyState === 'complete' && document.getElementById('login-error') !== null");
    browser.type_into("input[name=login]", "dana");
    browser.type_into("input[name=password]", PASSWORD);
    browser.click("#sign-in");
    browser.wait_until(
        "return location.pathname === '/dashboard' && document.readyState === 'complete'",
    );
    assert!(browser.url().ends_with("/dashboard"), "{}", browser.url());

    let page = browser.eval(
        r#"
        const rows = sel => [...document.querySelectorAll(sel)];
        return {
          charts: rows('svg.chart').map(s => ({ id: s.id, bars: rows('#' + CSS.escape(s.id) + ' rect.bar').map(r => [r.dataset.label, r.dataset.value]), none: rows('#' + CSS.escape(s.id) + ' .bar-none').length, height: s.getBoundingClientRect().height })),
          items: rows('#fidelity tr[data-item]').map(r => [r.dataset.item, r.dataset.measure, r.dataset.score]),
          total: document.getElementById('fidelity-total').dataset.total,
          quarters: rows('#outcomes tr[data-quarter]').map(r => [r.dataset.quarter, r.dataset.rate]),
          active: document.getElementById('active-seekers').textContent,
          weekly: document.getElementById('weekly-average').textContent,
          foreign: performance.getEntriesByType('resource').filter(e => !e.name.startsWith(location.origin)).length,
        };
        "#,
    );
    let session = browser.cookie("fieldbook_session").expect("session cookie");
    let (status, body) = get(&server, "/api/v1/overview", Some(&session));
    assert_eq!(status, 200);
    let api: Value = serde_json::from_str(&body).unwrap();

    // Charts: one per specialist, days to first contact, employment rate; all drawn.
    let charts = page["charts"].as_array().unwrap();
    assert_eq!(
        charts.len(),
        api["specialists"].as_array().unwrap().len() + 2
    );
    assert!(
        charts.iter().all(|c| c["height"].as_f64().unwrap() > 100.0),
        "charts render: {charts:?}"
    );
    assert_eq!(page["foreign"], 0, "nothing loaded from outside the server");
    for s in api["specialists"].as_array().unwrap() {
        let chart = charts
            .iter()
            .find(|c| c["id"] == format!("weekly-{}", s["specialist_id"].as_str().unwrap()))
            .expect("specialist chart");
        let drawn: Vec<f64> = chart["bars"]
            .as_array()
            .unwrap()
            .iter()
            .map(|b| number(&b[1]).unwrap())
            .collect();
        let expected: Vec<f64> = s["weeks"]
            .as_array()
            .unwrap()
            .iter()
            .map(|w| w["face_to_face"].as_f64().unwrap())
            .collect();
        assert_eq!(drawn, expected, "weekly contacts of {}", s["name"]);
        assert!(expected.iter().sum::<f64>() > 0.0, "the demo has visits");
    }
    let first = charts.iter().find(|c| c["id"] == "first-contact").unwrap();
    let drawn: Vec<f64> = first["bars"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| number(&b[1]).unwrap())
        .collect();
    let expected: Vec<f64> = api["first_contact"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|f| f["days"].as_f64())
        .collect();
    assert_eq!(drawn, expected);
    let without = api["first_contact"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["days"].is_null())
        .count();
    assert_eq!(first["none"].as_u64().unwrap() as usize, without);

    // The fidelity table and the outcomes table equal the API.
    let items: Vec<(String, Option<f64>, Option<f64>)> = page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            (
                i[0].as_str().unwrap().to_string(),
                number(&i[1]),
                number(&i[2]),
            )
        })
        .collect();
    let expected: Vec<(String, Option<f64>, Option<f64>)> = api["fidelity"]["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            (
                i["key"].as_str().unwrap().to_string(),
                i["measure"].as_f64(),
                i["score"].as_f64(),
            )
        })
        .collect();
    assert_eq!(items, expected);
    assert_eq!(items.len(), 9);
    assert_eq!(number(&page["total"]), api["fidelity"]["total"].as_f64());
    let quarters: Vec<(String, Option<f64>)> = page["quarters"]
        .as_array()
        .unwrap()
        .iter()
        .map(|q| (q[0].as_str().unwrap().to_string(), number(&q[1])))
        .collect();
    let expected: Vec<(String, Option<f64>)> = api["quarters"]
        .as_array()
        .unwrap()
        .iter()
        .map(|q| {
            (
                format!("{}Q{}", q["quarter"]["year"], q["quarter"]["q"]),
                q["employment_rate"].as_f64(),
            )
        })
        .collect();
    assert_eq!(quarters, expected);
    assert_eq!(
        page["active"].as_str().unwrap(),
        api["active_seekers"].to_string()
    );
    let contacts = api["fidelity"]["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["key"] == "employer_contacts")
        .unwrap();
    assert_eq!(number(&page["weekly"]), contacts["measure"].as_f64());

    // The fidelity endpoint agrees with the overview, and the CSV downloads work.
    let (_, fidelity) = get(&server, "/api/v1/fidelity", Some(&session));
    assert_eq!(
        serde_json::from_str::<Value>(&fidelity).unwrap(),
        api["fidelity"]
    );
    let (status, csv) = get(&server, "/api/v1/outcomes.csv", Some(&session));
    assert_eq!(status, 200);
    assert_eq!(csv.lines().count(), 5, "header and four quarters:\n{csv}");
    assert!(csv.starts_with("quarter,served,worked_competitive,employment_rate"));
    let quarter = quarters.last().unwrap().0.clone();
    let (status, people) = get(
        &server,
        &format!("/api/v1/people.csv?quarter={quarter}"),
        Some(&session),
    );
    assert_eq!(status, 200);
    // The demo records no release to the state agency: nobody is listed, everyone served is
    // counted in the header beside the file.
    assert_eq!(people.trim(), "person_key,quarter", "{people}");
    let resp = fieldbook_test_support::http()
        .get(format!(
            "{}/api/v1/people.csv?quarter={quarter}",
            server.url()
        ))
        .header("cookie", format!("fieldbook_session={session}"))
        .send()
        .unwrap();
    let header = |name: &str| -> u64 { resp.headers()[name].to_str().unwrap().parse().unwrap() };
    assert!(header("x-fieldbook-served") > 10);
    assert_eq!(
        header("x-fieldbook-not-listed"),
        header("x-fieldbook-served")
    );
    for name in ["Jordan", "Maria", "Santos", "Whitaker", "Ana Ruiz"] {
        assert!(
            !people.contains(name),
            "the state table names nobody: {name}"
        );
    }
    assert_eq!(
        get(&server, "/api/v1/people.csv?quarter=2026Q9", Some(&session)).0,
        400
    );
    assert_eq!(
        get(
            &server,
            "/api/v1/overview?from=2026-12-01&to=2026-01-01",
            Some(&session)
        )
        .0,
        400
    );
    assert_eq!(
        get(
            &server,
            "/api/v1/overview?team=00000000-0000-0000-0000-000000000000",
            Some(&session)
        )
        .0,
        403
    );
}

#[test]
fn the_settings_file_sets_goals_and_thresholds() {
    let dir = tempfile::tempdir().unwrap();
    let settings = dir.path().join("fidelity.toml");
    std::fs::write(
        &settings,
        "weekly_contact_goal = 4\nfirst_contact_days = 45\n",
    )
    .unwrap();
    let server = Server::start_demo_with(&["--fidelity-settings", settings.to_str().unwrap()]);
    let dana = server.user_id("Dana Whitfield");
    server.admin_with_input(
        &["user", "password", "--user", &dana, "--login", "dana"],
        &format!("{PASSWORD}\n"),
    );
    let http = fieldbook_test_support::http_builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let signed_in = http
        .post(format!("{}/login", server.url()))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(format!(
            "login=dana&password={}",
            PASSWORD.replace(' ', "+")
        ))
        .send()
        .unwrap();
    assert_eq!(signed_in.status().as_u16(), 303);
    let cookie = signed_in.headers()["set-cookie"]
        .to_str()
        .unwrap()
        .to_string();
    assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"));
    let session = cookie
        .split(';')
        .next()
        .unwrap()
        .trim_start_matches("fieldbook_session=")
        .to_string();
    let (status, body) = get(&server, "/api/v1/overview", Some(&session));
    assert_eq!(status, 200);
    let overview: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(overview["weekly_goal"], 4);
    assert_eq!(overview["first_contact_goal_days"], 45);

    // A broken settings file stops the server with a clear error instead of serving defaults.
    std::fs::write(&settings, "weekly_contact_goal = \"six\"\n").unwrap();
    let out = std::process::Command::new(fieldbook_test_support::binary("fieldbook-server"))
        .args([
            "--data",
            dir.path().join("other").to_str().unwrap(),
            "serve",
            "--listen",
            "127.0.0.1:0",
            "--fidelity-settings",
            settings.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("fidelity_settings"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
