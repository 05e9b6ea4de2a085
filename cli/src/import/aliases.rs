//! The headers county and agency exports use for each field an import row can give. Headers
//! are compared in any case and spacing (`Case #` is `case number`); every field's own name
//! (`referral_date`, `benefits.offered`) is understood too. A `--map` file names the rest.

/// A field a column can give, the headers that mean it, and whether it tells the kind of
/// rows apart (a `status` column is a job seekers' list; a `name` column could be anything).
#[derive(Debug, PartialEq)]
pub struct Target {
    /// The field, as an import line names it (`benefits.offered` is `offered` in the line's
    /// `benefits` object).
    pub field: &'static str,
    pub aliases: &'static [&'static str],
    pub marks_kind: bool,
}

const fn t(field: &'static str, marks_kind: bool, aliases: &'static [&'static str]) -> Target {
    Target {
        field,
        aliases,
        marks_kind,
    }
}

/// The field holding a record's external id.
pub const KEY_FIELD: &str = "id";

// Tables of data: one field per line reads better than rustfmt's one alias per line.
#[rustfmt::skip]
pub(super) static SEEKER_TARGETS: &[Target] = &[
    t("id", false, &["external id", "client id", "case number", "case id", "case no", "person id", "participant id", "client number", "record number", "mrn"]),
    t("name", false, &["client name", "full name", "participant name", "consumer name", "job seeker", "job seeker name", "client"]),
    t("first_name", true, &["first", "given name", "client first name"]),
    t("last_name", true, &["last", "surname", "family name", "client last name"]),
    t("preferred_name", true, &["goes by", "nickname", "preferred"]),
    t("phone", false, &["phone number", "telephone", "cell", "cell phone", "mobile", "client phone"]),
    t("county", true, &["county of residence", "residence county"]),
    t("referral_date", true, &["referral", "referred", "date referred", "referral dt", "date of referral"]),
    t("first_meeting", true, &["first meeting date", "intake date", "intake", "date of first meeting", "first appointment", "enrollment date", "program entry date"]),
    t("status", true, &["current status", "case status", "ips status", "phase", "stage"]),
    t("status_date", true, &["status since", "status change date", "status changed"]),
    t("out_of_work_at_entry", true, &["unemployed at entry", "unemployed at intake", "out of work", "unemployed"]),
    t("benefits.held", true, &["benefits", "benefits held", "benefit types", "income sources"]),
    t("benefits.referred", true, &["benefits planning referral", "benefits referral", "bp referral", "referred to benefits planning"]),
    t("benefits.offered", true, &["benefits planning offered", "bp offered", "benefits counseling offered"]),
    t("benefits.completed", true, &["benefits planning completed", "bp completed", "benefits counseling completed", "benefits planning done"]),
    t("benefits.planner", true, &["benefits planner", "bp planner", "work incentives planner"]),
    t("career.work_goal", true, &["work goal", "vocational goal", "employment goal", "job goal", "career goal"]),
    t("career.preferred_job_types", true, &["preferred jobs", "job preferences", "preferred job types", "jobs wanted"]),
    t("career.preferred_hours_per_week", true, &["preferred hours", "hours wanted", "desired hours"]),
    t("career.shift", true, &["preferred shift", "shift"]),
    t("career.location", true, &["preferred location", "work location"]),
    t("career.environment", true, &["work environment", "preferred environment"]),
    t("career.education", true, &["education level", "highest education", "schooling"]),
    t("career.strengths", true, &["strengths"]),
    t("career.skills", true, &["skills"]),
    t("career.transportation", true, &["transportation"]),
    t("career.natural_supports", true, &["natural supports"]),
    t("career.disclosure", true, &["disclosure", "disclosure preference", "disclose"]),
    t("career.disclosure_how", true, &["disclosure notes", "how to disclose"]),
    t("plan.goal", true, &["plan goal", "employment plan goal", "ipe goal"]),
    t("plan.target_job_types", true, &["target jobs", "target job types"]),
    t("plan.target_employers", true, &["target employers"]),
    t("plan.disclosure_plan", true, &["disclosure plan"]),
    t("plan.benefits_planning_step", true, &["benefits planning step"]),
    t("consent.recipient", true, &["release to", "roi recipient", "consent recipient", "roi to", "release recipient"]),
    t("consent.scope", true, &["roi scope", "release scope", "consent scope", "information released"]),
    t("consent.signed", true, &["roi signed", "release signed", "consent signed", "consent date", "roi date", "release date"]),
    t("consent.expires", true, &["roi expires", "release expires", "consent expires", "roi expiration"]),
    t("education.program", true, &["school", "training program", "school program", "education program", "current school"]),
    t("education.start", true, &["school start", "education start", "training start"]),
    t("education.end", true, &["school end", "education end", "training end"]),
];

#[rustfmt::skip]
pub(super) static EMPLOYER_TARGETS: &[Target] = &[
    t("id", false, &["employer id", "external id", "account id", "business id", "vendor id"]),
    t("name", false, &["employer", "employer name", "business", "business name", "company", "company name", "organization"]),
    t("industry", true, &["sector", "business type", "type of business"]),
    t("address", true, &["street address", "employer address", "location"]),
    t("phone", false, &["employer phone", "business phone", "phone number", "telephone"]),
    t("website", true, &["web site", "web", "url"]),
    t("business_needs", true, &["needs", "business need"]),
    t("hiring_notes", true, &["hiring", "hiring info", "notes"]),
    t("contact.name", true, &["contact", "contact name", "contact person", "hiring manager"]),
    t("contact.role", true, &["contact title", "contact role", "title"]),
    t("contact.phone", true, &["contact phone"]),
    t("contact.email", true, &["contact email", "email", "e mail"]),
];

#[rustfmt::skip]
pub(super) static VISIT_TARGETS: &[Target] = &[
    t("id", false, &["contact id", "visit id", "activity id", "entry id", "record id", "external id"]),
    t("employer", true, &["employer name", "employer id", "business", "company"]),
    t("at", true, &["date time", "contact date time", "datetime", "timestamp"]),
    t("date", true, &["contact date", "visit date", "date of contact", "activity date"]),
    t("time", true, &["contact time", "visit time", "start time"]),
    t("contact", true, &["contact person", "met with", "employer contact"]),
    t("location", false, &["place"]),
    t("mode", true, &["contact type", "contact mode", "method", "type"]),
    t("purpose", true, &["contact purpose", "visit purpose", "reason"]),
    t("seekers", true, &["client", "clients", "client id", "job seeker", "job seekers", "client name", "participants", "on behalf of"]),
    t("followed_preference", true, &["followed preference", "matched preferences", "per preferences", "individualized"]),
    t("outcome", true, &["result", "notes", "summary"]),
    t("next_step", true, &["next steps", "follow up"]),
    t("next_step_date", true, &["follow up date", "next contact date", "next step due"]),
];
