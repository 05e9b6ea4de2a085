package org.fieldbook.app

import android.content.Intent
import android.os.Bundle
import android.provider.Settings
import androidx.activity.compose.setContent
import androidx.activity.viewModels
import androidx.compose.runtime.getValue
import androidx.fragment.app.FragmentActivity
import org.fieldbook.app.ui.FieldbookUi
import org.fieldbook.app.ui.LockedScreen
import org.fieldbook.app.ui.StoreErrorScreen
import org.fieldbook.app.ui.asState
import org.fieldbook.presentation.StoreState

/** The only activity: the lock, then the app's navigation. */
class MainActivity : FragmentActivity() {
    private val app get() = application as FieldbookApp

    /** Survives the Activity's recreation: the open screen's place and a half-typed visit. */
    private val screens: ScreensViewModel by viewModels()

    override fun onCreate(savedInstanceState: Bundle?) {
        super.onCreate(savedInstanceState)
        setContent {
            val lock by app.lock.state.asState()
            val store by app.store.state.asState()
            if (!lock.locked) {
                when (val s = store) {
                    is StoreState.Open ->
                        FieldbookUi(s.session, s.sync, screens, onActivity = app.lock::touched, onVisitSaved = { SyncWorker.soon(this) })
                    is StoreState.Failed -> StoreErrorScreen(s) {
                        if (app.store.reset() is StoreState.Open) SyncWorker.schedule(this)
                    }
                }
            } else {
                LockedScreen(
                    lock,
                    onUnlock = { AppLock.unlock(this, app.lock) },
                    // Settings.ACTION_SECURITY_SETTINGS: where a PIN, pattern or password is set (API 1).
                    onOpenSettings = { startActivity(Intent(Settings.ACTION_SECURITY_SETTINGS)) },
                )
            }
        }
    }

    override fun onResume() {
        super.onResume()
        // The lock lives in the Application: an Activity recreated by turning the phone, dark
        // mode or a font-size change finds it unlocked and does not ask again.
        app.lock.screenLockMayHaveChanged()
        app.lock.checkTimeout()
        if (app.lock.shouldPromptNow()) AppLock.unlock(this, app.lock)
    }

    override fun onUserInteraction() {
        super.onUserInteraction()
        app.lock.touched()
    }
}
