import Foundation

/// The screens a person can reach; a job seeker's phone reaches only their plan and sync.
/// Mirrors `android/presentation` (Session.kt).
enum Screen: CaseIterable {
    case caseload, logVisit, employers, week, sync, myPlan

    /// The tab's name in the shared catalogue's words (`shellWords`).
    func label(_ shell: ShellWords) -> String {
        switch self {
        case .caseload: return shell.caseloadTab
        case .logVisit: return shell.logVisitTab
        case .employers: return shell.employersTab
        case .week: return shell.weekTab
        case .sync: return shell.syncTab
        case .myPlan: return shell.myPlanTab
        }
    }
}

/// The open store and who is using it; bumps `revision` when records change so views refresh.
final class Session: ObservableObject, ChangeListener, @unchecked Sendable {
    let fieldbook: Fieldbook
    @Published private(set) var revision = 0
    @Published var enrolled: Bool

    /// The shared presentation (Rust): each screen's state already worded in the phone's
    /// language. The views render it and forward taps; they decide and word nothing themselves.
    let screens: Screens

    init(fieldbook: Fieldbook) {
        self.fieldbook = fieldbook
        self.enrolled = fieldbook.identity().enrolled
        self.screens = fieldbook.screens(language: languageForPhone(preferred: Locale.preferredLanguages))
        _ = fieldbook.addListener(listener: self)
        // The phone's language changed in Settings: every screen follows at once.
        NotificationCenter.default.addObserver(
            forName: NSLocale.currentLocaleDidChangeNotification, object: nil, queue: .main
        ) { [weak self] _ in
            guard let self else { return }
            self.screens.setLanguage(language: languageForPhone(preferred: Locale.preferredLanguages))
            self.revision += 1
        }
    }

    /// The phone's offset from UTC now, in minutes, for the shared screens' times.
    var utcOffsetMinutes: Int32 { Int32(TimeZone.current.secondsFromGMT() / 60) }

    func documentsChanged(documentIds: [String]) {
        DispatchQueue.main.async { self.revision += 1 }
    }

    var isSeekerMode: Bool { fieldbook.identity().role == .seeker }

    var tabs: [Screen] {
        isSeekerMode ? [.myPlan, .sync] : [.caseload, .logVisit, .employers, .week, .sync]
    }

    /// What to tell the person when `error` was thrown, in the screens' language: the shared
    /// catalogue's words for the core's error, never the core's English.
    func problem(_ error: Error) -> String { problemIn(screens.language(), error) }
}

/// `error` in plain words in `language` (also where no store is open): anything but the
/// core's own error is worded as the phone's storage failing.
func problemIn(_ language: Language, _ error: Error) -> String {
    let core = error as? FieldbookError ?? .Storage(detail: "\(error)")
    return errorProblem(error: core, language: language, seekerName: nil).message
}
