package org.fieldbook.presentation

import org.fieldbook.core.presentation.FormDraft
import org.fieldbook.core.presentation.FormKind
import org.fieldbook.core.presentation.FormState
import org.fieldbook.core.presentation.RecordForm
import org.fieldbook.core.presentation.SaveOutcome

/**
 * Glue from a screen to one shared form (Rust, `presentation/src/record_form`): adding a job
 * seeker, an employer, a contact, a note, a plan step, a job start or end, a support, a
 * consent, the career profile, the plan, or voiding a visit or note. Fields, labels, checks
 * and sentences come from there; this class forwards input and republishes the state.
 */
class RecordFormModel(session: Session, kind: FormKind, draft: FormDraft? = null) {
    private val form: RecordForm =
        if (draft != null && draft.kind == kind) session.presentation.recordFormFrom(draft) else session.presentation.recordForm(kind)

    val state = Observable<FormState>(form.state())

    /** The sentence to announce after a save (saved, or why not), until the next input. */
    val notice = Observable<String?>(null)

    fun draft(): FormDraft = form.draft()

    fun set(name: String, value: String) {
        form.set(name, value)
        notice.value = null
        state.value = form.state()
    }

    /** Reads the form's state again: its words after the phone's language changed. */
    fun refresh() {
        state.value = form.state()
    }

    /** Saves through the shared form; true when written. */
    fun save(): Boolean {
        val outcome = form.save()
        state.value = form.state()
        return when (outcome) {
            is SaveOutcome.Saved -> { notice.value = outcome.message; true }
            is SaveOutcome.NotSaved -> { notice.value = outcome.message; false }
        }
    }
}
