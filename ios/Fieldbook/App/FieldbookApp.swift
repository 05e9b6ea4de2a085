import SwiftUI

/// Opens the encrypted store (key in the Keychain), registers background sync, and shows the
/// lock or the app.
@main
struct FieldbookApp: App {
    @StateObject private var session: Session
    @StateObject private var lock = AppLock()
    @Environment(\.scenePhase) private var phase

    init() {
        let dir = FileManager.default.urls(for: .applicationSupportDirectory, in: .userDomainMask)[0]
        try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        var url = dir.appendingPathComponent("fieldbook.db")
        var values = URLResourceValues()
        values.isExcludedFromBackup = true
        try? url.setResourceValues(values)
        // A store that cannot open (a wrong key would mean a damaged Keychain) stops here
        // rather than starting an empty one.
        let fieldbook = try! Fieldbook.open(path: url.path, key: Keychain.storeKey())
        _session = StateObject(wrappedValue: Session(fieldbook: fieldbook))
        BackgroundSync.register(session: { fieldbook })
    }

    var body: some Scene {
        WindowGroup {
            Group {
                if lock.locked {
                    LockedView(unlock: lock.unlock)
                } else {
                    RootView()
                }
            }
            .environmentObject(session)
            .onChange(of: phase) { newPhase in
                if newPhase == .active { lock.checkTimeout() }
                if newPhase == .background { lock.touched(); BackgroundSync.schedule() }
            }
        }
    }
}
