# DRAFT: awaiting review by a native Somali speaker.

pending-changes = { $count ->
    [one] { $count } isbeddel ayaa sugaya in la isku dhafo
   *[other] { $count } isbeddel ayaa sugaya in la isku dhafo
}
