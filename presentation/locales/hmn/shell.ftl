# DRAFT: awaiting review by a native Hmong speaker.

tab-caseload = Cov neeg koj pab
tab-log-visit = Sau ib zaug mus ntsib
tab-employers = Cov tswv haujlwm
tab-week = Lub lim tiam no
tab-sync = Xa thiab txais
tab-my-plan = Kuv txoj kev npaj
plan-before-first-sync = Koj txoj kev npaj yuav tshwm ntawm no tom qab thawj zaug xa thiab txais.

lock-title = Fieldbook raug xauv lawm
lock-unlock = Qhib
lock-prompt = Qhib Fieldbook
lock-open-settings = Qhib qhov chaw teeb tsa kev ruaj ntseg
lock-no-screen-lock = Fieldbook khaws cov neeg nrhiav haujlwm cov ntaub ntawv, yog li nws tsuas qhib rau ntawm lub xov tooj uas muaj xauv npo. Teeb ib tug PIN, ib daim qauv los yog ib lo lus zais hauv lub xov tooj qhov chaw teeb tsa, ces rov los.
lock-cancelled = Fieldbook tseem raug xauv. Nias Qhib thaum koj npaj txhij.
lock-too-many-tries = Sim ntau zaus dhau lawm. Tos me ntsis, ces nias Qhib siv koj tus PIN, daim qauv los yog lo lus zais.
lock-unavailable = Lub xov tooj kuaj tsis tau tias koj yog leej twg tam sim no. Nias Qhib sim dua.

store-starting = Fieldbook tab tom pib.
store-failed-title = Fieldbook qhib tsis tau nws cov ntaub ntawv
store-wrong-key = Qhib tsis tau Fieldbook cov ntaub ntawv ntawm lub xov tooj no: nws tus yuam sij tsis phim.
store-key-unreadable = Nyeem tsis tau tus yuam sij uas qhib Fieldbook cov ntaub ntawv ntawm lub xov tooj no.
store-no-folder = Fieldbook tsim tsis tau nws lub nplaub tshev ntawm lub xov tooj no ({ $reason }).
store-unreadable = Qhib tsis tau Fieldbook cov ntaub ntawv ntawm lub xov tooj no ({ $reason }).
store-reset-advice = Cov haujlwm uas xa lawm nyob zoo ntawm lub server. Yuav siv Fieldbook dua, rov teeb lub xov tooj no thiab sau npe nrog ib tus lej tshiab.
store-erase-failed = Lub xov tooj tsis cia Fieldbook lwv { $files }. Rov qhib lub xov tooj thiab sim dua.
store-reset = Rov teeb lub xov tooj no…
store-reset-title = Rov teeb lub xov tooj no?
store-reset-warning = Kev rov teeb lwv txhua yam Fieldbook khaws ntawm lub xov tooj no, suav nrog cov haujlwm uas tseem tsis tau xa, thiab txiav nws ntawm lub server. Koj yuav tsum tau ib tus lej tshiab ntawm koj tus thawj saib xyuas. Qhov no rov qab tsis tau.
store-reset-confirm = Lwv thiab rov teeb
store-reset-cancel = Tso tseg
