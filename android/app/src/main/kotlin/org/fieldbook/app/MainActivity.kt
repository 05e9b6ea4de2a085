package org.fieldbook.app

import android.content.Intent
import android.content.res.Configuration
import android.os.Build
import android.os.Bundle
import android.provider.Settings
import android.view.WindowManager
import androidx.activity.compose.setContent
import androidx.activity.viewModels
import androidx.compose.foundation.layout.Box
import androidx.compose.foundation.layout.fillMaxSize
import androidx.compose.runtime.getValue
import androidx.compose.runtime.key
import androidx.compose.runtime.mutableStateOf
import androidx.compose.runtime.setValue
import androidx.compose.ui.Modifier
import androidx.fragment.app.FragmentActivity
import org.fieldbook.app.ui.FieldbookUi
import org.fieldbook.app.ui.LockedScreen
import org.fieldbook.app.ui.PrivacyCover
import org.fieldbook.app.ui.StoreErrorScreen
import org.fieldbook.app.ui.asState
import org.fieldbook.core.presentation.Language
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

    /**
     * The language the shared screens speak; when it changes the screens are built again in
     * it (the models re-read their words), while the ViewModel keeps what was half typed.
     */
    private var language by mutableStateOf<Language?>(null)

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
        language = app.open?.session?.presentation?.language()
        setContent {
            Box(Modifier.fillMaxSize()) {
                val lock by app.lock.state.asState()
                val store by app.store.state.asState()
                if (!lock.locked) {
                    when (val s = store) {
                        is StoreState.Open -> key(language) {
                            FieldbookUi(s.session, s.sync, screens, online = ::online, onActivity = app.lock::touched, onVisitSaved = { SyncWorker.soon(this) })
                        }
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

    /**
     * The phone's language (or, on API 33+, this app's own language chosen in the system
     * settings) changed while the app is open. The manifest declares `locale|layoutDirection`
     * in `configChanges`, so the system calls this instead of recreating the activity (both
     * are needed: a locale change also changes the layout direction's bit): nothing typed is
     * lost, and the shared screens follow the new language at once.
     */
    override fun onConfigurationChanged(newConfig: Configuration) {
        super.onConfigurationChanged(newConfig)
        followPhoneLanguage()
    }

    /**
     * Words the shared screens in the phone's language now (`Screens.set_language` through
     * the session): the open screens are built again, the kept forms re-read their words.
     */
    private fun followPhoneLanguage() {
        val open = app.store.state.value as? StoreState.Open ?: return
        open.session.followPhoneLanguage()
        val now = open.session.presentation.language()
        if (now != language) {
            language = now
            screens.refreshForms()
        }
    }

    override fun onResume() {
        super.onResume()
        covered = false
        // The phone's language may have changed while the app was away (the activity then
        // gets no configuration change): the shared screens follow it, and the reminders are
        // planned again in it.
        followPhoneLanguage()
        (app.store.state.value as? StoreState.Open)?.let { open -> Reminders.plan(this, open.session) }
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
