package org.fieldbook.app

import android.app.Application
import android.content.res.Configuration
import android.os.LocaleList
import android.os.SystemClock
import org.fieldbook.presentation.LockModel
import org.fieldbook.presentation.PhoneLocales
import org.fieldbook.presentation.PhoneStore
import org.fieldbook.presentation.StoreState

/**
 * Opens the encrypted store once per process and schedules background sync. A store that
 * cannot be opened is not a crash at every start (a crash loop with no way out): the app
 * shows why and offers the reset ([PhoneStore]).
 */
class FieldbookApp : Application() {
    /**
     * The store in the no-backup directory, with its key in the Android Keystore. When open,
     * it holds the one sync of the process: the background worker and the sync screen share
     * it, so a background sync's result is on the screen, and its summary (counts, no names)
     * is kept in the no-backup directory for the next start.
     */
    lateinit var store: PhoneStore
        private set

    /**
     * The app's lock, one per process: an Activity recreated by turning the phone, dark mode
     * or a font-size change keeps it unlocked. Timed on the monotonic clock (not the wall
     * clock, which the person can change).
     */
    val lock = LockModel { SystemClock.elapsedRealtime() }

    override fun onCreate() {
        super.onCreate()
        // Every language the person listed, in their order (android.os.LocaleList, API 24+;
        // toLanguageTags() joins the tags with commas). getDefault(), not getAdjustedDefault():
        // the system may have moved a language it does not support (Somali, Hmong) down the
        // list, and Fieldbook speaks those.
        PhoneLocales.preferred = { LocaleList.getDefault().toLanguageTags().split(',').filter { it.isNotBlank() } }
        store = PhoneStore(noBackupFilesDir, KeyVault(this))
        SyncNotice.createChannel(this)
        Reminders.createChannel(this)
        if (store.open() is StoreState.Open) SyncWorker.schedule(this)
    }

    /**
     * The device's configuration changed while the process runs (Application is a
     * ComponentCallbacks: called whatever the activities declare). When the phone's language
     * changed, the shared presentation follows it at once, for the screens and for what the
     * background sync words (its notice), even with no activity open.
     */
    override fun onConfigurationChanged(newConfig: Configuration) {
        super.onConfigurationChanged(newConfig)
        open?.session?.followPhoneLanguage()
    }

    /** The open store, or `null` while the app shows why it could not be opened. */
    val open: StoreState.Open? get() = store.state.value as? StoreState.Open
}
