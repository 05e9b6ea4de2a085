import SwiftUI

struct CaseloadPage: View {
    @EnvironmentObject var session: Session

    var body: some View {
        let model = CaseloadModel.lines(session)
        List {
            Section(model.summary) {
                ForEach(model.lines) { line in
                    NavigationLink(destination: PlanPage(seekerId: line.id)) {
                        VStack(alignment: .leading) {
                            Text(line.name).font(.headline)
                            Text("\(line.status) · \(line.day) · first employer contact: \(line.firstEmployerContact)")
                            Text("Next: \(line.nextStep)").foregroundStyle(.secondary)
                        }
                    }
                }
            }
            if let error = model.error { Text(error).foregroundStyle(.red) }
            Section { FormLink(kind: .seeker) }
        }
        .id(session.revision)
        .navigationTitle("Caseload")
    }
}

struct PlanPage: View {
    @EnvironmentObject var session: Session
    let seekerId: String
    @State private var message: String?

    var body: some View {
        let state = PlanModel.state(session, seekerId: seekerId)
        List {
            Section("Goal") { Text(state.goal) }
            Section("Steps") {
                ForEach(state.steps, id: \.stepId) { step in
                    HStack {
                        if state.actions.contains(.completeStep) && step.status != .done {
                            Button { complete(step.stepId) } label: { Image(systemName: "circle") }
                        } else {
                            Image(systemName: step.status == .done ? "checkmark.circle.fill" : "circle")
                        }
                        VStack(alignment: .leading) {
                            Text(step.what)
                            Text("Due \(Words.date(step.due))").foregroundStyle(.secondary)
                        }
                    }
                }
            }
            Section("Employers contacted") { ForEach(state.employerContacts, id: \.self) { Text($0) } }
            Section("Jobs") { ForEach(state.jobs, id: \.self) { Text($0) } }
            if !session.isSeekerMode { Section { SeekerFormLinks(seekerId: seekerId) } }
            if let m = message ?? state.message { Text(m).foregroundStyle(.red) }
        }
        .id(session.revision)
        .navigationTitle(state.title)
    }

    private func complete(_ stepId: String) {
        do { try session.fieldbook.completeStep(seekerId: seekerId, stepId: stepId, on: nil) } catch { message = Words.error(error) }
    }
}

/// The visit log, rendered from the shared visit form: labels, options, defaults (now, on the
/// phone's clock), checks and sentences come from Rust in the phone's language. One screen,
/// big targets, thumb-reach save button; works offline.
struct VisitPage: View {
    @EnvironmentObject var session: Session
    var body: some View { VisitFormView(model: VisitFormModel(session)) }
}

private struct VisitFormView: View {
    // Kept while the page is on screen (SwiftUI rebuilds the view, not the model).
    @StateObject var model: VisitFormModel

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
            Button(state.saveLabel) { _ = model.save() }
                .frame(maxWidth: .infinity, minHeight: 44)
                .buttonStyle(.borderedProminent)
        }
        .navigationTitle(state.title)
    }
}

struct EmployersPage: View {
    @EnvironmentObject var session: Session

    var body: some View {
        List {
            FormLink(kind: .employer)
            ForEach((try? session.fieldbook.employers()) ?? [], id: \.employerId) { e in
                NavigationLink(destination: EmployerPage(employerId: e.employerId)) {
                    VStack(alignment: .leading) {
                        Text(e.name).font(.headline)
                        Text("\(e.visits) visits, last \(Words.date(e.lastVisit))").foregroundStyle(.secondary)
                    }
                }
            }
        }
        .id(session.revision)
        .navigationTitle("Employers")
    }
}

struct EmployerPage: View {
    @EnvironmentObject var session: Session
    let employerId: String

    var body: some View {
        if let e = try? session.fieldbook.employer(employerId: employerId) {
            List {
                Section { Text([e.industry, e.address, e.businessNeeds].compactMap { $0 }.joined(separator: " · ")) }
                Section { FormLink(kind: .contact(employerId: employerId)); FormLink(kind: .editEmployer(employerId: employerId)) }
                Section("Contacts") { ForEach(e.contacts, id: \.contactId) { Text([$0.name, $0.role, $0.phone].compactMap { $0 }.joined(separator: ", ")) } }
                Section("Visits") {
                    ForEach(e.visits, id: \.visitId) { v in
                        Text("\(Words.date(v.at)) — \(Words.mode(v.mode)), \(Words.purpose(v.purpose))\(v.outcome.map { ": \($0)" } ?? "")")
                    }
                }
            }
            .navigationTitle(e.name)
        }
    }
}

struct WeekPage: View {
    @EnvironmentObject var session: Session

    var body: some View {
        let state = WeekModel.state(session)
        List {
            Section {
                Text(state.headline).font(.title2)
                ProgressView(value: state.progress)
            }
            if !state.warnings.isEmpty {
                Section("Day 30 without an employer contact") { ForEach(state.warnings, id: \.self) { Text($0) } }
            }
            if let error = state.error { Text(error).foregroundStyle(.red) }
        }
        .id(session.revision)
        .navigationTitle("This week")
    }
}

struct SyncPage: View {
    @EnvironmentObject var session: Session
    @State private var state: SyncState?
    @State private var running = false

    var body: some View {
        let shown = state ?? SyncModel.state(session)
        List {
            Text("Last sync: \(shown.lastSync)")
            Text(shown.pending)
            if let m = shown.message { Text(m) }
            Button(running ? "Syncing…" : "Sync now") {
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
            SignOutSection()
        }
        .navigationTitle("Sync")
    }
}

struct EnrollPage: View {
    @EnvironmentObject var session: Session
    @State private var server = "https://"
    @State private var code = ""
    /// Prefilled with the system's name when it is the person's own (iOS 15, or with the
    /// entitlement); on iOS 16+ without it the system says only "iPhone", so it starts empty.
    @State private var phoneName = UIDevice.current.name == UIDevice.current.model ? "" : UIDevice.current.name
    @State private var message: String?

    var body: some View {
        Form {
            Text("Connect this phone").font(.title)
            TextField("Server address", text: $server).textInputAutocapitalization(.never).keyboardType(.URL)
            TextField("Code from your supervisor", text: $code)
                .onChange(of: code) { code = EnrollModel.formatCode($0) }
            TextField("This phone's name", text: $phoneName)
                .textInputAutocapitalization(.words)
            if let message { Text(message) }
            Button("Connect") {
                guard let name = EnrollModel.deviceName(typed: phoneName, system: UIDevice.current.name, model: UIDevice.current.model) else {
                    message = EnrollModel.nameThisPhone
                    return
                }
                let (s, c) = (server, code)
                DispatchQueue.global(qos: .userInitiated).async {
                    do {
                        _ = try session.fieldbook.enroll(serverUrl: s, code: c, deviceName: name, caCertificatePem: nil)
                        DispatchQueue.main.async { session.enrolled = true }
                    } catch {
                        DispatchQueue.main.async { message = Words.error(error) }
                    }
                }
            }
        }
    }
}
