# Cambios pendientes, rechazados y en conflicto.

changes-title = Cambios que aún no están en el servidor
changes-none = Nada pendiente: todo lo hecho aquí está en el servidor
changes-unreadable = No se pueden leer los cambios: { $reason }
waiting-record = { $record }: { $what }

record-seeker = Persona { $name }
record-notes = Notas del caso de { $name }
record-employer = Empleador { $name }
record-other = Registro { $name }

refused-left-phone = Se hizo después de que esta persona pasara a otro especialista y nunca llegó al servidor
refused-kept-for-supervisor = Se hizo en un registro que pasó a otro especialista; el servidor lo guarda para su supervisor, que puede aceptarlo
refused-by-server = El servidor lo rechazó: { $reason }
refused-action-tell-supervisor = Avisar a su supervisor
refused-action-make-again = Hacer el cambio de nuevo
refused-spoken = Rechazado: { $what } en { $record }, { $when }. { $why }

op-create = Registro creado
op-other = Un cambio
op-career-disclosure = Preferencia de divulgación cambiada
op-career-edit = Perfil vocacional editado
op-career-work-history = Historial laboral cambiado
op-conflict-settle = Conflicto resuelto
op-employer-add = Empleador añadido
op-employer-contact-add = Contacto del empleador añadido
op-employer-contact-edit = Contacto del empleador editado
op-employer-edit = Empleador editado
op-employer-merge = Empleadores unidos
op-job-edit = Empleo editado
op-job-end = Empleo terminado
op-job-start = Empleo iniciado
op-job-void = Empleo eliminado
op-merge-follow = Registro unido actualizado
op-note-add = Nota del caso añadida
op-note-void = Nota del caso eliminada
op-plan-edit = Plan editado
op-plan-step-add = Paso del plan añadido
op-plan-step-done = Paso del plan completado
op-plan-step-edit = Paso del plan editado
op-plan-step-move = Pasos del plan reordenados
op-plan-step-status = Estado de un paso cambiado
op-plan-step-void = Paso del plan eliminado
op-seeker-add = Persona añadida
op-seeker-benefits = Planificación de beneficios cambiada
op-seeker-consent = Consentimiento cambiado
op-seeker-edit = Perfil editado
op-seeker-education = Educación cambiada
op-seeker-merge = Personas unidas
op-seeker-status = Estado cambiado
op-support-edit = Apoyo editado
op-support-log = Apoyo registrado
op-support-void = Apoyo eliminado
op-visit-edit = Contacto con empleador editado
op-visit-log = Contacto con empleador registrado
op-visit-void = Contacto con empleador eliminado
