# The caseload screen and the IPS statuses.

caseload-title = Caseload
caseload-search = Search job seekers by name
caseload-empty = No job seekers on this phone yet
caseload-none-found = No job seeker’s name starts with “{ $search }”
caseload-unreadable = The caseload cannot be read: { $reason }
caseload-last-contact = Last employer contact: { $when }
caseload-no-contact = No employer contact yet
caseload-next-step = Next step: { $step }
caseload-next-step-due = Next step: { $step }, due { $when }
caseload-job = Working as { $job }

status-none = No status yet
status-engaging = Engaging
status-job-search = Job search
status-working = Working
status-follow-along = Follow-along
status-inactive = Inactive
status-closed = Closed

alert-consent-ended = Consent to share with { $recipient } ended { $when }
alert-consent-ending = Consent to share with { $recipient } ends { $when }
alert-first-contact-near = No employer contact yet: day { $days } of { $deadline }
alert-first-contact-late = No employer contact yet: { $days } days, past the { $deadline }-day goal
alert-step-due = Step due { $when }: { $step }
