//! The forms of a record as flags and as import fields: each struct is a command's flags
//! (clap) and a group of an import line's or row's fields (serde, snake_case), and knows how
//! to write the fields it was given over the record's current form, leaving the others.

use chrono::NaiveDate;
use fieldbook_core::model::{
    BenefitsPlanning, CareerProfile, Disclosure, EducationSpell, EmployerContact, EmployerInfo,
    PlanInfo, ReleaseTo, SeekerProfile, SeekerStatus,
};
use fieldbook_core::NewConsent;
use serde::Deserialize;

use crate::values::{self, de};

/// Writes `value` into `slot` when given.
fn keep<T>(slot: &mut Option<T>, value: Option<T>) {
    if value.is_some() {
        *slot = value;
    }
}

/// Replaces a list when one is given.
fn keep_list(slot: &mut Vec<String>, value: Vec<String>) {
    if !value.is_empty() {
        *slot = value;
    }
}

/// Who the job seeker is and when they came: the profile form, with the status.
#[derive(Debug, Clone, Default, clap::Args, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProfileFields {
    /// Full name.
    #[arg(long)]
    #[serde(default, deserialize_with = "de::text")]
    pub name: Option<String>,
    #[arg(long)]
    #[serde(default, deserialize_with = "de::text")]
    pub preferred_name: Option<String>,
    #[arg(long)]
    #[serde(default, deserialize_with = "de::text")]
    pub phone: Option<String>,
    #[arg(long)]
    #[serde(default, deserialize_with = "de::text")]
    pub county: Option<String>,
    /// Date of referral (program entry when there is no first meeting yet).
    #[arg(long, value_parser = values::date)]
    #[serde(default, deserialize_with = "de::date")]
    pub referral_date: Option<NaiveDate>,
    /// Date of the first meeting with the specialist.
    #[arg(long, value_parser = values::date)]
    #[serde(default, deserialize_with = "de::date")]
    pub first_meeting: Option<NaiveDate>,
    /// engaging, job_search, working, follow_along, inactive or closed.
    #[arg(long, value_parser = values::choice::<SeekerStatus>)]
    #[serde(default, deserialize_with = "de::choice")]
    pub status: Option<SeekerStatus>,
    /// When the status began (default: today; for a new record the first meeting or referral).
    #[arg(long, value_parser = values::date)]
    #[serde(default, deserialize_with = "de::date")]
    pub status_date: Option<NaiveDate>,
    /// Out of work when entering IPS (yes/no): some programs count only these people.
    #[arg(long, value_parser = values::boolean)]
    #[serde(default, deserialize_with = "de::boolean")]
    pub out_of_work_at_entry: Option<bool>,
}

impl ProfileFields {
    /// Writes the given fields over `p`.
    pub fn apply(&self, p: &mut SeekerProfile) {
        if let Some(name) = &self.name {
            p.name = name.clone();
        }
        keep(&mut p.preferred_name, self.preferred_name.clone());
        keep(&mut p.phone, self.phone.clone());
        keep(&mut p.county, self.county.clone());
        keep(&mut p.referral_date, self.referral_date);
        keep(&mut p.first_meeting, self.first_meeting);
        keep(&mut p.unemployed_at_entry, self.out_of_work_at_entry);
    }
}

/// Benefits held and benefits planning (IPS principle 5).
#[derive(Debug, Clone, Default, clap::Args, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BenefitsFields {
    /// Benefits held (repeat, or separate with commas): SSI, SSDI, Medicaid, SNAP…
    #[arg(long, value_delimiter = ',')]
    #[serde(default, deserialize_with = "de::list")]
    pub held: Vec<String>,
    /// Referred to benefits planning on.
    #[arg(long, value_parser = values::date)]
    #[serde(default, deserialize_with = "de::date")]
    pub referred: Option<NaiveDate>,
    /// Benefits planning offered on.
    #[arg(long, value_parser = values::date)]
    #[serde(default, deserialize_with = "de::date")]
    pub offered: Option<NaiveDate>,
    /// Benefits planning completed on.
    #[arg(long, value_parser = values::date)]
    #[serde(default, deserialize_with = "de::date")]
    pub completed: Option<NaiveDate>,
    /// Who did the planning.
    #[arg(long)]
    #[serde(default, deserialize_with = "de::text")]
    pub planner: Option<String>,
}

impl BenefitsFields {
    pub fn apply(&self, p: &mut SeekerProfile, b: &mut BenefitsPlanning) {
        keep_list(&mut p.benefits_held, self.held.clone());
        keep(&mut b.referred, self.referred);
        keep(&mut b.offered, self.offered);
        keep(&mut b.completed, self.completed);
        keep(&mut b.planner, self.planner.clone());
    }

    /// Whether it says anything about benefits planning (not only benefits held).
    pub fn plans(&self) -> bool {
        self.referred.is_some()
            || self.offered.is_some()
            || self.completed.is_some()
            || self.planner.is_some()
    }
}

/// The career profile: what the person wants, can do, and whether to disclose.
#[derive(Debug, Clone, Default, clap::Args, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CareerFields {
    #[arg(long)]
    #[serde(default, deserialize_with = "de::text")]
    pub work_goal: Option<String>,
    /// Preferred job types (repeat, or separate with commas).
    #[arg(long, value_delimiter = ',')]
    #[serde(default, deserialize_with = "de::list")]
    pub preferred_job_types: Vec<String>,
    #[arg(long, value_parser = values::number)]
    #[serde(default, deserialize_with = "de::number")]
    pub preferred_hours_per_week: Option<f64>,
    #[arg(long)]
    #[serde(default, deserialize_with = "de::text")]
    pub shift: Option<String>,
    #[arg(long)]
    #[serde(default, deserialize_with = "de::text")]
    pub location: Option<String>,
    #[arg(long)]
    #[serde(default, deserialize_with = "de::text")]
    pub environment: Option<String>,
    /// Schooling so far (a school or training now is `seeker education`).
    #[arg(long)]
    #[serde(default, deserialize_with = "de::text")]
    pub education: Option<String>,
    #[arg(long)]
    #[serde(default, deserialize_with = "de::text")]
    pub strengths: Option<String>,
    #[arg(long)]
    #[serde(default, deserialize_with = "de::text")]
    pub skills: Option<String>,
    #[arg(long)]
    #[serde(default, deserialize_with = "de::text")]
    pub transportation: Option<String>,
    #[arg(long)]
    #[serde(default, deserialize_with = "de::text")]
    pub natural_supports: Option<String>,
    /// The person's decision: disclose, partial, do_not_disclose or undecided.
    #[arg(long, value_parser = values::choice::<Disclosure>)]
    #[serde(default, deserialize_with = "de::choice")]
    pub disclosure: Option<Disclosure>,
    /// In the person's words: what may be said, by whom, when.
    #[arg(long)]
    #[serde(default, deserialize_with = "de::text")]
    pub disclosure_how: Option<String>,
}

impl CareerFields {
    pub fn apply(&self, c: &mut CareerProfile) {
        keep(&mut c.work_goal, self.work_goal.clone());
        keep_list(&mut c.preferred_job_types, self.preferred_job_types.clone());
        keep(
            &mut c.preferred_hours_per_week,
            self.preferred_hours_per_week,
        );
        keep(&mut c.shift, self.shift.clone());
        keep(&mut c.location, self.location.clone());
        keep(&mut c.environment, self.environment.clone());
        keep(&mut c.education, self.education.clone());
        keep(&mut c.strengths, self.strengths.clone());
        keep(&mut c.skills, self.skills.clone());
        keep(&mut c.transportation, self.transportation.clone());
        keep(&mut c.natural_supports, self.natural_supports.clone());
        keep(&mut c.disclosure.choice, self.disclosure);
        keep(&mut c.disclosure.how, self.disclosure_how.clone());
    }
}

/// The employment plan's own fields.
#[derive(Debug, Clone, Default, clap::Args, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlanFields {
    /// The plan's goal, in the person's words.
    #[arg(long)]
    #[serde(default, deserialize_with = "de::text")]
    pub goal: Option<String>,
    #[arg(long, value_delimiter = ',')]
    #[serde(default, deserialize_with = "de::list")]
    pub target_job_types: Vec<String>,
    #[arg(long, value_delimiter = ',')]
    #[serde(default, deserialize_with = "de::list")]
    pub target_employers: Vec<String>,
    #[arg(long)]
    #[serde(default, deserialize_with = "de::text")]
    pub disclosure_plan: Option<String>,
    #[arg(long)]
    #[serde(default, deserialize_with = "de::text")]
    pub benefits_planning_step: Option<String>,
}

impl PlanFields {
    pub fn apply(&self, p: &mut PlanInfo) {
        keep(&mut p.goal, self.goal.clone());
        keep_list(&mut p.target_job_types, self.target_job_types.clone());
        keep_list(&mut p.target_employers, self.target_employers.clone());
        keep(&mut p.disclosure_plan, self.disclosure_plan.clone());
        keep(
            &mut p.benefits_planning_step,
            self.benefits_planning_step.clone(),
        );
    }
}

/// A signed release of information.
#[derive(Debug, Clone, clap::Args, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConsentFields {
    /// To whom: employers, the state agency, a clinic, family…
    #[arg(long)]
    #[serde(deserialize_with = "de::text_required")]
    pub recipient: String,
    /// What may be released.
    #[arg(long)]
    #[serde(deserialize_with = "de::text_required")]
    pub scope: String,
    /// What the consent allows: employers (disclosure at employer contacts), state_agency
    /// (the state's per-person export), family, clinic or other. Default: other, which
    /// allows neither.
    #[arg(long, value_parser = values::choice::<ReleaseTo>)]
    #[serde(default, deserialize_with = "de::choice")]
    pub release_to: Option<ReleaseTo>,
    #[arg(long, value_parser = values::date)]
    #[serde(deserialize_with = "de::date_required")]
    pub signed: NaiveDate,
    /// Default: one year after signing (Minnesota).
    #[arg(long, value_parser = values::date)]
    #[serde(default, deserialize_with = "de::date")]
    pub expires: Option<NaiveDate>,
}

impl From<&ConsentFields> for NewConsent {
    fn from(c: &ConsentFields) -> NewConsent {
        NewConsent {
            scope: c.scope.clone(),
            recipient: c.recipient.clone(),
            release_to: c.release_to.unwrap_or(ReleaseTo::Other),
            signed: c.signed,
            expires: c.expires,
        }
    }
}

/// School or training, for the "in education" outcome.
#[derive(Debug, Clone, clap::Args, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EducationFields {
    /// The school, course or training program.
    #[arg(long)]
    #[serde(deserialize_with = "de::text_required")]
    pub program: String,
    #[arg(long, value_parser = values::date)]
    #[serde(deserialize_with = "de::date_required")]
    pub start: NaiveDate,
    /// Left empty while the person is in it; give it (with the same program and start) to
    /// record the end.
    #[arg(long, value_parser = values::date)]
    #[serde(default, deserialize_with = "de::date")]
    pub end: Option<NaiveDate>,
}

impl From<&EducationFields> for EducationSpell {
    fn from(e: &EducationFields) -> EducationSpell {
        EducationSpell {
            program: e.program.clone(),
            start: e.start,
            end: e.end,
        }
    }
}

/// The employer form.
#[derive(Debug, Clone, Default, clap::Args, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EmployerFields {
    #[arg(long)]
    #[serde(default, deserialize_with = "de::text")]
    pub name: Option<String>,
    #[arg(long)]
    #[serde(default, deserialize_with = "de::text")]
    pub industry: Option<String>,
    #[arg(long)]
    #[serde(default, deserialize_with = "de::text")]
    pub address: Option<String>,
    #[arg(long)]
    #[serde(default, deserialize_with = "de::text")]
    pub phone: Option<String>,
    #[arg(long)]
    #[serde(default, deserialize_with = "de::text")]
    pub website: Option<String>,
    /// What the business needs, learned on visits.
    #[arg(long)]
    #[serde(default, deserialize_with = "de::text")]
    pub business_needs: Option<String>,
    #[arg(long)]
    #[serde(default, deserialize_with = "de::text")]
    pub hiring_notes: Option<String>,
}

impl EmployerFields {
    pub fn apply(&self, e: &mut EmployerInfo) {
        if let Some(name) = &self.name {
            e.name = name.clone();
        }
        keep(&mut e.industry, self.industry.clone());
        keep(&mut e.address, self.address.clone());
        keep(&mut e.phone, self.phone.clone());
        keep(&mut e.website, self.website.clone());
        keep(&mut e.business_needs, self.business_needs.clone());
        keep(&mut e.hiring_notes, self.hiring_notes.clone());
    }
}

/// A contact person at an employer.
#[derive(Debug, Clone, clap::Args, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ContactFields {
    #[arg(long)]
    #[serde(deserialize_with = "de::text_required")]
    pub name: String,
    #[arg(long)]
    #[serde(default, deserialize_with = "de::text")]
    pub role: Option<String>,
    #[arg(long)]
    #[serde(default, deserialize_with = "de::text")]
    pub phone: Option<String>,
    #[arg(long)]
    #[serde(default, deserialize_with = "de::text")]
    pub email: Option<String>,
}

impl From<&ContactFields> for EmployerContact {
    fn from(c: &ContactFields) -> EmployerContact {
        EmployerContact {
            name: c.name.clone(),
            role: c.role.clone(),
            phone: c.phone.clone(),
            email: c.email.clone(),
        }
    }
}
