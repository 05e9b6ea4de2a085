# DRAFT: awaiting review by a native Hmong speaker.

caseload-title = Cov neeg koj pab
caseload-search = Nrhiav neeg nrhiav haujlwm raws li lub npe
caseload-empty = Tseem tsis tau muaj neeg nyob hauv lub xov tooj no
caseload-none-found = Tsis muaj npe pib nrog “{ $search }”
caseload-unreadable = Nyeem tsis tau cov neeg koj pab: { $reason }
caseload-last-contact = Zaum kawg tiv tauj tus tswv haujlwm: { $when }
caseload-no-contact = Tseem tsis tau tiv tauj tus tswv haujlwm
caseload-next-step = Kauj ruam tom ntej: { $step }
caseload-next-step-due = Kauj ruam tom ntej: { $step }, yuav tsum ua { $when }
caseload-job = Ua haujlwm ua { $job }

status-none = Tseem tsis tau muaj xwm txheej
status-engaging = Pib sib paub
status-job-search = Nrhiav haujlwm
status-working = Ua haujlwm
status-follow-along = Pab txuas ntxiv
status-inactive = Tsis ua haujlwm nrog peb
status-closed = Kaw lawm

alert-consent-ended = Daim ntawv tso cai qhia rau { $recipient } tas sij hawm lawm { $when }
alert-consent-ending = Daim ntawv tso cai qhia rau { $recipient } yuav tas sij hawm { $when }
alert-first-contact-near = Tseem tsis tau tiv tauj tus tswv haujlwm: hnub { $days } ntawm { $deadline }
alert-first-contact-late = Tseem tsis tau tiv tauj tus tswv haujlwm: { $days } hnub, dhau lub hom phiaj { $deadline } hnub lawm
alert-step-due = Kauj ruam yuav tsum ua { $when }: { $step }
