import SwiftUI

/// Enrollment until the phone is enrolled, then the screens its person may open.
struct RootView: View {
    @EnvironmentObject var session: Session

    var body: some View {
        if !session.enrolled {
            EnrollPage()
        } else {
            TabView {
                ForEach(session.tabs, id: \.self) { screen in
                    NavigationStack { page(screen) }
                        .tabItem { Text(screen.label) }
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

    @ViewBuilder private func page(_ screen: Screen) -> some View {
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
                Text("Your plan will appear here after the first sync.")
            }
        }
    }
}

struct LockedView: View {
    let unlock: () -> Void

    var body: some View {
        VStack(spacing: 16) {
            Text("Fieldbook is locked").font(.title)
            Button("Unlock", action: unlock).buttonStyle(.borderedProminent)
        }
        .onAppear(perform: unlock)
    }
}
