import SwiftUI

/// Opens the encrypted store (key in the Keychain), registers background sync, and shows the
/// lock, then the app — or, when the store cannot be opened, why, with the reset.
@main
struct FieldbookApp: App {
    @StateObject private var store = PhoneStore.shared
    @StateObject private var lock = AppLock()
    @StateObject private var connectivity = Connectivity()
    @Environment(\.scenePhase) private var phase

    init() {
        // BGTaskScheduler wants its handlers registered before launch ends.
        BackgroundSync.register { OpenStore.shared.fieldbook }
        PhoneStore.shared.open()
    }

    var body: some Scene {
        WindowGroup {
            Group {
                if lock.locked {
                    LockedView(message: lock.message, unlock: lock.unlock)
                } else {
                    switch store.state {
                    case .open(let session):
                        RootView().environmentObject(session).environmentObject(connectivity)
                            .onAppear { Reminders.askPermission() }
                    case .failed(let message):
                        StoreErrorView(message: message, reset: store.reset)
                    }
                }
            }
            .onChange(of: phase) { newPhase in
                if newPhase == .active {
                    lock.checkTimeout()
                    // Planned again each time the app comes to the front, in the phone's language.
                    if case .open(let session) = store.state { Reminders.plan(session) }
                }
                if newPhase == .background {
                    lock.touched()
                    BackgroundSync.schedule()
                    // Files SQLite recreated since (the WAL after a checkpoint) are covered again.
                    try? StoreFiles.excludeFromBackup()
                }
            }
        }
    }
}

/// The store could not be opened: why, and the reset behind a warning that it cannot be undone.
struct StoreErrorView: View {
    let message: String
    let reset: () -> Void
    @State private var confirming = false

    private let shell = PhoneStore.shell

    var body: some View {
        VStack(alignment: .leading, spacing: 16) {
            Text(shell.storeFailedTitle).font(.title2)
            Text(message)
            Button(shell.resetPhone, role: .destructive) { confirming = true }
                .buttonStyle(.borderedProminent)
        }
        .padding()
        .confirmationDialog(shell.resetTitle, isPresented: $confirming, titleVisibility: .visible) {
            Button(shell.resetConfirm, role: .destructive, action: reset)
            Button(shell.cancel, role: .cancel) {}
        } message: {
            Text(shell.resetWarning)
        }
    }
}
