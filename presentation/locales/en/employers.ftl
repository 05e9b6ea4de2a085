# The employers list and one employer's page: its contacts and the visits logged there.

employers-title = Employers
employers-search = Search employers
employers-empty = No employers on this phone yet.
employers-none-found = No employer matches “{ $search }”.
employers-visits = { $count ->
    [one] { $count } visit, last { $when }
   *[other] { $count } visits, last { $when }
}
employers-no-visits = No visits yet
employer-contacts = People to talk to
employer-no-contacts = No contacts recorded yet.
employer-visits = Visits
employer-no-visits = No visits logged yet.
employer-visit = { $when }: { $mode }, { $purpose }
employer-visit-seekers = { $count ->
    [one] For { $count } job seeker
   *[other] For { $count } job seekers
}
