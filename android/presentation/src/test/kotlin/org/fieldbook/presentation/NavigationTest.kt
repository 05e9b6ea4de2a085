package org.fieldbook.presentation

import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.fieldbook.core.presentation.FormKind
import org.fieldbook.core.presentation.RowAction

/** Where the system Back button goes. */
class NavigationTest {
    private val specialist = listOf(Screen.CASELOAD, Screen.LOG_VISIT, Screen.EMPLOYERS, Screen.WEEK, Screen.SYNC)

    @Test
    fun backGoesFromARecordToItsTabThenToTheFirstTabThenLeaves() {
        val nav = Navigation { specialist }
        assertFalse(nav.canGoBack, "on the first tab Back leaves the app")
        nav.tab(Screen.EMPLOYERS)
        nav.openEmployer("e1")
        assertEquals(Place.EmployerDetail(Screen.EMPLOYERS, "e1"), nav.place.value)
        assertEquals(Screen.EMPLOYERS, nav.place.value.tab, "the bottom bar still shows Employers")
        assertTrue(nav.canGoBack)

        assertTrue(nav.back())
        assertEquals(Place.Tab(Screen.EMPLOYERS), nav.place.value)
        assertTrue(nav.back())
        assertEquals(Place.Tab(Screen.CASELOAD), nav.place.value)
        assertFalse(nav.back(), "Back now leaves the app")
        assertEquals(Place.Tab(Screen.CASELOAD), nav.place.value)
    }

    @Test
    fun aJobSeekersPhoneStartsAndEndsOnTheirPlan() {
        var screens = specialist
        val nav = Navigation { screens }
        nav.openSeeker("s1")
        assertEquals(Place.SeekerPlan(Screen.CASELOAD, "s1"), nav.place.value)
        screens = listOf(Screen.MY_PLAN, Screen.SYNC) // enrolled again, as a job seeker
        nav.reset()
        assertEquals(Place.Tab(Screen.MY_PLAN), nav.place.value)
        nav.tab(Screen.SYNC)
        assertTrue(nav.back())
        assertEquals(Place.Tab(Screen.MY_PLAN), nav.place.value)
    }

    @Test
    fun aRowActionOpensItsSharedFormAndBackOrSavingReturnsToTheJobSeeker() {
        val nav = Navigation { specialist }
        nav.openSeeker("s1")
        val erik = nav.place.value
        // The Rust mapping decides the form: ending a job opens the job end form.
        nav.openRowAction(RowAction.EndJob(seekerId = "s1", jobId = "j1"))
        assertEquals(Place.Form(Screen.CASELOAD, FormKind.JobEnd(seekerId = "s1", jobId = "j1"), erik), nav.place.value)
        assertTrue(nav.back())
        assertEquals(erik, nav.place.value, "back on Erik's screen, not the caseload")

        nav.openRowAction(RowAction.VoidNote(seekerId = "s1", noteId = "n1"))
        assertEquals(FormKind.VoidNote(seekerId = "s1", noteId = "n1"), (nav.place.value as Place.Form).kind)
        nav.back()
        // Correcting a visit is the visit form, started from the visit.
        nav.openRowAction(RowAction.CorrectVisit(employerId = "e1", visitId = "v1"))
        assertEquals(Place.VisitCorrection(Screen.CASELOAD, "e1", "v1", erik), nav.place.value)
        assertTrue(nav.back())
        assertEquals(erik, nav.place.value)
        assertTrue(nav.back())
        assertEquals(Place.Tab(Screen.CASELOAD), nav.place.value)
    }

    @Test
    fun aFormOpenedFromAnEmployerReturnsToTheEmployer() {
        val nav = Navigation { specialist }
        nav.tab(Screen.EMPLOYERS)
        nav.openEmployer("e1")
        nav.openForm(FormKind.EditContact(employerId = "e1", contactId = "c1"))
        assertTrue(nav.back())
        assertEquals(Place.EmployerDetail(Screen.EMPLOYERS, "e1"), nav.place.value)
        // A form opened from a tab goes back to the tab.
        nav.tab(Screen.CASELOAD)
        nav.openForm(FormKind.Seeker)
        assertTrue(nav.back())
        assertEquals(Place.Tab(Screen.CASELOAD), nav.place.value)
    }
}
