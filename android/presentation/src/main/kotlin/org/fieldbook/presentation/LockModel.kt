package org.fieldbook.presentation

import org.fieldbook.core.presentation.LockProblem
import org.fieldbook.core.presentation.lockProblemWords

/**
 * What unlocks the app, by Android version. androidx.biometric refuses some pairs on some
 * versions (its `PromptInfo.Builder.setAllowedAuthenticators` documentation: "BIOMETRIC_STRONG |
 * DEVICE_CREDENTIAL is unsupported on API 28-29", and `build()` throws there), so API 28 and 29
 * take any biometric class or the PIN; every other version a strong biometric or the PIN.
 */
enum class UnlockWith { STRONG_BIOMETRIC_OR_PIN, WEAK_BIOMETRIC_OR_PIN }

data class LockState(
    val locked: Boolean = true,
    /** What to tell the person on the locked screen, `null` while nothing went wrong. */
    val message: String? = null,
    /** The phone has no screen lock: the locked screen offers the phone's security settings. */
    val needsScreenLock: Boolean = false,
)

/**
 * The app's lock: locked at start and after five minutes without use; the phone's biometric
 * or PIN unlocks. One per process (held by the Application, not the Activity), so turning the
 * phone, dark mode or a font-size change — which recreate the Activity — do not lock again.
 *
 * The prompt opens by itself once per locking; after the person cancels it, it opens again
 * only from the Unlock button (an automatic prompt on every resume would reopen as soon as it
 * closed).
 */
class LockModel(
    private val timeoutMs: Long = 5 * 60 * 1000,
    private val clock: () -> Long,
) {
    val state = Observable(LockState())
    private var lastUse = Long.MIN_VALUE
    private var prompting = false
    private var promptedSinceLock = false

    /** Which authenticators to ask for on Android [sdk] (`Build.VERSION.SDK_INT`). */
    fun unlockWith(sdk: Int): UnlockWith =
        if (sdk == 28 || sdk == 29) UnlockWith.WEAK_BIOMETRIC_OR_PIN else UnlockWith.STRONG_BIOMETRIC_OR_PIN

    /** The person did something in the app. */
    fun touched() {
        if (!state.value.locked) lastUse = clock()
    }

    /** Locks when the app was not used for the timeout (called when the app comes back). */
    fun checkTimeout() {
        if (!state.value.locked && clock() - lastUse > timeoutMs) {
            state.value = LockState(locked = true)
            promptedSinceLock = false
        }
    }

    /** Whether to open the prompt by itself now (on resume): once per locking. */
    fun shouldPromptNow(): Boolean = state.value.locked && !prompting && !promptedSinceLock && !state.value.needsScreenLock

    /** The prompt is opening (by itself or from the Unlock button). */
    fun prompting() {
        prompting = true
        promptedSinceLock = true
        state.value = state.value.copy(message = null)
    }

    fun unlocked() {
        prompting = false
        state.value = LockState(locked = false)
        lastUse = clock()
    }

    /** The phone has no PIN, pattern or password (checked before prompting, or the prompt said so). */
    fun noScreenLock() = failed(LockProblem.NO_SCREEN_LOCK)

    fun failed(why: LockProblem) {
        prompting = false
        state.value = LockState(
            locked = true,
            needsScreenLock = why == LockProblem.NO_SCREEN_LOCK,
            message = lockProblemWords(why, phoneLanguage()),
        )
    }

    /** Back from the phone's settings: a screen lock may have been set, so the prompt may open again. */
    fun screenLockMayHaveChanged() {
        if (state.value.needsScreenLock) {
            state.value = LockState(locked = true)
            promptedSinceLock = false
        }
    }
}
