# La lista de empleadores y la página de un empleador: sus contactos y las visitas.

employers-title = Empleadores
employers-search = Buscar empleadores
employers-empty = Todavía no hay empleadores en este teléfono.
employers-none-found = Ningún empleador coincide con «{ $search }».
employers-visits = { $count ->
    [one] { $count } visita, la última { $when }
   *[other] { $count } visitas, la última { $when }
}
employers-no-visits = Todavía sin visitas
employer-contacts = Personas de contacto
employer-no-contacts = Todavía no hay contactos registrados.
employer-visits = Visitas
employer-no-visits = Todavía no hay visitas registradas.
employer-visit = { $when }: { $mode }, { $purpose }
employer-visit-seekers = { $count ->
    [one] Para { $count } persona en búsqueda de empleo
   *[other] Para { $count } personas en búsqueda de empleo
}
