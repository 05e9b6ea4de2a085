# The app around its screens: tabs, the lock screen, a store that cannot be opened.

tab-caseload = Caseload
tab-log-visit = Log visit
tab-employers = Employers
tab-week = This week
tab-sync = Sync
tab-my-plan = My plan
plan-before-first-sync = Your plan will appear here after the first sync.

lock-title = Fieldbook is locked
lock-unlock = Unlock
lock-prompt = Unlock Fieldbook
lock-open-settings = Open security settings
lock-no-screen-lock = Fieldbook keeps job seekers' records, so it opens only on a phone with a screen lock. Set a PIN, pattern or password in the phone's settings, then come back.
lock-cancelled = Fieldbook is still locked. Tap Unlock when you are ready.
lock-too-many-tries = Too many tries. Wait a little, then tap Unlock to use your PIN, pattern or password.
lock-unavailable = The phone could not check who you are just now. Tap Unlock to try again.

store-starting = Fieldbook is starting.
store-failed-title = Fieldbook can't open its data
store-wrong-key = This phone's Fieldbook data could not be unlocked: its key does not match.
store-key-unreadable = The key that unlocks this phone's Fieldbook data could not be read.
store-no-folder = Fieldbook could not make its folder on this phone ({ $reason }).
store-unreadable = This phone's Fieldbook data could not be opened ({ $reason }).
store-reset-advice = Work that was synced is safe on the server. To use Fieldbook again, reset this phone and enroll it with a new code.
store-erase-failed = The phone did not let Fieldbook erase { $files }. Restart the phone and try again.
store-reset = Reset this phone…
store-reset-title = Reset this phone?
store-reset-warning = Reset erases everything Fieldbook keeps on this phone, including work that was not synced yet, and disconnects it from the server. You will need a new code from your supervisor. This cannot be undone.
store-reset-confirm = Erase and reset
store-reset-cancel = Cancel
