package org.fieldbook.tests

import org.fieldbook.core.presentation.Language
import org.fieldbook.core.presentation.languageForPhone
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Test

/** The apps speak the first of the phone's languages they are written in. */
class LanguageTest {
    @Test
    fun thePhonesFirstWrittenLanguageIsSpoken() {
        assertEquals(Language.SPANISH, languageForPhone(listOf("fr-FR", "es-US")))
        assertEquals(Language.ENGLISH, languageForPhone(listOf("de-DE")))
    }
}
