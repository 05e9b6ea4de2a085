# Words every screen shares.

# The always-visible indicator of changes not yet on the server.
pending-changes = { $count ->
    [one] { $count } change waiting to sync
   *[other] { $count } changes waiting to sync
}
