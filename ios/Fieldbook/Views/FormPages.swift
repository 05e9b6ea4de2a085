import SwiftUI

/// A text input from the shared state: its label (also what VoiceOver reads), the text, and
/// its error under it, read out as the field's value hint.
struct FormTextRow: View {
    let field: TextInput
    let onChange: (String) -> Void

    var body: some View {
        VStack(alignment: .leading) {
            TextField(field.label, text: Binding(get: { field.value }, set: onChange))
                .accessibilityLabel(field.label)
                .accessibilityHint(field.error ?? "")
            if let error = field.error {
                // Said in words, not by colour alone.
                Label(error, systemImage: "exclamationmark.triangle").foregroundStyle(.red)
            }
        }
    }
}

/// A choice from the shared state: every option (no cut-off), the chosen ones marked with a
/// check and announced as selected.
struct ChoiceRow: View {
    let field: ChoiceField
    var chosen: Set<String>? = nil
    let onPick: (String) -> Void

    var body: some View {
        let picked = chosen ?? Set([field.chosen].compactMap { $0 })
        Section(field.label) {
            if let label = field.chosenLabel { Text(label).font(.headline) }
            ForEach(field.options, id: \.id) { option in
                Button { onPick(option.id) } label: {
                    HStack {
                        Text(option.label)
                        Spacer()
                        if picked.contains(option.id) { Image(systemName: "checkmark") }
                    }
                }
                .accessibilityLabel("\(field.label): \(option.label)")
                .accessibilityAddTraits(picked.contains(option.id) ? .isSelected : [])
            }
            if let error = field.error {
                Label(error, systemImage: "exclamationmark.triangle").foregroundStyle(.red)
            }
        }
    }
}

/// Any shared form (add, edit, void), field by field from its state. Saved, it returns to
/// the page it was opened from (a job seeker, an employer).
struct RecordFormPage: View {
    @EnvironmentObject var session: Session
    @StateObject var model: RecordFormModel
    @Environment(\.dismiss) private var dismiss

    var body: some View {
        let state = model.state
        Form {
            ForEach(state.fields, id: \.name) { field in
                switch field.kind {
                case .yesNo, .choice:
                    ChoiceRow(field: ChoiceField(
                        label: field.label, chosen: field.value.isEmpty ? nil : field.value,
                        chosenLabel: nil, options: field.options, error: field.error)) { id in
                        model.set(field.name, id == field.value && !field.required ? "" : id)
                    }
                default:
                    FormTextRow(field: TextInput(label: field.label, value: field.value, error: field.error)) {
                        model.set(field.name, $0)
                    }
                    .keyboardType(field.kind == .number ? .decimalPad : .default)
                }
            }
            if let m = state.message ?? model.notice { Text(m) }
            Button(state.saveLabel) { if model.save() { dismiss() } }
                .frame(maxWidth: .infinity, minHeight: 44)
                .buttonStyle(.borderedProminent)
        }
        .navigationTitle(state.title)
        // The phone's language changed (Session bumps its revision): the words follow.
        .onChange(of: session.revision) { _ in model.refresh() }
    }
}

/// A link to the shared form of `kind`, titled by it.
struct FormLink: View {
    @EnvironmentObject var session: Session
    let kind: FormKind

    var body: some View {
        NavigationLink(session.screens.formTitle(kind: kind)) {
            RecordFormPage(model: RecordFormModel(session, kind: kind))
        }
    }
}

/// The edit links of an employer's contacts, one per contact, from the shared presentation
/// (`contact_edits`): the link shows "Edit Lee Vang", VoiceOver reads it with the employer.
struct ContactEditLinks: View {
    @EnvironmentObject var session: Session
    let employerId: String

    var body: some View {
        switch Result(catching: { try session.screens.contactEdits(employerId: employerId) }) {
        case let .success(edits):
            ForEach(edits, id: \.contactId) { edit in
                NavigationLink(edit.label) { RecordFormPage(model: RecordFormModel(session, kind: edit.form)) }
                    .accessibilityLabel(edit.accessibilityLabel)
            }
        case let .failure(error):
            if case let .Unavailable(words)? = error as? ScreenError { Text(words).foregroundStyle(.red) }
        }
    }
}

/// A row's actions from the shared job seeker screen (end a job, correct or void a visit, void
/// a note): each a link showing its label, read by VoiceOver with its accessibility label
/// (which names the row), opening what the shared mapping (`row_action_form`) says: the
/// action's record form, or the visit form correcting the visit. Saving returns here.
struct RowActionLinks: View {
    @EnvironmentObject var session: Session
    let actions: [RowActionItem]

    var body: some View {
        ForEach(actions, id: \.label) { item in
            NavigationLink(item.label) { destination(item.action) }
                .accessibilityLabel(item.accessibilityLabel)
        }
    }

    @ViewBuilder private func destination(_ action: RowAction) -> some View {
        if let kind = rowActionForm(action: action) {
            RecordFormPage(model: RecordFormModel(session, kind: kind))
        } else if case let .correctVisit(employerId, visitId) = action {
            VisitCorrectionPage(employerId: employerId, visitId: visitId)
        }
    }
}

/// Sign out and erase, confirmed with what would be lost (changes not yet on the server).
struct SignOutSection: View {
    @EnvironmentObject var session: Session
    @State private var asking: SignOutState?
    @State private var problem: String?

    var body: some View {
        let label = session.screens.signOutState().confirmLabel
        if let problem { Text(problem).foregroundStyle(.red) }
        Button(label, role: .destructive) { asking = session.screens.signOutState() }
        .alert(asking?.title ?? "", isPresented: Binding(get: { asking != nil }, set: { if !$0 { asking = nil } })) {
            if let state = asking {
                Button(state.confirmLabel, role: .destructive) {
                    problem = session.screens.signOut()?.message
                    if problem == nil { KeptVisitDraft.forget(); session.enrolled = false }
                }
                if let sync = state.syncFirstLabel { Button(sync) {} }
                Button(state.cancelLabel, role: .cancel) {}
            }
        } message: {
            if let state = asking { Text(([state.message] + state.lost.map { "• \($0)" }).joined(separator: "\n")) }
        }
    }
}
