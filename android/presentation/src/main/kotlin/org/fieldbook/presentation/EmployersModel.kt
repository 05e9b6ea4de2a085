package org.fieldbook.presentation

import org.fieldbook.core.presentation.EmployerProblem
import org.fieldbook.core.presentation.EmployerScreen
import org.fieldbook.core.presentation.EmployersScreen

/** An employer's page from the shared presentation, or why it cannot be shown, in words. */
data class EmployerPage(val screen: EmployerScreen? = null, val unavailable: String? = null)

/**
 * The employers list (searchable through the core's name index) and an employer's page
 * (contacts and visits: when, how, why, what came of it), both worded by the shared
 * presentation in the phone's language.
 */
class EmployersModel(private val session: Session) : AutoCloseable {
    val state = Observable<EmployersScreen>(session.presentation.employers("", session.utcOffsetMinutes()))

    /** What the search box holds now. */
    var search: String = ""
        set(value) {
            field = value
            refresh()
        }

    private val stopWatching = session.onChange(::refresh)

    /** Stops refreshing this screen: call when the screen goes. */
    override fun close() = stopWatching()

    fun refresh() {
        state.value = session.presentation.employers(search, session.utcOffsetMinutes())
    }

    /** The page of [employerId]. */
    fun page(employerId: String): EmployerPage = try {
        EmployerPage(screen = session.presentation.employer(employerId, session.utcOffsetMinutes()))
    } catch (e: EmployerProblem.NotShown) {
        EmployerPage(unavailable = e.words)
    }
}
