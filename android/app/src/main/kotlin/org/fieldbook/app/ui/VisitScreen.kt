package org.fieldbook.app.ui

import android.app.DatePickerDialog
import android.app.TimePickerDialog
import android.text.format.DateFormat
import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.ExperimentalLayoutApi
import androidx.compose.foundation.layout.FlowRow
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.height
import androidx.compose.foundation.rememberScrollState
import androidx.compose.foundation.verticalScroll
import androidx.compose.material3.Button
import androidx.compose.material3.FilterChip
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.OutlinedButton
import androidx.compose.material3.OutlinedTextField
import androidx.compose.material3.Text
import androidx.compose.runtime.Composable
import androidx.compose.runtime.getValue
import androidx.compose.runtime.remember
import androidx.compose.ui.Modifier
import androidx.compose.ui.platform.LocalContext
import androidx.compose.ui.unit.dp
import org.fieldbook.core.ContactMode
import org.fieldbook.core.VisitPurpose
import org.fieldbook.presentation.VisitForm
import org.fieldbook.presentation.Words
import java.time.LocalDate
import java.time.LocalDateTime
import java.time.LocalTime

/**
 * One screen, big targets, the save button within the thumb's reach: logging a visit in the
 * car park takes taps, not typing. Works offline.
 */
@OptIn(ExperimentalLayoutApi::class)
@Composable
fun VisitScreen(form: VisitForm, onSaved: () -> Unit) {
    // The form comes from the ViewModel: a half-typed visit outlives the Activity's recreation.
    val state by form.state.asState()
    val context = LocalContext.current
    // Every employer, or those matching the search box (re-read after a save and as typed).
    val employers = remember(state.saved, state.employerQuery) { form.employers() }
    val seekers = remember(state.saved) { form.seekers() }
    Column(Modifier.verticalScroll(rememberScrollState()), verticalArrangement = Arrangement.spacedBy(8.dp)) {
        Text("Employer", style = MaterialTheme.typography.titleMedium)
        state.employerName?.let { Text("Chosen: $it", style = MaterialTheme.typography.bodyLarge) }
        OutlinedTextField(
            value = state.employerQuery,
            onValueChange = form::searchEmployers,
            label = { Text("Find an employer") },
            singleLine = true,
            modifier = Modifier.fillMaxWidth(),
        )
        // All matches, not the first twelve: the chips wrap; the search narrows them.
        FlowRow(horizontalArrangement = Arrangement.spacedBy(6.dp)) {
            employers.forEach { e ->
                FilterChip(selected = state.employerId == e.employerId, onClick = { form.chooseEmployer(e) }, label = { Text(e.name) })
            }
        }
        if (employers.isEmpty()) Text("No employer matches \"${state.employerQuery}\".")
        Text("When", style = MaterialTheme.typography.titleMedium)
        FlowRow(horizontalArrangement = Arrangement.spacedBy(6.dp)) {
            val at = state.at ?: LocalDateTime.now()
            // android.app.DatePickerDialog / TimePickerDialog (API 1): months are 0-based there.
            OutlinedButton(onClick = {
                DatePickerDialog(context, { _, y, m, d -> form.setDate(LocalDate.of(y, m + 1, d)) }, at.year, at.monthValue - 1, at.dayOfMonth).show()
            }) { Text("Day") }
            OutlinedButton(onClick = {
                TimePickerDialog(context, { _, h, min -> form.setTime(LocalTime.of(h, min)) }, at.hour, at.minute, DateFormat.is24HourFormat(context)).show()
            }) { Text("Time") }
            if (state.at != null) OutlinedButton(onClick = form::setNow) { Text("Now") }
        }
        Text(form.whenText(), style = MaterialTheme.typography.bodyLarge)
        Text("How", style = MaterialTheme.typography.titleMedium)
        FlowRow(horizontalArrangement = Arrangement.spacedBy(6.dp)) {
            ContactMode.values().forEach { m ->
                FilterChip(selected = state.mode == m, onClick = { form.setMode(m) }, label = { Text(Words.mode(m)) })
            }
        }
        Text("Why", style = MaterialTheme.typography.titleMedium)
        FlowRow(horizontalArrangement = Arrangement.spacedBy(6.dp)) {
            VisitPurpose.values().forEach { p ->
                FilterChip(selected = state.purpose == p, onClick = { form.setPurpose(p) }, label = { Text(Words.purpose(p)) })
            }
        }
        Text("Job seekers discussed", style = MaterialTheme.typography.titleMedium)
        FlowRow(horizontalArrangement = Arrangement.spacedBy(6.dp)) {
            seekers.forEach { s ->
                FilterChip(selected = s.seekerId in state.seekerIds, onClick = { form.toggleSeeker(s.seekerId) }, label = { Text(s.displayName) })
            }
        }
        if (state.seekerIds.isNotEmpty()) {
            FlowRow(horizontalArrangement = Arrangement.spacedBy(6.dp)) {
                FilterChip(selected = state.followedPreference == true, onClick = { form.setFollowedPreference(true) }, label = { Text("Matches their preferences") })
                FilterChip(selected = state.followedPreference == false, onClick = { form.setFollowedPreference(false) }, label = { Text("Does not") })
            }
        }
        OutlinedTextField(value = state.outcome, onValueChange = form::setOutcome, label = { Text("What came of it") }, modifier = Modifier.fillMaxWidth())
        OutlinedTextField(value = state.nextStep, onValueChange = form::setNextStep, label = { Text("Next step") }, modifier = Modifier.fillMaxWidth())
        state.message?.let { Text(it) }
        Button(onClick = { if (form.save()) onSaved() }, modifier = Modifier.fillMaxWidth().height(56.dp)) { Text("Save visit") }
    }
}
