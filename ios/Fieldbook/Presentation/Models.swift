import Foundation

/// Screen state, mirroring `android/presentation`: the views only render these.

struct WeekState {
    var headline = "", progress = 0.0, warnings: [String] = [], error: String?
}

enum WeekModel {
    static func state(_ s: Session) -> WeekState {
        do {
            let w = try s.fieldbook.week(asOf: s.today)
            let goal = Double(w.faceToFaceGoal)
            return WeekState(
                headline: "\(w.faceToFace) of \(w.faceToFaceGoal) face-to-face employer contacts this week",
                progress: goal == 0 ? 1 : min(1, Double(w.faceToFace) / goal),
                warnings: w.firstContactWarnings.map {
                    $0.past ? "\($0.displayName): day \($0.daysSinceEntry), past day \($0.deadlineDays) with no employer contact"
                        : "\($0.displayName): day \($0.daysSinceEntry) of \($0.deadlineDays), no employer contact yet"
                })
        } catch {
            return WeekState(error: Words.error(error))
        }
    }
}

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
    var lastSync = "never", pending = "", message: String?, mustEnroll = false
}

enum SyncModel {
    static func state(_ s: Session, message: String? = nil) -> SyncState {
        let pending = (try? s.fieldbook.pendingChanges()) ?? 0
        return SyncState(
            lastSync: ((try? s.fieldbook.lastSync()) ?? nil).map(Words.date) ?? "never",
            pending: pending == 0 ? "Everything is synced" : pending == 1 ? "1 change waiting to sync" : "\(pending) changes waiting to sync",
            message: message,
            mustEnroll: !s.fieldbook.identity().enrolled)
    }

    /// Blocking: call off the main thread.
    static func syncNow(_ s: Session) -> SyncState {
        do {
            let r = try s.fieldbook.sync(progress: nil)
            let refused = r.rejected.isEmpty ? "" : " \(r.rejected.count) change(s) were refused."
            return state(s, message: "Synced: sent \(r.sent), received \(r.received).\(refused)")
        } catch {
            return state(s, message: Words.error(error))
        }
    }
}

enum EnrollModel {
    /// The name the phone enrolls under, so a supervisor can tell phones apart (and revoke the
    /// right one): what the person typed, or the system's name. On iOS 16 and later
    /// `UIDevice.current.name` is only the generic "iPhone" unless the app holds the
    /// `com.apple.developer.device-information.user-assigned-device-name` entitlement (UIKit
    /// reference), so a generic name must be replaced by a typed one. `nil` = ask for it.
    static func deviceName(typed: String, system: String, model: String) -> String? {
        let typed = typed.trimmingCharacters(in: .whitespacesAndNewlines)
        if !typed.isEmpty { return typed }
        let system = system.trimmingCharacters(in: .whitespacesAndNewlines)
        return system.isEmpty || system == model ? nil : system
    }

    static let nameThisPhone = "Give this phone a name your supervisor will recognise, like \"Ana's work iPhone\"."

    static func formatCode(_ typed: String) -> String {
        let chars = Array(typed.uppercased().filter { $0.isLetter || $0.isNumber }.prefix(12))
        return stride(from: 0, to: chars.count, by: 4).map { String(chars[$0..<min($0 + 4, chars.count)]) }.joined(separator: "-")
    }
}
