# Notificaciones locales.

reminder-step-title = Paso del plan de { $name }
reminder-step-body = Para { $when }: { $step }
reminder-first-contact-title = { $name } todavía no tiene contacto con empleadores
reminder-first-contact-body = IPS busca un primer contacto en persona con un empleador en { $deadline } días: antes del { $date }
