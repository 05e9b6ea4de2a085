package org.fieldbook.presentation

import org.fieldbook.core.FieldbookException
import org.fieldbook.core.SyncReportView
import org.fieldbook.core.failedSync
import org.fieldbook.core.finishedSync
import org.fieldbook.core.presentation.LastSync
import org.fieldbook.core.presentation.SyncFailure
import java.io.File
import java.time.OffsetDateTime
import java.util.Properties

/**
 * What the last sync did, as the app keeps it: the shared presentation's [LastSync] (counts
 * and the kind of failure, never a name nor a sentence), worded when shown so it follows the
 * phone's language of the moment.
 */
object LastSyncs {
    /** A sync that ran to the end with [report]. */
    fun of(report: SyncReportView, background: Boolean, at: OffsetDateTime = OffsetDateTime.now()): LastSync =
        finishedSync(report, background, at.toString())

    /** A sync that failed with [e]; anything but the core's own error is the phone's storage. */
    fun failed(e: Throwable, background: Boolean, at: OffsetDateTime = OffsetDateTime.now()): LastSync =
        if (e is FieldbookException) failedSync(e, background, at.toString())
        else LastSync(at.toString(), background, 0u, 0u, 0u, 0u, 0u, SyncFailure.STORAGE, 0u)
}

/**
 * The last sync on disk (a small properties file in the app's no-backup directory), written
 * whole to a temporary file and renamed, so a crash never leaves half of one.
 */
class LastSyncFile(private val file: File) {
    fun save(last: LastSync) {
        val p = Properties()
        p["at"] = last.at
        p["background"] = last.background.toString()
        p["sent"] = last.sent.toString()
        p["received"] = last.received.toString()
        p["removed"] = last.removed.toString()
        p["refused"] = last.refused.toString()
        p["failed"] = last.failed.toString()
        last.failure?.let { p["failure"] = it.name }
        p["serverStatus"] = last.serverStatus.toString()
        file.parentFile?.mkdirs()
        val temp = File(file.path + ".tmp")
        temp.outputStream().use { p.store(it, "Fieldbook: the last sync") }
        if (!temp.renameTo(file)) {
            file.delete()
            check(temp.renameTo(file)) { "could not write $file" }
        }
    }

    /** The last sync saved, or `null` when none was (or the file is unreadable). */
    fun load(): LastSync? {
        if (!file.isFile) return null
        return try {
            val p = Properties().apply { file.inputStream().use { load(it) } }
            fun count(key: String) = p.getProperty(key)?.toUInt() ?: 0u
            LastSync(
                at = p.getProperty("at") ?: return null,
                background = p.getProperty("background") == "true",
                sent = count("sent"),
                received = count("received"),
                removed = count("removed"),
                refused = count("refused"),
                failed = count("failed"),
                failure = p.getProperty("failure")?.let { SyncFailure.valueOf(it) },
                serverStatus = p.getProperty("serverStatus")?.toUShort() ?: 0u,
            )
        } catch (e: Exception) {
            null
        }
    }
}
