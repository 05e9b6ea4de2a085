package org.fieldbook.presentation

import org.fieldbook.core.FieldbookException
import org.fieldbook.core.SyncReportView
import java.io.File
import java.time.OffsetDateTime
import java.util.Properties

/**
 * What the last sync did, from the "Sync now" button or the background worker, kept so the
 * sync screen can say it after the app was closed. It holds counts and plain words only,
 * never a name: whose records were refused stays in the encrypted store (`pending()`).
 */
data class LastSync(
    /** When it ended (RFC 3339). */
    val at: String,
    val background: Boolean,
    val sent: Int = 0,
    val received: Int = 0,
    /** Records that left this phone (reassigned, no longer shared). */
    val removed: Int = 0,
    /** Records whose changes were not accepted: named by `Fieldbook.pending()`. */
    val refused: Int = 0,
    /** Records that arrived but could not be merged; asked for again at the next sync. */
    val failed: Int = 0,
    /** Why the sync failed, in plain words; `null` when it ran to the end. */
    val error: String? = null,
    /** The failure passes by itself (no connection, the server busy): try again later. */
    val retry: Boolean = false,
    /** The phone was revoked and wiped: the app goes back to enrollment. */
    val mustEnroll: Boolean = false,
) {
    /** The sync ran to the end and nothing was refused. */
    val clean: Boolean get() = error == null && refused == 0

    companion object {
        fun of(report: SyncReportView, background: Boolean, at: OffsetDateTime = OffsetDateTime.now()) = LastSync(
            at = at.toString(),
            background = background,
            sent = report.sent.toInt(),
            received = report.received.toInt(),
            removed = report.removed.toInt(),
            refused = report.rejected.size,
            failed = report.failed.size,
        )

        fun failed(e: Throwable, background: Boolean, at: OffsetDateTime = OffsetDateTime.now()) = LastSync(
            at = at.toString(),
            background = background,
            error = Words.error(e),
            retry = passes(e),
            mustEnroll = e is FieldbookException.DeviceRevoked || e is FieldbookException.NotEnrolled,
        )

        /** Failures worth retrying with backoff: the network, or a server that is busy or down. */
        private fun passes(e: Throwable): Boolean = when (e) {
            is FieldbookException.Network, is FieldbookException.Incomplete -> true
            is FieldbookException.Server -> e.status.toInt() == 429 || e.status.toInt() >= 500
            else -> false
        }
    }
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
        last.error?.let { p["error"] = it }
        p["retry"] = last.retry.toString()
        p["mustEnroll"] = last.mustEnroll.toString()
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
            fun int(key: String) = p.getProperty(key)?.toInt() ?: 0
            fun bool(key: String) = p.getProperty(key) == "true"
            LastSync(
                at = p.getProperty("at") ?: return null,
                background = bool("background"),
                sent = int("sent"),
                received = int("received"),
                removed = int("removed"),
                refused = int("refused"),
                failed = int("failed"),
                error = p.getProperty("error"),
                retry = bool("retry"),
                mustEnroll = bool("mustEnroll"),
            )
        } catch (e: Exception) {
            null
        }
    }
}
