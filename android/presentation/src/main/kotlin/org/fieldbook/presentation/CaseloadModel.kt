package org.fieldbook.presentation

import org.fieldbook.core.presentation.CaseloadScreen
import org.fieldbook.core.presentation.SyncIndicator

/**
 * The caseload screen: the shared presentation's rows (status, alerts, last employer contact,
 * next step, all in words) for the search typed, refreshed whenever records change.
 */
data class CaseloadState(val search: String = "", val screen: CaseloadScreen? = null)

/** The caseload screen: refreshed whenever records change. */
class CaseloadModel(private val session: Session) : AutoCloseable {
    val state = Observable(CaseloadState())

    private val stopWatching = session.onChange(::refresh)

    init {
        refresh()
    }

    /** Stops refreshing this screen: call when the screen goes. */
    override fun close() = stopWatching()

    /** Shows the job seekers whose names start with the words of [text]. */
    fun search(text: String) {
        state.value = state.value.copy(search = text)
        refresh()
    }

    fun refresh() {
        val search = state.value.search
        state.value = CaseloadState(search, session.presentation.caseload(search, session.utcOffsetMinutes()))
    }
}

/**
 * The always-visible sync indicator (offline, waiting, refused, last sync — in words, with an
 * accessibility label), refreshed whenever records change or the network comes and goes.
 */
class IndicatorModel(private val session: Session, private val online: () -> Boolean) : AutoCloseable {
    val state = Observable(read())

    private val stopWatching = session.onChange(::refresh)

    private fun read(): SyncIndicator = session.presentation.syncIndicator(online(), session.utcOffsetMinutes())

    fun refresh() {
        state.value = read()
    }

    override fun close() = stopWatching()
}
