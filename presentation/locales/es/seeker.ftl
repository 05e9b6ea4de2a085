# La pantalla de la persona.

seeker-status-since = { $status } desde el { $date }
seeker-read-only = Este es su expediente. Su especialista de empleo lo mantiene al día; pídale cualquier cambio.
seeker-unavailable = No se puede mostrar a esta persona: { $reason }
seeker-no-such = no existe la persona { $id }

heading-profile = Perfil
heading-plan = Plan de empleo
heading-jobs = Empleos
heading-supports = Apoyos de seguimiento
heading-notes = Notas del caso
heading-timeline = Camino hasta ahora

profile-preferred-name = Nombre preferido
profile-phone = Teléfono
profile-county = Condado
profile-referral = Derivación
profile-first-meeting = Primera reunión

plan-goal = Objetivo: { $goal }
plan-no-goal = Todavía no hay un objetivo escrito
step-who-seeker = Paso de la persona
step-who-specialist = Paso del especialista
step-due = { $who }, para { $when }
step-done-on = Hecho el { $date }
step-done = Hecho
step-dropped = Descartado
step-state-open = Pendiente
step-state-overdue = Atrasado
step-state-done = Hecho
step-state-dropped = Descartado

job-title = { $title } en { $employer }
job-current = Trabaja aquí desde el { $start }
job-ended = Terminó el { $end } (empezó el { $start }): { $reason }

support-line = { $date }: { $kind }, por { $giver }, { $how }
support-by-specialist = el especialista de empleo
support-by-team = el equipo de salud mental
support-by-family = la familia
support-by-employer = el empleador
support-by-other = otra persona
support-in-person = en persona
support-remote = por teléfono o mensaje

timeline-entry = { $date }: { $what }
timeline-referral = Derivado a IPS
timeline-first-meeting = Primera reunión con el especialista de empleo
timeline-first-contact = Primera visita a un empleador: { $employer }
timeline-status = Estado: { $status }
timeline-job-start = Empezó como { $title } en { $employer }
timeline-job-end = Dejó { $title } en { $employer }

action-log-visit = Registrar una visita a un empleador
action-add-step = Añadir un paso al plan
action-add-note = Escribir una nota del caso
action-set-status = Cambiar el estado
action-edit-profile = Editar el perfil
action-edit-plan = Editar el plan
action-edit-career = Editar el perfil vocacional
action-edit-benefits = Editar la planificación de beneficios
action-add-consent = Registrar un consentimiento
action-start-job = Registrar el inicio de un empleo
action-log-support = Registrar un apoyo

heading-visits = Contactos con empleadores
visit-row = { $mode } en { $employer }: { $purpose }
row-end-job = Terminar este empleo
row-correct-visit = Corregir esta visita
row-void-visit = Marcar esta visita como registrada por error
row-void-note = Marcar esta nota como registrada por error
visit-row-spoken = { $what }, { $when }
row-end-job-spoken = Terminar el empleo { $row }
row-correct-visit-spoken = Corregir la visita { $row }
row-void-visit-spoken = Marcar la visita { $row } como registrada por error
row-void-note-spoken = Marcar la nota del { $row } como registrada por error
