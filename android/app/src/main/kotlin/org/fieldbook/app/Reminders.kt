package org.fieldbook.app

import android.Manifest
import android.app.PendingIntent
import android.content.Context
import android.content.Intent
import android.content.pm.PackageManager
import android.os.Build
import androidx.core.app.NotificationChannelCompat
import androidx.core.app.NotificationCompat
import androidx.core.app.NotificationManagerCompat
import androidx.core.content.ContextCompat
import androidx.work.ExistingWorkPolicy
import androidx.work.OneTimeWorkRequestBuilder
import androidx.work.WorkManager
import androidx.work.Worker
import androidx.work.WorkerParameters
import androidx.work.workDataOf
import org.fieldbook.core.presentation.Reminder
import org.fieldbook.presentation.Session
import java.time.Duration
import java.time.OffsetDateTime
import java.util.concurrent.TimeUnit

/**
 * The local notifications the shared presentation plans (steps coming due, the day-30 first
 * employer contact): each scheduled as one WorkManager job keyed by the reminder's stable key,
 * replaced when planned again. The app decides nothing here; it only schedules and posts.
 */
object Reminders {
    private const val CHANNEL = "reminders"
    private const val TAG = "reminder"

    /** The notification channel; safe to repeat. */
    fun createChannel(context: Context) {
        val channel = NotificationChannelCompat.Builder(CHANNEL, NotificationManagerCompat.IMPORTANCE_DEFAULT)
            .setName(context.getString(R.string.reminders_channel_name))
            .build()
        NotificationManagerCompat.from(context).createNotificationChannel(channel)
    }

    /** Plans the reminders again: those no longer planned are cancelled, the others replaced. */
    fun plan(context: Context, session: Session) {
        val work = WorkManager.getInstance(context)
        work.cancelAllWorkByTag(TAG)
        val now = OffsetDateTime.now()
        for (r in session.presentation.reminders(session.utcOffsetMinutes())) {
            val delay = Duration.between(now, OffsetDateTime.parse(r.at)).toMillis().coerceAtLeast(0)
            val request = OneTimeWorkRequestBuilder<ReminderWorker>()
                .setInitialDelay(delay, TimeUnit.MILLISECONDS)
                .addTag(TAG)
                .setInputData(data(r))
                .build()
            work.enqueueUniqueWork("reminder-${r.key}", ExistingWorkPolicy.REPLACE, request)
        }
    }

    private fun data(r: Reminder) = workDataOf(
        "key" to r.key, "title" to r.title, "body" to r.body, "public" to r.publicText, "seeker" to r.seekerId,
    )

    /** Posts one reminder; on a locked screen only its words naming nobody show. */
    fun post(context: Context, key: String, title: String, body: String, publicText: String) {
        val manager = NotificationManagerCompat.from(context)
        if (!manager.areNotificationsEnabled()) return
        if (Build.VERSION.SDK_INT >= Build.VERSION_CODES.TIRAMISU &&
            ContextCompat.checkSelfPermission(context, Manifest.permission.POST_NOTIFICATIONS) != PackageManager.PERMISSION_GRANTED
        ) return
        val open = PendingIntent.getActivity(
            context,
            key.hashCode(),
            Intent(context, MainActivity::class.java).addFlags(Intent.FLAG_ACTIVITY_NEW_TASK or Intent.FLAG_ACTIVITY_CLEAR_TOP),
            PendingIntent.FLAG_IMMUTABLE or PendingIntent.FLAG_UPDATE_CURRENT,
        )
        val public = NotificationCompat.Builder(context, CHANNEL)
            .setSmallIcon(android.R.drawable.ic_popup_reminder)
            .setContentTitle(publicText)
            .build()
        val notification = NotificationCompat.Builder(context, CHANNEL)
            .setSmallIcon(android.R.drawable.ic_popup_reminder)
            .setContentTitle(title)
            .setContentText(body)
            .setStyle(NotificationCompat.BigTextStyle().bigText(body))
            .setVisibility(NotificationCompat.VISIBILITY_PRIVATE)
            .setPublicVersion(public)
            .setContentIntent(open)
            .setAutoCancel(true)
            .build()
        try {
            manager.notify(key, 0, notification)
        } catch (e: SecurityException) {
            // Permission withdrawn in between: the caseload still shows the alert.
        }
    }
}

/** Shows one planned reminder when its time comes. */
class ReminderWorker(context: Context, params: WorkerParameters) : Worker(context, params) {
    override fun doWork(): Result {
        val d = inputData
        Reminders.post(
            applicationContext,
            d.getString("key") ?: return Result.success(),
            d.getString("title") ?: "",
            d.getString("body") ?: "",
            d.getString("public") ?: "",
        )
        return Result.success()
    }
}
