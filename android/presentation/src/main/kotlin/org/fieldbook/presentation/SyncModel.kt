package org.fieldbook.presentation

import org.fieldbook.core.presentation.LastSync
import org.fieldbook.core.presentation.RefusedRow
import org.fieldbook.core.presentation.SyncLevel
import org.fieldbook.core.presentation.SyncPageWords
import org.fieldbook.core.presentation.SyncReportWords

data class SyncState(
    /** "Last synced today, 2:05 PM" or "Never synced". */
    val lastSync: String = "",
    /** "3 changes waiting to sync" or "Everything is synced". */
    val pending: String = "",
    val running: Boolean = false,
    /** What the last sync did — here or in the background — or why it failed, in plain words. */
    val message: String? = null,
    /**
     * Work kept on this phone that the team's record does not hold (refused by the server, or
     * its record left the phone first), a row per change by the name of its record, newest
     * first, as the shared changes screen words it. It stays listed until the record holds it.
     */
    val refused: List<RefusedRow> = emptyList(),
    /** The phone was revoked and wiped: the app returns to enrollment. */
    val mustEnroll: Boolean = false,
)

/** A sync's result: what it did, as the app keeps it, and in the phone's language. */
data class SyncResult(val last: LastSync, val words: SyncReportWords)

/**
 * Sync status, and the sync itself. One per process: the "Sync now" button and the background
 * worker both call [sync], so a background sync's result shows on the screen as it ends, and
 * [LastSyncFile] keeps it for the next start of the app. Every word comes from the shared
 * presentation; the last sync is worded when shown, in the language of the moment.
 */
class SyncModel(private val session: Session, private val lastSync: LastSyncFile? = null) {
    val state = Observable(SyncState())

    /** The last sync of this process, when the file could not keep it. */
    @Volatile private var latest: LastSync? = null

    init {
        session.onChange { refresh() }
        refresh()
    }

    private fun words(last: LastSync): SyncReportWords =
        session.presentation.syncReport(last, session.utcOffsetMinutes())

    /** Reads the status again: pending changes, refused work, the last sync's result. */
    fun refresh() {
        val fb = session.fieldbook
        val offset = session.utcOffsetMinutes()
        // Online as far as this screen goes: the always-visible indicator says when it is not.
        val indicator = session.presentation.syncIndicator(true, offset)
        // The changes screen walks every record for conflicts (tens of ms on a full phone):
        // built only when the indicator says something was refused.
        val refused = if (indicator.state == SyncLevel.REFUSED) session.presentation.changes(offset).refused else emptyList()
        val last = latest ?: lastSync?.load()
        state.value = state.value.copy(
            lastSync = indicator.lastSync ?: "",
            pending = indicator.line,
            message = last?.let { words(it).summary } ?: state.value.message,
            refused = refused,
            mustEnroll = !fb.identity().enrolled,
        )
    }

    /**
     * Syncs now (blocking: call off the UI thread) and keeps what it did. Two callers at once
     * (the button and the worker) take turns.
     */
    @Synchronized
    fun sync(background: Boolean = false): SyncResult {
        state.value = state.value.copy(running = true)
        val last = try {
            LastSyncs.of(session.fieldbook.sync(null), background)
        } catch (e: Exception) {
            LastSyncs.failed(e, background)
        }
        latest = last
        try {
            lastSync?.save(last)
        } catch (e: Exception) {
            // Only the saved summary is lost; the screen below still says it.
        }
        val words = words(last)
        state.value = state.value.copy(running = false, message = words.summary)
        refresh()
        if (words.mustEnroll) state.value = state.value.copy(mustEnroll = true)
        return SyncResult(last, words)
    }

    /** The sync page's own labels ("Sync now", ...), in the phone's language. */
    fun pageWords(): SyncPageWords = session.presentation.syncPageWords()

    /** [sync] from the "Sync now" button: whether it ran to the end with nothing refused. */
    fun syncNow(): Boolean = sync(background = false).words.clean
}
