package org.fieldbook.app

import android.content.Context
import androidx.work.Constraints
import androidx.work.CoroutineWorker
import androidx.work.ExistingPeriodicWorkPolicy
import androidx.work.ExistingWorkPolicy
import androidx.work.NetworkType
import androidx.work.OneTimeWorkRequestBuilder
import androidx.work.PeriodicWorkRequestBuilder
import androidx.work.WorkManager
import androidx.work.WorkerParameters
import androidx.work.workDataOf
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.withContext
import java.util.concurrent.TimeUnit

/**
 * Syncs when the network is back and every hour or so, through the app's one [SyncModel]
 * (`FieldbookApp.sync`): the sync screen shows the result as it ends, the model keeps it for
 * the next start, and work that was not accepted (or a phone removed from Fieldbook) is told
 * in a notification. Only a failure that passes by itself (no connection, a busy server) is
 * retried with backoff; nothing is lost meanwhile — changes wait in the store's outbox.
 *
 * The result is also the work's output Data (counts only, no names) for one-time work;
 * periodic work never reaches a finished state, so its WorkInfo has no output — which is why
 * the screen reads the model, not WorkInfo.
 */
class SyncWorker(context: Context, params: WorkerParameters) : CoroutineWorker(context, params) {
    override suspend fun doWork(): Result {
        // A store that could not be opened waits for the person's reset: nothing to sync.
        val open = (applicationContext as FieldbookApp).open ?: return Result.success()
        // CoroutineWorker runs on Dispatchers.Default; the core's sync blocks on the network.
        val result = withContext(Dispatchers.IO) {
            if (!open.session.fieldbook.identity().enrolled) null else open.sync.sync(background = true)
        } ?: return Result.success()
        SyncNotice.post(applicationContext, result.words.notice)
        if (result.words.retry) return Result.retry()
        val last = result.last
        return Result.success(
            workDataOf(
                "sent" to last.sent.toInt(),
                "received" to last.received.toInt(),
                "refused" to last.refused.toInt(),
                "failed" to (last.failure != null),
            ),
        )
    }

    companion object {
        private val online = Constraints.Builder().setRequiredNetworkType(NetworkType.CONNECTED).build()

        fun schedule(context: Context) {
            val periodic = PeriodicWorkRequestBuilder<SyncWorker>(1, TimeUnit.HOURS).setConstraints(online).build()
            WorkManager.getInstance(context).enqueueUniquePeriodicWork("sync", ExistingPeriodicWorkPolicy.KEEP, periodic)
        }

        /** After a visit is logged: sync as soon as there is a connection. */
        fun soon(context: Context) {
            val once = OneTimeWorkRequestBuilder<SyncWorker>().setConstraints(online).build()
            WorkManager.getInstance(context).enqueueUniqueWork("sync-soon", ExistingWorkPolicy.REPLACE, once)
        }
    }
}
