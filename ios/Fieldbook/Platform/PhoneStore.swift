import Foundation

/// Where the store lives: a directory of its own in Application Support, excluded from
/// backups with every file in it (the database and SQLite's WAL and SHM).
enum StoreFiles {
    static var directory: URL {
        FileManager.default.urls(for: .applicationSupportDirectory, in: .userDomainMask)[0]
            .appendingPathComponent("Fieldbook", isDirectory: true)
    }

    static var database: URL { directory.appendingPathComponent("fieldbook.db") }

    /// The database and the files SQLite keeps beside it in WAL mode.
    static var all: [URL] { ["", "-wal", "-shm"].map { URL(fileURLWithPath: database.path + $0) } }

    /// Sets `isExcludedFromBackup` on the directory and on each file that exists now: called
    /// after the store is open (the WAL and SHM exist only then) and again whenever the app
    /// goes to the background, as the Foundation reference asks ("set this property each time
    /// you save a file because some common file operations cause this property to reset").
    static func excludeFromBackup() throws {
        var values = URLResourceValues()
        values.isExcludedFromBackup = true
        for var url in [directory] + all where FileManager.default.fileExists(atPath: url.path) {
            try url.setResourceValues(values)
        }
    }

    /// The store of earlier versions sat directly in Application Support: moved in once.
    static func moveEarlierStore() throws {
        let old = FileManager.default.urls(for: .applicationSupportDirectory, in: .userDomainMask)[0]
            .appendingPathComponent("fieldbook.db")
        guard FileManager.default.fileExists(atPath: old.path), !FileManager.default.fileExists(atPath: database.path) else { return }
        for (suffix, target) in zip(["", "-wal", "-shm"], all) where FileManager.default.fileExists(atPath: old.path + suffix) {
            try FileManager.default.moveItem(atPath: old.path + suffix, toPath: target.path)
        }
    }

    static func erase() throws {
        for url in all where FileManager.default.fileExists(atPath: url.path) {
            try FileManager.default.removeItem(at: url)
        }
    }
}

/// The store, open, or why it is not. A store that cannot be opened (a Keychain refusing the
/// key, a damaged file) is not a crash at every start (`try!` was): the app shows why and
/// offers the reset. Mirrors `android/presentation` (PhoneStore.kt). Used from the main thread.
final class PhoneStore: ObservableObject {
    enum State {
        case open(Session)
        case failed(String)
    }

    static let shared = PhoneStore()
    @Published private(set) var state: State = .failed(PhoneStore.shell.starting)

    /// The app's own words (the store's failure, the reset) in the phone's language, from the
    /// shared catalogue.
    static var shell: ShellWords { shellWords(language: phoneLanguage) }

    private static var phoneLanguage: Language { languageForPhone(preferred: Locale.preferredLanguages) }

    private func failed(_ problem: StoreProblem) -> State {
        .failed(storeProblemWords(problem: problem, language: Self.phoneLanguage))
    }

    func open() {
        if case .open = state { return }
        do {
            try FileManager.default.createDirectory(at: StoreFiles.directory, withIntermediateDirectories: true)
            try StoreFiles.moveEarlierStore()
        } catch {
            state = failed(.noFolder(reason: error.localizedDescription))
            return
        }
        let key: Data
        do {
            key = try Keychain.storeKey()
        } catch {
            state = failed(.keyUnreadable)
            return
        }
        do {
            let fb = try Fieldbook.open(path: StoreFiles.database.path, key: key)
            OpenStore.shared.fieldbook = fb
            state = .open(Session(fieldbook: fb))
        } catch FieldbookError.WrongKey {
            state = failed(.wrongKey)
            return
        } catch {
            state = failed(.unreadable(reason: problemIn(Self.phoneLanguage, error)))
            return
        }
        // After opening, so the WAL and SHM exist and are covered too.
        try? StoreFiles.excludeFromBackup()
    }

    /// Erases the store and its key, then opens a new, empty store to enroll again. Only
    /// when the store could not be opened.
    func reset() {
        if case .open = state { return }
        do {
            try Keychain.forget()
            KeptVisitDraft.forget()
            try StoreFiles.erase()
        } catch {
            let left = StoreFiles.all.filter { FileManager.default.fileExists(atPath: $0.path) }
            state = failed(.eraseFailed(files: left.map(\.lastPathComponent).joined(separator: ", ")))
            return
        }
        open()
    }
}

/// The open store, readable from the background sync's queue (nil while the app shows why it
/// is not open).
final class OpenStore: @unchecked Sendable {
    static let shared = OpenStore()
    private let lock = NSLock()
    private var store: Fieldbook?

    var fieldbook: Fieldbook? {
        get { lock.lock(); defer { lock.unlock() }; return store }
        set { lock.lock(); store = newValue; lock.unlock() }
    }
}
