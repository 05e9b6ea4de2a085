package org.fieldbook.presentation

import java.util.concurrent.CopyOnWriteArrayList

/**
 * A value screens watch. Plain Kotlin, no coroutines: Compose wraps it in `mutableStateOf`,
 * SwiftUI's mirror uses `@Published`. Observers are called on the thread that set the value.
 */
class Observable<T>(initial: T) {
    @Volatile
    var value: T = initial
        set(v) {
            field = v
            observers.forEach { it(v) }
        }

    private val observers = CopyOnWriteArrayList<(T) -> Unit>()

    /** Calls [observer] now and on every change; returns a function that stops it. */
    fun observe(observer: (T) -> Unit): () -> Unit {
        observers.add(observer)
        observer(value)
        return { observers.remove(observer) }
    }
}
