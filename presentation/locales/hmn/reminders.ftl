# DRAFT: awaiting review by a native Hmong speaker.

reminder-step-title = Kauj ruam rau { $name }
reminder-step-body = Yuav tsum ua { $when }: { $step }
reminder-first-contact-title = { $name } tseem tsis tau tiv tauj tus tswv haujlwm
reminder-first-contact-body = IPS xav kom thawj zaug ntsib tus tswv haujlwm tim ntsej tim muag hauv { $deadline } hnub: ua ntej { $date }
reminder-step-public = Muaj ib kauj ruam yuav tsum ua hnub no
reminder-first-contact-public = Muaj ib tus neeg nrhiav haujlwm yuav tsum tau thawj zaug ntsib tus tswv haujlwm
