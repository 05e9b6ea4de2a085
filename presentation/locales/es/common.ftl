# Palabras comunes a todas las pantallas.

pending-changes = { $count ->
    [one] { $count } cambio pendiente de sincronizar
   *[other] { $count } cambios pendientes de sincronizar
}
