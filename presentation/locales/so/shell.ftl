# DRAFT: awaiting review by a native Somali speaker.

tab-caseload = Kiisaska
tab-log-visit = Qor booqasho
tab-employers = Loo-shaqeeyayaasha
tab-week = Toddobaadkan
tab-sync = Isku-xir
tab-my-plan = Qorshahayga
plan-before-first-sync = Qorshahaagu halkan ayuu ka soo muuqan doonaa marka ugu horreysa ee la isku xiro.

lock-title = Fieldbook waa xiran yahay
lock-unlock = Fur
lock-prompt = Fur Fieldbook
lock-open-settings = Fur dejinta amniga
lock-no-screen-lock = Fieldbook waxay haysaa diiwaannada dadka shaqo raadinaya, sidaa darteed waxay ku furantaa oo keliya taleefan leh quful shaashadeed. Ku dhig PIN, naqshad ama furaha sirta ah dejinta taleefanka, kadibna soo noqo.
lock-cancelled = Fieldbook weli waa xiran yahay. Taabo Fur markaad diyaar tahay.
lock-too-many-tries = Isku day aad u badan. Wax yar sug, kadib taabo Fur si aad u isticmaasho PIN-kaaga, naqshadda ama furaha sirta ah.
lock-unavailable = Taleefanku hadda ma hubin karin cidda aad tahay. Taabo Fur si aad mar kale isugu daydo.

store-starting = Fieldbook way bilaabanaysaa.
store-failed-title = Fieldbook ma furi karto xogteeda
store-wrong-key = Xogta Fieldbook ee taleefankan lama furi karin: furahoodu isma waafaqsana.
store-key-unreadable = Furaha fura xogta Fieldbook ee taleefankan lama akhriyi karin.
store-no-folder = Fieldbook ma samayn karin galkeeda taleefankan ({ $reason }).
store-unreadable = Xogta Fieldbook ee taleefankan lama furi karin ({ $reason }).
store-reset-advice = Shaqadii la isku xiray way ku nabad tahay xarunta. Si aad mar kale u isticmaasho Fieldbook, dib u deji taleefankan oo ku diiwaangeli koodh cusub.
store-erase-failed = Taleefanku uma oggolaan Fieldbook inay tirtirto { $files }. Dib u bilow taleefanka oo mar kale isku day.
store-reset = Dib u deji taleefankan…
store-reset-title = Dib ma u dejinaysaa taleefankan?
store-reset-warning = Dib u dejintu waxay tirtirtaa wax walba oo Fieldbook ku hayso taleefankan, oo ay ku jirto shaqo aan weli la isku xirin, waxayna ka goysaa xarunta. Waxaad u baahan doontaa koodh cusub oo ka yimaada kormeerahaaga. Tan dib looma celin karo.
store-reset-confirm = Tirtir oo dib u deji
store-reset-cancel = Jooji
