package org.fieldbook.app

import android.app.Application
import org.fieldbook.core.Fieldbook
import org.fieldbook.presentation.Session
import java.io.File

/** Opens the encrypted store once per process and schedules background sync. */
class FieldbookApp : Application() {
    lateinit var session: Session
        private set

    override fun onCreate() {
        super.onCreate()
        val path = File(noBackupFilesDir, "fieldbook.db").path
        session = Session(Fieldbook.open(path, KeyVault(this).storeKey()))
        SyncWorker.schedule(this)
    }
}
