package org.fieldbook.presentation

import org.fieldbook.core.ContactMode
import org.fieldbook.core.EmployerInput
import org.fieldbook.core.Fieldbook
import org.fieldbook.core.VisitInput
import org.fieldbook.core.VisitPurpose
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import java.io.File
import java.nio.file.Files

/** Screens stop listening to the store when they go. */
class ScreenListenersTest {
    private fun phone(): Fieldbook =
        Fieldbook.open(File(Files.createTempDirectory("phone").toFile(), "phone.db").path, ByteArray(32) { 6 })

    @Test
    fun aScreenThatWentIsNoLongerRefreshed() {
        phone().use { fb ->
            val session = Session(fb)
            val watching = session.watching
            val week = WeekModel(session)
            val caseload = CaseloadModel(session)
            val employers = EmployersModel(session)
            assertEquals(watching + 3, session.watching)
            week.close()
            employers.close()
            assertEquals(watching + 1, session.watching, "closed screens stopped watching")

            val diner = fb.createEmployer(EmployerInput(name = "Diner"))
            fb.logVisit(VisitInput(employerId = diner, mode = ContactMode.IN_PERSON, purpose = VisitPurpose.INTRODUCE_IPS, seekerIds = emptyList()))
            assertEquals("0 of 6 face-to-face employer contacts this week", week.state.value.headline, "not refreshed after close")
            assertTrue(employers.state.value.rows.isEmpty(), "not refreshed after close")
            caseload.close()
            assertEquals(watching, session.watching)
            assertEquals("1 of 6 face-to-face employer contacts this week", WeekModel(session).use { it.state.value.headline })
        }
    }
}
