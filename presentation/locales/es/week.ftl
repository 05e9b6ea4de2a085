# La pantalla de la semana: contactos presenciales con empleadores esta semana frente a la
# meta del equipo, y las personas cerca del día 30 o pasadas sin contacto con un empleador.

week-title = Esta semana
week-range = del { $start } al { $end }
week-face-to-face = { $goal ->
    [one] { $count } de { $goal } contacto presencial con empleadores esta semana
   *[other] { $count } de { $goal } contactos presenciales con empleadores esta semana
}
week-to-go = { $count ->
    [one] Falta { $count } para la meta
   *[other] Faltan { $count } para la meta
}
week-goal-met = La meta de la semana está cumplida.
week-all-contacts = { $count ->
    [one] { $count } contacto con empleadores de cualquier tipo
   *[other] { $count } contactos con empleadores de cualquier tipo
}
week-first-contact-title = Todavía sin contacto con empleadores
week-first-contact-near = { $name }: día { $days } de { $deadline }, todavía sin contacto con empleadores
week-first-contact-late = { $name }: día { $days }, pasado el día { $deadline } sin contacto con empleadores
week-first-contact-none = Todas las personas conocieron a un empleador a tiempo.
