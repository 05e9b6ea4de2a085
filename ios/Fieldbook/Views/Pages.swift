import SwiftUI

/// The caseload from the shared presentation: each row's status, alerts, last employer contact
/// and next step in words (never by colour alone), read by VoiceOver as one sentence.
struct CaseloadPage: View {
    @EnvironmentObject var session: Session
    @State private var search = ""

    var body: some View {
        let screen = session.screens.caseload(search: search, utcOffsetMinutes: session.utcOffsetMinutes)
        List {
            if let empty = screen.emptyLine { Text(empty) }
            ForEach(screen.rows, id: \.seekerId) { row in
                NavigationLink(destination: SeekerPage(seekerId: row.seekerId)) {
                    VStack(alignment: .leading) {
                        Text(row.name).font(.headline)
                        Text(row.status)
                        ForEach(row.alerts, id: \.text) { alert in
                            // The words carry the state; the symbol only repeats it.
                            Label(alert.text, systemImage: alert.urgent ? "exclamationmark.triangle" : "info.circle")
                                .foregroundStyle(alert.urgent ? .red : .primary)
                        }
                        if let job = row.job { Text(job) }
                        Text(row.lastContact).foregroundStyle(.secondary)
                        if let next = row.nextStep { Text(next).foregroundStyle(.secondary) }
                    }
                    .accessibilityElement(children: .ignore)
                    .accessibilityLabel(row.accessibilityLabel)
                }
            }
            Section { FormLink(kind: .seeker) }
        }
        .searchable(text: $search, prompt: Text(screen.searchLabel))
        .id(session.revision)
        .navigationTitle(screen.title)
    }
}

/// One job seeker from the shared presentation: profile, plan, jobs (an ended job says it
/// ended, and when), supports, notes, path so far; a specialist's actions, none for the job
/// seeker on their own phone.
struct SeekerPage: View {
    @EnvironmentObject var session: Session
    let seekerId: String
    @State private var message: String?

    var body: some View {
        switch Result(catching: { try session.screens.seeker(seekerId: seekerId, utcOffsetMinutes: session.utcOffsetMinutes) }) {
        case let .failure(error):
            Text(unavailable(error))
        case let .success(s):
            List {
                Section {
                    Text(s.status)
                    if let line = s.readOnlyLine { Text(line) }
                    // Each action opens the shared form Rust names for it; logging a visit is
                    // the visit page of its own.
                    ForEach(s.actions, id: \.label) { item in
                        if let form = seekerActionForm(action: item.action, seekerId: seekerId) {
                            NavigationLink(item.label) { RecordFormPage(model: RecordFormModel(session, kind: form)) }
                        } else {
                            NavigationLink(item.label, destination: VisitPage())
                        }
                    }
                }
                Section(s.headings[0]) { ForEach(s.profile, id: \.label) { Text("\($0.label): \($0.value)") } }
                Section(s.headings[1]) {
                    Text(s.goal)
                    ForEach(s.steps, id: \.stepId) { step in
                        HStack {
                            if !s.actions.isEmpty && !step.done {
                                Button { complete(step.stepId) } label: { Image(systemName: "circle") }
                                    .accessibilityLabel(step.accessibilityLabel)
                            } else {
                                Image(systemName: step.done ? "checkmark.circle.fill" : "circle").accessibilityHidden(true)
                            }
                            VStack(alignment: .leading) {
                                Text(step.what)
                                Text(step.detail).foregroundStyle(.secondary)
                            }
                            .accessibilityElement(children: .ignore)
                            .accessibilityLabel(step.accessibilityLabel)
                        }
                    }
                }
                Section(s.headings[2]) {
                    ForEach(s.jobs, id: \.jobId) { job in
                        VStack(alignment: .leading) {
                            Text(job.title)
                            Text(job.period).foregroundStyle(.secondary)
                        }
                        .accessibilityElement(children: .ignore)
                        .accessibilityLabel(job.accessibilityLabel)
                        RowActionLinks(actions: job.actions)
                    }
                }
                Section(s.headings[3]) { ForEach(s.supports, id: \.self) { Text($0) } }
                if !s.notes.isEmpty {
                    Section(s.headings[4]) {
                        ForEach(s.notes, id: \.noteId) { note in
                            VStack(alignment: .leading) {
                                Text(note.when).font(.caption)
                                Text(note.text)
                            }
                            RowActionLinks(actions: note.actions)
                        }
                    }
                }
                if !s.visits.isEmpty {
                    Section(s.headings[6]) {
                        ForEach(s.visits, id: \.visitId) { visit in
                            VStack(alignment: .leading) {
                                Text(visit.when).font(.caption)
                                Text(visit.what)
                                if let outcome = visit.outcome { Text(outcome).foregroundStyle(.secondary) }
                            }
                            RowActionLinks(actions: visit.actions)
                        }
                    }
                }
                Section(s.headings[5]) { ForEach(s.timeline, id: \.self) { Text($0) } }
                if let message { Text(message).foregroundStyle(.red) }
            }
            .id(session.revision)
            .navigationTitle(s.name)
        }
    }

    private func complete(_ stepId: String) {
        do { try session.fieldbook.completeStep(seekerId: seekerId, stepId: stepId, on: nil) } catch { message = session.problem(error) }
    }

    /// Why the screen cannot be shown, in the shared words.
    private func unavailable(_ error: Error) -> String {
        if case let .Unavailable(words)? = error as? ScreenError { return words }
        return session.problem(error)
    }
}

/// The visit log, rendered from the shared visit form: labels, options, defaults (now, on the
/// phone's clock), checks and sentences come from Rust in the phone's language. One screen,
/// big targets, thumb-reach save button; works offline.
struct VisitPage: View {
    @EnvironmentObject var session: Session
    var body: some View { VisitFormView(session: session) }
}

/// The visit form correcting a logged visit (a job seeker's row action); saved, it returns to
/// the job seeker.
struct VisitCorrectionPage: View {
    @EnvironmentObject var session: Session
    let employerId: String
    let visitId: String
    var body: some View { VisitFormView(session: session, correcting: visitId, at: employerId) }
}

private struct VisitFormView: View {
    @EnvironmentObject var session: Session
    // Kept while the page is on screen (SwiftUI rebuilds the view, not the model).
    @StateObject private var model: VisitFormModel
    @Environment(\.scenePhase) private var phase
    @Environment(\.dismiss) private var dismiss

    /// A new visit: what was half typed before the process was killed, or now.
    init(session: Session) {
        // StateObject's argument is an autoclosure: the Keychain is read once, not per rebuild.
        _model = StateObject(wrappedValue: VisitFormModel(session, kept: KeptVisitDraft.restore()))
    }

    init(session: Session, correcting visitId: String, at employerId: String) {
        _model = StateObject(wrappedValue: VisitFormModel(session, correcting: visitId, at: employerId))
    }

    var body: some View {
        let state = model.state
        let chosenSeekers = Set(state.seekersChosen.map(\.id))
        Form {
            FormTextRow(field: state.employerSearch) { v in model.input { $0.searchEmployer(text: v) } }
            ChoiceRow(field: state.employer) { id in model.input { $0.chooseEmployer(employerId: id) } }
            FormTextRow(field: state.date) { v in model.input { $0.setDate(text: v) } }
            FormTextRow(field: state.time) { v in model.input { $0.setTime(text: v) } }
            if !state.contact.options.isEmpty {
                ChoiceRow(field: state.contact) { id in
                    model.input { $0.chooseContact(contactId: id == state.contact.chosen ? nil : id) }
                }
            }
            FormTextRow(field: state.seekerSearch) { v in model.input { $0.searchSeeker(text: v) } }
            ChoiceRow(field: state.seeker, chosen: chosenSeekers) { id in model.input { $0.toggleSeeker(seekerId: id) } }
            ChoiceRow(field: state.mode) { id in model.input { $0.chooseMode(mode: id) } }
            ChoiceRow(field: state.purpose) { id in model.input { $0.choosePurpose(purpose: id) } }
            if !chosenSeekers.isEmpty {
                ChoiceRow(field: state.followedPreference) { id in model.input { $0.chooseFollowedPreference(choice: id) } }
            }
            FormTextRow(field: state.outcome) { v in model.input { $0.setOutcome(text: v) } }
            FormTextRow(field: state.nextStep) { v in model.input { $0.setNextStep(text: v) } }
            FormTextRow(field: state.nextStepDate) { v in model.input { $0.setNextStepDate(text: v) } }
            if let m = state.message ?? model.notice { Text(m).accessibilityAddTraits(.updatesFrequently) }
            Button(state.saveLabel) {
                guard model.save() else { return }
                if model.keepsDraft { KeptVisitDraft.forget() } else { dismiss() }
            }
                .frame(maxWidth: .infinity, minHeight: 44)
                .buttonStyle(.borderedProminent)
        }
        .navigationTitle(state.title)
        // Leaving the foreground is the last moment before iOS may kill the process: a
        // half-typed new visit is kept (encrypted, this device only), an untouched one dropped.
        .onChange(of: phase) { newPhase in
            guard model.keepsDraft, newPhase != .active else { return }
            if model.touched { KeptVisitDraft.keep(model.draftText()) } else { KeptVisitDraft.forget() }
        }
        // The phone's language changed (Session bumps its revision): the words follow.
        .onChange(of: session.revision) { _ in model.refresh() }
    }
}

/// The employers list from the shared presentation, searchable by name.
struct EmployersPage: View {
    @EnvironmentObject var session: Session
    @State private var search = ""

    var body: some View {
        let screen = session.screens.employers(search: search, utcOffsetMinutes: session.utcOffsetMinutes)
        List {
            FormLink(kind: .employer)
            if let empty = screen.emptyLine { Text(empty) }
            ForEach(screen.rows, id: \.employerId) { row in
                NavigationLink(destination: EmployerPage(employerId: row.employerId)) {
                    VStack(alignment: .leading) {
                        Text(row.name).font(.headline)
                        if let industry = row.industry { Text(industry).font(.caption) }
                        Text(row.visits).foregroundStyle(.secondary)
                    }
                    .accessibilityElement(children: .ignore)
                    .accessibilityLabel(row.accessibilityLabel)
                }
            }
        }
        .searchable(text: $search, prompt: Text(screen.searchLabel))
        .id(session.revision)
        .navigationTitle(screen.title)
    }
}

/// One employer's page from the shared presentation: about, contacts, visits (when, how,
/// why, what came of it), or why it cannot be shown.
struct EmployerPage: View {
    @EnvironmentObject var session: Session
    let employerId: String

    var body: some View {
        switch Result(catching: { try session.screens.employer(employerId: employerId, utcOffsetMinutes: session.utcOffsetMinutes) }) {
        case let .success(e):
            List {
                if let about = e.about { Section { Text(about) } }
                Section {
                    FormLink(kind: .contact(employerId: employerId)); FormLink(kind: .editEmployer(employerId: employerId))
                    ContactEditLinks(employerId: employerId)
                }
                Section(e.contactsTitle) {
                    if let none = e.noContacts { Text(none) }
                    ForEach(e.contacts, id: \.self) { Text($0) }
                }
                Section(e.visitsTitle) {
                    if let none = e.noVisits { Text(none) }
                    ForEach(e.visits, id: \.visitId) { v in
                        VStack(alignment: .leading) {
                            Text(v.line)
                            if let outcome = v.outcome { Text(outcome).font(.caption) }
                            if let seekers = v.seekers { Text(seekers).font(.caption) }
                        }
                        .accessibilityElement(children: .combine)
                    }
                }
            }
            .id(session.revision)
            .navigationTitle(e.name)
        case let .failure(error):
            Text(unavailable(error))
        }
    }

    /// Why the page cannot be shown, in the shared words.
    private func unavailable(_ error: Error) -> String {
        if case let .NotShown(words)? = error as? EmployerProblem { return words }
        return session.problem(error)
    }
}

/// This week from the shared presentation: the headline and what is left to the goal in
/// words, the progress bar, and who is near or past day 30 without an employer contact.
struct WeekPage: View {
    @EnvironmentObject var session: Session

    var body: some View {
        let week = session.screens.week(utcOffsetMinutes: session.utcOffsetMinutes)
        List {
            if let error = week.error {
                Text(error).foregroundStyle(.red)
            } else {
                Section {
                    Text(week.range).font(.caption)
                    Text(week.headline).font(.title2)
                    ProgressView(value: Double(week.progress))
                    Text(week.toGoal)
                    Text(week.allContacts).font(.caption)
                }
                Section(week.warningsTitle) {
                    if let none = week.noWarnings { Text(none) }
                    ForEach(week.warnings, id: \.seekerId) { w in
                        Text(w.text).foregroundStyle(w.past ? Color.red : Color.primary)
                    }
                }
            }
        }
        .id(session.revision)
        .navigationTitle(week.title)
    }
}

struct SyncPage: View {
    @EnvironmentObject var session: Session
    @State private var state: SyncState?
    @State private var running = false

    var body: some View {
        let shown = state ?? SyncModel.state(session)
        let words = session.screens.syncPageWords()
        List {
            Text(shown.lastSync)
            Text(shown.pending)
            if let m = shown.message { Text(m) }
            Button(running ? words.syncing : words.syncNow) {
                running = true
                DispatchQueue.global(qos: .userInitiated).async {
                    let result = SyncModel.syncNow(session)
                    DispatchQueue.main.async {
                        state = result
                        running = false
                        session.enrolled = !result.mustEnroll
                    }
                }
            }
            .disabled(running)
            ChangesSection(screen: session.screens.changes(utcOffsetMinutes: session.utcOffsetMinutes))
            SignOutSection()
        }
        .id(session.revision)
        .navigationTitle(words.title)
    }
}

/// The shared pending-changes screen: waiting records, refused changes by name (record, what,
/// why, when, and what to do — sharing the export with the supervisor), conflicts with each
/// value, who and when, and a button to keep one.
struct ChangesSection: View {
    @EnvironmentObject var session: Session
    let screen: ChangesScreen
    @State private var message: String?

    var body: some View {
        Section(screen.title) {
            if let empty = screen.emptyLine { Text(empty) }
            ForEach(screen.waiting, id: \.docId) { Text($0.text) }
            ForEach(Array(screen.refused.enumerated()), id: \.offset) { _, row in
                VStack(alignment: .leading) {
                    Text(row.record).font(.headline)
                    Text(row.what)
                    Text(row.why)
                    Text(row.when).font(.caption)
                    if row.action == .tellSupervisor {
                        ShareLink(item: screen.exportJson) { Text(row.actionLabel) }
                    } else {
                        Text(row.actionLabel).font(.callout)
                    }
                }
                .accessibilityElement(children: .combine)
                .accessibilityLabel(row.accessibilityLabel)
            }
            ForEach(Array(screen.conflicts.enumerated()), id: \.offset) { _, c in
                VStack(alignment: .leading) {
                    Text(c.headline).font(.headline)
                    ForEach(c.values, id: \.written) { v in
                        Text("\(v.value) — \(v.written)")
                        if let json = v.valueJson {
                            Button(v.settleLabel) { settle(c.docId, c.field, json) }
                        }
                    }
                }
            }
            if let message { Text(message).foregroundStyle(.red) }
        }
    }

    private func settle(_ docId: String, _ field: String, _ json: String) {
        do { try session.fieldbook.settle(documentId: docId, field: field, valueJson: json) } catch { message = session.problem(error) }
    }
}

/// The always-visible sync state in words (offline, waiting, refused, last sync) over every tab.
struct SyncIndicatorBar: View {
    @EnvironmentObject var session: Session
    @EnvironmentObject var network: Connectivity

    var body: some View {
        let indicator = session.screens.syncIndicator(online: network.online, utcOffsetMinutes: session.utcOffsetMinutes)
        VStack(alignment: .leading) {
            Text(indicator.line).font(.footnote)
            if let last = indicator.lastSync { Text(last).font(.caption2).foregroundStyle(.secondary) }
        }
        .frame(maxWidth: .infinity, alignment: .leading)
        .padding(.horizontal)
        .background(.bar)
        .accessibilityElement(children: .ignore)
        .accessibilityLabel(indicator.accessibilityLabel)
        .id(session.revision)
    }
}

/// First start: scan the QR code the supervisor's page shows (VisionKit's data scanner), or
/// type the server address and the one-time code. The shared presentation reads and checks
/// both and words what is wrong.
struct EnrollPage: View {
    @EnvironmentObject var session: Session
    @State private var server = "https://"
    @State private var code = ""
    /// Prefilled with the system's name when it is the person's own (iOS 15, or with the
    /// entitlement); on iOS 16+ without it the system says only "iPhone", so it starts empty.
    @State private var phoneName = UIDevice.current.name == UIDevice.current.model ? "" : UIDevice.current.name
    @State private var message: String?
    @State private var scanning = false

    var body: some View {
        let words = session.screens.enrollmentWords()
        Form {
            Text(words.title).font(.title)
            Text(words.explanation)
            TextField(words.deviceNameLabel, text: $phoneName)
                .textInputAutocapitalization(.words)
            if QRScanner.canScan {
                Button(words.scan) { scanning = true }
            }
            TextField(words.serverLabel, text: $server).textInputAutocapitalization(.never).keyboardType(.URL)
            TextField(words.codeLabel, text: $code)
                .onChange(of: code) { code = formatEnrollmentCode(typed: $0) }
            if let message { Text(message) }
            Button(words.enroll) {
                let (s, c) = (server, code)
                enroll { try session.screens.checkEnrollment(server: s, code: c) }
            }
        }
        .sheet(isPresented: $scanning) {
            QRScanner { payload in
                scanning = false
                enroll { try session.screens.readEnrollmentLink(payload: payload) }
            }
            .ignoresSafeArea()
        }
    }

    /// Checks the link or typed values in the shared presentation, then enrolls off the main thread.
    private func enroll(_ target: @escaping () throws -> EnrollmentTarget) {
        guard let name = enrollmentDeviceName(typed: phoneName, system: UIDevice.current.name, model: UIDevice.current.model) else {
            message = session.screens.enrollmentWords().deviceNameMissing
            return
        }
        DispatchQueue.global(qos: .userInitiated).async {
            do {
                let t = try target()
                _ = try session.fieldbook.enroll(serverUrl: t.server, code: t.code, deviceName: name, caCertificatePem: nil)
                DispatchQueue.main.async { session.enrolled = true }
            } catch let EnrollmentError.Invalid(_, _, words) {
                DispatchQueue.main.async { message = words }
            } catch {
                let words = session.problem(error)
                DispatchQueue.main.async { message = words }
            }
        }
    }
}
