import Foundation
import Security

/// A half-typed visit kept across the process being killed, in the Keychain.
///
/// Not `@SceneStorage`: Apple's SceneStorage reference says "Do not use SceneStorage with
/// sensitive data", and a visit draft is — what came of a meeting about named job seekers. The
/// Keychain item is encrypted by the system, on this device only (`…ThisDeviceOnly`: never in a
/// backup nor moved to another phone) and readable only while the phone is unlocked
/// (`kSecAttrAccessibleWhenUnlockedThisDeviceOnly`). The text is the shared presentation's
/// (`visit_draft_text`); reading it back goes through `visit_draft_from_text`, which refuses a
/// damaged or foreign text, and such a text is dropped rather than half restored.
///
/// Kept when the scene leaves the foreground (an app is killed only after that), forgotten once
/// the visit is saved, on sign-out and on reset.
enum KeptVisitDraft {
    private static let account = "fieldbook-visit-draft"

    private static var base: [String: Any] {
        [kSecClass as String: kSecClassGenericPassword, kSecAttrAccount as String: account]
    }

    /// The kept draft, or nil when none is kept or it cannot be restored (then it is dropped).
    static func restore() -> VisitDraft? {
        var query = base
        query[kSecReturnData as String] = true
        query[kSecMatchLimit as String] = kSecMatchLimitOne
        var item: CFTypeRef?
        guard SecItemCopyMatching(query as CFDictionary, &item) == errSecSuccess,
              let data = item as? Data, let text = String(data: data, encoding: .utf8) else { return nil }
        do {
            return try visitDraftFromText(text: text)
        } catch {
            forget()
            return nil
        }
    }

    /// Keeps `text` in place of any draft kept before. Best effort: a draft that cannot be
    /// kept costs only the retyping after a kill, so a Keychain refusal is not shown.
    static func keep(_ text: String) {
        forget()
        var add = base
        add[kSecAttrAccessible as String] = kSecAttrAccessibleWhenUnlockedThisDeviceOnly
        add[kSecValueData as String] = Data(text.utf8)
        _ = SecItemAdd(add as CFDictionary, nil)
    }

    /// Drops the kept draft (saved, signed out, reset).
    static func forget() {
        _ = SecItemDelete(base as CFDictionary)
    }
}
