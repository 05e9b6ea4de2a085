# DRAFT: awaiting review by a native Somali speaker.

sync-report-done = Waa la isku dhafay { $day }, { $time }.
sync-report-done-background = Waa la isku dhafay gadaal { $day }, { $time }.
sync-report-failed = Isku dhafku wuu fashilmay { $day }, { $time }.
sync-report-failed-background = Isku dhafka gadaal wuu fashilmay { $day }, { $time }.
sync-report-nothing = Wax cusub oo la diro ama la helo ma jiraan.
sync-report-sent = { $count ->
    [one] { $count } diiwaan ayaa la diray.
   *[other] { $count } diiwaan ayaa la diray.
}
sync-report-received = { $count ->
    [one] { $count } diiwaan ayaa la helay.
   *[other] { $count } diiwaan ayaa la helay.
}
sync-report-removed = { $count ->
    [one] { $count } diiwaan ayaa ka baxay telefoonkan: lalama wadaago mar dambe.
   *[other] { $count } diiwaan ayaa ka baxay telefoonkan: lalama wadaago mar dambe.
}
sync-report-refused = { $count ->
    [one] Shaqada { $count } diiwaan lama aqbalin: hoos eeg.
   *[other] Shaqada { $count } diiwaan lama aqbalin: hoos eeg.
}
sync-report-unreadable = { $count ->
    [one] { $count } diiwaan lama akhrin karin, mar kale ayaa la weydiin doonaa.
   *[other] { $count } diiwaan lama akhrin karin, mar kale ayaa la weydiin doonaa.
}
sync-report-malformed = Xog ka timid xarunta lama akhrin karin, midna lama isticmaalin. Shaqadaadu waxay ku jirtaa telefoonka; mar dambe isku day.
sync-notice-enroll-title = Fieldbook ayaa ku u baahan
sync-notice-refused-title = Qayb ka mid ah shaqadaada lama aqbalin
sync-notice-refused-text = { $count ->
    [one] Shaqada { $count } diiwaan ma gaarin diiwaanka kooxdaada. Waxay ku jirtaa telefoonkan: fur Fieldbook si aad u aragto waxa iyo sababta.
   *[other] Shaqada { $count } diiwaan ma gaarin diiwaanka kooxdaada. Waxay ku jiraan telefoonkan: fur Fieldbook si aad u aragto waxa iyo sababta.
}

sync-title = Isku dhaf
sync-now = Hadda isku dhaf
sync-running = Waa la isku dhafayaa…
sync-ask-notify = I ogeysii marka shaqo aan la aqbalin
