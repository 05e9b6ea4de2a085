package org.fieldbook.presentation

import org.fieldbook.core.presentation.ScreenException
import org.fieldbook.core.presentation.SeekerScreen

/** The job seeker screen's state: the shared screen, or why it cannot be shown, in words. */
data class SeekerState(val screen: SeekerScreen? = null, val unavailable: String? = null)

/**
 * One job seeker's screen from the shared presentation: profile, plan, jobs (an ended job
 * reads as ended), supports, notes, path so far, and the actions this person may take — none
 * on a job seeker's own phone. Refreshed whenever records change.
 */
class SeekerModel(private val session: Session, private val seekerId: String) : AutoCloseable {
    val state = Observable(SeekerState())

    private val stopWatching = session.onChange(::refresh)

    init {
        refresh()
    }

    fun refresh() {
        state.value = try {
            SeekerState(screen = session.presentation.seeker(seekerId, session.utcOffsetMinutes()))
        } catch (e: ScreenException.Unavailable) {
            SeekerState(unavailable = e.words)
        }
    }

    /**
     * Marks a step done today (a specialist's action; the screen offers it only when it lists
     * actions). A refusal is shown in the shared catalogue's words.
     */
    fun completeStep(stepId: String) {
        try {
            session.fieldbook.completeStep(seekerId, stepId, null)
        } catch (e: Exception) {
            state.value = state.value.copy(unavailable = session.problem(e))
        }
    }

    override fun close() = stopWatching()
}
