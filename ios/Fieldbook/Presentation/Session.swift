import Foundation

/// The screens a person can reach; a job seeker's phone reaches only their plan and sync.
/// Mirrors `android/presentation` (Session.kt).
enum Screen: CaseIterable {
    case caseload, logVisit, employers, week, sync, myPlan

    var label: String {
        switch self {
        case .caseload: return "Caseload"
        case .logVisit: return "Log visit"
        case .employers: return "Employers"
        case .week: return "This week"
        case .sync: return "Sync"
        case .myPlan: return "My plan"
        }
    }
}

/// The open store and who is using it; bumps `revision` when records change so views refresh.
final class Session: ObservableObject, ChangeListener, @unchecked Sendable {
    let fieldbook: Fieldbook
    @Published private(set) var revision = 0
    @Published var enrolled: Bool

    /// The shared presentation (Rust): forms, their checks and their wording, in the first of
    /// the phone's languages the app is written in.
    let shared: Screens

    init(fieldbook: Fieldbook) {
        self.fieldbook = fieldbook
        self.shared = fieldbook.screens(language: languageForPhone(preferred: Locale.preferredLanguages))
        self.enrolled = fieldbook.identity().enrolled
        _ = fieldbook.addListener(listener: self)
    }

    func documentsChanged(documentIds: [String]) {
        DispatchQueue.main.async { self.revision += 1 }
    }

    var isSeekerMode: Bool { fieldbook.identity().role == .seeker }

    var screens: [Screen] {
        isSeekerMode ? [.myPlan, .sync] : [.caseload, .logVisit, .employers, .week, .sync]
    }

    var today: String { Words.isoDay(Date()) }
}
