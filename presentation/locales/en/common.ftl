# Words every screen shares.

# The always-visible indicator of changes not yet on the server.
pending-changes = { $count ->
    [one] { $count } change waiting to sync
   *[other] { $count } changes waiting to sync
}

# The sync indicator beside it.
sync-not-enrolled = Not connected to a team server yet
sync-offline = Offline
sync-up-to-date = Everything is synced
sync-refused = { $count ->
    [one] { $count } change refused by the server
   *[other] { $count } changes refused by the server
}
sync-last = Last synced { $day }, { $time }
sync-never = Never synced
sync-unreadable = The sync state cannot be read: { $reason }
