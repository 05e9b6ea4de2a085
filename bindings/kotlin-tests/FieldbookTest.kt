package org.fieldbook.tests

import org.fieldbook.core.ChangeListener
import org.fieldbook.core.ContactMode
import org.fieldbook.core.EmployerInput
import org.fieldbook.core.Fieldbook
import org.fieldbook.core.FieldbookException
import org.fieldbook.core.SeekerInput
import org.fieldbook.core.StepInput
import org.fieldbook.core.StepOwner
import org.fieldbook.core.SyncProgressListener
import org.fieldbook.core.SyncProgressView
import org.fieldbook.core.VisitInput
import org.fieldbook.core.VisitPurpose
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertNotNull
import org.junit.jupiter.api.Assertions.assertThrows
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import java.io.File
import java.nio.file.Files
import java.util.concurrent.CopyOnWriteArrayList
import java.util.concurrent.atomic.AtomicInteger

/** The bindings as an Android app uses them, on the JVM against the real library. */
class FieldbookTest {
    private val key = ByteArray(32) { (it * 7).toByte() }

    private fun tempStore(): File = File(Files.createTempDirectory("fieldbook-phone").toFile(), "phone.db")

    private fun visit(employer: String, seekers: List<String>, outcome: String) = VisitInput(
        employerId = employer,
        mode = ContactMode.IN_PERSON,
        purpose = VisitPurpose.LEARN_BUSINESS_NEEDS,
        seekerIds = seekers,
        outcome = outcome,
    )

    @Test
    fun anEncryptedStoreLogsVisitsAndAnswersTheCaseload() {
        val path = tempStore()
        Fieldbook.open(path.path, key).use { fb ->
            val maria = fb.createSeeker(SeekerInput(name = "Maria Santos", referralDate = "2026-11-02", firstMeeting = "2026-11-04"), null)
            val bakery = fb.createEmployer(EmployerInput(name = "Maple Street Bakery"))
            fb.logVisit(visit(bakery, listOf(maria), "Met the owner"))
            fb.addStep(maria, StepInput(what = "Update résumé", who = StepOwner.SEEKER, due = "2026-12-01"))
            val caseload = fb.caseload(null)
            assertEquals(1, caseload.size)
            assertEquals("Maria Santos", caseload[0].name)
            assertNotNull(caseload[0].firstFaceToFace)
            assertEquals("Update résumé", caseload[0].nextStep)
            assertEquals(1u, fb.week(null).faceToFace)
            val plan = fb.seeker(maria)
            assertEquals(1, plan.activities.size)
            assertEquals("Maple Street Bakery", plan.activities[0].employerName)
            assertEquals(listOf("seeker.add", "visit.log", "plan.step.add"), fb.history(maria).map { it.operation })
        }
        // The same file with another key, or none, is refused: never an empty store.
        assertThrows(FieldbookException.WrongKey::class.java) { Fieldbook.open(path.path, ByteArray(32)) }
        assertThrows(FieldbookException.WrongKey::class.java) { Fieldbook.open(path.path, null) }
        Fieldbook.open(path.path, key).use { assertEquals(1, it.caseload(null).size) }
    }

    @Test
    fun badInputIsATypedErrorNamingTheField() {
        Fieldbook.open(tempStore().path, key).use { fb ->
            val empty = assertThrows(FieldbookException.Invalid::class.java) {
                fb.createSeeker(SeekerInput(name = "  "), null)
            }
            assertEquals("name", empty.field)
            val bakery = fb.createEmployer(EmployerInput(name = "Bakery"))
            val badTime = assertThrows(FieldbookException.Invalid::class.java) {
                fb.logVisit(visit(bakery, emptyList(), "x").copy(at = "yesterday"))
            }
            assertEquals("at", badTime.field)
            assertThrows(FieldbookException.NotFound::class.java) {
                fb.logVisit(visit("00000000-0000-4000-8000-000000000000", emptyList(), "x"))
            }
            assertThrows(FieldbookException.NotEnrolled::class.java) { fb.sync(null) }
            assertEquals(0, fb.employer(bakery).visits.size, "nothing of a refused visit was written")
        }
    }

    @Test
    fun theChangeListenerFiresForLocalEditsAndSync() {
        Fieldbook.open(tempStore().path, key).use { fb ->
            val heard = CopyOnWriteArrayList<String>()
            val handle = fb.addListener(object : ChangeListener {
                override fun documentsChanged(documentIds: List<String>) { heard.addAll(documentIds) }
            })
            val bakery = fb.createEmployer(EmployerInput(name = "Bakery"))
            assertEquals(listOf(bakery), heard.toList())
            fb.removeListener(handle)
            fb.createEmployer(EmployerInput(name = "Diner"))
            assertEquals(1, heard.size)
        }
    }

    @Test
    fun twoPhonesSyncThroughARealServerAndARevokedPhoneIsWiped() {
        TestServer().use { server ->
            val team = server.team()
            val ana = server.user(team, "Ana Ruiz", "specialist")
            val marcus = server.user(team, "Marcus Bell", "specialist")
            Fieldbook.open(tempStore().path, key).use { a ->
                Fieldbook.open(tempStore().path, key).use { b ->
                    a.enroll(server.url, server.code(ana), "Ana's phone", null)
                    b.enroll(server.url, server.code(marcus), "Marcus's phone", null)
                    assertTrue(a.identity().enrolled)
                    val bakery = a.createEmployer(EmployerInput(name = "Maple Street Bakery"))
                    a.logVisit(visit(bakery, emptyList(), "Met the owner"))
                    assertEquals(3uL, a.pendingChanges(), "genesis, creation, visit")
                    val sent = a.sync(null)
                    assertEquals(1u, sent.sent)
                    assertEquals(0uL, a.pendingChanges())

                    // B's screens refresh when sync brings the employer; a worker syncs while
                    // the UI thread keeps reading.
                    val changed = CopyOnWriteArrayList<String>()
                    b.addListener(object : ChangeListener {
                        override fun documentsChanged(documentIds: List<String>) { changed.addAll(documentIds) }
                    })
                    val rounds = AtomicInteger()
                    val worker = Thread {
                        b.sync(object : SyncProgressListener {
                            override fun progress(progress: SyncProgressView) { rounds.incrementAndGet() }
                        })
                    }
                    worker.start()
                    while (worker.isAlive) b.caseload(null)
                    worker.join()
                    assertTrue(rounds.get() >= 1)
                    assertTrue(changed.contains(bakery))
                    assertEquals(1, b.employer(bakery).visits.size)
                    assertEquals("Met the owner", b.employer(bakery).visits[0].outcome)

                    val device = a.identity().deviceId!!
                    server.admin("revoke", "--device", device)
                    assertThrows(FieldbookException.DeviceRevoked::class.java) { a.sync(null) }
                    assertFalse(a.identity().enrolled)
                    assertEquals(0, a.employers().size, "the revoked phone erased its data")
                    assertEquals(1, b.employers().size)
                }
            }
        }
    }
}
