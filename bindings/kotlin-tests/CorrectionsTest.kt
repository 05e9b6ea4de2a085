package org.fieldbook.tests

import org.fieldbook.core.ContactMode
import org.fieldbook.core.EmployerInput
import org.fieldbook.core.Fieldbook
import org.fieldbook.core.FieldbookException
import org.fieldbook.core.JobStartInput
import org.fieldbook.core.SeekerInput
import org.fieldbook.core.StepInput
import org.fieldbook.core.StepOwner
import org.fieldbook.core.VisitEditInput
import org.fieldbook.core.VisitInput
import org.fieldbook.core.VisitPurpose
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertThrows
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import java.io.File
import java.nio.file.Files

/** Corrections as an app makes them: voids and edits through the bindings. */
class CorrectionsTest {
    private val key = ByteArray(32) { (it * 5).toByte() }

    private fun tempStore(): File = File(Files.createTempDirectory("fieldbook-phone").toFile(), "phone.db")

    @Test
    fun aJobEnteredTwiceIsVoidedAndAVisitCorrected() {
        Fieldbook.open(tempStore().path, key).use { fb ->
            val maria = fb.createSeeker(SeekerInput(name = "Maria Santos", referralDate = "2026-10-01"), null)
            val bakery = fb.createEmployer(EmployerInput(name = "Maple Street Bakery"))
            val job = JobStartInput(title = "Counter clerk", start = "2026-11-20", competitive = true, employerId = bakery)
            val kept = fb.startJob(maria, job)
            val twice = fb.startJob(maria, job)
            assertEquals(2, fb.seeker(maria).jobs.size)

            fb.voidJob(maria, twice, "entered twice")
            assertEquals(listOf(kept), fb.seeker(maria).jobs.map { it.jobId })
            val again = assertThrows(FieldbookException.Invalid::class.java) { fb.voidJob(maria, twice, "again") }
            assertEquals("job", again.field)
            assertThrows(FieldbookException.NotFound::class.java) {
                fb.voidJob(maria, "00000000-0000-4000-8000-000000000000", "typo")
            }
            val blank = assertThrows(FieldbookException.Invalid::class.java) { fb.voidJob(maria, kept, " ") }
            assertEquals("reason", blank.field)

            fb.editJob(maria, kept, job.copy(hoursPerWeek = 24.0))
            assertEquals(24.0, fb.seeker(maria).jobs[0].hoursPerWeek)
            val badHours = assertThrows(FieldbookException.Invalid::class.java) {
                fb.editJob(maria, kept, job.copy(hoursPerWeek = 0.0))
            }
            assertEquals("hours_per_week", badHours.field)

            val visit = fb.logVisit(
                VisitInput(
                    employerId = bakery,
                    mode = ContactMode.PHONE,
                    purpose = VisitPurpose.LEARN_BUSINESS_NEEDS,
                    seekerIds = listOf(maria),
                    outcome = "Met the owner",
                ),
            )
            val at = fb.employer(bakery).visits[0].at
            fb.editVisit(
                bakery,
                visit,
                VisitEditInput(at = at, mode = ContactMode.IN_PERSON, purpose = VisitPurpose.PRESENT_CANDIDATE, outcome = "Interview Friday"),
            )
            assertEquals("Interview Friday", fb.seeker(maria).activities[0].outcome)
            assertEquals("Interview Friday", fb.employer(bakery).visits[0].outcome)

            val step = fb.addStep(maria, StepInput(what = "Update résumé", who = StepOwner.SEEKER, due = "2026-12-01"))
            fb.voidStep(maria, step, "added twice")
            assertTrue(fb.seeker(maria).steps.isEmpty())
            assertEquals(null, fb.caseload(null)[0].nextStep)

            val ops = fb.history(maria).map { it.operation }
            assertTrue(ops.containsAll(listOf("job.void", "job.edit", "visit.edit", "plan.step.void")), "$ops")
        }
    }
}
