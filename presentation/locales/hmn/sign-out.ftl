# DRAFT: awaiting review by a native Hmong speaker.

sign-out-title = Tawm thiab lwv lub xov tooj no?
sign-out-nothing-lost = Txhua yam hauv lub xov tooj no twb nyob rau koj pab neeg lub server lawm. Thaum tawm, nws yuav raug lwv ntawm lub xov tooj no; koj sau npe dua tau tom qab.
sign-out-changes-lost = { $count } qhov hloov rau { $records } daim ntawv tseem tsis tau mus txog koj pab neeg lub server. Yog koj tawm tam sim no, lawv yuav raug lwv mus li. Sib dhos ua ntej kom khaws tau lawv.
sign-out-record-seeker = Tus neeg nrhiav haujlwm: { $name }
sign-out-record-employer = Tus tswv haujlwm: { $name }
sign-out-record-notes = Ntawv sau txog rooj plaub ntawm { $name }
sign-out-record-other = Lwm daim ntawv
sign-out-sync-first = Sib dhos ua ntej
sign-out-confirm = Tawm thiab lwv
sign-out-cancel = Tso tseg
