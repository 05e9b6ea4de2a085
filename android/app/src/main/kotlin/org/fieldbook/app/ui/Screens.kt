package org.fieldbook.app.ui

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
import androidx.compose.material3.Text
import androidx.compose.runtime.Composable
import androidx.compose.runtime.getValue
import androidx.compose.runtime.remember
import androidx.compose.runtime.rememberCoroutineScope
import androidx.compose.ui.Modifier
import androidx.compose.ui.unit.dp
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.launch
import kotlinx.coroutines.withContext
import org.fieldbook.presentation.CaseloadModel
import org.fieldbook.presentation.EmployersModel
import org.fieldbook.presentation.PlanAction
import org.fieldbook.presentation.PlanModel
import org.fieldbook.presentation.Session
import org.fieldbook.presentation.SyncModel
import org.fieldbook.presentation.WeekModel

@Composable
fun CaseloadScreen(session: Session, open: (String) -> Unit) {
    val model = remember { CaseloadModel(session) }
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
    val model = remember(seekerId) { PlanModel(session, seekerId) }
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
    val model = remember { WeekModel(session) }
    val state by model.state.asState()
    Text(state.headline, style = MaterialTheme.typography.titleLarge)
    LinearProgressIndicator(progress = { state.progress }, modifier = Modifier.fillMaxWidth().padding(vertical = 8.dp))
    state.error?.let { Text(it, color = MaterialTheme.colorScheme.error) }
    if (state.warnings.isNotEmpty()) Text("Day 30 without an employer contact", style = MaterialTheme.typography.titleMedium)
    state.warnings.forEach { Text(it) }
}

@Composable
fun EmployersScreen(session: Session, open: (String) -> Unit) {
    val model = remember { EmployersModel(session) }
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
    val detail = remember(employerId) { EmployersModel(session).detail(employerId) }
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

@Composable
fun SyncScreen(session: Session, onEnrollmentChanged: () -> Unit) {
    val model = remember { SyncModel(session) }
    val state by model.state.asState()
    val scope = rememberCoroutineScope()
    Text("Last sync: ${state.lastSync}", style = MaterialTheme.typography.titleMedium)
    Text(state.pending)
    state.message?.let { Text(it, modifier = Modifier.padding(vertical = 8.dp)) }
    Button(enabled = !state.running, onClick = {
        scope.launch {
            withContext(Dispatchers.IO) { model.syncNow() }
            if (model.state.value.mustEnroll) onEnrollmentChanged()
        }
    }) { Text(if (state.running) "Syncing…" else "Sync now") }
}
