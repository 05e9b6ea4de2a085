import Foundation
import LocalAuthentication

/// Locks after five minutes without use; Face ID, Touch ID or the phone's passcode unlocks.
/// When the phone does not unlock it, `message` says why and what to do, in the phone's
/// language (a phone with no passcode cannot open Fieldbook at all).
@MainActor
final class AppLock: ObservableObject {
    @Published private(set) var locked = true
    @Published private(set) var message: String?
    private var lastUse = Date.distantPast
    private let timeout: TimeInterval = 5 * 60

    func touched() { lastUse = Date() }

    func checkTimeout() {
        if Date().timeIntervalSince(lastUse) > timeout { locked = true }
    }

    func unlock() {
        let context = LAContext()
        let language = languageForPhone(preferred: Locale.preferredLanguages)
        let reason = shellWords(language: language).unlockPrompt
        context.evaluatePolicy(.deviceOwnerAuthentication, localizedReason: reason) { ok, error in
            Task { @MainActor in
                if ok {
                    self.locked = false
                    self.message = nil
                    self.touched()
                } else {
                    self.message = lockProblemWords(problem: Self.problem(error), language: language)
                }
            }
        }
    }

    /// What stopped the unlock, from LocalAuthentication's `LAError.Code`.
    private nonisolated static func problem(_ error: Error?) -> LockProblem {
        switch (error as? LAError)?.code {
        case .passcodeNotSet?: return .noScreenLock
        case .userCancel?, .systemCancel?, .appCancel?, .userFallback?: return .cancelled
        case .biometryLockout?: return .tooManyTries
        default: return .unavailable
        }
    }
}
