# DRAFT: awaiting review by a native Hmong speaker.

enroll-title = Txuas rau koj pab pawg
enroll-explanation = Luam daim duab QR uas koj tus thawj saib xyuas qhia rau koj, lossis ntaus qhov chaw nyob ntawm lub chaw khaws ntaub ntawv thiab tus lej siv ib zaug.
enroll-scan = Luam daim duab QR
enroll-server-label = Qhov chaw nyob ntawm lub chaw khaws ntaub ntawv
enroll-code-label = Tus lej siv ib zaug
enroll-button = Txuas
enroll-done = Txuas lawm ua { $name } rau { $server }
enroll-done-unnamed = Txuas lawm rau { $server }
enroll-failed = Lub xov tooj txuas tsis tau: { $reason }

enroll-link-not-fieldbook = Daim duab QR no tsis yog Fieldbook tus lej sau npe
enroll-link-no-server = Daim duab QR no tsis muaj qhov chaw nyob ntawm lub chaw khaws ntaub ntawv
enroll-link-no-code = Daim duab QR no tsis muaj tus lej siv ib zaug
enroll-server-missing = Ntaus qhov chaw nyob ntawm lub chaw khaws ntaub ntawv
enroll-server-not-address = “{ $value }” tsis yog qhov chaw nyob; nws pib nrog https://
enroll-server-not-https = “{ $value }” tsis muaj kev nyab xeeb: qhov chaw nyob yuav tsum pib nrog https://
enroll-code-missing = Ntaus tus lej siv ib zaug
enroll-code-format = Tus lej muaj 12 tus tsiaj ntawv thiab tus lej, zoo li ABCD-EFGH-JKMN.
enroll-device-name-label = Lub xov tooj no lub npe
enroll-device-name-missing = Muab ib lub npe rau lub xov tooj no uas koj tus thawj saib xyuas paub, zoo li “Ana lub iPhone ua haujlwm”.
