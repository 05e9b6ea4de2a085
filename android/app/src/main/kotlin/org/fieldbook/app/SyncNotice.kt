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
import org.fieldbook.core.presentation.SyncNotice as Notice

/**
 * Tells the person, outside the app, about a background sync that needs them: work that was
 * not accepted, or a phone removed from Fieldbook. The words come from the shared presentation
 * (`SyncReportWords.notice`, in the phone's language) and name nobody (a notification can show
 * on a locked screen); the sync screen names the records.
 */
object SyncNotice {
    private const val CHANNEL = "sync"
    private const val NOTICE_ID = 14

    /** The notification channel (required from API 26, the app's minimum); safe to repeat. */
    fun createChannel(context: Context) {
        val channel = NotificationChannelCompat.Builder(CHANNEL, NotificationManagerCompat.IMPORTANCE_DEFAULT)
            .setName(context.getString(R.string.sync_channel_name))
            .setDescription(context.getString(R.string.sync_channel_description))
            .build()
        NotificationManagerCompat.from(context).createNotificationChannel(channel)
    }

    /** Whether the app may post: on API 33+ only after the person allowed POST_NOTIFICATIONS. */
    fun permitted(context: Context): Boolean =
        Build.VERSION.SDK_INT < Build.VERSION_CODES.TIRAMISU ||
            ContextCompat.checkSelfPermission(context, Manifest.permission.POST_NOTIFICATIONS) == PackageManager.PERMISSION_GRANTED

    /** Posts [notice], if there is one and the person lets the app notify. */
    fun post(context: Context, notice: Notice?) {
        if (notice == null) return
        val manager = NotificationManagerCompat.from(context)
        // Not allowed: nothing is lost, the sync screen still shows the result and the work.
        if (!manager.areNotificationsEnabled()) return
        if (Build.VERSION.SDK_INT >= Build.VERSION_CODES.TIRAMISU &&
            ContextCompat.checkSelfPermission(context, Manifest.permission.POST_NOTIFICATIONS) != PackageManager.PERMISSION_GRANTED
        ) return
        val open = PendingIntent.getActivity(
            context,
            0,
            Intent(context, MainActivity::class.java).addFlags(Intent.FLAG_ACTIVITY_NEW_TASK or Intent.FLAG_ACTIVITY_CLEAR_TOP),
            PendingIntent.FLAG_IMMUTABLE or PendingIntent.FLAG_UPDATE_CURRENT,
        )
        val notification = NotificationCompat.Builder(context, CHANNEL)
            .setSmallIcon(android.R.drawable.stat_notify_sync)
            .setContentTitle(notice.title)
            .setContentText(notice.text)
            .setStyle(NotificationCompat.BigTextStyle().bigText(notice.text))
            .setContentIntent(open)
            .setAutoCancel(true)
            .build()
        try {
            manager.notify(NOTICE_ID, notification)
        } catch (e: SecurityException) {
            // The permission was withdrawn in between: the sync screen still shows it.
        }
    }
}
