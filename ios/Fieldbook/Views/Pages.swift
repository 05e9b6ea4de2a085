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
            if let m = message ?? state.message { Text(m).foregroundStyle(.red) }
        }
        .id(session.revision)
        .navigationTitle(state.title)
    }

    private func complete(_ stepId: String) {
        do { try session.fieldbook.completeStep(seekerId: seekerId, stepId: stepId, on: nil) } catch { message = Words.error(error) }
    }
}

/// One screen, big targets, thumb-reach save button; works offline.
struct VisitPage: View {
    @EnvironmentObject var session: Session
    @State private var form = VisitForm()

    var body: some View {
        let employers = (try? session.fieldbook.employers()) ?? []
        let seekers = (try? session.fieldbook.caseload(asOf: nil)) ?? []
        Form {
            Picker("Employer", selection: $form.employerId) {
                Text("Choose…").tag(String?.none)
                ForEach(employers, id: \.employerId) { Text($0.name).tag(Optional($0.employerId)) }
            }
            Picker("How", selection: $form.mode) {
                ForEach([ContactMode.inPerson, .phone, .email, .video], id: \.self) { Text(Words.mode($0)).tag($0) }
            }
            .pickerStyle(.segmented)
            Picker("Why", selection: $form.purpose) {
                ForEach([VisitPurpose.introduceIps, .learnBusinessNeeds, .followUp, .presentCandidate, .interview, .onTheJobSupport], id: \.self) {
                    Text(Words.purpose($0)).tag($0)
                }
            }
            Section("Job seekers discussed") {
                ForEach(seekers, id: \.seekerId) { s in
                    Toggle(s.displayName, isOn: Binding(
                        get: { form.seekerIds.contains(s.seekerId) },
                        set: { on in if on { form.seekerIds.insert(s.seekerId) } else { form.seekerIds.remove(s.seekerId) } }))
                }
            }
            if !form.seekerIds.isEmpty {
                // IPS: was the job searched for what the job seeker wants? Not asked stays nil.
                Picker("Matches their preferences", selection: $form.followedPreference) {
                    Text("Not said").tag(Bool?.none)
                    Text("Yes").tag(Bool?.some(true))
                    Text("No").tag(Bool?.some(false))
                }
                .pickerStyle(.segmented)
                .accessibilityLabel("Does this employer match the job seekers' preferences")
            }
            TextField("What came of it", text: $form.outcome)
            TextField("Next step", text: $form.nextStep)
            if let m = form.message { Text(m) }
            Button("Save visit") { _ = form.save(session) }
                .frame(maxWidth: .infinity, minHeight: 44)
                .buttonStyle(.borderedProminent)
        }
        .navigationTitle("Log visit")
    }
}

struct EmployersPage: View {
    @EnvironmentObject var session: Session

    var body: some View {
        List((try? session.fieldbook.employers()) ?? [], id: \.employerId) { e in
            NavigationLink(destination: EmployerPage(employerId: e.employerId)) {
                VStack(alignment: .leading) {
                    Text(e.name).font(.headline)
                    Text("\(e.visits) visits, last \(Words.date(e.lastVisit))").foregroundStyle(.secondary)
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
