package org.fieldbook.presentation

import org.fieldbook.core.RefusedChangeView
import java.time.LocalDate
import java.time.ZoneId

/** A notification's title and text. */
data class Notice(val title: String, val text: String)

/** Work kept on this phone that the team's record does not hold, in words. */
data class RefusedLine(
    /** "A new case note for case notes of Erik Lund". */
    val what: String,
    /** Why, as the server or the phone said it. */
    val why: String,
    /** "refused today at 10:42". */
    val `when`: String,
)

/** Plain words for what a sync did: the sync screen and the background sync's notification. */
object SyncWords {
    private fun count(n: Int, one: String, many: String = one + "s") = if (n == 1) "1 $one" else "$n $many"

    /** "Synced today at 10:42 (in the background): sent 2 records, received 1." */
    fun summary(last: LastSync, today: LocalDate = LocalDate.now(), zone: ZoneId = ZoneId.systemDefault()): String {
        val at = Words.time(last.at, today, zone) + if (last.background) " (in the background)" else ""
        if (last.error != null) return "Sync failed $at. ${last.error}"
        val moved = "sent ${count(last.sent, "record")}, received ${last.received}" +
            if (last.removed > 0) ", ${count(last.removed, "record")} left this phone." else "."
        val refused = if (last.refused == 0) "" else
            " Work on ${count(last.refused, "record")} was not accepted: see below."
        val failed = if (last.failed == 0) "" else
            " ${count(last.failed, "record")} could not be read and will be asked for again."
        return "Synced $at: $moved$refused$failed"
    }

    /**
     * What a background sync tells the person outside the app, or `null` when nothing needs
     * them. No names: a notification can show on a locked screen.
     */
    fun notice(last: LastSync): Notice? = when {
        last.mustEnroll && last.error != null -> Notice("Fieldbook needs you", last.error)
        last.refused > 0 -> Notice(
            "Some of your work was not accepted",
            "Work on ${count(last.refused, "record")} did not reach your team's record. " +
                "It is kept on this phone: open Fieldbook to see what and why.",
        )
        else -> null
    }

    /** What a change did, in words: `note.add` is "A new case note". */
    fun operation(op: String?): String = when (op) {
        "note.add" -> "A new case note"
        "note.void" -> "A case note taken back"
        "plan.step.add" -> "A new plan step"
        "plan.step.edit", "plan.step.move", "plan.step.status" -> "A change to a plan step"
        "plan.step.done" -> "A plan step marked done"
        "plan.step.void" -> "A plan step taken back"
        "plan.edit" -> "A change to the plan"
        "visit.log" -> "A visit"
        "visit.edit" -> "A correction to a visit"
        "visit.void" -> "A visit taken back"
        "job.start" -> "A job start"
        "job.end" -> "A job end"
        "job.edit" -> "A correction to a job"
        "job.void" -> "A job taken back"
        "support.log" -> "A follow-along support"
        "support.edit" -> "A correction to a support"
        "support.void" -> "A support taken back"
        "seeker.add" -> "A new job seeker"
        "seeker.edit" -> "A change to the profile"
        "seeker.status" -> "A change of status"
        "seeker.benefits" -> "A change to benefits"
        "seeker.consent" -> "A signed consent"
        "seeker.education" -> "A change to education"
        "career.edit", "career.work_history", "career.disclosure" -> "A change to the career profile"
        "employer.add" -> "A new employer"
        "employer.edit" -> "A change to an employer"
        "employer.contact.add" -> "A new employer contact"
        "employer.contact.edit" -> "A change to an employer contact"
        null -> "A change"
        else -> "A change ($op)"
    }

    /**
     * Refused changes as the sync screen lists them: one line per record (newest first, as
     * `pending()` gives them), its changes said once each — a record's first change, which
     * made it, has no operation of its own and is not said when others are.
     */
    fun refused(changes: List<RefusedChangeView>, today: LocalDate = LocalDate.now()): List<RefusedLine> =
        changes.groupBy { it.docId }.values.map { same ->
            val ops = same.mapNotNull { it.what }.distinct().map(::operation).ifEmpty { listOf(operation(null)) }
            val said = ops.take(1) + ops.drop(1).map { it.replaceFirstChar(Char::lowercase) }
            val what = if (said.size == 1) said[0] else said.dropLast(1).joinToString(", ") + " and " + said.last()
            val first = same.first()
            RefusedLine(
                what = "$what for ${first.record}",
                why = first.reason.replaceFirstChar { it.uppercase() }.let { if (it.endsWith(".")) it else "$it." },
                `when` = "refused ${Words.time(first.refusedAt, today)}",
            )
        }
}
