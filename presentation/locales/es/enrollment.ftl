# Inscribir el teléfono en el servidor del equipo.

enroll-title = Conectarse con su equipo
enroll-explanation = Escanee el código QR que le muestra su supervisor, o escriba la dirección del servidor y el código de un solo uso.
enroll-scan = Escanear código QR
enroll-server-label = Dirección del servidor
enroll-code-label = Código de un solo uso
enroll-button = Conectar
enroll-done = Conectado como { $name } a { $server }
enroll-done-unnamed = Conectado a { $server }
enroll-failed = El teléfono no pudo conectarse: { $reason }

enroll-link-not-fieldbook = Este código QR no es un código de inscripción de Fieldbook
enroll-link-no-server = Este código QR no tiene la dirección del servidor
enroll-link-no-code = Este código QR no tiene el código de un solo uso
enroll-server-missing = Escriba la dirección del servidor
enroll-server-not-address = «{ $value }» no es una dirección de servidor; empieza por https://
enroll-server-not-https = «{ $value }» no es segura: la dirección del servidor del equipo debe empezar por https://
enroll-code-missing = Escriba el código de un solo uso
enroll-code-format = El código tiene 12 letras y números, como ABCD-EFGH-JKMN.
enroll-device-name-label = Nombre de este teléfono
enroll-device-name-missing = Dé a este teléfono un nombre que su supervisor reconozca, como «iPhone de trabajo de Ana».
