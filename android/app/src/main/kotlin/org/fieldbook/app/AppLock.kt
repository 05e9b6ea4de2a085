package org.fieldbook.app

import android.os.SystemClock
import androidx.biometric.BiometricManager.Authenticators.BIOMETRIC_STRONG
import androidx.biometric.BiometricManager.Authenticators.DEVICE_CREDENTIAL
import androidx.biometric.BiometricPrompt
import androidx.core.content.ContextCompat
import androidx.fragment.app.FragmentActivity

/**
 * Locks the app after five minutes without use: unlocking needs the fingerprint or face, or
 * the phone's PIN. Mental-health records must not be readable on a phone left on a table.
 */
class AppLock(private val timeoutMs: Long = 5 * 60 * 1000) {
    private var lastUse = 0L
    var locked = true
        private set

    fun touched() {
        lastUse = SystemClock.elapsedRealtime()
    }

    fun checkTimeout() {
        if (SystemClock.elapsedRealtime() - lastUse > timeoutMs) locked = true
    }

    fun unlock(activity: FragmentActivity, onUnlocked: () -> Unit) {
        val prompt = BiometricPrompt(
            activity,
            ContextCompat.getMainExecutor(activity),
            object : BiometricPrompt.AuthenticationCallback() {
                override fun onAuthenticationSucceeded(result: BiometricPrompt.AuthenticationResult) {
                    locked = false
                    touched()
                    onUnlocked()
                }
            },
        )
        prompt.authenticate(
            BiometricPrompt.PromptInfo.Builder()
                .setTitle("Unlock Fieldbook")
                .setAllowedAuthenticators(BIOMETRIC_STRONG or DEVICE_CREDENTIAL)
                .build(),
        )
    }
}
