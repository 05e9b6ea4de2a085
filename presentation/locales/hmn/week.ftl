# DRAFT: awaiting review by a native Hmong speaker.

week-title = Lub lim tiam no
week-range = { $start } txog { $end }
week-face-to-face = { $goal ->
   *[other] { $count } ntawm { $goal } zaug ntsib tswv haujlwm ntsej muag rau ntsej muag lub lim tiam no
}
week-to-go = { $count ->
   *[other] Tseem xav tau { $count } zaug ntxiv thiaj txog lub hom phiaj
}
week-goal-met = Lub lim tiam lub hom phiaj tiav lawm.
week-all-contacts = { $count ->
   *[other] { $count } zaug sib cuag tswv haujlwm txhua yam
}
week-first-contact-title = Tseem tsis tau sib cuag tswv haujlwm
week-first-contact-near = { $name }: hnub { $days } ntawm { $deadline }, tseem tsis tau sib cuag tswv haujlwm
week-first-contact-late = { $name }: hnub { $days }, dhau hnub { $deadline } lawm tsis tau sib cuag tswv haujlwm
week-first-contact-none = Txhua tus neeg nrhiav haujlwm tau ntsib tswv haujlwm raws sij hawm.
