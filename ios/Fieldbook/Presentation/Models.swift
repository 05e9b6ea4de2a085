import Foundation

/// Screen state, mirroring `android/presentation`: the views only render these. Every word
/// comes from the shared presentation (Rust), in the phone's language.

/// The visit page's handle on the shared visit form (Rust, `presentation/src/visit_form`):
/// labels, options, defaults, checks and sentences come from there; this only forwards input
/// and republishes the state for SwiftUI.
final class VisitFormModel: ObservableObject {
    private let form: VisitForm
    @Published private(set) var state: VisitFormState
    /// The sentence to announce after a save (saved, or why not), until the next input.
    @Published private(set) var notice: String?
    /// Typed into since opened or last saved: only such a draft is worth keeping.
    private(set) var touched: Bool
    /// A new visit (kept across a kill); a correction is not kept.
    let keepsDraft: Bool

    /// A new visit: the draft kept before the process was killed (`KeptVisitDraft`), or now.
    init(_ session: Session, kept: VisitDraft? = nil) {
        form = session.screens.visitForm(draft: kept, offsetMinutes: session.utcOffsetMinutes)
        state = form.state()
        touched = kept != nil
        keepsDraft = true
    }

    /// The form correcting visit `visitId` at employer `employerId`, as logged.
    init(_ session: Session, correcting visitId: String, at employerId: String) {
        form = session.screens.visitCorrection(employerId: employerId, visitId: visitId, draft: nil)
        state = form.state()
        touched = false
        keepsDraft = false
    }

    /// The draft as text to keep (the shared `visit_draft_text`).
    func draftText() -> String { visitDraftText(draft: form.draft()) }

    /// Forwards one input and republishes the state.
    func input(_ change: (VisitForm) -> Void) {
        change(form)
        notice = nil
        touched = true
        state = form.state()
    }

    /// Reads the state again: its words after the phone's language changed.
    func refresh() { state = form.state() }

    /// Saves through the shared form; true when the visit was written.
    func save() -> Bool {
        let outcome = form.save()
        state = form.state()
        switch outcome {
        case let .saved(_, message): notice = message; touched = false; return true
        case let .notSaved(message): notice = message; return false
        }
    }
}

/// The same handle for every other shared form (add, edit, void).
final class RecordFormModel: ObservableObject {
    private let form: RecordForm
    @Published private(set) var state: FormState
    @Published private(set) var notice: String?

    init(_ session: Session, kind: FormKind) {
        form = session.screens.recordForm(kind: kind)
        state = form.state()
    }

    func set(_ name: String, _ value: String) {
        form.set(name: name, value: value)
        notice = nil
        state = form.state()
    }

    func save() -> Bool {
        let outcome = form.save()
        state = form.state()
        switch outcome {
        case let .saved(_, message): notice = message; return true
        case let .notSaved(message): notice = message; return false
        }
    }

    /// Reads the state again: its words after the phone's language changed.
    func refresh() { state = form.state() }
}


struct SyncState {
    var lastSync = "", pending = "", message: String?, mustEnroll = false
}

/// The sync page's state from the shared presentation: the indicator's lines, and the last
/// sync of this launch (counts and the kind of failure, as `LastSync`) worded in the phone's
/// language by `Screens.syncReport`.
enum SyncModel {
    static func state(_ s: Session, last: LastSync? = nil) -> SyncState {
        // Online as far as this page goes: the always-visible indicator says when it is not.
        let indicator = s.screens.syncIndicator(online: true, utcOffsetMinutes: s.utcOffsetMinutes)
        let report = last.map { s.screens.syncReport(last: $0, utcOffsetMinutes: s.utcOffsetMinutes) }
        return SyncState(
            lastSync: indicator.lastSync ?? "",
            pending: indicator.line,
            message: report?.summary,
            mustEnroll: !s.fieldbook.identity().enrolled || report?.mustEnroll == true)
    }

    /// Syncs now and says what it did. Blocking: call off the main thread.
    static func syncNow(_ s: Session) -> SyncState {
        let at = ISO8601DateFormatter().string(from: Date())
        let last: LastSync
        do {
            let report = try s.fieldbook.sync(progress: nil)
            last = finishedSync(report: report, background: false, at: at)
        } catch let error as FieldbookError {
            last = failedSync(error: error, background: false, at: at)
        } catch {
            last = LastSync(at: at, background: false, sent: 0, received: 0, removed: 0, refused: 0, failed: 0,
                            failure: .storage, serverStatus: 0)
        }
        return state(s, last: last)
    }
}
