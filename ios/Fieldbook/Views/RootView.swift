import SwiftUI

/// Enrollment until the phone is enrolled, then the screens its person may open.
struct RootView: View {
    @EnvironmentObject var session: Session

    var body: some View {
        if !session.enrolled {
            EnrollPage()
        } else {
            let shell = shellWords(language: session.screens.language())
            TabView {
                ForEach(session.tabs, id: \.self) { screen in
                    NavigationStack { page(screen, shell) }
                        .tabItem { Text(screen.label(shell)) }
                }
            }
            // Always visible above every tab: offline, waiting, refused, last sync — in words.
            .safeAreaInset(edge: .top) { SyncIndicatorBar() }
            // Text follows the person's own size setting (Settings > Accessibility), never pinned.
            // On a job seeker's phone it starts larger: dynamicTypeSize(_ range:) "limits the
            // Dynamic Type size within the view to the given range", so xxLarge and every
            // larger setting, accessibility sizes included, still apply.
            .dynamicTypeSize(session.isSeekerMode ? DynamicTypeSize.xxLarge... : DynamicTypeSize.xSmall...)
        }
    }

    @ViewBuilder private func page(_ screen: Screen, _ shell: ShellWords) -> some View {
        switch screen {
        case .caseload: CaseloadPage()
        case .logVisit: VisitPage()
        case .employers: EmployersPage()
        case .week: WeekPage()
        case .sync: SyncPage()
        case .myPlan:
            if let mine = (try? session.fieldbook.caseload(asOf: nil))?.first {
                SeekerPage(seekerId: mine.seekerId)
            } else {
                Text(shell.planBeforeFirstSync)
            }
        }
    }
}

/// Shown while the app is locked: why it stayed locked (the lock's `message`), and Unlock.
struct LockedView: View {
    let message: String?
    let unlock: () -> Void
    // Before the store opens there is no session: the phone's language, read now.
    private let shell = shellWords(language: languageForPhone(preferred: Locale.preferredLanguages))

    var body: some View {
        VStack(spacing: 16) {
            Text(shell.lockedTitle).font(.title)
            if let message { Text(message).multilineTextAlignment(.center) }
            Button(shell.unlock, action: unlock).buttonStyle(.borderedProminent)
        }
        .padding()
        .onAppear(perform: unlock)
    }
}
