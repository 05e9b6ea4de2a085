import Foundation
import UserNotifications

/// The local notifications the shared presentation plans (steps coming due, the day-30 first
/// employer contact), each keyed by its stable key, replacing the ones planned before. The app
/// decides nothing: it only schedules. A reminder names a job seeker; iOS shows its text on a
/// locked screen only if the person set Show Previews to Always.
enum Reminders {
    static func plan(_ session: Session) {
        let center = UNUserNotificationCenter.current()
        let planned = session.screens.reminders(utcOffsetMinutes: session.utcOffsetMinutes)
        center.getPendingNotificationRequests { pending in
            let ours = pending.map(\.identifier).filter { $0.hasPrefix("reminder-") }
            center.removePendingNotificationRequests(withIdentifiers: ours)
            let parse = ISO8601DateFormatter()
            for r in planned {
                guard let at = parse.date(from: r.at) else { continue }
                let content = UNMutableNotificationContent()
                content.title = r.title
                content.body = r.body
                content.userInfo = ["seeker": r.seekerId]
                let when = Calendar.current.dateComponents([.year, .month, .day, .hour, .minute], from: at)
                let trigger = UNCalendarNotificationTrigger(dateMatching: when, repeats: false)
                center.add(UNNotificationRequest(identifier: "reminder-\(r.key)", content: content, trigger: trigger))
            }
        }
    }

    /// Asks once whether the app may notify; planning goes on either way (nothing shows if not).
    static func askPermission() {
        UNUserNotificationCenter.current().requestAuthorization(options: [.alert, .sound]) { _, _ in }
    }
}
