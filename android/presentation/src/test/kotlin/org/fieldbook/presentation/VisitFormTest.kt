package org.fieldbook.presentation

import org.fieldbook.core.EmployerInput
import org.fieldbook.core.Fieldbook
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import java.io.File
import java.nio.file.Files
import java.time.LocalDate
import java.time.LocalTime
import java.time.OffsetDateTime
import java.time.ZoneId
import java.time.ZonedDateTime

/** The visit form: every employer by search, and the day and time picked. */
class VisitFormTest {
    private fun phone(): Fieldbook =
        Fieldbook.open(File(Files.createTempDirectory("phone").toFile(), "phone.db").path, ByteArray(32) { 4 })

    @Test
    fun everyEmployerCanBeFoundNotOnlyTheFirstTwelve() {
        phone().use { fb ->
            for (i in 1..20) fb.createEmployer(EmployerInput(name = "Employer %02d".format(i)))
            fb.createEmployer(EmployerInput(name = "Maple Street Bakery"))
            val form = VisitForm(Session(fb))
            assertEquals(21, form.employers().size, "with nothing typed, every employer")

            form.searchEmployers("mapl")
            val bakery = form.employers().single()
            assertEquals("Maple Street Bakery", bakery.name)
            form.chooseEmployer(bakery)
            assertEquals("Maple Street Bakery", form.state.value.employerName)
            assertEquals("", form.state.value.employerQuery, "the search box clears once chosen")
            form.searchEmployers("employer 2")
            assertEquals(listOf("Employer 20"), form.employers().map { it.name }, "a word starting with 2: not Employer 02")
        }
    }

    @Test
    fun aVisitIsLoggedAtTheDayAndTimePickedOnThePhonesClock() {
        val chicago = ZoneId.of("America/Chicago")
        val now = ZonedDateTime.of(2026, 1, 15, 16, 0, 0, 0, chicago)
        phone().use { fb ->
            val employer = fb.createEmployer(EmployerInput(name = "Diner"))
            val form = VisitForm(Session(fb)) { now }
            form.chooseEmployer(form.employers().single())
            assertEquals("Now", form.whenText())

            form.setDate(LocalDate.of(2026, 1, 16))
            form.setTime(LocalTime.of(9, 30))
            assertFalse(form.save())
            assertEquals("Time: the visit can't be later than now (tomorrow at 09:30).", form.state.value.message)
            assertEquals(employer, form.state.value.employerId, "the form keeps what was typed")

            form.setDate(LocalDate.of(2026, 1, 14))
            assertEquals("yesterday at 09:30", form.whenText())
            assertTrue(form.save(), form.state.value.message)
            val at = OffsetDateTime.parse(fb.employer(employer).visits.single().at)
            assertEquals(OffsetDateTime.parse("2026-01-14T09:30:00-06:00").toInstant(), at.toInstant())
            assertEquals("Now", form.whenText(), "the next visit starts at now again")
        }
    }
}
