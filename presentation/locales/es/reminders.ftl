# Notificaciones locales.

reminder-step-title = Paso del plan de { $name }
reminder-step-body = Para { $when }: { $step }
reminder-first-contact-title = { $name } todavía no tiene contacto con empleadores
reminder-first-contact-body = IPS busca un primer contacto en persona con un empleador en { $deadline } días: antes del { $date }
reminder-step-public = Hoy vence un paso del plan
reminder-first-contact-public = Una persona necesita un primer contacto con un empleador
