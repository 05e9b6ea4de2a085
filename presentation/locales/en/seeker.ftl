# The job seeker screen.

seeker-status-since = { $status } since { $date }
seeker-read-only = This is your record. Your employment specialist keeps it up to date; ask them to change anything.
seeker-unavailable = This job seeker cannot be shown: { $reason }
seeker-no-such = there is no job seeker { $id }

heading-profile = Profile
heading-plan = Employment plan
heading-jobs = Jobs
heading-supports = Follow-along supports
heading-notes = Case notes
heading-timeline = Path so far

profile-preferred-name = Preferred name
profile-phone = Phone
profile-county = County
profile-referral = Referred
profile-first-meeting = First meeting

plan-goal = Goal: { $goal }
plan-no-goal = No goal written yet
step-who-seeker = Job seeker’s step
step-who-specialist = Specialist’s step
step-due = { $who }, due { $when }
step-done-on = Done on { $date }
step-done = Done
step-dropped = Dropped
step-state-open = Open
step-state-overdue = Overdue
step-state-done = Done
step-state-dropped = Dropped

job-title = { $title } at { $employer }
job-current = Working here since { $start }
job-ended = Ended { $end } (started { $start }): { $reason }

support-line = { $date }: { $kind }, by { $giver }, { $how }
support-by-specialist = the employment specialist
support-by-team = the mental health team
support-by-family = family
support-by-employer = the employer
support-by-other = someone else
support-in-person = in person
support-remote = by phone or message

timeline-entry = { $date }: { $what }
timeline-referral = Referred to IPS
timeline-first-meeting = First meeting with the employment specialist
timeline-first-contact = First employer visit: { $employer }
timeline-status = Status: { $status }
timeline-job-start = Started as { $title } at { $employer }
timeline-job-end = Left { $title } at { $employer }

action-log-visit = Log an employer visit
action-add-step = Add a plan step
action-add-note = Write a case note
action-set-status = Change status
action-edit-profile = Edit profile
action-edit-plan = Edit the plan
action-edit-career = Edit the career profile
action-edit-benefits = Edit benefits planning
action-add-consent = Record a consent
action-start-job = Record a job start
action-log-support = Log a support

heading-visits = Employer contacts
visit-row = { $mode } at { $employer }: { $purpose }
row-end-job = End this job
row-correct-visit = Correct this visit
row-void-visit = Mark this visit entered in error
row-void-note = Mark this note entered in error
visit-row-spoken = { $what }, { $when }
row-end-job-spoken = End the job { $row }
row-correct-visit-spoken = Correct the visit { $row }
row-void-visit-spoken = Mark the visit { $row } entered in error
row-void-note-spoken = Mark the note of { $row } entered in error
