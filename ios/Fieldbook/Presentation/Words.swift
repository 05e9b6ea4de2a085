import Foundation

/// Plain words for what the core returns. Mirrors `android/presentation` (Words.kt).
enum Words {
    static func isoDay(_ d: Date) -> String {
        let f = DateFormatter()
        f.calendar = Calendar(identifier: .gregorian)
        f.dateFormat = "yyyy-MM-dd"
        return f.string(from: d)
    }

    static func date(_ iso: String?) -> String {
        guard let iso, iso.count >= 10 else { return "—" }
        let day = String(iso.prefix(10))
        let today = isoDay(Date())
        if day == today { return "today" }
        if day == isoDay(Date(timeIntervalSinceNow: -86_400)) { return "yesterday" }
        if day == isoDay(Date(timeIntervalSinceNow: 86_400)) { return "tomorrow" }
        return day
    }

    static func mode(_ m: ContactMode) -> String {
        switch m {
        case .inPerson: return "In person"
        case .phone: return "Phone"
        case .email: return "Email"
        case .video: return "Video"
        }
    }

    static func purpose(_ p: VisitPurpose) -> String {
        switch p {
        case .introduceIps: return "Introduce IPS"
        case .learnBusinessNeeds: return "Learn about the business"
        case .followUp: return "Follow up"
        case .presentCandidate: return "Present a job seeker"
        case .interview: return "Interview"
        case .onTheJobSupport: return "Support on the job"
        }
    }

    /// Why a visit may not disclose a job seeker, and what the specialist can do instead.
    static func disclosureRefused(_ reason: DisclosureRefusal, _ date: String?) -> String {
        switch reason {
        case .doNotDisclose:
            return "This job seeker chose not to be disclosed to employers. Save the visit without disclosing."
        case .noConsent:
            return "There is no signed release to employers for this job seeker. Save the visit without disclosing, or have one signed first."
        case .consentExpired:
            return "The release to employers ended after \(date ?? "its last day"). Save the visit without disclosing, or have a new one signed."
        case .consentNotYetSigned:
            return "The release to employers is signed only on \(date ?? "a later day"), after this visit. Save the visit without disclosing."
        }
    }

    /// What to tell the person when something failed: never a stack trace.
    static func error(_ e: Error) -> String {
        guard let e = e as? FieldbookError else { return "Something went wrong. Your work is saved on this phone." }
        switch e {
        case .Network: return "No connection. Your work is saved on this phone and will sync when you are back online."
        case .DeviceRevoked: return "This phone was removed from Fieldbook and its data was erased. Ask your supervisor for a new code."
        case .NotEnrolled: return "This phone is not connected to a Fieldbook server yet."
        case .Unauthorised: return "You can't do that from this account."
        case let .Invalid(field, reason, _): return "\(field.replacingOccurrences(of: "_", with: " ").capitalized): \(reason)."
        case let .DisclosureRefused(_, reason, _, date, _): return disclosureRefused(reason, date)
        case let .NotFound(kind, _): return "That \(kind) is not on this phone."
        case let .AlreadyExists(kind, _): return "That \(kind) exists already."
        case .WrongKey: return "This phone's data could not be unlocked."
        case let .Server(status, code, _):
            if status == 429 { return "Too many tries. Wait a few minutes and try again." }
            if code == "bad_code" { return "That code doesn't work. Codes are used once and expire; ask for a new one." }
            return "The server had a problem. Your work is safe on this phone; try again later."
        case .Storage: return "This phone's storage had a problem. Your last change was not saved."
        case .Incomplete: return "The sync stopped before it was done. Nothing was lost; sync again to finish it."
        case .Malformed: return "Some data could not be read, and none of it was used. Your work is saved on this phone; try again later."
        case .Cancelled: return "Sync stopped. It will go on from where it stopped next time."
        case let .Merged(kind, _, _): return "That \(kind) was merged into another record. Open the record kept."
        }
    }
}
