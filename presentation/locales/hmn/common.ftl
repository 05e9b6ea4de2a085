# DRAFT: awaiting review by a native Hmong speaker.

pending-changes = { $count ->
   *[other] { $count } qhov hloov tseem tos xa mus
}
