package org.fieldbook.app

import androidx.lifecycle.ViewModel
import org.fieldbook.core.presentation.FormKind
import org.fieldbook.presentation.Navigation
import org.fieldbook.presentation.RecordFormModel
import org.fieldbook.presentation.Session
import org.fieldbook.presentation.VisitScreenModel

/**
 * What the screens must keep when the Activity is recreated (turning the phone, dark mode, a
 * font-size change): where the person is and a half-typed visit, form or visit correction. A
 * ViewModel outlives those recreations (androidx.lifecycle `ViewModel`: "retained across configuration changes") and
 * is cleared when the Activity finishes for good.
 */
class ScreensViewModel : ViewModel() {
    private var forSession: Session? = null
    private var form: VisitScreenModel? = null
    private var nav: Navigation? = null
    private var record: RecordFormModel? = null
    private var recordKind: FormKind? = null
    private var correction: VisitScreenModel? = null
    private var correctionOf: Pair<String, String>? = null

    /** The visit being typed, for [session] (a new one if the store was reset meanwhile). */
    fun visitForm(session: Session): VisitScreenModel {
        keep(session)
        return form ?: VisitScreenModel(session).also { form = it }
    }

    /** The visit form correcting [visitId] at [employerId] (kept while the same correction stays open). */
    fun visitCorrection(session: Session, employerId: String, visitId: String): VisitScreenModel {
        keep(session)
        val key = employerId to visitId
        if (correctionOf != key) {
            correction = VisitScreenModel.correcting(session, employerId, visitId)
            correctionOf = key
        }
        return correction!!
    }

    /** The forms kept here read their words again (the phone's language changed). */
    fun refreshForms() {
        form?.refresh()
        record?.refresh()
        correction?.refresh()
    }

    /** The shared form of [kind] being filled in (kept while the same form stays open). */
    fun recordForm(session: Session, kind: FormKind): RecordFormModel {
        keep(session)
        if (recordKind != kind) {
            record = RecordFormModel(session, kind)
            recordKind = kind
        }
        return record!!
    }

    /** Where the person is, and where Back goes. */
    fun navigation(session: Session): Navigation {
        keep(session)
        return nav ?: Navigation { session.screens }.also { nav = it }
    }

    private fun keep(session: Session) {
        if (forSession !== session) {
            forSession = session
            form = null
            nav = null
            record = null
            recordKind = null
            correction = null
            correctionOf = null
        }
    }
}
