# The week screen: face-to-face employer contacts this week against the team's goal, and
# the job seekers near or past day 30 without an employer contact (rapid job search).

week-title = This week
week-range = { $start } to { $end }
week-face-to-face = { $goal ->
    [one] { $count } of { $goal } face-to-face employer contact this week
   *[other] { $count } of { $goal } face-to-face employer contacts this week
}
week-to-go = { $count ->
    [one] { $count } more to reach the goal
   *[other] { $count } more to reach the goal
}
week-goal-met = The week's goal is met.
week-all-contacts = { $count ->
    [one] { $count } employer contact of any kind
   *[other] { $count } employer contacts of any kind
}
week-first-contact-title = No employer contact yet
week-first-contact-near = { $name }: day { $days } of { $deadline }, no employer contact yet
week-first-contact-late = { $name }: day { $days }, past day { $deadline } with no employer contact
week-first-contact-none = Every job seeker has met an employer in time.
