//! The last sync in words against a real `fieldbook-server` on loopback: the summary line
//! after a sync (counts, plural forms, foreground or background), a failed sync with its
//! worded error, and the background notification, which never names a job seeker.

use crate::support::{assert_worded, restored_phone_with_a_refused_step, Phone};
use chrono::{Duration, FixedOffset, Utc};
use fieldbook_core::Error;
use fieldbook_presentation::errors::{failure_problem, Failure};
use fieldbook_presentation::sync_report::{sync_report_words, LastSync, SyncFailure};
use fieldbook_presentation::{Language, Words};
use fieldbook_test_support::fixtures::seeker;
use fieldbook_test_support::{Server, Team};

fn now() -> chrono::DateTime<FixedOffset> {
    Utc::now().fixed_offset()
}

fn enrolled(server: &Server, team: &Team, language: Language) -> Phone {
    let phone = Phone::new(language);
    let code = server.code(&team.specialists[0]);
    phone
        .screens
        .enroll_typed(server.url(), code, "Ana's phone".into(), None)
        .unwrap();
    phone
}

fn counts(sent: u32, received: u32, removed: u32, refused: u32, failed: u32) -> LastSync {
    LastSync {
        at: now().to_rfc3339(),
        background: false,
        sent,
        received,
        removed,
        refused,
        failed,
        failure: None,
        server_status: 0,
    }
}

#[test]
fn a_sync_is_summed_up_in_words_with_its_counts() {
    let server = Server::start();
    let team = Team::create(&server, 1);
    let phone = enrolled(&server, &team, Language::English);
    seeker(&phone.store, "Erik Lund");
    seeker(&phone.store, "Ana López");
    let report = phone.store.sync(None).unwrap();
    let last = LastSync::done(&report, false, now());
    assert_eq!(last.sent, 2, "{report:?}");
    let words = sync_report_words(&Words::new(Language::English), &last, now());
    assert!(
        words.summary.starts_with("Synced today, "),
        "{}",
        words.summary
    );
    // The first sync also brings down what the server holds for this phone.
    assert!(
        words
            .summary
            .ends_with(". 2 records sent. 1 record received."),
        "{}",
        words.summary
    );
    assert!(words.clean && !words.retry && !words.must_enroll);
    assert_eq!(words.notice, None, "a clean sync tells nobody");

    // Nothing new the second time.
    let report = phone.store.sync(None).unwrap();
    let last = LastSync::done(&report, true, now());
    let words = sync_report_words(&Words::new(Language::English), &last, now());
    assert!(
        words
            .summary
            .starts_with("Synced in the background today, "),
        "{}",
        words.summary
    );
    assert!(
        words.summary.ends_with(". Nothing new to send or receive."),
        "{}",
        words.summary
    );
}

#[test]
fn one_and_many_records_take_their_plural_forms() {
    let english = Words::new(Language::English);
    let one = sync_report_words(&english, &counts(1, 1, 1, 1, 1), now()).summary;
    let tail = one.split_once(". ").unwrap().1;
    assert_eq!(
        tail,
        "1 record sent. 1 record received. 1 record left this phone: it is no longer shared \
         with you. Work on 1 record was not accepted: see below. 1 record could not be read \
         and will be asked for again."
    );
    let many = sync_report_words(&english, &counts(3, 4, 2, 5, 6), now()).summary;
    let tail = many.split_once(". ").unwrap().1;
    assert_eq!(
        tail,
        "3 records sent. 4 records received. 2 records left this phone: they are no longer \
         shared with you. Work on 5 records was not accepted: see below. 6 records could not \
         be read and will be asked for again."
    );
    let spanish = Words::new(Language::Spanish);
    let one = sync_report_words(&spanish, &counts(1, 0, 0, 0, 0), now()).summary;
    assert!(one.ends_with(". 1 registro enviado."), "{one}");
    let many = sync_report_words(&spanish, &counts(2, 0, 0, 0, 0), now()).summary;
    assert!(many.ends_with(". 2 registros enviados."), "{many}");
}

#[test]
fn a_sync_that_ended_yesterday_says_so_on_the_phones_clock() {
    let english = Words::new(Language::English);
    let tokyo = FixedOffset::east_opt(9 * 3600).unwrap();
    let at = (now() - Duration::days(1)).with_timezone(&tokyo);
    let last = LastSync {
        at: at.to_rfc3339(),
        ..counts(1, 0, 0, 0, 0)
    };
    let words = sync_report_words(&english, &last, now().with_timezone(&tokyo));
    assert!(
        words.summary.starts_with("Synced yesterday, "),
        "{}",
        words.summary
    );
}

#[test]
fn a_failed_sync_says_why_and_whether_it_passes_by_itself() {
    let mut server = Server::start();
    let team = Team::create(&server, 1);
    let phone = enrolled(&server, &team, Language::English);
    seeker(&phone.store, "Erik Lund");
    server.kill();
    let error = phone.store.sync(None).unwrap_err();
    assert!(matches!(error, Error::Network(_)), "{error:?}");
    let last = LastSync::failed(&error, true, now());
    assert_eq!(last.failure, Some(SyncFailure::Network));
    let english = Words::new(Language::English);
    let words = sync_report_words(&english, &last, now());
    assert!(
        words.summary.starts_with("Background sync failed today, "),
        "{}",
        words.summary
    );
    assert!(
        words.summary.ends_with(
            ". No connection to the server. Your work is kept on the phone; try again later."
        ),
        "{}",
        words.summary
    );
    assert!(words.retry && !words.must_enroll && !words.clean);
    assert_eq!(
        words.notice, None,
        "a failure that passes by itself tells nobody"
    );

    for (failure, status, retry) in [
        (SyncFailure::TooManyTries, 429, true),
        (SyncFailure::Server, 503, true),
        (SyncFailure::Server, 400, false),
        (SyncFailure::Unauthorised, 0, false),
        (SyncFailure::Incomplete, 0, true),
        (SyncFailure::Cancelled, 0, false),
        (SyncFailure::Malformed, 0, false),
        (SyncFailure::Storage, 0, false),
    ] {
        let last = LastSync {
            failure: Some(failure),
            server_status: status,
            ..counts(0, 0, 0, 0, 0)
        };
        for language in Language::ALL {
            let words = sync_report_words(&Words::new(language), &last, now());
            assert_worded(&[&words.summary]);
            assert_eq!(words.retry, retry, "{failure:?} {status}");
        }
    }
    let malformed = LastSync {
        failure: Some(SyncFailure::Malformed),
        ..counts(0, 0, 0, 0, 0)
    };
    let spanish = sync_report_words(&Words::new(Language::Spanish), &malformed, now());
    assert!(
        spanish
            .summary
            .ends_with(". No se pudieron leer algunos datos del servidor y no se usó ninguno. Su trabajo se guarda en el teléfono; vuelva a intentarlo más tarde."),
        "{}",
        spanish.summary
    );
    let too_many = LastSync {
        failure: Some(SyncFailure::TooManyTries),
        server_status: 429,
        ..counts(0, 0, 0, 0, 0)
    };
    assert!(sync_report_words(&english, &too_many, now())
        .summary
        .ends_with(". Too many tries. Wait a few minutes and try again."));
}

#[test]
fn a_revoked_phone_is_told_to_enroll_again_without_names() {
    let server = Server::start();
    let team = Team::create(&server, 1);
    let phone = enrolled(&server, &team, Language::English);
    seeker(&phone.store, "Erik Lund");
    phone.store.sync(None).unwrap();
    let device = phone.store.identity().device_id.unwrap().to_string();
    server.admin(&["revoke", "--device", &device]);
    let error = phone.store.sync(None).unwrap_err();
    let last = LastSync::failed(&error, true, now());
    assert_eq!(last.failure, Some(SyncFailure::DeviceRevoked), "{error:?}");
    for language in Language::ALL {
        let words = sync_report_words(&Words::new(language), &last, now());
        assert!(words.must_enroll && !words.retry);
        let notice = words.notice.expect("the person must enroll again");
        assert_worded(&[&notice.title, &notice.text, &words.summary]);
        assert!(!notice.text.contains("Erik") && !notice.title.contains("Erik"));
    }
    let english = sync_report_words(&Words::new(Language::English), &last, now());
    assert_eq!(english.notice.unwrap().title, "Fieldbook needs you");
}

/// A phone restored from a backup writes a step that does not follow the record's last
/// change: the server refuses it, and the notification says how many records, never whose.
#[test]
fn refused_work_is_notified_by_count_never_by_name() {
    let server = Server::start();
    let team = Team::create(&server, 1);
    let (_dir, _store, report) = restored_phone_with_a_refused_step(&server, &team);
    let last = LastSync::done(&report, true, now());
    assert_eq!(last.refused, 1, "{report:?}");
    for language in Language::ALL {
        let words = sync_report_words(&Words::new(language), &last, now());
        let notice = words.notice.expect("refused work is notified");
        assert_worded(&[&notice.title, &notice.text, &words.summary]);
        for text in [&notice.title, &notice.text] {
            assert!(!text.contains("Erik") && !text.contains("Lund"), "{text}");
            assert!(!text.contains("warehouse"), "{text}");
        }
        assert!(!words.clean);
    }
    let english = sync_report_words(&Words::new(Language::English), &last, now());
    assert!(english
        .summary
        .ends_with(". Work on 1 record was not accepted: see below."));
    assert_eq!(
        english.notice.unwrap().text,
        "Work on 1 record did not reach your team's record. It is kept on this phone: open \
         Fieldbook to see what and why."
    );
    let many = LastSync { refused: 3, ..last };
    let english = sync_report_words(&Words::new(Language::English), &many, now());
    assert!(english
        .notice
        .unwrap()
        .text
        .starts_with("Work on 3 records did not reach"));
}

#[test]
fn a_used_enrollment_code_and_too_many_tries_are_worded_in_every_language() {
    let server = Server::start();
    let phone = Phone::new(Language::English);
    let wrong = phone
        .screens
        .enroll_typed(
            server.url(),
            "NOPE-NOPE-NOPE".into(),
            "Ana's phone".into(),
            None,
        )
        .unwrap_err();
    assert_eq!(
        wrong.to_string(),
        "The phone could not connect: That code does not work: each code is used once and \
         expires. Ask your supervisor for a new one."
    );
    for language in Language::ALL {
        let words = Words::new(language);
        for failure in [Failure::BadCode, Failure::TooManyTries] {
            let problem = failure_problem(&words, failure);
            assert_worded(&[&problem.message]);
        }
    }
    let spanish = Words::new(Language::Spanish);
    assert_eq!(
        failure_problem(&spanish, Failure::TooManyTries).message,
        "Demasiados intentos. Espere unos minutos y vuelva a intentarlo."
    );
}

#[test]
fn the_sync_pages_labels_read_in_every_language() {
    let phone = Phone::new(Language::English);
    let english = phone.screens.sync_page_words();
    assert_eq!(english.sync_now, "Sync now");
    assert_eq!(english.ask_to_notify, "Tell me when work is not accepted");
    for language in Language::ALL {
        phone.screens.set_language(language);
        let w = phone.screens.sync_page_words();
        assert_worded(&[&w.title, &w.sync_now, &w.syncing, &w.ask_to_notify]);
    }
}

#[test]
fn the_enrollment_screens_own_words_read_in_every_language() {
    let phone = Phone::new(Language::English);
    let english = phone.screens.enrollment_words();
    assert_eq!(
        english.code_format,
        "The code has 12 letters and digits, like ABCD-EFGH-JKMN."
    );
    assert_eq!(english.device_name_label, "This phone's name");
    for language in Language::ALL {
        phone.screens.set_language(language);
        let w = phone.screens.enrollment_words();
        assert_worded(&[
            &w.title,
            &w.explanation,
            &w.scan,
            &w.server_label,
            &w.code_label,
            &w.enroll,
            &w.code_format,
            &w.device_name_label,
            &w.device_name_missing,
        ]);
    }
}
