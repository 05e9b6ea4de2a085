//! A responsive phone (issue #14): the screens read while a large first sync merges, and a
//! sync can be cancelled and resumed. Through the bindings facade the apps use, against a
//! real server process on loopback.

// The bindings' error is large by design (it carries its refusal code by value for the apps).
#![allow(clippy::result_large_err)]

use std::sync::atomic::{AtomicBool, AtomicU32, AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use fieldbook_ffi::{
    ContactMode, EmployerInput, Fieldbook, FieldbookError, SeekerInput, SyncProgressListener,
    SyncProgressView, VisitInput, VisitPurpose,
};
use fieldbook_test_support::fixtures::employers_with_long_notes;
use fieldbook_test_support::{Phone, Server, Team};

/// Employers of the big team, each with this many visits carrying long notes: a first sync
/// of several 4 MB answer pages.
const EMPLOYERS: usize = 12;
const VISITS_EACH: usize = 100;
const NOTE: usize = 9_900;

/// A colleague's phone fills the team with `EMPLOYERS` employers of `VISITS_EACH` visits
/// each (about 12 MB of notes) and syncs it all to the server.
fn big_team(server: &Server, specialist: &str) {
    let a = Phone::enrolled(server, specialist);
    employers_with_long_notes(&a.store, EMPLOYERS, VISITS_EACH, NOTE);
    let pushed = a.store.sync(None).expect("the colleague's sync");
    assert_eq!(pushed.sent as usize, EMPLOYERS);
}

/// A new phone with its own caseload (made before enrollment, as a specialist would) and one
/// employer of its own, enrolled as `specialist`.
fn new_phone(
    server: &Server,
    specialist: &str,
    dir: &tempfile::TempDir,
) -> (Arc<Fieldbook>, String) {
    let fb = Fieldbook::open(dir.path().join("phone.db").display().to_string(), None).unwrap();
    for i in 0..20 {
        fb.create_seeker(
            SeekerInput {
                name: format!("Job seeker {i}"),
                preferred_name: None,
                phone: None,
                county: None,
                referral_date: None,
                first_meeting: None,
                unemployed_at_entry: None,
            },
            None,
        )
        .unwrap();
    }
    let own = fb
        .create_employer(EmployerInput {
            name: "Corner Bakery".into(),
            industry: None,
            address: None,
            phone: None,
            website: None,
            business_needs: None,
            hiring_notes: None,
        })
        .unwrap();
    fb.enroll(server.url(), server.code(specialist), "phone".into(), None)
        .unwrap();
    (fb, own)
}

fn visit_at(employer: &str) -> VisitInput {
    VisitInput {
        employer_id: employer.into(),
        at: None,
        mode: ContactMode::InPerson,
        purpose: VisitPurpose::LearnBusinessNeeds,
        seeker_ids: Vec::new(),
        contact_id: None,
        location: None,
        disclosed_seeker_ids: Vec::new(),
        followed_preference: None,
        outcome: Some("Met the manager".into()),
        next_step: None,
        next_step_date: None,
    }
}

/// Reads what the caseload screen and the employers screen show; returns how long it took
/// and how many employers it saw.
fn read_screens(fb: &Fieldbook) -> (Duration, usize) {
    let started = Instant::now();
    let caseload = fb.caseload(None).expect("caseload");
    let employers = fb.employers().expect("employers");
    let took = started.elapsed();
    assert_eq!(caseload.len(), 20, "the whole caseload, every time");
    (took, employers.len())
}

fn percentile(sorted: &[Duration], p: usize) -> Duration {
    sorted[(sorted.len() - 1) * p / 100]
}

/// A read never waits for a page's merge. On the 2-core development machine (debug build,
/// load 8) reading the caseload and the employers took 0.3 ms at the median and at most
/// 29 ms during the sync; when reads shared the writer's connection (before #14), a read
/// waited up to 734 ms behind a page's merge. The bounds leave room for a shared machine's
/// scheduling, not for one page's merge.
const READ_BOUND: Duration = Duration::from_millis(150);
const MEDIAN_BOUND: Duration = Duration::from_millis(5);

#[test]
fn the_caseload_opens_while_a_large_first_sync_merges() {
    let mut server = Server::start();
    let team = Team::create(&server, 2);
    big_team(&server, &team.specialists[0]);
    let dir = tempfile::tempdir().unwrap();
    let (fb, own) = new_phone(&server, &team.specialists[1], &dir);

    let mut idle: Vec<Duration> = (0..50).map(|_| read_screens(&fb).0).collect();
    idle.sort();

    let done = AtomicBool::new(false);
    let mut during: Vec<Duration> = Vec::new();
    let mut seen_employers = Vec::new();
    let mut visits: Vec<Duration> = Vec::new();
    let report = std::thread::scope(|s| {
        let sync = s.spawn(|| {
            let report = fb.sync(None);
            done.store(true, Ordering::SeqCst);
            report
        });
        while !done.load(Ordering::SeqCst) {
            let (took, employers) = read_screens(&fb);
            during.push(took);
            seen_employers.push(employers);
            // Visits logged in the parking lot while the sync runs: each waits at most for
            // the document being merged, not for the whole page.
            if during.len() % 10 == 1 {
                let started = Instant::now();
                fb.log_visit(visit_at(&own))
                    .expect("a visit during the sync");
                visits.push(started.elapsed());
            }
            std::thread::sleep(Duration::from_millis(3));
        }
        sync.join().unwrap()
    })
    .expect("the sync");
    server.terminate();

    assert!(report.round_trips >= 3, "several pages: {report:?}");
    let mut sorted = during.clone();
    sorted.sort();
    let max = *sorted.last().unwrap();
    visits.sort();
    eprintln!(
        "idle reads: p50 {:?} max {:?}; during the sync ({} reads over {} ms, {} round trips, \
         {} bytes down): p50 {:?} p99 {:?} max {:?}; {} visits logged during it took at most {:?}",
        percentile(&idle, 50),
        idle.last().unwrap(),
        during.len(),
        report.duration_ms,
        report.round_trips,
        report.bytes_down,
        percentile(&sorted, 50),
        percentile(&sorted, 99),
        max,
        visits.len(),
        visits.last(),
    );
    // The reads went on while pages were merged: they saw the employers arrive page by page.
    assert!(
        seen_employers.iter().any(|&n| n > 1 && n < EMPLOYERS + 1),
        "reads saw the sync half way: {seen_employers:?}"
    );
    assert!(during.len() >= 20, "reads kept going: {}", during.len());
    assert!(
        max < READ_BOUND,
        "a read waited {max:?} during the sync (bound {READ_BOUND:?})"
    );
    let median = percentile(&sorted, 50);
    assert!(
        median < MEDIAN_BOUND,
        "reads took {median:?} at the median during the sync (bound {MEDIAN_BOUND:?})"
    );
    assert!(!visits.is_empty(), "visits were logged during the sync");
    assert_eq!(fb.employers().unwrap().len(), EMPLOYERS + 1);
    assert_eq!(
        fb.employer(own).unwrap().visits.len(),
        visits.len(),
        "every visit logged during the sync is kept"
    );
}

/// Counts progress reports; cancels the sync after `cancel_after` of them, as the app's
/// "stop" button would (from the listener's thread here; any thread will do).
struct CancelAfter {
    fb: Arc<Fieldbook>,
    seen: AtomicU32,
    cancel_after: u32,
    bytes_down: AtomicU64,
}

struct Listener(Arc<CancelAfter>);

impl SyncProgressListener for Listener {
    fn progress(&self, progress: SyncProgressView) {
        let this = &self.0;
        this.bytes_down.store(progress.bytes_down, Ordering::SeqCst);
        if this.seen.fetch_add(1, Ordering::SeqCst) + 1 == this.cancel_after {
            assert!(this.fb.cancel_sync(), "a sync was running");
        }
    }
}

#[test]
fn a_cancelled_sync_leaves_the_phone_consistent_and_the_next_one_finishes_it() {
    let mut server = Server::start();
    let team = Team::create(&server, 2);
    big_team(&server, &team.specialists[0]);
    let dir = tempfile::tempdir().unwrap();
    let (fb, own) = new_phone(&server, &team.specialists[1], &dir);
    assert!(!fb.cancel_sync(), "no sync is running");
    // Work done here waits for the server: the seekers, the employer, a visit.
    fb.log_visit(visit_at(&own)).unwrap();
    let unsent = fb.pending_changes().unwrap();
    assert!(unsent > 0);

    let listener = Arc::new(CancelAfter {
        fb: fb.clone(),
        seen: AtomicU32::new(0),
        cancel_after: 1,
        bytes_down: AtomicU64::new(0),
    });
    let cancelled = fb.sync(Some(Box::new(Listener(listener.clone()))));
    assert!(
        matches!(cancelled, Err(FieldbookError::Cancelled)),
        "{cancelled:?}"
    );
    assert_eq!(
        listener.seen.load(Ordering::SeqCst),
        1,
        "stopped after the first page"
    );

    // What arrived is whole: every employer here opens with all its visits.
    let partly = fb.employers().unwrap();
    assert!(
        partly.len() > 1 && partly.len() < EMPLOYERS + 1,
        "some of the team arrived: {}",
        partly.len()
    );
    for e in &partly {
        let employer = fb.employer(e.employer_id.clone()).unwrap();
        let expected = if e.employer_id == own { 1 } else { VISITS_EACH };
        assert_eq!(employer.visits.len(), expected, "{}", e.name);
        assert_eq!(
            e.visits as usize, expected,
            "the index agrees with the record"
        );
    }
    // This phone's own work went with the first request and was accepted: nothing is
    // waiting twice, and a visit logged now waits for the next sync.
    assert_eq!(fb.pending_changes().unwrap(), 0);
    fb.log_visit(visit_at(&own)).unwrap();
    assert!(fb.pending_changes().unwrap() > 0);
    assert!(
        fb.last_sync().unwrap().is_none(),
        "a cancelled sync is not a sync"
    );

    // The next sync goes on from where the first stopped.
    let bytes_before = listener.bytes_down.load(Ordering::SeqCst);
    let rest = fb.sync(None).expect("the next sync");
    assert_eq!(fb.employers().unwrap().len(), EMPLOYERS + 1);
    let visits: usize = fb
        .employers()
        .unwrap()
        .iter()
        .map(|e| e.visits as usize)
        .sum();
    assert_eq!(visits, EMPLOYERS * VISITS_EACH + 2);
    assert_eq!(rest.sent, 1, "the visit logged after the cancel");
    assert_eq!(fb.pending_changes().unwrap(), 0);

    // The colleague's new phone gets both visits logged here, in a whole first sync.
    let colleague = Phone::enrolled(&server, &team.specialists[0]);
    let whole = colleague.store.sync(None).unwrap();
    // Pages already merged were not sent again: the two syncs together carried about what
    // one whole first sync carries.
    assert!(
        bytes_before > whole.bytes_down / 4 && rest.bytes_down < whole.bytes_down * 3 / 4,
        "{bytes_before} bytes before the cancel, {} after, {} in a whole sync",
        rest.bytes_down,
        whole.bytes_down
    );
    let bakery = colleague
        .store
        .employers()
        .unwrap()
        .into_iter()
        .find(|e| e.name == "Corner Bakery")
        .expect("the bakery reached the team");
    assert_eq!(bakery.visits, 2);
    server.terminate();
}
