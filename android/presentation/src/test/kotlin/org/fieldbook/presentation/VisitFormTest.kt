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
import java.time.OffsetDateTime

/** The visit screen's model over the shared form: every employer by search, and the day and time typed. */
class VisitFormTest {
    private fun phone(): Fieldbook =
        Fieldbook.open(File(Files.createTempDirectory("phone").toFile(), "phone.db").path, ByteArray(32) { 4 })

    @Test
    fun everyEmployerCanBeFoundNotOnlyTheFirstTwelve() {
        phone().use { fb ->
            for (i in 1..20) fb.createEmployer(EmployerInput(name = "Employer %02d".format(i)))
            fb.createEmployer(EmployerInput(name = "Maple Street Bakery"))
            Session(fb, phoneLanguages = { listOf("en-US") }).use { session ->
                val form = VisitScreenModel(session)
                assertEquals(21, form.state.value.employer.options.size, "with nothing typed, every employer")

                form.input { searchEmployer("mapl") }
                val bakery = form.state.value.employer.options.single()
                assertEquals("Maple Street Bakery", bakery.label)
                form.input { chooseEmployer(bakery.id) }
                assertEquals("Maple Street Bakery", form.state.value.employer.chosenLabel)
                form.input { searchEmployer("employer 2") }
                assertEquals(listOf("Employer 20"), form.state.value.employer.options.map { it.label }, "a word starting with 2: not Employer 02")
            }
        }
    }

    @Test
    fun aVisitIsLoggedAtTheDayAndTimeTypedOnThePhonesClock() {
        phone().use { fb ->
            val employer = fb.createEmployer(EmployerInput(name = "Diner"))
            Session(fb, phoneLanguages = { listOf("en-US") }).use { session ->
                // A phone in Chicago's winter time.
                val form = VisitScreenModel(session, offsetMinutes = -360)
                form.input { chooseEmployer(employer) }
                val nextWeek = LocalDate.now().plusDays(7).toString()
                form.input { setDate(nextWeek) }
                form.input { setTime("09:30") }
                assertFalse(form.save())
                val error = form.state.value.date.error ?: ""
                assertTrue(error.contains(nextWeek) && error.endsWith("is in the future."), error)
                assertEquals("Diner", form.state.value.employer.chosenLabel, "the form keeps what was typed")

                form.input { setDate("2026-01-14") }
                assertTrue(form.save(), form.notice.value)
                val at = OffsetDateTime.parse(fb.employer(employer).visits.single().at)
                assertEquals(OffsetDateTime.parse("2026-01-14T09:30:00-06:00").toInstant(), at.toInstant())
                assertEquals(null, form.state.value.employer.chosen, "the next visit starts empty, at now")
            }
        }
    }

    @Test
    fun theScreenSpeaksThePhonesLanguage() {
        phone().use { fb ->
            Session(fb, phoneLanguages = { listOf("es-MX") }).use { session ->
                val form = VisitScreenModel(session)
                assertFalse(form.save())
                assertEquals("Registrar una visita", form.state.value.title)
                assertEquals("Elija el empleador que visitó.", form.state.value.employer.error)
            }
        }
    }
}

/** The glue to the shared record forms: input forwarded, state and sentences republished. */
class RecordFormModelTest {
    @Test
    fun anEmployerIsAddedThroughTheSharedForm() {
        val path = File(Files.createTempDirectory("phone").toFile(), "phone.db").path
        Fieldbook.open(path, ByteArray(32) { 5 }).use { fb ->
            Session(fb, phoneLanguages = { listOf("en") }).use { session ->
                val form = RecordFormModel(session, org.fieldbook.core.presentation.FormKind.Employer)
                assertFalse(form.save())
                assertEquals("The name is required.", form.state.value.fields.first { it.name == "name" }.error)
                form.set("name", "Maple Street Bakery")
                assertTrue(form.save(), form.notice.value)
                assertEquals("Employer added.", form.notice.value)
                assertEquals(listOf("Maple Street Bakery"), fb.employers().map { it.name })
            }
        }
    }
}
