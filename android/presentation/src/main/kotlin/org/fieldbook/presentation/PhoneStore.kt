package org.fieldbook.presentation

import org.fieldbook.core.Fieldbook
import org.fieldbook.core.FieldbookException
import java.io.File

/** The store's key as the platform keeps it (Android Keystore, iOS Keychain). */
interface StoreKey {
    /** The key, made and saved on first use; throws when it cannot be read or saved. */
    fun get(): ByteArray

    /** Forgets the key, so the next [get] makes a new one (for a reset only). */
    fun forget()
}

/** The store, open, or why it is not. */
sealed class StoreState {
    class Open(val session: Session, val sync: SyncModel) : StoreState()

    /** The store could not be opened: the app shows [message] and offers the reset. */
    data class Failed(val message: String) : StoreState() {
        /** The warning shown before the reset, which cannot be undone. */
        val resetWarning: String
            get() = "Reset erases everything Fieldbook keeps on this phone, including work that was not synced yet, " +
                "and disconnects it from the server. You will need a new code from your supervisor. This cannot be undone."
    }
}

/**
 * Opens the encrypted store in [dir] once per process. A store that cannot be opened (a key
 * the phone lost, a damaged file) is not a crash at every start: the state says why, and
 * [reset] erases the store and its key so the phone can be enrolled again.
 */
class PhoneStore(private val dir: File, private val key: StoreKey) {
    val state = Observable<StoreState>(StoreState.Failed("Fieldbook is starting."))

    private val database get() = File(dir, "fieldbook.db")

    /** Every file the store and the sync summary use: the database and SQLite's WAL and SHM. */
    val files: List<File>
        get() = listOf(database, File(dir, "fieldbook.db-wal"), File(dir, "fieldbook.db-shm"), File(dir, LAST_SYNC))

    /** Opens the store (again); the outcome is [state]. */
    fun open(): StoreState {
        (state.value as? StoreState.Open)?.let { return it }
        state.value = try {
            val session = Session(Fieldbook.open(database.path, key.get()))
            StoreState.Open(session, SyncModel(session, LastSyncFile(File(dir, LAST_SYNC))))
        } catch (e: FieldbookException.WrongKey) {
            StoreState.Failed("This phone's Fieldbook data could not be unlocked: its key does not match. " + RESET_ADVICE)
        } catch (e: FieldbookException) {
            StoreState.Failed("This phone's Fieldbook data could not be opened (${problemIn(phoneLanguage(), e)}). " + RESET_ADVICE)
        } catch (e: Exception) {
            // The platform's key store failed (a key invalidated by a security change, say).
            StoreState.Failed("The key that unlocks this phone's Fieldbook data could not be read. " + RESET_ADVICE)
        }
        return state.value
    }

    /**
     * Erases the store, its key and the sync summary, then opens a new, empty store: the
     * phone is as new and must be enrolled again. Only when the store could not be opened.
     */
    fun reset(): StoreState {
        if (state.value is StoreState.Open) return state.value
        try {
            key.forget()
        } catch (e: Exception) {
            // A key that cannot be removed is replaced below when the new one is saved.
        }
        val left = files.filter { it.exists() && !it.delete() }
        if (left.isNotEmpty()) {
            state.value = StoreState.Failed("The phone did not let Fieldbook erase ${left.joinToString { it.name }}. Restart the phone and try again.")
            return state.value
        }
        return open()
    }

    private companion object {
        const val LAST_SYNC = "last-sync.properties"
        const val RESET_ADVICE = "Work that was synced is safe on the server. To use Fieldbook again, reset this phone and enroll it with a new code."
    }
}
