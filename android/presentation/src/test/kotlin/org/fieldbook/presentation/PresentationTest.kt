package org.fieldbook.presentation

import org.fieldbook.core.EmployerInput
import org.fieldbook.core.Fieldbook
import org.fieldbook.core.SeekerInput
import org.fieldbook.core.StepInput
import org.fieldbook.core.StepOwner
import org.fieldbook.tests.TestServer
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import java.io.File
import java.nio.file.Files
import java.time.LocalDate

/** The app's screens' state, on the JVM against the real core and a real server. */
class PresentationTest {
    private fun phone(): Fieldbook =
        Fieldbook.open(File(Files.createTempDirectory("phone").toFile(), "phone.db").path, ByteArray(32) { 3 })

    /** A failed sync says when it failed, then why. */
    private fun assertFailed(why: String, message: String?) {
        assertTrue(message != null && message.startsWith("Sync failed today, ") && message.endsWith(". $why"), message)
    }

    @Test
    fun loggingAVisitFromTheVisitScreenUpdatesTheWeekAndTheCaseload() {
        phone().use { fb ->
            val session = Session(fb)
            val today = LocalDate.now()
            fb.createSeeker(
                SeekerInput(name = "Maria Santos", referralDate = today.minusDays(24).toString(), firstMeeting = today.minusDays(22).toString()),
                null,
            )
            fb.createEmployer(EmployerInput(name = "Maple Street Bakery"))
            val week = WeekModel(session)
            val caseload = CaseloadModel(session)
            assertEquals("0 of 6 face-to-face employer contacts this week", week.state.value.headline)
            val before = caseload.state.value.screen!!.rows.single()
            assertEquals("No employer contact yet", before.lastContact)
            assertEquals(listOf("No employer contact yet: day 22 of 30"), before.alerts.map { it.text })
            assertEquals(listOf("Maria Santos: day 22 of 30, no employer contact yet"), week.state.value.warnings.map { it.text })
            assertEquals("6 more to reach the goal", week.state.value.toGoal)

            val form = VisitScreenModel(session)
            assertFalse(form.save(), "no employer chosen")
            assertEquals("Choose the employer you visited.", form.state.value.employer.error)
            form.input { chooseEmployer(form.state.value.employer.options.single().id) }
            form.input { toggleSeeker(form.state.value.seeker.options.single().id) }
            form.input { setOutcome("Met the owner; hiring in spring") }
            assertTrue(form.save(), form.notice.value)
            assertEquals("Visit saved.", form.notice.value)

            // No manual refresh: the change listener updated both screens.
            assertEquals("1 of 6 face-to-face employer contacts this week", week.state.value.headline)
            val after = caseload.state.value.screen!!.rows.single()
            assertEquals("Last employer contact: today", after.lastContact)
            assertTrue(after.alerts.isEmpty(), "${after.alerts}")
            assertTrue(week.state.value.warnings.isEmpty(), "Maria has her first employer contact")
            assertEquals("5 more to reach the goal", week.state.value.toGoal)

            // The employers list and the bakery's page say the visit, worded by the shared screens.
            EmployersModel(session).use { employers ->
                val row = employers.state.value.rows.single()
                assertEquals("1 visit, last today", row.visits)
                val page = employers.page(row.employerId).screen!!
                assertEquals("Met the owner; hiring in spring", page.visits.single().outcome)
                assertTrue(page.visits.single().line.endsWith(": In person, Follow up"), page.visits.single().line)
                assertEquals("For 1 job seeker", page.visits.single().seekers)
                assertEquals("This employer is not on this phone.", employers.page("no-such-employer").unavailable)
            }
        }
    }

    @Test
    fun syncErrorsBecomeReadableMessages() {
        phone().use { fb ->
            val session = Session(fb)
            val sync = SyncModel(session)
            assertFalse(sync.syncNow())
            assertFailed("This phone is not connected to your team's server yet.", sync.state.value.message)

            val enroll = EnrollModel(session)
            assertEquals("ABCD-EFGH-JKMN", enroll.formatCode("abcd efgh jkmn"))
            assertFalse(enroll.enroll("http://127.0.0.1:1", "abc", "phone"))
            assertEquals("The code has 12 letters and digits, like ABCD-EFGH-JKMN.", enroll.state.value.message)

            val server = TestServer()
            val team = server.team()
            val ana = server.user(team, "Ana Ruiz", "specialist")
            assertFalse(enroll.enroll(server.url, "AAAA-BBBB-CCCC", "phone"))
            assertEquals(
                "That code does not work: each code is used once and expires. Ask your supervisor for a new one.",
                enroll.state.value.message,
            )
            assertTrue(enroll.enroll(server.url, server.code(ana), "phone"), enroll.state.value.message)
            assertEquals("Connected as Ana Ruiz to ${server.url}", enroll.state.value.message)

            fb.createEmployer(EmployerInput(name = "Diner"))
            assertEquals("2 changes waiting to sync", SyncModel(session).state.value.pending)
            assertTrue(sync.syncNow())
            assertEquals("Everything is synced", sync.state.value.pending)
            assertTrue(sync.state.value.lastSync.startsWith("Last synced today, "), sync.state.value.lastSync)

            // The server goes away: offline work is kept and the message says so.
            fb.createEmployer(EmployerInput(name = "Hardware store"))
            server.close()
            assertFalse(sync.syncNow())
            assertFailed("No connection to the server. Your work is kept on the phone; try again later.", sync.state.value.message)
            assertEquals("2 changes waiting to sync", sync.state.value.pending)
        }
    }

    @Test
    fun aRevokedPhoneIsToldPlainlyAndGoesBackToEnrollment() {
        TestServer().use { server ->
            val team = server.team()
            val ana = server.user(team, "Ana Ruiz", "specialist")
            phone().use { fb ->
                val session = Session(fb)
                assertTrue(EnrollModel(session).enroll(server.url, server.code(ana), "phone"))
                server.admin("revoke", "--device", fb.identity().deviceId!!)
                val sync = SyncModel(session)
                assertFalse(sync.syncNow())
                assertFailed("This phone was removed from the team and its records erased. Enroll it again to continue.", sync.state.value.message)
                assertTrue(sync.state.value.mustEnroll)
            }
        }
    }

    @Test
    fun aJobSeekersPhoneShowsTheirPlanWithNoEditingAction() {
        TestServer().use { server ->
            val team = server.team()
            val ana = server.user(team, "Ana Ruiz", "specialist")
            phone().use { specialist ->
                specialist.enroll(server.url, server.code(ana), "Ana's phone", null)
                val maria = specialist.createSeeker(SeekerInput(name = "Maria Santos", preferredName = "Mari"), null)
                val step = specialist.addStep(maria, StepInput(what = "Update résumé", who = StepOwner.SEEKER, due = null))
                specialist.sync(null)
                val account = server.field(server.admin("user", "add", "--team", team, "--name", "Maria Santos", "--role", "seeker", "--seeker", maria), "id")

                phone().use { fb ->
                    val session = Session(fb)
                    assertTrue(EnrollModel(session).enroll(server.url, server.code(account), "Maria's phone"))
                    assertTrue(SyncModel(session).syncNow())
                    assertTrue(session.isSeekerMode)
                    assertEquals(listOf(Screen.MY_PLAN, Screen.SYNC), session.screens)

                    // The app's "My plan" is the shared job seeker screen, read-only on this phone.
                    SeekerModel(session, maria).use { plan ->
                        val screen = plan.state.value.screen!!
                        assertTrue(screen.actions.isEmpty(), "no editing action")
                        assertTrue(screen.readOnlyLine != null, "says who keeps the record")
                        assertEquals(listOf("Update résumé"), screen.steps.map { it.what })

                        plan.completeStep(step)
                        assertEquals("This account may not do that.", plan.state.value.unavailable)
                        assertEquals(0uL, fb.pendingChanges(), "nothing was written")
                    }
                }
            }
        }
    }
}
