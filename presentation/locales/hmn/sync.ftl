# DRAFT: awaiting review by a native Hmong speaker.

sync-report-done = Xa mus tas { $day }, { $time }.
sync-report-done-background = Xa mus tas tom qab { $day }, { $time }.
sync-report-failed = Xa mus tsis tau { $day }, { $time }.
sync-report-failed-background = Kev xa mus tom qab tsis tau { $day }, { $time }.
sync-report-nothing = Tsis muaj dab tsi tshiab xa mus lossis txais.
sync-report-sent = { $count ->
   *[other] Xa { $count } daim ntaub ntawv mus lawm.
}
sync-report-received = { $count ->
   *[other] Txais tau { $count } daim ntaub ntawv.
}
sync-report-removed = { $count ->
   *[other] { $count } daim ntaub ntawv tawm ntawm lub xov tooj no lawm: tsis sib koom nrog koj lawm.
}
sync-report-refused = { $count ->
   *[other] Kev ua haujlwm ntawm { $count } daim ntaub ntawv tsis raug lees txais: saib hauv qab.
}
sync-report-unreadable = { $count ->
   *[other] { $count } daim ntaub ntawv nyeem tsis tau thiab yuav thov dua.
}
sync-report-malformed = Nyeem tsis tau qee cov ntaub ntawv los ntawm lub chaw khaws ntaub ntawv, thiab tsis tau siv ib qho li. Koj txoj haujlwm tseem nyob hauv lub xov tooj; sim dua tom qab.
sync-notice-enroll-title = Fieldbook xav tau koj
sync-notice-refused-title = Koj qee txoj haujlwm tsis raug lees txais
sync-notice-refused-text = { $count ->
   *[other] Kev ua haujlwm ntawm { $count } daim ntaub ntawv tsis tau mus txog koj pab pawg cov ntaub ntawv. Nws tseem nyob hauv lub xov tooj no: qhib Fieldbook saib yog dab tsi thiab vim li cas.
}

sync-title = Xa mus
sync-now = Xa mus tam sim no
sync-running = Tab tom xa mus…
sync-ask-notify = Qhia kuv thaum kev ua haujlwm tsis raug lees txais
