package org.fieldbook.presentation

import org.fieldbook.core.presentation.SaveOutcome
import org.fieldbook.core.presentation.VisitDraft
import org.fieldbook.core.presentation.VisitForm
import org.fieldbook.core.presentation.VisitFormState
import java.time.ZonedDateTime

/**
 * The visit screen's glue to the shared visit form (Rust, `presentation/src/visit_form`):
 * every label, option, default, check and error sentence comes from there, in the phone's
 * language. This class only forwards input and republishes the form's state for Compose.
 *
 * Kept by the screen's ViewModel, so turning the phone or changing its font size keeps a
 * half-typed visit; [draft] is what to save across process death.
 */
class VisitScreenModel private constructor(private val form: VisitForm) {
    /** A new visit (or [draft], kept from before), at now on the phone's clock. */
    constructor(
        session: Session,
        draft: VisitDraft? = null,
        offsetMinutes: Int = ZonedDateTime.now().offset.totalSeconds / 60,
    ) : this(session.presentation.visitForm(draft, offsetMinutes))

    companion object {
        /** The form correcting visit [visitId] at employer [employerId], as logged. */
        fun correcting(session: Session, employerId: String, visitId: String) =
            VisitScreenModel(session.presentation.visitCorrection(employerId, visitId, null))
    }

    /** What the screen renders. */
    val state = Observable<VisitFormState>(form.state())

    /** The sentence to announce after a save (saved, or why not), until the next input. */
    val notice = Observable<String?>(null)

    /** Everything typed so far, to keep across process death. */
    fun draft(): VisitDraft = form.draft()

    /** Forwards one input to the shared form and republishes its state. */
    fun input(change: VisitForm.() -> Unit) {
        form.change()
        notice.value = null
        state.value = form.state()
    }

    /** Reads the form's state again: its words after the phone's language changed. */
    fun refresh() {
        state.value = form.state()
    }

    /** Saves through the shared form; true when the visit was written. */
    fun save(): Boolean {
        val outcome = form.save()
        state.value = form.state()
        return when (outcome) {
            is SaveOutcome.Saved -> { notice.value = outcome.message; true }
            is SaveOutcome.NotSaved -> { notice.value = outcome.message; false }
        }
    }
}
