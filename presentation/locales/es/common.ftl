# Palabras comunes a todas las pantallas.

pending-changes = { $count ->
    [one] { $count } cambio pendiente de sincronizar
   *[other] { $count } cambios pendientes de sincronizar
}

sync-not-enrolled = Todavía no conectado a un servidor del equipo
sync-offline = Sin conexión
sync-up-to-date = Todo está sincronizado
sync-refused = { $count ->
    [one] { $count } cambio rechazado por el servidor
   *[other] { $count } cambios rechazados por el servidor
}
sync-last = Última sincronización: { $day }, { $time }
sync-never = Nunca sincronizado
sync-unreadable = No se puede leer el estado de sincronización: { $reason }
