# DRAFT: awaiting review by a native Somali speaker.

reminder-step-title = Tallaabo qorshe ee { $name }
reminder-step-body = Waqtigeedu waa { $when }: { $step }
reminder-first-contact-title = { $name } weli xiriir loo-shaqeeye ma leh
reminder-first-contact-body = IPS waxay higsanaysaa xiriirka ugu horreeya ee fool ka fool ah ee loo-shaqeeye { $deadline } maalmood gudahood: ka hor { $date }
reminder-step-public = Tallaabo qorshe ayaa maanta waqtigeedu yahay
reminder-first-contact-public = Qof shaqo raadinaya wuxuu u baahan yahay xiriirkii ugu horreeyay ee loo-shaqeeye
