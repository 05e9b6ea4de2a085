# DRAFT: awaiting review by a native Somali speaker.

caseload-title = Kiisaska
caseload-search = Ku raadi magaca qofka shaqo raadinaya
caseload-empty = Weli qof kuma jiro taleefankan
caseload-none-found = Ma jiro magac ku bilaabma “{ $search }”
caseload-unreadable = Kiisaska lama akhrin karo: { $reason }
caseload-last-contact = Xiriirkii ugu dambeeyay ee loo-shaqeeye: { $when }
caseload-no-contact = Weli xiriir loo-shaqeeye lama samayn
caseload-next-step = Tallaabada xigta: { $step }
caseload-next-step-due = Tallaabada xigta: { $step }, waqtigeedu waa { $when }
caseload-job = Wuxuu u shaqeeyaa sidii { $job }

status-none = Weli xaalad ma leh
status-engaging = Is-barasho
status-job-search = Shaqo raadin
status-working = Shaqeynaya
status-follow-along = La socosho
status-inactive = Aan firfircoonayn
status-closed = La xiray

alert-consent-ended = Oggolaanshaha la wadaagista { $recipient } wuu dhammaaday { $when }
alert-consent-ending = Oggolaanshaha la wadaagista { $recipient } wuxuu dhammaanayaa { $when }
alert-first-contact-near = Weli xiriir loo-shaqeeye ma jiro: maalinta { $days } ee { $deadline }
alert-first-contact-late = Weli xiriir loo-shaqeeye ma jiro: { $days } maalmood, waa ka dambeeyay hadafka { $deadline } maalmood
alert-step-due = Tallaabo waqtigeedu waa { $when }: { $step }
