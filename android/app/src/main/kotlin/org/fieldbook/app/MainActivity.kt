package org.fieldbook.app

import android.content.Intent
import android.os.Build
import android.os.Bundle
import android.provider.Settings
import android.view.WindowManager
import androidx.activity.compose.setContent
import androidx.activity.viewModels
import androidx.compose.foundation.layout.Box
import androidx.compose.foundation.layout.fillMaxSize
import androidx.compose.runtime.getValue
import androidx.compose.runtime.mutableStateOf
import androidx.compose.runtime.setValue
import androidx.compose.ui.Modifier
import androidx.fragment.app.FragmentActivity
import org.fieldbook.app.ui.FieldbookUi
import org.fieldbook.app.ui.LockedScreen
import org.fieldbook.app.ui.PrivacyCover
import org.fieldbook.app.ui.StoreErrorScreen
import org.fieldbook.app.ui.asState
import org.fieldbook.presentation.StoreState
import android.net.ConnectivityManager
import android.net.NetworkCapabilities

/** The only activity: the lock, then the app's navigation. */
class MainActivity : FragmentActivity() {
    private val app get() = application as FieldbookApp

    /** Survives the Activity's recreation: the open screen's place and a half-typed visit. */
    private val screens: ScreensViewModel by viewModels()

    /** Drawn over everything while the activity is not resumed. */
    private var covered by mutableStateOf(false)

    override fun onCreate(savedInstanceState: Bundle?) {
        super.onCreate(savedInstanceState)
        // Job seekers' records stay out of screenshots, screen recordings, casting to
        // non-secure displays and the app switcher's thumbnail (WindowManager.LayoutParams
        // .FLAG_SECURE: "treat the content of the window as secure, preventing it from
        // appearing in screenshots or from being viewed on non-secure displays").
        window.setFlags(WindowManager.LayoutParams.FLAG_SECURE, WindowManager.LayoutParams.FLAG_SECURE)
        // API 33+: also tell the system never to take the recents screenshot of this activity
        // (Activity.setRecentsScreenshotEnabled); it shows the window background instead.
        if (Build.VERSION.SDK_INT >= Build.VERSION_CODES.TIRAMISU) setRecentsScreenshotEnabled(false)
        setContent {
            Box(Modifier.fillMaxSize()) {
                val lock by app.lock.state.asState()
                val store by app.store.state.asState()
                if (!lock.locked) {
                    when (val s = store) {
                        is StoreState.Open ->
                            FieldbookUi(s.session, s.sync, screens, online = ::online, onActivity = app.lock::touched, onVisitSaved = { SyncWorker.soon(this) })
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
                // The privacy cover, drawn over the app (not instead of it, so nothing typed is
                // lost) while it is not in front: the app switcher open, another app in front
                // in split screen.
                if (covered) PrivacyCover()
            }
        }
    }

    override fun onPause() {
        super.onPause()
        covered = true
    }

    /** Whether the phone has a network that reaches the internet now (for the sync indicator). */
    private fun online(): Boolean {
        // ConnectivityManager.getNetworkCapabilities(activeNetwork), API 23+.
        val connectivity = getSystemService(ConnectivityManager::class.java) ?: return false
        val capabilities = connectivity.getNetworkCapabilities(connectivity.activeNetwork) ?: return false
        return capabilities.hasCapability(NetworkCapabilities.NET_CAPABILITY_INTERNET)
    }

    override fun onResume() {
        super.onResume()
        covered = false
        // The phone's language may have changed while the app was away: the shared screens
        // follow it, and the reminders are planned again in it.
        (app.store.state.value as? StoreState.Open)?.let { open ->
            open.session.followPhoneLanguage()
            Reminders.plan(this, open.session)
        }
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
