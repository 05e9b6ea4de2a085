# Enrolling the phone with the team's server.

enroll-title = Connect to your team
enroll-explanation = Scan the QR code your supervisor shows you, or type the server address and the one-time code.
enroll-scan = Scan QR code
enroll-server-label = Server address
enroll-code-label = One-time code
enroll-button = Connect
enroll-done = Connected as { $name } to { $server }
enroll-done-unnamed = Connected to { $server }
enroll-failed = The phone could not connect: { $reason }

enroll-link-not-fieldbook = This QR code is not a Fieldbook enrollment code
enroll-link-no-server = This QR code has no server address
enroll-link-no-code = This QR code has no one-time code
enroll-server-missing = Type the server address
enroll-server-not-address = “{ $value }” is not a server address; it starts with https://
enroll-server-not-https = “{ $value }” is not secure: the team server’s address must start with https://
enroll-code-missing = Type the one-time code
enroll-code-format = The code has 12 letters and digits, like ABCD-EFGH-JKMN.
enroll-device-name-label = This phone's name
enroll-device-name-missing = Give this phone a name your supervisor will recognise, like “Ana's work iPhone”.
