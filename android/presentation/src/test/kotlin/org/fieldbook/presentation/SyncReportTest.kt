package org.fieldbook.presentation

import org.fieldbook.core.Fieldbook
import org.fieldbook.core.FieldbookException
import org.fieldbook.core.RefusedChangeView
import org.fieldbook.core.SeekerInput
import org.fieldbook.core.StepInput
import org.fieldbook.core.StepOwner
import org.fieldbook.tests.TestServer
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import java.io.File
import java.nio.file.Files
import java.time.LocalDate
import java.time.OffsetDateTime
import java.time.ZoneId
import java.util.concurrent.CopyOnWriteArrayList

/**
 * A background sync's result reaches the person (issue 14): the sync screen says what the last
 * sync did — also after the app was closed — names refused work, and a notification without
 * names tells them to look.
 */
class SyncReportTest {
    private val key = ByteArray(32) { 9 }

    private fun open(dir: File): Fieldbook = Fieldbook.open(File(dir, "phone.db").path, key)

    private fun step(what: String) = StepInput(what = what, who = StepOwner.SPECIALIST, due = null)

    @Test
    fun aBackgroundSyncsRefusalIsOnTheSyncScreenByNameAndKeptAcrossARestart() {
        TestServer().use { server ->
            val ana = server.user(server.team(), "Ana Ruiz", "specialist")
            val phone = Files.createTempDirectory("phone").toFile()
            val backup = Files.createTempDirectory("backup").toFile()
            val lastSync = LastSyncFile(File(phone, "last-sync.properties"))
            val erik = open(phone).use { fb ->
                fb.enroll(server.url, server.code(ana), "Ana's phone", null)
                fb.createSeeker(SeekerInput(name = "Erik Lund"), null).also { fb.sync(null) }
            }
            // Ana's phone is restored from a backup taken before her last step reached the server.
            phone.copyRecursively(backup, overwrite = true)
            open(phone).use { fb ->
                fb.addStep(erik, step("Call the warehouse"))
                fb.sync(null)
            }
            phone.deleteRecursively()
            backup.copyRecursively(phone)

            open(phone).use { fb ->
                val session = Session(fb)
                val screen = SyncModel(session, lastSync)
                val shown = CopyOnWriteArrayList<SyncState>()
                screen.state.observe { shown.add(it) }
                fb.addStep(erik, step("Visit the warehouse"))
                assertEquals("1 change waiting to sync", screen.state.value.pending)

                // The worker syncs on its own thread, through the same model the screen watches.
                var last: LastSync? = null
                val worker = Thread { last = screen.sync(background = true) }
                worker.start()
                worker.join()
                val result = last!!
                assertEquals(1, result.refused)
                assertEquals(0, result.sent)
                assertFalse(result.retry, "a refusal is not retried")
                assertFalse(result.clean)

                val state = screen.state.value
                assertTrue(shown.any { it.running }, "the screen showed the sync running")
                assertFalse(state.running)
                val summary = state.message!!
                assertTrue(summary.startsWith("Synced today at ") && summary.contains(" (in the background): sent 0 records, received "), summary)
                assertTrue(summary.endsWith(" Work on 1 record was not accepted: see below."), summary)
                val refused = state.refused.single()
                assertEquals("A new plan step for job seeker Erik Lund", refused.what)
                assertTrue(refused.why.isNotBlank() && refused.why.endsWith("."), refused.why)
                assertTrue(refused.`when`.startsWith("refused today at "), refused.`when`)
                assertEquals("Everything is synced", state.pending)

                // The notification tells Ana to look, and names nobody on a locked screen.
                val notice = SyncWords.notice(result)!!
                assertEquals("Some of your work was not accepted", notice.title)
                assertEquals(
                    "Work on 1 record did not reach your team's record. It is kept on this phone: open Fieldbook to see what and why.",
                    notice.text,
                )
                assertFalse(File(phone, "last-sync.properties").readText().contains("Erik"), "no name outside the encrypted store")
                session.close()
            }

            // The app starts again: the screen says what the last sync did and lists the work.
            open(phone).use { fb ->
                val session = Session(fb)
                val screen = SyncModel(session, lastSync)
                assertTrue(screen.state.value.message!!.endsWith("Work on 1 record was not accepted: see below."), screen.state.value.message)
                assertEquals("A new plan step for job seeker Erik Lund", screen.state.value.refused.single().what)

                // A clean sync later: its own summary, and the refused work stays listed.
                assertTrue(screen.syncNow())
                val message = screen.state.value.message!!
                assertTrue(message.startsWith("Synced today at ") && message.endsWith(": sent 0 records, received 0."), message)
                assertNull(SyncWords.notice(lastSync.load()!!), "nothing to tell outside the app")
                assertEquals(1, screen.state.value.refused.size)
                session.close()
            }
        }
    }

    @Test
    fun onlyPassingFailuresAreRetriedAndARevokedPhoneIsToldOutsideTheApp() {
        fun failed(e: Throwable) = LastSync.failed(e, background = true)
        assertTrue(failed(FieldbookException.Network("connection refused")).retry)
        assertTrue(failed(FieldbookException.Server(503u, "unavailable", "restarting")).retry)
        assertTrue(failed(FieldbookException.Server(429u, "slow_down", "too many")).retry)
        assertFalse(failed(FieldbookException.Server(400u, "bad_request", "x")).retry)
        // A sync cut short after its rounds goes on next time; a damaged answer is not storage.
        val incomplete = failed(FieldbookException.Incomplete("the server had more"))
        assertTrue(incomplete.retry)
        assertEquals("The sync stopped before it was done. Nothing was lost; sync again to finish it.", incomplete.error)
        val malformed = failed(FieldbookException.Malformed("sync answer", "not gzip"))
        assertFalse(malformed.retry)
        assertFalse(malformed.error!!.contains("storage"), malformed.error)
        assertNull(SyncWords.notice(failed(FieldbookException.Network("x"))), "no connection is not news")

        val revoked = failed(FieldbookException.DeviceRevoked())
        assertFalse(revoked.retry)
        assertTrue(revoked.mustEnroll)
        assertEquals(
            Notice("Fieldbook needs you", "This phone was removed from Fieldbook and its data was erased. Ask your supervisor for a new code."),
            SyncWords.notice(revoked),
        )
    }

    @Test
    fun theLastSyncIsKeptWholeAndAnUnreadableFileIsNoSync() {
        val dir = Files.createTempDirectory("last-sync").toFile()
        val file = LastSyncFile(File(dir, "last-sync.properties"))
        assertNull(file.load())
        val at = OffsetDateTime.parse("2026-11-30T09:05:00-06:00")
        val last = LastSync(at.toString(), background = true, sent = 3, received = 2, removed = 1, refused = 1, failed = 1)
        file.save(last)
        assertEquals(last, file.load())
        val failure = LastSync.failed(FieldbookException.Network("x"), background = false, at = at)
        file.save(failure)
        assertEquals(failure, file.load())
        assertEquals(listOf("last-sync.properties"), dir.list()!!.toList(), "no temporary file left")
        File(dir, "last-sync.properties").writeText("sent=many\n")
        assertNull(file.load())

        val today = LocalDate.parse("2026-11-30")
        assertEquals(
            "Synced today at 09:05 (in the background): sent 3 records, received 2, 1 record left this phone. " +
                "Work on 1 record was not accepted: see below. 1 record could not be read and will be asked for again.",
            SyncWords.summary(last, today, ZoneId.of("America/Chicago")),
        )
    }

    @Test
    fun refusedChangesAreListedOncePerRecordWithEachChangeSaid() {
        val left = "the record left this phone (reassigned, or no longer shared with you) before this change reached the server"
        fun change(doc: String, record: String, what: String?) = RefusedChangeView(doc, record, what, left, "2026-11-30T15:00:00+00:00")
        val lines = SyncWords.refused(
            listOf(
                change("notes-erik", "case notes of Erik Lund", "note.add"),
                change("notes-erik", "case notes of Erik Lund", null),
                change("notes-erik", "case notes of Erik Lund", "note.add"),
                change("erik", "job seeker Erik Lund", "plan.step.add"),
                change("erik", "job seeker Erik Lund", "plan.step.done"),
                change("erik", "job seeker Erik Lund", "visit.log"),
                change("mystery", "job seeker Ana Lima", null),
            ),
            LocalDate.parse("2026-11-30"),
        )
        assertEquals(
            listOf(
                "A new case note for case notes of Erik Lund",
                "A new plan step, a plan step marked done and a visit for job seeker Erik Lund",
                "A change for job seeker Ana Lima",
            ),
            lines.map { it.what },
        )
        assertEquals("The record left this phone (reassigned, or no longer shared with you) before this change reached the server.", lines[0].why)
    }

    @Test
    fun timesFromTheCoreReadOnThePhonesClock() {
        val today = LocalDate.parse("2026-11-30")
        // The core stamps the last sync in UTC; in Minnesota 03:15 UTC is the evening before.
        assertEquals("yesterday at 21:15", Words.time("2026-11-30T03:15:00+00:00", today, ZoneId.of("America/Chicago")))
        assertEquals("today at 03:15", Words.time("2026-11-30T03:15:00+00:00", today, ZoneId.of("UTC")))
    }
}
