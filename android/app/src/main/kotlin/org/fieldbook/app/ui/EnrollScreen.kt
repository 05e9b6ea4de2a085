package org.fieldbook.app.ui

import android.os.Build
import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.padding
import androidx.compose.material3.Button
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
import androidx.compose.ui.platform.LocalContext
import androidx.compose.ui.semantics.LiveRegionMode
import androidx.compose.ui.semantics.liveRegion
import androidx.compose.ui.semantics.semantics
import androidx.compose.ui.unit.dp
import com.google.mlkit.vision.barcode.common.Barcode
import com.google.mlkit.vision.codescanner.GmsBarcodeScannerOptions
import com.google.mlkit.vision.codescanner.GmsBarcodeScanning
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.launch
import kotlinx.coroutines.withContext
import org.fieldbook.presentation.EnrollModel
import org.fieldbook.presentation.Session

/**
 * First start: scan the QR code the supervisor's page shows (Google's code scanner, which
 * needs no camera permission: Play services shows the camera and hands back the text), or
 * type the server address and the one-time code. Words from the shared presentation.
 */
@Composable
fun EnrollScreen(session: Session, onEnrolled: () -> Unit) {
    val model = remember { EnrollModel(session) }
    val words = remember { model.words }
    val state by model.state.asState()
    var server by remember { mutableStateOf("https://") }
    var code by remember { mutableStateOf("") }
    val scope = rememberCoroutineScope()
    val context = LocalContext.current
    // The device's own name ("Pixel 8"), not a fixed word: the team's device list tells phones apart.
    val deviceName = Build.MODEL

    fun scan() {
        // GmsBarcodeScannerOptions.Builder().setBarcodeFormats(Barcode.FORMAT_QR_CODE): QR codes only.
        val options = GmsBarcodeScannerOptions.Builder().setBarcodeFormats(Barcode.FORMAT_QR_CODE).build()
        GmsBarcodeScanning.getClient(context, options).startScan()
            .addOnSuccessListener { barcode ->
                val payload = barcode.rawValue ?: return@addOnSuccessListener
                scope.launch {
                    val ok = withContext(Dispatchers.IO) { model.enrollFromLink(payload, deviceName) }
                    if (ok) onEnrolled()
                }
            }
        // Cancelled or failed: nothing changes, and typing stays available.
    }

    Column(Modifier.padding(24.dp), verticalArrangement = Arrangement.spacedBy(12.dp)) {
        Text(words.title, style = MaterialTheme.typography.titleLarge)
        Text(words.explanation)
        Button(enabled = !state.working, onClick = ::scan, modifier = Modifier.fillMaxWidth()) { Text(words.scan) }
        OutlinedTextField(value = server, onValueChange = { server = it }, label = { Text(words.serverLabel) }, modifier = Modifier.fillMaxWidth())
        OutlinedTextField(value = code, onValueChange = { code = model.formatCode(it) }, label = { Text(words.codeLabel) }, modifier = Modifier.fillMaxWidth())
        state.message?.let { Text(it, modifier = Modifier.semantics { liveRegion = LiveRegionMode.Polite }) }
        OutlinedButton(enabled = !state.working, onClick = {
            scope.launch {
                val ok = withContext(Dispatchers.IO) { model.enroll(server, code, deviceName) }
                if (ok) onEnrolled()
            }
        }, modifier = Modifier.fillMaxWidth()) { Text(words.enroll) }
    }
}
