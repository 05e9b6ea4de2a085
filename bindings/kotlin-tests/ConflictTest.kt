package org.fieldbook.tests

import org.fieldbook.core.Fieldbook
import org.fieldbook.core.FieldbookException
import org.fieldbook.core.SeekerInput
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertThrows
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import java.io.File
import java.nio.file.Files

/**
 * Two phones change one field offline (issue 14): neither value is lost silently, both phones
 * show both values and who wrote them, and one person settles it for everyone.
 */
class ConflictTest {
    private val key = ByteArray(32) { (it * 13).toByte() }

    private fun tempStore(): File = File(Files.createTempDirectory("fieldbook-conflict").toFile(), "phone.db")

    /** Changes the job seeker's phone number the way the profile form does: the whole form. */
    private fun Fieldbook.setPhone(seeker: String, number: String) {
        val now = seeker(seeker)
        updateProfile(seeker, SeekerInput(name = now.name, phone = number, referralDate = now.referralDate))
    }

    @Test
    fun aNumberChangedOnTwoPhonesShowsBothValuesAndWhoUntilOneIsSettled() {
        TestServer().use { server ->
            val team = server.team()
            val ana = server.user(team, "Ana Ruiz", "specialist")
            val sue = server.user(team, "Sue Park", "supervisor")
            Fieldbook.open(tempStore().path, key).use { a ->
                Fieldbook.open(tempStore().path, key).use { s ->
                    a.enroll(server.url, server.code(ana), "Ana's phone", null)
                    s.enroll(server.url, server.code(sue), "Sue's phone", null)
                    val jordan = a.createSeeker(SeekerInput(name = "Jordan Lee", phone = "555-0101", referralDate = "2026-11-02"), null)
                    a.sync(null)
                    s.sync(null)
                    assertEquals("555-0101", s.seeker(jordan).phone)
                    assertTrue(s.conflicts(jordan).isEmpty())

                    // Offline, both change the number; then both sync.
                    a.setPhone(jordan, "555-0199")
                    s.setPhone(jordan, "555-0123")
                    a.sync(null)
                    s.sync(null)
                    a.sync(null)

                    for (phone in listOf(a, s)) {
                        val conflict = phone.conflicts(jordan).single()
                        assertEquals("profile.phone", conflict.field)
                        // The value shown now comes first, the same on both phones.
                        assertEquals("\"${phone.seeker(jordan).phone}\"", conflict.values[0].valueJson)
                        assertEquals(
                            setOf("\"555-0199\"" to "Ana Ruiz", "\"555-0123\"" to "Sue Park"),
                            conflict.values.map { it.valueJson to it.userName }.toSet(),
                        )
                    }
                    assertEquals(a.seeker(jordan).phone, s.seeker(jordan).phone)

                    // Settling on a value nobody wrote is refused and changes nothing.
                    val wrong = assertThrows(FieldbookException.Invalid::class.java) {
                        s.settle(jordan, "profile.phone", "\"555-0000\"")
                    }
                    assertTrue(wrong.reason.contains("555-0123") && wrong.reason.contains("555-0199"), wrong.reason)
                    assertEquals(1, s.conflicts(jordan).size)
                    assertThrows(FieldbookException.Invalid::class.java) { s.settle(jordan, "profile.phone", "not json") }

                    // Sue calls Jordan and settles it: one value again, on both phones.
                    s.settle(jordan, "profile.phone", "\"555-0123\"")
                    assertTrue(s.conflicts(jordan).isEmpty())
                    s.sync(null)
                    a.sync(null)
                    for (phone in listOf(a, s)) {
                        assertTrue(phone.conflicts(jordan).isEmpty(), "settled on ${phone.identity().userName}")
                        assertEquals("555-0123", phone.seeker(jordan).phone)
                    }
                    val edits = a.history(jordan).flatMap { h -> h.changes.filter { it.field == "profile.phone" } }
                    assertTrue(edits.any { it.fromJson == "\"555-0101\"" && it.toJson == "\"555-0199\"" }, "$edits")
                }
            }
        }
    }
}
