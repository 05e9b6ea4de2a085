package org.fieldbook.presentation

import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test

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
}
