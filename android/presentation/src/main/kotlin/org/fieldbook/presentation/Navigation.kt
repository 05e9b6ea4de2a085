package org.fieldbook.presentation

import org.fieldbook.core.presentation.FormKind
import org.fieldbook.core.presentation.RowAction
import org.fieldbook.core.presentation.rowActionForm

/** Where the person is: a tab, or a record opened from one. */
sealed class Place {
    data class Tab(val screen: Screen) : Place()
    data class SeekerPlan(val from: Screen, val seekerId: String) : Place()
    data class EmployerDetail(val from: Screen, val employerId: String) : Place()
    /**
     * A shared form (add, edit, void), opened from a tab or from [opener] (the job seeker or
     * employer it belongs to); Back and saving return there.
     */
    data class Form(val from: Screen, val kind: FormKind, val opener: Place? = null) : Place()
    /** The visit form correcting a logged visit, opened from [opener] (a job seeker's row). */
    data class VisitCorrection(val from: Screen, val employerId: String, val visitId: String, val opener: Place? = null) : Place()

    /** The tab this place belongs to (highlighted in the bottom bar). */
    val tab: Screen
        get() = when (this) {
            is Tab -> screen
            is SeekerPlan -> from
            is EmployerDetail -> from
            is Form -> from
            is VisitCorrection -> from
        }

    /** Where Back and saving go from here: the record a form was opened from, else the tab. */
    val up: Place
        get() = when (this) {
            is Form -> opener ?: Tab(from)
            is VisitCorrection -> opener ?: Tab(from)
            else -> Tab(tab)
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

    /** Opens the form of [kind]; from a job seeker or an employer, Back and saving return there. */
    fun openForm(kind: FormKind) {
        val here = place.value
        place.value = Place.Form(here.tab, kind, here.takeIf { it is Place.SeekerPlan || it is Place.EmployerDetail })
    }

    /**
     * Opens what a row's action opens (the shared Rust mapping, `row_action_form`): its record
     * form, or the visit form correcting the visit. Back and saving return to this place.
     */
    fun openRowAction(action: RowAction) {
        val here = place.value
        val kind = rowActionForm(action)
        place.value = when {
            kind != null -> Place.Form(here.tab, kind, here)
            action is RowAction.CorrectVisit -> Place.VisitCorrection(here.tab, action.employerId, action.visitId, here)
            else -> return
        }
    }

    /** Whether Back stays in the app (the app's handler is on) or leaves it. */
    val canGoBack: Boolean get() = place.value != Place.Tab(screens().first())

    /** Goes one step back; returns false when already at the first tab (Back leaves the app). */
    fun back(): Boolean {
        val now = place.value
        place.value = when {
            now !is Place.Tab -> now.up
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
