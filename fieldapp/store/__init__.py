"""The local SQLite store: event log, projections, drafts and their schema."""
