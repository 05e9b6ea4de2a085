//! The supervisor's page in headless Chromium on a hand-made team: what needs action names
//! the right people, every bar carries its number, the state export says how many it leaves
//! out, and the supervisor revokes a lost phone and makes an enrollment code (text and QR)
//! from the page; laid out for print. Screenshots at 1280 and 375 px wide, printed, and the
//! page as a PDF go to target/screenshots/.

use chrono::{Duration, Utc};
use fieldbook_test_support::browser::Browser;
use fieldbook_test_support::cli::CliPhone;
use fieldbook_test_support::{Server, Team};
use serde_json::Value;

fn days_ago(n: i64) -> String {
    (Utc::now().date_naive() - Duration::days(n)).to_string()
}

fn add_seeker(phone: &CliPhone, id: &str, name: &str, referred_days_ago: i64) {
    phone.run(&[
        "seeker",
        "add",
        "--id",
        id,
        "--name",
        name,
        "--referral-date",
        &days_ago(referred_days_ago),
    ]);
}

/// Where screenshots (and the printed PDF) go, to be looked at.
fn screenshots_dir() -> std::path::PathBuf {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/screenshots");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn save_screenshot(browser: &Browser, name: &str) {
    let png = browser.screenshot();
    assert!(png.starts_with(b"\x89PNG"), "a PNG");
    std::fs::write(screenshots_dir().join(name), png).unwrap();
}

/// The rows of table `id`: each row's `data-*` attributes.
fn rows(browser: &Browser, id: &str) -> Vec<Value> {
    let v = browser.eval(&format!(
        "return [...document.querySelectorAll('#{id} tr[data-seeker]')].map(r => ({{...r.dataset}}));"
    ));
    v.as_array().cloned().unwrap_or_default()
}

#[test]
fn the_supervisor_acts_from_the_page() {
    let server = Server::start();
    let team = Team::create(&server, 1);
    let phone = CliPhone::new();
    phone.enroll(&server, &server.code(&team.specialists[0]));
    // Day 45 and day 25 without a face-to-face employer contact (past and near day 30), day
    // 5 (not yet near); Rae's release to the state ends in 15 days (signed 350 days ago).
    add_seeker(&phone, "pat", "Pat Past", 45);
    add_seeker(&phone, "nora", "Nora Near", 25);
    add_seeker(&phone, "eli", "Eli Early", 5);
    phone.run(&[
        "seeker",
        "consent",
        "--seeker",
        "eli",
        "--recipient",
        "DEED VRS",
        "--release-to",
        "state_agency",
        "--scope",
        "employment outcomes",
        "--signed",
        &days_ago(350),
    ]);
    phone.run(&["sync"]);
    let session = server.web_session(&team.supervisor, "sue");

    let browser = Browser::start();
    browser.set_window_size(1280, 2000);
    browser.goto(&format!("{}/login", server.url()));
    browser.set_cookie("fieldbook_session", &session);
    browser.goto(&format!("{}/dashboard", server.url()));
    browser.wait_until("return document.getElementById('actions') !== null");

    // What needs action comes first and names the right people.
    let first = rows(&browser, "action-first-contact");
    let first: Vec<(String, String, String)> = first
        .iter()
        .map(|r| {
            (
                r["seeker"].as_str().unwrap().to_string(),
                r["days"].as_str().unwrap().to_string(),
                r["past"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        first,
        vec![
            ("Pat Past".into(), "45".into(), "true".into()),
            ("Nora Near".into(), "25".into(), "false".into())
        ]
    );
    let consents = rows(&browser, "action-consents");
    assert_eq!(consents.len(), 1, "{consents:?}");
    assert_eq!(consents[0]["seeker"], "Eli Early");
    // The same days left as the specialist's phone says (a year after signing, less 350 days).
    let week = phone.run(&["week"]);
    let days_left = &week["week"]["consent_alerts"][0]["days_left"];
    assert!((14..=16).contains(&days_left.as_i64().unwrap()), "{week}");
    assert_eq!(consents[0]["daysLeft"], days_left.to_string());
    let order = browser.eval(
        "const a = document.getElementById('actions'), c = document.querySelector('svg.chart'), f = document.getElementById('fidelity'); return [!!(a.compareDocumentPosition(c) & Node.DOCUMENT_POSITION_FOLLOWING), !!(f.compareDocumentPosition(c) & Node.DOCUMENT_POSITION_FOLLOWING)];",
    );
    assert_eq!(
        order,
        serde_json::json!([true, true]),
        "actions and tables before charts"
    );
    let review = browser.eval("return document.getElementById('review-items').textContent;");
    assert!(
        review
            .as_str()
            .unwrap()
            .starts_with("16 of the 25 items need a fidelity review visit"),
        "{review}"
    );
    // Nobody served this quarter has a release to the state except Eli.
    let export = browser.eval("return {...document.getElementById('state-export').dataset};");
    assert_eq!(export["listed"], "1", "{export}");
    assert_eq!(export["notListed"], "2", "{export}");

    // Every bar carries its number, and the value axis is numbered.
    let bars = browser.eval(
        "return [...document.querySelectorAll('svg.chart')].map(s => ({ bars: [...s.querySelectorAll('rect.bar')].map(r => r.dataset.value), numbers: [...s.querySelectorAll('text.bar-value')].map(t => t.textContent), ticks: s.querySelectorAll('text.tick').length }));",
    );
    for chart in bars.as_array().unwrap() {
        let values: Vec<f64> = chart["bars"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap().parse().unwrap())
            .collect();
        let numbers: Vec<f64> = chart["numbers"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap().parse().unwrap())
            .collect();
        assert_eq!(values.len(), numbers.len(), "{chart}");
        for (v, n) in values.iter().zip(&numbers) {
            assert!((v - n).abs() < 0.051, "bar {v} labelled {n}");
        }
        assert!(chart["ticks"].as_u64().unwrap() >= 2, "{chart}");
    }
    save_screenshot(&browser, "overview-1280.png");
    browser.set_window_size(375, 2000);
    browser.goto(&format!("{}/dashboard", server.url()));
    browser.wait_until("return document.getElementById('actions') !== null");
    let wide = browser.eval("return document.documentElement.scrollWidth;");
    assert!(
        wide.as_u64().unwrap() <= 375,
        "nothing wider than the phone: {wide}"
    );
    save_screenshot(&browser, "overview-375.png");

    // Printed for the quarterly review: laid out for paper (an A4 page's width inside its
    // margins, about 680 CSS px), without navigation, forms or buttons, black on white, the
    // action list and every table on the page and none of them cut at the right edge.
    browser.set_window_size(680, 2000);
    browser.emulate_print(true);
    let printed = browser.eval(
        r#"const shown = el => el !== null && getComputedStyle(el).display !== 'none'
                && el.getClientRects().length > 0;
           const any = sel => [...document.querySelectorAll(sel)].some(shown);
           return {
             header: any('header'), forms: any('form'), buttons: any('button'),
             actions: shown(document.getElementById('actions')),
             fidelity: shown(document.getElementById('fidelity')),
             outcomes: shown(document.getElementById('outcomes')),
             wide: document.documentElement.scrollWidth,
             over: [...document.querySelectorAll('main *')]
                 .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
                 .slice(0, 6).map(e => e.tagName + '#' + e.id + '.' + e.className),
             page: window.innerWidth,
             background: getComputedStyle(document.body).backgroundColor,
           };"#,
    );
    assert_eq!(
        printed["header"], false,
        "no navigation on paper: {printed}"
    );
    assert_eq!(printed["forms"], false, "no forms on paper: {printed}");
    assert_eq!(printed["buttons"], false, "no buttons on paper: {printed}");
    for part in ["actions", "fidelity", "outcomes"] {
        assert_eq!(printed[part], true, "{part} printed: {printed}");
    }
    assert!(
        printed["wide"].as_u64() <= printed["page"].as_u64(),
        "nothing wider than the paper: {printed}"
    );
    assert_eq!(printed["background"], "rgb(255, 255, 255)", "{printed}");
    save_screenshot(&browser, "overview-print.png");
    browser.emulate_print(false);
    let pdf = browser.print_pdf();
    assert!(pdf.starts_with(b"%PDF-"), "a PDF");
    std::fs::write(screenshots_dir().join("overview.pdf"), &pdf).unwrap();
    browser.set_window_size(1280, 2000);

    // The phones page: the specialist's phone, revoked from the page.
    browser.goto(&format!("{}/team", server.url()));
    browser.wait_until("return document.querySelector('button.revoke') !== null");
    browser.click("button.revoke");
    browser.accept_dialog();
    browser.wait_until("return document.querySelector('tr[data-revoked=true]') !== null");
    let refused = phone.raw(&["sync"]);
    assert!(!refused.status.success(), "the revoked phone is refused");
    let audit = server.audit();
    let revoke = audit
        .iter()
        .find(|a| a["action"] == "revoke")
        .expect("audited");
    assert!(
        revoke["detail"]
            .as_str()
            .unwrap_or("")
            .contains("Sue Pervisor"),
        "{revoke}"
    );

    // A new code for the specialist: text and a QR code of the link; the code enrolls.
    let specialist = &team.specialists[0];
    browser.click(&format!("button.make-code[data-user='{specialist}']"));
    browser.wait_until("return document.getElementById('enroll-code') !== null");
    let shown = browser.eval(
        "return { code: document.getElementById('enroll-code').textContent, link: document.getElementById('enroll-qr').dataset.payload };",
    );
    let code = shown["code"].as_str().unwrap();
    let link = shown["link"].as_str().unwrap();
    assert!(
        link.starts_with("fieldbook://enroll?server=http%3A%2F%2F127.0.0.1%3A"),
        "{link}"
    );
    assert!(link.ends_with(&format!("&code={code}")), "{link}");
    save_screenshot(&browser, "enroll-code-1280.png");
    let png = browser.screenshot();
    assert_eq!(read_qr(&png), link, "the QR code on the screen is the link");
    let new_phone = CliPhone::new();
    new_phone.enroll(&server, code);
    new_phone.run(&["sync"]);
    assert!(server
        .audit()
        .iter()
        .any(|a| a["action"] == "enroll_code.add"
            && a["detail"].as_str().unwrap_or("").contains("Sue Pervisor")));
}

/// Reads the one QR code in a PNG screenshot.
fn read_qr(png_bytes: &[u8]) -> String {
    let decoder = png::Decoder::new(std::io::Cursor::new(png_bytes));
    let mut reader = decoder.read_info().unwrap();
    let mut buf = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut buf).unwrap();
    let channels = info.color_type.samples();
    let (w, h) = (info.width as usize, info.height as usize);
    let mut image = rqrr::PreparedImage::prepare_from_greyscale(w, h, |x, y| {
        let i = (y * w + x) * channels;
        buf[i]
    });
    let grids = image.detect_grids();
    assert_eq!(grids.len(), 1, "one QR code on the screen");
    grids[0].decode().unwrap().1
}
