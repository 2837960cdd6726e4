"""Widgets of the Sync screen (F5): the status panel, enrolment form, conflicts, the sync log,
and the runner that syncs off the GUI thread."""
