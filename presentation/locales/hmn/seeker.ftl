# DRAFT: awaiting review by a native Hmong speaker.

seeker-status-since = { $status } txij { $date }
seeker-read-only = No yog koj cov ntaub ntawv. Koj tus neeg pab nrhiav haujlwm yog tus kho kom tshiab; thov nws yog koj xav hloov dab tsi.
seeker-unavailable = Qhia tsis tau tus neeg no: { $reason }
seeker-no-such = tsis muaj tus neeg { $id }

heading-profile = Cov ntaub ntawv tus kheej
heading-plan = Txoj phiaj xwm ua haujlwm
heading-jobs = Cov haujlwm
heading-supports = Kev pab txuas ntxiv
heading-notes = Cov ntawv sau
heading-timeline = Txoj kev txog tam sim no

profile-preferred-name = Lub npe nyiam
profile-phone = Xov tooj
profile-county = Lub nroog
profile-referral = Xa tuaj
profile-first-meeting = Thawj zaug ntsib

plan-goal = Lub hom phiaj: { $goal }
plan-no-goal = Tseem tsis tau sau lub hom phiaj
step-who-seeker = Tus neeg nrhiav haujlwm kauj ruam
step-who-specialist = Tus neeg pab kauj ruam
step-due = { $who }, yuav tsum ua { $when }
step-done-on = Ua tiav { $date }
step-done = Ua tiav lawm
step-dropped = Tso tseg lawm
step-state-open = Tseem tos
step-state-overdue = Dhau sij hawm lawm
step-state-done = Ua tiav lawm
step-state-dropped = Tso tseg lawm

job-title = { $title } ntawm { $employer }
job-current = Ua haujlwm ntawm no txij { $start }
job-ended = Xaus { $end } (pib { $start }): { $reason }

support-line = { $date }: { $kind }, los ntawm { $giver }, { $how }
support-by-specialist = tus neeg pab nrhiav haujlwm
support-by-team = pab pawg kev puas siab puas ntsws
support-by-family = tsev neeg
support-by-employer = tus tswv haujlwm
support-by-other = lwm tus
support-in-person = ntsib ntsej muag
support-remote = hauv xov tooj lossis xov xwm

timeline-entry = { $date }: { $what }
timeline-referral = Xa tuaj rau IPS
timeline-first-meeting = Thawj zaug ntsib tus neeg pab nrhiav haujlwm
timeline-first-contact = Thawj zaug mus ntsib tus tswv haujlwm: { $employer }
timeline-status = Xwm txheej: { $status }
timeline-job-start = Pib ua { $title } ntawm { $employer }
timeline-job-end = Tawm ntawm { $title } ntawm { $employer }

action-log-visit = Sau kev mus ntsib tus tswv haujlwm
action-add-step = Ntxiv kauj ruam
action-add-note = Sau ntawv
action-set-status = Hloov xwm txheej
action-edit-profile = Kho cov ntaub ntawv tus kheej
action-edit-plan = Kho txoj phiaj xwm
action-edit-career = Kho cov ntaub ntawv txog kev ua haujlwm
action-edit-benefits = Kho kev npaj nyiaj pab
action-add-consent = Sau daim ntawv tso cai
action-start-job = Sau kev pib haujlwm
action-log-support = Sau kev pab

heading-visits = Kev tiv tauj cov tswv haujlwm
visit-row = { $mode } ntawm { $employer }: { $purpose }
row-end-job = Xaus txoj haujlwm no
row-correct-visit = Kho qhov kev mus ntsib no
row-void-visit = Cim qhov kev mus ntsib no tias sau yuam kev
row-void-note = Cim daim ntawv no tias sau yuam kev
visit-row-spoken = { $what }, { $when }
row-end-job-spoken = Xaus txoj haujlwm { $row }
row-correct-visit-spoken = Kho qhov kev mus ntsib { $row }
row-void-visit-spoken = Cim qhov kev mus ntsib { $row } tias sau yuam kev
row-void-note-spoken = Cim daim ntawv { $row } tias sau yuam kev
