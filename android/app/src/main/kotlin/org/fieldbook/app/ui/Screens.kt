package org.fieldbook.app.ui

import android.Manifest
import android.os.Build
import androidx.activity.compose.rememberLauncherForActivityResult
import androidx.activity.result.contract.ActivityResultContracts
import androidx.compose.foundation.clickable
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.Row
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.padding
import androidx.compose.foundation.lazy.LazyColumn
import androidx.compose.foundation.lazy.LazyListScope
import androidx.compose.foundation.lazy.items
import androidx.compose.material3.Button
import androidx.compose.material3.Checkbox
import androidx.compose.material3.HorizontalDivider
import androidx.compose.material3.LinearProgressIndicator
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.OutlinedButton
import androidx.compose.material3.OutlinedTextField
import androidx.compose.material3.Text
import androidx.compose.runtime.Composable
import androidx.compose.runtime.getValue
import androidx.compose.runtime.mutableStateOf
import androidx.compose.runtime.remember
import androidx.compose.runtime.rememberCoroutineScope
import androidx.compose.runtime.setValue
import androidx.compose.ui.Modifier
import androidx.compose.ui.graphics.Color
import androidx.compose.ui.semantics.LiveRegionMode
import androidx.compose.ui.semantics.Role
import androidx.compose.ui.semantics.clearAndSetSemantics
import androidx.compose.ui.semantics.contentDescription
import androidx.compose.ui.semantics.heading
import androidx.compose.ui.semantics.liveRegion
import androidx.compose.ui.semantics.role
import androidx.compose.ui.semantics.semantics
import androidx.compose.ui.platform.LocalContext
import androidx.compose.ui.unit.dp
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.launch
import kotlinx.coroutines.withContext
import org.fieldbook.app.SyncNotice
import org.fieldbook.core.presentation.SeekerAction
import android.content.Intent
import org.fieldbook.core.presentation.ChangesScreen
import org.fieldbook.core.presentation.RefusedAction
import org.fieldbook.core.presentation.RowAction
import org.fieldbook.presentation.CaseloadModel
import org.fieldbook.presentation.ChangesModel
import org.fieldbook.presentation.IndicatorModel
import org.fieldbook.presentation.SeekerModel
import org.fieldbook.presentation.EmployersModel
import org.fieldbook.presentation.Session
import org.fieldbook.presentation.SyncModel
import org.fieldbook.presentation.WeekModel

/**
 * The caseload from the shared presentation: each row's status, alerts, last employer contact
 * and next step in words (never by colour alone), read by TalkBack as one sentence.
 */
@Composable
fun CaseloadScreen(session: Session, open: (String) -> Unit) {
    val model = rememberModel(session) { CaseloadModel(session) }
    val state by model.state.asState()
    val screen = state.screen ?: return
    Text(screen.title, style = MaterialTheme.typography.titleLarge)
    OutlinedTextField(
        value = state.search,
        onValueChange = model::search,
        label = { Text(screen.searchLabel) },
        singleLine = true,
        modifier = Modifier.fillMaxWidth(),
    )
    screen.emptyLine?.let { Text(it, modifier = Modifier.padding(vertical = 8.dp)) }
    LazyColumn {
        items(screen.rows, key = { it.seekerId }) { row ->
            Column(
                Modifier.fillMaxWidth().clickable { open(row.seekerId) }.padding(vertical = 8.dp)
                    .clearAndSetSemantics { contentDescription = row.accessibilityLabel; role = Role.Button },
            ) {
                Text(row.name, style = MaterialTheme.typography.titleMedium)
                Text(row.status)
                row.alerts.forEach { alert ->
                    // The words carry the state; the mark only repeats it.
                    Text((if (alert.urgent) "⚠ " else "• ") + alert.text, color = if (alert.urgent) MaterialTheme.colorScheme.error else Color.Unspecified)
                }
                row.job?.let { Text(it) }
                Text(row.lastContact)
                row.nextStep?.let { Text(it) }
            }
            HorizontalDivider()
        }
    }
}

/**
 * One job seeker from the shared presentation: profile, plan, jobs (an ended job says it
 * ended, and when), supports, notes and the path so far; a specialist's actions as buttons,
 * none on the job seeker's own phone.
 */
@Composable
fun SeekerScreen(session: Session, seekerId: String, onAction: (SeekerAction) -> Unit, onRowAction: (RowAction) -> Unit = {}) {
    val model = rememberModel(session, seekerId) { SeekerModel(session, seekerId) }
    val state by model.state.asState()
    state.unavailable?.let { Text(it); return }
    val s = state.screen ?: return
    val section = @Composable { text: String ->
        Text(text, style = MaterialTheme.typography.titleMedium, modifier = Modifier.padding(top = 12.dp).semantics { heading() })
    }
    LazyColumn {
        item {
            Text(s.name, style = MaterialTheme.typography.titleLarge, modifier = Modifier.semantics { heading() })
            Text(s.status)
            s.readOnlyLine?.let { Text(it, modifier = Modifier.padding(vertical = 8.dp)) }
            s.actions.forEach { a ->
                // Each opens its shared form (`seekerActionForm`); none on a job seeker's phone.
                OutlinedButton(onClick = { onAction(a.action) }, modifier = Modifier.fillMaxWidth()) { Text(a.label) }
            }
            section(s.headings[0])
            s.profile.forEach { Text("${it.label}: ${it.value}") }
            section(s.headings[1])
            Text(s.goal)
        }
        items(s.steps, key = { it.stepId }) { step ->
            Row(Modifier.padding(vertical = 4.dp)) {
                // Only a specialist's screen lists actions; a job seeker's has none to tick.
                if (s.actions.isNotEmpty() && !step.done) {
                    Checkbox(checked = false, onCheckedChange = { model.completeStep(step.stepId) }, modifier = Modifier.semantics { contentDescription = step.accessibilityLabel })
                }
                Column(Modifier.clearAndSetSemantics { contentDescription = step.accessibilityLabel }) {
                    Text((if (step.done) "✓ " else "") + step.what, style = MaterialTheme.typography.bodyLarge)
                    Text(step.detail)
                }
            }
        }
        item { section(s.headings[2]) }
        items(s.jobs, key = { it.jobId }) { job ->
            Column(Modifier.padding(vertical = 4.dp).clearAndSetSemantics { contentDescription = job.accessibilityLabel }) {
                Text(job.title, style = MaterialTheme.typography.bodyLarge)
                Text(job.period)
            }
            // Outside the row's cleared semantics: each button is read on its own, naming its row.
            RowActions(job.actions, onRowAction)
        }
        item { section(s.headings[3]) }
        items(s.supports) { Text(it) }
        if (s.notes.isNotEmpty()) {
            item { section(s.headings[4]) }
            items(s.notes, key = { it.noteId }) { note ->
                Column(Modifier.padding(vertical = 4.dp)) {
                    Text(note.`when`, style = MaterialTheme.typography.bodySmall)
                    Text(note.text)
                    RowActions(note.actions, onRowAction)
                }
            }
        }
        if (s.visits.isNotEmpty()) {
            item { section(s.headings[6]) }
            items(s.visits, key = { it.visitId }) { visit ->
                Column(Modifier.padding(vertical = 4.dp)) {
                    Text(visit.`when`, style = MaterialTheme.typography.bodySmall)
                    Text(visit.what)
                    visit.outcome?.let { Text(it) }
                    RowActions(visit.actions, onRowAction)
                }
            }
        }
        item { section(s.headings[5]) }
        items(s.timeline) { Text(it) }
    }
}

/** The always-visible sync state in words (offline, waiting, refused, last sync), for every screen. */
@Composable
fun SyncIndicatorBar(model: IndicatorModel) {
    val indicator by model.state.asState()
    Column(
        Modifier.fillMaxWidth().padding(vertical = 4.dp)
            .clearAndSetSemantics { contentDescription = indicator.accessibilityLabel; liveRegion = LiveRegionMode.Polite },
    ) {
        Text(indicator.line, style = MaterialTheme.typography.bodyMedium)
        indicator.lastSync?.let { Text(it, style = MaterialTheme.typography.bodySmall) }
    }
}

/**
 * This week from the shared presentation: the headline and what is left to the goal in words,
 * the progress bar, and who is near or past day 30 without an employer contact, by name.
 */
@Composable
fun WeekScreen(session: Session) {
    val model = rememberModel(session) { WeekModel(session) }
    val week by model.state.asState()
    week.error?.let { Text(it, color = MaterialTheme.colorScheme.error); return }
    Text(week.title, style = MaterialTheme.typography.titleLarge, modifier = Modifier.semantics { heading() })
    Text(week.range, style = MaterialTheme.typography.bodySmall)
    Text(week.headline, style = MaterialTheme.typography.titleMedium, modifier = Modifier.padding(top = 8.dp))
    LinearProgressIndicator(progress = { week.progress }, modifier = Modifier.fillMaxWidth().padding(vertical = 8.dp))
    Text(week.toGoal)
    Text(week.allContacts, style = MaterialTheme.typography.bodySmall)
    Text(week.warningsTitle, style = MaterialTheme.typography.titleMedium, modifier = Modifier.padding(top = 12.dp).semantics { heading() })
    week.noWarnings?.let { Text(it) }
    week.warnings.forEach { Text(it.text, color = if (it.past) MaterialTheme.colorScheme.error else Color.Unspecified) }
}

/** The employers list from the shared presentation, searchable by name. */
@Composable
fun EmployersScreen(session: Session, open: (String) -> Unit) {
    val model = rememberModel(session) { EmployersModel(session) }
    val screen by model.state.asState()
    var search by remember { mutableStateOf(model.search) }
    LazyColumn {
        item {
            OutlinedTextField(
                value = search,
                onValueChange = { search = it; model.search = it },
                label = { Text(screen.searchLabel) },
                singleLine = true,
                modifier = Modifier.fillMaxWidth(),
            )
            screen.emptyLine?.let { Text(it, modifier = Modifier.padding(vertical = 8.dp)) }
        }
        items(screen.rows, key = { it.employerId }) { row ->
            Column(
                Modifier.fillMaxWidth().clickable { open(row.employerId) }.padding(vertical = 8.dp)
                    .clearAndSetSemantics { contentDescription = row.accessibilityLabel; role = Role.Button },
            ) {
                Text(row.name, style = MaterialTheme.typography.titleMedium)
                row.industry?.let { Text(it, style = MaterialTheme.typography.bodySmall) }
                Text(row.visits)
            }
            HorizontalDivider()
        }
    }
}

/** One employer's page from the shared presentation: about, contacts, visits. */
@Composable
fun EmployerDetailScreen(session: Session, employerId: String) {
    // Read once, by a model closed at once: no listener left behind.
    val page = remember(session, employerId) { EmployersModel(session).use { it.page(employerId) } }
    val detail = page.screen ?: run { Text(page.unavailable ?: "", color = MaterialTheme.colorScheme.error); return }
    LazyColumn {
        item {
            Text(detail.name, style = MaterialTheme.typography.titleLarge, modifier = Modifier.semantics { heading() })
            detail.about?.let { Text(it) }
            Text(detail.contactsTitle, style = MaterialTheme.typography.titleMedium, modifier = Modifier.padding(top = 12.dp).semantics { heading() })
            detail.noContacts?.let { Text(it) }
            detail.contacts.forEach { Text(it) }
            Text(detail.visitsTitle, style = MaterialTheme.typography.titleMedium, modifier = Modifier.padding(top = 12.dp).semantics { heading() })
            detail.noVisits?.let { Text(it) }
        }
        items(detail.visits, key = { it.visitId }) { visit ->
            Column(Modifier.fillMaxWidth().padding(vertical = 4.dp).semantics(mergeDescendants = true) {}) {
                Text(visit.line)
                visit.outcome?.let { Text(it, style = MaterialTheme.typography.bodySmall) }
                visit.seekers?.let { Text(it, style = MaterialTheme.typography.bodySmall) }
            }
        }
    }
}

/**
 * The last sync's result — from "Sync now" or the background — and the work this phone holds
 * that the team's record does not, named, with why. On API 33+ it offers to allow the
 * notification that tells of refused work after a background sync.
 */
@Composable
fun SyncScreen(model: SyncModel, changesModel: ChangesModel, onEnrollmentChanged: () -> Unit) {
    val state by model.state.asState()
    val changes by changesModel.state.asState()
    // Read again whenever the state changes, so a new phone language shows at once.
    val words = remember(state) { model.pageWords() }
    val scope = rememberCoroutineScope()
    val context = LocalContext.current
    var mayNotify by remember { mutableStateOf(SyncNotice.permitted(context)) }
    val askToNotify = rememberLauncherForActivityResult(ActivityResultContracts.RequestPermission()) { mayNotify = it }
    LazyColumn {
        item {
            Text(state.lastSync, style = MaterialTheme.typography.titleMedium)
            Text(state.pending)
            state.message?.let { Text(it, modifier = Modifier.padding(vertical = 8.dp)) }
            Button(enabled = !state.running, onClick = {
                scope.launch {
                    withContext(Dispatchers.IO) { model.syncNow() }
                    if (model.state.value.mustEnroll) onEnrollmentChanged()
                }
            }) { Text(if (state.running) words.syncing else words.syncNow) }
            if (!mayNotify && Build.VERSION.SDK_INT >= Build.VERSION_CODES.TIRAMISU) {
                OutlinedButton(onClick = { askToNotify.launch(Manifest.permission.POST_NOTIFICATIONS) }, modifier = Modifier.padding(top = 8.dp)) {
                    Text(words.askToNotify)
                }
            }
        }
        changesItems(changes, onShare = { json ->
            // Intent.ACTION_SEND with EXTRA_TEXT: the person picks how to send it (mail, Signal…).
            val send = Intent(Intent.ACTION_SEND).setType("application/json").putExtra(Intent.EXTRA_TEXT, json)
            context.startActivity(Intent.createChooser(send, null))
        }, onSettle = changesModel::settle)
    }
}

/**
 * The shared pending-changes screen as list items: waiting records, refused changes by name
 * (record, what, why, when, and the action's words), conflicts with both values, who and when,
 * and a button per value to keep it.
 */
private fun LazyListScope.changesItems(screen: ChangesScreen, onShare: (String) -> Unit, onSettle: (String, String, String) -> Unit) {
    item {
        Text(screen.title, style = MaterialTheme.typography.titleMedium, modifier = Modifier.padding(top = 16.dp).semantics { heading() })
        screen.emptyLine?.let { Text(it) }
    }
    items(screen.waiting, key = { "w" + it.docId }) { Text(it.text, modifier = Modifier.padding(vertical = 4.dp)) }
    items(screen.refused) { row ->
        Column(Modifier.fillMaxWidth().padding(vertical = 8.dp).semantics(mergeDescendants = true) { contentDescription = row.accessibilityLabel }) {
            Text(row.record, style = MaterialTheme.typography.bodyLarge)
            Text(row.what)
            Text(row.why)
            Text(row.`when`, style = MaterialTheme.typography.bodySmall)
            if (row.action == RefusedAction.TELL_SUPERVISOR) {
                // The export (every refused change, as JSON) is what the supervisor accepts from.
                OutlinedButton(onClick = { onShare(screen.exportJson) }) { Text(row.actionLabel) }
            } else {
                Text(row.actionLabel, style = MaterialTheme.typography.labelLarge)
            }
        }
        HorizontalDivider()
    }
    items(screen.conflicts) { c ->
        Column(Modifier.fillMaxWidth().padding(vertical = 8.dp)) {
            Text(c.headline, style = MaterialTheme.typography.bodyLarge)
            c.values.forEach { v ->
                Text("${v.value} — ${v.written}")
                v.valueJson?.let { json -> OutlinedButton(onClick = { onSettle(c.docId, c.field, json) }) { Text(v.settleLabel) } }
            }
        }
        HorizontalDivider()
    }
}
