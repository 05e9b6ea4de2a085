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

/**
 * The pending-changes screen from the shared presentation: what waits for the server, every
 * refused change by the name of its record with why and what to do, and conflicts to settle.
 */
class ChangesModel(private val session: Session) : AutoCloseable {
    val state = Observable(read())

    private val stopWatching = session.onChange(::refresh)

    private fun read() = session.presentation.changes(session.utcOffsetMinutes())

    fun refresh() {
        state.value = read()
    }

    /** Keeps [valueJson] as the one value of a conflicting field, on every phone after sync. */
    fun settle(docId: String, field: String, valueJson: String) {
        session.fieldbook.settle(docId, field, valueJson)
        refresh()
    }

    override fun close() = stopWatching()
}
