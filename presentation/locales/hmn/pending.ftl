# DRAFT: awaiting review by a native Hmong speaker.

changes-title = Cov kev hloov uas tseem tsis tau xa mus txog
changes-none = Tsis muaj dab tsi tos: txhua yam ua ntawm no xa mus txog lawm
changes-unreadable = Nyeem tsis tau cov kev hloov: { $reason }
waiting-record = { $record }: { $what }

record-seeker = Tus neeg nrhiav haujlwm { $name }
record-notes = Cov ntawv sau txog { $name }
record-employer = Tus tswv haujlwm { $name }
record-other = Ntaub ntawv { $name }

refused-left-phone = Nws tau ua tom qab tus neeg no raug muab rau lwm tus neeg pab nrhiav haujlwm, yog li nws tsis tau xa mus txog
refused-kept-for-supervisor = Nws tau ua rau ntaub ntawv uas muab rau lwm tus lawm; pab pawg khaws cia rau koj tus thawj saib xyuas, uas txais tau nws
refused-by-server = Tsis raug lees txais: { $reason }
refused-action-tell-supervisor = Qhia koj tus thawj saib xyuas
refused-action-make-again = Ua qhov hloov dua ib zaug
refused-spoken = Tsis raug lees txais: { $what } hauv { $record }, { $when }. { $why }

op-create = Tsim ntaub ntawv
op-other = Ib qho kev hloov
op-career-disclosure = Hloov kev qhia txog tus kheej
op-career-edit = Kho cov ntaub ntawv txog kev ua haujlwm
op-career-work-history = Hloov keeb kwm ua haujlwm
op-conflict-settle = Daws ib qho tsis sib xws
op-employer-add = Ntxiv tus tswv haujlwm
op-employer-contact-add = Ntxiv tus neeg tiv tauj ntawm tus tswv haujlwm
op-employer-contact-edit = Kho tus neeg tiv tauj ntawm tus tswv haujlwm
op-employer-edit = Kho tus tswv haujlwm
op-employer-merge = Muab cov tswv haujlwm ua ke
op-job-edit = Kho txoj haujlwm
op-job-end = Txoj haujlwm xaus lawm
op-job-start = Pib txoj haujlwm
op-job-void = Tshem txoj haujlwm
op-merge-follow = Ua raws li ntaub ntawv uas muab ua ke
op-note-add = Ntxiv ntawv sau
op-note-void = Tshem ntawv sau
op-plan-edit = Kho txoj phiaj xwm
op-plan-step-add = Ntxiv kauj ruam
op-plan-step-done = Ua kauj ruam tiav
op-plan-step-edit = Kho kauj ruam
op-plan-step-move = Hloov kauj ruam qhov chaw
op-plan-step-status = Hloov xwm txheej ntawm kauj ruam
op-plan-step-void = Tshem kauj ruam
op-seeker-add = Ntxiv tus neeg nrhiav haujlwm
op-seeker-benefits = Hloov kev npaj nyiaj pab
op-seeker-consent = Hloov daim ntawv tso cai
op-seeker-edit = Kho cov ntaub ntawv tus kheej
op-seeker-education = Hloov kev kawm ntawv
op-seeker-merge = Muab cov neeg nrhiav haujlwm ua ke
op-seeker-status = Hloov xwm txheej
op-support-edit = Kho kev pab
op-support-log = Sau kev pab
op-support-void = Tshem kev pab
op-visit-edit = Kho kev tiv tauj tus tswv haujlwm
op-visit-log = Sau kev tiv tauj tus tswv haujlwm
op-visit-void = Tshem kev tiv tauj tus tswv haujlwm
