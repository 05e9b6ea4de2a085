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
import org.fieldbook.presentation.SyncModel
import java.util.concurrent.TimeUnit

/**
 * Syncs when the network is back and every hour or so. Sync is blocking in the core, so it
 * runs on WorkManager's background thread; a failed sync is retried with backoff (nothing is
 * lost: changes wait in the store's outbox).
 */
class SyncWorker(context: Context, params: WorkerParameters) : CoroutineWorker(context, params) {
    override suspend fun doWork(): Result {
        val session = (applicationContext as FieldbookApp).session
        if (!session.fieldbook.identity().enrolled) return Result.success()
        return if (SyncModel(session).syncNow()) Result.success() else Result.retry()
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
