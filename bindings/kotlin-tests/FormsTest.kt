package org.fieldbook.tests

import org.fieldbook.core.Fieldbook
import org.fieldbook.core.presentation.FormKind
import org.fieldbook.core.presentation.Language
import org.fieldbook.core.presentation.SaveOutcome
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import java.io.File
import java.nio.file.Files

/** The shared record forms and sign-out through the real bindings, as the apps call them. */
class FormsTest {
    private val key = ByteArray(32) { (it * 17).toByte() }

    @Test
    fun aJobSeekerAddedThroughTheSharedFormIsNamedBeforeSignOutErasesThePhone() {
        val path = File(Files.createTempDirectory("fieldbook-forms").toFile(), "phone.db").path
        Fieldbook.open(path, key).use { fb ->
            val screens = fb.screens(Language.ENGLISH)
            val add = screens.recordForm(FormKind.Seeker)
            add.set("name", "Ana López")
            add.set("referral_date", "yesterday")
            assertTrue(add.save() is SaveOutcome.NotSaved)
            assertEquals(
                "The referral date “yesterday” is not a date like 2026-11-24.",
                add.state().fields.first { it.name == "referral_date" }.error,
            )
            add.set("referral_date", "2026-10-01")
            val saved = add.save()
            assertTrue(saved is SaveOutcome.Saved, "$saved")
            assertEquals(listOf("Ana López"), fb.caseload(null).map { it.displayName })

            val note = screens.recordForm(FormKind.Note((saved as SaveOutcome.Saved).id))
            note.set("text", "Asked about evening shifts")
            assertTrue(note.save() is SaveOutcome.Saved)

            val confirm = screens.signOutState()
            assertEquals(setOf("Job seeker Ana López", "Case notes about Ana López"), confirm.lost.toSet())
            assertEquals("Sync first", confirm.syncFirstLabel)
            assertNull(screens.signOut())
            assertTrue(fb.caseload(null).isEmpty(), "signing out erased the phone")
            assertEquals(emptyList<String>(), screens.signOutState().lost)
        }
    }
}
