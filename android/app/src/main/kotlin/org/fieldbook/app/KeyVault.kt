package org.fieldbook.app

import android.content.Context
import android.security.keystore.KeyGenParameterSpec
import android.security.keystore.KeyProperties
import android.util.Base64
import java.io.IOException
import java.security.KeyStore
import java.security.SecureRandom
import javax.crypto.Cipher
import javax.crypto.KeyGenerator
import javax.crypto.SecretKey
import javax.crypto.spec.GCMParameterSpec
import org.fieldbook.presentation.StoreKey

/**
 * The store's 32-byte key, made once at random and kept wrapped by an AES key that never
 * leaves the Android Keystore. Without this phone's Keystore the store file is unreadable.
 */
class KeyVault(context: Context) : StoreKey {
    private val prefs = context.getSharedPreferences("fieldbook.key", Context.MODE_PRIVATE)

    override fun get(): ByteArray {
        val wrapped = prefs.getString(WRAPPED, null)
        val iv = prefs.getString(IV, null)
        if (wrapped != null && iv != null) {
            val cipher = Cipher.getInstance(TRANSFORM)
            cipher.init(Cipher.DECRYPT_MODE, wrappingKey(), GCMParameterSpec(128, Base64.decode(iv, Base64.NO_WRAP)))
            return cipher.doFinal(Base64.decode(wrapped, Base64.NO_WRAP))
        }
        val key = ByteArray(32).also { SecureRandom().nextBytes(it) }
        val cipher = Cipher.getInstance(TRANSFORM)
        cipher.init(Cipher.ENCRYPT_MODE, wrappingKey())
        // commit(), not apply(): apply() writes to disk later, so a crash on first launch could
        // lose the only copy of the key while the store is already encrypted with it. commit()
        // writes now and "returns true if the new values were successfully written to
        // persistent storage" (SharedPreferences.Editor reference); false stops here, before
        // the store is made with a key that was not kept.
        val saved = prefs.edit()
            .putString(WRAPPED, Base64.encodeToString(cipher.doFinal(key), Base64.NO_WRAP))
            .putString(IV, Base64.encodeToString(cipher.iv, Base64.NO_WRAP))
            .commit()
        if (!saved) throw IOException("The store key could not be saved on this phone.")
        return key
    }

    /**
     * Forgets the key for a reset: the wrapped copy (commit(), so it is gone before the store
     * is erased) and the Keystore's wrapping key (KeyStore.deleteEntry).
     */
    override fun forget() {
        prefs.edit().clear().commit()
        KeyStore.getInstance(KEYSTORE).apply { load(null) }.deleteEntry(ALIAS)
    }

    private fun wrappingKey(): SecretKey {
        val store = KeyStore.getInstance(KEYSTORE).apply { load(null) }
        (store.getEntry(ALIAS, null) as? KeyStore.SecretKeyEntry)?.let { return it.secretKey }
        val generator = KeyGenerator.getInstance(KeyProperties.KEY_ALGORITHM_AES, KEYSTORE)
        generator.init(
            KeyGenParameterSpec.Builder(ALIAS, KeyProperties.PURPOSE_ENCRYPT or KeyProperties.PURPOSE_DECRYPT)
                .setBlockModes(KeyProperties.BLOCK_MODE_GCM)
                .setEncryptionPaddings(KeyProperties.ENCRYPTION_PADDING_NONE)
                .setKeySize(256)
                .build(),
        )
        return generator.generateKey()
    }

    private companion object {
        const val KEYSTORE = "AndroidKeyStore"
        const val ALIAS = "fieldbook-store-key"
        const val TRANSFORM = "AES/GCM/NoPadding"
        const val WRAPPED = "wrapped"
        const val IV = "iv"
    }
}
