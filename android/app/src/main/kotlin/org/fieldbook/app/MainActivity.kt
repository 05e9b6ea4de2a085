package org.fieldbook.app

import android.os.Bundle
import androidx.activity.compose.setContent
import androidx.compose.runtime.getValue
import androidx.compose.runtime.mutableStateOf
import androidx.compose.runtime.setValue
import androidx.fragment.app.FragmentActivity
import org.fieldbook.app.ui.FieldbookUi
import org.fieldbook.app.ui.LockedScreen

/** The only activity: the lock, then the app's navigation. */
class MainActivity : FragmentActivity() {
    private val lock = AppLock()
    private var unlocked by mutableStateOf(false)

    override fun onCreate(savedInstanceState: Bundle?) {
        super.onCreate(savedInstanceState)
        val app = application as FieldbookApp
        setContent {
            if (unlocked) {
                FieldbookUi(app.session, app.sync, onActivity = lock::touched, onVisitSaved = { SyncWorker.soon(this) })
            } else {
                LockedScreen(onUnlock = { lock.unlock(this) { unlocked = true } })
            }
        }
    }

    override fun onResume() {
        super.onResume()
        lock.checkTimeout()
        unlocked = !lock.locked
        if (lock.locked) lock.unlock(this) { unlocked = true }
    }

    override fun onUserInteraction() {
        super.onUserInteraction()
        lock.touched()
    }
}
