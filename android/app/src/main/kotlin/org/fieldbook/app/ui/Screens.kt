package org.fieldbook.app.ui

import android.Manifest
import android.os.Build
import androidx.activity.compose.rememberLauncherForActivityResult
import androidx.activity.result.contract.ActivityResultContracts
import androidx.compose.foundation.clickable
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.padding
import androidx.compose.foundation.lazy.LazyColumn
import androidx.compose.foundation.lazy.items
import androidx.compose.material3.Button
import androidx.compose.material3.Checkbox
import androidx.compose.material3.HorizontalDivider
import androidx.compose.material3.LinearProgressIndicator
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.OutlinedButton
import androidx.compose.material3.Text
import androidx.compose.runtime.Composable
import androidx.compose.runtime.getValue
import androidx.compose.runtime.mutableStateOf
import androidx.compose.runtime.remember
import androidx.compose.runtime.rememberCoroutineScope
import androidx.compose.runtime.setValue
import androidx.compose.ui.Modifier
import androidx.compose.ui.platform.LocalContext
import androidx.compose.ui.unit.dp
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.launch
import kotlinx.coroutines.withContext
import org.fieldbook.app.SyncNotice
import org.fieldbook.presentation.CaseloadModel
import org.fieldbook.presentation.EmployersModel
import org.fieldbook.presentation.PlanAction
import org.fieldbook.presentation.PlanModel
import org.fieldbook.presentation.Session
import org.fieldbook.presentation.SyncModel
import org.fieldbook.presentation.WeekModel

@Composable
fun CaseloadScreen(session: Session, open: (String) -> Unit) {
    val model = rememberModel(session) { CaseloadModel(session) }
    val state by model.state.asState()
    Text(state.summary, style = MaterialTheme.typography.titleMedium)
    state.error?.let { Text(it, color = MaterialTheme.colorScheme.error) }
    LazyColumn {
        items(state.lines, key = { it.seekerId }) { line ->
            Column(Modifier.fillMaxWidth().clickable { open(line.seekerId) }.padding(vertical = 8.dp)) {
                Text(line.name, style = MaterialTheme.typography.titleMedium)
                Text("${line.status} · ${line.day} · first employer contact: ${line.firstEmployerContact}")
                Text("Next: ${line.nextStep}")
            }
            HorizontalDivider()
        }
    }
}

@Composable
fun PlanScreen(session: Session, seekerId: String) {
    val model = rememberModel(session, seekerId) { PlanModel(session, seekerId) }
    val state by model.state.asState()
    LazyColumn {
        item {
            Text(state.title, style = MaterialTheme.typography.titleLarge)
            Text("Goal: ${state.goal}", style = MaterialTheme.typography.bodyLarge)
            state.message?.let { Text(it, color = MaterialTheme.colorScheme.error) }
            Text("Steps", style = MaterialTheme.typography.titleMedium, modifier = Modifier.padding(top = 12.dp))
        }
        items(state.steps, key = { it.stepId }) { step ->
            Column(Modifier.padding(vertical = 4.dp)) {
                if (PlanAction.COMPLETE_STEP in state.actions && !step.done) {
                    Checkbox(checked = false, onCheckedChange = { model.completeStep(step.stepId) })
                }
                Text((if (step.done) "✓ " else "") + step.text, style = MaterialTheme.typography.bodyLarge)
                Text("Due ${step.due}")
            }
        }
        item { Text("Employers contacted", style = MaterialTheme.typography.titleMedium, modifier = Modifier.padding(top = 12.dp)) }
        items(state.employerContacts) { Text(it, style = MaterialTheme.typography.bodyLarge) }
        item { Text("Jobs", style = MaterialTheme.typography.titleMedium, modifier = Modifier.padding(top = 12.dp)) }
        items(state.jobs) { Text(it, style = MaterialTheme.typography.bodyLarge) }
    }
}

@Composable
fun WeekScreen(session: Session) {
    val model = rememberModel(session) { WeekModel(session) }
    val state by model.state.asState()
    Text(state.headline, style = MaterialTheme.typography.titleLarge)
    LinearProgressIndicator(progress = { state.progress }, modifier = Modifier.fillMaxWidth().padding(vertical = 8.dp))
    state.error?.let { Text(it, color = MaterialTheme.colorScheme.error) }
    if (state.warnings.isNotEmpty()) Text("Day 30 without an employer contact", style = MaterialTheme.typography.titleMedium)
    state.warnings.forEach { Text(it) }
}

@Composable
fun EmployersScreen(session: Session, open: (String) -> Unit) {
    val model = rememberModel(session) { EmployersModel(session) }
    val lines by model.lines.asState()
    LazyColumn {
        items(lines, key = { it.employerId }) { line ->
            Column(Modifier.fillMaxWidth().clickable { open(line.employerId) }.padding(vertical = 8.dp)) {
                Text(line.name, style = MaterialTheme.typography.titleMedium)
                Text(line.detail)
            }
            HorizontalDivider()
        }
    }
}

@Composable
fun EmployerDetailScreen(session: Session, employerId: String) {
    // Read once, by a model closed at once: no listener left behind.
    val detail = remember(session, employerId) { EmployersModel(session).use { it.detail(employerId) } }
    LazyColumn {
        item {
            Text(detail.name, style = MaterialTheme.typography.titleLarge)
            Text(detail.about)
            detail.contacts.forEach { Text(it) }
            Text("Visits", style = MaterialTheme.typography.titleMedium, modifier = Modifier.padding(top = 12.dp))
        }
        items(detail.visits) { Text(it, modifier = Modifier.padding(vertical = 4.dp)) }
    }
}

/**
 * The last sync's result — from "Sync now" or the background — and the work this phone holds
 * that the team's record does not, named, with why. On API 33+ it offers to allow the
 * notification that tells of refused work after a background sync.
 */
@Composable
fun SyncScreen(model: SyncModel, onEnrollmentChanged: () -> Unit) {
    val state by model.state.asState()
    val scope = rememberCoroutineScope()
    val context = LocalContext.current
    var mayNotify by remember { mutableStateOf(SyncNotice.permitted(context)) }
    val askToNotify = rememberLauncherForActivityResult(ActivityResultContracts.RequestPermission()) { mayNotify = it }
    LazyColumn {
        item {
            Text("Last sync: ${state.lastSync}", style = MaterialTheme.typography.titleMedium)
            Text(state.pending)
            state.message?.let { Text(it, modifier = Modifier.padding(vertical = 8.dp)) }
            Button(enabled = !state.running, onClick = {
                scope.launch {
                    withContext(Dispatchers.IO) { model.syncNow() }
                    if (model.state.value.mustEnroll) onEnrollmentChanged()
                }
            }) { Text(if (state.running) "Syncing…" else "Sync now") }
            if (!mayNotify && Build.VERSION.SDK_INT >= Build.VERSION_CODES.TIRAMISU) {
                OutlinedButton(onClick = { askToNotify.launch(Manifest.permission.POST_NOTIFICATIONS) }, modifier = Modifier.padding(top = 8.dp)) {
                    Text("Tell me when work is not accepted")
                }
            }
            if (state.refused.isNotEmpty()) {
                Text("Not in your team's record", style = MaterialTheme.typography.titleMedium, modifier = Modifier.padding(top = 16.dp))
                Text("Kept on this phone. Your supervisor can accept work the server refused.")
            }
        }
        items(state.refused) { line ->
            Column(Modifier.fillMaxWidth().padding(vertical = 8.dp)) {
                Text(line.what, style = MaterialTheme.typography.bodyLarge)
                Text(line.why)
                Text(line.`when`, style = MaterialTheme.typography.bodySmall)
            }
            HorizontalDivider()
        }
    }
}
