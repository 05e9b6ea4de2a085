package org.fieldbook.presentation

import org.fieldbook.core.presentation.WeekScreen

/**
 * This week from the shared presentation: face-to-face employer contacts against the goal
 * (worded with the language's plural forms, and the progress bar's share), and the job
 * seekers near or past day 30 without an employer contact, by name.
 */
class WeekModel(private val session: Session) : AutoCloseable {
    val state = Observable<WeekScreen>(session.presentation.week(session.utcOffsetMinutes()))

    private val stopWatching = session.onChange(::refresh)

    /** Stops refreshing this screen: call when the screen goes. */
    override fun close() = stopWatching()

    fun refresh() {
        state.value = session.presentation.week(session.utcOffsetMinutes())
    }
}
