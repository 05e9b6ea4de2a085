package org.fieldbook.tests

import org.fieldbook.core.Fieldbook
import org.fieldbook.core.SeekerInput
import org.fieldbook.core.presentation.EnrollmentException
import org.fieldbook.core.presentation.Language
import org.fieldbook.core.presentation.RefusedAction
import org.fieldbook.core.presentation.SyncLevel
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertThrows
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import java.io.File
import java.net.URLEncoder
import java.nio.file.Files

/**
 * The shared screens through the real bindings and a real server (issue 18): enrolling from
 * the QR link, a change refused after a reassignment shown by the name of its record, and
 * the words switching to Spanish.
 */
class ScreensTest {
    private val key = ByteArray(32) { (it * 23).toByte() }

    private fun open(): Fieldbook =
        Fieldbook.open(File(Files.createTempDirectory("fieldbook-screens").toFile(), "phone.db").path, key)

    /** The link the supervisor's page draws as a QR code (ADR 0002, "Enrollment link"). */
    private fun link(server: String, code: String) =
        "fieldbook://enroll?server=${URLEncoder.encode(server, "UTF-8")}&code=${URLEncoder.encode(code, "UTF-8")}"

    @Test
    fun aPhoneEnrollsFromTheQrLink() {
        TestServer().use { server ->
            val team = server.team()
            val ana = server.user(team, "Ana Ruiz", "specialist")
            open().use { fb ->
                val screens = fb.screens(Language.ENGLISH)
                assertEquals(SyncLevel.NOT_ENROLLED, screens.syncIndicator(true, 0).state)

                // A link without a code, or to a server without https, is refused in words.
                val noCode = assertThrows(EnrollmentException.Invalid::class.java) {
                    screens.enrollFromLink("fieldbook://enroll?server=${URLEncoder.encode(server.url, "UTF-8")}", "Ana's phone", null)
                }
                assertEquals("code", noCode.field)
                assertEquals("This QR code has no one-time code", noCode.words)
                val plain = assertThrows(EnrollmentException.Invalid::class.java) {
                    screens.enrollFromLink(link("http://ips.example.org", "K7QM"), "Ana's phone", null)
                }
                assertEquals("server", plain.field)
                assertFalse(fb.identity().enrolled)

                val code = server.code(ana)
                val target = screens.readEnrollmentLink(link(server.url, code))
                assertEquals(server.url, target.server)
                assertEquals(code, target.code)
                val enrolled = screens.enrollFromLink(link(server.url, code), "Ana's phone", null)
                assertEquals("Ana Ruiz", enrolled.userName)
                assertEquals("Connected as Ana Ruiz to ${server.url}", enrolled.line)
                assertTrue(fb.identity().enrolled)
                fb.sync(null)
                val indicator = screens.syncIndicator(true, -360)
                assertEquals(SyncLevel.UP_TO_DATE, indicator.state)
                assertEquals("Everything is synced", indicator.line)
            }
        }
    }

    /**
     * The reassignment reaches Ana's phone while she writes a case note (PendingTest shows
     * the timing): the pending screen names the record and the note, says why in words, and
     * offers to tell the supervisor.
     */
    @Test
    fun aChangeRefusedAfterAReassignmentIsShownByName() {
        TestServer().use { server ->
            Relay(server.port).use { relay ->
                val team = server.team()
                val ana = server.user(team, "Ana Ruiz", "specialist")
                val luis = server.user(team, "Luis Ortega", "specialist")
                open().use { a ->
                    val screens = a.screens(Language.ENGLISH)
                    screens.enrollTyped(relay.url, server.code(ana), "Ana's phone", null)
                    val erik = a.createSeeker(SeekerInput(name = "Erik Lund"), null)
                    a.sync(null)
                    server.reassign(erik, luis)

                    val answer = relay.holdNextAnswer()
                    var failure: Throwable? = null
                    val worker = Thread { try { a.sync(null) } catch (e: Throwable) { failure = e } }
                    worker.start()
                    answer.awaitArrival()
                    a.addNote(erik, "Called Erik's sister about the warehouse job")
                    assertEquals(listOf("Case notes of Erik Lund: Case note added"), screens.changes(0).waiting.map { it.text })
                    answer.release()
                    worker.join()
                    failure?.let { throw it }

                    val changes = screens.changes(-360)
                    assertTrue(changes.waiting.isEmpty(), "${changes.waiting}")
                    val note = changes.refused.single { it.what == "Case note added" }
                    assertEquals("Case notes of Erik Lund", note.record)
                    assertEquals(
                        "It was made after this job seeker was given to another specialist, so it never reached the server",
                        note.why,
                    )
                    assertEquals(RefusedAction.TELL_SUPERVISOR, note.action)
                    assertEquals("Tell your supervisor", note.actionLabel)
                    assertTrue(note.accessibilityLabel.startsWith("Refused: Case note added in Case notes of Erik Lund, "), note.accessibilityLabel)
                    assertTrue(changes.exportJson.contains("Erik Lund"))
                    val indicator = screens.syncIndicator(true, -360)
                    assertEquals(SyncLevel.REFUSED, indicator.state)
                    assertTrue(indicator.line.contains("refused by the server"), indicator.line)
                }
            }
        }
    }

    @Test
    fun switchingToSpanishChangesTheScreensWords() {
        open().use { fb ->
            val screens = fb.screens(Language.ENGLISH)
            val erik = fb.createSeeker(SeekerInput(name = "Erik Lund"), null)
            val english = screens.caseload("", 0)
            assertEquals("Caseload", english.title)
            assertEquals("Engaging", english.rows.single().status)
            assertEquals("No employer contact yet", english.rows.single().lastContact)

            screens.setLanguage(Language.SPANISH)
            val spanish = screens.caseload("", 0)
            assertEquals("Casos", spanish.title)
            assertEquals("Primeros contactos", spanish.rows.single().status)
            assertEquals("Sin contacto con empleadores todavía", spanish.rows.single().lastContact)
            assertEquals("Ningún nombre empieza por «zed»", screens.caseload("zed", 0).emptyLine)
            assertEquals("Perfil", screens.seeker(erik, 0).headings.first())
            assertTrue(screens.seeker(erik, 0).actions.isNotEmpty())
        }
    }
}
