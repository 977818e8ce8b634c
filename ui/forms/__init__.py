"""Capture forms: the encounter form, its sections, the shared field widgets, autosave."""
