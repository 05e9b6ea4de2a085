package org.fieldbook.presentation

import org.fieldbook.core.ContactMode
import org.fieldbook.core.DisclosureRefusal
import org.fieldbook.core.FieldbookException
import org.fieldbook.core.VisitPurpose
import java.time.LocalDate
import java.time.OffsetDateTime
import java.time.ZoneId
import java.time.format.DateTimeFormatter
import java.time.temporal.ChronoUnit

/** Plain words for what the core returns: the same on every screen. */
object Words {
    private val day = DateTimeFormatter.ofPattern("EEE d MMM")

    fun date(iso: String?, today: LocalDate = LocalDate.now()): String {
        if (iso.isNullOrBlank()) return "—"
        val d = LocalDate.parse(iso.take(10))
        return when (ChronoUnit.DAYS.between(d, today)) {
            0L -> "today"
            1L -> "yesterday"
            -1L -> "tomorrow"
            else -> d.format(day)
        }
    }

    /**
     * A moment on the phone's clock: the core gives some times in UTC (the last sync, a
     * refusal), which would otherwise read hours off and on the wrong day.
     */
    fun time(rfc3339: String?, today: LocalDate = LocalDate.now(), zone: ZoneId = ZoneId.systemDefault()): String {
        if (rfc3339.isNullOrBlank()) return "never"
        val t = OffsetDateTime.parse(rfc3339).atZoneSameInstant(zone)
        return "${date(t.toLocalDate().toString(), today)} at ${t.toLocalTime().withNano(0).withSecond(0)}"
    }

    fun mode(m: ContactMode): String = when (m) {
        ContactMode.IN_PERSON -> "In person"
        ContactMode.PHONE -> "Phone"
        ContactMode.EMAIL -> "Email"
        ContactMode.VIDEO -> "Video"
    }

    fun purpose(p: VisitPurpose): String = when (p) {
        VisitPurpose.INTRODUCE_IPS -> "Introduce IPS"
        VisitPurpose.LEARN_BUSINESS_NEEDS -> "Learn about the business"
        VisitPurpose.FOLLOW_UP -> "Follow up"
        VisitPurpose.PRESENT_CANDIDATE -> "Present a job seeker"
        VisitPurpose.INTERVIEW -> "Interview"
        VisitPurpose.ON_THE_JOB_SUPPORT -> "Support on the job"
    }

    private val fieldNames = mapOf(
        "name" to "Name", "at" to "Time", "employer_id" to "Employer", "seeker_ids" to "Job seekers",
        "next_step_date" to "Next step date", "what" to "Step", "due" to "Due date", "code" to "Code",
        "server_url" to "Server address", "outcome" to "Outcome", "text" to "Note",
    )

    /** Why a visit may not disclose a job seeker, and what the specialist can do instead. */
    fun disclosureRefused(reason: DisclosureRefusal, date: String?): String = when (reason) {
        DisclosureRefusal.DO_NOT_DISCLOSE ->
            "This job seeker chose not to be disclosed to employers. Save the visit without disclosing."
        DisclosureRefusal.NO_CONSENT ->
            "There is no signed release to employers for this job seeker. Save the visit without disclosing, or have one signed first."
        DisclosureRefusal.CONSENT_EXPIRED ->
            "The release to employers ended after ${date ?: "its last day"}. Save the visit without disclosing, or have a new one signed."
        DisclosureRefusal.CONSENT_NOT_YET_SIGNED ->
            "The release to employers is signed only on ${date ?: "a later day"}, after this visit. Save the visit without disclosing."
    }

    /** What to tell the person when something failed: never a stack trace. */
    fun error(e: Throwable): String = when (e) {
        is FieldbookException.Network ->
            "No connection. Your work is saved on this phone and will sync when you are back online."
        is FieldbookException.DeviceRevoked ->
            "This phone was removed from Fieldbook and its data was erased. Ask your supervisor for a new code."
        is FieldbookException.NotEnrolled -> "This phone is not connected to a Fieldbook server yet."
        is FieldbookException.Unauthorised -> "You can't do that from this account."
        is FieldbookException.Invalid -> "${fieldNames[e.field] ?: e.field.replace('_', ' ').replaceFirstChar { it.uppercase() }}: ${e.reason}."
        is FieldbookException.DisclosureRefused -> disclosureRefused(e.reason, e.date)
        is FieldbookException.NotFound -> "That ${e.kind} is not on this phone."
        is FieldbookException.AlreadyExists -> "That ${e.kind} exists already."
        is FieldbookException.WrongKey -> "This phone's data could not be unlocked."
        is FieldbookException.Server ->
            if (e.status.toInt() == 429) "Too many tries. Wait a few minutes and try again."
            else if (e.code == "bad_code") "That code doesn't work. Codes are used once and expire; ask for a new one."
            else "The server had a problem. Your work is safe on this phone; try again later."
        is FieldbookException.Storage -> "This phone's storage had a problem. Your last change was not saved."
        is FieldbookException.Incomplete ->
            "The sync stopped before it was done. Nothing was lost; sync again to finish it."
        is FieldbookException.Malformed ->
            "Some data could not be read, and none of it was used. Your work is saved on this phone; try again later."
        is FieldbookException.Cancelled -> "Sync stopped. It will go on from where it stopped next time."
        is FieldbookException.Merged -> "That ${e.kind} was merged into another record. Open the record kept."
        else -> "Something went wrong. Your work is saved on this phone."
    }
}
