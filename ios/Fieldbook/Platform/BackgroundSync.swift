import BackgroundTasks
import Foundation

/// Syncs in the background when iOS allows, as a `BGAppRefreshTask` — a short task "used to
/// refresh content", which a sync of a few changes is (a `BGProcessingTask` is for minutes of
/// work and may wait for the phone to charge). The core's sync is blocking, so it runs on a
/// background queue; an interrupted sync loses nothing and is simply repeated next time.
///
/// The task is completed exactly once: when the sync ends, or when iOS says time is up
/// (`expirationHandler`) — "not calling setTaskCompleted(success:) before the time for the task
/// expires may result in the system killing your app" (BackgroundTasks reference).
/// Info.plist: `BGTaskSchedulerPermittedIdentifiers` has the identifier and `UIBackgroundModes`
/// has `fetch`, which app refresh tasks need.
enum BackgroundSync {
    static let identifier = "org.fieldbook.sync"
    private static var fieldbook: (() -> Fieldbook?)?

    static func register(fieldbook open: @escaping () -> Fieldbook?) {
        fieldbook = open
        BGTaskScheduler.shared.register(forTaskWithIdentifier: identifier, using: nil) { task in
            guard let refresh = task as? BGAppRefreshTask else { return task.setTaskCompleted(success: false) }
            handle(refresh)
        }
    }

    static func schedule() {
        let request = BGAppRefreshTaskRequest(identifier: identifier)
        request.earliestBeginDate = Date(timeIntervalSinceNow: 15 * 60)
        try? BGTaskScheduler.shared.submit(request)
    }

    private static func handle(_ task: BGAppRefreshTask) {
        schedule()
        let completion = Once { ok in task.setTaskCompleted(success: ok) }
        task.expirationHandler = {
            // The core's sync cannot be stopped half-way; it is cut off when the app is
            // suspended and nothing is lost. The task is reported now, as iOS asks.
            completion.run(false)
        }
        DispatchQueue.global(qos: .utility).async {
            guard let fb = fieldbook?(), fb.identity().enrolled else { return completion.run(true) }
            do {
                _ = try fb.sync(progress: nil)
                completion.run(true)
            } catch {
                completion.run(false)
            }
        }
    }
}

/// Runs its action the first time only, from any thread.
private final class Once: @unchecked Sendable {
    private let lock = NSLock()
    private var done = false
    private let action: (Bool) -> Void

    init(_ action: @escaping (Bool) -> Void) { self.action = action }

    func run(_ ok: Bool) {
        lock.lock()
        let first = !done
        done = true
        lock.unlock()
        if first { action(ok) }
    }
}
