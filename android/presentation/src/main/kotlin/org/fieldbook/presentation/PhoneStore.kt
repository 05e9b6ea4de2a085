package org.fieldbook.presentation

import org.fieldbook.core.Fieldbook
import org.fieldbook.core.FieldbookException
import org.fieldbook.core.presentation.ShellWords
import org.fieldbook.core.presentation.StoreProblem
import org.fieldbook.core.presentation.shellWords
import org.fieldbook.core.presentation.storeProblemWords
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

    /**
     * The store could not be opened: the app shows [message] and offers the reset, in the
     * words of [shell] (the shared catalogue's, in the phone's language).
     */
    data class Failed(val message: String, val shell: ShellWords = shellWords(phoneLanguage())) : StoreState()
}

/**
 * Opens the encrypted store in [dir] once per process. A store that cannot be opened (a key
 * the phone lost, a damaged file) is not a crash at every start: the state says why, and
 * [reset] erases the store and its key so the phone can be enrolled again.
 */
class PhoneStore(private val dir: File, private val key: StoreKey) {
    val state = Observable<StoreState>(StoreState.Failed(shellWords(phoneLanguage()).starting))

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
            failed(StoreProblem.WrongKey)
        } catch (e: FieldbookException) {
            failed(StoreProblem.Unreadable(problemIn(phoneLanguage(), e)))
        } catch (e: Exception) {
            // The platform's key store failed (a key invalidated by a security change, say).
            failed(StoreProblem.KeyUnreadable)
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
            state.value = failed(StoreProblem.EraseFailed(left.joinToString { it.name }))
            return state.value
        }
        return open()
    }

    private fun failed(problem: StoreProblem) = StoreState.Failed(storeProblemWords(problem, phoneLanguage()))

    private companion object {
        const val LAST_SYNC = "last-sync.properties"
    }
}
