import SwiftUI
import VisionKit

/// VisionKit's live data scanner, QR codes only, handing back the first code's text (the
/// enrollment link). `DataScannerViewController` needs iOS 16 and a phone with the Neural
/// Engine (2018 or later); the enrollment page offers typing when it cannot scan.
struct QRScanner: UIViewControllerRepresentable {
    let found: (String) -> Void

    /// Whether this phone can scan now: supported hardware (`isSupported`) and camera access
    /// not refused (`isAvailable`).
    @MainActor static var canScan: Bool {
        DataScannerViewController.isSupported && DataScannerViewController.isAvailable
    }

    func makeUIViewController(context: Context) -> DataScannerViewController {
        let scanner = DataScannerViewController(
            recognizedDataTypes: [.barcode(symbologies: [.qr])],
            qualityLevel: .balanced,
            recognizesMultipleItems: false,
            isHighFrameRateTrackingEnabled: false,
            isPinchToZoomEnabled: true,
            isGuidanceEnabled: true,
            isHighlightingEnabled: true
        )
        scanner.delegate = context.coordinator
        try? scanner.startScanning()
        return scanner
    }

    func updateUIViewController(_ scanner: DataScannerViewController, context: Context) {}

    static func dismantleUIViewController(_ scanner: DataScannerViewController, coordinator: Coordinator) {
        scanner.stopScanning()
    }

    func makeCoordinator() -> Coordinator { Coordinator(found: found) }

    final class Coordinator: NSObject, DataScannerViewControllerDelegate {
        let found: (String) -> Void
        private var done = false

        init(found: @escaping (String) -> Void) { self.found = found }

        /// dataScanner(_:didAdd:allItems:): the first QR code seen is the one held up.
        func dataScanner(_ dataScanner: DataScannerViewController, didAdd addedItems: [RecognizedItem], allItems: [RecognizedItem]) {
            guard !done else { return }
            for item in addedItems {
                if case let .barcode(code) = item, let payload = code.payloadStringValue {
                    done = true
                    dataScanner.stopScanning()
                    found(payload)
                    return
                }
            }
        }
    }
}
