# DRAFT: awaiting review by a native Somali speaker.

enroll-title = Ku xiriir kooxdaada
enroll-explanation = Iskaan garee koodhka QR ee kormeerahaagu ku tuso, ama qor cinwaanka xarunta iyo koodhka hal mar la isticmaalo.
enroll-scan = Iskaan garee koodhka QR
enroll-server-label = Cinwaanka xarunta
enroll-code-label = Koodhka hal mar la isticmaalo
enroll-button = Ku xiriir
enroll-done = Waxaad ku xiran tahay sidii { $name } ee { $server }
enroll-done-unnamed = Waxaad ku xiran tahay { $server }
enroll-failed = Taleefanku ma xiriiri karin: { $reason }

enroll-link-not-fieldbook = Koodhkan QR ma aha koodhka diiwaangelinta Fieldbook
enroll-link-no-server = Koodhkan QR ma laha cinwaanka xarunta
enroll-link-no-code = Koodhkan QR ma laha koodhka hal mar la isticmaalo
enroll-server-missing = Qor cinwaanka xarunta
enroll-server-not-address = “{ $value }” ma aha cinwaan xarun; wuxuu ku bilaabmaa https://
enroll-server-not-https = “{ $value }” ammaan ma aha: cinwaanka xarunta kooxdu waa inuu ku bilaabmaa https://
enroll-code-missing = Qor koodhka hal mar la isticmaalo
enroll-code-format = Koodhku wuxuu leeyahay 12 xaraf iyo lambar, sida ABCD-EFGH-JKMN.
enroll-device-name-label = Magaca telefoonkan
enroll-device-name-missing = Sii telefoonkan magac uu kormeerahaagu garan karo, sida “iPhone-ka shaqada ee Ana”.
