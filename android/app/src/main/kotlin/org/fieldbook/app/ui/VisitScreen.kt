package org.fieldbook.app.ui

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
import androidx.compose.material3.OutlinedTextField
import androidx.compose.material3.Text
import androidx.compose.runtime.Composable
import androidx.compose.runtime.getValue
import androidx.compose.ui.Modifier
import androidx.compose.ui.semantics.LiveRegionMode
import androidx.compose.ui.semantics.contentDescription
import androidx.compose.ui.semantics.error
import androidx.compose.ui.semantics.heading
import androidx.compose.ui.semantics.liveRegion
import androidx.compose.ui.semantics.semantics
import androidx.compose.ui.unit.dp
import org.fieldbook.core.presentation.ChoiceField
import org.fieldbook.core.presentation.TextInput
import org.fieldbook.presentation.VisitScreenModel

/**
 * The visit log, rendered from the shared visit form: every label, option, default (now, on
 * the phone's clock), check and sentence comes from Rust in the phone's language; this screen
 * lays it out and forwards taps. Big targets, the save button within the thumb's reach.
 */
@OptIn(ExperimentalLayoutApi::class)
@Composable
fun VisitScreen(model: VisitScreenModel, onSaved: () -> Unit) {
    // The model comes from the ViewModel: a half-typed visit outlives the Activity's recreation.
    val state by model.state.asState()
    val notice by model.notice.asState()
    Column(Modifier.verticalScroll(rememberScrollState()), verticalArrangement = Arrangement.spacedBy(8.dp)) {
        Text(state.title, style = MaterialTheme.typography.titleLarge, modifier = Modifier.semantics { heading() })
        FormText(state.employerSearch) { v -> model.input { searchEmployer(v) } }
        Choices(state.employer) { id -> model.input { chooseEmployer(id) } }
        FormText(state.date) { v -> model.input { setDate(v) } }
        FormText(state.time) { v -> model.input { setTime(v) } }
        if (state.contact.options.isNotEmpty()) {
            Choices(state.contact) { id -> model.input { chooseContact(if (id == state.contact.chosen) null else id) } }
        }
        FormText(state.seekerSearch) { v -> model.input { searchSeeker(v) } }
        val chosenSeekers = state.seekersChosen.map { it.id }.toSet()
        Choices(state.seeker, chosen = chosenSeekers) { id -> model.input { toggleSeeker(id) } }
        Choices(state.mode) { id -> model.input { chooseMode(id) } }
        Choices(state.purpose) { id -> model.input { choosePurpose(id) } }
        if (chosenSeekers.isNotEmpty()) {
            Choices(state.followedPreference) { id -> model.input { chooseFollowedPreference(id) } }
        }
        FormText(state.outcome) { v -> model.input { setOutcome(v) } }
        FormText(state.nextStep) { v -> model.input { setNextStep(v) } }
        FormText(state.nextStepDate) { v -> model.input { setNextStepDate(v) } }
        (state.message ?: notice)?.let {
            // Read out by TalkBack when it appears (saved, or why not).
            Text(it, modifier = Modifier.semantics { liveRegion = LiveRegionMode.Polite })
        }
        Button(
            onClick = { if (model.save()) onSaved() },
            modifier = Modifier.fillMaxWidth().height(56.dp),
        ) { Text(state.saveLabel) }
    }
}

/** A text input with its label and, under it, its error (announced as the field's error). */
@Composable
fun FormText(field: TextInput, onChange: (String) -> Unit) {
    OutlinedTextField(
        value = field.value,
        onValueChange = onChange,
        label = { Text(field.label) },
        isError = field.error != null,
        supportingText = field.error?.let { { Text(it) } },
        singleLine = true,
        modifier = Modifier.fillMaxWidth().semantics { field.error?.let { error(it) } },
    )
}

/**
 * A choice as chips: every option (no cut-off), the chosen one(s) marked by a check and said
 * as "selected" by TalkBack, not by colour alone.
 */
@OptIn(ExperimentalLayoutApi::class)
@Composable
fun Choices(field: ChoiceField, chosen: Set<String> = setOfNotNull(field.chosen), onPick: (String) -> Unit) {
    Text(field.label, style = MaterialTheme.typography.titleMedium, modifier = Modifier.semantics { heading() })
    field.chosenLabel?.let { Text(it, style = MaterialTheme.typography.bodyLarge) }
    FlowRow(horizontalArrangement = Arrangement.spacedBy(6.dp)) {
        field.options.forEach { option ->
            val selected = option.id in chosen
            FilterChip(
                selected = selected,
                onClick = { onPick(option.id) },
                label = { Text(option.label) },
                // FilterChip reports itself selected to TalkBack; the label adds which question.
                leadingIcon = if (selected) { { Text("✓") } } else null,
                modifier = Modifier.semantics { contentDescription = "${field.label}: ${option.label}" },
            )
        }
    }
    field.error?.let { Text(it, color = MaterialTheme.colorScheme.error, modifier = Modifier.semantics { liveRegion = LiveRegionMode.Polite }) }
}
