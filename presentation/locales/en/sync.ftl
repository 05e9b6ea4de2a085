# What the last sync did (the sync screen) and the background sync's notification. The
# notification never names anyone: it can show on a locked screen.

sync-report-done = Synced { $day }, { $time }.
sync-report-done-background = Synced in the background { $day }, { $time }.
sync-report-failed = Sync failed { $day }, { $time }.
sync-report-failed-background = Background sync failed { $day }, { $time }.
sync-report-nothing = Nothing new to send or receive.
sync-report-sent = { $count ->
    [one] { $count } record sent.
   *[other] { $count } records sent.
}
sync-report-received = { $count ->
    [one] { $count } record received.
   *[other] { $count } records received.
}
sync-report-removed = { $count ->
    [one] { $count } record left this phone: it is no longer shared with you.
   *[other] { $count } records left this phone: they are no longer shared with you.
}
sync-report-refused = { $count ->
    [one] Work on { $count } record was not accepted: see below.
   *[other] Work on { $count } records was not accepted: see below.
}
sync-report-unreadable = { $count ->
    [one] { $count } record could not be read and will be asked for again.
   *[other] { $count } records could not be read and will be asked for again.
}
sync-report-malformed = Some data from the server could not be read, and none of it was used. Your work is kept on the phone; try again later.
sync-notice-enroll-title = Fieldbook needs you
sync-notice-refused-title = Some of your work was not accepted
sync-notice-refused-text = { $count ->
    [one] Work on { $count } record did not reach your team's record. It is kept on this phone: open Fieldbook to see what and why.
   *[other] Work on { $count } records did not reach your team's record. They are kept on this phone: open Fieldbook to see what and why.
}

sync-title = Sync
sync-now = Sync now
sync-running = Syncing…
sync-ask-notify = Tell me when work is not accepted
