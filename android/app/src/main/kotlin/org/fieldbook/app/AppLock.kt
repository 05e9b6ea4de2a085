package org.fieldbook.app

import android.app.KeyguardManager
import android.content.Context
import android.os.Build
import androidx.biometric.BiometricManager.Authenticators.BIOMETRIC_STRONG
import androidx.biometric.BiometricManager.Authenticators.BIOMETRIC_WEAK
import androidx.biometric.BiometricManager.Authenticators.DEVICE_CREDENTIAL
import androidx.biometric.BiometricPrompt
import androidx.core.content.ContextCompat
import androidx.fragment.app.FragmentActivity
import org.fieldbook.core.presentation.LockProblem
import org.fieldbook.core.presentation.shellWords
import org.fieldbook.presentation.phoneLanguage
import org.fieldbook.presentation.LockModel
import org.fieldbook.presentation.UnlockWith

/**
 * Shows the phone's own unlock (biometric or PIN) for the app's [LockModel]: mental-health
 * records must not be readable on a phone left on a table. Checked against the androidx
 * reference (androidx.biometric 1.1.0):
 * - `PromptInfo.Builder.setAllowedAuthenticators`: "BIOMETRIC_STRONG | DEVICE_CREDENTIAL is
 *   unsupported on API 28-29 … an error when calling build()" — [LockModel.unlockWith] picks
 *   BIOMETRIC_WEAK | DEVICE_CREDENTIAL there. With DEVICE_CREDENTIAL allowed no negative
 *   button may be set.
 * - `AuthenticationCallback.onAuthenticationError`: "an unrecoverable error … authentication
 *   has stopped"; its codes are `BiometricPrompt.ERROR_*`.
 * - `KeyguardManager.isDeviceSecure()` (API 23): whether a PIN, pattern or password is set; the
 *   androidx docs advise it over `canAuthenticate` for the credential before API 30.
 */
object AppLock {
    fun unlock(activity: FragmentActivity, lock: LockModel) {
        val keyguard = activity.getSystemService(Context.KEYGUARD_SERVICE) as KeyguardManager
        if (!keyguard.isDeviceSecure) {
            lock.noScreenLock()
            return
        }
        lock.prompting()
        val prompt = BiometricPrompt(
            activity,
            ContextCompat.getMainExecutor(activity),
            object : BiometricPrompt.AuthenticationCallback() {
                override fun onAuthenticationSucceeded(result: BiometricPrompt.AuthenticationResult) = lock.unlocked()

                override fun onAuthenticationError(errorCode: Int, errString: CharSequence) = lock.failed(failure(errorCode))
            },
        )
        val authenticators = when (lock.unlockWith(Build.VERSION.SDK_INT)) {
            UnlockWith.STRONG_BIOMETRIC_OR_PIN -> BIOMETRIC_STRONG or DEVICE_CREDENTIAL
            UnlockWith.WEAK_BIOMETRIC_OR_PIN -> BIOMETRIC_WEAK or DEVICE_CREDENTIAL
        }
        try {
            prompt.authenticate(
                BiometricPrompt.PromptInfo.Builder()
                    .setTitle(shellWords(phoneLanguage()).unlockPrompt)
                    .setAllowedAuthenticators(authenticators)
                    .build(),
            )
        } catch (e: IllegalArgumentException) {
            // build() refusing the pair on a version not foreseen: say so rather than crash.
            lock.failed(LockProblem.UNAVAILABLE)
        }
    }

    private fun failure(errorCode: Int): LockProblem = when (errorCode) {
        // "The device does not have pin, pattern, or password set up." (With the PIN allowed,
        // a missing biometric falls back to the PIN, so ERROR_NO_BIOMETRICS is not this.)
        BiometricPrompt.ERROR_NO_DEVICE_CREDENTIAL -> LockProblem.NO_SCREEN_LOCK
        BiometricPrompt.ERROR_USER_CANCELED,
        BiometricPrompt.ERROR_NEGATIVE_BUTTON,
        BiometricPrompt.ERROR_CANCELED,
        -> LockProblem.CANCELLED
        BiometricPrompt.ERROR_LOCKOUT,
        BiometricPrompt.ERROR_LOCKOUT_PERMANENT,
        -> LockProblem.TOO_MANY_TRIES
        else -> LockProblem.UNAVAILABLE
    }
}
