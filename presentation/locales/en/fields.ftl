# The names of the fields (the core's names) and of the kinds of record, as errors and
# forms show them.

field-at = the date and time
field-date = the date
field-time = the time
field-employer = employer
field-employer_id = the employer
field-contact = contact
field-contact_id = the contact
field-seeker = the job seeker
field-seeker_ids = the job seeker
field-job_seeker = job seeker
field-disclosed = the job seekers disclosed
field-mode = how you met
field-purpose = the purpose
field-followed_preference = "followed their preference"
field-outcome = the outcome
field-next_step = the next step
field-next_step_date = the next step's date
field-the_visit_date = the visit date
field-location = the place
field-name = the name
field-reason = the reason
field-visit = visit
field-job = job
field-step = step
field-support = support
field-case_note = case note
field-document = record
field-title = the job title
field-start = the start date
field-end = the end date
field-end_date = the end date
field-the_job_s_start = the job's start
field-the_job_s_end = the job's end
field-hours_per_week = hours per week
field-hourly_wage_cents = the hourly wage
field-preferred_hours_per_week = preferred hours per week
field-learned = the date you learned of it
field-referred = the referral date
field-offered = the date offered
field-completed = the date completed
field-signed = the signing date
field-expires = the end of the consent
field-scope = what may be shared
field-recipient = who may receive it
field-what = the step
field-kind = the kind of support
field-text = the note

# Every form.
form-not-a-date = { $field } “{ $value }” is not a date like 2026-11-24.
form-not-a-time = { $field } “{ $value }” is not a time like 14:30.
form-not-saved = Not saved yet: see the fields marked.

# Fields of the other forms.
field-preferred_name = the preferred name
field-phone = the phone number
field-county = the county
field-referral_date = the referral date
field-first_meeting = the first meeting
field-industry = the industry
field-address = the address
field-business_needs = what the business needs
field-hiring_notes = the hiring notes
field-role = the role
field-email = the email
field-who = who does it
field-due = the due date
field-employer_name = the employer
field-hourly_wage = the hourly wage
field-competitive = "competitive job"
field-permanent = "permanent"
field-in_person = "in person"
field-given_by = who gave it
field-note = the note
