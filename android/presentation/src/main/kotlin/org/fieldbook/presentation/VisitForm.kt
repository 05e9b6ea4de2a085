package org.fieldbook.presentation

import org.fieldbook.core.ContactMode
import org.fieldbook.core.VisitInput
import org.fieldbook.core.VisitPurpose
import java.time.LocalDate
import java.time.LocalDateTime
import java.time.LocalTime
import java.time.ZonedDateTime
import java.time.format.DateTimeFormatter

data class VisitFormState(
    val employerId: String? = null,
    /** The chosen employer's name, shown above the search box. */
    val employerName: String? = null,
    /** What is typed in the employer search box. */
    val employerQuery: String = "",
    /** When the visit happened, on the phone's clock; `null` is "now" (the time of saving). */
    val at: LocalDateTime? = null,
    val mode: ContactMode = ContactMode.IN_PERSON,
    val purpose: VisitPurpose = VisitPurpose.LEARN_BUSINESS_NEEDS,
    val seekerIds: Set<String> = emptySet(),
    val followedPreference: Boolean? = null,
    val outcome: String = "",
    val nextStep: String = "",
    val message: String? = null,
    val saved: Boolean = false,
)

/** An employer to pick on the visit form. */
data class EmployerChoice(val employerId: String, val name: String)

/**
 * The one-screen visit log: find the employer (every one, by search), when it was, tap the
 * job seekers discussed, a line of outcome, save. Works offline; the visit syncs later.
 *
 * Kept for the life of the screen's ViewModel, so turning the phone or changing its font
 * size does not lose a half-typed visit.
 */
class VisitForm(
    private val session: Session,
    private val now: () -> ZonedDateTime = { ZonedDateTime.now() },
) {
    val state = Observable(VisitFormState())

    /**
     * The employers matching the search box: with nothing typed, every employer, the most
     * recently visited first; otherwise those with a word of their name starting with each
     * typed word (case and accents ignored), as the core finds them.
     */
    fun employers(): List<EmployerChoice> {
        val query = state.value.employerQuery.trim()
        return if (query.isEmpty()) {
            session.fieldbook.employers()
                .sortedByDescending { it.lastVisit ?: "" }
                .map { EmployerChoice(it.employerId, it.name) }
        } else {
            session.fieldbook.findEmployers(query).map { EmployerChoice(it.id, it.name) }
        }
    }

    /** The caseload, to tick who was discussed. */
    fun seekers() = session.fieldbook.caseload(null)

    fun searchEmployers(text: String) = update { it.copy(employerQuery = text) }
    fun chooseEmployer(choice: EmployerChoice) =
        update { it.copy(employerId = choice.employerId, employerName = choice.name, employerQuery = "") }
    fun setDate(date: LocalDate) = update { it.copy(at = LocalDateTime.of(date, (it.at ?: now().toLocalDateTime()).toLocalTime())) }
    fun setTime(time: LocalTime) = update { it.copy(at = LocalDateTime.of((it.at ?: now().toLocalDateTime()).toLocalDate(), time)) }
    fun setNow() = update { it.copy(at = null) }
    fun setMode(mode: ContactMode) = update { it.copy(mode = mode) }
    fun setPurpose(purpose: VisitPurpose) = update { it.copy(purpose = purpose) }
    fun toggleSeeker(id: String) = update { s -> s.copy(seekerIds = if (id in s.seekerIds) s.seekerIds - id else s.seekerIds + id) }
    fun setFollowedPreference(v: Boolean?) = update { it.copy(followedPreference = v) }
    fun setOutcome(text: String) = update { it.copy(outcome = text) }
    fun setNextStep(text: String) = update { it.copy(nextStep = text) }

    /** "Now", or "yesterday at 14:30", for the date and time buttons. */
    fun whenText(): String {
        val at = state.value.at ?: return "Now"
        val local = at.toLocalDate()
        return "${Words.date(local.toString(), now().toLocalDate())} at ${at.toLocalTime().withSecond(0).withNano(0)}"
    }

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
        val clock = now()
        // The picked time on the phone's clock, with the offset it had on that day.
        val at = s.at?.atZone(clock.zone)
        if (at != null && at.isAfter(clock.plusMinutes(FUTURE_SLACK_MINUTES))) {
            state.value = s.copy(message = "Time: the visit can't be later than now (${Words.time(rfc3339(at), clock.toLocalDate(), clock.zone)}).")
            return false
        }
        return try {
            session.fieldbook.logVisit(
                VisitInput(
                    employerId = employer,
                    at = at?.let(::rfc3339),
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

    private companion object {
        /** A clock set a little differently from the phone's is not an error. */
        const val FUTURE_SLACK_MINUTES = 5L

        /** RFC 3339 always has seconds (`OffsetDateTime.toString()` drops zero seconds). */
        val RFC3339: DateTimeFormatter = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX")

        fun rfc3339(at: ZonedDateTime): String = at.toOffsetDateTime().format(RFC3339)
    }
}
