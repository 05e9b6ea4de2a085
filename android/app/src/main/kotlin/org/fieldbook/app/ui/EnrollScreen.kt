package org.fieldbook.app.ui

import android.os.Build
import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.padding
import androidx.compose.material3.Button
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.OutlinedTextField
import androidx.compose.material3.Text
import androidx.compose.runtime.Composable
import androidx.compose.runtime.getValue
import androidx.compose.runtime.mutableStateOf
import androidx.compose.runtime.remember
import androidx.compose.runtime.rememberCoroutineScope
import androidx.compose.runtime.setValue
import androidx.compose.ui.Modifier
import androidx.compose.ui.unit.dp
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.launch
import kotlinx.coroutines.withContext
import org.fieldbook.presentation.EnrollModel
import org.fieldbook.presentation.Session

/** First start: the server's address and the one-time code from the supervisor. */
@Composable
fun EnrollScreen(session: Session, onEnrolled: () -> Unit) {
    val model = remember { EnrollModel(session) }
    val state by model.state.asState()
    var server by remember { mutableStateOf("https://") }
    var code by remember { mutableStateOf("") }
    val scope = rememberCoroutineScope()
    Column(Modifier.padding(24.dp), verticalArrangement = Arrangement.spacedBy(12.dp)) {
        Text("Connect this phone", style = MaterialTheme.typography.titleLarge)
        OutlinedTextField(value = server, onValueChange = { server = it }, label = { Text("Server address") }, modifier = Modifier.fillMaxWidth())
        OutlinedTextField(value = code, onValueChange = { code = model.formatCode(it) }, label = { Text("Code from your supervisor") }, modifier = Modifier.fillMaxWidth())
        state.message?.let { Text(it) }
        Button(enabled = !state.working, onClick = {
            scope.launch {
                val ok = withContext(Dispatchers.IO) { model.enroll(server, code, Build.MODEL) }
                if (ok) onEnrolled()
            }
        }, modifier = Modifier.fillMaxWidth()) { Text("Connect") }
    }
}
