package org.fieldbook.app.ui

import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.fillMaxSize
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.padding
import androidx.compose.material3.AlertDialog
import androidx.compose.material3.Button
import androidx.compose.material3.ButtonDefaults
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.Text
import androidx.compose.material3.TextButton
import androidx.compose.runtime.Composable
import androidx.compose.runtime.getValue
import androidx.compose.runtime.mutableStateOf
import androidx.compose.runtime.remember
import androidx.compose.runtime.setValue
import androidx.compose.ui.Modifier
import androidx.compose.ui.unit.dp
import org.fieldbook.presentation.StoreState

/**
 * The store could not be opened: why, in plain words, and the reset — erase this phone's
 * Fieldbook data and key and enroll again — behind a warning that it cannot be undone.
 * Shown only after the lock, so only the phone's owner can reset it.
 */
@Composable
fun StoreErrorScreen(state: StoreState.Failed, onReset: () -> Unit) {
    var confirming by remember { mutableStateOf(false) }
    Column(Modifier.fillMaxSize().padding(24.dp), verticalArrangement = Arrangement.spacedBy(16.dp)) {
        Text(state.shell.storeFailedTitle, style = MaterialTheme.typography.titleLarge)
        Text(state.message, style = MaterialTheme.typography.bodyLarge)
        Button(
            onClick = { confirming = true },
            colors = ButtonDefaults.buttonColors(containerColor = MaterialTheme.colorScheme.error),
            modifier = Modifier.fillMaxWidth(),
        ) { Text(state.shell.resetPhone) }
    }
    if (confirming) {
        AlertDialog(
            onDismissRequest = { confirming = false },
            title = { Text(state.shell.resetTitle) },
            text = { Text(state.shell.resetWarning) },
            confirmButton = {
                TextButton(onClick = { confirming = false; onReset() }) { Text(state.shell.resetConfirm) }
            },
            dismissButton = { TextButton(onClick = { confirming = false }) { Text(state.shell.cancel) } },
        )
    }
}
