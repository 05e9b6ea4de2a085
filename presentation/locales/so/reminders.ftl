# DRAFT: awaiting review by a native speaker.
