package org.fieldbook.presentation

data class EnrollState(val message: String? = null, val enrolled: Boolean = false, val working: Boolean = false)

/** First start: the server address and the one-time code from the supervisor. */
class EnrollModel(private val session: Session) {
    val state = Observable(EnrollState(enrolled = session.fieldbook.identity().enrolled))

    /** Letters and digits of a code, grouped as printed: `ABCD-EFGH-JKMN`. */
    fun formatCode(typed: String): String =
        typed.uppercase().filter { it.isLetterOrDigit() }.take(12).chunked(4).joinToString("-")

    /** Enrolls (blocking: call off the UI thread). */
    fun enroll(server: String, code: String, deviceName: String): Boolean {
        if (formatCode(code).length != 14) {
            state.value = EnrollState(message = "The code has 12 letters and digits, like ABCD-EFGH-JKMN.")
            return false
        }
        state.value = EnrollState(working = true)
        return try {
            val who = session.fieldbook.enroll(server.trim(), formatCode(code), deviceName, null)
            state.value = EnrollState(message = "Welcome, ${who.userName}.", enrolled = true)
            true
        } catch (e: Exception) {
            state.value = EnrollState(message = Words.error(e))
            false
        }
    }
}
