package org.fieldbook.presentation

data class SyncState(
    val lastSync: String = "never",
    /** "3 changes waiting to sync" or "Everything is synced". */
    val pending: String = "",
    val running: Boolean = false,
    /** The last outcome or error, in plain words. */
    val message: String? = null,
    /** The phone was revoked and wiped: the app returns to enrollment. */
    val mustEnroll: Boolean = false,
)

/** Sync status, and the sync itself (called by the background worker or "Sync now"). */
class SyncModel(private val session: Session) {
    val state = Observable(SyncState())

    init {
        refresh(null)
    }

    private fun refresh(message: String?, mustEnroll: Boolean = false) {
        val fb = session.fieldbook
        val pending = try { fb.pendingChanges().toLong() } catch (e: Exception) { 0L }
        state.value = SyncState(
            lastSync = try { Words.time(fb.lastSync(), session.today()) } catch (e: Exception) { "never" },
            pending = when (pending) {
                0L -> "Everything is synced"
                1L -> "1 change waiting to sync"
                else -> "$pending changes waiting to sync"
            },
            message = message,
            mustEnroll = mustEnroll || !fb.identity().enrolled,
        )
    }

    /** Syncs now (blocking: call off the UI thread). Returns whether it worked. */
    fun syncNow(): Boolean {
        state.value = state.value.copy(running = true, message = null)
        return try {
            val r = session.fieldbook.sync(null)
            val refused = if (r.rejected.isEmpty()) "" else " ${r.rejected.size} change(s) were refused: ${r.rejected.joinToString("; ") { it.reason }}."
            refresh("Synced: sent ${r.sent}, received ${r.received}.$refused")
            r.rejected.isEmpty()
        } catch (e: Exception) {
            refresh(Words.error(e))
            false
        }
    }
}
