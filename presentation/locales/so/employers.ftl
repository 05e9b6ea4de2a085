# DRAFT: awaiting review by a native Somali speaker.

employers-title = Loo-shaqeeyayaasha
employers-search = Raadi loo-shaqeeyayaal
employers-empty = Weli loo-shaqeeye kuma jiro telefoonkan.
employers-none-found = Loo-shaqeeye la mid ah “{ $search }” lama helin.
employers-visits = { $count ->
    [one] { $count } booqasho, tii ugu dambeysay { $when }
   *[other] { $count } booqasho, tii ugu dambeysay { $when }
}
employers-no-visits = Weli booqasho ma jirto
employer-contacts = Dadka lala hadlo
employer-no-contacts = Weli xiriir lama diiwaangelin.
employer-visits = Booqashooyinka
employer-no-visits = Weli booqasho lama diiwaangelin.
employer-visit = { $when }: { $mode }, { $purpose }
employer-visit-seekers = { $count ->
    [one] Loogu talagalay { $count } qof oo shaqo raadinaya
   *[other] Loogu talagalay { $count } qof oo shaqo raadinaya
}
