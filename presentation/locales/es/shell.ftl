# La aplicación alrededor de sus pantallas: pestañas, la pantalla de bloqueo, datos que no se abren.

tab-caseload = Casos
tab-log-visit = Anotar visita
tab-employers = Empleadores
tab-week = Esta semana
tab-sync = Sincronizar
tab-my-plan = Mi plan
plan-before-first-sync = Su plan aparecerá aquí después de la primera sincronización.

lock-title = Fieldbook está bloqueado
lock-unlock = Desbloquear
lock-prompt = Desbloquear Fieldbook
lock-open-settings = Abrir ajustes de seguridad
lock-no-screen-lock = Fieldbook guarda los registros de las personas que buscan empleo, por eso solo se abre en un teléfono con bloqueo de pantalla. Configure un PIN, un patrón o una contraseña en los ajustes del teléfono y vuelva.
lock-cancelled = Fieldbook sigue bloqueado. Toque Desbloquear cuando esté listo.
lock-too-many-tries = Demasiados intentos. Espere un poco y toque Desbloquear para usar su PIN, patrón o contraseña.
lock-unavailable = El teléfono no pudo comprobar quién es usted en este momento. Toque Desbloquear para intentarlo de nuevo.

store-starting = Fieldbook se está iniciando.
store-failed-title = Fieldbook no puede abrir sus datos
store-wrong-key = Los datos de Fieldbook de este teléfono no se pudieron desbloquear: su clave no coincide.
store-key-unreadable = No se pudo leer la clave que desbloquea los datos de Fieldbook de este teléfono.
store-no-folder = Fieldbook no pudo crear su carpeta en este teléfono ({ $reason }).
store-unreadable = Los datos de Fieldbook de este teléfono no se pudieron abrir ({ $reason }).
store-reset-advice = El trabajo sincronizado está a salvo en el servidor. Para volver a usar Fieldbook, restablezca este teléfono e inscríbalo con un código nuevo.
store-erase-failed = El teléfono no dejó que Fieldbook borrara { $files }. Reinicie el teléfono e inténtelo de nuevo.
store-reset = Restablecer este teléfono…
store-reset-title = ¿Restablecer este teléfono?
store-reset-warning = Restablecer borra todo lo que Fieldbook guarda en este teléfono, incluido el trabajo que aún no se sincronizó, y lo desconecta del servidor. Necesitará un código nuevo de su supervisor. Esto no se puede deshacer.
store-reset-confirm = Borrar y restablecer
store-reset-cancel = Cancelar
