# DRAFT: awaiting review by a native Somali speaker.

pending-changes = { $count ->
    [one] { $count } isbeddel ayaa sugaya in la isku dhafo
   *[other] { $count } isbeddel ayaa sugaya in la isku dhafo
}

sync-not-enrolled = Weli laguma xirin xarunta kooxda
sync-offline = Khadka kama jiro
sync-up-to-date = Wax walba waa la isku dhafay
sync-refused = { $count ->
    [one] { $count } isbeddel ayuu xaruntu diiday
   *[other] { $count } isbeddel ayuu xaruntu diiday
}
sync-last = Isku dhafkii ugu dambeeyay: { $day }, { $time }
sync-never = Weligii lama isku dhafin
sync-unreadable = Xaaladda isku dhafka lama akhrin karo: { $reason }
