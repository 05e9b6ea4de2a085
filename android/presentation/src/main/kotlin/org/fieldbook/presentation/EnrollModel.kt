package org.fieldbook.presentation

import org.fieldbook.core.presentation.EnrollmentException
import org.fieldbook.core.presentation.EnrollmentTarget
import org.fieldbook.core.presentation.EnrollmentWords
import org.fieldbook.core.presentation.formatEnrollmentCode

data class EnrollState(val message: String? = null, val enrolled: Boolean = false, val working: Boolean = false)

/**
 * First start: the QR code the supervisor's page shows, or the server address and one-time
 * code typed. The shared presentation reads the link and checks both (https, or plain http
 * to this machine only; a code), wording what is wrong; the phone then enrolls.
 */
class EnrollModel(private val session: Session) {
    val state = Observable(EnrollState(enrolled = session.fieldbook.identity().enrolled))

    /** The screen's words in the phone's language. */
    val words: EnrollmentWords get() = session.presentation.enrollmentWords()

    /** A code as typed, shown as printed while it is typed: `ABCD-EFGH-JKMN`. */
    fun formatCode(typed: String): String = formatEnrollmentCode(typed)

    /** Enrolls from typed values (blocking: call off the UI thread). */
    fun enroll(server: String, code: String, deviceName: String): Boolean =
        attempt(deviceName) { session.presentation.checkEnrollment(server, code) }

    /** Enrolls from a scanned QR code's text (blocking: call off the UI thread). */
    fun enrollFromLink(payload: String, deviceName: String): Boolean =
        attempt(deviceName) { session.presentation.readEnrollmentLink(payload) }

    private fun attempt(deviceName: String, target: () -> EnrollmentTarget): Boolean {
        state.value = EnrollState(working = true)
        return try {
            val t = target()
            session.fieldbook.enroll(t.server, t.code, deviceName, null)
            state.value = EnrollState(message = session.presentation.enrolledLine(), enrolled = true)
            true
        } catch (e: EnrollmentException.Invalid) {
            state.value = EnrollState(message = e.words)
            false
        } catch (e: Exception) {
            state.value = EnrollState(message = session.problem(e))
            false
        }
    }
}
