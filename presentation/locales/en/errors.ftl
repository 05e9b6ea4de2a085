# The core's refusals and errors, in plain words. $field is a field's label (fields.ftl),
# $value the value refused, as typed.

error-required = { $field } is required.
error-too-long = { $field } is too long: at most { $max } characters.
error-before = { $field } ({ $value }) cannot be before { $other } ({ $date }).
error-after = { $field } ({ $value }) cannot be after { $other } ({ $date }).
error-in-future = { $field } ({ $value }) is in the future.
error-out-of-range = { $field } must be between { $min } and { $max }, not { $value }.
error-out-of-range-above = { $field } must be more than { $min } and at most { $max }, not { $value }.
error-negative = { $field } cannot be negative ({ $value }).
error-void = This { $what } was marked as entered in error and cannot be changed.
error-void-already = This { $field } was already marked as entered in error.
error-follows-itself = A step cannot be moved after itself.
error-not-discussed = Only a job seeker discussed at the visit can be disclosed.
error-invalid-other = { $field }: { $detail }
error-disclosure-do-not-disclose = { $name } asked not to be disclosed to employers.
error-disclosure-no-consent = { $name } has no signed consent to share information with employers.
error-disclosure-expired = { $name }'s consent to share information with employers ended on { $date }.
error-disclosure-not-yet-signed = { $name }'s consent to share information with employers is signed only on { $date }.
error-not-found = This { $what } is not on this phone.
error-merged = This { $what } was merged into another record: open that one instead.
error-already-exists = This { $what } was saved already.
error-wrong-key = The phone's records could not be opened.
error-unauthorised = This account may not do that.
error-not-enrolled = This phone is not connected to your team's server yet.
error-device-revoked = This phone was removed from the team and its records erased. Enroll it again to continue.
error-network = No connection to the server. Your work is kept on the phone; try again later.
error-incomplete = The sync stopped before it was done. Sync again to continue; nothing was lost.
error-cancelled = The sync was cancelled. It continues where it stopped next time.
error-server = The server had a problem (error { $status }). Your work is kept on the phone; try again later.
error-malformed = Some data could not be read ({ $what }). Nothing of it was saved.
error-storage = The phone could not save. Try again; if it keeps happening, contact your team's support.
