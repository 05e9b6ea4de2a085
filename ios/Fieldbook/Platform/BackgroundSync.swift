import BackgroundTasks
import Foundation

/// Syncs in the background when iOS allows (BGTaskScheduler), with network required. The
/// core's sync is blocking, so it runs on a background queue; an interrupted sync loses
/// nothing and is simply repeated next time.
enum BackgroundSync {
    static let identifier = "org.fieldbook.sync"
    private static var fieldbook: (() -> Fieldbook)?

    static func register(session: @escaping () -> Fieldbook) {
        fieldbook = session
        BGTaskScheduler.shared.register(forTaskWithIdentifier: identifier, using: nil) { task in
            handle(task as! BGProcessingTask)
        }
    }

    static func schedule() {
        let request = BGProcessingTaskRequest(identifier: identifier)
        request.requiresNetworkConnectivity = true
        request.earliestBeginDate = Date(timeIntervalSinceNow: 15 * 60)
        try? BGTaskScheduler.shared.submit(request)
    }

    private static func handle(_ task: BGProcessingTask) {
        schedule()
        let work = DispatchWorkItem {
            guard let fb = fieldbook?(), fb.identity().enrolled else { return task.setTaskCompleted(success: true) }
            do {
                _ = try fb.sync(progress: nil)
                task.setTaskCompleted(success: true)
            } catch {
                task.setTaskCompleted(success: false)
            }
        }
        task.expirationHandler = { work.cancel() }
        DispatchQueue.global(qos: .utility).async(execute: work)
    }
}
