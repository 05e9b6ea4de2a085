import Foundation
import LocalAuthentication

/// Locks after five minutes without use; Face ID, Touch ID or the phone's passcode unlocks.
@MainActor
final class AppLock: ObservableObject {
    @Published private(set) var locked = true
    private var lastUse = Date.distantPast
    private let timeout: TimeInterval = 5 * 60

    func touched() { lastUse = Date() }

    func checkTimeout() {
        if Date().timeIntervalSince(lastUse) > timeout { locked = true }
    }

    func unlock() {
        let context = LAContext()
        context.evaluatePolicy(.deviceOwnerAuthentication, localizedReason: "Unlock Fieldbook") { ok, _ in
            Task { @MainActor in
                if ok {
                    self.locked = false
                    self.touched()
                }
            }
        }
    }
}
