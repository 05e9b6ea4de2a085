package org.fieldbook.presentation

import org.fieldbook.core.EmployerInput
import org.fieldbook.core.Fieldbook
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import java.io.File
import java.nio.file.Files

/** A store that cannot be opened is a screen with a reset, not a crash at every start. */
class PhoneStoreTest {
    /** The key as the Keystore would keep it: here a byte array that a test can lose. */
    private class KeptKey(var bytes: ByteArray?) : StoreKey {
        var made = 0
        override fun get(): ByteArray = bytes ?: ByteArray(32) { 9 }.also { bytes = it; made++ }
        override fun forget() {
            bytes = null
        }
    }

    @Test
    fun aLostKeyShowsWhyAndTheResetGivesAnEmptyPhoneToEnrollAgain() {
        val dir = Files.createTempDirectory("phone").toFile()
        val key = KeptKey(ByteArray(32) { 1 })
        val first = PhoneStore(dir, key).open() as StoreState.Open
        first.session.fieldbook.createEmployer(EmployerInput(name = "Maple Street Bakery"))
        first.session.close()
        first.session.fieldbook.close()

        // The Keystore lost the key (the phone's security settings were reset, say).
        key.bytes = ByteArray(32) { 2 }
        val phone = PhoneStore(dir, key)
        val failed = phone.open() as StoreState.Failed
        assertEquals(
            "This phone's Fieldbook data could not be unlocked: its key does not match. Work that was synced is safe on the server. " +
                "To use Fieldbook again, reset this phone and enroll it with a new code.",
            failed.message,
        )
        assertTrue(failed.shell.resetWarning.contains("including work that was not synced yet"), failed.shell.resetWarning)
        assertTrue(File(dir, "fieldbook.db").exists(), "nothing is erased without the reset")

        val reset = phone.reset() as StoreState.Open
        assertEquals(1, key.made, "a new key was made")
        assertTrue(reset.session.fieldbook.employers().isEmpty(), "an empty store")
        assertFalse(reset.session.fieldbook.identity().enrolled, "the phone is enrolled again from scratch")
        reset.session.fieldbook.close()
    }

    @Test
    fun aKeyThatCannotBeReadIsAScreenTooAndTheResetErasesTheWalAndShm() {
        val dir = Files.createTempDirectory("phone").toFile()
        val store = PhoneStore(dir, KeptKey(ByteArray(32) { 1 }))
        val open = store.open() as StoreState.Open
        open.session.fieldbook.createEmployer(EmployerInput(name = "Diner"))
        assertTrue(store.files.count { it.exists() } >= 2, "the database and its WAL")
        open.session.fieldbook.close()

        val broken = object : StoreKey {
            var broken = true
            override fun get(): ByteArray = if (broken) error("KeyPermanentlyInvalidatedException") else ByteArray(32) { 5 }
            override fun forget() {
                broken = false
            }
        }
        val phone = PhoneStore(dir, broken)
        assertEquals(
            "The key that unlocks this phone's Fieldbook data could not be read. Work that was synced is safe on the server. " +
                "To use Fieldbook again, reset this phone and enroll it with a new code.",
            (phone.open() as StoreState.Failed).message,
        )
        val reset = phone.reset() as StoreState.Open
        assertTrue(reset.session.fieldbook.employers().isEmpty())
        reset.session.fieldbook.close()
        Fieldbook.open(File(dir, "fieldbook.db").path, ByteArray(32) { 5 }).use { assertTrue(it.employers().isEmpty()) }
    }
}
