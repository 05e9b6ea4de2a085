# DRAFT: awaiting review by a native Somali speaker.

changes-title = Isbeddellada aan weli xarunta gaarin
changes-none = Waxba ma sugayaan: wax walba oo halkan lagu sameeyay waxay yaalliin xarunta
changes-unreadable = Isbeddellada lama akhrin karo: { $reason }
waiting-record = { $record }: { $what }

record-seeker = Qofka shaqo raadinaya { $name }
record-notes = Qoraallada kiiska { $name }
record-employer = Loo-shaqeeyaha { $name }
record-other = Diiwaanka { $name }

refused-left-phone = Waxaa la sameeyay kadib markii qofkan loo wareejiyay khabiir kale, marna xarunta ma gaarin
refused-kept-for-supervisor = Waxaa lagu sameeyay diiwaan loo wareejiyay khabiir kale; xaruntu wuu u hayaa kormeerahaaga, oo aqbali kara
refused-by-server = Xaruntu way diiday: { $reason }
refused-action-tell-supervisor = U sheeg kormeerahaaga
refused-action-make-again = Mar kale samee isbeddelka
refused-spoken = La diiday: { $what } ee { $record }, { $when }. { $why }

op-create = Diiwaanka waa la abuuray
op-other = Isbeddel
op-career-disclosure = Doorashada sheegidda waa la beddelay
op-career-edit = Astaanta xirfadda waa la beddelay
op-career-work-history = Taariikhda shaqada waa la beddelay
op-conflict-settle = Khilaaf waa la xalliyay
op-employer-add = Loo-shaqeeye waa la daray
op-employer-contact-add = Xiriirka loo-shaqeeyaha waa la daray
op-employer-contact-edit = Xiriirka loo-shaqeeyaha waa la beddelay
op-employer-edit = Loo-shaqeeyaha waa la beddelay
op-employer-merge = Loo-shaqeeyayaal waa la isku daray
op-job-edit = Shaqada waa la beddelay
op-job-end = Shaqada waa la dhammeeyay
op-job-start = Shaqo waa la bilaabay
op-job-void = Shaqada waa la tirtiray
op-merge-follow = Diiwaan la isku daray waa la raacay
op-note-add = Qoraal kiis waa la daray
op-note-void = Qoraal kiis waa la tirtiray
op-plan-edit = Qorshaha waa la beddelay
op-plan-step-add = Tallaabo qorshe waa la daray
op-plan-step-done = Tallaabo qorshe waa la dhammeeyay
op-plan-step-edit = Tallaabo qorshe waa la beddelay
op-plan-step-move = Tallaabooyinka qorshaha waa la kala hormariyay
op-plan-step-status = Xaaladda tallaabo waa la beddelay
op-plan-step-void = Tallaabo qorshe waa la tirtiray
op-seeker-add = Qof shaqo raadinaya waa la daray
op-seeker-benefits = Qorshaynta gargaarka waa la beddelay
op-seeker-consent = Oggolaanshaha waa la beddelay
op-seeker-edit = Astaanta qofka waa la beddelay
op-seeker-education = Waxbarashada waa la beddelay
op-seeker-merge = Diiwaannada qofka waa la isku daray
op-seeker-status = Xaaladda waa la beddelay
op-support-edit = Taageerada waa la beddelay
op-support-log = Taageero waa la qoray
op-support-void = Taageerada waa la tirtiray
op-visit-edit = Xiriirka loo-shaqeeyaha waa la beddelay
op-visit-log = Xiriir loo-shaqeeye waa la qoray
op-visit-void = Xiriirka loo-shaqeeyaha waa la tirtiray
