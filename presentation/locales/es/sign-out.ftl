# Cerrar sesión, que borra el teléfono.

sign-out-title = ¿Cerrar sesión y borrar este teléfono?
sign-out-nothing-lost = Todo lo de este teléfono está en el servidor de su equipo. Al cerrar sesión se borra de este teléfono; puede inscribirlo de nuevo más tarde.
sign-out-changes-lost = { $count ->
    [one] 1 cambio
   *[other] { $count } cambios
} en { $records ->
    [one] 1 registro todavía no llegó
   *[other] { $records } registros todavía no llegaron
} al servidor de su equipo. Si cierra sesión ahora, { $count ->
    [one] se borra
   *[other] se borran
} para siempre. Sincronice primero para { $count ->
    [one] conservarlo
   *[other] conservarlos
}.
sign-out-record-seeker = Persona que busca empleo: { $name }
sign-out-record-employer = Empleador: { $name }
sign-out-record-notes = Notas del caso de { $name }
sign-out-record-other = Otro registro
sign-out-sync-first = Sincronizar primero
sign-out-confirm = Cerrar sesión y borrar
sign-out-cancel = Cancelar
