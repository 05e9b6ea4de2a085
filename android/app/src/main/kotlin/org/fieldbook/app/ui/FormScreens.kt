package org.fieldbook.app.ui

import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.ExperimentalLayoutApi
import androidx.compose.foundation.layout.FlowRow
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.height
import androidx.compose.foundation.rememberScrollState
import androidx.compose.foundation.verticalScroll
import androidx.compose.material3.AlertDialog
import androidx.compose.material3.Button
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.OutlinedButton
import androidx.compose.material3.Text
import androidx.compose.material3.TextButton
import androidx.compose.runtime.Composable
import androidx.compose.runtime.getValue
import androidx.compose.runtime.mutableStateOf
import androidx.compose.runtime.remember
import androidx.compose.runtime.setValue
import androidx.compose.ui.Modifier
import androidx.compose.ui.semantics.LiveRegionMode
import androidx.compose.ui.semantics.contentDescription
import androidx.compose.ui.semantics.heading
import androidx.compose.ui.semantics.liveRegion
import androidx.compose.ui.semantics.semantics
import androidx.compose.ui.unit.dp
import org.fieldbook.core.presentation.ChoiceField
import org.fieldbook.core.presentation.FieldKind
import org.fieldbook.core.presentation.FieldState
import org.fieldbook.core.presentation.FormKind
import org.fieldbook.core.presentation.RowAction
import org.fieldbook.core.presentation.RowActionItem
import org.fieldbook.core.presentation.ScreenException
import org.fieldbook.core.presentation.TextInput
import org.fieldbook.presentation.RecordFormModel
import org.fieldbook.presentation.Session

/**
 * Any shared form, rendered field by field from its state: text and long text as text
 * fields, dates as text (`2026-11-24`) with the shared check under them, numbers with the
 * number keyboard, yes/no and choices as chips. Labels and errors come from Rust.
 */
@Composable
fun RecordFormScreen(model: RecordFormModel, onSaved: () -> Unit) {
    val state by model.state.asState()
    val notice by model.notice.asState()
    Column(Modifier.verticalScroll(rememberScrollState()), verticalArrangement = Arrangement.spacedBy(8.dp)) {
        Text(state.title, style = MaterialTheme.typography.titleLarge, modifier = Modifier.semantics { heading() })
        state.fields.forEach { field -> FormField(field) { value -> model.set(field.name, value) } }
        (state.message ?: notice)?.let {
            Text(it, modifier = Modifier.semantics { liveRegion = LiveRegionMode.Polite })
        }
        Button(onClick = { if (model.save()) onSaved() }, modifier = Modifier.fillMaxWidth().height(56.dp)) {
            Text(state.saveLabel)
        }
    }
}

@Composable
private fun FormField(field: FieldState, onChange: (String) -> Unit) {
    when (field.kind) {
        FieldKind.YES_NO, FieldKind.CHOICE -> Choices(
            ChoiceField(
                label = field.label,
                chosen = field.value.ifEmpty { null },
                chosenLabel = null,
                options = field.options,
                error = field.error,
            ),
        ) { id -> onChange(if (id == field.value && !field.required) "" else id) }
        // Long text wraps over several lines; the rest is one line (FormText).
        else -> FormText(TextInput(label = field.label, value = field.value, error = field.error), onChange)
    }
}

/**
 * The buttons that open the shared forms of an employer: add a contact, edit the employer,
 * and one per contact editing it (each read by TalkBack with the contact's name).
 */
@OptIn(ExperimentalLayoutApi::class)
@Composable
fun EmployerFormButtons(session: Session, employerId: String, open: (FormKind) -> Unit) {
    // Read again whenever the screen is composed anew (after a contact is saved, say).
    val edits = remember(session, employerId, session.presentation.language()) {
        try {
            Result.success(session.presentation.contactEdits(employerId))
        } catch (e: ScreenException.Unavailable) {
            Result.failure(e)
        }
    }
    FlowRow(horizontalArrangement = Arrangement.spacedBy(6.dp)) {
        listOf(FormKind.Contact(employerId), FormKind.EditEmployer(employerId)).forEach { kind ->
            OutlinedButton(onClick = { open(kind) }) { Text(session.presentation.formTitle(kind)) }
        }
        edits.getOrNull()?.forEach { edit ->
            OutlinedButton(
                onClick = { open(edit.form) },
                modifier = Modifier.semantics { contentDescription = edit.accessibilityLabel },
            ) { Text(edit.label) }
        }
    }
    (edits.exceptionOrNull() as? ScreenException.Unavailable)?.let { Text(it.words, color = MaterialTheme.colorScheme.error) }
}

/**
 * A row's actions from the shared job seeker screen (end a job, correct or void a visit, void
 * a note): the button shows the row action's label, TalkBack reads its accessibility label
 * (which names the row), and a tap opens what the action opens. None on a job seeker's phone.
 */
@OptIn(ExperimentalLayoutApi::class)
@Composable
fun RowActions(actions: List<RowActionItem>, onAction: (RowAction) -> Unit) {
    if (actions.isEmpty()) return
    FlowRow(horizontalArrangement = Arrangement.spacedBy(6.dp)) {
        actions.forEach { item ->
            OutlinedButton(
                onClick = { onAction(item.action) },
                modifier = Modifier.semantics { contentDescription = item.accessibilityLabel },
            ) { Text(item.label) }
        }
    }
}

/** One button opening the form that adds a record of [kind] (a job seeker, an employer). */
@Composable
fun AddButton(session: Session, kind: FormKind, open: (FormKind) -> Unit) {
    OutlinedButton(onClick = { open(kind) }) { Text(session.presentation.formTitle(kind)) }
}

/**
 * Sign out: a button, then a confirmation that says what would be lost (changes not yet on
 * the server, by record) and offers to sync first. [onSignedOut] goes back to enrollment.
 */
@Composable
fun SignOut(session: Session, onSyncFirst: () -> Unit, onSignedOut: () -> Unit) {
    var asking by remember { mutableStateOf(false) }
    var problem by remember { mutableStateOf<String?>(null) }
    // Read when the dialog opens: the changes waiting now.
    val state = remember(asking) { session.presentation.signOutState() }
    OutlinedButton(onClick = { asking = true }) { Text(state.confirmLabel) }
    problem?.let { Text(it, color = MaterialTheme.colorScheme.error) }
    if (asking) {
        AlertDialog(
            onDismissRequest = { asking = false },
            title = { Text(state.title) },
            text = {
                Column {
                    Text(state.message)
                    state.lost.forEach { Text("• $it") }
                }
            },
            confirmButton = {
                TextButton(onClick = {
                    asking = false
                    problem = session.presentation.signOut()?.message
                    if (problem == null) onSignedOut()
                }) { Text(state.confirmLabel) }
            },
            dismissButton = {
                Column {
                    state.syncFirstLabel?.let { label -> TextButton(onClick = { asking = false; onSyncFirst() }) { Text(label) } }
                    TextButton(onClick = { asking = false }) { Text(state.cancelLabel) }
                }
            },
        )
    }
}
