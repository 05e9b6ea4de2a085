# Lo que hizo la última sincronización y la notificación de la sincronización en segundo
# plano. La notificación nunca nombra a nadie: puede verse con la pantalla bloqueada.

sync-report-done = Sincronizado { $day }, { $time }.
sync-report-done-background = Sincronizado en segundo plano { $day }, { $time }.
sync-report-failed = La sincronización falló { $day }, { $time }.
sync-report-failed-background = La sincronización en segundo plano falló { $day }, { $time }.
sync-report-nothing = Nada nuevo que enviar ni recibir.
sync-report-sent = { $count ->
    [one] { $count } registro enviado.
   *[other] { $count } registros enviados.
}
sync-report-received = { $count ->
    [one] { $count } registro recibido.
   *[other] { $count } registros recibidos.
}
sync-report-removed = { $count ->
    [one] { $count } registro salió de este teléfono: ya no se comparte con usted.
   *[other] { $count } registros salieron de este teléfono: ya no se comparten con usted.
}
sync-report-refused = { $count ->
    [one] No se aceptó el trabajo en { $count } registro: vea abajo.
   *[other] No se aceptó el trabajo en { $count } registros: vea abajo.
}
sync-report-unreadable = { $count ->
    [one] { $count } registro no se pudo leer y se pedirá de nuevo.
   *[other] { $count } registros no se pudieron leer y se pedirán de nuevo.
}
sync-report-malformed = No se pudieron leer algunos datos del servidor y no se usó ninguno. Su trabajo se guarda en el teléfono; vuelva a intentarlo más tarde.
sync-notice-enroll-title = Fieldbook le necesita
sync-notice-refused-title = Parte de su trabajo no fue aceptado
sync-notice-refused-text = { $count ->
    [one] El trabajo en { $count } registro no llegó al registro de su equipo. Se guarda en este teléfono: abra Fieldbook para ver qué y por qué.
   *[other] El trabajo en { $count } registros no llegó al registro de su equipo. Se guarda en este teléfono: abra Fieldbook para ver qué y por qué.
}

sync-title = Sincronizar
sync-now = Sincronizar ahora
sync-running = Sincronizando…
sync-ask-notify = Avisarme cuando no se acepte un trabajo
