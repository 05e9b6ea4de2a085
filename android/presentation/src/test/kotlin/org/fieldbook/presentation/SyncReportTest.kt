package org.fieldbook.presentation

import org.fieldbook.core.Fieldbook
import org.fieldbook.core.FieldbookException
import org.fieldbook.core.SeekerInput
import org.fieldbook.core.StepInput
import org.fieldbook.core.StepOwner
import org.fieldbook.core.presentation.Language
import org.fieldbook.core.presentation.LastSync
import org.fieldbook.core.presentation.SyncFailure
import org.fieldbook.core.presentation.SyncNotice
import org.fieldbook.tests.TestServer
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import java.io.File
import java.nio.file.Files
import java.time.OffsetDateTime
import java.util.concurrent.CopyOnWriteArrayList

/**
 * A background sync's result reaches the person (issue 14): the sync screen says what the last
 * sync did — also after the app was closed — names refused work, and a notification without
 * names tells them to look. Every word is the shared presentation's (issue 18).
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
                var result: SyncResult? = null
                val worker = Thread { result = screen.sync(background = true) }
                worker.start()
                worker.join()
                val (last, words) = result!!
                assertEquals(1u, last.refused)
                assertEquals(0u, last.sent)
                assertFalse(words.retry, "a refusal is not retried")
                assertFalse(words.clean)

                val state = screen.state.value
                assertTrue(shown.any { it.running }, "the screen showed the sync running")
                assertFalse(state.running)
                val summary = state.message!!
                assertTrue(summary.startsWith("Synced in the background today, "), summary)
                assertTrue(summary.endsWith(" Work on 1 record was not accepted: see below."), summary)
                val refused = state.refused.single()
                assertEquals("Job seeker Erik Lund", refused.record)
                assertEquals("Plan step added", refused.what)
                assertTrue(refused.why.isNotBlank(), refused.why)
                assertEquals("1 change refused by the server", state.pending)

                // The notification tells Ana to look, and names nobody on a locked screen.
                assertEquals(
                    SyncNotice(
                        "Some of your work was not accepted",
                        "Work on 1 record did not reach your team's record. It is kept on this phone: open Fieldbook to see what and why.",
                    ),
                    words.notice,
                )
                assertFalse(File(phone, "last-sync.properties").readText().contains("Erik"), "no name outside the encrypted store")
                session.close()
            }

            // The app starts again: the screen says what the last sync did and lists the work.
            open(phone).use { fb ->
                val session = Session(fb)
                val screen = SyncModel(session, lastSync)
                assertTrue(screen.state.value.message!!.endsWith("Work on 1 record was not accepted: see below."), screen.state.value.message)
                assertEquals("Plan step added", screen.state.value.refused.single().what)

                // A clean sync later: its own summary, and the refused work stays listed.
                val clean = screen.sync(background = false)
                val message = screen.state.value.message!!
                assertTrue(message.startsWith("Synced today, ") && message.endsWith(". Nothing new to send or receive."), message)
                assertNull(clean.words.notice, "nothing to tell outside the app")
                assertEquals(1, screen.state.value.refused.size)

                // The phone's language changes: the kept sync and the page's labels follow.
                assertEquals("Sync now", screen.pageWords().syncNow)
                session.presentation.setLanguage(Language.SPANISH)
                screen.refresh()
                assertTrue(screen.state.value.message!!.startsWith("Sincronizado hoy, "), screen.state.value.message)
                assertEquals("Sincronizar ahora", screen.pageWords().syncNow)
                session.close()
            }
        }
    }

    @Test
    fun onlyPassingFailuresAreRetriedAndARevokedPhoneIsToldOutsideTheApp() {
        val phone = Files.createTempDirectory("phone").toFile()
        open(phone).use { fb ->
            val session = Session(fb)
            fun failed(e: Throwable) = session.presentation.syncReport(LastSyncs.failed(e, background = true), 0)
            assertTrue(failed(FieldbookException.Network("connection refused")).retry)
            assertTrue(failed(FieldbookException.Server(503u, "unavailable", "restarting")).retry)
            val tooMany = failed(FieldbookException.Server(429u, "rate_limited", "too many"))
            assertTrue(tooMany.retry)
            assertTrue(tooMany.summary.endsWith(". Too many tries. Wait a few minutes and try again."), tooMany.summary)
            assertFalse(failed(FieldbookException.Server(400u, "bad_request", "x")).retry)
            // A sync cut short after its rounds goes on next time; a damaged answer is not storage.
            val incomplete = failed(FieldbookException.Incomplete("the server had more"))
            assertTrue(incomplete.retry)
            assertTrue(
                incomplete.summary.endsWith(". The sync stopped before it was done. Sync again to continue; nothing was lost."),
                incomplete.summary,
            )
            val malformed = failed(FieldbookException.Malformed("sync answer", "not gzip"))
            assertFalse(malformed.retry)
            assertFalse(malformed.summary.contains("could not save"), malformed.summary)
            assertNull(failed(FieldbookException.Network("x")).notice, "no connection is not news")

            val revoked = failed(FieldbookException.DeviceRevoked())
            assertFalse(revoked.retry)
            assertTrue(revoked.mustEnroll)
            assertEquals(
                SyncNotice("Fieldbook needs you", "This phone was removed from the team and its records erased. Enroll it again to continue."),
                revoked.notice,
            )
            session.close()
        }
    }

    @Test
    fun theLastSyncIsKeptWholeAndAnUnreadableFileIsNoSync() {
        val dir = Files.createTempDirectory("last-sync").toFile()
        val file = LastSyncFile(File(dir, "last-sync.properties"))
        assertNull(file.load())
        val at = OffsetDateTime.parse("2026-11-30T09:05:00-06:00")
        val last = LastSync(at.toString(), true, 3u, 2u, 1u, 1u, 1u, null, 0u)
        file.save(last)
        assertEquals(last, file.load())
        val failure = LastSyncs.failed(FieldbookException.Server(429u, "rate_limited", "x"), background = false, at = at)
        assertEquals(SyncFailure.TOO_MANY_TRIES, failure.failure)
        file.save(failure)
        assertEquals(failure, file.load())
        assertEquals(listOf("last-sync.properties"), dir.list()!!.toList(), "no temporary file left")
        File(dir, "last-sync.properties").writeText("sent=many\n")
        assertNull(file.load())
    }
}
