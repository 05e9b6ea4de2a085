# La lista de casos y los estados de IPS.

caseload-title = Casos
caseload-search = Buscar personas por nombre
caseload-empty = Todavía no hay personas en este teléfono
caseload-none-found = Ningún nombre empieza por «{ $search }»
caseload-unreadable = No se pueden leer los casos: { $reason }
caseload-last-contact = Último contacto con empleador: { $when }
caseload-no-contact = Sin contacto con empleadores todavía
caseload-next-step = Próximo paso: { $step }
caseload-next-step-due = Próximo paso: { $step }, para { $when }
caseload-job = Trabaja como { $job }

status-none = Sin estado todavía
status-engaging = Primeros contactos
status-job-search = Búsqueda de empleo
status-working = Trabajando
status-follow-along = Seguimiento
status-inactive = Inactivo
status-closed = Cerrado

alert-consent-ended = El consentimiento para compartir con { $recipient } terminó { $when }
alert-consent-ending = El consentimiento para compartir con { $recipient } termina { $when }
alert-first-contact-near = Sin contacto con empleadores: día { $days } de { $deadline }
alert-first-contact-late = Sin contacto con empleadores: { $days } días, pasado el objetivo de { $deadline } días
alert-step-due = Paso para { $when }: { $step }
