package org.fieldbook.presentation

data class WeekState(
    /** "4 of 6 face-to-face employer contacts this week". */
    val headline: String = "",
    val faceToFace: Int = 0,
    val goal: Int = 6,
    /** 0..1, for the progress bar. */
    val progress: Float = 0f,
    val warnings: List<String> = emptyList(),
    val error: String? = null,
)

/** This week: face-to-face contacts against the goal, and who is near or past day 30. */
class WeekModel(private val session: Session) : AutoCloseable {
    val state = Observable(WeekState())

    private val stopWatching = session.onChange(::refresh)

    init {
        refresh()
    }

    /** Stops refreshing this screen: call when the screen goes. */
    override fun close() = stopWatching()

    fun refresh() {
        state.value = try {
            val w = session.fieldbook.week(session.today().toString())
            val done = w.faceToFace.toInt()
            val goal = w.faceToFaceGoal.toInt()
            WeekState(
                headline = "$done of $goal face-to-face employer contacts this week",
                faceToFace = done,
                goal = goal,
                progress = if (goal == 0) 1f else (done.toFloat() / goal).coerceAtMost(1f),
                warnings = w.firstContactWarnings.map {
                    if (it.past) "${it.displayName}: day ${it.daysSinceEntry}, past day ${it.deadlineDays} with no employer contact"
                    else "${it.displayName}: day ${it.daysSinceEntry} of ${it.deadlineDays}, no employer contact yet"
                },
            )
        } catch (e: Exception) {
            WeekState(error = Words.error(e))
        }
    }
}
