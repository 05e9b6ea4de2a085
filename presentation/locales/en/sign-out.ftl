# Signing out, which erases the phone.

sign-out-title = Sign out and erase this phone?
sign-out-nothing-lost = Everything on this phone is on your team's server. Signing out erases it from this phone; you can enroll again later.
sign-out-changes-lost = { $count ->
    [one] 1 change
   *[other] { $count } changes
} to { $records ->
    [one] 1 record has
   *[other] { $records } records have
} not reached your team's server yet. Signing out now erases { $count ->
    [one] it
   *[other] them
} for good. Sync first to keep { $count ->
    [one] it
   *[other] them
}.
sign-out-record-seeker = Job seeker { $name }
sign-out-record-employer = Employer { $name }
sign-out-record-notes = Case notes about { $name }
sign-out-record-other = Another record
sign-out-sync-first = Sync first
sign-out-confirm = Sign out and erase
sign-out-cancel = Cancel
