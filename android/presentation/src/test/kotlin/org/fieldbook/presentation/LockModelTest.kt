package org.fieldbook.presentation

import org.fieldbook.core.presentation.LockProblem

import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test

/** The app lock's decisions: which authenticators per Android version, errors, the timeout. */
class LockModelTest {
    private var now = 0L
    private fun lock() = LockModel(timeoutMs = 5 * 60 * 1000) { now }

    @Test
    fun android9And10AskForAnyBiometricOrThePinBecauseTheStrongPairIsRefusedThere() {
        val lock = lock()
        assertEquals(UnlockWith.WEAK_BIOMETRIC_OR_PIN, lock.unlockWith(28))
        assertEquals(UnlockWith.WEAK_BIOMETRIC_OR_PIN, lock.unlockWith(29))
        for (sdk in listOf(26, 27, 30, 33, 35)) assertEquals(UnlockWith.STRONG_BIOMETRIC_OR_PIN, lock.unlockWith(sdk), "API $sdk")
    }

    @Test
    fun aPhoneWithoutAScreenLockIsToldWhatToDoInsteadOfStayingLockedSilently() {
        val lock = lock()
        assertTrue(lock.shouldPromptNow())
        lock.prompting()
        lock.noScreenLock()
        val s = lock.state.value
        assertTrue(s.locked)
        assertTrue(s.needsScreenLock, "the locked screen offers the phone's security settings")
        assertTrue(s.message!!.contains("Set a PIN, pattern or password"), s.message)
        assertFalse(lock.shouldPromptNow(), "no prompt that can only fail")

        // Back from settings with a PIN set: the prompt opens again by itself.
        lock.screenLockMayHaveChanged()
        assertFalse(lock.state.value.needsScreenLock)
        assertTrue(lock.shouldPromptNow())
        lock.prompting()
        lock.unlocked()
        assertFalse(lock.state.value.locked)
    }

    @Test
    fun aCancelledPromptDoesNotReopenByItselfOnEveryResume() {
        val lock = lock()
        lock.prompting()
        lock.failed(LockProblem.CANCELLED)
        assertEquals("Fieldbook is still locked. Tap Unlock when you are ready.", lock.state.value.message)
        assertFalse(lock.shouldPromptNow(), "the prompt closing resumes the Activity: it must not reopen at once")
        lock.prompting() // the Unlock button
        lock.unlocked()
        assertFalse(lock.state.value.locked)
        assertEquals(null, lock.state.value.message)
    }

    @Test
    fun theAppStaysUnlockedWhileUsedAndLocksAfterFiveIdleMinutes() {
        val lock = lock()
        lock.prompting()
        lock.unlocked()
        now += 4 * 60 * 1000
        lock.touched()
        now += 4 * 60 * 1000
        lock.checkTimeout() // e.g. the Activity recreated after turning the phone
        assertFalse(lock.state.value.locked, "used four minutes ago")
        now += 2 * 60 * 1000
        lock.checkTimeout()
        assertTrue(lock.state.value.locked, "six idle minutes")
        assertTrue(lock.shouldPromptNow(), "a new locking prompts once by itself")
    }
}
