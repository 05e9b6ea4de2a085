package org.fieldbook.presentation

/** One line of the caseload screen, already in words. */
data class CaseloadLine(
    val seekerId: String,
    val name: String,
    val status: String,
    /** "Day 12" since the first meeting. */
    val day: String,
    val firstEmployerContact: String,
    val nextStep: String,
)

data class CaseloadState(val lines: List<CaseloadLine> = emptyList(), val summary: String = "", val error: String? = null)

/** The caseload screen: refreshed whenever records change. */
class CaseloadModel(private val session: Session) : AutoCloseable {
    val state = Observable(CaseloadState())

    private val stopWatching = session.onChange(::refresh)

    init {
        refresh()
    }

    /** Stops refreshing this screen: call when the screen goes. */
    override fun close() = stopWatching()

    fun refresh() {
        state.value = try {
            val today = session.today()
            val rows = session.fieldbook.caseload(today.toString())
            val goal = session.fieldbook.week(today.toString()).caseloadGoal
            CaseloadState(
                lines = rows.map { r ->
                    CaseloadLine(
                        seekerId = r.seekerId,
                        name = r.displayName,
                        status = Words.status(r.status),
                        day = r.daysSinceFirstMeeting?.let { "Day $it" } ?: "Not met yet",
                        firstEmployerContact = r.firstFaceToFace?.let { Words.date(it, today) } ?: "none yet",
                        nextStep = r.nextStep?.let { s -> r.nextStepDue?.let { "$s (${Words.date(it, today)})" } ?: s } ?: "no open step",
                    )
                },
                summary = "${rows.size} job seekers (goal: at most $goal)",
            )
        } catch (e: Exception) {
            CaseloadState(error = Words.error(e))
        }
    }
}
