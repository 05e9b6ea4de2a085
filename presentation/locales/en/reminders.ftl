# Local notifications.

reminder-step-title = Plan step for { $name }
reminder-step-body = Due { $when }: { $step }
reminder-first-contact-title = { $name } has no employer contact yet
reminder-first-contact-body = IPS aims for a first face-to-face employer contact within { $deadline } days: by { $date }
reminder-step-public = A plan step is due today
reminder-first-contact-public = A job seeker needs a first employer contact
