# DRAFT: awaiting review by a native Somali speaker.

sign-out-title = Ka bax oo tirtir taleefankan?
sign-out-nothing-lost = Wax kasta oo taleefankan ku jira waxay ku jiraan server-ka kooxdaada. Ka bixitaanku wuxuu ka tirtirayaa taleefankan; mar dambe ayaad dib u diiwaangelin kartaa.
sign-out-changes-lost = { $count ->
    [one] 1 isbeddel
   *[other] { $count } isbeddel
} oo ku jira { $records ->
    [one] 1 diiwaan
   *[other] { $records } diiwaan
} weli ma gaarin server-ka kooxdaada. Haddii aad hadda ka baxdo, way tirtirmayaan weligood. Marka hore isku-dhaf si aad u haysato.
sign-out-record-seeker = Qof shaqo raadinaya: { $name }
sign-out-record-employer = Loo-shaqeeye: { $name }
sign-out-record-notes = Qoraallada kiiska ee { $name }
sign-out-record-other = Diiwaan kale
sign-out-sync-first = Marka hore isku-dhaf
sign-out-confirm = Ka bax oo tirtir
sign-out-cancel = Jooji
