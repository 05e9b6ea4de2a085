package org.fieldbook.app

import android.app.Application
import android.os.SystemClock
import org.fieldbook.presentation.LockModel
import org.fieldbook.core.Fieldbook
import org.fieldbook.presentation.LastSyncFile
import org.fieldbook.presentation.Session
import org.fieldbook.presentation.SyncModel
import java.io.File

/** Opens the encrypted store once per process and schedules background sync. */
class FieldbookApp : Application() {
    lateinit var session: Session
        private set

    /**
     * The one sync of the process: the background worker and the sync screen share it, so a
     * background sync's result is on the screen, and its summary (counts, no names) is kept
     * in the no-backup directory for the next start.
     */
    lateinit var sync: SyncModel
        private set

    /**
     * The app's lock, one per process: an Activity recreated by turning the phone, dark mode
     * or a font-size change keeps it unlocked. Timed on the monotonic clock (not the wall
     * clock, which the person can change).
     */
    val lock = LockModel { SystemClock.elapsedRealtime() }

    override fun onCreate() {
        super.onCreate()
        val path = File(noBackupFilesDir, "fieldbook.db").path
        session = Session(Fieldbook.open(path, KeyVault(this).storeKey()))
        sync = SyncModel(session, LastSyncFile(File(noBackupFilesDir, "last-sync.properties")))
        SyncNotice.createChannel(this)
        SyncWorker.schedule(this)
    }
}
