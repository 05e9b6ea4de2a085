# The pending-changes screen: waiting, refused and conflicting changes.

changes-title = Changes not on the server yet
changes-none = Nothing is waiting: everything made here is on the server
changes-unreadable = The changes cannot be read: { $reason }
waiting-record = { $record }: { $what }

record-seeker = Job seeker { $name }
record-notes = Case notes of { $name }
record-employer = Employer { $name }
record-other = Record { $name }

refused-left-phone = It was made after this job seeker was given to another specialist, so it never reached the server
refused-kept-for-supervisor = It was given to a specialist who no longer has this record; the server keeps it for your supervisor, who can accept it
refused-by-server = The server refused it: { $reason }
refused-action-tell-supervisor = Tell your supervisor
refused-action-make-again = Make the change again
refused-spoken = Refused: { $what } in { $record }, { $when }. { $why }

op-create = The record created
op-other = A change
op-career-disclosure = Disclosure preference changed
op-career-edit = Career profile edited
op-career-work-history = Work history changed
op-conflict-settle = A conflict settled
op-employer-add = Employer added
op-employer-contact-add = Employer contact added
op-employer-contact-edit = Employer contact edited
op-employer-edit = Employer edited
op-employer-merge = Employers merged
op-job-edit = Job edited
op-job-end = Job ended
op-job-start = Job started
op-job-void = Job removed
op-merge-follow = Merged record followed
op-note-add = Case note added
op-note-void = Case note removed
op-plan-edit = Plan edited
op-plan-step-add = Plan step added
op-plan-step-done = Plan step completed
op-plan-step-edit = Plan step edited
op-plan-step-move = Plan steps reordered
op-plan-step-status = Plan step status changed
op-plan-step-void = Plan step removed
op-seeker-add = Job seeker added
op-seeker-benefits = Benefits planning changed
op-seeker-consent = Consent changed
op-seeker-edit = Profile edited
op-seeker-education = Education changed
op-seeker-merge = Job seekers merged
op-seeker-status = Status changed
op-support-edit = Support edited
op-support-log = Support logged
op-support-void = Support removed
op-visit-edit = Employer contact edited
op-visit-log = Employer contact logged
op-visit-void = Employer contact removed
