package org.fieldbook.presentation

import org.fieldbook.core.ContactMode
import org.fieldbook.core.EmployerRow
import org.fieldbook.core.VisitInput
import org.fieldbook.core.VisitPurpose

data class VisitFormState(
    val employerId: String? = null,
    val mode: ContactMode = ContactMode.IN_PERSON,
    val purpose: VisitPurpose = VisitPurpose.LEARN_BUSINESS_NEEDS,
    val seekerIds: Set<String> = emptySet(),
    val followedPreference: Boolean? = null,
    val outcome: String = "",
    val nextStep: String = "",
    val message: String? = null,
    val saved: Boolean = false,
)

/**
 * The one-screen visit log: pick the employer, tap the job seekers discussed, a line of
 * outcome, save. Works offline; the visit syncs later.
 */
class VisitForm(private val session: Session) {
    val state = Observable(VisitFormState())

    /** Employers to pick from, most recently visited first. */
    fun employers(): List<EmployerRow> = session.fieldbook.employers().sortedByDescending { it.lastVisit ?: "" }

    /** The caseload, to tick who was discussed. */
    fun seekers() = session.fieldbook.caseload(null)

    fun chooseEmployer(id: String) = update { it.copy(employerId = id) }
    fun setMode(mode: ContactMode) = update { it.copy(mode = mode) }
    fun setPurpose(purpose: VisitPurpose) = update { it.copy(purpose = purpose) }
    fun toggleSeeker(id: String) = update { s -> s.copy(seekerIds = if (id in s.seekerIds) s.seekerIds - id else s.seekerIds + id) }
    fun setFollowedPreference(v: Boolean?) = update { it.copy(followedPreference = v) }
    fun setOutcome(text: String) = update { it.copy(outcome = text) }
    fun setNextStep(text: String) = update { it.copy(nextStep = text) }

    private fun update(change: (VisitFormState) -> VisitFormState) {
        state.value = change(state.value).copy(message = null, saved = false)
    }

    /** Saves the visit; on success the form clears for the next one. */
    fun save(): Boolean {
        val s = state.value
        val employer = s.employerId
        if (employer == null) {
            state.value = s.copy(message = "Choose the employer you visited.")
            return false
        }
        return try {
            session.fieldbook.logVisit(
                VisitInput(
                    employerId = employer,
                    mode = s.mode,
                    purpose = s.purpose,
                    seekerIds = s.seekerIds.toList(),
                    followedPreference = s.followedPreference,
                    outcome = s.outcome.ifBlank { null },
                    nextStep = s.nextStep.ifBlank { null },
                ),
            )
            state.value = VisitFormState(message = "Visit saved.", saved = true)
            true
        } catch (e: Exception) {
            state.value = s.copy(message = Words.error(e))
            false
        }
    }
}
