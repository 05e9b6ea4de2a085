package org.fieldbook.tests

import org.fieldbook.core.Fieldbook
import org.fieldbook.core.SeekerInput
import org.fieldbook.core.presentation.Language
import org.fieldbook.core.presentation.languageForPhone
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Test
import java.io.File
import java.nio.file.Files

/** The apps speak the first of the phone's languages they are written in, and switch at once. */
class LanguageTest {
    private val key = ByteArray(32) { (it * 7).toByte() }

    @Test
    fun thePhonesFirstWrittenLanguageIsSpoken() {
        assertEquals(Language.SPANISH, languageForPhone(listOf("fr-FR", "es-US")))
        assertEquals(Language.ENGLISH, languageForPhone(listOf("de-DE")))
    }

    @Test
    fun thePendingLineFollowsTheChosenLanguage() {
        val path = File(Files.createTempDirectory("fieldbook-language").toFile(), "phone.db").path
        Fieldbook.open(path, key).use { fb ->
            val screens = fb.screens(Language.ENGLISH)
            assertNull(screens.pendingLine())
            fb.createSeeker(SeekerInput(name = "Ana López"), null)
            val count = fb.pendingChanges()
            assertEquals("$count changes waiting to sync", screens.pendingLine())
            screens.setLanguage(Language.SPANISH)
            assertEquals("$count cambios pendientes de sincronizar", screens.pendingLine())
        }
    }
}
