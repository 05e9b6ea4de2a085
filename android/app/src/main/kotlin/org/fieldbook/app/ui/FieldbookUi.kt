package org.fieldbook.app.ui

import androidx.activity.compose.BackHandler
import androidx.compose.foundation.background
import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.fillMaxSize
import androidx.compose.foundation.layout.padding
import androidx.compose.material3.Badge
import androidx.compose.material3.Button
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.NavigationBar
import androidx.compose.material3.NavigationBarItem
import androidx.compose.material3.Scaffold
import androidx.compose.material3.Text
import androidx.compose.material3.Typography
import androidx.compose.runtime.Composable
import androidx.compose.runtime.LaunchedEffect
import androidx.compose.runtime.getValue
import androidx.compose.runtime.mutableStateOf
import androidx.compose.runtime.remember
import androidx.compose.runtime.setValue
import androidx.compose.ui.Alignment
import androidx.compose.ui.Modifier
import androidx.compose.ui.semantics.clearAndSetSemantics
import androidx.compose.ui.semantics.contentDescription
import androidx.compose.ui.unit.dp
import androidx.compose.ui.unit.sp
import org.fieldbook.app.ScreensViewModel
import org.fieldbook.core.presentation.FormKind
import org.fieldbook.core.presentation.ShellWords
import org.fieldbook.core.presentation.SyncLevel
import org.fieldbook.core.presentation.seekerActionForm
import org.fieldbook.core.presentation.shellWords
import org.fieldbook.presentation.ChangesModel
import org.fieldbook.presentation.IndicatorModel
import org.fieldbook.presentation.LockState
import org.fieldbook.presentation.Place
import org.fieldbook.presentation.Screen
import org.fieldbook.presentation.Session
import org.fieldbook.presentation.SyncModel
import org.fieldbook.presentation.phoneLanguage

/** A tab's name in the phone's language (the shared catalogue's [ShellWords]). */
private fun label(screen: Screen, shell: ShellWords) = when (screen) {
    Screen.CASELOAD -> shell.caseloadTab
    Screen.LOG_VISIT -> shell.logVisitTab
    Screen.EMPLOYERS -> shell.employersTab
    Screen.WEEK -> shell.weekTab
    Screen.SYNC -> shell.syncTab
    Screen.MY_PLAN -> shell.myPlanTab
}

/** The app: enrollment until the phone is enrolled, then the screens its person may open. */
@Composable
fun FieldbookUi(
    session: Session,
    sync: SyncModel,
    screens: ScreensViewModel,
    online: () -> Boolean,
    onActivity: () -> Unit,
    onVisitSaved: () -> Unit,
) {
    var enrolled by remember { mutableStateOf(session.fieldbook.identity().enrolled) }
    val syncState by sync.state.asState()
    // A background sync that found this phone removed sends it back to enrollment at once.
    LaunchedEffect(syncState.mustEnroll) { if (syncState.mustEnroll) enrolled = false }
    val seekerMode = enrolled && session.isSeekerMode
    val typography = if (seekerMode) {
        // Large type on a job seeker's own phone.
        Typography().run { copy(bodyLarge = bodyLarge.copy(fontSize = 22.sp), titleLarge = titleLarge.copy(fontSize = 30.sp)) }
    } else Typography()
    MaterialTheme(typography = typography) {
        if (!enrolled) {
            EnrollScreen(session) { sync.refresh(); enrolled = true }
            return@MaterialTheme
        }
        // Kept in the ViewModel: turning the phone keeps the open screen; Back walks it back
        // (a record → its tab → the first tab → out of the app).
        val nav = screens.navigation(session)
        val place by nav.place.asState()
        LaunchedEffect(session.screens) { if (place.tab !in session.screens) nav.reset() }
        // androidx.activity.compose.BackHandler: called unconditionally, on only while Back stays in the app.
        BackHandler(enabled = nav.canGoBack) { nav.back(); onActivity() }
        // Always visible, above every screen, and on the Sync tab's badge: the shared
        // indicator (offline, waiting, refused, last sync), in words, never by colour alone.
        val indicatorModel = rememberModel(session) { IndicatorModel(session, online) }
        LaunchedEffect(syncState) { indicatorModel.refresh() }
        val indicator by indicatorModel.state.asState()
        val shell = remember(session.presentation.language()) { shellWords(session.presentation.language()) }
        Scaffold(
            bottomBar = {
                NavigationBar {
                    session.screens.forEach { s ->
                        NavigationBarItem(
                            selected = s == place.tab,
                            onClick = { nav.tab(s); onActivity() },
                            icon = {
                                // The Sync tab marks what needs the person: refused, offline or
                                // waiting work; TalkBack reads the indicator's own line.
                                badgeMark(indicator.state)?.let { mark ->
                                    if (s == Screen.SYNC) Badge(Modifier.clearAndSetSemantics { contentDescription = indicator.line }) { Text(mark) }
                                }
                            },
                            label = { Text(label(s, shell)) },
                        )
                    }
                }
            },
        ) { padding ->
            Column(Modifier.padding(padding).padding(16.dp)) {
                SyncIndicatorBar(indicatorModel)
                when (val p = place) {
                    is Place.SeekerPlan -> {
                        SeekerScreen(
                            session,
                            p.seekerId,
                            // The shared form Rust names for the action; logging a visit is its own tab.
                            onAction = { action ->
                                seekerActionForm(action, p.seekerId)?.let(nav::openForm) ?: nav.tab(Screen.LOG_VISIT)
                                onActivity()
                            },
                            onRowAction = { action -> nav.openRowAction(action); onActivity() },
                        )
                    }
                    // Saved: back to the job seeker the correction was opened from.
                    is Place.VisitCorrection -> VisitScreen(screens.visitCorrection(session, p.employerId, p.visitId)) {
                        onVisitSaved()
                        nav.back()
                    }
                    is Place.EmployerDetail -> {
                        EmployerFormButtons(session, p.employerId, nav::openForm)
                        EmployerDetailScreen(session, p.employerId)
                    }
                    is Place.Form -> RecordFormScreen(screens.recordForm(session, p.kind)) { nav.back() }
                    is Place.Tab -> when (p.screen) {
                        Screen.CASELOAD -> {
                            AddButton(session, FormKind.Seeker, nav::openForm)
                            CaseloadScreen(session, nav::openSeeker)
                        }
                        Screen.LOG_VISIT -> VisitScreen(screens.visitForm(session), onVisitSaved)
                        Screen.EMPLOYERS -> {
                            AddButton(session, FormKind.Employer, nav::openForm)
                            EmployersScreen(session, nav::openEmployer)
                        }
                        Screen.WEEK -> WeekScreen(session)
                        Screen.SYNC -> {
                            val changes = rememberModel(session) { ChangesModel(session) }
                            LaunchedEffect(syncState) { changes.refresh() }
                            SyncScreen(sync, changes) { enrolled = session.fieldbook.identity().enrolled }
                            // "Sync first" closes the dialog: the Sync button is right above.
                            SignOut(session, onSyncFirst = {}) { enrolled = false }
                        }
                        Screen.MY_PLAN -> session.fieldbook.caseload(null).firstOrNull()?.let { SeekerScreen(session, it.seekerId, onAction = {}) }
                            ?: Text(shell.planBeforeFirstSync)
                    }
                }
            }
        }
    }
}

/** The Sync tab's mark for [level] (the words are the indicator's line), or none when all is well. */
private fun badgeMark(level: SyncLevel): String? = when (level) {
    SyncLevel.REFUSED -> "!"
    SyncLevel.OFFLINE -> "⨯"
    SyncLevel.WAITING -> "↑"
    SyncLevel.UP_TO_DATE, SyncLevel.NOT_ENROLLED -> null
}

/** Shown while the app is locked: why, the Unlock button, and the settings when no screen lock is set. */
@Composable
fun LockedScreen(state: LockState, onUnlock: () -> Unit, onOpenSettings: () -> Unit) {
    // Before the store opens there is no session: the phone's language, read now.
    val shell = shellWords(phoneLanguage())
    Column(
        Modifier.fillMaxSize().padding(24.dp),
        verticalArrangement = Arrangement.Center,
        horizontalAlignment = Alignment.CenterHorizontally,
    ) {
        Text(shell.lockedTitle, style = MaterialTheme.typography.titleLarge)
        state.message?.let { Text(it, modifier = Modifier.padding(top = 12.dp)) }
        if (state.needsScreenLock) {
            Button(onClick = onOpenSettings, modifier = Modifier.padding(top = 16.dp)) { Text(shell.openSecuritySettings) }
        } else {
            Button(onClick = onUnlock, modifier = Modifier.padding(top = 16.dp)) { Text(shell.unlock) }
        }
    }
}

/** Covers the app while it is not in front: only the app's name shows in the app switcher. */
@Composable
fun PrivacyCover() {
    Column(
        Modifier.fillMaxSize().background(MaterialTheme.colorScheme.surface),
        verticalArrangement = Arrangement.Center,
        horizontalAlignment = Alignment.CenterHorizontally,
    ) {
        Text("Fieldbook", style = MaterialTheme.typography.titleLarge)
    }
}
