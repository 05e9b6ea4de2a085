package org.fieldbook.presentation

import org.fieldbook.core.StepInput
import org.fieldbook.core.StepOwner
import org.fieldbook.core.StepStatus

/** What a person may do on the plan screen. */
enum class PlanAction { ADD_STEP, COMPLETE_STEP, EDIT_STEP, LOG_VISIT }

data class StepLine(val stepId: String, val text: String, val due: String, val done: Boolean, val byMe: Boolean)

data class PlanState(
    val title: String = "",
    val goal: String = "",
    val steps: List<StepLine> = emptyList(),
    /** "Met the owner at Maple Street Bakery (yesterday)". */
    val employerContacts: List<String> = emptyList(),
    val jobs: List<String> = emptyList(),
    /** Empty on a job seeker's phone: the plan is read-only there. */
    val actions: Set<PlanAction> = emptySet(),
    /** Large type and plain language for the job seeker's own phone. */
    val largeType: Boolean = false,
    val message: String? = null,
)

/** A job seeker's plan: edited by the specialist, read by the job seeker. */
class PlanModel(private val session: Session, private val seekerId: String) : AutoCloseable {
    val state = Observable(PlanState())

    private val stopWatching = session.onChange(::refresh)

    init {
        refresh()
    }

    /** Stops refreshing this screen: call when the screen goes. */
    override fun close() = stopWatching()

    fun refresh() {
        state.value = try {
            val today = session.today()
            val p = session.fieldbook.seeker(seekerId)
            val seekerMode = session.isSeekerMode
            PlanState(
                title = if (seekerMode) "My plan" else p.displayName,
                goal = p.goal ?: if (seekerMode) "We will write your goal together." else "No goal yet",
                steps = p.steps.filter { it.status != StepStatus.DROPPED }.map {
                    StepLine(it.stepId, it.what, Words.date(it.due, today), it.status == StepStatus.DONE, it.who == StepOwner.SEEKER)
                },
                employerContacts = p.activities.map {
                    val said = it.outcome?.let { o -> "$o — " } ?: ""
                    "$said${it.employerName} (${Words.date(it.at, today)})"
                },
                jobs = p.jobs.map { j -> "${j.title} at ${j.employerName}, since ${Words.date(j.start, today)}" + (j.end?.let { ", ended ${Words.date(it, today)}" } ?: "") },
                actions = if (seekerMode) emptySet() else PlanAction.values().toSet(),
                largeType = seekerMode,
            )
        } catch (e: Exception) {
            PlanState(message = Words.error(e))
        }
    }

    private fun act(action: PlanAction, block: () -> Unit) {
        if (action !in state.value.actions) {
            state.value = state.value.copy(message = "You can read your plan here. Your employment specialist updates it with you.")
            return
        }
        try {
            block()
        } catch (e: Exception) {
            state.value = state.value.copy(message = Words.error(e))
        }
    }

    fun addStep(what: String, due: String?, who: StepOwner = StepOwner.SEEKER) =
        act(PlanAction.ADD_STEP) { session.fieldbook.addStep(seekerId, StepInput(what = what, who = who, due = due)) }

    fun completeStep(stepId: String) =
        act(PlanAction.COMPLETE_STEP) { session.fieldbook.completeStep(seekerId, stepId, null) }
}
