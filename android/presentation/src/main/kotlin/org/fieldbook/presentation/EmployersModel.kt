package org.fieldbook.presentation

data class EmployerLine(val employerId: String, val name: String, val detail: String)

data class EmployerDetail(val name: String, val about: String, val contacts: List<String>, val visits: List<String>)

/** The employers list and an employer's visit history. */
class EmployersModel(private val session: Session) : AutoCloseable {
    val lines = Observable<List<EmployerLine>>(emptyList())

    private val stopWatching = session.onChange(::refresh)

    init {
        refresh()
    }

    /** Stops refreshing this screen: call when the screen goes. */
    override fun close() = stopWatching()

    fun refresh() {
        val today = session.today()
        lines.value = session.fieldbook.employers().map {
            val visits = if (it.visits == 1u) "1 visit" else "${it.visits} visits"
            EmployerLine(it.employerId, it.name, "$visits, last ${Words.time(it.lastVisit, today)}")
        }
    }

    fun detail(employerId: String): EmployerDetail {
        val today = session.today()
        val e = session.fieldbook.employer(employerId)
        return EmployerDetail(
            name = e.name,
            about = listOfNotNull(e.industry, e.address, e.businessNeeds).joinToString(" · "),
            contacts = e.contacts.map { c -> listOfNotNull(c.name, c.role, c.phone).joinToString(", ") },
            visits = e.visits.map { v -> "${Words.time(v.at, today)} — ${Words.mode(v.mode)}, ${Words.purpose(v.purpose)}" + (v.outcome?.let { ": $it" } ?: "") },
        )
    }
}
