package org.fieldbook.presentation

import org.fieldbook.core.ChangeListener
import org.fieldbook.core.Fieldbook
import org.fieldbook.core.FieldbookException
import org.fieldbook.core.Role
import org.fieldbook.core.errorProblem
import org.fieldbook.core.presentation.Language
import org.fieldbook.core.presentation.Screens
import org.fieldbook.core.presentation.languageForPhone
import java.time.LocalDate
import java.time.ZoneId
import java.time.ZonedDateTime
import java.util.Locale
import java.util.concurrent.CopyOnWriteArrayList

/** The screens a person can reach; a job seeker's phone reaches only their plan and sync. */
enum class Screen { CASELOAD, LOG_VISIT, EMPLOYERS, WEEK, SYNC, MY_PLAN }

/**
 * The open store and who is using it. Models register to be refreshed when records change,
 * here or through sync.
 */
class Session(
    val fieldbook: Fieldbook,
    val today: () -> LocalDate = { LocalDate.now() },
    /** The phone's languages, most preferred first (BCP 47), read again by [followPhoneLanguage]. */
    private val phoneLanguages: () -> List<String> = { PhoneLocales.preferred() },
    /** The phone's time zone: the shared screens show every time on its clock. */
    private val zone: () -> ZoneId = { ZoneId.systemDefault() },
) : AutoCloseable {
    /**
     * The shared presentation (Rust): each screen's state already worded in the phone's
     * language. Kotlin renders it and forwards taps; it decides and words nothing itself.
     */
    val presentation: Screens = fieldbook.screens(languageForPhone(phoneLanguages()))

    /** Words every screen in the phone's language again (call when the locale changes). */
    fun followPhoneLanguage() = presentation.setLanguage(languageForPhone(phoneLanguages()))

    /**
     * What to tell the person when [e] was thrown, in the screens' language: the shared
     * catalogue's words for the core's error, never a stack trace nor the core's English.
     */
    fun problem(e: Throwable): String = problemIn(presentation.language(), e)

    /** The phone's offset from UTC now, in minutes, for the shared screens' times. */
    fun utcOffsetMinutes(): Int = ZonedDateTime.now(zone()).offset.totalSeconds / 60

    private val refreshers = CopyOnWriteArrayList<() -> Unit>()
    private val handle = fieldbook.addListener(object : ChangeListener {
        override fun documentsChanged(documentIds: List<String>) = refreshers.forEach { it() }
    })

    /** A job seeker's own phone: read-only, large type, plain language. */
    val isSeekerMode: Boolean get() = fieldbook.identity().role == Role.SEEKER

    /** The screens this person can open, in menu order. */
    val screens: List<Screen>
        get() = if (isSeekerMode) listOf(Screen.MY_PLAN, Screen.SYNC)
        else listOf(Screen.CASELOAD, Screen.LOG_VISIT, Screen.EMPLOYERS, Screen.WEEK, Screen.SYNC)

    /**
     * Calls [refresh] whenever records change, here or through sync, until the returned
     * function is called: a screen's model calls it when the screen goes (its `close()`), so
     * a closed screen is neither kept in memory nor refreshed for nothing.
     */
    fun onChange(refresh: () -> Unit): () -> Unit {
        // A wrapper of its own, so removing it removes this registration only, even when two
        // models hand in equal function references.
        val entry: () -> Unit = { refresh() }
        refreshers.add(entry)
        return { refreshers.remove(entry) }
    }

    /** How many models are watching for changes (a test sees that closed ones stopped). */
    internal val watching: Int get() = refreshers.size

    override fun close() {
        fieldbook.removeListener(handle)
        presentation.close()
    }
}

/**
 * [e] in plain words in [language] (also where no store is open, such as a store that cannot
 * be opened): anything but the core's own error is worded as the phone's storage failing.
 */
fun problemIn(language: Language, e: Throwable): String =
    errorProblem(e as? FieldbookException ?: FieldbookException.Storage(e.toString()), language, null).message

/** The language the shared screens speak on this phone, from its preferred languages. */
fun phoneLanguage(): Language = languageForPhone(PhoneLocales.preferred())

/**
 * The phone's preferred languages, most preferred first (BCP 47 tags). The app sets this from
 * Android's whole `LocaleList` at start, so a phone set to Somali then English gets English
 * rather than the default; off Android (the JVM tests) it is the default locale alone.
 */
object PhoneLocales {
    @Volatile
    var preferred: () -> List<String> = { listOf(Locale.getDefault().toLanguageTag()) }
}
