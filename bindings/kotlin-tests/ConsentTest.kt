package org.fieldbook.tests

import org.fieldbook.core.ConsentInput
import org.fieldbook.core.ContactMode
import org.fieldbook.core.Disclosure
import org.fieldbook.core.DisclosureInput
import org.fieldbook.core.DisclosureRefusal
import org.fieldbook.core.EmployerInput
import org.fieldbook.core.Fieldbook
import org.fieldbook.core.FieldbookException
import org.fieldbook.core.ReleaseTo
import org.fieldbook.core.SeekerInput
import org.fieldbook.core.VisitInput
import org.fieldbook.core.VisitPurpose
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertThrows
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import java.io.File
import java.nio.file.Files

/** Consent that gates disclosure, through the real bindings as an Android app calls them. */
class ConsentTest {
    private val key = ByteArray(32) { (it * 5).toByte() }

    private fun tempStore(): File = File(Files.createTempDirectory("fieldbook-consent").toFile(), "phone.db")

    private fun presenting(employer: String, seeker: String, day: String, disclose: Boolean) = VisitInput(
        employerId = employer,
        at = "${day}T10:00:00-06:00",
        mode = ContactMode.IN_PERSON,
        purpose = VisitPurpose.PRESENT_CANDIDATE,
        seekerIds = listOf(seeker),
        disclosedSeekerIds = if (disclose) listOf(seeker) else emptyList(),
        outcome = "Left a résumé",
    )

    private fun Fieldbook.release(seeker: String, to: ReleaseTo, signed: String, expires: String? = null): String =
        addConsent(seeker, ConsentInput(scope = "employment services", recipient = "as signed", releaseTo = to, signed = signed, expires = expires))

    @Test
    fun disclosingWithoutAReleaseToEmployersIsRefusedAndNamingStaysAllowed() {
        Fieldbook.open(tempStore().path, key).use { fb ->
            val ana = fb.createSeeker(SeekerInput(name = "Ana Lima", firstMeeting = "2025-05-01"), null)
            val bakery = fb.createEmployer(EmployerInput(name = "Maple Street Bakery"))
            val pending = fb.pendingChanges()
            val refused = assertThrows(FieldbookException.DisclosureRefused::class.java) {
                fb.logVisit(presenting(bakery, ana, "2026-06-10", disclose = true))
            }
            assertEquals(ana, refused.seekerId)
            assertEquals(DisclosureRefusal.NO_CONSENT, refused.reason)
            assertNull(refused.consentId)
            assertTrue(refused.detail.contains("no consent to release information to employers"), refused.detail)
            assertEquals(0, fb.employer(bakery).visits.size, "nothing of the refused visit was written")
            assertEquals(0, fb.seeker(ana).activities.size)
            assertEquals(pending, fb.pendingChanges())

            // A release to the state agency allows no disclosure to employers.
            fb.release(ana, ReleaseTo.STATE_AGENCY, "2026-01-02")
            assertThrows(FieldbookException.DisclosureRefused::class.java) {
                fb.logVisit(presenting(bakery, ana, "2026-06-10", disclose = true))
            }

            // Naming the job seeker without disclosing is allowed.
            fb.logVisit(presenting(bakery, ana, "2026-06-10", disclose = false))
            val activity = fb.seeker(ana).activities.single()
            assertFalse(activity.disclosed)
        }
    }

    @Test
    fun aReleaseToEmployersLastsExactlyOneYear() {
        Fieldbook.open(tempStore().path, key).use { fb ->
            val ana = fb.createSeeker(SeekerInput(name = "Ana Lima", firstMeeting = "2025-05-01"), null)
            val bakery = fb.createEmployer(EmployerInput(name = "Maple Street Bakery"))
            val consent = fb.release(ana, ReleaseTo.EMPLOYERS, "2025-06-10")
            val stored = fb.seeker(ana).consents.single()
            assertEquals(consent, stored.consentId)
            assertEquals("2026-06-10", stored.expires, "one year unless stated")
            assertEquals(ReleaseTo.EMPLOYERS, stored.releaseTo)

            // On the anniversary the release is still in force...
            fb.logVisit(presenting(bakery, ana, "2026-06-10", disclose = true))
            assertTrue(fb.seeker(ana).activities.single().disclosed)
            // ...the day after it is not, and the error names the consent and its last day.
            val expired = assertThrows(FieldbookException.DisclosureRefused::class.java) {
                fb.logVisit(presenting(bakery, ana, "2026-06-11", disclose = true))
            }
            assertEquals(DisclosureRefusal.CONSENT_EXPIRED, expired.reason)
            assertEquals(consent, expired.consentId)
            assertEquals("2026-06-10", expired.date)
            assertEquals(1, fb.employer(bakery).visits.size)
        }
    }

    @Test
    fun aDoNotDisclosePreferenceWinsOverAConsent() {
        Fieldbook.open(tempStore().path, key).use { fb ->
            val ana = fb.createSeeker(SeekerInput(name = "Ana Lima", firstMeeting = "2025-05-01"), null)
            val bakery = fb.createEmployer(EmployerInput(name = "Maple Street Bakery"))
            fb.release(ana, ReleaseTo.EMPLOYERS, "2026-01-02")
            fb.setDisclosurePreference(ana, DisclosureInput(choice = Disclosure.DO_NOT_DISCLOSE))
            assertEquals(Disclosure.DO_NOT_DISCLOSE, fb.seeker(ana).disclosure)
            val refused = assertThrows(FieldbookException.DisclosureRefused::class.java) {
                fb.logVisit(presenting(bakery, ana, "2026-06-10", disclose = true))
            }
            assertEquals(DisclosureRefusal.DO_NOT_DISCLOSE, refused.reason)
            fb.setDisclosurePreference(ana, DisclosureInput(choice = Disclosure.DISCLOSE, how = "Say I am in IPS"))
            fb.logVisit(presenting(bakery, ana, "2026-06-10", disclose = true))
            assertTrue(fb.seeker(ana).activities.single().disclosed)
        }
    }

    @Test
    fun consentsToRenewShowInTheWeekAndOnTheCaseload() {
        Fieldbook.open(tempStore().path, key).use { fb ->
            val ana = fb.createSeeker(SeekerInput(name = "Ana Lima", firstMeeting = "2025-05-01"), null)
            val ben = fb.createSeeker(SeekerInput(name = "Ben Ortiz", firstMeeting = "2025-05-01"), null)
            // Asked on 2026-11-30: Ana's release ends 2026-12-20, Ben's ended 2026-11-01.
            val anas = fb.release(ana, ReleaseTo.EMPLOYERS, "2025-12-20")
            val bens = fb.release(ben, ReleaseTo.STATE_AGENCY, "2025-11-01")
            val week = fb.week("2026-11-30")
            assertEquals(listOf(bens, anas), week.consentWarnings.map { it.consentId })
            assertTrue(week.consentWarnings[0].expired)
            assertEquals(-29L, week.consentWarnings[0].daysLeft)
            assertEquals(20L, week.consentWarnings[1].daysLeft)
            val line = fb.caseload("2026-11-30").single { it.seekerId == ana }
            assertEquals("2026-12-20", line.consentWarnings.single().expires)
            assertFalse(line.consentWarnings.single().expired)
        }
    }
}
