# DRAFT: awaiting review by a native Hmong speaker.

pending-changes = { $count ->
   *[other] { $count } qhov hloov tseem tos xa mus
}

sync-not-enrolled = Tseem tsis tau txuas rau pab pawg lub chaw khaws ntaub ntawv
sync-offline = Tsis muaj kev sib txuas
sync-up-to-date = Txhua yam xa mus tas lawm
sync-refused = { $count } qhov hloov raug tsis lees txais
sync-last = Xa mus zaum kawg: { $day }, { $time }
sync-never = Tseem tsis tau xa mus li
sync-unreadable = Nyeem tsis tau qhov xwm txheej xa mus: { $reason }
