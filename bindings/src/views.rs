//! What the app's screens show: records built from the core's query results and documents.
//! Dates are ISO 8601 text, times RFC 3339 with their offset, ids UUID text.

use chrono::NaiveDate;
use fieldbook_core::model::{EmployerDoc, SeekerDoc};
use fieldbook_core::{
    CaseloadEntry, ConsentAlert, DueStep, EmployerSummary, FirstContactAlert, Found, Identity,
    Pending, RejectedDoc, SyncProgress, SyncReport, TimelineEntry, VisitSummary, WeekSummary,
};

use crate::enums::{
    ContactMode, Disclosure, Milestone, ReleaseTo, Role, SeekerStatus, StepOwner, StepStatus,
    VisitPurpose,
};

fn day(d: NaiveDate) -> String {
    d.to_string()
}

fn opt_day(d: Option<NaiveDate>) -> Option<String> {
    d.map(day)
}

/// Who this phone is.
#[derive(Debug, Clone, uniffi::Record)]
pub struct IdentityView {
    pub enrolled: bool,
    pub actor: String,
    pub device_id: Option<String>,
    pub user_id: Option<String>,
    pub user_name: Option<String>,
    pub role: Option<Role>,
    pub team_id: Option<String>,
    pub server_url: Option<String>,
}

impl From<Identity> for IdentityView {
    fn from(i: Identity) -> Self {
        IdentityView {
            enrolled: i.is_enrolled(),
            actor: i.actor,
            device_id: i.device_id.map(|d| d.to_string()),
            user_id: i.user_id.map(|u| u.to_string()),
            user_name: i.user_name,
            role: i.role.map(Into::into),
            team_id: i.team_id.map(|t| t.to_string()),
            server_url: i.server_url,
        }
    }
}

/// A line of the caseload screen.
#[derive(Debug, Clone, uniffi::Record)]
pub struct CaseloadRow {
    pub seeker_id: String,
    pub name: String,
    pub display_name: String,
    pub status: Option<SeekerStatus>,
    pub status_since: Option<String>,
    pub referral_date: Option<String>,
    pub first_meeting: Option<String>,
    pub days_since_first_meeting: Option<i64>,
    pub first_face_to_face: Option<String>,
    pub next_step_id: Option<String>,
    pub next_step: Option<String>,
    pub next_step_due: Option<String>,
    pub open_steps: u32,
    pub current_job: Option<String>,
    /// Consents that have expired or end within 30 days, the most urgent first.
    pub consent_warnings: Vec<ConsentWarning>,
}

impl From<CaseloadEntry> for CaseloadRow {
    fn from(c: CaseloadEntry) -> Self {
        CaseloadRow {
            seeker_id: c.seeker_id.to_string(),
            name: c.name,
            display_name: c.display_name,
            status: c.status.map(Into::into),
            status_since: opt_day(c.status_since),
            referral_date: opt_day(c.referral_date),
            first_meeting: opt_day(c.first_meeting),
            days_since_first_meeting: c.days_since_first_meeting,
            first_face_to_face: opt_day(c.first_face_to_face),
            next_step_id: c.next_step_id.map(|s| s.to_string()),
            next_step: c.next_step,
            next_step_due: opt_day(c.next_step_due),
            open_steps: c.open_steps,
            current_job: c.current_job,
            consent_warnings: c.consent_alerts.into_iter().map(Into::into).collect(),
        }
    }
}

/// A consent to renew: expired (`expired`), or ending within 30 days.
#[derive(Debug, Clone, uniffi::Record)]
pub struct ConsentWarning {
    pub seeker_id: String,
    pub display_name: String,
    pub consent_id: String,
    pub recipient: String,
    pub release_to: Option<ReleaseTo>,
    /// The last day in force.
    pub expires: String,
    /// Days to the last day in force: 0 on it, negative once expired.
    pub days_left: i64,
    pub expired: bool,
}

impl From<ConsentAlert> for ConsentWarning {
    fn from(a: ConsentAlert) -> Self {
        ConsentWarning {
            seeker_id: a.seeker_id.to_string(),
            display_name: a.display_name,
            consent_id: a.consent_id.to_string(),
            recipient: a.recipient,
            release_to: a.release_to.map(Into::into),
            expires: day(a.expires),
            days_left: a.days_left,
            expired: a.expired,
        }
    }
}

/// One employer contact in a list.
#[derive(Debug, Clone, uniffi::Record)]
pub struct VisitRow {
    pub visit_id: String,
    pub employer_id: String,
    pub employer_name: String,
    pub specialist_id: Option<String>,
    pub at: String,
    pub mode: ContactMode,
    pub purpose: VisitPurpose,
    pub face_to_face: bool,
    pub seekers: u32,
    pub followed_preference: Option<bool>,
    pub outcome: Option<String>,
}

impl From<VisitSummary> for VisitRow {
    fn from(v: VisitSummary) -> Self {
        VisitRow {
            visit_id: v.visit_id.to_string(),
            employer_id: v.employer_id.to_string(),
            employer_name: v.employer_name,
            specialist_id: v.specialist.map(|s| s.to_string()),
            at: v.at.to_rfc3339(),
            mode: v.mode.into(),
            purpose: v.purpose.into(),
            face_to_face: v.face_to_face,
            seekers: v.seekers,
            followed_preference: v.followed_preference,
            outcome: v.outcome,
        }
    }
}

/// One week of a specialist's employer contacts.
#[derive(Debug, Clone, uniffi::Record)]
pub struct WeekOfVisitsView {
    pub week_start: String,
    pub face_to_face: u32,
    pub total: u32,
    pub visits: Vec<VisitRow>,
}

impl From<fieldbook_core::WeekOfVisits> for WeekOfVisitsView {
    fn from(w: fieldbook_core::WeekOfVisits) -> Self {
        WeekOfVisitsView {
            week_start: day(w.week_start),
            face_to_face: w.face_to_face,
            total: w.total,
            visits: w.visits.into_iter().map(Into::into).collect(),
        }
    }
}

/// A line of the employers list.
#[derive(Debug, Clone, uniffi::Record)]
pub struct EmployerRow {
    pub employer_id: String,
    pub name: String,
    pub industry: Option<String>,
    pub visits: u32,
    pub last_visit: Option<String>,
}

impl From<EmployerSummary> for EmployerRow {
    fn from(e: EmployerSummary) -> Self {
        EmployerRow {
            employer_id: e.employer_id.to_string(),
            name: e.name,
            industry: e.industry,
            visits: e.visits,
            last_visit: e.last_visit.map(|t| t.to_rfc3339()),
        }
    }
}

/// A contact person.
#[derive(Debug, Clone, uniffi::Record)]
pub struct ContactView {
    pub contact_id: String,
    pub name: String,
    pub role: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
}

/// An employer's detail screen.
#[derive(Debug, Clone, uniffi::Record)]
pub struct EmployerView {
    pub employer_id: String,
    pub name: String,
    pub industry: Option<String>,
    pub address: Option<String>,
    pub phone: Option<String>,
    pub business_needs: Option<String>,
    pub hiring_notes: Option<String>,
    pub contacts: Vec<ContactView>,
    /// Newest first.
    pub visits: Vec<VisitRow>,
}

impl EmployerView {
    pub(crate) fn new(doc: EmployerDoc, visits: Vec<VisitSummary>) -> Self {
        EmployerView {
            employer_id: doc.id.to_string(),
            name: doc.info.name,
            industry: doc.info.industry,
            address: doc.info.address,
            phone: doc.info.phone,
            business_needs: doc.info.business_needs,
            hiring_notes: doc.info.hiring_notes,
            contacts: doc
                .contacts
                .into_iter()
                .map(|(id, c)| ContactView {
                    contact_id: id.to_string(),
                    name: c.name,
                    role: c.role,
                    phone: c.phone,
                    email: c.email,
                })
                .collect(),
            visits: visits.into_iter().map(Into::into).collect(),
        }
    }
}

/// A plan step.
#[derive(Debug, Clone, uniffi::Record)]
pub struct StepView {
    pub step_id: String,
    pub what: String,
    pub who: StepOwner,
    pub due: Option<String>,
    pub status: StepStatus,
    pub done_on: Option<String>,
}

/// A job-search activity: an employer contacted on the job seeker's behalf.
#[derive(Debug, Clone, uniffi::Record)]
pub struct ActivityView {
    pub visit_id: String,
    pub at: String,
    pub employer_id: String,
    pub employer_name: String,
    pub mode: ContactMode,
    pub purpose: VisitPurpose,
    /// Whether the specialist disclosed the job seeker to the employer at this contact.
    pub disclosed: bool,
    pub outcome: Option<String>,
    pub next_step: Option<String>,
}

/// A signed consent to release information.
#[derive(Debug, Clone, uniffi::Record)]
pub struct ConsentView {
    pub consent_id: String,
    pub scope: String,
    pub recipient: String,
    /// `None` on consents recorded before the kind was asked: they allow nothing.
    pub release_to: Option<ReleaseTo>,
    pub signed: String,
    /// The last day in force.
    pub expires: String,
}

/// A job held.
#[derive(Debug, Clone, uniffi::Record)]
pub struct JobView {
    pub job_id: String,
    pub employer_name: String,
    pub title: String,
    pub start: String,
    pub end: Option<String>,
    pub hours_per_week: Option<f64>,
    pub competitive: bool,
}

/// A job seeker's whole plan: the screen a specialist edits and the job seeker reads.
#[derive(Debug, Clone, uniffi::Record)]
pub struct SeekerView {
    pub seeker_id: String,
    pub name: String,
    pub display_name: String,
    pub phone: Option<String>,
    pub county: Option<String>,
    pub referral_date: Option<String>,
    pub first_meeting: Option<String>,
    pub status: Option<SeekerStatus>,
    pub goal: Option<String>,
    pub target_job_types: Vec<String>,
    /// The job seeker's decision about disclosure to employers, if recorded.
    pub disclosure: Option<Disclosure>,
    /// Signed consents, the latest signed first.
    pub consents: Vec<ConsentView>,
    /// In the order the person arranged them.
    pub steps: Vec<StepView>,
    /// Newest first.
    pub activities: Vec<ActivityView>,
    pub jobs: Vec<JobView>,
}

impl From<SeekerDoc> for SeekerView {
    fn from(s: SeekerDoc) -> Self {
        let steps = s
            .plan
            .ordered_steps()
            .into_iter()
            .map(|(id, st)| StepView {
                step_id: id.to_string(),
                what: st.what.clone(),
                who: st.who.into(),
                due: opt_day(st.due),
                status: st.status.into(),
                done_on: opt_day(st.done_on),
            })
            .collect();
        let activities: Vec<ActivityView> = s
            .visits_newest_first()
            .into_iter()
            .map(|(id, a)| ActivityView {
                visit_id: id.to_string(),
                at: a.at.to_rfc3339(),
                employer_id: a.employer_id.to_string(),
                employer_name: a.employer_name.clone(),
                mode: a.mode.into(),
                purpose: a.purpose.into(),
                disclosed: a.disclosed,
                outcome: a.outcome.clone(),
                next_step: a.next_step.clone(),
            })
            .collect();
        let jobs = s
            .standing_jobs()
            .map(|(id, j)| JobView {
                job_id: id.to_string(),
                employer_name: j.employer_name.clone(),
                title: j.title.clone(),
                start: day(j.start),
                end: j.end.as_ref().map(|e| day(e.date)),
                hours_per_week: j.hours_per_week,
                competitive: j.competitive,
            })
            .collect();
        let mut consents: Vec<ConsentView> = s
            .consents
            .iter()
            .map(|(id, c)| ConsentView {
                consent_id: id.to_string(),
                scope: c.scope.clone(),
                recipient: c.recipient.clone(),
                release_to: c.release_to.map(Into::into),
                signed: day(c.signed),
                expires: day(c.expires),
            })
            .collect();
        consents.sort_by(|a, b| b.signed.cmp(&a.signed));
        SeekerView {
            seeker_id: s.id.to_string(),
            display_name: s.profile.display_name().to_string(),
            name: s.profile.name.clone(),
            phone: s.profile.phone.clone(),
            county: s.profile.county.clone(),
            referral_date: opt_day(s.profile.referral_date),
            first_meeting: opt_day(s.profile.first_meeting),
            status: s.current_status().map(|(_, c)| c.status.into()),
            goal: s.plan.info.goal.clone(),
            target_job_types: s.plan.info.target_job_types.clone(),
            disclosure: s.career.disclosure.choice.map(Into::into),
            consents,
            steps,
            activities,
            jobs,
        }
    }
}

/// A step due soon, across the caseload.
#[derive(Debug, Clone, uniffi::Record)]
pub struct DueStepRow {
    pub seeker_id: String,
    pub seeker_name: String,
    pub step_id: String,
    pub what: String,
    pub who: StepOwner,
    pub due: String,
}

impl From<DueStep> for DueStepRow {
    fn from(d: DueStep) -> Self {
        DueStepRow {
            seeker_id: d.seeker_id.to_string(),
            seeker_name: d.seeker_name,
            step_id: d.step_id.to_string(),
            what: d.what,
            who: d.who.into(),
            due: day(d.due),
        }
    }
}

/// A job seeker near or past the day-30 deadline without a face-to-face employer contact.
#[derive(Debug, Clone, uniffi::Record)]
pub struct FirstContactWarning {
    pub seeker_id: String,
    pub display_name: String,
    pub entry: String,
    pub days_since_entry: i64,
    pub deadline_days: u32,
    pub past: bool,
}

impl From<FirstContactAlert> for FirstContactWarning {
    fn from(a: FirstContactAlert) -> Self {
        FirstContactWarning {
            seeker_id: a.seeker_id.to_string(),
            display_name: a.display_name,
            entry: day(a.entry),
            days_since_entry: a.days_since_entry,
            deadline_days: a.deadline_days,
            past: a.past,
        }
    }
}

/// This week's counters against the goals.
#[derive(Debug, Clone, uniffi::Record)]
pub struct WeekView {
    pub week_start: String,
    pub week_end: String,
    pub face_to_face: u32,
    pub face_to_face_goal: u32,
    pub contacts: u32,
    pub caseload: u32,
    pub caseload_goal: u32,
    pub first_contact_warnings: Vec<FirstContactWarning>,
    /// Consents on the caseload that have expired or end within 30 days.
    pub consent_warnings: Vec<ConsentWarning>,
}

impl From<WeekSummary> for WeekView {
    fn from(w: WeekSummary) -> Self {
        WeekView {
            week_start: day(w.week_start),
            week_end: day(w.week_end),
            face_to_face: w.face_to_face,
            face_to_face_goal: w.face_to_face_goal,
            contacts: w.contacts,
            caseload: w.caseload,
            caseload_goal: w.caseload_goal,
            first_contact_warnings: w.first_contact_alerts.into_iter().map(Into::into).collect(),
            consent_warnings: w.consent_alerts.into_iter().map(Into::into).collect(),
        }
    }
}

/// A milestone on a job seeker's timeline.
#[derive(Debug, Clone, uniffi::Record)]
pub struct TimelineRow {
    pub date: String,
    pub milestone: Milestone,
    pub label: String,
}

impl From<TimelineEntry> for TimelineRow {
    fn from(t: TimelineEntry) -> Self {
        TimelineRow {
            date: day(t.date),
            milestone: t.milestone.into(),
            label: t.label,
        }
    }
}

/// One edit of a record.
#[derive(Debug, Clone, uniffi::Record)]
pub struct HistoryRow {
    pub hash: String,
    pub at: String,
    pub device_id: Option<String>,
    pub user_id: Option<String>,
    pub operation: Option<String>,
    pub fields: Vec<String>,
    /// The same fields with their values before and after, as JSON text (`null` when unset
    /// or not a plain value).
    pub changes: Vec<FieldChangeRow>,
}

/// One field of an edit, before and after.
#[derive(Debug, Clone, uniffi::Record)]
pub struct FieldChangeRow {
    pub field: String,
    pub from_json: Option<String>,
    pub to_json: Option<String>,
}

impl From<fieldbook_core::document::HistoryEntry> for HistoryRow {
    fn from(h: fieldbook_core::document::HistoryEntry) -> Self {
        HistoryRow {
            hash: h.hash,
            at: h.at.to_rfc3339(),
            device_id: h.device.map(|d| d.to_string()),
            user_id: h.user.map(|u| u.to_string()),
            operation: h.op,
            fields: h.fields,
            changes: h
                .changes
                .into_iter()
                .map(|c| FieldChangeRow {
                    field: c.field,
                    from_json: c.from.map(|v| v.to_string()),
                    to_json: c.to.map(|v| v.to_string()),
                })
                .collect(),
        }
    }
}

/// A record whose changes did not reach the team's record (the server refused them, or the
/// record left this phone first), with the reason in plain words. The changes are kept:
/// `Fieldbook.pending()` lists them.
#[derive(Debug, Clone, uniffi::Record)]
pub struct RejectedRecord {
    pub doc_id: String,
    pub code: String,
    pub reason: String,
    /// Whose record, in words: "job seeker Erik Lund", "case notes of Erik Lund".
    pub record: String,
    /// What the changes did: `note.add`, `plan.step.add`…
    pub what: Vec<String>,
}

impl From<RejectedDoc> for RejectedRecord {
    fn from(r: RejectedDoc) -> Self {
        let code = serde_json::to_value(r.code)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default();
        RejectedRecord {
            doc_id: r.id.to_string(),
            code,
            reason: r.reason,
            record: r.record,
            what: r.what,
        }
    }
}

/// What a sync did.
#[derive(Debug, Clone, uniffi::Record)]
pub struct SyncReportView {
    pub sent: u32,
    pub received: u32,
    pub removed: u32,
    pub rejected: Vec<RejectedRecord>,
    pub failed: Vec<String>,
    pub bytes_up: u64,
    pub bytes_down: u64,
    pub round_trips: u32,
    pub duration_ms: u64,
}

impl From<SyncReport> for SyncReportView {
    fn from(r: SyncReport) -> Self {
        SyncReportView {
            sent: r.sent,
            received: r.received,
            removed: r.removed,
            rejected: r.rejected.into_iter().map(Into::into).collect(),
            failed: r.failed.into_iter().map(|d| d.to_string()).collect(),
            bytes_up: r.bytes_up,
            bytes_down: r.bytes_down,
            round_trips: r.round_trips,
            duration_ms: r.duration_ms,
        }
    }
}

/// Progress of a long sync.
#[derive(Debug, Clone, uniffi::Record)]
pub struct SyncProgressView {
    pub round_trips: u32,
    pub received: u32,
    pub bytes_down: u64,
    pub more: bool,
}

impl From<&SyncProgress> for SyncProgressView {
    fn from(p: &SyncProgress) -> Self {
        SyncProgressView {
            round_trips: p.round_trips,
            received: p.received,
            bytes_down: p.bytes_down,
            more: p.more,
        }
    }
}

/// A record with changes waiting for the server.
#[derive(Debug, Clone, uniffi::Record)]
pub struct UnsentView {
    pub doc_id: String,
    /// `seeker`, `notes`, `employer`.
    pub kind: String,
    /// Whose record, in words.
    pub record: String,
    pub changes: u32,
    /// What the changes do (their operations, each once).
    pub what: Vec<String>,
}

/// One refused change kept on this phone, until the team's record holds it.
#[derive(Debug, Clone, uniffi::Record)]
pub struct RefusedChangeView {
    pub doc_id: String,
    /// Whose record it was, in words.
    pub record: String,
    /// What the change did (`note.add`), when it says.
    pub what: Option<String>,
    pub reason: String,
    /// When it was refused (RFC 3339).
    pub refused_at: String,
}

/// This phone's work not in the team's record yet: what waits to be sent, what was refused.
#[derive(Debug, Clone, uniffi::Record)]
pub struct PendingView {
    pub unsent: Vec<UnsentView>,
    /// Newest first.
    pub refused: Vec<RefusedChangeView>,
    /// The same as JSON (the changes included), for the app to export or share.
    pub export_json: String,
}

impl From<Pending> for PendingView {
    fn from(p: Pending) -> Self {
        let export_json = serde_json::to_string_pretty(&p).unwrap_or_default();
        PendingView {
            unsent: p
                .unsent
                .into_iter()
                .map(|u| UnsentView {
                    doc_id: u.doc_id.to_string(),
                    kind: u.kind.as_str().to_string(),
                    record: u.record,
                    changes: u.changes,
                    what: u.what,
                })
                .collect(),
            refused: p
                .refused
                .into_iter()
                .map(|r| RefusedChangeView {
                    doc_id: r.doc_id.to_string(),
                    record: r.record,
                    what: r.what,
                    reason: r.reason,
                    refused_at: r.refused_at,
                })
                .collect(),
            export_json,
        }
    }
}

/// A job seeker or employer found by name.
#[derive(Debug, Clone, uniffi::Record)]
pub struct FoundView {
    pub id: String,
    pub name: String,
    /// A job seeker's preferred name (their name when none); an employer's name.
    pub display_name: String,
}

impl From<Found> for FoundView {
    fn from(f: Found) -> Self {
        FoundView {
            id: f.id.to_string(),
            name: f.name,
            display_name: f.display_name,
        }
    }
}

/// A field two devices changed at once.
#[derive(Debug, Clone, uniffi::Record)]
pub struct ConflictRow {
    pub field: String,
    /// Every value kept, the one shown now first.
    pub values: Vec<ConflictValueRow>,
}

/// One value of a conflicting field.
#[derive(Debug, Clone, uniffi::Record)]
pub struct ConflictValueRow {
    /// The value as JSON text; `None` for an entry that is not a plain value.
    pub value_json: Option<String>,
    pub user_id: Option<String>,
    pub user_name: Option<String>,
    /// When the edit was made (RFC 3339, UTC), by the writing device's clock.
    pub at: Option<String>,
}

impl From<fieldbook_core::document::Conflict> for ConflictRow {
    fn from(c: fieldbook_core::document::Conflict) -> Self {
        ConflictRow {
            field: c.field,
            values: c
                .values
                .into_iter()
                .map(|v| ConflictValueRow {
                    value_json: v.value.map(|j| j.to_string()),
                    user_id: v.user.map(|u| u.to_string()),
                    user_name: v.user_name,
                    at: v.at.map(|t| t.to_rfc3339()),
                })
                .collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use chrono::DateTime;
    use fieldbook_core::ids::{EmployerId, SeekerId, VisitId};
    use fieldbook_core::model::{ContactMode, JobSearchActivity, SeekerDoc, VisitPurpose};

    use super::SeekerView;

    fn contact(at: &str, employer: &str) -> JobSearchActivity {
        JobSearchActivity {
            at: DateTime::parse_from_rfc3339(at).unwrap(),
            employer_id: EmployerId::new(),
            employer_name: employer.into(),
            mode: ContactMode::InPerson,
            purpose: VisitPurpose::FollowUp,
            disclosed: false,
            followed_preference: None,
            outcome: None,
            next_step: None,
            voided: None,
        }
    }

    /// Text order and time order disagree across UTC offsets: a visit at 09:00 in Minnesota
    /// in winter (15:00 UTC) is later than one at 12:00 UTC, though "…T09:00…" sorts first.
    #[test]
    fn activities_are_newest_first_by_instant_across_utc_offsets() {
        let mut doc: SeekerDoc =
            serde_json::from_value(serde_json::json!({ "id": SeekerId::new() })).unwrap();
        for (at, employer) in [
            ("2026-01-15T12:00:00+00:00", "Diner"),
            ("2026-01-15T09:00:00-06:00", "Bakery"),
            ("2026-01-15T13:30:00+01:00", "Hardware store"),
        ] {
            doc.activities.insert(VisitId::new(), contact(at, employer));
        }
        let shown: Vec<String> = SeekerView::from(doc)
            .activities
            .into_iter()
            .map(|a| a.employer_name)
            .collect();
        // 15:00 UTC, 12:30 UTC, 12:00 UTC.
        assert_eq!(shown, ["Bakery", "Hardware store", "Diner"]);
    }
}
