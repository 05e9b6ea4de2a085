package org.fieldbook.presentation

import org.fieldbook.core.presentation.FormKind

/** Where the person is: a tab, or a record opened from one. */
sealed class Place {
    data class Tab(val screen: Screen) : Place()
    data class SeekerPlan(val from: Screen, val seekerId: String) : Place()
    data class EmployerDetail(val from: Screen, val employerId: String) : Place()
    /** A shared form (add, edit, void), opened from a tab or a record; Back returns to the tab. */
    data class Form(val from: Screen, val kind: FormKind) : Place()

    /** The tab this place belongs to (highlighted in the bottom bar). */
    val tab: Screen
        get() = when (this) {
            is Tab -> screen
            is SeekerPlan -> from
            is EmployerDetail -> from
            is Form -> from
        }
}

/**
 * Where the system Back button goes: from an opened record to its tab, from any other tab to
 * the first one, and from the first tab out of the app. Kept in the screen's ViewModel, so it
 * survives the Activity being recreated.
 */
class Navigation(private val screens: () -> List<Screen>) {
    val place = Observable<Place>(Place.Tab(screens().first()))

    fun tab(screen: Screen) {
        place.value = Place.Tab(screen)
    }

    fun openSeeker(seekerId: String) {
        place.value = Place.SeekerPlan(place.value.tab, seekerId)
    }

    fun openEmployer(employerId: String) {
        place.value = Place.EmployerDetail(place.value.tab, employerId)
    }

    fun openForm(kind: FormKind) {
        place.value = Place.Form(place.value.tab, kind)
    }

    /** Whether Back stays in the app (the app's handler is on) or leaves it. */
    val canGoBack: Boolean get() = place.value != Place.Tab(screens().first())

    /** Goes one step back; returns false when already at the first tab (Back leaves the app). */
    fun back(): Boolean {
        val now = place.value
        place.value = when {
            now !is Place.Tab -> Place.Tab(now.tab)
            now.screen != screens().first() -> Place.Tab(screens().first())
            else -> return false
        }
        return true
    }

    /** After enrolling again (another person, other screens): start at the first tab. */
    fun reset() {
        place.value = Place.Tab(screens().first())
    }
}
