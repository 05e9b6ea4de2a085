# DRAFT: awaiting review by a native Hmong speaker.

employers-title = Cov tswv haujlwm
employers-search = Nrhiav tswv haujlwm
employers-empty = Tseem tsis tau muaj tswv haujlwm hauv lub xov tooj no.
employers-none-found = Tsis muaj tswv haujlwm zoo li “{ $search }”.
employers-visits = { $count ->
   *[other] { $count } zaug mus ntsib, zaum kawg { $when }
}
employers-no-visits = Tseem tsis tau mus ntsib
employer-contacts = Cov neeg yuav tham nrog
employer-no-contacts = Tseem tsis tau sau neeg sib cuag.
employer-visits = Kev mus ntsib
employer-no-visits = Tseem tsis tau sau kev mus ntsib.
employer-visit = { $when }: { $mode }, { $purpose }
employer-visit-seekers = { $count ->
   *[other] Rau { $count } tus neeg nrhiav haujlwm
}
