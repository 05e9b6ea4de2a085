import Foundation
import Security

/// The store's 32-byte key: made once at random, kept in the Keychain on this device only
/// (never in backups, unavailable until the phone is first unlocked after a restart).
///
/// Every Keychain call's `OSStatus` is checked (Security framework: `errSecSuccess` is the only
/// success; `errSecItemNotFound` "the item cannot be found"). Only a key that is not there is
/// made anew: any other failure — the phone not yet unlocked since a restart
/// (`errSecInteractionNotAllowed`), say — is reported, never answered with a fresh key that
/// would not open the store.
enum Keychain {
    private static let account = "fieldbook-store-key"

    struct Failure: Error, CustomStringConvertible {
        let operation: String
        let status: OSStatus
        var description: String {
            let why = SecCopyErrorMessageString(status, nil) as String? ?? "OSStatus \(status)"
            return "The Keychain refused to \(operation) the store key: \(why)."
        }
    }

    private static var base: [String: Any] {
        [kSecClass as String: kSecClassGenericPassword, kSecAttrAccount as String: account]
    }

    /// The key, made and saved on first use.
    static func storeKey() throws -> Data {
        var query = base
        query[kSecReturnData as String] = true
        query[kSecMatchLimit as String] = kSecMatchLimitOne
        var item: CFTypeRef?
        let found = SecItemCopyMatching(query as CFDictionary, &item)
        switch found {
        case errSecSuccess:
            guard let data = item as? Data, data.count == 32 else { throw Failure(operation: "read", status: errSecDecode) }
            return data
        case errSecItemNotFound:
            break
        default:
            throw Failure(operation: "read", status: found)
        }
        var key = Data(count: 32)
        let random = key.withUnsafeMutableBytes { SecRandomCopyBytes(kSecRandomDefault, 32, $0.baseAddress!) }
        guard random == errSecSuccess else { throw Failure(operation: "make", status: random) }
        var add = base
        add[kSecAttrAccessible as String] = kSecAttrAccessibleAfterFirstUnlockThisDeviceOnly
        add[kSecValueData as String] = key
        let added = SecItemAdd(add as CFDictionary, nil)
        guard added == errSecSuccess else { throw Failure(operation: "save", status: added) }
        return key
    }

    /// Forgets the key, for a reset only: the store it opened is erased with it.
    static func forget() throws {
        let deleted = SecItemDelete(base as CFDictionary)
        guard deleted == errSecSuccess || deleted == errSecItemNotFound else { throw Failure(operation: "delete", status: deleted) }
    }
}
