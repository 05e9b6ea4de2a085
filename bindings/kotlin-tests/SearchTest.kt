package org.fieldbook.tests

import org.fieldbook.core.EmployerInput
import org.fieldbook.core.Fieldbook
import org.fieldbook.core.FieldbookException
import org.fieldbook.core.SeekerInput
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertThrows
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import java.io.File
import java.nio.file.Files

/** The caseload's and the visit form's search boxes: names found by the start of their words. */
class SearchTest {
    private val key = ByteArray(32) { (it * 11).toByte() }

    private fun tempStore(): File = File(Files.createTempDirectory("fieldbook-search").toFile(), "phone.db")

    private fun Fieldbook.seekerNames(text: String) = findSeekers(text).map { it.name }

    @Test
    fun jobSeekersAreFoundByNamePrefixIgnoringCaseAndAccents() {
        Fieldbook.open(tempStore().path, key).use { fb ->
            val jose = fb.createSeeker(SeekerInput(name = "José Álvarez"), null)
            fb.createSeeker(SeekerInput(name = "Josefina Ruiz"), null)
            fb.createSeeker(SeekerInput(name = "Ana María López", preferredName = "Mari"), null)
            fb.createSeeker(SeekerInput(name = "Erik Lund"), null)

            assertEquals(setOf("José Álvarez", "Josefina Ruiz"), fb.seekerNames("jose").toSet())
            assertEquals(listOf("José Álvarez"), fb.seekerNames("JOSE ALV"), "every word must match")
            assertEquals(listOf("José Álvarez"), fb.seekerNames("alvarez"), "a surname, without its accent")
            assertEquals(listOf("Ana María López"), fb.seekerNames("lopez maria"), "words in any order")
            val byPreferred = fb.findSeekers("mari").single()
            assertEquals("Mari", byPreferred.displayName, "found by the preferred name too")
            assertEquals(emptyList<String>(), fb.seekerNames("rik"), "the start of a word, not its middle")
            assertEquals(jose, fb.findSeekers("josé á").single().id)

            // A renamed job seeker is found by the new name only.
            fb.updateProfile(jose, SeekerInput(name = "José Alvarado"))
            assertEquals(listOf("José Alvarado"), fb.seekerNames("alva"))
            assertTrue(fb.seekerNames("alvarez").isEmpty())

            val blank = assertThrows(FieldbookException.Invalid::class.java) { fb.findSeekers(" -- ") }
            assertEquals("name", blank.field)
        }
    }

    @Test
    fun employersAreFoundTheSameWayAndNotMixedWithJobSeekers() {
        Fieldbook.open(tempStore().path, key).use { fb ->
            val cafe = fb.createEmployer(EmployerInput(name = "Café Olé"))
            fb.createEmployer(EmployerInput(name = "Maple Street Bakery"))
            fb.createSeeker(SeekerInput(name = "Olena Cafferty"), null)
            assertEquals(listOf(cafe), fb.findEmployers("cafe").map { it.id })
            assertEquals(listOf("Café Olé"), fb.findEmployers("OLE").map { it.name })
            assertEquals(listOf("Olena Cafferty"), fb.seekerNames("ole"), "no employer among job seekers")
            assertTrue(fb.findEmployers("bakeries").isEmpty())
        }
    }
}
