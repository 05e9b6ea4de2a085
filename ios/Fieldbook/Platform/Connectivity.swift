import Foundation
import Network

/// Whether the phone has a usable network now (NWPathMonitor), for the sync indicator.
final class Connectivity: ObservableObject, @unchecked Sendable {
    @Published private(set) var online = true
    private let monitor = NWPathMonitor()

    init() {
        monitor.pathUpdateHandler = { [weak self] path in
            DispatchQueue.main.async { self?.online = path.status == .satisfied }
        }
        monitor.start(queue: DispatchQueue(label: "org.fieldbook.network"))
    }

    deinit { monitor.cancel() }
}
