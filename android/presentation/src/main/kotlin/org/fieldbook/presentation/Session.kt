package org.fieldbook.presentation

import org.fieldbook.core.ChangeListener
import org.fieldbook.core.Fieldbook
import org.fieldbook.core.Role
import java.time.LocalDate
import java.util.concurrent.CopyOnWriteArrayList

/** The screens a person can reach; a job seeker's phone reaches only their plan and sync. */
enum class Screen { CASELOAD, LOG_VISIT, EMPLOYERS, WEEK, SYNC, MY_PLAN }

/**
 * The open store and who is using it. Models register to be refreshed when records change,
 * here or through sync.
 */
class Session(val fieldbook: Fieldbook, val today: () -> LocalDate = { LocalDate.now() }) : AutoCloseable {
    private val refreshers = CopyOnWriteArrayList<() -> Unit>()
    private val handle = fieldbook.addListener(object : ChangeListener {
        override fun documentsChanged(documentIds: List<String>) = refreshers.forEach { it() }
    })

    /** A job seeker's own phone: read-only, large type, plain language. */
    val isSeekerMode: Boolean get() = fieldbook.identity().role == Role.SEEKER

    /** The screens this person can open, in menu order. */
    val screens: List<Screen>
        get() = if (isSeekerMode) listOf(Screen.MY_PLAN, Screen.SYNC)
        else listOf(Screen.CASELOAD, Screen.LOG_VISIT, Screen.EMPLOYERS, Screen.WEEK, Screen.SYNC)

    fun onChange(refresh: () -> Unit) {
        refreshers.add(refresh)
    }

    override fun close() {
        fieldbook.removeListener(handle)
    }
}
