package org.fieldbook.tests

import org.fieldbook.core.EmployerInput
import org.fieldbook.core.Fieldbook
import org.fieldbook.core.presentation.Language
import org.fieldbook.core.presentation.SaveOutcome
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import java.io.File
import java.nio.file.Files

/**
 * The shared visit form, driven as the apps drive it: through the real bindings, on a real
 * store, synced through a real server to another phone.
 */
class VisitFormTest {
    private val key = ByteArray(32) { (it * 13).toByte() }

    private fun tempStore(): File = File(Files.createTempDirectory("fieldbook-visit-form").toFile(), "phone.db")

    @Test
    fun aVisitLoggedWithASearchedEmployerReachesAnotherPhone() {
        TestServer().use { server ->
            val team = server.team()
            val ana = server.user(team, "Ana Ruiz", "specialist")
            val marcus = server.user(team, "Marcus Bell", "specialist")
            Fieldbook.open(tempStore().path, key).use { a ->
                Fieldbook.open(tempStore().path, key).use { b ->
                    a.enroll(server.url, server.code(ana), "Ana's phone", null)
                    b.enroll(server.url, server.code(marcus), "Marcus's phone", null)
                    val bakery = a.createEmployer(EmployerInput(name = "Maple Street Bakery"))
                    a.createEmployer(EmployerInput(name = "Café Olé"))
                    a.sync(null)
                    b.sync(null)

                    val form = b.screens(Language.ENGLISH).visitForm(null, -360)
                    val unsaved = form.save()
                    assertTrue(unsaved is SaveOutcome.NotSaved, "no employer chosen: $unsaved")
                    assertEquals("Choose the employer you visited.", form.state().employer.error)
                    assertEquals(0, b.employer(bakery).visits.size)

                    form.searchEmployer("maple")
                    val found = form.state().employer.options
                    assertEquals(listOf("Maple Street Bakery"), found.map { it.label })
                    form.chooseEmployer(found.single().id)
                    form.chooseFollowedPreference("yes")
                    form.setNextStep("Bring a résumé on Friday")
                    // Rotation: the screen is rebuilt from the draft the app kept.
                    val rebuilt = b.screens(Language.ENGLISH).visitForm(form.draft(), -360)
                    assertEquals(form.state(), rebuilt.state())
                    val saved = rebuilt.save()
                    assertTrue(saved is SaveOutcome.Saved, "$saved")
                    assertEquals("Visit saved.", (saved as SaveOutcome.Saved).message)

                    b.sync(null)
                    a.sync(null)
                    val visits = a.employer(bakery).visits
                    assertEquals(1, visits.size, "Ana's phone sees Marcus's visit")
                    assertEquals(saved.id, visits[0].visitId)
                    assertEquals(true, visits[0].followedPreference)
                    assertTrue(visits[0].at.endsWith("-06:00"), visits[0].at)
                }
            }
        }
    }

    @Test
    fun theFormSpeaksSpanish() {
        Fieldbook.open(tempStore().path, key).use { fb ->
            val form = fb.screens(Language.SPANISH).visitForm(null, -300)
            form.save()
            val state = form.state()
            assertEquals("Registrar una visita", state.title)
            assertEquals("Elija el empleador que visitó.", state.employer.error)
        }
    }
}
