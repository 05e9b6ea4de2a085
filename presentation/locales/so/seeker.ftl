# DRAFT: awaiting review by a native Somali speaker.

seeker-status-since = { $status } laga bilaabo { $date }
seeker-read-only = Kani waa diiwaankaaga. Khabiirka shaqadaadu ayaa cusboonaysiiya; weydii inuu wax beddelo.
seeker-unavailable = Qofkan lama muujin karo: { $reason }
seeker-no-such = ma jiro qof { $id }

heading-profile = Astaanta
heading-plan = Qorshaha shaqada
heading-jobs = Shaqooyinka
heading-supports = Taageerada la socoshada
heading-notes = Qoraallada kiiska
heading-timeline = Jidka ilaa hadda

profile-preferred-name = Magaca la doorbido
profile-phone = Taleefan
profile-county = Degmada
profile-referral = La soo gudbiyay
profile-first-meeting = Kulankii ugu horreeyay

plan-goal = Hadafka: { $goal }
plan-no-goal = Weli hadaf lama qorin
step-who-seeker = Tallaabada qofka
step-who-specialist = Tallaabada khabiirka
step-due = { $who }, waqtigeedu waa { $when }
step-done-on = La dhammeeyay { $date }
step-done = La dhammeeyay
step-dropped = La joojiyay
step-state-open = Furan
step-state-overdue = Dib u dhacday
step-state-done = La dhammeeyay
step-state-dropped = La joojiyay

job-title = { $title } ee { $employer }
job-current = Halkan ka shaqeeya laga bilaabo { $start }
job-ended = Dhammaatay { $end } (bilaabatay { $start }): { $reason }

support-line = { $date }: { $kind }, waxaa bixiyay { $giver }, { $how }
support-by-specialist = khabiirka shaqada
support-by-team = kooxda caafimaadka maskaxda
support-by-family = qoyska
support-by-employer = loo-shaqeeyaha
support-by-other = qof kale
support-in-person = fool ka fool
support-remote = taleefan ama fariin

timeline-entry = { $date }: { $what }
timeline-referral = Loo gudbiyay IPS
timeline-first-meeting = Kulankii ugu horreeyay ee khabiirka shaqada
timeline-first-contact = Booqashadii ugu horreysay ee loo-shaqeeye: { $employer }
timeline-status = Xaaladda: { $status }
timeline-job-start = Wuxuu bilaabay { $title } ee { $employer }
timeline-job-end = Wuxuu ka tagay { $title } ee { $employer }

action-log-visit = Qor booqasho loo-shaqeeye
action-add-step = Ku dar tallaabo qorshe
action-add-note = Qor qoraal kiis
action-set-status = Beddel xaaladda
action-edit-profile = Wax ka beddel astaanta
action-edit-plan = Wax ka beddel qorshaha
action-edit-career = Wax ka beddel astaanta xirfadda
action-edit-benefits = Wax ka beddel qorshaynta gargaarka
action-add-consent = Qor oggolaansho
action-start-job = Qor bilaabashada shaqo
action-log-support = Qor taageero

heading-visits = Xiriirka loo-shaqeeyayaasha
visit-row = { $mode } ee { $employer }: { $purpose }
row-end-job = Dhammee shaqadan
row-correct-visit = Sax booqashadan
row-void-visit = Calaamadee booqashadan in si qalad ah loo qoray
row-void-note = Calaamadee qoraalkan in si qalad ah loo qoray
visit-row-spoken = { $what }, { $when }
row-end-job-spoken = Dhammee shaqada { $row }
row-correct-visit-spoken = Sax booqashada { $row }
row-void-visit-spoken = Calaamadee booqashada { $row } in si qalad ah loo qoray
row-void-note-spoken = Calaamadee qoraalka { $row } in si qalad ah loo qoray
