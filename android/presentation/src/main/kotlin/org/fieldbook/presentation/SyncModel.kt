package org.fieldbook.presentation

data class SyncState(
    val lastSync: String = "never",
    /** "3 changes waiting to sync" or "Everything is synced". */
    val pending: String = "",
    val running: Boolean = false,
    /** What the last sync did — here or in the background — or why it failed, in plain words. */
    val message: String? = null,
    /**
     * Work kept on this phone that the team's record does not hold (refused by the server, or
     * its record left the phone first), a line per record, newest first. It stays listed until
     * the record holds it.
     */
    val refused: List<RefusedLine> = emptyList(),
    /** The phone was revoked and wiped: the app returns to enrollment. */
    val mustEnroll: Boolean = false,
)

/**
 * Sync status, and the sync itself. One per process: the "Sync now" button and the background
 * worker both call [sync], so a background sync's result shows on the screen as it ends, and
 * [LastSyncFile] keeps it for the next start of the app.
 */
class SyncModel(private val session: Session, private val lastSync: LastSyncFile? = null) {
    val state = Observable(SyncState())

    init {
        session.onChange { refresh() }
        refresh()
    }

    /** Reads the status again: pending changes, refused work, the last sync's result. */
    fun refresh() {
        val fb = session.fieldbook
        val today = session.today()
        val pending = try { fb.pendingChanges().toLong() } catch (e: Exception) { 0L }
        val refused = try { SyncWords.refused(fb.pending().refused, today) } catch (e: Exception) { emptyList() }
        val last = lastSync?.load()
        state.value = state.value.copy(
            lastSync = try { Words.time(fb.lastSync(), today) } catch (e: Exception) { "never" },
            pending = when (pending) {
                0L -> "Everything is synced"
                1L -> "1 change waiting to sync"
                else -> "$pending changes waiting to sync"
            },
            message = last?.let { SyncWords.summary(it, today) } ?: state.value.message,
            refused = refused,
            mustEnroll = !fb.identity().enrolled,
        )
    }

    /**
     * Syncs now (blocking: call off the UI thread) and keeps what it did. Two callers at once
     * (the button and the worker) take turns.
     */
    @Synchronized
    fun sync(background: Boolean = false): LastSync {
        state.value = state.value.copy(running = true)
        val last = try {
            LastSync.of(session.fieldbook.sync(null), background)
        } catch (e: Exception) {
            LastSync.failed(e, background)
        }
        try {
            lastSync?.save(last)
        } catch (e: Exception) {
            // Only the saved summary is lost; the screen below still says it.
        }
        state.value = state.value.copy(running = false, message = SyncWords.summary(last, session.today()))
        refresh()
        if (last.mustEnroll) state.value = state.value.copy(mustEnroll = true)
        return last
    }

    /** [sync] from the "Sync now" button: whether it ran to the end with nothing refused. */
    fun syncNow(): Boolean = sync(background = false).clean
}
