package org.fieldbook.app.ui

import androidx.compose.runtime.Composable
import androidx.compose.runtime.DisposableEffect
import androidx.compose.runtime.State
import androidx.compose.runtime.mutableStateOf
import androidx.compose.runtime.remember
import org.fieldbook.presentation.Observable

/** A presentation [Observable] as Compose state: the screen recomposes when it changes. */
@Composable
fun <T> Observable<T>.asState(): State<T> {
    val state = remember(this) { mutableStateOf(value) }
    DisposableEffect(this) {
        val stop = observe { state.value = it }
        onDispose { stop() }
    }
    return state
}

/**
 * A screen's model, made once for [keys] and closed when the screen leaves the composition
 * (or the keys change), so it stops listening to the store's changes.
 */
@Composable
fun <M : AutoCloseable> rememberModel(vararg keys: Any?, make: () -> M): M {
    val model = remember(*keys) { make() }
    DisposableEffect(model) {
        onDispose { model.close() }
    }
    return model
}
