package org.fieldbook.tests

import org.fieldbook.core.Fieldbook
import org.fieldbook.core.FieldbookException
import org.fieldbook.core.SeekerInput
import org.fieldbook.core.StepInput
import org.fieldbook.core.StepOwner
import org.fieldbook.core.SyncReportView
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertThrows
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import java.io.File
import java.nio.file.Files

/**
 * Work not in the team's record yet (issue 14): what waits to be sent, what a reassignment
 * hands over, and what is refused — named in the sync report, listed by `pending()`, never
 * silent.
 */
class PendingTest {
    private val key = ByteArray(32) { (it * 17).toByte() }

    private fun tempDir(): File = Files.createTempDirectory("fieldbook-pending").toFile()

    private fun open(dir: File): Fieldbook = Fieldbook.open(File(dir, "phone.db").path, key)

    private fun step(what: String) = StepInput(what = what, who = StepOwner.SPECIALIST, due = "2026-12-04")

    /** ADR 0003's hand-over: Ana's offline work on Erik reaches Luis although Erik became his first. */
    @Test
    fun workDoneBeforeAReassignmentReachesTheNewSpecialist() {
        TestServer().use { server ->
            val team = server.team()
            val ana = server.user(team, "Ana Ruiz", "specialist")
            val luis = server.user(team, "Luis Ortega", "specialist")
            open(tempDir()).use { a ->
                open(tempDir()).use { l ->
                    a.enroll(server.url, server.code(ana), "Ana's phone", null)
                    l.enroll(server.url, server.code(luis), "Luis's phone", null)
                    val erik = a.createSeeker(SeekerInput(name = "Erik Lund"), null)
                    a.sync(null)
                    l.sync(null)
                    assertTrue(l.findSeekers("erik").isEmpty(), "not Luis's yet")

                    // Offline, Ana writes a case note and a plan step for Erik…
                    a.addNote(erik, "Interested in warehouse work")
                    val visit = a.addStep(erik, step("Visit the warehouse with Erik"))
                    val waiting = a.pending()
                    assertEquals(
                        setOf("job seeker Erik Lund" to listOf("plan.step.add"), "case notes of Erik Lund" to listOf("note.add")),
                        waiting.unsent.map { it.record to it.what }.toSet(),
                    )
                    assertTrue(waiting.refused.isEmpty())
                    // …while the supervisor gives Erik to Luis.
                    server.reassign(erik, luis)

                    val report = a.sync(null)
                    assertTrue(report.rejected.isEmpty(), "${report.rejected}")
                    assertEquals(2u, report.sent, "the note and the step went up")
                    assertEquals(2u, report.removed, "then Erik's record and notes left Ana's phone")
                    assertThrows(FieldbookException.NotFound::class.java) { a.seeker(erik) }
                    assertTrue(a.findSeekers("erik").isEmpty())
                    val after = a.pending()
                    assertTrue(after.unsent.isEmpty() && after.refused.isEmpty(), "$after")

                    l.sync(null)
                    assertEquals(listOf(erik), l.findSeekers("erik").map { it.id })
                    assertEquals(listOf(visit), l.seeker(erik).steps.map { it.stepId })
                    assertEquals(listOf("Erik Lund"), l.caseload(null).map { it.name })
                }
            }
        }
    }

    /**
     * The reassignment reaches Ana's phone while she writes: her sync has asked the server, and
     * the case note she adds before the answer arrives was never sent when Erik's record leaves
     * the phone. It is not lost: the report names it, `pending()` keeps it, listed and exportable.
     */
    @Test
    fun workWrittenWhileTheSyncBringsTheReassignmentIsNamedAndKept() {
        TestServer().use { server ->
            Relay(server.port).use { relay ->
                val team = server.team()
                val ana = server.user(team, "Ana Ruiz", "specialist")
                val luis = server.user(team, "Luis Ortega", "specialist")
                open(tempDir()).use { a ->
                    a.enroll(relay.url, server.code(ana), "Ana's phone", null)
                    val erik = a.createSeeker(SeekerInput(name = "Erik Lund"), null)
                    a.sync(null)
                    server.reassign(erik, luis)

                    val answer = relay.holdNextAnswer()
                    var report: SyncReportView? = null
                    var failure: Throwable? = null
                    val worker = Thread { try { report = a.sync(null) } catch (e: Throwable) { failure = e } }
                    worker.start()
                    answer.awaitArrival()
                    // The server has answered; Erik is still on Ana's phone and she writes.
                    a.addNote(erik, "Called Erik's sister about the warehouse job")
                    assertEquals(listOf("case notes of Erik Lund"), a.pending().unsent.map { it.record })
                    answer.release()
                    worker.join()
                    failure?.let { throw it }

                    val sync = report!!
                    assertEquals(2u, sync.removed, "Erik's record and notes left the phone")
                    val refused = sync.rejected.single()
                    assertEquals("case notes of Erik Lund", refused.record)
                    assertEquals(listOf("note.add"), refused.what)
                    assertTrue(refused.reason.contains("left this phone"), refused.reason)
                    assertThrows(FieldbookException.NotFound::class.java) { a.seeker(erik) }

                    val pending = a.pending()
                    assertTrue(pending.unsent.isEmpty(), "${pending.unsent}")
                    // The note, and the creation of Erik's case notes it began (a change with no operation).
                    assertEquals(setOf("case notes of Erik Lund"), pending.refused.map { it.record }.toSet())
                    assertEquals(listOf("note.add"), pending.refused.mapNotNull { it.what })
                    assertEquals(setOf(refused.docId), pending.refused.map { it.docId }.toSet())
                    assertTrue(pending.exportJson.contains("case notes of Erik Lund"), pending.exportJson)
                    assertEquals(0uL, a.pendingChanges())
                    // The next sync shows the stranded note to the server, which keeps it for the
                    // supervisor to accept; it is reported once, and stays listed here, saying so.
                    assertTrue(a.sync(null).rejected.isEmpty(), "reported once")
                    val kept = a.pending().refused
                    assertEquals(pending.refused.map { it.docId to it.what }, kept.map { it.docId to it.what }, "and still kept")
                    assertTrue(kept.all { it.reason.contains("supervisor") }, kept.map { it.reason }.toString())
                }
            }
        }
    }

    /**
     * A change the server cannot take (the phone was restored from a backup, so its step does
     * not follow Ana's last change to Erik's record) is named in the report and kept, listed
     * and exportable; the phone holds the team's record again.
     */
    @Test
    fun aRefusedChangeIsNamedInTheReportAndKeptInPending() {
        TestServer().use { server ->
            val team = server.team()
            val ana = server.user(team, "Ana Ruiz", "specialist")
            val dir = tempDir()
            val backup = tempDir()
            val erik = open(dir).use { a ->
                a.enroll(server.url, server.code(ana), "Ana's phone", null)
                val erik = a.createSeeker(SeekerInput(name = "Erik Lund"), null)
                a.sync(null)
                erik
            }
            dir.copyRecursively(backup, overwrite = true)
            val kept = open(dir).use { a ->
                val call = a.addStep(erik, step("Call the warehouse"))
                assertEquals(1uL, a.pendingChanges())
                assertEquals(1u, a.sync(null).sent)
                call
            }

            // The phone comes back from the backup; Ana writes a step again.
            dir.deleteRecursively()
            backup.copyRecursively(dir)
            open(dir).use { a ->
                a.addStep(erik, step("Visit the warehouse"))
                val report = a.sync(null)
                val refused = report.rejected.single()
                assertEquals(erik, refused.docId)
                assertEquals("job seeker Erik Lund", refused.record)
                assertEquals(listOf("plan.step.add"), refused.what)
                assertEquals("out_of_sequence", refused.code)
                assertTrue(refused.reason.isNotBlank())
                assertEquals(0u, report.sent)

                // Kept on the phone, named, with the change itself in the export.
                val pending = a.pending()
                assertTrue(pending.unsent.isEmpty(), "${pending.unsent}")
                val listed = pending.refused.single()
                assertEquals("job seeker Erik Lund", listed.record)
                assertEquals("plan.step.add", listed.what)
                assertEquals(refused.reason, listed.reason)
                assertTrue(pending.exportJson.contains("Erik Lund") && pending.exportJson.contains("\"change\""), pending.exportJson)
                assertEquals(0uL, a.pendingChanges())
                // The phone holds the team's record: the step the server has, not the refused one.
                assertEquals(listOf(kept), a.seeker(erik).steps.map { it.stepId })

                // The next sync refuses nothing new and the refused change stays listed.
                assertTrue(a.sync(null).rejected.isEmpty())
                assertEquals(1, a.pending().refused.size)
            }
        }
    }
}
