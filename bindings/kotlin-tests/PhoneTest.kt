package org.fieldbook.tests

import org.fieldbook.core.ContactMode
import org.fieldbook.core.EmployerInput
import org.fieldbook.core.Fieldbook
import org.fieldbook.core.FieldbookException
import org.fieldbook.core.LogLevel
import org.fieldbook.core.LogLine
import org.fieldbook.core.LogSink
import org.fieldbook.core.SeekerInput
import org.fieldbook.core.SyncProgressListener
import org.fieldbook.core.SyncProgressView
import org.fieldbook.core.VisitInput
import org.fieldbook.core.VisitPurpose
import org.fieldbook.core.setLogSink
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertThrows
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import java.io.File
import java.nio.file.Files
import java.util.Random
import java.util.concurrent.CopyOnWriteArrayList

/** A responsive phone (#14) from Kotlin: the core's log in the app's sink, a sync cancelled. */
class PhoneTest {
    private companion object {
        const val EMPLOYERS = 24
    }

    private fun tempStore(): File = File(Files.createTempDirectory("fieldbook-phone").toFile(), "phone.db")

    private fun visit(employer: String, outcome: String) = VisitInput(
        employerId = employer,
        mode = ContactMode.IN_PERSON,
        purpose = VisitPurpose.LEARN_BUSINESS_NEEDS,
        seekerIds = emptyList(),
        outcome = outcome,
    )

    @Test
    fun theCoresLogReachesTheAppAtItsLevelWithoutNames() {
        val lines = CopyOnWriteArrayList<LogLine>()
        TestServer().use { server ->
            val team = server.team()
            val ana = server.user(team, "Ana", "specialist")
            Fieldbook.open(tempStore().path, null).use { fb ->
                setLogSink(object : LogSink {
                    override fun log(line: LogLine) { lines.add(line) }
                }, LogLevel.INFO)
                try {
                    val erik = fb.createSeeker(SeekerInput(name = "Erik Lund"), null)
                    fb.addNote(erik, "Erik talked about his depression")
                    fb.enroll(server.url, server.code(ana), "Ana's phone", null)
                    val report = fb.sync(null)
                    val finished = lines.first { it.message.startsWith("sync finished") }
                    assertEquals(LogLevel.INFO, finished.level)
                    assertTrue(finished.message.contains(" sent=${report.sent} "), finished.message)
                    assertTrue(lines.none { it.level == LogLevel.DEBUG || it.level == LogLevel.TRACE })
                    assertTrue(lines.none { it.message.contains("Erik") || it.message.contains("depression") })
                } finally {
                    setLogSink(null, LogLevel.ERROR)
                }
            }
        }
    }

    @Test
    fun aCancelledSyncStopsAndTheNextOneFinishesIt() {
        TestServer().use { server ->
            val team = server.team()
            val ana = server.user(team, "Ana", "specialist")
            val luis = server.user(team, "Luis", "specialist")
            // Ana's phone fills the team with several 4 MB answer pages of visit notes (12 MB).
            Fieldbook.open(tempStore().path, null).use { a ->
                a.enroll(server.url, server.code(ana), "Ana's phone", null)
                val random = Random(14)
                val letters = "abcdefghijklmnopqrstuvwxyz0123456789 "
                repeat(EMPLOYERS) { e ->
                    val employer = a.createEmployer(EmployerInput(name = "Employer $e"))
                    repeat(50) {
                        val note = String(CharArray(9_900) { letters[random.nextInt(letters.length)] })
                        a.logVisit(visit(employer, note))
                    }
                }
                a.sync(null)
            }
            Fieldbook.open(tempStore().path, null).use { b ->
                b.enroll(server.url, server.code(luis), "Luis's phone", null)
                assertFalse(b.cancelSync(), "no sync is running")
                // The app's "stop" after the first page, from the sync's own progress report.
                assertThrows(FieldbookException.Cancelled::class.java) {
                    b.sync(object : SyncProgressListener {
                        override fun progress(progress: SyncProgressView) {
                            assertTrue(b.cancelSync())
                        }
                    })
                }
                val partly = b.employers()
                assertTrue(partly.isNotEmpty() && partly.size < EMPLOYERS, "part of the team: ${partly.size}")
                assertTrue(partly.all { it.visits == 50u }, "whole records only")
                assertTrue(b.lastSync() == null)

                b.sync(null)
                assertEquals(EMPLOYERS, b.employers().size)
                assertTrue(b.employers().all { it.visits == 50u })
                assertFalse(b.lastSync() == null)
            }
        }
    }
}
